// Clients that send or take bytes too slowly (docs/server.md "Bounds"): a trickled request
// line or body ends with a 408 after the header bound, while a slow but steady transfer
// and the server's own working time are never cut, and other clients are served.
#include "ServerProcess.h"
#include "TestSupport.h"

#include <hubvault/LocalRepository.h>

#include <QElapsedTimer>
#include <QFile>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace hubvault;
using namespace hubvault::test;

class SlowClientsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_repo;
    QString m_log;
    ServerProcess m_server;
    QByteArray m_big;

    bool connectTo(QTcpSocket &socket)
    {
        socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_server.port()));
        return socket.waitForConnected(5000);
    }

    /** Sends `head`, then one byte of `trickle` every 250 ms until the server hangs up; the reply. */
    QByteArray trickle(const QByteArray &head, const QByteArray &trickle, qint64 &elapsedMs)
    {
        QTcpSocket socket;
        if (!connectTo(socket))
            return {};
        QElapsedTimer timer;
        timer.start();
        socket.write(head);
        QByteArray reply;
        for (int i = 0; socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 15000; ++i) {
            socket.write(trickle.mid(i % trickle.size(), 1));
            socket.flush();
            socket.waitForReadyRead(250);
            reply += socket.readAll();
            // Others are served while this client crawls.
            if (i == 2 && status(m_server.get("/api/v1/meta/whoami")) != 200)
                return "other clients were not served";
        }
        elapsedMs = timer.elapsed();
        reply += socket.readAll();
        return reply;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_repo = copyFixture(QStringLiteral("c-branches-merges"), m_dir.path());
        m_big = QByteArray(6 << 20, 'x');
        for (int i = 0; i < m_big.size(); i += 4096)
            m_big[i] = char('a' + (i / 4096) % 26);
        LocalRepository::open(m_repo).uploadBytes(m_big, QStringLiteral("big.bin"));
        m_log = m_dir.filePath(QStringLiteral("access.log"));
        QVERIFY2(m_server.start(m_repo, {QStringLiteral("--mode"), QStringLiteral("api"), QStringLiteral("--token-ro"),
                                         QStringLiteral("rotok"), QStringLiteral("--token-rw"), QStringLiteral("rwtok"),
                                         QStringLiteral("--header-timeout"), QStringLiteral("2"), QStringLiteral("--access-log"),
                                         m_log}),
                 m_server.serverStderr().constData());
    }

    void aTrickledRequestLineGets408()
    {
        qint64 elapsed = 0;
        const QByteArray reply = trickle("GET /api/v1/meta/", "wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww", elapsed);
        QVERIFY2(reply.startsWith("HTTP/1.1 408 Request Timeout\r\n"), reply.constData());
        QVERIFY2(reply.contains("{\"error\":{\"type\":\"HTTPException\",\"message\":\"Request Timeout\"}"), reply.constData());
        QVERIFY2(elapsed >= 1800 && elapsed < 6000, QByteArray::number(elapsed).constData());
    }

    void aTrickledBodyGets408()
    {
        const QByteArray head = "POST /api/v1/write/commit-plan HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer rwtok\r\n"
                                "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{";
        const QString before = LocalRepository::open(m_repo).resolveRevision(QStringLiteral("main")).value_or(QString());
        qint64 elapsed = 0;
        const QByteArray reply = trickle(head, "\"", elapsed);
        QVERIFY2(reply.startsWith("HTTP/1.1 408 Request Timeout\r\n"), reply.constData());
        QVERIFY2(elapsed >= 1800 && elapsed < 6000, QByteArray::number(elapsed).constData());
        QCOMPARE(LocalRepository::open(m_repo).resolveRevision(QStringLiteral("main")).value_or(QString()), before);
    }

    void aSlowButInTimeRequestIsServed()
    {
        QTcpSocket socket;
        QVERIFY(connectTo(socket));
        const QByteArray request = "GET /api/v1/meta/whoami HTTP/1.1\r\nHost: x\r\nX-HubVault-Token: rotok\r\nConnection: close\r\n\r\n";
        for (int part = 0; part < 3; ++part) {
            const qsizetype from = part * request.size() / 3, to = (part + 1) * request.size() / 3;
            socket.write(request.mid(from, to - from));
            socket.flush();
            QTest::qWait(400);
        }
        QByteArray reply = socket.readAll();
        while (socket.waitForReadyRead(5000))
            reply += socket.readAll();
        QVERIFY2(reply.startsWith("HTTP/1.1 200 OK\r\n"), reply.constData());
    }

    void aSteadyDownloadLongerThanTheGraceCompletes()
    {
        // 6 MiB taken 64 KiB every 40 ms (about 1.5 MB/s, with a small receive window so
        // that the kernel cannot take it all at once): well past the 2 s grace, well above
        // the minimum rate.
        const int client = ::socket(AF_INET, SOCK_STREAM, 0);
        const int window = 64 << 10;
        ::setsockopt(client, SOL_SOCKET, SO_RCVBUF, &window, sizeof window);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(quint16(m_server.port()));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(client, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        const QByteArray request =
            "GET /api/v1/content/blob/big.bin HTTP/1.1\r\nHost: x\r\nX-HubVault-Token: rotok\r\nConnection: close\r\n\r\n";
        QCOMPARE(::send(client, request.constData(), size_t(request.size()), 0), ssize_t(request.size()));
        QElapsedTimer timer;
        timer.start();
        QByteArray reply;
        QByteArray block(64 << 10, Qt::Uninitialized);
        for (ssize_t got = 1; got > 0 && timer.elapsed() < 60000;) {
            got = ::recv(client, block.data(), size_t(block.size()), 0);
            reply += block.left(std::max<ssize_t>(got, 0));
            QThread::msleep(40);
        }
        ::close(client);
        const qsizetype split = reply.indexOf("\r\n\r\n");
        QVERIFY2(reply.startsWith("HTTP/1.1 200 OK\r\n"), reply.left(200).constData());
        QVERIFY2(timer.elapsed() > 2500, QByteArray::number(timer.elapsed()).constData());
        QCOMPARE(reply.size() - split - 4, m_big.size());
        QVERIFY(reply.mid(split + 4) == m_big);
    }

    void timeoutsAreLogged()
    {
        QFile log(m_log);
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray lines = log.readAll();
        QCOMPARE(lines.count(" - too-slow 408 0 "), 2);
    }

    void badBoundsAreRefused()
    {
        QProcess serve;
        serve.start(QStringLiteral(HUBVAULT_CLI_PATH), {QStringLiteral("serve"), QStringLiteral("--token-ro"), QStringLiteral("t"),
                                                         QStringLiteral("--header-timeout"), QStringLiteral("0"), m_repo});
        QVERIFY(serve.waitForFinished(10000));
        QCOMPARE(serve.exitCode(), 1);
        QVERIFY2(serve.readAllStandardError().contains("--header-timeout, --min-rate and --max-file-size must be positive integers."), "message");
    }

    void cleanupTestCase()
    {
        QCOMPARE(m_server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(SlowClientsTest)
#include "tst_slow_clients.moc"
