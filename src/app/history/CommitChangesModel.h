#pragma once
// The files one commit changed against its first parent: path, kind of change, size
// before and after, and (once the storage delta arrives) copies, renames and the stored
// bytes each file really added. Holds copies of the core's values.

#include <hubvault/Models.h>

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace hubvault::app {

class CommitChangesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PathColumn, ChangeColumn, OldSizeColumn, NewSizeColumn, DeltaColumn, StoredColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1,
        ChangeTypeRole, ///< added, modified, deleted, or (with storage) copied, renamed
        CopiedFromRole, ///< copied or renamed: the parent's path with the same content
        StoredBytesRole, ///< qint64 stored bytes the file added after dedup; -1 until known
        OldSizeRole,    ///< qint64, -1 when the file did not exist before
        NewSizeRole,    ///< qint64, -1 when the file no longer exists
        SortRole,       ///< raw values for sorting
    };

    explicit CommitChangesModel(QObject *parent = nullptr);

    void setChanges(const QList<CommitChangeInfo> &changes);
    /** Adds what the storage delta knows: copies, renames and stored bytes per file. */
    void setStorage(const CommitStorageDelta &storage);
    bool hasStorage() const { return m_hasStorage; }
    void clear();
    const QList<CommitChangeInfo> &changes() const { return m_changes; }

    /** Translated, capitalised name of a change type ("Added"). */
    static QString changeLabel(ChangeKind changeType);
    /** "+1.2 KiB", "−300 bytes", "0 bytes". */
    static QString formatDelta(qint64 bytes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ChangeKind changeTypeOf(const CommitChangeInfo &c) const;

    QList<CommitChangeInfo> m_changes;
    QHash<QString, CommitFileStorageDelta> m_storage; ///< by path
    bool m_hasStorage = false;
};

} // namespace hubvault::app
