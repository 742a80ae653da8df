#pragma once
// The public face of a hubvault repository: one object per repository directory.
// Reads follow FORMAT.md and API.md of hubvault 0.0.2 exactly. An open repository keeps
// its SQLite connections, prepared statements and parsed objects across calls; every call
// takes the shared file lock and notices another process's commit through the database's
// change counter, so several processes (ours or the original's) can use one repository
// at once. One object may be used from many threads at once (see docs/architecture.md).

#include <hubvault/CommitOperation.h>
#include <hubvault/Errors.h>
#include <hubvault/Models.h>
#include <hubvault/Options.h>
#include <hubvault/Progress.h>

#include <QIODevice>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace hubvault {

class Env;
class RepositoryContext;

class Repository {
public:
    /**
     * Creates a repository at `path` (FORMAT.md §1.4) and returns it open. Throws
     * RepositoryAlreadyExistsError unless `existOk`, and HubVaultValidationError for a
     * non-empty directory or bad options.
     */
    static Repository create(const QString &path, const CreateRepoOptions &options = {},
                             std::shared_ptr<Env> env = nullptr);

    /**
     * Opens an existing repository. Throws RepositoryNotFoundError for a missing or
     * foreign directory, HubVaultError for an unknown format or schema version and
     * IntegrityError for a damaged database. `env` defaults to the real system.
     */
    static Repository open(const QString &path, std::shared_ptr<Env> env = nullptr);

    Repository(Repository &&) noexcept;
    Repository &operator=(Repository &&) noexcept;
    ~Repository();

    QString path() const;
    QString defaultBranch() const;
    /** Files of at least this many bytes are stored chunked (repo_meta, §2.3). */
    qint64 largeFileThreshold() const;

    RepoInfo repoInfo(const QString &revision = {}) const;

    // Listing. Empty revision = default branch.
    QStringList listRepoFiles(const QString &revision = {}) const;
    /**
     * Entries under a folder. `withLastCommits` = false leaves every entry's lastCommit
     * empty, which skips the history walk that finding them takes (long on a deep history).
     */
    QList<RepoEntry> listRepoTree(const QString &pathInRepo = {}, bool recursive = false,
                                  const QString &revision = {}, bool withLastCommits = true) const;
    /** Missing paths are omitted; the result follows the order of `paths`. */
    QList<RepoEntry> getPathsInfo(const QStringList &paths, const QString &revision = {}) const;

    // History.
    QList<GitCommitInfo> listRepoCommits(const QString &revision = {}) const;
    CommitDetailInfo getCommitDetail(const QString &commitId, int diffContextLines = 3,
                                     qint64 diffMaxTextSize = 262144) const;
    GitRefs listRepoRefs() const;
    /** `refName` is short (branch first, then tag) or full (`refs/heads/x`). */
    QList<ReflogEntry> listRepoReflog(const QString &refName, std::optional<int> limit = {}) const;
    /** How many commits listRepoCommits(revision) would list, without building the list. */
    qint64 countCommits(const QString &revision = {}) const;
    /** Like listRepoCommits but stops after `limit` commits without walking the rest. */
    QList<GitCommitInfo> listRepoCommits(const QString &revision, int limit) const;
    /**
     * Reads the given commits (each a revision: ref, git OID or object id) in one session,
     * for drawing a graph. Missing ids throw RevisionNotFoundError. With
     * `withChangedPaths` each node also lists the paths it changed (see changedPaths()).
     */
    QList<CommitGraphNode> readCommitGraph(const QStringList &revisions, bool withChangedPaths = false) const;
    /**
     * Paths added, modified or deleted by a commit against its first parent (all paths
     * of the root commit). Only subtrees that differ are read, so it is cheap for commits
     * that touch a few files in a large tree.
     */
    QStringList changedPaths(const QString &commitRevision) const;
    /** Changes of a commit with copies detected and the stored bytes it really added. */
    CommitStorageDelta commitStorageDelta(const QString &commitRevision) const;
    /** How a file is stored: whole blob or chunks (ids, offsets, sizes). */
    FileStorageInfo fileStorage(const QString &pathInRepo, const QString &revision = {}) const;
    /** Resolves a revision to its git commit OID; nullopt for a branch with no commit. */
    std::optional<QString> resolveRevision(const QString &revision) const;

    // Content. Every byte returned has been checked against its recorded hash.
    QByteArray readBytes(const QString &pathInRepo, const QString &revision = {}) const;
    QByteArray readRange(const QString &pathInRepo, qint64 start, qint64 length,
                         const QString &revision = {}) const;
    /** A read-only sequential/random-access stream; never holds the whole file. */
    std::unique_ptr<QIODevice> openFile(const QString &pathInRepo, const QString &revision = {}) const;

    // Detached views (FORMAT.md §9). Return absolute paths.
    QString hfHubDownload(const QString &filename, const QString &revision = {},
                          const QString &localDir = {}, const TaskControl &task = {}) const;
    QString snapshotDownload(const SnapshotOptions &options, const TaskControl &task = {}) const;

    // Writes (FORMAT.md §10.1). Each is one atomic transaction under the exclusive lock.
    CommitInfo createCommit(const QList<CommitOperation> &operations, const CommitOptions &options,
                            const TaskControl &task = {});
    /** Uploads a local file. Default message "Upload <path> with hubvault". */
    CommitInfo uploadFile(const QString &localPath, const QString &pathInRepo, CommitOptions options = {},
                          const TaskControl &task = {});
    CommitInfo uploadBytes(const QByteArray &data, const QString &pathInRepo, CommitOptions options = {},
                           const TaskControl &task = {});
    CommitInfo uploadFolder(const UploadFolderOptions &options, const TaskControl &task = {});
    /** Uploads a whole folder at the root with message "Upload large folder using hubvault". */
    CommitInfo uploadLargeFolder(const QString &folderPath, const QString &revision = {},
                                 const std::optional<QStringList> &allowPatterns = {},
                                 const std::optional<QStringList> &ignorePatterns = {}, const TaskControl &task = {});
    CommitInfo deleteFile(const QString &pathInRepo, CommitOptions options = {});
    CommitInfo deleteFolder(const QString &pathInRepo, CommitOptions options = {});

    // Refs and history (FORMAT.md §8.4, §10.2, §10.3).
    /** New branch at `revision` (default branch when empty; may be an empty branch). */
    void createBranch(const QString &branch, const QString &revision = {}, bool existOk = false);
    /** Deletes a branch; the default branch cannot be deleted. */
    void deleteBranch(const QString &branch);
    void createTag(const QString &tag, const QString &tagMessage = {}, const QString &revision = {}, bool existOk = false);
    void deleteTag(const QString &tag);
    MergeResult merge(const QString &sourceRevision, const MergeOptions &options = {});
    /** What merge() would do, computed without writing anything (for previews). */
    MergeResult previewMerge(const QString &sourceRevision, const MergeOptions &options = {}) const;
    CommitInfo resetRef(const QString &refName, const QString &toRevision);
    SquashReport squashHistory(const QString &refName, const SquashOptions &options = {}, const TaskControl &task = {});

    // Maintenance (FORMAT.md §10.4, §10.6).
    GcReport gc(bool dryRun = false, bool pruneCache = true, const TaskControl &task = {});
    StorageOverview storageOverview() const;

    // Verification (FORMAT.md §10.5).
    VerifyReport quickVerify(const TaskControl &task = {}) const;
    VerifyReport fullVerify(const TaskControl &task = {}) const;

private:
    friend class SnapshotExporter; // writes through the repository's Env (fault injection)
    explicit Repository(std::unique_ptr<RepositoryContext> context);
    /** upload_file and its bytes variant: one add with the default message and blob URL. */
    CommitInfo uploadOne(const CommitOperation &add, CommitOptions options, const TaskControl &task);
    std::unique_ptr<RepositoryContext> d;
};

} // namespace hubvault
