// Commands about the repository as a whole: init, status, commit, reset.

#include <hubvault/FolderUpload.h>
#include <hubvault/ModelJson.h>
#include "Command.h"
#include "Output.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace hubvault::cli {

namespace {

/** A path typed by the user: relative to the working directory, `~` expanded as a shell would. */
QString localPath(const QString &path)
{
    QString expanded = path;
    if (expanded == QLatin1String("~") || expanded.startsWith(QLatin1String("~/")))
        expanded = QDir::homePath() + expanded.mid(1);
    return QDir::cleanPath(QDir::current().absoluteFilePath(expanded));
}

// ---- init -------------------------------------------------------------------------------

int runInit(CommandContext &context, const ParsedArgs &args)
{
    // PATH is relative to where the command runs, not to -C (as in the original); without
    // PATH the repository named by -C (default: the current directory) is initialized.
    const QString path = args.positionals.isEmpty() ? context.location : localPath(args.positionals.at(0));
    CreateRepoOptions options;
    options.existOk = true;
    if (args.isSet(QStringLiteral("initial-branch")))
        options.defaultBranch = args.value(QStringLiteral("initial-branch"));
    if (args.isSet(QStringLiteral("large-file-threshold")))
        options.largeFileThreshold = parseByteSize(args.value(QStringLiteral("large-file-threshold")),
                                                   QStringLiteral("--large-file-threshold"));

    bool existing = true;
    try {
        openRepository(path);
    } catch (const RepositoryNotFoundError &) {
        existing = false;
    }
    // The core takes the repository lock (creating locks/) before it finds a non-empty
    // folder unusable; checking first leaves such a folder exactly as it was.
    if (!existing && QFileInfo(path).isDir()
        && !QDir(path).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        throw HubVaultValidationError(
            QStringLiteral("cannot create a repository in %1: the directory is not empty and is not a repository; "
                           "use an empty or new directory").arg(path));
    const std::shared_ptr<Repository> created = createRepository(path, options);
    const Repository &repo = *created;
    const QString shown = QFileInfo(path).canonicalFilePath().isEmpty() ? path : QFileInfo(path).canonicalFilePath();
    if (context.json) {
        RepoInfo info = repo.repoInfo();
        out::json(QJsonObject{{QStringLiteral("reinitialized"), existing},
                              {QStringLiteral("path"), shown},
                              {QStringLiteral("repo"), ModelJson::toJson(info)}});
        return ExitOk;
    }
    out::line((existing ? QStringLiteral("Reinitialized existing HubVault repository in ")
                        : QStringLiteral("Initialized empty HubVault repository in "))
              + shown);
    return ExitOk;
}

// ---- status -----------------------------------------------------------------------------

int runStatus(CommandContext &context, const ParsedArgs &args)
{
    const Repository &repo = context.repository();
    // A hubvault repository has no working tree: every change is a commit, so there is
    // never anything to stage. The branch shown is the default branch, as in the original.
    const QString branch = repo.defaultBranch();
    const std::optional<QString> head = repo.repoInfo().head;
    if (context.json) {
        out::json(QJsonObject{{QStringLiteral("branch"), branch},
                              {QStringLiteral("head"), head ? QJsonValue(*head) : QJsonValue(QJsonValue::Null)},
                              {QStringLiteral("clean"), true}});
        return ExitOk;
    }
    if (args.isSet(QStringLiteral("short"))) {
        if (args.isSet(QStringLiteral("branch")))
            out::line(head ? QStringLiteral("## ") + branch : QStringLiteral("## No commits on ") + branch);
        return ExitOk;
    }
    out::line(QStringLiteral("On branch ") + branch);
    out::line();
    if (!head) {
        out::line(QStringLiteral("No commits yet"));
        out::line();
    }
    out::line(QStringLiteral("nothing to commit, repository clean"));
    return ExitOk;
}

// ---- commit -----------------------------------------------------------------------------

/** "LEFT=RIGHT" with both sides non-empty, split at the first '='. */
std::pair<QString, QString> splitMapping(const QString &spec, const QString &option, const QString &form)
{
    const qsizetype eq = spec.indexOf(QLatin1Char('='));
    if (eq <= 0 || eq == spec.size() - 1)
        throw UsageError(QStringLiteral("invalid value '%1' for '%2': expected %3").arg(spec, option, form));
    return {spec.left(eq), spec.mid(eq + 1)};
}

/** Fails with a clear message unless `file` can be opened for reading. */
void checkReadableFile(const QString &file, const QString &shown)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        throw HubVaultValidationError(QStringLiteral("cannot read local file %1: %2; check the LOCAL_PATH of --add")
                                          .arg(shown, f.errorString()));
}

/** Add operations for one --add: a file, or every file below a folder. */
QList<CommitOperation> addOperations(const QString &spec)
{
    const auto [repoPath, given] = splitMapping(spec, QStringLiteral("--add"), QStringLiteral("REPO_PATH=LOCAL_PATH"));
    const QString local = localPath(given);
    const QFileInfo info(local);
    if (!info.exists())
        throw HubVaultValidationError(
            QStringLiteral("local path %1 does not exist; check the LOCAL_PATH of --add %2").arg(given, spec));
    if (!info.isDir()) {
        if (!info.isFile())
            throw HubVaultValidationError(
                QStringLiteral("local path %1 is not a regular file or folder; check the LOCAL_PATH of --add").arg(given));
        checkReadableFile(local, given);
        return {CommitOperation::addFile(repoPath, local)};
    }

    // A folder: all of its files (symlinks are not followed), under REPO_PATH ("." = root).
    // Unreadable sub-folders would silently be skipped by the walk, so they fail here.
    QDirIterator dirs(local, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot | QDir::NoSymLinks,
                      QDirIterator::Subdirectories);
    if (!info.isReadable() || !info.isExecutable())
        throw HubVaultValidationError(QStringLiteral("cannot read local folder %1: permission denied").arg(given));
    while (dirs.hasNext()) {
        const QFileInfo dir(dirs.next());
        if (!dir.isReadable() || !dir.isExecutable())
            throw HubVaultValidationError(
                QStringLiteral("cannot read local folder %1: permission denied").arg(dir.filePath()));
    }
    const QString prefix = (repoPath == QLatin1String(".") || repoPath == QLatin1String("/")) ? QString() : repoPath;
    QList<CommitOperation> ops = FolderUpload::operations(local, prefix, std::nullopt, std::nullopt);
    if (ops.isEmpty())
        throw HubVaultValidationError(QStringLiteral("local folder %1 holds no files; nothing to add").arg(given));
    for (const CommitOperation &op : std::as_const(ops))
        checkReadableFile(op.localPath, op.localPath);
    return ops;
}

int runCommit(CommandContext &context, const ParsedArgs &args)
{
    if (!args.isSet(QStringLiteral("message")))
        throw UsageError(QStringLiteral("option '--message' is required"));
    const QString message = args.value(QStringLiteral("message"));

    // The original's order: every add, then every delete, then every copy.
    QList<CommitOperation> operations;
    for (const QString &spec : args.values(QStringLiteral("add")))
        operations += addOperations(spec);
    for (const QString &path : args.values(QStringLiteral("delete"))) {
        if (path.isEmpty())
            throw UsageError(QStringLiteral("invalid value '' for '--delete': expected REPO_PATH"));
        operations.append(CommitOperation::remove(path));
    }
    for (const QString &spec : args.values(QStringLiteral("copy"))) {
        const auto [src, dest] = splitMapping(spec, QStringLiteral("--copy"), QStringLiteral("SRC=DEST"));
        operations.append(CommitOperation::copy(src, dest));
    }
    if (operations.isEmpty())
        throw HubVaultValidationError(
            QStringLiteral("no operations given; add files with --add REPO_PATH=LOCAL_PATH, or use --delete or --copy"));

    Repository &repo = context.repository();
    const QString branch = args.isSet(QStringLiteral("revision")) && !args.value(QStringLiteral("revision")).isEmpty()
        ? args.value(QStringLiteral("revision"))
        : repo.defaultBranch();
    CommitOptions options;
    options.commitMessage = message;
    if (args.isSet(QStringLiteral("description")))
        options.commitDescription = args.value(QStringLiteral("description"));
    options.revision = branch;
    const CommitInfo commit = repo.createCommit(operations, options, context.task);
    if (context.json) {
        out::json(QJsonObject{{QStringLiteral("branch"), branch}, {QStringLiteral("commit"), ModelJson::toJson(commit)}});
        return ExitOk;
    }
    out::line(QStringLiteral("[%1 %2] %3").arg(branch, shortOid(commit.oid), commit.commitMessage));
    return ExitOk;
}

// ---- reset ------------------------------------------------------------------------------

int runReset(CommandContext &context, const ParsedArgs &args)
{
    Repository &repo = context.repository();
    const QString branch = args.value(QStringLiteral("revision")).isEmpty() ? repo.defaultBranch()
                                                                           : args.value(QStringLiteral("revision"));
    const CommitInfo commit = repo.resetRef(branch, args.positionals.at(0));
    if (context.json) {
        out::json(QJsonObject{{QStringLiteral("branch"), branch}, {QStringLiteral("commit"), ModelJson::toJson(commit)}});
        return ExitOk;
    }
    out::line(QStringLiteral("HEAD is now at %1 %2").arg(shortOid(commit.oid), commit.commitMessage));
    return ExitOk;
}

} // namespace

void registerRepoCommands(CommandRegistry &registry)
{
    Command init;
    init.name = QStringLiteral("init");
    init.summary = QStringLiteral("create an empty repository (or re-initialize an existing one)");
    init.synopsis = QStringLiteral("[-b NAME] [--large-file-threshold BYTES] [PATH]");
    init.description = QStringLiteral(
        "Create a repository in PATH (relative to the current directory; default: the -C\n"
        "directory, else the current one) with an initial commit on branch NAME. PATH must not\n"
        "exist or be empty. Running it on an existing repository changes nothing and reports it\n"
        "as re-initialized. Files of BYTES or more are stored as content-defined chunks.");
    init.examples = {QStringLiteral("hubvault init my-repo"),
                     QStringLiteral("hubvault init -b trunk --large-file-threshold 64M models")};
    init.options = {
        {QLatin1Char('b'), QStringLiteral("initial-branch"), QStringLiteral("NAME"),
         QStringLiteral("name of the default branch (default: main)")},
        {QChar(), QStringLiteral("large-file-threshold"), QStringLiteral("BYTES"),
         QStringLiteral("chunk files of at least BYTES (K/M/G suffixes allowed; default: 16M)")},
    };
    init.maxPositionals = 1;
    init.positionalNames = {QStringLiteral("PATH")};
    init.positionalKinds = {ValueKind::Dir};
    init.json = true;
    init.run = runInit;
    registry.add(std::move(init));

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
    status.json = true;
    status.run = runStatus;
    registry.add(std::move(status));

    Command commit;
    commit.name = QStringLiteral("commit");
    commit.summary = QStringLiteral("record a commit that adds, deletes or copies files");
    commit.synopsis = QStringLiteral(
        "-m MSG [--description TEXT] [-r BRANCH] [--add REPO_PATH=LOCAL_PATH]... [--delete REPO_PATH]... "
        "[--copy SRC=DEST]...");
    commit.description = QStringLiteral(
        "Create one commit on BRANCH (default: the default branch) from explicit operations,\n"
        "applied in this order: every --add, then every --delete, then every --copy. LOCAL_PATH\n"
        "is relative to the current directory; when it is a folder, all files below it are\n"
        "added under REPO_PATH ('.' for the repository root; symlinks are not followed). A\n"
        "REPO_PATH ending in '/' given to --delete names a folder. The commit is atomic: if\n"
        "anything fails or Ctrl-C interrupts it, the repository is left as it was.\n"
        "Prints \"[<branch> <short id>] <message>\".");
    commit.examples = {
        QStringLiteral("hubvault -C my-repo commit -m \"Add weights\" --add model.bin=./out/model.bin"),
        QStringLiteral("hubvault -C my-repo commit -m \"Import run 7\" --add runs/7=./outputs/run7 --delete runs/6/"),
        QStringLiteral("hubvault -C my-repo commit -m Rename -r dev --copy a.txt=b.txt --delete a.txt"),
    };
    commit.options = {
        {QLatin1Char('m'), QStringLiteral("message"), QStringLiteral("MSG"), QStringLiteral("commit title (required)")},
        {QChar(), QStringLiteral("description"), QStringLiteral("TEXT"), QStringLiteral("commit body")},
        {QLatin1Char('r'), QStringLiteral("revision"), QStringLiteral("BRANCH"),
         QStringLiteral("branch to commit to (default: the default branch)"), false, ValueKind::Branch},
        {QChar(), QStringLiteral("add"), QStringLiteral("REPO_PATH=LOCAL_PATH"),
         QStringLiteral("add or replace REPO_PATH with a local file, or a folder's files"), true, ValueKind::File},
        {QChar(), QStringLiteral("delete"), QStringLiteral("REPO_PATH"),
         QStringLiteral("delete a file (or a folder: end it with '/')"), true},
        {QChar(), QStringLiteral("copy"), QStringLiteral("SRC=DEST"),
         QStringLiteral("copy a file or folder of the branch to DEST"), true},
    };
    commit.json = true;
    commit.progress = true;
    commit.run = runCommit;
    registry.add(std::move(commit));

    Command reset;
    reset.name = QStringLiteral("reset");
    reset.summary = QStringLiteral("move a branch to another commit");
    reset.synopsis = QStringLiteral("[-r BRANCH] TO_REVISION");
    reset.description = QStringLiteral(
        "Point BRANCH (default: the default branch) at TO_REVISION (a branch, tag or full\n"
        "commit id), like 'git reset --soft'. Commits no longer reachable stay in the reflog\n"
        "until 'hubvault gc' reclaims them. Prints \"HEAD is now at <short id> <title>\".");
    reset.examples = {QStringLiteral("hubvault -C my-repo reset v1"),
                      QStringLiteral("hubvault -C my-repo reset -r dev 8813419a5f1d2ad032ab9557fca4c2aec3a40555")};
    reset.options = {
        {QLatin1Char('r'), QStringLiteral("revision"), QStringLiteral("BRANCH"),
         QStringLiteral("branch to move (default: the default branch)"), false, ValueKind::Branch},
    };
    reset.minPositionals = 1;
    reset.maxPositionals = 1;
    reset.positionalNames = {QStringLiteral("TO_REVISION")};
    reset.positionalKinds = {ValueKind::Revision};
    reset.json = true;
    reset.run = runReset;
    registry.add(std::move(reset));
}

} // namespace hubvault::cli
