#pragma once
// Packs as objects PREFIX/packs/<pack_id>.pack of an S3 bucket (docs/object-storage.md).
// Writes go as one PUT or, above kSinglePutLimit, as a multipart upload of parts sent in
// parallel from the staged file (memory: kParallelParts parts); every body carries its
// Content-MD5, so the store refuses damaged bytes, and the object's size is checked
// afterwards. Objects are never overwritten with other bytes: pack ids name new content.

#include "objectstore/PackStore.h"
#include "objectstore/S3Client.h"

#include <memory>

namespace hubvault::objectstore {

class S3PackStore final : public PackStore {
public:
    static constexpr qint64 kSinglePutLimit = qint64(64) << 20;
    static constexpr qint64 kPartSize = qint64(16) << 20;
    static constexpr int kParallelParts = 4;
    static constexpr qint64 kMaxParts = 1000;
    static constexpr qint64 kMaxPartBytesInFlight = qint64(256) << 20;

    explicit S3PackStore(std::unique_ptr<S3Client> client);

    /** Parts of a pack of up to `size` bytes: 16 MiB, larger so that no upload has more than kMaxParts. */
    static qint64 partSizeFor(qint64 size) { return qMax(kPartSize, (size + kMaxParts - 1) / kMaxParts); }
    /** Parts sent at once: parts are held whole while they are sent. */
    static int parallelPartsFor(qint64 partSize)
    {
        return int(qBound(qint64(1), kMaxPartBytesInFlight / partSize, qint64(kParallelParts)));
    }

    S3Client &client() const { return *m_client; }
    /** "packs/<pack_id>.pack", below the prefix. */
    static QString objectName(const QString &packId);

    QString describe(const QString &packId) const override;
    QList<StoredPack> list() const override;
    std::optional<qint64> size(const QString &packId) const override;
    QByteArray read(const QString &packId, qint64 offset, qint64 length) const override;
    void put(const QString &packId, const QString &path, const TaskControl &task = {}) override;
    void remove(const QString &packId) override;
    /** Downloads the whole pack (`size` bytes) into a new file `path`, in parallel ranges, and syncs it. */
    void get(const QString &packId, qint64 size, const QString &path, const TaskControl &task = {}) const;

    /** Multipart uploads of packs begun and never finished or aborted. */
    QList<S3Upload> pendingUploads() const;
    void abort(const S3Upload &upload) const;

private:
    void putWhole(const QString &name, const QString &path, qint64 size, const TaskControl &task) const;
    void putParts(const QString &name, const QString &path, qint64 size, const TaskControl &task) const;

    std::unique_ptr<S3Client> m_client;
};

} // namespace hubvault::objectstore
