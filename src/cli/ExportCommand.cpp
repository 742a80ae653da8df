// export: writes a revision (or one path of it) to a folder or an archive (.zip, .tar,
// .tar.gz, .tar.zst) through libarchive. File contents are streamed from
// Repository::openFile a block at a time, so memory stays flat whatever the file sizes.
//
// Nothing is published half-way: archives are written to a temporary file next to the
// target and renamed over it at the end (QSaveFile); folders are written into a
// temporary sibling folder that is renamed into place (or, with --force into a non-empty
// folder, whose files are moved in) only once every file was written. A failure, a full
// disk or Ctrl-C leaves the target as it was.

#include "Command.h"
#include "ModelJson.h"
#include "Output.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>
#include <QSet>
#include <QTemporaryDir>
#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <cstdio>
#include <clocale>
#include <cstring>
#include <langinfo.h>
#include <memory>
#include <sys/stat.h>

namespace hubvault::cli {

namespace {

constexpr qint64 kBlockSize = 1 << 20;

enum class Format { Folder, Zip, Tar, TarGz, TarZst };

QString formatName(Format format)
{
    switch (format) {
    case Format::Folder: return QStringLiteral("folder");
    case Format::Zip: return QStringLiteral("zip");
    case Format::Tar: return QStringLiteral("tar");
    case Format::TarGz: return QStringLiteral("tar.gz");
    case Format::TarZst: return QStringLiteral("tar.zst");
    }
    return {};
}

Format parseFormat(const QString &name)
{
    for (Format f : {Format::Folder, Format::Zip, Format::Tar, Format::TarGz, Format::TarZst})
        if (formatName(f) == name)
            return f;
    if (name == QLatin1String("tgz"))
        return Format::TarGz;
    if (name == QLatin1String("tzst"))
        return Format::TarZst;
    throw UsageError(QStringLiteral("invalid value '%1' for '--format': expected folder, zip, tar, tar.gz or tar.zst").arg(name));
}

Format formatFromName(const QString &target)
{
    const QString lower = target.toLower();
    if (lower.endsWith(QLatin1String(".zip")))
        return Format::Zip;
    if (lower.endsWith(QLatin1String(".tar")))
        return Format::Tar;
    if (lower.endsWith(QLatin1String(".tar.gz")) || lower.endsWith(QLatin1String(".tgz")))
        return Format::TarGz;
    if (lower.endsWith(QLatin1String(".tar.zst")) || lower.endsWith(QLatin1String(".tzst")))
        return Format::TarZst;
    return Format::Folder;
}

/** One file to export: where it is in the repository and its name in the export. */
struct Item {
    QString repoPath;
    QString name;
    qint64 size = 0;
};

/**
 * The names written to disk or into the archive come from the repository, which only
 * holds validated paths; they are checked again here so that no name can ever lead
 * outside the target (absolute, `..`, empty segments, NUL).
 */
void checkSafeName(const QString &name)
{
    bool ok = !name.isEmpty() && !name.startsWith(QLatin1Char('/')) && !name.contains(QChar(0))
        && !name.contains(QLatin1Char('\\'));
    if (ok) {
        for (const QString &segment : name.split(QLatin1Char('/')))
            if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
                ok = false;
    }
    if (!ok)
        throw UnsupportedPathError(QStringLiteral("refusing to export unsafe path %1").arg(name));
}

bool isInside(const QString &path, const QString &root)
{
    return path == root || path.startsWith(root.endsWith(QLatin1Char('/')) ? root : root + QLatin1Char('/'));
}

/** The canonical form of `path`, or of its nearest existing ancestor plus the rest. */
QString resolvedPath(const QString &path)
{
    QString existing = path;
    QString rest;
    while (!QFileInfo::exists(existing)) {
        const QString parent = QFileInfo(existing).absolutePath();
        rest = QFileInfo(existing).fileName() + (rest.isEmpty() ? QString() : QLatin1Char('/') + rest);
        if (parent == existing)
            break;
        existing = parent;
    }
    const QString canonical = QFileInfo(existing).canonicalFilePath();
    return rest.isEmpty() ? canonical : QDir::cleanPath(canonical + QLatin1Char('/') + rest);
}

/** Streams every item out of the repository, a block at a time, into `sink`. */
class Streamer {
public:
    Streamer(const Repository &repo, const QString &commit, const TaskControl &task, qint64 total)
        : m_repo(repo), m_commit(commit), m_task(task), m_total(total), m_buffer(int(kBlockSize), Qt::Uninitialized) {}

    template <typename Sink>
    void copy(const Item &item, Sink &&sink)
    {
        const std::unique_ptr<QIODevice> in = m_repo.openFile(item.repoPath, m_commit);
        qint64 copied = 0;
        while (copied < item.size) {
            checkCancelled();
            const qint64 n = in->read(m_buffer.data(), qMin<qint64>(kBlockSize, item.size - copied));
            if (n <= 0)
                throw IntegrityError(QStringLiteral("cannot read %1 from the repository: %2")
                                         .arg(item.repoPath, n < 0 ? in->errorString() : QStringLiteral("file ends early")));
            sink(m_buffer.constData(), n);
            copied += n;
            m_done += n;
            m_task.report(m_done, m_total, QStringLiteral("export"));
        }
    }

    void checkCancelled() const
    {
        if (m_task.cancel.isCancelled())
            throw CancelledError(QStringLiteral("export cancelled; the target was left as it was"));
    }

private:
    const Repository &m_repo;
    QString m_commit;
    const TaskControl &m_task;
    qint64 m_total = 0;
    qint64 m_done = 0;
    QByteArray m_buffer;
};

// ---- archives ---------------------------------------------------------------------------

struct ArchiveDeleter {
    void operator()(archive *a) const { archive_write_free(a); }
};
struct EntryDeleter {
    void operator()(archive_entry *e) const { archive_entry_free(e); }
};

struct SinkState {
    QSaveFile *file = nullptr;
    QString error;
};

la_ssize_t writeToSaveFile(archive *, void *client, const void *buffer, size_t length)
{
    auto *state = static_cast<SinkState *>(client);
    const qint64 written = state->file->write(static_cast<const char *>(buffer), qint64(length));
    if (written != qint64(length)) {
        state->error = state->file->errorString();
        return -1;
    }
    return la_ssize_t(length);
}

void writeArchive(Format format, const QString &target, const QList<Item> &items, const QStringList &folders,
                  qint64 mtime, Streamer &streamer)
{
    // libarchive converts names through the C library's locale; where that is not UTF-8
    // (LANG=C, or an uninstalled locale) non-ASCII names would not convert, so the
    // conversion is pinned to UTF-8, which is what repository paths are.
    if (std::strcmp(::nl_langinfo(CODESET), "UTF-8") != 0)
        std::setlocale(LC_CTYPE, "C.UTF-8");

    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly))
        throw HubVaultError(QStringLiteral("cannot create %1: %2").arg(target, file.errorString()));
    SinkState state{&file, {}};
    std::unique_ptr<archive, ArchiveDeleter> a(archive_write_new());
    auto check = [&](int rc, const QString &what) {
        if (rc >= ARCHIVE_WARN)
            return;
        const QString reason = !state.error.isEmpty() ? state.error : QString::fromUtf8(archive_error_string(a.get()));
        file.cancelWriting();
        throw HubVaultError(QStringLiteral("cannot write %1 (%2): %3; free some disk space or choose another target")
                                .arg(target, what, reason));
    };

    switch (format) {
    case Format::Zip:
        check(archive_write_set_format_zip(a.get()), QStringLiteral("zip format"));
        check(archive_write_set_format_option(a.get(), "zip", "hdrcharset", "UTF-8"), QStringLiteral("zip options"));
        break;
    case Format::Tar:
    case Format::TarGz:
    case Format::TarZst:
        // pax keeps long and non-ASCII names exact; "restricted" adds pax headers only when needed.
        check(archive_write_set_format_pax_restricted(a.get()), QStringLiteral("tar format"));
        if (format == Format::TarGz)
            check(archive_write_add_filter_gzip(a.get()), QStringLiteral("gzip filter"));
        if (format == Format::TarZst)
            check(archive_write_add_filter_zstd(a.get()), QStringLiteral("zstd filter"));
        break;
    case Format::Folder:
        break;
    }
    // No padding of the last block: it is meant for tapes, and zero bytes after a zstd
    // frame make the archive unreadable for zstd.
    check(archive_write_set_bytes_in_last_block(a.get(), 1), QStringLiteral("block size"));
    check(archive_write_open2(a.get(), &state, nullptr, writeToSaveFile, nullptr, nullptr), QStringLiteral("open"));

    // Folders first in path order (a folder sorts before everything inside it), then files,
    // all stamped with the commit's date so the same revision gives the same archive.
    QStringList names;
    QHash<QString, const Item *> byName;
    for (const QString &folder : folders)
        names.append(folder + QLatin1Char('/'));
    for (const Item &item : items) {
        names.append(item.name);
        byName.insert(item.name, &item);
    }
    std::sort(names.begin(), names.end());
    for (const QString &name : std::as_const(names)) {
        streamer.checkCancelled();
        std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
        const Item *item = byName.value(name);
        if (!archive_entry_update_pathname_utf8(entry.get(), name.toUtf8().constData()))
            check(ARCHIVE_FATAL, QStringLiteral("name %1").arg(name));
        archive_entry_set_mtime(entry.get(), time_t(mtime), 0);
        if (item) {
            archive_entry_set_filetype(entry.get(), AE_IFREG);
            archive_entry_set_perm(entry.get(), 0644);
            archive_entry_set_size(entry.get(), item->size);
        } else {
            archive_entry_set_filetype(entry.get(), AE_IFDIR);
            archive_entry_set_perm(entry.get(), 0755);
        }
        check(archive_write_header(a.get(), entry.get()), name);
        if (item) {
            streamer.copy(*item, [&](const char *data, qint64 n) {
                const la_ssize_t written = archive_write_data(a.get(), data, size_t(n));
                if (written < 0)
                    check(int(written), name);
            });
        }
    }
    check(archive_write_close(a.get()), QStringLiteral("finish"));
    streamer.checkCancelled();
    if (!file.commit())
        throw HubVaultError(QStringLiteral("cannot write %1: %2; free some disk space or choose another target")
                                .arg(target, file.errorString()));
}

// ---- folders ----------------------------------------------------------------------------

bool isEmptyDir(const QString &path)
{
    return QDir(path).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
}

/** Creates the folders of `relative` below `root`, refusing anything but real folders on the way. */
void makeParents(const QString &root, const QString &relative)
{
    QString path = root;
    const QStringList segments = relative.split(QLatin1Char('/'));
    for (qsizetype i = 0; i + 1 < segments.size(); ++i) {
        path += QLatin1Char('/') + segments.at(i);
        const QFileInfo info(path);
        if (info.isSymLink() || (info.exists() && !info.isDir()))
            throw HubVaultValidationError(
                QStringLiteral("cannot export %1: %2 is in the way (a file or symlink); remove it or choose another target")
                    .arg(relative, path));
        if (!info.exists() && !QDir().mkdir(path))
            throw HubVaultError(QStringLiteral("cannot create folder %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    }
}

void writeFolder(const QString &target, bool targetUsable, const QList<Item> &items, qint64 mtime, Streamer &streamer)
{
    const QFileInfo targetInfo(target);
    QTemporaryDir staging(targetInfo.absolutePath() + QStringLiteral("/.") + targetInfo.fileName()
                          + QStringLiteral(".hubvault-export-XXXXXX"));
    if (!staging.isValid())
        throw HubVaultError(QStringLiteral("cannot create a temporary folder next to %1: %2")
                                .arg(target, staging.errorString()));
    const QDateTime when = QDateTime::fromSecsSinceEpoch(mtime, Qt::UTC);
    for (const Item &item : items) {
        const QString path = staging.path() + QLatin1Char('/') + item.name;
        makeParents(staging.path(), item.name);
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            throw HubVaultError(QStringLiteral("cannot create %1: %2").arg(path, out.errorString()));
        streamer.copy(item, [&](const char *data, qint64 n) {
            if (out.write(data, n) != n)
                throw HubVaultError(QStringLiteral("cannot write %1: %2; free some disk space or choose another target")
                                        .arg(path, out.errorString()));
        });
        if (!out.flush())
            throw HubVaultError(QStringLiteral("cannot write %1: %2; free some disk space or choose another target")
                                    .arg(path, out.errorString()));
        out.setFileTime(when, QFileDevice::FileModificationTime);
        out.close();
    }
    streamer.checkCancelled();

    // Publish: the whole folder at once when the target is new or empty ...
    if (!targetUsable) {
        if (QFileInfo::exists(target) && !QDir().rmdir(target))
            throw HubVaultError(QStringLiteral("cannot replace empty folder %1").arg(target));
        if (std::rename(QFile::encodeName(staging.path()).constData(), QFile::encodeName(target).constData()) != 0)
            throw HubVaultError(QStringLiteral("cannot move the export into %1: %2")
                                    .arg(target, QString::fromLocal8Bit(std::strerror(errno))));
        staging.setAutoRemove(false);
        // The temporary folder was private (0700); the export gets the usual permissions.
        const mode_t mask = ::umask(0);
        ::umask(mask);
        ::chmod(QFile::encodeName(target).constData(), 0777 & ~mask);
        return;
    }
    // ... else (--force into a folder with content) file by file; files already there
    // with the same names are replaced, other files are left alone.
    for (const Item &item : items) {
        makeParents(target, item.name);
        const QString destination = target + QLatin1Char('/') + item.name;
        if (QFileInfo(destination).isDir() && !QFileInfo(destination).isSymLink())
            throw HubVaultValidationError(QStringLiteral("cannot export %1: %2 is a folder; remove it or choose another target")
                                              .arg(item.name, destination));
        if (std::rename(QFile::encodeName(staging.path() + QLatin1Char('/') + item.name).constData(),
                        QFile::encodeName(destination).constData()) != 0)
            throw HubVaultError(QStringLiteral("cannot move %1 into place: %2")
                                    .arg(destination, QString::fromLocal8Bit(std::strerror(errno))));
    }
}

// ---- the command ------------------------------------------------------------------------

int runExport(CommandContext &context, const ParsedArgs &args)
{
    const QString given = args.positionals.at(0);
    if (given.isEmpty())
        throw UsageError(QStringLiteral("missing argument TARGET"));
    const QString target = QDir::cleanPath(QDir::current().absoluteFilePath(given));
    const Format format = args.isSet(QStringLiteral("format")) ? parseFormat(args.value(QStringLiteral("format")))
                                                               : formatFromName(target);
    const bool force = args.isSet(QStringLiteral("force"));

    const Repository repo = context.openRepository();
    const QString revision = args.value(QStringLiteral("revision")).isEmpty() ? repo.defaultBranch()
                                                                             : args.value(QStringLiteral("revision"));
    const std::optional<QString> commit = repo.resolveRevision(revision);
    if (!commit)
        throw RevisionNotFoundError(QStringLiteral("revision has no commits yet: %1; commit something first").arg(revision));

    // The target: outside the repository, its parent present, and not in use unless --force.
    const QString resolvedTarget = resolvedPath(target);
    const QString repoRoot = QFileInfo(repo.path()).canonicalFilePath();
    if (isInside(resolvedTarget, repoRoot) || isInside(repoRoot, resolvedTarget))
        throw HubVaultValidationError(
            QStringLiteral("cannot export to %1: it overlaps the repository; choose a target outside %2").arg(target, repoRoot));
    const QFileInfo parent(QFileInfo(target).absolutePath());
    if (!parent.isDir())
        throw HubVaultValidationError(
            QStringLiteral("cannot export to %1: folder %2 does not exist; create it first").arg(target, parent.filePath()));
    const QFileInfo targetInfo(target);
    bool mergeIntoFolder = false;
    if (format == Format::Folder) {
        if (targetInfo.exists() && !targetInfo.isDir())
            throw HubVaultValidationError(
                QStringLiteral("cannot export to %1: it exists and is not a folder; choose another target").arg(target));
        if (targetInfo.isDir() && !isEmptyDir(target)) {
            if (!force)
                throw HubVaultValidationError(QStringLiteral(
                    "cannot export to %1: the folder exists and is not empty; choose another target or pass --force").arg(target));
            mergeIntoFolder = true;
        }
        // An existing empty folder is replaced by the new one, so it must not be a symlink.
        if (targetInfo.isSymLink() && !mergeIntoFolder)
            mergeIntoFolder = true;
    } else if (targetInfo.exists() || targetInfo.isSymLink()) {
        if (targetInfo.isDir())
            throw HubVaultValidationError(
                QStringLiteral("cannot export to %1: it is a folder; name an archive file").arg(target));
        if (!force)
            throw HubVaultValidationError(
                QStringLiteral("cannot export to %1: the file exists; choose another name or pass --force").arg(target));
    }

    // What to export: the whole revision, one folder of it (its content, names relative to
    // the folder) or one file (under its own name).
    const QString pathInRepo = args.value(QStringLiteral("path"));
    QList<Item> items;
    QString base;
    if (!pathInRepo.isEmpty()) {
        const QList<RepoEntry> found = repo.getPathsInfo({pathInRepo}, *commit);
        if (found.isEmpty())
            throw EntryNotFoundError(QStringLiteral("path not found: %1 at %2").arg(pathInRepo, revision));
        if (!found.constFirst().isFolder) {
            const RepoFile &file = found.constFirst().file;
            items.append({file.path, file.path.section(QLatin1Char('/'), -1), file.size});
        } else {
            base = found.constFirst().folder.path;
        }
    }
    if (items.isEmpty()) {
        for (const RepoEntry &entry : repo.listRepoTree(base, true, *commit)) {
            if (entry.isFolder)
                continue;
            items.append({entry.file.path, base.isEmpty() ? entry.file.path : entry.file.path.mid(base.size() + 1),
                          entry.file.size});
        }
    }
    QSet<QString> folderSet;
    qint64 total = 0;
    for (const Item &item : std::as_const(items)) {
        checkSafeName(item.name);
        total += item.size;
        for (qsizetype slash = item.name.indexOf(QLatin1Char('/')); slash > 0;
             slash = item.name.indexOf(QLatin1Char('/'), slash + 1))
            folderSet.insert(item.name.left(slash));
    }
    const QList<GitCommitInfo> history = repo.listRepoCommits(*commit);
    const qint64 mtime = history.isEmpty() ? 0 : history.constFirst().createdAt.toSecsSinceEpoch();

    Streamer streamer(repo, *commit, context.task, total);
    if (format == Format::Folder)
        writeFolder(target, mergeIntoFolder, items, mtime, streamer);
    else
        writeArchive(format, target, items, QStringList(folderSet.cbegin(), folderSet.cend()), mtime, streamer);

    if (context.json) {
        out::json(QJsonObject{{QStringLiteral("revision"), revision},
                              {QStringLiteral("commit"), *commit},
                              {QStringLiteral("path"), pathInRepo},
                              {QStringLiteral("target"), target},
                              {QStringLiteral("format"), formatName(format)},
                              {QStringLiteral("file_count"), items.size()},
                              {QStringLiteral("total_size"), total}});
        return ExitOk;
    }
    out::line(QStringLiteral("Exported %1 file%2 (%3) of %4 (%5) to %6")
                  .arg(items.size())
                  .arg(items.size() == 1 ? QString() : QStringLiteral("s"), humanSize(total), revision, shortOid(*commit),
                       target));
    return ExitOk;
}

} // namespace

void registerExportCommands(CommandRegistry &registry)
{
    Command exportCommand;
    exportCommand.name = QStringLiteral("export");
    exportCommand.summary = QStringLiteral("write a revision, or a path of it, to a folder or an archive");
    exportCommand.synopsis = QStringLiteral("[-r REV] [--path PATH] [--format FORMAT] [--force] TARGET");
    exportCommand.description = QStringLiteral(
        "Write the files of REV (default: the default branch) to TARGET: a new (or empty)\n"
        "folder, or an archive chosen by TARGET's extension (.zip, .tar, .tar.gz/.tgz,\n"
        ".tar.zst/.tzst) or by --format. With --path, only that folder of the revision is\n"
        "exported, its content at the top of TARGET (or that one file, under its own name).\n"
        "Contents are streamed and hash-checked; entries carry the commit's date. TARGET must\n"
        "be outside the repository and its parent folder must exist. An existing archive or\n"
        "non-empty folder is refused unless --force (then the archive is replaced, or files\n"
        "with the same names in the folder are). On failure or Ctrl-C the target is left\n"
        "as it was.");
    exportCommand.examples = {QStringLiteral("hubvault -C my-repo export ./release-v1 -r v1"),
                              QStringLiteral("hubvault -C my-repo export --path models model.tar.zst"),
                              QStringLiteral("hubvault -C my-repo export -r dev --force snapshot.zip")};
    exportCommand.options = {
        {QLatin1Char('r'), QStringLiteral("revision"), QStringLiteral("REV"),
         QStringLiteral("branch, tag or commit id to export (default: the default branch)"), false, ValueKind::Revision},
        {QChar(), QStringLiteral("path"), QStringLiteral("PATH"), QStringLiteral("export only this folder or file of the revision")},
        {QChar(), QStringLiteral("format"), QStringLiteral("FORMAT"),
         QStringLiteral("folder, zip, tar, tar.gz or tar.zst (default: from TARGET's extension, else folder)")},
        {QChar(), QStringLiteral("force"), {}, QStringLiteral("replace an existing archive, or write into a non-empty folder")},
    };
    exportCommand.minPositionals = 1;
    exportCommand.maxPositionals = 1;
    exportCommand.positionalNames = {QStringLiteral("TARGET")};
    exportCommand.positionalKinds = {ValueKind::File};
    exportCommand.json = true;
    exportCommand.progress = true;
    exportCommand.run = runExport;
    registry.add(std::move(exportCommand));
}

} // namespace hubvault::cli
