// Fuzz target: the HTTP API of `hubvault serve` end to end: request line, headers, query
// strings, JSON and multipart bodies, routing, authentication and the handlers. The real
// Server (cpp-httplib) serves a fixture copy on a loopback port in this process; each input
// is sent as raw bytes on a new connection, the write side is closed, and the answer is
// read to the end. A crash, sanitizer report or hang in the server is a finding; so is a
// request that changes anything outside the served copy.
#include "FuzzSupport.h"
#include "Server.h"
#include <hubvault/LocalRepository.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <memory>
#include <thread>

using namespace hubvault;

namespace {

int g_port = 0;

void startServer()
{
    static std::unique_ptr<server::Server> s;
    const QString path = hubvault::fuzz::freshCopy("c-branches-merges", "repo-served");
    server::ServeOptions options;
    options.repoPath = path;
    options.port = 0;
    options.mode = server::ServeMode::Api;
    options.readOnlyTokens = {QStringLiteral("ro")};
    options.readWriteTokens = {QStringLiteral("rw")};
    options.threads = 4;
    options.readTimeoutSeconds = 2;
    options.writeTimeoutSeconds = 2;
    options.keepAliveSeconds = 1;
    options.maxJsonBody = 1 << 20;
    options.accessLogPath = QStringLiteral("-");
    s = std::make_unique<server::Server>(std::make_shared<LocalRepository>(LocalRepository::open(path)), options);
    g_port = s->bind();
    std::thread([] { s->run(); }).detach();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    hubvault::fuzz::initQt();
    startServer();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        std::abort();
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(g_port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
        std::abort();
    // The server must answer or close within its own read timeout; 10 s means it hangs.
    timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    size_t sent = 0;
    while (sent < size) {
        const ssize_t n = ::send(fd, data + sent, size - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break; // the server may answer and close before reading everything
        sent += size_t(n);
    }
    ::shutdown(fd, SHUT_WR);
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                std::fprintf(stderr, "the server neither answered nor closed within 10 s\n");
                std::abort();
            }
            break; // reset by the server: an answer to a malformed request
        }
    }
    ::close(fd);
    hubvault::fuzz::checkSentinel();
    return 0;
}
