#include "history/HistoryPanel.h"

#include "shell/AppResources.h"
#include "history/CommitDetailsView.h"
#include "history/CommitGraphDelegate.h"
#include "history/CommitGraphModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSplitter>
#include <QTimer>
#include <QScrollBar>
#include <QTreeView>
#include <QVBoxLayout>
#include <algorithm>

namespace hubvault::app {

namespace {
// Wider graphs are clipped: a hundred parallel lanes would leave no room for titles.
constexpr int kMaxShownLanes = 24;
constexpr int kFilterDelayMs = 250;
} // namespace

HistoryPanel::HistoryPanel(QWidget *parent)
    : QWidget(parent), m_model(new CommitGraphModel(this)), m_delegate(new CommitGraphDelegate(this)),
      m_filterEdit(new QLineEdit(this)), m_pathEdit(new QLineEdit(this)), m_status(new QLabel(this)),
      m_view(new QTreeView(this)), m_details(new CommitDetailsView(this)),
      m_splitter(new QSplitter(Qt::Vertical, this)), m_filterTimer(new QTimer(this))
{
    ensureResources();
    m_filterEdit->setObjectName(QStringLiteral("historyFilterEdit"));
    m_pathEdit->setObjectName(QStringLiteral("historyPathFilterEdit"));
    m_status->setObjectName(QStringLiteral("historyStatusLabel"));
    m_view->setObjectName(QStringLiteral("graphView"));
    m_details->setObjectName(QStringLiteral("commitDetails"));
    m_splitter->setObjectName(QStringLiteral("historySplitter"));

    m_filterEdit->setPlaceholderText(tr("Filter by title, message or commit id"));
    m_filterEdit->setToolTip(tr("Show only commits whose title, message or id contains this text (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->addAction(QIcon(QStringLiteral(":/icons/filter.svg")), QLineEdit::LeadingPosition);
    m_pathEdit->setPlaceholderText(tr("Path, folder or pattern (*.safetensors)"));
    m_pathEdit->setToolTip(tr("Show only commits that changed this file, a file in this folder, or a file matching this pattern"));
    m_pathEdit->setClearButtonEnabled(true);
    m_pathEdit->addAction(QIcon(QStringLiteral(":/icons/files.svg")), QLineEdit::LeadingPosition);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    for (QLineEdit *edit : {m_filterEdit, m_pathEdit}) {
        auto *clear = new QAction(edit);
        clear->setShortcut(QKeySequence(Qt::Key_Escape));
        clear->setShortcutContext(Qt::WidgetShortcut);
        edit->addAction(clear);
        connect(clear, &QAction::triggered, edit, [this, edit] {
            if (edit->text().isEmpty())
                focusGraph();
            else
                edit->clear();
        });
        connect(edit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
        connect(edit, &QLineEdit::returnPressed, this, &HistoryPanel::applyFilter);
    }
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(kFilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &HistoryPanel::applyFilter);

    m_view->setModel(m_model);
    m_view->setItemDelegate(m_delegate);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setItemsExpandable(false);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setFrameShape(QFrame::NoFrame);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(CommitGraphDelegate::graphWidth(1));
    header->setSectionResizeMode(CommitGraphModel::GraphColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(CommitGraphModel::TitleColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(CommitGraphModel::DateColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(CommitGraphModel::IdColumn, QHeaderView::Interactive);
    // Badges are painted in the description; the plain Refs column is for copying and
    // accessibility only.
    m_view->setColumnHidden(CommitGraphModel::RefsColumn, true);
    // Fixed widths from the font: measuring contents would walk every loaded row.
    const QString sampleDate = QLocale().toString(QDateTime(QDate(2024, 12, 28), QTime(23, 59)), QLocale::ShortFormat);
    header->resizeSection(CommitGraphModel::DateColumn, fontMetrics().horizontalAdvance(sampleDate) + 28);
    const QFontMetrics fixed(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    header->resizeSection(CommitGraphModel::IdColumn, fixed.horizontalAdvance(QStringLiteral("0000000")) + 28);
    updateGraphWidth(1);
    m_details->setGraphModel(m_model);

    auto makeAction = [this](const QString &text, const QKeySequence &shortcut, const QString &icon = {}) {
        auto *action = new QAction(text, this);
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        if (!icon.isEmpty())
            action->setIcon(QIcon(icon));
        addAction(action);
        return action;
    };
    m_copyId = makeAction(tr("&Copy Commit Id"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                          QStringLiteral(":/icons/copy.svg"));
    m_copyId->setShortcuts({QKeySequence::Copy, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)});
    m_copyId->setObjectName(QStringLiteral("actionCopyCommitId"));
    m_copyShortId = makeAction(tr("Copy &Short Commit Id"), {});
    m_browseFiles = makeAction(tr("&Browse Files at This Commit"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
                               QStringLiteral(":/icons/files.svg"));
    m_browseFiles->setObjectName(QStringLiteral("actionBrowseFilesAtCommit"));
    m_goParent = makeAction(tr("Go to &Parent"), QKeySequence(Qt::ALT | Qt::Key_Down));
    m_goParent->setObjectName(QStringLiteral("actionGoToParent"));
    m_goChild = makeAction(tr("Go to C&hild"), QKeySequence(Qt::ALT | Qt::Key_Up));
    m_goChild->setObjectName(QStringLiteral("actionGoToChild"));
    connect(m_copyId, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(currentCommit()); });
    connect(m_copyShortId, &QAction::triggered, this,
            [this] { QApplication::clipboard()->setText(currentCommit().left(7)); });
    connect(m_browseFiles, &QAction::triggered, this, [this] {
        if (!currentCommit().isEmpty())
            Q_EMIT browseFilesRequested(currentCommit());
    });
    connect(m_goParent, &QAction::triggered, this, &HistoryPanel::goToParent);
    connect(m_goChild, &QAction::triggered, this, &HistoryPanel::goToChild);

    auto *filterBar = new QHBoxLayout;
    filterBar->setContentsMargins(6, 6, 6, 4);
    filterBar->setSpacing(6);
    filterBar->addWidget(m_filterEdit, 3);
    filterBar->addWidget(m_pathEdit, 2);
    filterBar->addWidget(m_status);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addLayout(filterBar);
    topLayout->addWidget(m_view, 1);

    m_splitter->addWidget(top);
    m_splitter->addWidget(m_details);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    // Commits are read as the view needs them: when it cannot scroll yet, or is scrolled
    // within a page of the last loaded row.
    QScrollBar *scroll = m_view->verticalScrollBar();
    auto wantMore = [this, scroll] {
        if (scroll->value() < scroll->maximum() - scroll->pageStep())
            return;
        m_model->setFetchLimit(std::max(m_model->fetchLimit(), m_model->rowCount() + m_model->batchSize()));
        if (m_model->canFetchMore({}))
            m_model->fetchMore({});
    };
    connect(scroll, &QScrollBar::valueChanged, this, wantMore);
    connect(scroll, &QScrollBar::rangeChanged, this, wantMore);
    m_model->setFetchLimit(CommitGraphModel::kFirstBatchSize);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &HistoryPanel::onCurrentChanged);
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT browseFilesRequested(index.siblingAtColumn(0).data(CommitGraphModel::CommitIdRole).toString());
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, &HistoryPanel::showContextMenu);
    connect(m_model, &CommitGraphModel::commitLocated, this, &HistoryPanel::onCommitLocated);
    connect(m_model, &CommitGraphModel::laneCountChanged, this, &HistoryPanel::updateGraphWidth);
    connect(m_model, &CommitGraphModel::batchLoaded, this, &HistoryPanel::updateStatus);
    connect(m_model, &CommitGraphModel::loadingChanged, this, &HistoryPanel::updateStatus);
    connect(m_model, &CommitGraphModel::modelReset, this, &HistoryPanel::updateStatus);
    connect(m_model, &CommitGraphModel::batchLoaded, this, &HistoryPanel::updateActions);
    connect(m_model, &CommitGraphModel::loadFailed, this, [this](const QString &message) {
        Q_EMIT errorOccurred(tr("Cannot Read History"),
                             tr("Could not read the commit history.") + QStringLiteral("\n\n") + message);
    });
    connect(m_details, &CommitDetailsView::commitLinkActivated, this, &HistoryPanel::selectCommit);
    connect(m_details, &CommitDetailsView::fileActivated, this, &HistoryPanel::fileDiffRequested);
    updateStatus();
    updateActions();
}

void HistoryPanel::setRepository(const QString &repoPath, const GitRefs &refs, const QString &defaultBranch)
{
    m_pendingSelect.clear();
    m_shownCommit.clear();
    m_details->setRepository(repoPath);
    m_model->setFetchLimit(CommitGraphModel::kFirstBatchSize);
    m_model->setRepository(repoPath, refs, defaultBranch);
    updateActions();
}

void HistoryPanel::selectCommit(const QString &commitId)
{
    if (commitId.isEmpty())
        return;
    m_pendingSelect = commitId;
    m_model->locateCommit(commitId);
}

void HistoryPanel::onCommitLocated(const QString &commitId, int row)
{
    if (commitId != m_pendingSelect)
        return;
    m_pendingSelect.clear();
    if (row < 0) {
        const QString reason = m_model->isLoaded(commitId)
                                   ? tr("Commit %1 is hidden by the filter.").arg(commitId.left(7))
                                   : tr("Commit %1 is not in the history of any branch or tag.").arg(commitId.left(7));
        Q_EMIT commitNotFound(commitId, reason);
        return;
    }
    const QModelIndex index = m_model->index(row, CommitGraphModel::TitleColumn);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::EnsureVisible);
}

QString HistoryPanel::currentCommit() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0).data(CommitGraphModel::CommitIdRole).toString() : QString();
}

QStringList HistoryPanel::selectedCommits() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows(0);
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList out;
    for (const QModelIndex &row : rows)
        out.append(row.data(CommitGraphModel::CommitIdRole).toString());
    return out;
}

void HistoryPanel::setFilter(const QString &text, const QString &path)
{
    const QSignalBlocker blockText(m_filterEdit);
    const QSignalBlocker blockPath(m_pathEdit);
    m_filterEdit->setText(text);
    m_pathEdit->setText(path);
    applyFilter();
}

void HistoryPanel::applyFilter()
{
    m_filterTimer->stop();
    const QString keep = currentCommit();
    m_model->setFilter(m_filterEdit->text(), m_pathEdit->text());
    const int row = keep.isEmpty() ? -1 : m_model->rowOfCommit(keep);
    if (row >= 0) {
        const QModelIndex index = m_model->index(row, CommitGraphModel::TitleColumn);
        m_view->setCurrentIndex(index);
        m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    } else {
        onCurrentChanged();
    }
    updateStatus();
}

void HistoryPanel::focusFilter()
{
    m_filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_filterEdit->selectAll();
}

void HistoryPanel::focusGraph()
{
    m_view->setFocus(Qt::ShortcutFocusReason);
    if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0, CommitGraphModel::TitleColumn));
}

bool HistoryPanel::isBusy() const
{
    return m_model->isLoading() || m_details->isLoading() || !m_pendingSelect.isEmpty();
}

void HistoryPanel::onCurrentChanged()
{
    const QString id = currentCommit();
    updateActions();
    if (id == m_shownCommit)
        return;
    m_shownCommit = id;
    m_details->showCommit(id);
    Q_EMIT commitSelected(id);
}

void HistoryPanel::updateStatus()
{
    const int loaded = m_model->loadedCount();
    const int shown = m_model->rowCount();
    const QLocale locale;
    QString text;
    if (m_model->repositoryPath().isEmpty())
        text.clear();
    else if (loaded == 0 && m_model->isLoading())
        text = tr("Loading history…");
    else if (m_model->isFiltered())
        text = m_model->isComplete() ? tr("%1 of %2 commits match").arg(locale.toString(shown), locale.toString(loaded))
                                     : tr("%1 matches in %2 commits, searching…").arg(locale.toString(shown), locale.toString(loaded));
    else if (m_model->isComplete())
        text = loaded == 1 ? tr("1 commit") : tr("%1 commits").arg(locale.toString(loaded));
    else
        text = tr("%1+ commits").arg(locale.toString(loaded));
    m_status->setText(text);
}

void HistoryPanel::updateGraphWidth(int lanes)
{
    // Never narrower than its heading.
    QHeaderView *header = m_view->header();
    const QString title = m_model->headerData(CommitGraphModel::GraphColumn, Qt::Horizontal).toString();
    const int headingWidth = header->fontMetrics().horizontalAdvance(title) + 16;
    header->resizeSection(CommitGraphModel::GraphColumn,
                          std::max(headingWidth, CommitGraphDelegate::graphWidth(std::clamp(lanes, 1, kMaxShownLanes))));
}

void HistoryPanel::updateActions()
{
    const QString id = currentCommit();
    const int row = m_view->currentIndex().row();
    const bool has = !id.isEmpty() && row >= 0;
    m_copyId->setEnabled(has);
    m_copyShortId->setEnabled(has);
    m_browseFiles->setEnabled(has);
    m_goParent->setEnabled(has && !m_model->record(row).parents.isEmpty());
    m_goChild->setEnabled(has && !m_model->childrenOf(id).isEmpty());
}

void HistoryPanel::goToParent()
{
    const int row = m_view->currentIndex().row();
    if (row < 0)
        return;
    const QStringList parents = m_model->record(row).parents;
    if (!parents.isEmpty())
        selectCommit(parents.first());
}

void HistoryPanel::goToChild()
{
    const QStringList children = m_model->childrenOf(currentCommit());
    if (children.isEmpty())
        return;
    // The child nearest above: the one the eye follows up the graph.
    QString best = children.first();
    int bestRow = -1;
    for (const QString &child : children) {
        const int row = m_model->rowOfCommit(child);
        if (row > bestRow) {
            bestRow = row;
            best = child;
        }
    }
    selectCommit(best);
}

void HistoryPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    if (!m_view->selectionModel()->isRowSelected(index.row(), index.parent()))
        m_view->setCurrentIndex(index);
    QStringList commits = selectedCommits();
    const QString clicked = index.siblingAtColumn(0).data(CommitGraphModel::CommitIdRole).toString();
    commits.removeAll(clicked);
    commits.prepend(clicked);
    QMenu menu(this);
    fillContextMenu(&menu, commits);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void HistoryPanel::fillContextMenu(QMenu *menu, const QStringList &commitIds)
{
    menu->addAction(m_copyId);
    menu->addAction(m_copyShortId);
    menu->addSeparator();
    menu->addAction(m_browseFiles);
    menu->addSeparator();
    menu->addAction(m_goParent);
    menu->addAction(m_goChild);
    Q_EMIT contextMenuAboutToShow(menu, commitIds);
}

} // namespace hubvault::app
