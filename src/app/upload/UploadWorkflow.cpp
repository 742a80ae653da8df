#include "upload/UploadWorkflow.h"

#include <hubvault/Repository.h>
#include "async/BackgroundCall.h"
#include "upload/CommitDialog.h"
#include "files/FileTreeModel.h"
#include "files/FilesPanel.h"
#include "shell/MainWindow.h"
#include "shell/OpenRepositories.h"
#include "refs/RefsModel.h"
#include "upload/UploadJob.h"
#include "upload/UploadQueue.h"
#include "upload/UploadQueueDock.h"

#include <QAction>
#include <QDirIterator>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QRandomGenerator>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTreeView>
#include <QUrl>
#include <algorithm>

namespace hubvault::app {

namespace {

const QString kHeadsPrefix = QStringLiteral("refs/heads/");
constexpr int kMovedTitlesShown = 3;
constexpr int kMovedCommitsRead = 200;

QStringList localPathsOf(const QMimeData *mime)
{
    QStringList paths;
    if (mime && mime->hasUrls())
        for (const QUrl &url : mime->urls())
            if (url.isLocalFile())
                paths.append(url.toLocalFile());
    return paths;
}

/** What a drop or a file chooser brought: files to stage, or a repository to open. */
struct Expansion {
    QString repositoryToOpen;
    QList<StagedChange> changes;
};

bool isRepository(const QString &dir)
{
    try {
        repositories::shared(dir);
        return true;
    } catch (const HubVaultError &) {
        return false;
    }
}

QString shortId(const QString &id)
{
    return id.isEmpty() ? QCoreApplication::translate("hubvault::app::UploadWorkflow", "(no commit)") : RefsModel::shortId(id);
}

} // namespace

/** The head of a branch as read now, and the commits it gained over the expected head. */
struct UploadWorkflow::HeadCheck {
    QString expected;
    QString actual;
    QStringList newTitles; ///< newest first, at most kMovedTitlesShown
    int newCount = 0;
    bool expectedIsAncestor = false;
};

UploadWorkflow::UploadWorkflow(MainWindow *window)
    : QObject(window), m_window(window), m_queue(new UploadQueue(this)), m_dock(new UploadQueueDock(m_queue, window))
{
    setObjectName(QStringLiteral("uploadWorkflow"));
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->hide();
    setUpActions();
    window->installEventFilter(this);
    connect(window, &MainWindow::repositoryOpened, this, &UploadWorkflow::onRepositoryOpened);
    connect(window->filesPanel(), &FilesPanel::contextMenuAboutToShow, this, &UploadWorkflow::onFilesContextMenu);
    connect(window->filesPanel()->model(), &FileTreeModel::localFilesDropped, this,
            [this](const QStringList &paths, const QString &folder) { stageLocalPaths(paths, folder); });
    connect(m_dock, &UploadQueueDock::commitRequested, this, &UploadWorkflow::openCommitDialog);
    connect(m_queue, &UploadQueue::pendingChanged, this, &UploadWorkflow::updateActions);
    updateActions();
}

UploadWorkflow::~UploadWorkflow() = default;

CommitDialog *UploadWorkflow::commitDialog() const
{
    return m_dialog;
}

UploadJob *UploadWorkflow::currentJob() const
{
    return m_job;
}

void UploadWorkflow::setUpActions()
{
    m_uploadFiles = new QAction(QIcon(QStringLiteral(":/icons/files.svg")), tr("&Upload Files…"), this);
    m_uploadFiles->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    m_uploadFiles->setStatusTip(tr("Queue local files for upload into the current folder"));
    m_uploadFolder = new QAction(tr("Upload F&older…"), this);
    m_uploadFolder->setStatusTip(tr("Queue a local folder and everything in it for upload"));
    m_delete = new QAction(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("actionStageDelete"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_delete->setStatusTip(tr("Queue the selected file or folder for deletion in the next commit"));
    m_commit = new QAction(tr("&Commit Queued Changes…"), this);
    m_commit->setObjectName(QStringLiteral("actionCommitQueue"));
    m_commit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    QAction *toggleDock = m_dock->toggleViewAction();
    toggleDock->setText(tr("Upload &Queue"));
    toggleDock->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));

    connect(m_uploadFiles, &QAction::triggered, this, &UploadWorkflow::chooseFilesToUpload);
    connect(m_uploadFolder, &QAction::triggered, this, &UploadWorkflow::chooseFolderToUpload);
    connect(m_delete, &QAction::triggered, this, &UploadWorkflow::deleteCurrentFile);
    connect(m_commit, &QAction::triggered, this, &UploadWorkflow::openCommitDialog);
    m_window->filesPanel()->treeView()->addAction(m_delete);

    QMenu *menu = m_window->repositoryMenu();
    menu->addAction(m_uploadFiles);
    menu->addAction(m_uploadFolder);
    menu->addAction(m_commit);
    menu->addAction(toggleDock);
    menu->addSeparator();
    if (auto *view = m_window->findChild<QMenu *>(QStringLiteral("menuView")))
        view->addAction(toggleDock);
}

void UploadWorkflow::updateActions()
{
    const bool open = !m_repoPath.isEmpty();
    m_uploadFiles->setEnabled(open);
    m_uploadFolder->setEnabled(open);
    m_delete->setEnabled(open);
    m_commit->setEnabled(open && m_queue->hasPending() && !m_job);
}

void UploadWorkflow::onRepositoryOpened(const QString &path)
{
    // A queue belongs to one repository; a reload of the same one keeps it.
    if (path != m_repoPath && !m_job) {
        m_queue->clear();
        m_acceptedHeads.clear();
        if (m_dialog)
            m_dialog->close();
    }
    m_repoPath = path;
    m_repoRoots = {QDir::cleanPath(QFileInfo(path).absoluteFilePath()), QFileInfo(path).canonicalFilePath()};
    m_publishedHeads.clear(); // the refs panel is current again
    updateActions();
}

QStringList UploadWorkflow::outsideRepository(QStringList paths) const
{
    paths.erase(std::remove_if(paths.begin(), paths.end(),
                               [this](const QString &path) {
                                   const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
                                   return std::any_of(m_repoRoots.cbegin(), m_repoRoots.cend(), [&](const QString &root) {
                                       return !root.isEmpty()
                                              && (clean == root || clean.startsWith(root + QLatin1Char('/')));
                                   });
                               }),
                paths.end());
    return paths;
}

bool UploadWorkflow::eventFilter(QObject *watched, QEvent *event)
{
    // Without a repository the window opens a dropped folder itself; with one, drops
    // are uploads (or another repository to open, decided on a worker).
    if (watched != m_window || m_repoPath.isEmpty())
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (outsideRepository(localPathsOf(drag->mimeData())).isEmpty())
            return false;
        drag->acceptProposedAction();
        return true;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        const QStringList paths = outsideRepository(localPathsOf(drop->mimeData()));
        if (paths.isEmpty())
            return false;
        drop->acceptProposedAction();
        const bool onFiles = m_window->currentTab() == MainWindow::Tab::Files;
        stageLocalPaths(paths, onFiles ? m_window->filesPanel()->currentFolder() : QString(), true);
        return true;
    }
    default:
        return QObject::eventFilter(watched, event);
    }
}

QList<StagedChange> UploadWorkflow::expandLocalPaths(const QStringList &localPaths, const QString &folder)
{
    QList<StagedChange> out;
    auto add = [&](const QFileInfo &file, const QString &relative) {
        StagedChange change;
        change.localPath = file.absoluteFilePath();
        change.folder = folder;
        change.relativePath = relative;
        change.size = file.size();
        out.append(change);
    };
    for (const QString &path : localPaths) {
        const QFileInfo info(path);
        if (info.isFile()) {
            add(info, info.fileName());
            continue;
        }
        if (!info.isDir())
            continue;
        // A dropped folder keeps its name: "data/" dropped on "sets" lands in "sets/data/...".
        const QDir root(info.absoluteFilePath());
        QList<StagedChange> files;
        QDirIterator it(root.absolutePath(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        QStringList relatives;
        while (it.hasNext()) {
            it.next();
            relatives.append(root.relativeFilePath(it.filePath()));
        }
        relatives.sort();
        for (const QString &relative : std::as_const(relatives))
            add(QFileInfo(root.filePath(relative)), info.fileName() + QLatin1Char('/') + relative);
    }
    return out;
}

void UploadWorkflow::stageLocalPaths(const QStringList &requested, const QString &folder, bool openRepositories)
{
    const QStringList localPaths = outsideRepository(requested);
    if (localPaths.isEmpty())
        return;
    background::run(
        this,
        [localPaths, folder, openRepositories] {
            Expansion expansion;
            if (openRepositories && localPaths.size() == 1 && QFileInfo(localPaths.first()).isDir()
                && isRepository(localPaths.first())) {
                expansion.repositoryToOpen = localPaths.first();
                return expansion;
            }
            expansion.changes = expandLocalPaths(localPaths, folder);
            return expansion;
        },
        [this, localPaths](const background::Outcome<Expansion> &outcome) {
            if (!outcome.ok()) {
                m_window->showError(tr("Cannot Queue Files"), outcome.failure.message);
                return;
            }
            if (!outcome.value->repositoryToOpen.isEmpty()) {
                m_window->openRepository(outcome.value->repositoryToOpen);
                return;
            }
            if (outcome.value->changes.isEmpty()) {
                m_window->statusBar()->showMessage(tr("Nothing to upload: %1 holds no files.")
                                                       .arg(QDir::toNativeSeparators(localPaths.join(QStringLiteral(", ")))),
                                                   6000);
                return;
            }
            addToQueue(outcome.value->changes);
            Q_EMIT staged(int(outcome.value->changes.size()));
        });
}

void UploadWorkflow::addToQueue(const QList<StagedChange> &changes)
{
    if (!m_queue->hasPending() && !m_queue->isPublishing()) {
        // A new queue: remember the head it is built on, for the commit's parent check.
        m_queue->clearFinished();
        const QString branch = currentBranch();
        m_queue->setBase(branch, headOfBranch(branch));
        m_acceptedHeads.clear();
    }
    m_queue->addChanges(changes);
    if (m_dock->isHidden())
        m_dock->show();
    const int pending = int(m_queue->pendingRows().size());
    m_window->statusBar()->showMessage(
        (pending == 1 ? tr("1 change queued") : tr("%1 changes queued").arg(pending))
            + tr("; publish with Repository ▸ Commit Queued Changes (Ctrl+K)."),
        6000);
}

void UploadWorkflow::stageDelete(const QString &pathInRepo, bool isFolder)
{
    if (pathInRepo.isEmpty())
        return;
    StagedChange change;
    change.kind = StagedChange::Kind::Delete;
    change.deletePath = pathInRepo;
    change.isFolder = isFolder;
    addToQueue({change});
}

void UploadWorkflow::deleteCurrentFile()
{
    FilesPanel *files = m_window->filesPanel();
    const QModelIndex current = files->treeView()->currentIndex();
    if (!current.isValid())
        return;
    const FileTreeEntry entry = files->model()->entry(current);
    stageDelete(entry.path, entry.isFolder);
}

void UploadWorkflow::onFilesContextMenu(QMenu *menu, const QString &path, bool isFolder)
{
    if (m_repoPath.isEmpty())
        return;
    menu->addSeparator();
    if (isFolder) {
        QAction *here = menu->addAction(tr("&Upload Files Here…"));
        connect(here, &QAction::triggered, this, [this, path] {
            const QStringList files = QFileDialog::getOpenFileNames(m_window, tr("Upload Files"));
            stageLocalPaths(files, path);
        });
    }
    if (!path.isEmpty()) {
        QAction *remove = menu->addAction(isFolder ? tr("De&lete Folder") : tr("De&lete File"));
        remove->setObjectName(QStringLiteral("stageDeleteHere"));
        remove->setShortcut(m_delete->shortcut());
        connect(remove, &QAction::triggered, this, [this, path, isFolder] { stageDelete(path, isFolder); });
    }
}

void UploadWorkflow::chooseFilesToUpload()
{
    const QStringList files = QFileDialog::getOpenFileNames(m_window, tr("Upload Files"));
    stageLocalPaths(files, m_window->filesPanel()->currentFolder());
}

void UploadWorkflow::chooseFolderToUpload()
{
    const QString dir = QFileDialog::getExistingDirectory(m_window, tr("Upload Folder"));
    if (!dir.isEmpty())
        stageLocalPaths({dir}, m_window->filesPanel()->currentFolder());
}

QString UploadWorkflow::currentBranch() const
{
    const QString revision = m_window->currentRevision();
    if (revision.startsWith(kHeadsPrefix))
        return revision.mid(kHeadsPrefix.size());
    return m_window->refsModel()->defaultBranch();
}

QString UploadWorkflow::headOfBranch(const QString &branch) const
{
    if (m_publishedHeads.contains(branch))
        return m_publishedHeads.value(branch);
    return m_window->refsModel()->indexOfRef(kHeadsPrefix + branch).data(RefsModel::CommitIdRole).toString();
}

QString UploadWorkflow::expectedHead(const QString &branch) const
{
    if (m_acceptedHeads.contains(branch))
        return m_acceptedHeads.value(branch);
    if (branch == m_queue->baseBranch())
        return m_queue->baseHead();
    return headOfBranch(branch);
}

CommitDialog *UploadWorkflow::openCommitDialog()
{
    if (m_dialog) {
        m_dialog->show();
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    m_dialog = new CommitDialog(m_queue, m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    QStringList branches;
    for (const GitRefInfo &ref : m_window->refsModel()->branches())
        branches.append(ref.name);
    const QString base = m_queue->baseBranch().isEmpty() ? currentBranch() : m_queue->baseBranch();
    m_dialog->setBranches(branches, base);
    connect(m_dialog, &CommitDialog::publishRequested, this, &UploadWorkflow::publish);
    connect(m_dialog, &CommitDialog::cancelPublishRequested, this, [this] {
        if (m_job)
            m_job->cancel();
    });
    connect(m_dialog, &CommitDialog::branchChanged, this, &UploadWorkflow::checkHead);
    connect(m_dialog, &CommitDialog::useNewHeadRequested, this, [this] {
        const QString branch = m_dialog->branch();
        m_acceptedHeads.insert(branch, m_actualHeads.value(branch));
        m_dialog->clearHeadMoved();
        m_dialog->showFailure({});
    });
    m_dialog->show();
    checkHead(m_dialog->branch());
    return m_dialog;
}

void UploadWorkflow::checkHead(const QString &branch)
{
    if (m_repoPath.isEmpty() || branch.isEmpty())
        return;
    const QString expected = expectedHead(branch);
    background::run(
        this,
        [repoPath = m_repoPath, branch, expected] {
            const std::shared_ptr<Repository> sharedRepo = repositories::shared(repoPath);
            const Repository &repo = *sharedRepo;
            HeadCheck check;
            check.expected = expected;
            check.actual = repo.resolveRevision(kHeadsPrefix + branch).value_or(QString());
            if (check.actual == expected || check.actual.isEmpty())
                return check;
            for (const GitCommitInfo &commit : repo.listRepoCommits(check.actual, kMovedCommitsRead)) {
                if (commit.commitId == expected) {
                    check.expectedIsAncestor = true;
                    break;
                }
                if (check.newTitles.size() < kMovedTitlesShown)
                    check.newTitles.append(commit.title);
                ++check.newCount;
            }
            return check;
        },
        [this, branch](const background::Outcome<HeadCheck> &outcome) {
            if (outcome.ok())
                showHeadCheck(branch, *outcome.value);
            else if (m_dialog)
                m_dialog->showFailure(outcome.failure.message);
        });
}

void UploadWorkflow::showHeadCheck(const QString &branch, const HeadCheck &check)
{
    m_actualHeads.insert(branch, check.actual);
    if (!m_dialog || m_dialog->branch() != branch || expectedHead(branch) != check.expected)
        return; // a later check or choice superseded this one
    if (check.actual == check.expected) {
        m_dialog->clearHeadMoved();
        return;
    }
    QString what;
    if (check.expectedIsAncestor) {
        QStringList titles;
        for (const QString &title : check.newTitles)
            titles.append(QStringLiteral("“%1”").arg(title.toHtmlEscaped()));
        what = (check.newCount == 1 ? tr("1 new commit arrived: %1%2.")
                                    : tr("%1 new commits arrived: %2%3.").arg(check.newCount))
                   .arg(titles.join(QStringLiteral(", ")),
                        check.newCount > titles.size() ? tr(" and more") : QString());
    } else {
        what = tr("The new head does not contain the old one: the branch was reset or rewritten.");
    }
    m_dialog->showHeadMoved(
        tr("<b>Branch “%1” moved since the queue was built.</b> It was at %2 and is now at %3. %4<br>"
           "Publishing is held back so that your changes do not silently land on top of commits you have not "
           "seen. Look at the branch in History, then choose <i>Publish on the New Head</i>, or pick another branch.")
            .arg(branch.toHtmlEscaped(), shortId(check.expected), shortId(check.actual), what));
}

void UploadWorkflow::publish()
{
    if (!m_dialog || m_job || m_repoPath.isEmpty())
        return;
    const QList<int> rows = m_queue->pendingRows();
    if (rows.isEmpty())
        return;
    UploadJob::Request request;
    request.repoPath = m_repoPath;
    request.branch = m_dialog->branch();
    request.parentCommit = expectedHead(request.branch);
    request.title = m_dialog->title();
    request.description = m_dialog->description();
    for (int row : rows)
        request.changes.append(m_queue->change(row));
    m_queue->beginPublish(rows);
    m_dialog->setPublishing(true);
    m_job = new UploadJob(request, this);
    connect(m_job, &UploadJob::progressChanged, this, [this](qint64 done, qint64 total) {
        m_queue->applyProgress(done);
        if (m_dialog)
            m_dialog->setProgress(done, total);
    });
    connect(m_job, &UploadJob::ended, this, &UploadWorkflow::onPublishEnded);
    m_job->start();
    updateActions();
}

void UploadWorkflow::onPublishEnded()
{
    UploadJob *job = m_job;
    m_job = nullptr;
    job->deleteLater();
    const UploadJob::State state = job->state();
    if (m_dialog)
        m_dialog->setPublishing(false);
    if (state == UploadJob::State::Succeeded) {
        m_queue->finishPublish(StagedChange::State::Done);
        m_acceptedHeads.clear();
        m_publishedHeads.insert(job->request().branch, job->commitId());
        if (m_dialog)
            m_dialog->accept();
        m_window->statusBar()->showMessage(tr("Published commit %1 on %2.")
                                               .arg(RefsModel::shortId(job->commitId()), job->request().branch),
                                           8000);
        m_window->reload();
    } else if (state == UploadJob::State::Cancelled) {
        m_queue->finishPublish(StagedChange::State::Cancelled);
        if (m_dialog)
            m_dialog->showFailure(tr("Stopped. Nothing was committed: the repository is exactly as it was."));
    } else {
        m_queue->finishPublish(StagedChange::State::Failed);
        const bool staleParent = job->errorKind() == ErrorKind::Conflict && !job->request().parentCommit.isEmpty();
        const QString message = tr("Nothing was committed.") + QLatin1Char('\n') + job->errorMessage();
        if (!m_dialog)
            m_window->showError(tr("Cannot Publish Changes"), message);
        else
            m_dialog->showFailure(message);
        if (staleParent)
            checkHead(job->request().branch);
    }
    updateActions();
    Q_EMIT publishEnded(job->commitId());
}

} // namespace hubvault::app
