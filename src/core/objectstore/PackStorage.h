#pragma once
// The one door through which the core reads, writes and deletes packs: chunks/packs/
// always, and the bucket of remote-storage.json when the repository is attached to one
// (docs/object-storage.md). A pack is read from this disk when it is here, else from the
// bucket: chunk by chunk (exactly the bytes needed), checked against its SHA-256 before
// anything is handed out, kept in the bounded ChunkCache, and fetched ahead of sequential
// readers several at a time. New packs go to the bucket when attached.

#include "objectstore/ChunkCache.h"
#include "objectstore/LocalPackStore.h"
#include "objectstore/S3PackStore.h"
#include "objectstore/StorageAttachment.h"

#include <QHash>
#include <QThreadPool>
#include <future>
#include <memory>
#include <mutex>
#include <optional>

namespace hubvault {
class Env;
class Transaction;
struct ChunkLocation;
} // namespace hubvault

namespace hubvault::objectstore {

class PackStorage {
public:
    PackStorage(std::shared_ptr<Env> env, QString root);
    ~PackStorage();

    LocalPackStore &local() { return m_local; }
    const LocalPackStore &local() const { return m_local; }
    /** The attachment as remote-storage.json says now, or nothing. */
    std::optional<StorageAttachment> attachment() const;
    /** The attached bucket's store, or null. Throws when the attachment cannot be used (no credentials). */
    std::shared_ptr<S3PackStore> remote() const;
    /** The chunk cache of the attached bucket, or null. */
    std::shared_ptr<ChunkCache> cache() const;

    /** True when chunks/packs/ has the pack. */
    bool isLocal(const QString &packId) const;
    /** The pack's path when it is here, else its object's URL when attached, else its path. */
    QString describe(const QString &packId) const;

    /** Where a chunk's bytes can be read. */
    struct ChunkSource {
        std::shared_ptr<RandomAccessFile> file;
        qint64 offset = 0;      ///< of the chunk in `file`
        bool wholePack = false; ///< `file` is the pack (so its magic and size can be checked)
    };
    /**
     * Opens the chunk in its local pack, or fetches it from the bucket: through the cache,
     * checked, or (`fromStore`, for verify) straight from the bucket, unchecked, so that
     * the caller hashes the store's own bytes. IntegrityError names the pack or object.
     */
    ChunkSource openChunk(const ChunkLocation &location, bool fromStore) const;
    /** Starts fetching a remote chunk in the background (no-op for local or cached ones). */
    void prefetch(const ChunkLocation &location) const;

    /** Publishes a pack staged by `txn`: renamed into chunks/packs, or uploaded and confirmed. */
    void publish(Transaction &txn, const QString &stagedPath, const QString &packId, const TaskControl &task) const;

private:
    struct Remote;
    std::shared_ptr<Remote> currentRemote() const;
    std::shared_ptr<RandomAccessFile> fetchChecked(const Remote &remote, const ChunkLocation &location) const;
    std::shared_future<std::shared_ptr<RandomAccessFile>> fetch(const Remote &remote, const ChunkLocation &location,
                                                                bool background) const;
    /** Reads the chunk from the bucket, checks its SHA-256 and caches it. */
    static std::shared_ptr<RandomAccessFile> fetchInto(const S3PackStore &store, ChunkCache &cache,
                                                       const ChunkLocation &location);

    std::shared_ptr<Env> m_env;
    QString m_root;
    LocalPackStore m_local;
    mutable std::mutex m_mutex;
    mutable std::shared_ptr<Remote> m_remote; ///< for the attachment file as of m_seen
    mutable qint64 m_seenMtime = -1;
    mutable bool m_seenFile = false;
    mutable QHash<QString, std::shared_future<std::shared_ptr<RandomAccessFile>>> m_inFlight; ///< by checksum
    mutable QThreadPool m_fetchers;
};

} // namespace hubvault::objectstore
