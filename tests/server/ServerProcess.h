#pragma once
// A real `hubvault serve` process on 127.0.0.1 for the server tests: started on a free
// port over a repository, stopped with SIGTERM, and an HTTP client to talk to it.

#include <httplib.h>

#include <QByteArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStringList>
#include <QTcpServer>
#include <QTest>
#include <csignal>
#include <memory>
#include <sys/prctl.h>

namespace hubvault::test {

class ServerProcess {
public:
    ~ServerProcess() { stop(); }

    /** Starts `hubvault serve` with `args` before PATH; true once it listens. */
    bool start(const QString &repoPath, const QStringList &args = {QStringLiteral("--mode"), QStringLiteral("api"),
                                                                   QStringLiteral("--token-ro"), QStringLiteral("rotok"),
                                                                   QStringLiteral("--token-rw"), QStringLiteral("rwtok")})
    {
        m_port = freePort();
        m_process.setProgram(QStringLiteral(HUBVAULT_CLI_PATH));
        // A test killed by its timeout must not leave its server running.
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        m_process.setArguments(QStringList{QStringLiteral("serve"), QStringLiteral("--port"), QString::number(m_port)} + args
                               + QStringList{repoPath});
        m_process.start();
        if (!m_process.waitForStarted(10000))
            return false;
        // The process prints its URL once the socket is bound.
        for (int waited = 0; waited < 200; ++waited) {
            m_stderr += m_process.readAllStandardError();
            if (m_stderr.contains("serving "))
                break;
            if (m_process.state() != QProcess::Running)
                return false;
            m_process.waitForReadyRead(50);
        }
        if (!m_stderr.contains("serving "))
            return false;
        m_client = std::make_unique<httplib::Client>("127.0.0.1", m_port);
        m_client->set_read_timeout(120, 0);
        return true;
    }

    /** SIGTERM, then the exit code (-1 when it had to be killed). */
    int stop()
    {
        m_client.reset();
        if (m_process.state() == QProcess::NotRunning)
            return m_process.exitCode();
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
            return -1;
        }
        return m_process.exitCode();
    }

    QByteArray serverStderr()
    {
        m_stderr += m_process.readAllStandardError();
        return m_stderr;
    }

    int port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    httplib::Client &client() { return *m_client; }

    static httplib::Headers readHeaders() { return {{"X-HubVault-Token", "rotok"}}; }
    static httplib::Headers writeHeaders() { return {{"Authorization", "Bearer rwtok"}}; }

    httplib::Result get(const std::string &path, const httplib::Headers &headers = readHeaders())
    {
        return m_client->Get(path, headers);
    }
    httplib::Result post(const std::string &path, const QByteArray &body, const httplib::Headers &headers = writeHeaders())
    {
        return m_client->Post(path, headers, body.toStdString(), "application/json");
    }
    httplib::Result del(const std::string &path, const httplib::Headers &headers = writeHeaders())
    {
        return m_client->Delete(path, headers);
    }

    static int freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

private:
    QProcess m_process;
    QByteArray m_stderr;
    int m_port = 0;
    std::unique_ptr<httplib::Client> m_client;
};

/** The body of a response, as bytes. */
inline QByteArray body(const httplib::Result &result)
{
    return result ? QByteArray::fromStdString(result->body) : QByteArray();
}

inline int status(const httplib::Result &result)
{
    return result ? result->status : -1;
}

} // namespace hubvault::test
