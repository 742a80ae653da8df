#include "diff/DiffSafetensorsView.h"
#include "shell/Formatting.h"

#include "files/FileTreeModel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace hubvault::app {

namespace {

QString tensorText(const std::optional<SafetensorsTensor> &t)
{
    if (!t)
        return QString();
    return QStringLiteral("%1 %2 (%3)").arg(t->dtype, t->shapeText(), formatBytes(t->byteSize()));
}

QColor changeColour(SafetensorsDiff::Change change)
{
    switch (change) {
    case SafetensorsDiff::Change::Added:
        return QColor(40, 150, 60);
    case SafetensorsDiff::Change::Removed:
        return QColor(200, 40, 40);
    case SafetensorsDiff::Change::Unchanged:
        return QColor();
    default:
        return QColor(190, 110, 0);
    }
}

} // namespace

DiffSafetensorsView::DiffSafetensorsView(QWidget *parent) : QWidget(parent)
{
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_showUnchanged = new QCheckBox(tr("Show unchanged tensors"), this);
    connect(m_showUnchanged, &QCheckBox::toggled, this, &DiffSafetensorsView::fill);
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({tr("Tensor"), tr("Change"), tr("Before"), tr("After"), tr("Details")});
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    // File order until the user sorts by a column.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    m_metadata = new QLabel(this);
    m_metadata->setWordWrap(true);
    m_metadata->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_showUnchanged);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_metadata);
}

void DiffSafetensorsView::setDiff(const SafetensorsDiff &diff)
{
    m_diff = diff;
    using C = SafetensorsDiff::Change;
    const int changedLayout = diff.count(C::DtypeChanged) + diff.count(C::ShapeChanged);
    m_summary->setText(tr("%1 tensors: %2 added, %3 removed, %4 with a new dtype or shape, %5 with new bytes, "
                          "%6 unchanged.")
                           .arg(diff.tensors().size())
                           .arg(diff.count(C::Added))
                           .arg(diff.count(C::Removed))
                           .arg(changedLayout)
                           .arg(diff.count(C::DataChanged))
                           .arg(diff.count(C::Unchanged)));
    QStringList metadata;
    for (const SafetensorsDiff::MetadataChange &m : diff.metadataChanges()) {
        metadata.append(tr("%1: %2 → %3")
                            .arg(m.key.toHtmlEscaped(), m.oldValue ? m.oldValue->toHtmlEscaped() : tr("(none)"),
                                 m.newValue ? m.newValue->toHtmlEscaped() : tr("(none)")));
    }
    m_metadata->setText(metadata.isEmpty() ? tr("Metadata unchanged.")
                                           : tr("Metadata changes:<br>") + metadata.join(QStringLiteral("<br>")));
    fill();
}

void DiffSafetensorsView::fill()
{
    m_model->removeRows(0, m_model->rowCount());
    m_table->setSortingEnabled(false);
    for (const SafetensorsDiff::TensorChange &t : m_diff.tensors()) {
        if (t.change == SafetensorsDiff::Change::Unchanged && !m_showUnchanged->isChecked())
            continue;
        QList<QStandardItem *> row;
        row << new QStandardItem(t.name) << new QStandardItem(SafetensorsDiff::changeName(t.change))
            << new QStandardItem(tensorText(t.oldTensor)) << new QStandardItem(tensorText(t.newTensor))
            << new QStandardItem(t.description());
        row[NameColumn]->setData(int(t.change), ChangeRole);
        const QColor colour = changeColour(t.change);
        if (colour.isValid())
            row[ChangeColumn]->setForeground(colour);
        m_model->appendRow(row);
    }
    m_table->setSortingEnabled(true);
    m_table->resizeColumnsToContents();
}

} // namespace hubvault::app
