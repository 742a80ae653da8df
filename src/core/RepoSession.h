#pragma once
// One public operation's hold on a repository (FORMAT.md §2.1, §7): the flock on
// locks/repo.lock (shared to read, exclusive to write), then a SQLite connection inside
// one transaction (deferred read-only, or BEGIN IMMEDIATE read-write), released in
// reverse order. A write session that is not committed rolls back. Parsed payloads are
// cached for the session's lifetime.

#include "Env.h"
#include "MetadataStore.h"
#include "ObjectModel.h"

#include <QHash>
#include <unordered_map>
#include <memory>

namespace hubvault {

class RepositoryContext;

class RepoSession {
public:
    enum class Access { Read, Write };
    explicit RepoSession(const RepositoryContext &context, Access access = Access::Read);

    /** Verification must see the database as it is now, not what an earlier call parsed. */
    void bypassSharedCache() { m_useSharedCache = false; }
    ~RepoSession();

    bool isWritable() const { return m_access == Access::Write; }
    /** Commits the write transaction: the linearization point of every write (§6.2). */
    void commit();
    /** Starts the next write transaction under the same lock (squash followed by gc). */
    void beginNextWrite();
    /** Forgets cached payloads (after objects were deleted). */
    void clearCaches();

    const RepositoryContext &context() const { return m_context; }
    MetadataStore &store() { return *m_store; }

    /** Payload accessors; throw IntegrityError when the object is missing or malformed. */
    const CommitPayload &commit(const QString &objectId);
    const TreePayload &tree(const QString &objectId);
    const FilePayload &file(const QString &objectId);
    const BlobPayload &blob(const QString &objectId);
    bool hasCommit(const QString &objectId);
    /**
     * The same payloads by value, from the caches when there but never added to them:
     * for walks over a whole repository (reachability) that visit each object once and
     * would otherwise keep every payload of a long history in memory.
     */
    CommitPayload commitOnce(const QString &objectId);
    TreePayload treeOnce(const QString &objectId);
    FilePayload fileOnce(const QString &objectId);
    /** Index of a tree's entries by name, built once per tree. */
    const QHash<QString, qsizetype> &treeIndex(const QString &treeId);

    /** Stored git OIDs, recomputed when an old payload lacks them (FORMAT.md §3.6). */
    QString commitGitOid(const QString &commitId);
    QString treeGitOid(const QString &treeId);

private:
    QByteArray requirePayload(ObjectType type, const QString &objectId);
    void openForReading();

    const RepositoryContext &m_context;
    Access m_access;
    bool m_useSharedCache = true;
    FileLock m_lock;
    std::unique_ptr<MetadataStore> m_store;
    /** Reads and parses a payload from the database, bypassing every cache. */
    template <typename T>
    T parsed(ObjectType type, const QString &objectId);
    template <typename T>
    T uncached(const std::unordered_map<QString, T> &cache, ObjectType type, const QString &objectId);
    template <typename T>
    const T &cached(std::unordered_map<QString, T> &cache, ObjectType type, const QString &objectId);

    // unordered_map keeps references stable across inserts, so callers may hold them.
    std::unordered_map<QString, CommitPayload> m_commits;
    std::unordered_map<QString, TreePayload> m_trees;
    std::unordered_map<QString, FilePayload> m_files;
    std::unordered_map<QString, BlobPayload> m_blobs;
    QHash<QString, QString> m_treeGitOids;
    std::unordered_map<QString, QHash<QString, qsizetype>> m_treeIndexes;
};

} // namespace hubvault
