#pragma once
// Parsed payloads shared by every call on one open repository. Object ids are content
// addresses, so a cached payload can never be stale; gc only makes objects unreachable,
// and nothing reaches an object by id that gc removed. Bounded, thread-safe; payloads
// are immutable and shared (a hit costs a reference count, not a copy).

#include "ObjectModel.h"

#include <QCache>
#include <QHash>
#include <QMutex>
#include <memory>

namespace hubvault {

class ObjectCache {
public:
    template <typename T>
    std::shared_ptr<const T> find(const QString &id);
    template <typename T>
    void insert(const QString &id, std::shared_ptr<const T> payload);

    /** Remembers which commit object has a git OID (both are content addresses). */
    void rememberCommitOid(const QString &gitOid, const QString &objectId)
    {
        QMutexLocker lock(&m_mutex);
        m_commitByGitOid.insert(gitOid, objectId);
    }
    /** The git OID of tree object `treeId`, or "" when not known yet. */
    QString treeGitOid(const QString &treeId)
    {
        QMutexLocker lock(&m_mutex);
        const QString *oid = m_treeGitOids.object(treeId);
        return oid ? *oid : QString();
    }
    /** Remembers a tree's git OID: a commit on a wide tree needs those of all its subtrees. */
    void rememberTreeGitOid(const QString &treeId, const QString &gitOid)
    {
        QMutexLocker lock(&m_mutex);
        if (!m_treeGitOids.contains(treeId))
            m_treeGitOids.insert(treeId, new QString(gitOid));
    }
    /** The commit object id seen with `gitOid`, or "" (callers confirm it still exists). */
    QString commitForGitOid(const QString &gitOid)
    {
        QMutexLocker lock(&m_mutex);
        return m_commitByGitOid.value(gitOid);
    }

private:
    template <typename T>
    using Entries = QCache<QString, std::shared_ptr<const T>>;
    template <typename T>
    Entries<T> &cacheFor();

    QMutex m_mutex;
    // Costs are entry counts. Large enough for the working set of repeated calls (a
    // folder listing, a page of the graph), small enough that a walk over a long history
    // does not keep it all: a commit payload with its JSON is about a kilobyte.
    Entries<CommitPayload> m_commits{20000};
    Entries<TreePayload> m_trees{20000};
    Entries<FilePayload> m_files{50000};
    Entries<BlobPayload> m_blobs{50000};
    QCache<QString, QString> m_treeGitOids{200000}; ///< tree object id -> git OID
    // Not bounded like the payloads: two short strings per commit ever seen.
    QHash<QString, QString> m_commitByGitOid;
};

template <> inline ObjectCache::Entries<CommitPayload> &ObjectCache::cacheFor() { return m_commits; }
template <> inline ObjectCache::Entries<TreePayload> &ObjectCache::cacheFor() { return m_trees; }
template <> inline ObjectCache::Entries<FilePayload> &ObjectCache::cacheFor() { return m_files; }
template <> inline ObjectCache::Entries<BlobPayload> &ObjectCache::cacheFor() { return m_blobs; }

template <typename T>
std::shared_ptr<const T> ObjectCache::find(const QString &id)
{
    QMutexLocker lock(&m_mutex);
    const std::shared_ptr<const T> *hit = cacheFor<T>().object(id);
    return hit ? *hit : nullptr;
}

template <typename T>
void ObjectCache::insert(const QString &id, std::shared_ptr<const T> payload)
{
    QMutexLocker lock(&m_mutex);
    // Equal ids are equal payloads: keep the entry there is (sessions share back what they
    // read from the cache, and a wide tree's commit reads a thousand subtrees).
    if (!cacheFor<T>().contains(id))
        cacheFor<T>().insert(id, new std::shared_ptr<const T>(std::move(payload)));
}

} // namespace hubvault
