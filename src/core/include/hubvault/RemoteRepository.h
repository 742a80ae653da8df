#pragma once
// A repository served by `hubvault serve` (SERVER.md), reached over HTTP: the client side of
// the original's HubVaultRemoteApi behind the same Repository interface as a local folder.

#include <hubvault/Repository.h>

#include <QString>
#include <memory>

namespace hubvault {

/** How a RemoteRepository talks to its server. */
struct RemoteOptions {
    /** Root of the download cache; empty = $HUBVAULT_REMOTE_CACHE_DIR, else the XDG cache (SERVER.md §6). */
    QString cacheDir;
    /** Connect and read inactivity timeout of every request, in milliseconds. */
    int timeoutMs = 30000;
};

/**
 * The repository behind a server URL (`http://host:port`, optionally with a path prefix).
 * Every call is synchronous on the caller's thread and may be made from many threads at
 * once, with no event loop running; the program needs a QCoreApplication object, as Qt
 * Network does (without one every request throws HubVaultRemoteTransportError). Operations the HTTP API has no route for are composed from routes where that is
 * exact, else they throw HubVaultValidationError saying so (see each override below).
 * Errors: the server's error types map to the core's error classes; 401/403 throw
 * HubVaultRemoteAuthError, network failures HubVaultRemoteTransportError, answers that are
 * not what the protocol says HubVaultRemoteProtocolError.
 */
class RemoteRepository final : public Repository {
public:
    /** `url` is the server's base URL (a trailing '/' is dropped); `token` the bearer token (may be empty). */
    RemoteRepository(const QString &url, const QString &token, const RemoteOptions &options = {});
    ~RemoteRepository() override;

    QString location() const override;
    QString defaultBranch() const override;
    /** Not on the wire (the server uses its own when it stores): the default, 16777216. */
    qint64 largeFileThreshold() const override;
    RepoInfo repoInfo(const QString &revision = {}) const override;

    QStringList listRepoFiles(const QString &revision = {}) const override;
    /** The server always finds last commits; `withLastCommits` = false only drops them. */
    QList<RepoEntry> listRepoTree(const QString &pathInRepo = {}, bool recursive = false, const QString &revision = {},
                                  bool withLastCommits = true) const override;
    QList<RepoEntry> getPathsInfo(const QStringList &paths, const QString &revision = {}) const override;

    QList<GitCommitInfo> listRepoCommits(const QString &revision = {}) const override;
    /** Lists every commit, then keeps the first `limit` (the route has no limit). */
    QList<GitCommitInfo> listRepoCommits(const QString &revision, int limit) const override;
    qint64 countCommits(const QString &revision = {}) const override;
    /** The server diffs with 3 context lines and 262144 bytes; other values throw HubVaultValidationError. */
    CommitDetailInfo getCommitDetail(const QString &commitId, int diffContextLines = 3,
                                     qint64 diffMaxTextSize = 262144) const override;
    GitRefs listRepoRefs() const override;
    QList<ReflogEntry> listRepoReflog(const QString &refName, std::optional<int> limit = {}) const override;
    /**
     * One commit detail request per revision. The internal object ids (objectId,
     * parentObjectIds, treeObjectId) and the git tree id are not on the wire: left empty.
     */
    QList<CommitGraphNode> readCommitGraph(const QStringList &revisions, bool withChangedPaths = false) const override;
    /** The paths of the commit detail's changes (against the first parent). */
    QStringList changedPaths(const QString &commitRevision) const override;
    /** Not available remotely (stored sizes are not on the wire): throws HubVaultValidationError. */
    CommitStorageDelta commitStorageDelta(const QString &commitRevision) const override;
    /** Whole or chunked, size and hashes from paths-info; chunk ids are not on the wire, so `chunks` is empty. */
    FileStorageInfo fileStorage(const QString &pathInRepo, const QString &revision = {}) const override;
    std::optional<QString> resolveRevision(const QString &revision) const override;

    QByteArray readBytes(const QString &pathInRepo, const QString &revision = {}) const override;
    QByteArray readRange(const QString &pathInRepo, qint64 start, qint64 length,
                         const QString &revision = {}) const override;
    /** Reads through range requests of 4 MiB (two blocks at once when reading on), pinned to the commit. */
    std::unique_ptr<QIODevice> openFile(const QString &pathInRepo, const QString &revision = {}) const override;

    /** No route reads the chunk store: throw HubVaultValidationError. */
    QStringList storedChunks(const QStringList &chunkIds) const override;
    QByteArray readChunk(const QString &chunkId) const override;

    /** Cached under the download cache, reused when size and sha256 still match. */
    QString hfHubDownload(const QString &filename, const QString &revision = {}, const QString &localDir = {},
                          const TaskControl &task = {}) const override;
    QString snapshotDownload(const SnapshotOptions &options, const TaskControl &task = {}) const override;

    /** The plan/commit protocol (SERVER.md §4): only what the plan asks for is sent, streamed from disk. */
    CommitInfo createCommit(const QList<CommitOperation> &operations, const CommitOptions &options,
                            const TaskControl &task = {}) override;
    void createBranch(const QString &branch, const QString &revision = {}, bool existOk = false) override;
    void deleteBranch(const QString &branch) override;
    void createTag(const QString &tag, const QString &tagMessage = {}, const QString &revision = {},
                   bool existOk = false) override;
    void deleteTag(const QString &tag) override;
    MergeResult merge(const QString &sourceRevision, const MergeOptions &options = {}) override;
    /** The API can only merge for real: throws HubVaultValidationError. */
    MergeResult previewMerge(const QString &sourceRevision, const MergeOptions &options = {}) const override;
    CommitInfo resetRef(const QString &refName, const QString &toRevision) override;
    SquashReport squashHistory(const QString &refName, const SquashOptions &options = {},
                               const TaskControl &task = {}) override;

    /** GET /maintenance/storage-summary (a route the Python client never calls). */
    StorageSummary storageSummary() const override;
    GcReport gc(bool dryRun = false, bool pruneCache = true, const TaskControl &task = {}) override;
    StorageOverview storageOverview(const TaskControl &task = {}) const override;
    VerifyReport quickVerify(const TaskControl &task = {}) const override;
    VerifyReport fullVerify(const TaskControl &task = {}) const override;

    /** Bytes of file and chunk payloads this object has sent in commits (what the plans asked for). */
    qint64 uploadedPayloadBytes() const;
    /** Number of requests this object has sent (tests count downloads with it). */
    qint64 requestCount() const;

private:
    struct Private;
    std::shared_ptr<Private> d;
};

} // namespace hubvault
