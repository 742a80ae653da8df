#pragma once
// Reads the chunks of a file in order while verifying those ahead of the reader on every
// core: a bounded read-ahead window (a few chunks, at most 64 MiB) of tasks on the
// WorkPool, handed out strictly in file order. What the reader gets has been checked
// (or was verified earlier in this process); a damaged chunk surfaces as IntegrityError
// when the reader reaches it, after every chunk before it.

#include "ContentReader.h"
#include "StoredRange.h"

#include <QList>
#include <deque>
#include <future>
#include <memory>

namespace hubvault {

class ChunkPipeline {
public:
    /** A chunk's verified bytes, or (CopyVerified) the verified range to copy from. */
    struct Piece {
        QByteArray bytes;
        std::shared_ptr<StoredRange> range; ///< set instead of bytes: copy with the kernel
    };
    enum class Output { Bytes, CopyVerified };

    /** `record` says what is verified already (VerifiedRanges::instance() for reads). */
    ChunkPipeline(const Env &env, QList<ChunkLocation> chunks, VerifiedRanges &record = VerifiedRanges::instance(),
                  Output output = Output::Bytes);
    /** Waits for the tasks still in flight (they read through this object's state). */
    ~ChunkPipeline();
    ChunkPipeline(const ChunkPipeline &) = delete;
    ChunkPipeline &operator=(const ChunkPipeline &) = delete;

    bool hasNext() const { return m_next < m_chunks.size(); }
    /** Index (in the list given) of the chunk next() returns. */
    qsizetype nextIndex() const { return m_next; }
    Piece next();

private:
    void topUp();
    Piece load(qsizetype index) const;

    const Env &m_env;
    const QList<ChunkLocation> m_chunks;
    VerifiedRanges &m_record;
    const Output m_output;
    qsizetype m_next = 0;      ///< next chunk handed out
    qsizetype m_submitted = 0; ///< chunks queued or done
    qint64 m_bytesInFlight = 0;
    std::deque<std::future<Piece>> m_inFlight;
};

} // namespace hubvault
