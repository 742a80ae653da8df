#pragma once
// A horizontal strip standing for the new version of a file, left to right from its first
// to its last byte: regions made of stored pieces the old version lacks are painted in
// the highlight colour, shared ones in a muted one. Hovering shows a region's range.

#include "diff/BinaryDiff.h"

#include <QWidget>

namespace hubvault::app {

class BinaryDiffStrip : public QWidget {
    Q_OBJECT
public:
    explicit BinaryDiffStrip(QWidget *parent = nullptr);

    void setDiff(const BinaryDiff &diff);
    const QList<BinaryDiff::Region> &regions() const { return m_regions; }
    /** The region under x (in widget coordinates); -1 when none. */
    int regionAt(int x) const;

    QSize sizeHint() const override { return {400, 28}; }
    QSize minimumSizeHint() const override { return {60, 18}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRect regionRect(const BinaryDiff::Region &region) const;

    QList<BinaryDiff::Region> m_regions;
    qint64 m_size = 0;
};

} // namespace hubvault::app
