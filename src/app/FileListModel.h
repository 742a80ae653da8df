#pragma once
// The file list's data: one row per file of the selected revision. Holds copies of the
// core's RepoFile values only; it never reads the repository itself.

#include "Models.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace hubvault::app {

/** Files of one revision with path, human-readable size, storage kind and short SHA-256. */
class FileListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PathColumn, SizeColumn, StorageColumn, Sha256Column, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< raw values a proxy sorts by (bytes for Size)
        PathRole,
        SizeRole,      ///< qint64 bytes
        IsChunkedRole, ///< true when the file is stored as chunks (has LFS info)
        Sha256Role,    ///< full hex digest
    };

    explicit FileListModel(QObject *parent = nullptr);

    void setFiles(const QList<RepoFile> &files);
    void clear();

    const QList<RepoFile> &files() const { return m_files; }
    QStringList paths() const;
    qint64 totalSize() const;

    /** "0 bytes", "16 bytes", "1.3 MiB": IEC units, in the user's locale. */
    static QString formatSize(qint64 bytes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<RepoFile> m_files;
};

} // namespace hubvault::app
