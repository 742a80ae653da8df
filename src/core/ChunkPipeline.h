#pragma once
// Verifies the chunks of a file ahead of a reader on every core: a bounded window (a few
// chunks, at most 64 MiB) of tasks on the WorkPool, handed out strictly in file order.
// Verifying reads each chunk once through a small buffer (StoredRange::verify), so the
// reader then takes the verified bytes straight from the pack into its own memory
// (readSlice) or lets the kernel copy them into a file (copy_file_range). A damaged chunk
// surfaces as IntegrityError when the reader reaches it, after every chunk before it.

#include "ContentReader.h"
#include "StoredRange.h"

#include <QHash>
#include <QList>
#include <deque>
#include <future>
#include <memory>

namespace hubvault {

class ChunkPipeline {
public:
    /** `record` says what is verified already (VerifiedRanges::instance() for reads). */
    explicit ChunkPipeline(QList<ChunkLocation> chunks, VerifiedRanges &record = VerifiedRanges::instance());
    /**
     * Also writes each chunk into `outFd` at its offset in the file (minus `baseOffset`)
     * as it is verified, on the same threads: a download's copying is spread over every
     * core with the hashing. A file with a damaged chunk must not be published.
     */
    void writeInto(int outFd, qint64 baseOffset = 0)
    {
        m_outFd = outFd;
        m_outBase = baseOffset;
    }
    /** Waits for the tasks still in flight (they read through this object's state). */
    ~ChunkPipeline();
    ChunkPipeline(const ChunkPipeline &) = delete;
    ChunkPipeline &operator=(const ChunkPipeline &) = delete;

    bool hasNext() const { return m_next < m_chunks.size(); }
    /** Index (in the list given) of the chunk next() returns. */
    qsizetype nextIndex() const { return m_next; }
    /** The next chunk, verified. */
    std::shared_ptr<StoredRange> next();

private:
    void topUp();
    void prefetchAhead();
    std::shared_ptr<StoredRange> load(qsizetype index) const;

    const QList<ChunkLocation> m_chunks;
    VerifiedRanges &m_record;
    int m_outFd = -1;
    qint64 m_outBase = 0;
    qsizetype m_next = 0;      ///< next chunk handed out
    qsizetype m_submitted = 0; ///< chunks queued or done
    qsizetype m_prefetched = 0; ///< chunks whose fetch from a bucket was started (or not needed)
    QHash<QString, bool> m_packIsLocal;
    qint64 m_bytesInFlight = 0;
    std::deque<std::future<std::shared_ptr<StoredRange>>> m_inFlight;
};

} // namespace hubvault
