#include "upload/UploadQueueDock.h"

#include "upload/UploadQueue.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace hubvault::app {

namespace {

/** Paints the progress column as a bar; the model only gives the percentage. */
class ProgressDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const int percent = index.data(UploadQueue::ProgressRole).toInt();
        if (percent < 0) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(4, 2, -4, -2);
        bar.minimum = 0;
        bar.maximum = 100;
        bar.progress = percent;
        bar.text = index.data(Qt::DisplayRole).toString();
        bar.textVisible = true;
        bar.state = option.state | QStyle::State_Horizontal;
        const QWidget *widget = option.widget;
        (widget ? widget->style() : QApplication::style())->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    }
};

} // namespace

UploadQueueDock::UploadQueueDock(UploadQueue *queue, QWidget *parent)
    : QDockWidget(tr("Upload Queue"), parent),
      m_queue(queue),
      m_view(new QTreeView),
      m_commit(new QPushButton(tr("&Commit…"))),
      m_remove(new QPushButton(tr("&Remove"))),
      m_clearFinished(new QPushButton(tr("Clear &Finished")))
{
    setObjectName(QStringLiteral("uploadQueueDock"));
    setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    m_view->setModel(queue);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    setUpQueueView(m_view);
    m_commit->setObjectName(QStringLiteral("uploadQueueCommit"));
    m_commit->setToolTip(tr("Publish the queued changes as one commit"));
    m_remove->setToolTip(tr("Take the selected entries out of the queue"));

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_view, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_remove);
    buttons->addWidget(m_clearFinished);
    buttons->addStretch(1);
    buttons->addWidget(m_commit);
    layout->addLayout(buttons);
    setWidget(content);

    connect(m_commit, &QPushButton::clicked, this, &UploadQueueDock::commitRequested);
    connect(m_remove, &QPushButton::clicked, this, &UploadQueueDock::removeSelected);
    connect(m_clearFinished, &QPushButton::clicked, queue, &UploadQueue::clearFinished);
    connect(queue, &UploadQueue::pendingChanged, this, &UploadQueueDock::updateButtons);
    connect(queue, &UploadQueue::dataChanged, this, &UploadQueueDock::updateButtons);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &UploadQueueDock::updateButtons);
    updateButtons();
}

void UploadQueueDock::setUpQueueView(QTreeView *view)
{
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setItemDelegateForColumn(UploadQueue::ProgressColumn, new ProgressDelegate(view));
    QHeaderView *header = view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(UploadQueue::PathColumn, QHeaderView::Stretch);
    const int em = view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    view->setColumnWidth(UploadQueue::SizeColumn, 8 * em);
    view->setColumnWidth(UploadQueue::ProgressColumn, 8 * em);
    view->setColumnWidth(UploadQueue::SpeedColumn, 8 * em);
    view->setColumnWidth(UploadQueue::StateColumn, 7 * em);
}

void UploadQueueDock::updateButtons()
{
    const bool publishing = m_queue->isPublishing();
    m_commit->setEnabled(!publishing && m_queue->hasPending());
    m_remove->setEnabled(!publishing && m_view->selectionModel()->hasSelection());
    bool anyFinished = false;
    for (const StagedChange &change : m_queue->changes())
        anyFinished = anyFinished || change.isFinished();
    m_clearFinished->setEnabled(!publishing && anyFinished);
}

void UploadQueueDock::removeSelected()
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    m_queue->removeEntries(rows);
}

} // namespace hubvault::app
