#pragma once
// The files one commit changed against its first parent: path, kind of change, size
// before and after. Holds copies of the core's CommitChangeInfo values.

#include "Models.h"

#include <QAbstractTableModel>
#include <QList>

namespace hubvault::app {

class CommitChangesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PathColumn, ChangeColumn, OldSizeColumn, NewSizeColumn, DeltaColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1,
        ChangeTypeRole, ///< the core's word: added, modified, deleted
        OldSizeRole,    ///< qint64, -1 when the file did not exist before
        NewSizeRole,    ///< qint64, -1 when the file no longer exists
        SortRole,       ///< raw values for sorting
    };

    explicit CommitChangesModel(QObject *parent = nullptr);

    void setChanges(const QList<CommitChangeInfo> &changes);
    void clear();
    const QList<CommitChangeInfo> &changes() const { return m_changes; }

    /** Translated, capitalised name of a change type ("Added"). */
    static QString changeLabel(const QString &changeType);
    /** "+1.2 KiB", "−300 bytes", "0 bytes". */
    static QString formatDelta(qint64 bytes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<CommitChangeInfo> m_changes;
};

} // namespace hubvault::app
