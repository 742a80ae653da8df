// Repository maintenance: verify (gc, squash and storage reports come later).

#include "Command.h"
#include "Output.h"

namespace hubvault::cli {

namespace {

int runVerify(CommandContext &context, const ParsedArgs &args)
{
    const bool full = args.isSet(QStringLiteral("full"));
    const Repository repo = context.openRepository();
    const VerifyReport report = full ? repo.fullVerify(context.task) : repo.quickVerify(context.task);

    // A failed verification is a result, not a crash: the whole report goes to stdout so
    // it can be read or saved in one place, and the exit code says it failed.
    out::line(QStringLiteral("%1 verification %2")
                  .arg(full ? QStringLiteral("Full") : QStringLiteral("Quick"),
                       report.ok ? QStringLiteral("OK") : QStringLiteral("FAILED")));
    out::line(QStringLiteral("Checked refs: ") + report.checkedRefs.join(QStringLiteral(", ")));
    for (const QString &warning : report.warnings)
        out::line(QStringLiteral("warning: ") + out::singleLine(warning));
    for (const QString &error : report.errors)
        out::line(QStringLiteral("error: ") + out::singleLine(error));
    return report.ok ? ExitOk : ExitFailure;
}

} // namespace

void registerMaintenanceCommands(CommandRegistry &registry)
{
    Command verify;
    verify.name = QStringLiteral("verify");
    verify.summary = QStringLiteral("check the integrity of the repository");
    verify.synopsis = QStringLiteral("[--full]");
    verify.description = QStringLiteral(
        "Check that every commit, tree and file reachable from a branch or tag is present\n"
        "and matches its recorded hashes. --full also re-checks every stored object and\n"
        "chunk. Exits with 1 when a problem is found.");
    verify.examples = {QStringLiteral("hubvault -C my-repo verify"), QStringLiteral("hubvault -C my-repo verify --full")};
    verify.options = {
        {QChar(), QStringLiteral("full"), {}, QStringLiteral("also verify every stored object and chunk")},
    };
    verify.run = runVerify;
    registry.add(std::move(verify));
}

} // namespace hubvault::cli
