// Commands about branches and tags: branch, tag, merge.

#include <hubvault/ModelJson.h>
#include "Command.h"
#include "Output.h"

#include <QJsonArray>

namespace hubvault::cli {

namespace {

std::optional<GitRefInfo> findRef(const QList<GitRefInfo> &refs, const QString &name)
{
    for (const GitRefInfo &ref : refs)
        if (ref.name == name)
            return ref;
    return std::nullopt;
}

/** Title of the commit a branch points at (nullopt for a branch without commits). */
std::optional<QString> headTitle(const Repository &repo, const GitRefInfo &ref)
{
    if (!ref.targetCommit)
        return std::nullopt;
    const QList<GitCommitInfo> commits = repo.listRepoCommits(ref.ref);
    return commits.isEmpty() ? std::nullopt : std::optional<QString>(commits.constFirst().title);
}

QJsonValue nullable(const std::optional<QString> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonObject branchJson(const Repository &repo, const GitRefInfo &ref, const QString &current)
{
    QJsonObject object = ModelJson::toJson(ref);
    object.insert(QStringLiteral("current"), ref.name == current);
    object.insert(QStringLiteral("title"), nullable(headTitle(repo, ref)));
    return object;
}

void printBranches(const QString &action, const QString &current, const QJsonArray &branches)
{
    out::json(QJsonObject{{QStringLiteral("action"), action},
                          {QStringLiteral("current_branch"), current},
                          {QStringLiteral("branches"), branches}});
}

// ---- branch -----------------------------------------------------------------------------

int runBranch(CommandContext &context, const ParsedArgs &args)
{
    Repository &repo = context.repository();
    // The original has no checked-out branch: the default branch is the current one.
    const QString current = repo.defaultBranch();
    const QString name = args.positionals.value(0);

    if (args.isSet(QStringLiteral("show-current"))) {
        if (context.json)
            printBranches(QStringLiteral("show-current"), current, {});
        else
            out::line(current);
        return ExitOk;
    }

    if (args.isSet(QStringLiteral("d")) || args.isSet(QStringLiteral("D"))) {
        if (name.isEmpty())
            throw UsageError(QStringLiteral("branch -d/-D requires a branch name"));
        if (args.positionals.size() > 1)
            throw UsageError(QStringLiteral("unexpected argument '%1'").arg(args.positionals.at(1)));
        const std::optional<GitRefInfo> ref = findRef(repo.listRepoRefs().branches, name);
        const QJsonObject before = ref ? branchJson(repo, *ref, current) : QJsonObject();
        repo.deleteBranch(name);
        if (context.json) {
            printBranches(QStringLiteral("delete"), current, before.isEmpty() ? QJsonArray() : QJsonArray{before});
        } else if (ref && ref->targetCommit) {
            out::line(QStringLiteral("Deleted branch %1 (was %2).").arg(name, shortOid(*ref->targetCommit)));
        } else {
            out::line(QStringLiteral("Deleted branch %1.").arg(name));
        }
        return ExitOk;
    }

    if (!name.isEmpty()) {
        const QString startPoint = args.positionals.value(1);
        repo.createBranch(name, startPoint.isEmpty() ? current : startPoint);
        if (context.json) {
            const std::optional<GitRefInfo> ref = findRef(repo.listRepoRefs().branches, name);
            printBranches(QStringLiteral("create"), current,
                          ref ? QJsonArray{branchJson(repo, *ref, current)} : QJsonArray());
        }
        return ExitOk;
    }

    const GitRefs refs = repo.listRepoRefs();
    if (context.json) {
        QJsonArray branches;
        for (const GitRefInfo &ref : refs.branches)
            branches.append(branchJson(repo, ref, current));
        printBranches(QStringLiteral("list"), current, branches);
        return ExitOk;
    }
    const bool verbose = args.isSet(QStringLiteral("verbose"));
    for (const GitRefInfo &ref : refs.branches) {
        const QString prefix = ref.name == current ? QStringLiteral("* ") : QStringLiteral("  ");
        if (!verbose) {
            out::line(prefix + ref.name);
            continue;
        }
        const std::optional<QString> title = headTitle(repo, ref);
        if (!ref.targetCommit || !title)
            out::line(prefix + ref.name + QStringLiteral(" (empty)"));
        else
            out::line(QStringLiteral("%1%2 %3 %4").arg(prefix, ref.name, shortOid(*ref.targetCommit), *title));
    }
    return ExitOk;
}

// ---- tag --------------------------------------------------------------------------------

void printTags(const QString &action, const QJsonArray &tags)
{
    out::json(QJsonObject{{QStringLiteral("action"), action}, {QStringLiteral("tags"), tags}});
}

int runTag(CommandContext &context, const ParsedArgs &args)
{
    Repository &repo = context.repository();
    const QString name = args.positionals.value(0);

    if (args.isSet(QStringLiteral("d"))) {
        if (name.isEmpty())
            throw UsageError(QStringLiteral("tag -d requires a tag name"));
        if (args.positionals.size() > 1)
            throw UsageError(QStringLiteral("unexpected argument '%1'").arg(args.positionals.at(1)));
        const std::optional<GitRefInfo> ref = findRef(repo.listRepoRefs().tags, name);
        repo.deleteTag(name);
        if (context.json)
            printTags(QStringLiteral("delete"), ref ? QJsonArray{ModelJson::toJson(*ref)} : QJsonArray());
        else if (ref && ref->targetCommit)
            out::line(QStringLiteral("Deleted tag '%1' (was %2).").arg(name, shortOid(*ref->targetCommit)));
        else
            out::line(QStringLiteral("Deleted tag '%1'.").arg(name));
        return ExitOk;
    }

    if (!name.isEmpty() && !args.isSet(QStringLiteral("list"))) {
        const QString revision = args.positionals.value(1);
        repo.createTag(name, args.value(QStringLiteral("message")), revision.isEmpty() ? repo.defaultBranch() : revision);
        if (context.json) {
            const std::optional<GitRefInfo> ref = findRef(repo.listRepoRefs().tags, name);
            printTags(QStringLiteral("create"), ref ? QJsonArray{ModelJson::toJson(*ref)} : QJsonArray());
        }
        return ExitOk;
    }

    // As in the original, a name given with --list does not filter: every tag is listed.
    const GitRefs refs = repo.listRepoRefs();
    if (context.json) {
        printTags(QStringLiteral("list"), ModelJson::toJsonArray(refs.tags));
        return ExitOk;
    }
    for (const GitRefInfo &ref : refs.tags)
        out::line(ref.name);
    return ExitOk;
}

// ---- merge ------------------------------------------------------------------------------

QString conflictLine(const MergeConflict &conflict)
{
    const QString path = conflict.relatedPath ? conflict.path + QStringLiteral(" -> ") + *conflict.relatedPath : conflict.path;
    return QStringLiteral("CONFLICT (%1): %2").arg(conflict.conflictType, path);
}

int runMerge(CommandContext &context, const ParsedArgs &args)
{
    Repository &repo = context.repository();
    MergeOptions options;
    options.targetRevision = args.value(QStringLiteral("target")).isEmpty() ? repo.defaultBranch()
                                                                          : args.value(QStringLiteral("target"));
    if (args.isSet(QStringLiteral("message")))
        options.commitMessage = args.value(QStringLiteral("message"));
    if (args.isSet(QStringLiteral("description")))
        options.commitDescription = args.value(QStringLiteral("description"));
    const MergeResult result = repo.merge(args.positionals.at(0), options);
    const bool conflict = result.status == MergeStatus::Conflict;

    if (context.json) {
        out::json(ModelJson::toJson(result));
        return conflict ? ExitFailure : ExitOk;
    }
    if (result.status == MergeStatus::AlreadyUpToDate) {
        out::line(QStringLiteral("Already up to date."));
    } else if (result.status == MergeStatus::FastForward) {
        out::line(QStringLiteral("Updating %1..%2").arg(shortOid(result.targetHeadBefore.value_or(QString())),
                                                        shortOid(result.headAfter.value_or(QString()))));
        out::line(QStringLiteral("Fast-forward"));
    } else if (!conflict) {
        const QString id = result.commit ? result.commit->oid : result.headAfter.value_or(QString());
        out::line(QStringLiteral("Merge made by the 'hubvault' strategy."));
        out::line(QStringLiteral("Created commit %1.").arg(shortOid(id)));
    } else {
        // Like a failed verification, the conflicts are the result: they go to stdout,
        // and the exit code says the merge did not happen.
        for (const MergeConflict &c : result.conflicts)
            out::line(conflictLine(c));
        out::line(QStringLiteral("Automatic merge failed; no commit was created."));
    }
    return conflict ? ExitFailure : ExitOk;
}

} // namespace

void registerRefCommands(CommandRegistry &registry)
{
    Command branch;
    branch.name = QStringLiteral("branch");
    branch.summary = QStringLiteral("list, create or delete branches");
    branch.synopsis = QStringLiteral("[-v] [--show-current] [-d | -D] [BRANCH [START_POINT]]");
    branch.description = QStringLiteral(
        "Without arguments, list the branches; the default branch is marked with '*' (a\n"
        "hubvault repository has no checkout, so the default branch is the current one).\n"
        "With BRANCH, create it at START_POINT (default: the default branch). With -d or -D,\n"
        "delete BRANCH (the two are the same: nothing is ever unmerged in a working tree).");
    branch.examples = {QStringLiteral("hubvault -C my-repo branch -v"),
                       QStringLiteral("hubvault -C my-repo branch experiment v1"),
                       QStringLiteral("hubvault -C my-repo branch -d experiment")};
    branch.options = {
        {QLatin1Char('v'), QStringLiteral("verbose"), {}, QStringLiteral("show the short commit id and title of each branch")},
        {QChar(), QStringLiteral("show-current"), {}, QStringLiteral("print the name of the current (default) branch")},
        {QLatin1Char('d'), {}, {}, QStringLiteral("delete BRANCH")},
        {QLatin1Char('D'), {}, {}, QStringLiteral("delete BRANCH (same as -d)")},
    };
    branch.maxPositionals = 2;
    branch.positionalNames = {QStringLiteral("BRANCH"), QStringLiteral("START_POINT")};
    branch.positionalKinds = {ValueKind::Branch, ValueKind::Revision};
    branch.json = true;
    branch.run = runBranch;
    registry.add(std::move(branch));

    Command tag;
    tag.name = QStringLiteral("tag");
    tag.summary = QStringLiteral("list, create or delete tags");
    tag.synopsis = QStringLiteral("[-l] [-d] [-m MSG] [TAG [REVISION]]");
    tag.description = QStringLiteral(
        "Without arguments (or with -l), list the tags. With TAG, create it at REVISION\n"
        "(default: the default branch) with an optional message. With -d, delete TAG.");
    tag.examples = {QStringLiteral("hubvault -C my-repo tag v1 -m \"first release\""),
                    QStringLiteral("hubvault -C my-repo tag -l"), QStringLiteral("hubvault -C my-repo tag -d v1")};
    tag.options = {
        {QLatin1Char('l'), QStringLiteral("list"), {}, QStringLiteral("list the tags")},
        {QLatin1Char('d'), {}, {}, QStringLiteral("delete TAG")},
        {QLatin1Char('m'), QStringLiteral("message"), QStringLiteral("MSG"), QStringLiteral("message of the new tag")},
    };
    tag.maxPositionals = 2;
    tag.positionalNames = {QStringLiteral("TAG"), QStringLiteral("REVISION")};
    tag.positionalKinds = {ValueKind::Tag, ValueKind::Revision};
    tag.json = true;
    tag.run = runTag;
    registry.add(std::move(tag));

    Command merge;
    merge.name = QStringLiteral("merge");
    merge.summary = QStringLiteral("merge a revision into a branch");
    merge.synopsis = QStringLiteral("[--target BRANCH] [-m MSG] [--description TEXT] SOURCE");
    merge.description = QStringLiteral(
        "Merge SOURCE (a branch, tag or commit id) into BRANCH (default: the default branch):\n"
        "a fast-forward when possible, else a merge commit when the two sides changed\n"
        "different paths. When both changed the same path, one \"CONFLICT (<type>): <path>\"\n"
        "line is printed per conflict, nothing is changed and the exit code is 1.");
    merge.examples = {QStringLiteral("hubvault -C my-repo merge feature"),
                      QStringLiteral("hubvault -C my-repo merge --target release -m \"Merge fixes\" fixes")};
    merge.options = {
        {QChar(), QStringLiteral("target"), QStringLiteral("BRANCH"),
         QStringLiteral("branch to merge into (default: the default branch)"), false, ValueKind::Branch},
        {QLatin1Char('m'), QStringLiteral("message"), QStringLiteral("MSG"),
         QStringLiteral("title of the merge commit (default: \"Merge <source> into <target>\")")},
        {QChar(), QStringLiteral("description"), QStringLiteral("TEXT"), QStringLiteral("body of the merge commit")},
    };
    merge.minPositionals = 1;
    merge.maxPositionals = 1;
    merge.positionalNames = {QStringLiteral("SOURCE")};
    merge.positionalKinds = {ValueKind::Revision};
    merge.json = true;
    merge.run = runMerge;
    registry.add(std::move(merge));
}

} // namespace hubvault::cli
