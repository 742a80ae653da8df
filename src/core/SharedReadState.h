#pragma once
// What the readers of one open repository share between calls, and how they notice that
// the database changed without asking SQLite (which costs about ten system calls per
// transaction). Readers in this process share one descriptor on locks/repo.lock that
// holds the shared flock while any of them is inside a call (docs/format.md §7). Under that
// lock no writer that follows the protocol can commit, so the database header's change
// counter (offset 24, incremented by every commit in rollback-journal mode, ours or the
// original's) is stable: while it is unchanged, refs, chunk rows and which commits exist,
// as cached here, are still true, and a read can be served without a SQLite transaction.
// The files' identities are re-checked every half second, so a repository replaced on
// disk is noticed.

#include "Env.h"
#include "MetadataStore.h"
#include "ObjectGraph.h"

#include <QHash>
#include <QString>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>

namespace hubvault {

class RepositoryContext;

class SharedReadState {
public:
    explicit SharedReadState(const RepositoryContext &context);
    ~SharedReadState();
    SharedReadState(const SharedReadState &) = delete;
    SharedReadState &operator=(const SharedReadState &) = delete;

    /**
     * Takes the shared lock for one reader (blocking while a writer holds it). While a
     * writer of this process waits for or holds the exclusive lock, new readers wait for
     * it first: readers that overlap without end would otherwise keep the shared lock
     * held and starve the writer (tst_concurrent_use).
     */
    void enter();
    /** Ends one reader's hold; the flock is released when the last reader leaves. */
    void leave();
    /** A write session of this process starts (before it asks for the exclusive lock)... */
    void beginWrite();
    /** ...and ends (after it released the lock): waiting readers go on. */
    void endWrite();

    /** The database changed since the txn_log recovery check last ran (§6.4). */
    bool needsTxnLogCheck();
    void txnLogChecked();
    /** Device and inode of metadata.sqlite3 as of the last check (ConnectionPool key). */
    quint64 databaseKey();

    // State derived from the database, valid while the change counter is unchanged.
    std::shared_ptr<const QList<RefRow>> refs();
    void setRefs(std::shared_ptr<const QList<RefRow>> refs);
    /** Cached chunk row: nullopt = not cached; a cached "absent" is an empty optional inside. */
    std::optional<std::optional<ChunkRow>> chunk(const QString &chunkId);
    void setChunk(const QString &chunkId, const std::optional<ChunkRow> &row);
    std::optional<bool> commitExists(const QString &objectId);
    void setCommitExists(const QString &objectId, bool exists);
    /** Every commit with its parents and tree (for whole-history walks). */
    std::shared_ptr<const ObjectGraph> commitGraph();
    void setCommitGraph(std::shared_ptr<const ObjectGraph> graph);

private:
    /** Opens and share-locks locks/repo.lock (FileLock() on a read-only copy without one). */
    FileLock acquireLock() const;
    void checkFilesLocked();
    void readCounterLocked();
    void clearStateLocked();

    const RepositoryContext &m_context;
    std::mutex m_mutex;
    std::condition_variable m_noWriter;
    int m_readers = 0;
    int m_writers = 0; ///< write sessions of this process waiting for or holding the lock
    std::unique_ptr<FileLock> m_lock;
    quint64 m_lockKey = 0;
    int m_databaseFd = -1;
    quint64 m_databaseKey = 0;
    std::chrono::steady_clock::time_point m_lastFileCheck{};
    std::optional<quint32> m_counter;
    std::optional<quint32> m_txnLogCheckedAt;

    std::shared_ptr<const QList<RefRow>> m_refs;
    QHash<QString, std::optional<ChunkRow>> m_chunks;
    QHash<QString, bool> m_commitsExist;
    std::shared_ptr<const ObjectGraph> m_commitGraph;
};

} // namespace hubvault
