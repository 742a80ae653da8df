// `hubvault serve`: the repository's HTTP API for other machines (SERVER.md §1).
#include "Command.h"
#include "Output.h"

#include <Server.h>

#include <QDir>
#include <QFileInfo>
#include <atomic>
#include <chrono>
#include <limits>
#include <csignal>
#include <thread>

namespace hubvault::cli {
namespace {

std::atomic<bool> g_terminate{false};

extern "C" void onTerminate(int)
{
    g_terminate.store(true);
}

/** Fails before serving: the message alone and exit 1, as the original does. */
int refuse(const QString &message)
{
    out::errorLine(message);
    return ExitFailure;
}

QString expandHome(const QString &path)
{
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

std::shared_ptr<Repository> openServed(const QString &path, const ParsedArgs &args, qint64 threshold)
{
    if (!args.isSet(QStringLiteral("init")))
        return openRepository(path);
    // An existing repository is served as it is (its own default branch kept); a folder
    // that is neither empty nor a repository is refused by create ("target path is not empty").
    CreateRepoOptions options;
    options.existOk = true;
    options.defaultBranch = args.isSet(QStringLiteral("initial-branch")) ? args.value(QStringLiteral("initial-branch"))
                                                                        : QStringLiteral("main");
    if (threshold > 0)
        options.largeFileThreshold = threshold;
    return createRepository(path, options);
}

/** Reads an optional positive integer option into `value`; false when it is not one. */
template <typename Int>
bool positiveOption(const ParsedArgs &args, const QString &name, Int &value)
{
    if (!args.isSet(name))
        return true;
    bool ok = false;
    const qlonglong parsed = args.value(name).toLongLong(&ok);
    if (!ok || parsed <= 0 || parsed > std::numeric_limits<Int>::max())
        return false;
    value = Int(parsed);
    return true;
}

int runServe(CommandContext &context, const ParsedArgs &args)
{
    server::ServeOptions options;
    options.repoPath = expandHome(args.positionals.value(0));
    const QString host = args.value(QStringLiteral("host")).trimmed();
    options.host = host.isEmpty() ? QStringLiteral("127.0.0.1") : host;
    if (args.isSet(QStringLiteral("port"))) {
        bool ok = false;
        options.port = args.value(QStringLiteral("port")).toInt(&ok);
        if (!ok)
            throw UsageError(QStringLiteral("Invalid value for '--port': '%1' is not a valid integer.").arg(args.value(QStringLiteral("port"))));
        if (options.port < 1 || options.port > 65535)
            return refuse(QStringLiteral("Server port must be between 1 and 65535."));
    }
    const QString mode = args.isSet(QStringLiteral("mode")) ? args.value(QStringLiteral("mode")) : QStringLiteral("frontend");
    if (mode != QLatin1String("api") && mode != QLatin1String("frontend"))
        throw UsageError(QStringLiteral("Invalid value for '--mode': '%1' is not one of 'api', 'frontend'.").arg(mode));
    options.mode = mode == QLatin1String("api") ? server::ServeMode::Api : server::ServeMode::Frontend;
    options.readOnlyTokens = args.values(QStringLiteral("token-ro"));
    options.readWriteTokens = args.values(QStringLiteral("token-rw"));
    if (args.isSet(QStringLiteral("access-log")))
        options.accessLogPath = args.value(QStringLiteral("access-log"));
    if (!positiveOption(args, QStringLiteral("header-timeout"), options.headerTimeoutSeconds)
        || !positiveOption(args, QStringLiteral("min-rate"), options.minTransferRate)
        || !positiveOption(args, QStringLiteral("max-file-size"), options.maxFileSize))
        return refuse(QStringLiteral("--header-timeout, --min-rate and --max-file-size must be positive integers."));
    qint64 threshold = 0;
    if (args.isSet(QStringLiteral("large-file-threshold"))) {
        bool ok = false;
        threshold = args.value(QStringLiteral("large-file-threshold")).toLongLong(&ok);
        if (!ok || threshold <= 0)
            return refuse(QStringLiteral("Large file threshold must be a positive integer."));
    }
    bool anyToken = false;
    for (const QString &token : options.readOnlyTokens + options.readWriteTokens)
        anyToken = anyToken || !token.trimmed().isEmpty();
    if (!anyToken)
        return refuse(QStringLiteral("At least one --token-ro or --token-rw value is required."));

    std::shared_ptr<Repository> repository = openServed(options.repoPath, args, threshold);
    server::Server httpServer(repository, options);
    int port = 0;
    try {
        port = httpServer.bind();
    } catch (const HubVaultError &error) {
        return refuse(error.message());
    }
    out::errorLine(QStringLiteral("hubvault: serving %1 on http://%2:%3 (%4 mode; press Ctrl+C to quit)")
                       .arg(QDir::toNativeSeparators(options.repoPath), options.host)
                       .arg(port)
                       .arg(mode));
    std::signal(SIGTERM, onTerminate);
    std::thread serving([&httpServer] { httpServer.run(); });
    using namespace std::chrono_literals;
    while (!context.task.cancel.isCancelled() && !g_terminate.load())
        std::this_thread::sleep_for(100ms);
    httpServer.stop();
    serving.join();
    return ExitOk;
}

} // namespace

void registerServeCommand(CommandRegistry &registry)
{
    Command serve;
    serve.name = QStringLiteral("serve");
    serve.summary = QStringLiteral("serve the repository's HTTP API to other machines");
    serve.synopsis = QStringLiteral("[--host HOST] [--port PORT] [--mode api|frontend] --token-ro TOKEN|--token-rw TOKEN... "
                                    "[--init [--initial-branch NAME] [--large-file-threshold BYTES]] [--access-log FILE] [--header-timeout SECONDS] [--min-rate BYTES] [--max-file-size BYTES] PATH");
    serve.description = QStringLiteral(
        "Serve the repository at PATH over HTTP with the API of hubvault 0.0.2, so that\n"
        "`hubvault -C http://HOST:PORT ...`, the desktop app and programs written for the\n"
        "original's client can read and write it. Every request needs a token: read-only\n"
        "tokens (--token-ro) read, read-write tokens (--token-rw) also write. With --init a\n"
        "missing or empty PATH becomes a new repository first. One access line per request\n"
        "goes to stderr or --access-log FILE (\"-\" for none); tokens are never logged.\n"
        "Stop with Ctrl+C or SIGTERM. See docs/server.md for TLS behind a reverse proxy.");
    serve.examples = {QStringLiteral("hubvault serve --token-ro reader --token-rw writer my-repo"),
                      QStringLiteral("hubvault serve --host 0.0.0.0 --port 8000 --mode api --token-rw \"$TOKEN\" /data/models")};
    serve.options = {
        {QChar(), QStringLiteral("host"), QStringLiteral("HOST"), QStringLiteral("address to listen on (default 127.0.0.1)")},
        {QChar(), QStringLiteral("port"), QStringLiteral("PORT"), QStringLiteral("port to listen on (default 9472)")},
        {QChar(), QStringLiteral("mode"), QStringLiteral("MODE"), QStringLiteral("api, or frontend to serve the web page too (default)")},
        {QChar(), QStringLiteral("token-ro"), QStringLiteral("TOKEN"), QStringLiteral("a read-only token"), true},
        {QChar(), QStringLiteral("token-rw"), QStringLiteral("TOKEN"), QStringLiteral("a read-write token"), true},
        {QChar(), QStringLiteral("init"), {}, QStringLiteral("create the repository first if PATH is missing or empty")},
        {QChar(), QStringLiteral("initial-branch"), QStringLiteral("NAME"), QStringLiteral("default branch for --init (default main)")},
        {QChar(), QStringLiteral("large-file-threshold"), QStringLiteral("BYTES"),
         QStringLiteral("chunking threshold for --init (default 16777216)")},
        {QChar(), QStringLiteral("access-log"), QStringLiteral("FILE"), QStringLiteral("append access lines to FILE (\"-\": none)"),
         false, ValueKind::File},
        {QChar(), QStringLiteral("header-timeout"), QStringLiteral("SECONDS"),
         QStringLiteral("time a client has to send request headers, and grace for bodies (default 20)")},
        {QChar(), QStringLiteral("min-rate"), QStringLiteral("BYTES"),
         QStringLiteral("slowest average rate of a body or response after the grace (default 1024/s)")},
        {QChar(), QStringLiteral("max-file-size"), QStringLiteral("BYTES"),
         QStringLiteral("largest file an upload may create (default: what the disk holds)")},
    };
    serve.minPositionals = 1;
    serve.maxPositionals = 1;
    serve.positionalNames = {QStringLiteral("PATH")};
    serve.positionalKinds = {ValueKind::Dir};
    serve.run = runServe;
    registry.add(std::move(serve));
}

} // namespace hubvault::cli
