#pragma once
// The image page of the diff dialog: an ImageCompareView with its mode buttons (side by
// side, swipe, onion skin), a slider for the swipe position or the onion-skin opacity,
// and the sizes of both versions.

#include "diff/ImageCompareView.h"

class QAbstractButton;
class QLabel;
class QSlider;

namespace hubvault::app {

struct FileDiff;

class DiffImageView : public QWidget {
    Q_OBJECT
public:
    explicit DiffImageView(QWidget *parent = nullptr);

    void setDiff(const FileDiff &diff);
    void setMode(ImageCompareView::Mode mode);

    ImageCompareView *compareView() const { return m_view; }
    QAbstractButton *sideBySideButton() const { return m_sideBySide; }
    QAbstractButton *swipeButton() const { return m_swipe; }
    QAbstractButton *onionSkinButton() const { return m_onion; }
    /** Swipe position or opacity, 0..100, depending on the mode; hidden side by side. */
    QSlider *slider() const { return m_slider; }
    QLabel *captionLabel() const { return m_caption; }

private:
    void onSliderMoved(int value);

    ImageCompareView *m_view;
    QAbstractButton *m_sideBySide;
    QAbstractButton *m_swipe;
    QAbstractButton *m_onion;
    QSlider *m_slider;
    QLabel *m_sliderLabel;
    QLabel *m_caption;
};

} // namespace hubvault::app
