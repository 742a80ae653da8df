#pragma once
// Options of the repository operations (API.md §1): what callers fill in, apart from the
// engines that carry them out.

#include <hubvault/CommitOperation.h>

#include <QString>
#include <QStringList>
#include <optional>

namespace hubvault {

/** Options of snapshotDownload (API.md `snapshot_download`). */
struct SnapshotOptions {
    QString revision;                       ///< empty = default branch
    QString localDir;                       ///< empty = managed view under cache/
    std::optional<QStringList> allowPatterns;
    std::optional<QStringList> ignorePatterns;
};

/** Options of createRepo (API.md `create_repo`). */
struct CreateRepoOptions {
    QString defaultBranch = QStringLiteral("main");
    bool existOk = false;
    qint64 largeFileThreshold = 16777216;
};

/** Options of uploadFolder (API.md `upload_folder`). */
struct UploadFolderOptions {
    QString folderPath;
    QString pathInRepo; ///< empty = repository root
    CommitOptions commit; ///< empty message = "Upload folder using hubvault"
    std::optional<QStringList> allowPatterns;
    std::optional<QStringList> ignorePatterns;
    std::optional<QStringList> deletePatterns; ///< delete matching remote files not uploaded
};

/** Options of merge and previewMerge (API.md `merge`). */
struct MergeOptions {
    QString targetRevision; ///< branch; empty = default branch
    QString parentCommit;   ///< when set, must be the target's head
    std::optional<QString> commitMessage;
    std::optional<QString> commitDescription;
};

/** Options of squashHistory (API.md `squash_history`). */
struct SquashOptions {
    QString rootRevision; ///< empty = the head itself
    std::optional<QString> commitMessage;     ///< new title of the root commit
    std::optional<QString> commitDescription; ///< new description of the root commit
    bool runGc = true;
    bool pruneCache = false;
};

} // namespace hubvault
