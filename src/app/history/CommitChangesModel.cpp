#include "history/CommitChangesModel.h"
#include "shell/Formatting.h"

#include "shell/AppResources.h"
#include "files/FileTreeModel.h"

#include <QIcon>
#include <algorithm>

namespace hubvault::app {

namespace {

qint64 oldSize(const CommitChangeInfo &c)
{
    return c.oldFile ? c.oldFile->size : -1;
}

qint64 newSize(const CommitChangeInfo &c)
{
    return c.newFile ? c.newFile->size : -1;
}

} // namespace

CommitChangesModel::CommitChangesModel(QObject *parent) : QAbstractTableModel(parent)
{
    ensureResources();
}

void CommitChangesModel::setChanges(const QList<CommitChangeInfo> &changes)
{
    beginResetModel();
    m_changes = changes;
    m_storage.clear();
    m_hasStorage = false;
    endResetModel();
}

void CommitChangesModel::setStorage(const CommitStorageDelta &storage)
{
    m_storage.clear();
    for (const CommitFileStorageDelta &file : storage.files)
        m_storage.insert(file.path, file);
    m_hasStorage = true;
    if (!m_changes.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

ChangeKind CommitChangesModel::changeTypeOf(const CommitChangeInfo &c) const
{
    const auto it = m_storage.constFind(c.path);
    return it != m_storage.constEnd() && !it->copiedFrom.isEmpty() ? it->changeType : c.changeType;
}

void CommitChangesModel::clear()
{
    setChanges({});
}

QString CommitChangesModel::changeLabel(ChangeKind changeType)
{
    switch (changeType) {
    case ChangeKind::Added:
        return tr("Added");
    case ChangeKind::Modified:
        return tr("Modified");
    case ChangeKind::Deleted:
        return tr("Deleted");
    case ChangeKind::Copied:
        return tr("Copied");
    case ChangeKind::Renamed:
        return tr("Renamed");
    }
    return wireName(changeType);
}

QString CommitChangesModel::formatDelta(qint64 bytes)
{
    if (bytes > 0)
        return tr("+%1").arg(formatBytes(bytes));
    if (bytes < 0)
        return tr("−%1").arg(formatBytes(-bytes));
    return formatBytes(0);
}

int CommitChangesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_changes.size());
}

int CommitChangesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CommitChangesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CommitChangeInfo &c = m_changes.at(index.row());
    const qint64 before = oldSize(c);
    const qint64 after = newSize(c);
    const ChangeKind changeType = changeTypeOf(c);
    const auto storage = m_storage.constFind(c.path);
    const QString copiedFrom = storage != m_storage.constEnd() ? storage->copiedFrom : QString();
    // Deleted files add nothing; other files are unknown until the delta arrives.
    const qint64 stored = storage != m_storage.constEnd() ? storage->addedStoredBytes
                                                          : (m_hasStorage || !c.newFile ? 0 : -1);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PathColumn:
            return c.path;
        case ChangeColumn:
            return copiedFrom.isEmpty() ? changeLabel(changeType)
                                        : tr("%1 from %2").arg(changeLabel(changeType), copiedFrom);
        case OldSizeColumn:
            return before < 0 ? QString() : formatBytes(before);
        case NewSizeColumn:
            return after < 0 ? QString() : formatBytes(after);
        case DeltaColumn:
            return formatDelta(std::max<qint64>(after, 0) - std::max<qint64>(before, 0));
        case StoredColumn:
            return stored < 0 ? QString() : formatDelta(stored);
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == PathColumn)
            return QIcon(QStringLiteral(":/icons/change-%1.svg").arg(wireName(changeType == ChangeKind::Renamed ? ChangeKind::Copied : changeType)));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= OldSizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole: {
        QStringList lines{c.path, copiedFrom.isEmpty() ? changeLabel(changeType)
                                                       : tr("%1 from %2").arg(changeLabel(changeType), copiedFrom)};
        if (c.oldFile)
            lines.append(tr("Before: %1, sha256 %2").arg(formatBytes(before), c.oldFile->sha256));
        if (c.newFile)
            lines.append(tr("After: %1, sha256 %2").arg(formatBytes(after), c.newFile->sha256));
        if (stored >= 0 && c.newFile)
            lines.append(tr("Stored after deduplication: %1").arg(formatBytes(stored)));
        return lines.join(QLatin1Char('\n'));
    }
    case PathRole:
        return c.path;
    case ChangeTypeRole:
        return wireName(changeType);
    case CopiedFromRole:
        return copiedFrom;
    case StoredBytesRole:
        return stored;
    case OldSizeRole:
        return before;
    case NewSizeRole:
        return after;
    case SortRole:
        switch (index.column()) {
        case OldSizeColumn:
            return before;
        case NewSizeColumn:
            return after;
        case DeltaColumn:
            return std::max<qint64>(after, 0) - std::max<qint64>(before, 0);
        case ChangeColumn:
            return wireName(changeType);
        case StoredColumn:
            return stored;
        default:
            return c.path;
        }
    default:
        return {};
    }
}

QVariant CommitChangesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn:
        return tr("File");
    case ChangeColumn:
        return tr("Change");
    case OldSizeColumn:
        return tr("Old Size");
    case NewSizeColumn:
        return tr("New Size");
    case DeltaColumn:
        return tr("Size Change");
    case StoredColumn:
        return tr("Stored");
    default:
        return {};
    }
}

} // namespace hubvault::app
