#pragma once
// Which stored objects and chunks a set of commits keeps alive (docs/format.md §10.4, §10.6),
// as sets of ids (ObjectGraph computes it; StorageAnalyzer uses the graph directly).
// Reflogs, transactions and caches keep nothing alive.

#include <QSet>
#include <QString>
#include <QStringList>

namespace hubvault {

class RepoSession;

struct ReachableSet {
    QSet<QString> commits, trees, files, blobs, chunks;
};

class Reachability {
public:
    /** From every branch and tag target; with `followParents`, their whole history ("live"),
     *  otherwise only the tip commits themselves ("tip"). */
    static ReachableSet fromRefs(RepoSession &session, bool followParents);
    static ReachableSet fromCommits(RepoSession &session, const QStringList &commits, bool followParents);
    /** How many commits the given ones reach through their parents (themselves included). */
    static qsizetype countCommits(RepoSession &session, const QStringList &commits);
    /** Sorted full ref names of every branch and tag ("refs/heads/..", "refs/tags/.."). */
    static QStringList refNames(RepoSession &session);
};

} // namespace hubvault
