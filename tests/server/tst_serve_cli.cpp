// `hubvault serve` as a user starts it: option errors before serving (message alone,
// exit 1; a bad --mode is a usage error, exit 2), --init, a port in use, the frontend
// page, the access log (no tokens in it), and a clean stop on SIGTERM.
#include "ServerProcess.h"
#include "TestSupport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
using namespace hubvault::test;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray stdErr;
};

Run serve(const QStringList &args)
{
    QProcess process;
    process.start(QStringLiteral(HUBVAULT_CLI_PATH), QStringList{QStringLiteral("serve")} + args);
    if (!process.waitForFinished(20000)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitCode(), process.readAllStandardError()};
}

} // namespace

class ServeCliTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void refusesBeforeServing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString repo = test::fixturePath(QStringLiteral("a-small-files-paths"));
        QTest::newRow("no token") << QStringList{repo} << 1 << QStringLiteral("At least one --token-ro or --token-rw value is required.\n");
        QTest::newRow("blank token") << QStringList{QStringLiteral("--token-rw"), QStringLiteral("  "), repo} << 1
                                     << QStringLiteral("At least one --token-ro or --token-rw value is required.\n");
        QTest::newRow("port 0") << QStringList{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--token-ro"), QStringLiteral("t"), repo}
                                << 1 << QStringLiteral("Server port must be between 1 and 65535.\n");
        QTest::newRow("port 70000") << QStringList{QStringLiteral("--port"), QStringLiteral("70000"), QStringLiteral("--token-ro"), QStringLiteral("t"), repo}
                                    << 1 << QStringLiteral("Server port must be between 1 and 65535.\n");
        QTest::newRow("threshold") << QStringList{QStringLiteral("--large-file-threshold"), QStringLiteral("0"), QStringLiteral("--token-ro"), QStringLiteral("t"), repo}
                                   << 1 << QStringLiteral("Large file threshold must be a positive integer.\n");
        QTest::newRow("mode") << QStringList{QStringLiteral("--mode"), QStringLiteral("web"), QStringLiteral("--token-ro"), QStringLiteral("t"), repo}
                              << 2 << QStringLiteral("hubvault: Invalid value for '--mode': 'web' is not one of 'api', 'frontend'.\n");
        QTest::newRow("missing repository") << QStringList{QStringLiteral("--token-ro"), QStringLiteral("t"), QStringLiteral("/nonexistent/hv-repo")}
                                            << 1 << QStringLiteral("repository not found");
    }
    void refusesBeforeServing()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run run = serve(args);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(run.stdErr).contains(message), run.stdErr.constData());
    }

    void initCreatesThenServes()
    {
        const QString repo = m_dir.filePath(QStringLiteral("fresh"));
        ServerProcess server;
        QVERIFY(server.start(repo, {QStringLiteral("--mode"), QStringLiteral("api"), QStringLiteral("--token-rw"), QStringLiteral("rwtok"),
                                    QStringLiteral("--init"), QStringLiteral("--initial-branch"), QStringLiteral("trunk")}));
        auto info = server.get("/api/v1/repo", ServerProcess::writeHeaders());
        QCOMPARE(status(info), 200);
        QVERIFY2(body(info).contains("\"default_branch\":\"trunk\""), body(info).constData());
        QCOMPARE(server.stop(), 0);
        // --init on a non-empty folder that is no repository refuses it.
        const QString other = m_dir.filePath(QStringLiteral("occupied"));
        QVERIFY(QDir().mkpath(other));
        QFile file(other + QStringLiteral("/note.txt"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("mine");
        file.close();
        const Run run = serve({QStringLiteral("--init"), QStringLiteral("--token-rw"), QStringLiteral("t"), other});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.stdErr.contains("not empty"), run.stdErr.constData());
        QVERIFY(QFile::exists(other + QStringLiteral("/note.txt")));
    }

    void aPortInUseFails()
    {
        const QString repo = test::copyFixture(QStringLiteral("a-small-files-paths"), m_dir.path());
        ServerProcess first;
        QVERIFY(first.start(repo));
        const Run second = serve({QStringLiteral("--port"), QString::number(first.port()), QStringLiteral("--token-ro"), QStringLiteral("t"), repo});
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.stdErr.contains("address already in use"), second.stdErr.constData());
        QCOMPARE(first.stop(), 0);
    }

    void theCliWorksAgainstTheServer()
    {
        // `hubvault -C http://... --token T` prints what the same command prints on the folder.
        const QString repo = test::copyFixture(QStringLiteral("c-branches-merges"), m_dir.path() + QStringLiteral("/cli"));
        ServerProcess server;
        QVERIFY(server.start(repo));
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
        auto cli = [](const QStringList &args, const QByteArray &token = {}) {
            QProcess process;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            if (!token.isEmpty())
                env.insert(QStringLiteral("HUBVAULT_TOKEN"), QString::fromLatin1(token));
            process.setProcessEnvironment(env);
            process.start(QStringLiteral(HUBVAULT_CLI_PATH), args);
            process.waitForFinished(60000);
            return qMakePair(process.exitCode(), process.readAllStandardOutput() + process.readAllStandardError());
        };
        for (const QStringList &command : {QStringList{QStringLiteral("log")}, QStringList{QStringLiteral("ls-tree"), QStringLiteral("-r")},
                                           QStringList{QStringLiteral("branch"), QStringLiteral("-v")},
                                           QStringList{QStringLiteral("verify")}}) {
            const auto local = cli(QStringList{QStringLiteral("-C"), repo} + command);
            const auto remote = cli(QStringList{QStringLiteral("-C"), url, QStringLiteral("--token"), QStringLiteral("rotok")} + command);
            QCOMPARE(remote.first, local.first);
            QCOMPARE(remote.second, local.second);
        }
        // The token may come from the environment; a write needs a read-write token.
        const auto tagged = cli({QStringLiteral("-C"), url, QStringLiteral("tag"), QStringLiteral("from-cli")}, "rwtok");
        QCOMPARE(tagged.first, 0);
        const auto refused = cli({QStringLiteral("-C"), url, QStringLiteral("tag"), QStringLiteral("other")}, "rotok");
        QCOMPARE(refused.first, 1);
        QVERIFY2(refused.second.contains("Write access is required"), refused.second.constData());
        QVERIFY(cli({QStringLiteral("-C"), repo, QStringLiteral("tag")}).second.contains("from-cli"));
        QCOMPARE(server.stop(), 0);
    }

    void frontendModeServesAPageAndTheApi()
    {
        const QString repo = test::copyFixture(QStringLiteral("c-branches-merges"), m_dir.path() + QStringLiteral("/frontend"));
        const QString log = m_dir.filePath(QStringLiteral("access.log"));
        ServerProcess server;
        QVERIFY(server.start(repo, {QStringLiteral("--token-ro"), QStringLiteral("secret-reader"), QStringLiteral("--access-log"), log}));
        auto page = server.get("/", {});
        QCOMPARE(status(page), 200);
        QVERIFY(body(page).contains("<title>hubvault</title>"));
        QCOMPARE(status(server.get("/some/app/route", {})), 200);
        auto service = server.get("/api/v1/meta/service?token=secret-reader", {});
        QCOMPARE(status(service), 200);
        QVERIFY(body(service).contains("\"mode\":\"frontend\",\"ui_enabled\":true"));
        // A GET of a POST-only API path is a 404 in frontend mode (§7); a POST elsewhere 405.
        QCOMPARE(status(server.get("/api/v1/write/commit", ServerProcess::readHeaders())), 404);
        QCOMPARE(status(server.post("/", "{}", {})), 405);
        QCOMPARE(server.stop(), 0);
        QFile file(log);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray lines = file.readAll();
        QVERIFY2(lines.contains("GET /api/v1/meta/service 200"), lines.constData());
        QVERIFY2(lines.contains(" ro\n"), lines.constData());
        QVERIFY2(!lines.contains("secret-reader"), lines.constData());
    }
};

QTEST_GUILESS_MAIN(ServeCliTest)
#include "tst_serve_cli.moc"
