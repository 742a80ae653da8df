#pragma once
// merge (docs/format.md §10.2): fast-forward, already-up-to-date (decided by ancestry), or
// a three-way merge of file identities against the merge base (ThreeWayMerge.h), with
// content and structural conflicts reported as data and no ref change. The merge base is chosen exactly like the
// original (shortest total distance, then shortest longer side, then object id), so
// criss-cross histories agree, but the search stops as soon as no farther ancestor can
// win. The tree merge skips every subtree that is the same on both sides or unchanged on
// one, so it costs what differs, not the size of the repository.

#include <hubvault/Models.h>
#include <hubvault/Options.h>
#include "ThreeWayMerge.h"
#include "TreeBuilder.h"

#include <QHash>
#include <memory>
#include <optional>

namespace hubvault {

class ObjectGraph;
class RepoSession;
struct CommitText;

class MergeEngine {
public:
    explicit MergeEngine(RepoSession &session) : m_session(session) {}

    /** Performs the merge (or, with `dryRun`, only computes what it would do). */
    MergeResult merge(const QString &sourceRevision, const MergeOptions &options, bool dryRun = false);

    /** Merge base of two commits (object ids), or empty when they share no ancestor. */
    QString mergeBase(const QString &a, const QString &b);
    /** Whether `ancestor` is reachable from `descendant` over all parents (or equal). */
    bool isAncestor(const QString &ancestor, const QString &descendant);

    /** What merging the trees of `base`, `target` and `source` commits gives. */
    struct TreeResult {
        QList<MergeConflict> conflicts;
        QString treeId, treeGitOid;
        QList<BuiltObject> trees; ///< new trees to store
    };
    TreeResult mergeTrees(const QString &base, const QString &target, const QString &source);
    /**
     * The same, by the original's definition over three flat snapshots: what mergeTrees
     * falls back to for a name that is a file on one side and a folder on another, or a
     * structural conflict, and the reference the tests check mergeTrees against.
     */
    TreeResult mergeSnapshots(const QString &base, const QString &target, const QString &source);

private:
    /** The session's trees and files, as the pure merge reads them. */
    merge::Objects objects();
    QString treeOf(const QString &commit);

    QString writeMergeCommit(const QString &target, const QString &targetHead, const QString &sourceHead,
                             const QString &base, const QString &sourceRevision, const TreeResult &merged,
                             const CommitText &text);

    RepoSession &m_session;
    std::shared_ptr<const ObjectGraph> m_graph; ///< loaded by the first ancestry walk
};

} // namespace hubvault
