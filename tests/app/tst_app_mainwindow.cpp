// The main window on the offscreen platform, driven like a user would: open copies of the
// hubvault 0.0.2 fixtures, pick refs, open something that is not a repository, and take a
// screenshot through the real binary. Expected refs and files come from the fixtures'
// manifests, which were recorded from the original implementation.

#include "FileListModel.h"
#include "MainWindow.h"
#include "RefsModel.h"
#include "TestSupport.h"

#include <QAbstractButton>
#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using hubvault::app::FileListModel;
using hubvault::app::MainWindow;
using hubvault::app::RefsModel;
using namespace hubvault::test;

namespace {

constexpr int kLoadTimeoutMs = 60000;

QJsonObject manifest(const QString &fixture)
{
    QFile file(fixturesDir() + QLatin1Char('/') + fixture + QStringLiteral(".manifest.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QStringList toStringList(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray())
        out.append(v.toString());
    return out;
}

/** Files (not folders) of a recorded list_repo_tree call, sorted like list_repo_files. */
QStringList manifestTreeFiles(const QJsonObject &m, const QString &key)
{
    QStringList out;
    for (const QJsonValue &entry : m.value(QStringLiteral("list_repo_tree")).toObject().value(key).toArray()) {
        if (entry.toObject().contains(QStringLiteral("size")))
            out.append(entry.toObject().value(QStringLiteral("path")).toString());
    }
    out.sort();
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

    void openingFixtureShowsManifestRefsAndFiles_data();
    void openingFixtureShowsManifestRefsAndFiles();
    void defaultBranchIsBoldAndStatusBarNamesRefAndCommit();
    void selectingAnotherRefReloadsFileList();
    void quickRefChangesEndOnTheLastSelectedRef();
    void fileListShowsSizeStorageAndShortHash();
    void openingNonRepositoryReportsErrorAndWindowStaysUsable_data();
    void openingNonRepositoryReportsErrorAndWindowStaysUsable();
    void recentRepositoriesAreRememberedInSettings();
    void screenshotOptionWritesPng();
    void screenshotOfNonRepositoryFailsWithoutCrashing();

private:
    QString copy(const QString &fixture);

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

void TestAppMainWindow::openingFixtureShowsManifestRefsAndFiles_data()
{
    QTest::addColumn<QString>("fixture");
    for (const char *name : {"a-small-files-paths", "b-chunked-large", "c-branches-merges", "d-squash-gc"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestAppMainWindow::openingFixtureShowsManifestRefsAndFiles()
{
    QFETCH(QString, fixture);
    const QJsonObject m = manifest(fixture);
    QVERIFY(!m.isEmpty());
    const QString path = copy(fixture);
    QVERIFY(!path.isEmpty());

    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    QSignalSpy opened(&window, &MainWindow::repositoryOpened);
    QSignalSpy errors(&window, &MainWindow::errorReported);
    window.openRepository(path);
    const QString failure = waitFor(opened, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    QCOMPARE(QFileInfo(window.repositoryPath()).canonicalFilePath(), QFileInfo(path).canonicalFilePath());
    const RefsModel *refs = window.refsModel();
    QCOMPARE(refs->rowCount(), int(RefsModel::GroupCount));
    QCOMPARE(modelRefs(refs, RefsModel::BranchesGroup), manifestRefs(m, QStringLiteral("branches")));
    QCOMPARE(modelRefs(refs, RefsModel::TagsGroup), manifestRefs(m, QStringLiteral("tags")));

    const QString defaultBranch = m.value(QStringLiteral("repo_info")).toObject().value(QStringLiteral("default_branch")).toString();
    QCOMPARE(window.currentRevision(), QStringLiteral("refs/heads/") + defaultBranch);
    QCOMPARE(window.fileListModel()->paths(), toStringList(m.value(QStringLiteral("list_repo_files_default_branch"))));
    // The view shows every row of the model, through its sorting proxy.
    auto *filesView = window.findChild<QTreeView *>(QStringLiteral("filesView"));
    QVERIFY(filesView);
    QCOMPARE(filesView->model()->rowCount(), window.fileListModel()->rowCount());
    QVERIFY(visibleMessageBoxes(&window).isEmpty());
}

void TestAppMainWindow::defaultBranchIsBoldAndStatusBarNamesRefAndCommit()
{
    const QJsonObject m = manifest(QStringLiteral("c-branches-merges"));
    const QString path = copy(QStringLiteral("c-branches-merges"));
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    QSignalSpy opened(&window, &MainWindow::repositoryOpened);
    QSignalSpy errors(&window, &MainWindow::errorReported);
    window.openRepository(path);
    const QString failure = waitFor(opened, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    const RefsModel *refs = window.refsModel();
    const QModelIndex main = refs->indexOfRef(QStringLiteral("refs/heads/main"));
    const QModelIndex topic = refs->indexOfRef(QStringLiteral("refs/heads/topic"));
    QVERIFY(main.isValid() && topic.isValid());
    QVERIFY(main.data(RefsModel::IsDefaultRole).toBool());
    QVERIFY(main.data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(!topic.data(Qt::FontRole).value<QFont>().bold());
    // Each ref shows its short commit id next to its name.
    const QString head = m.value(QStringLiteral("repo_info")).toObject().value(QStringLiteral("head")).toString();
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
}

void TestAppMainWindow::selectingAnotherRefReloadsFileList()
{
    const QJsonObject m = manifest(QStringLiteral("c-branches-merges"));
    const QString path = copy(QStringLiteral("c-branches-merges"));
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    QSignalSpy opened(&window, &MainWindow::repositoryOpened);
    QSignalSpy shown(&window, &MainWindow::fileListShown);
    QSignalSpy errors(&window, &MainWindow::errorReported);
    window.openRepository(path);
    QString failure = waitFor(opened, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(shown.count(), 1);
    const QStringList mainFiles = toStringList(m.value(QStringLiteral("list_repo_files_default_branch")));
    QCOMPARE(window.fileListModel()->paths(), mainFiles);

    // Pick the branch the way a user does: through the refs view's selection.
    auto *refsView = window.findChild<QTreeView *>(QStringLiteral("refsView"));
    QVERIFY(refsView);
    refsView->setCurrentIndex(window.refsModel()->indexOfRef(QStringLiteral("refs/heads/conflict-side")));
    failure = waitFor(shown, errors, 2);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(shown.last().value(0).toString(), QStringLiteral("refs/heads/conflict-side"));
    QCOMPARE(window.currentRevision(), QStringLiteral("refs/heads/conflict-side"));
    const QStringList sideFiles = manifestTreeFiles(m, QStringLiteral("conflict-side :: None :: recursive=True"));
    QVERIFY(!sideFiles.isEmpty());
    QVERIFY(sideFiles != mainFiles);
    QCOMPARE(window.fileListModel()->paths(), sideFiles);
    const QString sideCommit = m.value(QStringLiteral("refs")).toObject().value(QStringLiteral("branches")).toObject()
                                   .value(QStringLiteral("conflict-side")).toString();
    QVERIFY2(labelText(&window, "commitLabel").contains(sideCommit.left(7)), qPrintable(labelText(&window, "commitLabel")));
    QVERIFY2(labelText(&window, "refLabel").contains(QStringLiteral("conflict-side")), qPrintable(labelText(&window, "refLabel")));

    // The initial tag points at the repository's first commit, which has no files.
    QVERIFY(window.selectRef(QStringLiteral("refs/tags/v0-initial")));
    failure = waitFor(shown, errors, 3);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(window.fileListModel()->paths(), manifestTreeFiles(m, QStringLiteral("v0-initial :: None :: recursive=True")));
    QCOMPARE(window.fileListModel()->rowCount(), 0);
    QVERIFY2(labelText(&window, "refLabel").contains(QStringLiteral("v0-initial")), qPrintable(labelText(&window, "refLabel")));

    // Clicking a group heading is not a ref: the list stays as it is.
    refsView->setCurrentIndex(window.refsModel()->index(RefsModel::BranchesGroup, 0));
    QTest::qWait(200);
    QCOMPARE(shown.count(), 3);

    QVERIFY(window.selectRef(QStringLiteral("refs/heads/main")));
    failure = waitFor(shown, errors, 4);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(window.fileListModel()->paths(), mainFiles);
}

void TestAppMainWindow::quickRefChangesEndOnTheLastSelectedRef()
{
    const QString path = copy(QStringLiteral("c-branches-merges"));
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    QSignalSpy opened(&window, &MainWindow::repositoryOpened);
    QSignalSpy shown(&window, &MainWindow::fileListShown);
    QSignalSpy errors(&window, &MainWindow::errorReported);
    window.openRepository(path);
    QString failure = waitFor(opened, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    shown.clear();

    // Three selections before any result can arrive: only the last one may be shown.
    QVERIFY(window.selectRef(QStringLiteral("refs/heads/conflict-side")));
    QVERIFY(window.selectRef(QStringLiteral("refs/heads/topic")));
    QVERIFY(window.selectRef(QStringLiteral("refs/tags/v0-initial")));
    failure = waitFor(shown, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QTest::qWait(300); // room for a stale result to (wrongly) arrive
    QCOMPARE(shown.count(), 1);
    QCOMPARE(shown.first().value(0).toString(), QStringLiteral("refs/tags/v0-initial"));
    QCOMPARE(window.fileListModel()->rowCount(), 0);
}

void TestAppMainWindow::fileListShowsSizeStorageAndShortHash()
{
    const QJsonObject m = manifest(QStringLiteral("b-chunked-large"));
    const QString path = copy(QStringLiteral("b-chunked-large"));
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    QSignalSpy opened(&window, &MainWindow::repositoryOpened);
    QSignalSpy errors(&window, &MainWindow::errorReported);
    window.openRepository(path);
    const QString failure = waitFor(opened, errors);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    const FileListModel *files = window.fileListModel();
    QCOMPARE(files->columnCount(), int(FileListModel::ColumnCount));
    QCOMPARE(files->headerData(FileListModel::StorageColumn, Qt::Horizontal).toString(), QStringLiteral("Storage"));
    const QJsonArray tree = m.value(QStringLiteral("list_repo_tree")).toObject()
                                .value(QStringLiteral("main :: None :: recursive=True")).toArray();
    int checked = 0;
    bool sawChunked = false;
    bool sawWhole = false;
    for (const QJsonValue &value : tree) {
        const QJsonObject entry = value.toObject();
        if (!entry.contains(QStringLiteral("size")))
            continue;
        const QString filePath = entry.value(QStringLiteral("path")).toString();
        const int row = int(files->paths().indexOf(filePath));
        QVERIFY2(row >= 0, qPrintable(filePath));
        const qint64 size = entry.value(QStringLiteral("size")).toInteger();
        const bool chunked = entry.value(QStringLiteral("lfs")).isObject();
        const QString sha = entry.value(QStringLiteral("sha256")).toString();
        QCOMPARE(files->index(row, 0).data(FileListModel::SizeRole).toLongLong(), size);
        QCOMPARE(files->index(row, FileListModel::SizeColumn).data().toString(), FileListModel::formatSize(size));
        QCOMPARE(files->index(row, FileListModel::StorageColumn).data().toString(),
                 chunked ? QStringLiteral("chunked") : QStringLiteral("whole"));
        QCOMPARE(files->index(row, FileListModel::Sha256Column).data().toString(), sha.left(12));
        QCOMPARE(files->index(row, FileListModel::Sha256Column).data(Qt::ToolTipRole).toString(), sha);
        sawChunked |= chunked;
        sawWhole |= !chunked;
        ++checked;
    }
    QCOMPARE(checked, files->rowCount());
    QVERIFY(sawChunked && sawWhole);

    // Human-readable sizes: IEC units, never a raw byte count for megabytes.
    QCOMPARE(FileListModel::formatSize(0).contains(QLatin1Char('0')), true);
    QVERIFY2(FileListModel::formatSize(1310736).contains(QStringLiteral("MiB")), qPrintable(FileListModel::formatSize(1310736)));
    QVERIFY2(FileListModel::formatSize(65536).contains(QStringLiteral("KiB")), qPrintable(FileListModel::formatSize(65536)));
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
    const QJsonObject m = manifest(QStringLiteral("a-small-files-paths"));
    MainWindow window(MainWindow::Persistence::NoSettings);
    window.show();
    QSignalSpy opened(&window, &MainWindow::repositoryOpened);
    QSignalSpy errors(&window, &MainWindow::errorReported);

    const QString good = copy(QStringLiteral("a-small-files-paths"));
    window.openRepository(good);
    QString failure = waitFor(opened, errors);
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
    QCOMPARE(window.fileListModel()->paths(), toStringList(m.value(QStringLiteral("list_repo_files_default_branch"))));
    const QString next = copy(QStringLiteral("c-branches-merges"));
    window.openRepository(next);
    failure = waitFor(opened, errors, 2);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(QFileInfo(window.repositoryPath()).canonicalFilePath(), QFileInfo(next).canonicalFilePath());
    QCOMPARE(window.refsModel()->branches().size(), 5);
}

void TestAppMainWindow::recentRepositoriesAreRememberedInSettings()
{
    const QString first = copy(QStringLiteral("a-small-files-paths"));
    const QString second = copy(QStringLiteral("d-squash-gc"));
    {
        MainWindow window(MainWindow::Persistence::UseSettings);
        window.show();
        QSignalSpy opened(&window, &MainWindow::repositoryOpened);
        QSignalSpy errors(&window, &MainWindow::errorReported);
        window.openRepository(first);
        QString failure = waitFor(opened, errors);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        window.openRepository(second);
        failure = waitFor(opened, errors, 2);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(window.recentRepositories().size(), 2);
        QCOMPARE(QFileInfo(window.recentRepositories().at(0)).canonicalFilePath(), QFileInfo(second).canonicalFilePath());
        window.close(); // saves geometry and state
    }
    QSettings settings;
    QCOMPARE(settings.value(QStringLiteral("recentRepositories")).toStringList().size(), 2);
    QVERIFY(!settings.value(QStringLiteral("mainWindow/geometry")).toByteArray().isEmpty());

    MainWindow again(MainWindow::Persistence::UseSettings);
    QCOMPARE(again.recentRepositories().size(), 2);
    auto *recentMenu = again.findChild<QMenu *>(QStringLiteral("menuRecent"));
    QVERIFY(recentMenu);
    QVERIFY(recentMenu->isEnabled());
    // Two repositories, a separator and "Clear List".
    QCOMPARE(recentMenu->actions().size(), 4);

    // Reopening the older one moves it to the top instead of listing it twice.
    QSignalSpy opened(&again, &MainWindow::repositoryOpened);
    QSignalSpy errors(&again, &MainWindow::errorReported);
    recentMenu->actions().at(1)->trigger();
    const QString failure = waitFor(opened, errors);
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
