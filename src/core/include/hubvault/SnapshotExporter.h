#pragma once
// Export: writes a revision (or one folder or file of it) to a local folder or an archive
// (.zip, .tar, .tar.gz, .tar.zst, through libarchive). Contents are streamed from
// Repository::openFile a block at a time, so memory stays flat whatever the file sizes,
// and every byte is hash-checked by the core on the way.
//
// Nothing is published half-way: archives are written to a temporary file next to the
// target and renamed over it at the end (QSaveFile); folders are written into a temporary
// sibling folder that is renamed into place (or, with `force` into a non-empty folder,
// whose files are moved in) only once every file was written. A failure, a full disk or a
// cancellation leaves the target as it was. Names come from the repository and are checked
// again so that none can lead outside the target.

#include <hubvault/Errors.h>
#include <hubvault/Progress.h>

#include <QString>
#include <optional>

namespace hubvault {

class Repository;

enum class ExportFormat { Folder, Zip, Tar, TarGz, TarZst };

struct ExportOptions {
    QString revision;   ///< branch, tag or commit id; empty = default branch
    QString pathInRepo; ///< empty = the whole revision; a folder exports its content, a file itself
    QString target;     ///< folder or archive path; relative paths are taken from the current directory
    std::optional<ExportFormat> format; ///< nullopt = from the target's extension, else folder
    bool force = false; ///< replace an existing archive, or write into a non-empty folder
    /** How the caller's user sets `force`, for the message that refuses a used target. */
    QString forceHint = QStringLiteral("pass --force");
};

/** What an export wrote. */
struct ExportReport {
    QString revision; ///< as given (the default branch when it was empty)
    QString commit;   ///< git commit OID exported
    QString pathInRepo;
    QString target;   ///< absolute, clean
    ExportFormat format = ExportFormat::Folder;
    qint64 fileCount = 0;
    qint64 totalSize = 0; ///< bytes of file content
};

class SnapshotExporter {
public:
    explicit SnapshotExporter(ExportOptions options) : m_options(std::move(options)) {}

    /**
     * Performs the export. Progress is reported in bytes of file content with the phase
     * "export"; cancellation throws CancelledError. Bad targets throw
     * HubVaultValidationError, unknown revisions RevisionNotFoundError, missing paths
     * EntryNotFoundError, unsafe names UnsupportedPathError, write failures HubVaultError.
     */
    ExportReport run(const Repository &repo, const TaskControl &task = {}) const;

    /** "folder", "zip", "tar", "tar.gz", "tar.zst". */
    static QString formatName(ExportFormat format);
    /** The format named `name` (also "tgz" and "tzst"); nullopt for anything else. */
    static std::optional<ExportFormat> parseFormat(const QString &name);
    /** The archive format the target's extension names, else Folder. */
    static ExportFormat formatFromTarget(const QString &target);
    /** Throws UnsupportedPathError unless `name` is a relative path without `.`/`..`/empty parts. */
    static void checkSafeName(const QString &name);

private:
    ExportOptions m_options;
};

} // namespace hubvault
