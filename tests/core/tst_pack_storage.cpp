// Packs on an attached S3 bucket, end to end against a real OpenStack Swift (the CTest
// fixture "swift"): a file committed locally and offloaded, a file committed straight to
// the bucket, random ranges, a cold download, a snapshot, quick and full verify, gc after
// a delete, fetch and detach back to a repository that is whole on disk; the bounded chunk
// cache; attach's refusals. Debian's awscli checks independently what the bucket holds.
// HUBVAULT_S3_TEST_SIZE (bytes, default 192 MiB) runs the same with bigger files (1 GiB
// for the scenario).
#include "SwiftFixture.h"
#include "TestSupport.h"

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;

namespace {

/** A file of `size` random bytes at `path`, written in blocks. */
void writeRandomFile(const QString &path, qint64 size, quint32 seed)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QRandomGenerator generator(seed);
    QByteArray block(4 << 20, Qt::Uninitialized);
    for (qint64 done = 0; done < size;) {
        const qint64 n = qMin<qint64>(block.size(), size - done);
        generator.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
        QCOMPARE(file.write(block.constData(), n), n);
        done += n;
    }
}

QByteArray readAt(const QString &path, qint64 offset, qint64 length)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return {};
    return file.read(length);
}

bool sameFiles(const QString &a, const QString &b)
{
    QFile fa(a), fb(b);
    if (!fa.open(QIODevice::ReadOnly) || !fb.open(QIODevice::ReadOnly) || fa.size() != fb.size())
        return false;
    while (!fa.atEnd())
        if (fa.read(8 << 20) != fb.read(8 << 20))
            return false;
    return true;
}

/** Pack objects in the bucket, by awscli: "<prefix>/packs/<id>.pack" -> size. */
QMap<QString, qint64> bucketPacks(const QString &bucket)
{
    QMap<QString, qint64> out;
    const QByteArray listing = test::aws({QStringLiteral("s3"), QStringLiteral("ls"), QStringLiteral("--recursive"), QStringLiteral("s3://") + bucket});
    for (const QByteArray &line : listing.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() == 4 && fields.at(3).endsWith(".pack"))
            out.insert(QString::fromUtf8(fields.at(3)), fields.at(2).toLongLong());
    }
    return out;
}

} // namespace

class TestPackStorage : public QObject {
    Q_OBJECT

private:
    QString m_endpoint;
    qint64 m_size = qint64(192) << 20;

    RemoteStorageOptions options(const QString &bucket, const QString &prefix = QStringLiteral("repo")) const
    {
        RemoteStorageOptions out;
        out.url = QStringLiteral("s3://%1/%2").arg(bucket, prefix);
        out.endpoint = m_endpoint;
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_endpoint = test::loadSwiftEnv();
        if (m_endpoint.isEmpty())
            QFAIL("The Swift fixture did not start (tests/support/swift/swift-fixture.sh; see its log folder).");
        if (qEnvironmentVariableIsSet("HUBVAULT_S3_TEST_SIZE"))
            m_size = qEnvironmentVariable("HUBVAULT_S3_TEST_SIZE").toLongLong();
    }

    void wholeJourney()
    {
        QTemporaryDir tmp;
        const QString bucket = test::newBucket(QStringLiteral("journey"));
        const QString first = tmp.filePath(QStringLiteral("first.bin")), second = tmp.filePath(QStringLiteral("second.bin"));
        writeRandomFile(first, m_size, 1);
        writeRandomFile(second, m_size / 2 + 12345, 2);
        LocalRepository repo = LocalRepository::create(tmp.filePath(QStringLiteral("repo")));

        // A file committed before the bucket, then one committed into the attached repository.
        repo.createCommit({CommitOperation::addFile(QStringLiteral("weights/first.bin"), first)}, {QStringLiteral("first")});
        const PackStorageStatus attached = repo.attachStorage(options(bucket));
        QVERIFY(attached.attached);
        QCOMPARE(attached.packs.size(), 1);
        QCOMPARE(attached.packs.first().place, PackPlace::Local);
        QVERIFY(QFile::exists(repo.path() + QStringLiteral("/remote-storage.json")));
        repo.createCommit({CommitOperation::addFile(QStringLiteral("weights/second.bin"), second)}, {QStringLiteral("second")});
        QCOMPARE(QDir(repo.path() + QStringLiteral("/chunks/packs")).entryList(QDir::Files).size(), 1); // the new pack went up
        QCOMPARE(bucketPacks(bucket).size(), 1);

        // Offload: the local pack goes up, is checked, and only then leaves this disk.
        const PackTransferReport offloaded = repo.offloadPacks();
        QCOMPARE(offloaded.movedCount, 1);
        QCOMPARE(offloaded.freedLocalSize, m_size + 17);
        QVERIFY(QDir(repo.path() + QStringLiteral("/chunks/packs")).entryList(QDir::Files).isEmpty());
        const QMap<QString, qint64> objects = bucketPacks(bucket);
        QCOMPARE(objects.size(), 2);
        QVERIFY(objects.values().contains(m_size + 17));
        QVERIFY(objects.values().contains(m_size / 2 + 12345 + 17));
        for (const PackStatus &pack : repo.packStorageStatus().packs)
            QCOMPARE(pack.place, PackPlace::Remote);

        // The object is the pack byte for byte: awscli's copy is the magic, then the file.
        const QString fetchedByAws = tmp.filePath(QStringLiteral("aws.pack"));
        for (auto it = objects.cbegin(); it != objects.cend(); ++it) {
            if (it.value() != m_size / 2 + 12345 + 17)
                continue;
            int code = -1;
            test::aws({QStringLiteral("s3"), QStringLiteral("cp"), QStringLiteral("s3://%1/%2").arg(bucket, it.key()), fetchedByAws}, &code);
            QCOMPARE(code, 0);
        }
        QCOMPARE(readAt(fetchedByAws, 0, 17), QByteArray("hubvault-pack/v1\n"));
        QCOMPARE(readAt(fetchedByAws, 17, 1 << 20), readAt(second, 0, 1 << 20));

        // Random ranges, on a cold cache.
        QRandomGenerator pick(7);
        for (int i = 0; i < 12; ++i) {
            const qint64 length = 1 + pick.bounded(3 << 20);
            const qint64 start = pick.bounded(m_size - length);
            QCOMPARE(repo.readRange(QStringLiteral("weights/first.bin"), start, length), readAt(first, start, length));
        }

        // A download and a snapshot: every byte identical.
        const QString downloaded = repo.hfHubDownload(QStringLiteral("weights/first.bin"), {}, tmp.filePath(QStringLiteral("dl")));
        QVERIFY(sameFiles(downloaded, first));
        SnapshotOptions snapshot;
        snapshot.localDir = tmp.filePath(QStringLiteral("snap"));
        const QString snapped = repo.snapshotDownload(snapshot);
        QVERIFY(sameFiles(snapped + QStringLiteral("/weights/first.bin"), first));
        QVERIFY(sameFiles(snapped + QStringLiteral("/weights/second.bin"), second));
        QVERIFY(test::directorySize(repo.path() + QStringLiteral("/cache/chunks")) >= m_size); // verified chunks kept
        {
            // Cached chunks need no credentials (and no store): a new process without keys reads them.
            const QByteArray id = qgetenv("AWS_ACCESS_KEY_ID"), secret = qgetenv("AWS_SECRET_ACCESS_KEY");
            qunsetenv("AWS_ACCESS_KEY_ID");
            qunsetenv("AWS_SECRET_ACCESS_KEY");
            qputenv("AWS_SHARED_CREDENTIALS_FILE", tmp.filePath(QStringLiteral("none")).toUtf8());
            LocalRepository offline = LocalRepository::open(repo.path());
            QCOMPARE(offline.readRange(QStringLiteral("weights/first.bin"), 5, 1 << 20), readAt(first, 5, 1 << 20));
            const VerifyReport keyless = offline.fullVerify(); // the store's own bytes: needs the keys
            QVERIFY(!keyless.ok);
            QVERIFY2(keyless.errors.join(QLatin1Char('\n')).contains(QLatin1String("No S3 credentials")), qPrintable(keyless.errors.join(QLatin1Char('\n'))));
            qputenv("AWS_ACCESS_KEY_ID", id);
            qputenv("AWS_SECRET_ACCESS_KEY", secret);
            qunsetenv("AWS_SHARED_CREDENTIALS_FILE");
        }

        QVERIFY2(repo.quickVerify().ok, qPrintable(repo.quickVerify().errors.join(QLatin1Char('\n'))));
        const VerifyReport full = repo.fullVerify();
        QVERIFY2(full.ok, qPrintable(full.errors.join(QLatin1Char('\n'))));

        // gc after a delete: the second file's pack leaves the bucket, after the commit; the
        // first one's, all live, stays as it is (no bytes go through this machine).
        repo.createCommit({CommitOperation::remove(QStringLiteral("weights/second.bin"))}, {QStringLiteral("drop second")});
        SquashOptions squash;
        const qint64 requestsBefore = bucketPacks(bucket).size();
        QCOMPARE(requestsBefore, 2);
        const SquashReport squashed = repo.squashHistory(QStringLiteral("main"), squash);
        QVERIFY(squashed.gcReport);
        const QMap<QString, qint64> afterGc = bucketPacks(bucket);
        QCOMPARE(afterGc.size(), 1);
        QCOMPARE(afterGc.first(), m_size + 17);
        QVERIFY(objects.contains(afterGc.firstKey()));
        QCOMPARE(repo.readRange(QStringLiteral("weights/first.bin"), m_size - 1000, 1000), readAt(first, m_size - 1000, 1000));

        // Fetch, then detach: whole on this disk again, nothing but the format's files.
        const PackTransferReport fetched = repo.fetchPacks();
        QCOMPARE(fetched.movedCount, 1);
        QCOMPARE(repo.packStorageStatus().packs.first().place, PackPlace::LocalAndRemote);
        repo.detachStorage();
        QVERIFY(!QFile::exists(repo.path() + QStringLiteral("/remote-storage.json")));
        QVERIFY(!QFile::exists(repo.path() + QStringLiteral("/cache/chunks")));
        QCOMPARE(bucketPacks(bucket).size(), 1); // the bucket's objects stay
        LocalRepository reopened = LocalRepository::open(repo.path());
        const VerifyReport whole = reopened.fullVerify();
        QVERIFY2(whole.ok, qPrintable(whole.errors.join(QLatin1Char('\n'))));
        QVERIFY(sameFiles(reopened.hfHubDownload(QStringLiteral("weights/first.bin"), {}, tmp.filePath(QStringLiteral("dl2"))), first));
        for (const QString &entry : QDir(repo.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
            QVERIFY2(QStringList({"FORMAT", "metadata.sqlite3", "objects", "chunks", "locks", "refs", "logs", "txn", "quarantine", "cache"}).contains(entry),
                     qPrintable(entry));
        QVERIFY(QDir(repo.path() + QStringLiteral("/txn")).isEmpty());
    }

    void gcCopiesOnlyWhatItMust()
    {
        // x's pack loses x but keeps the chunks y shares with it: those are copied into a
        // gc pack; y's own pack, all live, stays in the bucket untouched.
        QTemporaryDir tmp;
        const QString bucket = test::newBucket(QStringLiteral("gc"));
        const QString x = tmp.filePath(QStringLiteral("x.bin")), y = tmp.filePath(QStringLiteral("y.bin"));
        writeRandomFile(x, qint64(48) << 20, 5);
        writeRandomFile(y, qint64(24) << 20, 6);
        {
            QFile head(x), tail(y);
            QVERIFY(head.open(QIODevice::ReadOnly) && tail.open(QIODevice::ReadWrite));
            const QByteArray shared = head.read(qint64(24) << 20);
            const QByteArray own = tail.readAll();
            tail.seek(0);
            tail.write(shared + own); // y = the first half of x, then 24 MiB of its own
        }
        LocalRepository repo = LocalRepository::create(tmp.filePath(QStringLiteral("repo")));
        repo.attachStorage(options(bucket));
        repo.createCommit({CommitOperation::addFile(QStringLiteral("x.bin"), x)}, {QStringLiteral("x")});
        repo.createCommit({CommitOperation::addFile(QStringLiteral("y.bin"), y)}, {QStringLiteral("y")});
        const QMap<QString, qint64> before = bucketPacks(bucket);
        QCOMPARE(before.size(), 2);
        repo.createCommit({CommitOperation::remove(QStringLiteral("x.bin"))}, {QStringLiteral("drop x")});
        repo.squashHistory(QStringLiteral("main"), SquashOptions());
        const QMap<QString, qint64> after = bucketPacks(bucket);
        QCOMPARE(after.size(), 2);
        int kept = 0, written = 0;
        for (auto it = after.cbegin(); it != after.cend(); ++it) {
            kept += before.contains(it.key()) ? 1 : 0;
            written += it.key().contains(QLatin1String("/packs/gc-")) ? 1 : 0;
        }
        QCOMPARE(kept, 1);
        QCOMPARE(written, 1);
        qint64 total = 0;
        for (qint64 size : after)
            total += size - 17;
        QVERIFY(total < (qint64(56) << 20)); // y's 48 MiB and a chunk: x's own second half is gone
        LocalRepository reader = LocalRepository::open(repo.path());
        QVERIFY(sameFiles(reader.hfHubDownload(QStringLiteral("y.bin"), {}, tmp.filePath(QStringLiteral("dl"))), y));
        const VerifyReport full = reader.fullVerify();
        QVERIFY2(full.ok, qPrintable(full.errors.join(QLatin1Char('\n'))));
        QVERIFY(reader.quickVerify().ok);
    }

    void cacheStaysWithinItsLimit()
    {
        QTemporaryDir tmp;
        const QString bucket = test::newBucket(QStringLiteral("cache"));
        const QString source = tmp.filePath(QStringLiteral("big.bin"));
        const qint64 size = qint64(160) << 20;
        writeRandomFile(source, size, 3);
        LocalRepository repo = LocalRepository::create(tmp.filePath(QStringLiteral("repo")));
        RemoteStorageOptions small = options(bucket);
        small.cacheLimit = qint64(64) << 20;
        repo.attachStorage(small);
        repo.createCommit({CommitOperation::addFile(QStringLiteral("big.bin"), source)}, {QStringLiteral("big")});
        LocalRepository reader = LocalRepository::open(repo.path()); // a cold process-wide state is not needed: the cache is empty
        QVERIFY(sameFiles(reader.hfHubDownload(QStringLiteral("big.bin"), {}, tmp.filePath(QStringLiteral("dl"))), source));
        const qint64 cached = test::directorySize(repo.path() + QStringLiteral("/cache/chunks"));
        QVERIFY2(cached <= small.cacheLimit, qPrintable(QString::number(cached)));
        QVERIFY(cached > 0);
        QCOMPARE(reader.packStorageStatus().cacheSize, cached);
    }

    void attachChecksFirst()
    {
        QTemporaryDir tmp;
        LocalRepository repo = LocalRepository::create(tmp.filePath(QStringLiteral("repo")));
        const QString settings = repo.path() + QStringLiteral("/remote-storage.json");

        // No such bucket: refused, nothing written.
        RemoteStorageOptions missing = options(QStringLiteral("no-such-bucket-here"));
        try {
            repo.attachStorage(missing);
            QFAIL("attached a bucket that does not exist");
        } catch (const HubVaultValidationError &e) {
            QVERIFY2(e.message().contains(QLatin1String("no-such-bucket-here")), qPrintable(e.message()));
        }
        QVERIFY(!QFile::exists(settings));

        // Not an s3:// URL, no endpoint, a tiny cache: refused before any request.
        RemoteStorageOptions bad = options(QStringLiteral("x"));
        bad.url = QStringLiteral("/tmp/bucket");
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, repo.attachStorage(bad));
        bad = options(QStringLiteral("x"));
        bad.endpoint.clear();
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, repo.attachStorage(bad));
        bad = options(QStringLiteral("x"));
        bad.cacheLimit = 1000;
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, repo.attachStorage(bad));
        QVERIFY(!QFile::exists(settings));

        // A prefix holding another repository's packs: gc would delete them, so refused.
        const QString bucket = test::newBucket(QStringLiteral("shared"));
        const QString stray = tmp.filePath(QStringLiteral("stray.pack"));
        QFile file(stray);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("hubvault-pack/v1\nsomething");
        file.close();
        int code = -1;
        test::aws({QStringLiteral("s3"), QStringLiteral("cp"), stray, QStringLiteral("s3://%1/repo/packs/other-000001.pack").arg(bucket)}, &code);
        QCOMPARE(code, 0);
        try {
            repo.attachStorage(options(bucket));
            QFAIL("attached a prefix with foreign packs");
        } catch (const HubVaultValidationError &e) {
            QVERIFY2(e.message().contains(QLatin1String("does not use")), qPrintable(e.message()));
        }
        QVERIFY(!QFile::exists(settings));
        QVERIFY(repo.attachStorage(options(bucket, QStringLiteral("elsewhere"))).attached);
        QVERIFY(QFile::exists(settings));
    }

    void commandLine()
    {
        QTemporaryDir tmp;
        const QString bucket = test::newBucket(QStringLiteral("cli"));
        const QString source = tmp.filePath(QStringLiteral("model.bin"));
        writeRandomFile(source, qint64(40) << 20, 4);
        const QString repo = tmp.filePath(QStringLiteral("repo"));
        auto cli = [&](const QStringList &arguments, QByteArray *out = nullptr) {
            QProcess process;
            process.start(QStringLiteral(HUBVAULT_CLI_PATH), QStringList{QStringLiteral("-C"), repo} + arguments);
            process.waitForFinished(300000);
            if (out)
                *out = process.readAllStandardOutput();
            const QByteArray err = process.readAllStandardError();
            if (process.exitCode() != 0)
                qWarning("%s", err.constData());
            return process.exitCode();
        };
        QCOMPARE(cli({QStringLiteral("init"), repo}), 0);
        QCOMPARE(cli({QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("model"), QStringLiteral("--add"),
                      QStringLiteral("model.bin=") + source}),
                 0);
        QByteArray out;
        QCOMPARE(cli({QStringLiteral("storage"), QStringLiteral("attach"), QStringLiteral("s3://%1/team").arg(bucket), QStringLiteral("--endpoint"),
                      m_endpoint, QStringLiteral("--cache-limit"), QStringLiteral("256M")},
                     &out),
                 0);
        QVERIFY2(out.contains("Attached s3://" + bucket.toUtf8() + "/team"), out.constData());
        QCOMPARE(cli({QStringLiteral("storage"), QStringLiteral("offload"), QStringLiteral("--json")}, &out), 0);
        QCOMPARE(QJsonDocument::fromJson(out).object().value(QLatin1String("moved_count")).toInt(), 1);
        QCOMPARE(cli({QStringLiteral("storage"), QStringLiteral("status"), QStringLiteral("--json")}, &out), 0);
        const QJsonObject status = QJsonDocument::fromJson(out).object();
        QCOMPARE(status.value(QLatin1String("cache_limit")).toInteger(), qint64(256) << 20);
        QCOMPARE(status.value(QLatin1String("packs")).toArray().first().toObject().value(QLatin1String("place")).toString(), QStringLiteral("remote"));
        QCOMPARE(cli({QStringLiteral("download"), QStringLiteral("model.bin"), QStringLiteral("--local-dir"), tmp.filePath(QStringLiteral("dl"))}), 0);
        QVERIFY(sameFiles(tmp.filePath(QStringLiteral("dl/model.bin")), source));
        QCOMPARE(cli({QStringLiteral("verify"), QStringLiteral("--full")}), 0);
        QCOMPARE(cli({QStringLiteral("storage"), QStringLiteral("offload"), QStringLiteral("--endpoint"), m_endpoint}), 2); // attach's option
        QCOMPARE(cli({QStringLiteral("storage"), QStringLiteral("upload")}), 2);
        QCOMPARE(cli({QStringLiteral("storage"), QStringLiteral("detach")}, &out), 0);
        QVERIFY2(out.contains("Detached"), out.constData());
        QCOMPARE(cli({QStringLiteral("verify"), QStringLiteral("--full")}), 0);
    }
};

QTEST_GUILESS_MAIN(TestPackStorage)
#include "tst_pack_storage.moc"
