// A client connection with per-phase deadlines (see ConnectionStream.h).
#include "ConnectionStream.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

namespace hubvault::server {
namespace {

void addressOf(const sockaddr_storage &address, std::string &ip, int &port)
{
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET) {
        const auto *v4 = reinterpret_cast<const sockaddr_in *>(&address);
        ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
        port = ntohs(v4->sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(&address);
        ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
        port = ntohs(v6->sin6_port);
    }
    ip = text;
}

} // namespace

ConnectionStream::ConnectionStream(socket_t socket, ConnectionLimits limits) : m_socket(socket), m_limits(limits) {}

void ConnectionStream::enter(StreamPhase phase)
{
    m_phase = phase;
    m_phaseStart = Clock::now();
    m_phaseBytes = 0;
}

std::chrono::milliseconds ConnectionStream::phaseElapsed() const
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - m_phaseStart);
}

ConnectionStream::Clock::time_point ConnectionStream::deadline() const
{
    switch (m_phase) {
    case StreamPhase::Idle:
        return Clock::time_point::max();
    case StreamPhase::Headers:
        return m_phaseStart + m_limits.header;
    case StreamPhase::Reading:
    case StreamPhase::Writing:
        break;
    }
    // A long body or response earns time as it moves; a trickle does not.
    const qint64 earnedMs = m_limits.minBytesPerSecond > 0 ? m_phaseBytes * 1000 / m_limits.minBytesPerSecond : 0;
    return m_phaseStart + m_limits.transferGrace + std::chrono::milliseconds(earnedMs);
}

bool ConnectionStream::waitFor(short events, std::chrono::milliseconds idle)
{
    for (;;) {
        const auto now = Clock::now();
        const auto until = deadline();
        if (now >= until) {
            m_expiredIn = m_phase;
            return false;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - now) + std::chrono::milliseconds(1);
        const auto wait = std::min(idle, left);
        pollfd watched{m_socket, events, 0};
        const int ready = ::poll(&watched, 1, int(wait.count()));
        if (ready > 0)
            return true;
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0 || wait == idle)
            return false; // an error, or idle for the whole idle bound
    }
}

bool ConnectionStream::awaitRequest(std::chrono::milliseconds keepAlive, const std::atomic<bool> &stopping)
{
    enter(StreamPhase::Headers);
    if (m_bufferBegin < m_bufferEnd)
        return true; // a pipelined request is already here
    const auto until = Clock::now() + keepAlive;
    // Short slices so that stopping the server does not wait for idle connections.
    while (!stopping.load()) {
        const auto now = Clock::now();
        if (now >= until)
            return false;
        const auto slice = std::min(std::chrono::duration_cast<std::chrono::milliseconds>(until - now) + std::chrono::milliseconds(1),
                                    std::chrono::milliseconds(100));
        pollfd watched{m_socket, POLLIN, 0};
        const int ready = ::poll(&watched, 1, int(slice.count()));
        if (ready > 0)
            return true;
        if (ready < 0 && errno != EINTR)
            return false;
    }
    return false;
}

void ConnectionStream::headersReceived()
{
    enter(StreamPhase::Reading);
}

bool ConnectionStream::is_readable() const
{
    if (m_bufferBegin < m_bufferEnd)
        return true;
    pollfd watched{m_socket, POLLIN, 0};
    return ::poll(&watched, 1, int(m_limits.idleRead.count())) > 0;
}

bool ConnectionStream::is_writable() const
{
    if (m_expiredIn != StreamPhase::Idle)
        return false;
    pollfd watched{m_socket, POLLOUT, 0};
    return ::poll(&watched, 1, int(m_limits.idleWrite.count())) > 0 && !(watched.revents & (POLLERR | POLLHUP));
}

ssize_t ConnectionStream::fill()
{
    if (!waitFor(POLLIN, m_limits.idleRead))
        return -1;
    ssize_t got;
    do {
        got = ::recv(m_socket, m_buffer, sizeof m_buffer, 0);
    } while (got < 0 && errno == EINTR);
    if (got > 0) {
        m_bufferBegin = 0;
        m_bufferEnd = size_t(got);
    }
    return got;
}

ssize_t ConnectionStream::read(char *ptr, size_t size)
{
    // Once too slow, the connection is finished: no late response goes out either.
    if (m_expiredIn != StreamPhase::Idle)
        return -1;
    if (m_phase == StreamPhase::Writing || m_phase == StreamPhase::Idle)
        enter(StreamPhase::Reading);
    if (m_bufferBegin == m_bufferEnd) {
        const ssize_t got = fill();
        if (got <= 0)
            return got;
    }
    const size_t take = std::min(size, m_bufferEnd - m_bufferBegin);
    std::memcpy(ptr, m_buffer + m_bufferBegin, take);
    m_bufferBegin += take;
    m_phaseBytes += qint64(take);
    return ssize_t(take);
}

ssize_t ConnectionStream::write(const char *ptr, size_t size)
{
    if (m_expiredIn != StreamPhase::Idle)
        return -1;
    // The clock restarts when the direction changes: the time the server spent working
    // between the request and its response is not the client's.
    if (m_phase != StreamPhase::Writing)
        enter(StreamPhase::Writing);
    if (!waitFor(POLLOUT, m_limits.idleWrite))
        return -1;
    ssize_t sent;
    do {
        sent = ::send(m_socket, ptr, size, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    if (sent > 0)
        m_phaseBytes += qint64(sent);
    return sent;
}

void ConnectionStream::get_remote_ip_and_port(std::string &ip, int &port) const
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(m_socket, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        addressOf(address, ip, port);
}

void ConnectionStream::get_local_ip_and_port(std::string &ip, int &port) const
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(m_socket, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        addressOf(address, ip, port);
}

} // namespace hubvault::server
