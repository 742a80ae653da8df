// SnapshotExporter: every format read back byte for byte against Repository::readBytes, a
// folder of a revision, cancellation leaving nothing behind, unsafe names and targets.

#include <hubvault/LocalRepository.h>
#include <hubvault/SnapshotExporter.h>
#include "ExportTestSupport.h"
#include "TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>
#include <archive.h>
#include <archive_entry.h>

using namespace hubvault;
using namespace hubvault::test;

namespace {

/** name → content of every regular file of an archive (folders get an empty value and a '/' suffix). */
QMap<QString, QByteArray> readArchive(const QString &path, QString *error)
{
    QMap<QString, QByteArray> out;
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
        QByteArray content;
        char buffer[65536];
        la_ssize_t n;
        while ((n = archive_read_data(a, buffer, sizeof buffer)) > 0)
            content.append(buffer, n);
        if (n < 0)
            *error = QString::fromUtf8(archive_error_string(a));
        const char *name = archive_entry_pathname_utf8(entry);
        QString key = QString::fromUtf8(name ? name : archive_entry_pathname(entry));
        if (archive_entry_filetype(entry) == AE_IFDIR && !key.endsWith(QLatin1Char('/')))
            key += QLatin1Char('/');
        out.insert(key, content);
    }
    if (rc != ARCHIVE_EOF)
        *error = QString::fromUtf8(archive_error_string(a));
    archive_read_free(a);
    return out;
}

} // namespace

class TestSnapshotExporter : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    int m_counter = 0;

    QString fixtureCopy(const QString &name)
    {
        return test::copyFixture(name, m_tmp.path() + QStringLiteral("/repo%1").arg(++m_counter));
    }
    QString freshDir()
    {
        const QString dir = m_tmp.path() + QStringLiteral("/out%1").arg(++m_counter);
        QDir().mkpath(dir);
        return dir;
    }

private Q_SLOTS:
    void formats_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("format");
        QTest::newRow("folder") << QStringLiteral("export") << int(ExportFormat::Folder);
        QTest::newRow("zip") << QStringLiteral("export.zip") << int(ExportFormat::Zip);
        QTest::newRow("tar") << QStringLiteral("export.tar") << int(ExportFormat::Tar);
        QTest::newRow("tar.gz") << QStringLiteral("export.tar.gz") << int(ExportFormat::TarGz);
        QTest::newRow("tar.zst") << QStringLiteral("export.tar.zst") << int(ExportFormat::TarZst);
    }

    void formats()
    {
        QFETCH(QString, name);
        QFETCH(int, format);
        const QString repoPath = fixtureCopy(QStringLiteral("a-small-files-paths"));
        QVERIFY(!repoPath.isEmpty());
        const LocalRepository repo = LocalRepository::open(repoPath);
        const QString dir = freshDir();
        ExportOptions options;
        options.target = dir + QLatin1Char('/') + name;
        qint64 lastDone = -1, lastTotal = -1;
        TaskControl task;
        task.progress = [&](qint64 done, qint64 total, const QString &phase) {
            QCOMPARE(phase, QStringLiteral("export"));
            QVERIFY(done >= lastDone);
            lastDone = done;
            lastTotal = total;
        };
        const ExportReport report = SnapshotExporter(options).run(repo, task);
        QCOMPARE(int(report.format), format);
        QCOMPARE(report.target, options.target);
        QCOMPARE(report.commit, *repo.resolveRevision(repo.defaultBranch()));
        const QMap<QString, QByteArray> expected = expectedFiles(repo, {});
        QCOMPARE(report.fileCount, qint64(expected.size()));
        qint64 total = 0;
        for (const QByteArray &content : expected)
            total += content.size();
        QCOMPARE(report.totalSize, total);
        QCOMPARE(lastDone, total);
        QCOMPARE(lastTotal, total);

        if (ExportFormat(format) == ExportFormat::Folder) {
            QCOMPARE(readFolder(options.target), expected);
        } else {
            QString error;
            QMap<QString, QByteArray> entries = readArchive(options.target, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            for (auto it = entries.begin(); it != entries.end();)
                it = it.key().endsWith(QLatin1Char('/')) ? entries.erase(it) : std::next(it);
            QCOMPARE(entries, expected);
        }
        QCOMPARE(folderEntries(dir), QStringList{name}); // no temporary leftovers
        if (ExportFormat(format) == ExportFormat::TarGz) {
            // No time of writing in the gzip header (bytes 4-7), so exports are reproducible.
            QFile gz(options.target);
            QVERIFY(gz.open(QIODevice::ReadOnly));
            QCOMPARE(gz.read(8).mid(4), QByteArray(4, '\0'));
        }
    }

    void folderInsideRevision()
    {
        const LocalRepository repo = LocalRepository::open(fixtureCopy(QStringLiteral("c-branches-merges")));
        const QString dir = freshDir();
        ExportOptions options;
        options.revision = QStringLiteral("topic");
        options.pathInRepo = QStringLiteral("topic");
        options.target = dir + QStringLiteral("/topic.zip");
        const ExportReport report = SnapshotExporter(options).run(repo);
        QString error;
        const QMap<QString, QByteArray> entries = readArchive(options.target, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(entries, expectedFiles(repo, QStringLiteral("topic"), QStringLiteral("topic")));
        QCOMPARE(entries.keys(), (QStringList{QStringLiteral("one.txt"), QStringLiteral("two.txt")}));
        QCOMPARE(report.fileCount, 2);

        // One file: under its own name.
        options.pathInRepo = QStringLiteral("topic/two.txt");
        options.target = dir + QStringLiteral("/single");
        SnapshotExporter(options).run(repo);
        QCOMPARE(readFolder(options.target).keys(), QStringList{QStringLiteral("two.txt")});
        QCOMPARE(readFolder(options.target).value(QStringLiteral("two.txt")),
                 repo.readBytes(QStringLiteral("topic/two.txt"), QStringLiteral("topic")));

        options.pathInRepo = QStringLiteral("nope");
        options.target = dir + QStringLiteral("/nope");
        QVERIFY_THROWS_EXCEPTION(EntryNotFoundError, SnapshotExporter(options).run(repo));
        QVERIFY(!QFileInfo::exists(options.target));
    }

    void cancelLeavesNoTarget_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("folder") << QStringLiteral("cancelled");
        QTest::newRow("zip") << QStringLiteral("cancelled.zip");
        QTest::newRow("tar.zst") << QStringLiteral("cancelled.tar.zst");
    }

    void cancelLeavesNoTarget()
    {
        QFETCH(QString, name);
        const LocalRepository repo = LocalRepository::open(fixtureCopy(QStringLiteral("a-small-files-paths")));
        const QString dir = freshDir();
        ExportOptions options;
        options.target = dir + QLatin1Char('/') + name;
        TaskControl task;
        int reports = 0;
        // Cancel once the first file is partly out, so something really was written.
        task.progress = [&](qint64, qint64, const QString &) {
            if (++reports == 1)
                task.cancel.cancel();
        };
        QVERIFY_THROWS_EXCEPTION(CancelledError, SnapshotExporter(options).run(repo, task));
        QCOMPARE(reports, 1);
        QCOMPARE(folderEntries(dir), QStringList());

        // An existing archive replaced with force stays as it was.
        if (SnapshotExporter::formatFromTarget(name) != ExportFormat::Folder) {
            QFile old(options.target);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old");
            old.close();
            options.force = true;
            reports = 0;
            task.cancel = CancelToken();
            QVERIFY_THROWS_EXCEPTION(CancelledError, SnapshotExporter(options).run(repo, task));
            QCOMPARE(folderEntries(dir), QStringList{name});
            QFile again(options.target);
            QVERIFY(again.open(QIODevice::ReadOnly));
            QCOMPARE(again.readAll(), QByteArray("old"));
        }
    }

    void unsafeNamesRefused()
    {
        for (const QString &bad : {QString(), QStringLiteral("/etc/passwd"), QStringLiteral("../x"), QStringLiteral("a/../../x"),
                                   QStringLiteral("a//b"), QStringLiteral("./a"), QStringLiteral("a/."), QStringLiteral("a\\b"),
                                   QStringLiteral("a") + QChar(0) + QStringLiteral("b"), QStringLiteral("a/")})
            QVERIFY_THROWS_EXCEPTION(UnsupportedPathError, SnapshotExporter::checkSafeName(bad));
        for (const QString &good : {QStringLiteral("a"), QStringLiteral("a/b.txt"), QStringLiteral("..a/b.."),
                                    QStringLiteral("ünïcode/ファイル")})
            SnapshotExporter::checkSafeName(good);

        const QString repoPath = fixtureCopy(QStringLiteral("a-small-files-paths"));
        const LocalRepository repo = LocalRepository::open(repoPath);
        const QString dir = freshDir();
        ExportOptions options;
        options.pathInRepo = QStringLiteral("../x");
        options.target = dir + QStringLiteral("/x");
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError, SnapshotExporter(options).run(repo));
        QCOMPARE(folderEntries(dir), QStringList());
    }

    void unsafeTargetsRefused()
    {
        const QString repoPath = fixtureCopy(QStringLiteral("a-small-files-paths"));
        const LocalRepository repo = LocalRepository::open(repoPath);
        for (const QString &target : {repoPath + QStringLiteral("/export"), repoPath, repoPath + QStringLiteral("/objects/x.zip"),
                                      QFileInfo(repoPath).absolutePath()}) {
            ExportOptions options;
            options.target = target;
            options.force = true;
            QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, SnapshotExporter(options).run(repo));
        }
        QVERIFY(!QFileInfo::exists(repoPath + QStringLiteral("/export")));

        const QString dir = freshDir();
        ExportOptions options;
        options.target = dir + QStringLiteral("/old.zip");
        QFile old(options.target);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.close();
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, SnapshotExporter(options).run(repo));
        options.target = dir + QStringLiteral("/missing/parent.zip");
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, SnapshotExporter(options).run(repo));
        options.target = dir + QStringLiteral("/x");
        options.revision = QStringLiteral("no-such-branch");
        QVERIFY_THROWS_EXCEPTION(RevisionNotFoundError, SnapshotExporter(options).run(repo));
    }

    void formatNames()
    {
        QCOMPARE(SnapshotExporter::parseFormat(QStringLiteral("tgz")), std::optional(ExportFormat::TarGz));
        QCOMPARE(SnapshotExporter::parseFormat(QStringLiteral("tzst")), std::optional(ExportFormat::TarZst));
        QVERIFY(!SnapshotExporter::parseFormat(QStringLiteral("rar")));
        QCOMPARE(SnapshotExporter::formatFromTarget(QStringLiteral("/x/A.TAR.GZ")), ExportFormat::TarGz);
        QCOMPARE(SnapshotExporter::formatFromTarget(QStringLiteral("/x/folder.d")), ExportFormat::Folder);
        for (ExportFormat f : {ExportFormat::Folder, ExportFormat::Zip, ExportFormat::Tar, ExportFormat::TarGz, ExportFormat::TarZst})
            QCOMPARE(SnapshotExporter::parseFormat(SnapshotExporter::formatName(f)), std::optional(f));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotExporter)
#include "tst_snapshot_exporter.moc"
