#pragma once
// A repository in a directory on this machine: the Repository interface over the
// on-disk format of hubvault 0.0.2 (docs/format.md). An open repository keeps its SQLite
// connections, prepared statements and parsed objects across calls; every call takes the
// shared file lock and notices another process's commit through the database's change
// counter, so several processes (ours or the original's) can use one repository at once.
// One object may be used from many threads at once (docs/architecture.md).

#include <hubvault/PackStorage.h>
#include <hubvault/Repository.h>

namespace hubvault {

class Env;
class RepositoryContext;

class LocalRepository final : public Repository {
public:
    /**
     * Creates a repository at `path` (docs/format.md §1.4) and returns it open. Throws
     * RepositoryAlreadyExistsError unless `existOk`, and HubVaultValidationError for a
     * non-empty directory or bad options.
     */
    static LocalRepository create(const QString &path, const CreateRepoOptions &options = {},
                                  std::shared_ptr<Env> env = nullptr);

    /**
     * Opens an existing repository. Throws RepositoryNotFoundError for a missing or
     * foreign directory, HubVaultError for an unknown format or schema version and
     * IntegrityError for a damaged database. `env` defaults to the real system.
     */
    static LocalRepository open(const QString &path, std::shared_ptr<Env> env = nullptr);

    LocalRepository(LocalRepository &&) noexcept;
    LocalRepository &operator=(LocalRepository &&) noexcept;
    ~LocalRepository() override;

    /** The repository's absolute, clean directory path. */
    QString path() const;
    /** The file and clock seam this repository reads and writes through. */
    std::shared_ptr<Env> env() const;

    QString location() const override;
    QString defaultBranch() const override;
    qint64 largeFileThreshold() const override;
    RepoInfo repoInfo(const QString &revision = {}) const override;

    QStringList listRepoFiles(const QString &revision = {}) const override;
    QList<RepoEntry> listRepoTree(const QString &pathInRepo = {}, bool recursive = false,
                                  const QString &revision = {}, bool withLastCommits = true) const override;
    QList<RepoEntry> getPathsInfo(const QStringList &paths, const QString &revision = {}) const override;

    QList<GitCommitInfo> listRepoCommits(const QString &revision = {}) const override;
    QList<GitCommitInfo> listRepoCommits(const QString &revision, int limit) const override;
    qint64 countCommits(const QString &revision = {}) const override;
    CommitDetailInfo getCommitDetail(const QString &commitId, int diffContextLines = 3,
                                     qint64 diffMaxTextSize = 262144) const override;
    GitRefs listRepoRefs() const override;
    QList<ReflogEntry> listRepoReflog(const QString &refName, std::optional<int> limit = {}) const override;
    void visitRepoReflog(const QString &refName, const std::function<bool(const ReflogEntry &)> &visit) const override;
    QList<CommitGraphNode> readCommitGraph(const QStringList &revisions, bool withChangedPaths = false) const override;
    QStringList changedPaths(const QString &commitRevision) const override;
    CommitStorageDelta commitStorageDelta(const QString &commitRevision) const override;
    FileStorageInfo fileStorage(const QString &pathInRepo, const QString &revision = {}) const override;
    std::optional<QString> resolveRevision(const QString &revision) const override;

    QByteArray readBytes(const QString &pathInRepo, const QString &revision = {}) const override;
    QByteArray readRange(const QString &pathInRepo, qint64 start, qint64 length,
                         const QString &revision = {}) const override;
    std::unique_ptr<QIODevice> openFile(const QString &pathInRepo, const QString &revision = {}) const override;
    QStringList storedChunks(const QStringList &chunkIds) const override;
    QByteArray readChunk(const QString &chunkId) const override;

    QString hfHubDownload(const QString &filename, const QString &revision = {}, const QString &localDir = {},
                          const TaskControl &task = {}) const override;
    QString snapshotDownload(const SnapshotOptions &options, const TaskControl &task = {}) const override;

    /** One atomic transaction under the exclusive lock (docs/format.md §10.1). */
    CommitInfo createCommit(const QList<CommitOperation> &operations, const CommitOptions &options,
                            const TaskControl &task = {}) override;

    void createBranch(const QString &branch, const QString &revision = {}, bool existOk = false) override;
    void deleteBranch(const QString &branch) override;
    void createTag(const QString &tag, const QString &tagMessage = {}, const QString &revision = {},
                   bool existOk = false) override;
    void deleteTag(const QString &tag) override;
    MergeResult merge(const QString &sourceRevision, const MergeOptions &options = {}) override;
    MergeResult previewMerge(const QString &sourceRevision, const MergeOptions &options = {}) const override;
    CommitInfo resetRef(const QString &refName, const QString &toRevision) override;
    SquashReport squashHistory(const QString &refName, const SquashOptions &options = {},
                               const TaskControl &task = {}) override;

    GcReport gc(bool dryRun = false, bool pruneCache = true, const TaskControl &task = {}) override;
    StorageOverview storageOverview(const TaskControl &task = {}) const override;
    StorageSummary storageSummary() const override;

    VerifyReport quickVerify(const TaskControl &task = {}) const override;
    VerifyReport fullVerify(const TaskControl &task = {}) const override;

    // ---- Packs on S3-compatible object storage (hubvault/PackStorage.h).

    /**
     * Attaches a bucket: from now on new packs are written there, and packs not on this
     * disk are read from it. Checks the credentials and the bucket first (HubVaultRemoteAuthError,
     * HubVaultValidationError for a missing bucket); keeps local packs where they are.
     */
    PackStorageStatus attachStorage(const RemoteStorageOptions &options);
    /** Where every pack is; lists the bucket when one is attached. */
    PackStorageStatus packStorageStatus(const TaskControl &task = {}) const;
    /** Uploads local packs the bucket lacks, checks each object, then deletes the local copy. */
    PackTransferReport offloadPacks(const TaskControl &task = {});
    /** Downloads and verifies every pack that is only in the bucket: the repository is whole on disk again. */
    PackTransferReport fetchPacks(const TaskControl &task = {});
    /** fetchPacks(), then forgets the bucket (its objects stay); new packs are written locally again. */
    PackTransferReport detachStorage(const TaskControl &task = {});

private:
    explicit LocalRepository(std::unique_ptr<RepositoryContext> context);
    std::unique_ptr<RepositoryContext> d;
};

} // namespace hubvault
