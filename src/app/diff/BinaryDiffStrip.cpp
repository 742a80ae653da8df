#include "diff/BinaryDiffStrip.h"
#include "shell/Formatting.h"

#include "files/FileTreeModel.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace hubvault::app {

BinaryDiffStrip::BinaryDiffStrip(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void BinaryDiffStrip::setDiff(const BinaryDiff &diff)
{
    m_regions = diff.regions;
    m_size = std::max<qint64>(0, diff.newSize());
    update();
}

QRect BinaryDiffStrip::regionRect(const BinaryDiff::Region &region) const
{
    const QRect area = rect().adjusted(1, 1, -1, -1);
    if (m_size <= 0)
        return {};
    const int left = area.left() + int(double(region.offset) / double(m_size) * area.width());
    const int right = area.left() + int(double(region.offset + region.length) / double(m_size) * area.width());
    // Even a tiny region stays visible as a one-pixel line.
    return QRect(left, area.top(), std::max(1, right - left), area.height());
}

int BinaryDiffStrip::regionAt(int x) const
{
    for (int i = 0; i < m_regions.size(); ++i) {
        const QRect r = regionRect(m_regions[i]);
        if (x >= r.left() && x <= r.right())
            return i;
    }
    return -1;
}

void BinaryDiffStrip::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRect area = rect().adjusted(0, 0, -1, -1);
    painter.fillRect(area, palette().color(QPalette::AlternateBase));
    const QColor shared = palette().color(QPalette::Mid);
    const QColor fresh = palette().color(QPalette::Highlight);
    // Shared first, new on top, so one-pixel new regions are never hidden by rounding.
    for (bool isNew : {false, true}) {
        for (const BinaryDiff::Region &region : m_regions) {
            if (region.isNew == isNew)
                painter.fillRect(regionRect(region), isNew ? fresh : shared);
        }
    }
    painter.setPen(palette().color(QPalette::Dark));
    painter.drawRect(area);
}

bool BinaryDiffStrip::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int i = regionAt(help->pos().x());
        if (i < 0) {
            QToolTip::hideText();
        } else {
            const BinaryDiff::Region &r = m_regions[i];
            QToolTip::showText(help->globalPos(),
                               (r.isNew ? tr("New bytes %1–%2 (%3)") : tr("Shared bytes %1–%2 (%3)"))
                                   .arg(r.offset)
                                   .arg(r.offset + r.length)
                                   .arg(formatBytes(r.length)),
                               this);
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace hubvault::app
