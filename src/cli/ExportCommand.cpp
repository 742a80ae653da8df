// export: a thin wrapper over the core's SnapshotExporter (src/core/SnapshotExporter.h),
// which streams a revision into a folder or an archive and never publishes anything
// half-written. The command only parses arguments and prints the report.

#include <hubvault/ModelJson.h>
#include <hubvault/SnapshotExporter.h>
#include "Command.h"
#include "Output.h"

#include <QDir>

namespace hubvault::cli {

namespace {

ExportFormat parseFormat(const QString &name)
{
    if (const std::optional<ExportFormat> format = SnapshotExporter::parseFormat(name))
        return *format;
    throw UsageError(QStringLiteral("invalid value '%1' for '--format': expected folder, zip, tar, tar.gz or tar.zst").arg(name));
}

int runExport(CommandContext &context, const ParsedArgs &args)
{
    const QString given = args.positionals.at(0);
    if (given.isEmpty())
        throw UsageError(QStringLiteral("missing argument TARGET"));
    ExportOptions options;
    options.target = QDir::cleanPath(QDir::current().absoluteFilePath(given));
    if (args.isSet(QStringLiteral("format")))
        options.format = parseFormat(args.value(QStringLiteral("format")));
    options.force = args.isSet(QStringLiteral("force"));
    options.revision = args.value(QStringLiteral("revision"));
    options.pathInRepo = args.value(QStringLiteral("path"));

    const Repository &repo = context.repository();
    const ExportReport report = SnapshotExporter(options).run(repo, context.task);

    if (context.json) {
        out::json(QJsonObject{{QStringLiteral("revision"), report.revision},
                              {QStringLiteral("commit"), report.commit},
                              {QStringLiteral("path"), report.pathInRepo},
                              {QStringLiteral("target"), report.target},
                              {QStringLiteral("format"), SnapshotExporter::formatName(report.format)},
                              {QStringLiteral("file_count"), report.fileCount},
                              {QStringLiteral("total_size"), report.totalSize}});
        return ExitOk;
    }
    out::line(QStringLiteral("Exported %1 file%2 (%3) of %4 (%5) to %6")
                  .arg(report.fileCount)
                  .arg(report.fileCount == 1 ? QString() : QStringLiteral("s"), humanSize(report.totalSize), report.revision,
                       shortOid(report.commit), report.target));
    return ExitOk;
}

} // namespace

void registerExportCommands(CommandRegistry &registry)
{
    Command exportCommand;
    exportCommand.name = QStringLiteral("export");
    exportCommand.summary = QStringLiteral("write a revision, or a path of it, to a folder or an archive");
    exportCommand.synopsis = QStringLiteral("[-r REV] [--path PATH] [--format FORMAT] [--force] TARGET");
    exportCommand.description = QStringLiteral(
        "Write the files of REV (default: the default branch) to TARGET: a new (or empty)\n"
        "folder, or an archive chosen by TARGET's extension (.zip, .tar, .tar.gz/.tgz,\n"
        ".tar.zst/.tzst) or by --format. With --path, only that folder of the revision is\n"
        "exported, its content at the top of TARGET (or that one file, under its own name).\n"
        "Contents are streamed and hash-checked; entries carry the commit's date. TARGET must\n"
        "be outside the repository and its parent folder must exist. An existing archive or\n"
        "non-empty folder is refused unless --force (then the archive is replaced, or files\n"
        "with the same names in the folder are). On failure or Ctrl-C the target is left\n"
        "as it was.");
    exportCommand.examples = {QStringLiteral("hubvault -C my-repo export ./release-v1 -r v1"),
                              QStringLiteral("hubvault -C my-repo export --path models model.tar.zst"),
                              QStringLiteral("hubvault -C my-repo export -r dev --force snapshot.zip")};
    exportCommand.options = {
        {QLatin1Char('r'), QStringLiteral("revision"), QStringLiteral("REV"),
         QStringLiteral("branch, tag or commit id to export (default: the default branch)"), false, ValueKind::Revision},
        {QChar(), QStringLiteral("path"), QStringLiteral("PATH"), QStringLiteral("export only this folder or file of the revision")},
        {QChar(), QStringLiteral("format"), QStringLiteral("FORMAT"),
         QStringLiteral("folder, zip, tar, tar.gz or tar.zst (default: from TARGET's extension, else folder)")},
        {QChar(), QStringLiteral("force"), {}, QStringLiteral("replace an existing archive, or write into a non-empty folder")},
    };
    exportCommand.minPositionals = 1;
    exportCommand.maxPositionals = 1;
    exportCommand.positionalNames = {QStringLiteral("TARGET")};
    exportCommand.positionalKinds = {ValueKind::File};
    exportCommand.json = true;
    exportCommand.progress = true;
    exportCommand.run = runExport;
    registry.add(std::move(exportCommand));
}

} // namespace hubvault::cli
