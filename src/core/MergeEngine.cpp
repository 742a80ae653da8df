// merge: merge base, three-way tree merge, the merge commit (see MergeEngine.h).
#include "MergeEngine.h"

#include <hubvault/Errors.h>
#include "CommitWriter.h"
#include "History.h"
#include "ObjectGraph.h"
#include "RefUpdater.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "Transaction.h"
#include "TreeEditor.h"
#include "TreeWalker.h"

#include <QJsonObject>
#include <QSet>
#include <QRegularExpression>
#include <map>
#include <tuple>

namespace hubvault {

namespace {

QString targetBranch(const QString &target, const QString &defaultBranch)
{
    static const QRegularExpression hex40(QStringLiteral("^[0-9a-f]{40}$"));
    const QString name = target.isEmpty() ? defaultBranch : target;
    if (name.startsWith(QLatin1String("sha256:")) || name.startsWith(QLatin1String("refs/tags/")) || hex40.match(name).hasMatch())
        throw HubVaultValidationError(QStringLiteral("merge target must be a branch, not %1").arg(name));
    return name.startsWith(QLatin1String("refs/heads/")) ? name.mid(11) : name;
}

} // namespace

QString MergeEngine::mergeBase(const QString &a, const QString &b)
{
    // Breadth-first from both heads at once, level by level. After level k every common
    // ancestor within k steps of both heads is known; any other one is more than k steps
    // from a head, so once k reaches the best total distance found, nothing unseen can
    // beat it and the walk stops, however long the history behind it.
    QHash<QString, int> distA{{a, 0}}, distB{{b, 0}};
    QList<QString> frontierA{a}, frontierB{b};
    QString best;
    std::tuple<int, int, QString> bestKey;
    auto consider = [&](const QString &id) {
        const auto da = distA.constFind(id), db = distB.constFind(id);
        if (da == distA.cend() || db == distB.cend())
            return;
        const auto key = std::make_tuple(*da + *db, qMax(*da, *db), id);
        if (best.isEmpty() || key < bestKey) {
            best = id;
            bestKey = key;
        }
    };
    consider(a);
    auto step = [&](QList<QString> &frontier, QHash<QString, int> &dist, int depth) {
        QList<QString> next;
        for (const QString &id : std::as_const(frontier)) {
            for (const QString &parent : m_session.commit(id).parents) {
                if (dist.contains(parent))
                    continue;
                dist.insert(parent, depth);
                next.append(parent);
                consider(parent);
            }
        }
        frontier = next;
    };
    for (int depth = 1; !frontierA.isEmpty() || !frontierB.isEmpty(); ++depth) {
        if (!best.isEmpty() && depth > std::get<0>(bestKey))
            break;
        step(frontierA, distA, depth);
        step(frontierB, distB, depth);
    }
    return best;
}

bool MergeEngine::isAncestor(const QString &ancestor, const QString &descendant)
{
    // Reachability over all parents, as the original defines it, on the compact commit
    // graph: a walk of the whole history costs integers, not parsed commits.
    if (ancestor == descendant)
        return true;
    if (!m_graph)
        m_graph = m_session.commitGraph();
    const int goal = m_graph->find(ObjectType::Commit, ancestor);
    const int start = m_graph->find(ObjectType::Commit, descendant);
    if (goal < 0 || start < 0)
        return false;
    std::vector<bool> seen(size_t(m_graph->count(ObjectType::Commit)));
    std::vector<int> frontier{start};
    seen[size_t(start)] = true;
    while (!frontier.empty()) {
        const int commit = frontier.back();
        frontier.pop_back();
        for (const int parent : m_graph->parents(commit)) {
            if (parent == goal)
                return true;
            if (!seen[size_t(parent)]) {
                seen[size_t(parent)] = true;
                frontier.push_back(parent);
            }
        }
    }
    return false;
}

merge::Objects MergeEngine::objects()
{
    return {[this](const QString &treeId) -> const QList<TreeEntry> & { return m_session.tree(treeId).entries; },
            [this](const QString &fileId) {
                const FilePayload &f = m_session.file(fileId);
                return merge::FileIdentity{f.sha256, f.logicalSize, f.oid};
            }};
}

QString MergeEngine::treeOf(const QString &commit)
{
    return commit.isEmpty() ? QString() : m_session.commit(commit).treeId;
}

MergeEngine::TreeResult MergeEngine::mergeTrees(const QString &base, const QString &target, const QString &source)
{
    const merge::TreeEdits edits = merge::mergeTrees(objects(), treeOf(base), treeOf(target), treeOf(source));
    if (edits.needsSnapshots)
        return mergeSnapshots(base, target, source);
    TreeResult out;
    out.conflicts = edits.conflicts;
    if (!out.conflicts.isEmpty())
        return out;
    // The target's tree with the source's changes; TreeEditor rebuilds only their paths.
    TreeEditor result(m_session, treeOf(target));
    for (const auto &[path, fileId] : edits.setFiles)
        result.setFile(path, fileId);
    for (const QString &path : edits.removedFiles)
        result.removeFile(path);
    try {
        std::tie(out.treeId, out.treeGitOid) = result.build(CommitWriter::fileFacts(m_session, {}), out.trees);
    } catch (const ConflictError &) {
        return mergeSnapshots(base, target, source); // to list every structural conflict
    }
    return out;
}

MergeEngine::TreeResult MergeEngine::mergeSnapshots(const QString &base, const QString &target, const QString &source)
{
    TreeWalker walker(m_session);
    const merge::SnapshotResult merged = merge::mergeSnapshots(
        objects(), walker.snapshotOfCommit(base), walker.snapshotOfCommit(target), walker.snapshotOfCommit(source));
    TreeResult out;
    out.conflicts = merged.conflicts;
    if (out.conflicts.isEmpty())
        std::tie(out.treeId, out.treeGitOid) = CommitWriter::buildTrees(m_session, merged.merged, {}, out.trees);
    return out;
}

QString MergeEngine::writeMergeCommit(const QString &target, const QString &targetHead, const QString &sourceHead,
                                      const QString &base, const QString &sourceRevision, const TreeResult &merged,
                                      const CommitText &text)
{
    Transaction txn(m_session, target, targetHead);
    txn.markStaged();
    for (const BuiltObject &tree : merged.trees)
        txn.putTree(tree);
    const QJsonObject metadata{{QStringLiteral("merge"),
                                QJsonObject{{QStringLiteral("base_commit"), base.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(base)},
                                            {QStringLiteral("source_revision"), sourceRevision},
                                            {QStringLiteral("target_revision"), target}}}};
    const BuiltCommit commit = CommitWriter::buildCommit(m_session, merged.treeId, merged.treeGitOid, {targetHead, sourceHead},
                                                         text, metadata, m_session.context().env->nowUtc());
    txn.putObject(ObjectType::Commit, commit.objectId, commit.payload);
    txn.markPublished();
    txn.updateRef(QStringLiteral("branch"), target, targetHead, commit.objectId, text.title, true);
    txn.commit();
    return commit.gitOid;
}

MergeResult MergeEngine::merge(const QString &sourceRevision, const MergeOptions &options, bool dryRun)
{
    const RepositoryContext &context = m_session.context();
    History history(m_session);
    const QString target = targetBranch(options.targetRevision, context.defaultBranch);
    const auto row = m_session.ref(QStringLiteral("branch"), target);
    if (!row)
        throw RevisionNotFoundError(QStringLiteral("branch not found: %1").arg(target));
    const QString targetHead = row->commitId;
    history.requireParent(options.parentCommit, targetHead, target);
    const QString sourceHead = history.resolve(sourceRevision, true).value_or(QString());

    MergeResult result;
    result.targetRevision = target;
    result.sourceRevision = sourceRevision;
    auto gitOid = [&](const QString &id) { return id.isEmpty() ? std::optional<QString>() : m_session.commitGitOid(id); };
    result.targetHeadBefore = gitOid(targetHead);
    result.sourceHead = gitOid(sourceHead);
    auto finishWithoutCommit = [&](MergeStatus status, const QString &base, const QString &after) {
        result.status = status;
        result.baseCommit = gitOid(base);
        result.headAfter = gitOid(after);
        if (!after.isEmpty())
            result.commit = RefUpdater::describeCommit(m_session, after);
        return result;
    };
    const QString defaultMessage = QStringLiteral("Merge %1 into %2").arg(sourceRevision, target);
    auto fastForward = [&](const QString &base) {
        result.fastForward = true;
        if (!dryRun) {
            Transaction txn(m_session, target, targetHead);
            // The original logs the default text here even when a message was given.
            txn.updateRef(QStringLiteral("branch"), target, targetHead, sourceHead, defaultMessage, true);
            txn.commit();
        }
        return finishWithoutCommit(MergeStatus::FastForward, base, sourceHead);
    };

    if (sourceHead.isEmpty())
        return finishWithoutCommit(MergeStatus::AlreadyUpToDate, QString(), targetHead);
    if (targetHead.isEmpty())
        return fastForward(QString());
    // Ancestry decides these two. The merge base settles them when it is one of the
    // heads; but where the other head also reaches an older common ancestor by a shorter
    // path, the base is that one, and only a walk of the history tells.
    const QString base = mergeBase(targetHead, sourceHead);
    if (base == sourceHead || (base != targetHead && isAncestor(sourceHead, targetHead)))
        return finishWithoutCommit(MergeStatus::AlreadyUpToDate, sourceHead, targetHead);
    if (base == targetHead || isAncestor(targetHead, sourceHead))
        return fastForward(targetHead);

    const TreeResult merged = mergeTrees(base, targetHead, sourceHead);
    if (!merged.conflicts.isEmpty()) {
        result.conflicts = merged.conflicts;
        finishWithoutCommit(MergeStatus::Conflict, base, targetHead);
        result.commit.reset(); // nothing was committed
        return result;
    }
    result.status = MergeStatus::Merged;
    result.baseCommit = gitOid(base);
    result.createdCommit = true;
    const CommitText text = CommitText::compose(options.commitMessage.value_or(defaultMessage), options.commitDescription);
    if (dryRun) {
        result.headAfter = result.targetHeadBefore;
        return result;
    }
    result.headAfter = writeMergeCommit(target, targetHead, sourceHead, base, sourceRevision, merged, text);
    result.commit = CommitWriter::commitInfo(context.root, *result.headAfter, text);
    return result;
}

} // namespace hubvault
