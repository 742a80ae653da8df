#pragma once
// Where a repository's bytes go (docs/format.md §10.6): sizes of metadata, objects, packs,
// index, cache, transactions and quarantine; what is reachable, what only history keeps,
// and what gc or cache pruning would free. Also feeds gc's dry-run estimates. Works on
// the ObjectGraph of the whole repository (one scan per table).

#include <hubvault/Models.h>
#include <hubvault/Progress.h>
#include "ObjectGraph.h"
#include "ObjectModel.h"

#include <QHash>
#include <QMap>
#include <map>
#include <vector>

namespace hubvault {

class Env;
class RepoSession;

class StorageAnalyzer {
public:
    /** Loads the whole object graph; `task` can stop it between tables (CancelledError). */
    explicit StorageAnalyzer(RepoSession &session, const TaskControl &task = TaskControl());

    StorageOverview overview();

    /** Byte length of an object as the original counts it: payload JSON (+ .data for blobs). */
    qint64 objectSize(ObjectType type, const QString &id) const;
    /** Every stored object of a type that `live` does not reach, sorted by id. */
    QStringList unreachable(ObjectType type) const;
    qint64 unreachableBytes(ObjectType type) const;
    /** Pack bytes and index bytes of a hypothetical compact gc pack of these chunks. */
    QPair<qint64, qint64> chunkPlan(const QStringList &chunkIds) const;
    /** Ids of the chunks that `live` reaches, sorted (what gc repacks). */
    QStringList liveChunks() const;

    const ObjectGraph::Reach &live() const { return m_live; }

    /** Recursive byte total and file count (regular files and symlinks) of a path. */
    static QPair<qint64, qint64> measure(const Env &env, const QString &path);
    /** "%d B" or "%.1f KiB|MiB|GiB|TiB" (1024 base), as the original formats sizes. */
    static QString formatSize(qint64 bytes);

private:
    /** Bytes of every object reached (or, with `reached` false, not reached) by `set`. */
    qint64 bytes(ObjectType type, const ObjectGraph::Reach &set, bool reached) const;
    qint64 typeTotal(ObjectType type) const;
    /** Walks the repository once: section sizes and the total; returns .data sizes by blob id. */
    QHash<QString, qint64> measureRepository();
    /** Ids of the chunks flagged in a Reach, sorted. */
    QStringList chunksOf(const ObjectGraph::Reach &set) const;

    RepoSession &m_session;
    ObjectGraph m_graph;
    ObjectGraph::Reach m_live;
    ObjectGraph::Reach m_tip;
    std::map<ObjectType, std::vector<qint64>> m_sizes; ///< per object index, .data included for blobs
    qint64 m_blobDataBytes = 0;
    QMap<QString, QPair<qint64, qint64>> m_sections; ///< relative path -> (bytes, files)
    qint64 m_totalSize = 0;
};

} // namespace hubvault
