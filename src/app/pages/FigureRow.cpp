// A caption and a selectable value in a form (see FigureRow.h).
#include "pages/FigureRow.h"

#include <QFormLayout>
#include <QLabel>

namespace hubvault::app {

QLabel *addFigureRow(QFormLayout *form, const QString &caption, const QString &toolTip)
{
    auto *value = new QLabel;
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setToolTip(toolTip);
    auto *label = new QLabel(caption);
    label->setToolTip(toolTip);
    form->addRow(label, value);
    return value;
}

} // namespace hubvault::app
