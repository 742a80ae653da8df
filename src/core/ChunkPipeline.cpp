// Ordered, parallel, bounded verification ahead of a reader (see ChunkPipeline.h).
#include "ChunkPipeline.h"

#include "WorkPool.h"

namespace hubvault {

namespace {

constexpr qint64 kMaxBytesInFlight = 64 << 20;

} // namespace

ChunkPipeline::ChunkPipeline(const Env &env, QList<ChunkLocation> chunks, VerifiedRanges &record)
    : m_env(env), m_chunks(std::move(chunks)), m_record(record)
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
    auto range = std::make_shared<StoredRange>(StoredRange::chunk(m_env, chunk, m_record));
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
