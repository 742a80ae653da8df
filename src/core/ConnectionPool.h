#pragma once
// Open connections to one repository's metadata database, kept between calls so a call
// does not pay for opening SQLite, reading its schema and preparing statements again.
// A connection is leased to one session at a time (sessions may run on any thread);
// idle ones wait in the pool. If metadata.sqlite3 is replaced or removed (a repository
// moved or restored from a copy), the pooled connections are dropped, never reused.

#include "MetadataStore.h"

#include <memory>
#include <mutex>
#include <vector>

namespace hubvault {

class ConnectionPool {
public:
    ConnectionPool(QString databasePath, MetadataStore::Mode mode, size_t maxIdle);
    ~ConnectionPool();

    /**
     * An idle connection, or a new one. `fileKey` identifies the database file as it is
     * now (device and inode); connections opened on another file are closed instead.
     */
    std::unique_ptr<MetadataStore> acquire(quint64 fileKey);
    /** Returns a connection that is not inside a transaction. */
    void release(std::unique_ptr<MetadataStore> connection);

private:
    const QString m_path;
    const MetadataStore::Mode m_mode;
    const size_t m_maxIdle;
    std::mutex m_mutex;
    quint64 m_fileKey = 0;
    std::vector<std::unique_ptr<MetadataStore>> m_idle;
};

} // namespace hubvault
