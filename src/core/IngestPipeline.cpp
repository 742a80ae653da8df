// The threads of a chunked upload (see IngestPipeline.h).
#include "IngestPipeline.h"

#include "Hash.h"
#include "WorkPool.h"

namespace hubvault {

namespace {

/**
 * Input in flight across the passes before the reader waits: more than a maximum chunk
 * (the scan holds one before it cuts), little enough that the hashes find the bytes
 * still in the CPU's cache (64 MiB took 45% longer: the copies went to memory).
 */
constexpr qint64 kMaxBytesInFlight = 20 << 20;
static_assert(kMaxBytesInFlight > FastCdcChunker::kMaxSize + (1 << 20));

} // namespace

IngestPipeline::IngestPipeline(Settle settle)
    : m_settle(std::move(settle)), m_fileHash(std::make_unique<Hash>(Hash::Algorithm::Sha256))
{
}

IngestPipeline::~IngestPipeline()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true; // queued tasks become no-ops; the lanes then join
    }
    m_released.notify_all();
}

template <typename F>
void IngestPipeline::guarded(F &&work)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_error || m_stopping)
            return;
    }
    try {
        work();
    } catch (...) {
        fail(std::current_exception());
    }
}

void IngestPipeline::fail(std::exception_ptr error)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_error)
            m_error = std::move(error);
    }
    m_released.notify_all();
}

void IngestPipeline::rethrowIfFailed()
{
    std::exception_ptr error;
    {
        std::lock_guard lock(m_mutex);
        error = m_error;
    }
    if (error)
        std::rethrow_exception(error);
}

QByteArray *IngestPipeline::newBlock(qint64 size)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_free.empty()) {
            m_next = std::move(m_free.back());
            m_free.pop_back();
        }
    }
    if (!m_next)
        m_next = std::make_unique<QByteArray>();
    m_next->resize(size); // keeps a reused block's capacity
    return m_next.get();
}

void IngestPipeline::feed()
{
    rethrowIfFailed();
    const qint64 size = m_next->size();
    {
        std::lock_guard lock(m_mutex);
        m_bytesInFlight += size;
    }
    // The block is freed (and its bytes leave the count) when the last pass drops it.
    const Block block(m_next.release(), [this](const QByteArray *done) {
        {
            std::lock_guard lock(m_mutex);
            m_bytesInFlight -= done->size();
            if (!m_stopping && m_free.size() < 64)
                m_free.emplace_back(const_cast<QByteArray *>(done));
            else
                delete done;
        }
        m_released.notify_all();
    });
    m_fileLane.post([this, block] { guarded([&] { m_fileHash->add(*block); }); });
    m_scanLane.post([this, block] { guarded([&] { scan(block); }); });
    std::unique_lock lock(m_mutex);
    m_released.wait(lock, [this] { return m_bytesInFlight <= kMaxBytesInFlight || m_error; });
    lock.unlock();
    rethrowIfFailed();
}

void IngestPipeline::scan(const Block &block)
{
    const auto *data = reinterpret_cast<const uint8_t *>(block->constData());
    const qint64 size = block->size();
    for (qint64 at = 0; at < size;) {
        const qint64 cut = m_cdc.scan(data + at, size - at);
        const qint64 take = cut < 0 ? size - at : cut;
        m_current.chunk.spans.push_back(QByteArrayView(block->constData() + at, take));
        if (m_current.blocks.empty() || m_current.blocks.back() != block)
            m_current.blocks.push_back(block);
        m_current.chunk.length += take;
        at += take;
        if (cut >= 0)
            cutChunk();
    }
}

void IngestPipeline::cutChunk()
{
    auto pending = std::make_shared<Pending>(std::move(m_current));
    m_current = Pending();
    pending->chunk.offset = m_offset;
    m_offset += pending->chunk.length;
    // The id is hashed on the pool; the task keeps the blocks it reads alive, and drops
    // them before its result is ready (their release calls back into this object, which
    // may be gone once the last result was waited for).
    pending->id = WorkPool::instance().submit([spans = pending->chunk.spans, blocks = pending->blocks]() mutable {
        Hash sha(Hash::Algorithm::Sha256);
        for (const QByteArrayView &span : spans)
            sha.add(span);
        QByteArray digest = sha.hexResult();
        blocks.clear();
        return digest;
    });
    m_settleLane.post([this, pending] {
        // Waited for even after an error: the task holds blocks whose release calls back
        // into this object, so it must be done before the lanes are joined.
        pending->id.wait();
        guarded([&] {
            pending->chunk.idHex = pending->id.get();
            m_settle(pending->chunk);
        });
    });
}

QByteArray IngestPipeline::finish()
{
    m_scanLane.post([this] {
        guarded([&] {
            if (m_current.chunk.length > 0)
                cutChunk(); // the last chunk ends with the input
        });
    });
    m_scanLane.drain();
    m_settleLane.drain();
    m_fileLane.drain();
    rethrowIfFailed();
    return m_fileHash->hexResult();
}

} // namespace hubvault
