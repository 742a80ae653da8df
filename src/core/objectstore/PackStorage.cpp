// Local and remote packs behind one door (see PackStorage.h).
#include "objectstore/PackStorage.h"

#include <hubvault/Errors.h>
#include "ContentReader.h"
#include "Env.h"
#include "Hash.h"
#include "Transaction.h"
#include "VerifiedRanges.h"

namespace hubvault::objectstore {

namespace {

constexpr int kParallelFetches = 8;

QString cacheKey(const ChunkLocation &location)
{
    return location.ref.checksum.startsWith(QLatin1String("sha256:")) ? location.ref.checksum.mid(7) : location.ref.checksum;
}

} // namespace

struct PackStorage::Remote {
    StorageAttachment attachment;
    std::shared_ptr<S3PackStore> store;
    std::shared_ptr<ChunkCache> cache;
    QString problem; ///< why the store could not be set up (credentials), thrown on use
};

PackStorage::PackStorage(std::shared_ptr<Env> env, QString root)
    : m_env(std::move(env)), m_root(std::move(root)), m_local(m_env, m_root)
{
    m_fetchers.setMaxThreadCount(kParallelFetches);
    m_fetchers.setExpiryTimeout(30000);
}

PackStorage::~PackStorage()
{
    m_fetchers.waitForDone();
}

std::shared_ptr<PackStorage::Remote> PackStorage::currentRemote() const
{
    // The attachment may change under a long-lived process (another process attached or
    // detached): the file's stat decides whether the client is still the right one.
    const FileStat st = m_env->stat(m_root + QLatin1Char('/') + StorageAttachment::fileName());
    std::lock_guard lock(m_mutex);
    if (st.isFile == m_seenFile && st.mtimeNs == m_seenMtime)
        return m_remote;
    m_seenFile = st.isFile;
    m_seenMtime = st.mtimeNs;
    m_remote.reset();
    if (const auto attachment = StorageAttachment::load(*m_env, m_root)) {
        auto remote = std::make_shared<Remote>();
        remote->attachment = *attachment;
        remote->cache = std::make_shared<ChunkCache>(m_root + QStringLiteral("/cache/chunks"), attachment->cacheLimit);
        try {
            remote->store = std::make_shared<S3PackStore>(attachment->connect());
        } catch (const HubVaultError &e) {
            remote->problem = e.message();
        }
        m_remote = remote;
    }
    return m_remote;
}

std::optional<StorageAttachment> PackStorage::attachment() const
{
    const auto remote = currentRemote();
    return remote ? std::optional<StorageAttachment>(remote->attachment) : std::nullopt;
}

std::shared_ptr<S3PackStore> PackStorage::remote() const
{
    const auto remote = currentRemote();
    if (!remote)
        return nullptr;
    if (!remote->store)
        throw HubVaultValidationError(QStringLiteral("The packs of this repository are in %1, but %2")
                                          .arg(remote->attachment.location.url(), remote->problem));
    return remote->store;
}

std::shared_ptr<ChunkCache> PackStorage::cache() const
{
    const auto remote = currentRemote();
    return remote ? remote->cache : nullptr;
}

bool PackStorage::isLocal(const QString &packId) const
{
    return m_env->stat(m_local.path(packId), true).isFile;
}

QString PackStorage::describe(const QString &packId) const
{
    if (isLocal(packId))
        return m_local.path(packId);
    const auto remote = currentRemote();
    return remote ? remote->attachment.location.url() + QLatin1Char('/') + S3PackStore::objectName(packId) : m_local.path(packId);
}

PackStorage::ChunkSource PackStorage::openChunk(const ChunkLocation &location, bool fromStore) const
{
    const QString path = m_local.path(location.packId);
    try {
        return ChunkSource{m_env->openRandomAccess(path), location.offset, true};
    } catch (const HubVaultError &) {
        if (m_env->stat(path, true).isFile)
            throw;
    }
    const auto remote = currentRemote();
    if (!remote)
        throw IntegrityError(QStringLiteral("pack file is missing: %1").arg(path));
    // Cached chunks read without the store: offline, or without credentials.
    if (!fromStore) {
        const QString label = remote->attachment.location.url() + QLatin1Char('/') + S3PackStore::objectName(location.packId);
        if (auto file = remote->cache->find(cacheKey(location), label))
            return ChunkSource{file, 0, false};
    }
    if (!remote->store)
        this->remote(); // throws the reason
    return ChunkSource{fromStore ? fetchChecked(*remote, location) : fetch(*remote, location, false).get(), 0, false};
}

std::shared_ptr<RandomAccessFile> PackStorage::fetchChecked(const Remote &remote, const ChunkLocation &location) const
{
    // Verify wants the store's bytes, hashed by its caller: no cache on the way.
    const QString label = remote.store->describe(location.packId);
    QByteArray bytes;
    try {
        bytes = remote.store->read(location.packId, location.offset, location.ref.storedSize);
    } catch (const EntryNotFoundError &) {
        throw IntegrityError(QStringLiteral("pack object is missing: %1").arg(label));
    }
    return ChunkCache::inMemory(bytes, label);
}

void PackStorage::prefetch(const ChunkLocation &location) const
{
    if (isLocal(location.packId))
        return;
    const auto remote = currentRemote();
    if (!remote || !remote->store || remote->cache->contains(cacheKey(location)))
        return;
    fetch(*remote, location, true);
}

std::shared_future<std::shared_ptr<RandomAccessFile>> PackStorage::fetch(const Remote &remote, const ChunkLocation &location,
                                                                        bool background) const
{
    // One fetch per chunk at a time: a reader that reaches a chunk being prefetched waits for it.
    const QString key = cacheKey(location);
    auto promise = std::make_shared<std::promise<std::shared_ptr<RandomAccessFile>>>();
    std::shared_future<std::shared_ptr<RandomAccessFile>> future;
    {
        std::lock_guard lock(m_mutex);
        future = m_inFlight.value(key);
        if (future.valid())
            return future;
        future = promise->get_future().share();
        m_inFlight.insert(key, future);
    }
    // Not the location's own reference to this object: a task holding the last one would
    // destroy the pool it runs on, and the destructor waits for that very task.
    ChunkLocation where = location;
    where.packs.reset();
    auto work = [this, store = remote.store, cache = remote.cache, where, key, promise] {
        try {
            promise->set_value(fetchInto(*store, *cache, where));
        } catch (...) {
            promise->set_exception(std::current_exception());
        }
        std::lock_guard lock(m_mutex);
        m_inFlight.remove(key);
    };
    if (background)
        m_fetchers.start(std::move(work));
    else
        work();
    return future;
}

std::shared_ptr<RandomAccessFile> PackStorage::fetchInto(const S3PackStore &store, ChunkCache &cache,
                                                         const ChunkLocation &location)
{
    const QString label = store.describe(location.packId);
    QByteArray bytes;
    try {
        bytes = store.read(location.packId, location.offset, location.ref.storedSize);
    } catch (const EntryNotFoundError &) {
        throw IntegrityError(QStringLiteral("pack object is missing: %1").arg(label));
    }
    const QString key = cacheKey(location);
    if (QString::fromLatin1(Hash::sha256Hex(bytes)) != key)
        throw IntegrityError(QStringLiteral("chunk %1 in %2 does not match its checksum (the object changed after it was written)")
                                 .arg(location.ref.chunkId, label));
    auto file = cache.insert(key, bytes, label);
    // Hashed just now: readers need not hash the cached copy again in this process.
    VerifiedRanges::Digest digest{};
    VerifiedRanges::parseDigest(location.ref.checksum, &digest);
    VerifiedRanges::instance().insert(file->identity(), 0, bytes.size(), digest);
    return file;
}

void PackStorage::publish(Transaction &txn, const QString &stagedPath, const QString &packId, const TaskControl &task) const
{
    const auto store = remote();
    if (!store) {
        txn.publishFile(stagedPath, m_local.path(packId));
        return;
    }
    // Confirmed in the bucket before the database names it; if the commit fails after
    // this, the object is unreferenced and gc deletes it.
    m_env->faultPoint("packs:upload");
    store->put(packId, stagedPath, task);
    m_env->faultPoint("packs:uploaded");
}

} // namespace hubvault::objectstore
