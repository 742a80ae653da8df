#include "HistorySquasher.h"

#include <hubvault/Errors.h>
#include "CommitWriter.h"
#include "GarbageCollector.h"
#include "History.h"
#include "ObjectCodec.h"
#include "Reachability.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "Transaction.h"

#include <QSet>

namespace hubvault {

QStringList HistorySquasher::firstParentChain(const QString &head)
{
    QStringList chain;
    QSet<QString> seen;
    for (QString id = head; !id.isEmpty() && !seen.contains(id);) {
        seen.insert(id);
        chain.append(id);
        const QStringList parents = m_session.commit(id).parents;
        id = parents.isEmpty() ? QString() : parents.first();
    }
    return chain;
}

SquashReport HistorySquasher::run(const QString &refNameIn, const SquashOptions &options)
{
    if (refNameIn.startsWith(QLatin1String("refs/tags/")))
        throw HubVaultValidationError(QStringLiteral("squash_history works on branches, not tags: %1").arg(refNameIn));
    const QString branch = refNameIn.startsWith(QLatin1String("refs/heads/")) ? refNameIn.mid(11) : refNameIn;
    const auto row = m_session.ref(QStringLiteral("branch"), branch);
    if (!row)
        throw RevisionNotFoundError(QStringLiteral("branch not found: %1").arg(branch));
    if (row->commitId.isEmpty())
        throw RevisionNotFoundError(QStringLiteral("branch %1 has no commits to squash").arg(branch));
    const QString head = row->commitId;
    const QStringList lineage = firstParentChain(head);
    History history(m_session);
    const QString root = options.rootRevision.isEmpty() ? head : history.resolveCommit(options.rootRevision);
    const qsizetype rootIndex = lineage.indexOf(root);
    if (rootIndex < 0)
        throw HubVaultValidationError(QStringLiteral("root revision %1 is not on the first-parent history of %2")
                                          .arg(options.rootRevision, branch));

    SquashReport report;
    report.refName = QStringLiteral("refs/heads/") + branch;
    report.oldHead = m_session.commitGitOid(head);
    report.rootCommitBefore = m_session.commitGitOid(root);
    // Everything the root stood on, over all parents, is dropped from this branch.
    QStringList rootParents = m_session.commit(root).parents;
    report.droppedAncestorCount = Reachability::countCommits(m_session, rootParents);
    const QSet<QString> oldLineage(lineage.cbegin(), lineage.cend());
    for (const RefRow &other : m_session.refs()) {
        if ((other.kind == QLatin1String("branch") && other.name == branch) || other.commitId.isEmpty())
            continue;
        for (const QString &id : firstParentChain(other.commitId)) {
            if (oldLineage.contains(id)) {
                report.blockingRefs.append((other.kind == QLatin1String("tag") ? QStringLiteral("refs/tags/")
                                                                               : QStringLiteral("refs/heads/")) + other.name);
                break;
            }
        }
    }
    std::sort(report.blockingRefs.begin(), report.blockingRefs.end());

    Transaction txn(m_session, branch, head);
    txn.markStaged();
    QString previous;
    for (qsizetype i = rootIndex; i >= 0; --i) {
        const CommitPayload old = m_session.commit(lineage.at(i));
        CommitText text;
        if (old.title.isEmpty() && old.description.isEmpty()) {
            const auto [title, description] = ObjectCodec::splitMessage(old.message);
            text = {old.message, title, description};
        } else {
            text = {old.message, old.title, old.description};
        }
        if (i == rootIndex) {
            if (options.commitMessage)
                text.title = *options.commitMessage;
            if (options.commitDescription)
                text.description = *options.commitDescription;
            text.message = text.description.isEmpty() ? text.title : text.title + QStringLiteral("\n\n") + text.description;
        }
        const BuiltCommit commit = CommitWriter::buildCommit(
            m_session, old.treeId, m_session.treeGitOid(old.treeId), previous.isEmpty() ? QStringList() : QStringList{previous},
            text, old.metadata, ObjectCodec::parseTimestamp(old.createdAt));
        txn.putObject(ObjectType::Commit, commit.objectId, commit.payload);
        previous = commit.objectId;
        ++report.rewrittenCommitCount;
        m_task.checkCancelled();
    }
    txn.markPublished();
    txn.updateRef(QStringLiteral("branch"), branch, head, previous, QStringLiteral("squash history"), true);
    txn.commit();
    report.newHead = m_session.commitGitOid(previous);
    if (options.runGc) {
        m_session.beginNextWrite();
        report.gcReport = GarbageCollector(m_session, m_task).run(false, options.pruneCache);
    }
    return report;
}

} // namespace hubvault
