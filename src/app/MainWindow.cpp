#include "MainWindow.h"

#include "FileListModel.h"
#include "RefsModel.h"
#include "RepositoryLoader.h"
#include "ui_MainWindow.h"

#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>

namespace hubvault::app {

namespace {
const QString kRecentKey = QStringLiteral("recentRepositories");
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kSplitterKey = QStringLiteral("mainWindow/splitter");
const QString kHeadsPrefix = QStringLiteral("refs/heads/");
const QString kTagsPrefix = QStringLiteral("refs/tags/");
} // namespace

MainWindow::MainWindow(Persistence persistence, QWidget *parent)
    : QMainWindow(parent),
      ui(new Ui::MainWindow),
      m_refsModel(new RefsModel(this)),
      m_fileModel(new FileListModel(this)),
      m_fileProxy(new QSortFilterProxyModel(this)),
      m_loader(new RepositoryLoader(this)),
      m_pathLabel(new QLabel(this)),
      m_refLabel(new QLabel(this)),
      m_filesLabel(new QLabel(this)),
      m_commitLabel(new QLabel(this)),
      m_persistence(persistence)
{
    ui->setupUi(this);

    ui->refsView->setModel(m_refsModel);
    ui->refsView->header()->setStretchLastSection(false);
    ui->refsView->header()->setSectionResizeMode(RefsModel::NameColumn, QHeaderView::Stretch);
    ui->refsView->header()->setSectionResizeMode(RefsModel::CommitColumn, QHeaderView::ResizeToContents);

    // Sorting goes through a proxy on raw values, so "2 KiB" sorts after "900 bytes".
    m_fileProxy->setSourceModel(m_fileModel);
    m_fileProxy->setSortRole(FileListModel::SortRole);
    ui->filesView->setModel(m_fileProxy);
    ui->filesView->sortByColumn(FileListModel::PathColumn, Qt::AscendingOrder);
    QHeaderView *fileHeader = ui->filesView->header();
    fileHeader->setStretchLastSection(false);
    fileHeader->setSectionResizeMode(FileListModel::PathColumn, QHeaderView::Stretch);
    for (int column : {FileListModel::SizeColumn, FileListModel::StorageColumn, FileListModel::Sha256Column})
        fileHeader->setSectionResizeMode(column, QHeaderView::ResizeToContents);

    ui->splitter->setStretchFactor(0, 0);
    ui->splitter->setStretchFactor(1, 1);
    ui->splitter->setSizes({300, 800});

    m_pathLabel->setObjectName(QStringLiteral("pathLabel"));
    m_refLabel->setObjectName(QStringLiteral("refLabel"));
    m_filesLabel->setObjectName(QStringLiteral("filesLabel"));
    m_commitLabel->setObjectName(QStringLiteral("commitLabel"));
    for (QLabel *label : {m_pathLabel, m_filesLabel, m_refLabel, m_commitLabel})
        label->setContentsMargins(6, 0, 6, 0);
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_commitLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *busy = new QProgressBar(this);
    busy->setObjectName(QStringLiteral("busyIndicator"));
    busy->setRange(0, 0); // indeterminate: the core reports no progress for listings
    busy->setMaximumWidth(100);
    busy->setTextVisible(false);
    busy->hide();
    statusBar()->addWidget(m_pathLabel, 1);
    statusBar()->addPermanentWidget(busy);
    statusBar()->addPermanentWidget(m_filesLabel);
    statusBar()->addPermanentWidget(m_refLabel);
    statusBar()->addPermanentWidget(m_commitLabel);

    connect(ui->actionOpen, &QAction::triggered, this, &MainWindow::chooseRepository);
    connect(ui->actionReload, &QAction::triggered, this, &MainWindow::reload);
    connect(ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    connect(ui->actionClearRecent, &QAction::triggered, this, [this] {
        m_recent.clear();
        if (m_persistence == Persistence::UseSettings)
            QSettings().setValue(kRecentKey, m_recent);
        rebuildRecentMenu();
    });
    connect(ui->refsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onCurrentRefChanged);
    connect(m_loader, &RepositoryLoader::repositoryLoaded, this, &MainWindow::onRepositoryLoaded);
    connect(m_loader, &RepositoryLoader::treeLoaded, this, &MainWindow::onTreeLoaded);
    connect(m_loader, &RepositoryLoader::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_loader, &RepositoryLoader::busyChanged, busy, &QWidget::setVisible);

    if (m_persistence == Persistence::UseSettings)
        restoreSettings();
    rebuildRecentMenu();
    ui->actionReload->setEnabled(false);
    updateStatus({}, false);
}

MainWindow::~MainWindow()
{
    delete ui;
}

void MainWindow::openRepository(const QString &path)
{
    m_loader->openRepository(path);
}

bool MainWindow::selectRef(const QString &fullRef)
{
    const QModelIndex index = m_refsModel->indexOfRef(fullRef);
    if (!index.isValid())
        return false;
    ui->refsView->setCurrentIndex(index);
    return true;
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
                          "<p>Reads and writes repositories of hubvault 0.0.2.</p>")
                           .arg(QStringLiteral(HUBVAULT_VERSION)));
}

void MainWindow::onRepositoryLoaded(const RepositorySnapshot &snapshot)
{
    // A reload keeps the user's ref when it still exists; a new repository starts at
    // its default branch.
    const QString previousRevision = snapshot.path == m_repoPath ? m_currentRevision : QString();

    m_repoPath = snapshot.path;
    m_currentRevision = snapshot.tree.revision;
    m_refsModel->setRefs(snapshot.refs, snapshot.defaultBranch);
    ui->refsView->expandAll();
    // The default branch's files came with the snapshot; m_currentRevision already names
    // it, so this selection does not load them again.
    const QModelIndex current = m_refsModel->indexOfRef(m_currentRevision);
    if (current.isValid())
        ui->refsView->setCurrentIndex(current);
    setWindowTitle(tr("%1 — HubVault").arg(QFileInfo(m_repoPath).fileName()));
    ui->actionReload->setEnabled(true);
    addRecent(m_repoPath);
    applyTree(snapshot.tree);
    Q_EMIT repositoryOpened(m_repoPath);

    if (!previousRevision.isEmpty() && previousRevision != m_currentRevision)
        selectRef(previousRevision);
}

void MainWindow::onCurrentRefChanged()
{
    const QModelIndexList rows = ui->refsView->selectionModel()->selectedRows(RefsModel::NameColumn);
    if (rows.isEmpty())
        return;
    const QString ref = rows.first().data(RefsModel::RefRole).toString();
    if (ref.isEmpty() || ref == m_currentRevision)
        return;
    m_currentRevision = ref;
    ui->filesView->setEnabled(false); // greyed until the new list arrives
    m_commitLabel->setText(tr("Loading…"));
    m_loader->loadTree(m_repoPath, ref);
}

void MainWindow::onTreeLoaded(const TreeSnapshot &tree)
{
    if (tree.repoPath != m_repoPath || tree.revision != m_currentRevision)
        return;
    applyTree(tree);
}

void MainWindow::applyTree(const TreeSnapshot &tree)
{
    m_fileModel->setFiles(tree.files);
    ui->filesView->setEnabled(true);
    updateStatus(tree.commitId.value_or(QString()), !tree.revision.isEmpty());
    Q_EMIT fileListShown(tree.revision);
}

void MainWindow::onLoadFailed(const LoadError &error)
{
    if (error.stage == LoadError::Stage::Open) {
        reportError(tr("Cannot Open Repository"),
                    tr("Could not open “%1”.").arg(QDir::toNativeSeparators(error.path))
                        + QStringLiteral("\n\n") + error.message);
        return;
    }
    if (error.path != m_repoPath || error.revision != m_currentRevision)
        return;
    m_fileModel->clear();
    ui->filesView->setEnabled(true);
    updateStatus({}, false);
    reportError(tr("Cannot List Files"),
                tr("Could not list the files of “%1”.").arg(error.revision) + QStringLiteral("\n\n")
                    + error.message);
}

void MainWindow::reportError(const QString &title, const QString &message)
{
    Q_EMIT errorReported(title, message);
    auto *box = new QMessageBox(QMessageBox::Critical, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::updateStatus(const QString &commitId, bool knownCommit)
{
    if (m_repoPath.isEmpty()) {
        m_pathLabel->setText(tr("No repository open"));
        m_filesLabel->clear();
        m_refLabel->clear();
        m_commitLabel->clear();
        return;
    }
    m_pathLabel->setText(QDir::toNativeSeparators(m_repoPath));
    // No %n plural here: without a loaded English catalogue it would print "file(s)".
    const int fileCount = m_fileModel->rowCount();
    const QString totalSize = FileListModel::formatSize(m_fileModel->totalSize());
    m_filesLabel->setText(fileCount == 1 ? tr("1 file, %1").arg(totalSize)
                                         : tr("%1 files, %2").arg(QLocale().toString(fileCount), totalSize));
    if (m_currentRevision.startsWith(kHeadsPrefix))
        m_refLabel->setText(tr("Branch: %1").arg(m_currentRevision.mid(kHeadsPrefix.size())));
    else if (m_currentRevision.startsWith(kTagsPrefix))
        m_refLabel->setText(tr("Tag: %1").arg(m_currentRevision.mid(kTagsPrefix.size())));
    else
        m_refLabel->setText(m_currentRevision);
    if (!knownCommit)
        m_commitLabel->clear();
    else if (commitId.isEmpty())
        m_commitLabel->setText(tr("No commits"));
    else
        m_commitLabel->setText(tr("Commit: %1").arg(RefsModel::shortId(commitId)));
    m_commitLabel->setToolTip(commitId);
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
        connect(action, &QAction::triggered, this, [this, path] { openRepository(path); });
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
    restoreState(settings.value(kStateKey).toByteArray());
    ui->splitter->restoreState(settings.value(kSplitterKey).toByteArray());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kSplitterKey, ui->splitter->saveState());
    settings.setValue(kRecentKey, m_recent);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_persistence == Persistence::UseSettings)
        saveSettings();
    event->accept();
}

} // namespace hubvault::app
