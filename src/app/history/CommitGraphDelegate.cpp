#include "history/CommitGraphDelegate.h"

#include "history/CommitGraphModel.h"
#include "history/LaneLayout.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <array>
#include <cmath>

namespace hubvault::app {

namespace {

// Mid-lightness, saturated hues: every one keeps contrast against white and against the
// dark greys of dark themes, and neighbours in the list differ in hue.
constexpr std::array<QRgb, 8> kLanePalette = {
    0x2f81f7, // blue
    0xe8590c, // orange
    0x2f9e44, // green
    0xd6336c, // raspberry
    0x7950f2, // violet
    0x1098ad, // cyan
    0xa9652c, // sienna
    0xbe4bdb, // magenta
};

constexpr int kGraphPadding = 4;
constexpr qreal kNodeRadius = 4.5;
constexpr qreal kLineWidth = 2.0;
constexpr int kBadgeMaxTextWidth = 160;

qreal laneX(const QRect &rect, int lane)
{
    return rect.left() + kGraphPadding + CommitGraphDelegate::kLaneWidth * lane
           + CommitGraphDelegate::kLaneWidth / 2.0;
}

/** Black or white, whichever reads better on `background`. */
QColor textOn(const QColor &background)
{
    const qreal luminance = 0.299 * background.redF() + 0.587 * background.greenF() + 0.114 * background.blueF();
    return luminance > 0.6 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace

CommitGraphDelegate::CommitGraphDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

QColor CommitGraphDelegate::laneColor(int slot)
{
    return QColor(kLanePalette[size_t(std::abs(slot)) % kLanePalette.size()]);
}

int CommitGraphDelegate::paletteSize()
{
    return int(kLanePalette.size());
}

int CommitGraphDelegate::graphWidth(int lanes)
{
    return 2 * kGraphPadding + kLaneWidth * std::max(1, lanes);
}

QSize CommitGraphDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 10));
    if (index.column() == CommitGraphModel::GraphColumn)
        size.setWidth(graphWidth(index.data(CommitGraphModel::LaneCountRole).toInt()));
    return size;
}

void CommitGraphDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int column = index.column();
    if (column != CommitGraphModel::GraphColumn && column != CommitGraphModel::TitleColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The style draws the row's background, hover and selection; the content is ours.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setClipRect(option.rect);
    if (column == CommitGraphModel::GraphColumn)
        paintGraph(painter, opt, index);
    else
        paintTitle(painter, opt, index);
    painter->restore();
}

void CommitGraphDelegate::paintGraph(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QRect rect = option.rect;
    const qreal top = rect.top();
    const qreal bottom = rect.top() + rect.height();
    const qreal mid = rect.top() + rect.height() / 2.0;
    const bool graphVisible = index.data(CommitGraphModel::GraphVisibleRole).toBool();
    const int nodeLane = graphVisible ? index.data(CommitGraphModel::LaneRole).toInt() : 0;
    const QColor nodeColor = laneColor(index.data(CommitGraphModel::NodeColorRole).toInt());

    if (graphVisible) {
        const auto segments = index.data(CommitGraphModel::SegmentsRole).value<QList<GraphSegment>>();
        for (const GraphSegment &s : segments) {
            QPen pen(laneColor(s.color), kLineWidth);
            pen.setCapStyle(Qt::FlatCap);
            painter->setPen(pen);
            painter->setBrush(Qt::NoBrush);
            const qreal xFrom = laneX(rect, s.from);
            const qreal xTo = laneX(rect, s.to);
            switch (s.span) {
            case GraphSegment::Full:
                painter->drawLine(QPointF(xFrom, top), QPointF(xFrom, bottom));
                break;
            case GraphSegment::UpperHalf:
                if (s.from == s.to) {
                    painter->drawLine(QPointF(xFrom, top), QPointF(xFrom, mid));
                } else {
                    // A branch above leaves its lane and bends into the node.
                    QPainterPath path(QPointF(xFrom, top));
                    path.cubicTo(QPointF(xFrom, mid), QPointF(xFrom, mid), QPointF(xTo, mid));
                    painter->drawPath(path);
                }
                break;
            case GraphSegment::LowerHalf:
                if (s.from == s.to) {
                    painter->drawLine(QPointF(xFrom, mid), QPointF(xFrom, bottom));
                } else {
                    // A further parent: out of the node, bending down into its lane.
                    QPainterPath path(QPointF(xFrom, mid));
                    path.cubicTo(QPointF(xTo, mid), QPointF(xTo, mid), QPointF(xTo, bottom));
                    painter->drawPath(path);
                }
                break;
            }
        }
    }

    // The node: filled for ordinary commits, a ring for merges.
    const QPointF centre(laneX(rect, nodeLane), mid);
    const bool selected = option.state & QStyle::State_Selected;
    const QColor background = selected ? option.palette.color(QPalette::Highlight) : option.palette.color(QPalette::Base);
    if (selected) {
        // A halo in the selection's text colour keeps the node visible on any highlight.
        painter->setPen(Qt::NoPen);
        painter->setBrush(option.palette.color(selectedGroup(option), QPalette::HighlightedText));
        painter->drawEllipse(centre, kNodeRadius + 2.0, kNodeRadius + 2.0);
    }
    if (index.data(CommitGraphModel::IsMergeRole).toBool()) {
        painter->setPen(QPen(nodeColor, kLineWidth));
        painter->setBrush(background);
        painter->drawEllipse(centre, kNodeRadius - 0.5, kNodeRadius - 0.5);
    } else {
        painter->setPen(QPen(background, 1.5));
        painter->setBrush(nodeColor);
        painter->drawEllipse(centre, kNodeRadius + 0.5, kNodeRadius + 0.5);
    }
}

void CommitGraphDelegate::paintTitle(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QRect rect = option.rect;
    const auto badges = index.data(CommitGraphModel::RefBadgesRole).value<QList<RefBadge>>();
    const QColor branchColor = laneColor(index.data(CommitGraphModel::NodeColorRole).toInt());
    int x = rect.left() + 4;
    // Badges take at most two thirds of the column, so the title always shows.
    const int badgeLimit = rect.left() + rect.width() * 2 / 3;
    int drawn = 0;
    for (const RefBadge &badge : badges) {
        if (x >= badgeLimit)
            break;
        x += paintBadge(painter, option, badge, x, branchColor) + 4;
        ++drawn;
    }
    if (drawn < badges.size()) {
        const QString more = tr("+%1").arg(badges.size() - drawn);
        painter->setPen(option.palette.color(selectedGroup(option), QPalette::PlaceholderText));
        painter->drawText(QRect(x, rect.top(), rect.right() - x, rect.height()), Qt::AlignVCenter | Qt::AlignLeft, more);
        x += option.fontMetrics.horizontalAdvance(more) + 6;
    }

    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(option.palette.color(selectedGroup(option), selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setFont(option.font);
    const QRect textRect(x + 2, rect.top(), std::max(0, rect.right() - x - 4), rect.height());
    const QString title = index.data(CommitGraphModel::TitleRole).toString();
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      option.fontMetrics.elidedText(title, Qt::ElideRight, textRect.width()));
}

QPalette::ColorGroup CommitGraphDelegate::selectedGroup(const QStyleOptionViewItem &option)
{
    if (!(option.state & QStyle::State_Enabled))
        return QPalette::Disabled;
    return (option.state & QStyle::State_Active) ? QPalette::Active : QPalette::Inactive;
}

int CommitGraphDelegate::paintBadge(QPainter *painter, const QStyleOptionViewItem &option, const RefBadge &badge,
                                    int x, const QColor &branchColor) const
{
    QFont font = option.font;
    font.setPointSizeF(font.pointSizeF() * 0.9);
    font.setBold(badge.isDefault);
    const QFontMetrics fm(font);
    const QString text = fm.elidedText(badge.name, Qt::ElideMiddle, kBadgeMaxTextWidth);
    const int textWidth = fm.horizontalAdvance(text);
    const int height = std::min(option.rect.height() - 4, fm.height() + 4);
    const qreal y = option.rect.top() + (option.rect.height() - height) / 2.0;
    const bool isTag = badge.kind == RefBadge::Tag;
    const int markWidth = isTag ? 8 : (badge.isDefault ? 10 : 0);
    const int width = textWidth + 12 + markWidth;
    const QRectF box(x + 0.5, y + 0.5, width - 1, height - 1);

    painter->setFont(font);
    QColor ink;
    if (isTag) {
        // A tag: an outlined label with a notch, in the text colour of the view.
        const QColor text = option.palette.color(QPalette::Text);
        QColor fill = branchColor;
        fill.setAlphaF(0.16);
        QPainterPath path;
        const qreal notch = height / 2.0 - 1;
        path.moveTo(box.left() + notch, box.top());
        path.lineTo(box.right() - 3, box.top());
        path.quadTo(box.right(), box.top(), box.right(), box.top() + 3);
        path.lineTo(box.right(), box.bottom() - 3);
        path.quadTo(box.right(), box.bottom(), box.right() - 3, box.bottom());
        path.lineTo(box.left() + notch, box.bottom());
        path.lineTo(box.left(), box.center().y());
        path.closeSubpath();
        painter->setPen(QPen(branchColor, 1.2));
        painter->setBrush(fill);
        painter->drawPath(path);
        painter->setBrush(branchColor);
        painter->setPen(Qt::NoPen);
        painter->drawEllipse(QPointF(box.left() + notch, box.center().y()), 1.6, 1.6);
        ink = text;
        if (option.state & QStyle::State_Selected)
            ink = option.palette.color(QPalette::HighlightedText);
    } else {
        // A branch: a filled chip in its lane's colour; the default branch carries a dot.
        painter->setPen(Qt::NoPen);
        painter->setBrush(branchColor);
        painter->drawRoundedRect(box, 4, 4);
        ink = textOn(branchColor);
        if (badge.isDefault) {
            painter->setBrush(ink);
            painter->drawEllipse(QPointF(box.left() + 8, box.center().y()), 2.5, 2.5);
        }
    }
    painter->setPen(ink);
    painter->drawText(QRectF(box.left() + 6 + markWidth, box.top(), textWidth + 2, box.height()),
                      Qt::AlignVCenter | Qt::AlignLeft, text);
    return width;
}

} // namespace hubvault::app
