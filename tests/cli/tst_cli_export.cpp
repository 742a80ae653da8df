// export (folders, .zip, .tar, .tar.gz, .tar.zst), the progress bar and Ctrl-C, run as
// real processes. Archives are read back with libarchive and every file is compared with
// the hashes the original recorded in the fixture manifests.

#include <hubvault/LocalRepository.h>
#include "CliTest.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <archive.h>
#include <archive_entry.h>

using namespace hubvault;
using namespace hubvault::test;

namespace {

struct Entry {
    bool isDir = false;
    QByteArray sha256;
    qint64 mtime = 0;
    int perm = 0;
};

/** Every entry of an archive (folders end in '/'), read with libarchive. */
QMap<QString, Entry> readArchive(const QString &path, QString *error)
{
    QMap<QString, Entry> out;
    archive *a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_all(a);
    if (archive_read_open_filename(a, QFile::encodeName(path).constData(), 1 << 16) != ARCHIVE_OK) {
        *error = QString::fromUtf8(archive_error_string(a));
        archive_read_free(a);
        return out;
    }
    archive_entry *entry = nullptr;
    int rc;
    while ((rc = archive_read_next_header(a, &entry)) == ARCHIVE_OK) {
        Entry e;
        const char *name = archive_entry_pathname_utf8(entry);
        e.isDir = archive_entry_filetype(entry) == AE_IFDIR;
        e.mtime = archive_entry_mtime(entry);
        e.perm = int(archive_entry_perm(entry));
        QCryptographicHash hash(QCryptographicHash::Sha256);
        char buffer[65536];
        la_ssize_t n;
        while ((n = archive_read_data(a, buffer, sizeof buffer)) > 0)
            hash.addData(QByteArrayView(buffer, n));
        if (n < 0)
            *error = QString::fromUtf8(archive_error_string(a));
        e.sha256 = hash.result().toHex();
        out.insert(QString::fromUtf8(name ? name : archive_entry_pathname(entry)), e);
    }
    if (rc != ARCHIVE_EOF)
        *error = QString::fromUtf8(archive_error_string(a));
    archive_read_free(a);
    return out;
}

/** path → sha256 of the files of the manifest's main head. */
QMap<QString, QByteArray> manifestFiles(const QString &fixture, const QString &commit = {})
{
    const QJsonObject m = fixtureManifest(fixture);
    const QString id = commit.isEmpty()
        ? m.value(QStringLiteral("refs")).toObject().value(QStringLiteral("branches")).toObject().value(QStringLiteral("main")).toString()
        : commit;
    QMap<QString, QByteArray> files;
    for (const QJsonValue &v : m.value(QStringLiteral("commits")).toObject().value(id).toObject().value(QStringLiteral("files")).toArray())
        files.insert(v.toObject().value(QStringLiteral("path")).toString(), v.toObject().value(QStringLiteral("sha256")).toString().toLatin1());
    return files;
}

QStringList parentFolders(const QStringList &files)
{
    QSet<QString> folders;
    for (const QString &file : files)
        for (qsizetype slash = file.indexOf(QLatin1Char('/')); slash > 0; slash = file.indexOf(QLatin1Char('/'), slash + 1))
            folders.insert(file.left(slash) + QLatin1Char('/'));
    QStringList out(folders.cbegin(), folders.cend());
    out.sort();
    return out;
}

} // namespace

class TestCliExport : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_big; // a repository with one large incompressible file, for progress and Ctrl-C

    QString uniqueDir(const QString &tag)
    {
        static int counter = 0;
        const QString dir = m_tmp.path() + QStringLiteral("/%1-%2").arg(tag).arg(++counter);
        QDir().mkpath(dir);
        return dir;
    }

    QString fixtureCopy(const QString &fixture) { return copyFixture(fixture, uniqueDir(fixture)); }

    /** Only the exported target may be left in `dir`: no temporary files or folders. */
    static void verifyNoLeftovers(const QString &dir, const QStringList &allowed)
    {
        QStringList entries = QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
        entries.sort();
        QStringList expected = allowed;
        expected.sort();
        QCOMPARE(entries, expected);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), qPrintable(cliPath()));
        const QString work = uniqueDir(QStringLiteral("big"));
        QFile data(work + QStringLiteral("/weights.bin"));
        QVERIFY(data.open(QIODevice::WriteOnly));
        QByteArray block(1 << 20, Qt::Uninitialized);
        for (int i = 0; i < 192; ++i) {
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
            QCOMPARE(data.write(block), block.size());
        }
        data.close();
        m_big = work + QStringLiteral("/repo");
        VERIFY_OK(runCli({QStringLiteral("init"), m_big}));
        VERIFY_OK(runCli({QStringLiteral("-C"), m_big, QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("weights"),
                          QStringLiteral("--add"), QStringLiteral("models/weights.bin=") + data.fileName()}));
        QFile::remove(data.fileName());
    }

    void formats_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("format");
        for (const char *fixture : {"a-small-files-paths", "b-chunked-large"})
            for (const char *name : {"out.zip", "out.tar", "out.tar.gz", "out.tgz", "out.tar.zst", "out-folder", "archive"}) {
                const QString format = QLatin1String(name) == QLatin1String("archive") ? QStringLiteral("tar.zst") : QString();
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(fixture), QLatin1String(name))))
                    << QString::fromLatin1(fixture) << QString::fromLatin1(name) << format;
            }
    }

    void formats()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, name);
        QFETCH(QString, format);
        const QString repo = fixtureCopy(fixture);
        const QMap<QString, QByteArray> truth = truthDigest(repo);
        const QMap<QString, QByteArray> expected = manifestFiles(fixture);
        QVERIFY(!expected.isEmpty());
        const QString work = uniqueDir(QStringLiteral("work"));
        QStringList args{QStringLiteral("-C"), repo, QStringLiteral("export"), name};
        if (!format.isEmpty())
            args << QStringLiteral("--format") << format;
        const CliResult r = runCli(args, work);
        VERIFY_OK(r);
        const QString target = QFileInfo(work + QLatin1Char('/') + name).absoluteFilePath();
        const QString head = *LocalRepository::open(repo).resolveRevision(QStringLiteral("main"));
        qint64 total = 0;
        for (const QString &file : expected.keys())
            total += LocalRepository::open(repo).getPathsInfo({file}).constFirst().file.size;
        QVERIFY2(r.out.startsWith(QStringLiteral("Exported %1 file").arg(expected.size())), qPrintable(r.out));
        QVERIFY2(r.out.endsWith(QStringLiteral(" of main (%1) to %2\n").arg(head.left(7), target)), qPrintable(r.out));
        const qint64 date = LocalRepository::open(repo).listRepoCommits().constFirst().createdAt.toSecsSinceEpoch();

        if (name.startsWith(QLatin1String("out-folder"))) {
            QMap<QString, QByteArray> written = treeDigest(target);
            QCOMPARE(written.keys(), expected.keys());
            for (auto it = expected.begin(); it != expected.end(); ++it) {
                QCOMPARE(written.value(it.key()), it.value());
                QCOMPARE(QFileInfo(target + QLatin1Char('/') + it.key()).lastModified().toSecsSinceEpoch(), date);
            }
            QVERIFY(QFileInfo(target).permissions() & QFile::ExeOther);
        } else {
            QString error;
            const QMap<QString, Entry> entries = readArchive(target, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QStringList files, folders;
            for (auto it = entries.begin(); it != entries.end(); ++it) {
                QCOMPARE(it.value().mtime, date);
                if (it.value().isDir) {
                    folders << it.key();
                    QCOMPARE(it.value().perm, 0755);
                } else {
                    files << it.key();
                    QCOMPARE(it.value().sha256, expected.value(it.key()));
                    QCOMPARE(it.value().perm, 0644);
                }
            }
            QCOMPARE(files, expected.keys());
            QCOMPARE(folders, parentFolders(expected.keys()));
            // The same revision gives the same bytes.
            const QByteArray first = sha256File(target);
            VERIFY_OK(runCli(args + QStringList{QStringLiteral("--force")}, work));
            QCOMPARE(sha256File(target), first);
        }
        verifyNoLeftovers(work, {name});
        QCOMPARE(truthDigest(repo), truth);
        QVERIFY2(r.out.contains(QStringLiteral(" (%1) of ").arg(total < 1024 ? QStringLiteral("%1 B").arg(total) : QString()))
                     || total >= 1024, qPrintable(r.out));
    }

    void pathsAndRevisions()
    {
        const QString repo = fixtureCopy(QStringLiteral("c-branches-merges"));
        const QString work = uniqueDir(QStringLiteral("paths"));
        const QStringList c{QStringLiteral("-C"), repo, QStringLiteral("export")};
        // A folder: its content at the top.
        VERIFY_OK(runCli(c + QStringList{QStringLiteral("--path"), QStringLiteral("topic"), QStringLiteral("topic.tar")}, work));
        QString error;
        QMap<QString, Entry> entries = readArchive(work + QStringLiteral("/topic.tar"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(entries.keys(), (QStringList{QStringLiteral("one.txt"), QStringLiteral("two.txt")}));
        // A file: under its own name.
        VERIFY_OK(runCli(c + QStringList{QStringLiteral("--path=topic/two.txt"), QStringLiteral("one-file")}, work));
        QCOMPARE(listTree(work + QStringLiteral("/one-file")), QStringList{QStringLiteral("two.txt")});
        // A tag and a commit id.
        const QMap<QString, QByteArray> v1 = manifestFiles(QStringLiteral("c-branches-merges"),
                                                           QStringLiteral("50c3b4f51c1cc9ca79c0abfb683f16a89535b1f7"));
        for (const QString &revision : {QStringLiteral("v1.0"), QStringLiteral("50c3b4f51c1cc9ca79c0abfb683f16a89535b1f7")}) {
            const QString target = work + QStringLiteral("/rev-") + revision.left(8);
            const CliResult r = runCli(c + QStringList{QStringLiteral("-r"), revision, target, QStringLiteral("--quiet")}, work);
            VERIFY_OK(r);
            QVERIFY2(r.out.contains(QStringLiteral(" of %1 (50c3b4f) to ").arg(revision)), qPrintable(r.out));
            QCOMPARE(treeDigest(target), v1);
        }
        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("--path"), QStringLiteral("nope"), QStringLiteral("x")}, work),
                              "EntryNotFoundError");
        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("--path"), QStringLiteral("../x"), QStringLiteral("x")}, work),
                              "UnsupportedPathError");
        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("-r"), QStringLiteral("nope"), QStringLiteral("x")}, work),
                              "RevisionNotFoundError");
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("--format"), QStringLiteral("rar"), QStringLiteral("x")}, work),
                           QStringLiteral("hubvault: invalid value 'rar' for '--format': expected folder, zip, tar, tar.gz or tar.zst"));
        VERIFY_USAGE_ERROR(runCli(c, work), QStringLiteral("hubvault: missing argument TARGET"));
        QVERIFY(!QFileInfo::exists(work + QStringLiteral("/x")));
    }

    void targetRules()
    {
        const QString repo = fixtureCopy(QStringLiteral("c-branches-merges"));
        const QString work = uniqueDir(QStringLiteral("targets"));
        const QStringList c{QStringLiteral("-C"), repo, QStringLiteral("export")};
        const QMap<QString, QByteArray> files = manifestFiles(QStringLiteral("c-branches-merges"));

        // A non-empty folder: refused and untouched; --force replaces same names, keeps others.
        QVERIFY(writeFile(work + QStringLiteral("/busy/mine.txt"), "mine"));
        QVERIFY(writeFile(work + QStringLiteral("/busy/keep.txt"), "old content"));
        CliResult r = runCli(c + QStringList{QStringLiteral("busy")}, work);
        VERIFY_ONE_LINE_ERROR(r, "HubVaultValidationError");
        QVERIFY2(r.err.contains(QLatin1String("pass --force")), qPrintable(r.err));
        QCOMPARE(listTree(work + QStringLiteral("/busy")), (QStringList{QStringLiteral("keep.txt"), QStringLiteral("mine.txt")}));
        VERIFY_OK(runCli(c + QStringList{QStringLiteral("busy"), QStringLiteral("--force")}, work));
        QMap<QString, QByteArray> merged = files;
        merged.insert(QStringLiteral("mine.txt"), sha256Of("mine"));
        QCOMPARE(treeDigest(work + QStringLiteral("/busy")), merged);

        // An empty folder is used as is.
        QVERIFY(QDir().mkpath(work + QStringLiteral("/empty")));
        VERIFY_OK(runCli(c + QStringList{QStringLiteral("empty")}, work));
        QCOMPARE(treeDigest(work + QStringLiteral("/empty")), files);

        // An existing archive: refused, then replaced with --force.
        QVERIFY(writeFile(work + QStringLiteral("/old.zip"), "not a zip"));
        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("old.zip")}, work), "HubVaultValidationError");
        QCOMPARE(sha256File(work + QStringLiteral("/old.zip")), sha256Of("not a zip"));
        VERIFY_OK(runCli(c + QStringList{QStringLiteral("--force"), QStringLiteral("old.zip")}, work));
        QString error;
        QCOMPARE(readArchive(work + QStringLiteral("/old.zip"), &error).size(), files.size() + parentFolders(files.keys()).size());
        QVERIFY(error.isEmpty());
    }

    void targetSafety()
    {
        const QString repo = fixtureCopy(QStringLiteral("a-small-files-paths"));
        const QString work = uniqueDir(QStringLiteral("safety"));
        const QMap<QString, QByteArray> truth = truthDigest(repo);
        const QStringList c{QStringLiteral("-C"), repo, QStringLiteral("export")};
        // Inside the repository, the repository itself, or a folder holding it.
        for (const QString &target : {repo + QStringLiteral("/export"), repo, repo + QStringLiteral("/objects/x.zip"),
                                      QFileInfo(repo).absolutePath()}) {
            const CliResult r = runCli(c + QStringList{target, QStringLiteral("--force")}, work);
            VERIFY_ONE_LINE_ERROR(r, "HubVaultValidationError");
            QVERIFY2(r.err.contains(QLatin1String("overlaps the repository")), qPrintable(r.err));
        }
        QVERIFY(!QFileInfo::exists(repo + QStringLiteral("/export")));
        // The parent must exist; a folder cannot be an archive target; a file cannot be a folder target.
        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("no/such/dir.zip")}, work), "HubVaultValidationError");
        QVERIFY(!QFileInfo::exists(work + QStringLiteral("/no")));
        QVERIFY(QDir().mkpath(work + QStringLiteral("/dir.zip")));
        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("dir.zip"), QStringLiteral("--force")}, work), "HubVaultValidationError");
        QVERIFY(writeFile(work + QStringLiteral("/plain"), "x"));
        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("plain"), QStringLiteral("--force")}, work), "HubVaultValidationError");
        QCOMPARE(sha256File(work + QStringLiteral("/plain")), sha256Of("x"));

        // With --force into a folder, a symlink where a folder is needed is not followed.
        const QString outside = uniqueDir(QStringLiteral("outside"));
        QVERIFY(writeFile(work + QStringLiteral("/linked/marker"), "m"));
        QVERIFY(QFile::link(outside, work + QStringLiteral("/linked/docs")));
        const CliResult r = runCli(c + QStringList{QStringLiteral("linked"), QStringLiteral("--force")}, work);
        VERIFY_ONE_LINE_ERROR(r, "HubVaultValidationError");
        QVERIFY2(r.err.contains(QLatin1String("in the way")), qPrintable(r.err));
        QCOMPARE(listTree(outside), QStringList());
        QCOMPARE(truthDigest(repo), truth);
    }

    void fullDisk_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("tar") << QStringLiteral("big.tar");
        QTest::newRow("zip") << QStringLiteral("big.zip");
        QTest::newRow("folder") << QStringLiteral("big-folder");
    }

    // A file-size limit makes the export's writes fail as on a full disk: one error line,
    // nothing left behind, the repository untouched.
    void fullDisk()
    {
        QFETCH(QString, name);
        const QString work = uniqueDir(QStringLiteral("full"));
        const QMap<QString, QByteArray> truth = truthDigest(m_big);
        const CliResult r = runCliWithFileLimit(8192, {QStringLiteral("-C"), m_big, QStringLiteral("export"), name}, work);
        VERIFY_ONE_LINE_ERROR(r, "HubVaultError");
        QVERIFY2(r.err.contains(QLatin1String("free some disk space")), qPrintable(r.err));
        verifyNoLeftovers(work, {});
        QCOMPARE(truthDigest(m_big), truth);
    }

    void progressAndQuiet()
    {
        const QString work = uniqueDir(QStringLiteral("progress"));
        const QStringList args{QStringLiteral("-C"), m_big, QStringLiteral("export"), QStringLiteral("a.tar")};
        // Forced on: frames with phase, bar, bytes, rate; erased at the end; result on stdout.
        CliResult r = runCli(args, work, {{QStringLiteral("HUBVAULT_PROGRESS"), QStringLiteral("always")}});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QLatin1String("\r\x1b[KExporting")), qPrintable(r.err));
        QVERIFY(QRegularExpression(QStringLiteral("Exporting +[0-9]+% +\\[[#.]+\\] [0-9.]+ [KMG]?i?B/192\\.0 MiB")).match(r.err).hasMatch());
        QVERIFY2(r.err.endsWith(QLatin1String("\r\x1b[K")), "the bar is erased at the end");
        QVERIFY(r.out.startsWith(QLatin1String("Exported 1 file (192.0 MiB)")));
        // Quiet, or not a terminal: nothing on stderr.
        r = runCli(args + QStringList{QStringLiteral("--force"), QStringLiteral("-q")}, work,
                   {{QStringLiteral("HUBVAULT_PROGRESS"), QStringLiteral("always")}});
        VERIFY_OK(r);
        r = runCli(args + QStringList{QStringLiteral("--force")}, work);
        VERIFY_OK(r);
        r = runCli({QStringLiteral("-C"), m_big, QStringLiteral("verify"), QStringLiteral("--full")}, work,
                   {{QStringLiteral("HUBVAULT_PROGRESS"), QStringLiteral("always")}});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QLatin1String("Verifying")), qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Full verification OK\nChecked refs: refs/heads/main\n"));
    }

    void interrupt_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("tar.gz") << QStringLiteral("slow.tar.gz");
        QTest::newRow("folder") << QStringLiteral("slow-folder");
    }

    // Ctrl-C (SIGINT) while exporting: exit code 130, one line, no target, no leftovers.
    void interrupt()
    {
        QFETCH(QString, name);
        const QString work = uniqueDir(QStringLiteral("interrupt"));
        const CliResult r = runProgram(cliPath(), {QStringLiteral("-C"), m_big, QStringLiteral("export"), name}, work,
                                       {{QStringLiteral("HUBVAULT_PROGRESS"), QStringLiteral("always")}}, [](QProcess &p) {
                                           // Wait for the first progress frame, i.e. until the export is under way.
                                           p.setReadChannel(QProcess::StandardError);
                                           while (p.state() == QProcess::Running && !p.peek(4096).contains("Exporting"))
                                               p.waitForReadyRead(100);
                                           ::kill(pid_t(p.processId()), SIGINT);
                                       });
        QVERIFY2(!r.crashed, qPrintable(r.err));
        QCOMPARE(r.exitCode, 130);
        QCOMPARE(r.out, QString());
        QVERIFY2(r.err.endsWith(QLatin1String("hubvault: CancelledError: export cancelled; the target was left as it was\n")),
                 qPrintable(r.err));
        verifyNoLeftovers(work, {});
    }
};

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cli_export.moc"
