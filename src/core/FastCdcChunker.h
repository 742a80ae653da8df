#pragma once
// Content-defined chunking exactly as hubvault 0.0.2 does it (docs/format.md §5.3): the
// ronomon-derived "FastCDC 2016" cut search with a right-shifting 32-bit gear hash and
// fixed 1/4/16 MiB min/avg/max. Same input, same boundaries, same chunk ids, which is
// what lets both implementations deduplicate against each other's packs.

#include <QtGlobal>
#include <cstdint>

namespace hubvault {

class FastCdcChunker {
public:
    static constexpr qint64 kMinSize = 1 << 20;
    static constexpr qint64 kAvgSize = 1 << 22;
    static constexpr qint64 kMaxSize = 1 << 24;

    /**
     * Length of the next chunk of `data`, given `size` visible bytes (at most kMaxSize
     * are ever inspected). Pass all remaining bytes, or at least kMaxSize of them: the
     * cut for a shorter view is only final when it is the end of the input.
     */
    static qint64 nextCut(const uint8_t *data, qint64 size);

    /** The 256-entry gear table of PyPI fastcdc 1.7.0 (docs/format.md appendix A). */
    static const uint32_t kGear[256];
};

/**
 * The same cut search fed in pieces of any size (for an ingest that reads, scans and
 * hashes on different threads without one contiguous window): the chunk lengths it
 * reports are those nextCut() finds, whatever the split points.
 */
class FastCdcStream {
public:
    /**
     * Scans `size` more bytes; returns how many of them belong to the current chunk up
     * to and including its cut, or -1 when the chunk goes on past them. Call again with
     * the bytes after the cut (the next chunk starts there).
     */
    qint64 scan(const uint8_t *data, qint64 size);
    /** Bytes of the chunk being scanned (the last chunk's length at the end of input). */
    qint64 pending() const { return m_position; }

private:
    qint64 m_position = 0; ///< bytes of the current chunk seen so far
    uint32_t m_hash = 0;
};

} // namespace hubvault
