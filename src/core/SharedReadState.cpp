// The shared lock, change counter and cached database state of a repository's readers
// (see SharedReadState.h).
#include "SharedReadState.h"

#include <hubvault/Errors.h>
#include "Env.h"
#include "RepositoryContext.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace hubvault {

namespace {

constexpr auto kFileCheckInterval = std::chrono::milliseconds(500);
constexpr qsizetype kMaxCachedRows = 200000;

} // namespace

SharedReadState::SharedReadState(const RepositoryContext &context) : m_context(context) {}

SharedReadState::~SharedReadState()
{
    // Only closed when the repository object goes, after its SQLite connections: closing
    // any descriptor of a file drops this process's POSIX locks on it (SQLite's included).
    if (m_databaseFd >= 0)
        ::close(m_databaseFd);
}

void SharedReadState::clearStateLocked()
{
    m_refs.reset();
    m_commitGraph.reset();
    m_chunks.clear();
    m_commitsExist.clear();
}

FileLock SharedReadState::acquireLock() const
{
    const Env &env = *m_context.env;
    const QString locks = m_context.path(QStringLiteral("locks"));
    try {
        return env.lock(m_context.lockPath(), false);
    } catch (const HubVaultError &) {
        if (env.stat(locks, true).isDir && env.stat(m_context.lockPath(), true).exists)
            throw;
    }
    // A checkout may have dropped the empty locks/ directory; recreate it so readers and
    // writers keep excluding each other. A read-only copy cannot have writers.
    try {
        env.makeDirectories(locks);
        return env.lock(m_context.lockPath(), false);
    } catch (const HubVaultError &) {
        return FileLock();
    }
}

void SharedReadState::checkFilesLocked()
{
    // Called with no reader inside. A lock file or database that is not the one opened
    // before (the repository was replaced, restored or moved) is opened afresh.
    const auto now = std::chrono::steady_clock::now();
    if (m_lock && now - m_lastFileCheck < kFileCheckInterval)
        return;
    m_lastFileCheck = now;
    const Env &env = *m_context.env;
    const quint64 lockKey = env.fileKey(m_context.lockPath());
    if (!m_lock || lockKey != m_lockKey) {
        m_lock = std::make_unique<FileLock>(acquireLock());
        m_lock->unlock();
        m_lockKey = m_lock->fileKey();
    }
    const quint64 databaseKey = env.fileKey(m_context.databasePath());
    if (m_databaseFd < 0 || databaseKey != m_databaseKey) {
        if (m_databaseFd >= 0)
            ::close(m_databaseFd); // another file than SQLite's connections hold
        m_databaseFd = ::open(QFile::encodeName(m_context.databasePath()).constData(), O_RDONLY | O_CLOEXEC);
        m_databaseKey = databaseKey;
        m_counter.reset();
        clearStateLocked();
    }
}

void SharedReadState::readCounterLocked()
{
    unsigned char bytes[4];
    std::optional<quint32> counter;
    if (m_databaseFd >= 0 && ::pread(m_databaseFd, bytes, 4, 24) == 4)
        counter = quint32(bytes[0]) << 24 | quint32(bytes[1]) << 16 | quint32(bytes[2]) << 8 | bytes[3];
    if (!counter || counter != m_counter) {
        clearStateLocked();
        m_txnLogCheckedAt.reset();
    }
    m_counter = counter;
}

namespace {
/**
 * Sessions (read holds and writes) the current thread is inside. A thread already inside
 * one never waits for a writer of this process: it would be waiting for itself.
 */
thread_local int t_sessions = 0;
} // namespace

void SharedReadState::enter()
{
    std::unique_lock lock(m_mutex);
    if (t_sessions == 0)
        m_noWriter.wait(lock, [this] { return m_writers == 0; });
    if (m_readers == 0) {
        checkFilesLocked();
        m_lock->relock(false);
        readCounterLocked();
    }
    ++m_readers;
    ++t_sessions;
}

void SharedReadState::leave()
{
    std::lock_guard lock(m_mutex);
    --t_sessions;
    if (--m_readers == 0)
        m_lock->unlock();
}

void SharedReadState::beginWrite()
{
    std::lock_guard lock(m_mutex);
    ++m_writers;
    ++t_sessions;
}

void SharedReadState::endWrite()
{
    {
        std::lock_guard lock(m_mutex);
        --m_writers;
        --t_sessions;
    }
    m_noWriter.notify_all();
}

bool SharedReadState::needsTxnLogCheck()
{
    std::lock_guard lock(m_mutex);
    return !m_counter || m_txnLogCheckedAt != m_counter;
}

void SharedReadState::txnLogChecked()
{
    std::lock_guard lock(m_mutex);
    m_txnLogCheckedAt = m_counter;
}

quint64 SharedReadState::databaseKey()
{
    std::lock_guard lock(m_mutex);
    return m_databaseKey;
}

std::shared_ptr<const QList<RefRow>> SharedReadState::refs()
{
    std::lock_guard lock(m_mutex);
    return m_counter ? m_refs : nullptr;
}

void SharedReadState::setRefs(std::shared_ptr<const QList<RefRow>> refs)
{
    std::lock_guard lock(m_mutex);
    if (m_counter)
        m_refs = std::move(refs);
}

std::optional<std::optional<ChunkRow>> SharedReadState::chunk(const QString &chunkId)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_chunks.constFind(chunkId);
    if (!m_counter || it == m_chunks.constEnd())
        return std::nullopt;
    return *it;
}

void SharedReadState::setChunk(const QString &chunkId, const std::optional<ChunkRow> &row)
{
    std::lock_guard lock(m_mutex);
    if (!m_counter)
        return;
    if (m_chunks.size() >= kMaxCachedRows)
        m_chunks.clear();
    m_chunks.insert(chunkId, row);
}

std::optional<bool> SharedReadState::commitExists(const QString &objectId)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_commitsExist.constFind(objectId);
    if (!m_counter || it == m_commitsExist.constEnd())
        return std::nullopt;
    return *it;
}

void SharedReadState::setCommitExists(const QString &objectId, bool exists)
{
    std::lock_guard lock(m_mutex);
    if (!m_counter)
        return;
    if (m_commitsExist.size() >= kMaxCachedRows)
        m_commitsExist.clear();
    m_commitsExist.insert(objectId, exists);
}

std::shared_ptr<const ObjectGraph> SharedReadState::commitGraph()
{
    std::lock_guard lock(m_mutex);
    return m_counter ? m_commitGraph : nullptr;
}

void SharedReadState::setCommitGraph(std::shared_ptr<const ObjectGraph> graph)
{
    std::lock_guard lock(m_mutex);
    if (m_counter)
        m_commitGraph = std::move(graph);
}

} // namespace hubvault
