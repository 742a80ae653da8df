// Warm sessions and the verified-ranges record never make a read stale or unsafe: a
// repository object that has read (and cached) sees another process's commit on its next
// call; damaged chunk and blob bytes are caught on their first read and after a verified
// read; a pack rewritten by gc is never served from the old pack's verification record.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "HistoryTestSupport.h"
#include "TestSupport.h"
#include "VerifiedRanges.h"
#include "WriteTestSupport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>

using namespace hubvault;
namespace ht = hubvault::htest;

namespace {

constexpr qint64 kChunkThreshold = 1024 * 1024; ///< files above 1 MiB are chunked

/** Runs the real `hubvault` CLI (another process) and returns its exit code. */
int runCli(const QStringList &args, QString *err = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(HUBVAULT_CLI_PATH), args);
    if (!p.waitForFinished(120000))
        return -1;
    if (err)
        *err = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

/** Overwrites `n` bytes at `offset` of `path` in place (same inode and size). */
bool flipBytes(const QString &path, qint64 offset, int n = 1)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || !f.seek(offset))
        return false;
    QByteArray bytes = f.read(n);
    for (char &c : bytes)
        c = char(~c);
    return f.seek(offset) && f.write(bytes) == n;
}

/** Puts back the modification time the file had before (ctime still moves: the kernel sets it). */
bool restoreMtime(const QString &path, const struct stat &before)
{
    const struct timespec times[2] = {before.st_atim, before.st_mtim};
    return utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0) == 0;
}

struct ChunkPlace {
    QString packPath;
    qint64 offset = -1;
    qint64 storedSize = 0;
};

/** Where chunk `chunkId` lives according to chunk_visible. */
ChunkPlace chunkPlace(const QString &repo, const QString &chunkId)
{
    const auto rows = ht::sqlRows(repo, QStringLiteral("SELECT pack_id, offset, stored_size FROM chunk_visible "
                                                       "WHERE chunk_id = %1").arg(ht::sqlQuote(chunkId)));
    if (rows.isEmpty())
        return {};
    return {repo + QStringLiteral("/chunks/packs/") + rows[0][0].toString() + QStringLiteral(".pack"),
            rows[0][1].toLongLong(), rows[0][2].toLongLong()};
}

/** The `.data` file of a whole-blob file (named after its blob object id). */
QString blobDataPath(const QString &repo, const QString &blobId)
{
    const QString hex = blobId.mid(QStringLiteral("sha256:").size());
    return repo + QStringLiteral("/objects/blobs/sha256/") + hex.left(2) + QLatin1Char('/') + hex.mid(2)
           + QStringLiteral(".data");
}

} // namespace

class ReadFreshnessTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_seq = 0;

    QString newRepoPath() { return m_tmp.filePath(QStringLiteral("r%1").arg(++m_seq)); }

    LocalRepository newRepo(const QString &path)
    {
        CreateRepoOptions o;
        o.largeFileThreshold = kChunkThreshold;
        return LocalRepository::create(path, o);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }
    void init() { VerifiedRanges::instance().clear(); }

    /** Another process commits between two calls of a warm repository object: the next call sees it. */
    void commitByAnotherProcessSeenOnNextCall()
    {
        const QString path = newRepoPath();
        LocalRepository repo = newRepo(path);
        repo.uploadBytes("first\n", QStringLiteral("a.txt"));
        const QString local = m_tmp.filePath(QStringLiteral("from-cli-%1.txt").arg(m_seq));

        for (int round = 0; round < 5; ++round) {
            // Warm every cache the reads use: refs, commit graph, trees, file payloads.
            const QString headBefore = repo.listRepoRefs().branches.value(0).targetCommit.value_or(QString());
            const QStringList filesBefore = repo.listRepoFiles();
            const qint64 countBefore = repo.countCommits();
            QCOMPARE(repo.readBytes(QStringLiteral("a.txt")), QByteArray("first\n"));

            const QByteArray content = "written by another process, round " + QByteArray::number(round) + '\n';
            QVERIFY(hubvault::test::writeFile(local, content));
            const QString name = QStringLiteral("cli/%1.txt").arg(round);
            QString err;
            QCOMPARE(runCli({QStringLiteral("-C"), path, QStringLiteral("commit"), QStringLiteral("-q"),
                             QStringLiteral("-m"), QStringLiteral("round %1").arg(round),
                             QStringLiteral("--add"), name + QLatin1Char('=') + local},
                            &err),
                     0);

            // Immediately, with the same object: new head, new file, new history.
            const QString headAfter = repo.listRepoRefs().branches.value(0).targetCommit.value_or(QString());
            QVERIFY(headAfter != headBefore);
            QCOMPARE(repo.listRepoCommits().value(0).commitId, headAfter);
            QCOMPARE(repo.listRepoCommits().value(0).title, QStringLiteral("round %1").arg(round));
            QCOMPARE(repo.countCommits(), countBefore + 1);
            QCOMPARE(repo.listRepoFiles().size(), filesBefore.size() + 1);
            QVERIFY(repo.listRepoFiles().contains(name));
            QCOMPARE(repo.readBytes(name), content);
            QCOMPARE(repo.resolveRevision(QStringLiteral("main")).value_or(QString()), headAfter);
        }
        // And a branch the other process deletes is gone for us too.
        repo.createBranch(QStringLiteral("dev"));
        QVERIFY(repo.resolveRevision(QStringLiteral("dev")).has_value());
        QCOMPARE(runCli({QStringLiteral("-C"), path, QStringLiteral("branch"), QStringLiteral("-d"),
                         QStringLiteral("dev")}),
                 0);
        EXPECT_THROW_KIND(repo.resolveRevision(QStringLiteral("dev")), RevisionNotFoundError);
    }

    /** A chunk damaged before anything read it fails the very first read, in range and whole. */
    void corruptedChunkCaughtOnFirstRead()
    {
        const QString path = newRepoPath();
        LocalRepository repo = newRepo(path);
        const QByteArray data = hubvault::test::prng(6291456); // two FastCDC chunks
        repo.uploadBytes(data, QStringLiteral("w.bin"));
        const FileStorageInfo info = repo.fileStorage(QStringLiteral("w.bin"));
        QCOMPARE(info.storageKind, StorageKind::Chunked);
        QVERIFY(info.chunks.size() >= 2);
        const ChunkPlace second = chunkPlace(path, info.chunks[1].chunkId);
        QVERIFY(second.offset > 0);

        VerifiedRanges::instance().clear(); // the upload's own record: a new process knows nothing
        QVERIFY(flipBytes(second.packPath, second.offset + second.storedSize / 2));
        LocalRepository fresh = LocalRepository::open(path);
        // The first chunk is intact and readable; every read touching the second fails.
        QCOMPARE(fresh.readRange(QStringLiteral("w.bin"), 0, 1000), data.left(1000));
        EXPECT_THROW_KIND(fresh.readRange(QStringLiteral("w.bin"), info.chunks[1].offset + 5, 10), IntegrityError);
        EXPECT_THROW_KIND(fresh.readBytes(QStringLiteral("w.bin")), IntegrityError);
        EXPECT_THROW_KIND(fresh.hfHubDownload(QStringLiteral("w.bin")), IntegrityError);
        QVERIFY(!fresh.fullVerify().ok);
        // Asking again does not turn the failure into a success (nothing recorded it as good).
        EXPECT_THROW_KIND(fresh.readRange(QStringLiteral("w.bin"), info.chunks[1].offset, 10), IntegrityError);
    }

    /** Bytes verified once and then damaged in place are caught, even with the mtime put back. */
    void damageAfterAVerifiedReadIsCaught_data()
    {
        QTest::addColumn<bool>("chunked");
        QTest::newRow("chunk in a pack") << true;
        QTest::newRow("whole blob") << false;
    }
    void damageAfterAVerifiedReadIsCaught()
    {
        QFETCH(bool, chunked);
        const QString path = newRepoPath();
        LocalRepository repo = newRepo(path);
        const QByteArray data = hubvault::test::prng(chunked ? 6291456 : 512 * 1024);
        repo.uploadBytes(data, QStringLiteral("f.bin"));
        const FileStorageInfo info = repo.fileStorage(QStringLiteral("f.bin"));
        QCOMPARE(info.storageKind, chunked ? StorageKind::Chunked : StorageKind::Blob);

        QCOMPARE(repo.readBytes(QStringLiteral("f.bin")), data); // verified and recorded
        QCOMPARE(repo.readRange(QStringLiteral("f.bin"), 100, 50), data.mid(100, 50));

        QString file;
        qint64 at = 0;
        if (chunked) {
            const ChunkPlace first = chunkPlace(path, info.chunks[0].chunkId);
            file = first.packPath;
            at = first.offset + 3000;
        } else {
            file = blobDataPath(path, info.chunks[0].chunkId);
            at = 3000;
        }
        struct stat before {};
        QCOMPARE(::stat(QFile::encodeName(file).constData(), &before), 0);
        QVERIFY(flipBytes(file, at));
        QVERIFY(restoreMtime(file, before)); // same inode, size and mtime: only ctime tells

        EXPECT_THROW_KIND(repo.readRange(QStringLiteral("f.bin"), 100, 50), IntegrityError);
        EXPECT_THROW_KIND(repo.readBytes(QStringLiteral("f.bin")), IntegrityError);
        EXPECT_THROW_KIND(LocalRepository::open(path).readRange(QStringLiteral("f.bin"), 0, 10), IntegrityError);
    }

    /** gc rewrites the live chunks into a new pack: reads use the new pack and verify it afresh. */
    void packRewrittenByGcNotServedFromStaleRecord()
    {
        const QString path = newRepoPath();
        ht::SteppingClock clock;
        CreateRepoOptions o;
        o.largeFileThreshold = kChunkThreshold;
        LocalRepository repo = LocalRepository::create(path, o, clock.env());
        const QByteArray kept = hubvault::test::prng(6291456);
        const QByteArray dropped = hubvault::test::prng(3 * 1024 * 1024, "dropped");
        clock.tick();
        repo.uploadBytes(dropped, QStringLiteral("dropped.bin"));
        clock.tick();
        repo.uploadBytes(kept, QStringLiteral("kept.bin"));
        clock.tick();
        repo.deleteFile(QStringLiteral("dropped.bin"));
        // Read everything: both packs' ranges are now in the record.
        QCOMPARE(repo.readBytes(QStringLiteral("kept.bin")), kept);
        QCOMPARE(repo.readBytes(QStringLiteral("dropped.bin"), repo.listRepoCommits().value(1).commitId), dropped);
        const FileStorageInfo info = repo.fileStorage(QStringLiteral("kept.bin"));
        const ChunkPlace beforeGc = chunkPlace(path, info.chunks[0].chunkId);

        // Drop the history that holds dropped.bin, then collect: kept.bin's chunks move.
        clock.tick();
        SquashOptions squash;
        squash.runGc = false;
        repo.squashHistory(QStringLiteral("main"), squash);
        clock.tick();
        const GcReport gc = repo.gc();
        QVERIFY(gc.reclaimedObjectSize > 0);
        const ChunkPlace afterGc = chunkPlace(path, info.chunks[0].chunkId);
        QVERIFY(afterGc.packPath != beforeGc.packPath);
        QVERIFY(!QFile::exists(beforeGc.packPath));

        // Same object, warm caches: the bytes come from the new pack and are right.
        QCOMPARE(repo.readBytes(QStringLiteral("kept.bin")), kept);
        QCOMPARE(repo.readRange(QStringLiteral("kept.bin"), 10, 100), kept.mid(10, 100));
        // Damage the new pack where the first chunk now lives: no record of the old pack hides it.
        VerifiedRanges::instance().clear();
        QVERIFY(flipBytes(afterGc.packPath, afterGc.offset + 17));
        EXPECT_THROW_KIND(repo.readRange(QStringLiteral("kept.bin"), 10, 100), IntegrityError);
        QVERIFY(!repo.fullVerify().ok);
    }

    /** A gc pack that replaces one with the same name and size (inode reused) is verified again. */
    void replacedPackWithSameNameAndSizeVerifiedAgain()
    {
        const QString path = newRepoPath();
        LocalRepository repo = newRepo(path);
        const QByteArray data = hubvault::test::prng(6291456);
        repo.uploadBytes(data, QStringLiteral("f.bin"));
        QCOMPARE(repo.readBytes(QStringLiteral("f.bin")), data);
        const FileStorageInfo info = repo.fileStorage(QStringLiteral("f.bin"));
        const ChunkPlace place = chunkPlace(path, info.chunks[0].chunkId);

        // Replace the pack by a damaged copy with the same name, size and mtime (a new inode).
        struct stat before {};
        QCOMPARE(::stat(QFile::encodeName(place.packPath).constData(), &before), 0);
        QFile in(place.packPath);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        in.close();
        bytes[place.offset + 100] = char(~bytes[place.offset + 100]);
        const QString tmp = place.packPath + QStringLiteral(".new");
        QVERIFY(hubvault::test::writeFile(tmp, bytes));
        QVERIFY(restoreMtime(tmp, before));
        QVERIFY(::rename(QFile::encodeName(tmp).constData(), QFile::encodeName(place.packPath).constData()) == 0);

        EXPECT_THROW_KIND(repo.readRange(QStringLiteral("f.bin"), 0, 10), IntegrityError);
    }
};

QTEST_GUILESS_MAIN(ReadFreshnessTest)
#include "tst_read_freshness.moc"
