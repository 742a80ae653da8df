// Pooled metadata connections of one repository (see ConnectionPool.h).
#include "ConnectionPool.h"

namespace hubvault {

ConnectionPool::ConnectionPool(QString databasePath, MetadataStore::Mode mode, size_t maxIdle)
    : m_path(std::move(databasePath)), m_mode(mode), m_maxIdle(maxIdle)
{
}

ConnectionPool::~ConnectionPool() = default;

std::unique_ptr<MetadataStore> ConnectionPool::acquire(quint64 fileKey)
{
    std::vector<std::unique_ptr<MetadataStore>> stale;
    {
        std::lock_guard lock(m_mutex);
        if (fileKey != m_fileKey) {
            stale.swap(m_idle); // closed outside the mutex
            m_fileKey = fileKey;
        }
        if (!m_idle.empty()) {
            std::unique_ptr<MetadataStore> connection = std::move(m_idle.back());
            m_idle.pop_back();
            return connection;
        }
    }
    auto connection = std::make_unique<MetadataStore>(m_path, m_mode);
    if (m_mode == MetadataStore::Mode::ReadWrite)
        connection->configureForWriting();
    connection->setFileKey(fileKey);
    return connection;
}

void ConnectionPool::release(std::unique_ptr<MetadataStore> connection)
{
    if (!connection || connection->inTransaction())
        return; // a connection in an unknown state is closed, not reused
    std::lock_guard lock(m_mutex);
    if (connection->fileKey() == m_fileKey && m_idle.size() < m_maxIdle)
        m_idle.push_back(std::move(connection));
}

} // namespace hubvault
