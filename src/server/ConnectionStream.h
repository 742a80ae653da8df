#pragma once
// One client connection as cpp-httplib's Stream, bounding how slowly a client may send a
// request or take a response. The library only bounds the idle time of each read, so a
// client trickling a byte a second would otherwise hold a worker for ever.

#include <httplib.h>

#include <QtGlobal>
#include <atomic>
#include <chrono>

namespace hubvault::server {

struct ConnectionLimits {
    std::chrono::milliseconds idleRead{30000};  ///< longest wait for any byte of a request
    std::chrono::milliseconds idleWrite{30000}; ///< longest wait for the client to take any byte
    std::chrono::milliseconds header{20000};    ///< the request line and headers, in all
    /** Bodies and responses: `transferGrace` plus one second per `minBytesPerSecond` bytes. */
    std::chrono::milliseconds transferGrace{20000};
    qint64 minBytesPerSecond = 1024;
};

/** What the connection was doing; each phase has its own clock. */
enum class StreamPhase { Idle, Headers, Reading, Writing };

class ConnectionStream final : public httplib::Stream {
public:
    ConnectionStream(socket_t socket, ConnectionLimits limits);

    bool is_readable() const override;
    bool is_writable() const override;
    ssize_t read(char *ptr, size_t size) override;
    ssize_t write(const char *ptr, size_t size) override;
    void get_remote_ip_and_port(std::string &ip, int &port) const override;
    void get_local_ip_and_port(std::string &ip, int &port) const override;
    socket_t socket() const override { return m_socket; }

    /**
     * Starts the header clock and waits up to `keepAlive` for the next request's first
     * byte; false when the client closed, stayed silent, or `stopping` was set.
     */
    bool awaitRequest(std::chrono::milliseconds keepAlive, const std::atomic<bool> &stopping);
    /** The request line and headers are in: what follows is held to the transfer rate. */
    void headersReceived();

    /** The phase in which the client was too slow; Idle while it never was. */
    StreamPhase expiredIn() const { return m_expiredIn; }
    std::chrono::milliseconds phaseElapsed() const;

private:
    using Clock = std::chrono::steady_clock;

    void enter(StreamPhase phase);
    Clock::time_point deadline() const;
    /** Waits for `events` within the idle bound and the phase deadline: true when ready. */
    bool waitFor(short events, std::chrono::milliseconds idle);
    ssize_t fill();

    socket_t m_socket;
    ConnectionLimits m_limits;
    StreamPhase m_phase = StreamPhase::Idle;
    StreamPhase m_expiredIn = StreamPhase::Idle;
    Clock::time_point m_phaseStart = Clock::now();
    qint64 m_phaseBytes = 0;
    // The library reads request lines a byte at a time; a buffer keeps that to one recv.
    char m_buffer[16384];
    size_t m_bufferBegin = 0;
    size_t m_bufferEnd = 0;
};

} // namespace hubvault::server
