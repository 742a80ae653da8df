#include "MergeEngine.h"

#include "CommitWriter.h"
#include "Errors.h"
#include "History.h"
#include "RefUpdater.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "SnapshotValidator.h"
#include "Transaction.h"
#include "TreeWalker.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <map>

namespace hubvault {

namespace {

using Snapshot = SnapshotMap;

QString targetBranch(const QString &target, const QString &defaultBranch)
{
    static const QRegularExpression hex40(QStringLiteral("^[0-9a-f]{40}$"));
    const QString name = target.isEmpty() ? defaultBranch : target;
    if (name.startsWith(QLatin1String("sha256:")) || name.startsWith(QLatin1String("refs/tags/")) || hex40.match(name).hasMatch())
        throw HubVaultValidationError(QStringLiteral("merge target must be a branch, not %1").arg(name));
    return name.startsWith(QLatin1String("refs/heads/")) ? name.mid(11) : name;
}

} // namespace

QHash<QString, int> MergeEngine::distances(const QString &head)
{
    QHash<QString, int> dist;
    QList<QString> frontier{head};
    dist.insert(head, 0);
    for (int depth = 1; !frontier.isEmpty(); ++depth) {
        QList<QString> next;
        for (const QString &id : std::as_const(frontier)) {
            for (const QString &parent : m_session.commit(id).parents) {
                if (!dist.contains(parent)) {
                    dist.insert(parent, depth);
                    next.append(parent);
                }
            }
        }
        frontier = next;
    }
    return dist;
}

QString MergeEngine::mergeBase(const QString &a, const QString &b)
{
    const QHash<QString, int> da = distances(a), db = distances(b);
    QString best;
    std::tuple<int, int, QString> bestKey;
    for (auto it = da.cbegin(); it != da.cend(); ++it) {
        const auto other = db.constFind(it.key());
        if (other == db.cend())
            continue;
        const auto key = std::make_tuple(it.value() + *other, qMax(it.value(), *other), it.key());
        if (best.isEmpty() || key < bestKey) {
            best = it.key();
            bestKey = key;
        }
    }
    return best;
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
    auto finishWithoutCommit = [&](const QString &status, const QString &base, const QString &after) {
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
        return finishWithoutCommit(QStringLiteral("fast-forward"), base, sourceHead);
    };

    if (sourceHead.isEmpty())
        return finishWithoutCommit(QStringLiteral("already-up-to-date"), QString(), targetHead);
    if (targetHead.isEmpty())
        return fastForward(QString());
    const QString base = mergeBase(targetHead, sourceHead);
    if (targetHead == sourceHead || base == sourceHead)
        return finishWithoutCommit(QStringLiteral("already-up-to-date"), base, targetHead);
    if (base == targetHead)
        return fastForward(base);

    // Three-way merge of file identities.
    TreeWalker walker(m_session);
    const Snapshot b = walker.snapshotOfCommit(base), t = walker.snapshotOfCommit(targetHead),
                   s = walker.snapshotOfCommit(sourceHead);
    auto identity = [&](const Snapshot &snap, const QString &path) -> std::optional<std::tuple<QString, qint64, QString>> {
        const auto it = snap.find(path);
        if (it == snap.end())
            return std::nullopt;
        const FilePayload &f = m_session.file(it->second);
        return std::make_tuple(f.sha256, f.logicalSize, f.oid);
    };
    auto oidOf = [&](const Snapshot &snap, const QString &path) -> std::optional<QString> {
        const auto it = snap.find(path);
        return it == snap.end() ? std::nullopt : std::optional<QString>(m_session.file(it->second).oid);
    };
    std::map<QString, int> all;
    for (const Snapshot *snap : {&b, &t, &s})
        for (const auto &entry : *snap)
            all.emplace(entry.first, 0);
    Snapshot merged;
    QList<QPair<QByteArray, QString>> ordered;
    for (const auto &entry : all)
        ordered.append({entry.first.toUtf8(), entry.first});
    std::sort(ordered.begin(), ordered.end());
    for (const auto &[key, path] : ordered) {
        const auto ib = identity(b, path), it = identity(t, path), is = identity(s, path);
        const Snapshot *take = nullptr;
        if (it == is || ib == it)
            take = it == is ? &t : &s;
        else if (ib == is)
            take = &t;
        if (take) {
            if (const auto found = take->find(path); found != take->end())
                merged[path] = found->second;
            continue;
        }
        MergeConflict c;
        c.path = path;
        if (!ib) {
            c.conflictType = QStringLiteral("add/add");
            c.message = QStringLiteral("Both sides added %1 differently.").arg(path);
        } else if (!it || !is) {
            c.conflictType = QStringLiteral("delete/modify");
            c.message = QStringLiteral("One side deleted %1 while the other changed it.").arg(path);
        } else {
            c.conflictType = QStringLiteral("modify/modify");
            c.message = QStringLiteral("Both sides changed %1 differently.").arg(path);
        }
        c.baseOid = oidOf(b, path);
        c.targetOid = oidOf(t, path);
        c.sourceOid = oidOf(s, path);
        result.conflicts.append(c);
    }
    if (result.conflicts.isEmpty()) {
        QStringList paths;
        for (const auto &entry : merged)
            paths.append(entry.first);
        for (const PathConflict &pc : SnapshotValidator::findConflicts(paths)) {
            MergeConflict c;
            c.path = pc.path;
            c.conflictType = pc.kind;
            c.relatedPath = pc.relatedPath;
            c.message = pc.kind == QLatin1String("case-fold") ? QStringLiteral("case-insensitive path conflict")
                                                             : QStringLiteral("file and directory paths conflict");
            result.conflicts.append(c);
        }
    }
    if (!result.conflicts.isEmpty()) {
        finishWithoutCommit(QStringLiteral("conflict"), base, targetHead);
        result.commit.reset(); // nothing was committed
        return result;
    }

    result.status = QStringLiteral("merged");
    result.baseCommit = gitOid(base);
    result.createdCommit = true;
    const CommitText text = CommitText::compose(options.commitMessage.value_or(defaultMessage), options.commitDescription);
    if (dryRun) {
        result.headAfter = result.targetHeadBefore;
        return result;
    }
    Transaction txn(m_session, target, targetHead);
    txn.markStaged();
    QList<BuiltObject> trees;
    const auto [treeId, treeGitOid] = CommitWriter::buildTrees(m_session, merged, {}, trees);
    for (const BuiltObject &tree : std::as_const(trees))
        txn.putObject(ObjectType::Tree, tree.objectId, tree.payload);
    const QJsonObject metadata{{QStringLiteral("merge"),
                                QJsonObject{{QStringLiteral("base_commit"), base.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(base)},
                                            {QStringLiteral("source_revision"), sourceRevision},
                                            {QStringLiteral("target_revision"), target}}}};
    const BuiltCommit commit = CommitWriter::buildCommit(m_session, treeId, treeGitOid, {targetHead, sourceHead}, text,
                                                         metadata, context.env->nowUtc());
    txn.putObject(ObjectType::Commit, commit.objectId, commit.payload);
    txn.markPublished();
    txn.updateRef(QStringLiteral("branch"), target, targetHead, commit.objectId, text.title, true);
    txn.commit();
    result.headAfter = commit.gitOid;
    result.commit = CommitWriter::commitInfo(context.root, commit.gitOid, text);
    return result;
}

} // namespace hubvault
