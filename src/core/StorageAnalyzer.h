#pragma once
// Where a repository's bytes go (FORMAT.md §10.6): sizes of metadata, objects, packs,
// index, cache, transactions and quarantine; what is reachable, what only history keeps,
// and what gc or cache pruning would free. Also feeds gc's dry-run estimates.

#include "Models.h"
#include "ObjectModel.h"
#include "Reachability.h"

#include <QHash>
#include <map>

namespace hubvault {

class RepoSession;

class StorageAnalyzer {
public:
    explicit StorageAnalyzer(RepoSession &session);

    StorageOverview overview();

    /** Byte length of an object as the original counts it: payload JSON (+ .data for blobs). */
    qint64 objectSize(ObjectType type, const QString &id) const;
    /** Every stored object of a type that `live` does not reach, sorted by id. */
    QStringList unreachable(ObjectType type) const;
    qint64 unreachableBytes(ObjectType type) const;
    /** Pack bytes and index bytes of a hypothetical compact gc pack of `chunks`. */
    QPair<qint64, qint64> chunkPlan(const QSet<QString> &chunks) const;

    const ReachableSet &live() const { return m_live; }
    const ReachableSet &tip() const { return m_tip; }

    /** Recursive byte total and file count (regular files and symlinks) of a path. */
    static QPair<qint64, qint64> measure(const QString &path);
    /** "%d B" or "%.1f KiB|MiB|GiB|TiB" (1024 base), as the original formats sizes. */
    static QString formatSize(qint64 bytes);

private:
    static const QSet<QString> &setFor(const ReachableSet &set, ObjectType type);

    RepoSession &m_session;
    ReachableSet m_live;
    ReachableSet m_tip;
    std::map<ObjectType, QHash<QString, qint64>> m_sizes;
    QHash<QString, qint64> m_chunkSizes;
};

} // namespace hubvault
