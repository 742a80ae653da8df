// Reused read buffers (see BufferPool.h).
#include "BufferPool.h"

namespace hubvault {

QByteArray BufferPool::take(qint64 size)
{
    QByteArray buffer;
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_free.begin(); it != m_free.end(); ++it) {
            if (it->capacity() >= size) {
                buffer = std::move(*it);
                m_free.erase(it);
                break;
            }
        }
    }
    // resize() keeps the capacity of a detached array: no allocation, no page faults.
    buffer.resize(size);
    return buffer;
}

void BufferPool::give(QByteArray &&buffer)
{
    if (!buffer.isDetached() || buffer.capacity() == 0)
        return;
    std::lock_guard lock(m_mutex);
    if (m_free.size() < m_keep)
        m_free.push_back(std::move(buffer));
}

} // namespace hubvault
