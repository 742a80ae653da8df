#pragma once
// Where pack files are kept (docs/format.md §5.5, docs/object-storage.md): written once,
// read by byte range, listed, checked and deleted. chunks/packs/ is one store
// (LocalPackStore), an S3 bucket the other (S3PackStore); PackStorage decides which one
// holds a given pack.

#include <hubvault/Progress.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace hubvault::objectstore {

struct StoredPack {
    QString packId;
    qint64 size = 0;
};

class PackStore {
public:
    virtual ~PackStore() = default;

    /** How messages name the pack: its path, or its s3:// URL. */
    virtual QString describe(const QString &packId) const = 0;
    /** Every pack the store holds. */
    virtual QList<StoredPack> list() const = 0;
    /** The pack's size, or nothing when the store lacks it. */
    virtual std::optional<qint64> size(const QString &packId) const = 0;
    /** Exactly `length` bytes from `offset` (IntegrityError when the pack is shorter). */
    virtual QByteArray read(const QString &packId, qint64 offset, qint64 length) const = 0;
    /**
     * Stores the complete file `path` as pack `packId` and returns once the stored copy
     * is confirmed (its size, and the checksums the store checked on receipt).
     */
    virtual void put(const QString &packId, const QString &path, const TaskControl &task = {}) = 0;
    /** Deletes the pack; deleting one that is not there succeeds. */
    virtual void remove(const QString &packId) = 0;
};

/** "<pack_id>" of a "<pack_id>.pack" name, or empty for any other name. */
inline QString packIdOf(const QString &fileName)
{
    return fileName.endsWith(QLatin1String(".pack")) && fileName.size() > 5 ? fileName.chopped(5) : QString();
}

} // namespace hubvault::objectstore
