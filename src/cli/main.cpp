// Entry point of `hubvault` / `hv`, the headless command-line tool.

#include "Cli.h"

#include <QCoreApplication>
#include <QtGlobal>
#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace {

// Every failure is reported as exactly one line; Qt's own diagnostics (e.g. from QtSql)
// would break that promise for scripts, so they are shown only when asked for.
void messageHandler(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    static const bool verbose = qEnvironmentVariableIsSet("HUBVAULT_DEBUG");
    if (type == QtFatalMsg || verbose) {
        std::fprintf(stderr, "hubvault: [qt] %s\n", message.toLocal8Bit().constData());
        std::fflush(stderr);
    }
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

int main(int argc, char **argv)
{
    qInstallMessageHandler(messageHandler);
    // A file-size limit (ulimit -f) must fail the write that hits it, which is reported and
    // rolled back like a full disk, instead of killing the process half-way.
    std::signal(SIGXFSZ, SIG_IGN);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hubvault"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HUBVAULT_VERSION));
    return hubvault::cli::run(QCoreApplication::arguments().mid(1));
}
