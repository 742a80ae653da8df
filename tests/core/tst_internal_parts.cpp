// The write-path and maintenance parts of the core, used directly through a RepoSession
// rather than through Repository: RepositoryInit (initialize / load / ensureLayout),
// CommitWriter (CommitText::compose, buildCommit and createCommit reproducing docs/format.md
// §3.7 E4, buildTrees), RefUpdater, MergeEngine (merge base on a generated criss-cross
// history, a dry-run merge, unrelated histories), HistorySquasher and GarbageCollector,
// FolderUpload::operations (allow / ignore patterns, symlinks skipped), FileStream (seek
// and read across chunk boundaries, an error string on a damaged chunk), ContentReader
// (also stored chunks by id, through LocalRepository), and Verifier (quick vs full on
// fixture copies).

#include "InternalTestSupport.h"
#include "objectstore/PackStorage.h"

#include <hubvault/Errors.h>
#include <hubvault/FolderUpload.h>
#include <hubvault/LocalRepository.h>
#include "CommitWriter.h"
#include "ContentReader.h"
#include "FileStream.h"
#include "StoredRange.h"
#include "GarbageCollector.h"
#include "Hash.h"
#include "HistorySquasher.h"
#include "MergeEngine.h"
#include "PackWriter.h"
#include "ReadAheadWindow.h"
#include "RefUpdater.h"
#include "RepoSession.h"
#include "TreeWalker.h"
#include "Verifier.h"

#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace hubvault;
namespace ut = hubvault::utest;

namespace {

const QString kBootstrap = QStringLiteral("sha256:4d005e5a6770a15ab0c9a65bf21411cad8719bc4bf2a2d5297f69566276a88ef");
const QString kE3Root = QStringLiteral("sha256:b7db33a95bfbf42ca7d5516653bb82375c7fb4f23ecbe0579f3b1df868f2740c");

/** A repository created by RepositoryInit + CommitWriter, with a clock the test moves. */
struct FreshRepo {
    std::shared_ptr<FrozenClockEnv> env;
    std::unique_ptr<RepositoryContext> context;
    QDateTime now;

    FreshRepo(const QString &root, const QDateTime &start, const CreateRepoOptions &options = {})
        : env(std::make_shared<FrozenClockEnv>(start)), context(ut::newContext(root, env)), now(start)
    {
        if (!RepositoryInit::initialize(*context, options))
            qFatal("initialize refused a new directory");
        RepoSession session(*context, RepoSession::Access::Write);
        CommitWriter(session, TaskControl()).createInitialCommit();
    }
    void tick(int seconds = 60)
    {
        now = now.addSecs(seconds);
        env->setNow(now);
    }
    QString head(const QString &branch = QStringLiteral("main"))
    {
        RepoSession session(*context);
        const auto row = session.store().ref(QStringLiteral("branch"), branch);
        return row ? row->commitId : QString();
    }
    CommitInfo commit(const QList<CommitOperation> &ops, const QString &message, const QString &branch = {})
    {
        tick();
        CommitOptions options;
        options.commitMessage = message;
        options.revision = branch;
        RepoSession session(*context, RepoSession::Access::Write);
        return CommitWriter(session, TaskControl()).createCommit(ops, options);
    }
    template <typename F>
    auto write(F &&f)
    {
        tick();
        RepoSession session(*context, RepoSession::Access::Write);
        return f(session);
    }
};

QStringList repoPaths(const QList<CommitOperation> &ops)
{
    QStringList out;
    for (const CommitOperation &op : ops)
        out.append(op.pathInRepo);
    return out;
}

void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(data);
}

void flipByte(const QString &path, qint64 offset)
{
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    QFile f(path);
    f.open(QIODevice::ReadWrite);
    f.seek(offset);
    char c = 0;
    f.getChar(&c);
    f.seek(offset);
    f.putChar(char(c ^ 0x01));
}

QString parentsOf(RepoSession &session, const QString &commitId)
{
    return session.commit(commitId).parents.join(QLatin1Char(','));
}

/** The message of the `Error` that `call` throws; any other outcome is named instead. */
template <typename Error, typename F>
QString errorOf(F &&call)
{
    try {
        call();
    } catch (const HubVaultError &e) {
        if constexpr (std::is_same_v<Error, HubVaultError>)
            return e.message();
        else if (dynamic_cast<const Error *>(&e))
            return e.message();
        return QStringLiteral("wrong error type %1: %2").arg(e.kind(), e.message());
    }
    return QStringLiteral("no error");
}

} // namespace

class TstInternalParts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commitTextCompose_data();
    void commitTextCompose();
    void commitTextNeedsMessage();

    void initializeLaysOutRepository();
    void initializeRefusals();
    void loadChecks();
    void commitWriterReproducesE4();
    void commitWriterBuildTrees();
    void refUpdaterDirect();

    void mergeBaseOnCrissCross();
    void squashAndGcDirect();

    void folderUploadOperations();
    void fileStreamAcrossChunkBoundaries();
    void fileStreamDamagedChunk();
    void contentReaderOnChunkedFixture();
    void storedChunksById();

    void verifierQuickVersusFull();
    void verifierReportsDamagedContent();

    void readAheadFollowsSequentialReads();
};

// ---------------------------------------------------------------------------------------
// CommitText (§3.5)

void TstInternalParts::commitTextCompose_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<std::optional<QString>>("description");
    QTest::addColumn<QString>("storedMessage");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("body");
    const std::optional<QString> none;
    QTest::newRow("single line") << QStringLiteral("Initial commit") << none << QStringLiteral("Initial commit")
                                 << QStringLiteral("Initial commit") << QString();
    QTest::newRow("E4 embedded body") << QStringLiteral("seed\n\nbody text") << none << QStringLiteral("seed\n\nbody text")
                                      << QStringLiteral("seed") << QStringLiteral("body text");
    QTest::newRow("trailing newline") << QStringLiteral("x\n") << none << QStringLiteral("x\n") << QStringLiteral("x") << QString();
    QTest::newRow("CRLF, CR") << QStringLiteral("a\r\nb\rc") << none << QStringLiteral("a\r\nb\rc") << QStringLiteral("a")
                              << QStringLiteral("b\nc");
    QTest::newRow("unicode separators") << QStringLiteral("t\u2028d\u0085e\u000Bf") << none << QStringLiteral("t\u2028d\u0085e\u000Bf")
                                        << QStringLiteral("t") << QStringLiteral("d\ne\nf");
    QTest::newRow("leading blank lines") << QStringLiteral("\n\nx") << none << QStringLiteral("\n\nx") << QString()
                                         << QStringLiteral("x");
    QTest::newRow("only a newline") << QStringLiteral("\n") << none << QStringLiteral("\n") << QString() << QString();
    QTest::newRow("body keeps indentation and trailing") << QStringLiteral("line1\n  indented\n\n") << none
                                                         << QStringLiteral("line1\n  indented\n\n") << QStringLiteral("line1")
                                                         << QStringLiteral("  indented\n");
    QTest::newRow("description given") << QStringLiteral("title") << std::optional<QString>(QStringLiteral("desc"))
                                       << QStringLiteral("title\n\ndesc") << QStringLiteral("title") << QStringLiteral("desc");
    QTest::newRow("empty description") << QStringLiteral("title") << std::optional<QString>(QString()) << QStringLiteral("title")
                                       << QStringLiteral("title") << QString();
    QTest::newRow("description given, message not split")
        << QStringLiteral("a\nb") << std::optional<QString>(QStringLiteral("d\n")) << QStringLiteral("a\nb\n\nd\n")
        << QStringLiteral("a\nb") << QStringLiteral("d\n");
}

void TstInternalParts::commitTextCompose()
{
    QFETCH(QString, message);
    QFETCH(std::optional<QString>, description);
    QFETCH(QString, storedMessage);
    QFETCH(QString, title);
    QFETCH(QString, body);
    const CommitText text = CommitText::compose(message, description);
    QCOMPARE(text.message, storedMessage);
    QCOMPARE(text.title, title);
    QCOMPARE(text.description, body);
}

void TstInternalParts::commitTextNeedsMessage()
{
    QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, CommitText::compose(QString(), std::nullopt));
    QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, CommitText::compose(QString(), QStringLiteral("desc")));
}

// ---------------------------------------------------------------------------------------
// RepositoryInit (§1.2, §1.3, §1.4)

void TstInternalParts::initializeLaysOutRepository()
{
    QTemporaryDir tmp;
    const QString root = tmp.filePath(QStringLiteral("nested/new repo"));
    auto env = std::make_shared<FrozenClockEnv>(ut::utc("2024-01-01T00:00:00Z"));
    auto context = ut::newContext(root, env);
    CreateRepoOptions options;
    options.largeFileThreshold = 4096;
    QVERIFY(RepositoryInit::initialize(*context, options));
    QCOMPARE(context->defaultBranch, QStringLiteral("main"));
    QCOMPARE(context->largeFileThreshold, 4096);

    QFile format(root + QStringLiteral("/FORMAT"));
    QVERIFY(format.open(QIODevice::ReadOnly));
    QCOMPARE(format.readAll(), QByteArray("hubvault-repo/v1\n"));
    QFile manifest(root + QStringLiteral("/chunks/index/MANIFEST"));
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    QCOMPARE(manifest.readAll(), QByteArray(R"({"format_version":1,"levels":{"L0":[],"L1":[],"L2":[]}})"));
    for (const char *dir : {"refs/heads", "refs/tags", "logs/refs/heads", "logs/refs/tags", "objects/commits/sha256",
                            "objects/trees/sha256", "objects/files/sha256", "objects/blobs/sha256", "txn", "locks",
                            "cache/views/files", "cache/views/snapshots", "cache/files", "cache/snapshots",
                            "quarantine/objects", "quarantine/packs", "quarantine/manifests", "chunks/packs",
                            "chunks/index/L0", "chunks/index/L1", "chunks/index/L2"})
        QVERIFY2(QFileInfo(root + QLatin1Char('/') + QLatin1String(dir)).isDir(), dir);

    // Settings and the default branch without a commit (step 8; a crash here is a valid repo).
    const QString db = context->databasePath();
    QCOMPARE(ut::sql(db, QStringLiteral("SELECT key, value_json FROM repo_meta ORDER BY key")),
             (QList<QVariantList>{{QStringLiteral("default_branch"), QStringLiteral("\"main\"")},
                                  {QStringLiteral("file_mode"), QStringLiteral("\"whole-blob-first\"")},
                                  {QStringLiteral("format_version"), QStringLiteral("1")},
                                  {QStringLiteral("large_file_threshold"), QStringLiteral("4096")},
                                  {QStringLiteral("metadata"), QStringLiteral("{}")},
                                  {QStringLiteral("object_hash"), QStringLiteral("\"sha256\"")}}));
    QCOMPARE(ut::sql(db, QStringLiteral("SELECT ref_kind, ref_name, typeof(commit_id), updated_at FROM refs")),
             (QList<QVariantList>{{QStringLiteral("branch"), QStringLiteral("main"), QStringLiteral("null"),
                                   QStringLiteral("2024-01-01T00:00:00Z")}}));
    // load() accepts that state.
    auto loaded = ut::loadContext(root, env);
    QCOMPARE(loaded->largeFileThreshold, 4096);

    // Step 9: the bootstrap commit of E4.
    {
        RepoSession session(*context, RepoSession::Access::Write);
        const CommitInfo info = CommitWriter(session, TaskControl()).createInitialCommit();
        QCOMPARE(info.oid, QStringLiteral("ed0bbedab9f089f9be2fb385b248d45e66d56d51"));
        QCOMPARE(info.commitMessage, QStringLiteral("Initial commit"));
    }
    {
        RepoSession session(*context);
        QCOMPARE(session.store().ref(QStringLiteral("branch"), QStringLiteral("main"))->commitId, kBootstrap);
        const QList<ReflogRow> log = session.store().reflog(QStringLiteral("branch"), QStringLiteral("main"));
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.first().checksum, QStringLiteral("sha256:823eb6bb15c52180446b96a3e08fee4075d5d7e6ba814eea732ff5db44a71571"));
        QCOMPARE(session.store().txnLogCount(), 0);
        QVERIFY(QDir(root + QStringLiteral("/txn")).isEmpty());
    } // (initialize below takes the exclusive lock)

    // A second initialize on a repository reports it instead of touching it.
    auto again = ut::newContext(root, env);
    QVERIFY(!RepositoryInit::initialize(*again, options));
}

void TstInternalParts::initializeRefusals()
{
    QTemporaryDir tmp;
    auto init = [&](const QString &root, const CreateRepoOptions &options = {}) {
        auto context = ut::newContext(root);
        return RepositoryInit::initialize(*context, options);
    };
    // A non-empty directory, naming what is in the way.
    writeFile(tmp.filePath(QStringLiteral("busy/notes.txt")), "keep me");
    QString message = errorOf<HubVaultValidationError>([&] { init(tmp.filePath(QStringLiteral("busy"))); });
    QVERIFY2(message.contains(QLatin1String("not empty")) && message.contains(QLatin1String("notes.txt")), qPrintable(message));
    // Refused before anything is created in the foreign directory.
    QCOMPARE(QDir(tmp.filePath(QStringLiteral("busy"))).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             (QStringList{QStringLiteral("notes.txt")}));
    QVERIFY(!QFileInfo::exists(tmp.filePath(QStringLiteral("busy/FORMAT"))));
    // Hidden entries count too.
    writeFile(tmp.filePath(QStringLiteral("hidden/.profile")), "x");
    QVERIFY(errorOf<HubVaultValidationError>([&] { init(tmp.filePath(QStringLiteral("hidden"))); }).contains(QLatin1String(".profile")));
    // locks/ with something besides repo.lock.
    writeFile(tmp.filePath(QStringLiteral("locked/locks/other")), "");
    QVERIFY(errorOf<HubVaultValidationError>([&] { init(tmp.filePath(QStringLiteral("locked"))); }).contains(QLatin1String("locks")));
    // ... but locks/repo.lock alone is what an interrupted create leaves: accepted.
    writeFile(tmp.filePath(QStringLiteral("leftover/locks/repo.lock")), "");
    QVERIFY(init(tmp.filePath(QStringLiteral("leftover"))));
    // A file where the repository should be.
    writeFile(tmp.filePath(QStringLiteral("plain-file")), "x");
    QVERIFY(errorOf<HubVaultValidationError>([&] { init(tmp.filePath(QStringLiteral("plain-file"))); }).contains(QLatin1String("is a file")));
    // Bad options are refused before anything is created.
    CreateRepoOptions zero;
    zero.largeFileThreshold = 0;
    QVERIFY(errorOf<HubVaultValidationError>([&] { init(tmp.filePath(QStringLiteral("zero")), zero); }).contains(QLatin1String("large_file_threshold")));
    QVERIFY(!QFileInfo::exists(tmp.filePath(QStringLiteral("zero"))));
    CreateRepoOptions badBranch;
    badBranch.defaultBranch = QStringLiteral("-bad name");
    QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, init(tmp.filePath(QStringLiteral("badbranch")), badBranch));
    QVERIFY(!QFileInfo::exists(tmp.filePath(QStringLiteral("badbranch"))));
    // The branch name is stored normalized (§8.1).
    CreateRepoOptions slashy;
    slashy.defaultBranch = QStringLiteral("dev//x/");
    auto context = ut::newContext(tmp.filePath(QStringLiteral("slashy")));
    QVERIFY(RepositoryInit::initialize(*context, slashy));
    QCOMPARE(context->defaultBranch, QStringLiteral("dev/x"));
}

void TstInternalParts::loadChecks()
{
    QTemporaryDir tmp;
    QVERIFY_THROWS_EXCEPTION(RepositoryNotFoundError, ut::loadContext(tmp.filePath(QStringLiteral("missing"))));
    QVERIFY_THROWS_EXCEPTION(RepositoryNotFoundError, ut::loadContext(tmp.path())); // empty folder

    // Settings come from repo_meta (b-chunked-large was made with a 64 KiB threshold).
    const QString b = test::copyFixture(QStringLiteral("b-chunked-large"), tmp.path());
    auto context = ut::loadContext(b);
    QCOMPARE(context->largeFileThreshold, 65536);
    QCOMPARE(context->defaultBranch, QStringLiteral("main"));
    QCOMPARE(context->root, QDir::cleanPath(b));

    // ensureLayout restores dropped skeleton folders and the MANIFEST.
    QVERIFY(!QFileInfo::exists(b + QStringLiteral("/quarantine")));
    QVERIFY(QFile::remove(b + QStringLiteral("/chunks/index/MANIFEST")));
    RepositoryInit::ensureLayout(*context);
    QVERIFY(QFileInfo(b + QStringLiteral("/quarantine/packs")).isDir());
    QCOMPARE(QFileInfo(b + QStringLiteral("/chunks/index/MANIFEST")).size(), 55);

    // Wrong marker content: not ours (and not "not found").
    const QString c = test::copyFixture(QStringLiteral("c-branches-merges"), tmp.path());
    writeFile(c + QStringLiteral("/FORMAT"), "hubvault-repo/v2\n");
    QString message = errorOf<HubVaultError>([&] { ut::loadContext(c); });
    QVERIFY2(message.contains(QLatin1String("unsupported repository format")), qPrintable(message));
    writeFile(c + QStringLiteral("/FORMAT"), "hubvault-repo/v1\n");
    ut::loadContext(c);

    // Schema version other than 1.
    ut::sql(c + QStringLiteral("/metadata.sqlite3"), QStringLiteral("UPDATE schema_info SET value = '2'"), false);
    message = errorOf<HubVaultError>([&] { ut::loadContext(c); });
    QVERIFY2(message.contains(QLatin1String("schema version '2'")), qPrintable(message));
    ut::sql(c + QStringLiteral("/metadata.sqlite3"), QStringLiteral("UPDATE schema_info SET value = '1'"), false);

    // A required repo_meta key missing: incomplete (IntegrityError).
    ut::sql(c + QStringLiteral("/metadata.sqlite3"), QStringLiteral("DELETE FROM repo_meta WHERE key = 'object_hash'"), false);
    message = errorOf<IntegrityError>([&] { ut::loadContext(c); });
    QVERIFY2(message.contains(QLatin1String("incomplete")) && message.contains(QLatin1String("object_hash")), qPrintable(message));
}

// ---------------------------------------------------------------------------------------
// CommitWriter and RefUpdater

void TstInternalParts::commitWriterReproducesE4()
{
    QTemporaryDir tmp;
    FreshRepo repo(tmp.filePath(QStringLiteral("r")), ut::utc("2024-01-01T00:00:00Z"));
    QCOMPARE(repo.head(), kBootstrap);

    // buildCommit alone: the second commit of E4, payload byte for byte.
    {
        RepoSession session(*repo.context);
        const BuiltCommit built = CommitWriter::buildCommit(
            session, kE3Root, QStringLiteral("3e53413e9945ac68fee9978adbf609e9d816b581"), {kBootstrap},
            CommitText::compose(QStringLiteral("seed\n\nbody text"), std::nullopt), QJsonObject(), ut::utc("2024-01-02T03:04:05Z"));
        QCOMPARE(built.gitOid, QStringLiteral("2ee34107f2d2593c946a4e2a0436c64b9cc6ed25"));
        QCOMPARE(built.objectId, QStringLiteral("sha256:7c998105df490303cbae414eb55c3ef26476ab09f3bbb9770a591c34e9223169"));
        QCOMPARE(built.payload,
                 QByteArray(R"({"author":"","committer":"","created_at":"2024-01-02T03:04:05Z","description":"body text","format_version":1,"git_oid":"2ee34107f2d2593c946a4e2a0436c64b9cc6ed25","message":"seed\n\nbody text","metadata":{},"parents":["sha256:4d005e5a6770a15ab0c9a65bf21411cad8719bc4bf2a2d5297f69566276a88ef"],"title":"seed","tree_id":"sha256:b7db33a95bfbf42ca7d5516653bb82375c7fb4f23ecbe0579f3b1df868f2740c"})"));
    }

    // createCommit with the E3 files at the E4 time gives the very same commit.
    repo.env->setNow(ut::utc("2024-01-02T03:04:05Z"));
    CommitOptions options;
    options.commitMessage = QStringLiteral("seed\n\nbody text");
    RepoSession session(*repo.context, RepoSession::Access::Write);
    const CommitInfo info = CommitWriter(session, TaskControl())
                                .createCommit({CommitOperation::addBytes(QStringLiteral("README.md"), "hello\n"),
                                               CommitOperation::addBytes(QStringLiteral("data/x.bin"), QByteArray("\x00\x01\x02\x03", 4))},
                                              options);
    QCOMPARE(info.oid, QStringLiteral("2ee34107f2d2593c946a4e2a0436c64b9cc6ed25"));
    QCOMPARE(info.commitMessage, QStringLiteral("seed"));
    QCOMPARE(info.commitDescription, QStringLiteral("body text"));
    QCOMPARE(info.commitUrl, QStringLiteral("file://") + repo.context->root + QStringLiteral("#commit=") + info.oid);
    QCOMPARE(session.store().ref(QStringLiteral("branch"), QStringLiteral("main"))->commitId,
             QStringLiteral("sha256:7c998105df490303cbae414eb55c3ef26476ab09f3bbb9770a591c34e9223169"));
    QCOMPARE(session.store().reflog(QStringLiteral("branch"), QStringLiteral("main"), 1).first().checksum,
             QStringLiteral("sha256:15be36a631932356c290bec36a4e77b0a69db5826b5834fa59fd7c806f3ac3b3"));
    QVERIFY(session.store().hasPayload(ObjectType::File, ut::wholeBlob("hello\n").fileId));
    QVERIFY(QFileInfo(repo.context->blobDataPath(ut::wholeBlob("hello\n").blobId)).isFile());

    // A commit needs at least one operation (refused before anything is touched).
    CommitWriter writer(session, TaskControl());
    QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, writer.createCommit({}, options));
}

void TstInternalParts::commitWriterBuildTrees()
{
    QTemporaryDir tmp;
    FreshRepo repo(tmp.filePath(QStringLiteral("r")), ut::utc("2024-01-01T00:00:00Z"));
    repo.commit({CommitOperation::addBytes(QStringLiteral("README.md"), "hello\n")}, QStringLiteral("readme"));
    RepoSession session(*repo.context);
    // README.md is stored; data/x.bin is only staged (described by its payload).
    const ut::WholeBlobIds e1 = ut::wholeBlob("hello\n"), e2 = ut::wholeBlob(QByteArray("\x00\x01\x02\x03", 4));
    QList<BuiltObject> out;
    const auto [treeId, gitOid] = CommitWriter::buildTrees(session, {{QStringLiteral("README.md"), e1.fileId}, {QStringLiteral("data/x.bin"), e2.fileId}},
                                                           {{e2.fileId, e2.filePayload}}, out);
    QCOMPARE(treeId, kE3Root);
    QCOMPARE(gitOid, QStringLiteral("3e53413e9945ac68fee9978adbf609e9d816b581"));
    // A file that is neither stored nor staged is damage.
    QList<BuiltObject> out2;
    QVERIFY_THROWS_EXCEPTION(IntegrityError, CommitWriter::buildTrees(session, {{QStringLiteral("x"), e2.fileId}}, {}, out2));
}

void TstInternalParts::refUpdaterDirect()
{
    QTemporaryDir tmp;
    // Created at the E4 time, so the bootstrap commit is kBootstrap (git ed0bbeda…).
    FreshRepo repo(tmp.filePath(QStringLiteral("r")), ut::utc("2024-01-01T00:00:00Z"));
    repo.commit({CommitOperation::addBytes(QStringLiteral("a.txt"), "a")}, QStringLiteral("add a"));
    const QString head = repo.head();

    repo.write([](RepoSession &s) { RefUpdater(s).createBranch(QStringLiteral("feature//x/"), QString(), false); });
    repo.write([](RepoSession &s) { RefUpdater(s).createBranch(QStringLiteral("old"), kBootstrap, false); });
    QCOMPARE(repo.head(QStringLiteral("feature/x")), head);
    QCOMPARE(repo.head(QStringLiteral("old")), kBootstrap);
    QVERIFY_THROWS_EXCEPTION(ConflictError, repo.write([](RepoSession &s) { RefUpdater(s).createBranch(QStringLiteral("old"), QString(), false); }));
    repo.write([](RepoSession &s) { RefUpdater(s).createBranch(QStringLiteral("old"), QString(), true); }); // exist_ok: untouched
    QCOMPARE(repo.head(QStringLiteral("old")), kBootstrap);

    repo.write([](RepoSession &s) { RefUpdater(s).createTag(QStringLiteral("v1"), QStringLiteral("release one"), QString(), false); });
    repo.write([](RepoSession &s) { RefUpdater(s).createTag(QStringLiteral("v0"), QString(), QStringLiteral("old"), false); });
    const CommitInfo reset = repo.write([](RepoSession &s) {
        return RefUpdater(s).resetRef(QStringLiteral("feature/x"), QStringLiteral("ed0bbedab9f089f9be2fb385b248d45e66d56d51"));
    });
    QCOMPARE(reset.oid, QStringLiteral("ed0bbedab9f089f9be2fb385b248d45e66d56d51"));
    QCOMPARE(reset.commitMessage, QStringLiteral("Initial commit"));
    repo.write([](RepoSession &s) { RefUpdater(s).deleteTag(QStringLiteral("refs/tags/v0")); });
    repo.write([](RepoSession &s) { RefUpdater(s).deleteBranch(QStringLiteral("refs/heads/old")); });
    QVERIFY_THROWS_EXCEPTION(ConflictError, repo.write([](RepoSession &s) { RefUpdater(s).deleteBranch(QStringLiteral("main")); }));
    QVERIFY_THROWS_EXCEPTION(RevisionNotFoundError, repo.write([](RepoSession &s) { RefUpdater(s).deleteTag(QStringLiteral("nope")); }));
    QVERIFY_THROWS_EXCEPTION(RevisionNotFoundError,
                             repo.write([](RepoSession &s) { RefUpdater(s).resetRef(QStringLiteral("nope"), QStringLiteral("main")); }));

    RepoSession session(*repo.context);
    MetadataStore &store = session.store();
    QStringList refs;
    for (const RefRow &r : store.refs())
        refs.append(r.kind + QLatin1Char(' ') + r.name);
    QCOMPARE(refs, (QStringList{QStringLiteral("branch feature/x"), QStringLiteral("branch main"), QStringLiteral("tag v1")}));
    auto messages = [&](const QString &kind, const QString &name) {
        QStringList out;
        for (const ReflogRow &r : store.reflog(kind, name))
            out.prepend(r.message);
        return out;
    };
    QCOMPARE(messages(QStringLiteral("branch"), QStringLiteral("feature/x")), (QStringList{QStringLiteral("create branch"), QStringLiteral("reset ref")}));
    QCOMPARE(messages(QStringLiteral("branch"), QStringLiteral("old")), (QStringList{QStringLiteral("create branch"), QStringLiteral("delete branch")}));
    QCOMPARE(messages(QStringLiteral("tag"), QStringLiteral("v1")), QStringList{QStringLiteral("release one")});
    QCOMPARE(messages(QStringLiteral("tag"), QStringLiteral("v0")), (QStringList{QStringLiteral("create tag"), QStringLiteral("delete tag")}));
    const ReflogRow deleted = store.reflog(QStringLiteral("tag"), QStringLiteral("v0"), 1).first();
    QCOMPARE(deleted.oldHead, kBootstrap);
    QVERIFY(deleted.newHead.isEmpty());
    QCOMPARE(RefUpdater::describeCommit(session, head).commitMessage, QStringLiteral("add a"));
}

// ---------------------------------------------------------------------------------------
// MergeEngine, HistorySquasher, GarbageCollector

void TstInternalParts::mergeBaseOnCrissCross()
{
    QTemporaryDir tmp;
    FreshRepo repo(tmp.filePath(QStringLiteral("r")), ut::utc("2024-03-01T00:00:00Z"));
    repo.commit({CommitOperation::addBytes(QStringLiteral("base.txt"), "base")}, QStringLiteral("base"));
    const QString b = repo.head();
    repo.write([](RepoSession &s) { RefUpdater(s).createBranch(QStringLiteral("x"), QString(), false); });
    repo.commit({CommitOperation::addBytes(QStringLiteral("m.txt"), "m")}, QStringLiteral("M1"));
    repo.commit({CommitOperation::addBytes(QStringLiteral("x.txt"), "x")}, QStringLiteral("X1"), QStringLiteral("x"));
    const QString m1 = repo.head(), x1 = repo.head(QStringLiteral("x"));
    repo.write([](RepoSession &s) { RefUpdater(s).createBranch(QStringLiteral("m1"), QString(), false); });
    // Criss-cross: main merges X1, x merges M1.
    const MergeResult intoMain = repo.write([](RepoSession &s) { return MergeEngine(s).merge(QStringLiteral("x"), MergeOptions()); });
    QCOMPARE(intoMain.status, MergeStatus::Merged);
    MergeOptions toX;
    toX.targetRevision = QStringLiteral("x");
    const MergeResult intoX = repo.write([&](RepoSession &s) { return MergeEngine(s).merge(QStringLiteral("m1"), toX); });
    QCOMPARE(intoX.status, MergeStatus::Merged);
    const QString m2 = repo.head(), x2 = repo.head(QStringLiteral("x"));

    RepoSession session(*repo.context);
    QCOMPARE(parentsOf(session, m2), m1 + QLatin1Char(',') + x1);
    QCOMPARE(parentsOf(session, x2), x1 + QLatin1Char(',') + m1);
    MergeEngine engine(session);
    // M1 and X1 are both best common ancestors (total distance 2, longer side 1); the
    // smaller object id wins, from either side.
    const QString expected = qMin(m1, x1);
    QCOMPARE(engine.mergeBase(m2, x2), expected);
    QCOMPARE(engine.mergeBase(x2, m2), expected);
    QCOMPARE(engine.mergeBase(m1, x1), b);
    QCOMPARE(engine.mergeBase(m2, m1), m1); // an ancestor is its own base
    QCOMPARE(engine.mergeBase(m2, m2), m2);
    const QString bootstrap = session.commit(b).parents.first();
    QCOMPARE(engine.mergeBase(m2, bootstrap), bootstrap);
    QCOMPARE(engine.mergeBase(bootstrap, x2), bootstrap);

    // A dry run of the criss-cross merge computes the merge without writing it.
    const MergeResult preview = engine.merge(QStringLiteral("x"), MergeOptions(), true);
    QCOMPARE(preview.status, MergeStatus::Merged);
    QCOMPARE(preview.baseCommit, std::optional<QString>(session.commitGitOid(expected)));
    QCOMPARE(preview.headAfter, preview.targetHeadBefore);
    QVERIFY(preview.conflicts.isEmpty());
    QCOMPARE(session.store().ref(QStringLiteral("branch"), QStringLiteral("main"))->commitId, m2);

    // Merging the other way round is already up to date only when one side contains the other.
    const MergeResult same = engine.merge(QStringLiteral("m1"), MergeOptions(), true);
    QCOMPARE(same.status, MergeStatus::AlreadyUpToDate);
}

void TstInternalParts::squashAndGcDirect()
{
    QTemporaryDir tmp;
    FreshRepo repo(tmp.filePath(QStringLiteral("r")), ut::utc("2024-04-01T00:00:00Z"));
    repo.commit({CommitOperation::addBytes(QStringLiteral("base.txt"), "base")}, QStringLiteral("base"));
    repo.write([](RepoSession &s) { RefUpdater(s).createBranch(QStringLiteral("keep"), QString(), false); });
    repo.commit({CommitOperation::addBytes(QStringLiteral("a.txt"), "version 1")}, QStringLiteral("one"));
    repo.commit({CommitOperation::addBytes(QStringLiteral("a.txt"), "version 2")}, QStringLiteral("two\n\nwith body"));
    const QString oldHead = repo.head();
    QString oldParent;
    qsizetype commitsBefore = 0;
    {
        RepoSession s(*repo.context);
        oldParent = s.commit(oldHead).parents.first();
        commitsBefore = s.store().objectIds(ObjectType::Commit).size();
    }
    QCOMPARE(commitsBefore, 4);

    // Squash main down to its head, keeping the rest for gc.
    SquashOptions options;
    options.runGc = false;
    const SquashReport report = repo.write([&](RepoSession &s) { return HistorySquasher(s, TaskControl()).run(QStringLiteral("refs/heads/main"), options); });
    QCOMPARE(report.refName, QStringLiteral("refs/heads/main"));
    QCOMPARE(report.rewrittenCommitCount, 1);
    QCOMPARE(report.droppedAncestorCount, 3); // "one", "base", bootstrap
    QCOMPARE(report.blockingRefs, QStringList{QStringLiteral("refs/heads/keep")});
    QVERIFY(report.newHead != report.oldHead);
    QVERIFY(!report.gcReport);

    const QString newHead = repo.head();
    qint64 expectedObjects = 0;
    QString blobData, oneFile;
    {
        RepoSession s(*repo.context);
        const CommitPayload &rewritten = s.commit(newHead);
        const CommitPayload &old = s.commit(oldHead);
        QVERIFY(rewritten.parents.isEmpty());
        QCOMPARE(rewritten.treeId, old.treeId);
        QCOMPARE(rewritten.createdAt, old.createdAt);
        QCOMPARE(rewritten.title, QStringLiteral("two"));
        QCOMPARE(rewritten.description, QStringLiteral("with body"));
        QCOMPARE(s.commitGitOid(newHead), report.newHead);
        QCOMPARE(MergeEngine(s).mergeBase(newHead, repo.head(QStringLiteral("keep"))), QString()); // unrelated now
        QCOMPARE(s.store().reflog(QStringLiteral("branch"), QStringLiteral("main"), 1).first().message, QStringLiteral("squash history"));

        // gc, dry run: the old head and "one" (with its file and tree) are unreachable.
        for (const QString &id : {oldHead, oldParent})
            expectedObjects += s.store().payload(ObjectType::Commit, id)->size();
        const QString oneTree = s.commit(oldParent).treeId;
        expectedObjects += s.store().payload(ObjectType::Tree, oneTree)->size();
        oneFile = TreeWalker(s).lookup(oneTree, QStringLiteral("a.txt"))->objectId;
        const QString oneBlob = s.file(oneFile).contentObjectId;
        expectedObjects += s.store().payload(ObjectType::File, oneFile)->size() + s.store().payload(ObjectType::Blob, oneBlob)->size()
                           + QByteArray("version 1").size();
        blobData = repo.context->blobDataPath(oneBlob);
        QVERIFY(QFileInfo(blobData).isFile());
    } // the read session's shared lock must go before gc takes the exclusive one

    const GcReport dry = repo.write([](RepoSession &w) { return GarbageCollector(w, TaskControl()).run(true, true); });
    QVERIFY(dry.dryRun);
    QCOMPARE(dry.checkedRefs, (QStringList{QStringLiteral("refs/heads/keep"), QStringLiteral("refs/heads/main")}));
    QCOMPARE(dry.reclaimedObjectSize, expectedObjects);
    QCOMPARE(dry.removedFileCount, 5); // 2 commits, 1 tree, 1 file, 1 .data
    {
        RepoSession check(*repo.context);
        QCOMPARE(check.store().objectIds(ObjectType::Commit).size(), 5);
    }

    // The plan is what the dry run reports, and names what the real run removes.
    const GcPlan plan = repo.write([](RepoSession &w) { return GarbageCollector(w, TaskControl()).plan(true); });
    const GcReport fromPlan = plan.dryRunReport();
    QCOMPARE(fromPlan.removedFileCount, dry.removedFileCount);
    QCOMPARE(fromPlan.reclaimedSize, dry.reclaimedSize);
    QCOMPARE(fromPlan.reclaimedChunkSize, dry.reclaimedChunkSize);
    QCOMPARE(fromPlan.notes, dry.notes);
    QCOMPARE(plan.deadBlobData, QStringList{blobData});
    QVERIFY(plan.liveChunks.isEmpty());
    QStringList deadCommits;
    for (const auto &[type, ids] : plan.unreachable)
        if (type == ObjectType::Commit)
            deadCommits = ids;
    QStringList expectedDead{oldHead, oldParent};
    deadCommits.sort();
    expectedDead.sort();
    QCOMPARE(deadCommits, expectedDead);
    QVERIFY(QFileInfo(blobData).isFile()); // planning removed nothing

    const GcReport real = repo.write([](RepoSession &w) { return GarbageCollector(w, TaskControl()).run(false, true); });
    QVERIFY(!real.dryRun);
    QCOMPARE(real.reclaimedObjectSize, expectedObjects);
    QVERIFY(!QFileInfo::exists(blobData));
    RepoSession after(*repo.context);
    after.bypassSharedCache();
    QCOMPARE(after.store().objectIds(ObjectType::Commit).size(), 3);
    QVERIFY(!after.hasCommit(oldHead));
    QVERIFY(!after.store().hasPayload(ObjectType::File, oneFile));
    const VerifyReport verify = Verifier(after, Verifier::Depth::Full, TaskControl()).run();
    QVERIFY2(verify.ok, qPrintable(verify.errors.join(QLatin1Char('\n'))));
    QVERIFY(QDir(repo.context->path(QStringLiteral("quarantine/objects"))).isEmpty());
}

// ---------------------------------------------------------------------------------------
// FolderUpload

void TstInternalParts::folderUploadOperations()
{
    QTemporaryDir tmp;
    const QString root = tmp.filePath(QStringLiteral("upload"));
    writeFile(root + QStringLiteral("/a.txt"), "a");
    writeFile(root + QStringLiteral("/b.bin"), "b");
    writeFile(root + QStringLiteral("/.hidden"), "h");
    writeFile(root + QStringLiteral("/sub/c.txt"), "c");
    writeFile(root + QStringLiteral("/sub/deep/d.txt"), "d");
    writeFile(tmp.filePath(QStringLiteral("outside/secret.txt")), "s");
    QCOMPARE(::symlink("a.txt", (root + QStringLiteral("/link.txt")).toLocal8Bit().constData()), 0);
    QCOMPARE(::symlink(tmp.filePath(QStringLiteral("outside")).toLocal8Bit().constData(), (root + QStringLiteral("/linked-dir")).toLocal8Bit().constData()), 0);
    QCOMPARE(::symlink("missing", (root + QStringLiteral("/dangling.txt")).toLocal8Bit().constData()), 0);

    using Patterns = std::optional<QStringList>;
    const QList<CommitOperation> all = FolderUpload::operations(root, QString(), Patterns(), Patterns());
    // Regular files only (symlinks to files or folders are skipped), sorted.
    QCOMPARE(repoPaths(all), (QStringList{QStringLiteral(".hidden"), QStringLiteral("a.txt"), QStringLiteral("b.bin"),
                                          QStringLiteral("sub/c.txt"), QStringLiteral("sub/deep/d.txt")}));
    for (const CommitOperation &op : all) {
        QCOMPARE(op.kind, CommitOperation::Kind::Add);
        QCOMPARE(op.localPath, QFileInfo(root).absoluteFilePath() + QLatin1Char('/') + op.pathInRepo);
        QVERIFY(!op.bytes && !op.stream);
    }
    QCOMPARE(repoPaths(FolderUpload::operations(root, QStringLiteral("data/in"), Patterns(), Patterns())).first(),
             QStringLiteral("data/in/.hidden"));

    auto select = [&](const Patterns &allow, const Patterns &ignore) { return repoPaths(FolderUpload::operations(root, QString(), allow, ignore)); };
    // fnmatch: '*' crosses '/', '?' is one character, [seq] a set.
    QCOMPARE(select(QStringList{QStringLiteral("*.txt")}, Patterns()),
             (QStringList{QStringLiteral("a.txt"), QStringLiteral("sub/c.txt"), QStringLiteral("sub/deep/d.txt")}));
    QCOMPARE(select(QStringList{QStringLiteral("*.txt")}, QStringList{QStringLiteral("sub/deep/*")}),
             (QStringList{QStringLiteral("a.txt"), QStringLiteral("sub/c.txt")}));
    QCOMPARE(select(QStringList{QStringLiteral("?.txt")}, Patterns()), QStringList{QStringLiteral("a.txt")});
    QCOMPARE(select(QStringList{QStringLiteral("[ab].*")}, Patterns()), (QStringList{QStringLiteral("a.txt"), QStringLiteral("b.bin")}));
    QCOMPARE(select(QStringList{QStringLiteral("sub/*")}, Patterns()), (QStringList{QStringLiteral("sub/c.txt"), QStringLiteral("sub/deep/d.txt")}));
    QCOMPARE(select(QStringList{QStringLiteral("*.bin"), QStringLiteral(".*")}, Patterns()),
             (QStringList{QStringLiteral(".hidden"), QStringLiteral("b.bin")}));
    QCOMPARE(select(Patterns(), QStringList{QStringLiteral("*.txt"), QStringLiteral(".*")}), QStringList{QStringLiteral("b.bin")});
    // Matching is case-sensitive; an explicit empty allow list selects nothing.
    QCOMPARE(select(QStringList{QStringLiteral("*.TXT")}, Patterns()), QStringList());
    QCOMPARE(select(QStringList(), Patterns()), QStringList());
    QCOMPARE(select(Patterns(), QStringList{QStringLiteral("*")}), QStringList());
    // An empty ignore list ignores nothing.
    QCOMPARE(select(Patterns(), QStringList()).size(), 5);

    QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, FolderUpload::operations(root + QStringLiteral("/a.txt"), QString(), Patterns(), Patterns()));
    QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, FolderUpload::operations(tmp.filePath(QStringLiteral("nope")), QString(), Patterns(), Patterns()));
    QVERIFY(FolderUpload::operations(tmp.filePath(QStringLiteral("outside")), QString(), QStringList{QStringLiteral("x*")}, Patterns()).isEmpty());
}

// ---------------------------------------------------------------------------------------
// FileStream and ContentReader

void TstInternalParts::fileStreamAcrossChunkBoundaries()
{
    QTemporaryDir tmp;
    QDir(tmp.path()).mkpath(QStringLiteral("chunks/packs"));
    const QString pack = tmp.filePath(QStringLiteral("chunks/packs/s.pack"));
    const auto packs = std::make_shared<objectstore::PackStorage>(Env::system(), tmp.path());
    const QList<QByteArray> chunks{"0123456789", "abcdefg", "ABCDEFGHIJKLM"};
    QList<ChunkLocation> locations;
    {
        PackWriter writer(*Env::system(), pack);
        qint64 logical = 0;
        for (const QByteArray &c : chunks) {
            ChunkLocation loc;
            loc.packId = QFileInfo(pack).completeBaseName();
            loc.packs = packs;
            loc.offset = writer.append(c);
            loc.ref.chunkId = Hash::prefixedSha256(c);
            loc.ref.checksum = loc.ref.chunkId;
            loc.ref.logicalOffset = logical;
            loc.ref.logicalSize = c.size();
            loc.ref.storedSize = c.size();
            locations.append(loc);
            logical += c.size();
        }
        writer.finish();
    }
    const QByteArray all = chunks.join();
    FileStream stream(locations, all.size());
    QVERIFY(stream.isOpen() && stream.isReadable() && !stream.isWritable());
    QVERIFY(!stream.isSequential());
    QCOMPARE(stream.size(), 30);
    QCOMPARE(stream.readAll(), all);
    QVERIFY(stream.atEnd());

    // Every start and length, across one or two boundaries.
    for (int from = 0; from <= all.size(); ++from) {
        for (int len : {1, 3, 8, 20, 40}) {
            QVERIFY(stream.seek(from));
            QCOMPARE(stream.pos(), from);
            QCOMPARE(stream.read(len), all.mid(from, len));
        }
    }
    // Out of range seeks are refused and leave the position alone.
    QVERIFY(stream.seek(12));
    QVERIFY(!stream.seek(31));
    QVERIFY(!stream.seek(-1));
    QCOMPARE(stream.pos(), 12);
    // Byte by byte, backwards.
    for (int i = all.size() - 1; i >= 0; --i) {
        QVERIFY(stream.seek(i));
        char c = 0;
        QVERIFY(stream.getChar(&c));
        QCOMPARE(c, all.at(i));
    }
    QVERIFY(stream.seek(30));
    QCOMPARE(stream.read(5), QByteArray());
    // Writes are refused.
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (hubvault::FileStream): ReadOnly device");
    QCOMPARE(stream.write("x"), -1);

    // Whole-blob mode over an open file.
    const QString blob = tmp.filePath(QStringLiteral("blob.data"));
    writeFile(blob, all);
    auto range = std::make_shared<StoredRange>(
        StoredRange::blob(*Env::system(), blob, all.size(), Hash::prefixedSha256(all), VerifiedRanges::instance()));
    QCOMPARE(range->readVerified(), all);
    FileStream blobStream(std::move(range));
    QVERIFY(blobStream.seek(25));
    QCOMPARE(blobStream.read(100), all.mid(25));
    QVERIFY(blobStream.seek(3));
    QCOMPARE(blobStream.read(4), QByteArray("3456"));
    QVERIFY(!blobStream.seek(31));
}

void TstInternalParts::fileStreamDamagedChunk()
{
    QTemporaryDir tmp;
    QDir(tmp.path()).mkpath(QStringLiteral("chunks/packs"));
    const QString pack = tmp.filePath(QStringLiteral("chunks/packs/d.pack"));
    const auto packs = std::make_shared<objectstore::PackStorage>(Env::system(), tmp.path());
    const QList<QByteArray> chunks{QByteArray(100, 'a'), QByteArray(100, 'b'), QByteArray(100, 'c')};
    QList<ChunkLocation> locations;
    {
        PackWriter writer(*Env::system(), pack);
        for (qsizetype i = 0; i < chunks.size(); ++i) {
            ChunkLocation loc;
            loc.packId = QFileInfo(pack).completeBaseName();
            loc.packs = packs;
            loc.offset = writer.append(chunks.at(i));
            loc.ref.chunkId = Hash::prefixedSha256(chunks.at(i));
            loc.ref.checksum = loc.ref.chunkId;
            loc.ref.logicalOffset = 100 * i;
            loc.ref.logicalSize = loc.ref.storedSize = 100;
            locations.append(loc);
        }
        writer.finish();
    }
    flipByte(pack, 17 + 150); // inside the middle chunk
    FileStream stream(locations, 300);
    // The tail after the damage reads fine ...
    QVERIFY(stream.seek(200));
    QCOMPARE(stream.read(100), chunks.at(2));
    // ... a read through the damaged chunk fails with a message that says why.
    QVERIFY(stream.seek(0));
    const QByteArray got = stream.read(300);
    QVERIFY2(got.size() < 300, "damaged bytes were returned");
    QVERIFY2(stream.errorString().contains(QLatin1String("does not match its checksum")), qPrintable(stream.errorString()));
    QVERIFY(stream.errorString().contains(pack));
    // A missing pack is reported the same way.
    QVERIFY(QFile::remove(pack));
    FileStream gone(locations, 300);
    QCOMPARE(gone.read(10).size(), 0);
    QVERIFY2(gone.errorString().contains(QLatin1String("missing")), qPrintable(gone.errorString()));
}

void TstInternalParts::contentReaderOnChunkedFixture()
{
    QTemporaryDir tmp;
    const QString root = test::copyFixture(QStringLiteral("b-chunked-large"), tmp.path());
    auto context = ut::loadContext(root);
    std::unique_ptr<QIODevice> stream;
    QByteArray expected;
    qint64 boundary = 0;
    FilePayload big;
    {
        RepoSession session(*context);
        const QString head = session.store().ref(QStringLiteral("branch"), QStringLiteral("main"))->commitId;
        TreeWalker walker(session);
        const auto entry = walker.lookup(session.commit(head).treeId, QStringLiteral("models/big.bin"));
        QVERIFY(entry);
        big = session.file(entry->objectId);
        QVERIFY(big.isChunked());
        QCOMPARE(big.chunks.size(), 2);
        ContentReader reader(session);
        expected = reader.readAll(big);
        QCOMPARE(expected.size(), 1310736);
        QCOMPARE(ut::sha256Hex(expected), QStringLiteral("d95fc8e9ac0e13164797790d0f03c653052ea647123da7385ad42aea64db2f6a"));
        boundary = big.chunks.at(1).logicalOffset;
        QCOMPARE(boundary, 1223744);

        // Range reads (§5.7): clipped, empty past the end or for length 0, only the
        // overlapping chunks are looked up.
        QCOMPARE(reader.readRange(big, boundary - 7, 14), expected.mid(boundary - 7, 14));
        QCOMPARE(reader.readRange(big, expected.size() - 3, 100), expected.right(3));
        QCOMPARE(reader.readRange(big, expected.size(), 10), QByteArray());
        QCOMPARE(reader.readRange(big, 5, 0), QByteArray());
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, reader.readRange(big, -1, 3));
        QCOMPARE(reader.locateChunks(big, boundary, boundary + 1).size(), 1);
        QCOMPARE(reader.locateChunks(big, boundary - 1, boundary + 1).size(), 2);
        QCOMPARE(reader.locateChunks(big).size(), 2);

        // A whole blob, read and ranged.
        const auto small = walker.lookup(session.commit(head).treeId, QStringLiteral("small/below-threshold.bin"));
        QVERIFY(small);
        const FilePayload &smallFile = session.file(small->objectId);
        QVERIFY(!smallFile.isChunked());
        const QByteArray smallBytes = reader.readAll(smallFile);
        QCOMPARE(ut::sha256Hex(smallBytes), smallFile.sha256);
        QCOMPARE(reader.readRange(smallFile, 10, 20), smallBytes.mid(10, 20));
        auto smallStream = reader.openStream(smallFile);
        QVERIFY(smallStream->seek(smallBytes.size() - 4));
        QCOMPARE(smallStream->readAll(), smallBytes.right(4));

        stream = reader.openStream(big);
    }
    // The stream outlives the session (and its lock).
    QCOMPARE(stream->size(), expected.size());
    QByteArray streamed;
    while (!stream->atEnd()) {
        const QByteArray block = stream->read(99991);
        QVERIFY(!block.isEmpty());
        streamed.append(block);
    }
    QCOMPARE(streamed, expected);
    QVERIFY(stream->seek(boundary - 3));
    QCOMPARE(stream->read(6), expected.mid(boundary - 3, 6));
    QVERIFY(stream->seek(17));
    QCOMPARE(stream->read(5), expected.mid(17, 5));

    // Damage the second chunk on disk: full reads refuse, streams report it.
    RepoSession session(*context);
    ContentReader reader(session);
    const QList<ChunkLocation> locations = reader.locateChunks(big);
    flipByte(context->packPath(locations.at(1).packId), locations.at(1).offset + 10);
    QString message = errorOf<IntegrityError>([&] { reader.readAll(big); });
    QVERIFY2(message.contains(QLatin1String("does not match its checksum")), qPrintable(message));
    QCOMPARE(reader.readRange(big, 0, 100), expected.left(100)); // the first chunk is intact
    message = errorOf<IntegrityError>([&] { reader.readRange(big, boundary, 100); });
    QVERIFY2(message.contains(QLatin1String("does not match its checksum")), qPrintable(message));
    auto damaged = reader.openStream(big);
    QVERIFY(damaged->seek(boundary));
    QCOMPARE(damaged->read(100).size(), 0);
    QVERIFY2(damaged->errorString().contains(QLatin1String("does not match its checksum")), qPrintable(damaged->errorString()));
}

void TstInternalParts::storedChunksById()
{
    QTemporaryDir tmp;
    const QString root = test::copyFixture(QStringLiteral("b-chunked-large"), tmp.path());
    const QString bigPath = QStringLiteral("models/big.bin");
    const QString absent = QStringLiteral("sha256:") + QString(64, QLatin1Char('0'));
    QString first, second;
    {
        LocalRepository repo = LocalRepository::open(root);
        const FileStorageInfo big = repo.fileStorage(bigPath);
        QCOMPARE(big.chunks.size(), 2);
        first = big.chunks.at(0).chunkId;
        second = big.chunks.at(1).chunkId;
        QVERIFY(first.startsWith(QLatin1String("sha256:")));
        // A whole blob's object id names no chunk; the order (and repeats) of the question stay.
        const QString blobId = repo.fileStorage(QStringLiteral("small/below-threshold.bin")).chunks.at(0).chunkId;
        QCOMPARE(repo.storedChunks({second, absent, first, blobId, second}), QStringList({second, first, second}));
        QCOMPARE(repo.storedChunks({}), QStringList());

        QCOMPARE(repo.readChunk(first), repo.readRange(bigPath, 0, big.chunks.at(0).logicalSize));
        QCOMPARE(repo.readChunk(second), repo.readRange(bigPath, big.chunks.at(1).offset, big.chunks.at(1).logicalSize));
        QCOMPARE(errorOf<EntryNotFoundError>([&] { repo.readChunk(absent); }), QStringLiteral("chunk not found: ") + absent);

        // A chunk no file of the head uses any more is still stored until gc.
        repo.deleteFile(bigPath);
        QCOMPARE(repo.storedChunks({first, second}), QStringList({first, second}));
        QCOMPARE(QStringLiteral("sha256:") + ut::sha256Hex(repo.readChunk(second)), second);
    }

    // Damage is an IntegrityError, never wrong bytes.
    auto context = ut::loadContext(root);
    {
        RepoSession session(*context);
        const auto row = session.chunk(second);
        QVERIFY(row);
        flipByte(context->packPath(row->packId), row->offset + 10);
        const QString message = errorOf<IntegrityError>([&] { ContentReader(session).readStoredChunk(second); });
        QVERIFY2(message.contains(QLatin1String("does not match its checksum")), qPrintable(message));
    }
    // A row recording another checksum than its id would hand out bytes of another id.
    QCOMPARE(test::sqlExecStatements(root, {QStringLiteral("UPDATE chunk_visible SET checksum = '%1' WHERE chunk_id = '%2'")
                                                .arg(absent, first)}, false),
             QString());
    RepoSession session(*context);
    const QString message = errorOf<IntegrityError>([&] { ContentReader(session).readStoredChunk(first); });
    QVERIFY2(message.contains(QLatin1String("is recorded with checksum")), qPrintable(message));
}

// ---------------------------------------------------------------------------------------
// Verifier (§10.5)

void TstInternalParts::verifierQuickVersusFull()
{
    QTemporaryDir tmp;
    const QString root = test::copyFixture(QStringLiteral("c-branches-merges"), tmp.path());
    auto context = ut::loadContext(root);
    const QJsonObject manifest = ut::manifest(QStringLiteral("c-branches-merges"));
    auto expectedRefs = [&](const char *key) {
        QStringList out;
        for (const QJsonValue &v : manifest.value(QLatin1String(key))[QLatin1String("checked_refs")].toArray())
            out.append(v.toString());
        return out;
    };
    auto run = [&](Verifier::Depth depth) {
        RepoSession session(*context);
        session.bypassSharedCache();
        return Verifier(session, depth, TaskControl()).run();
    };
    VerifyReport quick = run(Verifier::Depth::Quick), full = run(Verifier::Depth::Full);
    QVERIFY(quick.ok && full.ok);
    QCOMPARE(quick.checkedRefs, expectedRefs("quick_verify"));
    QCOMPARE(full.checkedRefs, expectedRefs("full_verify"));
    QVERIFY(quick.warnings.isEmpty() && full.warnings.isEmpty());

    // An unreachable object whose id does not match its payload, and a chunk index row
    // pointing at a pack that does not exist: only a full verify looks at those.
    const QString db = context->databasePath();
    const QString bogus = QStringLiteral("sha256:") + QString(64, QLatin1Char('1'));
    ut::sql(db, QStringLiteral("INSERT INTO objects_trees (object_id, payload_json) VALUES ('%1', "
                               "'{\"entries\":[],\"format_version\":1,\"git_oid\":\"4b825dc642cb6eb9a060e54bf8d69288fbee4904\"}')")
                    .arg(bogus),
            false);
    const QString chunk = Hash::prefixedSha256("orphan chunk");
    ut::sql(db, QStringLiteral("INSERT INTO chunk_visible VALUES ('%1', 'no-such-pack', 17, 12, 12, 'none', '%1')").arg(chunk), false);
    quick = run(Verifier::Depth::Quick);
    full = run(Verifier::Depth::Full);
    QVERIFY2(quick.ok, qPrintable(quick.errors.join(QLatin1Char('\n'))));
    QVERIFY(!full.ok);
    QCOMPARE(full.errors.size(), 2);
    QCOMPARE(full.errors.at(0), QStringLiteral("tree %1: object id mismatch").arg(bogus));
    QVERIFY2(full.errors.at(1).startsWith(QLatin1String("chunk storage: ")) && full.errors.at(1).contains(QLatin1String("no-such-pack")),
             qPrintable(full.errors.at(1)));

    // Leftovers are warnings for both depths, in name order.
    QVERIFY(QDir().mkpath(root + QStringLiteral("/txn/20240101T000000Z-deadbeef")));
    writeFile(root + QStringLiteral("/txn/stray.txt"), "x");
    writeFile(root + QStringLiteral("/locks/other.lock"), "");
    quick = run(Verifier::Depth::Quick);
    QCOMPARE(quick.warnings, (QStringList{QStringLiteral("pending transaction directory: 20240101T000000Z-deadbeef"),
                                          QStringLiteral("unexpected txn entry: stray.txt"),
                                          QStringLiteral("unexpected lock artifact: other.lock")}));
    QCOMPARE(run(Verifier::Depth::Full).warnings, quick.warnings);
    QVERIFY(quick.ok); // warnings do not make a repository bad
}

void TstInternalParts::verifierReportsDamagedContent()
{
    QTemporaryDir tmp;
    const QString root = test::copyFixture(QStringLiteral("c-branches-merges"), tmp.path());
    auto context = ut::loadContext(root);
    QString blobData, fileOid;
    {
        RepoSession session(*context);
        // A file only the v0-initial tag... has none; take one of release/v1's files.
        const QString head = session.store().ref(QStringLiteral("branch"), QStringLiteral("release/v1"))->commitId;
        const FlatSnapshot files = TreeWalker(session).flatten(session.commit(head).treeId);
        QVERIFY(!files.empty());
        const FilePayload &f = session.file(files.front().second);
        blobData = context->blobDataPath(f.contentObjectId);
        fileOid = f.oid;
    }
    flipByte(blobData, 0);
    RepoSession session(*context);
    session.bypassSharedCache();
    const VerifyReport quick = Verifier(session, Verifier::Depth::Quick, TaskControl()).run();
    QVERIFY(!quick.ok);
    // Reported per ref that reaches it, with the ref's full name first.
    QVERIFY(!quick.errors.isEmpty());
    QStringList refs;
    for (const QString &e : quick.errors) {
        QVERIFY2(e.contains(QLatin1String("payload_sha256")) || e.contains(QLatin1String("mismatch")), qPrintable(e));
        refs.append(e.section(QLatin1Char(':'), 0, 0));
    }
    QVERIFY2(refs.contains(QStringLiteral("refs/heads/release/v1")), qPrintable(refs.join(QLatin1Char(','))));
    QVERIFY(refs.contains(QStringLiteral("refs/tags/v1.0")));
    QVERIFY(!refs.contains(QStringLiteral("refs/tags/v0-initial"))); // the empty bootstrap commit
    // A cancelled verify stops with CancelledError.
    TaskControl cancelled;
    cancelled.cancel.cancel();
    QVERIFY_THROWS_EXCEPTION(CancelledError, Verifier(session, Verifier::Depth::Full, cancelled).run());
}

// ---------------------------------------------------------------------------------------
// ReadAheadWindow

void TstInternalParts::readAheadFollowsSequentialReads()
{
    ReadAheadWindow w;
    const QString a = QStringLiteral("sha256:a"), b = QStringLiteral("sha256:b");
    QCOMPARE(w.onMiss(a, 0), 0); // one read says nothing about the next
    QCOMPARE(w.onMiss(a, 1), ReadAheadWindow::kFirstWindow);
    w.prefetchedUpTo(a, 1 + ReadAheadWindow::kFirstWindow);
    // The reader consumed the prefetched entries and misses right after them: it doubles.
    QCOMPARE(w.onMiss(a, 1 + ReadAheadWindow::kFirstWindow), 2 * ReadAheadWindow::kFirstWindow);
    w.prefetchedUpTo(a, 100);
    QCOMPARE(w.onMiss(a, 100), 4 * ReadAheadWindow::kFirstWindow);
    w.prefetchedUpTo(a, 200);
    QCOMPARE(w.onMiss(a, 200), ReadAheadWindow::kMaxWindow);
    w.prefetchedUpTo(a, 300);
    QCOMPARE(w.onMiss(a, 300), ReadAheadWindow::kMaxWindow); // capped
    // A jump, or another folder, closes the window; random reads never prefetch.
    QCOMPARE(w.onMiss(a, 10), 0);
    QCOMPARE(w.onMiss(b, 11), 0);
    for (qsizetype i : {500, 7, 250, 3, 999})
        QCOMPARE(w.onMiss(b, i), 0);
}

QTEST_GUILESS_MAIN(TstInternalParts)
#include "tst_internal_parts.moc"
