// Packs in an S3 bucket (see S3PackStore.h).
#include "objectstore/S3PackStore.h"

#include <hubvault/Errors.h>

#include <QFile>
#include <QFileInfo>
#include <atomic>
#include <unistd.h>
#include <mutex>
#include <thread>
#include <vector>

namespace hubvault::objectstore {

namespace {

const QString kPacksPrefix = QStringLiteral("packs/");

QByteArray readPart(const QString &path, qint64 offset, qint64 length)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        throw HubVaultError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QByteArray bytes = file.read(length);
    if (bytes.size() != length)
        throw HubVaultError(QStringLiteral("%1 ended before byte %2 while uploading it").arg(path).arg(offset + length));
    return bytes;
}

} // namespace

S3PackStore::S3PackStore(std::unique_ptr<S3Client> client) : m_client(std::move(client)) {}

QString S3PackStore::objectName(const QString &packId)
{
    return kPacksPrefix + packId + QStringLiteral(".pack");
}

QString S3PackStore::describe(const QString &packId) const
{
    return m_client->location().url() + QLatin1Char('/') + objectName(packId);
}

QList<StoredPack> S3PackStore::list() const
{
    QList<StoredPack> out;
    for (const S3Object &object : m_client->list(kPacksPrefix)) {
        const QString id = packIdOf(object.name.mid(kPacksPrefix.size()));
        if (!id.isEmpty() && !id.contains(QLatin1Char('/')))
            out.append(StoredPack{id, object.size});
    }
    return out;
}

std::optional<qint64> S3PackStore::size(const QString &packId) const
{
    const auto object = m_client->describe(objectName(packId));
    return object ? std::optional<qint64>(object->size) : std::nullopt;
}

QByteArray S3PackStore::read(const QString &packId, qint64 offset, qint64 length) const
{
    return m_client->read(objectName(packId), offset, length);
}

void S3PackStore::put(const QString &packId, const QString &path, const TaskControl &task)
{
    const QString name = objectName(packId);
    const qint64 size = QFileInfo(path).size();
    if (size <= kSinglePutLimit)
        putWhole(name, path, size, task);
    else
        putParts(name, path, size, task);
    // The store checked every body's MD5 on receipt; what is left is that all of it arrived.
    const auto stored = m_client->describe(name);
    if (!stored || stored->size != size)
        throw IntegrityError(QStringLiteral("%1 holds %2 bytes after the upload, expected %3")
                                 .arg(describe(packId), stored ? QString::number(stored->size) : QStringLiteral("no"))
                                 .arg(size));
}

void S3PackStore::putWhole(const QString &name, const QString &path, qint64 size, const TaskControl &task) const
{
    task.checkCancelled();
    m_client->write(name, readPart(path, 0, size));
    task.report(size, size, QStringLiteral("upload"));
}

void S3PackStore::putParts(const QString &name, const QString &path, qint64 size, const TaskControl &task) const
{
    // Swift allows 1,000 parts by default (S3 10,000): larger packs get larger parts.
    const qint64 partSize = partSizeFor(size);
    const int parts = int((size + partSize - 1) / partSize);
    const QString uploadId = m_client->beginUpload(name);
    QStringList etags(parts);
    std::atomic<int> next{0};
    std::atomic<qint64> sent{0};
    std::mutex failureMutex;
    std::exception_ptr failure;
    auto worker = [&] {
        for (int part = next++; part < parts; part = next++) {
            try {
                task.checkCancelled();
                const qint64 offset = qint64(part) * partSize;
                const QByteArray bytes = readPart(path, offset, qMin(partSize, size - offset));
                etags[part] = m_client->writePart(name, uploadId, part + 1, bytes);
                std::lock_guard lock(failureMutex); // progress callbacks need not be thread-safe
                task.report(sent += bytes.size(), size, QStringLiteral("upload"));
            } catch (...) {
                std::lock_guard lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                next = parts; // the other workers stop after their current part
            }
        }
    };
    // Parts are held whole while they are sent: bigger parts, fewer at once.
    const int parallel = parallelPartsFor(partSize);
    std::vector<std::thread> workers;
    for (int i = 0; i < qMin(parallel, parts); ++i)
        workers.emplace_back(worker);
    for (std::thread &thread : workers)
        thread.join();
    if (failure) {
        try {
            m_client->abortUpload(name, uploadId);
        } catch (const HubVaultError &) {
            // gc aborts what is left (S3PackStore::pendingUploads); the first failure is the news.
        }
        std::rethrow_exception(failure);
    }
    m_client->finishUpload(name, uploadId, etags);
}

void S3PackStore::get(const QString &packId, qint64 size, const QString &path, const TaskControl &task) const
{
    {
        QFile create(path);
        if (!create.open(QIODevice::WriteOnly | QIODevice::NewOnly) || !create.resize(size))
            throw HubVaultError(QStringLiteral("cannot create %1: %2").arg(path, create.errorString()));
    }
    const QString name = objectName(packId);
    const int parts = int((size + kPartSize - 1) / kPartSize);
    std::atomic<int> next{0};
    std::atomic<qint64> received{0};
    std::mutex failureMutex;
    std::exception_ptr failure;
    auto worker = [&] {
        QFile out(path);
        for (int part = next++; part < parts; part = next++) {
            try {
                const qint64 offset = qint64(part) * kPartSize, length = qMin(kPartSize, size - offset);
                if (!out.isOpen() && !out.open(QIODevice::ReadWrite))
                    throw HubVaultError(QStringLiteral("cannot write %1: %2").arg(path, out.errorString()));
                out.seek(offset);
                m_client->readTo(name, offset, length, out, TaskControl{{}, task.cancel});
                if (!out.flush())
                    throw HubVaultError(QStringLiteral("cannot write %1: %2").arg(path, out.errorString()));
                std::lock_guard lock(failureMutex); // progress callbacks need not be thread-safe
                task.report(received += length, size, QStringLiteral("download"));
            } catch (...) {
                std::lock_guard lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                next = parts;
            }
        }
    };
    std::vector<std::thread> workers;
    for (int i = 0; i < qMin(kParallelParts, parts); ++i)
        workers.emplace_back(worker);
    for (std::thread &thread : workers)
        thread.join();
    if (failure)
        std::rethrow_exception(failure);
    QFile sync(path);
    if (!sync.open(QIODevice::ReadWrite) || ::fsync(sync.handle()) != 0)
        throw HubVaultError(QStringLiteral("cannot sync %1: %2").arg(path, sync.errorString()));
}

void S3PackStore::remove(const QString &packId)
{
    m_client->remove(objectName(packId));
}

QList<S3Upload> S3PackStore::pendingUploads() const
{
    QList<S3Upload> out;
    for (const S3Upload &upload : m_client->pendingUploads())
        if (upload.name.startsWith(kPacksPrefix))
            out.append(upload);
    return out;
}

void S3PackStore::abort(const S3Upload &upload) const
{
    m_client->abortUpload(upload.name, upload.uploadId);
}

} // namespace hubvault::objectstore
