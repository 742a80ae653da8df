// Commands about the repository as a whole: status (init comes later).

#include "Command.h"
#include "Output.h"

namespace hubvault::cli {

namespace {

int runStatus(CommandContext &context, const ParsedArgs &args)
{
    const Repository repo = context.openRepository();
    // A hubvault repository has no working tree: every change is a commit, so there is
    // never anything to stage. The branch shown is the default branch, as in the original.
    const QString branch = repo.defaultBranch();
    if (args.isSet(QStringLiteral("short"))) {
        if (args.isSet(QStringLiteral("branch")))
            out::line(QStringLiteral("## ") + branch);
        return ExitOk;
    }
    out::line(QStringLiteral("On branch ") + branch);
    out::line();
    out::line(QStringLiteral("nothing to commit, repository clean"));
    return ExitOk;
}

} // namespace

void registerRepoCommands(CommandRegistry &registry)
{
    Command status;
    status.name = QStringLiteral("status");
    status.summary = QStringLiteral("show the current branch and whether anything is pending");
    status.synopsis = QStringLiteral("[-s] [-b]");
    status.description = QStringLiteral(
        "Show the branch the repository is on. A hubvault repository has no working tree,\n"
        "so it is always clean; in short form nothing is printed unless --branch is given.");
    status.examples = {QStringLiteral("hubvault -C my-repo status"), QStringLiteral("hubvault -C my-repo status -s -b")};
    status.options = {
        {QLatin1Char('s'), QStringLiteral("short"), {}, QStringLiteral("give the output in the short format")},
        {QLatin1Char('b'), QStringLiteral("branch"), {}, QStringLiteral("show the branch in the short format")},
    };
    status.run = runStatus;
    registry.add(std::move(status));
}

} // namespace hubvault::cli
