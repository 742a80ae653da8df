// The HTTP front of `hubvault serve` (see Server.h): cpp-httplib's listener and thread
// pool, one dispatch for every method, authentication, error envelopes, the access log.
#include "Server.h"
#include "Auth.h"
#include "ErrorEnvelope.h"
#include "Exchange.h"
#include "FrontendAssets.h"
#include "HttpListener.h"
#include "HttpProblem.h"
#include "Router.h"
#include "UploadProtocol.h"
#include "WireJson.h"

#include <httplib.h>
#include <sys/socket.h>
#include <thread>

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

HttpListener::Settings listenerSettings(const ServeOptions &options);

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
        : repository(std::move(repo)), options(std::move(opts)), tokens(options.readOnlyTokens, options.readWriteTokens),
          http(listenerSettings(options))
    {
        addReadRoutes(router);
        addWriteRoutes(router);
    }

    void handle(const httplib::Request &request, httplib::Response &response, const httplib::ContentReader *reader);
    void dispatch(Exchange &exchange);
    void authenticate(Exchange &exchange, const Route &route);
    void serveFrontend(Exchange &exchange);
    void log(const httplib::Request &request, const httplib::Response &response);
    void writeLogLine(const QByteArray &line);
    void refuseTooSlow(ConnectionStream &stream);
    void configure();
};

namespace {

HttpListener::Settings listenerSettings(const ServeOptions &options)
{
    HttpListener::Settings settings;
    // A kept-alive connection holds its worker while it is open, so the pool bounds
    // concurrent connections, not CPU use: size it for clients.
    settings.threads = options.threads > 0 ? options.threads : std::max(128, 16 * int(std::thread::hardware_concurrency()));
    settings.keepAlive = std::chrono::seconds(options.keepAliveSeconds);
    settings.limits.idleRead = std::chrono::seconds(options.readTimeoutSeconds);
    settings.limits.idleWrite = std::chrono::seconds(options.writeTimeoutSeconds);
    settings.limits.header = std::chrono::seconds(options.headerTimeoutSeconds);
    settings.limits.transferGrace = std::chrono::seconds(options.headerTimeoutSeconds);
    settings.limits.minBytesPerSecond = options.minTransferRate;
    return settings;
}

} // namespace

void Server::Impl::configure()
{
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
    http.onExpired = [this](ConnectionStream &stream) { refuseTooSlow(stream); };
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
    // Nor does the wire compress (SERVER.md §0): the Debian build would brotli-compress
    // JSON for browsers at quality 11, 11 s for a 4 MB folder listing.
    const_cast<httplib::Request &>(request).headers.erase("Accept-Encoding");
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
    const FrontendAsset &asset = frontendAsset(exchange.path());
    exchange.setHeader(QByteArrayLiteral("ETag"), asset.etag);
    // Revalidate every time: the files keep their names across releases, and a 304 is cheap.
    exchange.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache"));
    if (exchange.header("If-None-Match") == asset.etag) {
        exchange.sendBytes(QByteArray(), asset.contentType, 304);
        return;
    }
    exchange.sendBytes(asset.body, asset.contentType);
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
    writeLogLine(line);
}

void Server::Impl::refuseTooSlow(ConnectionStream &stream)
{
    // A response already under way cannot change its status; a request still arriving
    // gets the 408 that says why the connection ends.
    const bool receiving = stream.expiredIn() != StreamPhase::Writing;
    if (receiving) {
        const HttpProblem problem = HttpProblem::requestTimeout();
        const QByteArray body = wirejson::encode(envelope(problem));
        const QByteArray response = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: "
                                    + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        ::send(stream.socket(), response.constData(), size_t(response.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
    }
    if (options.accessLogPath == QLatin1String("-"))
        return;
    std::string address;
    int port = 0;
    stream.get_remote_ip_and_port(address, port);
    writeLogLine(QStringLiteral("%1 - too-slow %2 0 %3ms -\n")
                     .arg(QString::fromStdString(address))
                     .arg(receiving ? 408 : 0)
                     .arg(qint64(stream.phaseElapsed().count()))
                     .toUtf8());
}

void Server::Impl::writeLogLine(const QByteArray &line)
{
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
    const int port = d->http.bindSocket(d->options.host.toStdString(), d->options.port);
    if (port > 0)
        return port;
    if (d->options.port == 0)
        throw HubVaultError(QStringLiteral("cannot listen on %1: no free port").arg(d->options.host));
    throw HubVaultError(QStringLiteral("error while attempting to bind on address ('%1', %2): address already in use")
                            .arg(d->options.host)
                            .arg(d->options.port));
}

void Server::run()
{
    d->http.serve();
}

void Server::stop()
{
    d->http.halt();
}

} // namespace hubvault::server
