#include "Cli.h"

#include "Command.h"
#include "Output.h"

#include <hubvault/Version.h>

#include <QDir>
#include <QFileInfo>
#include <csignal>

namespace hubvault::cli {

namespace {

CancelToken *g_interruptToken = nullptr;

extern "C" void onInterrupt(int)
{
    if (g_interruptToken)
        g_interruptToken->cancel();
    // A second Ctrl-C must still kill a call that does not check for cancellation.
    std::signal(SIGINT, SIG_DFL);
}

CommandRegistry buildRegistry()
{
    CommandRegistry registry;
    registerRepoCommands(registry);
    registerRefCommands(registry);
    registerHistoryCommands(registry);
    registerContentCommands(registry);
    registerExportCommands(registry);
    registerMaintenanceCommands(registry);
    registerStorageCommands(registry);
    registerServeCommand(registry);
    registerHelpCommand(registry);
    return registry;
}

int runCommand(const CommandRegistry &registry, const Command &command, const QString &location,
               const QString &token, const QStringList &args, CancelToken cancel)
{
    return runReportingErrors(QStringLiteral("hubvault ") + command.name, [&]() -> int {
        const ParsedArgs parsed = parseArguments(args, command.options);
        if (parsed.isSet(QStringLiteral("help"))) {
            out::text(commandHelp(command));
            return ExitOk;
        }
        const qsizetype count = parsed.positionals.size();
        if (count < command.minPositionals)
            throw UsageError(QStringLiteral("missing argument %1")
                                 .arg(command.positionalNames.value(count, QStringLiteral("argument"))));
        if (count > command.maxPositionals)
            throw UsageError(QStringLiteral("unexpected argument '%1'").arg(parsed.positionals.at(command.maxPositionals)));

        // Lives inside the guarded body so its line is erased before any error is printed.
        ProgressLine progress(std::move(cancel), parsed.isSet(QStringLiteral("quiet")));
        CommandContext context{location, progress.task(), parsed.isSet(QStringLiteral("json")), &registry};
        context.token = token;
        return command.run(context, parsed);
    });
}

} // namespace

int run(const QStringList &arguments)
{
    static CancelToken interruptToken;
    g_interruptToken = &interruptToken;
    // A shell that started us with SIGINT ignored (background job, nohup) meant it: keep it.
    if (std::signal(SIGINT, onInterrupt) == SIG_IGN)
        std::signal(SIGINT, SIG_IGN);

    const CommandRegistry registry = buildRegistry();
    const Command *command = nullptr;
    QStringList commandArgs;
    QString location = QDir::currentPath();
    QString token; // --token; empty = $HUBVAULT_TOKEN, read when a server URL is opened

    const int globalResult = runReportingErrors(QStringLiteral("hubvault"), [&]() -> int {
        for (qsizetype i = 0; i < arguments.size(); ++i) {
            const QString &arg = arguments.at(i);
            if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
                out::text(globalHelp(registry));
                return ExitOk;
            }
            if (arg == QLatin1String("-v") || arg == QLatin1String("--version")) {
                out::text(versionText(QStringLiteral("hubvault")));
                return ExitOk;
            }
            // Hidden: the build generates the man page and shell completions from here.
            if (arg == QLatin1String("--man")) {
                out::text(manPage(registry));
                return ExitOk;
            }
            if (arg == QLatin1String("--completion")) {
                const QString shell = arguments.value(i + 1);
                if (shell == QLatin1String("bash"))
                    out::text(bashCompletion(registry));
                else if (shell == QLatin1String("zsh"))
                    out::text(zshCompletion(registry));
                else
                    throw UsageError(QStringLiteral("option '--completion' expects 'bash' or 'zsh'"));
                return ExitOk;
            }
            if (arg.startsWith(QLatin1String("-C"))) {
                QString value = arg.mid(2);
                if (value.isEmpty()) {
                    if (i + 1 >= arguments.size())
                        throw UsageError(QStringLiteral("option '-C' requires a value"));
                    value = arguments.at(++i);
                }
                // As in git, each -C is relative to the previous one; an empty one is a
                // no-op. A server URL is taken as it is.
                if (isRemoteLocation(value))
                    location = value;
                else if (!value.isEmpty())
                    location = QDir::cleanPath(QDir(location).absoluteFilePath(value));
                continue;
            }
            if (arg == QLatin1String("--token") || arg.startsWith(QLatin1String("--token="))) {
                if (arg.size() > 7) {
                    token = arg.mid(8);
                } else {
                    if (i + 1 >= arguments.size())
                        throw UsageError(QStringLiteral("option '--token' requires a value"));
                    token = arguments.at(++i);
                }
                continue;
            }
            const bool endOfOptions = arg == QLatin1String("--");
            if (endOfOptions && i + 1 >= arguments.size())
                break;
            if (!endOfOptions && arg.startsWith(QLatin1Char('-')))
                throw UsageError(QStringLiteral("unknown option '%1'").arg(arg));
            const QString name = endOfOptions ? arguments.at(++i) : arg;
            command = registry.find(name);
            if (!command)
                throw UsageError(QStringLiteral("unknown command '%1'").arg(name));
            commandArgs = arguments.mid(i + 1);
            return -1; // parsed: run the command outside this guard
        }
        throw UsageError(QStringLiteral("missing command"));
    });
    if (globalResult >= 0)
        return globalResult;
    return runCommand(registry, *command, location, token, commandArgs, interruptToken);
}

} // namespace hubvault::cli
