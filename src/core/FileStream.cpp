// Streams over stored files with read-ahead verification (see FileStream.h).
#include "FileStream.h"

#include <hubvault/Errors.h>

#include <algorithm>

namespace hubvault {

FileStream::FileStream(std::shared_ptr<StoredRange> verifiedBlob)
    : m_blob(std::move(verifiedBlob)), m_size(m_blob->length())
{
    QIODevice::open(QIODevice::ReadOnly);
}

FileStream::FileStream(QList<ChunkLocation> chunks, qint64 size)
    : m_chunks(std::move(chunks)), m_size(size)
{
    QIODevice::open(QIODevice::ReadOnly);
}

FileStream::~FileStream() = default;

bool FileStream::seek(qint64 pos)
{
    return pos >= 0 && pos <= m_size && QIODevice::seek(pos);
}

qint64 FileStream::readData(char *data, qint64 maxSize)
{
    try {
        if (m_blob) {
            const qint64 n = qMin(maxSize, m_size - pos());
            if (n > 0)
                m_blob->readSlice(pos(), n, data);
            return qMax<qint64>(n, 0);
        }
        return readChunked(data, maxSize);
    } catch (const HubVaultError &e) {
        // QIODevice cannot throw through Qt's buffering; report like a failed read.
        setErrorString(e.message());
        return -1;
    }
}

void FileStream::load(int index)
{
    const bool inOrder = index == m_currentIndex + 1 && m_currentIndex >= 0;
    if (m_readAhead && m_readAheadFrom + m_readAhead->nextIndex() != index)
        m_readAhead.reset(); // the reader jumped: what was read ahead is not needed
    if (!m_readAhead && inOrder && index + 1 < m_chunks.size()) {
        // Reading in order: from here on, chunks ahead are verified in parallel.
        m_readAheadFrom = index;
        m_readAhead = std::make_unique<ChunkPipeline>(m_chunks.mid(index));
    }
    if (m_readAhead) {
        m_current = m_readAhead->next();
    } else {
        m_current = std::make_shared<StoredRange>(StoredRange::chunk(m_chunks.at(index), VerifiedRanges::instance()));
        m_current->verify();
    }
    m_currentIndex = index;
}

qint64 FileStream::readChunked(char *data, qint64 maxSize)
{
    qint64 position = pos();
    qint64 copied = 0;
    while (copied < maxSize && position < m_size) {
        const auto it = std::upper_bound(m_chunks.cbegin(), m_chunks.cend(), position,
                                         [](qint64 p, const ChunkLocation &c) { return p < c.ref.logicalOffset; });
        const int index = int(it - m_chunks.cbegin()) - 1;
        if (index != m_currentIndex)
            load(index);
        const qint64 within = position - m_chunks.at(index).ref.logicalOffset;
        const qint64 n = qMin(maxSize - copied, m_chunks.at(index).ref.logicalSize - within);
        m_current->readSlice(within, n, data + copied);
        copied += n;
        position += n;
    }
    return copied;
}

} // namespace hubvault
