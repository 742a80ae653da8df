#include "diff/DiffImageView.h"
#include "shell/Formatting.h"

#include "diff/DiffLoader.h"
#include "files/FileTreeModel.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

namespace hubvault::app {

namespace {

QString describe(const QImage &image, const QSize &size, qint64 bytes)
{
    if (image.isNull())
        return DiffImageView::tr("none");
    return DiffImageView::tr("%1 × %2 px, %3").arg(size.width()).arg(size.height()).arg(formatBytes(bytes));
}

} // namespace

DiffImageView::DiffImageView(QWidget *parent) : QWidget(parent)
{
    m_view = new ImageCompareView(this);
    auto *group = new QButtonGroup(this);
    auto button = [this, group](const QString &text, const char *name, ImageCompareView::Mode mode) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setObjectName(QLatin1String(name));
        b->setCheckable(true);
        b->setAutoRaise(true);
        group->addButton(b);
        connect(b, &QToolButton::clicked, this, [this, mode] { setMode(mode); });
        return b;
    };
    m_sideBySide = button(tr("Side by side"), "imageSideBySideButton", ImageCompareView::Mode::SideBySide);
    m_swipe = button(tr("Swipe"), "imageSwipeButton", ImageCompareView::Mode::Swipe);
    m_onion = button(tr("Onion skin"), "imageOnionSkinButton", ImageCompareView::Mode::OnionSkin);
    m_sideBySide->setChecked(true);

    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, 100);
    m_slider->setValue(50);
    m_slider->setObjectName(QStringLiteral("imageSlider"));
    m_sliderLabel = new QLabel(this);
    connect(m_slider, &QSlider::valueChanged, this, &DiffImageView::onSliderMoved);
    connect(m_view, &ImageCompareView::swipePositionChanged, this, [this](double fraction) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(qRound(fraction * 100));
    });
    m_caption = new QLabel(this);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_sideBySide);
    bar->addWidget(m_swipe);
    bar->addWidget(m_onion);
    bar->addSpacing(12);
    bar->addWidget(m_sliderLabel);
    bar->addWidget(m_slider, 3);
    bar->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_caption);
    setMode(ImageCompareView::Mode::SideBySide);
}

void DiffImageView::setDiff(const FileDiff &diff)
{
    m_view->setImages(diff.oldImage, diff.newImage);
    m_caption->setText(tr("Before: %1    After: %2")
                           .arg(describe(diff.oldImage, diff.oldImageSize, diff.entry.oldSize),
                                describe(diff.newImage, diff.newImageSize, diff.entry.newSize)));
}

void DiffImageView::setMode(ImageCompareView::Mode mode)
{
    m_view->setMode(mode);
    const bool sliding = mode != ImageCompareView::Mode::SideBySide;
    m_slider->setVisible(sliding);
    m_sliderLabel->setVisible(sliding);
    const QSignalBlocker block(m_slider);
    if (mode == ImageCompareView::Mode::Swipe) {
        m_sliderLabel->setText(tr("Divider:"));
        m_slider->setValue(qRound(m_view->swipePosition() * 100));
        m_swipe->setChecked(true);
    } else if (mode == ImageCompareView::Mode::OnionSkin) {
        m_sliderLabel->setText(tr("Opacity of the new image:"));
        m_slider->setValue(qRound(m_view->opacity() * 100));
        m_onion->setChecked(true);
    } else {
        m_sideBySide->setChecked(true);
    }
}

void DiffImageView::onSliderMoved(int value)
{
    if (m_view->mode() == ImageCompareView::Mode::Swipe)
        m_view->setSwipePosition(value / 100.0);
    else if (m_view->mode() == ImageCompareView::Mode::OnionSkin)
        m_view->setOpacity(value / 100.0);
}

} // namespace hubvault::app
