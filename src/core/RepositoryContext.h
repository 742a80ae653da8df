#pragma once
// Internal: what every part of the core needs to know about one open repository (its
// root, environment and fixed settings) and what it keeps warm between calls (pooled
// metadata connections, parsed objects). Not part of the public API.

#include "ConnectionPool.h"
#include "Env.h"
#include "ObjectCache.h"
#include "ReadAheadWindow.h"
#include "SharedReadState.h"

#include <QString>
#include <memory>
#include <mutex>

namespace hubvault {

namespace objectstore {
class PackStorage;
}

class RepositoryContext {
public:
    QString root; ///< absolute path, no trailing slash
    std::shared_ptr<Env> env;
    QString defaultBranch;
    qint64 largeFileThreshold = 16777216;
    int formatVersion = 1;
    /** Parsed payloads shared across calls (content-addressed, never stale). */
    std::shared_ptr<ObjectCache> objects = std::make_shared<ObjectCache>();
    /** How far file reads prefetch the metadata of the files after them. */
    mutable ReadAheadWindow readAhead;

    QString path(const QString &relative) const { return root + QLatin1Char('/') + relative; }
    QString databasePath() const { return path(QStringLiteral("metadata.sqlite3")); }
    QString lockPath() const { return path(QStringLiteral("locks/repo.lock")); }
    /** objects/blobs/sha256/<d2>/<d62>.data for a blob object id (docs/format.md §3.2). */
    QString blobDataPath(const QString &blobObjectId) const;
    QString packPath(const QString &packId) const
    {
        return path(QStringLiteral("chunks/packs/") + packId + QStringLiteral(".pack"));
    }
    /** chunks/packs/ and the attached bucket, if any (objectstore/PackStorage.h). */
    const std::shared_ptr<objectstore::PackStorage> &packs() const;

    /** Read-only connections (one per concurrent reader) and read-write ones (writers). */
    ConnectionPool &connections(MetadataStore::Mode mode) const;
    /** The readers' shared lock, change detection and cached database state. */
    SharedReadState &readState() const;

    RepositoryContext() = default;
    ~RepositoryContext();
    RepositoryContext(const RepositoryContext &) = delete;
    RepositoryContext &operator=(const RepositoryContext &) = delete;

private:
    mutable std::mutex m_poolMutex;
    // Declared so that connections close before the read state's descriptors (see there).
    mutable std::unique_ptr<SharedReadState> m_readState;
    mutable std::unique_ptr<ConnectionPool> m_readers, m_writers;
    mutable std::shared_ptr<objectstore::PackStorage> m_packs;
};

} // namespace hubvault
