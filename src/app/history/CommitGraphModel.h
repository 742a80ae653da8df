#pragma once
// The History tab's list: one row per commit of every branch and tag, newest first, with
// the lane geometry of its graph row and the refs pointing at it. Commits arrive from a
// HistoryWalker on a worker in batches (canFetchMore / fetchMore), so a long history
// shows its first rows at once; the model itself never reads the repository.
//
// A filter (text in title, message or id; and/or a path the commit changed) hides the
// other rows. The lanes of a filtered list would join commits that are not adjacent, so
// filtered rows report GraphVisibleRole = false and the delegate draws only their node.

#include <hubvault/Models.h>
#include "history/HistoryWalker.h"
#include "history/LaneLayout.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace hubvault::app {

/** A branch or tag pointing at a commit, as a badge in the graph. */
struct RefBadge {
    enum Kind { Branch, Tag };
    QString name;    ///< short name, e.g. main or v1.0
    QString fullRef; ///< e.g. refs/heads/main
    Kind kind = Branch;
    bool isDefault = false;

    friend bool operator==(const RefBadge &, const RefBadge &) = default;
};

class CommitGraphModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { GraphColumn, TitleColumn, RefsColumn, DateColumn, IdColumn, ColumnCount };
    enum Role {
        CommitIdRole = Qt::UserRole + 1, ///< full Git id
        ShortIdRole,
        ParentIdsRole,    ///< QStringList, first parent first
        TitleRole,
        MessageRole,      ///< description
        DateRole,         ///< QDateTime (UTC)
        ChangedPathsRole, ///< QStringList, against the first parent
        LaneRole,         ///< int: the node's lane
        NodeColorRole,    ///< int: the node's colour slot
        SegmentsRole,     ///< QList<GraphSegment>
        LaneCountRole,    ///< int: lanes this row draws in
        IsMergeRole,      ///< bool: more than one parent
        IsHeadRole,       ///< bool: no child above it (a branch tip)
        RefBadgesRole,    ///< QList<RefBadge>, default branch first, then branches, then tags
        GraphVisibleRole, ///< bool: false while filtered (lanes are not drawn)
    };

    static constexpr int kDefaultBatchSize = 250;
    /** The first batch is smaller, so the first rows paint sooner. */
    static constexpr int kFirstBatchSize = 50;

    explicit CommitGraphModel(QObject *parent = nullptr);
    ~CommitGraphModel() override;

    /** Starts loading the history of every branch and tag of `repoPath`. */
    void setRepository(const QString &repoPath, const GitRefs &refs, const QString &defaultBranch);
    void clear();
    QString repositoryPath() const { return m_repoPath; }

    void setBatchSize(int size);
    int batchSize() const { return m_batchSize; }

    /** Shows only commits whose title, message or id contains `text` (any case) and that
     *  changed `path` (a file, a folder prefix, or a wildcard pattern). Empty = no filter. */
    void setFilter(const QString &text, const QString &path = {});
    QString textFilter() const { return m_textFilter; }
    QString pathFilter() const { return m_pathFilter; }
    bool isFiltered() const { return !m_textFilter.isEmpty() || !m_pathFilter.isEmpty(); }
    /** Whether a loaded commit passes the current filter. */
    bool matchesFilter(const CommitRecord &record) const;

    /** Row showing `commitId` (full id or unique prefix of 7+ characters), or -1. */
    int rowOfCommit(const QString &commitId) const;
    /** Whether the commit has been loaded (it may still be hidden by the filter). */
    bool isLoaded(const QString &commitId) const { return m_indexOf.contains(commitId); }
    /**
     * Loads batches until `commitId` is loaded (or the history ends), then emits
     * commitLocated(commitId, row); row is -1 when it is not in the graph or filtered out.
     */
    void locateCommit(const QString &commitId);

    const CommitRecord &record(int row) const;
    /** Loaded commits whose parents include `commitId`. */
    QStringList childrenOf(const QString &commitId) const { return m_children.value(commitId); }
    QList<RefBadge> badgesOf(const QString &commitId) const { return m_badges.value(commitId); }

    int loadedCount() const { return int(m_records.size()); }
    /**
     * With a limit, canFetchMore() holds only while fewer rows are shown: QTreeView asks
     * for more on every layout, which (each batch laying the view out again) read a whole
     * history in the background. HistoryPanel raises the limit as the view scrolls toward
     * the end. -1 (the default) means no limit.
     */
    void setFetchLimit(int rows) { m_fetchLimit = rows; }
    int fetchLimit() const { return m_fetchLimit; }
    bool isLoading() const { return m_fetching; }
    bool isComplete() const { return m_complete; }
    QString lastError() const { return m_lastError; }
    int maxLaneCount() const { return m_layout.maxLaneCount(); }
    const LaneLayout &layout() const { return m_layout; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    /** A batch arrived: `loaded` commits in total now, `visible` rows shown. */
    void batchLoaded(int loaded, int visible);
    /** The whole history is loaded. */
    void historyComplete();
    void loadFailed(const QString &message);
    void laneCountChanged(int lanes);
    void commitLocated(const QString &commitId, int row);

private:
    void requestBatch();
    void onBatch(quint64 generation, const HistoryBatch &batch);
    void onBatchFailed(quint64 generation, const QString &message);
    void rebuildVisible();
    int recordIndex(int row) const;
    void finishLocate();

    QString m_repoPath;
    std::shared_ptr<HistoryWalker> m_walker;
    quint64 m_generation = 0;
    int m_batchSize = kDefaultBatchSize;
    int m_fetchLimit = -1;
    bool m_fetching = false;
    bool m_complete = true;
    QString m_lastError;

    std::vector<CommitRecord> m_records;
    QHash<QString, int> m_indexOf;
    QHash<QString, QStringList> m_children;
    QHash<QString, QList<RefBadge>> m_badges;
    LaneLayout m_layout;

    QString m_textFilter;
    QString m_pathFilter;
    std::vector<int> m_visible; ///< record indexes shown while filtered
    QString m_locateTarget;
};

} // namespace hubvault::app

Q_DECLARE_METATYPE(hubvault::app::RefBadge)
