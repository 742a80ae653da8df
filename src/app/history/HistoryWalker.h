#pragma once
// Worker-side history reading for the commit graph: walks every commit reachable from a
// set of heads, newest first, and hands them out in batches, each commit with its
// parents and the paths it changed. Only ever used by one worker job at a time; it never
// touches a widget or a model.
//
// Commits are read in batches with Repository::readCommitGraph (one session per batch;
// parents are asked for by object id, so no Git id has to be looked up), each with the
// paths it changed (only differing subtrees are read). The order is that of
// `git log --date-order`: newest first, and never a commit before one of its children.
// A commit is handed out only once every read commit at least as new has had its parents
// read too, so a child with the same timestamp (times have one-second precision) cannot
// turn up later; the walk therefore reads only a little beyond what it hands out, and the
// first rows are ready after reading about one batch, not the whole history.

#include <hubvault/Models.h>

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <memory>
#include <queue>
#include <vector>

namespace hubvault {
class Repository;
}

namespace hubvault::app {

/** One commit as the graph shows it. */
struct CommitRecord {
    QString id;            ///< Git commit id
    QString objectId;      ///< internal commit object id ("sha256:...")
    QStringList parents;   ///< Git ids, first parent first
    QStringList parentObjectIds; ///< the same parents as object ids
    QDateTime date;        ///< UTC
    QString title;
    QString message;       ///< the description (body)
    QStringList changedPaths; ///< paths added, modified or deleted against the first parent
};

/** What one step of the walk produced. */
struct HistoryBatch {
    QList<CommitRecord> commits;
    bool atEnd = false;
    QStringList warnings; ///< commits that could not be read (left out of the graph)
};

class HistoryWalker {
public:
    /** `heads`: commit ids to start from, most important first (ties in date keep this order). */
    HistoryWalker(const QString &repoPath, const QStringList &heads);
    ~HistoryWalker();

    /** Reads up to `count` more commits. Blocking: call on a worker. Throws the core's errors. */
    HistoryBatch next(int count);
    /** Commits read so far (handed out or not): how far the walk had to look ahead. */
    int readCount() const { return int(m_seq); }

    /**
     * Reads commits (revisions: Git ids, object ids or refs) with their parents and
     * changed paths (blocking). Unreadable ones are left out and named in `warnings`.
     * This is the walk's only use of the core.
     */
    static QList<CommitRecord> readCommits(const Repository &repo, const QStringList &revisions, QStringList *warnings);

private:
    struct Key {
        qint64 msecs;
        quint64 seq;
        QString id;
    };
    /** Orders a max-heap newest first, then first read first. */
    struct Older {
        bool operator()(const Key &a, const Key &b) const
        {
            return a.msecs != b.msecs ? a.msecs < b.msecs : a.seq > b.seq;
        }
    };
    using Heap = std::priority_queue<Key, std::vector<Key>, Older>;

    /** Hands out the newest commit still waiting when all that wait are on a parent cycle. */
    void breakCycle(QStringList *warnings);
    /** Reads commits not seen yet; `revisions` are what to ask the core for each Git id. */
    void read(const QStringList &gitIds, const QStringList &revisions, QStringList *warnings);
    /** Reads the parents of `keys` (in one go) and counts them as pending children. */
    void expand(const QList<Key> &keys, QStringList *warnings);
    /** The best commit that may be handed out now, or nullptr when none is left. */
    const Key *readyTop();

    QString m_repoPath;
    QStringList m_heads;
    std::shared_ptr<Repository> m_repo;
    QHash<QString, CommitRecord> m_records; ///< read, not handed out yet
    QHash<QString, Key> m_keys;             ///< of every read commit
    QHash<QString, int> m_pendingChildren;  ///< read children not handed out yet
    QSet<QString> m_seen;                   ///< read or unreadable
    QSet<QString> m_emitted;
    Heap m_unexpanded; ///< read commits whose parents are not read yet
    Heap m_ready;      ///< read commits with no pending child (may hold stale entries)
    quint64 m_seq = 0;
};

} // namespace hubvault::app
