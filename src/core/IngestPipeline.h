#pragma once
// The threads of a chunked upload (docs/format.md §5.3–§5.5), so that every input byte is read
// once and the format's three passes over it run side by side: the caller reads blocks;
// one lane hashes the whole file; one lane finds FastCDC boundaries (the only pass that
// cannot be split); the chunks' SHA-256 ids are computed on the WorkPool; and one lane
// settles chunks in file order (the caller's decision: store or deduplicate). Blocks are
// shared between the passes and reused when the last is done with them; the caller waits
// while more than 20 MiB are in flight, so memory is flat whatever the file size.

#include "FastCdcChunker.h"
#include "WorkerLane.h"

#include <QByteArray>
#include <QByteArrayView>
#include <condition_variable>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <vector>

namespace hubvault {

class IngestPipeline {
public:
    /** One chunk cut from the input, with its id computed. */
    struct Chunk {
        qint64 offset = 0;
        qint64 length = 0;
        QByteArray idHex;                 ///< SHA-256 of the chunk, lowercase hex
        std::vector<QByteArrayView> spans; ///< its bytes, in order (valid during settle)
    };
    /** Runs on the settle lane, once per chunk, in file order. */
    using Settle = std::function<void(const Chunk &)>;

    explicit IngestPipeline(Settle settle);
    /** Stops early work still queued (after an error or a cancel) and joins the lanes. */
    ~IngestPipeline();
    IngestPipeline(const IngestPipeline &) = delete;
    IngestPipeline &operator=(const IngestPipeline &) = delete;

    /** A buffer for the next block of input (memory the pipeline accounts for). */
    QByteArray *newBlock(qint64 size);
    /**
     * Hands the block filled last over to the passes. Waits while too much is in flight;
     * rethrows the first error a pass met.
     */
    void feed();
    /** Finishes every pass; returns the whole file's SHA-256 (hex). Rethrows errors. */
    QByteArray finish();

private:
    using Block = std::shared_ptr<const QByteArray>;
    struct Pending {
        Chunk chunk;
        std::vector<Block> blocks; ///< keep the spans' memory alive
        std::future<QByteArray> id;
    };

    void scan(const Block &block);
    void cutChunk();
    void fail(std::exception_ptr error);
    void rethrowIfFailed();
    /** Runs `work` unless a pass failed; records what it throws. */
    template <typename F>
    void guarded(F &&work);

    Settle m_settle;
    std::mutex m_mutex;
    std::condition_variable m_released;
    qint64 m_bytesInFlight = 0;
    std::exception_ptr m_error;
    bool m_stopping = false;

    std::unique_ptr<QByteArray> m_next; ///< being filled by the caller
    /** Blocks all passes are done with, reused: fresh ones cost a page fault per 4 KiB. */
    std::vector<std::unique_ptr<QByteArray>> m_free;
    // Scan lane state.
    FastCdcStream m_cdc;
    Pending m_current;
    qint64 m_offset = 0; ///< file offset where the current chunk starts
    // File lane state.
    std::unique_ptr<class Hash> m_fileHash;

    // Declared last: joined first, while everything their tasks use still exists.
    WorkerLane m_fileLane;
    WorkerLane m_settleLane;
    WorkerLane m_scanLane;
};

} // namespace hubvault
