// Hostile repositories end to end (issue 16): repositories built by hand to attack their
// reader (hostile names, symlinks out of the repository, absurd sizes, cycles, extreme
// depth and length) are opened with the real `hubvault` under a limit on its address space.
// Every case names its attack; each must end in a clear one-line error or a correct,
// bounded result, never a crash, and nothing outside the repository and the command's
// target may change. The app reads through the same core calls (listRepoTree, readRange,
// listRepoReflog), which the in-process checks of some cases exercise.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "CliTest.h"
#include "HostileRepos.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
using namespace hubvault::test;
using namespace hubvault::test::hostile;

namespace {

/** Address-space limit of every CLI run: twice what the fixtures need (256 MiB runs every
 * command on them), far below what any of these attacks would take unbounded. */
constexpr qint64 kMemoryLimitKiB = 512 * 1024;

const QString kSmall = QStringLiteral("a-small-files-paths");
const QString kChunked = QStringLiteral("b-chunked-large");

/** Runs the CLI under `ulimit -v` (address space) and `ulimit -f` (no multi-GiB files). */
CliResult runLimited(const QStringList &args, const QString &workDir = {})
{
    QStringList shellArgs{QStringLiteral("-c"),
                          QStringLiteral("ulimit -v %1 && ulimit -f %2 && exec \"$0\" \"$@\"").arg(kMemoryLimitKiB).arg(4 * 1024 * 1024),
                          cliPath()};
    shellArgs += args;
    return runProgram(QStringLiteral("/bin/sh"), shellArgs, workDir);
}

/** A run is acceptable when it exits on its own with 0 or a one-line `hubvault:` error. */
bool cleanOutcome(const CliResult &r, QString *why)
{
    if (r.crashed || r.err == QLatin1String("timed out") || (r.exitCode != 0 && r.exitCode != 1)) {
        *why = QStringLiteral("exit %1 crashed=%2 stderr=%3").arg(r.exitCode).arg(r.crashed).arg(r.err.left(400));
        return false;
    }
    if (r.exitCode == 1 && !r.err.startsWith(QLatin1String("hubvault: ")) && !r.out.contains(QLatin1String("FAILED"))) {
        *why = QStringLiteral("error without a message: stderr=%1 stdout=%2").arg(r.err.left(400), r.out.left(400));
        return false;
    }
    return true;
}

#define EXPECT_CLEAN(result)                                                                       \
    do {                                                                                           \
        QString why_;                                                                              \
        if (!cleanOutcome((result), &why_))                                                        \
            QFAIL(qPrintable(why_));                                                               \
    } while (false)

} // namespace

class TestCliHostile : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_case = 0;

    /**
     * A case folder: `repo` (a copy of `fixture`), `out` (the commands' target, absent) and
     * `outside` (a folder with a sentinel that must stay as it is).
     */
    struct Case {
        QString dir, repo, out, outside;
    };

    Case makeCase(const QString &fixture)
    {
        Case c;
        c.dir = m_tmp.path() + QStringLiteral("/case%1").arg(++m_case);
        QDir().mkpath(c.dir);
        c.repo = copyFixture(fixture, c.dir);
        c.out = c.dir + QStringLiteral("/out");
        c.outside = c.dir + QStringLiteral("/outside");
        writeFile(c.outside + QStringLiteral("/victim.txt"), "must stay as it is\n");
        return c;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    // ---- hostile names in trees --------------------------------------------------------

    void treeEntryWithHostileName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("parent traversal ../x") << QStringLiteral("../x");
        QTest::newRow("absolute /etc/x") << QStringLiteral("/etc/x");
        QTest::newRow("nested traversal a/../../x") << QStringLiteral("a/../../x");
        QTest::newRow("dot-dot alone") << QStringLiteral("..");
        QTest::newRow("windows drive C:\\x") << QStringLiteral("C:\\x");
        QTest::newRow("windows traversal ..\\..\\x") << QStringLiteral("..\\..\\x");
        QTest::newRow("NUL inside a name") << QStringLiteral("x") + QChar(0) + QStringLiteral("y");
        QTest::newRow("newline inside a name") << QStringLiteral("new\nline");
    }

    void treeEntryWithHostileName()
    {
        QFETCH(QString, name);
        Case c = makeCase(kSmall);
        const auto outsideBefore = treeDigest(c.outside);
        QVERIFY(!rootEntry(c.repo, QStringLiteral("README.md")).isEmpty());
        addRootEntryNamed(c.repo, name);
        const QStringList commands[] = {
            {QStringLiteral("ls-tree"), QStringLiteral("-r")},
            {QStringLiteral("log")},
            {QStringLiteral("verify"), QStringLiteral("--full")},
            {QStringLiteral("snapshot"), QStringLiteral("--local-dir"), c.out + QStringLiteral("/snap")},
            {QStringLiteral("export"), c.out + QStringLiteral("/folder")},
            {QStringLiteral("export"), c.out + QStringLiteral("/archive.tar")},
            {QStringLiteral("download"), QStringLiteral("--local-dir"), c.out + QStringLiteral("/dl"), name},
        };
        QDir().mkpath(c.out);
        for (const QStringList &args : commands) {
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            EXPECT_CLEAN(r);
            QCOMPARE(treeDigest(c.outside), outsideBefore);
        }
        // Whatever was written is below the target and no link; a name with a backslash is
        // one literal segment on POSIX, and a name with a NUL is refused, not cut to "x".
        for (const QString &path : listTree(c.out)) {
            QVERIFY2(!QFileInfo(c.out + QLatin1Char('/') + path).isSymLink(), qPrintable(path));
            QVERIFY2(!path.split(QLatin1Char('/')).contains(QStringLiteral("..")), qPrintable(path));
            if (name.contains(QChar(0)))
                QVERIFY2(!path.endsWith(QLatin1String("/x")), qPrintable(path));
        }
        const QStringList top = QDir(c.dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
        QCOMPARE(top, (QStringList{kSmall, QStringLiteral("out"), QStringLiteral("outside")}));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/etc/x")));
    }

    // ---- symlinks inside the repository ------------------------------------------------

    void symlinkInsideRepositoryPointingOutside_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::newRow("objects/ is a link") << QStringLiteral("objects");
        QTest::newRow("objects/blobs is a link") << QStringLiteral("objects/blobs");
        QTest::newRow("a blob fan-out folder is a link") << QStringLiteral("objects/blobs/sha256/1c");
        QTest::newRow("cache/ is a link") << QStringLiteral("cache");
        QTest::newRow("chunks/packs/ is a link") << QStringLiteral("chunks/packs");
    }

    void symlinkInsideRepositoryPointingOutside()
    {
        QFETCH(QString, folder);
        Case c = makeCase(folder.startsWith(QLatin1String("chunks")) ? kChunked : kSmall);
        // The outside folder holds a copy of what the link replaces, so reads could work
        // through it; gc, downloads and commits would delete or write out there.
        const QString real = c.repo + QLatin1Char('/') + folder;
        if (QFileInfo(real).isDir())
            QVERIFY(copyTree(real, c.outside + QStringLiteral("/linked")));
        else
            QVERIFY(QDir().mkpath(c.outside + QStringLiteral("/linked")));
        QDir(real).removeRecursively();
        QDir().mkpath(QFileInfo(real).absolutePath());
        QVERIFY(QFile::link(c.outside + QStringLiteral("/linked"), real));
        // A stray file beside the linked copy that gc would call garbage if it followed the link.
        writeFile(c.outside + QStringLiteral("/linked/stray.data"), "not the repository's\n");
        const auto outsideBefore = treeDigest(c.outside);
        const QString local = c.dir + QStringLiteral("/new.txt");
        writeFile(local, "hostile\n");
        const QStringList commands[] = {
            {QStringLiteral("log")},
            {QStringLiteral("ls-tree"), QStringLiteral("-r")},
            {QStringLiteral("verify"), QStringLiteral("--full")},
            {QStringLiteral("download"), QStringLiteral("README.md")},
            {QStringLiteral("download"), QStringLiteral("models/big.bin")},
            {QStringLiteral("snapshot")},
            {QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("x"), QStringLiteral("--add"), QStringLiteral("new.txt=") + local},
            {QStringLiteral("gc")},
        };
        for (const QStringList &args : commands) {
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            EXPECT_CLEAN(r);
            QVERIFY2(treeDigest(c.outside) == outsideBefore, qPrintable(QStringLiteral("%1 changed the folder outside the repository")
                                                                          .arg(args.join(QLatin1Char(' ')))));
        }
    }

    // ---- absurd sizes -------------------------------------------------------------------

    void packChunkLengthTwoToThe62()
    {
        Case c = makeCase(kChunked);
        const auto outsideBefore = treeDigest(c.outside);
        QCOMPARE(sqlExecStatements(c.repo, {QStringLiteral("UPDATE chunk_visible SET stored_size = 4611686018427387904, "
                                                           "logical_size = 4611686018427387904")}),
                 QString());
        const QStringList commands[] = {
            {QStringLiteral("download"), QStringLiteral("models/big.bin")},
            {QStringLiteral("export"), c.out},
            {QStringLiteral("verify"), QStringLiteral("--full")},
            {QStringLiteral("storage")},
            {QStringLiteral("gc"), QStringLiteral("--dry-run")},
        };
        for (const QStringList &args : commands) {
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            EXPECT_CLEAN(r);
            if (args.first() == QLatin1String("download") || args.first() == QLatin1String("export"))
                QVERIFY2(r.exitCode == 1 && r.err.contains(QLatin1String("IntegrityError")), qPrintable(r.err));
        }
        QCOMPARE(treeDigest(c.outside), outsideBefore);
    }

    void fileObjectClaimingOnePetabyte()
    {
        Case c = makeCase(kSmall);
        const auto outsideBefore = treeDigest(c.outside);
        claimReadmeSize(c.repo, qint64(1) << 50);
        const QStringList commands[] = {
            {QStringLiteral("ls-tree"), QStringLiteral("-r")},
            {QStringLiteral("download"), QStringLiteral("README.md")},
            {QStringLiteral("export"), c.out},
            {QStringLiteral("snapshot")},
            {QStringLiteral("verify"), QStringLiteral("--full")},
            {QStringLiteral("storage")},
        };
        for (const QStringList &args : commands) {
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            EXPECT_CLEAN(r);
            if (args.first() == QLatin1String("download") || args.first() == QLatin1String("export"))
                QVERIFY2(r.exitCode == 1, qPrintable(r.out + r.err));
        }
        // The app's reads: a range of the file and the listing.
        LocalRepository repo = LocalRepository::open(c.repo);
        EXPECT_THROW_KIND(repo.readBytes(QStringLiteral("README.md")), HubVaultError);
        QCOMPARE(treeDigest(c.outside), outsideBefore);
    }

    // ---- graph shapes -------------------------------------------------------------------

    void commitCycle()
    {
        Case c = makeCase(kSmall);
        makeCommitCycle(c.repo);
        const QStringList commands[] = {
            {QStringLiteral("log")},
            {QStringLiteral("log"), QStringLiteral("--oneline"), QStringLiteral("-n"), QStringLiteral("1000000")},
            {QStringLiteral("verify"), QStringLiteral("--full")},
            {QStringLiteral("gc"), QStringLiteral("--dry-run")},
            {QStringLiteral("storage")},
            {QStringLiteral("squash"), QStringLiteral("--no-gc")},
        };
        for (const QStringList &args : commands) {
            QElapsedTimer timer;
            timer.start();
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            EXPECT_CLEAN(r);
            QVERIFY2(timer.elapsed() < 120000, qPrintable(args.join(QLatin1Char(' '))));
            QVERIFY2(r.out.count(QLatin1Char('\n')) < 100, qPrintable(r.out.left(400))); // bounded: no endless listing
        }
        LocalRepository repo = LocalRepository::open(c.repo);
        try {
            QVERIFY(repo.listRepoCommits({}).size() < 100);
        } catch (const HubVaultError &e) {
            QVERIFY(!e.message().isEmpty());
        }
    }

    void treeNested100000Deep()
    {
        Case c = makeCase(kSmall);
        nestTrees(c.repo, 100000);
        const auto outsideBefore = treeDigest(c.outside);
        const QStringList commands[] = {
            {QStringLiteral("log"), QStringLiteral("-n"), QStringLiteral("1")},
            {QStringLiteral("ls-tree")},
            {QStringLiteral("ls-tree"), QStringLiteral("-r")},
            {QStringLiteral("verify"), QStringLiteral("--full")},
            {QStringLiteral("snapshot")},
            {QStringLiteral("export"), c.out + QStringLiteral(".tar")},
            {QStringLiteral("storage")},
            {QStringLiteral("gc"), QStringLiteral("--dry-run")},
        };
        QStringList failures;
        for (const QStringList &args : commands) {
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            QString why;
            if (!cleanOutcome(r, &why))
                failures.append(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + why);
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QCOMPARE(treeDigest(c.outside), outsideBefore);
    }

    void mergeOfATree100000Deep()
    {
        // The merge walks only the folders the two sides changed, but a side may change one
        // 100,000 levels deep: a clear error, not a stack overflow, and neither branch moves.
        Case c = makeCase(kSmall);
        EXPECT_CLEAN(runLimited({QStringLiteral("-C"), c.repo, QStringLiteral("branch"), QStringLiteral("other")}, c.dir));
        QVERIFY(writeFile(c.dir + QStringLiteral("/note.txt"), "other side\n"));
        EXPECT_CLEAN(runLimited({QStringLiteral("-C"), c.repo, QStringLiteral("commit"), QStringLiteral("-r"), QStringLiteral("other"),
                                 QStringLiteral("-m"), QStringLiteral("note"), QStringLiteral("--add"), QStringLiteral("note.txt=note.txt")},
                                c.dir));
        nestTrees(c.repo, 100000);
        const QString mainHead = headOf(c.repo);
        const QString otherHead = queryOne(c.repo, QStringLiteral("SELECT commit_id FROM refs WHERE ref_name = 'other'"));
        const CliResult r = runLimited({QStringLiteral("-C"), c.repo, QStringLiteral("merge"), QStringLiteral("--target"),
                                        QStringLiteral("other"), QStringLiteral("main")},
                                       c.dir);
        EXPECT_CLEAN(r);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("levels deep")), qPrintable(r.err));
        QCOMPARE(headOf(c.repo), mainHead);
        QCOMPARE(queryOne(c.repo, QStringLiteral("SELECT commit_id FROM refs WHERE ref_name = 'other'")), otherHead);
    }

    void treeContainingItself()
    {
        // A tree stored under a false id whose entry names that id: an endless depth that
        // recursion followed until the stack overflowed (found with treeNested100000Deep).
        Case c = makeCase(kSmall);
        addSelfContainingTree(c.repo);
        LocalRepository repo = LocalRepository::open(c.repo);
        EXPECT_INTEGRITY_ERROR(repo.listRepoTree({}, true));
        EXPECT_INTEGRITY_ERROR(repo.listRepoFiles());
        const VerifyReport report = repo.fullVerify();
        QVERIFY(!report.ok);
        QVERIFY2(report.errors.join(QLatin1Char('\n')).contains(QLatin1String("levels deep")), qPrintable(report.errors.join(QLatin1Char('\n'))));
        for (const QStringList &args : {QStringList{QStringLiteral("ls-tree"), QStringLiteral("-r")}, QStringList{QStringLiteral("log")},
                                        QStringList{QStringLiteral("snapshot")}, QStringList{QStringLiteral("gc"), QStringLiteral("--dry-run")}}) {
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            EXPECT_CLEAN(r);
        }
    }

    void reflogOfTenMillionRows()
    {
        Case c = makeCase(kSmall);
        QElapsedTimer timer;
        timer.start();
        {
            RawDb db(c.repo);
            // One statement: a recursive CTE counting to ten million, short values so the
            // database stays a few hundred MiB.
            QVERIFY(db.exec("INSERT INTO reflog (ref_kind, ref_name, timestamp, old_head, new_head, message, checksum) "
                            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000000) "
                            "SELECT 'branch', 'main', '2024-01-01T00:00:00Z', NULL, NULL, 'm', 'x' FROM n"));
        }
        qInfo("10 million reflog rows written in %lld ms", timer.elapsed());
        const QStringList commands[] = {
            {QStringLiteral("log"), QStringLiteral("-n"), QStringLiteral("2")},
            {QStringLiteral("branch"), QStringLiteral("-v")},
            {QStringLiteral("verify")},
            {QStringLiteral("verify"), QStringLiteral("--full")},
        };
        for (const QStringList &args : commands) {
            timer.restart();
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            EXPECT_CLEAN(r);
            qInfo("%s: exit %d in %lld ms", qPrintable(args.join(QLatin1Char(' '))), r.exitCode, timer.elapsed());
            // The rows carry no valid checksum: full verification reports a bounded number
            // of them (it streams the reflog instead of loading ten million rows).
            if (args.contains(QStringLiteral("--full"))) {
                QVERIFY2(r.exitCode == 1 && r.out.contains(QLatin1String("more rows with a checksum mismatch")),
                         qPrintable(r.out.left(400) + r.err));
                QVERIFY(r.out.count(QLatin1Char('\n')) < 200);
            }
        }
        // The app's reflog view asks for the newest entries with a limit.
        LocalRepository repo = LocalRepository::open(c.repo);
        timer.restart();
        const QList<ReflogEntry> newest = repo.listRepoReflog(QStringLiteral("main"), 100);
        QCOMPARE(newest.size(), 100);
        QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));
    }

    // ---- targets that already hold a symlink -------------------------------------------

    void targetContainingSymlink_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("linkInTarget");
        QTest::newRow("export into a folder holding README.md -> outside") << QStringList{QStringLiteral("export"), QStringLiteral("--force"), QStringLiteral("@out")} << QStringLiteral("README.md");
        QTest::newRow("export into a folder holding a/ -> outside") << QStringList{QStringLiteral("export"), QStringLiteral("--force"), QStringLiteral("@out")} << QStringLiteral("a");
        QTest::newRow("snapshot into a folder holding README.md -> outside") << QStringList{QStringLiteral("snapshot"), QStringLiteral("--local-dir"), QStringLiteral("@out")} << QStringLiteral("README.md");
        QTest::newRow("snapshot into a folder holding a/ -> outside") << QStringList{QStringLiteral("snapshot"), QStringLiteral("--local-dir"), QStringLiteral("@out")} << QStringLiteral("a");
        QTest::newRow("download into a folder holding README.md -> outside") << QStringList{QStringLiteral("download"), QStringLiteral("--local-dir"), QStringLiteral("@out"), QStringLiteral("README.md")} << QStringLiteral("README.md");
        QTest::newRow("download into a folder holding a/ -> outside") << QStringList{QStringLiteral("download"), QStringLiteral("--local-dir"), QStringLiteral("@out"), QStringLiteral("a/b.txt")} << QStringLiteral("a");
    }

    void targetContainingSymlink()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, linkInTarget);
        Case c = makeCase(kSmall);
        QVERIFY(QDir().mkpath(c.out));
        // The link points at the victim file, or at the outside folder for a folder name.
        const QString linkTarget = linkInTarget.contains(QLatin1Char('.')) ? c.outside + QStringLiteral("/victim.txt") : c.outside;
        QVERIFY(QFile::link(linkTarget, c.out + QLatin1Char('/') + linkInTarget));
        const auto outsideBefore = treeDigest(c.outside);
        const QStringList outsideList = listTree(c.outside);
        args.replaceInStrings(QStringLiteral("@out"), c.out);
        const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
        EXPECT_CLEAN(r);
        QCOMPARE(treeDigest(c.outside), outsideBefore);
        QCOMPARE(listTree(c.outside), outsideList);
    }
};

QTEST_GUILESS_MAIN(TestCliHostile)
#include "tst_cli_hostile.moc"
