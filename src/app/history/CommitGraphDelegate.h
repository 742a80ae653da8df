#pragma once
// Paints the commit graph from what CommitGraphModel's roles say: lane segments as lines
// and curves, the commit's node, and branch and tag badges before the title. It computes
// nothing about the layout itself.

#include <QColor>
#include <QPalette>
#include <QStyledItemDelegate>

namespace hubvault::app {

struct RefBadge;

class CommitGraphDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit CommitGraphDelegate(QObject *parent = nullptr);

    /** Horizontal space per lane, in device-independent pixels. */
    static constexpr int kLaneWidth = 16;
    /** Lane colours, chosen to read on light and dark backgrounds alike. */
    static QColor laneColor(int slot);
    static int paletteSize();
    /** Width the graph column needs for `lanes` lanes. */
    static int graphWidth(int lanes);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    void paintGraph(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintTitle(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    static QPalette::ColorGroup selectedGroup(const QStyleOptionViewItem &option);
    /** Draws one badge with its left edge at `x`; returns its width. */
    int paintBadge(QPainter *painter, const QStyleOptionViewItem &option, const RefBadge &badge, int x,
                   const QColor &branchColor) const;
};

} // namespace hubvault::app
