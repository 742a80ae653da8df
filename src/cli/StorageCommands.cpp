// hubvault storage: where disk space goes, and the packs on an attached S3 bucket
// (storage attach|status|offload|fetch|detach, docs/object-storage.md).
#include <hubvault/LocalRepository.h>
#include <hubvault/ModelJson.h>
#include "Command.h"
#include "Output.h"

namespace hubvault::cli {

namespace {

LocalRepository &localRepository(CommandContext &context)
{
    auto *local = dynamic_cast<LocalRepository *>(&context.repository());
    if (!local)
        throw HubVaultValidationError(QStringLiteral("Pack storage is managed where the repository lives; run this on the server's machine, not through %1.").arg(context.location));
    return *local;
}

void printStatus(const PackStorageStatus &status)
{
    if (!status.attached) {
        out::line(QStringLiteral("No bucket attached: every pack is in chunks/packs/."));
    } else {
        out::line(QStringLiteral("Bucket:       %1 at %2 (region %3%4)")
                      .arg(status.url, status.endpoint, status.region,
                           status.profile.isEmpty() ? QString() : QStringLiteral(", profile ") + status.profile));
        out::line(QStringLiteral("Chunk cache:  %1 of %2").arg(humanSize(status.cacheSize), humanSize(status.cacheLimit)));
    }
    int counts[4] = {0, 0, 0, 0};
    for (const PackStatus &pack : status.packs)
        ++counts[int(pack.place)];
    out::line(QStringLiteral("Packs:        %1 local, %2 in the bucket, %3 in both, %4 missing")
                  .arg(counts[int(PackPlace::Local)])
                  .arg(counts[int(PackPlace::Remote)])
                  .arg(counts[int(PackPlace::LocalAndRemote)])
                  .arg(counts[int(PackPlace::Missing)]));
    out::line(QStringLiteral("On this disk: %1").arg(humanSize(status.localSize)));
    if (status.attached)
        out::line(QStringLiteral("In the bucket: %1").arg(humanSize(status.remoteSize)));
    if (status.unreferencedObjectCount > 0 || status.pendingUploadCount > 0)
        out::line(QStringLiteral("Unreferenced: %1 object(s) (%2) and %3 unfinished upload(s); 'hubvault gc' removes them")
                      .arg(status.unreferencedObjectCount)
                      .arg(humanSize(status.unreferencedObjectSize))
                      .arg(status.pendingUploadCount));
    if (counts[int(PackPlace::Missing)] > 0)
        out::line(QStringLiteral("warning: %1 pack(s) are neither here nor in the bucket; run 'hubvault verify --full'")
                      .arg(counts[int(PackPlace::Missing)]));
}

int report(CommandContext &context, const PackTransferReport &report, const QString &moved)
{
    if (context.json) {
        out::json(ModelJson::toJson(report));
        return ExitOk;
    }
    out::line(QStringLiteral("%1 %2 pack(s) (%3); %4 already in place")
                  .arg(moved)
                  .arg(report.movedCount)
                  .arg(humanSize(report.movedSize))
                  .arg(report.keptCount));
    if (report.freedLocalSize > 0)
        out::line(QStringLiteral("Freed %1 on this disk").arg(humanSize(report.freedLocalSize)));
    return ExitOk;
}

int runStatus(CommandContext &context, const PackStorageStatus &status)
{
    if (context.json)
        out::json(ModelJson::toJson(status));
    else
        printStatus(status);
    return ExitOk;
}

/** The overview of where disk space goes (plain `hubvault storage`). */
int runOverview(CommandContext &context)
{
    const Repository &repo = context.repository();
    const StorageOverview overview = repo.storageOverview();
    if (context.json) {
        out::json(ModelJson::toJson(overview));
        return ExitOk;
    }

    const QList<std::pair<QString, qint64>> totals = {
        {QStringLiteral("Total on disk"), overview.totalSize},
        {QStringLiteral("Reachable data"), overview.reachableSize},
        {QStringLiteral("Historical (kept by history)"), overview.historicalRetainedSize},
        {QStringLiteral("Reclaimable by gc"), overview.reclaimableGcSize},
        {QStringLiteral("Reclaimable cache"), overview.reclaimableCacheSize},
        {QStringLiteral("Reclaimable temporary files"), overview.reclaimableTemporarySize},
    };
    qsizetype labelWidth = 0;
    for (const auto &[label, size] : totals)
        labelWidth = qMax(labelWidth, label.size() + 1);
    for (const auto &[label, size] : totals)
        out::line(QStringLiteral("%1 %2").arg((label + QLatin1Char(':')).leftJustified(labelWidth),
                                              humanSize(size).rightJustified(10)));

    // One row per section; sizes right-aligned so they can be compared at a glance.
    QList<QStringList> rows = {{QStringLiteral("SECTION"), QStringLiteral("SIZE"), QStringLiteral("FILES"),
                                QStringLiteral("RECLAIMABLE"), QStringLiteral("STRATEGY"), QStringLiteral("PATH")}};
    for (const StorageSectionInfo &section : overview.sections)
        rows.append({section.name, humanSize(section.totalSize), QString::number(section.fileCount),
                     humanSize(section.reclaimableSize), wireName(section.reclaimStrategy), section.path});
    QList<qsizetype> widths(rows.constFirst().size(), 0);
    for (const QStringList &row : std::as_const(rows))
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = qMax(widths[i], row.at(i).size());
    out::line();
    for (const QStringList &row : std::as_const(rows)) {
        QStringList cells;
        for (qsizetype i = 0; i < row.size(); ++i) {
            const bool numeric = i >= 1 && i <= 3;
            const bool last = i == row.size() - 1;
            cells << (numeric ? row.at(i).rightJustified(widths.at(i)) : last ? row.at(i) : row.at(i).leftJustified(widths.at(i)));
        }
        out::line(cells.join(QStringLiteral("  ")));
    }
    if (!overview.recommendations.isEmpty()) {
        out::line();
        out::line(QStringLiteral("Recommendations:"));
        for (const QString &recommendation : overview.recommendations)
            out::line(QStringLiteral("  - ") + out::singleLine(recommendation));
    }
    return ExitOk;
}

int runStorage(CommandContext &context, const ParsedArgs &args)
{
    const QString action = args.positionals.value(0);
    const bool attaching = action == QLatin1String("attach");
    if (!attaching && args.positionals.size() > 1)
        throw UsageError(QStringLiteral("'storage %1' takes no further argument").arg(action));
    for (const char *option : {"endpoint", "region", "profile", "cache-limit"})
        if (!attaching && args.isSet(QLatin1String(option)))
            throw UsageError(QStringLiteral("--%1 belongs to 'storage attach'").arg(QLatin1String(option)));
    if (action.isEmpty())
        return runOverview(context);
    if (action == QLatin1String("status"))
        return runStatus(context, localRepository(context).packStorageStatus(context.task));
    if (action == QLatin1String("offload"))
        return report(context, localRepository(context).offloadPacks(context.task), QStringLiteral("Uploaded"));
    if (action == QLatin1String("fetch"))
        return report(context, localRepository(context).fetchPacks(context.task), QStringLiteral("Downloaded"));
    if (action == QLatin1String("detach")) {
        const int code = report(context, localRepository(context).detachStorage(context.task), QStringLiteral("Downloaded"));
        if (!context.json)
            out::line(QStringLiteral("Detached: new packs are written to chunks/packs/ again; the bucket's objects are kept"));
        return code;
    }
    if (!attaching)
        throw UsageError(QStringLiteral("unknown storage action '%1' (attach, status, offload, fetch or detach)").arg(action));
    if (args.positionals.size() < 2)
        throw UsageError(QStringLiteral("'storage attach' needs the bucket: s3://BUCKET[/PREFIX]"));
    RemoteStorageOptions options;
    options.url = args.positionals.at(1);
    options.endpoint = args.value(QStringLiteral("endpoint"));
    options.region = args.value(QStringLiteral("region"));
    options.profile = args.value(QStringLiteral("profile"));
    if (args.isSet(QStringLiteral("cache-limit")))
        options.cacheLimit = parseByteSize(args.value(QStringLiteral("cache-limit")), QStringLiteral("--cache-limit"));
    const PackStorageStatus status = localRepository(context).attachStorage(options);
    if (!context.json)
        out::line(QStringLiteral("Attached %1: new packs go there; 'hubvault storage offload' moves the existing ones").arg(status.url));
    return runStatus(context, status);
}

} // namespace

void registerStorageCommands(CommandRegistry &registry)
{
    Command storage;
    storage.name = QStringLiteral("storage");
    storage.summary = QStringLiteral("show where disk space goes; keep packs on S3-compatible object storage");
    storage.synopsis = QStringLiteral("[attach s3://BUCKET[/PREFIX] --endpoint URL [--region R] [--profile P] [--cache-limit SIZE] | status | offload | fetch | detach]");
    storage.description = QStringLiteral(
        "Without an action, show the repository's size, how much of it is live, kept only by\n"
        "history, or reclaimable by gc, one row per storage area, and what to do to save space.\n"
        "\n"
        "attach   keep new packs in an S3 bucket (AWS S3, Ceph RGW, OpenStack Swift, MinIO);\n"
        "         credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the\n"
        "         ~/.aws/credentials profile and are never stored in the repository\n"
        "status   where every pack is: here, in the bucket, or both\n"
        "offload  upload local packs, check each object, then delete the local copy\n"
        "fetch    download every pack that is only in the bucket: the repository is whole\n"
        "         on this disk again (for hubvault 0.0.2, which knows no buckets)\n"
        "detach   fetch, then write new packs locally again (the bucket's objects stay)\n"
        "See docs/object-storage.md.");
    storage.examples = {
        QStringLiteral("hubvault -C my-repo storage"),
        QStringLiteral("hubvault -C my-repo storage attach s3://models/team-a --endpoint https://s3.eu-west-1.amazonaws.com --region eu-west-1"),
        QStringLiteral("hubvault -C my-repo storage offload"),
        QStringLiteral("hubvault -C my-repo storage status --json"),
        QStringLiteral("hubvault -C my-repo storage fetch"),
    };
    storage.options = {
        {QChar(), QStringLiteral("endpoint"), QStringLiteral("URL"), QStringLiteral("attach: the S3 API's address, http(s)://HOST[:PORT]")},
        {QChar(), QStringLiteral("region"), QStringLiteral("R"), QStringLiteral("attach: the bucket's region (default us-east-1)")},
        {QChar(), QStringLiteral("profile"), QStringLiteral("P"), QStringLiteral("attach: the ~/.aws/credentials profile when AWS_* variables are unset")},
        {QChar(), QStringLiteral("cache-limit"), QStringLiteral("SIZE"), QStringLiteral("attach: bytes of fetched chunks kept in cache/chunks (default 2G)")},
    };
    storage.maxPositionals = 2;
    storage.positionalNames = {QStringLiteral("ACTION"), QStringLiteral("URL")};
    storage.json = true;
    storage.progress = true;
    storage.run = runStorage;
    registry.add(std::move(storage));
}

} // namespace hubvault::cli
