// `hubvault serve` over a repository whose packs are in an S3 bucket (a real Swift, the
// CTest fixture "swift"): the remote client reads files and ranges the server fetches
// from the bucket, and a large file uploaded through the server lands in the bucket, not
// on the server's disk.
#include "ServerProcess.h"
#include "SwiftFixture.h"
#include "TestSupport.h"

#include <hubvault/LocalRepository.h>
#include <hubvault/RemoteRepository.h>

#include <QDir>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;

class TestServeAttached : public QObject {
    Q_OBJECT

private:
    static QByteArray randomBytes(qsizetype size, quint32 seed)
    {
        QByteArray bytes(size, Qt::Uninitialized);
        QRandomGenerator(seed).fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
        return bytes;
    }

private Q_SLOTS:
    void servesPacksFromTheBucket()
    {
        const QString endpoint = test::loadSwiftEnv();
        if (endpoint.isEmpty())
            QFAIL("The Swift fixture did not start (tests/support/swift/swift-fixture.sh; see its log folder).");
        QTemporaryDir tmp;
        const QString bucket = test::newBucket(QStringLiteral("serve"));
        const QByteArray weights = randomBytes(40 << 20, 1);
        LocalRepository repo = LocalRepository::create(tmp.filePath(QStringLiteral("repo")));
        repo.createCommit({CommitOperation::addBytes(QStringLiteral("weights.bin"), weights)}, {QStringLiteral("weights")});
        RemoteStorageOptions options;
        options.url = QStringLiteral("s3://%1/served").arg(bucket);
        options.endpoint = endpoint;
        repo.attachStorage(options);
        QCOMPARE(repo.offloadPacks().movedCount, 1);
        const QDir packs(repo.path() + QStringLiteral("/chunks/packs"));
        QVERIFY(packs.entryList(QDir::Files).isEmpty());

        test::ServerProcess server; // inherits the AWS_* keys loadSwiftEnv() put in the environment
        QVERIFY2(server.start(repo.path()), server.serverStderr().constData());
        RemoteRepository remote(QStringLiteral("http://127.0.0.1:%1").arg(server.port()), QStringLiteral("rwtok"));
        QCOMPARE(remote.readBytes(QStringLiteral("weights.bin")), weights);
        QCOMPARE(remote.readRange(QStringLiteral("weights.bin"), 30000000, 4000000), weights.mid(30000000, 4000000));

        // An upload through the server: its pack goes to the bucket.
        const QByteArray more = randomBytes(24 << 20, 2);
        remote.createCommit({CommitOperation::addBytes(QStringLiteral("more.bin"), more)}, {QStringLiteral("more")});
        QVERIFY(packs.entryList(QDir::Files).isEmpty());
        QCOMPARE(remote.readBytes(QStringLiteral("more.bin")), more);
        int code = -1;
        const QByteArray listing = test::aws({QStringLiteral("s3"), QStringLiteral("ls"), QStringLiteral("s3://%1/served/packs/").arg(bucket)}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(listing.count(".pack"), 2);
        QVERIFY(remote.fullVerify().ok);
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServeAttached)
#include "tst_serve_attached.moc"
