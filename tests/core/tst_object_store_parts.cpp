// The parts of pack storage that need no object store: ChunkCache (bounded, least recently
// used out first, memory when the disk refuses), StorageAttachment (remote-storage.json
// written, read back and refused when damaged) and LocalPackStore (chunks/packs as a store).
#include "TestSupport.h"
#include "objectstore/ChunkCache.h"
#include "objectstore/LocalPackStore.h"
#include "objectstore/StorageAttachment.h"

#include <hubvault/Errors.h>
#include "Env.h"
#include "Hash.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace hubvault;
using namespace hubvault::objectstore;

namespace {

QByteArray filled(qsizetype size, char c) { return QByteArray(size, c); }

QString hexOf(const QByteArray &bytes) { return QString::fromLatin1(Hash::sha256Hex(bytes)); }

} // namespace

class TestObjectStoreParts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cacheKeepsAndFinds()
    {
        QTemporaryDir tmp;
        ChunkCache cache(tmp.filePath(QStringLiteral("chunks")), qint64(64) << 20);
        const QByteArray bytes = filled(1 << 20, 'a');
        QVERIFY(!cache.find(hexOf(bytes), QStringLiteral("label")));
        QVERIFY(!cache.contains(hexOf(bytes)));
        const auto stored = cache.insert(hexOf(bytes), bytes, QStringLiteral("s3://b/p/packs/x.pack"));
        QCOMPARE(stored->readAt(0, bytes.size()), bytes);
        QCOMPARE(stored->path(), QStringLiteral("s3://b/p/packs/x.pack")); // errors name the object
        QVERIFY(cache.contains(hexOf(bytes)));
        QCOMPARE(cache.size(), bytes.size());
        const QString hex = hexOf(bytes);
        QVERIFY(QFile::exists(tmp.filePath(QStringLiteral("chunks/%1/%2").arg(hex.left(2), hex))));
        QCOMPARE(cache.find(hex, QStringLiteral("again"))->readAt(0, bytes.size()), bytes);
    }

    void cacheEvictsTheLeastRecentlyUsed()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("chunks"));
        ChunkCache cache(dir, qint64(10) << 20);
        QList<QByteArray> chunks;
        for (char c = 'a'; c <= 'k'; ++c) {
            chunks.append(filled(1 << 20, c));
            if (c == 'k') // 'a' read again just before: the two oldest now are 'b' and 'c'
                QVERIFY(cache.find(hexOf(chunks.first()), QStringLiteral("x")));
            cache.insert(hexOf(chunks.last()), chunks.last(), QStringLiteral("x"));
            QTest::qWait(15);
        }
        QVERIFY(test::directorySize(dir) <= (qint64(10) << 20));
        QCOMPARE(cache.size(), test::directorySize(dir));
        QVERIFY(cache.contains(hexOf(chunks.last())));
        QVERIFY(cache.contains(hexOf(chunks.first())));
        QVERIFY(!cache.contains(hexOf(chunks.at(1))));
        QVERIFY(!cache.contains(hexOf(chunks.at(2))));
        QVERIFY(cache.contains(hexOf(chunks.at(3))));
        cache.setLimit(qint64(3) << 20);
        QVERIFY(test::directorySize(dir) <= (qint64(3) << 20));
        QVERIFY(cache.contains(hexOf(chunks.last())));
    }

    void cacheFallsBackToMemory()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("chunks"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(::chmod(QFile::encodeName(dir).constData(), 0500) == 0); // nothing can be written there
        ChunkCache cache(dir, qint64(64) << 20);
        const QByteArray bytes = filled(3 << 20, 'z');
        const auto held = cache.insert(hexOf(bytes), bytes, QStringLiteral("s3://b/packs/y.pack"));
        QCOMPARE(held->readAt(0, bytes.size()), bytes);
        QCOMPARE(held->identity().size, bytes.size());
        QCOMPARE(held->path(), QStringLiteral("s3://b/packs/y.pack"));
        ::chmod(QFile::encodeName(dir).constData(), 0700);
        if (::geteuid() != 0) // root writes anyway; the fallback is then not needed
            QCOMPARE(test::directorySize(dir), 0);
        // A chunk larger than the whole cache is never cached.
        ChunkCache tiny(tmp.filePath(QStringLiteral("tiny")), 1 << 20);
        QCOMPARE(tiny.insert(hexOf(bytes), bytes, QStringLiteral("big"))->readAt(0, bytes.size()), bytes);
        QCOMPARE(test::directorySize(tmp.filePath(QStringLiteral("tiny"))), 0);
    }

    void attachmentRoundTrips()
    {
        QTemporaryDir tmp;
        const Env &env = *Env::system();
        QVERIFY(!StorageAttachment::load(env, tmp.path()));
        RemoteStorageOptions options;
        options.url = QStringLiteral("s3://models/team-a/");
        options.endpoint = QStringLiteral("http://127.0.0.1:9000/");
        options.region = QStringLiteral("eu-west-1");
        options.profile = QStringLiteral("work");
        options.cacheLimit = qint64(128) << 20;
        StorageAttachment::fromOptions(options).save(env, tmp.path());
        const QByteArray text = env.readFile(tmp.filePath(StorageAttachment::fileName()));
        QVERIFY(!text.contains("SECRET") && !text.contains("aws_secret"));
        const auto loaded = StorageAttachment::load(env, tmp.path());
        QVERIFY(loaded);
        QCOMPARE(loaded->location.url(), QStringLiteral("s3://models/team-a"));
        QCOMPARE(loaded->location.endpoint, QStringLiteral("http://127.0.0.1:9000"));
        QCOMPARE(loaded->location.region, QStringLiteral("eu-west-1"));
        QCOMPARE(loaded->profile, QStringLiteral("work"));
        QCOMPARE(loaded->cacheLimit, qint64(128) << 20);
        StorageAttachment::remove(env, tmp.path());
        QVERIFY(!StorageAttachment::load(env, tmp.path()));
    }

    void attachmentRefusesDamage()
    {
        QTemporaryDir tmp;
        const Env &env = *Env::system();
        const QString path = tmp.filePath(StorageAttachment::fileName());
        for (const QByteArray &bad : {QByteArray("not json"), QByteArray("{\"format_version\":2,\"kind\":\"s3\"}"),
                                      QByteArray("{\"format_version\":1,\"kind\":\"s3\",\"url\":\"s3://b\",\"endpoint\":\"ftp://x\"}")}) {
            env.writeFileAtomic(path, bad, false);
            QVERIFY_THROWS_EXCEPTION(HubVaultError, StorageAttachment::load(env, tmp.path()));
        }
        RemoteStorageOptions options;
        options.url = QStringLiteral("s3://b");
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, StorageAttachment::fromOptions(options)); // no endpoint
        options.endpoint = QStringLiteral("https://s3.example.org");
        options.cacheLimit = 1 << 20;
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, StorageAttachment::fromOptions(options));
    }

    void localPackStore()
    {
        QTemporaryDir tmp;
        LocalPackStore store(Env::system(), tmp.path());
        QVERIFY(store.list().isEmpty()); // no chunks/packs yet
        const QString staged = tmp.filePath(QStringLiteral("staged"));
        QFile file(staged);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("hubvault-pack/v1\n0123456789");
        file.close();
        store.put(QStringLiteral("p-000001"), staged);
        QVERIFY(!QFile::exists(staged));
        QCOMPARE(store.path(QStringLiteral("p-000001")), tmp.filePath(QStringLiteral("chunks/packs/p-000001.pack")));
        QCOMPARE(store.size(QStringLiteral("p-000001")), std::optional<qint64>(27));
        QCOMPARE(store.read(QStringLiteral("p-000001"), 17, 4), QByteArray("0123"));
        QVERIFY_THROWS_EXCEPTION(IntegrityError, store.read(QStringLiteral("p-000001"), 20, 100));
        QFile stray(tmp.filePath(QStringLiteral("chunks/packs/notes.txt")));
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.close();
        QCOMPARE(store.list().size(), 1);
        QCOMPARE(store.list().first().packId, QStringLiteral("p-000001"));
        store.remove(QStringLiteral("p-000001"));
        store.remove(QStringLiteral("p-000001")); // not there: fine
        QVERIFY(!store.size(QStringLiteral("p-000001")));
        QCOMPARE(packIdOf(QStringLiteral("x.pack")), QStringLiteral("x"));
        QVERIFY(packIdOf(QStringLiteral(".pack")).isEmpty());
        QVERIFY(packIdOf(QStringLiteral("x.idx")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestObjectStoreParts)
#include "tst_object_store_parts.moc"
