#pragma once
// One public operation's hold on a repository (docs/format.md §2.1, §7): the flock on
// locks/repo.lock (shared to read, exclusive to write), then a pooled SQLite connection
// inside one transaction (deferred read-only, or BEGIN IMMEDIATE read-write), ended in
// reverse order. A write session that is not committed rolls back. A read session opens
// its transaction only when it needs something the repository's caches do not hold
// while the database is unchanged (SharedReadState). Parsed payloads come from the
// repository's shared cache and are kept for the session's lifetime.

#include <hubvault/Errors.h>
#include "Env.h"
#include "ObjectCache.h"
#include "RepositoryContext.h"
#include "MetadataStore.h"
#include "ObjectGraph.h"
#include "ObjectModel.h"

#include <QHash>
#include <memory>
#include <unordered_map>

namespace hubvault {

class RepositoryContext;

class RepoSession {
public:
    enum class Access { Read, Write };
    explicit RepoSession(const RepositoryContext &context, Access access = Access::Read);
    ~RepoSession();
    RepoSession(const RepoSession &) = delete;
    RepoSession &operator=(const RepoSession &) = delete;

    /** Verification must see the database as it is now, not what an earlier call parsed. */
    void bypassSharedCache() { m_useSharedCache = false; }

    bool isWritable() const { return m_access == Access::Write; }
    /** Commits the write transaction: the linearization point of every write (§6.2). */
    void commit();
    /** Starts the next write transaction under the same lock (squash followed by gc). */
    void beginNextWrite();
    /** Forgets cached payloads (after objects were deleted). */
    void clearCaches();

    const RepositoryContext &context() const { return m_context; }
    /** The session's database transaction, begun on first use. */
    MetadataStore &store();

    // Database state that read sessions answer from the repository's caches while the
    // database is unchanged; write sessions ask their own transaction.
    std::optional<RefRow> ref(const QString &kind, const QString &name);
    QList<RefRow> refs();
    std::optional<ChunkRow> chunk(const QString &chunkId);
    /**
     * Every stored commit with its parents and tree, loaded with one scan of the commits
     * table (kept by read sessions while the database is unchanged): for walks over a
     * whole history, where looking commits up one by one costs ten times as much.
     */
    std::shared_ptr<const ObjectGraph> commitGraph();

    /**
     * A tree this write session built and stored: kept as if read, so it reaches the
     * shared cache when the write commits (and is dropped with the session otherwise).
     */
    void adoptTree(const QString &objectId, std::shared_ptr<const TreePayload> tree);

    /** Payload accessors; throw IntegrityError when the object is missing or malformed. */
    const CommitPayload &commit(const QString &objectId);
    const TreePayload &tree(const QString &objectId);
    const FilePayload &file(const QString &objectId);
    const BlobPayload &blob(const QString &objectId);
    bool hasCommit(const QString &objectId);
    /**
     * The same payloads, from the caches when there but never added to this session's:
     * for walks over a whole repository (reachability) that visit each object once and
     * would otherwise keep every payload of a long history in memory.
     */
    std::shared_ptr<const CommitPayload> commitOnce(const QString &objectId);
    std::shared_ptr<const TreePayload> treeOnce(const QString &objectId);
    std::shared_ptr<const FilePayload> fileOnce(const QString &objectId);

    /**
     * Reads the payloads of those objects that no cache holds, in a few statements, into
     * the repository's shared cache (read sessions only; others ignore it): a read that
     * had to open the database anyway fetches what the next reads will likely need.
     */
    template <typename T>
    void prefetch(const QStringList &objectIds);

    /** Stored git OIDs, recomputed when an old payload lacks them (docs/format.md §3.6). */
    QString commitGitOid(const QString &commitId);
    QString treeGitOid(const QString &treeId, int depth = 0);

private:
    template <typename T>
    using Map = std::unordered_map<QString, std::shared_ptr<const T>>;

    void openForReading();
    void openForWriting();
    void recoverOutsideTheLock();
    std::shared_ptr<const QList<RefRow>> cachedRefs();
    /** Reads and parses a payload from the database, bypassing every cache. */
    template <typename T>
    std::shared_ptr<const T> parsed(ObjectType type, const QString &objectId);
    /** From this session's map, then the shared cache, then the database. */
    template <typename T>
    std::shared_ptr<const T> lookup(const Map<T> &map, ObjectType type, const QString &objectId);
    template <typename T>
    const T &cached(Map<T> &map, ObjectType type, const QString &objectId);
    /** After a commit: what this session parsed is committed state, worth sharing. */
    void shareParsedObjects();

    const RepositoryContext &m_context;
    Access m_access;
    bool m_useSharedCache = true;
    FileLock m_lock;     ///< writers' exclusive lock
    bool m_reading = false; ///< inside the readers' shared lock (SharedReadState)
    bool m_writing = false; ///< counted as this process's writer (SharedReadState::beginWrite)
    std::unique_ptr<MetadataStore> m_store;

    // Shared pointers keep references stable across inserts, so callers may hold them.
    Map<CommitPayload> m_commits;
    Map<TreePayload> m_trees;
    Map<FilePayload> m_files;
    Map<BlobPayload> m_blobs;
    QHash<QString, QString> m_treeGitOids;
    QHash<QString, QString> m_commitGitOids; ///< recomputed ones, for payloads without git_oid
};

template <typename T>
void RepoSession::prefetch(const QStringList &objectIds)
{
    if (isWritable() || !m_useSharedCache)
        return;
    QStringList missing;
    for (const QString &id : objectIds) {
        if (!m_context.objects->find<T>(id))
            missing.append(id);
    }
    if (missing.isEmpty())
        return;
    store().payloads(T::kType, missing, [&](QByteArrayView id, const QByteArray &payload) {
        const QString objectId = QString::fromLatin1(id);
        try {
            m_context.objects->insert(objectId, std::make_shared<const T>(T::parse(payload, objectId)));
        } catch (const HubVaultError &) {
            // Damage is reported when the object itself is read, not by a read-ahead.
        }
    });
}

} // namespace hubvault
