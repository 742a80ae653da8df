#pragma once
// One repository served on the network from the desktop app (Repository › Share on
// Network…): `hubvault serve` in-process, with freshly generated tokens, over the window's
// own open repository. Starting binds at once (a port in use fails right there); stopping
// waits for requests in progress on a worker thread, never on the GUI thread.

#include <QObject>
#include <QString>

#include <memory>

namespace hubvault::app {

class NetworkShare : public QObject {
    Q_OBJECT
public:
    struct Settings {
        bool otherComputers = false; ///< listen on every interface, not only this computer
        int port = 9472;             ///< 0 = any free port
        bool allowWrites = false;    ///< also issue a read-write token
    };

    explicit NetworkShare(QObject *parent = nullptr);
    ~NetworkShare() override;

    /** Serves the repository at `location`; throws HubVaultError when it cannot listen. */
    void start(const QString &location, const Settings &settings);
    /** Stops listening now; requests in progress finish in the background. */
    void stop();

    bool isRunning() const { return bool(m_running); }
    /** http://HOST:PORT as another machine would use it. */
    QString url() const { return m_url; }
    QString readToken() const { return m_readToken; }
    /** Empty unless writes are allowed. */
    QString writeToken() const { return m_writeToken; }

Q_SIGNALS:
    void runningChanged(bool running);

private:
    struct Running;
    std::shared_ptr<Running> m_running;
    QString m_url;
    QString m_readToken;
    QString m_writeToken;
};

} // namespace hubvault::app
