// Writes under hostile conditions (docs/format.md §6, §10.1, §11): illegal paths, stale
// parent commits, inputs that change while they are read, a full disk, and cancellation.
// Each failure must raise a clear error and leave the repository exactly as it was: the
// truth (FORMAT, metadata.sqlite3, objects/, chunks/) byte-identical, refs and reflog
// unchanged, a later open and full verification clean and the next write cleaning txn/.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "Env.h"
#include "WriteTestSupport.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace hubvault;
using namespace hubvault::test;

namespace {

/** A random-access device that announces `announced` bytes but holds `data`. */
class LyingDevice : public QIODevice {
public:
    LyingDevice(QByteArray data, qint64 announced) : m_data(std::move(data)), m_announced(announced)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_announced; }
    bool atEnd() const override { return pos() >= m_data.size(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin(maxSize, m_data.size() - pos());
        if (n <= 0)
            return 0;
        memcpy(data, m_data.constData() + pos(), size_t(n));
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_announced;
};

/** A file that accepts only what is left of a shared byte budget ("disk full"). */
class LimitedFile : public QFile {
public:
    LimitedFile(const QString &path, std::atomic<qint64> *budget) : QFile(path), m_budget(budget) {}

protected:
    qint64 writeData(const char *data, qint64 len) override
    {
        const qint64 allowed = qMin(len, m_budget->load());
        if (allowed <= 0) {
            setErrorString(QStringLiteral("No space left on device"));
            return -1;
        }
        m_budget->fetch_sub(allowed);
        const qint64 written = QFile::writeData(data, allowed);
        if (written == allowed && allowed < len) {
            // Like write(2) on a full disk: what fits is written, then ENOSPC.
            setErrorString(QStringLiteral("No space left on device"));
            return -1;
        }
        return written;
    }

private:
    std::atomic<qint64> *m_budget;
};

/** The system Env with a disk that fills up after `budget` bytes of staged files. */
class FullDiskEnv : public Env {
public:
    mutable std::atomic<qint64> budget{std::numeric_limits<qint64>::max()};
    std::atomic<bool> failAtomicWrites{false};
    std::atomic<bool> failSync{false};
    mutable std::atomic<int> filesCreated{0};

    std::unique_ptr<QFile> createFile(const QString &path) const override
    {
        auto file = std::make_unique<LimitedFile>(path, &budget);
        if (!file->open(QIODevice::WriteOnly | QIODevice::NewOnly))
            throw HubVaultError(QStringLiteral("cannot create %1: %2").arg(path, file->errorString()));
        ++filesCreated;
        return file;
    }
    void syncFile(QFile &file) const override
    {
        if (failSync)
            throw HubVaultError(QStringLiteral("cannot write %1 to disk: No space left on device").arg(file.fileName()));
        Env::syncFile(file);
    }
    void writeFileAtomic(const QString &path, const QByteArray &data, bool durable) const override
    {
        if (failAtomicWrites)
            throw HubVaultError(QStringLiteral("cannot write %1: No space left on device").arg(path));
        Env::writeFileAtomic(path, data, durable);
    }
};

/** What a reader can observe of a repository, for before/after comparisons. */
struct RepoState {
    QMap<QString, QByteArray> truth;
    QStringList refs;
    QStringList files;
    QString head;

    static RepoState of(const QString &root)
    {
        RepoState s;
        s.truth = truthDigest(root);
        s.refs = refsAndReflog(root);
        LocalRepository repo = LocalRepository::open(root);
        s.files = repo.listRepoFiles();
        s.head = repo.resolveRevision({}).value_or(QString());
        return s;
    }
};

#define COMPARE_STATE(root, before)                                                                  \
    do {                                                                                             \
        const RepoState after_ = RepoState::of(root);                                                \
        QCOMPARE(after_.head, (before).head);                                                        \
        QCOMPARE(after_.files, (before).files);                                                      \
        QCOMPARE(after_.refs, (before).refs);                                                        \
        QCOMPARE(after_.truth.keys(), (before).truth.keys());                                        \
        QCOMPARE(after_.truth, (before).truth);                                                      \
    } while (0)

/** Open with the real Env, verify, write once more, and check txn/ ends up empty. */
#define CHECK_RECOVERS(root)                                                                         \
    do {                                                                                             \
        LocalRepository fresh_ = LocalRepository::open(root);                                                  \
        const VerifyReport report_ = fresh_.fullVerify();                                            \
        QVERIFY2(report_.ok, qPrintable(report_.errors.join(QLatin1Char('\n'))));                    \
        const QByteArray next_ = prng(70000, "next write");                                          \
        fresh_.uploadBytes(next_, QStringLiteral("after-failure.bin"));                              \
        QCOMPARE(fresh_.readBytes(QStringLiteral("after-failure.bin")), next_);                      \
        QCOMPARE(entriesOf(QString(root) + QStringLiteral("/txn")), QStringList());                  \
        const VerifyReport again_ = fresh_.fullVerify();                                             \
        QVERIFY2(again_.ok, qPrintable(again_.errors.join(QLatin1Char('\n'))));                      \
        QVERIFY2(again_.warnings.isEmpty(), qPrintable(again_.warnings.join(QLatin1Char('\n'))));    \
    } while (0)

CommitOptions message(const QString &text)
{
    CommitOptions options;
    options.commitMessage = text;
    return options;
}

/** A repository with a little of everything: whole blobs, a chunked file, folders. */
QString seededRepo(const QTemporaryDir &tmp, qint64 threshold = 65536, std::shared_ptr<Env> env = nullptr)
{
    const QString root = tmp.filePath(QStringLiteral("repo"));
    CreateRepoOptions options;
    options.largeFileThreshold = threshold;
    LocalRepository repo = LocalRepository::create(root, options, std::move(env));
    repo.createCommit({CommitOperation::addBytes(QStringLiteral("ok.txt"), "fine\n"),
                       CommitOperation::addBytes(QStringLiteral("dir/a.txt"), "a"),
                       CommitOperation::addBytes(QStringLiteral("dir/big.bin"), prng(200000, "seed big"))},
                      message(QStringLiteral("seed")));
    return root;
}

} // namespace

class TestWriteSafety : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void illegalPathsAreRefused_data();
    void illegalPathsAreRefused();
    void snapshotConflictsAreRefused();
    void staleParentCommitIsAConflict();
    void lyingStreamIsRefused_data();
    void lyingStreamIsRefused();
    void localFileChangingDuringUpload_data();
    void localFileChangingDuringUpload();
    void fullDisk_data();
    void fullDisk();
    void cancellation_data();
    void cancellation();
    void cancelledBeforeStart();
    void progressIsMonotonic();
};

void TestWriteSafety::illegalPathsAreRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("parent") << QStringLiteral("../x");
    QTest::newRow("absolute") << QStringLiteral("/abs");
    QTest::newRow("escape after descent") << QStringLiteral("a/../../b");
    QTest::newRow("dotdot inside") << QStringLiteral("a/../b");
    QTest::newRow("backslash parent") << QStringLiteral("a\\..\\..\\b");
    QTest::newRow("NUL") << QString::fromUtf8("a\0b", 3);
    QTest::newRow("con.txt") << QStringLiteral("con.txt");
    QTest::newRow("nested Con") << QStringLiteral("x/Con");
    QTest::newRow("lpt1.tar.gz") << QStringLiteral("lpt1.tar.gz");
    QTest::newRow("drive letter") << QStringLiteral("C:/x");
    QTest::newRow("colon") << QStringLiteral("a:b");
    QTest::newRow("wildcard") << QStringLiteral("dir/*.txt");
    QTest::newRow("dots only") << QStringLiteral("a/.../b");
    QTest::newRow("spaces only") << QStringLiteral("a/  /b");
    QTest::newRow("empty") << QString();
    QTest::newRow("only dot") << QStringLiteral("./");
}

void TestWriteSafety::illegalPathsAreRefused()
{
    QFETCH(QString, path);
    QTemporaryDir tmp;
    const QString root = seededRepo(tmp);
    const RepoState before = RepoState::of(root);
    const QString local = tmp.filePath(QStringLiteral("local.bin"));
    QVERIFY(writeFile(local, "local"));
    const QString folder = tmp.filePath(QStringLiteral("folder"));
    QVERIFY(writeFile(folder + QStringLiteral("/f.txt"), "f"));
    QBuffer stream;
    stream.setData("streamed");
    QVERIFY(stream.open(QIODevice::ReadOnly));
    {
        LocalRepository repo = LocalRepository::open(root);
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError, repo.uploadBytes("x", path));
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError, repo.uploadFile(local, path));
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError, repo.deleteFile(path));
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError, repo.deleteFolder(path));
        // Inside a commit, after a valid operation whose content is staged first.
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError,
                                 repo.createCommit({CommitOperation::addBytes(QStringLiteral("valid.bin"), prng(100000, "valid")),
                                                    CommitOperation::addBytes(path, "x")},
                                                   message(QStringLiteral("bad add"))));
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError,
                                 repo.createCommit({CommitOperation::addStream(path, &stream)}, message(QStringLiteral("bad stream"))));
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError,
                                 repo.createCommit({CommitOperation::remove(path)}, message(QStringLiteral("bad delete"))));
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError,
                                 repo.createCommit({CommitOperation::copy(QStringLiteral("ok.txt"), path)},
                                                   message(QStringLiteral("bad copy target"))));
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError,
                                 repo.createCommit({CommitOperation::copy(path, QStringLiteral("copy.txt"))},
                                                   message(QStringLiteral("bad copy source"))));
        if (!path.isEmpty() && path != QLatin1String("./")) { // empty prefix = repository root
            UploadFolderOptions options;
            options.folderPath = folder;
            options.pathInRepo = path;
            QVERIFY_THROWS_EXCEPTION(UnsupportedPathError, repo.uploadFolder(options));
        }
    }
    COMPARE_STATE(root, before);
    CHECK_RECOVERS(root);
}

void TestWriteSafety::snapshotConflictsAreRefused()
{
    QTemporaryDir tmp;
    const QString root = seededRepo(tmp);
    const RepoState before = RepoState::of(root);
    {
        LocalRepository repo = LocalRepository::open(root);
        // A file where a folder is, a folder below a file, and a case-fold twin (§11.2).
        QVERIFY_THROWS_EXCEPTION(ConflictError, repo.uploadBytes("x", QStringLiteral("dir")));
        QVERIFY_THROWS_EXCEPTION(ConflictError, repo.uploadBytes("x", QStringLiteral("ok.txt/inner")));
        QVERIFY_THROWS_EXCEPTION(ConflictError, repo.uploadBytes("x", QStringLiteral("OK.TXT")));
        QVERIFY_THROWS_EXCEPTION(ConflictError, repo.uploadBytes("x", QString::fromUtf8("dir/A.TXT")));
        QVERIFY_THROWS_EXCEPTION(ConflictError,
                                 repo.createCommit({CommitOperation::addBytes(QString::fromUtf8("Straße"), "1"),
                                                    CommitOperation::addBytes(QStringLiteral("STRASSE"), "2")},
                                                   message(QStringLiteral("fold"))));
        QVERIFY_THROWS_EXCEPTION(ConflictError,
                                 repo.createCommit({CommitOperation::addBytes(QStringLiteral("new/big.bin"), prng(300000, "conflict")),
                                                    CommitOperation::copy(QStringLiteral("dir"), QStringLiteral("ok.txt"))},
                                                   message(QStringLiteral("copy over a file"))));
    }
    COMPARE_STATE(root, before);
    // Directory names are not compared (QUIRK of §11.2): A/x next to a/y is fine.
    {
        LocalRepository repo = LocalRepository::open(root);
        repo.createCommit({CommitOperation::addBytes(QStringLiteral("DIR/b.txt"), "b")}, message(QStringLiteral("quirk")));
        QVERIFY(repo.listRepoFiles().contains(QStringLiteral("DIR/b.txt")));
    }
    CHECK_RECOVERS(root);
}

void TestWriteSafety::staleParentCommitIsAConflict()
{
    QTemporaryDir tmp;
    const QString root = seededRepo(tmp);
    QStringList stale;
    {
        LocalRepository repo = LocalRepository::open(root);
        const QString seed = *repo.resolveRevision({});
        stale = {repo.listRepoCommits().last().commitId, seed}; // the initial and the seed commit
        CommitOptions ok = message(QStringLiteral("with parent"));
        ok.parentCommit = seed;
        repo.uploadBytes("1", QStringLiteral("one.txt"), ok); // parent == head: accepted
    }
    const RepoState before = RepoState::of(root);
    QVERIFY(!stale.contains(before.head));
    {
        LocalRepository repo = LocalRepository::open(root);
        for (const QString &parent : std::as_const(stale)) {
            CommitOptions options = message(QStringLiteral("stale"));
            options.parentCommit = parent;
            QVERIFY_THROWS_EXCEPTION(ConflictError, repo.uploadBytes(prng(100000, "stale"), QStringLiteral("two.bin"), options));
            QVERIFY_THROWS_EXCEPTION(ConflictError, repo.deleteFile(QStringLiteral("ok.txt"), options));
            QVERIFY_THROWS_EXCEPTION(ConflictError, repo.deleteFolder(QStringLiteral("dir"), options));
            QVERIFY_THROWS_EXCEPTION(ConflictError,
                                     repo.createCommit({CommitOperation::addBytes(QStringLiteral("x"), "x")}, options));
        }
    }
    COMPARE_STATE(root, before);
    {
        // The head itself, by git OID or by branch name, is accepted.
        LocalRepository repo = LocalRepository::open(root);
        CommitOptions options = message(QStringLiteral("fresh parent"));
        options.parentCommit = before.head;
        const QString next = repo.uploadBytes("2", QStringLiteral("two.txt"), options).oid;
        options.parentCommit = QStringLiteral("main");
        repo.uploadBytes("3", QStringLiteral("three.txt"), options);
        QCOMPARE(repo.listRepoCommits().at(1).commitId, next);
    }
    CHECK_RECOVERS(root);
}

void TestWriteSafety::lyingStreamIsRefused_data()
{
    QTest::addColumn<qint64>("actual");
    QTest::addColumn<qint64>("announced");
    QTest::newRow("blob, fewer bytes") << qint64(30000) << qint64(40000);
    QTest::newRow("blob, more bytes") << qint64(40000) << qint64(30000);
    QTest::newRow("chunked, fewer bytes") << qint64(200000) << qint64(300000);
    QTest::newRow("chunked, more bytes") << qint64(300000) << qint64(200000);
    QTest::newRow("chunked, one byte more") << qint64(200001) << qint64(200000);
    QTest::newRow("chunked, one byte less") << qint64(199999) << qint64(200000);
}

void TestWriteSafety::lyingStreamIsRefused()
{
    QFETCH(qint64, actual);
    QFETCH(qint64, announced);
    QTemporaryDir tmp;
    const QString root = seededRepo(tmp);
    const RepoState before = RepoState::of(root);
    {
        LocalRepository repo = LocalRepository::open(root);
        LyingDevice device(prng(actual, "lying"), announced);
        try {
            repo.createCommit({CommitOperation::addBytes(QStringLiteral("fine.bin"), prng(100000, "fine")),
                               CommitOperation::addStream(QStringLiteral("lying.bin"), &device)},
                              message(QStringLiteral("lying stream")));
            QFAIL("a stream that does not match its announced size was accepted");
        } catch (const HubVaultError &e) {
            QVERIFY2(e.message().contains(QLatin1String("changed while it was being read")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QLatin1String("lying.bin")), qPrintable(e.message()));
        }
    }
    COMPARE_STATE(root, before);
    CHECK_RECOVERS(root);
}

void TestWriteSafety::localFileChangingDuringUpload_data()
{
    QTest::addColumn<qint64>("threshold");
    QTest::addColumn<bool>("grow");
    // Whole blobs are read in 4 MiB blocks with a progress report after each; chunked
    // files report after each chunk. The callback changes the file under the reader.
    QTest::newRow("blob grows") << qint64(16777216) << true;
    QTest::newRow("blob shrinks") << qint64(16777216) << false;
    QTest::newRow("chunked grows") << qint64(1 << 20) << true;
}

void TestWriteSafety::localFileChangingDuringUpload()
{
    QFETCH(qint64, threshold);
    QFETCH(bool, grow);
    QTemporaryDir tmp;
    const QString root = seededRepo(tmp, threshold);
    const RepoState before = RepoState::of(root);
    const QString local = tmp.filePath(QStringLiteral("changing.bin"));
    QVERIFY(writeFile(local, prng(6 * 1024 * 1024, "changing")));
    bool changed = false;
    TaskControl task;
    task.progress = [&](qint64, qint64, const QString &) {
        if (changed)
            return;
        changed = true;
        QFile f(local);
        if (grow) {
            QVERIFY(f.open(QIODevice::Append));
            f.write(QByteArray(1000, 'x'));
        } else {
            QVERIFY(f.resize(5 * 1024 * 1024));
        }
    };
    {
        LocalRepository repo = LocalRepository::open(root);
        try {
            repo.uploadFile(local, QStringLiteral("changing.bin"), {}, task);
            QFAIL("a file that changed while it was uploaded was committed");
        } catch (const HubVaultError &e) {
            QVERIFY2(e.message().contains(QLatin1String("changed while it was being read")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(local), qPrintable(e.message()));
        }
    }
    QVERIFY(changed);
    COMPARE_STATE(root, before);
    CHECK_RECOVERS(root);
}

void TestWriteSafety::fullDisk_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<qint64>("budget");
    QTest::addColumn<qint64>("size");
    // The repository's threshold is 1 MiB: 5000 bytes are a whole blob, MiBs a pack.
    QTest::newRow("blob write fails at once") << QStringLiteral("budget") << qint64(0) << qint64(5000);
    QTest::newRow("blob write fails midway") << QStringLiteral("budget") << qint64(3000) << qint64(5000);
    QTest::newRow("second file fails") << QStringLiteral("budget") << qint64(5002) << qint64(5000);
    QTest::newRow("pack magic fails") << QStringLiteral("budget") << qint64(10) << qint64(3 << 20);
    QTest::newRow("pack first chunk fails") << QStringLiteral("budget") << qint64(2 << 20) << qint64(6 << 20);
    QTest::newRow("pack second chunk fails") << QStringLiteral("budget") << qint64(5 << 20) << qint64(6 << 20);
    QTest::newRow("fsync of staged blob fails") << QStringLiteral("sync") << qint64(0) << qint64(5000);
    QTest::newRow("fsync of pack fails") << QStringLiteral("sync") << qint64(0) << qint64(3 << 20);
    QTest::newRow("transaction meta.json fails") << QStringLiteral("atomic") << qint64(0) << qint64(5000);
}

void TestWriteSafety::fullDisk()
{
    QFETCH(QString, mode);
    QFETCH(qint64, budget);
    QFETCH(qint64, size);
    QTemporaryDir tmp;
    auto env = std::make_shared<FullDiskEnv>();
    const QString root = seededRepo(tmp, 1 << 20, env);
    const RepoState before = RepoState::of(root);
    const QByteArray data = prng(size, "full disk");
    {
        LocalRepository repo = LocalRepository::open(root, env);
        if (mode == QLatin1String("budget"))
            env->budget = budget;
        else if (mode == QLatin1String("sync"))
            env->failSync = true;
        else
            env->failAtomicWrites = true;
        try {
            repo.createCommit({CommitOperation::addBytes(QStringLiteral("payload.bin"), data),
                               CommitOperation::addBytes(QStringLiteral("small.txt"), "small")},
                              message(QStringLiteral("disk full")));
            QFAIL("a write on a full disk succeeded");
        } catch (const CancelledError &) {
            QFAIL("disk full reported as a cancellation");
        } catch (const HubVaultError &e) {
            QVERIFY2(e.message().contains(QLatin1String("No space left on device")), qPrintable(e.message()));
        }
        // The same Env keeps refusing: still nothing visible.
        QVERIFY_THROWS_EXCEPTION(HubVaultError, repo.uploadBytes(data, QStringLiteral("again.bin")));
    }
    COMPARE_STATE(root, before);
    CHECK_RECOVERS(root);
}

void TestWriteSafety::cancellation_data()
{
    QTest::addColumn<qint64>("threshold");
    QTest::addColumn<int>("cancelAtReport");
    QTest::newRow("blob, first block") << qint64(16777216) << 1;
    QTest::newRow("blob, end of first file") << qint64(16777216) << 3;
    QTest::newRow("blob, second file") << qint64(16777216) << 4;
    QTest::newRow("chunked, first chunk") << qint64(1 << 20) << 1;
    QTest::newRow("chunked, later chunk") << qint64(1 << 20) << 3;
}

void TestWriteSafety::cancellation()
{
    QFETCH(qint64, threshold);
    QFETCH(int, cancelAtReport);
    QTemporaryDir tmp;
    const QString root = seededRepo(tmp, threshold);
    const RepoState before = RepoState::of(root);
    const QString folder = tmp.filePath(QStringLiteral("folder"));
    // Two 9 MiB files: three blocks (blob) / three chunks (chunked) each.
    QVERIFY(writeFile(folder + QStringLiteral("/one.bin"), prng(9 << 20, "cancel one")));
    QVERIFY(writeFile(folder + QStringLiteral("/two.bin"), prng(9 << 20, "cancel two")));
    TaskControl task;
    int reports = 0;
    task.progress = [&](qint64, qint64, const QString &) {
        if (++reports == cancelAtReport)
            task.cancel.cancel();
    };
    {
        LocalRepository repo = LocalRepository::open(root);
        UploadFolderOptions options;
        options.folderPath = folder;
        QVERIFY_THROWS_EXCEPTION(CancelledError, repo.uploadFolder(options, task));
    }
    QVERIFY(reports >= cancelAtReport);
    COMPARE_STATE(root, before);
    CHECK_RECOVERS(root);
}

void TestWriteSafety::cancelledBeforeStart()
{
    QTemporaryDir tmp;
    const QString root = seededRepo(tmp);
    const RepoState before = RepoState::of(root);
    TaskControl task;
    task.cancel.cancel();
    {
        LocalRepository repo = LocalRepository::open(root);
        QVERIFY_THROWS_EXCEPTION(CancelledError, repo.uploadBytes("tiny", QStringLiteral("tiny.txt"), {}, task));
        QVERIFY_THROWS_EXCEPTION(CancelledError, repo.uploadBytes(prng(300000, "c"), QStringLiteral("c.bin"), {}, task));
        QVERIFY_THROWS_EXCEPTION(CancelledError,
                                 repo.createCommit({CommitOperation::copy(QStringLiteral("ok.txt"), QStringLiteral("copy.txt"))},
                                                   message(QStringLiteral("copy")), task));
    }
    COMPARE_STATE(root, before);
    CHECK_RECOVERS(root);
}

void TestWriteSafety::progressIsMonotonic()
{
    QTemporaryDir tmp;
    const QString root = seededRepo(tmp, 1 << 20);
    const QString local = tmp.filePath(QStringLiteral("blob.bin"));
    QVERIFY(writeFile(local, prng(900000, "progress blob")));
    const QByteArray chunked = prng(9 << 20, "progress chunked");
    const QByteArray streamed = prng(5 << 20, "progress stream");
    QBuffer stream;
    stream.setData(streamed);
    QVERIFY(stream.open(QIODevice::ReadOnly));
    const qint64 expectedTotal = 900000 + chunked.size() + streamed.size();

    QList<qint64> done, totals;
    TaskControl task;
    task.progress = [&](qint64 d, qint64 t, const QString &) {
        done.append(d);
        totals.append(t);
    };
    LocalRepository repo = LocalRepository::open(root);
    repo.createCommit({CommitOperation::addFile(QStringLiteral("blob.bin"), local),
                       CommitOperation::addBytes(QStringLiteral("chunked.bin"), chunked),
                       CommitOperation::addStream(QStringLiteral("streamed.bin"), &stream)},
                      message(QStringLiteral("progress")), task);
    QVERIFY(done.size() >= 3);
    for (int i = 1; i < done.size(); ++i)
        QVERIFY2(done.at(i) > done.at(i - 1), qPrintable(QStringLiteral("report %1: %2 after %3").arg(i).arg(done.at(i)).arg(done.at(i - 1))));
    QCOMPARE(done.last(), expectedTotal);
    for (int i = 0; i < totals.size(); ++i) {
        QCOMPARE(totals.at(i), expectedTotal);
        QVERIFY(done.at(i) <= totals.at(i));
    }
    QCOMPARE(repo.readBytes(QStringLiteral("streamed.bin")), streamed);

    // With a pipe among the sources the total is unknown (0), done still increases.
    done.clear();
    totals.clear();
    const QByteArray piped = prng(3 << 20, "progress pipe");
    QBuffer backing;
    backing.setData(piped);
    QVERIFY(backing.open(QIODevice::ReadOnly));
    struct Pipe : QIODevice {
        QIODevice *source;
        explicit Pipe(QIODevice *s) : source(s) { open(QIODevice::ReadOnly); }
        bool isSequential() const override { return true; }
        qint64 readData(char *data, qint64 max) override
        {
            const qint64 n = source->read(data, qMin<qint64>(max, 65536));
            return n == 0 ? -1 : n;
        }
        qint64 writeData(const char *, qint64) override { return -1; }
    } pipe(&backing);
    repo.createCommit({CommitOperation::addFile(QStringLiteral("blob2.bin"), local),
                       CommitOperation::addStream(QStringLiteral("piped.bin"), &pipe)},
                      message(QStringLiteral("progress with a pipe")), task);
    QVERIFY(done.size() >= 2);
    for (int i = 1; i < done.size(); ++i)
        QVERIFY(done.at(i) > done.at(i - 1));
    QCOMPARE(done.last(), qint64(900000 + piped.size()));
    for (qint64 t : std::as_const(totals))
        QCOMPARE(t, qint64(0));
    QCOMPARE(repo.readBytes(QStringLiteral("piped.bin")), piped);
    const VerifyReport report = repo.fullVerify();
    QVERIFY2(report.ok, qPrintable(report.errors.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestWriteSafety)
#include "tst_write_safety.moc"
