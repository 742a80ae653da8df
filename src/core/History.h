#pragma once
// Reading history: revision resolution (docs/format.md §8.2), commit listings in the
// original's depth-first order (§11.4), commit details with diffs against the first
// parent, refs, reflogs, and each path's last commit.

#include <hubvault/Models.h>
#include "MetadataStore.h"
#include "TreeWalker.h"

#include <QHash>
#include <functional>
#include <QString>
#include <memory>
#include <optional>
#include <unordered_map>

namespace hubvault {

class RepoSession;

class History {
public:
    explicit History(RepoSession &session) : m_session(session), m_walker(session) {}

    /**
     * Commit object id for `revision` (empty = default branch); nullopt for a branch that
     * has no commit yet, which is an error unless `allowEmpty`.
     */
    std::optional<QString> resolve(const QString &revision, bool allowEmpty);
    /** Like resolve() but a revision must name a commit. */
    QString resolveCommit(const QString &revision);
    /**
     * The optimistic-concurrency check of create_commit and merge (docs/format.md §10.1):
     * a non-empty `parentCommit` must resolve to `head`, the branch's current head, or
     * ConflictError is thrown.
     */
    void requireParent(const QString &parentCommit, const QString &head, const QString &branch);

    /** Commits reachable from `head`: depth-first, first parent first, each once; stops
     *  after `limit` commits when `limit` >= 0. A whole walk uses the commit graph. */
    QStringList ancestry(const QString &head, int limit = -1);
    /** How many commits ancestry(head) lists. */
    qsizetype countAncestry(const QString &head);
    /** A commit's ids, parents and message for a graph; reads no tree but the root's OID. */
    CommitGraphNode graphNode(const QString &commitId);
    GitCommitInfo commitInfo(const QString &commitId);
    CommitDetailInfo detail(const QString &commitId, int contextLines, qint64 maxTextSize);

    /** Last commit of each entry: the newest commit (in ancestry order) that introduced
     *  the entry's current object, i.e. whose every parent holds something else. */
    QHash<QString, LastCommitInfo> lastCommits(const QString &head, const QList<PathEntry> &entries);

    GitRefs refs();
    QList<ReflogEntry> reflog(const QString &refName, std::optional<int> limit);
    /** The reflog newest first, one entry at a time, until `visit` returns false. */
    void visitReflog(const QString &refName, const std::function<bool(const ReflogEntry &)> &visit);

private:
    /** The reflog's (kind, name) of `refName`; RevisionNotFoundError when it has none. */
    QPair<QString, QString> reflogRef(const QString &refName);
    ReflogEntry reflogEntry(const QString &kind, const QString &name, const ReflogRow &row);
    /** A commit payload kept in a small cache of this object's own (see the .cpp). */
    const CommitPayload &recentCommit(const QString &commitId);
    CommitFileVersionInfo fileVersion(const QString &path, const QString &fileId);
    CommitChangeInfo change(const QString &path, const QString &oldFileId, const QString &newFileId,
                            int contextLines, qint64 maxTextSize);

    RepoSession &m_session;
    TreeWalker m_walker;
    std::unordered_map<QString, std::shared_ptr<const CommitPayload>> m_recentCommits;
};

} // namespace hubvault
