// RemoteRepository against a real `hubvault serve` on a copy of fixture c-branches-merges:
// every read must equal what LocalRepository reads from the same folder, writes must land,
// uploads must send only what the server lacks, and failures must map to typed errors.
// Through it this suite covers the parts of src/core/remote: HttpSession (requests,
// retries, error mapping), RemoteJson (the wire models), CommitUpload (plan and commit),
// RemoteFile (openFile's ranged reads and seeks) and DownloadCache (reuse by size and hash).
#include "TestSupport.h"

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <sys/prctl.h>

#include <hubvault/LocalRepository.h>
#include <hubvault/ModelJson.h>
#include <hubvault/RemoteRepository.h>

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QThreadPool>
#include <thread>
#include <QTemporaryDir>
#include <QtTest>

using namespace hubvault;

namespace {

int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const int port = probe.serverPort();
    probe.close();
    return port;
}

template <typename T>
QJsonArray jsonOf(const QList<T> &items)
{
    return ModelJson::toJsonArray(items);
}

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    QRandomGenerator gen(seed);
    gen.fillRange(reinterpret_cast<quint32 *>(out.data()), size / 4);
    return out;
}

} // namespace

class TestRemoteRepository : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_repoPath;
    QString m_url;
    QProcess m_server;
    QProcess m_chunkServer; ///< on a new repository that chunks from 64 KiB

    /** Starts `hubvault serve` with the test's tokens; returns its URL once it serves ("" on failure). */
    QString startServer(QProcess &server, const QStringList &args)
    {
        const int port = freePort();
        server.setReadChannel(QProcess::StandardError);
        // A test killed by its timeout must not leave its server running.
        server.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        server.setStandardOutputFile(QProcess::nullDevice());
        server.start(QStringLiteral(HUBVAULT_CLI_PATH),
                     QStringList{QStringLiteral("serve"), QStringLiteral("--port"), QString::number(port),
                                 QStringLiteral("--mode"), QStringLiteral("api"), QStringLiteral("--token-ro"),
                                 QStringLiteral("rotok"), QStringLiteral("--token-rw"), QStringLiteral("rwtok"),
                                 QStringLiteral("--access-log"), QStringLiteral("-")} + args);
        if (!server.waitForStarted())
            return {};
        QByteArray err;
        QDeadlineTimer deadline(20000);
        while (!err.contains("serving ") && !deadline.hasExpired() && server.state() == QProcess::Running) {
            server.waitForReadyRead(200);
            err += server.readAllStandardError();
        }
        if (!err.contains("serving ")) {
            qWarning("%s", err.constData());
            return {};
        }
        return QStringLiteral("http://127.0.0.1:%1").arg(port);
    }
    static void stopServer(QProcess &server)
    {
        if (server.state() == QProcess::NotRunning)
            return;
        server.terminate();
        if (!server.waitForFinished(5000))
            server.kill();
    }
    std::unique_ptr<LocalRepository> m_local;
    std::unique_ptr<RemoteRepository> m_remote;

    RemoteOptions options() const
    {
        RemoteOptions o;
        o.cacheDir = m_tmp.filePath(QStringLiteral("cache"));
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_repoPath = test::copyFixture(QStringLiteral("c-branches-merges"), m_tmp.path());
        QVERIFY(!m_repoPath.isEmpty());
        m_url = startServer(m_server, {m_repoPath});
        QVERIFY(!m_url.isEmpty());
        m_local = std::make_unique<LocalRepository>(LocalRepository::open(m_repoPath));
        m_remote = std::make_unique<RemoteRepository>(m_url, QStringLiteral("rwtok"), options());
    }

    void cleanupTestCase()
    {
        stopServer(m_server);
        stopServer(m_chunkServer);
    }

    void factoryOpensUrls()
    {
        qputenv("HUBVAULT_TOKEN", "rotok");
        const auto repo = openRepository(m_url + QLatin1Char('/'));
        qunsetenv("HUBVAULT_TOKEN");
        QCOMPARE(repo->location(), m_url);
        QCOMPARE(repo->defaultBranch(), QStringLiteral("main"));
        QCOMPARE(repo->largeFileThreshold(), qint64(16777216));
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, createRepository(m_url));
    }

    void readsMatchTheLocalRepository_data()
    {
        QTest::addColumn<QString>("revision");
        QTest::newRow("default") << QString();
        QTest::newRow("topic") << QStringLiteral("topic");
        QTest::newRow("tag") << QStringLiteral("v1.0");
    }
    void readsMatchTheLocalRepository()
    {
        QFETCH(QString, revision);
        RepoInfo remote = m_remote->repoInfo(revision);
        RepoInfo local = m_local->repoInfo(revision);
        remote.repoPath = local.repoPath;
        QCOMPARE(ModelJson::toJson(remote), ModelJson::toJson(local));
        QCOMPARE(m_remote->listRepoFiles(revision), m_local->listRepoFiles(revision));
        QCOMPARE(jsonOf(m_remote->listRepoTree({}, true, revision)), jsonOf(m_local->listRepoTree({}, true, revision)));
        if (m_local->listRepoFiles(revision).contains(QStringLiteral("topic/one.txt"))) {
            QCOMPARE(jsonOf(m_remote->listRepoTree(QStringLiteral("topic"), false, revision)),
                     jsonOf(m_local->listRepoTree(QStringLiteral("topic"), false, revision)));
        }
        const QStringList paths{QStringLiteral("keep.txt"), QStringLiteral("topic"), QStringLiteral("missing.txt")};
        QCOMPARE(jsonOf(m_remote->getPathsInfo(paths, revision)), jsonOf(m_local->getPathsInfo(paths, revision)));
        QCOMPARE(jsonOf(m_remote->listRepoCommits(revision)), jsonOf(m_local->listRepoCommits(revision)));
        QCOMPARE(jsonOf(m_remote->listRepoCommits(revision, 2)), jsonOf(m_local->listRepoCommits(revision, 2)));
        QCOMPARE(m_remote->countCommits(revision), m_local->countCommits(revision));
        QCOMPARE(m_remote->resolveRevision(revisionOrMain(revision)), m_local->resolveRevision(revisionOrMain(revision)));
    }

    void commitDetailsMatch()
    {
        for (const GitCommitInfo &c : m_local->listRepoCommits(QStringLiteral("main"))) {
            QCOMPARE(ModelJson::toJson(m_remote->getCommitDetail(c.commitId)),
                     ModelJson::toJson(m_local->getCommitDetail(c.commitId)));
            QCOMPARE(m_remote->changedPaths(c.commitId), m_local->changedPaths(c.commitId));
        }
        // A revision with '/' cannot be a path segment: it goes by its commit id.
        QCOMPARE(ModelJson::toJson(m_remote->getCommitDetail(QStringLiteral("release/v1"))),
                 ModelJson::toJson(m_local->getCommitDetail(QStringLiteral("release/v1"))));
        const CommitGraphNode node = m_remote->readCommitGraph({QStringLiteral("main")}, true).first();
        const CommitGraphNode local = m_local->readCommitGraph({QStringLiteral("main")}, true).first();
        QCOMPARE(node.commitId, local.commitId);
        QCOMPARE(node.parentCommitIds, local.parentCommitIds);
        QCOMPARE(node.changedPaths, local.changedPaths);
        QVERIFY(node.objectId.isEmpty()); // not on the wire, and never made up
        // A diff limit of 0 (the app's commit details: sizes and ids only) gives the
        // changed files without diff text.
        for (const GitCommitInfo &c : m_local->listRepoCommits(QStringLiteral("main"))) {
            const CommitDetailInfo remote = m_remote->getCommitDetail(c.commitId, 0, 0);
            const CommitDetailInfo local = m_local->getCommitDetail(c.commitId, 0, 0);
            QCOMPARE(remote.changes.size(), local.changes.size());
            for (qsizetype i = 0; i < remote.changes.size(); ++i) {
                QCOMPARE(remote.changes.at(i).path, local.changes.at(i).path);
                QCOMPARE(ModelJson::toJson(remote.changes.at(i)).value("new_file"), ModelJson::toJson(local.changes.at(i)).value("new_file"));
                QVERIFY(!remote.changes.at(i).unifiedDiff);
            }
        }
    }

    void refsAndReflogsMatch()
    {
        QCOMPARE(ModelJson::toJson(m_remote->listRepoRefs()), ModelJson::toJson(m_local->listRepoRefs()));
        for (const QString &ref : {QStringLiteral("main"), QStringLiteral("release/v1"), QStringLiteral("refs/tags/v1.0")}) {
            QCOMPARE(jsonOf(m_remote->listRepoReflog(ref)), jsonOf(m_local->listRepoReflog(ref)));
            QCOMPARE(jsonOf(m_remote->listRepoReflog(ref, 1)), jsonOf(m_local->listRepoReflog(ref, 1)));
        }
    }

    void contentMatches()
    {
        for (const QString &path : m_local->listRepoFiles()) {
            QCOMPARE(m_remote->readBytes(path), m_local->readBytes(path));
            QCOMPARE(m_remote->readRange(path, 2, 5), m_local->readRange(path, 2, 5));
        }
        QCOMPARE(m_remote->readBytes(QStringLiteral("shared.txt"), QStringLiteral("topic")),
                 m_local->readBytes(QStringLiteral("shared.txt"), QStringLiteral("topic")));
        const FileStorageInfo storage = m_remote->fileStorage(QStringLiteral("keep.txt"));
        QCOMPARE(storage.storageKind, StorageKind::Blob);
        QCOMPARE(storage.size, qint64(5));
    }

    void openFileReadsAndSeeks()
    {
        const std::unique_ptr<QIODevice> file = m_remote->openFile(QStringLiteral("shared.txt"));
        const QByteArray expected = m_local->readBytes(QStringLiteral("shared.txt"));
        QCOMPARE(file->size(), qint64(expected.size()));
        QCOMPARE(file->readAll(), expected);
        QVERIFY(file->seek(3));
        QCOMPARE(file->read(4), expected.mid(3, 4));
        QVERIFY(file->seek(0));
        QCOMPARE(file->read(2), expected.left(2));
        QVERIFY_THROWS_EXCEPTION(EntryNotFoundError, m_remote->openFile(QStringLiteral("nosuch.txt")));
    }

    void downloadsAreCachedAndReused()
    {
        const QString path = m_remote->hfHubDownload(QStringLiteral("topic/two.txt"));
        QVERIFY(path.startsWith(m_tmp.filePath(QStringLiteral("cache/downloads/"))));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), m_local->readBytes(QStringLiteral("topic/two.txt")));
        // Again: the paths-info request only, the cached file is fresh (size and sha256).
        qint64 requests = m_remote->requestCount();
        QCOMPARE(m_remote->hfHubDownload(QStringLiteral("topic/two.txt")), path);
        QCOMPARE(m_remote->requestCount() - requests, qint64(1));

        const QString dir = m_remote->snapshotDownload(SnapshotOptions{});
        for (const QString &f : m_local->listRepoFiles()) {
            QFile copy(dir + QLatin1Char('/') + f);
            QVERIFY2(copy.open(QIODevice::ReadOnly), qPrintable(f));
            QCOMPARE(copy.readAll(), m_local->readBytes(f));
        }
        requests = m_remote->requestCount();
        QCOMPARE(m_remote->snapshotDownload(SnapshotOptions{}), dir);
        QCOMPARE(m_remote->requestCount() - requests, qint64(1)); // the plan only
    }

    // Threads Qt started (a pool) and threads it did not (std::thread) call at once,
    // while no event loop runs in the main thread.
    void aStalledRequestIsCancelled()
    {
        // A server that takes the request and never answers, as a stuck proxy would.
        const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        socklen_t length = sizeof address;
        ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length);
        QCOMPARE(::listen(listener, 4), 0);
        std::atomic<int> accepted{-1};
        std::thread stalling([&] { accepted = ::accept(listener, nullptr, nullptr); });

        RemoteRepository stalled(QStringLiteral("http://127.0.0.1:%1").arg(ntohs(address.sin_port)), QStringLiteral("rwtok"),
                                 options());
        TaskControl task;
        std::thread canceller([&task, &accepted] {
            while (accepted.load() < 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            task.cancel.cancel();
        });
        QElapsedTimer timer;
        timer.start();
        QVERIFY_THROWS_EXCEPTION(CancelledError, stalled.fullVerify(task));
        QVERIFY2(timer.elapsed() < 5000, QByteArray::number(timer.elapsed()).constData());
        canceller.join();
        stalling.join();
        ::close(accepted);
        ::close(listener);
    }

    void usableFromManyThreadsAtOnce()
    {
        const QStringList expected = m_local->listRepoFiles();
        std::atomic<int> good{0};
        QThreadPool pool;
        for (int i = 0; i < 4; ++i)
            pool.start([&] { good += m_remote->listRepoFiles() == expected; });
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i)
            threads.emplace_back([&] { good += m_remote->listRepoFiles() == expected; });
        for (std::thread &t : threads)
            t.join();
        pool.waitForDone();
        QCOMPARE(good.load(), 8);
    }

    void verifyAndGcDryRun()
    {
        QCOMPARE(ModelJson::toJson(m_remote->quickVerify()), ModelJson::toJson(m_local->quickVerify()));
        const GcReport report = m_remote->gc(true);
        QVERIFY(report.dryRun);
        QCOMPARE(ModelJson::toJson(report), ModelJson::toJson(m_local->gc(true)));
    }

    void errorsAreTyped()
    {
        QVERIFY_THROWS_EXCEPTION(RevisionNotFoundError, m_remote->repoInfo(QStringLiteral("nosuch")));
        QVERIFY_THROWS_EXCEPTION(EntryNotFoundError, m_remote->readBytes(QStringLiteral("nosuch.txt")));
        QVERIFY_THROWS_EXCEPTION(EntryNotFoundError, m_remote->hfHubDownload(QStringLiteral("nosuch.txt")));
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, m_remote->previewMerge(QStringLiteral("topic")));
        RemoteRepository readOnly(m_url, QStringLiteral("rotok"), options());
        try {
            readOnly.createBranch(QStringLiteral("denied"));
            QFAIL("a read-only token wrote");
        } catch (const HubVaultError &e) {
            QCOMPARE(e.errorKind(), ErrorKind::Authentication);
        }
        RemoteRepository wrong(m_url, QStringLiteral("wrong"), options());
        QVERIFY_THROWS_EXCEPTION(HubVaultRemoteAuthError, wrong.listRepoFiles());
        RemoteRepository nobody(QStringLiteral("http://127.0.0.1:1"), QStringLiteral("x"), options());
        try {
            nobody.listRepoFiles(QStringLiteral("main"));
            QFAIL("nothing listens there");
        } catch (const HubVaultError &e) {
            QCOMPARE(e.errorKind(), ErrorKind::RemoteTransport);
            QVERIFY2(e.message().startsWith(QLatin1String("Remote request failed: ")), qPrintable(e.message()));
        }
    }

    void uploadsSendOnlyMissingChunks()
    {
        // The fixture stores 3 MiB whole (16 MiB threshold): chunk reuse needs a repository
        // that chunks it, as the Python client's own exchange (SERVER.md appendix B) had.
        const QString chunkRepoPath = m_tmp.filePath(QStringLiteral("chunked"));
        const QString chunkUrl = startServer(m_chunkServer, {QStringLiteral("--init"), QStringLiteral("--large-file-threshold"),
                                                             QStringLiteral("65536"), chunkRepoPath});
        QVERIFY(!chunkUrl.isEmpty());
        RemoteRepository remote(chunkUrl, QStringLiteral("rwtok"), options());
        const LocalRepository local = LocalRepository::open(chunkRepoPath);
        const QByteArray big = randomBytes(3 << 20, 7);
        const QString file = m_tmp.filePath(QStringLiteral("big.bin"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(big);
        out.close();
        const qint64 before = remote.uploadedPayloadBytes();
        const CommitInfo first = remote.uploadFile(file, QStringLiteral("data/big.bin"));
        QCOMPARE(remote.uploadedPayloadBytes() - before, qint64(big.size())); // first upload: whole
        QCOMPARE(local.readBytes(QStringLiteral("data/big.bin")), big);

        QByteArray changed = big;
        for (qsizetype i = changed.size() - 100; i < changed.size(); ++i)
            changed[i] = char(~changed.at(i));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(changed);
        out.close();
        const qint64 middle = remote.uploadedPayloadBytes();
        const CommitInfo second = remote.uploadFile(file, QStringLiteral("data/big.bin"));
        const qint64 sent = remote.uploadedPayloadBytes() - middle;
        QVERIFY2(sent > 0 && sent < big.size() / 2, qPrintable(QString::number(sent))); // the last chunk only
        QCOMPARE(local.readBytes(QStringLiteral("data/big.bin")), changed);
        QCOMPARE(local.resolveRevision(QStringLiteral("main")), std::optional<QString>(second.oid));
        QVERIFY(first.oid != second.oid);

        // Bytes, deletes and copies in one commit.
        CommitOptions options;
        options.commitMessage = QStringLiteral("mixed");
        m_remote->createCommit({CommitOperation::addBytes(QStringLiteral("small.txt"), "hello\n"),
                                CommitOperation::remove(QStringLiteral("main-only.txt")),
                                CommitOperation::copy(QStringLiteral("keep.txt"), QStringLiteral("keep-copy.txt"))},
                               options);
        QCOMPARE(m_local->readBytes(QStringLiteral("small.txt")), QByteArray("hello\n"));
        QCOMPARE(m_local->readBytes(QStringLiteral("keep-copy.txt")), m_local->readBytes(QStringLiteral("keep.txt")));
        QVERIFY(!m_local->listRepoFiles().contains(QStringLiteral("main-only.txt")));
    }

    void requestSequenceIsTheOriginalClients()
    {
        // SERVER.md Appendix B, read from the server's access log: the same routes in the
        // same order as the Python client. Ours asks the server for its default branch once
        // per repository object (the original's client assumes "main").
        const QString repoPath = m_tmp.filePath(QStringLiteral("sequence"));
        const QString log = m_tmp.filePath(QStringLiteral("sequence.log"));
        QProcess server;
        const QString url = startServer(server, {QStringLiteral("--init"), QStringLiteral("--large-file-threshold"), QStringLiteral("65536"),
                                                 QStringLiteral("--access-log"), log, repoPath});
        QVERIFY(!url.isEmpty());
        {
            RemoteOptions sequenceOptions = options();
            sequenceOptions.cacheDir = m_tmp.filePath(QStringLiteral("sequence-cache"));
            RemoteRepository remote(url, QStringLiteral("rwtok"), sequenceOptions);
            remote.uploadBytes("hello remote\n", QStringLiteral("docs/small.txt"));
            remote.hfHubDownload(QStringLiteral("docs/small.txt"));
            remote.hfHubDownload(QStringLiteral("docs/small.txt"));
            remote.snapshotDownload({});
            remote.snapshotDownload({});
            remote.createBranch(QStringLiteral("dev/x"), QStringLiteral("main"));
            remote.merge(QStringLiteral("dev/x"), {});
            remote.deleteBranch(QStringLiteral("dev/x"));
        }
        stopServer(server);
        QFile file(log);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QStringList routes;
        for (const QByteArray &line : file.readAll().split('\n')) {
            const QList<QByteArray> fields = line.split(' ');
            if (fields.size() >= 3)
                routes.append(QString::fromLatin1(fields.at(1) + ' ' + fields.at(2)));
        }
        if (!routes.isEmpty() && routes.first() == QLatin1String("GET /api/v1/meta/service"))
            routes.removeFirst();
        QCOMPARE(routes, (QStringList{
                             QStringLiteral("POST /api/v1/write/commit-plan"),
                             QStringLiteral("POST /api/v1/write/commit"),
                             QStringLiteral("POST /api/v1/content/paths-info"),
                             QStringLiteral("GET /api/v1/content/download/{path:path}"),
                             QStringLiteral("POST /api/v1/content/paths-info"),
                             QStringLiteral("POST /api/v1/content/snapshot-plan"),
                             QStringLiteral("GET /api/v1/content/download/{path:path}"),
                             QStringLiteral("POST /api/v1/content/snapshot-plan"),
                             QStringLiteral("POST /api/v1/write/branches"),
                             QStringLiteral("POST /api/v1/write/merge"),
                             QStringLiteral("DELETE /api/v1/write/branches/{branch:path}"),
                         }));
    }

    void refsAndMergesWrite()
    {
        m_remote->createBranch(QStringLiteral("dev/x"), QStringLiteral("topic"));
        QVERIFY_THROWS_EXCEPTION(RefAlreadyExistsError, m_remote->createBranch(QStringLiteral("dev/x")));
        m_remote->createTag(QStringLiteral("t/1"), QStringLiteral("a tag"), QStringLiteral("main"));
        QCOMPARE(m_local->resolveRevision(QStringLiteral("t/1")), m_local->resolveRevision(QStringLiteral("main")));
        m_remote->deleteTag(QStringLiteral("t/1"));
        QVERIFY_THROWS_EXCEPTION(RevisionNotFoundError, m_local->repoInfo(QStringLiteral("t/1")));

        m_remote->uploadBytes("dev\n", QStringLiteral("dev.txt"), CommitOptions{{}, {}, QStringLiteral("dev/x"), {}});
        MergeOptions merge;
        merge.commitMessage = QStringLiteral("Merge dev/x over HTTP");
        const MergeResult result = m_remote->merge(QStringLiteral("dev/x"), merge);
        QCOMPARE(result.status, MergeStatus::Merged);
        QCOMPARE(m_local->readBytes(QStringLiteral("dev.txt")), QByteArray("dev\n"));
        const MergeResult conflict = m_remote->merge(QStringLiteral("conflict-side"));
        QCOMPARE(conflict.status, MergeStatus::Conflict);
        QVERIFY(!conflict.conflicts.isEmpty());

        const QString old = m_local->resolveRevision(QStringLiteral("topic")).value();
        const CommitInfo reset = m_remote->resetRef(QStringLiteral("dev/x"), old);
        QCOMPARE(reset.oid, old);
        QCOMPARE(m_local->resolveRevision(QStringLiteral("dev/x")), std::optional<QString>(old));
        m_remote->deleteBranch(QStringLiteral("dev/x"));
        QVERIFY(!m_local->repoInfo().refs.contains(QStringLiteral("refs/heads/dev/x")));
        QVERIFY_THROWS_EXCEPTION(ConflictError, m_remote->deleteBranch(QStringLiteral("main")));
    }

private:
    static QString revisionOrMain(const QString &r) { return r.isEmpty() ? QStringLiteral("main") : r; }
};

QTEST_GUILESS_MAIN(TestRemoteRepository)
#include "tst_remote_repository.moc"
