// Hostile and wrong input through the real binary: a missing repository, unknown
// revisions, `../` and absolute repository paths, unreadable local files, a full disk
// (simulated with a file-size limit) and Ctrl-C. Every failure must be one line on stderr
// that names what failed and what to do, exit with 1 (2 for usage, 130 for Ctrl-C), and
// leave the repository exactly as it was.

#include <hubvault/Repository.h>
#include "CliTest.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <sys/stat.h>
#include <unistd.h>

using namespace hubvault;
using namespace hubvault::test;

class TestCliErrors : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_work;  // working directory with local input files
    QString m_large; // a 64 MiB incompressible local file

    QString uniqueDir(const QString &tag)
    {
        static int counter = 0;
        const QString dir = m_tmp.path() + QStringLiteral("/%1-%2").arg(tag).arg(++counter);
        QDir().mkpath(dir);
        return dir;
    }

    QString fixtureCopy(const QString &fixture) { return copyFixture(fixture, uniqueDir(fixture)); }

    /** Nothing in the repository changed, and it still verifies. */
    void verifyUnchanged(const QString &repo, const QMap<QString, QByteArray> &before)
    {
        QCOMPARE(truthDigest(repo), before);
        const CliResult r = runCli({QStringLiteral("-C"), repo, QStringLiteral("verify"), QStringLiteral("--full")});
        VERIFY_OK(r);
        QVERIFY(QDir(repo + QStringLiteral("/txn")).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), qPrintable(cliPath()));
        m_work = uniqueDir(QStringLiteral("work"));
        QVERIFY(writeFile(m_work + QStringLiteral("/small.txt"), "small"));
        m_large = m_work + QStringLiteral("/large.bin");
        QByteArray data(64 << 20, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
        QVERIFY(writeFile(m_large, data));
    }

    void missingRepository_data()
    {
        QTest::addColumn<QStringList>("args");
        const auto row = [](const char *name, const QStringList &args) { QTest::newRow(name) << args; };
        row("status", {QStringLiteral("status")});
        row("log", {QStringLiteral("log")});
        row("ls-tree", {QStringLiteral("ls-tree")});
        row("download", {QStringLiteral("download"), QStringLiteral("a.txt")});
        row("snapshot", {QStringLiteral("snapshot")});
        row("export", {QStringLiteral("export"), QStringLiteral("out.zip")});
        row("verify", {QStringLiteral("verify")});
        row("commit", {QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("x"), QStringLiteral("--add"), QStringLiteral("a=small.txt")});
        row("branch", {QStringLiteral("branch")});
        row("tag", {QStringLiteral("tag"), QStringLiteral("v1")});
        row("merge", {QStringLiteral("merge"), QStringLiteral("x")});
        row("reset", {QStringLiteral("reset"), QStringLiteral("x")});
        row("gc", {QStringLiteral("gc")});
        row("squash", {QStringLiteral("squash")});
        row("storage", {QStringLiteral("storage")});
    }

    void missingRepository()
    {
        QFETCH(QStringList, args);
        const QString nowhere = m_tmp.path() + QStringLiteral("/nowhere");
        const CliResult r = runCli(QStringList{QStringLiteral("-C"), nowhere} + args, m_work);
        VERIFY_ONE_LINE_ERROR(r, "RepositoryNotFoundError");
        QVERIFY2(r.err.contains(nowhere) && r.err.contains(QLatin1String("hubvault init")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(nowhere));
        QVERIFY(!QFileInfo::exists(m_work + QStringLiteral("/out.zip")));
    }

    // -C takes a server URL as it is (not as a folder below the current one); this build
    // has no remote client yet, so every command says so and writes nothing.
    // A server URL where nothing listens: one line saying the request failed, and why.
    void serverUrlWithNoServer_data() { missingRepository_data(); }
    void serverUrlWithNoServer()
    {
        QFETCH(QStringList, args);
        const QString url = QStringLiteral("http://127.0.0.1:1/repo");
        const CliResult r = runCli(QStringList{QStringLiteral("-C"), url, QStringLiteral("--token"), QStringLiteral("t")} + args, m_work);
        VERIFY_ONE_LINE_ERROR(r, "HubVaultRemoteTransportError");
        QVERIFY2(r.err.contains(QLatin1String("Remote request failed: Connection refused")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(m_work + QStringLiteral("/http:")));
        QVERIFY(!QFileInfo::exists(m_work + QStringLiteral("/out.zip")));
    }

    void unknownRevision_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString x = QStringLiteral("no-such-rev");
        const auto row = [](const char *name, const QStringList &args) { QTest::newRow(name) << args; };
        row("log", {QStringLiteral("log"), x});
        row("ls-tree", {QStringLiteral("ls-tree"), x});
        row("download", {QStringLiteral("download"), QStringLiteral("-r"), x, QStringLiteral("ff.txt")});
        row("snapshot", {QStringLiteral("snapshot"), QStringLiteral("-r"), x});
        row("export", {QStringLiteral("export"), QStringLiteral("-r"), x, QStringLiteral("out")});
        row("merge", {QStringLiteral("merge"), x});
        row("merge --target", {QStringLiteral("merge"), QStringLiteral("topic"), QStringLiteral("--target"), x});
        row("reset", {QStringLiteral("reset"), x});
        row("reset -r", {QStringLiteral("reset"), QStringLiteral("-r"), x, QStringLiteral("main")});
        row("branch", {QStringLiteral("branch"), QStringLiteral("new"), x});
        row("branch -d", {QStringLiteral("branch"), QStringLiteral("-d"), x});
        row("tag", {QStringLiteral("tag"), QStringLiteral("t"), x});
        row("tag -d", {QStringLiteral("tag"), QStringLiteral("-d"), x});
        row("commit -r", {QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("m"), QStringLiteral("-r"), x,
                          QStringLiteral("--add"), QStringLiteral("a=small.txt")});
        row("squash", {QStringLiteral("squash"), x});
        row("squash --root", {QStringLiteral("squash"), QStringLiteral("--root"), x});
        row("abbreviated id", {QStringLiteral("log"), QStringLiteral("985170f")});
    }

    void unknownRevision()
    {
        QFETCH(QStringList, args);
        const QString repo = fixtureCopy(QStringLiteral("c-branches-merges"));
        const QMap<QString, QByteArray> before = truthDigest(repo);
        const CliResult r = runCli(QStringList{QStringLiteral("-C"), repo} + args, m_work);
        VERIFY_ONE_LINE_ERROR(r, "RevisionNotFoundError");
        QVERIFY2(r.err.contains(QLatin1String("; ")), qPrintable(r.err)); // says what to do
        QVERIFY(!QFileInfo::exists(m_work + QStringLiteral("/out")));
        verifyUnchanged(repo, before);
    }

    void illegalRepositoryPaths_data()
    {
        QTest::addColumn<QStringList>("args");
        const auto row = [](const char *name, const QStringList &args) { QTest::newRow(name) << args; };
        const QString m = QStringLiteral("-m");
        row("add ../", {QStringLiteral("commit"), m, QStringLiteral("x"), QStringLiteral("--add"), QStringLiteral("../evil=small.txt")});
        row("add nested ../", {QStringLiteral("commit"), m, QStringLiteral("x"), QStringLiteral("--add"), QStringLiteral("a/../../evil=small.txt")});
        row("add absolute", {QStringLiteral("commit"), m, QStringLiteral("x"), QStringLiteral("--add"), QStringLiteral("/etc/evil=small.txt")});
        row("add folder to ../", {QStringLiteral("commit"), m, QStringLiteral("x"), QStringLiteral("--add"), QStringLiteral("..=.")});
        row("delete ../", {QStringLiteral("commit"), m, QStringLiteral("x"), QStringLiteral("--delete"), QStringLiteral("../keep.txt")});
        row("copy to ../", {QStringLiteral("commit"), m, QStringLiteral("x"), QStringLiteral("--copy"), QStringLiteral("keep.txt=../k")});
        row("copy from ../", {QStringLiteral("commit"), m, QStringLiteral("x"), QStringLiteral("--copy"), QStringLiteral("../k=k")});
        row("download", {QStringLiteral("download"), QStringLiteral("../keep.txt")});
        row("ls-tree", {QStringLiteral("ls-tree"), QStringLiteral("main"), QStringLiteral("../x")});
        row("export --path", {QStringLiteral("export"), QStringLiteral("--path"), QStringLiteral("../x"), QStringLiteral("out")});
    }

    void illegalRepositoryPaths()
    {
        QFETCH(QStringList, args);
        const QString repo = fixtureCopy(QStringLiteral("c-branches-merges"));
        const QMap<QString, QByteArray> before = truthDigest(repo);
        const CliResult r = runCli(QStringList{QStringLiteral("-C"), repo} + args, m_work);
        VERIFY_ONE_LINE_ERROR(r, "UnsupportedPathError");
        verifyUnchanged(repo, before);
        QVERIFY(!QFileInfo::exists(QFileInfo(repo).absolutePath() + QStringLiteral("/evil")));
        QVERIFY(!QFileInfo::exists(m_work + QStringLiteral("/out")));
    }

    void unreadableLocalFiles()
    {
        const QString repo = fixtureCopy(QStringLiteral("a-small-files-paths"));
        const QMap<QString, QByteArray> before = truthDigest(repo);
        const QStringList c{QStringLiteral("-C"), repo, QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("x"),
                            QStringLiteral("--add"), QStringLiteral("ok.txt=small.txt"), QStringLiteral("--add")};

        CliResult r = runCli(c + QStringList{QStringLiteral("x=missing.bin")}, m_work);
        VERIFY_ONE_LINE_ERROR(r, "HubVaultValidationError");
        QVERIFY2(r.err.contains(QLatin1String("missing.bin does not exist")), qPrintable(r.err));

        const QString fifo = m_work + QStringLiteral("/pipe");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        r = runCli(c + QStringList{QStringLiteral("x=pipe")}, m_work);
        VERIFY_ONE_LINE_ERROR(r, "HubVaultValidationError");
        QVERIFY2(r.err.contains(QLatin1String("not a regular file or folder")), qPrintable(r.err));

        // Permissions do not stop root, so these two only run as a normal user.
        if (::geteuid() != 0) {
            QVERIFY(writeFile(m_work + QStringLiteral("/secret.bin"), "s"));
            QFile::setPermissions(m_work + QStringLiteral("/secret.bin"), QFileDevice::Permissions());
            r = runCli(c + QStringList{QStringLiteral("x=secret.bin")}, m_work);
            VERIFY_ONE_LINE_ERROR(r, "HubVaultValidationError");
            QVERIFY2(r.err.contains(QLatin1String("cannot read local file secret.bin")), qPrintable(r.err));
            QVERIFY(writeFile(m_work + QStringLiteral("/locked/inner/f.txt"), "f"));
            QFile::setPermissions(m_work + QStringLiteral("/locked/inner"), QFileDevice::Permissions());
            r = runCli(c + QStringList{QStringLiteral("d=locked")}, m_work);
            VERIFY_ONE_LINE_ERROR(r, "HubVaultValidationError");
            QVERIFY2(r.err.contains(QLatin1String("cannot read local folder")), qPrintable(r.err));
            QFile::setPermissions(m_work + QStringLiteral("/locked/inner"), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        }
        verifyUnchanged(repo, before);
    }

    void existingTargets()
    {
        const QString repo = fixtureCopy(QStringLiteral("a-small-files-paths"));
        const QString work = uniqueDir(QStringLiteral("targets"));
        QVERIFY(writeFile(work + QStringLiteral("/out/mine.txt"), "mine"));
        CliResult r = runCli({QStringLiteral("-C"), repo, QStringLiteral("export"), QStringLiteral("out")}, work);
        VERIFY_ONE_LINE_ERROR(r, "HubVaultValidationError");
        QVERIFY2(r.err.contains(QLatin1String("exists and is not empty; choose another target or pass --force")), qPrintable(r.err));
        QCOMPARE(listTree(work + QStringLiteral("/out")), QStringList{QStringLiteral("mine.txt")});
        // init into a folder that holds other files.
        r = runCli({QStringLiteral("init"), QStringLiteral("out")}, work);
        VERIFY_ONE_LINE_ERROR(r, "HubVaultValidationError");
        QVERIFY2(r.err.contains(QLatin1String("use an empty or new directory")), qPrintable(r.err));
        QCOMPARE(listTree(work + QStringLiteral("/out")), QStringList{QStringLiteral("mine.txt")});
    }

    // A full disk (file-size limit): the commit fails with one line and is rolled back.
    void fullDiskCommit()
    {
        const QString repo = fixtureCopy(QStringLiteral("b-chunked-large"));
        const QMap<QString, QByteArray> before = truthDigest(repo);
        const CliResult r = runCliWithFileLimit(4096, {QStringLiteral("-C"), repo, QStringLiteral("commit"), QStringLiteral("-m"),
                                                       QStringLiteral("big"), QStringLiteral("--add"), QStringLiteral("big.bin=") + m_large},
                                                m_work);
        VERIFY_ONE_LINE_ERROR(r, "HubVaultError");
        QVERIFY2(r.err.contains(QLatin1String("free some disk space")), qPrintable(r.err));
        verifyUnchanged(repo, before);
        // And the repository still takes writes afterwards.
        VERIFY_OK(runCli({QStringLiteral("-C"), repo, QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("small"),
                          QStringLiteral("--add"), QStringLiteral("s.txt=small.txt")}, m_work));
    }

    void fullDiskViews()
    {
        const QString repo = fixtureCopy(QStringLiteral("b-chunked-large"));
        VERIFY_OK(runCli({QStringLiteral("-C"), repo, QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("big"),
                          QStringLiteral("--add"), QStringLiteral("big.bin=") + m_large}, m_work));
        const QMap<QString, QByteArray> before = truthDigest(repo);
        const QString work = uniqueDir(QStringLiteral("views"));
        CliResult r = runCliWithFileLimit(4096, {QStringLiteral("-C"), repo, QStringLiteral("download"), QStringLiteral("big.bin"),
                                                 QStringLiteral("--local-dir"), QStringLiteral("dl")}, work);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, QString());
        QVERIFY2(r.err.startsWith(QLatin1String("hubvault: ")) && r.err.count(QLatin1Char('\n')) == 1, qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(work + QStringLiteral("/dl/big.bin")));
        r = runCliWithFileLimit(4096, {QStringLiteral("-C"), repo, QStringLiteral("export"), QStringLiteral("e.tar.zst")}, work);
        VERIFY_ONE_LINE_ERROR(r, "HubVaultError");
        QVERIFY(!QFileInfo::exists(work + QStringLiteral("/e.tar.zst")));
        verifyUnchanged(repo, before);
    }

    // Ctrl-C during a commit: exit code 130, one line, nothing published.
    void interruptCommit()
    {
        const QString repo = fixtureCopy(QStringLiteral("a-small-files-paths"));
        const QMap<QString, QByteArray> before = truthDigest(repo);
        const CliResult r = runProgram(
            cliPath(),
            {QStringLiteral("-C"), repo, QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("big"), QStringLiteral("--add"),
             QStringLiteral("a.bin=") + m_large, QStringLiteral("--add"), QStringLiteral("b.bin=") + m_large},
            m_work, {{QStringLiteral("HUBVAULT_PROGRESS"), QStringLiteral("always")}}, [](QProcess &p) {
                p.setReadChannel(QProcess::StandardError);
                while (p.state() == QProcess::Running && !p.peek(4096).contains("Uploading"))
                    p.waitForReadyRead(100);
                ::kill(pid_t(p.processId()), SIGINT);
            });
        QVERIFY2(!r.crashed, qPrintable(r.err));
        QCOMPARE(r.exitCode, 130);
        QCOMPARE(r.out, QString());
        QVERIFY2(r.err.endsWith(QLatin1String("\r\x1b[Khubvault: CancelledError: operation cancelled; the repository was not changed\n")),
                 qPrintable(r.err));
        verifyUnchanged(repo, before);
    }

    // Every one-line failure says what to do: a hint after "; ", or a suggestion.
    void errorsSayWhatToDo()
    {
        const QString repo = fixtureCopy(QStringLiteral("c-branches-merges"));
        const QList<QStringList> failing{
            {QStringLiteral("-C"), m_tmp.path() + QStringLiteral("/nope"), QStringLiteral("log")},
            {QStringLiteral("-C"), repo, QStringLiteral("log"), QStringLiteral("nope")},
            {QStringLiteral("-C"), repo, QStringLiteral("download"), QStringLiteral("nope.txt")},
            {QStringLiteral("-C"), repo, QStringLiteral("download"), QStringLiteral("../nope.txt")},
            {QStringLiteral("-C"), repo, QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("x")},
            {QStringLiteral("-C"), repo, QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("x"), QStringLiteral("--add"),
             QStringLiteral("a=/nonexistent/file")},
        };
        for (const QStringList &args : failing) {
            const CliResult r = runCli(args, m_work);
            QCOMPARE(r.exitCode, 1);
            QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
            QVERIFY2(r.err.contains(QLatin1String("; ")), qPrintable(r.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliErrors)
#include "tst_cli_errors.moc"
