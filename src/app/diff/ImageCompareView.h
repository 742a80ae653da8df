#pragma once
// Paints two versions of an image for comparison: side by side, as a swipe (the new image
// over the old one, revealed up to a vertical divider the user drags), or as an onion
// skin (the new image blended over the old one with an adjustable opacity). Both images
// are scaled by one factor so their pixels line up; a missing side is drawn as an empty
// checkerboard. The widget only paints; the dialog loads the images on a worker.

#include <QImage>
#include <QWidget>

namespace hubvault::app {

class ImageCompareView : public QWidget {
    Q_OBJECT
public:
    enum class Mode { SideBySide, Swipe, OnionSkin };
    Q_ENUM(Mode)

    explicit ImageCompareView(QWidget *parent = nullptr);

    void setImages(const QImage &oldImage, const QImage &newImage);
    QImage oldImage() const { return m_old; }
    QImage newImage() const { return m_new; }

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    /** Swipe: the fraction of the width (0..1) left of the divider, where the old image shows. */
    void setSwipePosition(double fraction);
    double swipePosition() const { return m_swipe; }
    /** Onion skin: the opacity (0..1) of the new image over the old one. */
    void setOpacity(double opacity);
    double opacity() const { return m_opacity; }

    /** Where each image is drawn in the current mode and size (for tests and hit tests). */
    QRect oldImageRect() const;
    QRect newImageRect() const;

    QSize sizeHint() const override { return {480, 360}; }

Q_SIGNALS:
    /** The user dragged the swipe divider. */
    void swipePositionChanged(double fraction);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    /** The widget minus margins and the caption line. */
    QRect contentArea() const;
    /** The common canvas size (the larger of both images) scaled to fit `area`. */
    QRect fitCanvas(const QRect &area) const;
    QSize canvasSize() const;
    QRect imageRectIn(const QRect &canvas, const QImage &image) const;
    void paintCanvas(QPainter &painter, const QRect &canvas, const QImage &image) const;
    void paintSideBySide(QPainter &painter);
    void paintSwipe(QPainter &painter);
    void paintOnionSkin(QPainter &painter);
    void dragSwipe(const QPoint &pos);

    QImage m_old;
    QImage m_new;
    Mode m_mode = Mode::SideBySide;
    double m_swipe = 0.5;
    double m_opacity = 0.5;
};

} // namespace hubvault::app
