#pragma once
// The commit graph's geometry, computed without painting: which lane each commit sits
// in, which lanes pass its row, and how lines join and leave it. Rows arrive in display
// order (newest first, every commit before its parents) and may be appended in batches;
// earlier rows never change, so a lazily loaded history lays out only what is new.
//
// A row is split at its node into an upper and a lower half. A lane that merely passes
// the row is one Full straight segment. Lines arriving from above end at the node
// (UpperHalf): straight from the node's own lane, or a ForkOut curve from another lane
// (a branch whose first commit forked from this one). Lines leaving the node go down
// (LowerHalf): straight to the first parent in the node's lane, MergeIn curves to the
// lanes of further parents (the branches this merge joined).

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <vector>

namespace hubvault::app {

/** One line piece of a graph row. Lanes count from 0 at the left. */
struct GraphSegment {
    enum Kind : quint8 {
        Straight, ///< stays in its lane
        MergeIn,  ///< node down to a further parent's lane (a merge joining a branch)
        ForkOut,  ///< a child's lane above curving into the node (a branch forked here)
    };
    enum Span : quint8 {
        Full,      ///< top edge to bottom edge (a lane passing the row)
        UpperHalf, ///< top edge to the node
        LowerHalf, ///< node to the bottom edge
    };
    qint16 from = 0; ///< lane at the segment's upper end
    qint16 to = 0;   ///< lane at the segment's lower end
    Kind kind = Straight;
    Span span = Full;
    quint16 color = 0; ///< colour slot; the painter maps it to its palette

    friend bool operator==(const GraphSegment &, const GraphSegment &) = default;
};

/** The geometry of one commit's row. */
struct GraphRow {
    int lane = 0;      ///< the node's lane
    int color = 0;     ///< the node's colour slot
    int laneCount = 0; ///< lanes the row draws in: 1 + the rightmost lane it touches
    bool isHead = false;         ///< no child above reaches it: a branch tip (or an orphan)
    bool hasHiddenParent = false; ///< a parent was laid out above it (clock skew); not drawn
    QList<GraphSegment> segments; ///< Full first (by lane), then UpperHalf, then LowerHalf in parent order

    /** Lanes with a line passing the whole row. */
    QList<int> passingLanes() const;

    friend bool operator==(const GraphRow &, const GraphRow &) = default;
};

/** A commit handed to the layout: its id and its parents' ids, first parent first. */
struct LaneInput {
    QString id;
    QStringList parents;
};

/**
 * Incremental lane assignment. A commit takes the leftmost lane that was waiting for it
 * (or the leftmost free lane when none was: a branch tip); its first parent continues in
 * that lane with the same colour; further parents join the lane already waiting for them
 * or open a new one. A lane ends at the commit it waited for, and its colour slot becomes
 * free for the next lane that opens: colour slots are the smallest not in use.
 */
class LaneLayout {
public:
    void clear();
    void append(const QString &id, const QStringList &parents);
    void append(const QList<LaneInput> &commits);

    int rowCount() const { return int(m_rows.size()); }
    const GraphRow &row(int index) const { return m_rows[size_t(index)]; }
    /** Row of a laid-out commit, or -1. */
    int rowOf(const QString &id) const { return m_rowOf.value(id, -1); }
    /** The widest row so far (lanes). */
    int maxLaneCount() const { return m_maxLaneCount; }
    /** Lanes still open below the last row (waiting for commits not yet appended). */
    int openLaneCount() const;
    /** Ids the open lanes are waiting for, by lane ("" for a free lane). */
    QStringList pendingIds() const;

private:
    struct Lane {
        QString expected; ///< empty: free
        int color = 0;
    };
    int freeLane();
    int newColor() const;
    int laneExpecting(const QString &id) const;

    std::vector<Lane> m_lanes;
    std::vector<GraphRow> m_rows;
    QHash<QString, int> m_rowOf;
    int m_maxLaneCount = 0;
};

} // namespace hubvault::app

Q_DECLARE_METATYPE(hubvault::app::GraphSegment)
Q_DECLARE_METATYPE(hubvault::app::GraphRow)
