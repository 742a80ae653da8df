// The reads behind the desktop app's graph and commit details: readCommitGraph,
// changedPaths, listRepoCommits with a limit, fileStorage and commitStorageDelta, checked
// against the API.md calls they must agree with (on every fixture) and on repositories
// built here with known copies, renames and deduplicated content.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "TestSupport.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;

namespace {

const QStringList kFixtures{QStringLiteral("a-small-files-paths"), QStringLiteral("b-chunked-large"),
                            QStringLiteral("c-branches-merges"), QStringLiteral("d-squash-gc")};

QByteArray noise(qint64 size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    rng.fillRange(reinterpret_cast<quint32 *>(out.data()), size / 4);
    return out;
}

CommitOptions message(const QString &title)
{
    CommitOptions options;
    options.commitMessage = title;
    return options;
}

} // namespace

class TestCommitGraphReads : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void graphMatchesDetailsOnEveryFixture_data()
    {
        QTest::addColumn<QString>("fixture");
        for (const QString &f : kFixtures)
            QTest::newRow(qPrintable(f)) << f;
    }

    void graphMatchesDetailsOnEveryFixture()
    {
        QFETCH(QString, fixture);
        const LocalRepository repo = LocalRepository::open(test::fixturePath(fixture));
        for (const GitRefInfo &branch : repo.listRepoRefs().branches) {
            if (!branch.targetCommit)
                continue;
            const QList<GitCommitInfo> commits = repo.listRepoCommits(branch.ref);
            QStringList ids;
            for (const GitCommitInfo &c : commits)
                ids.append(c.commitId);
            const QList<CommitGraphNode> nodes = repo.readCommitGraph(ids, true);
            QCOMPARE(nodes.size(), commits.size());
            for (qsizetype i = 0; i < nodes.size(); ++i) {
                const CommitGraphNode &node = nodes.at(i);
                const CommitDetailInfo detail = repo.getCommitDetail(ids.at(i), 0, 0);
                QCOMPARE(node.commitId, ids.at(i));
                QVERIFY(node.objectId.startsWith(QLatin1String("sha256:")));
                QCOMPARE(node.title, commits.at(i).title);
                QCOMPARE(node.message, commits.at(i).message);
                QCOMPARE(node.createdAt, commits.at(i).createdAt);
                QCOMPARE(node.parentCommitIds, detail.parentCommitIds);
                QCOMPARE(node.parentObjectIds.size(), node.parentCommitIds.size());
                QStringList detailPaths;
                for (const CommitChangeInfo &change : detail.changes)
                    detailPaths.append(change.path);
                QCOMPARE(node.changedPaths, detailPaths);
                QCOMPARE(repo.changedPaths(node.objectId), detailPaths);
                // The object id and the tree id name the same commit as the Git id.
                const CommitGraphNode byObject = repo.readCommitGraph({node.objectId}).first();
                QCOMPARE(byObject.commitId, node.commitId);
                QVERIFY(byObject.changedPaths.isEmpty()); // not asked for
                QCOMPARE(node.treeId.size(), 40);
                for (qsizetype p = 0; p < node.parentObjectIds.size(); ++p)
                    QCOMPARE(repo.readCommitGraph({node.parentObjectIds.at(p)}).first().commitId,
                             node.parentCommitIds.at(p));
            }
            QCOMPARE(repo.countCommits(branch.ref), commits.size());
            // A limited listing is the start of the full one.
            for (int limit : {0, 1, 2, 5}) {
                const QList<GitCommitInfo> some = repo.listRepoCommits(branch.ref, limit);
                QCOMPARE(some.size(), qMin<qsizetype>(limit, commits.size()));
                for (qsizetype i = 0; i < some.size(); ++i)
                    QCOMPARE(some.at(i).commitId, commits.at(i).commitId);
            }
        }
    }

    void unknownRevisionsAreErrors()
    {
        const LocalRepository repo = LocalRepository::open(test::fixturePath(kFixtures.first()));
        QVERIFY_THROWS_EXCEPTION(RevisionNotFoundError, repo.readCommitGraph({QStringLiteral("0123456789012345678901234567890123456789")}));
        QVERIFY_THROWS_EXCEPTION(RevisionNotFoundError, repo.readCommitGraph({QStringLiteral("no-such-branch")}));
        QVERIFY_THROWS_EXCEPTION(RevisionNotFoundError, repo.changedPaths(QStringLiteral("sha256:00")));
        QVERIFY_THROWS_EXCEPTION(RevisionNotFoundError, repo.listRepoCommits(QStringLiteral("nope"), 1));
        QVERIFY_THROWS_EXCEPTION(EntryNotFoundError, repo.fileStorage(QStringLiteral("missing.bin")));
    }

    void fileStorageDescribesChunksAndBlobs()
    {
        const LocalRepository repo = LocalRepository::open(test::fixturePath(QStringLiteral("b-chunked-large")));
        int chunked = 0;
        for (const RepoEntry &entry : repo.listRepoTree({}, true, {}, false)) {
            if (entry.isFolder)
                continue;
            const FileStorageInfo info = repo.fileStorage(entry.file.path);
            QCOMPARE(info.size, entry.file.size);
            QCOMPARE(info.sha256, entry.file.sha256);
            QCOMPARE(info.storageKind, entry.file.lfs ? StorageKind::Chunked : StorageKind::Blob);
            QVERIFY(!info.chunks.isEmpty());
            qint64 offset = 0;
            for (const FileChunkInfo &chunk : info.chunks) {
                QCOMPARE(chunk.offset, offset); // contiguous, in file order
                QVERIFY(chunk.storedSize > 0 || chunk.logicalSize == 0);
                offset += chunk.logicalSize;
            }
            QCOMPARE(offset, info.size);
            if (entry.file.lfs) {
                ++chunked;
            } else {
                QCOMPARE(info.chunks.size(), 1);
            }
        }
        QVERIFY(chunked > 0);
    }

    void storageDeltaSeesCopiesRenamesAndDedup()
    {
        QTemporaryDir dir;
        CreateRepoOptions options;
        options.largeFileThreshold = 64 * 1024; // chunk the big file
        LocalRepository repo = LocalRepository::create(dir.filePath(QStringLiteral("repo")), options);
        const QByteArray small = noise(10000, 1);
        const QByteArray big = noise(24 * 1024 * 1024, 2); // several 1-16 MiB FastCDC chunks

        const CommitInfo first = repo.createCommit({CommitOperation::addBytes(QStringLiteral("a.bin"), small),
                                                    CommitOperation::addBytes(QStringLiteral("big.bin"), big)},
                                                   message(QStringLiteral("first")));
        CommitStorageDelta delta = repo.commitStorageDelta(first.oid);
        QCOMPARE(delta.commitId, first.oid);
        QCOMPARE(delta.files.size(), 2);
        QCOMPARE(delta.logicalBytesChanged, small.size() + big.size());
        QVERIFY(delta.addedStoredBytes > 0);
        QCOMPARE(delta.addedStoredBytes, delta.files.at(0).addedStoredBytes + delta.files.at(1).addedStoredBytes);

        // The same content at a second path adds nothing.
        const CommitInfo copy = repo.uploadBytes(small, QStringLiteral("copy/a.bin"));
        delta = repo.commitStorageDelta(copy.oid);
        QCOMPARE(delta.files.size(), 1);
        QCOMPARE(delta.files.first().changeType, ChangeKind::Copied);
        QCOMPARE(delta.files.first().copiedFrom, QStringLiteral("a.bin"));
        QCOMPARE(delta.addedStoredBytes, 0);

        // Moving it is one "renamed" change.
        const CommitInfo moved = repo.createCommit({CommitOperation::remove(QStringLiteral("copy/a.bin")),
                                                    CommitOperation::addBytes(QStringLiteral("moved.bin"), small)},
                                                   message(QStringLiteral("move")));
        delta = repo.commitStorageDelta(moved.oid);
        QCOMPARE(delta.files.size(), 1);
        QCOMPARE(delta.files.first().changeType, ChangeKind::Renamed);
        QCOMPARE(delta.files.first().path, QStringLiteral("moved.bin"));
        QCOMPARE(delta.files.first().copiedFrom, QStringLiteral("copy/a.bin"));

        // A small edit of the big file stores only the chunks around the edit.
        QByteArray edited = big;
        edited.replace(20 * 1024 * 1024, 16, QByteArray(16, 'x'));
        const CommitInfo edit = repo.uploadBytes(edited, QStringLiteral("big.bin"));
        delta = repo.commitStorageDelta(edit.oid);
        QCOMPARE(delta.files.size(), 1);
        QCOMPARE(delta.files.first().changeType, ChangeKind::Modified);
        QCOMPARE(delta.files.first().oldSize, big.size());
        QCOMPARE(delta.files.first().newSize, edited.size());
        QVERIFY(delta.addedStoredBytes > 0);
        QVERIFY2(delta.addedStoredBytes < big.size() / 2, qPrintable(QString::number(delta.addedStoredBytes)));
        const FileStorageInfo before = repo.fileStorage(QStringLiteral("big.bin"), first.oid);
        const FileStorageInfo after = repo.fileStorage(QStringLiteral("big.bin"));
        int shared = 0;
        for (const FileChunkInfo &c : after.chunks)
            shared += std::any_of(before.chunks.cbegin(), before.chunks.cend(),
                                  [&](const FileChunkInfo &b) { return b.chunkId == c.chunkId; });
        QVERIFY(shared > 0 && shared < after.chunks.size());

        // Deleting stores nothing.
        const CommitInfo removed = repo.deleteFile(QStringLiteral("moved.bin"));
        delta = repo.commitStorageDelta(removed.oid);
        QCOMPARE(delta.files.size(), 1);
        QCOMPARE(delta.files.first().changeType, ChangeKind::Deleted);
        QCOMPARE(delta.files.first().oldSize, small.size());
        QCOMPARE(delta.addedStoredBytes, 0);
    }

    void changedPathsFollowFileFolderSwaps()
    {
        QTemporaryDir dir;
        LocalRepository repo = LocalRepository::create(dir.filePath(QStringLiteral("repo")));
        repo.createCommit({CommitOperation::addBytes(QStringLiteral("x"), "file"),
                           CommitOperation::addBytes(QStringLiteral("keep/y"), "y")},
                          message(QStringLiteral("one")));
        const CommitInfo swap = repo.createCommit({CommitOperation::remove(QStringLiteral("x")),
                                                   CommitOperation::addBytes(QStringLiteral("x/inner"), "now a folder")},
                                                  message(QStringLiteral("swap")));
        QCOMPARE(repo.changedPaths(swap.oid), (QStringList{QStringLiteral("x"), QStringLiteral("x/inner")}));
        const CommitDetailInfo detail = repo.getCommitDetail(swap.oid);
        QCOMPARE(detail.changes.size(), 2);
        QCOMPARE(detail.changes.at(0).changeType, ChangeKind::Deleted);
        QCOMPARE(detail.changes.at(1).changeType, ChangeKind::Added);
    }
};

QTEST_GUILESS_MAIN(TestCommitGraphReads)
#include "tst_commit_graph_reads.moc"
