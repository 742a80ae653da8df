// Ordered, parallel, bounded verification ahead of a reader (see ChunkPipeline.h).
#include "ChunkPipeline.h"

#include "WorkPool.h"
#include "objectstore/PackStorage.h"

namespace hubvault {

namespace {

constexpr qint64 kMaxBytesInFlight = 64 << 20;

} // namespace

ChunkPipeline::ChunkPipeline(QList<ChunkLocation> chunks, VerifiedRanges &record)
    : m_chunks(std::move(chunks)), m_record(record)
{
}

ChunkPipeline::~ChunkPipeline()
{
    for (auto &task : m_inFlight)
        task.wait();
}

std::shared_ptr<StoredRange> ChunkPipeline::load(qsizetype index) const
{
    const ChunkLocation &chunk = m_chunks.at(index);
    auto range = std::make_shared<StoredRange>(StoredRange::chunk(chunk, m_record));
    if (m_outFd >= 0)
        range->verifyInto(m_outFd, chunk.ref.logicalOffset - m_outBase);
    else
        range->verify();
    return range;
}

void ChunkPipeline::topUp()
{
    // A lone chunk is verified on the caller's thread: handing it to a pool thread would
    // only add the hand-over to its latency.
    if (m_chunks.size() == 1)
        return;
    const int window = 2 * WorkPool::instance().threads();
    while (m_submitted < m_chunks.size() && qsizetype(m_inFlight.size()) < window
           && (m_inFlight.empty() || m_bytesInFlight + m_chunks.at(m_submitted).ref.storedSize <= kMaxBytesInFlight)) {
        const qsizetype index = m_submitted++;
        m_bytesInFlight += m_chunks.at(index).ref.storedSize;
        m_inFlight.push_back(WorkPool::instance().submit([this, index] { return load(index); }));
    }
    prefetchAhead();
}

void ChunkPipeline::prefetchAhead()
{
    // Chunks of packs in a bucket are fetched by I/O threads, many at once and up to a
    // window ahead of the verifying tasks, which then find them cached: the network's
    // latency is hidden, the cores stay with hashing.
    m_prefetched = qMax(m_prefetched, m_submitted);
    qint64 ahead = 0;
    for (qsizetype i = m_submitted; i < m_prefetched; ++i)
        ahead += m_chunks.at(i).ref.storedSize;
    while (m_prefetched < m_chunks.size() && ahead < kMaxBytesInFlight) {
        const ChunkLocation &chunk = m_chunks.at(m_prefetched++);
        ahead += chunk.ref.storedSize;
        auto known = m_packIsLocal.constFind(chunk.packId);
        if (known == m_packIsLocal.cend())
            known = m_packIsLocal.insert(chunk.packId, chunk.packs->isLocal(chunk.packId));
        if (!*known)
            chunk.packs->prefetch(chunk);
    }
}

std::shared_ptr<StoredRange> ChunkPipeline::next()
{
    topUp();
    const qsizetype index = m_next++;
    if (m_inFlight.empty()) {
        m_submitted = m_next;
        return load(index);
    }
    auto task = std::move(m_inFlight.front());
    m_inFlight.pop_front();
    m_bytesInFlight -= m_chunks.at(index).ref.storedSize;
    auto range = task.get();
    topUp();
    return range;
}

} // namespace hubvault
