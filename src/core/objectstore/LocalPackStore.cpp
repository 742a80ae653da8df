// chunks/packs/ as a pack store (see LocalPackStore.h).
#include "objectstore/LocalPackStore.h"

#include <hubvault/Errors.h>
#include "Env.h"

namespace hubvault::objectstore {

LocalPackStore::LocalPackStore(std::shared_ptr<Env> env, const QString &root)
    : m_env(std::move(env)), m_dir(root + QStringLiteral("/chunks/packs"))
{
}

QString LocalPackStore::path(const QString &packId) const
{
    return m_dir + QLatin1Char('/') + packId + QStringLiteral(".pack");
}

QList<StoredPack> LocalPackStore::list() const
{
    QList<StoredPack> out;
    if (!m_env->stat(m_dir).isDir)
        return out;
    for (const DirEntry &entry : m_env->listDirectory(m_dir)) {
        const QString id = packIdOf(entry.name);
        if (entry.stat.isFile && !id.isEmpty())
            out.append(StoredPack{id, entry.stat.size});
    }
    return out;
}

std::optional<qint64> LocalPackStore::size(const QString &packId) const
{
    const FileStat st = m_env->stat(path(packId));
    return st.isFile ? std::optional<qint64>(st.size) : std::nullopt;
}

QByteArray LocalPackStore::read(const QString &packId, qint64 offset, qint64 length) const
{
    const QByteArray bytes = m_env->openRandomAccess(path(packId))->readAt(offset, length);
    if (bytes.size() != length)
        throw IntegrityError(QStringLiteral("%1 ends before byte %2").arg(path(packId)).arg(offset + length));
    return bytes;
}

void LocalPackStore::put(const QString &packId, const QString &from, const TaskControl &)
{
    m_env->makeDirectories(m_dir);
    m_env->renameFile(from, path(packId));
    m_env->fsyncDirectory(m_dir);
}

void LocalPackStore::remove(const QString &packId)
{
    if (m_env->stat(path(packId)).exists)
        m_env->removeFile(path(packId));
}

} // namespace hubvault::objectstore
