#pragma once
// Plain value types returned by the public API (API.md §2). Commit, tree and file ids
// here are the public Git-compatible SHA-1 ids; internal sha256 object ids never leak,
// except inside reflog checksums.

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace hubvault {

/** How a path changed between a commit and its parent. */
enum class ChangeKind { Added, Modified, Deleted, Copied, Renamed };
/** What a merge did, or would do when previewed. */
enum class MergeStatus { Merged, FastForward, AlreadyUpToDate, Conflict };
/** How the reclaimable bytes of a storage section can be reclaimed. */
enum class ReclaimStrategy { Keep, Gc, PruneCache, ManualReview };
/** How a file's bytes are stored: one whole blob, or content-defined chunks in packs. */
enum class StorageKind { Blob, Chunked };

// The original's names of these values ("fast-forward", "prune-cache", ...), for JSON and
// display only; code compares the enums. The parsers return nothing for unknown text.
QString wireName(ChangeKind kind);
QString wireName(MergeStatus status);
QString wireName(ReclaimStrategy strategy);
QString wireName(StorageKind kind);
std::optional<ChangeKind> changeKindFromString(QStringView text);
std::optional<MergeStatus> mergeStatusFromString(QStringView text);
std::optional<ReclaimStrategy> reclaimStrategyFromString(QStringView text);
std::optional<StorageKind> storageKindFromString(QStringView text);

struct RepoInfo {
    QString repoPath;
    int formatVersion = 1;
    QString defaultBranch;
    std::optional<QString> head; ///< git OID of the default branch (or requested revision)
    QStringList refs;            ///< full ref names, branches first, each sorted
};

/** Result of a write (HF `CommitInfo`); `url` is what the original prints for it. */
struct CommitInfo {
    QString commitUrl;      ///< file://<repo>#commit=<oid>
    QString commitMessage;  ///< the commit's title
    QString commitDescription;
    QString oid;            ///< git commit OID
    QString repoUrl;        ///< file://<repo>
    QString url;            ///< str(CommitInfo): commit, blob or tree URL
};

struct LastCommitInfo {
    QString oid;
    QString title;
    QDateTime date; ///< UTC
};

struct BlobLfsInfo {
    qint64 size = 0;
    QString sha256;
    qint64 pointerSize = 0;
};

/** A file entry of a listing (HF `RepoFile`). */
struct RepoFile {
    QString path;
    qint64 size = 0;
    QString blobId; ///< = oid
    std::optional<BlobLfsInfo> lfs;
    std::optional<LastCommitInfo> lastCommit;
    QString oid;
    QString sha256;
    QString etag;
};

/** A folder entry of a listing (HF `RepoFolder`). */
struct RepoFolder {
    QString path;
    QString treeId;
    std::optional<LastCommitInfo> lastCommit;
};

/** Either a file or a folder, in listing order. */
struct RepoEntry {
    bool isFolder = false;
    RepoFile file;     ///< valid when !isFolder
    RepoFolder folder; ///< valid when isFolder
    const QString &path() const { return isFolder ? folder.path : file.path; }
};

struct GitCommitInfo {
    QString commitId;
    QStringList authors; ///< always empty: commits carry no author
    QDateTime createdAt; ///< UTC
    QString title;
    QString message; ///< the body (description), as the original returns it
};

struct CommitFileVersionInfo {
    QString path;
    qint64 size = 0;
    QString oid;
    QString blobId;
    QString sha256;
};

struct CommitChangeInfo {
    QString path;
    ChangeKind changeType = ChangeKind::Modified; ///< added, modified or deleted
    std::optional<CommitFileVersionInfo> oldFile;
    std::optional<CommitFileVersionInfo> newFile;
    bool isBinary = false;
    std::optional<QString> unifiedDiff;
};

struct CommitDetailInfo {
    GitCommitInfo commit;
    QStringList parentCommitIds;
    std::optional<QString> compareParentCommitId;
    QList<CommitChangeInfo> changes;
};

struct GitRefInfo {
    QString name;
    QString ref;
    std::optional<QString> targetCommit;
};

struct GitRefs {
    QList<GitRefInfo> branches;
    QList<GitRefInfo> converts;
    QList<GitRefInfo> tags;
};

struct ReflogEntry {
    QDateTime timestamp; ///< UTC
    QString refName;     ///< full ref name
    std::optional<QString> oldHead;
    std::optional<QString> newHead;
    QString message;
    QString checksum;
};

struct VerifyReport {
    bool ok = true;
    QStringList checkedRefs;
    QStringList warnings;
    QStringList errors;
};

struct MergeConflict {
    QString path;
    QString conflictType; ///< add/add, modify/modify, delete/modify, file/directory, case-fold
    QString message;
    std::optional<QString> baseOid;
    std::optional<QString> targetOid;
    std::optional<QString> sourceOid;
    std::optional<QString> relatedPath;
};

struct MergeResult {
    MergeStatus status = MergeStatus::Merged;
    QString targetRevision;
    QString sourceRevision;
    std::optional<QString> baseCommit;
    std::optional<QString> targetHeadBefore;
    std::optional<QString> sourceHead;
    std::optional<QString> headAfter;
    std::optional<CommitInfo> commit;
    QList<MergeConflict> conflicts;
    bool fastForward = false;
    bool createdCommit = false;
};

struct GcReport {
    bool dryRun = false;
    QStringList checkedRefs;
    qint64 reclaimedSize = 0;
    qint64 reclaimedObjectSize = 0;
    qint64 reclaimedChunkSize = 0;
    qint64 reclaimedCacheSize = 0;
    qint64 reclaimedTemporarySize = 0;
    qint64 removedFileCount = 0;
    QStringList notes;
};

struct SquashReport {
    QString refName; ///< full ref name
    QString oldHead;
    QString newHead;
    QString rootCommitBefore;
    qint64 rewrittenCommitCount = 0;
    qint64 droppedAncestorCount = 0;
    QStringList blockingRefs;
    std::optional<GcReport> gcReport;
};

struct StorageSectionInfo {
    QString name;
    QString path;
    qint64 totalSize = 0;
    qint64 fileCount = 0;
    qint64 reclaimableSize = 0;
    ReclaimStrategy reclaimStrategy = ReclaimStrategy::Keep;
    QString notes;
};

/** Totals of the repository folder (the original's get_storage_summary, SERVER.md §3.1). */
struct StorageSummary {
    qint64 totalSize = 0;      ///< lstat bytes of every file in the repository folder
    qint64 totalFileCount = 0;
    qint64 metadataSize = 0;   ///< FORMAT, metadata.sqlite3 (and its journal) and locks/
    qint64 metadataFileCount = 0;
    int branchCount = 0;
    int tagCount = 0;
};

struct StorageOverview {
    qint64 totalSize = 0;
    qint64 reachableSize = 0;
    qint64 historicalRetainedSize = 0;
    qint64 reclaimableGcSize = 0;
    qint64 reclaimableCacheSize = 0;
    qint64 reclaimableTemporarySize = 0;
    QList<StorageSectionInfo> sections;
    QStringList recommendations;
};

/** What a snapshot or file view selected (for progress and reporting). */
struct SnapshotFile {
    QString path;
    QString oid;
    QString sha256;
    qint64 size = 0;
};

// ---- Beyond API.md: bulk and storage reads for the desktop app (HubVault extensions).

/** One commit of the graph: ids, parents and message, without any tree work. */
struct CommitGraphNode {
    QString objectId;            ///< internal commit object id ("sha256:...")
    QString commitId;            ///< git commit OID
    QStringList parentObjectIds; ///< first parent first
    QStringList parentCommitIds; ///< the same parents as git OIDs
    QString treeObjectId;        ///< root tree object id
    QString treeId;              ///< root tree git OID
    QDateTime createdAt;         ///< UTC
    QString title;
    QString message;             ///< the body (description)
    QStringList changedPaths;    ///< against the first parent; only when asked for
};

/** One stored piece of a file: a chunk of a chunked file, or the file's whole blob. */
struct FileChunkInfo {
    QString chunkId;     ///< chunk id, or the blob object id of a whole-blob file
    qint64 offset = 0;   ///< logical offset in the file
    qint64 logicalSize = 0;
    qint64 storedSize = 0;
};

/** How a file of a revision is stored. */
struct FileStorageInfo {
    QString path;
    StorageKind storageKind = StorageKind::Blob;
    qint64 size = 0;
    QString sha256;
    QString oid;
    QList<FileChunkInfo> chunks; ///< in file order; one entry for a whole blob
};

/** A change of a commit against its first parent, with storage figures. */
struct CommitFileStorageDelta {
    QString path;
    ChangeKind changeType = ChangeKind::Modified;
    QString copiedFrom;  ///< copied or renamed: the parent's path with the same content
    qint64 oldSize = 0;
    qint64 newSize = 0;
    qint64 addedStoredBytes = 0; ///< stored bytes of pieces no parent snapshot holds
};

/** What a commit added to storage: the bytes it really added after deduplication. */
struct CommitStorageDelta {
    QString commitId; ///< git commit OID
    qint64 logicalBytesChanged = 0; ///< sizes of added, modified and copied files
    qint64 addedStoredBytes = 0;    ///< stored bytes of new pieces (each counted once)
    QList<CommitFileStorageDelta> files;
};

} // namespace hubvault
