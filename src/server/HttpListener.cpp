// The accept loop and per-connection request loop of `hubvault serve` (see HttpListener.h).
#include "HttpListener.h"

#include <cerrno>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace hubvault::server {

HttpListener::~HttpListener()
{
    const socket_t socket = svr_sock_.exchange(INVALID_SOCKET);
    if (socket != INVALID_SOCKET)
        ::close(socket);
}

HttpListener::HttpListener(Settings settings) : m_settings(settings)
{
    // SO_REUSEADDR only: the library's default adds SO_REUSEPORT, which lets a second
    // server (or any process of the same user) bind the same port and take half the
    // connections instead of failing with "address already in use".
    set_socket_options([](socket_t socket) {
        const int on = 1;
        ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    });
}

int HttpListener::bindSocket(const std::string &host, int port)
{
    const int bound = port == 0 ? bind_to_any_port(host) : (bind_to_port(host, port) ? port : 0);
    if (bound <= 0)
        return 0;
    // The library listens with a backlog of 5 (a compile-time constant of the Debian
    // build): 64 clients connecting at once overflow it and wait for SYN retransmits
    // (1 s, 3 s, ...). listen(2) again on the bound socket raises the backlog.
    ::listen(svr_sock_, SOMAXCONN);
    return bound;
}

void HttpListener::serve()
{
    httplib::ThreadPool workers(size_t(std::max(1, m_settings.threads)));
    const socket_t listening = svr_sock_;
    while (!m_stopping.load()) {
        // A short poll instead of a blocking accept, so that halt() needs no wake-up.
        pollfd watched{listening, POLLIN, 0};
        if (::poll(&watched, 1, 100) <= 0)
            continue;
        const socket_t client = ::accept4(listening, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) {
            // Out of descriptors: let connections finish rather than spin.
            if (errno == EMFILE || errno == ENFILE)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            continue;
        }
        // Headers and body go out in separate writes; with Nagle's algorithm the body
        // waits for the client's delayed ACK (40 ms per small response).
        const int on = 1;
        ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        workers.enqueue([this, client] { serveConnection(client); });
    }
    workers.shutdown();
}

void HttpListener::serveConnection(socket_t socket)
{
    ConnectionStream stream(socket, m_settings.limits);
    // The first request may take the whole header bound to arrive; later ones on a kept
    // alive connection must start within the keep-alive time.
    std::chrono::milliseconds wait = m_settings.limits.header;
    for (int served = 0; served < m_settings.maxRequestsPerConnection; ++served) {
        if (!stream.awaitRequest(wait, m_stopping))
            break;
        wait = m_settings.keepAlive;
        const bool last = served + 1 == m_settings.maxRequestsPerConnection || m_stopping.load();
        bool closed = false;
        const bool ok = process_request(stream, last, closed, [&stream](httplib::Request &request) {
            stream.headersReceived();
            if (request.remote_addr.empty())
                stream.get_remote_ip_and_port(request.remote_addr, request.remote_port);
        });
        if (!ok || closed)
            break;
    }
    if (stream.expiredIn() != StreamPhase::Idle && onExpired)
        onExpired(stream);
    ::shutdown(socket, SHUT_RDWR);
    ::close(socket);
}

} // namespace hubvault::server
