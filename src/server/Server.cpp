// The HTTP front of `hubvault serve` (see Server.h): cpp-httplib's listener and thread
// pool, one dispatch for every method, authentication, error envelopes, the access log.
#include "Server.h"
#include "Auth.h"
#include "ErrorEnvelope.h"
#include "Exchange.h"
#include "HttpProblem.h"
#include "Router.h"
#include "UploadProtocol.h"

#include <httplib.h>
#include <sys/socket.h>

#include <QElapsedTimer>
#include <QFile>
#include <mutex>

namespace hubvault::server {
namespace {

/** What the access log needs of the request being handled on this worker thread. */
struct RequestLog {
    QElapsedTimer timer;
    QString route;
    Access access = Access::None;
};
thread_local RequestLog t_log;

const char kFrontendPage[] =
    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>hubvault</title></head>\n"
    "<body><h1>hubvault</h1><p>This is a hubvault repository server. Its HTTP API is under "
    "<code>/api/v1</code> (for example <code>/api/v1/meta/service</code>, with a token in the "
    "<code>Authorization: Bearer</code> header).</p></body></html>\n";

/** The library's server with access to its listening socket (see widenBacklog). */
class HttpListener : public httplib::Server {
public:
    /**
     * The library listens with a backlog of 5 (a compile-time constant of the Debian
     * build): 64 clients connecting at once overflow it and wait for SYN retransmits
     * (1 s, 3 s, ...). listen(2) again on the bound socket raises the backlog.
     */
    void widenBacklog()
    {
        const socket_t socket = svr_sock_;
        if (socket != INVALID_SOCKET)
            ::listen(socket, SOMAXCONN);
    }
};

} // namespace

struct Server::Impl {
    std::shared_ptr<Repository> repository;
    ServeOptions options;
    TokenSet tokens;
    Router router;
    upload::IssuedPlans issuedPlans;
    HttpListener http;
    std::unique_ptr<QFile> logFile;
    std::mutex logMutex;

    Impl(std::shared_ptr<Repository> repo, ServeOptions opts)
        : repository(std::move(repo)), options(std::move(opts)), tokens(options.readOnlyTokens, options.readWriteTokens)
    {
        addReadRoutes(router);
        addWriteRoutes(router);
    }

    void handle(const httplib::Request &request, httplib::Response &response, const httplib::ContentReader *reader);
    void dispatch(Exchange &exchange);
    void authenticate(Exchange &exchange, const Route &route);
    void serveFrontend(Exchange &exchange);
    void log(const httplib::Request &request, const httplib::Response &response);
    void configure();
};

void Server::Impl::configure()
{
    // The library serves a kept-alive connection on one worker for as long as it stays
    // open, so the pool bounds concurrent connections, not CPU use: size it for clients.
    const int threads = options.threads > 0 ? options.threads : std::max(128, 16 * int(std::thread::hardware_concurrency()));
    http.new_task_queue = [threads] { return new httplib::ThreadPool(size_t(threads)); };
    http.set_read_timeout(options.readTimeoutSeconds, 0);
    http.set_write_timeout(options.writeTimeoutSeconds, 0);
    http.set_keep_alive_timeout(options.keepAliveSeconds);
    http.set_keep_alive_max_count(1000);
    // Headers and body go out in separate writes; with Nagle's algorithm the body waits
    // for the client's delayed ACK (40 ms per small response).
    http.set_tcp_nodelay(true);
    // SO_REUSEADDR only: the library's default adds SO_REUSEPORT, which lets a second
    // server (or any process of the same user) bind the same port and take half the
    // connections instead of failing with "address already in use".
    http.set_socket_options([](socket_t socket) {
        const int on = 1;
        ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    });
    // Bodies are read by the handlers themselves, each with its own bound (the commit
    // route streams any size to disk), so the library's global cap stays off.
    auto plain = [this](const httplib::Request &req, httplib::Response &res) { handle(req, res, nullptr); };
    auto withBody = [this](const httplib::Request &req, httplib::Response &res, const httplib::ContentReader &reader) {
        handle(req, res, &reader);
    };
    http.Get(".*", plain);
    http.Options(".*", plain);
    http.Post(".*", withBody);
    http.Put(".*", withBody);
    http.Patch(".*", withBody);
    http.Delete(".*", withBody);
    http.set_pre_routing_handler([](const httplib::Request &, httplib::Response &) {
        t_log = RequestLog();
        t_log.timer.start();
        return httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_logger([this](const httplib::Request &req, const httplib::Response &res) { log(req, res); });
    if (options.accessLogPath != QLatin1String("-") && !options.accessLogPath.isEmpty()) {
        logFile = std::make_unique<QFile>(options.accessLogPath);
        if (!logFile->open(QIODevice::WriteOnly | QIODevice::Append))
            throw HubVaultError(QStringLiteral("cannot open access log %1: %2").arg(options.accessLogPath, logFile->errorString()));
    }
}

void Server::Impl::handle(const httplib::Request &request, httplib::Response &response,
                          const httplib::ContentReader *reader)
{
    // The library applies a Range header to any body; only the blob routes honour it,
    // and they read it themselves.
    const_cast<httplib::Request &>(request).ranges.clear();
    Exchange exchange(request, response, reader);
    try {
        dispatch(exchange);
    } catch (const HttpProblem &problem) {
        for (const auto &[name, value] : problem.headers)
            exchange.setHeader(name, value);
        exchange.sendJson(envelope(problem), problem.status);
    } catch (const HubVaultError &error) {
        exchange.sendJson(envelope(error), statusOf(error.errorKind()));
    } catch (const std::exception &) {
        exchange.sendBytes(QByteArrayLiteral("Internal Server Error"), QByteArrayLiteral("text/plain; charset=utf-8"), 500);
    }
}

void Server::Impl::dispatch(Exchange &exchange)
{
    const QByteArray method = exchange.method();
    const QString path = exchange.path();
    const bool frontend = options.mode == ServeMode::Frontend;
    if (frontend && !path.startsWith(QLatin1String("/api/"))) {
        t_log.route = QStringLiteral("frontend");
        if (method != "GET")
            throw HttpProblem::methodNotAllowed({QStringLiteral("GET")});
        serveFrontend(exchange);
        return;
    }
    QStringList args, allowed;
    const Route *route = method == "HEAD" ? nullptr : router.match(method, path, args, allowed);
    if (!route) {
        if (method == "HEAD")
            allowed = {QStringLiteral("GET")};
        t_log.route = QStringLiteral("unmatched");
        if (allowed.isEmpty() || (frontend && method == "GET"))
            throw HttpProblem::notFound();
        throw HttpProblem::methodNotAllowed(allowed);
    }
    t_log.route = route->pattern;
    exchange.pathArgs = args;
    if (route->body == Body::Json)
        exchange.body = Exchange::parseJson(exchange.readBody(options.maxJsonBody));
    authenticate(exchange, *route);
    RouteContext context{*repository, options, issuedPlans};
    route->handler(exchange, context);
}

void Server::Impl::authenticate(Exchange &exchange, const Route &route)
{
    TokenSources sources;
    if (exchange.hasHeader("X-HubVault-Token"))
        sources.hubvaultHeader = exchange.header("X-HubVault-Token");
    if (exchange.hasHeader("Authorization"))
        sources.authorization = exchange.header("Authorization");
    if (const std::optional<QString> token = exchange.query("token"))
        sources.queryToken = token->toUtf8();
    const QByteArray token = extractToken(sources, route.write);
    if (token.isEmpty())
        throw HttpProblem::missingToken();
    const Access access = tokens.check(token);
    if (access == Access::None)
        throw HttpProblem::invalidToken();
    t_log.access = access;
    if (route.write && access != Access::ReadWrite)
        throw HttpProblem::writeAccessRequired();
    exchange.access = access;
}

void Server::Impl::serveFrontend(Exchange &exchange)
{
    exchange.sendBytes(QByteArray(kFrontendPage), QByteArrayLiteral("text/html; charset=utf-8"));
}

void Server::Impl::log(const httplib::Request &request, const httplib::Response &response)
{
    if (options.accessLogPath == QLatin1String("-"))
        return;
    const qint64 bytes = response.body.empty() ? qint64(response.content_length_) : qint64(response.body.size());
    const QString role = t_log.access == Access::None ? QStringLiteral("-") : accessName(t_log.access);
    // The route's pattern, never the target: query tokens and file names stay out of logs.
    const QByteArray line = QStringLiteral("%1 %2 %3 %4 %5 %6ms %7\n")
                                .arg(QString::fromStdString(request.remote_addr), QString::fromStdString(request.method),
                                     t_log.route.isEmpty() ? QStringLiteral("-") : t_log.route)
                                .arg(response.status)
                                .arg(bytes)
                                .arg(t_log.timer.isValid() ? t_log.timer.elapsed() : 0)
                                .arg(role)
                                .toUtf8();
    std::lock_guard lock(logMutex);
    if (logFile) {
        logFile->write(line);
        logFile->flush();
    } else {
        fwrite(line.constData(), 1, size_t(line.size()), stderr);
    }
}

Server::Server(std::shared_ptr<Repository> repository, ServeOptions options)
    : d(std::make_unique<Impl>(std::move(repository), std::move(options)))
{
    if (d->tokens.isEmpty())
        throw HubVaultValidationError(QStringLiteral("At least one --token-ro or --token-rw value is required."));
    d->configure();
}

Server::~Server() = default;

int Server::bind()
{
    const std::string host = d->options.host.toStdString();
    if (d->options.port == 0) {
        const int port = d->http.bind_to_any_port(host);
        if (port <= 0)
            throw HubVaultError(QStringLiteral("cannot listen on %1: no free port").arg(d->options.host));
        d->http.widenBacklog();
        return port;
    }
    if (!d->http.bind_to_port(host, d->options.port))
        throw HubVaultError(QStringLiteral("error while attempting to bind on address ('%1', %2): address already in use")
                                .arg(d->options.host)
                                .arg(d->options.port));
    d->http.widenBacklog();
    return d->options.port;
}

void Server::run()
{
    d->http.listen_after_bind();
}

void Server::stop()
{
    d->http.stop();
}

} // namespace hubvault::server
