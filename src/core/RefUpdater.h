#pragma once
// Ref-only writes (docs/format.md §8.4): create/delete branch and tag, reset a branch. Each is
// one transaction that moves a row of `refs` and appends its reflog row.

#include <hubvault/Models.h>

namespace hubvault {

class RepoSession;

class RefUpdater {
public:
    explicit RefUpdater(RepoSession &session) : m_session(session) {}

    void createBranch(const QString &branch, const QString &revision, bool existOk);
    void deleteBranch(const QString &branch);
    void createTag(const QString &tag, const QString &tagMessage, const QString &revision, bool existOk);
    void deleteTag(const QString &tag);
    /** Moves branch `refName` (short name) to any resolvable commit; "reset ref". */
    CommitInfo resetRef(const QString &refName, const QString &toRevision);

    /** CommitInfo describing an existing commit (title and description as stored). */
    static CommitInfo describeCommit(RepoSession &session, const QString &commitId);

private:
    RepoSession &m_session;
};

} // namespace hubvault
