#include "shell/MainWindow.h"
#include "shell/OpenRemoteDialog.h"
#include "shell/OpenRepositories.h"
#include "shell/TokenStore.h"
#include "shell/Formatting.h"

#include "shell/AppResources.h"
#include "history/CommitGraphModel.h"
#include "files/FileTreeModel.h"
#include "files/FilesPanel.h"
#include "history/HistoryPanel.h"
#include "pages/ObjectStorageSection.h"
#include "pages/OverviewPage.h"
#include "refs/RefsModel.h"
#include "history/ReflogView.h"
#include "shell/RepositoryLoader.h"
#include "pages/StoragePage.h"
#include "ui_MainWindow.h"

#include <hubvault/Version.h>

#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <algorithm>

namespace hubvault::app {

namespace {
const QString kRecentKey = QStringLiteral("recentRepositories");
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kSplitterKey = QStringLiteral("mainWindow/splitter");
const QString kHistorySplitterKey = QStringLiteral("mainWindow/historySplitter");
const QString kTabKey = QStringLiteral("mainWindow/tab");
const QString kHeadsPrefix = QStringLiteral("refs/heads/");
const QString kTagsPrefix = QStringLiteral("refs/tags/");
constexpr int kBusyPollMs = 150;

/** The directory a drag carries, if it carries exactly one local directory. */
QString droppedDirectory(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1)
        return {};
    const QUrl url = mime->urls().first();
    if (!url.isLocalFile())
        return {};
    const QFileInfo info(url.toLocalFile());
    return info.isDir() ? info.absoluteFilePath() : QString();
}

bool looksLikeCommitId(const QString &revision)
{
    if (revision.size() < 7 || revision.size() > 40)
        return false;
    return std::all_of(revision.cbegin(), revision.cend(), [](QChar c) {
        return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
    });
}
} // namespace

MainWindow::MainWindow(Persistence persistence, QWidget *parent)
    : QMainWindow(parent),
      ui(new Ui::MainWindow),
      m_refsModel(new RefsModel(this)),
      m_loader(new RepositoryLoader(this)),
      m_pathLabel(new QLabel(this)),
      m_refLabel(new QLabel(this)),
      m_commitLabel(new QLabel(this)),
      m_filesLabel(new QLabel(this)),
      m_sizeLabel(new QLabel(this)),
      m_busy(new QProgressBar(this)),
      m_busyTimer(new QTimer(this)),
      m_persistence(persistence)
{
    ensureResources();
    ui->setupUi(this);

    ui->refsView->setModel(m_refsModel);
    ui->refsView->header()->setStretchLastSection(false);
    ui->refsView->header()->setSectionResizeMode(RefsModel::NameColumn, QHeaderView::Stretch);
    ui->refsView->header()->setSectionResizeMode(RefsModel::CommitColumn, QHeaderView::ResizeToContents);

    setUpPages();
    setUpStatusBar();
    setUpActions();
    m_repositoryMenu = new QMenu(tr("&Repository"), this);
    m_repositoryMenu->setObjectName(QStringLiteral("menuRepository"));
    menuBar()->insertMenu(ui->menuHelp->menuAction(), m_repositoryMenu);
    setUpWorkflows();

    ui->splitter->setStretchFactor(0, 0);
    ui->splitter->setStretchFactor(1, 1);
    ui->splitter->setSizes({230, 970});

    connect(ui->refsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onCurrentRefChanged);
    connect(ui->refsView, &QWidget::customContextMenuRequested, this, &MainWindow::showRefsContextMenu);
    connect(m_loader, &RepositoryLoader::repositoryLoaded, this, &MainWindow::onRepositoryLoaded);
    connect(m_loader, &RepositoryLoader::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_loader, &RepositoryLoader::busyChanged, this, &MainWindow::updateBusy);

    setCurrentTab(Tab::Overview);
    if (m_persistence == Persistence::UseSettings)
        restoreSettings();
    rebuildRecentMenu();
    ui->actionReload->setEnabled(false);
    updateStatus();
}

MainWindow::~MainWindow()
{
    delete ui;
}

void MainWindow::setUpPages()
{
    m_overview = new OverviewPage(this);
    m_history = new HistoryPanel(this);
    m_files = new FilesPanel(this);
    m_storage = new StoragePage(this);
    m_overview->setObjectName(QStringLiteral("overviewPage"));
    m_history->setObjectName(QStringLiteral("historyPanel"));
    m_files->setObjectName(QStringLiteral("filesPanel"));
    m_storage->setObjectName(QStringLiteral("storagePage"));
    // Same order as Tab.
    ui->mainTabs->addTab(m_overview, QIcon(QStringLiteral(":/icons/overview.svg")), tr("Overview"));
    ui->mainTabs->addTab(m_history, QIcon(QStringLiteral(":/icons/history.svg")), tr("History"));
    ui->mainTabs->addTab(m_files, QIcon(QStringLiteral(":/icons/files.svg")), tr("Files"));
    ui->mainTabs->addTab(m_storage, QIcon(QStringLiteral(":/icons/storage.svg")), tr("Storage"));
    ui->mainTabs->setTabToolTip(int(Tab::Overview), tr("Summary figures and the README (Ctrl+1)"));
    ui->mainTabs->setTabToolTip(int(Tab::History), tr("Commit and merge graph of every branch and tag (Ctrl+2)"));
    ui->mainTabs->setTabToolTip(int(Tab::Files), tr("Files of the selected revision (Ctrl+3)"));
    ui->mainTabs->setTabToolTip(int(Tab::Storage), tr("Where the repository's bytes go (Ctrl+4)"));

    m_reflog = new ReflogView(this);
    m_reflogDock = new QDockWidget(tr("Reflog"), this);
    m_reflogDock->setObjectName(QStringLiteral("reflogDock"));
    m_reflogDock->setWidget(m_reflog);
    m_reflogDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                              | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::BottomDockWidgetArea, m_reflogDock);
    m_reflogDock->hide();

    auto report = [this](const QString &title, const QString &message) { reportError(title, message); };
    connect(m_history, &HistoryPanel::errorOccurred, this, report);
    connect(m_files, &FilesPanel::errorOccurred, this, report);
    connect(m_overview, &OverviewPage::errorOccurred, this, report);
    connect(m_storage, &StoragePage::errorOccurred, this, report);
    connect(m_history, &HistoryPanel::browseFilesRequested, this, [this](const QString &commitId) {
        ui->refsView->clearSelection();
        showRevision(commitId);
        setCurrentTab(Tab::Files);
    });
    connect(m_history, &HistoryPanel::commitNotFound, this,
            [this](const QString &, const QString &reason) { statusBar()->showMessage(reason, 6000); });
    connect(m_history, &HistoryPanel::commitSelected, this, &MainWindow::updateBusy);
    connect(m_history->model(), &CommitGraphModel::loadingChanged, this, &MainWindow::updateBusy);
    connect(m_overview, &OverviewPage::loaded, this, &MainWindow::updateStatus);
    connect(m_overview, &OverviewPage::loaded, this, &MainWindow::updateBusy);
    connect(m_storage, &StoragePage::loaded, this, &MainWindow::updateBusy);
    connect(m_storage->objectStorage(), &ObjectStorageSection::loaded, this, &MainWindow::updateBusy);
    // Offload and fetch change what is on this disk, which the overview and status bar show.
    connect(m_storage, &StoragePage::storageChanged, m_overview, &OverviewPage::reload);
    connect(m_files->model(), &FileTreeModel::loadingChanged, this, &MainWindow::updateBusy);
    connect(m_reflog, &ReflogView::loaded, this, &MainWindow::updateBusy);
    connect(m_reflog, &ReflogView::commitActivated, this, [this](const QString &commitId) {
        setCurrentTab(Tab::History);
        m_history->selectCommit(commitId);
    });
}

void MainWindow::setUpStatusBar()
{
    m_pathLabel->setObjectName(QStringLiteral("pathLabel"));
    m_refLabel->setObjectName(QStringLiteral("refLabel"));
    m_commitLabel->setObjectName(QStringLiteral("commitLabel"));
    m_filesLabel->setObjectName(QStringLiteral("filesLabel"));
    m_sizeLabel->setObjectName(QStringLiteral("sizeLabel"));
    for (QLabel *label : {m_pathLabel, m_filesLabel, m_sizeLabel, m_refLabel, m_commitLabel})
        label->setContentsMargins(6, 0, 6, 0);
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_commitLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setRange(0, 0); // indeterminate: listings report no progress
    m_busy->setMaximumWidth(100);
    m_busy->setTextVisible(false);
    m_busy->hide();
    statusBar()->addWidget(m_pathLabel, 1);
    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_filesLabel);
    statusBar()->addPermanentWidget(m_sizeLabel);
    statusBar()->addPermanentWidget(m_refLabel);
    statusBar()->addPermanentWidget(m_commitLabel);
    // Pages report when they finish, not when they start: while anything loads, the
    // indicator polls instead of every page growing a "started" signal.
    m_busyTimer->setInterval(kBusyPollMs);
    connect(m_busyTimer, &QTimer::timeout, this, &MainWindow::updateBusy);
}

void MainWindow::setUpActions()
{
    connect(ui->actionNew, &QAction::triggered, this, &MainWindow::chooseNewRepository);
    connect(ui->actionOpen, &QAction::triggered, this, &MainWindow::chooseRepository);
    auto *openRemote = new QAction(tr("Open Re&mote Repository…"), this);
    openRemote->setObjectName(QStringLiteral("actionOpenRemote"));
    openRemote->setStatusTip(tr("Open a repository served by hubvault serve on another machine"));
    ui->menuFile->insertAction(ui->menuRecent->menuAction(), openRemote);
    connect(openRemote, &QAction::triggered, this, [this] { chooseRemoteRepository(); });
    connect(ui->actionReload, &QAction::triggered, this, &MainWindow::reload);
    connect(ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    connect(ui->actionShortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(ui->actionClearRecent, &QAction::triggered, this, [this] {
        m_recent.clear();
        if (m_persistence == Persistence::UseSettings)
            QSettings().setValue(kRecentKey, m_recent);
        rebuildRecentMenu();
    });
    connect(ui->actionShowOverview, &QAction::triggered, this, [this] { setCurrentTab(Tab::Overview); });
    connect(ui->actionShowHistory, &QAction::triggered, this, [this] { setCurrentTab(Tab::History); });
    connect(ui->actionShowFiles, &QAction::triggered, this, [this] { setCurrentTab(Tab::Files); });
    connect(ui->actionShowStorage, &QAction::triggered, this, [this] { setCurrentTab(Tab::Storage); });
    connect(ui->actionFocusRefs, &QAction::triggered, this, [this] { ui->refsView->setFocus(Qt::ShortcutFocusReason); });
    connect(ui->actionFilterCommits, &QAction::triggered, this, [this] {
        setCurrentTab(Tab::History);
        m_history->focusFilter();
    });
    connect(ui->actionFocusGraph, &QAction::triggered, this, [this] {
        setCurrentTab(Tab::History);
        m_history->focusGraph();
    });
    connect(ui->actionShowReflog, &QAction::toggled, this, [this](bool show) {
        const bool first = show && !m_reflogDock->property("shownOnce").toBool();
        m_reflogDock->setVisible(show);
        if (first) {
            // A first-time dock takes what it is given; a few entries' height is enough.
            m_reflogDock->setProperty("shownOnce", true);
            resizeDocks({m_reflogDock}, {height() / 4}, Qt::Vertical);
        }
    });
    connect(m_reflogDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        // A dock hidden behind a tab is "not visible" without being closed.
        if (!visible && !m_reflogDock->isHidden())
            return;
        const QSignalBlocker block(ui->actionShowReflog);
        ui->actionShowReflog->setChecked(visible);
    });
    connect(ui->actionShowToolBar, &QAction::toggled, ui->mainToolBar, &QWidget::setVisible);

    ui->menuHistory->addAction(m_history->copyIdAction());
    ui->menuHistory->addAction(m_history->browseFilesAction());
    ui->menuHistory->addSeparator();
    ui->menuHistory->addAction(m_history->goToParentAction());
    ui->menuHistory->addAction(m_history->goToChildAction());
}

QMenu *MainWindow::historyMenu() const
{
    return ui->menuHistory;
}

QToolBar *MainWindow::mainToolBar() const
{
    return ui->mainToolBar;
}

void MainWindow::setCurrentTab(Tab tab)
{
    ui->mainTabs->setCurrentIndex(int(tab));
}

MainWindow::Tab MainWindow::currentTab() const
{
    return Tab(std::clamp(ui->mainTabs->currentIndex(), 0, int(Tab::Storage)));
}

std::optional<MainWindow::Tab> MainWindow::tabFromName(const QString &name)
{
    const QString key = name.trimmed().toLower();
    if (key == QLatin1String("overview"))
        return Tab::Overview;
    if (key == QLatin1String("history"))
        return Tab::History;
    if (key == QLatin1String("files"))
        return Tab::Files;
    if (key == QLatin1String("storage"))
        return Tab::Storage;
    return std::nullopt;
}

void MainWindow::openRepository(const QString &path)
{
    m_loader->openRepository(path);
    updateBusy();
}

void MainWindow::createRepository(const QString &path, const QString &defaultBranch)
{
    m_loader->createRepository(path, defaultBranch);
    updateBusy();
}

bool MainWindow::selectRef(const QString &fullRef)
{
    const QModelIndex index = m_refsModel->indexOfRef(fullRef);
    if (!index.isValid())
        return false;
    ui->refsView->setCurrentIndex(index);
    return true;
}

QString MainWindow::commitOfRef(const QString &fullRef) const
{
    return m_refsModel->indexOfRef(fullRef).data(RefsModel::CommitIdRole).toString();
}

void MainWindow::showRevision(const QString &revision)
{
    if (revision == m_currentRevision)
        return;
    m_currentRevision = revision;
    m_overview->showRevision(revision);
    m_files->showRevision(revision);
    updateStatus();
    updateBusy();
    Q_EMIT revisionShown(revision);
}

bool MainWindow::isBusy() const
{
    return m_loader->isBusy() || m_history->isBusy() || m_overview->isLoading() || m_storage->isLoading()
           || m_storage->objectStorage()->isLoading() || m_files->model()->isLoading() || m_reflog->isLoading();
}

void MainWindow::updateBusy()
{
    const bool busy = isBusy();
    m_busy->setVisible(busy);
    if (busy && !m_busyTimer->isActive())
        m_busyTimer->start();
    else if (!busy)
        m_busyTimer->stop();
}

void MainWindow::chooseRemoteRepository(const QString &suggestedUrl)
{
    OpenRemoteDialog dialog(this, suggestedUrl);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString url = dialog.url();
    repositories::setToken(url, dialog.token());
    if (dialog.rememberToken()) {
        tokenstore::save(url, dialog.token(), this, [this](bool stored, const QString &reason) {
            if (!stored)
                statusBar()->showMessage(tr("The token is kept until HubVault quits: the desktop's keyring did not take it (%1).")
                                             .arg(reason),
                                         10000);
        });
    } else {
        tokenstore::forget(url);
    }
    openRepository(url);
}

void MainWindow::openRecent(const QString &location)
{
    if (!isRemoteLocation(location) || repositories::hasToken(location)) {
        openRepository(location);
        return;
    }
    const QString url = location;
    // The keyring may take a moment (or ask to be unlocked): the window stays responsive.
    tokenstore::load(url, this, [this, url](std::optional<QString> token) {
        if (!token) {
            chooseRemoteRepository(url);
            return;
        }
        repositories::setToken(url, *token);
        openRepository(url);
    });
}

void MainWindow::chooseRepository()
{
    QString start = m_repoPath.isEmpty() ? (m_recent.isEmpty() ? QDir::homePath() : m_recent.first())
                                         : m_repoPath;
    start = QFileInfo(start).absolutePath();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Repository"), start,
                                                          QFileDialog::ShowDirsOnly);
    if (!dir.isEmpty())
        openRepository(dir);
}

void MainWindow::chooseNewRepository()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("New Repository"));
    auto *form = new QFormLayout(&dialog);
    auto *location = new QLineEdit(&dialog);
    location->setObjectName(QStringLiteral("newRepositoryLocation"));
    location->setPlaceholderText(tr("An empty or new folder"));
    location->setMinimumWidth(360);
    auto *browse = new QToolButton(&dialog);
    browse->setText(tr("Browse…"));
    auto *row = new QHBoxLayout;
    row->addWidget(location, 1);
    row->addWidget(browse);
    auto *branch = new QLineEdit(QStringLiteral("main"), &dialog);
    branch->setObjectName(QStringLiteral("newRepositoryBranch"));
    form->addRow(tr("&Location:"), row);
    form->addRow(tr("&Default branch:"), branch);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(browse, &QToolButton::clicked, &dialog, [&] {
        const QString dir = QFileDialog::getExistingDirectory(&dialog, tr("Choose a Folder for the New Repository"),
                                                              QDir::homePath(), QFileDialog::ShowDirsOnly);
        if (!dir.isEmpty())
            location->setText(QDir::toNativeSeparators(dir));
    });
    auto validate = [&] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!location->text().trimmed().isEmpty()
                                                          && !branch->text().trimmed().isEmpty());
    };
    connect(location, &QLineEdit::textChanged, &dialog, validate);
    connect(branch, &QLineEdit::textChanged, &dialog, validate);
    validate();
    if (dialog.exec() == QDialog::Accepted)
        createRepository(QDir::fromNativeSeparators(location->text().trimmed()), branch->text().trimmed());
}

void MainWindow::reload()
{
    if (!m_repoPath.isEmpty())
        openRepository(m_repoPath);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About HubVault"),
                       tr("<h3>HubVault %1</h3>"
                          "<p>A local, git-like versioned store for machine-learning artifacts.</p>"
                          "<p>Developed by %2.</p>"
                          "<p>Compatible with hubvault %3 (repository format version %4).</p>"
                          "<p>Running with %5.</p>")
                           .arg(hubvault::version(), hubvault::authors().toHtmlEscaped(),
                                hubvault::compatibleHubvaultVersion())
                           .arg(hubvault::repositoryFormatVersion())
                           .arg(hubvault::runtimeLibraryVersions()));
}

void MainWindow::showShortcuts()
{
    QString rows;
    QList<QAction *> actions = findChildren<QAction *>();
    std::stable_sort(actions.begin(), actions.end(), [](const QAction *a, const QAction *b) {
        return a->shortcut().toString() < b->shortcut().toString();
    });
    for (const QAction *action : std::as_const(actions)) {
        if (action->shortcut().isEmpty() || action->text().isEmpty())
            continue;
        QString text = action->text();
        text.remove(QLatin1Char('&'));
        if (text.endsWith(QStringLiteral("…")))
            text.chop(1);
        rows += QStringLiteral("<tr><td><b>%1</b></td><td>&nbsp;&nbsp;%2</td></tr>")
                    .arg(action->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped(), text.toHtmlEscaped());
    }
    auto *box = new QMessageBox(QMessageBox::NoIcon, tr("Keyboard Shortcuts"),
                                QStringLiteral("<table>%1</table>").arg(rows), QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("shortcutsBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::onRepositoryLoaded(const RepositorySnapshot &snapshot)
{
    // A reload keeps the user's revision when it still exists; a new repository starts at
    // its default branch.
    const bool sameRepository = snapshot.path == m_repoPath;
    const QString previousRevision = sameRepository ? m_currentRevision : QString();
    const QString previousCommit = sameRepository ? m_history->currentCommit() : QString();

    m_repository = snapshot.repository;
    m_repoPath = snapshot.path;
    m_defaultBranch = snapshot.defaultBranch;
    m_currentRevision.clear();
    {
        // Filling the refs panel must not pick a ref before the pages know the repository.
        const QSignalBlocker block(ui->refsView->selectionModel());
        m_refsModel->setRefs(snapshot.refs, snapshot.defaultBranch);
    }
    ui->refsView->expandAll();
    m_history->setRepository(m_repoPath, snapshot.refs, snapshot.defaultBranch);
    m_overview->setRepository(m_repoPath);
    m_files->setRepository(m_repoPath);
    m_storage->setRepository(m_repoPath);
    m_reflog->setRepository(m_repoPath);
    setWindowTitle(tr("%1 — HubVault").arg(QFileInfo(m_repoPath).fileName()));
    ui->actionReload->setEnabled(true);
    addRecent(m_repoPath);

    QString revision = kHeadsPrefix + snapshot.defaultBranch;
    if (!previousRevision.isEmpty()
        && (m_refsModel->indexOfRef(previousRevision).isValid() || looksLikeCommitId(previousRevision)))
        revision = previousRevision;
    if (!selectRef(revision)) {
        // A commit id, or no default branch: show the revision without a selected ref.
        showRevision(m_refsModel->indexOfRef(revision).isValid() || looksLikeCommitId(revision) ? revision
                                                                                              : QString());
        if (looksLikeCommitId(revision))
            m_history->selectCommit(revision);
    }
    if (!previousCommit.isEmpty())
        m_history->selectCommit(previousCommit);
    updateStatus();
    updateBusy();
    Q_EMIT repositoryOpened(m_repoPath);
}

void MainWindow::onCurrentRefChanged()
{
    const QModelIndexList rows = ui->refsView->selectionModel()->selectedRows(RefsModel::NameColumn);
    if (rows.isEmpty())
        return;
    const QString ref = rows.first().data(RefsModel::RefRole).toString();
    if (ref.isEmpty())
        return; // a group heading
    const QString commit = rows.first().data(RefsModel::CommitIdRole).toString();
    if (!commit.isEmpty())
        m_history->selectCommit(commit);
    m_reflog->showRef(ref);
    showRevision(ref);
    updateBusy();
}

void MainWindow::showRefsContextMenu(const QPoint &pos)
{
    const QModelIndex index = ui->refsView->indexAt(pos);
    const QString ref = index.siblingAtColumn(0).data(RefsModel::RefRole).toString();
    if (ref.isEmpty())
        return;
    ui->refsView->setCurrentIndex(index.siblingAtColumn(0));
    QMenu menu(this);
    fillRefsContextMenu(&menu, ref);
    menu.exec(ui->refsView->viewport()->mapToGlobal(pos));
}

void MainWindow::fillRefsContextMenu(QMenu *menu, const QString &fullRef)
{
    menu->addAction(QIcon(QStringLiteral(":/icons/history.svg")), tr("Show in &History"), this,
                    [this] { setCurrentTab(Tab::History); });
    menu->addAction(QIcon(QStringLiteral(":/icons/files.svg")), tr("Browse &Files"), this,
                    [this] { setCurrentTab(Tab::Files); });
    menu->addAction(QIcon(QStringLiteral(":/icons/reflog.svg")), tr("Show &Reflog"), this,
                    [this] { ui->actionShowReflog->setChecked(true); });
    Q_EMIT refsContextMenuAboutToShow(menu, fullRef);
}

void MainWindow::onLoadFailed(const LoadError &error)
{
    const QString where = QDir::toNativeSeparators(error.path);
    if (error.stage == LoadError::Stage::Create) {
        reportError(tr("Cannot Create Repository"),
                    tr("Could not create a repository in “%1”.").arg(where) + QStringLiteral("\n\n") + error.message);
        return;
    }
    reportError(tr("Cannot Open Repository"),
                tr("Could not open “%1”.").arg(where) + QStringLiteral("\n\n") + error.message);
}

void MainWindow::reportError(const QString &title, const QString &message)
{
    Q_EMIT errorReported(title, message);
    auto *box = new QMessageBox(QMessageBox::Critical, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::updateStatus()
{
    if (m_repoPath.isEmpty()) {
        m_pathLabel->setText(tr("No repository open — open one with Ctrl+O or drop its folder here"));
        m_filesLabel->clear();
        m_sizeLabel->clear();
        m_refLabel->clear();
        m_commitLabel->clear();
        return;
    }
    m_pathLabel->setText(QDir::toNativeSeparators(m_repoPath));
    QString commit;
    if (m_currentRevision.startsWith(kHeadsPrefix)) {
        m_refLabel->setText(tr("Branch: %1").arg(m_currentRevision.mid(kHeadsPrefix.size())));
        commit = commitOfRef(m_currentRevision);
    } else if (m_currentRevision.startsWith(kTagsPrefix)) {
        m_refLabel->setText(tr("Tag: %1").arg(m_currentRevision.mid(kTagsPrefix.size())));
        commit = commitOfRef(m_currentRevision);
    } else if (!m_currentRevision.isEmpty()) {
        m_refLabel->setText(tr("Detached at %1").arg(m_currentRevision.left(7)));
        commit = m_currentRevision;
    } else {
        m_refLabel->setText(tr("No branch"));
    }
    const bool isRef = m_currentRevision.startsWith(QLatin1String("refs/"));
    if (isRef && commit.isEmpty())
        m_commitLabel->setText(tr("No commits"));
    else
        m_commitLabel->setText(commit.isEmpty() ? QString() : tr("Commit: %1").arg(RefsModel::shortId(commit)));
    m_commitLabel->setToolTip(commit);

    // Files and sizes come from the overview page once it has read them.
    const OverviewFigures &figures = m_overview->figures();
    if (figures.repoPath == m_repoPath && figures.revision == m_currentRevision && !m_overview->isLoading()) {
        const QString logical = formatBytes(figures.logicalSize);
        m_filesLabel->setText(figures.files == 1 ? tr("1 file, %1").arg(logical)
                                                 : tr("%1 files, %2").arg(QLocale().toString(figures.files), logical));
        m_sizeLabel->setText(tr("%1 on disk").arg(formatBytes(figures.storedSize)));
        m_sizeLabel->setToolTip(tr("The repository takes %1 on disk; %2 of it is reachable from branches and tags.")
                                    .arg(formatBytes(figures.storedSize),
                                         formatBytes(figures.reachableSize)));
    } else {
        m_filesLabel->clear();
    }
}

void MainWindow::addRecent(const QString &path)
{
    m_recent.removeAll(path);
    m_recent.prepend(path);
    while (m_recent.size() > kMaxRecent)
        m_recent.removeLast();
    if (m_persistence == Persistence::UseSettings)
        QSettings().setValue(kRecentKey, m_recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    QMenu *menu = ui->menuRecent;
    menu->clear();
    for (int i = 0; i < m_recent.size(); ++i) {
        const QString path = m_recent.at(i);
        QString label = QDir::toNativeSeparators(path);
        label.replace(QLatin1Char('&'), QStringLiteral("&&")); // a path's & is no mnemonic
        QAction *action = menu->addAction(i < 9 ? QStringLiteral("&%1 %2").arg(i + 1).arg(label) : label);
        action->setStatusTip(tr("Open %1").arg(QDir::toNativeSeparators(path)));
        connect(action, &QAction::triggered, this, [this, path] {
            openRecent(path);
        });
    }
    menu->addSeparator();
    menu->addAction(ui->actionClearRecent);
    menu->setEnabled(!m_recent.isEmpty());
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    m_recent = settings.value(kRecentKey).toStringList();
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    if (restoreState(settings.value(kStateKey).toByteArray()))
        m_reflogDock->setProperty("shownOnce", true); // its saved size wins
    ui->splitter->restoreState(settings.value(kSplitterKey).toByteArray());
    m_history->splitter()->restoreState(settings.value(kHistorySplitterKey).toByteArray());
    if (const auto tab = tabFromName(settings.value(kTabKey).toString()))
        setCurrentTab(*tab);
    ui->actionShowReflog->setChecked(!m_reflogDock->isHidden());
    ui->actionShowToolBar->setChecked(!ui->mainToolBar->isHidden());
}

void MainWindow::saveSettings() const
{
    static const char *const names[] = {"overview", "history", "files", "storage"};
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kSplitterKey, ui->splitter->saveState());
    settings.setValue(kHistorySplitterKey, m_history->splitter()->saveState());
    settings.setValue(kTabKey, QString::fromLatin1(names[int(currentTab())]));
    settings.setValue(kRecentKey, m_recent);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_persistence == Persistence::UseSettings)
        saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedDirectory(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString dir = droppedDirectory(event->mimeData());
    if (dir.isEmpty())
        return;
    event->acceptProposedAction();
    openRepository(dir);
}

} // namespace hubvault::app
