// What `hubvault serve` does better than the original (docs/server.md "Differences") and
// what it does with hostile requests: each gets a clear 4xx, changes nothing, and the
// server keeps serving.
#include "ServerProcess.h"
#include "SqlTestSupport.h"
#include "TestSupport.h"

#include <hubvault/LocalRepository.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
using namespace hubvault::test;

class ServerRequestsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_repo;
    ServerProcess m_server;
    QString m_headBefore;

    QString mainHead() const { return LocalRepository::open(m_repo).resolveRevision(QStringLiteral("main")).value_or(QString()); }

    /** Sends raw bytes on a new connection and returns what comes back before it closes. */
    QByteArray raw(const QByteArray &request, int waitMs = 5000)
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_server.port()));
        if (!socket.waitForConnected(5000))
            return {};
        socket.write(request);
        socket.waitForBytesWritten(5000);
        QByteArray reply;
        while (socket.waitForReadyRead(waitMs))
            reply += socket.readAll();
        return reply;
    }

    void serverStillServes()
    {
        QCOMPARE(status(m_server.get("/api/v1/meta/whoami")), 200);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_repo = copyFixture(QStringLiteral("c-branches-merges"), m_dir.path());
        LocalRepository repo = LocalRepository::open(m_repo);
        repo.uploadBytes(QByteArray("数据\n"), QStringLiteral("文档/数据 1.txt"));
        QVERIFY2(m_server.start(m_repo), m_server.serverStderr().constData());
        m_headBefore = mainHead();
    }

    void nonLatinNamesDownload()
    {
        auto download = m_server.get("/api/v1/content/download/%E6%96%87%E6%A1%A3/%E6%95%B0%E6%8D%AE%201.txt");
        QCOMPARE(status(download), 200);
        QCOMPARE(body(download), QByteArray("数据\n"));
        // The headers as sent (the test client would percent-decode them).
        const QByteArray reply = raw("GET /api/v1/content/download/%E6%96%87%E6%A1%A3/%E6%95%B0%E6%8D%AE%201.txt HTTP/1.1\r\n"
                                     "Host: x\r\nX-HubVault-Token: rotok\r\nConnection: close\r\n\r\n");
        QVERIFY2(reply.contains("\r\ncontent-disposition: attachment; filename=\"__ 1.txt\"; filename*=UTF-8''%E6%95%B0%E6%8D%AE%201.txt\r\n"),
                 reply.constData());
        QVERIFY2(reply.contains("\r\nx-hubvault-repo-path: %E6%96%87%E6%A1%A3/%E6%95%B0%E6%8D%AE%201.txt\r\n"), reply.constData());
    }

    void rangeHeaders()
    {
        httplib::Headers headers = ServerProcess::readHeaders();
        headers.emplace("Range", "bytes=1-2");
        auto part = m_server.get("/api/v1/content/blob/keep.txt", headers);
        QCOMPARE(status(part), 206);
        QCOMPARE(body(part), QByteArray("ee"));
        QCOMPARE(part->get_header_value("Content-Range"), std::string("bytes 1-2/5"));
        headers = ServerProcess::readHeaders();
        headers.emplace("Range", "bytes=-2");
        auto suffix = m_server.get("/api/v1/content/download/keep.txt", headers);
        QCOMPARE(status(suffix), 206);
        QCOMPARE(body(suffix), QByteArray("p\n"));
        headers = ServerProcess::readHeaders();
        headers.emplace("Range", "bytes=10-20");
        auto outside = m_server.get("/api/v1/content/blob/keep.txt", headers);
        QCOMPARE(status(outside), 416);
        QCOMPARE(outside->get_header_value("Content-Range"), std::string("bytes */5"));
        headers = ServerProcess::readHeaders();
        headers.emplace("Range", "bytes=0-0,2-3");
        auto several = m_server.get("/api/v1/content/blob/keep.txt", headers);
        QCOMPARE(status(several), 200);
        QCOMPARE(body(several), QByteArray("keep\n"));
        // JSON routes ignore Range.
        headers = ServerProcess::readHeaders();
        headers.emplace("Range", "bytes=0-3");
        auto files = m_server.get("/api/v1/content/files", headers);
        QCOMPARE(status(files), 200);
        QVERIFY(body(files).endsWith("]"));
    }

    void frameworkErrorsCarryTheEnvelope()
    {
        auto unknown = m_server.get("/api/v1/nothing-here");
        QCOMPARE(status(unknown), 404);
        QCOMPARE(body(unknown), QByteArray("{\"error\":{\"type\":\"HTTPException\",\"message\":\"Not Found\"},\"detail\":\"Not Found\"}"));
        auto method = m_server.client().Put("/api/v1/repo", ServerProcess::readHeaders(), "", "application/json");
        QCOMPARE(status(method), 405);
        QCOMPARE(method->get_header_value("allow"), std::string("GET"));
        auto missing = m_server.get("/api/v1/content/blob/keep.txt/range?start=1");
        QCOMPARE(status(missing), 422);
        QVERIFY(body(missing).contains("\"detail\":[{\"loc\":[\"query\",\"length\"],\"msg\":\"field required\",\"type\":\"value_error.missing\"}]"));
        QVERIFY(body(missing).startsWith("{\"error\":{\"type\":\"RequestValidationError\""));
        auto badBool = m_server.get("/api/v1/content/tree?recursive=maybe");
        QCOMPARE(status(badBool), 422);
        auto badJson = m_server.post("/api/v1/content/paths-info", "[\"keep.txt\"", {});
        QCOMPARE(status(badJson), 422); // before authentication, as the original
        auto noToken = m_server.get("/api/v1/content/tree?recursive=maybe", {});
        QCOMPARE(status(noToken), 401); // authentication before query validation
        auto negativeLimit = m_server.get("/api/v1/history/reflog/main?limit=-1");
        QCOMPARE(status(negativeLimit), 400);
        QCOMPARE(status(m_server.get("/docs", {})), 404);
        QCOMPARE(status(m_server.client().Head("/api/v1/repo", ServerProcess::readHeaders())), 405);
    }

    void pathTraversalIsRefused()
    {
        for (const char *path : {"/api/v1/content/blob/../../../etc/passwd", "/api/v1/content/blob/%2e%2e/%2e%2e/etc/passwd",
                                 "/api/v1/content/download/..%2F..%2Fmetadata.sqlite3", "/api/v1/content/blob//etc/passwd",
                                 "/api/v1/content/tree?path_in_repo=../.."}) {
            auto result = m_server.get(path);
            QVERIFY2(status(result) >= 400 && status(result) < 500, qPrintable(QString::fromLatin1(path) + QLatin1Char(' ') + QString::number(status(result))));
            QVERIFY(!body(result).contains("root:"));
        }
        auto deleteOutside = m_server.post("/api/v1/write/delete-file", "{\"path_in_repo\":\"../FORMAT\"}");
        QCOMPARE(status(deleteOutside), 400);
        QVERIFY(QFile::exists(m_repo + QStringLiteral("/FORMAT")));
        QCOMPARE(mainHead(), m_headBefore);
    }

    void readOnlyTokensAndQueryTokensCannotWrite()
    {
        const QList<QPair<QByteArray, std::string>> writes = {
            {"POST", "/api/v1/write/branches"},    {"POST", "/api/v1/write/tags"},        {"POST", "/api/v1/write/merge"},
            {"POST", "/api/v1/write/reset-ref"},   {"POST", "/api/v1/write/delete-file"}, {"POST", "/api/v1/write/delete-folder"},
            {"POST", "/api/v1/write/commit-plan"}, {"POST", "/api/v1/write/commit"},      {"POST", "/api/v1/maintenance/gc"},
            {"POST", "/api/v1/maintenance/squash-history"}, {"DELETE", "/api/v1/write/branches/topic"},
            {"DELETE", "/api/v1/write/tags/v1.0"}};
        for (const auto &[method, path] : writes) {
            const auto readOnly = method == "DELETE" ? m_server.del(path, ServerProcess::readHeaders())
                                                     : m_server.post(path, "{}", ServerProcess::readHeaders());
            QCOMPARE(status(readOnly), 403);
            const auto queryToken = method == "DELETE" ? m_server.del(path + "?token=rwtok", {})
                                                       : m_server.post(path + "?token=rwtok", "{}", {});
            QCOMPARE(status(queryToken), 401);
        }
        QCOMPARE(mainHead(), m_headBefore);
        QCOMPARE(LocalRepository::open(m_repo).listRepoRefs().branches.size(), 5);
    }

    void oversizedAndLyingBodies()
    {
        // A manifest with 1,000,000 operations is refused without being planned.
        QByteArray manifest = "{\"revision\":\"main\",\"commit_message\":\"m\",\"operations\":[";
        for (int i = 0; i < 1000000; ++i)
            manifest += (i ? ",{" : "{") + QByteArray("\"type\":\"delete\",\"path_in_repo\":\"f") + QByteArray::number(i) + "\"}";
        manifest += "]}";
        auto huge = m_server.post("/api/v1/write/commit-plan", manifest);
        QVERIFY2(status(huge) == 413 || status(huge) == 400, QByteArray::number(status(huge)).constData());
        // A Content-Length of 1 KiB followed by far more bytes: the request is read as
        // declared and the rest is no valid request.
        const QByteArray body(1024, ' ');
        QByteArray request = "POST /api/v1/content/paths-info HTTP/1.1\r\nHost: x\r\nX-HubVault-Token: rotok\r\n"
                             "Content-Type: application/json\r\nContent-Length: 1024\r\n\r\n" + body + QByteArray(4 << 20, 'x');
        const QByteArray reply = raw(request, 2000);
        QVERIFY2(reply.startsWith("HTTP/1.1 422"), reply.left(200).constData());
        // Headers of 1 MiB.
        const QByteArray bigHeader = "GET /api/v1/meta/whoami HTTP/1.1\r\nHost: x\r\nX-HubVault-Token: rotok\r\nX-Pad: "
                                     + QByteArray(1 << 20, 'a') + "\r\n\r\n";
        const QByteArray refused = raw(bigHeader, 2000);
        QVERIFY2(refused.isEmpty() || refused.startsWith("HTTP/1.1 4"), refused.left(200).constData());
        // A multipart body whose parts lie about their boundaries.
        QByteArray multipart = "--b\r\nContent-Disposition: form-data; name=\"manifest\"\r\n\r\n{}\r\n--b\r\n"
                               "Content-Disposition: form-data; name=\"upload_file_0\"; filename=\"x\"\r\n\r\nabc";
        QByteArray lying = "POST /api/v1/write/commit HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer rwtok\r\n"
                           "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + QByteArray::number(multipart.size())
                           + "\r\n\r\n" + multipart;
        const QByteArray lyingReply = raw(lying, 2000);
        QVERIFY2(lyingReply.startsWith("HTTP/1.1 400"), lyingReply.left(300).constData());
        QCOMPARE(mainHead(), m_headBefore);
        serverStillServes();
    }

    void aChunkListThatDoesNotAddUp()
    {
        const QByteArray manifest =
            "{\"revision\":\"main\",\"commit_message\":\"m\",\"operations\":[{\"type\":\"add\",\"path_in_repo\":\"x.bin\",\"size\":10,"
            "\"sha256\":\"" + QByteArray(64, 'a') + "\",\"chunks\":[{\"chunk_id\":\"sha256:" + QByteArray(64, 'b')
            + "\",\"checksum\":\"sha256:" + QByteArray(64, 'b') + "\",\"logical_offset\":0,\"logical_size\":4,\"stored_size\":4,"
              "\"compression\":\"none\"}]}]}";
        auto plan = m_server.post("/api/v1/write/commit-plan", manifest);
        QCOMPARE(status(plan), 400);
        QCOMPARE(mainHead(), m_headBefore);
    }

    void aForgedPlanIsRefused()
    {
        const QByteArray manifest =
            "{\"revision\":\"main\",\"commit_message\":\"steal\",\"operations\":[{\"type\":\"add\",\"path_in_repo\":\"copy.txt\","
            "\"size\":5,\"sha256\":\"f660a7996deacfbc7560e4240054a8ad82eb02fe25a95064257e07084bcacb85\",\"chunks\":[]}]}";
        auto plan = m_server.post("/api/v1/write/commit-plan", manifest);
        QCOMPARE(status(plan), 200);
        QJsonObject planned = QJsonDocument::fromJson(body(plan)).object();
        QJsonArray ops = planned.value("operations").toArray();
        QJsonObject op = ops.at(0).toObject();
        op.insert("source_path_in_repo", "conflict.txt"); // not what the server granted
        ops.replace(0, op);
        planned.insert("operations", ops);
        QJsonObject request = QJsonDocument::fromJson(manifest).object();
        request.insert("upload_plan", planned);
        auto forged = m_server.post("/api/v1/write/commit", QJsonDocument(request).toJson(QJsonDocument::Compact));
        QCOMPARE(status(forged), 409);
        QCOMPARE(mainHead(), m_headBefore);
    }

    void filesAboveMaxFileSizeAreRefused()
    {
        QTemporaryDir dir;
        const QString repo = copyFixture(QStringLiteral("a-small-files-paths"), dir.path());
        ServerProcess capped;
        QVERIFY(capped.start(repo, {QStringLiteral("--mode"), QStringLiteral("api"), QStringLiteral("--token-rw"),
                                    QStringLiteral("rwtok"), QStringLiteral("--max-file-size"), QStringLiteral("10")}));
        const QByteArray manifest =
            "{\"revision\":\"main\",\"commit_message\":\"big\",\"operations\":[{\"type\":\"add\",\"path_in_repo\":\"big.txt\","
            "\"size\":16,\"sha256\":\"" + QByteArray(64, 'a') + "\",\"chunks\":[]}]}";
        auto plan = capped.post("/api/v1/write/commit-plan", manifest);
        QCOMPARE(status(plan), 400);
        QCOMPARE(body(plan), QByteArray("{\"error\":{\"type\":\"HubVaultValidationError\",\"message\":\"big.txt is 16 bytes; "
                                        "this server accepts files up to 10 bytes.\"}}"));
        // A part larger than any file the server accepts is cut off as it arrives.
        httplib::MultipartFormDataItems items{{"manifest", manifest.toStdString(), "", ""},
                                              {"upload_file_0", std::string(1 << 20, 'x'), "big.txt", "application/octet-stream"}};
        auto commit = capped.client().Post("/api/v1/write/commit", ServerProcess::writeHeaders(), items);
        QCOMPARE(status(commit), 413);
        QCOMPARE(capped.stop(), 0);
    }

    void aWholeReflogStreamsAsTheSameJson()
    {
        auto whole = m_server.get("/api/v1/history/reflog/main");
        auto limited = m_server.get("/api/v1/history/reflog/main?limit=1000000");
        QCOMPARE(status(whole), 200);
        QCOMPARE(body(whole), body(limited));
        QVERIFY(QJsonDocument::fromJson(body(whole)).array().size() > 1);
        QCOMPARE(whole->get_header_value("Transfer-Encoding"), std::string("chunked"));
        QCOMPARE(status(m_server.get("/api/v1/history/reflog/no-such-ref")), 404);
    }

    void aHostileReflogStreamsInBoundedMemory()
    {
        // A million reflog rows: the whole listing is streamed, never built in the server.
        QTemporaryDir dir;
        const QString repo = copyFixture(QStringLiteral("a-small-files-paths"), dir.path());
        QCOMPARE(sqlExecStatements(repo, {QStringLiteral(
                     "INSERT INTO reflog (ref_kind, ref_name, timestamp, old_head, new_head, message, checksum) "
                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) "
                     "SELECT 'branch', 'main', '2024-01-01T00:00:00Z', NULL, NULL, 'a hostile reflog row', 'x' FROM n")}),
                 QString());
        ServerProcess server;
        QVERIFY(server.start(repo));
        qint64 received = 0, entries = 0;
        auto result = server.client().Get("/api/v1/history/reflog/main", ServerProcess::readHeaders(),
                                          [&](const char *data, size_t length) {
                                              received += qint64(length);
                                              entries += std::count(data, data + length, '{');
                                              return true;
                                          });
        QCOMPARE(status(result), 200);
        QVERIFY2(entries > 1000000, QByteArray::number(entries).constData());
        QFile statusFile(QStringLiteral("/proc/%1/status").arg(server.pid()));
        QVERIFY(statusFile.open(QIODevice::ReadOnly));
        const QByteArray procStatus = statusFile.readAll();
        const qsizetype at = procStatus.indexOf("VmHWM:");
        const qint64 peakKiB = procStatus.mid(at + 6, procStatus.indexOf('\n', at) - at - 6).trimmed().split(' ').first().toLongLong();
        qInfo("streamed %lld bytes of reflog; server peak RSS %lld MiB", received, peakKiB >> 10);
        QVERIFY2(received > (100LL << 20), QByteArray::number(received).constData());
        QVERIFY2(peakKiB < received / 1024 / 2, QByteArray::number(peakKiB).constData()); // well below the body
        QCOMPARE(server.stop(), 0);
    }

    void aSlowClientDoesNotStopOthers()
    {
        // One client trickles a request line; others are served meanwhile.
        QTcpSocket slow;
        slow.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_server.port()));
        QVERIFY(slow.waitForConnected(5000));
        slow.write("GET /api/v1/meta/");
        slow.flush();
        for (int i = 0; i < 3; ++i) {
            serverStillServes();
            slow.write("w");
            slow.flush();
            QTest::qWait(300);
        }
    }

    void cleanupTestCase()
    {
        QCOMPARE(m_server.stop(), 0);
        QVERIFY(LocalRepository::open(m_repo).fullVerify().ok);
    }
};

QTEST_GUILESS_MAIN(ServerRequestsTest)
#include "tst_server_requests.moc"
