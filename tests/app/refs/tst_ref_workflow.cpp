// Branches and tags through the real window: "Create Branch Here…" and "Create Tag
// Here…" from the graph's context menu (names checked with the core's rule and message),
// delete from the refs panel after a confirmation (the default branch is refused), and
// "Reset Branch to This Commit…" telling which commits become unreachable. Every result
// is checked with the core.

#include <hubvault/RepoPath.h>
#include <hubvault/LocalRepository.h>
#include "AppTestSupport.h"
#include "refs/CreateRefDialog.h"
#include "history/HistoryPanel.h"
#include "shell/MainWindow.h"
#include "refs/RefWorkflow.h"
#include "refs/ResetBranchDialog.h"
#include "TestSupport.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace hubvault;
using namespace hubvault::test;
using namespace hubvault::app;

namespace {

QAction *menuAction(const QMenu &menu, const QString &objectName)
{
    for (QAction *action : menu.actions())
        if (action->objectName() == objectName)
            return action;
    return nullptr;
}

std::optional<QString> refTarget(const QString &repoPath, const QString &fullRef)
{
    const GitRefs refs = LocalRepository::open(repoPath).listRepoRefs();
    for (const QList<GitRefInfo> *list : {&refs.branches, &refs.tags})
        for (const GitRefInfo &ref : *list)
            if (ref.ref == fullRef)
                return ref.targetCommit.value_or(QString());
    return std::nullopt;
}

QString coreRefNameError(const QString &name)
{
    try {
        RepoPath::normalizeRefName(name);
    } catch (const HubVaultError &e) {
        return e.message();
    }
    return {};
}

} // namespace

class TestRefWorkflow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void createBranchHereShowsTheCoresValidationError();
    void createTagHereWithMessage();
    void deleteFromRefsPanelAsksFirstAndDefaultBranchIsRefused();
    void resetBranchSaysWhatBecomesUnreachable();

private:
    void openWindow(const QString &fixture);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<MainWindow> m_window;
    RefWorkflow *m_workflow = nullptr;
    QString m_repo;
};

void TestRefWorkflow::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestRefWorkflow::cleanup()
{
    m_window.reset();
    m_tmp.reset();
}

void TestRefWorkflow::openWindow(const QString &fixture)
{
    if (m_repo.isEmpty())
        m_repo = test::copyFixture(fixture, m_tmp->path());
    QVERIFY(!m_repo.isEmpty());
    m_window = std::make_unique<MainWindow>(MainWindow::Persistence::NoSettings);
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(openRepositoryIn(*m_window, m_repo, 20000));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 20000);
    m_workflow = m_window->findChild<RefWorkflow *>();
    QVERIFY(m_workflow);
}

void TestRefWorkflow::createBranchHereShowsTheCoresValidationError()
{
    m_repo.clear();
    openWindow(QStringLiteral("c-branches-merges"));
    const QString commit = LocalRepository::open(m_repo).listRepoCommits(QStringLiteral("main")).at(1).commitId;
    QMenu menu;
    Q_EMIT m_window->historyPanel()->contextMenuAboutToShow(&menu, {commit});
    QAction *create = menuAction(menu, QStringLiteral("createBranchHere"));
    QVERIFY(create);
    create->trigger();
    QPointer<CreateRefDialog> dialog = m_window->findChild<CreateRefDialog *>(QStringLiteral("createBranchDialog"));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());

    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("bad name"));
    QVERIFY(!coreRefNameError(QStringLiteral("bad name")).isEmpty());
    QCOMPARE(dialog->validationLabel()->text(), coreRefNameError(QStringLiteral("bad name")));
    QVERIFY(!dialog->createButton()->isEnabled());
    dialog->nameEdit()->setText(QStringLiteral("topic"));
    QVERIFY(dialog->validationLabel()->text().contains(QStringLiteral("already exists")));
    QVERIFY(!dialog->createButton()->isEnabled());
    dialog->nameEdit()->setText(QStringLiteral("feature/x"));
    QVERIFY(dialog->validationLabel()->isHidden());
    QVERIFY(dialog->createButton()->isEnabled());

    QSignalSpy changed(m_workflow, &RefWorkflow::refsChanged);
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
    QVERIFY(changed.wait(10000));
    QTRY_VERIFY(!dialog);
    QCOMPARE(refTarget(m_repo, QStringLiteral("refs/heads/feature/x")), std::optional<QString>(commit));
}

void TestRefWorkflow::createTagHereWithMessage()
{
    m_repo.clear();
    openWindow(QStringLiteral("c-branches-merges"));
    const QString commit = LocalRepository::open(m_repo).listRepoCommits(QStringLiteral("topic")).first().commitId;
    QMenu menu;
    Q_EMIT m_window->historyPanel()->contextMenuAboutToShow(&menu, {commit});
    menuAction(menu, QStringLiteral("createTagHere"))->trigger();
    QPointer<CreateRefDialog> dialog = m_window->findChild<CreateRefDialog *>(QStringLiteral("createTagDialog"));
    QVERIFY(dialog);
    dialog->nameEdit()->setText(QStringLiteral("v1.0"));
    QVERIFY(!dialog->createButton()->isEnabled()); // taken
    dialog->nameEdit()->setText(QStringLiteral("v2.0-rc1"));
    dialog->findChild<QLineEdit *>(QStringLiteral("messageEdit"))->setText(QStringLiteral("first candidate"));
    QSignalSpy changed(m_workflow, &RefWorkflow::refsChanged);
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
    QVERIFY(changed.wait(10000));
    QCOMPARE(refTarget(m_repo, QStringLiteral("refs/tags/v2.0-rc1")), std::optional<QString>(commit));
    const QList<ReflogEntry> reflog = LocalRepository::open(m_repo).listRepoReflog(QStringLiteral("refs/tags/v2.0-rc1"));
    QVERIFY(!reflog.isEmpty());
    QVERIFY(reflog.first().message.contains(QStringLiteral("first candidate")));
}

void TestRefWorkflow::deleteFromRefsPanelAsksFirstAndDefaultBranchIsRefused()
{
    m_repo.clear();
    openWindow(QStringLiteral("c-branches-merges"));
    QSignalSpy changed(m_workflow, &RefWorkflow::refsChanged);
    for (const QString &ref : {QStringLiteral("refs/heads/scratch"), QStringLiteral("refs/tags/v0-initial")}) {
        QMenu menu;
        Q_EMIT m_window->refsContextMenuAboutToShow(&menu, ref);
        QAction *remove = menuAction(menu, QStringLiteral("deleteRef"));
        QVERIFY(remove && remove->isEnabled());
        remove->trigger();
        auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("confirmDeleteRefBox"));
        QVERIFY(box);
        QVERIFY(refTarget(m_repo, ref).has_value()); // nothing happens before the answer
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmDeleteRefButton")), Qt::LeftButton);
        QVERIFY(changed.wait(10000));
        QVERIFY(!refTarget(m_repo, ref).has_value());
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 20000);
    }

    // The default branch: the menu entry is disabled, and the core refuses it anyway.
    QMenu menu;
    Q_EMIT m_window->refsContextMenuAboutToShow(&menu, QStringLiteral("refs/heads/main"));
    QVERIFY(!menuAction(menu, QStringLiteral("deleteRef"))->isEnabled());
    QSignalSpy errors(m_window.get(), &MainWindow::errorReported);
    m_workflow->deleteRef(QStringLiteral("refs/heads/main"));
    QVERIFY(errors.wait(10000));
    QVERIFY(errors.first().at(1).toString().contains(QStringLiteral("default branch")));
    QVERIFY(refTarget(m_repo, QStringLiteral("refs/heads/main")).has_value());
}

void TestRefWorkflow::resetBranchSaysWhatBecomesUnreachable()
{
    // main gains c1 and c2; a branch "keep" holds c1, so only c2 is left behind.
    m_repo = test::copyFixture(QStringLiteral("a-small-files-paths"), m_tmp->path());
    {
        LocalRepository repo = LocalRepository::open(m_repo);
        CommitOptions options;
        options.commitMessage = QStringLiteral("c1");
        repo.uploadBytes("1", QStringLiteral("one.txt"), options);
        repo.createBranch(QStringLiteral("keep"));
        options.commitMessage = QStringLiteral("c2");
        repo.uploadBytes("2", QStringLiteral("two.txt"), options);
    }
    const QList<GitCommitInfo> commits = LocalRepository::open(m_repo).listRepoCommits(QStringLiteral("main"));
    const QString original = commits.at(2).commitId;
    openWindow(QString());
    QCOMPARE(m_window->currentRevision(), QStringLiteral("refs/heads/main"));

    QMenu menu;
    Q_EMIT m_window->historyPanel()->contextMenuAboutToShow(&menu, {original});
    QAction *reset = menuAction(menu, QStringLiteral("resetBranchHere"));
    QVERIFY(reset);
    QVERIFY(reset->text().contains(QStringLiteral("main")));
    reset->trigger();
    QPointer<ResetBranchDialog> dialog = m_window->findChild<ResetBranchDialog *>(QStringLiteral("resetBranchDialog"));
    QVERIFY(dialog);
    QVERIFY(!dialog->resetButton()->isEnabled()); // still computing
    QTRY_VERIFY(!dialog->isComputing());
    QCOMPARE(dialog->lostCommits().ids, QStringList{commits.at(0).commitId});
    QVERIFY(dialog->lostLabel()->text().contains(QStringLiteral("1 commit")));
    auto *list = dialog->findChild<QListWidget *>(QStringLiteral("lostList"));
    QCOMPARE(list->count(), 1);
    QVERIFY(list->item(0)->text().endsWith(QStringLiteral("c2")));
    QCOMPARE(LocalRepository::open(m_repo).resolveRevision(QStringLiteral("main")), std::optional<QString>(commits.at(0).commitId));

    QSignalSpy changed(m_workflow, &RefWorkflow::refsChanged);
    QTest::mouseClick(dialog->resetButton(), Qt::LeftButton);
    QVERIFY(changed.wait(10000));
    QCOMPARE(LocalRepository::open(m_repo).resolveRevision(QStringLiteral("main")), std::optional<QString>(original));

    // Resetting "keep" as well would leave c1 behind: nothing else reaches it now.
    const ResetBranchDialog::LostCommits both = ResetBranchDialog::computeLostCommits(
        m_repo, QStringLiteral("keep"), original);
    QCOMPARE(both.ids, QStringList{commits.at(1).commitId});
}

QTEST_MAIN(TestRefWorkflow)
#include "tst_ref_workflow.moc"
