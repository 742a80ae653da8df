#include "diff/ImageCompareView.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

namespace hubvault::app {

namespace {

constexpr int kMargin = 8;
constexpr int kCaptionHeight = 20;

QBrush checkerboard(const QPalette &palette)
{
    QPixmap tile(16, 16);
    tile.fill(palette.color(QPalette::Base));
    QPainter p(&tile);
    const QColor dark = palette.color(QPalette::AlternateBase).darker(108);
    p.fillRect(0, 0, 8, 8, dark);
    p.fillRect(8, 8, 8, 8, dark);
    return QBrush(tile);
}

} // namespace

ImageCompareView::ImageCompareView(QWidget *parent) : QWidget(parent)
{
    setMinimumSize(160, 120);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageCompareView::setImages(const QImage &oldImage, const QImage &newImage)
{
    m_old = oldImage;
    m_new = newImage;
    update();
}

void ImageCompareView::setMode(Mode mode)
{
    m_mode = mode;
    setCursor(mode == Mode::Swipe ? Qt::SplitHCursor : Qt::ArrowCursor);
    update();
}

void ImageCompareView::setSwipePosition(double fraction)
{
    m_swipe = std::clamp(fraction, 0.0, 1.0);
    update();
}

void ImageCompareView::setOpacity(double opacity)
{
    m_opacity = std::clamp(opacity, 0.0, 1.0);
    update();
}

QRect ImageCompareView::contentArea() const
{
    return rect().adjusted(kMargin, kMargin + kCaptionHeight, -kMargin, -kMargin);
}

QSize ImageCompareView::canvasSize() const
{
    const QSize a = m_old.isNull() ? QSize(1, 1) : m_old.size();
    const QSize b = m_new.isNull() ? QSize(1, 1) : m_new.size();
    return a.expandedTo(b);
}

QRect ImageCompareView::fitCanvas(const QRect &area) const
{
    QSize size = canvasSize();
    // Fit the area, but never enlarge beyond 100 %: small images stay crisp.
    if (size.width() > area.width() || size.height() > area.height())
        size.scale(area.size(), Qt::KeepAspectRatio);
    QRect canvas(QPoint(0, 0), size.expandedTo(QSize(1, 1)));
    canvas.moveCenter(area.center());
    return canvas;
}

QRect ImageCompareView::imageRectIn(const QRect &canvas, const QImage &image) const
{
    if (image.isNull())
        return {};
    const double scale = double(canvas.width()) / canvasSize().width();
    return QRect(canvas.topLeft(), QSize(qRound(image.width() * scale), qRound(image.height() * scale)));
}

QRect ImageCompareView::oldImageRect() const
{
    const QRect area = contentArea();
    if (m_mode != Mode::SideBySide)
        return imageRectIn(fitCanvas(area), m_old);
    QRect left = area;
    left.setWidth((area.width() - kMargin) / 2);
    return imageRectIn(fitCanvas(left), m_old);
}

QRect ImageCompareView::newImageRect() const
{
    const QRect area = contentArea();
    if (m_mode != Mode::SideBySide)
        return imageRectIn(fitCanvas(area), m_new);
    QRect right = area;
    right.setLeft(area.left() + (area.width() + kMargin) / 2);
    return imageRectIn(fitCanvas(right), m_new);
}

void ImageCompareView::paintCanvas(QPainter &painter, const QRect &canvas, const QImage &image) const
{
    painter.fillRect(canvas, checkerboard(palette()));
    if (!image.isNull())
        painter.drawImage(imageRectIn(canvas, image), image);
}

void ImageCompareView::paintSideBySide(QPainter &painter)
{
    const QRect area = contentArea();
    QRect left = area, right = area;
    left.setWidth((area.width() - kMargin) / 2);
    right.setLeft(area.left() + (area.width() + kMargin) / 2);
    const QRect leftCanvas = fitCanvas(left), rightCanvas = fitCanvas(right);
    paintCanvas(painter, leftCanvas, m_old);
    paintCanvas(painter, rightCanvas, m_new);
    painter.setPen(palette().color(QPalette::WindowText));
    const QString before = m_old.isNull() ? tr("Before (missing)") : tr("Before");
    const QString after = m_new.isNull() ? tr("After (missing)") : tr("After");
    painter.drawText(QRect(left.left(), kMargin, left.width(), kCaptionHeight), Qt::AlignCenter, before);
    painter.drawText(QRect(right.left(), kMargin, right.width(), kCaptionHeight), Qt::AlignCenter, after);
}

void ImageCompareView::paintSwipe(QPainter &painter)
{
    const QRect area = contentArea();
    const QRect canvas = fitCanvas(area);
    const int divider = canvas.left() + qRound(canvas.width() * m_swipe);
    painter.save();
    painter.setClipRect(QRect(canvas.left(), canvas.top(), divider - canvas.left(), canvas.height()));
    paintCanvas(painter, canvas, m_old);
    painter.setClipRect(QRect(divider, canvas.top(), canvas.right() - divider + 1, canvas.height()));
    paintCanvas(painter, canvas, m_new);
    painter.restore();
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
    painter.drawLine(divider, canvas.top() - 4, divider, canvas.bottom() + 4);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(canvas.left(), kMargin, canvas.width(), kCaptionHeight), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("◀ Before"));
    painter.drawText(QRect(canvas.left(), kMargin, canvas.width(), kCaptionHeight), Qt::AlignRight | Qt::AlignVCenter,
                     tr("After ▶"));
}

void ImageCompareView::paintOnionSkin(QPainter &painter)
{
    const QRect area = contentArea();
    const QRect canvas = fitCanvas(area);
    paintCanvas(painter, canvas, m_old);
    painter.setOpacity(m_opacity);
    if (!m_new.isNull())
        painter.drawImage(imageRectIn(canvas, m_new), m_new);
    painter.setOpacity(1.0);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(canvas.left(), kMargin, canvas.width(), kCaptionHeight), Qt::AlignCenter,
                     tr("After over before at %1 % opacity").arg(qRound(m_opacity * 100)));
}

void ImageCompareView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    switch (m_mode) {
    case Mode::SideBySide:
        paintSideBySide(painter);
        break;
    case Mode::Swipe:
        paintSwipe(painter);
        break;
    case Mode::OnionSkin:
        paintOnionSkin(painter);
        break;
    }
}

void ImageCompareView::dragSwipe(const QPoint &pos)
{
    if (m_mode != Mode::Swipe)
        return;
    const QRect canvas = fitCanvas(contentArea());
    setSwipePosition(double(pos.x() - canvas.left()) / std::max(1, canvas.width()));
    Q_EMIT swipePositionChanged(m_swipe);
}

void ImageCompareView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        dragSwipe(event->position().toPoint());
}

void ImageCompareView::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        dragSwipe(event->position().toPoint());
}

} // namespace hubvault::app
