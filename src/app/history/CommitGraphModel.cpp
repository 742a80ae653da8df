#include "history/CommitGraphModel.h"

#include <hubvault/FnMatch.h>
#include "async/BackgroundCall.h"

#include <QFontDatabase>
#include <QLocale>
#include <algorithm>

namespace hubvault::app {

namespace {

const QString kHeadsPrefix = QStringLiteral("refs/heads/");

QString joinBadges(const QList<RefBadge> &badges)
{
    QStringList names;
    for (const RefBadge &b : badges)
        names.append(b.name);
    return names.join(QStringLiteral(", "));
}

bool isWildcard(const QString &pattern)
{
    return pattern.contains(QLatin1Char('*')) || pattern.contains(QLatin1Char('?'))
           || pattern.contains(QLatin1Char('['));
}

} // namespace

CommitGraphModel::CommitGraphModel(QObject *parent) : QAbstractTableModel(parent)
{
    qRegisterMetaType<GraphSegment>();
    qRegisterMetaType<QList<GraphSegment>>();
    qRegisterMetaType<RefBadge>();
    qRegisterMetaType<QList<RefBadge>>();
}

CommitGraphModel::~CommitGraphModel() = default;

void CommitGraphModel::setRepository(const QString &repoPath, const GitRefs &refs, const QString &defaultBranch)
{
    beginResetModel();
    ++m_generation; // a batch still running for the previous history is dropped on arrival
    m_repoPath = repoPath;
    m_records.clear();
    m_indexOf.clear();
    m_children.clear();
    m_badges.clear();
    m_layout.clear();
    m_visible.clear();
    m_locateTarget.clear();
    m_lastError.clear();
    m_fetching = false;

    // Heads in the order ties are broken: the default branch, other branches, tags.
    QStringList heads;
    for (const GitRefInfo &b : refs.branches) {
        if (!b.targetCommit)
            continue;
        const bool isDefault = b.name == defaultBranch;
        RefBadge badge{b.name, b.ref, RefBadge::Branch, isDefault};
        QList<RefBadge> &list = m_badges[*b.targetCommit];
        if (isDefault) {
            list.prepend(badge);
            heads.prepend(*b.targetCommit);
        } else {
            list.append(badge);
            heads.append(*b.targetCommit);
        }
    }
    for (const GitRefInfo &t : refs.tags) {
        if (!t.targetCommit)
            continue;
        m_badges[*t.targetCommit].append(RefBadge{t.name, t.ref, RefBadge::Tag, false});
        heads.append(*t.targetCommit);
    }
    heads.removeDuplicates();
    m_walker = heads.isEmpty() ? nullptr : std::make_shared<HistoryWalker>(repoPath, heads);
    m_complete = !m_walker;
    endResetModel();
    Q_EMIT laneCountChanged(0);
    if (m_walker)
        requestBatch();
    else
        Q_EMIT historyComplete();
}

void CommitGraphModel::clear()
{
    setRepository({}, {}, {});
}

void CommitGraphModel::setBatchSize(int size)
{
    m_batchSize = std::max(1, size);
}

void CommitGraphModel::setFilter(const QString &text, const QString &path)
{
    QString cleanPath = path.trimmed();
    while (cleanPath.startsWith(QLatin1Char('/')))
        cleanPath.remove(0, 1);
    while (cleanPath.endsWith(QLatin1Char('/')))
        cleanPath.chop(1);
    const QString cleanText = text.trimmed();
    if (cleanText == m_textFilter && cleanPath == m_pathFilter)
        return;
    beginResetModel();
    m_textFilter = cleanText;
    m_pathFilter = cleanPath;
    rebuildVisible();
    endResetModel();
    // Few matches in what is loaded: keep reading so the list fills (the view asks for
    // more only when it has rows to scroll).
    if (isFiltered() && !m_complete)
        requestBatch();
}

bool CommitGraphModel::matchesFilter(const CommitRecord &record) const
{
    if (!m_textFilter.isEmpty()) {
        const bool hit = record.title.contains(m_textFilter, Qt::CaseInsensitive)
                         || record.message.contains(m_textFilter, Qt::CaseInsensitive)
                         || (m_textFilter.size() >= 4 && record.id.startsWith(m_textFilter.toLower()));
        if (!hit)
            return false;
    }
    if (!m_pathFilter.isEmpty()) {
        if (isWildcard(m_pathFilter)) {
            // The same patterns as allow/ignore patterns: '*' crosses folders.
            const FnMatch pattern(m_pathFilter);
            return std::any_of(record.changedPaths.cbegin(), record.changedPaths.cend(),
                               [&](const QString &p) { return pattern.matches(p); });
        }
        const QString folder = m_pathFilter + QLatin1Char('/');
        return std::any_of(record.changedPaths.cbegin(), record.changedPaths.cend(),
                           [&](const QString &p) { return p == m_pathFilter || p.startsWith(folder); });
    }
    return true;
}

void CommitGraphModel::rebuildVisible()
{
    m_visible.clear();
    if (!isFiltered())
        return;
    for (size_t i = 0; i < m_records.size(); ++i) {
        if (matchesFilter(m_records[i]))
            m_visible.push_back(int(i));
    }
}

int CommitGraphModel::recordIndex(int row) const
{
    return isFiltered() ? m_visible[size_t(row)] : row;
}

const CommitRecord &CommitGraphModel::record(int row) const
{
    return m_records[size_t(recordIndex(row))];
}

int CommitGraphModel::rowOfCommit(const QString &commitId) const
{
    int index = m_indexOf.value(commitId, -1);
    if (index < 0 && commitId.size() >= 7 && commitId.size() < 40) {
        for (size_t i = 0; i < m_records.size(); ++i) {
            if (m_records[i].id.startsWith(commitId)) {
                index = int(i);
                break;
            }
        }
    }
    if (index < 0)
        return -1;
    if (!isFiltered())
        return index;
    const auto it = std::lower_bound(m_visible.cbegin(), m_visible.cend(), index);
    return it != m_visible.cend() && *it == index ? int(it - m_visible.cbegin()) : -1;
}

void CommitGraphModel::locateCommit(const QString &commitId)
{
    if (commitId.isEmpty())
        return;
    m_locateTarget = commitId;
    if (isLoaded(commitId) || m_complete) {
        finishLocate();
        return;
    }
    requestBatch();
}

void CommitGraphModel::finishLocate()
{
    const QString target = m_locateTarget;
    m_locateTarget.clear();
    Q_EMIT commitLocated(target, rowOfCommit(target));
}

int CommitGraphModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return isFiltered() ? int(m_visible.size()) : int(m_records.size());
}

int CommitGraphModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CommitGraphModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int recordRow = recordIndex(index.row());
    const CommitRecord &c = m_records[size_t(recordRow)];
    const GraphRow &g = m_layout.row(recordRow);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return c.title;
        case RefsColumn:
            return joinBadges(m_badges.value(c.id));
        case DateColumn:
            return QLocale().toString(c.date.toLocalTime(), QLocale::ShortFormat);
        case IdColumn:
            return c.id.left(7);
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        QString tip = c.id + QLatin1Char('\n') + c.title;
        if (!c.message.isEmpty())
            tip += QStringLiteral("\n\n") + c.message;
        const QList<RefBadge> badges = m_badges.value(c.id);
        if (!badges.isEmpty())
            tip += QStringLiteral("\n\n") + tr("Refs: %1").arg(joinBadges(badges));
        return tip;
    }
    case Qt::FontRole:
        if (index.column() == IdColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return {};
    case Qt::AccessibleTextRole:
        return tr("Commit %1: %2").arg(c.id.left(7), c.title);
    case CommitIdRole:
        return c.id;
    case ShortIdRole:
        return c.id.left(7);
    case ParentIdsRole:
        return c.parents;
    case TitleRole:
        return c.title;
    case MessageRole:
        return c.message;
    case DateRole:
        return c.date;
    case ChangedPathsRole:
        return c.changedPaths;
    case LaneRole:
        return g.lane;
    case NodeColorRole:
        return g.color;
    case SegmentsRole:
        return QVariant::fromValue(g.segments);
    case LaneCountRole:
        return isFiltered() ? 1 : g.laneCount;
    case IsMergeRole:
        return c.parents.size() > 1;
    case IsHeadRole:
        return g.isHead;
    case RefBadgesRole:
        return QVariant::fromValue(m_badges.value(c.id));
    case GraphVisibleRole:
        return !isFiltered();
    default:
        return {};
    }
}

QVariant CommitGraphModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case GraphColumn:
        return tr("Graph");
    case TitleColumn:
        return tr("Description");
    case RefsColumn:
        return tr("Refs");
    case DateColumn:
        return tr("Date");
    case IdColumn:
        return tr("Commit");
    default:
        return {};
    }
}

Qt::ItemFlags CommitGraphModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

bool CommitGraphModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_walker && !m_complete && (m_fetchLimit < 0 || rowCount() < m_fetchLimit);
}

void CommitGraphModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestBatch();
}

void CommitGraphModel::requestBatch()
{
    if (m_fetching || m_complete || !m_walker)
        return;
    m_fetching = true;
    Q_EMIT loadingChanged(true);
    const std::shared_ptr<HistoryWalker> walker = m_walker;
    const int count = m_records.empty() ? std::min(m_batchSize, kFirstBatchSize) : m_batchSize;
    const quint64 generation = m_generation;
    background::run(
        this, [walker, count] { return walker->next(count); },
        [this, generation](const background::Outcome<HistoryBatch> &result) {
            if (result.ok())
                onBatch(generation, *result.value);
            else
                onBatchFailed(generation, result.failure.message);
        }, background::historyThreadPool());
}

void CommitGraphModel::onBatch(quint64 generation, const HistoryBatch &batch)
{
    if (generation != m_generation)
        return;
    m_fetching = false;
    m_complete = batch.atEnd;
    const int previousLanes = m_layout.maxLaneCount();
    const int first = int(m_records.size());
    QList<int> matches;
    for (const CommitRecord &c : batch.commits) {
        m_layout.append(c.id, c.parents);
        const int index = int(m_records.size());
        m_indexOf.insert(c.id, index);
        for (const QString &parent : c.parents)
            m_children[parent].append(c.id);
        m_records.push_back(c);
        if (isFiltered() && matchesFilter(c))
            matches.append(index);
    }
    if (!isFiltered()) {
        if (!batch.commits.isEmpty()) {
            beginInsertRows({}, first, int(m_records.size()) - 1);
            endInsertRows();
        }
    } else if (!matches.isEmpty()) {
        const int firstRow = int(m_visible.size());
        beginInsertRows({}, firstRow, firstRow + int(matches.size()) - 1);
        m_visible.insert(m_visible.end(), matches.cbegin(), matches.cend());
        endInsertRows();
    }
    if (m_layout.maxLaneCount() != previousLanes)
        Q_EMIT laneCountChanged(m_layout.maxLaneCount());
    Q_EMIT batchLoaded(loadedCount(), rowCount());

    if (!m_locateTarget.isEmpty()) {
        if (isLoaded(m_locateTarget) || m_complete)
            finishLocate();
        else
            requestBatch();
    }
    // A filter that matched nothing new must not stall: the view only asks for more
    // when new rows arrive or it is scrolled.
    if (isFiltered() && matches.isEmpty() && !m_complete)
        requestBatch();
    if (!m_fetching)
        Q_EMIT loadingChanged(false);
    if (m_complete)
        Q_EMIT historyComplete();
}

void CommitGraphModel::onBatchFailed(quint64 generation, const QString &message)
{
    if (generation != m_generation)
        return;
    m_fetching = false;
    m_complete = true; // what was loaded stays; retrying is a reload
    m_lastError = message;
    if (!m_locateTarget.isEmpty())
        finishLocate();
    Q_EMIT loadingChanged(false);
    Q_EMIT loadFailed(message);
}

} // namespace hubvault::app
