// Faults injected where the core lists directories (gc, verify) and reads upload sources
// through Env: each gives a clean error, and the repository is left as it was (same
// refs, same files, still verifies).
#include <hubvault/Errors.h>
#include <hubvault/Repository.h>
#include "Env.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;

namespace {

/** Fails listDirectory() of paths containing `listFault` and openForRead() of `readFault`. */
class FaultyEnv : public Env {
public:
    QString listFault;
    QString readFault;
    mutable int listings = 0;

    QList<DirEntry> listDirectory(const QString &path) const override
    {
        ++listings;
        if (!listFault.isEmpty() && path.contains(listFault))
            throw HubVaultError(QStringLiteral("cannot list %1: Input/output error (injected)").arg(path));
        return Env::listDirectory(path);
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
        Repository repo = Repository::create(path);
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
        Repository repo = Repository::open(path, env);
        try {
            repo.gc();
            QFAIL("gc went on although a directory could not be listed");
        } catch (const HubVaultError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("injected")), qPrintable(e.message()));
        }
        QVERIFY(env->listings > 0);
        // Nothing reclaimed by half: a listing that fails before the commit leaves every file;
        // one that fails after it (the blob sweep) may only have removed unreachable bytes.
        const Repository clean = Repository::open(path);
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
        const Repository repo = Repository::open(path, env);
        try {
            const VerifyReport report = repo.quickVerify();
            QFAIL(qPrintable(QStringLiteral("verify succeeded although locks/ could not be listed (%1 warnings)")
                                 .arg(report.warnings.size())));
        } catch (const HubVaultError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("locks")), qPrintable(e.message()));
        }
        QVERIFY(Repository::open(path).quickVerify().ok);
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
        Repository repo = Repository::open(path, env);
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
        QVERIFY(Repository::open(path).fullVerify().ok);
    }
};

QTEST_GUILESS_MAIN(EnvFaultsTest)
#include "tst_env_faults.moc"
