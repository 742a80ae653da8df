#pragma once
// Every stored object of a repository and the links between them (commit -> tree and
// parents, tree -> trees and files, file -> blob or chunks), read with one sequential scan
// per table and held as 32-byte digests and indices: tens of bytes per object instead of
// hundreds for string ids in hash sets, and seconds instead of minutes on a history of
// 100,000 commits, where looking objects up one by one along the history touched every
// page of the database in random order. For the walks that need the whole repository:
// reachability (gc, the storage overview) and commit ancestry (counts, listings).

#include <hubvault/Progress.h>
#include "ObjectModel.h"
#include "VerifiedRanges.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <vector>

namespace hubvault {

class MetadataStore;

class ObjectGraph {
public:
    using Digest = VerifiedRanges::Digest;

    /**
     * Loads every table; throws IntegrityError for unreadable payloads, and CancelledError
     * between tables once `task` is cancelled.
     */
    static ObjectGraph load(MetadataStore &store, const TaskControl &task = TaskControl());
    /** Loads commits and their parents only (reach() needs load()): for history walks. */
    static ObjectGraph loadCommits(MetadataStore &store);

    qsizetype count(ObjectType type) const { return qsizetype(table(type).ids.size()); }
    /** Index of an object, or -1 when the repository does not store it. */
    int find(ObjectType type, const QString &objectId) const;
    /** "sha256:<hex>" of an object. */
    QString id(ObjectType type, int index) const;
    /** Byte length of the stored payload text. */
    qint64 payloadSize(ObjectType type, int index) const { return table(type).sizes.at(size_t(index)); }
    /**
     * Stored objects whose id is not "sha256:" and 64 lowercase hex digits: nothing can
     * reach them by a digest; kept so that gc and the overview still see them.
     */
    const QStringList &oddIds(ObjectType type) const { return table(type).odd; }
    const QList<qint64> &oddSizes(ObjectType type) const { return table(type).oddSizes; }

    /** A commit's parents (indices); throws IntegrityError when one is not stored. */
    QList<int> parents(int commit) const;
    /** A commit's root tree id. */
    QString commitTree(int commit) const { return hex(m_commitTreeIds.at(size_t(commit))); }
    /**
     * Commits reachable from `head`: depth-first, first parent first, each once (the
     * order of listings, docs/format.md §11.4).
     */
    QList<int> ancestry(int head) const;
    /** "sha256:<hex>" of a digest. */
    static QString hex(const Digest &digest);

    /** Chunks: those of chunk_visible, then ids that files name but the index lacks. */
    qsizetype chunkCount() const { return qsizetype(m_chunkIds.size()); }
    QString chunkId(int index) const;
    /** Index of a chunk id, or -1. */
    int findChunk(const QString &chunkId) const;
    /** stored_size from chunk_visible; 0 for a chunk missing from it. */
    qint64 chunkSize(int index) const { return m_chunkSizes.at(size_t(index)); }

    /** What a set of commits keeps alive, one flag per object of each type. */
    struct Reach {
        std::vector<bool> commits, trees, files, blobs, chunks;
        const std::vector<bool> &of(ObjectType type) const;
    };
    /**
     * Objects reachable from `commits` (with `followParents`, their whole history);
     * throws IntegrityError naming the first object a walked link points to but that is
     * not stored.
     */
    Reach reach(const QList<int> &commits, bool followParents) const;

private:
    struct Table {
        std::vector<Digest> ids;      ///< sorted
        /** Open-addressing index by the ids' first 8 bytes (uniformly distributed): slot -> index + 1. */
        std::vector<int> slots;
        std::vector<qint64> sizes;
        QStringList odd;
        QList<qint64> oddSizes;
    };
    /** Links of one kind in compressed rows: row i's targets are targets[start[i], start[i+1]). */
    struct Links {
        std::vector<int> start{0};
        std::vector<int> targets;
        void add(int target) { targets.push_back(target); }
        void endRow() { start.push_back(int(targets.size())); }
    };

    Table &table(ObjectType type);
    const Table &table(ObjectType type) const;
    /** Ids (and, with `withSizes`, payload sizes; else they come with the payloads). */
    void loadIds(MetadataStore &store, ObjectType type, bool withSizes);
    static int indexIn(const Table &table, const Digest &digest);
    int rowOf(const Table &table, QByteArrayView id) const;
    /** The payload size of an object whose id is not a digest. */
    static void recordOdd(Table &table, QByteArrayView id, qint64 size);
    void loadChunks(MetadataStore &store);
    void loadFiles(MetadataStore &store);
    void loadTrees(MetadataStore &store);
    void loadCommitLinks(MetadataStore &store);
    /** Index of a linked object, or the negative code of a missing one (see missing()). */
    int link(ObjectType type, QByteArrayView objectId);
    int chunkLink(QByteArrayView chunkId);
    [[noreturn]] void missing(int code) const;

    Table m_commits, m_trees, m_files, m_blobs;
    Links m_commitTree, m_commitParents; ///< one row per commit
    std::vector<Digest> m_commitTreeIds; ///< per commit
    Links m_treeChildren;                ///< per tree: (index << 1) | isFile, or missing
    Links m_fileBlob, m_fileChunks;      ///< per file
    std::vector<QByteArray> m_chunkIds;  ///< chunk_visible's, sorted, then extras
    std::vector<qint64> m_chunkSizes;
    qsizetype m_indexedChunks = 0;
    QList<QPair<ObjectType, QString>> m_missing; ///< targets of links that are not stored
};

} // namespace hubvault
