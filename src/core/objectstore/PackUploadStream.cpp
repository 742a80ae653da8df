// A multipart upload that follows a pack being written (see PackUploadStream.h).
#include "objectstore/PackUploadStream.h"

#include <hubvault/Errors.h>
#include "objectstore/S3PackStore.h"

#include <QFile>

namespace hubvault::objectstore {

PackUploadStream::PackUploadStream(std::shared_ptr<S3PackStore> store, QString packId, QString path, qint64 maxSize)
    : m_store(std::move(store)), m_packId(std::move(packId)), m_name(S3PackStore::objectName(m_packId)), m_path(std::move(path)),
      m_partSize(S3PackStore::partSizeFor(maxSize))
{
    m_uploadId = m_store->client().beginUpload(m_name);
    for (int i = 0; i < S3PackStore::parallelPartsFor(m_partSize); ++i)
        m_workers.emplace_back([this] { work(); });
}

PackUploadStream::~PackUploadStream()
{
    stopWorkers();
    if (!m_done) {
        try {
            m_store->client().abortUpload(m_name, m_uploadId);
        } catch (const HubVaultError &) {
            // gc aborts what is left (S3PackStore::pendingUploads).
        }
    }
}

void PackUploadStream::stopWorkers()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    for (std::thread &worker : m_workers)
        if (worker.joinable())
            worker.join();
}

void PackUploadStream::grew(qint64 size)
{
    {
        std::lock_guard lock(m_mutex);
        m_available = size;
        if (m_failure)
            std::rethrow_exception(m_failure); // the commit fails early rather than after staging
    }
    m_changed.notify_all();
}

bool PackUploadStream::partReadyLocked() const
{
    const qint64 start = qint64(m_nextPart) * m_partSize;
    return m_final ? start < m_available : start + m_partSize <= m_available;
}

void PackUploadStream::work()
{
    for (;;) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_stopping || m_failure || partReadyLocked() || m_final; });
        if (m_stopping || m_failure || !partReadyLocked())
            return;
        const int part = m_nextPart++;
        const qint64 offset = qint64(part) * m_partSize;
        const qint64 length = qMin(m_partSize, m_available - offset);
        if (m_etags.size() <= part)
            m_etags.resize(part + 1);
        lock.unlock();
        try {
            QFile file(m_path);
            if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
                throw HubVaultError(QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString()));
            const QByteArray bytes = file.read(length);
            if (bytes.size() != length)
                throw HubVaultError(QStringLiteral("%1 ended before byte %2 while uploading it").arg(m_path).arg(offset + length));
            const QString etag = m_store->client().writePart(m_name, m_uploadId, part + 1, bytes);
            lock.lock();
            m_etags[part] = etag;
        } catch (...) {
            lock.lock();
            if (!m_failure)
                m_failure = std::current_exception();
            m_changed.notify_all();
            return;
        }
    }
}

void PackUploadStream::finish(qint64 size, const TaskControl &task)
{
    {
        std::lock_guard lock(m_mutex);
        m_available = size;
        m_final = true;
    }
    m_changed.notify_all();
    for (std::thread &worker : m_workers)
        worker.join();
    m_workers.clear();
    task.checkCancelled();
    if (m_failure)
        std::rethrow_exception(m_failure);
    m_store->client().finishUpload(m_name, m_uploadId, m_etags);
    m_done = true;
    const auto stored = m_store->client().describe(m_name);
    if (!stored || stored->size != size)
        throw IntegrityError(QStringLiteral("%1 holds %2 bytes after the upload, expected %3")
                                 .arg(m_store->describe(m_packId), stored ? QString::number(stored->size) : QStringLiteral("no"))
                                 .arg(size));
}

} // namespace hubvault::objectstore
