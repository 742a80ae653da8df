#pragma once
// cpp-httplib's server with our own accept and connection loop: the library parses and
// routes each request, we own the sockets, so that every connection is a
// ConnectionStream with deadlines and stopping does not wait for idle clients.

#include "ConnectionStream.h"

#include <httplib.h>

#include <atomic>
#include <functional>

namespace hubvault::server {

class HttpListener : public httplib::Server {
public:
    struct Settings {
        ConnectionLimits limits;
        std::chrono::milliseconds keepAlive{5000};
        int maxRequestsPerConnection = 1000;
        int threads = 128;
    };

    explicit HttpListener(Settings settings);
    ~HttpListener() override;

    /** Binds host:port (0: any free port); the port, or 0 when the address is taken. */
    int bindSocket(const std::string &host, int port);
    /** Accepts and serves connections until halt(). */
    void serve();
    void halt() { m_stopping.store(true); }

    /** Called on the connection's worker when a client was too slow (see ConnectionStream). */
    std::function<void(ConnectionStream &)> onExpired;

private:
    void serveConnection(socket_t socket);

    Settings m_settings;
    std::atomic<bool> m_stopping{false};
};

} // namespace hubvault::server
