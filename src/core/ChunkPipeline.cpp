// Ordered, parallel, bounded read-ahead over a chunk list (see ChunkPipeline.h).
#include "ChunkPipeline.h"

#include "WorkPool.h"

namespace hubvault {

namespace {

constexpr qint64 kMaxBytesInFlight = 64 << 20;

} // namespace

ChunkPipeline::ChunkPipeline(const Env &env, QList<ChunkLocation> chunks, VerifiedRanges &record, Output output)
    : m_env(env), m_chunks(std::move(chunks)), m_record(record), m_output(output)
{
}

ChunkPipeline::~ChunkPipeline()
{
    for (auto &task : m_inFlight)
        task.wait();
}

ChunkPipeline::Piece ChunkPipeline::load(qsizetype index) const
{
    auto range = std::make_shared<StoredRange>(StoredRange::chunk(m_env, m_chunks.at(index), m_record));
    if (m_output == Output::CopyVerified && range->isVerified())
        return Piece{QByteArray(), std::move(range)};
    return Piece{range->readVerified(), nullptr};
}

void ChunkPipeline::topUp()
{
    // A lone chunk is read on the caller's thread: handing it to a pool thread would only
    // add the hand-over to its latency.
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

ChunkPipeline::Piece ChunkPipeline::next()
{
    topUp();
    const qsizetype index = m_next++;
    if (m_inFlight.empty()) {
        m_submitted = m_next;
        return load(index);
    }
    std::future<Piece> task = std::move(m_inFlight.front());
    m_inFlight.pop_front();
    m_bytesInFlight -= m_chunks.at(index).ref.storedSize;
    Piece piece = task.get();
    topUp();
    return piece;
}

} // namespace hubvault
