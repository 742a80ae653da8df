#include "FileListModel.h"

#include <QLocale>

namespace hubvault::app {

namespace {
// Twelve hex digits tell files apart at a glance; the tooltip carries the full digest.
constexpr int kShortShaLength = 12;
}

FileListModel::FileListModel(QObject *parent) : QAbstractTableModel(parent) {}

void FileListModel::setFiles(const QList<RepoFile> &files)
{
    beginResetModel();
    m_files = files;
    endResetModel();
}

void FileListModel::clear()
{
    setFiles({});
}

QStringList FileListModel::paths() const
{
    QStringList out;
    out.reserve(m_files.size());
    for (const RepoFile &file : m_files)
        out.append(file.path);
    return out;
}

qint64 FileListModel::totalSize() const
{
    qint64 total = 0;
    for (const RepoFile &file : m_files)
        total += file.size;
    return total;
}

QString FileListModel::formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

int FileListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_files.size());
}

int FileListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FileListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RepoFile &file = m_files.at(index.row());
    const bool chunked = file.lfs.has_value();

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PathColumn:
            return file.path;
        case SizeColumn:
            return formatSize(file.size);
        case StorageColumn:
            return chunked ? tr("chunked") : tr("whole");
        case Sha256Column:
            return file.sha256.left(kShortShaLength);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case SizeColumn:
            return tr("%1 bytes").arg(QLocale().toString(file.size));
        case StorageColumn:
            return chunked ? tr("Stored as content-defined chunks in packs")
                           : tr("Stored as one whole blob");
        case Sha256Column:
            return file.sha256;
        default:
            return file.path;
        }
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case SizeColumn:
            return file.size;
        case StorageColumn:
            return chunked;
        case Sha256Column:
            return file.sha256;
        default:
            return file.path;
        }
    case PathRole:
        return file.path;
    case SizeRole:
        return file.size;
    case IsChunkedRole:
        return chunked;
    case Sha256Role:
        return file.sha256;
    default:
        return {};
    }
}

QVariant FileListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn:
        return tr("Path");
    case SizeColumn:
        return tr("Size");
    case StorageColumn:
        return tr("Storage");
    case Sha256Column:
        return tr("SHA-256");
    default:
        return {};
    }
}

} // namespace hubvault::app
