// The bounded cache of verified remote chunks (see ChunkCache.h).
#include "objectstore/ChunkCache.h"

#include <hubvault/Errors.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace hubvault::objectstore {

namespace {

/** Writes all of `bytes` to a new file; false (and no file) when the disk refuses. */
bool writeNew(const QString &path, const QByteArray &bytes)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    qint64 done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += n;
    }
    const bool ok = ::close(fd) == 0 && done == bytes.size();
    if (!ok)
        ::unlink(native.constData());
    return ok;
}

std::shared_ptr<RandomAccessFile> openFile(const QString &path, const QString &label)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nullptr;
    return std::make_shared<RandomAccessFile>(fd, label);
}

} // namespace

ChunkCache::ChunkCache(QString dir, qint64 limit) : m_dir(std::move(dir)), m_limit(limit) {}

QString ChunkCache::pathOf(const QString &sha256Hex) const
{
    return m_dir + QLatin1Char('/') + sha256Hex.left(2) + QLatin1Char('/') + sha256Hex;
}

std::shared_ptr<RandomAccessFile> ChunkCache::find(const QString &sha256Hex, const QString &label) const
{
    const QString path = pathOf(sha256Hex);
    auto file = openFile(path, label);
    if (file)
        ::futimens(file->descriptor(), nullptr); // recently used: eviction goes by modification time
    return file;
}

bool ChunkCache::contains(const QString &sha256Hex) const
{
    return QFileInfo::exists(pathOf(sha256Hex));
}

std::shared_ptr<RandomAccessFile> ChunkCache::insert(const QString &sha256Hex, const QByteArray &bytes, const QString &label)
{
    const QString path = pathOf(sha256Hex);
    const QString temp = path + QStringLiteral(".tmp-") + QString::number(QRandomGenerator::global()->generate64(), 16);
    bool stored = bytes.size() <= m_limit && QDir().mkpath(QFileInfo(path).absolutePath()) && writeNew(temp, bytes);
    if (stored && ::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) != 0) {
        ::unlink(QFile::encodeName(temp).constData());
        stored = false;
    }
    if (stored) {
        if (auto file = openFile(path, label)) {
            std::lock_guard lock(m_mutex);
            if (m_size >= 0)
                m_size += bytes.size();
            if (scanLocked() > m_limit)
                evictLocked();
            return file;
        }
    }
    return inMemory(bytes, label);
}

std::shared_ptr<RandomAccessFile> ChunkCache::inMemory(const QByteArray &bytes, const QString &label)
{
    const int fd = ::memfd_create("hubvault-chunk", MFD_CLOEXEC);
    if (fd < 0)
        throw HubVaultError(QStringLiteral("cannot hold %1 in memory: %2").arg(label, QString::fromLocal8Bit(std::strerror(errno))));
    try {
        writeAllAt(fd, bytes.constData(), bytes.size(), 0, label);
    } catch (...) {
        ::close(fd);
        throw;
    }
    return std::make_shared<RandomAccessFile>(fd, label); // its identity now sees the bytes
}

qint64 ChunkCache::size() const
{
    std::lock_guard lock(m_mutex);
    return scanLocked();
}

void ChunkCache::setLimit(qint64 limit)
{
    std::lock_guard lock(m_mutex);
    m_limit = limit;
    if (scanLocked() > m_limit)
        evictLocked();
}

qint64 ChunkCache::scanLocked() const
{
    if (m_size >= 0)
        return m_size;
    qint64 total = 0;
    QDirIterator it(m_dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    m_size = total;
    return m_size;
}

void ChunkCache::evictLocked()
{
    // Other processes add to the folder too: look at what is really there.
    struct Entry {
        QString path;
        qint64 size;
        qint64 mtime;
    };
    std::vector<Entry> entries;
    qint64 total = 0;
    QDirIterator it(m_dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (info.fileName().contains(QLatin1String(".tmp-")))
            continue; // another writer's file in progress
        entries.push_back({info.filePath(), info.size(), info.lastModified().toMSecsSinceEpoch()});
        total += info.size();
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.mtime < b.mtime; });
    const qint64 target = m_limit - m_limit / 10; // room for the next few chunks
    for (const Entry &entry : entries) {
        if (total <= target)
            break;
        if (QFile::remove(entry.path))
            total -= entry.size;
    }
    m_size = total;
}

} // namespace hubvault::objectstore
