// merge: merge base, three-way tree merge, the merge commit (see MergeEngine.h).
#include "MergeEngine.h"

#include <hubvault/Errors.h>
#include "CommitWriter.h"
#include "History.h"
#include "RefUpdater.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "SnapshotValidator.h"
#include "Transaction.h"
#include "TreeEditor.h"
#include "TreeWalker.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <map>
#include <tuple>

namespace hubvault {

namespace {

using Snapshot = SnapshotMap;
/** What makes two file objects "the same file" for a merge: content, size, git id. */
using Identity = std::tuple<QString, qint64, QString>;

QString targetBranch(const QString &target, const QString &defaultBranch)
{
    static const QRegularExpression hex40(QStringLiteral("^[0-9a-f]{40}$"));
    const QString name = target.isEmpty() ? defaultBranch : target;
    if (name.startsWith(QLatin1String("sha256:")) || name.startsWith(QLatin1String("refs/tags/")) || hex40.match(name).hasMatch())
        throw HubVaultValidationError(QStringLiteral("merge target must be a branch, not %1").arg(name));
    return name.startsWith(QLatin1String("refs/heads/")) ? name.mid(11) : name;
}

QString joinPath(const QString &prefix, const QString &name)
{
    return prefix.isEmpty() ? name : prefix + QLatin1Char('/') + name;
}

MergeConflict contentConflict(const QString &path, const std::optional<QString> &baseOid,
                              const std::optional<QString> &targetOid, const std::optional<QString> &sourceOid)
{
    MergeConflict c;
    c.path = path;
    if (!baseOid) {
        c.conflictType = QStringLiteral("add/add");
        c.message = QStringLiteral("Both sides added %1 differently.").arg(path);
    } else if (!targetOid || !sourceOid) {
        c.conflictType = QStringLiteral("delete/modify");
        c.message = QStringLiteral("One side deleted %1 while the other changed it.").arg(path);
    } else {
        c.conflictType = QStringLiteral("modify/modify");
        c.message = QStringLiteral("Both sides changed %1 differently.").arg(path);
    }
    c.baseOid = baseOid;
    c.targetOid = targetOid;
    c.sourceOid = sourceOid;
    return c;
}

QList<MergeConflict> structuralConflicts(const QStringList &paths)
{
    QList<MergeConflict> out;
    for (const PathConflict &pc : SnapshotValidator::findConflicts(paths)) {
        MergeConflict c;
        c.path = pc.path;
        c.conflictType = pc.kind;
        c.relatedPath = pc.relatedPath;
        c.message = pc.kind == QLatin1String("case-fold") ? QStringLiteral("case-insensitive path conflict")
                                                         : QStringLiteral("file and directory paths conflict");
        out.append(c);
    }
    return out;
}

void sortByUtf8Path(QList<MergeConflict> &conflicts)
{
    std::stable_sort(conflicts.begin(), conflicts.end(),
                     [](const MergeConflict &a, const MergeConflict &b) { return a.path.toUtf8() < b.path.toUtf8(); });
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

/**
 * The three-way merge over trees. A folder that is the same on both sides, or unchanged
 * on the source side, needs no look inside (the target's version is the result); only
 * folders that differ on both sides are opened. The result is the target's tree with
 * the changes the source brings, which TreeEditor rebuilds. A name that is a file on one
 * side and a folder on another is left to the whole-snapshot merge (`needsSnapshots`),
 * as is any structural conflict, so that what is reported matches it exactly.
 */
class MergeEngine::TreeMerge {
public:
    TreeMerge(RepoSession &session, TreeEditor &result) : m_session(session), m_result(result) {}

    QList<MergeConflict> conflicts;
    bool needsSnapshots = false;

    void folder(const QString &prefix, const QString &base, const QString &target, const QString &source)
    {
        if (needsSnapshots || target == source || base == source)
            return;
        std::map<QString, std::tuple<const TreeEntry *, const TreeEntry *, const TreeEntry *>> names;
        auto collect = [&](const QString &treeId, int side) {
            if (treeId.isEmpty())
                return;
            for (const TreeEntry &e : m_session.tree(treeId).entries) {
                auto &slot = names[e.name];
                (side == 0 ? std::get<0>(slot) : side == 1 ? std::get<1>(slot) : std::get<2>(slot)) = &e;
            }
        };
        collect(base, 0);
        collect(target, 1);
        collect(source, 2);
        for (const auto &[name, sides] : names) {
            const auto [b, t, s] = sides;
            const QString path = joinPath(prefix, name);
            const bool anyTree = (b && b->isTree()) || (t && t->isTree()) || (s && s->isTree());
            const bool anyFile = (b && !b->isTree()) || (t && !t->isTree()) || (s && !s->isTree());
            if (anyTree && anyFile) {
                needsSnapshots = true;
                return;
            }
            auto id = [](const TreeEntry *e) { return e ? e->objectId : QString(); };
            if (anyTree)
                folder(path, id(b), id(t), id(s));
            else
                file(path, id(b), id(t), id(s));
        }
    }

private:
    std::optional<Identity> identity(const QString &fileId)
    {
        if (fileId.isEmpty())
            return std::nullopt;
        const FilePayload &f = m_session.file(fileId);
        return std::make_tuple(f.sha256, f.logicalSize, f.oid);
    }
    std::optional<QString> oid(const QString &fileId)
    {
        return fileId.isEmpty() ? std::nullopt : std::optional<QString>(m_session.file(fileId).oid);
    }

    void file(const QString &path, const QString &base, const QString &target, const QString &source)
    {
        // The rule of the original, per path: equal sides keep the target's file; a side
        // equal to the base yields the other side; anything else conflicts.
        if (target == source || base == source)
            return;
        const auto ib = identity(base), it = identity(target), is = identity(source);
        if (it == is || (ib != it && ib == is))
            return; // the target's file stays
        if (ib == it) {
            if (source.isEmpty())
                m_result.removeFile(path);
            else
                m_result.setFile(path, source);
            return;
        }
        conflicts.append(contentConflict(path, oid(base), oid(target), oid(source)));
    }

    RepoSession &m_session;
    TreeEditor &m_result;
};

MergeEngine::TreeResult MergeEngine::mergeTrees(const QString &base, const QString &target, const QString &source)
{
    auto treeOf = [&](const QString &commit) { return commit.isEmpty() ? QString() : m_session.commit(commit).treeId; };
    TreeEditor result(m_session, treeOf(target));
    TreeMerge walk(m_session, result);
    walk.folder(QString(), treeOf(base), treeOf(target), treeOf(source));
    if (walk.needsSnapshots)
        return mergeSnapshots(base, target, source);
    TreeResult out;
    out.conflicts = walk.conflicts;
    if (!out.conflicts.isEmpty()) {
        sortByUtf8Path(out.conflicts);
        return out;
    }
    try {
        std::tie(out.treeId, out.treeGitOid) = result.build(CommitWriter::fileFacts(m_session, {}), out.trees);
    } catch (const ConflictError &) {
        return mergeSnapshots(base, target, source); // to list every structural conflict
    }
    return out;
}

MergeEngine::TreeResult MergeEngine::mergeSnapshots(const QString &base, const QString &target, const QString &source)
{
    // The original's definition, path by path over the union of three flat snapshots.
    TreeWalker walker(m_session);
    const Snapshot b = walker.snapshotOfCommit(base), t = walker.snapshotOfCommit(target),
                   s = walker.snapshotOfCommit(source);
    auto fileAt = [](const Snapshot &snap, const QString &path) {
        const auto it = snap.find(path);
        return it == snap.end() ? QString() : it->second;
    };
    auto identity = [&](const QString &fileId) -> std::optional<Identity> {
        if (fileId.isEmpty())
            return std::nullopt;
        const FilePayload &f = m_session.file(fileId);
        return std::make_tuple(f.sha256, f.logicalSize, f.oid);
    };
    auto oid = [&](const QString &fileId) {
        return fileId.isEmpty() ? std::nullopt : std::optional<QString>(m_session.file(fileId).oid);
    };
    std::map<QByteArray, QString> ordered; // by UTF-8 bytes, as the original iterates
    for (const Snapshot *snap : {&b, &t, &s})
        for (const auto &entry : *snap)
            ordered.emplace(entry.first.toUtf8(), entry.first);
    TreeResult out;
    Snapshot merged;
    for (const auto &[key, path] : ordered) {
        const QString fb = fileAt(b, path), ft = fileAt(t, path), fs = fileAt(s, path);
        const auto ib = identity(fb), it = identity(ft), is = identity(fs);
        QString take;
        if (it == is || ib == it)
            take = it == is ? ft : fs;
        else if (ib == is)
            take = ft;
        else {
            out.conflicts.append(contentConflict(path, oid(fb), oid(ft), oid(fs)));
            continue;
        }
        if (!take.isEmpty())
            merged[path] = take;
    }
    if (out.conflicts.isEmpty()) {
        QStringList paths;
        for (const auto &entry : merged)
            paths.append(entry.first);
        out.conflicts = structuralConflicts(paths);
    }
    if (out.conflicts.isEmpty())
        std::tie(out.treeId, out.treeGitOid) = CommitWriter::buildTrees(m_session, merged, {}, out.trees);
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
    if (!options.parentCommit.isEmpty()) {
        const auto parent = history.resolve(options.parentCommit, false);
        if (!parent || *parent != targetHead)
            throw ConflictError(QStringLiteral("parent_commit %1 is not the head of %2; fetch the latest state and retry")
                                    .arg(options.parentCommit, target));
    }
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
    const QString base = mergeBase(targetHead, sourceHead);
    if (targetHead == sourceHead || base == sourceHead)
        return finishWithoutCommit(MergeStatus::AlreadyUpToDate, base, targetHead);
    if (base == targetHead)
        return fastForward(base);

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
