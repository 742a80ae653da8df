#include "FileStream.h"

#include "Errors.h"

#include <algorithm>

namespace hubvault {

FileStream::FileStream(std::unique_ptr<QFile> data, qint64 size) : m_blob(std::move(data)), m_size(size)
{
    QIODevice::open(QIODevice::ReadOnly);
}

FileStream::FileStream(std::shared_ptr<const Env> env, QList<ChunkLocation> chunks, qint64 size)
    : m_env(std::move(env)), m_chunks(std::move(chunks)), m_size(size)
{
    QIODevice::open(QIODevice::ReadOnly);
}

FileStream::~FileStream() = default;

bool FileStream::seek(qint64 pos)
{
    if (pos < 0 || pos > m_size)
        return false;
    if (m_blob && !m_blob->seek(pos))
        return false;
    return QIODevice::seek(pos);
}

qint64 FileStream::readData(char *data, qint64 maxSize)
{
    if (m_blob) {
        if (m_blob->pos() != pos())
            m_blob->seek(pos());
        return m_blob->read(data, qMin(maxSize, m_size - pos()));
    }
    try {
        return readChunked(data, maxSize);
    } catch (const HubVaultError &e) {
        // QIODevice cannot throw through Qt's buffering; report like a failed read.
        setErrorString(e.message());
        return -1;
    }
}

qint64 FileStream::readChunked(char *data, qint64 maxSize)
{
    qint64 position = pos();
    qint64 copied = 0;
    while (copied < maxSize && position < m_size) {
        const auto it = std::upper_bound(m_chunks.cbegin(), m_chunks.cend(), position,
                                         [](qint64 p, const ChunkLocation &c) { return p < c.ref.logicalOffset; });
        const int index = int(it - m_chunks.cbegin()) - 1;
        if (index != m_cachedIndex) {
            m_cached = ContentReader::readChunk(*m_env, m_chunks.at(index));
            m_cachedIndex = index;
        }
        const qint64 within = position - m_chunks.at(index).ref.logicalOffset;
        const qint64 n = qMin(maxSize - copied, qint64(m_cached.size()) - within);
        std::copy_n(m_cached.constData() + within, n, data + copied);
        copied += n;
        position += n;
    }
    return copied;
}

} // namespace hubvault
