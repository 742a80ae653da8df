#pragma once
// `hubvault serve`: the original's HTTP API over one repository (SERVER.md), served by
// cpp-httplib's thread pool. Requests share one open Repository (thread-safe, its caches
// warm across requests); bodies and file downloads stream.

#include "ServeOptions.h"

#include <hubvault/Repository.h>

#include <memory>

namespace hubvault::server {

class Router;

class Server {
public:
    Server(std::shared_ptr<Repository> repository, ServeOptions options);
    ~Server();
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;

    /** Binds the listening socket; returns the port (useful with port 0). Throws on failure. */
    int bind();
    /** Serves until stop() (from another thread or a signal handler's thread). */
    void run();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace hubvault::server
