// Crash safety and cross-process locking with real processes (docs/format.md §6, §7).
// hubvault-crash-helper makes a commit and dies with _exit(9) at a chosen fault point (no
// destructors, no rollback: the same as SIGKILL). For every fault point of a commit the
// repository must then open, fully verify, show the branch at its old commit (every
// fault point is before the SQLite COMMIT) and accept the same commit again, leaving
// txn/ empty. A crash right after the COMMIT keeps the new commit. Several processes
// committing to one branch at once are serialised by the file lock without losing a
// commit, also when they are killed at random moments.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "WriteTestSupport.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
using namespace hubvault::test;

namespace {

const QString kHelper = QStringLiteral(HUBVAULT_CRASH_HELPER);

/** The fault points a commit must pass through (Transaction.cpp, RepoSession.cpp, Env.cpp). */
const QStringList kRequiredFaultPoints = {
    QStringLiteral("atomic-write:before-rename"), QStringLiteral("txn:PREPARING"),  QStringLiteral("txn:STAGED"),
    QStringLiteral("txn:publish-file"),           QStringLiteral("txn:PUBLISHED_OBJECTS"),
    QStringLiteral("txn:UPDATED_REF"),            QStringLiteral("txn:APPENDED_REFLOG"),
    QStringLiteral("txn:COMMITTED"),              QStringLiteral("session:before-commit")};

struct HelperRun {
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
    bool finished = false;
};

HelperRun runHelper(const QStringList &args, int timeoutMs = 120000)
{
    QProcess process;
    process.start(kHelper, args);
    HelperRun run;
    if (!process.waitForStarted(30000)) {
        run.err = process.errorString().toUtf8();
        return run;
    }
    run.finished = process.waitForFinished(timeoutMs);
    if (!run.finished) {
        process.kill();
        process.waitForFinished(10000);
    }
    run.exitCode = process.exitCode();
    run.status = process.exitStatus();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

CommitOptions message(const QString &text)
{
    CommitOptions options;
    options.commitMessage = text;
    return options;
}

/** A repository (threshold 1 MiB) with the seed files crashScenarioOperations() expects. */
QString seededRepo(const QString &parent, const QString &name = QStringLiteral("repo"))
{
    const QString root = parent + QLatin1Char('/') + name;
    CreateRepoOptions options;
    options.largeFileThreshold = 1 << 20;
    LocalRepository repo = LocalRepository::create(root, options);
    repo.createCommit({CommitOperation::addBytes(QStringLiteral("seed/keep.txt"), "keep\n"),
                       CommitOperation::addBytes(QStringLiteral("seed/remove-me.txt"), "remove\n"),
                       CommitOperation::addBytes(QStringLiteral("seed/large.bin"), prng(1500000, "seed large"))},
                      message(QStringLiteral("seed")));
    return root;
}

const QStringList kFilesAfterScenario = {QStringLiteral("large/model.bin"), QStringLiteral("seed/keep.txt"),
                                         QStringLiteral("seed/large.bin"),  QStringLiteral("small/a.txt"),
                                         QStringLiteral("small/b.txt"),     QStringLiteral("small/copied.txt")};

/** Every fault point of the scenario commit, as (step, occurrence), in order. */
QList<QPair<QString, int>> traceFaultPoints(QString *error)
{
    QTemporaryDir tmp;
    const QString root = seededRepo(tmp.path());
    const HelperRun run = runHelper({QStringLiteral("trace"), root});
    if (!run.finished || run.status != QProcess::NormalExit || run.exitCode != 0) {
        *error = QStringLiteral("trace run failed (exit %1): %2").arg(run.exitCode).arg(QString::fromUtf8(run.err));
        return {};
    }
    QList<QPair<QString, int>> out;
    for (const QByteArray &line : run.out.split('\n')) {
        const QList<QByteArray> parts = line.trimmed().split(' ');
        if (parts.size() == 2)
            out.append({QString::fromUtf8(parts.at(0)), parts.at(1).toInt()});
    }
    return out;
}

#define VERIFY_OK(repo, allowPending)                                                                 \
    do {                                                                                              \
        const VerifyReport report_ = (repo).fullVerify();                                             \
        QVERIFY2(report_.ok, qPrintable(report_.errors.join(QLatin1Char('\n'))));                     \
        for (const QString &warning_ : report_.warnings)                                              \
            QVERIFY2((allowPending) && warning_.startsWith(QLatin1String("pending transaction directory: ")), \
                     qPrintable(warning_));                                                           \
    } while (0)

} // namespace

class TestCrashRecovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void traceCoversEveryFaultPoint();
    void crashAtEveryFaultPoint_data();
    void crashAtEveryFaultPoint();
    void crashAfterCommit();
    void crashDuringCreate_data();
    void crashDuringCreate();
    void concurrentWritersAreSerialised_data();
    void concurrentWritersAreSerialised();
    void killedWritersAtRandomMoments();
};

void TestCrashRecovery::initTestCase()
{
    QVERIFY2(QFileInfo(kHelper).isExecutable(), qPrintable(kHelper));
}

void TestCrashRecovery::traceCoversEveryFaultPoint()
{
    QString error;
    const auto trace = traceFaultPoints(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList steps;
    for (const auto &point : trace)
        steps.append(point.first);
    for (const QString &required : kRequiredFaultPoints)
        QVERIFY2(steps.contains(required), qPrintable(required + QStringLiteral(" not reached; trace: ") + steps.join(QLatin1Char(' '))));
    // The state machine of §6.2 in order, the SQLite COMMIT last.
    QStringList states;
    for (const QString &s : steps) {
        if (s.startsWith(QLatin1String("txn:")) && s != QLatin1String("txn:publish-file") && !states.endsWith(s))
            states.append(s);
    }
    QCOMPARE(states, (QStringList{QStringLiteral("txn:PREPARING"), QStringLiteral("txn:STAGED"),
                                  QStringLiteral("txn:PUBLISHED_OBJECTS"), QStringLiteral("txn:UPDATED_REF"),
                                  QStringLiteral("txn:APPENDED_REFLOG"), QStringLiteral("txn:COMMITTED")}));
    QCOMPARE(steps.last(), QStringLiteral("session:before-commit"));
    // Two whole blobs and one pack are published.
    QCOMPARE(steps.count(QStringLiteral("txn:publish-file")), 3);
}

void TestCrashRecovery::crashAtEveryFaultPoint_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<int>("occurrence");
    QString error;
    const auto trace = traceFaultPoints(&error);
    if (!error.isEmpty() || trace.isEmpty()) {
        QTest::newRow("trace failed") << QString() << 0;
        return;
    }
    for (const auto &point : trace)
        QTest::addRow("%s #%d", qPrintable(point.first), point.second) << point.first << point.second;
}

void TestCrashRecovery::crashAtEveryFaultPoint()
{
    QFETCH(QString, step);
    QFETCH(int, occurrence);
    QVERIFY2(!step.isEmpty(), "could not trace the fault points of a commit");

    QTemporaryDir tmp;
    const QString root = seededRepo(tmp.path());
    QString oldHead;
    QStringList oldFiles, oldRefs;
    int oldCommits = 0;
    qint64 oldReflog = 0;
    {
        LocalRepository repo = LocalRepository::open(root);
        oldHead = *repo.resolveRevision({});
        oldFiles = repo.listRepoFiles();
        oldCommits = int(repo.listRepoCommits().size());
    }
    oldRefs = refsAndReflog(root);
    oldReflog = sqlCount(root, QStringLiteral("reflog"));

    const HelperRun run = runHelper({QStringLiteral("crash"), root, step, QString::number(occurrence)});
    QVERIFY2(run.finished, "helper hung");
    QCOMPARE(run.status, QProcess::NormalExit);
    QVERIFY2(run.exitCode == 9, qPrintable(QStringLiteral("exit %1, stderr: %2").arg(run.exitCode).arg(QString::fromUtf8(run.err))));

    {
        // Open runs the recovery (hot journal rollback, txn_log cleanup).
        LocalRepository repo = LocalRepository::open(root);
        VERIFY_OK(repo, true);
        QCOMPARE(*repo.resolveRevision({}), oldHead);
        QCOMPARE(repo.listRepoFiles(), oldFiles);
        QCOMPARE(int(repo.listRepoCommits().size()), oldCommits);
        QCOMPARE(repo.readBytes(QStringLiteral("seed/remove-me.txt")), QByteArray("remove\n"));
    }
    // A read-only SQLite connection (what the original's readers use) works, and sees
    // the old refs and reflog. A leftover journal whose header was never completed is
    // not hot: SQLite ignores it and the next write transaction removes it.
    QCOMPARE(refsAndReflog(root), oldRefs);
    QCOMPARE(sqlCount(root, QStringLiteral("txn_log")), qint64(0));

    {
        // The same commit again, over whatever orphans the crash left behind.
        LocalRepository repo = LocalRepository::open(root);
        const CommitInfo info = repo.createCommit(crashScenarioOperations(), message(QStringLiteral("after the crash")));
        QCOMPARE(*repo.resolveRevision({}), info.oid);
        QCOMPARE(repo.listRepoFiles(), kFilesAfterScenario);
        QCOMPARE(repo.readBytes(QStringLiteral("large/model.bin")), prng(6291456));
        QCOMPARE(repo.readBytes(QStringLiteral("small/b.txt")), prng(5000, "crash small b"));
        QCOMPARE(repo.readBytes(QStringLiteral("small/copied.txt")), QByteArray("keep\n"));
        QCOMPARE(int(repo.listRepoCommits().size()), oldCommits + 1);
        QCOMPARE(repo.listRepoCommits().at(1).commitId, oldHead);
        QCOMPARE(entriesOf(root + QStringLiteral("/txn")), QStringList());
        VERIFY_OK(repo, false);
    }
    QVERIFY(!QFileInfo::exists(root + QStringLiteral("/metadata.sqlite3-journal")));
    QCOMPARE(sqlCount(root, QStringLiteral("txn_log")), qint64(0));
    QCOMPARE(sqlCount(root, QStringLiteral("reflog")), oldReflog + 1);
}

void TestCrashRecovery::crashAfterCommit()
{
    QTemporaryDir tmp;
    const QString root = seededRepo(tmp.path());
    QString oldHead;
    {
        LocalRepository repo = LocalRepository::open(root);
        oldHead = *repo.resolveRevision({});
    }
    const HelperRun run = runHelper({QStringLiteral("after"), root});
    QVERIFY(run.finished);
    QVERIFY2(run.exitCode == 9, qPrintable(QString::fromUtf8(run.err)));
    LocalRepository repo = LocalRepository::open(root);
    VERIFY_OK(repo, false);
    QCOMPARE(repo.listRepoFiles(), kFilesAfterScenario);
    const QList<GitCommitInfo> commits = repo.listRepoCommits();
    QCOMPARE(commits.first().title, QStringLiteral("crash commit"));
    QCOMPARE(commits.at(1).commitId, oldHead);
    QCOMPARE(repo.readBytes(QStringLiteral("large/model.bin")), prng(6291456));
    QCOMPARE(entriesOf(root + QStringLiteral("/txn")), QStringList());
    repo.uploadBytes("next", QStringLiteral("next.txt"));
    QCOMPARE(repo.listRepoCommits().size(), commits.size() + 1);
    QCOMPARE(entriesOf(root + QStringLiteral("/txn")), QStringList());
    VERIFY_OK(repo, false);
}

void TestCrashRecovery::crashDuringCreate_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<int>("occurrence");
    QTemporaryDir tmp;
    const HelperRun run = runHelper({QStringLiteral("create"), tmp.filePath(QStringLiteral("repo")),
                                     QStringLiteral("1048576"), QStringLiteral("-")});
    if (!run.finished || run.exitCode != 0) {
        QTest::newRow("trace failed") << QString() << 0;
        return;
    }
    for (const QByteArray &line : run.out.split('\n')) {
        const QList<QByteArray> parts = line.trimmed().split(' ');
        if (parts.size() == 2)
            QTest::addRow("%s #%s", parts.at(0).constData(), parts.at(1).constData())
                << QString::fromUtf8(parts.at(0)) << parts.at(1).toInt();
    }
}

void TestCrashRecovery::crashDuringCreate()
{
    // A crash inside create_repo leaves either no repository at all (FORMAT is written
    // after the skeleton and before the database) or a valid one whose default branch
    // has no commit yet (§1.4: crash between steps 8 and 9). Never a damaged one.
    QFETCH(QString, step);
    QFETCH(int, occurrence);
    QVERIFY2(!step.isEmpty(), "could not trace the fault points of create_repo");
    QTemporaryDir tmp;
    const QString root = tmp.filePath(QStringLiteral("repo"));
    const HelperRun run = runHelper({QStringLiteral("create"), root, QStringLiteral("1048576"), step,
                                     QString::number(occurrence)});
    QVERIFY(run.finished);
    QVERIFY2(run.exitCode == 9, qPrintable(QStringLiteral("exit %1: %2").arg(run.exitCode).arg(QString::fromUtf8(run.err))));
    std::optional<LocalRepository> repo;
    try {
        repo.emplace(LocalRepository::open(root));
    } catch (const RepositoryNotFoundError &e) {
        qInfo("crash at %s #%d: no repository (%s)", qPrintable(step), occurrence, qPrintable(e.message()));
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/metadata.sqlite3")));
        return;
    }
    VERIFY_OK(*repo, true);
    const std::optional<QString> head = repo->resolveRevision({});
    qInfo("crash at %s #%d: repository with %s", qPrintable(step), occurrence,
          head ? qPrintable(QStringLiteral("head ") + *head) : "an empty default branch");
    QCOMPARE(repo->listRepoFiles(), QStringList());
    const CommitInfo info = repo->uploadBytes("first", QStringLiteral("first.txt"));
    QCOMPARE(repo->listRepoFiles(), QStringList{QStringLiteral("first.txt")});
    QCOMPARE(repo->listRepoCommits().size(), head ? 2 : 1);
    QCOMPARE(entriesOf(root + QStringLiteral("/txn")), QStringList());
    VERIFY_OK(*repo, false);
}

void TestCrashRecovery::concurrentWritersAreSerialised_data()
{
    QTest::addColumn<bool>("cas");
    QTest::newRow("plain") << false;
    QTest::newRow("parent_commit with retry") << true;
}

void TestCrashRecovery::concurrentWritersAreSerialised()
{
    QFETCH(bool, cas);
    constexpr int kWorkers = 4;
    constexpr int kCommits = 10;
    QTemporaryDir tmp;
    const QString root = seededRepo(tmp.path());
    int oldCommits = 0;
    QStringList oldFiles;
    {
        LocalRepository repo = LocalRepository::open(root);
        oldCommits = int(repo.listRepoCommits().size());
        oldFiles = repo.listRepoFiles();
    }
    QList<QProcess *> processes;
    for (int w = 0; w < kWorkers; ++w) {
        auto *p = new QProcess(this);
        QStringList args{QStringLiteral("loop"), root, QString::number(w), QString::number(kCommits)};
        if (cas)
            args.append(QStringLiteral("cas"));
        p->start(kHelper, args);
        processes.append(p);
    }
    int conflicts = 0;
    for (QProcess *p : std::as_const(processes)) {
        QVERIFY(p->waitForFinished(180000));
        const QByteArray err = p->readAllStandardError();
        QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0, err.constData());
        const QByteArray out = p->readAllStandardOutput().trimmed();
        QVERIFY(out.startsWith("conflicts "));
        conflicts += out.mid(10).toInt();
        delete p;
    }
    if (cas)
        qInfo("parent_commit conflicts retried: %d", conflicts);

    LocalRepository repo = LocalRepository::open(root);
    QStringList expectedFiles = oldFiles;
    QSet<QString> expectedMessages;
    for (int w = 0; w < kWorkers; ++w) {
        for (int i = 0; i < kCommits; ++i) {
            expectedFiles.append(QStringLiteral("worker-%1/file-%2.txt").arg(w).arg(i));
            expectedMessages.insert(QStringLiteral("worker %1 commit %2").arg(w).arg(i));
        }
    }
    std::sort(expectedFiles.begin(), expectedFiles.end());
    QCOMPARE(repo.listRepoFiles(), expectedFiles); // no lost update
    for (int w = 0; w < kWorkers; ++w)
        QCOMPARE(repo.readBytes(QStringLiteral("worker-%1/file-%2.txt").arg(w).arg(kCommits - 1)),
                 QStringLiteral("worker %1 commit %2\n").arg(w).arg(kCommits - 1).toUtf8());

    // A linear history holding every commit exactly once, each worker's in its order.
    const QList<GitCommitInfo> commits = repo.listRepoCommits();
    QCOMPARE(int(commits.size()), oldCommits + kWorkers * kCommits);
    QSet<QString> seen;
    QHash<QString, int> lastIndex; // worker -> last commit index seen (walking newest first)
    for (int k = 0; k < kWorkers * kCommits; ++k) {
        const GitCommitInfo &c = commits.at(k);
        QVERIFY2(expectedMessages.contains(c.title), qPrintable(c.title));
        QVERIFY2(!seen.contains(c.title), qPrintable(c.title));
        seen.insert(c.title);
        const QStringList parts = c.title.split(QLatin1Char(' '));
        const int index = parts.last().toInt();
        if (lastIndex.contains(parts.at(1)))
            QVERIFY(index < lastIndex.value(parts.at(1)));
        lastIndex.insert(parts.at(1), index);
        QCOMPARE(repo.getCommitDetail(c.commitId).parentCommitIds, QStringList{commits.at(k + 1).commitId});
    }
    QCOMPARE(repo.listRepoReflog(QStringLiteral("main")).size(), oldCommits + kWorkers * kCommits);
    QCOMPARE(entriesOf(root + QStringLiteral("/txn")), QStringList());
    QCOMPARE(sqlCount(root, QStringLiteral("txn_log")), qint64(0));
    VERIFY_OK(repo, false);
}

void TestCrashRecovery::killedWritersAtRandomMoments()
{
    // SIGKILL two committing processes at random moments: whatever was committed is
    // intact and consistent, the rest is gone, and the next writer carries on.
    QTemporaryDir tmp;
    const QString root = seededRepo(tmp.path());
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("random seed %u", seed);
    QRandomGenerator random(seed);
    int total = 0;
    for (int round = 0; round < 4; ++round) {
        QList<QProcess *> processes;
        for (int w = 0; w < 2; ++w) {
            auto *p = new QProcess(this);
            p->start(kHelper, {QStringLiteral("loop"), root, QStringLiteral("r%1w%2").arg(round).arg(w), QStringLiteral("200")});
            QVERIFY(p->waitForStarted(30000));
            processes.append(p);
        }
        QTest::qWait(150 + int(random.bounded(450)));
        for (QProcess *p : std::as_const(processes)) {
            p->kill();
            QVERIFY(p->waitForFinished(30000));
            delete p;
        }

        LocalRepository repo = LocalRepository::open(root);
        VERIFY_OK(repo, true);
        // Each worker's files are exactly file-0 .. file-(n-1) for its n commits.
        const QStringList files = repo.listRepoFiles();
        const QList<GitCommitInfo> commits = repo.listRepoCommits();
        for (int w = 0; w < 2; ++w) {
            const QString worker = QStringLiteral("r%1w%2").arg(round).arg(w);
            int n = 0;
            for (const GitCommitInfo &c : commits)
                n += c.title.startsWith(QStringLiteral("worker %1 ").arg(worker)) ? 1 : 0;
            const QStringList mine = files.filter(QRegularExpression(QStringLiteral("^worker-%1/").arg(worker)));
            QCOMPARE(int(mine.size()), n);
            for (int i = 0; i < n; ++i)
                QVERIFY(mine.contains(QStringLiteral("worker-%1/file-%2.txt").arg(worker).arg(i)));
            total += n;
        }
        repo.uploadBytes(QByteArray::number(round), QStringLiteral("round-%1.txt").arg(round));
        QCOMPARE(entriesOf(root + QStringLiteral("/txn")), QStringList());
        VERIFY_OK(repo, false);
    }
    qInfo("%d commits survived the kills", total);
}

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crash_recovery.moc"
