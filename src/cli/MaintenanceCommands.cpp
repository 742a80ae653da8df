// Repository maintenance: verify, gc, squash.

#include <hubvault/ModelJson.h>
#include "Command.h"
#include "Output.h"

namespace hubvault::cli {

namespace {

// ---- verify -----------------------------------------------------------------------------

int runVerify(CommandContext &context, const ParsedArgs &args)
{
    const bool full = args.isSet(QStringLiteral("full"));
    const Repository &repo = context.repository();
    const VerifyReport report = full ? repo.fullVerify(context.task) : repo.quickVerify(context.task);

    if (context.json) {
        QJsonObject object = ModelJson::toJson(report);
        object.insert(QStringLiteral("mode"), full ? QStringLiteral("full") : QStringLiteral("quick"));
        out::json(object);
        return report.ok ? ExitOk : ExitFailure;
    }
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

// ---- gc ---------------------------------------------------------------------------------

void printGcReport(const GcReport &report, const QString &indent = {})
{
    out::line(indent
              + QStringLiteral("%1 %2 file%3, %4 %5%6")
                    .arg(report.dryRun ? QStringLiteral("Would remove") : QStringLiteral("Removed"))
                    .arg(report.removedFileCount)
                    .arg(report.removedFileCount == 1 ? QString() : QStringLiteral("s"),
                         report.dryRun ? QStringLiteral("reclaiming") : QStringLiteral("reclaimed"),
                         humanSize(report.reclaimedSize),
                         report.dryRun ? QStringLiteral(" (dry run: nothing was removed)") : QString()));
    const QList<std::pair<QString, qint64>> parts = {
        {QStringLiteral("objects"), report.reclaimedObjectSize},
        {QStringLiteral("chunks"), report.reclaimedChunkSize},
        {QStringLiteral("cache"), report.reclaimedCacheSize},
        {QStringLiteral("temporary"), report.reclaimedTemporarySize},
    };
    for (const auto &[name, size] : parts)
        out::line(indent + QStringLiteral("  %1 %2").arg(name.leftJustified(10), humanSize(size)));
    out::line(indent + QStringLiteral("Checked refs: ") + report.checkedRefs.join(QStringLiteral(", ")));
    for (const QString &note : report.notes)
        out::line(indent + QStringLiteral("note: ") + out::singleLine(note));
}

int runGc(CommandContext &context, const ParsedArgs &args)
{
    Repository &repo = context.repository();
    const GcReport report = repo.gc(args.isSet(QStringLiteral("dry-run")), !args.isSet(QStringLiteral("no-prune-cache")),
                                    context.task);
    if (context.json) {
        out::json(ModelJson::toJson(report));
        return ExitOk;
    }
    printGcReport(report);
    return ExitOk;
}

// ---- squash -----------------------------------------------------------------------------

int runSquash(CommandContext &context, const ParsedArgs &args)
{
    Repository &repo = context.repository();
    SquashOptions options;
    options.rootRevision = args.value(QStringLiteral("root"));
    if (args.isSet(QStringLiteral("message")))
        options.commitMessage = args.value(QStringLiteral("message"));
    if (args.isSet(QStringLiteral("description")))
        options.commitDescription = args.value(QStringLiteral("description"));
    options.runGc = !args.isSet(QStringLiteral("no-gc"));
    options.pruneCache = args.isSet(QStringLiteral("prune-cache"));
    const QString ref = args.positionals.value(0).isEmpty() ? repo.defaultBranch() : args.positionals.value(0);
    const SquashReport report = repo.squashHistory(ref, options, context.task);
    if (context.json) {
        out::json(ModelJson::toJson(report));
        return ExitOk;
    }
    out::line(QStringLiteral("Squashed %1: %2..%3 (%4 commit%5 rewritten, %6 older commit%7 dropped)")
                  .arg(report.refName, shortOid(report.oldHead), shortOid(report.newHead))
                  .arg(report.rewrittenCommitCount)
                  .arg(report.rewrittenCommitCount == 1 ? QString() : QStringLiteral("s"))
                  .arg(report.droppedAncestorCount)
                  .arg(report.droppedAncestorCount == 1 ? QString() : QStringLiteral("s")));
    if (!report.blockingRefs.isEmpty())
        out::line(QStringLiteral("note: still reachable from %1, so their storage is kept; delete or move these refs "
                                 "and run 'hubvault gc' to reclaim it")
                      .arg(report.blockingRefs.join(QStringLiteral(", "))));
    if (report.gcReport)
        printGcReport(*report.gcReport);
    return ExitOk;
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
    verify.json = true;
    verify.progress = true;
    verify.run = runVerify;
    registry.add(std::move(verify));

    Command gc;
    gc.name = QStringLiteral("gc");
    gc.summary = QStringLiteral("remove data no branch, tag or reflog needs any more");
    gc.synopsis = QStringLiteral("[--dry-run] [--no-prune-cache]");
    gc.description = QStringLiteral(
        "Delete unreachable objects, compact chunk packs, remove leftovers of interrupted\n"
        "writes and (unless --no-prune-cache) the managed download and snapshot cache, then\n"
        "report what was reclaimed. With --dry-run, only report what would be reclaimed.");
    gc.examples = {QStringLiteral("hubvault -C my-repo gc --dry-run"), QStringLiteral("hubvault -C my-repo gc")};
    gc.options = {
        {QChar(), QStringLiteral("dry-run"), {}, QStringLiteral("report what would be removed, remove nothing")},
        {QChar(), QStringLiteral("no-prune-cache"), {}, QStringLiteral("keep the managed download and snapshot cache")},
    };
    gc.json = true;
    gc.progress = true;
    gc.run = runGc;
    registry.add(std::move(gc));

    Command squash;
    squash.name = QStringLiteral("squash");
    squash.summary = QStringLiteral("drop the history of a branch older than a root commit");
    squash.synopsis = QStringLiteral("[--root REV] [-m MSG] [--description TEXT] [--no-gc] [--prune-cache] [REF]");
    squash.description = QStringLiteral(
        "Rewrite the first-parent history of branch REF (default: the default branch) so that\n"
        "REV (default: the branch head) becomes its root commit; older commits become\n"
        "unreachable and, unless --no-gc, their storage is reclaimed right away. Kept commits\n"
        "keep their trees, dates and messages; -m and --description retitle the new root.");
    squash.examples = {QStringLiteral("hubvault -C my-repo squash"),
                       QStringLiteral("hubvault -C my-repo squash --root v2 -m \"Baseline v2\" main")};
    squash.options = {
        {QChar(), QStringLiteral("root"), QStringLiteral("REV"),
         QStringLiteral("commit that becomes the root (default: the head)"), false, ValueKind::Revision},
        {QLatin1Char('m'), QStringLiteral("message"), QStringLiteral("MSG"), QStringLiteral("new title of the root commit")},
        {QChar(), QStringLiteral("description"), QStringLiteral("TEXT"), QStringLiteral("new body of the root commit")},
        {QChar(), QStringLiteral("no-gc"), {}, QStringLiteral("do not run gc afterwards")},
        {QChar(), QStringLiteral("prune-cache"), {}, QStringLiteral("let that gc also empty the managed cache")},
    };
    squash.maxPositionals = 1;
    squash.positionalNames = {QStringLiteral("REF")};
    squash.positionalKinds = {ValueKind::Branch};
    squash.json = true;
    squash.progress = true;
    squash.run = runSquash;
    registry.add(std::move(squash));
}

} // namespace hubvault::cli
