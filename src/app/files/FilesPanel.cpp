#include "files/FilesPanel.h"
#include "shell/Formatting.h"

#include "files/BreadcrumbBar.h"
#include "files/DownloadJob.h"
#include "files/FileTreeModel.h"
#include "preview/PreviewPane.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QProgressDialog>
#include <QSplitter>
#include <QStandardPaths>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>

namespace hubvault::app {

namespace {

QString parentOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : path.left(slash);
}


} // namespace

FilesPanel::FilesPanel(QWidget *parent)
    : QWidget(parent),
      m_model(new FileTreeModel(this)),
      m_breadcrumb(new BreadcrumbBar(this)),
      m_busy(new QLabel(this)),
      m_tree(new QTreeView(this)),
      m_preview(new PreviewPane(this)),
      m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_status(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 4, 0);
    top->addWidget(m_breadcrumb, 1);
    m_busy->setText(tr("Loading…"));
    m_busy->setForegroundRole(QPalette::PlaceholderText);
    m_busy->setVisible(false);
    top->addWidget(m_busy);
    layout->addLayout(top);

    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    // Local files dropped on a folder row are staged for upload there (FileTreeModel::dropMimeData).
    m_tree->setDragDropMode(QAbstractItemView::DropOnly);
    m_tree->setDropIndicatorShown(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setAccessibleName(tr("Files"));
    QHeaderView *header = m_tree->header();
    header->setStretchLastSection(true);
    const QFontMetrics fm = fontMetrics();
    const int pad = 3 * fm.horizontalAdvance(QLatin1Char(' ')) + 8;
    m_tree->setColumnWidth(FileTreeModel::NameColumn, 16 * fm.horizontalAdvance(QLatin1Char('M')));
    m_tree->setColumnWidth(FileTreeModel::SizeColumn, fm.horizontalAdvance(formatBytes(1023) + QLatin1String("0")) + pad);
    m_tree->setColumnWidth(FileTreeModel::StorageColumn,
                           std::max(fm.horizontalAdvance(tr("chunked")), fm.horizontalAdvance(tr("Storage"))) + pad);
    m_tree->setColumnWidth(FileTreeModel::Sha256Column, fm.horizontalAdvance(QStringLiteral("0123456789ab")) + pad);

    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_preview);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);

    m_status->setVisible(false);
    m_status->setTextFormat(Qt::RichText);
    m_status->setContentsMargins(4, 0, 4, 2);
    m_status->setWordWrap(true);
    connect(m_status, &QLabel::linkActivated, this,
            [](const QString &link) { QDesktopServices::openUrl(QUrl(link)); });
    layout->addWidget(m_status);

    // Actions act on the current entry while the tree has focus; they are also in its context menu.
    auto makeAction = [this](const QString &text, const QKeySequence &keys, void (FilesPanel::*slot)()) {
        auto *action = new QAction(text, this);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_tree->addAction(action);
        return action;
    };
    m_copyPath = makeAction(tr("Copy &Path"), QKeySequence::Copy, &FilesPanel::copyPath);
    m_copyId = makeAction(tr("Copy &Id"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), &FilesPanel::copyId);
    m_copyId->setToolTip(tr("Copy the git blob id of a file or the tree id of a folder"));
    m_copySha256 = makeAction(tr("Copy &SHA-256"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C), &FilesPanel::copySha256);
    m_downloadAction = makeAction(tr("&Download…"), QKeySequence::Save, &FilesPanel::chooseDownloadTarget);
    m_downloadAction->setToolTip(tr("Save the selected file or folder to a directory of your choice"));
    m_parentFolder = makeAction(tr("Go to Parent &Folder"), QKeySequence(Qt::ALT | Qt::Key_Up), &FilesPanel::goToParentFolder);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &FilesPanel::showContextMenu);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QModelIndex first = index.siblingAtColumn(0);
        if (m_model->entry(first).isFolder)
            m_tree->setExpanded(first, !m_tree->isExpanded(first));
    });
    connect(m_model, &FileTreeModel::folderLoaded, this, &FilesPanel::onFolderLoaded);
    connect(m_model, &FileTreeModel::folderLoadFailed, this, [this](const QString &folder, const QString &message) {
        m_pendingSelect.clear();
        Q_EMIT errorOccurred(tr("Cannot List Folder"),
                             tr("Could not list “%1”.").arg(folder.isEmpty() ? rootLabel() : folder)
                                 + QStringLiteral("\n\n") + message);
    });
    connect(m_model, &FileTreeModel::lastCommitsFailed, this, [this](const QString &folder, const QString &message) {
        m_status->setText(tr("Last commits of “%1” are unavailable: %2")
                              .arg(folder.isEmpty() ? rootLabel() : folder, message)
                              .toHtmlEscaped());
    });
    connect(m_model, &FileTreeModel::loadingChanged, m_busy, &QWidget::setVisible);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateBreadcrumb();
        updateActions();
    });
    connect(m_breadcrumb, &BreadcrumbBar::pathActivated, this, &FilesPanel::goToFolder);

    updateBreadcrumb();
    updateActions();
}

FilesPanel::~FilesPanel() = default;

void FilesPanel::setRepository(const QString &repoPath)
{
    m_repoPath = repoPath;
    m_revision.clear();
    m_pendingSelect.clear();
    m_status->setVisible(false);
    m_preview->setRepository(repoPath);
    m_model->setRepository(repoPath);
}

void FilesPanel::showRevision(const QString &revision)
{
    const QString keep = currentPath();
    m_revision = revision;
    m_preview->showMessage(tr("Select a file to preview it."));
    m_model->setRepository(m_repoPath, revision);
    m_pendingSelect = keep; // selected again once its folders are listed
    m_expandPending = false;
}

QString FilesPanel::rootLabel() const
{
    const QString name = QFileInfo(m_repoPath).fileName();
    if (m_revision.isEmpty())
        return name;
    return tr("%1 @ %2").arg(name, m_revision);
}

FileTreeEntry FilesPanel::currentEntry() const
{
    return m_model->entry(m_tree->currentIndex());
}

QString FilesPanel::currentPath() const
{
    return m_tree->currentIndex().isValid() ? currentEntry().path : QString();
}

QString FilesPanel::currentFolder() const
{
    if (!m_tree->currentIndex().isValid())
        return {};
    const FileTreeEntry entry = currentEntry();
    return entry.isFolder ? entry.path : parentOf(entry.path);
}

void FilesPanel::selectPath(const QString &path)
{
    m_pendingSelect = path;
    m_expandPending = false;
    continueSelect();
}

void FilesPanel::continueSelect()
{
    if (m_pendingSelect.isEmpty())
        return;
    const QString target = m_pendingSelect;
    const QModelIndex found = m_model->indexForPath(target);
    if (found.isValid()) {
        m_pendingSelect.clear();
        m_tree->setCurrentIndex(found);
        if (m_expandPending)
            m_tree->expand(found);
        m_expandPending = false;
        m_tree->scrollTo(found);
        return;
    }
    QModelIndex parent;
    QString prefix;
    for (const QString &part : target.split(QLatin1Char('/'))) {
        const QString next = prefix.isEmpty() ? part : prefix + QLatin1Char('/') + part;
        const QModelIndex child = m_model->indexForPath(next);
        if (!child.isValid()) {
            switch (m_model->loadState(parent)) {
            case FileTreeModel::LoadState::NotLoaded:
                m_model->fetchMore(parent);
                [[fallthrough]];
            case FileTreeModel::LoadState::Loading:
                if (parent.isValid())
                    m_tree->expand(parent);
                return; // continue in onFolderLoaded
            case FileTreeModel::LoadState::Loaded:
            case FileTreeModel::LoadState::Failed:
                m_pendingSelect.clear(); // not in this revision
                return;
            }
        }
        parent = child;
        prefix = next;
    }
}

void FilesPanel::onFolderLoaded(const QString &)
{
    continueSelect();
    updateActions();
}

void FilesPanel::onCurrentChanged(const QModelIndex &current)
{
    const FileTreeEntry entry = m_model->entry(current);
    if (!current.isValid())
        m_preview->showMessage(tr("Select a file to preview it."));
    else if (entry.isFolder)
        m_preview->showMessage(tr("Folder “%1”").arg(entry.path));
    else
        m_preview->showFile(m_revision, entry);
    updateBreadcrumb();
    updateActions();
}

void FilesPanel::updateBreadcrumb()
{
    m_breadcrumb->setPath(currentFolder(), rootLabel());
}

void FilesPanel::updateActions()
{
    const bool hasRepo = !m_repoPath.isEmpty();
    const bool hasEntry = m_tree->currentIndex().isValid();
    m_copyPath->setEnabled(hasEntry);
    m_copyId->setEnabled(hasEntry);
    m_copySha256->setEnabled(hasEntry && !currentEntry().isFolder);
    m_downloadAction->setEnabled(hasRepo && m_model->rowCount() > 0);
    m_downloadAction->setText(hasEntry ? tr("&Download…") : tr("&Download All…"));
    m_parentFolder->setEnabled(hasEntry);
}

void FilesPanel::copyPath()
{
    if (m_tree->currentIndex().isValid())
        QGuiApplication::clipboard()->setText(currentEntry().path);
}

void FilesPanel::copyId()
{
    if (m_tree->currentIndex().isValid())
        QGuiApplication::clipboard()->setText(currentEntry().oid);
}

void FilesPanel::copySha256()
{
    const FileTreeEntry entry = currentEntry();
    if (m_tree->currentIndex().isValid() && !entry.isFolder)
        QGuiApplication::clipboard()->setText(entry.sha256);
}

void FilesPanel::goToFolder(const QString &folder)
{
    if (folder.isEmpty()) {
        m_pendingSelect.clear();
        m_tree->selectionModel()->clear(); // also clears the current index
        m_tree->scrollToTop();
        return;
    }
    m_pendingSelect = folder;
    m_expandPending = true;
    continueSelect();
}

void FilesPanel::goToParentFolder()
{
    if (!m_tree->currentIndex().isValid())
        return;
    goToFolder(parentOf(currentEntry().path));
}

void FilesPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    if (index.isValid())
        m_tree->setCurrentIndex(index);
    const bool hasEntry = index.isValid();
    const FileTreeEntry entry = hasEntry ? currentEntry() : FileTreeEntry{};
    QMenu menu(this);
    fillContextMenu(&menu, hasEntry ? entry.path : QString(), !hasEntry || entry.isFolder);
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void FilesPanel::fillContextMenu(QMenu *menu, const QString &path, bool isFolder)
{
    menu->addAction(m_copyPath);
    menu->addAction(m_copyId);
    menu->addAction(m_copySha256);
    menu->addSeparator();
    menu->addAction(m_downloadAction);
    menu->addSeparator();
    menu->addAction(m_parentFolder);
    Q_EMIT contextMenuAboutToShow(menu, path, isFolder);
}

void FilesPanel::chooseDownloadTarget()
{
    if (m_repoPath.isEmpty())
        return;
    const bool hasEntry = m_tree->currentIndex().isValid();
    const FileTreeEntry entry = currentEntry();
    const QString what = hasEntry ? entry.path : rootLabel();
    QString start = m_lastDownloadDir;
    if (start.isEmpty())
        start = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Download “%1” To").arg(what), start);
    if (dir.isEmpty())
        return;
    m_lastDownloadDir = dir;
    downloadTo(hasEntry ? entry.path : QString(), !hasEntry || entry.isFolder, dir);
}

DownloadJob *FilesPanel::downloadTo(const QString &pathInRepo, bool isFolder, const QString &targetDir)
{
    if (m_download && m_download->isRunning()) {
        Q_EMIT errorOccurred(tr("Download in Progress"), tr("Wait for the running download to finish or cancel it first."));
        return nullptr;
    }
    delete m_download; // the previous, ended job
    DownloadJob::Request request;
    request.repoPath = m_repoPath;
    request.revision = m_revision;
    request.pathInRepo = pathInRepo;
    request.isFolder = isFolder;
    request.targetDir = targetDir;
    auto *job = new DownloadJob(request, this);
    m_download = job;

    const QString what = pathInRepo.isEmpty() ? rootLabel() : pathInRepo;
    auto *dialog = new QProgressDialog(tr("Downloading “%1”…").arg(what), tr("Cancel"), 0, 0, this);
    dialog->setWindowTitle(tr("Download"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(400);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_progressDialog = dialog;
    connect(dialog, &QProgressDialog::canceled, job, [job, dialog] {
        dialog->setLabelText(tr("Cancelling…"));
        job->cancel();
    });
    connect(job, &DownloadJob::progressChanged, dialog, [dialog, what](qint64 done, qint64 total) {
        if (total <= 0)
            return;
        dialog->setMaximum(1000);
        dialog->setValue(int(done * 1000 / total));
        dialog->setLabelText(tr("Downloading “%1”…\n%2 of %3").arg(what, formatBytes(done), formatBytes(total)));
    });
    connect(job, &DownloadJob::ended, dialog, &QWidget::close);
    connect(job, &DownloadJob::succeeded, this, [this, job] {
        const QString localPath = job->resultPath();
        const QString folder = QFileInfo(localPath).isDir() ? localPath : QFileInfo(localPath).absolutePath();
        m_status->setText(tr("Downloaded to <a href=\"%1\">%2</a>")
                              .arg(QUrl::fromLocalFile(folder).toString().toHtmlEscaped(),
                                   QDir::toNativeSeparators(localPath).toHtmlEscaped()));
        m_status->setVisible(true);
        Q_EMIT downloadFinished(localPath);
    });
    connect(job, &DownloadJob::cancelled, this, [this] {
        m_status->setText(tr("Download cancelled."));
        m_status->setVisible(true);
    });
    connect(job, &DownloadJob::failed, this, [this, what](const QString &, const QString &message) {
        m_status->setVisible(false);
        Q_EMIT errorOccurred(tr("Download Failed"),
                             tr("Could not download “%1”.").arg(what) + QStringLiteral("\n\n") + message);
    });
    dialog->setValue(0);
    job->start();
    return job;
}

} // namespace hubvault::app
