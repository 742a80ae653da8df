#pragma once
// Navigation of stored trees: path lookup, flat snapshots and listings in the
// original's orders (docs/format.md §3.4, §11.4).

#include "ObjectModel.h"

#include <QList>
#include <QString>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace hubvault {

class RepoSession;

/** A file or tree found at a path; `objectId` is the file or tree object id. */
struct PathEntry {
    QString path;
    bool isTree = false;
    QString objectId;
    bool operator==(const PathEntry &other) const = default;
};

/** Flat snapshot: (path, file object id) sorted by code point. */
using FlatSnapshot = std::vector<std::pair<QString, QString>>;
/** Snapshot keyed by path for edits (create_commit, merge). */
using SnapshotMap = std::map<QString, QString>;

class TreeWalker {
public:
    explicit TreeWalker(RepoSession &session) : m_session(session) {}

    /** The entry at `path` (normalized) under root tree `rootTreeId`; the root itself for "". */
    std::optional<PathEntry> lookup(const QString &rootTreeId, const QString &path);
    /**
     * Like lookup() but keeps only a bounded number of parsed trees of its own instead of
     * filling the session's caches: for walks over a long history, which would otherwise
     * keep a root tree per commit in memory.
     */
    std::optional<PathEntry> lookupBounded(const QString &rootTreeId, const QString &path);
    /** Every file under the tree, sorted by path in code-point order. */
    FlatSnapshot flatten(const QString &rootTreeId);
    /** Every file of a commit by path; empty for an empty commit id (a branch with no commit). */
    SnapshotMap snapshotOfCommit(const QString &commitId);
    /**
     * Entries under `treeId` (whose path is `prefix`), in stored order; with `recursive`,
     * each tree is followed by its contents (pre-order).
     */
    QList<PathEntry> list(const QString &treeId, const QString &prefix, bool recursive, int depth = 0);

    /** Code-point (UTF-8 byte) order, which UTF-16 QString comparison is not. */
    static bool codePointLess(const QString &a, const QString &b);

private:
    void flattenInto(const QString &treeId, const QString &prefix, FlatSnapshot &out, int depth = 0);
    const TreePayload &boundedTree(const QString &treeId);
    /** Follows `path` from the root; `child(treeId, name)` finds one entry of a tree. */
    std::optional<PathEntry> walkPath(const QString &rootTreeId, const QString &path,
                                      const std::function<std::optional<TreeEntry>(const QString &, const QString &)> &child);

    RepoSession &m_session;
    std::unordered_map<QString, std::shared_ptr<const TreePayload>> m_recentTrees; ///< lookupBounded's own trees
};

} // namespace hubvault
