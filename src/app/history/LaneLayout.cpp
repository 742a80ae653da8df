#include "history/LaneLayout.h"

#include <algorithm>

namespace hubvault::app {

QList<int> GraphRow::passingLanes() const
{
    QList<int> out;
    for (const GraphSegment &s : segments) {
        if (s.span == GraphSegment::Full)
            out.append(s.from);
    }
    return out;
}

void LaneLayout::clear()
{
    m_lanes.clear();
    m_rows.clear();
    m_rowOf.clear();
    m_maxLaneCount = 0;
}

int LaneLayout::openLaneCount() const
{
    return int(std::count_if(m_lanes.cbegin(), m_lanes.cend(), [](const Lane &l) { return !l.expected.isEmpty(); }));
}

QStringList LaneLayout::pendingIds() const
{
    QStringList out;
    for (const Lane &lane : m_lanes)
        out.append(lane.expected);
    return out;
}

int LaneLayout::freeLane()
{
    for (size_t i = 0; i < m_lanes.size(); ++i) {
        if (m_lanes[i].expected.isEmpty())
            return int(i);
    }
    m_lanes.push_back({});
    return int(m_lanes.size() - 1);
}

int LaneLayout::newColor() const
{
    // The smallest slot no open lane uses: a colour comes back as soon as its lane ends,
    // so a long history keeps to a few colours and neighbours rarely share one.
    std::vector<bool> used(m_lanes.size() + 1, false);
    for (const Lane &lane : m_lanes) {
        if (!lane.expected.isEmpty() && size_t(lane.color) < used.size())
            used[size_t(lane.color)] = true;
    }
    return int(std::find(used.cbegin(), used.cend(), false) - used.cbegin());
}

int LaneLayout::laneExpecting(const QString &id) const
{
    for (size_t i = 0; i < m_lanes.size(); ++i) {
        if (m_lanes[i].expected == id)
            return int(i);
    }
    return -1;
}

void LaneLayout::append(const QList<LaneInput> &commits)
{
    m_rows.reserve(m_rows.size() + size_t(commits.size()));
    for (const LaneInput &c : commits)
        append(c.id, c.parents);
}

void LaneLayout::append(const QString &id, const QStringList &parents)
{
    GraphRow row;
    const int rowIndex = int(m_rows.size());

    // Lanes that waited for this commit: the leftmost becomes the node's lane, the others
    // (children on other branches) curve into it and end here.
    QList<int> arriving;
    for (size_t i = 0; i < m_lanes.size(); ++i) {
        if (m_lanes[i].expected == id)
            arriving.append(int(i));
    }
    int node;
    if (arriving.isEmpty() || m_rowOf.contains(id)) {
        // A tip (or a commit listed twice, drawn as a tip again rather than lost).
        arriving.clear();
        node = freeLane();
        m_lanes[size_t(node)].expected = id; // reserve it before picking a colour
        m_lanes[size_t(node)].color = -1;
        m_lanes[size_t(node)].color = newColor();
        row.isHead = true;
    } else {
        node = arriving.first();
    }
    row.lane = node;
    row.color = m_lanes[size_t(node)].color;

    // Lanes passing the row.
    for (size_t i = 0; i < m_lanes.size(); ++i) {
        const Lane &lane = m_lanes[i];
        if (lane.expected.isEmpty() || arriving.contains(int(i)) || int(i) == node)
            continue;
        row.segments.append({qint16(i), qint16(i), GraphSegment::Straight, GraphSegment::Full, quint16(lane.color)});
    }
    // Lines ending at the node.
    for (int lane : arriving) {
        const auto kind = lane == node ? GraphSegment::Straight : GraphSegment::ForkOut;
        row.segments.append({qint16(lane), qint16(node), kind, GraphSegment::UpperHalf,
                             quint16(m_lanes[size_t(lane)].color)});
        m_lanes[size_t(lane)].expected.clear();
    }
    m_lanes[size_t(node)].expected.clear(); // a tip's reservation; parents refill it below
    m_rowOf.insert(id, rowIndex);

    // Lines leaving the node: first parent straight down in the node's lane, keeping its
    // colour; further parents to the lane waiting for them, or to a new one. A parent laid
    // out above (only possible when dates are skewed) cannot be reached downwards.
    QStringList below;
    for (const QString &parent : parents) {
        if (parent.isEmpty() || below.contains(parent))
            continue;
        if (m_rowOf.contains(parent)) {
            row.hasHiddenParent = true;
            continue;
        }
        below.append(parent);
    }
    const int nodeColor = row.color;
    for (qsizetype p = 0; p < below.size(); ++p) {
        const QString &parent = below.at(p);
        if (p == 0) {
            m_lanes[size_t(node)].expected = parent;
            m_lanes[size_t(node)].color = nodeColor;
            row.segments.append({qint16(node), qint16(node), GraphSegment::Straight, GraphSegment::LowerHalf,
                                 quint16(nodeColor)});
            continue;
        }
        int lane = laneExpecting(parent);
        if (lane < 0) {
            lane = freeLane();
            m_lanes[size_t(lane)].expected = parent;
            m_lanes[size_t(lane)].color = -1;
            m_lanes[size_t(lane)].color = newColor();
        }
        row.segments.append({qint16(node), qint16(lane), GraphSegment::MergeIn, GraphSegment::LowerHalf,
                             quint16(m_lanes[size_t(lane)].color)});
    }

    // Trailing free lanes go, so the graph narrows again when branches end.
    while (!m_lanes.empty() && m_lanes.back().expected.isEmpty())
        m_lanes.pop_back();

    int widest = node;
    for (const GraphSegment &s : row.segments)
        widest = std::max({widest, int(s.from), int(s.to)});
    row.laneCount = widest + 1;
    m_maxLaneCount = std::max(m_maxLaneCount, row.laneCount);
    m_rows.push_back(std::move(row));
}

} // namespace hubvault::app
