// Commands that read repository content: ls-tree, download, snapshot.

#include <hubvault/ModelJson.h>
#include "Command.h"
#include "Output.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

namespace hubvault::cli {

namespace {

/**
 * --local-dir is relative to where the user runs the command, not to -C: the original's
 * -C only names the repository, it does not change directory.
 */
QString localDirOption(const ParsedArgs &args)
{
    if (!args.isSet(QStringLiteral("local-dir")))
        return {};
    const QString dir = args.value(QStringLiteral("local-dir"));
    if (dir.isEmpty())
        throw UsageError(QStringLiteral("option '--local-dir' requires a non-empty directory"));
    return QDir::cleanPath(QDir::current().absoluteFilePath(dir));
}

int runLsTree(CommandContext &context, const ParsedArgs &args)
{
    const QString revision = args.positionals.value(0);
    const QString path = args.positionals.value(1);
    const Repository &repo = context.repository();
    const QList<RepoEntry> entries = repo.listRepoTree(path, args.isSet(QStringLiteral("recursive")), revision);
    if (context.json) {
        QJsonArray list;
        for (const RepoEntry &entry : entries) {
            QJsonObject object = ModelJson::toJson(entry);
            object.insert(QStringLiteral("type"), entry.isFolder ? QStringLiteral("folder") : QStringLiteral("file"));
            list.append(object);
        }
        out::json(QJsonObject{{QStringLiteral("revision"), revision.isEmpty() ? repo.defaultBranch() : revision},
                              {QStringLiteral("path"), path},
                              {QStringLiteral("recursive"), args.isSet(QStringLiteral("recursive"))},
                              {QStringLiteral("entries"), list}});
        return ExitOk;
    }
    for (const RepoEntry &entry : entries) {
        if (entry.isFolder)
            out::line(QStringLiteral("040000 tree %1\t%2").arg(entry.folder.treeId, entry.folder.path));
        else
            out::line(QStringLiteral("100644 blob %1\t%2").arg(entry.file.oid, entry.file.path));
    }
    return ExitOk;
}

int runDownload(CommandContext &context, const ParsedArgs &args)
{
    const QString localDir = localDirOption(args);
    const Repository &repo = context.repository();
    const QString revision = args.value(QStringLiteral("revision"));
    const QString written = repo.hfHubDownload(args.positionals.at(0), revision, localDir, context.task);
    if (context.json) {
        out::json(QJsonObject{{QStringLiteral("revision"), revision.isEmpty() ? repo.defaultBranch() : revision},
                              {QStringLiteral("path_in_repo"), args.positionals.at(0)},
                              {QStringLiteral("path"), written}});
        return ExitOk;
    }
    out::line(written);
    return ExitOk;
}

int runSnapshot(CommandContext &context, const ParsedArgs &args)
{
    SnapshotOptions options;
    options.revision = args.value(QStringLiteral("revision"));
    options.localDir = localDirOption(args);
    // Unset and empty differ for the core (an explicit empty allow list selects nothing),
    // so a list is only passed when the option was given.
    if (args.isSet(QStringLiteral("allow-pattern")))
        options.allowPatterns = args.values(QStringLiteral("allow-pattern"));
    if (args.isSet(QStringLiteral("ignore-pattern")))
        options.ignorePatterns = args.values(QStringLiteral("ignore-pattern"));
    const Repository &repo = context.repository();
    const QString written = repo.snapshotDownload(options, context.task);
    if (context.json) {
        out::json(QJsonObject{{QStringLiteral("revision"), options.revision.isEmpty() ? repo.defaultBranch() : options.revision},
                              {QStringLiteral("path"), written}});
        return ExitOk;
    }
    out::line(written);
    return ExitOk;
}

OptionSpec revisionOption()
{
    return {QLatin1Char('r'), QStringLiteral("revision"), QStringLiteral("REV"),
            QStringLiteral("branch, tag or commit id to read (default: the default branch)"), false, ValueKind::Revision};
}

OptionSpec localDirSpec()
{
    return {QChar(), QStringLiteral("local-dir"), QStringLiteral("DIR"),
            QStringLiteral("write into DIR (outside the repository) instead of the repository's cache"), false,
            ValueKind::Dir};
}

} // namespace

void registerContentCommands(CommandRegistry &registry)
{
    Command lsTree;
    lsTree.name = QStringLiteral("ls-tree");
    lsTree.summary = QStringLiteral("list the files and folders of a revision");
    lsTree.synopsis = QStringLiteral("[-r] [REVISION] [PATH]");
    lsTree.description = QStringLiteral(
        "List the entries of folder PATH (default: the root) at REVISION (default: the\n"
        "default branch) as \"<mode> <type> <id><TAB><path>\".");
    lsTree.examples = {QStringLiteral("hubvault -C my-repo ls-tree"),
                       QStringLiteral("hubvault -C my-repo ls-tree -r main models")};
    lsTree.options = {
        {QLatin1Char('r'), QStringLiteral("recursive"), {}, QStringLiteral("also list the content of sub-folders")},
    };
    lsTree.maxPositionals = 2;
    lsTree.positionalNames = {QStringLiteral("REVISION"), QStringLiteral("PATH")};
    lsTree.positionalKinds = {ValueKind::Revision, ValueKind::None};
    lsTree.json = true;
    lsTree.run = runLsTree;
    registry.add(std::move(lsTree));

    Command download;
    download.name = QStringLiteral("download");
    download.summary = QStringLiteral("write one file to a detached path and print that path");
    download.synopsis = QStringLiteral("[-r REV] [--local-dir DIR] PATH");
    download.description = QStringLiteral(
        "Write the file PATH of a revision to a detached location and print where it is.\n"
        "The copy is checked against its recorded hash; changing it never affects the repository.");
    download.examples = {QStringLiteral("hubvault -C my-repo download models/model.bin"),
                         QStringLiteral("hubvault -C my-repo download -r v1 --local-dir ./out models/model.bin")};
    download.options = {revisionOption(), localDirSpec()};
    download.minPositionals = 1;
    download.maxPositionals = 1;
    download.positionalNames = {QStringLiteral("PATH")};
    download.json = true;
    download.progress = true;
    download.run = runDownload;
    registry.add(std::move(download));

    Command snapshot;
    snapshot.name = QStringLiteral("snapshot");
    snapshot.summary = QStringLiteral("write a whole revision to a detached directory and print it");
    snapshot.synopsis = QStringLiteral("[-r REV] [--local-dir DIR] [--allow-pattern PAT]... [--ignore-pattern PAT]...");
    snapshot.description = QStringLiteral(
        "Write the files of a revision to a detached directory and print where it is.\n"
        "Patterns are shell-style (fnmatch) on the full repository path; '*' also matches '/',\n"
        "and a pattern ending in '/' selects everything below that folder.");
    snapshot.examples = {QStringLiteral("hubvault -C my-repo snapshot"),
                         QStringLiteral("hubvault -C my-repo snapshot -r v1 --local-dir ./export --allow-pattern '*.json'")};
    snapshot.options = {
        revisionOption(),
        localDirSpec(),
        {QChar(), QStringLiteral("allow-pattern"), QStringLiteral("PAT"), QStringLiteral("only include paths matching PAT"), true},
        {QChar(), QStringLiteral("ignore-pattern"), QStringLiteral("PAT"), QStringLiteral("leave out paths matching PAT"), true},
    };
    snapshot.json = true;
    snapshot.progress = true;
    snapshot.run = runSnapshot;
    registry.add(std::move(snapshot));
}

} // namespace hubvault::cli
