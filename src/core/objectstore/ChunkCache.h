#pragma once
// Verified chunks of remote packs kept on this disk, in cache/chunks/<d2>/<sha256> (a
// disposable area like the rest of cache/, docs/format.md §1.1), so that reading a file
// twice fetches it once. Bounded: past the limit the least recently used chunks go.
// Files are named by their content's SHA-256 and written under a temporary name first, so
// several processes can share the folder. When the disk refuses a write (full, read-only)
// the chunk is kept in memory for its reader instead, and nothing is cached.

#include "RandomAccessFile.h"

#include <QByteArray>
#include <QString>
#include <memory>
#include <mutex>

namespace hubvault::objectstore {

class ChunkCache {
public:
    ChunkCache(QString dir, qint64 limit);

    /** The cached chunk whose SHA-256 is `sha256Hex`, or null; `label` names it in errors. */
    std::shared_ptr<RandomAccessFile> find(const QString &sha256Hex, const QString &label) const;
    bool contains(const QString &sha256Hex) const;
    /**
     * Keeps `bytes` (already checked against `sha256Hex`) and returns them as a file:
     * the cache's, or a memory file when the disk refused them.
     */
    std::shared_ptr<RandomAccessFile> insert(const QString &sha256Hex, const QByteArray &bytes, const QString &label);
    /** Bytes held now (scans the folder the first time). */
    qint64 size() const;
    qint64 limit() const { return m_limit; }
    void setLimit(qint64 limit);

    /** `bytes` in an anonymous memory file. */
    static std::shared_ptr<RandomAccessFile> inMemory(const QByteArray &bytes, const QString &label);

private:
    QString pathOf(const QString &sha256Hex) const;
    void evictLocked();
    qint64 scanLocked() const;

    QString m_dir;
    qint64 m_limit;
    mutable std::mutex m_mutex;
    mutable qint64 m_size = -1; ///< -1 until scanned
};

} // namespace hubvault::objectstore
