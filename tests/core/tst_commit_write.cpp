// create_commit and its wrappers on fresh repositories (docs/format.md §3.5, §5, §10.1,
// API.md §1): every operation kind and source, the default messages, the
// title/description/message split, content deduplication (whole blobs and chunks), chunk
// reuse after a small edit, and the large-file threshold boundary. Every write is
// followed by a full verification.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "Env.h"
#include "WriteTestSupport.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
using namespace hubvault::test;

#define VERIFY_REPO(repo)                                                                              \
    do {                                                                                               \
        const VerifyReport report_ = (repo).fullVerify();                                              \
        QVERIFY2(report_.ok, qPrintable(report_.errors.join(QLatin1Char('\n'))));                      \
        /* A write that failed before publishing leaves txn/<txid>/ for the next writer. */        \
        for (const QString &warning_ : report_.warnings)                                               \
            QVERIFY2(warning_.startsWith(QLatin1String("pending transaction directory: ")),            \
                     qPrintable(warning_));                                                            \
    } while (0)

namespace {

/** A sequential (pipe-like) device handing out at most `step` bytes per read. */
class SequentialSource : public QIODevice {
public:
    SequentialSource(QByteArray data, qint64 step) : m_data(std::move(data)), m_step(step) { open(QIODevice::ReadOnly); }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_data.size() - m_pos + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin(qMin(maxSize, m_step), m_data.size() - m_pos);
        if (n <= 0)
            return m_pos >= m_data.size() ? -1 : 0; // -1 = end of stream
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_step;
    qint64 m_pos = 0;
};

QString gitBlobOid(const QByteArray &content)
{
    QByteArray object = "blob " + QByteArray::number(content.size());
    object.append('\0');
    object.append(content);
    return QString::fromLatin1(QCryptographicHash::hash(object, QCryptographicHash::Sha1).toHex());
}

QByteArray lfsPointer(const QByteArray &content)
{
    return "version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256Hex(content).toLatin1() + "\nsize "
        + QByteArray::number(content.size()) + "\n";
}

/** The stored commit payload whose git_oid is `oid`. */
QJsonObject commitPayload(const QString &repo, const QString &oid)
{
    for (const auto &row : sqlRows(repo, QStringLiteral("SELECT payload_json FROM objects_commits"))) {
        const QJsonObject payload = QJsonDocument::fromJson(row.value(0).toString().toUtf8()).object();
        if (payload.value(QStringLiteral("git_oid")).toString() == oid)
            return payload;
    }
    return {};
}

QString headOf(const Repository &repo, const QString &branch = {})
{
    return repo.resolveRevision(branch).value_or(QString());
}

RepoFile fileInfo(const Repository &repo, const QString &path, const QString &revision = {})
{
    const QList<RepoEntry> entries = repo.getPathsInfo({path}, revision);
    return entries.isEmpty() || entries.first().isFolder ? RepoFile() : entries.first().file;
}

struct Fixture {
    QTemporaryDir tmp;
    QString root;
    std::optional<LocalRepository> repo;

    explicit Fixture(qint64 threshold = 16777216)
    {
        root = tmp.filePath(QStringLiteral("repo"));
        CreateRepoOptions options;
        options.largeFileThreshold = threshold;
        repo.emplace(LocalRepository::create(root, options));
    }
    QString local(const QString &name, const QByteArray &data)
    {
        const QString path = tmp.filePath(QStringLiteral("local/") + name);
        writeFile(path, data);
        return path;
    }
};

CommitOptions message(const QString &text, std::optional<QString> description = std::nullopt)
{
    CommitOptions options;
    options.commitMessage = text;
    options.commitDescription = std::move(description);
    return options;
}

} // namespace

class TestCommitWrite : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void freshRepositoryMatchesWorkedExamples();
    void addFromEverySource();
    void addReplacesAndDetailReportsChanges();
    void deleteFileAndFolder();
    void copyFileAndFolder();
    void uploadFolderWithPatternsAndPrefix();
    void uploadLargeFolder();
    void defaultMessages();
    void commitText_data();
    void commitText();
    void invalidCommitArguments();
    void identicalContentStoredOnce();
    void smallInsertionReusesUnaffectedChunks();
    void thresholdBoundary();
};

void TestCommitWrite::freshRepositoryMatchesWorkedExamples()
{
    // E3/E4 of docs/format.md §3.7 reproduced by the writer itself with a frozen clock.
    QTemporaryDir tmp;
    const QString root = tmp.filePath(QStringLiteral("repo"));
    auto env = std::make_shared<FrozenClockEnv>(QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC));
    LocalRepository repo = LocalRepository::create(root, {}, env);
    QCOMPARE(headOf(repo), QStringLiteral("ed0bbedab9f089f9be2fb385b248d45e66d56d51"));
    QCOMPARE(repo.listRepoCommits().size(), 1);
    QCOMPARE(repo.listRepoCommits().first().title, QStringLiteral("Initial commit"));

    env->setNow(QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), Qt::UTC));
    const CommitInfo info = repo.createCommit({CommitOperation::addBytes(QStringLiteral("README.md"), "hello\n"),
                                               CommitOperation::addBytes(QStringLiteral("data/x.bin"), QByteArray("\x00\x01\x02\x03", 4))},
                                              message(QStringLiteral("seed\n\nbody text")));
    QCOMPARE(info.oid, QStringLiteral("2ee34107f2d2593c946a4e2a0436c64b9cc6ed25"));
    QCOMPARE(info.commitMessage, QStringLiteral("seed"));
    QCOMPARE(info.commitDescription, QStringLiteral("body text"));
    QCOMPARE(headOf(repo), info.oid);

    const QStringList commitIds = [&] {
        QStringList ids;
        for (const auto &row : sqlRows(root, QStringLiteral("SELECT object_id FROM objects_commits ORDER BY 1")))
            ids.append(row.value(0).toString());
        return ids;
    }();
    QCOMPARE(commitIds, (QStringList{QStringLiteral("sha256:4d005e5a6770a15ab0c9a65bf21411cad8719bc4bf2a2d5297f69566276a88ef"),
                                     QStringLiteral("sha256:7c998105df490303cbae414eb55c3ef26476ab09f3bbb9770a591c34e9223169")}));
    QCOMPARE(sqlCount(root, QStringLiteral("objects_trees"),
                      QStringLiteral("object_id = 'sha256:b7db33a95bfbf42ca7d5516653bb82375c7fb4f23ecbe0579f3b1df868f2740c'")),
             qint64(1));
    QCOMPARE(sqlCount(root, QStringLiteral("objects_files"),
                      QStringLiteral("object_id IN ('sha256:c66322b939054fdedc33277d2eaf0dfb14e836b29086d4227a61d6a5d5fbb8c9', "
                                     "'sha256:53228fe28cf2ed41886eb412432e7ecf9358679340ea35c4957974cc610da009')")),
             qint64(2));
    QVERIFY(QFileInfo(root + QStringLiteral("/objects/blobs/sha256/0d/277684cb31b1376f92ae3e1a18fb5fe4e87d4bfddcbea51e20ac69ba2a6041.data")).isFile());
    const auto reflog = sqlRows(root, QStringLiteral("SELECT message, checksum FROM reflog ORDER BY seq"));
    QCOMPARE(reflog.size(), 2);
    QCOMPARE(reflog.at(0).value(1).toString(), QStringLiteral("sha256:823eb6bb15c52180446b96a3e08fee4075d5d7e6ba814eea732ff5db44a71571"));
    QCOMPARE(reflog.at(1).value(0).toString(), QStringLiteral("seed\n\nbody text"));
    QCOMPARE(reflog.at(1).value(1).toString(), QStringLiteral("sha256:15be36a631932356c290bec36a4e77b0a69db5826b5834fa59fd7c806f3ac3b3"));
    QCOMPARE(sqlCount(root, QStringLiteral("txn_log")), qint64(0));
    QCOMPARE(entriesOf(root + QStringLiteral("/txn")), QStringList());
    VERIFY_REPO(repo);
}

void TestCommitWrite::addFromEverySource()
{
    Fixture f(65536);
    Repository &repo = *f.repo;
    const QByteArray fromBytes("bytes content\n");
    const QByteArray fromPath = prng(1000, "path");
    const QByteArray fromPipe = prng(300000, "pipe"); // over the threshold: chunked from a pipe
    const QByteArray bufferData = "skip" + prng(70000, "buffer");
    const QByteArray smallPipe("small sequential data");

    SequentialSource pipe(fromPipe, 4096);
    SequentialSource small(smallPipe, 5);
    QBuffer buffer;
    buffer.setData(bufferData);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    QVERIFY(buffer.seek(4)); // a random-access stream is read from its current position

    const CommitInfo info = repo.createCommit({CommitOperation::addBytes(QStringLiteral("a/bytes.txt"), fromBytes),
                                               CommitOperation::addFile(QStringLiteral("a/path.bin"), f.local(QStringLiteral("p.bin"), fromPath)),
                                               CommitOperation::addStream(QStringLiteral("b/pipe.bin"), &pipe),
                                               CommitOperation::addStream(QStringLiteral("b/small.txt"), &small),
                                               CommitOperation::addStream(QStringLiteral("b/buffer.bin"), &buffer)},
                                              message(QStringLiteral("all sources")));
    QCOMPARE(headOf(repo), info.oid);
    QCOMPARE(repo.listRepoFiles(),
             (QStringList{QStringLiteral("a/bytes.txt"), QStringLiteral("a/path.bin"), QStringLiteral("b/buffer.bin"),
                          QStringLiteral("b/pipe.bin"), QStringLiteral("b/small.txt")}));
    QCOMPARE(repo.readBytes(QStringLiteral("a/bytes.txt")), fromBytes);
    QCOMPARE(repo.readBytes(QStringLiteral("a/path.bin")), fromPath);
    QCOMPARE(repo.readBytes(QStringLiteral("b/pipe.bin")), fromPipe);
    QCOMPARE(repo.readBytes(QStringLiteral("b/small.txt")), smallPipe);
    QCOMPARE(repo.readBytes(QStringLiteral("b/buffer.bin")), bufferData.mid(4));
    QVERIFY(fileInfo(repo, QStringLiteral("b/pipe.bin")).lfs.has_value());
    QVERIFY(fileInfo(repo, QStringLiteral("b/buffer.bin")).lfs.has_value());
    QVERIFY(!fileInfo(repo, QStringLiteral("b/small.txt")).lfs.has_value());
    QCOMPARE(fileInfo(repo, QStringLiteral("a/path.bin")).oid, gitBlobOid(fromPath));
    VERIFY_REPO(repo);

    // The wrappers: uploadFile / uploadBytes, with a non-default branch revision refused
    // when it does not exist.
    const CommitInfo up = repo.uploadFile(f.local(QStringLiteral("u.txt"), "uploaded\n"), QStringLiteral("c/u.txt"));
    QCOMPARE(up.commitMessage, QStringLiteral("Upload c/u.txt with hubvault"));
    QCOMPARE(repo.readBytes(QStringLiteral("c/u.txt")), QByteArray("uploaded\n"));
    const CommitInfo ub = repo.uploadBytes("raw", QStringLiteral("c/raw.txt"));
    QCOMPARE(ub.commitMessage, QStringLiteral("Upload c/raw.txt with hubvault"));
    QCOMPARE(repo.readBytes(QStringLiteral("c/raw.txt")), QByteArray("raw"));
    CommitOptions other;
    other.revision = QStringLiteral("nope");
    QVERIFY_THROWS_EXCEPTION(RevisionNotFoundError, repo.uploadBytes("x", QStringLiteral("x.txt"), other));
    QVERIFY_THROWS_EXCEPTION(HubVaultValidationError,
                             repo.uploadFile(f.tmp.filePath(QStringLiteral("missing.bin")), QStringLiteral("m.bin")));
    QCOMPARE(headOf(repo), ub.oid);
    VERIFY_REPO(repo);
}

void TestCommitWrite::addReplacesAndDetailReportsChanges()
{
    Fixture f;
    Repository &repo = *f.repo;
    repo.createCommit({CommitOperation::addBytes(QStringLiteral("keep.txt"), "keep"),
                       CommitOperation::addBytes(QStringLiteral("edit.txt"), "v1"),
                       CommitOperation::addBytes(QStringLiteral("gone.txt"), "bye")},
                      message(QStringLiteral("base")));
    const CommitInfo info = repo.createCommit({CommitOperation::addBytes(QStringLiteral("edit.txt"), "v2"),
                                               CommitOperation::remove(QStringLiteral("gone.txt")),
                                               CommitOperation::addBytes(QStringLiteral("new.txt"), "new")},
                                              message(QStringLiteral("change")));
    QCOMPARE(repo.readBytes(QStringLiteral("edit.txt")), QByteArray("v2"));
    const CommitDetailInfo detail = repo.getCommitDetail(info.oid);
    QStringList changes;
    for (const CommitChangeInfo &c : detail.changes)
        changes.append(c.path + QLatin1Char('=') + wireName(c.changeType));
    changes.sort();
    QCOMPARE(changes, (QStringList{QStringLiteral("edit.txt=modified"), QStringLiteral("gone.txt=deleted"),
                                   QStringLiteral("new.txt=added")}));
    QCOMPARE(detail.parentCommitIds.size(), 1);

    // A commit is created even when the tree does not change (§10.1).
    const QString before = headOf(repo);
    const CommitInfo same = repo.createCommit({CommitOperation::addBytes(QStringLiteral("keep.txt"), "keep")},
                                              message(QStringLiteral("no-op")));
    QVERIFY(same.oid != before);
    QCOMPARE(repo.getCommitDetail(same.oid).changes.size(), 0);
    QCOMPARE(repo.getCommitDetail(same.oid).parentCommitIds, QStringList{before});
    VERIFY_REPO(repo);
}

void TestCommitWrite::deleteFileAndFolder()
{
    Fixture f;
    Repository &repo = *f.repo;
    repo.createCommit({CommitOperation::addBytes(QStringLiteral("a.txt"), "a"),
                       CommitOperation::addBytes(QStringLiteral("dir/b.txt"), "b"),
                       CommitOperation::addBytes(QStringLiteral("dir/sub/c.txt"), "c"),
                       CommitOperation::addBytes(QStringLiteral("dir/sub2/d.txt"), "d"),
                       CommitOperation::addBytes(QStringLiteral("dir2/e.txt"), "e"),
                       CommitOperation::addBytes(QStringLiteral("dirx.txt"), "x"),
                       CommitOperation::addBytes(QStringLiteral("other.txt"), "o")},
                      message(QStringLiteral("base")));

    CommitInfo info = repo.deleteFile(QStringLiteral("a.txt"));
    QCOMPARE(info.commitMessage, QStringLiteral("Delete a.txt with hubvault"));
    QVERIFY(!repo.listRepoFiles().contains(QStringLiteral("a.txt")));

    info = repo.deleteFolder(QStringLiteral("dir/sub"));
    QCOMPARE(info.commitMessage, QStringLiteral("Delete folder dir/sub with hubvault"));
    QCOMPARE(repo.listRepoFiles(), (QStringList{QStringLiteral("dir/b.txt"), QStringLiteral("dir/sub2/d.txt"),
                                                QStringLiteral("dir2/e.txt"), QStringLiteral("dirx.txt"),
                                                QStringLiteral("other.txt")}));

    // Errors leave the head where it was.
    const QString head = headOf(repo);
    QVERIFY_THROWS_EXCEPTION(EntryNotFoundError, repo.deleteFile(QStringLiteral("missing.txt")));
    QVERIFY_THROWS_EXCEPTION(EntryNotFoundError, repo.deleteFile(QStringLiteral("dir")));          // a folder
    QVERIFY_THROWS_EXCEPTION(EntryNotFoundError, repo.deleteFolder(QStringLiteral("other.txt")));  // a file
    QVERIFY_THROWS_EXCEPTION(EntryNotFoundError, repo.deleteFolder(QStringLiteral("di")));         // not a prefix match
    // "auto": a folder only when the path ends with '/'.
    QVERIFY_THROWS_EXCEPTION(EntryNotFoundError,
                             repo.createCommit({CommitOperation::remove(QStringLiteral("dir2"))}, message(QStringLiteral("x"))));
    QVERIFY_THROWS_EXCEPTION(EntryNotFoundError,
                             repo.createCommit({CommitOperation::remove(QStringLiteral("other.txt/"))}, message(QStringLiteral("x"))));
    QCOMPARE(headOf(repo), head);

    repo.createCommit({CommitOperation::remove(QStringLiteral("dir/"))}, message(QStringLiteral("auto folder")));
    QCOMPARE(repo.listRepoFiles(), (QStringList{QStringLiteral("dir2/e.txt"), QStringLiteral("dirx.txt"),
                                                QStringLiteral("other.txt")}));
    repo.createCommit({CommitOperation::remove(QStringLiteral("other.txt"))}, message(QStringLiteral("auto file")));
    repo.createCommit({CommitOperation::remove(QStringLiteral("dir2"), true)}, message(QStringLiteral("explicit folder")));
    QCOMPARE(repo.listRepoFiles(), QStringList{QStringLiteral("dirx.txt")});
    // A deleted and re-added path in one commit.
    repo.createCommit({CommitOperation::remove(QStringLiteral("dirx.txt"), false),
                       CommitOperation::addBytes(QStringLiteral("dirx.txt"), "again")},
                      message(QStringLiteral("replace")));
    QCOMPARE(repo.readBytes(QStringLiteral("dirx.txt")), QByteArray("again"));
    // Deleting everything leaves the empty tree.
    repo.deleteFile(QStringLiteral("dirx.txt"));
    QCOMPARE(repo.listRepoFiles(), QStringList());
    QCOMPARE(repo.listRepoTree().size(), 0);
    VERIFY_REPO(repo);
}

void TestCommitWrite::copyFileAndFolder()
{
    Fixture f(65536);
    Repository &repo = *f.repo;
    const QByteArray big = prng(100000, "copy");
    repo.createCommit({CommitOperation::addBytes(QStringLiteral("src/a.txt"), "A1"),
                       CommitOperation::addBytes(QStringLiteral("src/deep/b.txt"), "B1"),
                       CommitOperation::addBytes(QStringLiteral("src/big.bin"), big),
                       CommitOperation::addBytes(QStringLiteral("top.txt"), "T1")},
                      message(QStringLiteral("base")));
    const QString first = headOf(repo);
    const qint64 fileRows = sqlCount(f.root, QStringLiteral("objects_files"));
    const qint64 blobRows = sqlCount(f.root, QStringLiteral("objects_blobs"));
    const qint64 chunkRows = sqlCount(f.root, QStringLiteral("chunk_visible"));
    const QStringList packs = packFiles(f.root);

    repo.createCommit({CommitOperation::copy(QStringLiteral("top.txt"), QStringLiteral("copies/top.txt")),
                       CommitOperation::copy(QStringLiteral("src"), QStringLiteral("dst"))},
                      message(QStringLiteral("copy")));
    QCOMPARE(repo.listRepoFiles(),
             (QStringList{QStringLiteral("copies/top.txt"), QStringLiteral("dst/a.txt"), QStringLiteral("dst/big.bin"),
                          QStringLiteral("dst/deep/b.txt"), QStringLiteral("src/a.txt"), QStringLiteral("src/big.bin"),
                          QStringLiteral("src/deep/b.txt"), QStringLiteral("top.txt")}));
    QCOMPARE(fileInfo(repo, QStringLiteral("copies/top.txt")).oid, fileInfo(repo, QStringLiteral("top.txt")).oid);
    QCOMPARE(fileInfo(repo, QStringLiteral("dst/big.bin")).oid, fileInfo(repo, QStringLiteral("src/big.bin")).oid);
    QVERIFY(fileInfo(repo, QStringLiteral("dst/big.bin")).lfs.has_value());
    QCOMPARE(repo.readBytes(QStringLiteral("dst/big.bin")), big);
    QCOMPARE(repo.readBytes(QStringLiteral("dst/deep/b.txt")), QByteArray("B1"));
    // Copies reuse file objects: no new file, blob or chunk rows, no new pack.
    QCOMPARE(sqlCount(f.root, QStringLiteral("objects_files")), fileRows);
    QCOMPARE(sqlCount(f.root, QStringLiteral("objects_blobs")), blobRows);
    QCOMPARE(sqlCount(f.root, QStringLiteral("chunk_visible")), chunkRows);
    QCOMPARE(packFiles(f.root), packs);

    // Change the sources, then copy from the older revision.
    repo.createCommit({CommitOperation::addBytes(QStringLiteral("top.txt"), "T2"),
                       CommitOperation::remove(QStringLiteral("src"), true)},
                      message(QStringLiteral("change sources")));
    repo.createCommit({CommitOperation::copy(QStringLiteral("top.txt"), QStringLiteral("old/top.txt"), first),
                       CommitOperation::copy(QStringLiteral("src/deep"), QStringLiteral("old/deep"), first),
                       CommitOperation::copy(QStringLiteral("top.txt"), QStringLiteral("now/top.txt"))},
                      message(QStringLiteral("copy from revision")));
    QCOMPARE(repo.readBytes(QStringLiteral("old/top.txt")), QByteArray("T1"));
    QCOMPARE(repo.readBytes(QStringLiteral("old/deep/b.txt")), QByteArray("B1"));
    QCOMPARE(repo.readBytes(QStringLiteral("now/top.txt")), QByteArray("T2"));

    // Without src_revision the source is the head *before* this commit's operations.
    repo.createCommit({CommitOperation::addBytes(QStringLiteral("top.txt"), "T3"),
                       CommitOperation::copy(QStringLiteral("top.txt"), QStringLiteral("snap.txt"))},
                      message(QStringLiteral("pre-operation snapshot")));
    QCOMPARE(repo.readBytes(QStringLiteral("top.txt")), QByteArray("T3"));
    QCOMPARE(repo.readBytes(QStringLiteral("snap.txt")), QByteArray("T2"));

    const QString head = headOf(repo);
    QVERIFY_THROWS_EXCEPTION(EntryNotFoundError,
                             repo.createCommit({CommitOperation::copy(QStringLiteral("src/a.txt"), QStringLiteral("x.txt"))},
                                               message(QStringLiteral("missing source"))));
    QVERIFY_THROWS_EXCEPTION(RevisionNotFoundError,
                             repo.createCommit({CommitOperation::copy(QStringLiteral("top.txt"), QStringLiteral("x.txt"),
                                                                      QStringLiteral("no-such-branch"))},
                                               message(QStringLiteral("missing revision"))));
    QCOMPARE(headOf(repo), head);
    VERIFY_REPO(repo);
}

void TestCommitWrite::uploadFolderWithPatternsAndPrefix()
{
    Fixture f;
    Repository &repo = *f.repo;
    repo.createCommit({CommitOperation::addBytes(QStringLiteral("pre/old.txt"), "old"),
                       CommitOperation::addBytes(QStringLiteral("pre/keep.bin"), "keep"),
                       CommitOperation::addBytes(QStringLiteral("pre/sub/stale.txt"), "stale"),
                       CommitOperation::addBytes(QStringLiteral("pre/a.txt"), "previous a"),
                       CommitOperation::addBytes(QStringLiteral("root.txt"), "outside the prefix")},
                      message(QStringLiteral("remote state")));
    const QString folder = f.tmp.filePath(QStringLiteral("folder"));
    QVERIFY(writeFile(folder + QStringLiteral("/a.txt"), "new a"));
    QVERIFY(writeFile(folder + QStringLiteral("/b.bin"), "b"));
    QVERIFY(writeFile(folder + QStringLiteral("/sub/c.txt"), "c"));
    QVERIFY(writeFile(folder + QStringLiteral("/sub/d.log"), "d"));
    QVERIFY(writeFile(folder + QStringLiteral("/sub/deeper/e.txt"), "e"));

    UploadFolderOptions options;
    options.folderPath = folder;
    options.pathInRepo = QStringLiteral("pre");
    options.allowPatterns = QStringList{QStringLiteral("*.txt"), QStringLiteral("sub/*")};
    options.ignorePatterns = QStringList{QStringLiteral("*.log")};
    options.deletePatterns = QStringList{QStringLiteral("*.txt")};
    const CommitInfo info = repo.uploadFolder(options);
    QCOMPARE(info.commitMessage, QStringLiteral("Upload folder using hubvault"));
    QCOMPARE(repo.listRepoCommits().first().title, QStringLiteral("Upload folder using hubvault"));
    QCOMPARE(repo.listRepoFiles(),
             (QStringList{QStringLiteral("pre/a.txt"), QStringLiteral("pre/keep.bin"), QStringLiteral("pre/sub/c.txt"),
                          QStringLiteral("pre/sub/deeper/e.txt"), QStringLiteral("root.txt")}));
    QCOMPARE(repo.readBytes(QStringLiteral("pre/a.txt")), QByteArray("new a"));
    QCOMPARE(repo.readBytes(QStringLiteral("pre/sub/deeper/e.txt")), QByteArray("e"));
    QCOMPARE(repo.readBytes(QStringLiteral("root.txt")), QByteArray("outside the prefix"));
    VERIFY_REPO(repo);

    // No prefix, no patterns: everything lands at the root; explicit message kept.
    UploadFolderOptions all;
    all.folderPath = folder;
    all.commit.commitMessage = QStringLiteral("everything");
    all.commit.commitDescription = QStringLiteral("with a body");
    const CommitInfo second = repo.uploadFolder(all);
    QCOMPARE(second.commitMessage, QStringLiteral("everything"));
    QCOMPARE(second.commitDescription, QStringLiteral("with a body"));
    for (const QString &path : {QStringLiteral("a.txt"), QStringLiteral("b.bin"), QStringLiteral("sub/c.txt"),
                                QStringLiteral("sub/d.log"), QStringLiteral("sub/deeper/e.txt")})
        QVERIFY2(repo.listRepoFiles().contains(path), qPrintable(path));

    // Nothing matched: an error, no commit.
    const QString head = headOf(repo);
    UploadFolderOptions none;
    none.folderPath = folder;
    none.allowPatterns = QStringList{QStringLiteral("*.nothing")};
    QVERIFY_THROWS_EXCEPTION(HubVaultError, repo.uploadFolder(none));
    UploadFolderOptions notDir;
    notDir.folderPath = folder + QStringLiteral("/a.txt");
    QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, repo.uploadFolder(notDir));
    QCOMPARE(headOf(repo), head);
    VERIFY_REPO(repo);
}

void TestCommitWrite::uploadLargeFolder()
{
    Fixture f(65536);
    Repository &repo = *f.repo;
    const QString folder = f.tmp.filePath(QStringLiteral("large"));
    const QByteArray big = prng(2 * 1024 * 1024 + 123, "large folder");
    QVERIFY(writeFile(folder + QStringLiteral("/model/weights.bin"), big));
    QVERIFY(writeFile(folder + QStringLiteral("/model/config.json"), "{}"));
    QVERIFY(writeFile(folder + QStringLiteral("/notes.tmp"), "skip me"));
    QVERIFY(writeFile(folder + QStringLiteral("/README.md"), "# readme\n"));

    const CommitInfo info = repo.uploadLargeFolder(folder, {}, std::nullopt, QStringList{QStringLiteral("*.tmp")});
    QCOMPARE(info.commitMessage, QStringLiteral("Upload large folder using hubvault"));
    QCOMPARE(repo.listRepoFiles(), (QStringList{QStringLiteral("README.md"), QStringLiteral("model/config.json"),
                                                QStringLiteral("model/weights.bin")}));
    QCOMPARE(repo.readBytes(QStringLiteral("model/weights.bin")), big);
    QVERIFY(fileInfo(repo, QStringLiteral("model/weights.bin")).lfs.has_value());
    QCOMPARE(packFiles(f.root).size(), 1);

    const CommitInfo allowed = repo.uploadLargeFolder(folder, QStringLiteral("main"), QStringList{QStringLiteral("*.tmp")});
    QCOMPARE(allowed.commitMessage, QStringLiteral("Upload large folder using hubvault"));
    QVERIFY(repo.listRepoFiles().contains(QStringLiteral("notes.tmp")));
    QCOMPARE(packFiles(f.root).size(), 1); // nothing new to chunk
    VERIFY_REPO(repo);
}

void TestCommitWrite::defaultMessages()
{
    Fixture f;
    Repository &repo = *f.repo;
    auto check = [&](const CommitInfo &info, const QString &expected) {
        QCOMPARE(info.commitMessage, expected);
        QCOMPARE(info.commitDescription, QString());
        const GitCommitInfo head = repo.listRepoCommits().first();
        QCOMPARE(head.commitId, info.oid);
        QCOMPARE(head.title, expected);
        QCOMPARE(head.message, QString());
        QCOMPARE(repo.listRepoReflog(QStringLiteral("main"), 1).first().message, expected);
        const QJsonObject payload = commitPayload(f.root, info.oid);
        QCOMPARE(payload.value(QStringLiteral("message")).toString(), expected);
        QCOMPARE(payload.value(QStringLiteral("title")).toString(), expected);
        QCOMPARE(payload.value(QStringLiteral("description")).toString(), QString());
    };
    QCOMPARE(repo.listRepoCommits().first().title, QStringLiteral("Initial commit"));
    QCOMPARE(repo.listRepoReflog(QStringLiteral("main")).first().message, QStringLiteral("Initial commit"));

    check(repo.uploadBytes("1", QStringLiteral("dir/one.txt")), QStringLiteral("Upload dir/one.txt with hubvault"));
    check(repo.uploadFile(f.local(QStringLiteral("two"), "2"), QStringLiteral("dir/two.txt")),
          QStringLiteral("Upload dir/two.txt with hubvault"));
    const QString folder = f.tmp.filePath(QStringLiteral("folder"));
    QVERIFY(writeFile(folder + QStringLiteral("/three.txt"), "3"));
    UploadFolderOptions options;
    options.folderPath = folder;
    options.pathInRepo = QStringLiteral("up");
    check(repo.uploadFolder(options), QStringLiteral("Upload folder using hubvault"));
    check(repo.uploadLargeFolder(folder), QStringLiteral("Upload large folder using hubvault"));
    check(repo.deleteFile(QStringLiteral("dir/one.txt")), QStringLiteral("Delete dir/one.txt with hubvault"));
    check(repo.deleteFolder(QStringLiteral("up")), QStringLiteral("Delete folder up with hubvault"));

    // An explicit message wins over every default.
    CommitOptions explicitMessage = message(QStringLiteral("custom"));
    check(repo.uploadBytes("4", QStringLiteral("four.txt"), explicitMessage), QStringLiteral("custom"));
    check(repo.deleteFile(QStringLiteral("four.txt"), explicitMessage), QStringLiteral("custom"));
    VERIFY_REPO(repo);
}

void TestCommitWrite::commitText_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("hasDescription");
    QTest::addColumn<QString>("description");
    QTest::addColumn<QString>("storedMessage");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("body");

    QTest::newRow("one line") << "only title" << false << QString() << "only title" << "only title" << "";
    QTest::newRow("E4 seed") << "seed\n\nbody text" << false << QString() << "seed\n\nbody text" << "seed" << "body text";
    QTest::newRow("inner blank kept") << "a\nb\n\nc" << false << QString() << "a\nb\n\nc" << "a" << "b\n\nc";
    QTest::newRow("CRLF and CR") << "t\r\n\r\nbody\rmore" << false << QString() << "t\r\n\r\nbody\rmore" << "t" << "body\nmore";
    QTest::newRow("unicode separators")
        << QStringLiteral("t\u2028x\u0085y") << false << QString() << QStringLiteral("t\u2028x\u0085y") << "t" << "x\ny";
    QTest::newRow("trailing newline") << "title\n" << false << QString() << "title\n" << "title" << "";
    QTest::newRow("leading blank lines") << "\n\nabc" << false << QString() << "\n\nabc" << "" << "abc";
    QTest::newRow("description") << "title" << true << "desc line\nmore" << "title\n\ndesc line\nmore" << "title"
                                 << "desc line\nmore";
    QTest::newRow("empty description") << "title" << true << "" << "title" << "title" << "";
    QTest::newRow("multi-line title with description") << "multi\nline" << true << "d" << "multi\nline\n\nd"
                                                       << "multi\nline" << "d";
}

void TestCommitWrite::commitText()
{
    QFETCH(QString, message);
    QFETCH(bool, hasDescription);
    QFETCH(QString, description);
    QFETCH(QString, storedMessage);
    QFETCH(QString, title);
    QFETCH(QString, body);

    Fixture f;
    Repository &repo = *f.repo;
    CommitOptions options;
    options.commitMessage = message;
    if (hasDescription)
        options.commitDescription = description;
    const CommitInfo info = repo.createCommit({CommitOperation::addBytes(QStringLiteral("f.txt"), "x")}, options);
    QCOMPARE(info.commitMessage, title);
    QCOMPARE(info.commitDescription, body);

    const QJsonObject payload = commitPayload(f.root, info.oid);
    QCOMPARE(payload.value(QStringLiteral("message")).toString(), storedMessage);
    QCOMPARE(payload.value(QStringLiteral("title")).toString(), title);
    QCOMPARE(payload.value(QStringLiteral("description")).toString(), body);

    const GitCommitInfo listed = repo.listRepoCommits().first();
    QCOMPARE(listed.commitId, info.oid);
    QCOMPARE(listed.title, title);
    QCOMPARE(listed.message, body);
    const CommitDetailInfo detail = repo.getCommitDetail(info.oid);
    QCOMPARE(detail.commit.title, title);
    QCOMPARE(detail.commit.message, body);
    // The reflog keeps the caller's message as given (§8.4).
    QCOMPARE(repo.listRepoReflog(QStringLiteral("main"), 1).first().message, message);

    // The git OID covers the stored message (§3.6): recompute it from the payload.
    QByteArray text = storedMessage.toUtf8();
    if (!text.endsWith('\n'))
        text.append('\n');
    const qint64 epoch = QDateTime::fromString(payload.value(QStringLiteral("created_at")).toString(), Qt::ISODate).toSecsSinceEpoch();
    const QString parentGit = detail.parentCommitIds.value(0);
    const auto treeRows = sqlRows(f.root, QStringLiteral("SELECT payload_json FROM objects_trees WHERE object_id = '%1'")
                                              .arg(payload.value(QStringLiteral("tree_id")).toString()));
    QCOMPARE(treeRows.size(), 1);
    const QString treeOid = QJsonDocument::fromJson(treeRows.first().value(0).toString().toUtf8())
                                .object().value(QStringLiteral("git_oid")).toString();
    const QByteArray bodyBytes = "tree " + treeOid.toLatin1() + "\nparent " + parentGit.toLatin1()
        + "\nauthor HubVault <hubvault@local> " + QByteArray::number(epoch) + " +0000\ncommitter HubVault <hubvault@local> "
        + QByteArray::number(epoch) + " +0000\n\n" + text;
    QByteArray object = "commit " + QByteArray::number(bodyBytes.size());
    object.append('\0');
    object.append(bodyBytes);
    QCOMPARE(info.oid, QString::fromLatin1(QCryptographicHash::hash(object, QCryptographicHash::Sha1).toHex()));
    VERIFY_REPO(repo);
}

void TestCommitWrite::invalidCommitArguments()
{
    Fixture f;
    Repository &repo = *f.repo;
    const QString head = headOf(repo);
    QVERIFY_THROWS_EXCEPTION(HubVaultValidationError,
                             repo.createCommit({CommitOperation::addBytes(QStringLiteral("a"), "a")}, message(QString())));
    QVERIFY_THROWS_EXCEPTION(HubVaultValidationError,
                             repo.createCommit({CommitOperation::addBytes(QStringLiteral("a"), "a")},
                                               message(QString(), QStringLiteral("description alone"))));
    QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, repo.createCommit({}, message(QStringLiteral("empty"))));
    QCOMPARE(headOf(repo), head);
    QCOMPARE(repo.listRepoCommits().size(), 1);
    VERIFY_REPO(repo);
}

void TestCommitWrite::identicalContentStoredOnce()
{
    Fixture f(1 << 20);
    Repository &repo = *f.repo;
    const QByteArray small = prng(5000, "small dup");
    repo.createCommit({CommitOperation::addBytes(QStringLiteral("a/one.bin"), small),
                       CommitOperation::addBytes(QStringLiteral("b/two.bin"), small)},
                      message(QStringLiteral("two paths, same bytes")));
    QCOMPARE(dataFileCount(f.root), 1);
    QCOMPARE(sqlCount(f.root, QStringLiteral("objects_blobs")), qint64(1));
    QCOMPARE(sqlCount(f.root, QStringLiteral("objects_files")), qint64(1));
    QCOMPARE(fileInfo(repo, QStringLiteral("a/one.bin")).oid, fileInfo(repo, QStringLiteral("b/two.bin")).oid);
    VERIFY_REPO(repo);

    repo.uploadBytes(small, QStringLiteral("c/three.bin"));
    QCOMPARE(dataFileCount(f.root), 1);
    QCOMPARE(sqlCount(f.root, QStringLiteral("objects_blobs")), qint64(1));
    VERIFY_REPO(repo);

    // Chunked: a whole-file duplicate writes no new pack and no new chunk rows.
    const QByteArray big = prng(3 * 1024 * 1024, "big dup");
    repo.uploadBytes(big, QStringLiteral("big/one.bin"));
    const QStringList packs = packFiles(f.root);
    QCOMPARE(packs.size(), 1);
    const qint64 chunkRows = sqlCount(f.root, QStringLiteral("chunk_visible"));
    const qint64 packBytes = totalPackBytes(f.root);
    QCOMPARE(chunkRows, qint64(cdcChunks(big).size()));
    QCOMPARE(packBytes, qint64(17 + big.size()));
    const qint64 fileRows = sqlCount(f.root, QStringLiteral("objects_files"));

    repo.uploadBytes(big, QStringLiteral("big/two.bin"));
    QCOMPARE(packFiles(f.root), packs);
    QCOMPARE(sqlCount(f.root, QStringLiteral("chunk_visible")), chunkRows);
    QCOMPARE(totalPackBytes(f.root), packBytes);
    QCOMPARE(sqlCount(f.root, QStringLiteral("objects_files")), fileRows);
    QCOMPARE(repo.readBytes(QStringLiteral("big/two.bin")), big);
    VERIFY_REPO(repo);

    // Two identical large files in one commit: one pack, each chunk once.
    const QByteArray other = prng(3 * 1024 * 1024 + 7, "same commit");
    repo.createCommit({CommitOperation::addBytes(QStringLiteral("pair/x.bin"), other),
                       CommitOperation::addBytes(QStringLiteral("pair/y.bin"), other)},
                      message(QStringLiteral("pair")));
    QCOMPARE(packFiles(f.root).size(), 2);
    QCOMPARE(totalPackBytes(f.root), packBytes + 17 + other.size());
    QCOMPARE(sqlCount(f.root, QStringLiteral("chunk_visible")), chunkRows + cdcChunks(other).size());
    QCOMPARE(repo.readBytes(QStringLiteral("pair/y.bin")), other);
    VERIFY_REPO(repo);
}

void TestCommitWrite::smallInsertionReusesUnaffectedChunks()
{
    // FastCDC's minimum chunk is 1 MiB, so "several chunks" needs more than ~3 MiB:
    // PRNG(12 MiB) has four (3808705, 3216691, 4612042, 945474 bytes).
    Fixture f(65536);
    Repository &repo = *f.repo;
    const QByteArray original = prng(12 * 1024 * 1024);
    const auto oldCuts = cdcChunks(original);
    QCOMPARE(oldCuts.size(), 4);
    repo.uploadBytes(original, QStringLiteral("model.bin"));
    const qint64 rowsBefore = sqlCount(f.root, QStringLiteral("chunk_visible"));
    const qint64 packBytesBefore = totalPackBytes(f.root);
    QCOMPARE(rowsBefore, qint64(4));

    QByteArray edited = original;
    edited.insert(5000000, prng(16, "inserted"));
    const auto newCuts = cdcChunks(edited);
    QSet<QString> oldIds, newIds;
    for (const auto &c : oldCuts)
        oldIds.insert(sha256Hex(QByteArrayView(original).sliced(c.first, c.second)));
    qint64 freshBytes = 0;
    for (const auto &c : newCuts) {
        const QString id = sha256Hex(QByteArrayView(edited).sliced(c.first, c.second));
        if (!oldIds.contains(id) && !newIds.contains(id))
            freshBytes += c.second;
        newIds.insert(id);
    }
    const QSet<QString> fresh = newIds - oldIds;
    // Only the chunk holding the insertion changes; the others are reused.
    QCOMPARE(fresh.size(), 1);
    QCOMPARE((newIds & oldIds).size(), 3);
    QCOMPARE(freshBytes, qint64(3216691 + 16));

    repo.uploadBytes(edited, QStringLiteral("model.bin"));
    QCOMPARE(sqlCount(f.root, QStringLiteral("chunk_visible")) - rowsBefore, qint64(fresh.size()));
    QCOMPARE(totalPackBytes(f.root) - packBytesBefore, 17 + freshBytes);
    QCOMPARE(packFiles(f.root).size(), 2);
    QCOMPARE(repo.readBytes(QStringLiteral("model.bin")), edited);
    QCOMPARE(repo.readBytes(QStringLiteral("model.bin"), repo.listRepoCommits().at(1).commitId), original);
    VERIFY_REPO(repo);
}

void TestCommitWrite::thresholdBoundary()
{
    Fixture f(65536);
    Repository &repo = *f.repo;
    const QByteArray at = prng(65536, "at");
    const QByteArray below = prng(65535, "below");
    repo.createCommit({CommitOperation::addBytes(QStringLiteral("at.bin"), at),
                       CommitOperation::addBytes(QStringLiteral("below.bin"), below),
                       CommitOperation::addBytes(QStringLiteral("empty.bin"), QByteArray())},
                      message(QStringLiteral("boundary")));

    const RepoFile chunked = fileInfo(repo, QStringLiteral("at.bin"));
    QVERIFY(chunked.lfs.has_value());
    QCOMPARE(chunked.size, qint64(65536));
    QCOMPARE(chunked.lfs->size, qint64(65536));
    QCOMPARE(chunked.lfs->sha256, sha256Hex(at));
    QCOMPARE(chunked.lfs->pointerSize, qint64(lfsPointer(at).size()));
    QCOMPARE(chunked.oid, gitBlobOid(lfsPointer(at)));
    QCOMPARE(chunked.etag, sha256Hex(at));
    QCOMPARE(sqlCount(f.root, QStringLiteral("chunk_visible")), qint64(1));
    QCOMPARE(totalPackBytes(f.root), qint64(17 + 65536));

    const RepoFile whole = fileInfo(repo, QStringLiteral("below.bin"));
    QVERIFY(!whole.lfs.has_value());
    QCOMPARE(whole.size, qint64(65535));
    QCOMPARE(whole.oid, gitBlobOid(below));
    QCOMPARE(whole.etag, whole.oid);
    QCOMPARE(whole.sha256, sha256Hex(below));

    const RepoFile empty = fileInfo(repo, QStringLiteral("empty.bin"));
    QVERIFY(!empty.lfs.has_value());
    QCOMPARE(empty.oid, QStringLiteral("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"));
    QCOMPARE(dataFileCount(f.root), 2);
    QCOMPARE(sqlCount(f.root, QStringLiteral("objects_blobs")), qint64(2));
    QCOMPARE(repo.readBytes(QStringLiteral("at.bin")), at);
    QCOMPARE(repo.readBytes(QStringLiteral("below.bin")), below);
    QCOMPARE(repo.readBytes(QStringLiteral("empty.bin")), QByteArray());
    VERIFY_REPO(repo);
}

QTEST_GUILESS_MAIN(TestCommitWrite)
#include "tst_commit_write.moc"
