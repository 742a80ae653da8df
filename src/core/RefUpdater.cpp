#include "RefUpdater.h"

#include <hubvault/Errors.h>
#include <hubvault/RepoPath.h>
#include "CommitWriter.h"
#include "History.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "Transaction.h"

namespace hubvault {

namespace {

const QString kBranch = QStringLiteral("branch");
const QString kTag = QStringLiteral("tag");

QString stripPrefix(const QString &name, const QString &prefix)
{
    return name.startsWith(prefix) ? name.mid(prefix.size()) : name;
}

/** Deletions accept any spelling that creation would have normalized to the stored name. */
QString normalizedOrAsIs(const QString &name)
{
    try {
        return RepoPath::normalizeRefName(name);
    } catch (const HubVaultError &) {
        return name; // not creatable, so not found either: reported by the caller
    }
}

} // namespace

CommitInfo RefUpdater::describeCommit(RepoSession &session, const QString &commitId)
{
    const GitCommitInfo info = History(session).commitInfo(commitId);
    CommitText text;
    text.title = info.title;
    text.description = info.message;
    return CommitWriter::commitInfo(session.context().root, info.commitId, text);
}

void RefUpdater::createBranch(const QString &branchIn, const QString &revision, bool existOk)
{
    // The original stores a name like "refs/heads/x" literally (docs/format.md §8.1 QUIRK).
    const QString branch = RepoPath::normalizeRefName(branchIn);
    if (m_session.ref(kBranch, branch)) {
        if (existOk)
            return;
        throw RefAlreadyExistsError(QStringLiteral("branch already exists: %1").arg(branch));
    }
    const auto target = History(m_session).resolve(revision, true);
    Transaction txn(m_session, branch, QString());
    txn.updateRef(kBranch, branch, QString(), target.value_or(QString()), QStringLiteral("create branch"), false);
    txn.commit();
}

void RefUpdater::deleteBranch(const QString &branchIn)
{
    const QString branch = normalizedOrAsIs(stripPrefix(branchIn, QStringLiteral("refs/heads/")));
    const auto row = m_session.ref(kBranch, branch);
    if (!row)
        throw RevisionNotFoundError(QStringLiteral("branch not found: %1").arg(branch));
    if (branch == m_session.context().defaultBranch)
        throw ConflictError(QStringLiteral("default branch cannot be deleted")); // the original's words (SERVER.md Appendix A)
    Transaction txn(m_session, branch, row->commitId);
    txn.updateRef(kBranch, branch, row->commitId, QString(), QStringLiteral("delete branch"), true, true);
    txn.commit();
}

void RefUpdater::createTag(const QString &tagIn, const QString &tagMessage, const QString &revision, bool existOk)
{
    const QString tag = RepoPath::normalizeRefName(tagIn);
    if (m_session.ref(kTag, tag)) {
        if (existOk)
            return;
        throw RefAlreadyExistsError(QStringLiteral("tag already exists: %1").arg(tag));
    }
    const auto target = History(m_session).resolve(revision, true);
    if (!target)
        throw RevisionNotFoundError(QStringLiteral("cannot tag %1: it has no commits yet")
                                        .arg(revision.isEmpty() ? m_session.context().defaultBranch : revision));
    Transaction txn(m_session, tag, QString());
    txn.updateRef(kTag, tag, QString(), *target, tagMessage.isEmpty() ? QStringLiteral("create tag") : tagMessage, false);
    txn.commit();
}

void RefUpdater::deleteTag(const QString &tagIn)
{
    const QString tag = normalizedOrAsIs(stripPrefix(tagIn, QStringLiteral("refs/tags/")));
    const auto row = m_session.ref(kTag, tag);
    if (!row)
        throw RevisionNotFoundError(QStringLiteral("tag not found: %1").arg(tag));
    Transaction txn(m_session, tag, row->commitId);
    txn.updateRef(kTag, tag, row->commitId, QString(), QStringLiteral("delete tag"), true, true);
    txn.commit();
}

CommitInfo RefUpdater::resetRef(const QString &refName, const QString &toRevision)
{
    const auto row = m_session.ref(kBranch, refName);
    if (!row)
        throw RevisionNotFoundError(QStringLiteral("branch not found: %1").arg(refName));
    const QString target = History(m_session).resolveCommit(toRevision);
    Transaction txn(m_session, refName, row->commitId);
    txn.updateRef(kBranch, refName, row->commitId, target, QStringLiteral("reset ref"), true);
    txn.commit();
    return describeCommit(m_session, target);
}

} // namespace hubvault
