#pragma once
// The repository interface that the CLI and the app hold: every operation of hubvault
// 0.0.2's public API (API.md §1) plus the reads the app and CLI add (commit graph,
// changed paths, storage deltas, merge preview). LocalRepository implements it over a
// directory; a remote client implements it over HTTP. openRepository() picks one from a
// location. Every implementation may be used from many threads at once
// (docs/architecture.md).

#include <hubvault/CommitOperation.h>
#include <hubvault/Errors.h>
#include <hubvault/Models.h>
#include <hubvault/Options.h>
#include <hubvault/Progress.h>

#include <QIODevice>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

namespace hubvault {

class Repository {
public:
    virtual ~Repository();

    /** Where the repository lives: an absolute directory path or a URL. */
    virtual QString location() const = 0;
    virtual QString defaultBranch() const = 0;
    /** Files of at least this many bytes are stored chunked (repo_meta, docs/format.md §2.3). */
    virtual qint64 largeFileThreshold() const = 0;

    virtual RepoInfo repoInfo(const QString &revision = {}) const = 0;

    // Listing. Empty revision = default branch.
    virtual QStringList listRepoFiles(const QString &revision = {}) const = 0;
    /**
     * Entries under a folder. `withLastCommits` = false leaves every entry's lastCommit
     * empty, which skips the history walk that finding them takes (long on a deep history).
     */
    virtual QList<RepoEntry> listRepoTree(const QString &pathInRepo = {}, bool recursive = false,
                                          const QString &revision = {}, bool withLastCommits = true) const = 0;
    /** Missing paths are omitted; the result follows the order of `paths`. */
    virtual QList<RepoEntry> getPathsInfo(const QStringList &paths, const QString &revision = {}) const = 0;

    // History.
    virtual QList<GitCommitInfo> listRepoCommits(const QString &revision = {}) const = 0;
    /** Like listRepoCommits but stops after `limit` commits without walking the rest. */
    virtual QList<GitCommitInfo> listRepoCommits(const QString &revision, int limit) const = 0;
    /** How many commits listRepoCommits(revision) would list, without building the list. */
    virtual qint64 countCommits(const QString &revision = {}) const = 0;
    virtual CommitDetailInfo getCommitDetail(const QString &commitId, int diffContextLines = 3,
                                             qint64 diffMaxTextSize = 262144) const = 0;
    virtual GitRefs listRepoRefs() const = 0;
    /** `refName` is short (branch first, then tag) or full (`refs/heads/x`). */
    virtual QList<ReflogEntry> listRepoReflog(const QString &refName, std::optional<int> limit = {}) const = 0;
    /**
     * The same reflog, newest first, one entry at a time until `visit` returns false: a
     * reflog may hold millions of entries. Throws like listRepoReflog() before the first
     * entry. The default goes through listRepoReflog(); local repositories stream.
     */
    virtual void visitRepoReflog(const QString &refName, const std::function<bool(const ReflogEntry &)> &visit) const
    {
        for (const ReflogEntry &entry : listRepoReflog(refName)) {
            if (!visit(entry))
                return;
        }
    }
    /**
     * Reads the given commits (each a revision: ref, git OID or object id) at once, for
     * drawing a graph. Missing ids throw RevisionNotFoundError. With `withChangedPaths`
     * each node also lists the paths it changed (see changedPaths()).
     */
    virtual QList<CommitGraphNode> readCommitGraph(const QStringList &revisions,
                                                   bool withChangedPaths = false) const = 0;
    /**
     * Paths added, modified or deleted by a commit against its first parent (all paths
     * of the root commit). Only subtrees that differ are read, so it is cheap for commits
     * that touch a few files in a large tree.
     */
    virtual QStringList changedPaths(const QString &commitRevision) const = 0;
    /** Changes of a commit with copies detected and the stored bytes it really added. */
    virtual CommitStorageDelta commitStorageDelta(const QString &commitRevision) const = 0;
    /** How a file is stored: whole blob or chunks (ids, offsets, sizes). */
    virtual FileStorageInfo fileStorage(const QString &pathInRepo, const QString &revision = {}) const = 0;
    /** Resolves a revision to its git commit OID; nullopt for a branch with no commit. */
    virtual std::optional<QString> resolveRevision(const QString &revision) const = 0;

    // Content. Every byte returned has been checked against its recorded hash.
    virtual QByteArray readBytes(const QString &pathInRepo, const QString &revision = {}) const = 0;
    virtual QByteArray readRange(const QString &pathInRepo, qint64 start, qint64 length,
                                 const QString &revision = {}) const = 0;
    /** A read-only sequential/random-access stream; never holds the whole file. */
    virtual std::unique_ptr<QIODevice> openFile(const QString &pathInRepo, const QString &revision = {}) const = 0;

    // Stored chunks (docs/format.md §5.4), by id "sha256:<hex>": what a server asks to
    // let a client send only the chunks of a large file the repository lacks.
    /**
     * Those of `chunkIds` that the repository stores, in the order given: every stored
     * chunk counts, also one that no file of any revision uses any more (until gc).
     */
    virtual QStringList storedChunks(const QStringList &chunkIds) const = 0;
    /** One stored chunk's bytes, checked against its id; EntryNotFoundError when none is stored. */
    virtual QByteArray readChunk(const QString &chunkId) const = 0;

    // Detached views (docs/format.md §9). Return absolute local paths.
    virtual QString hfHubDownload(const QString &filename, const QString &revision = {},
                                  const QString &localDir = {}, const TaskControl &task = {}) const = 0;
    virtual QString snapshotDownload(const SnapshotOptions &options, const TaskControl &task = {}) const = 0;

    // Writes (docs/format.md §10.1). Each is one atomic commit.
    virtual CommitInfo createCommit(const QList<CommitOperation> &operations, const CommitOptions &options,
                                    const TaskControl &task = {}) = 0;
    // The upload and delete helpers of the original, each one createCommit().
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

    // Refs and history (docs/format.md §8.4, §10.2, §10.3).
    /** New branch at `revision` (default branch when empty; may be an empty branch). */
    virtual void createBranch(const QString &branch, const QString &revision = {}, bool existOk = false) = 0;
    /** Deletes a branch; the default branch cannot be deleted. */
    virtual void deleteBranch(const QString &branch) = 0;
    virtual void createTag(const QString &tag, const QString &tagMessage = {}, const QString &revision = {},
                           bool existOk = false) = 0;
    virtual void deleteTag(const QString &tag) = 0;
    virtual MergeResult merge(const QString &sourceRevision, const MergeOptions &options = {}) = 0;
    /** What merge() would do, computed without writing anything (for previews). */
    virtual MergeResult previewMerge(const QString &sourceRevision, const MergeOptions &options = {}) const = 0;
    virtual CommitInfo resetRef(const QString &refName, const QString &toRevision) = 0;
    virtual SquashReport squashHistory(const QString &refName, const SquashOptions &options = {},
                                       const TaskControl &task = {}) = 0;

    // Maintenance (docs/format.md §10.4, §10.6).
    virtual GcReport gc(bool dryRun = false, bool pruneCache = true, const TaskControl &task = {}) = 0;
    /** Where the space goes; on a long history this reads every object (cancellable). */
    virtual StorageOverview storageOverview(const TaskControl &task = {}) const = 0;
    /** Sizes and counts without reading objects: fast on any repository. */
    virtual StorageSummary storageSummary() const = 0;

    // Verification (docs/format.md §10.5).
    virtual VerifyReport quickVerify(const TaskControl &task = {}) const = 0;
    virtual VerifyReport fullVerify(const TaskControl &task = {}) const = 0;

protected:
    Repository() = default;
    Repository(const Repository &) = default;
    Repository(Repository &&) noexcept = default;
    Repository &operator=(const Repository &) = default;
    Repository &operator=(Repository &&) noexcept = default;

private:
    /** upload_file and its bytes variant: one add with the default message and blob URL. */
    CommitInfo uploadOne(const CommitOperation &add, CommitOptions options, const TaskControl &task);
};

/** True for a location that names a server (`http://` or `https://`), not a directory. */
bool isRemoteLocation(const QString &location);

/**
 * Opens the repository at `location`: a directory path (relative to the working
 * directory; empty = the working directory), which throws as LocalRepository::open does,
 * or a server URL, which gives a RemoteRepository (no request is made yet) that sends
 * `token`, else $HUBVAULT_TOKEN. A folder ignores the token.
 */
std::shared_ptr<Repository> openRepository(const QString &location, const QString &token = {});

/** Creates a repository at `location` (a directory path) and returns it open. */
std::shared_ptr<Repository> createRepository(const QString &location, const CreateRepoOptions &options = {});

} // namespace hubvault
