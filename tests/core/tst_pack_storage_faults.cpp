// Fault tests of packs on S3-compatible object storage (issue 17) against a real OpenStack
// Swift (the CTest fixture "swift", tests/support/swift/swift-fixture.sh): the proxy killed
// during a multipart upload, during a read, during gc before and after its database commit,
// and during offload and fetch; pack objects deleted, truncated or overwritten behind the
// repository's back; wrong credentials; a bucket that does not exist or was removed (also
// through the CLI); a full and a read-only local disk under the chunk cache. After every
// fault the repository is at its old or its new state, never in between: refs, quick and
// full verify, every file byte-identical, nothing half-published (no object, local pack or
// staged file of the failed write is named or left behind), and what gc must collect
// (orphaned objects, unfinished multipart uploads) checked with Debian's awscli, the
// independent client.
//
// The proxy is killed with `swift-fixture.sh proxy-stop DIR` (SIGKILL, as a crash) from a
// progress callback or an Env hook at the exact step, and started again with `proxy-start`
// once the faulted call has returned: the client's retries (about 3 s of backoff) are
// over by then, so every fault is a real failure, not a hiccup the retries hide. The suite
// runs alone (RUN_SERIAL): other suites share the store. The full-disk test mounts a tmpfs
// and so needs root, as in CI (a failure, never a skip).
#include "Env.h"
#include "SwiftFixture.h"
#include "TestSupport.h"
#include "objectstore/S3PackStore.h"

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <cerrno>
#include <functional>
#include <optional>
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

using namespace hubvault;

namespace {

constexpr qint64 MiB = qint64(1) << 20;

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    for (qint64 i = size / 4 * 4; i < size; ++i)
        bytes[i] = char(generator.generate());
    return bytes;
}

QByteArray sha256(const QByteArray &bytes) { return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex(); }

/** Runs the fixture script's `command` for the running store; its exit code. Safe on any thread. */
int fixture(const char *command)
{
    QByteArray script(HUBVAULT_SWIFT_FIXTURE_SCRIPT), dir = QFile::encodeName(test::swiftDir()), name(command);
    char *argv[] = {script.data(), name.data(), dir.data(), nullptr};
    pid_t pid = 0;
    if (::posix_spawn(&pid, script.constData(), nullptr, nullptr, argv, environ) != 0)
        return -1;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/** An Env whose fault points and directory listings call hooks (set while nothing runs). */
class HookEnv : public Env {
public:
    std::function<void(const char *)> onStep;
    std::function<void(const QString &)> onList;

    void faultPoint(const char *step) const override
    {
        if (onStep)
            onStep(step);
    }
    QList<DirEntry> listDirectory(const QString &path) const override
    {
        if (onList)
            onList(path);
        return Env::listDirectory(path);
    }
};

/** One repository attached to a fresh bucket, and what its files must read as. */
struct Repo {
    QString path;
    QString bucket;
    QString url; ///< s3://BUCKET/repo
    std::shared_ptr<HookEnv> env;
    std::optional<LocalRepository> repo;
    QMap<QString, QByteArray> files; ///< path -> sha256 of the content

    LocalRepository *operator->() { return &*repo; }
    QString objectUrl(const QString &packId) const { return url + QStringLiteral("/packs/") + packId + QStringLiteral(".pack"); }
    QString objectKey(const QString &packId) const { return QStringLiteral("repo/packs/") + packId + QStringLiteral(".pack"); }
};

QString refsText(const LocalRepository &repo)
{
    const GitRefs refs = repo.listRepoRefs();
    QStringList lines;
    for (const GitRefInfo &ref : refs.branches + refs.tags)
        lines.append(ref.ref + QLatin1Char('=') + ref.targetCommit.value_or(QStringLiteral("-")));
    return lines.join(QLatin1Char('\n'));
}

QStringList packIds(const LocalRepository &repo)
{
    QStringList ids;
    for (const PackStatus &pack : repo.packStorageStatus().packs)
        ids.append(pack.packId);
    ids.sort();
    return ids;
}

/** Regular files below `dir` (relative paths), any depth. */
QStringList filesBelow(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(QDir(dir).relativeFilePath(it.next()));
    out.sort();
    return out;
}

qint64 bytesBelow(const QString &dir)
{
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

/** Keys under repo/packs/ in the bucket, as awscli lists them. */
QStringList bucketObjects(const QString &bucket)
{
    int code = -1;
    const QByteArray out = test::aws({QStringLiteral("s3api"), QStringLiteral("list-objects-v2"), QStringLiteral("--bucket"), bucket,
                                      QStringLiteral("--prefix"), QStringLiteral("repo/"), QStringLiteral("--output"), QStringLiteral("json")},
                                     &code);
    QStringList keys;
    if (code != 0)
        return {QStringLiteral("<awscli failed>")};
    for (const QJsonValue &object : QJsonDocument::fromJson(out).object().value(QLatin1String("Contents")).toArray())
        keys.append(object.toObject().value(QLatin1String("Key")).toString());
    keys.sort();
    return keys;
}

/** Keys of the multipart uploads begun in the bucket and neither finished nor aborted. */
QStringList bucketUploads(const QString &bucket)
{
    int code = -1;
    const QByteArray out = test::aws({QStringLiteral("s3api"), QStringLiteral("list-multipart-uploads"), QStringLiteral("--bucket"), bucket,
                                      QStringLiteral("--output"), QStringLiteral("json")},
                                     &code);
    QStringList keys;
    if (code != 0)
        return {QStringLiteral("<awscli failed>")};
    for (const QJsonValue &upload : QJsonDocument::fromJson(out).object().value(QLatin1String("Uploads")).toArray())
        keys.append(upload.toObject().value(QLatin1String("Key")).toString());
    keys.sort();
    return keys;
}

/** Runs `expr`, which must throw `Kind`; its message in `message`. */
#define EXPECT_ERROR(expr, Kind, message)                                                                                      \
    do {                                                                                                                       \
        try {                                                                                                                  \
            (void)(expr);                                                                                                      \
            QFAIL("no " #Kind " from " #expr);                                                                                 \
        } catch (const Kind &e) {                                                                                              \
            (message) = e.message();                                                                                           \
        } catch (const ::hubvault::HubVaultError &e) {                                                                         \
            QFAIL(qPrintable(QStringLiteral("expected " #Kind " from " #expr ", got %1: %2").arg(e.kind(), e.message())));    \
        }                                                                                                                      \
    } while (false)

/** Calls a checking helper and stops the test function when it failed. */
#define CHECK(call)                                                                                                            \
    do {                                                                                                                       \
        call;                                                                                                                  \
        if (QTest::currentTestFailed())                                                                                        \
            return;                                                                                                            \
    } while (false)

} // namespace

class TestPackStorageFaults : public QObject {
    Q_OBJECT

private:
    QString m_endpoint;
    QByteArray m_secret;
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_mounted; ///< a tmpfs this test mounted, unmounted in cleanup()

    Repo newRepo(const QString &stem, bool attach = true)
    {
        Repo r;
        r.path = m_tmp->filePath(stem);
        r.bucket = test::newBucket(QStringLiteral("faults-") + stem);
        r.url = QStringLiteral("s3://%1/repo").arg(r.bucket);
        r.env = std::make_shared<HookEnv>();
        CreateRepoOptions options;
        options.largeFileThreshold = MiB; // files of 1 MiB and more are chunked into packs
        r.repo.emplace(LocalRepository::create(r.path, options, r.env));
        if (attach)
            r.repo->attachStorage(storageOptions(r.url));
        return r;
    }

    RemoteStorageOptions storageOptions(const QString &url) const
    {
        RemoteStorageOptions options;
        options.url = url;
        options.endpoint = m_endpoint;
        return options;
    }

    static QString commit(Repo &r, const QString &path, const QByteArray &bytes, const TaskControl &task = {})
    {
        const QString oid = r->uploadBytes(bytes, path, {}, task).oid;
        r.files.insert(path, sha256(bytes));
        return oid;
    }

    /** Forgets the cached chunks: the next reads fetch from the bucket. */
    static void dropCache(const Repo &r) { QDir(r.path + QStringLiteral("/cache/chunks")).removeRecursively(); }

    static void killProxy(std::atomic<bool> &killed)
    {
        if (!killed.exchange(true) && fixture("proxy-stop") != 0)
            qWarning("swift-fixture.sh proxy-stop failed");
    }

    /** The repository holds exactly r.files with `refs`, and verifies, quick and full. */
    static void expectWhole(Repo &r, const QString &refs)
    {
        QCOMPARE(refsText(*r.repo), refs);
        const VerifyReport quick = r->quickVerify();
        QVERIFY2(quick.ok, qPrintable(quick.errors.join(QLatin1Char('\n'))));
        const VerifyReport full = r->fullVerify();
        QVERIFY2(full.ok, qPrintable(full.errors.join(QLatin1Char('\n'))));
        QStringList listed = r->listRepoFiles();
        listed.sort();
        QCOMPARE(listed, r.files.keys());
        for (auto it = r.files.cbegin(); it != r.files.cend(); ++it)
            QVERIFY2(sha256(r->readBytes(it.key())) == it.value(), qPrintable(it.key()));
    }

    /** Nothing of a failed write stays in the repository folder: no local pack, no staged file. */
    static void expectNoResidue(const Repo &r)
    {
        QCOMPARE(filesBelow(r.path + QStringLiteral("/chunks/packs")), QStringList());
        QCOMPARE(filesBelow(r.path + QStringLiteral("/txn")), QStringList());
    }

    /**
     * Garbage that makes gc write a pack: x.bin (24 MiB, its own pack) on a branch that is
     * then deleted, and main's y.bin, which shares x.bin's first 20 MiB and so its first
     * chunks. x.bin's pack is then only partly live: gc copies its live chunks into a new
     * pack and deletes it (packs whose chunks are all live stay where they are).
     */
    static void addPartlyLivePack(Repo &r, quint32 seed)
    {
        const QByteArray x = randomBytes(24 * MiB, seed);
        r->createBranch(QStringLiteral("scratch"));
        CommitOptions options;
        options.revision = QStringLiteral("scratch");
        r->uploadBytes(x, QStringLiteral("x.bin"), options);
        commit(r, QStringLiteral("weights/y.bin"), x.left(20 * MiB) + randomBytes(MiB, seed + 1));
        r->deleteBranch(QStringLiteral("scratch"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_endpoint = test::loadSwiftEnv();
        if (m_endpoint.isEmpty())
            QFAIL("The Swift fixture did not start (tests/support/swift/swift-fixture.sh; see its log folder).");
        if (!QFile::exists(test::swiftDir() + QStringLiteral("/proxy.pid")))
            QFAIL(qPrintable(QStringLiteral("%1/proxy.pid is missing: the store was started by an older swift-fixture.sh without proxy-stop/proxy-start")
                                 .arg(test::swiftDir())));
        m_secret = qgetenv("AWS_SECRET_ACCESS_KEY");
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
    }

    void init()
    {
        QCOMPARE(fixture("proxy-start"), 0); // at once when it runs
    }

    void cleanup()
    {
        qputenv("AWS_SECRET_ACCESS_KEY", m_secret);
        if (fixture("proxy-start") != 0)
            qWarning("swift-fixture.sh proxy-start failed: the following tests will fail");
        if (!m_mounted.isEmpty()) {
            if (QProcess::execute(QStringLiteral("umount"), {m_mounted}) != 0)
                QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), m_mounted});
            m_mounted.clear();
        }
    }

    // ---- The proxy killed ------------------------------------------------------------

    void proxyKilledDuringMultipartUpload()
    {
        Repo r = newRepo(QStringLiteral("multipart"));
        commit(r, QStringLiteral("README.md"), "# weights\n");
        commit(r, QStringLiteral("weights/a.bin"), randomBytes(3 * MiB, 1));
        const QString refs = refsText(*r.repo);
        const QStringList packsBefore = packIds(*r.repo), objectsBefore = bucketObjects(r.bucket);
        QCOMPARE(objectsBefore.size(), 1);

        // A 72 MiB file: one pack above kSinglePutLimit, so a multipart upload of 16 MiB
        // parts that go up while the file is staged (PackUploadStream). The proxy dies when
        // two thirds of the file are staged: the upload is begun, parts are in flight or in
        // the store, and it is not complete.
        const QByteArray big = randomBytes(72 * MiB, 2);
        QVERIFY(big.size() > objectstore::S3PackStore::kSinglePutLimit);
        std::atomic<bool> killed{false};
        TaskControl task;
        task.progress = [&](qint64 done, qint64, const QString &phase) {
            if (phase == QLatin1String("upload") && done >= 48 * MiB)
                killProxy(killed);
        };
        QString message;
        EXPECT_ERROR(r->uploadBytes(big, QStringLiteral("weights/big.bin"), {}, task), HubVaultRemoteTransportError, message);
        QVERIFY(killed);
        QVERIFY2(message.contains(m_endpoint), qPrintable(message));
        QCOMPARE(fixture("proxy-start"), 0);

        // The old state, whole; nothing of the failed commit is named or left over.
        CHECK(expectWhole(r, refs));
        QCOMPARE(packIds(*r.repo), packsBefore);
        QCOMPARE(bucketObjects(r.bucket), objectsBefore);
        CHECK(expectNoResidue(r));
        // The upload could not be aborted with the proxy down: it waits for gc.
        const QStringList uploads = bucketUploads(r.bucket);
        QCOMPARE(uploads.size(), 1);
        QVERIFY2(uploads.first().startsWith(QLatin1String("repo/packs/")) && !objectsBefore.contains(uploads.first()),
                 qPrintable(uploads.first()));
        PackStorageStatus status = r->packStorageStatus();
        QCOMPARE(status.pendingUploadCount, 1);
        QCOMPARE(status.unreferencedObjectCount, 0);

        const GcReport gc = r->gc();
        QVERIFY2(gc.notes.join(QLatin1Char(' ')).contains(QLatin1String("1 unfinished upload(s)")), qPrintable(gc.notes.join(QLatin1Char('\n'))));
        QCOMPARE(bucketUploads(r.bucket), QStringList());
        status = r->packStorageStatus();
        QCOMPARE(status.pendingUploadCount, 0);
        QCOMPARE(status.unreferencedObjectCount, 0);
        QCOMPARE(bucketObjects(r.bucket), QStringList{r.objectKey(packIds(*r.repo).value(0))});
        dropCache(r);
        CHECK(expectWhole(r, refs));

        // With the store back, the same commit goes through: the new state, whole.
        commit(r, QStringLiteral("weights/big.bin"), big);
        QVERIFY(refsText(*r.repo) != refs);
        dropCache(r);
        CHECK(expectWhole(r, refsText(*r.repo)));
        QCOMPARE(bucketObjects(r.bucket).size(), 2);
        QCOMPARE(bucketUploads(r.bucket), QStringList());
    }

    void proxyKilledDuringRead()
    {
        Repo r = newRepo(QStringLiteral("read"));
        commit(r, QStringLiteral("README.md"), "# weights\n");
        // Larger than the 64 MiB a reader fetches ahead: chunks remain to fetch after the kill.
        const QByteArray big = randomBytes(100 * MiB, 3);
        commit(r, QStringLiteral("weights/big.bin"), big);
        const QString refs = refsText(*r.repo);
        const QStringList objects = bucketObjects(r.bucket);
        dropCache(r);

        const QString out = m_tmp->filePath(QStringLiteral("read-out"));
        std::atomic<bool> killed{false};
        TaskControl task;
        task.progress = [&](qint64 done, qint64, const QString &) {
            if (done > 0)
                killProxy(killed);
        };
        QString message;
        EXPECT_ERROR(r->hfHubDownload(QStringLiteral("weights/big.bin"), {}, out, task), HubVaultRemoteTransportError, message);
        QVERIFY(killed);
        QVERIFY2(message.contains(m_endpoint), qPrintable(message));
        QCOMPARE(filesBelow(out), QStringList()); // no partial file, no temporary left behind
        // A snapshot started while the proxy is down fails the same way and leaves no
        // partial file (what it holds is complete).
        SnapshotOptions snapshot;
        snapshot.localDir = m_tmp->filePath(QStringLiteral("read-snapshot"));
        EXPECT_ERROR(r->snapshotDownload(snapshot), HubVaultRemoteTransportError, message);
        for (const QString &file : filesBelow(snapshot.localDir))
            QVERIFY2(file == QLatin1String("README.md") || file.startsWith(QLatin1String(".cache/")), qPrintable(file));
        if (QFile::exists(snapshot.localDir + QStringLiteral("/README.md")))
            QCOMPARE(test::sha256File(snapshot.localDir + QStringLiteral("/README.md")), sha256("# weights\n"));
        qInfo("snapshot with the store down left: %s", qPrintable(filesBelow(snapshot.localDir).join(QLatin1String(", "))));
        QCOMPARE(r->readBytes(QStringLiteral("README.md")), QByteArray("# weights\n")); // small files are local
        // Verify cannot pass, nor call the repository damaged, while the store cannot be asked.
        EXPECT_ERROR(r->quickVerify(), HubVaultRemoteTransportError, message);
        QVERIFY2(message.contains(m_endpoint), qPrintable(message));
        QCOMPARE(fixture("proxy-start"), 0);

        // Nothing changed: every byte reads back, the download completes.
        CHECK(expectWhole(r, refs));
        QCOMPARE(bucketObjects(r.bucket), objects);
        const QString target = r->hfHubDownload(QStringLiteral("weights/big.bin"), {}, out);
        QCOMPARE(test::sha256File(target), sha256(big));
        QCOMPARE(filesBelow(out), QStringList{QStringLiteral("weights/big.bin")});
        const QString folder = r->snapshotDownload(snapshot);
        QCOMPARE(test::sha256File(folder + QStringLiteral("/weights/big.bin")), sha256(big));
        QCOMPARE(test::sha256File(folder + QStringLiteral("/README.md")), sha256("# weights\n"));
    }

    void proxyKilledDuringGcUpload()
    {
        Repo r = newRepo(QStringLiteral("gc-upload"));
        commit(r, QStringLiteral("README.md"), "# weights\n");
        commit(r, QStringLiteral("weights/a.bin"), randomBytes(3 * MiB, 4));
        addPartlyLivePack(r, 5);
        const QString refs = refsText(*r.repo);
        const QStringList packsBefore = packIds(*r.repo), objectsBefore = bucketObjects(r.bucket);
        QCOMPARE(packsBefore.size(), 3);
        QCOMPARE(objectsBefore.size(), 3);

        // gc verified and copied the live chunks of the partly live pack; the proxy dies as
        // the new pack's upload begins (a multipart upload killed midway is
        // proxyKilledDuringMultipartUpload: the same PackStorage::publish).
        std::atomic<bool> killed{false};
        r.env->onStep = [&](const char *step) {
            if (qstrcmp(step, "packs:upload") == 0)
                killProxy(killed);
        };
        QString message;
        EXPECT_ERROR(r->gc(), HubVaultRemoteTransportError, message);
        r.env->onStep = nullptr;
        QVERIFY(killed);
        QVERIFY2(message.contains(m_endpoint), qPrintable(message));
        QCOMPARE(fixture("proxy-start"), 0);

        // The old state: the chunk index, the bucket and every file as before.
        QCOMPARE(packIds(*r.repo), packsBefore);
        QCOMPARE(bucketObjects(r.bucket), objectsBefore);
        QCOMPARE(bucketUploads(r.bucket), QStringList());
        CHECK(expectNoResidue(r));
        dropCache(r);
        CHECK(expectWhole(r, refs));

        // gc again: the live chunks in a new pack, the partly live pack deleted after the
        // commit, the whole ones kept.
        r->gc();
        const QStringList packsAfter = packIds(*r.repo);
        QCOMPARE(packsAfter.size(), 3);
        QCOMPARE(packsAfter.filter(QStringLiteral("gc-")).size(), 1);
        QStringList expected;
        for (const QString &id : packsAfter)
            expected.append(r.objectKey(id));
        expected.sort();
        QCOMPARE(bucketObjects(r.bucket), expected);
        QCOMPARE(bucketUploads(r.bucket), QStringList());
        dropCache(r);
        CHECK(expectWhole(r, refs));
    }

    void proxyKilledDuringGcSweep()
    {
        Repo r = newRepo(QStringLiteral("gc-sweep"));
        commit(r, QStringLiteral("README.md"), "# weights\n");
        commit(r, QStringLiteral("weights/a.bin"), randomBytes(3 * MiB, 6));
        addPartlyLivePack(r, 7);
        const QString refs = refsText(*r.repo);
        const QStringList packsBefore = packIds(*r.repo), objectsBefore = bucketObjects(r.bucket);
        QCOMPARE(objectsBefore.size(), 3);

        // The database commit names the new pack; then, as sweep() empties quarantine/
        // (the step before the bucket's sweep), the proxy dies.
        std::atomic<bool> committed{false}, killed{false};
        r.env->onStep = [&](const char *step) {
            if (qstrcmp(step, "txn:COMMITTED") == 0)
                committed = true;
        };
        r.env->onList = [&](const QString &path) {
            if (committed && path.endsWith(QLatin1String("quarantine/manifests")))
                killProxy(killed);
        };
        const GcReport report = r->gc();
        r.env->onStep = nullptr;
        r.env->onList = nullptr;
        QVERIFY(killed);
        QVERIFY2(report.notes.join(QLatin1Char(' ')).contains(QLatin1String("run gc again")), qPrintable(report.notes.join(QLatin1Char('\n'))));
        QCOMPARE(fixture("proxy-start"), 0);

        // The new state: the index names the new pack and no longer the partly live one,
        // whose object stays in the bucket, unreferenced.
        const QStringList packsAfter = packIds(*r.repo);
        QCOMPARE(packsAfter.size(), 3);
        const QStringList dropped = QSet<QString>(packsBefore.cbegin(), packsBefore.cend())
                                        .subtract(QSet<QString>(packsAfter.cbegin(), packsAfter.cend()))
                                        .values();
        QCOMPARE(dropped.size(), 1);
        QCOMPARE(packsAfter.filter(QStringLiteral("gc-")).size(), 1);
        QStringList expected = objectsBefore;
        expected.append(r.objectKey(packsAfter.filter(QStringLiteral("gc-")).first()));
        expected.sort();
        QCOMPARE(bucketObjects(r.bucket), expected);
        const PackStorageStatus status = r->packStorageStatus();
        QCOMPARE(status.unreferencedObjectCount, 1);
        for (const PackStatus &pack : status.packs)
            QCOMPARE(pack.place, PackPlace::Remote);
        CHECK(expectNoResidue(r));
        dropCache(r);
        CHECK(expectWhole(r, refs));

        // A second gc removes the rest.
        r->gc();
        expected.removeAll(r.objectKey(dropped.first()));
        QCOMPARE(bucketObjects(r.bucket), expected);
        QCOMPARE(r->packStorageStatus().unreferencedObjectCount, 0);
        QCOMPARE(packIds(*r.repo), packsAfter);
        dropCache(r);
        CHECK(expectWhole(r, refs));
    }

    void proxyKilledDuringOffloadAndFetch()
    {
        // Packs written before the bucket was attached, so local; offload moves them.
        Repo r = newRepo(QStringLiteral("offload"), false);
        commit(r, QStringLiteral("README.md"), "# weights\n");
        commit(r, QStringLiteral("weights/a.bin"), randomBytes(3 * MiB, 60));
        commit(r, QStringLiteral("weights/b.bin"), randomBytes(2 * MiB, 61));
        const QString refs = refsText(*r.repo);
        r->attachStorage(storageOptions(r.url));
        auto places = [&] {
            QMap<PackPlace, int> out;
            for (const PackStatus &pack : r->packStorageStatus().packs)
                ++out[pack.place];
            return out;
        };
        QCOMPARE(places(), (QMap<PackPlace, int>{{PackPlace::Local, 2}}));

        // The first pack is uploaded and checked; the proxy dies before its local copy goes.
        std::atomic<bool> killed{false};
        r.env->onStep = [&](const char *step) {
            if (qstrcmp(step, "offload:before-delete") == 0)
                killProxy(killed);
        };
        QString message;
        EXPECT_ERROR(r->offloadPacks(), HubVaultRemoteTransportError, message);
        r.env->onStep = nullptr;
        QVERIFY(killed);
        QCOMPARE(fixture("proxy-start"), 0);
        // Every pack is in one place at least: the checked one in the bucket, the other here.
        QCOMPARE(places(), (QMap<PackPlace, int>{{PackPlace::Local, 1}, {PackPlace::Remote, 1}}));
        QCOMPARE(bucketObjects(r.bucket).size(), 1);
        dropCache(r);
        CHECK(expectWhole(r, refs));
        const PackTransferReport offloaded = r->offloadPacks();
        QCOMPARE(offloaded.movedCount, 1);
        QCOMPARE(places(), (QMap<PackPlace, int>{{PackPlace::Remote, 2}}));
        QCOMPARE(filesBelow(r.path + QStringLiteral("/chunks/packs")), QStringList());

        // fetch: the first pack arrives and is published; the proxy dies; the second fails
        // and leaves no staged file, and nothing half-written in chunks/packs/.
        killed = false;
        TaskControl task;
        task.progress = [&](qint64 done, qint64, const QString &) {
            if (done > 0)
                killProxy(killed);
        };
        EXPECT_ERROR(r->fetchPacks(task), HubVaultRemoteTransportError, message);
        QVERIFY(killed);
        QCOMPARE(fixture("proxy-start"), 0);
        QCOMPARE(places(), (QMap<PackPlace, int>{{PackPlace::Remote, 1}, {PackPlace::LocalAndRemote, 1}}));
        QCOMPARE(filesBelow(r.path + QStringLiteral("/txn")), QStringList());
        QCOMPARE(filesBelow(r.path + QStringLiteral("/chunks/packs")).size(), 1);
        dropCache(r);
        CHECK(expectWhole(r, refs));
        r->fetchPacks();
        QCOMPARE(places(), (QMap<PackPlace, int>{{PackPlace::LocalAndRemote, 2}}));
        CHECK(expectWhole(r, refs));
    }

    // ---- Objects changed behind our back -----------------------------------------------

    void objectsChangedBehindOurBack()
    {
        Repo r = newRepo(QStringLiteral("tamper"));
        commit(r, QStringLiteral("README.md"), "# weights\n");
        // One pack per file, each damaged in its own way below.
        const QStringList names{QStringLiteral("deleted.bin"), QStringLiteral("same-size.bin"), QStringLiteral("shorter.bin"),
                                QStringLiteral("truncated.bin"), QStringLiteral("longer.bin")};
        QMap<QString, QString> packOf;
        for (int i = 0; i < names.size(); ++i) {
            const QStringList before = packIds(*r.repo);
            commit(r, names.at(i), randomBytes(3 * MiB + i * 1000, 10 + i));
            for (const QString &id : packIds(*r.repo))
                if (!before.contains(id))
                    packOf.insert(names.at(i), id);
        }
        QCOMPARE(packOf.size(), names.size());
        const QString refs = refsText(*r.repo);
        objectstore::S3Client client(objectstore::S3Location::parse(r.url, m_endpoint), objectstore::S3Credentials::find());
        const QString out = m_tmp->filePath(QStringLiteral("tamper-out"));

        // One object at a time (verify reports the first problem of each ref): damaged with
        // awscli, checked, then put back.
        for (const QString &name : names) {
            const QString object = objectstore::S3PackStore::objectName(packOf.value(name));
            const QString url = r.objectUrl(packOf.value(name));
            const QByteArray original = client.read(object, 0, client.describe(object)->size);
            dropCache(r);
            const bool cachedBefore = name == QLatin1String("same-size.bin");
            if (cachedBefore)
                QCOMPARE(sha256(r->readBytes(name)), r.files.value(name)); // its chunks are now in cache/chunks

            int code = -1;
            if (name == QLatin1String("deleted.bin")) {
                test::aws({QStringLiteral("s3"), QStringLiteral("rm"), QStringLiteral("--quiet"), url}, &code);
            } else {
                const QByteArray other = name == QLatin1String("same-size.bin") ? randomBytes(original.size(), 20)
                    : name == QLatin1String("shorter.bin")                      ? original.left(original.size() / 2)
                    : name == QLatin1String("truncated.bin")                    ? original.left(10) // ends before the first chunk
                                                                                : randomBytes(original.size() + MiB, 21);
                const QString local = m_tmp->filePath(QStringLiteral("tamper-") + name);
                QVERIFY(test::writeFile(local, other));
                test::aws({QStringLiteral("s3"), QStringLiteral("cp"), QStringLiteral("--quiet"), local, url}, &code);
            }
            QCOMPARE(code, 0);

            // Quick verify: a missing object, or one too short for its chunks. An object of
            // a sufficient size is not read (that is full verify's work).
            const VerifyReport quick = r->quickVerify();
            const QString quickErrors = quick.errors.join(QLatin1Char('\n'));
            if (name == QLatin1String("deleted.bin") || name == QLatin1String("shorter.bin") || name == QLatin1String("truncated.bin")) {
                QVERIFY(!quick.ok);
                QVERIFY2(quickErrors.contains(url), qPrintable(quickErrors));
                if (name == QLatin1String("deleted.bin"))
                    QVERIFY2(quickErrors.contains(QStringLiteral("pack object is missing: ") + url), qPrintable(quickErrors));
                qInfo("%s: quick verify: %s", qPrintable(name), qPrintable(quickErrors));
            } else {
                QVERIFY2(quick.ok, qPrintable(quickErrors));
            }
            // Full verify hashes the store's bytes, not the cache's.
            const VerifyReport full = r->fullVerify();
            const QString fullErrors = full.errors.join(QLatin1Char('\n'));
            QVERIFY(!full.ok);
            QVERIFY2(fullErrors.contains(url), qPrintable(fullErrors));
            qInfo("%s: full verify: %s", qPrintable(name), qPrintable(fullErrors));

            // A chunk verified into the cache before the damage still reads (the cache holds
            // verified bytes); once the cache is gone, the damage shows.
            if (cachedBefore)
                QCOMPARE(sha256(r->readBytes(name)), r.files.value(name));
            dropCache(r);
            // Reads fail with an IntegrityError naming the object, and write no output file.
            QString message;
            EXPECT_ERROR(r->readBytes(name), IntegrityError, message);
            QVERIFY2(message.contains(url), qPrintable(message));
            qInfo("%s: read: %s", qPrintable(name), qPrintable(message));
            EXPECT_ERROR(r->hfHubDownload(name, {}, out), IntegrityError, message);
            QVERIFY2(message.contains(url), qPrintable(message));
            QCOMPARE(filesBelow(out), QStringList());
            EXPECT_ERROR(r->readRange(name, MiB, 1000), IntegrityError, message);
            QVERIFY2(message.contains(url), qPrintable(message));
            // The other files are untouched.
            QCOMPARE(r->readBytes(QStringLiteral("README.md")), QByteArray("# weights\n"));
            QCOMPARE(refsText(*r.repo), refs);

            // Nothing is lost on our side: with the object put back, it reads again.
            client.write(object, original);
            QCOMPARE(sha256(r->readBytes(name)), r.files.value(name));
        }
        dropCache(r);
        CHECK(expectWhole(r, refs));
    }

    // ---- Credentials and buckets ----------------------------------------------------------

    void wrongCredentials()
    {
        Repo r = newRepo(QStringLiteral("creds"));
        commit(r, QStringLiteral("README.md"), "# weights\n");
        commit(r, QStringLiteral("weights/a.bin"), randomBytes(3 * MiB, 30));
        const QString refs = refsText(*r.repo);
        const QStringList objects = bucketObjects(r.bucket);
        const QString otherBucket = test::newBucket(QStringLiteral("faults-creds-other"));
        const QString attachmentFile = r.path + QStringLiteral("/remote-storage.json");
        const QByteArray attachment = [&] {
            QFile f(attachmentFile);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QVERIFY(!attachment.isEmpty());
        dropCache(r);

        qputenv("AWS_SECRET_ACCESS_KEY", "not-the-secret");
        // The open repository keeps its client until remote-storage.json changes.
        auto touch = [&](int seconds) {
            QFile f(attachmentFile);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(seconds), QFileDevice::FileModificationTime));
        };
        CHECK(touch(5));
        QString message;
        EXPECT_ERROR(r->readBytes(QStringLiteral("weights/a.bin")), HubVaultRemoteAuthError, message);
        QVERIFY2(message.contains(QLatin1String("refused the credentials")) && message.contains(QLatin1String("AWS_SECRET_ACCESS_KEY"))
                     && message.contains(r.url),
                 qPrintable(message));
        qInfo("read: %s", qPrintable(message));

        // A new repository object reads the environment afresh.
        LocalRepository other = LocalRepository::open(r.path);
        EXPECT_ERROR(other.readBytes(QStringLiteral("weights/a.bin")), HubVaultRemoteAuthError, message);
        EXPECT_ERROR(other.hfHubDownload(QStringLiteral("weights/a.bin"), {}, m_tmp->filePath(QStringLiteral("creds-out"))),
                     HubVaultRemoteAuthError, message);
        QCOMPARE(filesBelow(m_tmp->filePath(QStringLiteral("creds-out"))), QStringList());
        QCOMPARE(other.readBytes(QStringLiteral("README.md")), QByteArray("# weights\n")); // small files are local
        EXPECT_ERROR(other.uploadBytes(randomBytes(2 * MiB, 31), QStringLiteral("weights/b.bin")), HubVaultRemoteAuthError, message);
        qInfo("commit: %s", qPrintable(message));
        EXPECT_ERROR(other.packStorageStatus(), HubVaultRemoteAuthError, message);
        // Refused keys are not damage: verify and gc (which verifies first) fail with the refusal
        // itself instead of reporting the repository as broken.
        EXPECT_ERROR(other.quickVerify(), HubVaultRemoteAuthError, message);
        EXPECT_ERROR(other.gc(), HubVaultRemoteAuthError, message);
        QVERIFY2(message.contains(QLatin1String("refused the credentials")), qPrintable(message));
        QCOMPARE(refsText(other), refs);

        // attach with wrong credentials writes nothing: not over an attachment, not into a
        // repository without one.
        EXPECT_ERROR(other.attachStorage(storageOptions(QStringLiteral("s3://%1/repo").arg(otherBucket))), HubVaultRemoteAuthError, message);
        QVERIFY2(message.contains(otherBucket), qPrintable(message));
        QFile saved(attachmentFile);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), attachment);
        LocalRepository plain = LocalRepository::create(m_tmp->filePath(QStringLiteral("creds-plain")));
        EXPECT_ERROR(plain.attachStorage(storageOptions(QStringLiteral("s3://%1/repo").arg(otherBucket))), HubVaultRemoteAuthError, message);
        QVERIFY(!QFile::exists(plain.path() + QStringLiteral("/remote-storage.json")));

        // The right key again: the same objects, the old state, nothing pending.
        qputenv("AWS_SECRET_ACCESS_KEY", m_secret);
        CHECK(touch(10));
        QCOMPARE(bucketObjects(r.bucket), objects);
        QCOMPARE(bucketUploads(r.bucket), QStringList());
        CHECK(expectNoResidue(r));
        CHECK(expectWhole(r, refs));
        plain.attachStorage(storageOptions(QStringLiteral("s3://%1/repo").arg(otherBucket)));
        QVERIFY(QFile::exists(plain.path() + QStringLiteral("/remote-storage.json")));
    }

    void missingBucket()
    {
        // attach to a bucket that does not exist: a clear error, nothing written.
        Repo r = newRepo(QStringLiteral("nobucket"), false);
        commit(r, QStringLiteral("README.md"), "# weights\n");
        commit(r, QStringLiteral("weights/a.bin"), randomBytes(3 * MiB, 40));
        const QString refs = refsText(*r.repo);
        const QString missing = QStringLiteral("hubvault-missing-%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
        QString message;
        EXPECT_ERROR(r->attachStorage(storageOptions(QStringLiteral("s3://%1/repo").arg(missing))), HubVaultValidationError, message);
        QVERIFY2(message.contains(QLatin1Char('"') + missing + QLatin1Char('"')) && message.contains(QLatin1String("does not exist")),
                 qPrintable(message));
        QVERIFY(!QFile::exists(r.path + QStringLiteral("/remote-storage.json")));
        QCOMPARE(r->packStorageStatus().attached, false);
        CHECK(expectWhole(r, refs));

        // The bucket of an attached repository removed behind its back: every use of the
        // bucket names it, nothing local changes, and with the bucket and its objects
        // back, everything reads.
        r->attachStorage(storageOptions(r.url));
        r->offloadPacks();
        QCOMPARE(filesBelow(r.path + QStringLiteral("/chunks/packs")), QStringList());
        const QStringList objects = bucketObjects(r.bucket);
        QCOMPARE(objects.size(), 1);
        objectstore::S3Client client(objectstore::S3Location::parse(r.url, m_endpoint), objectstore::S3Credentials::find());
        const QString object = objects.first().mid(QStringLiteral("repo/").size());
        const QByteArray saved = client.read(object, 0, client.describe(object)->size);
        int code = -1;
        test::aws({QStringLiteral("s3"), QStringLiteral("rb"), QStringLiteral("--force"), QStringLiteral("s3://") + r.bucket}, &code);
        QCOMPARE(code, 0);
        dropCache(r);
        EXPECT_ERROR(r->readBytes(QStringLiteral("weights/a.bin")), HubVaultValidationError, message);
        QVERIFY2(message.contains(QLatin1Char('"') + r.bucket + QLatin1Char('"')), qPrintable(message));
        qInfo("read: %s", qPrintable(message));
        EXPECT_ERROR(r->uploadBytes(randomBytes(2 * MiB, 41), QStringLiteral("weights/b.bin")), HubVaultValidationError, message);
        QVERIFY2(message.contains(QLatin1Char('"') + r.bucket + QLatin1Char('"')), qPrintable(message));
        QCOMPARE(refsText(*r.repo), refs);
        CHECK(expectNoResidue(r));
        client.createBucket();
        client.write(object, saved);
        CHECK(expectWhole(r, refs));
    }

    // ---- A full disk under the chunk cache ---------------------------------------------------

    void fullDiskWhileCaching()
    {
        Repo r = newRepo(QStringLiteral("fulldisk"));
        commit(r, QStringLiteral("README.md"), "# weights\n");
        const QByteArray big = randomBytes(40 * MiB, 50);
        commit(r, QStringLiteral("weights/big.bin"), big);
        const QString refs = refsText(*r.repo);
        const QString cache = r.path + QStringLiteral("/cache/chunks");
        dropCache(r);
        QVERIFY(QDir().mkpath(cache));
        // Everything but cache/: what must not change.
        auto outsideCache = [&] {
            QMap<QString, QByteArray> digest = test::treeDigest(r.path);
            for (auto it = digest.begin(); it != digest.end();)
                it = it.key().startsWith(QLatin1String("cache/")) ? digest.erase(it) : std::next(it);
            return digest;
        };
        const QMap<QString, QByteArray> before = outsideCache();

        QProcess mount;
        mount.setProcessChannelMode(QProcess::MergedChannels);
        mount.start(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"), QStringLiteral("size=8m"),
                                              QStringLiteral("tmpfs"), cache});
        const bool mounted = mount.waitForFinished(30000) && mount.exitStatus() == QProcess::NormalExit && mount.exitCode() == 0;
        if (!mounted)
            QFAIL(qPrintable(QStringLiteral("cannot mount an 8 MiB tmpfs on %1 (the test needs root, as in CI): %2")
                                 .arg(cache, QString::fromLocal8Bit(mount.readAll()).trimmed())));
        m_mounted = cache;

        // 40 MiB of chunks through an 8 MiB disk: the first fill it, the rest are held in
        // memory for their reader; the bytes are the same either way.
        QCOMPARE(sha256(r->readBytes(QStringLiteral("weights/big.bin"))), sha256(big));
        const qint64 cached = bytesBelow(cache);
        QVERIFY2(cached <= 8 * MiB && cached < big.size(), qPrintable(QString::number(cached)));
        for (const QString &file : filesBelow(cache))
            QVERIFY2(!file.contains(QLatin1String(".tmp-")), qPrintable(file)); // no partial chunk left behind
        qInfo("%lld of %lld bytes of chunks cached on the full disk", cached, qint64(big.size()));
        QCOMPARE(sha256(r->readBytes(QStringLiteral("weights/big.bin"))), sha256(big)); // cached and uncached chunks mixed
        QCOMPARE(r->readRange(QStringLiteral("weights/big.bin"), 17 * MiB + 5, 9 * MiB), big.mid(17 * MiB + 5, 9 * MiB));
        const QString target = r->hfHubDownload(QStringLiteral("weights/big.bin"), {}, m_tmp->filePath(QStringLiteral("fulldisk-out")));
        QCOMPARE(test::sha256File(target), sha256(big));
        CHECK(expectWhole(r, refs));
        QCOMPARE(outsideCache(), before);

        // A read-only cache disk is refused the same way.
        QCOMPARE(QProcess::execute(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,ro"), cache}), 0);
        QCOMPARE(sha256(r->readBytes(QStringLiteral("weights/big.bin"))), sha256(big));
        QCOMPARE(bytesBelow(cache), cached);
        QCOMPARE(outsideCache(), before);
        QCOMPARE(refsText(*r.repo), refs);
        r.repo.reset(); // its cached files are closed before cleanup() unmounts
    }

    // ---- The CLI's reports ------------------------------------------------------------------

    void cliReportsBucketAndCredentialErrors()
    {
        const QString path = m_tmp->filePath(QStringLiteral("cli"));
        LocalRepository::create(path);
        auto attach = [&](const QString &bucket, const QByteArray &secret, QString *err) {
            QProcess process;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QString::fromUtf8(secret));
            process.setProcessEnvironment(env);
            process.start(QStringLiteral(HUBVAULT_CLI_PATH), {QStringLiteral("-C"), path, QStringLiteral("storage"), QStringLiteral("attach"),
                                                              QStringLiteral("s3://%1/repo").arg(bucket), QStringLiteral("--endpoint"), m_endpoint});
            if (!process.waitForFinished(120000))
                return -1;
            *err = QString::fromUtf8(process.readAllStandardError());
            return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        };
        const QString missing = QStringLiteral("hubvault-missing-%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
        QString err;
        QCOMPARE(attach(missing, m_secret, &err), 1);
        QVERIFY2(err.trimmed().count(QLatin1Char('\n')) == 0 && err.contains(missing) && err.contains(QLatin1String("does not exist")), qPrintable(err));
        qInfo("missing bucket: %s", qPrintable(err.trimmed()));
        QVERIFY(!QFile::exists(path + QStringLiteral("/remote-storage.json")));

        const QString bucket = test::newBucket(QStringLiteral("faults-cli"));
        QCOMPARE(attach(bucket, "not-the-secret", &err), 1);
        QVERIFY2(err.trimmed().count(QLatin1Char('\n')) == 0 && err.contains(QLatin1String("refused the credentials")), qPrintable(err));
        qInfo("wrong credentials: %s", qPrintable(err.trimmed()));
        QVERIFY(!QFile::exists(path + QStringLiteral("/remote-storage.json")));

        QCOMPARE(attach(bucket, m_secret, &err), 0);
        QVERIFY(QFile::exists(path + QStringLiteral("/remote-storage.json")));
    }
};

QTEST_GUILESS_MAIN(TestPackStorageFaults)
#include "tst_pack_storage_faults.moc"
