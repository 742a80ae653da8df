#pragma once
// The three-way merge of docs/format.md §10.2 as pure functions over trees and file
// identities, with no repository behind them: the rule per path, the conflict records,
// and the walk that opens only folders that differ on both sides. MergeEngine feeds it
// from a session and applies the result; tests feed it trees built in memory.

#include <hubvault/Models.h>
#include "ObjectModel.h"
#include "TreeWalker.h"

#include <QList>
#include <QString>
#include <compare>
#include <functional>
#include <optional>

namespace hubvault::merge {

/** What makes two file objects "the same file" for a merge: content, size and git id. */
struct FileIdentity {
    QString sha256;
    qint64 size = 0;
    QString oid;
    bool operator==(const FileIdentity &) const = default;
};

/** What the merge reads: a tree's entries and a file's identity, both by object id. */
struct Objects {
    std::function<const QList<TreeEntry> &(const QString &treeId)> tree;
    std::function<FileIdentity(const QString &fileId)> file;
};

/** The content conflict record of the original for one path (add/add, delete/modify, modify/modify). */
MergeConflict contentConflict(const QString &path, const std::optional<QString> &baseOid,
                              const std::optional<QString> &targetOid, const std::optional<QString> &sourceOid);
/** file/directory and case-fold conflicts of a merged path list. */
QList<MergeConflict> structuralConflicts(const QStringList &paths);
/** Conflicts in the original's order: by the UTF-8 bytes of their paths. */
void sortByUtf8Path(QList<MergeConflict> &conflicts);

/** What the tree walk decided: the source's changes to apply to the target's tree. */
struct TreeEdits {
    QList<std::pair<QString, QString>> setFiles; ///< path, file object id
    QStringList removedFiles;
    QList<MergeConflict> conflicts; ///< content conflicts, sorted
    /**
     * A name is a file on one side and a folder on another: the walk stopped, and only
     * the snapshot merge gives the original's answer.
     */
    bool needsSnapshots = false;
};

/**
 * Merges three trees (object ids; empty = no tree). A folder that is the same on both
 * sides, or unchanged on the source side, is not opened: the target's version is the
 * result. Structural conflicts are not looked for here.
 */
TreeEdits mergeTrees(const Objects &objects, const QString &baseTree, const QString &targetTree,
                     const QString &sourceTree);

struct SnapshotResult {
    SnapshotMap merged; ///< path -> file object id; empty when there are conflicts
    QList<MergeConflict> conflicts; ///< content conflicts alone, else structural ones
};

/** The original's definition path by path over the union of three flat snapshots. */
SnapshotResult mergeSnapshots(const Objects &objects, const SnapshotMap &base, const SnapshotMap &target,
                              const SnapshotMap &source);

} // namespace hubvault::merge
