// Uploads and deletions through the real window: files dropped on the window or on a
// folder row of the Files tree enter the upload queue, the commit dialog publishes them as
// ONE commit, a moved branch head is explained instead of overwritten, Stop rolls the
// commit back, and the Delete key stages deletions. Every result is checked with the core.

#include <hubvault/LocalRepository.h>
#include "AppTestSupport.h"
#include "upload/CommitDialog.h"
#include "files/FileTreeModel.h"
#include "files/FilesPanel.h"
#include "shell/MainWindow.h"
#include "TestSupport.h"
#include "upload/UploadJob.h"
#include "upload/UploadQueue.h"
#include "upload/UploadQueueDock.h"
#include "upload/UploadWorkflow.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <memory>

using namespace hubvault;
using hubvault::test::dropPaths;
using hubvault::test::openRepositoryIn;
using hubvault::test::titledCommit;
using namespace hubvault::app;

namespace {

void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(data), data.size());
}

/** A file of `size` bytes that does not deduplicate, written in blocks. */
void writeLargeFile(const QString &path, qint64 size)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray block(1 << 20, Qt::Uninitialized);
    quint64 state = 0x9E3779B97F4A7C15ull;
    for (qint64 written = 0; written < size; written += block.size()) {
        auto *words = reinterpret_cast<quint64 *>(block.data());
        for (qsizetype i = 0; i < block.size() / 8; ++i) {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            words[i] = state;
        }
        QCOMPARE(file.write(block.constData(), std::min<qint64>(block.size(), size - written)),
                 std::min<qint64>(block.size(), size - written));
    }
}



} // namespace

class TestUploadWorkflow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void queueSpreadsCommitProgressOverFilesInOrder();
    void droppedFilesAndFoldersArePublishedAsOneCommit();
    void dropOnFolderRowUploadsIntoThatFolder();
    void droppedRepositoryFolderOpensIt();
    void deleteKeyStagesDeletionPublishedByCommitDialog();
    void movedBranchHeadIsExplainedAndNothingIsOverwritten();
    void stopRollsBackAndNothingChanges();

private:
    void openWindow();
    CommitDialog *publishQueue(const QString &title);
    QStringList files() const { return LocalRepository::open(m_repo).listRepoFiles(); }
    QString head() const { return LocalRepository::open(m_repo).resolveRevision(QStringLiteral("main")).value_or(QString()); }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<MainWindow> m_window;
    UploadWorkflow *m_workflow = nullptr;
    QString m_repo;
    QString m_local;
};

void TestUploadWorkflow::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_repo = test::copyFixture(QStringLiteral("a-small-files-paths"), m_tmp->path());
    QVERIFY(!m_repo.isEmpty());
    m_local = m_tmp->filePath(QStringLiteral("local"));
    QVERIFY(QDir().mkpath(m_local));
}

void TestUploadWorkflow::cleanup()
{
    m_window.reset();
    m_tmp.reset();
}

void TestUploadWorkflow::openWindow()
{
    m_window = std::make_unique<MainWindow>(MainWindow::Persistence::NoSettings);
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(openRepositoryIn(*m_window, m_repo, 20000));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 20000);
    m_workflow = m_window->findChild<UploadWorkflow *>();
    QVERIFY(m_workflow);
}

CommitDialog *TestUploadWorkflow::publishQueue(const QString &title)
{
    UploadQueueDock *dock = m_workflow->dock();
    if (!dock->commitButton()->isEnabled())
        return nullptr;
    QTest::mouseClick(dock->commitButton(), Qt::LeftButton);
    CommitDialog *dialog = m_workflow->commitDialog();
    if (!dialog)
        return nullptr;
    dialog->titleEdit()->setText(title);
    return dialog;
}

void TestUploadWorkflow::queueSpreadsCommitProgressOverFilesInOrder()
{
    UploadQueue queue;
    QList<StagedChange> changes(3);
    changes[0].relativePath = QStringLiteral("a");
    changes[0].size = 100;
    changes[1].kind = StagedChange::Kind::Delete;
    changes[1].deletePath = QStringLiteral("old");
    changes[2].relativePath = QStringLiteral("b");
    changes[2].size = 50;
    queue.addChanges(changes);
    queue.beginPublish(queue.pendingRows());
    queue.applyProgress(120);
    QCOMPARE(queue.change(0).done, 100);
    QCOMPARE(queue.change(2).done, 20);
    QCOMPARE(queue.index(2, UploadQueue::ProgressColumn).data(UploadQueue::ProgressRole).toInt(), 40);
    QCOMPARE(queue.change(2).state, StagedChange::State::Uploading);
    QCOMPARE(queue.index(1, 0).data(UploadQueue::ProgressRole).toInt(), -1);
    queue.finishPublish(StagedChange::State::Cancelled);
    QCOMPARE(queue.pendingRows().size(), 3); // cancelled changes can be published again
}

void TestUploadWorkflow::droppedFilesAndFoldersArePublishedAsOneCommit()
{
    openWindow();
    const QByteArray weights = QByteArray(300000, 'w') + "end";
    writeFile(m_local + QStringLiteral("/weights.bin"), weights);
    writeFile(m_local + QStringLiteral("/data/x.txt"), "x\n");
    writeFile(m_local + QStringLiteral("/data/sub/y.txt"), "y\n");
    const int commitsBefore = int(LocalRepository::open(m_repo).listRepoCommits().size());

    QSignalSpy staged(m_workflow, &UploadWorkflow::staged);
    QVERIFY(dropPaths(m_window.get(), QPoint(400, 300),
                 {m_local + QStringLiteral("/weights.bin"), m_local + QStringLiteral("/data")}));
    QVERIFY(staged.wait(10000));
    UploadQueue *queue = m_workflow->queue();
    QCOMPARE(queue->rowCount(), 3);
    QStringList queued;
    for (int row = 0; row < queue->rowCount(); ++row)
        queued.append(queue->index(row, 0).data(UploadQueue::RepoPathRole).toString());
    QCOMPARE(queued, (QStringList{QStringLiteral("weights.bin"), QStringLiteral("data/sub/y.txt"), QStringLiteral("data/x.txt")}));
    QVERIFY(m_workflow->dock()->isVisible());

    CommitDialog *dialog = publishQueue(QStringLiteral("Add weights and data"));
    QVERIFY(dialog);
    dialog->destinationEdit()->clear();
    QTest::keyClicks(dialog->destinationEdit(), QStringLiteral("models/v2"));
    QTRY_VERIFY(dialog->publishButton()->isEnabled());
    QSignalSpy ended(m_workflow, &UploadWorkflow::publishEnded);
    QTest::mouseClick(dialog->publishButton(), Qt::LeftButton);
    QVERIFY(ended.wait(30000));
    QVERIFY(!ended.first().first().toString().isEmpty());

    const LocalRepository repo = LocalRepository::open(m_repo);
    const QList<GitCommitInfo> commits = repo.listRepoCommits();
    QCOMPARE(commits.size(), commitsBefore + 1); // ONE commit for all files
    QCOMPARE(commits.first().title, QStringLiteral("Add weights and data"));
    QCOMPARE(repo.readBytes(QStringLiteral("models/v2/weights.bin")), weights);
    QCOMPARE(repo.readBytes(QStringLiteral("models/v2/data/x.txt")), QByteArray("x\n"));
    QCOMPARE(repo.readBytes(QStringLiteral("models/v2/data/sub/y.txt")), QByteArray("y\n"));
    for (int row = 0; row < queue->rowCount(); ++row)
        QCOMPARE(queue->change(row).state, StagedChange::State::Done);
}

void TestUploadWorkflow::dropOnFolderRowUploadsIntoThatFolder()
{
    openWindow();
    writeFile(m_local + QStringLiteral("/later.txt"), "later\n");
    m_window->setCurrentTab(MainWindow::Tab::Files);
    FilesPanel *panel = m_window->filesPanel();
    QTRY_VERIFY(panel->model()->indexForPath(QStringLiteral("notes")).isValid());
    QTreeView *tree = panel->treeView();
    const QModelIndex notes = panel->model()->indexForPath(QStringLiteral("notes"));
    tree->scrollTo(notes);
    // The tab was hidden until now: its tree lays its rows out on the next event loop pass.
    QTRY_VERIFY(tree->visualRect(notes).isValid() && tree->indexAt(tree->visualRect(notes).center()) == notes);
    const QPoint center = tree->visualRect(notes).center();

    QSignalSpy staged(m_workflow, &UploadWorkflow::staged);
    QVERIFY(dropPaths(tree->viewport(), center, {m_local + QStringLiteral("/later.txt")}));
    QVERIFY(staged.wait(10000));
    QCOMPARE(m_workflow->queue()->change(0).repoPath(), QStringLiteral("notes/later.txt"));

    CommitDialog *dialog = publishQueue(QStringLiteral("Add a note"));
    QVERIFY(dialog);
    QCOMPARE(dialog->destinationEdit()->text(), QStringLiteral("notes"));
    QSignalSpy ended(m_workflow, &UploadWorkflow::publishEnded);
    QTest::mouseClick(dialog->publishButton(), Qt::LeftButton);
    QVERIFY(ended.wait(30000));
    QCOMPARE(LocalRepository::open(m_repo).readBytes(QStringLiteral("notes/later.txt")), QByteArray("later\n"));
}

void TestUploadWorkflow::droppedRepositoryFolderOpensIt()
{
    openWindow();
    const QString other = test::copyFixture(QStringLiteral("c-branches-merges"), m_tmp->path());
    QSignalSpy opened(m_window.get(), &MainWindow::repositoryOpened);
    QVERIFY(dropPaths(m_window.get(), QPoint(400, 300), {other}));
    QVERIFY(opened.wait(20000));
    QCOMPARE(m_window->repositoryPath(), QFileInfo(other).absoluteFilePath());
    QCOMPARE(m_workflow->queue()->rowCount(), 0);

    // The open repository's own files are its storage: dropping them uploads nothing.
    QVERIFY(!dropPaths(m_window.get(), QPoint(400, 300), {other + QStringLiteral("/metadata.sqlite3")}));
    QTest::qWait(100);
    QCOMPARE(m_workflow->queue()->rowCount(), 0);
}

void TestUploadWorkflow::deleteKeyStagesDeletionPublishedByCommitDialog()
{
    openWindow();
    m_window->setCurrentTab(MainWindow::Tab::Files);
    FilesPanel *panel = m_window->filesPanel();
    QTRY_VERIFY(panel->model()->indexForPath(QStringLiteral("README.md")).isValid());
    QTRY_VERIFY(panel->model()->indexForPath(QStringLiteral("notes")).isValid());
    QTreeView *tree = panel->treeView();
    QApplication::setActiveWindow(m_window.get());
    tree->setFocus();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));

    tree->setCurrentIndex(panel->model()->indexForPath(QStringLiteral("README.md")));
    QTest::keyClick(tree, Qt::Key_Delete);
    tree->setCurrentIndex(panel->model()->indexForPath(QStringLiteral("notes")));
    QTest::keyClick(tree, Qt::Key_Delete);
    UploadQueue *queue = m_workflow->queue();
    QCOMPARE(queue->rowCount(), 2);
    QCOMPARE(queue->change(0).kind, StagedChange::Kind::Delete);
    QCOMPARE(queue->change(0).repoPath(), QStringLiteral("README.md"));
    QVERIFY(queue->change(1).isFolder);

    // The context menu stages the same kind of change.
    QMenu menu;
    Q_EMIT panel->contextMenuAboutToShow(&menu, QStringLiteral("a.txt"), false);
    QAction *remove = menu.findChild<QAction *>(QStringLiteral("stageDeleteHere"));
    QVERIFY(remove);
    remove->trigger();
    QCOMPARE(queue->rowCount(), 3);
    QCOMPARE(queue->change(2).repoPath(), QStringLiteral("a.txt"));

    CommitDialog *dialog = publishQueue(QStringLiteral("Remove the readme and notes"));
    QVERIFY(dialog);
    QSignalSpy ended(m_workflow, &UploadWorkflow::publishEnded);
    QTest::mouseClick(dialog->publishButton(), Qt::LeftButton);
    QVERIFY(ended.wait(30000));
    const QStringList after = files();
    QVERIFY(!after.contains(QStringLiteral("README.md")));
    QVERIFY(!after.contains(QStringLiteral("notes/todo.txt")));
    QVERIFY(!after.contains(QStringLiteral("a.txt")));
    QVERIFY(after.contains(QStringLiteral("docs.md")));
}

void TestUploadWorkflow::movedBranchHeadIsExplainedAndNothingIsOverwritten()
{
    openWindow();
    writeFile(m_local + QStringLiteral("/mine.txt"), "mine\n");
    QSignalSpy staged(m_workflow, &UploadWorkflow::staged);
    m_workflow->stageLocalPaths({m_local + QStringLiteral("/mine.txt")}, QString());
    QVERIFY(staged.wait(10000));
    const QString base = head();
    QCOMPARE(m_workflow->queue()->baseHead(), base);

    // Someone else commits after the dialog checked the head: the core refuses the stale
    // parent at publish time, and the dialog explains.
    CommitDialog *dialog = publishQueue(QStringLiteral("Add mine"));
    QVERIFY(dialog);
    QTest::qWait(300);
    QVERIFY(!dialog->isHeadMovedShown());
    LocalRepository::open(m_repo).uploadBytes("theirs\n", QStringLiteral("theirs.txt"), titledCommit(QStringLiteral("Their change")));
    const QString theirHead = head();
    QSignalSpy ended(m_workflow, &UploadWorkflow::publishEnded);
    QTest::mouseClick(dialog->publishButton(), Qt::LeftButton);
    QVERIFY(ended.wait(30000));
    QVERIFY(ended.first().first().toString().isEmpty());
    QCOMPARE(head(), theirHead); // nothing of ours was committed
    QVERIFY(!files().contains(QStringLiteral("mine.txt")));
    QTRY_VERIFY(dialog->isHeadMovedShown());
    QVERIFY(dialog->headMovedLabel()->text().contains(QStringLiteral("Their change")));
    QVERIFY(!dialog->publishButton()->isEnabled());
    QVERIFY(!dialog->errorLabel()->text().isEmpty()); // the core's message

    // Accepting the new head publishes on top of it.
    QTest::mouseClick(dialog->useNewHeadButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog->publishButton()->isEnabled());
    QTest::mouseClick(dialog->publishButton(), Qt::LeftButton);
    QVERIFY(ended.wait(30000));
    const QList<GitCommitInfo> commits = LocalRepository::open(m_repo).listRepoCommits();
    QCOMPARE(commits.at(0).title, QStringLiteral("Add mine"));
    QCOMPARE(commits.at(1).commitId, theirHead);
    QVERIFY(files().contains(QStringLiteral("theirs.txt")));

    // A head that moved before the dialog opens is explained right away.
    writeFile(m_local + QStringLiteral("/second.txt"), "2\n");
    m_workflow->stageLocalPaths({m_local + QStringLiteral("/second.txt")}, QString());
    QVERIFY(staged.wait(10000));
    LocalRepository::open(m_repo).uploadBytes("3\n", QStringLiteral("third.txt"), titledCommit(QStringLiteral("Their change")));
    dialog = publishQueue(QStringLiteral("Add second"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isHeadMovedShown());
    QVERIFY(!dialog->publishButton()->isEnabled());
}

void TestUploadWorkflow::stopRollsBackAndNothingChanges()
{
    openWindow();
    writeLargeFile(m_local + QStringLiteral("/big.bin"), 192ll << 20);
    QSignalSpy staged(m_workflow, &UploadWorkflow::staged);
    m_workflow->stageLocalPaths({m_local + QStringLiteral("/big.bin")}, QStringLiteral("big"));
    QVERIFY(staged.wait(10000));
    const QString headBefore = head();
    const QStringList filesBefore = files();
    const LocalRepository before = LocalRepository::open(m_repo);
    const int refsBefore = int(before.listRepoRefs().branches.size() + before.listRepoRefs().tags.size());

    QPointer<CommitDialog> dialog = publishQueue(QStringLiteral("Too big"));
    QVERIFY(dialog);
    QSignalSpy ended(m_workflow, &UploadWorkflow::publishEnded);
    QTest::mouseClick(dialog->publishButton(), Qt::LeftButton);
    QVERIFY(m_workflow->currentJob());
    // Stop at once: the worker sees the token at its first check, long before the end of
    // 192 MiB (tst_gui_latency stops an upload after it has read part of the file).
    QCOMPARE(dialog->cancelButton()->text(), QStringLiteral("&Stop"));
    QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
    QVERIFY(ended.wait(30000));
    QVERIFY(ended.first().first().toString().isEmpty());
    QCOMPARE(m_workflow->queue()->change(0).state, StagedChange::State::Cancelled);
    QVERIFY(dialog && dialog->isVisible()); // it stays, to say what happened
    QVERIFY(dialog->errorLabel()->text().contains(QStringLiteral("Nothing was committed")));

    const LocalRepository after = LocalRepository::open(m_repo);
    QCOMPARE(head(), headBefore);
    QCOMPARE(after.listRepoFiles(), filesBefore);
    QCOMPARE(int(after.listRepoRefs().branches.size() + after.listRepoRefs().tags.size()), refsBefore);
    QVERIFY(after.quickVerify().ok);
}

QTEST_MAIN(TestUploadWorkflow)
#include "tst_upload_workflow.moc"
