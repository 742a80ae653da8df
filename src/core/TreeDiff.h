#pragma once
// The files that differ between two root trees. Subtrees with the same object id are
// skipped without being read, so a commit that touches a few files of a large tree costs
// a few tree reads, not a walk of every file (as flattening both snapshots would).

#include <QString>
#include <vector>

namespace hubvault {

class RepoSession;

/** One differing path: a file id on either side, empty where the path has no file. */
struct FileDifference {
    QString path;
    QString oldFileId;
    QString newFileId;
};

class TreeDiff {
public:
    explicit TreeDiff(RepoSession &session) : m_session(session) {}

    /**
     * Files added, deleted or changed from `oldTreeId` to `newTreeId` (either may be empty
     * for "no tree"), sorted by path in code-point order. Two file objects with the same
     * content (sha256, size and git OID) count as unchanged, as in commit details.
     */
    std::vector<FileDifference> compare(const QString &oldTreeId, const QString &newTreeId);

private:
    void compareTrees(const QString &oldTreeId, const QString &newTreeId, const QString &prefix, int depth = 0);
    /** Every file under a tree, as added (or deleted when `asOld`). */
    void addAll(const QString &treeId, const QString &prefix, bool asOld);
    bool sameContent(const QString &oldFileId, const QString &newFileId);

    RepoSession &m_session;
    std::vector<FileDifference> m_out;
};

} // namespace hubvault
