// The in-process server of Share on Network (see NetworkShare.h).
#include "share/NetworkShare.h"

#include "async/BackgroundCall.h"
#include "shell/OpenRepositories.h"

#include <Server.h>

#include <QHostInfo>
#include <QRandomGenerator>
#include <thread>

namespace hubvault::app {
namespace {

/** 128 bits from the system's random source, as 32 hex digits. */
QString newToken()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 4);
    return QString::fromLatin1(bytes.toHex());
}

} // namespace

struct NetworkShare::Running {
    std::unique_ptr<server::Server> server;
    std::thread thread;

    /** Stops listening and waits for the requests in progress. */
    void finish()
    {
        server->stop();
        if (thread.joinable())
            thread.join();
    }
    ~Running() { finish(); }
};

NetworkShare::NetworkShare(QObject *parent) : QObject(parent) {}

NetworkShare::~NetworkShare()
{
    stop();
}

void NetworkShare::start(const QString &location, const Settings &settings)
{
    stop();
    m_readToken = newToken();
    m_writeToken = settings.allowWrites ? newToken() : QString();
    server::ServeOptions options;
    options.repoPath = location;
    options.host = settings.otherComputers ? QStringLiteral("0.0.0.0") : QStringLiteral("127.0.0.1");
    options.port = settings.port;
    options.mode = server::ServeMode::Api;
    options.readOnlyTokens = {m_readToken};
    if (settings.allowWrites)
        options.readWriteTokens = {m_writeToken};
    options.accessLogPath = QStringLiteral("-");
    auto running = std::make_shared<Running>();
    running->server = std::make_unique<server::Server>(repositories::shared(location), options);
    const int port = running->server->bind(); // throws when the port is taken
    running->thread = std::thread([server = running->server.get()] { server->run(); });
    m_running = std::move(running);
    const QString host = settings.otherComputers ? QHostInfo::localHostName() : QStringLiteral("127.0.0.1");
    m_url = QStringLiteral("http://%1:%2").arg(host).arg(port);
    Q_EMIT runningChanged(true);
}

void NetworkShare::stop()
{
    if (!m_running)
        return;
    // Joining the server waits for requests in progress (a large download may take a
    // while): that happens on a worker thread.
    std::shared_ptr<Running> running = std::move(m_running);
    running->server->stop();
    background::run(
        this,
        [running] {
            running->finish();
            return true;
        },
        [](const background::Outcome<bool> &) {});
    m_url.clear();
    Q_EMIT runningChanged(false);
}

} // namespace hubvault::app
