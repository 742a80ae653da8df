#pragma once
// A row of the Storage page's figures: a caption and a selectable value, sharing a tooltip.

#include <QString>

class QFormLayout;
class QLabel;

namespace hubvault::app {

/** Adds the row to `form` and returns its (empty) value label. */
QLabel *addFigureRow(QFormLayout *form, const QString &caption, const QString &toolTip);

} // namespace hubvault::app
