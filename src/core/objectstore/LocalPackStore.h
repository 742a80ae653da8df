#pragma once
// The packs in the repository's own chunks/packs/ folder (docs/format.md §5.5).

#include "objectstore/PackStore.h"

#include <memory>

namespace hubvault {
class Env;
}

namespace hubvault::objectstore {

class LocalPackStore final : public PackStore {
public:
    LocalPackStore(std::shared_ptr<Env> env, const QString &root);

    QString path(const QString &packId) const;
    QString describe(const QString &packId) const override { return path(packId); }
    QList<StoredPack> list() const override;
    std::optional<qint64> size(const QString &packId) const override;
    QByteArray read(const QString &packId, qint64 offset, qint64 length) const override;
    /** Moves the (staged, fsynced) file `path` into place and makes the rename durable. */
    void put(const QString &packId, const QString &path, const TaskControl &task = {}) override;
    void remove(const QString &packId) override;

private:
    std::shared_ptr<Env> m_env;
    QString m_dir;
};

} // namespace hubvault::objectstore
