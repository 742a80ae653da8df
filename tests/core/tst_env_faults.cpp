// Faults injected where the core lists directories (gc, verify), measures storage, reads
// upload sources and writes exports through Env: each gives a clean error, the repository
// is left as it was (same refs, same files, still verifies), and an export leaves nothing
// half-written.
#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include <hubvault/SnapshotExporter.h>
#include "Env.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;

namespace {

/**
 * Fails listDirectory() of paths containing `listFault`, openForRead() of `readFault`,
 * createFile() once `createsBeforeFault` files were created (-1: never), renameFile()
 * onto a path ending in `renameFault`, and walkFiles() below `walkFault`.
 */
class FaultyEnv : public Env {
public:
    QString listFault;
    QString readFault;
    QString renameFault;
    QString walkFault;
    int createsBeforeFault = -1;
    mutable int creates = 0;
    mutable int listings = 0;

    QList<DirEntry> listDirectory(const QString &path) const override
    {
        ++listings;
        if (!listFault.isEmpty() && path.contains(listFault))
            throw HubVaultError(QStringLiteral("cannot list %1: Input/output error (injected)").arg(path));
        return Env::listDirectory(path);
    }
    std::unique_ptr<QFile> createFile(const QString &path) const override
    {
        if (createsBeforeFault >= 0 && creates++ >= createsBeforeFault)
            throw HubVaultError(QStringLiteral("cannot create %1: No space left on device (injected)").arg(path));
        return Env::createFile(path);
    }
    void renameFile(const QString &from, const QString &to) const override
    {
        if (!renameFault.isEmpty() && to.endsWith(renameFault))
            throw HubVaultError(QStringLiteral("cannot move into place %1: Read-only file system (injected)").arg(to));
        Env::renameFile(from, to);
    }
    void walkFiles(const QString &path, const FileVisitor &visit) const override
    {
        if (!walkFault.isEmpty() && path.startsWith(walkFault))
            throw HubVaultError(QStringLiteral("cannot walk %1: Input/output error (injected)").arg(path));
        Env::walkFiles(path, visit);
    }
    std::unique_ptr<QFile> openForRead(const QString &path) const override
    {
        if (!readFault.isEmpty() && path == readFault)
            throw HubVaultError(QStringLiteral("cannot open %1: Permission denied (injected)").arg(path));
        return Env::openForRead(path);
    }
};

QStringList filesOf(const QString &dir)
{
    QStringList out = Env::system()->filesBelow(dir);
    for (QString &p : out)
        p = p.mid(dir.size());
    return out;
}

} // namespace

class EnvFaultsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    QString makeRepository(const QString &name)
    {
        const QString path = m_tmp.filePath(name);
        LocalRepository repo = LocalRepository::create(path);
        repo.uploadBytes(QByteArrayLiteral("one"), QStringLiteral("a.txt"));
        repo.uploadBytes(QByteArrayLiteral("two"), QStringLiteral("a.txt"));
        repo.deleteFile(QStringLiteral("a.txt"));
        repo.uploadBytes(QByteArrayLiteral("three"), QStringLiteral("b.txt"));
        return path;
    }

private Q_SLOTS:
    void gcStopsCleanlyWhenAListingFails_data()
    {
        QTest::addColumn<QString>("directory");
        QTest::newRow("packs") << QStringLiteral("chunks/packs");
        QTest::newRow("cache") << QStringLiteral("/cache");
        QTest::newRow("blob data") << QStringLiteral("objects/blobs/sha256");
    }
    void gcStopsCleanlyWhenAListingFails()
    {
        QFETCH(QString, directory);
        const QString path = makeRepository(QStringLiteral("gc-") + QString::fromLatin1(QTest::currentDataTag()));
        const QStringList before = filesOf(path);
        auto env = std::make_shared<FaultyEnv>();
        env->listFault = directory;
        LocalRepository repo = LocalRepository::open(path, env);
        try {
            repo.gc();
            QFAIL("gc went on although a directory could not be listed");
        } catch (const HubVaultError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("injected")), qPrintable(e.message()));
        }
        QVERIFY(env->listings > 0);
        // Nothing reclaimed by half: a listing that fails before the commit leaves every file;
        // one that fails after it (the blob sweep) may only have removed unreachable bytes.
        const LocalRepository clean = LocalRepository::open(path);
        QVERIFY(clean.fullVerify().ok);
        QCOMPARE(clean.readBytes(QStringLiteral("b.txt")), QByteArrayLiteral("three"));
        if (directory != QStringLiteral("objects/blobs/sha256"))
            QCOMPARE(filesOf(path), before);
    }

    void verifyReportsAFailedListing()
    {
        const QString path = makeRepository(QStringLiteral("verify"));
        auto env = std::make_shared<FaultyEnv>();
        env->listFault = QStringLiteral("/locks");
        const LocalRepository repo = LocalRepository::open(path, env);
        try {
            const VerifyReport report = repo.quickVerify();
            QFAIL(qPrintable(QStringLiteral("verify succeeded although locks/ could not be listed (%1 warnings)")
                                 .arg(report.warnings.size())));
        } catch (const HubVaultError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("locks")), qPrintable(e.message()));
        }
        QVERIFY(LocalRepository::open(path).quickVerify().ok);
    }

    void storageOverviewReportsAFailedWalk()
    {
        // The storage overview and gc's size report measure the folders through Env.
        const QString path = makeRepository(QStringLiteral("storage"));
        const QStringList before = filesOf(path);
        auto env = std::make_shared<FaultyEnv>();
        env->walkFault = path;
        const LocalRepository repo = LocalRepository::open(path, env);
        try {
            repo.storageOverview();
            QFAIL("the storage overview succeeded although the repository could not be walked");
        } catch (const HubVaultError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("injected")), qPrintable(e.message()));
        }
        QCOMPARE(filesOf(path), before);
        QVERIFY(LocalRepository::open(path).storageOverview().totalSize > 0);
    }

    void aFailedExportLeavesNothingBehind_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<int>("createsBeforeFault");
        QTest::addColumn<bool>("failPublishing"); // the last step, renaming into place, fails
        QTest::newRow("folder, first file") << QStringLiteral("out") << 0 << false;
        QTest::newRow("folder, second file") << QStringLiteral("out") << 1 << false;
        QTest::newRow("folder, publishing") << QStringLiteral("out") << -1 << true;
        QTest::newRow("zip") << QStringLiteral("out.zip") << 0 << false;
        QTest::newRow("zip, publishing") << QStringLiteral("out.zip") << -1 << true;
        QTest::newRow("tar.gz") << QStringLiteral("out.tar.gz") << 0 << false;
    }
    void aFailedExportLeavesNothingBehind()
    {
        QFETCH(QString, target);
        QFETCH(int, createsBeforeFault);
        QFETCH(bool, failPublishing);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).remove(QLatin1Char(',')).replace(QLatin1Char(' '), QLatin1Char('-'));
        const QString path = makeRepository(QStringLiteral("export-") + tag);
        {
            LocalRepository writer = LocalRepository::open(path);
            writer.uploadBytes(QByteArrayLiteral("four"), QStringLiteral("c/d.txt"));
        }
        const QString parent = m_tmp.filePath(QStringLiteral("targets-") + tag);
        QVERIFY(QDir().mkpath(parent));
        auto env = std::make_shared<FaultyEnv>();
        env->createsBeforeFault = createsBeforeFault;
        if (failPublishing)
            env->renameFault = QLatin1Char('/') + target;
        const LocalRepository repo = LocalRepository::open(path, env);
        ExportOptions options;
        options.target = parent + QLatin1Char('/') + target;
        try {
            SnapshotExporter(options).run(repo);
            QFAIL("the export reported success although a write failed");
        } catch (const HubVaultError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("injected")), qPrintable(e.message()));
        }
        // Neither the target nor a temporary file or staging folder is left next to it.
        QCOMPARE(QDir(parent).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
        // And without the fault the same export works.
        SnapshotExporter(options).run(LocalRepository::open(path));
        QVERIFY(QFileInfo::exists(options.target));
    }

    void anUnreadableUploadSourceCommitsNothing()
    {
        const QString path = makeRepository(QStringLiteral("upload"));
        const QString source = m_tmp.filePath(QStringLiteral("weights.bin"));
        {
            QFile f(source);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(1 << 20, 'w'));
        }
        auto env = std::make_shared<FaultyEnv>();
        env->readFault = source;
        LocalRepository repo = LocalRepository::open(path, env);
        const qint64 commitsBefore = repo.countCommits();
        const QStringList filesBefore = filesOf(path);
        try {
            repo.uploadFile(source, QStringLiteral("weights.bin"));
            QFAIL("the upload went on although its source could not be read");
        } catch (const HubVaultValidationError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("cannot upload")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("Permission denied")), qPrintable(e.message()));
        }
        QCOMPARE(repo.countCommits(), commitsBefore);
        QCOMPARE(filesOf(path), filesBefore);
        QVERIFY(LocalRepository::open(path).fullVerify().ok);
    }
};

QTEST_GUILESS_MAIN(EnvFaultsTest)
#include "tst_env_faults.moc"
