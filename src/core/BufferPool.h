#pragma once
// A few large byte buffers reused within one read operation. A fresh multi-megabyte
// allocation comes straight from mmap and costs a page fault per 4 KiB the first time it
// is written (in a VM, more than hashing the bytes does); a chunk pipeline that reads
// hundreds of chunks into reused buffers pays that once. Thread-safe.

#include <QByteArray>
#include <mutex>
#include <vector>

namespace hubvault {

class BufferPool {
public:
    explicit BufferPool(size_t keep) : m_keep(keep) {}

    /** A buffer of `size` bytes (contents undefined) that nothing else shares. */
    QByteArray take(qint64 size);
    /** Hands a buffer back; kept for reuse unless it is shared or the pool is full. */
    void give(QByteArray &&buffer);

private:
    const size_t m_keep;
    std::mutex m_mutex;
    std::vector<QByteArray> m_free;
};

} // namespace hubvault
