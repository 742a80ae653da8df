#pragma once
// Typed views of the four stored object payloads (docs/format.md §3.2–§3.5), parsed from the
// canonical JSON text kept in SQLite (with simdjson). Parsing is strict: invalid JSON or
// a payload missing a required field is damage and raises IntegrityError.

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace hubvault {

enum class ObjectType { Commit, Tree, File, Blob };

/** "commit", "tree", "file", "blob": the container's object_type. */
QString objectTypeName(ObjectType type);
/** "objects_commits", ...: the SQLite table holding payloads of that type. */
QString objectTableName(ObjectType type);

struct ChunkRef {
    QString chunkId;
    QString checksum;
    QString compression;
    qint64 logicalOffset = 0;
    qint64 logicalSize = 0;
    qint64 storedSize = 0;
};

struct FilePayload {
    static constexpr ObjectType kType = ObjectType::File;
    QString storageKind; ///< "blob" or "chunked"
    qint64 logicalSize = 0;
    QString sha256; ///< bare hex (a legacy "sha256:" prefix is removed on parse)
    QString oid;    ///< git blob OID of the content, or of the LFS pointer when chunked
    QString etag;
    std::optional<qint64> pointerSize;
    QString contentObjectId; ///< blob object id for whole-blob files
    QList<ChunkRef> chunks;

    /**
     * For chunked files: whether the stored payload hashes to its object id. Reads rely
     * on the chunk list instead of hashing the whole content again (docs/format-differences.md,
     * "Verify once"), which is only sound for a chunk list whose object checks out.
     */
    bool idMatches = true;

    bool isChunked() const { return storageKind == QLatin1String("chunked"); }
    /** Parses stored payload text; checks the object id of chunked files (idMatches). */
    static FilePayload parse(const QByteArray &payloadJson, const QString &objectId);
};

struct BlobPayload {
    static constexpr ObjectType kType = ObjectType::Blob;
    qint64 logicalSize = 0;
    qint64 storedSize = 0;
    QString logicalHash;
    QString payloadSha256;
    QString compression;
    static BlobPayload parse(const QByteArray &payloadJson, const QString &objectId);
};

struct TreeEntry {
    QString entryType; ///< "file" or "tree"
    QString mode;
    QString name;
    QString objectId;
    qint64 sizeHint = 0;
    bool isTree() const { return entryType == QLatin1String("tree"); }
};

struct TreePayload {
    static constexpr ObjectType kType = ObjectType::Tree;
    QList<TreeEntry> entries;
    QString gitOid; ///< may be empty in old data; then recomputed
    /** Entries are in strictly increasing code-point order, as §3.4 requires. */
    bool sortedByName = true;

    /** The entry called `name` (binary search when sorted); the last one if repeated. */
    const TreeEntry *find(const QString &name) const;
    static TreePayload parse(const QByteArray &payloadJson, const QString &objectId);
};

struct CommitPayload {
    static constexpr ObjectType kType = ObjectType::Commit;
    QString treeId;
    QStringList parents;
    QString createdAt; ///< "YYYY-MM-DDTHH:MM:SSZ"
    QString message;
    QString title;
    QString description;
    QString gitOid; ///< may be empty in old data; then recomputed
    QJsonObject metadata;
    static CommitPayload parse(const QByteArray &payloadJson, const QString &objectId);
};

/**
 * The deepest tree nesting a reader follows (git's core.maxTreeDepth default). Deeper
 * trees, and trees that contain themselves under a false id, are damage: no file system
 * holds such paths, and following them would exhaust the stack (issue 16).
 */
constexpr int kMaxTreeDepth = 2048;
/** Throws IntegrityError naming `treeId` when `depth` (the root is 0) exceeds kMaxTreeDepth. */
void checkTreeDepth(int depth, const QString &treeId);

/** Code-point (UTF-8 byte) order of names, which UTF-16 QString comparison is not. */
bool codePointLess(const QString &a, const QString &b);

} // namespace hubvault
