#include "pages/StorageChart.h"
#include "shell/Formatting.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

namespace hubvault::app {

namespace {
constexpr int kMargin = 6;
constexpr int kGap = 8;

} // namespace

StorageChart::StorageChart(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Storage by section"));
}

void StorageChart::setSections(const QList<StorageSectionInfo> &sections)
{
    m_sections = sections;
    updateGeometry();
    update();
}

int StorageChart::rowHeight() const
{
    return fontMetrics().height() + 6;
}

int StorageChart::legendHeight() const
{
    return fontMetrics().height() + 8;
}

int StorageChart::labelWidth() const
{
    int width = 0;
    for (const StorageSectionInfo &s : m_sections)
        width = std::max(width, fontMetrics().horizontalAdvance(s.name));
    return width;
}

int StorageChart::valueWidth() const
{
    return fontMetrics().horizontalAdvance(QStringLiteral("0000.0 MiB"));
}

qint64 StorageChart::maxSize() const
{
    qint64 max = 0;
    for (const StorageSectionInfo &s : m_sections)
        max = std::max(max, s.totalSize);
    return max;
}

QSize StorageChart::sizeHint() const
{
    return {labelWidth() + valueWidth() + 300, 2 * kMargin + legendHeight() + int(m_sections.size()) * rowHeight()};
}

QSize StorageChart::minimumSizeHint() const
{
    return {labelWidth() + valueWidth() + 80, sizeHint().height()};
}

QRect StorageChart::barRect(int i) const
{
    if (i < 0 || i >= m_sections.size())
        return {};
    const int x0 = kMargin + labelWidth() + kGap;
    const int room = std::max(1, width() - x0 - kGap - valueWidth() - kMargin);
    const qint64 max = maxSize();
    const qint64 size = m_sections.at(i).totalSize;
    int length = max > 0 ? int(double(size) / double(max) * room) : 0;
    if (size > 0)
        length = std::max(length, 2); // a tiny section stays visible
    const int y = kMargin + legendHeight() + i * rowHeight() + 3;
    return {x0, y, length, rowHeight() - 6};
}

void StorageChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QPalette pal = palette();
    const QColor kept = pal.color(QPalette::Highlight);
    const QColor text = pal.color(QPalette::WindowText);
    const QColor dim = pal.color(QPalette::PlaceholderText);
    const QBrush reclaimBrush(kept, Qt::BDiagPattern);

    // Legend.
    const int box = fontMetrics().height() - 4;
    int x = kMargin;
    const int ly = kMargin + 2;
    p.fillRect(QRect(x, ly, box, box), kept);
    x += box + 4;
    const QString keptLabel = tr("stored");
    p.setPen(text);
    p.drawText(QRect(x, kMargin, fontMetrics().horizontalAdvance(keptLabel) + 2, fontMetrics().height()),
               Qt::AlignLeft | Qt::AlignVCenter, keptLabel);
    x += fontMetrics().horizontalAdvance(keptLabel) + 16;
    p.setPen(kept);
    p.setBrush(reclaimBrush);
    p.drawRect(QRect(x, ly, box - 1, box - 1));
    x += box + 4;
    p.setPen(text);
    const QString reclaimLabel = tr("reclaimable");
    p.drawText(QRect(x, kMargin, fontMetrics().horizontalAdvance(reclaimLabel) + 2, fontMetrics().height()),
               Qt::AlignLeft | Qt::AlignVCenter, reclaimLabel);

    for (int i = 0; i < m_sections.size(); ++i) {
        const StorageSectionInfo &s = m_sections.at(i);
        const QRect bar = barRect(i);
        const int rowTop = kMargin + legendHeight() + i * rowHeight();
        p.setPen(s.totalSize > 0 ? text : dim);
        p.drawText(QRect(kMargin, rowTop, labelWidth(), rowHeight()), Qt::AlignRight | Qt::AlignVCenter, s.name);
        if (bar.width() > 0) {
            const qint64 reclaim = std::clamp<qint64>(s.reclaimableSize, 0, s.totalSize);
            const int reclaimWidth =
                s.totalSize > 0 ? int(double(reclaim) / double(s.totalSize) * bar.width() + 0.5) : 0;
            const QRect keptRect(bar.left(), bar.top(), bar.width() - reclaimWidth, bar.height());
            p.fillRect(keptRect, kept);
            if (reclaimWidth > 0) {
                const QRect r(keptRect.right() + 1, bar.top(), reclaimWidth, bar.height());
                p.fillRect(r, reclaimBrush);
                p.setPen(kept);
                p.setBrush(Qt::NoBrush);
                p.drawRect(r.adjusted(0, 0, -1, -1));
            }
        }
        p.setPen(s.totalSize > 0 ? text : dim);
        p.drawText(QRect(bar.left() + bar.width() + kGap, rowTop, valueWidth() + kGap, rowHeight()),
                   Qt::AlignLeft | Qt::AlignVCenter, formatBytes(s.totalSize));
    }
}

bool StorageChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int row = (help->pos().y() - kMargin - legendHeight()) / rowHeight();
        if (help->pos().y() >= kMargin + legendHeight() && row >= 0 && row < m_sections.size()) {
            const StorageSectionInfo &s = m_sections.at(row);
            QToolTip::showText(help->globalPos(),
                               tr("%1 (%2)\n%3 · files: %4 · reclaimable: %5\n%6")
                                   .arg(s.name, s.path, formatBytes(s.totalSize), QLocale().toString(s.fileCount),
                                        formatBytes(s.reclaimableSize), s.notes),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace hubvault::app
