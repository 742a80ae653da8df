#pragma once
// Parsed payloads shared by every call on one open repository. Object ids are content
// addresses, so a cached payload can never be stale; gc only makes objects unreachable,
// and nothing reaches an object by id that gc removed. Bounded, thread-safe.

#include "ObjectModel.h"

#include <QCache>
#include <QHash>
#include <QMutex>

namespace hubvault {

class ObjectCache {
public:
    template <typename T>
    bool find(const QString &id, T *out);
    template <typename T>
    void insert(const QString &id, const T &payload);

    /** Remembers which commit object has a git OID (both are content addresses). */
    void rememberCommitOid(const QString &gitOid, const QString &objectId)
    {
        QMutexLocker lock(&m_mutex);
        m_commitByGitOid.insert(gitOid, objectId);
    }
    /** The commit object id seen with `gitOid`, or "" (callers confirm it still exists). */
    QString commitForGitOid(const QString &gitOid)
    {
        QMutexLocker lock(&m_mutex);
        return m_commitByGitOid.value(gitOid);
    }

private:
    template <typename T>
    QCache<QString, T> &cacheFor();

    QMutex m_mutex;
    // Costs are entry counts. Large enough for the working set of repeated calls (a
    // folder listing, a page of the graph), small enough that a walk over a long history
    // does not keep it all: a commit payload with its JSON is about a kilobyte.
    QCache<QString, CommitPayload> m_commits{20000};
    QCache<QString, TreePayload> m_trees{20000};
    QCache<QString, FilePayload> m_files{50000};
    QCache<QString, BlobPayload> m_blobs{50000};
    // Not bounded like the payloads: two short strings per commit ever seen.
    QHash<QString, QString> m_commitByGitOid;
};

template <> inline QCache<QString, CommitPayload> &ObjectCache::cacheFor() { return m_commits; }
template <> inline QCache<QString, TreePayload> &ObjectCache::cacheFor() { return m_trees; }
template <> inline QCache<QString, FilePayload> &ObjectCache::cacheFor() { return m_files; }
template <> inline QCache<QString, BlobPayload> &ObjectCache::cacheFor() { return m_blobs; }

template <typename T>
bool ObjectCache::find(const QString &id, T *out)
{
    QMutexLocker lock(&m_mutex);
    const T *hit = cacheFor<T>().object(id);
    if (!hit)
        return false;
    *out = *hit;
    return true;
}

template <typename T>
void ObjectCache::insert(const QString &id, const T &payload)
{
    QMutexLocker lock(&m_mutex);
    cacheFor<T>().insert(id, new T(payload));
}

} // namespace hubvault
