#include "history/ReflogModel.h"

#include <QFontDatabase>
#include <QLocale>

namespace hubvault::app {

ReflogModel::ReflogModel(QObject *parent) : QAbstractTableModel(parent) {}

void ReflogModel::setEntries(const QString &refName, const QList<ReflogEntry> &entries)
{
    beginResetModel();
    m_refName = refName;
    m_entries = entries;
    endResetModel();
}

void ReflogModel::clear()
{
    setEntries({}, {});
}

int ReflogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ReflogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReflogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReflogEntry &e = m_entries.at(index.row());
    const QString oldHead = e.oldHead.value_or(QString());
    const QString newHead = e.newHead.value_or(QString());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(e.timestamp.toLocalTime(), QLocale::ShortFormat);
        case OldHeadColumn:
            return oldHead.isEmpty() ? tr("—") : oldHead.left(7);
        case NewHeadColumn:
            return newHead.isEmpty() ? tr("—") : newHead.left(7);
        case MessageColumn:
            return e.message.section(QLatin1Char('\n'), 0, 0);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return e.timestamp.toString(Qt::ISODate);
        case OldHeadColumn:
            return oldHead.isEmpty() ? tr("No commit before this entry") : oldHead;
        case NewHeadColumn:
            return newHead.isEmpty() ? tr("No commit after this entry") : newHead;
        default:
            return e.message;
        }
    case Qt::FontRole:
        if (index.column() == OldHeadColumn || index.column() == NewHeadColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return {};
    case TimestampRole:
        return e.timestamp;
    case OldHeadRole:
        return oldHead;
    case NewHeadRole:
        return newHead;
    case MessageRole:
        return e.message;
    case ChecksumRole:
        return e.checksum;
    default:
        return {};
    }
}

QVariant ReflogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case OldHeadColumn:
        return tr("From");
    case NewHeadColumn:
        return tr("To");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

} // namespace hubvault::app
