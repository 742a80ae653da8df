#pragma once
// A horizontal bar chart of the storage overview's sections, painted with QPainter: one
// bar per section, its length the section's bytes on a linear scale, the reclaimable part
// hatched. Colours come from the palette (light and dark themes).

#include <hubvault/Models.h>

#include <QList>
#include <QWidget>

namespace hubvault::app {

class StorageChart : public QWidget {
    Q_OBJECT
public:
    explicit StorageChart(QWidget *parent = nullptr);

    void setSections(const QList<StorageSectionInfo> &sections);
    const QList<StorageSectionInfo> &sections() const { return m_sections; }
    /** Bar rectangle of section `i` in widget coordinates (kept + reclaimable). */
    QRect barRect(int i) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    int rowHeight() const;
    int labelWidth() const;
    int valueWidth() const;
    int legendHeight() const;
    qint64 maxSize() const;

    QList<StorageSectionInfo> m_sections;
};

} // namespace hubvault::app
