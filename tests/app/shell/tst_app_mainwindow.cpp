// The main window on the offscreen platform, driven like a user would: open copies of the
// hubvault 0.0.2 fixtures, pick refs and commits, follow parent links, read a reflog, use
// the keyboard, open something that is not a repository, create and drop repositories,
// and take screenshots through the real binary. Expected refs, commits, changes and
// reflogs come from the fixtures' manifests, recorded from the original implementation.

#include "history/CommitChangesModel.h"
#include "history/CommitDetailsView.h"
#include "history/CommitGraphModel.h"
#include "files/FileTreeModel.h"
#include "files/FilesPanel.h"
#include "history/HistoryPanel.h"
#include "shell/MainWindow.h"
#include "refs/RefsModel.h"
#include "history/ReflogModel.h"
#include "history/ReflogView.h"
#include "TestSupport.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>
#include <QUrl>

using hubvault::app::CommitChangesModel;
using hubvault::app::CommitDetailsView;
using hubvault::app::CommitGraphModel;
using hubvault::app::FileTreeModel;
using hubvault::app::HistoryPanel;
using hubvault::app::MainWindow;
using hubvault::app::RefsModel;
using hubvault::app::ReflogModel;
using namespace hubvault::test;

namespace {

constexpr int kLoadTimeoutMs = 60000;

QStringList toStringList(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray())
        out.append(v.toString());
    return out;
}

/** "name ref commit" lines of the given group, in model order. */
QStringList modelRefs(const RefsModel *model, int group)
{
    QStringList out;
    const QModelIndex parent = model->index(group, 0);
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        out.append(index.data(RefsModel::NameRole).toString() + QLatin1Char(' ')
                   + index.data(RefsModel::RefRole).toString() + QLatin1Char(' ')
                   + index.data(RefsModel::CommitIdRole).toString());
    }
    return out;
}

QStringList manifestRefs(const QJsonObject &m, const QString &group)
{
    QStringList out;
    const QJsonArray refs = m.value(QStringLiteral("refs")).toObject().value(QStringLiteral("raw")).toObject().value(group).toArray();
    for (const QJsonValue &v : refs) {
        const QJsonObject ref = v.toObject();
        out.append(ref.value(QStringLiteral("name")).toString() + QLatin1Char(' ')
                   + ref.value(QStringLiteral("ref")).toString() + QLatin1Char(' ')
                   + ref.value(QStringLiteral("target_commit")).toString());
    }
    return out;
}

QString manifestHead(const QJsonObject &m)
{
    return m.value(QStringLiteral("repo_info")).toObject().value(QStringLiteral("head")).toString();
}

QString manifestBranch(const QJsonObject &m, const QString &name)
{
    return m.value(QStringLiteral("refs")).toObject().value(QStringLiteral("branches")).toObject().value(name).toString();
}

/** The commit of `m` titled `title`. */
QString manifestCommitTitled(const QJsonObject &m, const QString &title)
{
    const QJsonObject commits = m.value(QStringLiteral("commits")).toObject();
    for (auto it = commits.begin(); it != commits.end(); ++it) {
        if (it.value().toObject().value(QStringLiteral("title")).toString() == title)
            return it.key();
    }
    return {};
}

/** Paths a manifest commit changed against its first parent. */
QStringList manifestChangedPaths(const QJsonObject &m, const QString &id)
{
    const QJsonObject commits = m.value(QStringLiteral("commits")).toObject();
    auto filesOf = [&](const QString &commit) {
        QHash<QString, QString> out;
        for (const QJsonValue &f : commits.value(commit).toObject().value(QStringLiteral("files")).toArray()) {
            const QJsonObject o = f.toObject();
            out.insert(o.value(QStringLiteral("path")).toString(), o.value(QStringLiteral("sha256")).toString());
        }
        return out;
    };
    const QJsonArray parents = commits.value(id).toObject().value(QStringLiteral("parents")).toArray();
    const auto before = parents.isEmpty() ? QHash<QString, QString>() : filesOf(parents.first().toString());
    const auto after = filesOf(id);
    QStringList changed;
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (before.value(it.key()) != it.value())
            changed.append(it.key());
    }
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (!after.contains(it.key()))
            changed.append(it.key());
    }
    changed.sort();
    return changed;
}

/**
 * Waits until `done` has fired `count` times in total. Returns the reported error text
 * instead when the window reported one, or a timeout note; empty means success.
 */
QString waitFor(QSignalSpy &done, QSignalSpy &errors, int count = 1)
{
    QElapsedTimer timer;
    timer.start();
    while (done.count() < count && errors.isEmpty() && timer.elapsed() < kLoadTimeoutMs)
        QTest::qWait(10);
    if (!errors.isEmpty())
        return QStringLiteral("error reported: ") + errors.first().value(1).toString();
    if (done.count() < count)
        return QStringLiteral("timed out");
    return {};
}

/** Waits until nothing in the window is loading; "" or why not. */
QString waitIdle(MainWindow &window, QSignalSpy &errors)
{
    QElapsedTimer timer;
    timer.start();
    int quiet = 0;
    while (quiet < 3 && errors.isEmpty() && timer.elapsed() < kLoadTimeoutMs) {
        QTest::qWait(20);
        quiet = window.isBusy() ? 0 : quiet + 1;
    }
    if (!errors.isEmpty())
        return QStringLiteral("error reported: ") + errors.first().value(1).toString();
    return quiet < 3 ? QStringLiteral("still busy") : QString();
}

QList<QMessageBox *> visibleMessageBoxes(QWidget *window)
{
    QList<QMessageBox *> out;
    for (QMessageBox *box : window->findChildren<QMessageBox *>()) {
        if (box->isVisible())
            out.append(box);
    }
    return out;
}

QString labelText(QWidget *window, const char *name)
{
    auto *label = window->findChild<QLabel *>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QLatin1String(name));
}

/** Root entries of the default branch: first components of every file path. */
QStringList manifestRootEntries(const QJsonObject &m)
{
    QStringList out;
    for (const QString &path : toStringList(m.value(QStringLiteral("list_repo_files_default_branch")))) {
        const QString first = path.section(QLatin1Char('/'), 0, 0);
        if (!out.contains(first))
            out.append(first);
    }
    out.sort();
    return out;
}

QtMessageHandler g_previousHandler = nullptr;

// The offscreen platform warns on every size-hint change of a window; the noise would
// bury real warnings in the test log.
void dropOffscreenNoise(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.contains(QLatin1String("does not support propagateSizeHints")))
        return;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

} // namespace

class TestAppMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void openingFixtureShowsRefsHistoryAndFiles_data();
    void openingFixtureShowsRefsHistoryAndFiles();
    void defaultBranchIsBoldAndStatusBarNamesRefAndCommit();
    void historyShowsTheDefaultBranchHeadWithDetails();
    void selectingCommitsShowsTheirDetails();
    void parentLinksAndParentChildNavigation();
    void selectingARefJumpsToItsCommitAndShowsItsFiles();
    void quickRefChangesEndOnTheLastSelectedRef();
    void browsingFilesAtACommit();
    void reflogViewFollowsTheSelectedRef();
    void keyboardShortcuts();
    void filterHidesOtherCommits();
    void reloadKeepsTheSelection();
    void openingNonRepositoryReportsErrorAndWindowStaysUsable_data();
    void openingNonRepositoryReportsErrorAndWindowStaysUsable();
    void creatingARepositoryOpensIt();
    void droppingAFolderOpensIt();
    void recentRepositoriesAreRememberedInSettings();
    void screenshotOptionWritesPng();
    void screenshotOfHistoryTab();
    void screenshotOfNonRepositoryFailsWithoutCrashing();

private:
    QString copy(const QString &fixture);
    /** Opens `path` in `window` and waits until everything has loaded; "" or the failure. */
    QString openAndSettle(MainWindow &window, const QString &path);

    QTemporaryDir m_tmp;
    int m_copies = 0;
};

void TestAppMainWindow::initTestCase()
{
    g_previousHandler = qInstallMessageHandler(dropOffscreenNoise);
    QVERIFY(m_tmp.isValid());
    QVERIFY2(QFileInfo::exists(fixturePath(QStringLiteral("c-branches-merges"))), qPrintable(fixturesDir()));
    // Keep the user's real settings out of reach: recent repositories and geometry of
    // test windows go to a throwaway directory.
    QCoreApplication::setOrganizationName(QStringLiteral("HubVaultTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_app_mainwindow"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("settings")));
    QSettings().clear();
}

void TestAppMainWindow::cleanup()
{
    // A failed test may leave a box open; never let it leak into the next one.
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *box = qobject_cast<QMessageBox *>(widget))
            box->close();
    }
}

QString TestAppMainWindow::copy(const QString &fixture)
{
    const QString parent = m_tmp.filePath(QStringLiteral("copy%1").arg(++m_copies));
    QDir().mkpath(parent);
    return copyFixture(fixture, parent);
}

QString TestAppMainWindow::openAndSettle(MainWindow &window, const QString &path)
{
    QSignalSpy opened(&window, &MainWindow::repositoryOpened);
    QSignalSpy errors(&window, &MainWindow::errorReported);
    window.openRepository(path);
    const QString failure = waitFor(opened, errors);
    if (!failure.isEmpty())
        return failure;
    return waitIdle(window, errors);
}

void TestAppMainWindow::openingFixtureShowsRefsHistoryAndFiles_data()
{
    QTest::addColumn<QString>("fixture");
    for (const char *name : {"a-small-files-paths", "b-chunked-large", "c-branches-merges", "d-squash-gc"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestAppMainWindow::openingFixtureShowsRefsHistoryAndFiles()
{
    QFETCH(QString, fixture);
    const QJsonObject m = fixtureManifest(fixture);
    QVERIFY(!m.isEmpty());
    const QString path = copy(fixture);
    QVERIFY(!path.isEmpty());

    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    const QString failure = openAndSettle(window, path);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    QCOMPARE(QFileInfo(window.repositoryPath()).canonicalFilePath(), QFileInfo(path).canonicalFilePath());
    const RefsModel *refs = window.refsModel();
    QCOMPARE(refs->rowCount(), int(RefsModel::GroupCount));
    QCOMPARE(modelRefs(refs, RefsModel::BranchesGroup), manifestRefs(m, QStringLiteral("branches")));
    QCOMPARE(modelRefs(refs, RefsModel::TagsGroup), manifestRefs(m, QStringLiteral("tags")));

    // The default branch is the current revision of every page.
    const QString defaultBranch = m.value(QStringLiteral("repo_info")).toObject().value(QStringLiteral("default_branch")).toString();
    const QString ref = QStringLiteral("refs/heads/") + defaultBranch;
    QCOMPARE(window.currentRevision(), ref);
    QCOMPARE(window.filesPanel()->revision(), ref);

    // History: every commit of every ref, the default branch's head selected.
    const CommitGraphModel *graph = window.historyPanel()->model();
    QVERIFY(graph->isComplete());
    QCOMPARE(graph->rowCount(), int(m.value(QStringLiteral("commits")).toObject().size()));
    QCOMPARE(window.historyPanel()->currentCommit(), manifestHead(m));

    // Files: the root folder of the default branch.
    const FileTreeModel *files = window.filesPanel()->model();
    QStringList root;
    for (int row = 0; row < files->rowCount(); ++row)
        root.append(files->index(row, 0).data(FileTreeModel::PathRole).toString());
    root.sort();
    QCOMPARE(root, manifestRootEntries(m));
    QVERIFY(visibleMessageBoxes(&window).isEmpty());
}

void TestAppMainWindow::defaultBranchIsBoldAndStatusBarNamesRefAndCommit()
{
    const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
    const QString path = copy(QStringLiteral("c-branches-merges"));
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    const QString failure = openAndSettle(window, path);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    const RefsModel *refs = window.refsModel();
    const QModelIndex main = refs->indexOfRef(QStringLiteral("refs/heads/main"));
    const QModelIndex topic = refs->indexOfRef(QStringLiteral("refs/heads/topic"));
    QVERIFY(main.isValid() && topic.isValid());
    QVERIFY(main.data(RefsModel::IsDefaultRole).toBool());
    QVERIFY(main.data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(!topic.data(Qt::FontRole).value<QFont>().bold());
    // Each ref shows its short commit id next to its name.
    const QString head = manifestHead(m);
    QCOMPARE(main.siblingAtColumn(RefsModel::CommitColumn).data().toString(), head.left(7));

    auto *refsView = window.findChild<QTreeView *>(QStringLiteral("refsView"));
    QVERIFY(refsView);
    QCOMPARE(refsView->currentIndex(), main);
    QVERIFY(refsView->isExpanded(refs->index(RefsModel::BranchesGroup, 0)));
    QVERIFY(refsView->isExpanded(refs->index(RefsModel::TagsGroup, 0)));

    QVERIFY2(labelText(&window, "pathLabel").contains(QStringLiteral("c-branches-merges")),
             qPrintable(labelText(&window, "pathLabel")));
    QVERIFY2(labelText(&window, "refLabel").contains(QStringLiteral("main")), qPrintable(labelText(&window, "refLabel")));
    QVERIFY2(labelText(&window, "commitLabel").contains(head.left(7)), qPrintable(labelText(&window, "commitLabel")));
    // Files, logical size and the repository's size on disk, once the overview has them.
    const int files = int(toStringList(m.value(QStringLiteral("list_repo_files_default_branch"))).size());
    QVERIFY2(labelText(&window, "filesLabel").startsWith(QString::number(files)), qPrintable(labelText(&window, "filesLabel")));
    QVERIFY2(labelText(&window, "sizeLabel").contains(QStringLiteral("on disk")), qPrintable(labelText(&window, "sizeLabel")));
}

void TestAppMainWindow::historyShowsTheDefaultBranchHeadWithDetails()
{
    const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    const QString failure = openAndSettle(window, copy(QStringLiteral("c-branches-merges")));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    HistoryPanel *history = window.historyPanel();
    auto *graphView = window.findChild<QTreeView *>(QStringLiteral("graphView"));
    QVERIFY(graphView);
    QCOMPARE(graphView->model(), history->model());
    const QString head = manifestHead(m);
    QCOMPARE(graphView->currentIndex().siblingAtColumn(0).data(CommitGraphModel::CommitIdRole).toString(), head);

    CommitDetailsView *details = history->details();
    QCOMPARE(details->commitId(), head);
    QCOMPARE(details->detail().commit.commitId, head);
    const QString summary = details->summaryView()->toPlainText();
    QVERIFY2(summary.contains(QStringLiteral("Merge topic again")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("Custom merge body.")), qPrintable(summary));
    QVERIFY2(summary.contains(head), qPrintable(summary)); // the full id
    QVERIFY2(summary.contains(QStringLiteral("default branch")), qPrintable(summary));
    QStringList changed;
    for (int row = 0; row < details->changesModel()->rowCount(); ++row)
        changed.append(details->changesModel()->index(row, 0).data(CommitChangesModel::PathRole).toString());
    changed.sort();
    QCOMPARE(changed, manifestChangedPaths(m, head));
}

void TestAppMainWindow::selectingCommitsShowsTheirDetails()
{
    const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    const QString failure = openAndSettle(window, copy(QStringLiteral("c-branches-merges")));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    HistoryPanel *history = window.historyPanel();
    CommitDetailsView *details = history->details();
    QSignalSpy shown(details, &CommitDetailsView::commitShown);
    QSignalSpy selected(history, &HistoryPanel::commitSelected);

    // Every commit, selected in the graph like a click does.
    const QJsonObject commits = m.value(QStringLiteral("commits")).toObject();
    const CommitGraphModel *graph = history->model();
    for (int row = graph->rowCount() - 1; row >= 0; --row) {
        const QString id = graph->index(row, 0).data(CommitGraphModel::CommitIdRole).toString();
        history->graphView()->setCurrentIndex(graph->index(row, CommitGraphModel::TitleColumn));
        QCOMPARE(selected.last().value(0).toString(), id);
        QTRY_COMPARE_WITH_TIMEOUT(details->detail().commit.commitId, id, kLoadTimeoutMs);
        QCOMPARE(shown.last().value(0).toString(), id);
        const QJsonObject c = commits.value(id).toObject();
        QCOMPARE(details->detail().parentCommitIds, toStringList(c.value(QStringLiteral("parents"))));
        QStringList changed;
        for (const auto &change : details->changesModel()->changes())
            changed.append(change.path);
        changed.sort();
        QCOMPARE(changed, manifestChangedPaths(m, id));
        const QString summary = details->summaryView()->toPlainText();
        QVERIFY2(summary.contains(c.value(QStringLiteral("title")).toString()), qPrintable(summary));
        for (const QString &parent : toStringList(c.value(QStringLiteral("parents"))))
            QVERIFY2(summary.contains(parent.left(7)), qPrintable(summary));
    }

    // The merge of topic into main: two parents, sizes before and after per file.
    const QString merge = manifestCommitTitled(m, QStringLiteral("Merge topic into main"));
    history->selectCommit(merge);
    QTRY_COMPARE_WITH_TIMEOUT(details->detail().commit.commitId, merge, kLoadTimeoutMs);
    QCOMPARE(details->detail().parentCommitIds.size(), 2);
    QVERIFY(details->summaryView()->toHtml().contains(CommitDetailsView::commitLink(details->detail().parentCommitIds.at(1))));
    const CommitChangesModel *changes = details->changesModel();
    QVERIFY(changes->rowCount() > 0);
    for (int row = 0; row < changes->rowCount(); ++row) {
        const QString type = changes->index(row, 0).data(CommitChangesModel::ChangeTypeRole).toString();
        const qint64 before = changes->index(row, 0).data(CommitChangesModel::OldSizeRole).toLongLong();
        const qint64 after = changes->index(row, 0).data(CommitChangesModel::NewSizeRole).toLongLong();
        QCOMPARE(before < 0, type == QLatin1String("added"));
        QCOMPARE(after < 0, type == QLatin1String("deleted"));
        QVERIFY(!changes->index(row, CommitChangesModel::ChangeColumn).data().toString().isEmpty());
    }
}

void TestAppMainWindow::parentLinksAndParentChildNavigation()
{
    const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    const QString failure = openAndSettle(window, copy(QStringLiteral("c-branches-merges")));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    HistoryPanel *history = window.historyPanel();
    CommitDetailsView *details = history->details();

    // The head is a merge; its second parent's link leads to that commit.
    const QString head = manifestHead(m);
    QCOMPARE(history->currentCommit(), head);
    const QStringList parents = details->detail().parentCommitIds;
    QCOMPARE(parents.size(), 2);
    Q_EMIT details->summaryView()->anchorClicked(QUrl(CommitDetailsView::commitLink(parents.at(1))));
    QTRY_COMPARE_WITH_TIMEOUT(history->currentCommit(), parents.at(1), kLoadTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(details->detail().commit.commitId, parents.at(1), kLoadTimeoutMs);

    // Go to parent follows first parents down to the root, then stops.
    QString id = parents.at(1);
    const QJsonObject commits = m.value(QStringLiteral("commits")).toObject();
    while (true) {
        const QStringList up = toStringList(commits.value(id).toObject().value(QStringLiteral("parents")));
        QCOMPARE(history->goToParentAction()->isEnabled(), !up.isEmpty());
        if (up.isEmpty())
            break;
        history->goToParentAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(history->currentCommit(), up.first(), kLoadTimeoutMs);
        id = up.first();
    }
    // And go to child climbs back up to a tip.
    int steps = 0;
    while (history->goToChildAction()->isEnabled() && steps < 20) {
        const QString before = history->currentCommit();
        history->goToChildAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(history->currentCommit() != before, kLoadTimeoutMs);
        const QStringList childParents = history->model()->record(history->graphView()->currentIndex().row()).parents;
        QVERIFY(childParents.contains(before));
        ++steps;
    }
    QVERIFY(steps > 0);
    QVERIFY(history->model()->badgesOf(history->currentCommit()).size() > 0
            || history->model()->childrenOf(history->currentCommit()).isEmpty());
}

void TestAppMainWindow::selectingARefJumpsToItsCommitAndShowsItsFiles()
{
    const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    QString failure = openAndSettle(window, copy(QStringLiteral("c-branches-merges")));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QSignalSpy shown(&window, &MainWindow::revisionShown);
    QSignalSpy errors(&window, &MainWindow::errorReported);
    HistoryPanel *history = window.historyPanel();

    // Pick the branch the way a user does: through the refs view's selection.
    auto *refsView = window.findChild<QTreeView *>(QStringLiteral("refsView"));
    QVERIFY(refsView);
    refsView->setCurrentIndex(window.refsModel()->indexOfRef(QStringLiteral("refs/heads/conflict-side")));
    QCOMPARE(shown.count(), 1);
    QCOMPARE(shown.last().value(0).toString(), QStringLiteral("refs/heads/conflict-side"));
    QCOMPARE(window.currentRevision(), QStringLiteral("refs/heads/conflict-side"));
    QCOMPARE(window.filesPanel()->revision(), QStringLiteral("refs/heads/conflict-side"));
    const QString sideCommit = manifestBranch(m, QStringLiteral("conflict-side"));
    QTRY_COMPARE_WITH_TIMEOUT(history->currentCommit(), sideCommit, kLoadTimeoutMs);
    QVERIFY2(labelText(&window, "commitLabel").contains(sideCommit.left(7)), qPrintable(labelText(&window, "commitLabel")));
    QVERIFY2(labelText(&window, "refLabel").contains(QStringLiteral("conflict-side")), qPrintable(labelText(&window, "refLabel")));
    failure = waitIdle(window, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    // Every branch and tag jumps to its commit.
    for (const QString &group : {QStringLiteral("branches"), QStringLiteral("tags")}) {
        const QJsonObject refs = m.value(QStringLiteral("refs")).toObject().value(group).toObject();
        for (auto it = refs.begin(); it != refs.end(); ++it) {
            const QString fullRef = (group == QLatin1String("tags") ? QStringLiteral("refs/tags/") : QStringLiteral("refs/heads/")) + it.key();
            QVERIFY2(window.selectRef(fullRef), qPrintable(fullRef));
            QTRY_COMPARE_WITH_TIMEOUT(history->currentCommit(), it.value().toString(), kLoadTimeoutMs);
            QCOMPARE(window.currentRevision(), fullRef);
        }
    }
    QVERIFY2(labelText(&window, "refLabel").contains(QStringLiteral("Tag:")), qPrintable(labelText(&window, "refLabel")));

    // Clicking a group heading is not a ref: nothing changes.
    const int before = int(shown.count());
    refsView->setCurrentIndex(window.refsModel()->index(RefsModel::BranchesGroup, 0));
    QTest::qWait(100);
    QCOMPARE(shown.count(), before);
    failure = waitIdle(window, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

void TestAppMainWindow::quickRefChangesEndOnTheLastSelectedRef()
{
    const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    QString failure = openAndSettle(window, copy(QStringLiteral("c-branches-merges")));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QSignalSpy errors(&window, &MainWindow::errorReported);

    // Three selections before any result can arrive: the last one wins everywhere.
    QVERIFY(window.selectRef(QStringLiteral("refs/heads/conflict-side")));
    QVERIFY(window.selectRef(QStringLiteral("refs/heads/topic")));
    QVERIFY(window.selectRef(QStringLiteral("refs/tags/v0-initial")));
    failure = waitIdle(window, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QTest::qWait(200); // room for a stale result to (wrongly) arrive
    const QString initial = m.value(QStringLiteral("refs")).toObject().value(QStringLiteral("tags")).toObject()
                                .value(QStringLiteral("v0-initial")).toString();
    QCOMPARE(window.currentRevision(), QStringLiteral("refs/tags/v0-initial"));
    QCOMPARE(window.historyPanel()->currentCommit(), initial);
    QCOMPARE(window.historyPanel()->details()->detail().commit.commitId, initial);
    QCOMPARE(window.filesPanel()->revision(), QStringLiteral("refs/tags/v0-initial"));
    QCOMPARE(window.filesPanel()->model()->rowCount(), 0); // the first commit has no files
    QCOMPARE(window.reflogView()->refName(), QStringLiteral("refs/tags/v0-initial"));
}

void TestAppMainWindow::browsingFilesAtACommit()
{
    const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    QString failure = openAndSettle(window, copy(QStringLiteral("c-branches-merges")));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QSignalSpy errors(&window, &MainWindow::errorReported);
    window.setCurrentTab(MainWindow::Tab::History);

    const QString commit = manifestCommitTitled(m, QStringLiteral("Topic work"));
    window.historyPanel()->selectCommit(commit);
    QTRY_COMPARE_WITH_TIMEOUT(window.historyPanel()->currentCommit(), commit, kLoadTimeoutMs);
    QVERIFY(window.historyPanel()->browseFilesAction()->isEnabled());
    window.historyPanel()->browseFilesAction()->trigger();
    QCOMPARE(window.currentTab(), MainWindow::Tab::Files);
    QCOMPARE(window.currentRevision(), commit);
    QCOMPARE(window.filesPanel()->revision(), commit);
    QVERIFY2(labelText(&window, "refLabel").contains(commit.left(7)), qPrintable(labelText(&window, "refLabel")));
    failure = waitIdle(window, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(window.filesPanel()->model()->rowCount() > 0);
}

void TestAppMainWindow::reflogViewFollowsTheSelectedRef()
{
    const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    QString failure = openAndSettle(window, copy(QStringLiteral("c-branches-merges")));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    QDockWidget *dock = window.reflogDock();
    QVERIFY(dock->isHidden());
    auto *toggle = window.findChild<QAction *>(QStringLiteral("actionShowReflog"));
    QVERIFY(toggle);
    toggle->trigger();
    QVERIFY(dock->isVisible());
    QVERIFY(toggle->isChecked());

    const QJsonObject reflogs = m.value(QStringLiteral("reflogs")).toObject();
    // main is shown already (selected on opening); the others load when chosen.
    QTRY_COMPARE_WITH_TIMEOUT(window.reflogView()->model()->refName(), QStringLiteral("refs/heads/main"), kLoadTimeoutMs);
    for (const QString &ref : {QStringLiteral("refs/heads/topic"), QStringLiteral("refs/tags/v1.0"), QStringLiteral("refs/heads/main")}) {
        QSignalSpy loaded(window.reflogView(), &hubvault::app::ReflogView::loaded);
        QVERIFY(window.selectRef(ref));
        QVERIFY(loaded.wait(kLoadTimeoutMs));
        QCOMPARE(loaded.last().value(0).toString(), ref);
        const QJsonArray expected = reflogs.value(ref).toArray();
        const ReflogModel *model = window.reflogView()->model();
        QCOMPARE(model->rowCount(), int(expected.size()));
        for (int row = 0; row < model->rowCount(); ++row) {
            const QJsonObject e = expected.at(row).toObject();
            QCOMPARE(model->index(row, 0).data(ReflogModel::NewHeadRole).toString(),
                     e.value(QStringLiteral("new_head")).toString());
            QCOMPARE(model->index(row, 0).data(ReflogModel::MessageRole).toString(),
                     e.value(QStringLiteral("message")).toString());
        }
    }

    // Activating an entry shows the commit it moved the ref to.
    QVERIFY(window.selectRef(QStringLiteral("refs/heads/main")));
    QTRY_COMPARE_WITH_TIMEOUT(window.reflogView()->model()->refName(), QStringLiteral("refs/heads/main"), kLoadTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(window.reflogView()->model()->rowCount() > 2, kLoadTimeoutMs);
    const QModelIndex older = window.reflogView()->model()->index(2, ReflogModel::MessageColumn);
    const QString target = older.siblingAtColumn(0).data(ReflogModel::NewHeadRole).toString();
    window.setCurrentTab(MainWindow::Tab::Overview);
    Q_EMIT window.reflogView()->view()->activated(older);
    QCOMPARE(window.currentTab(), MainWindow::Tab::History);
    QTRY_COMPARE_WITH_TIMEOUT(window.historyPanel()->currentCommit(), target, kLoadTimeoutMs);

    toggle->trigger();
    QVERIFY(dock->isHidden());
}

void TestAppMainWindow::keyboardShortcuts()
{
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QString failure = openAndSettle(window, copy(QStringLiteral("c-branches-merges")));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    // Ctrl+1..4 switch tabs.
    const QList<MainWindow::Tab> tabs = {MainWindow::Tab::Overview, MainWindow::Tab::History, MainWindow::Tab::Files,
                                         MainWindow::Tab::Storage};
    for (int i = 0; i < tabs.size(); ++i) {
        QTest::keyClick(&window, Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
        QCOMPARE(window.currentTab(), tabs.at(i));
    }
    // Ctrl+F: the history filter; Escape clears it; Ctrl+L: the graph.
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(window.currentTab(), MainWindow::Tab::History);
    QLineEdit *filter = window.historyPanel()->filterEdit();
    QTRY_VERIFY(filter->hasFocus());
    QTest::keyClicks(filter, QStringLiteral("topic"));
    QTRY_COMPARE(window.historyPanel()->model()->rowCount(), 4);
    QTest::keyClick(filter, Qt::Key_Escape);
    QCOMPARE(filter->text(), QString());
    QTRY_COMPARE(window.historyPanel()->model()->rowCount(), 10);
    QTest::keyClick(&window, Qt::Key_Tab, Qt::NoModifier); // anywhere else
    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    QTRY_VERIFY(window.historyPanel()->graphView()->hasFocus());
    // Alt+Down in the graph: the first parent.
    const QString head = window.historyPanel()->currentCommit();
    const QString firstParent = window.historyPanel()->model()->record(0).parents.first();
    QTest::keyClick(window.historyPanel()->graphView(), Qt::Key_Down, Qt::AltModifier);
    QTRY_COMPARE(window.historyPanel()->currentCommit(), firstParent);
    QTest::keyClick(window.historyPanel()->graphView(), Qt::Key_Up, Qt::AltModifier);
    QTRY_COMPARE(window.historyPanel()->currentCommit(), head);
    // Ctrl+B: the refs panel. Ctrl+R: the reflog.
    QTest::keyClick(&window, Qt::Key_B, Qt::ControlModifier);
    QTRY_VERIFY(window.findChild<QTreeView *>(QStringLiteral("refsView"))->hasFocus());
    QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
    QVERIFY(window.reflogDock()->isVisible());
    // F5 reloads.
    QSignalSpy opened(&window, &MainWindow::repositoryOpened);
    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(opened.wait(kLoadTimeoutMs));
    QSignalSpy errors(&window, &MainWindow::errorReported);
    failure = waitIdle(window, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    // Window-wide shortcuts are unique (panels' own ones only act inside their panel).
    QStringList seen;
    for (const QAction *action : window.findChildren<QAction *>()) {
        const QString key = action->shortcut().toString();
        if (key.isEmpty() || action->shortcutContext() != Qt::WindowShortcut)
            continue;
        QVERIFY2(!seen.contains(key), qPrintable(key));
        seen.append(key);
    }
    QVERIFY(seen.size() >= 12);
}

void TestAppMainWindow::filterHidesOtherCommits()
{
    const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    QString failure = openAndSettle(window, copy(QStringLiteral("c-branches-merges")));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    HistoryPanel *history = window.historyPanel();

    // A path filter keeps the selection when it still matches.
    const QString head = manifestHead(m);
    history->setFilter({}, QStringLiteral("topic"));
    QCOMPARE(history->currentCommit(), head);
    for (int row = 0; row < history->model()->rowCount(); ++row) {
        const QStringList changed = history->model()->index(row, 0).data(CommitGraphModel::ChangedPathsRole).toStringList();
        QVERIFY(std::any_of(changed.cbegin(), changed.cend(), [](const QString &p) { return p.startsWith(QLatin1String("topic/")); }));
    }
    auto *status = window.findChild<QLabel *>(QStringLiteral("historyStatusLabel"));
    QVERIFY(status);
    QVERIFY2(status->text().contains(QStringLiteral("match")), qPrintable(status->text()));

    // Jumping to a ref whose commit is filtered out says so instead of moving.
    QSignalSpy notFound(history, &HistoryPanel::commitNotFound);
    QVERIFY(window.selectRef(QStringLiteral("refs/tags/v0-initial")));
    QTRY_COMPARE(notFound.count(), 1);
    QVERIFY(notFound.first().value(1).toString().contains(QStringLiteral("filter")));

    history->setFilter({}, {});
    QCOMPARE(history->model()->rowCount(), int(m.value(QStringLiteral("commits")).toObject().size()));
    QCOMPARE(history->currentCommit(), head);
}

void TestAppMainWindow::reloadKeepsTheSelection()
{
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    const QString path = copy(QStringLiteral("c-branches-merges"));
    QString failure = openAndSettle(window, path);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(window.selectRef(QStringLiteral("refs/heads/topic")));
    const QString topicHead = window.refsModel()->indexOfRef(QStringLiteral("refs/heads/topic")).data(RefsModel::CommitIdRole).toString();
    QTRY_COMPARE_WITH_TIMEOUT(window.historyPanel()->currentCommit(), topicHead, kLoadTimeoutMs);
    // Reloading the same repository stays on the ref the user chose.
    failure = openAndSettle(window, path);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(window.currentRevision(), QStringLiteral("refs/heads/topic"));
    QCOMPARE(window.historyPanel()->currentCommit(), topicHead);
}

void TestAppMainWindow::openingNonRepositoryReportsErrorAndWindowStaysUsable_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("plain directory") << QStringLiteral("plain");
    QTest::newRow("missing directory") << QStringLiteral("missing");
    QTest::newRow("damaged database") << QStringLiteral("damaged");
}

void TestAppMainWindow::openingNonRepositoryReportsErrorAndWindowStaysUsable()
{
    QFETCH(QString, kind);
    const QJsonObject m = fixtureManifest(QStringLiteral("a-small-files-paths"));
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    QSignalSpy opened(&window, &MainWindow::repositoryOpened);
    QSignalSpy errors(&window, &MainWindow::errorReported);

    const QString good = copy(QStringLiteral("a-small-files-paths"));
    QString failure = openAndSettle(window, good);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QString goodPath = window.repositoryPath();

    QString bad = m_tmp.filePath(QStringLiteral("bad-%1").arg(kind));
    if (kind == QLatin1String("plain")) {
        QVERIFY(QDir().mkpath(bad));
        QFile file(bad + QStringLiteral("/hello.txt"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a repository\n");
    } else if (kind == QLatin1String("damaged")) {
        bad = copy(QStringLiteral("c-branches-merges"));
        QFile db(bad + QStringLiteral("/metadata.sqlite3"));
        QVERIFY(db.open(QIODevice::WriteOnly | QIODevice::Truncate));
        db.write(QByteArray(4096, 'x'));
    }

    window.openRepository(bad);
    QElapsedTimer timer;
    timer.start();
    while (errors.isEmpty() && opened.count() < 2 && timer.elapsed() < kLoadTimeoutMs)
        QTest::qWait(10);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(errors.count(), 1);
    const QString message = errors.first().value(1).toString();
    QVERIFY2(message.contains(QFileInfo(bad).fileName()), qPrintable(message));
    // The dialog's own text is what the user reads: title, path and the core's message.
    const QStringList lines = message.split(QStringLiteral("\n\n"));
    QCOMPARE(lines.size(), 2);
    QVERIFY2(!lines.at(1).trimmed().isEmpty(), "the core's error message is shown");

    QList<QMessageBox *> boxes = visibleMessageBoxes(&window);
    QCOMPARE(boxes.size(), 1);
    QCOMPARE(boxes.first()->text(), message);
    QCOMPARE(boxes.first()->icon(), QMessageBox::Critical);
    boxes.first()->button(QMessageBox::Ok)->click();
    QTRY_VERIFY(visibleMessageBoxes(&window).isEmpty());

    // The previous repository is still shown, and the window opens the next one normally.
    errors.clear();
    QCOMPARE(window.repositoryPath(), goodPath);
    QCOMPARE(window.historyPanel()->model()->rowCount(), int(m.value(QStringLiteral("commits")).toObject().size()));
    QCOMPARE(window.filesPanel()->repositoryPath(), goodPath);
    const QString next = copy(QStringLiteral("c-branches-merges"));
    failure = openAndSettle(window, next);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(QFileInfo(window.repositoryPath()).canonicalFilePath(), QFileInfo(next).canonicalFilePath());
    QCOMPARE(window.refsModel()->branches().size(), 5);
}

void TestAppMainWindow::creatingARepositoryOpensIt()
{
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    QSignalSpy opened(&window, &MainWindow::repositoryOpened);
    QSignalSpy errors(&window, &MainWindow::errorReported);
    const QString path = m_tmp.filePath(QStringLiteral("created"));
    window.createRepository(path, QStringLiteral("trunk"));
    QString failure = waitFor(opened, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    failure = waitIdle(window, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(window.currentRevision(), QStringLiteral("refs/heads/trunk"));
    QCOMPARE(window.refsModel()->branches().size(), 1);
    QCOMPARE(window.refsModel()->defaultBranch(), QStringLiteral("trunk"));
    QCOMPARE(window.historyPanel()->model()->rowCount(), 1); // create_repo's initial commit

    // Creating over an existing repository fails with the core's message.
    window.createRepository(path, QStringLiteral("main"));
    QVERIFY(errors.wait(kLoadTimeoutMs));
    QVERIFY2(errors.first().value(0).toString().contains(QStringLiteral("Create")), qPrintable(errors.first().value(0).toString()));
}

void TestAppMainWindow::droppingAFolderOpensIt()
{
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    const QString path = copy(QStringLiteral("d-squash-gc"));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QSignalSpy opened(&window, &MainWindow::repositoryOpened);
    QSignalSpy errors(&window, &MainWindow::errorReported);
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    const QString failure = waitFor(opened, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(QFileInfo(window.repositoryPath()).canonicalFilePath(), QFileInfo(path).canonicalFilePath());

    // A file is not something to open.
    QMimeData fileMime;
    fileMime.setUrls({QUrl::fromLocalFile(path + QStringLiteral("/metadata.sqlite3"))});
    QDragEnterEvent fileEnter(QPoint(10, 10), Qt::CopyAction, &fileMime, Qt::LeftButton, Qt::NoModifier);
    fileEnter.setAccepted(false);
    QApplication::sendEvent(&window, &fileEnter);
    QVERIFY(!fileEnter.isAccepted());
    QSignalSpy settle(&window, &MainWindow::errorReported);
    QCOMPARE(waitIdle(window, settle), QString());
}

void TestAppMainWindow::recentRepositoriesAreRememberedInSettings()
{
    const QString first = copy(QStringLiteral("a-small-files-paths"));
    const QString second = copy(QStringLiteral("d-squash-gc"));
    {
        MainWindow window(MainWindow::Persistence::UseSettings);
        window.show();
        QString failure = openAndSettle(window, first);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        failure = openAndSettle(window, second);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(window.recentRepositories().size(), 2);
        QCOMPARE(QFileInfo(window.recentRepositories().at(0)).canonicalFilePath(), QFileInfo(second).canonicalFilePath());
        window.setCurrentTab(MainWindow::Tab::History);
        window.close(); // saves geometry, state and the tab
    }
    QSettings settings;
    QCOMPARE(settings.value(QStringLiteral("recentRepositories")).toStringList().size(), 2);
    QVERIFY(!settings.value(QStringLiteral("mainWindow/geometry")).toByteArray().isEmpty());

    MainWindow again(MainWindow::Persistence::UseSettings);
    QCOMPARE(again.recentRepositories().size(), 2);
    QCOMPARE(again.currentTab(), MainWindow::Tab::History);
    auto *recentMenu = again.findChild<QMenu *>(QStringLiteral("menuRecent"));
    QVERIFY(recentMenu);
    QVERIFY(recentMenu->isEnabled());
    // Two repositories, a separator and "Clear List".
    QCOMPARE(recentMenu->actions().size(), 4);

    // Reopening the older one moves it to the top instead of listing it twice.
    QSignalSpy opened(&again, &MainWindow::repositoryOpened);
    QSignalSpy errors(&again, &MainWindow::errorReported);
    recentMenu->actions().at(1)->trigger();
    QString failure = waitFor(opened, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    failure = waitIdle(again, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(again.recentRepositories().size(), 2);
    QCOMPARE(QFileInfo(again.recentRepositories().at(0)).canonicalFilePath(), QFileInfo(first).canonicalFilePath());
    QSettings().clear();
}

void TestAppMainWindow::screenshotOptionWritesPng()
{
    const QString path = copy(QStringLiteral("c-branches-merges"));
    const QString png = m_tmp.filePath(QStringLiteral("shot.png"));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_tmp.filePath(QStringLiteral("xdg")));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(HUBVAULT_GUI_PATH), {path, QStringLiteral("--screenshot"), png});
    QVERIFY2(process.waitForFinished(120000), "hubvault-gui --screenshot did not finish");
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    QVERIFY(QFileInfo(png).size() > 0);
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 400 && image.height() >= 300);
    // Settings stay untouched by a screenshot run.
    QVERIFY(!QFileInfo::exists(m_tmp.filePath(QStringLiteral("xdg/HubVault/hubvault-gui.conf"))));
}

void TestAppMainWindow::screenshotOfHistoryTab()
{
    const QString path = copy(QStringLiteral("c-branches-merges"));
    const QString png = m_tmp.filePath(QStringLiteral("history.png"));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(HUBVAULT_GUI_PATH), {path, QStringLiteral("--tab"), QStringLiteral("history"),
                                                      QStringLiteral("--screenshot"), png});
    QVERIFY2(process.waitForFinished(120000), "hubvault-gui --tab history --screenshot did not finish");
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    const QImage image(png);
    QVERIFY(!image.isNull());
    // The graph paints lane colours: count pixels of the first lane's blue.
    int coloured = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width() / 3; ++x)
            coloured += image.pixelColor(x, y) == QColor(0x2f81f7);
    }
    QVERIFY2(coloured > 100, qPrintable(QString::number(coloured)));

    // An unknown tab is a usage error.
    QProcess wrong;
    wrong.setProcessEnvironment(env);
    wrong.start(QStringLiteral(HUBVAULT_GUI_PATH), {path, QStringLiteral("--tab"), QStringLiteral("nowhere"),
                                                    QStringLiteral("--screenshot"), png + QStringLiteral(".2")});
    QVERIFY(wrong.waitForFinished(120000));
    QCOMPARE(wrong.exitCode(), 2);
    QVERIFY(QString::fromUtf8(wrong.readAllStandardError()).contains(QStringLiteral("nowhere")));
}

void TestAppMainWindow::screenshotOfNonRepositoryFailsWithoutCrashing()
{
    const QString png = m_tmp.filePath(QStringLiteral("none.png"));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(HUBVAULT_GUI_PATH),
                  {m_tmp.filePath(QStringLiteral("no-such-repo")), QStringLiteral("--screenshot"), png});
    QVERIFY(process.waitForFinished(120000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 1);
    QVERIFY(!QString::fromUtf8(process.readAllStandardError()).trimmed().isEmpty());
    QVERIFY(!QFileInfo::exists(png));
}

QTEST_MAIN(TestAppMainWindow)
#include "tst_app_mainwindow.moc"
