#pragma once
// The reflog of one ref: when it moved, from which commit to which, and why. Holds copies
// of the core's ReflogEntry values; ReflogView reads them on a worker.

#include <hubvault/Models.h>

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace hubvault::app {

class ReflogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, OldHeadColumn, NewHeadColumn, MessageColumn, ColumnCount };
    enum Role {
        TimestampRole = Qt::UserRole + 1, ///< QDateTime (UTC)
        OldHeadRole,  ///< full commit id, "" when none (creation) or gone (after gc)
        NewHeadRole,  ///< full commit id, "" when none (deletion) or gone
        MessageRole,
        ChecksumRole,
    };

    explicit ReflogModel(QObject *parent = nullptr);

    void setEntries(const QString &refName, const QList<ReflogEntry> &entries);
    void clear();
    QString refName() const { return m_refName; }
    const QList<ReflogEntry> &entries() const { return m_entries; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString m_refName;
    QList<ReflogEntry> m_entries;
};

} // namespace hubvault::app
