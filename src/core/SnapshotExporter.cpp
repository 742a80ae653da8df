#include <hubvault/SnapshotExporter.h>

#include <hubvault/LocalRepository.h>
#include "Env.h"
#include "RepositoryContext.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <archive.h>
#include <archive_entry.h>
#include <algorithm>
#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstring>
#include <langinfo.h>
#include <memory>
#include <sys/stat.h>

namespace hubvault {

namespace {

constexpr qint64 kBlockSize = 1 << 20;

/** One file to export: where it is in the repository and its name in the export. */
struct Item {
    QString repoPath;
    QString name;
    qint64 size = 0;
};

bool isInside(const QString &path, const QString &root)
{
    return path == root || path.startsWith(root.endsWith(QLatin1Char('/')) ? root : root + QLatin1Char('/'));
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
    QFile *file = nullptr;
    QString error;
};

/**
 * The archive is written to a temporary file beside the target (created through Env, so
 * faults can be injected) and renamed over it only when complete; until then any
 * failure removes the temporary file and leaves the target as it was.
 */
class TemporaryTarget {
public:
    TemporaryTarget(const Env &env, const QString &target)
        : m_env(env), m_path(target + QStringLiteral(".hubvault-tmp-") + env.randomHex(8)), m_file(env.createFile(m_path))
    {
    }
    ~TemporaryTarget()
    {
        if (m_file) {
            m_file->close();
            try {
                m_env.removeFile(m_path);
            } catch (const HubVaultError &) {
                // Best effort while unwinding: the error being reported matters more.
            }
        }
    }
    QFile &file() { return *m_file; }
    /** Writes the file to disk (as QSaveFile did), closes it and renames it over `target`. */
    void commit(const QString &target)
    {
        m_env.syncFile(*m_file);
        m_file->close();
        m_env.renameFile(m_path, target);
        m_file.reset();
    }

private:
    const Env &m_env;
    QString m_path;
    std::unique_ptr<QFile> m_file;
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

void writeArchive(const Env &env, ExportFormat format, const QString &target, const QList<Item> &items,
                  const QStringList &folders, qint64 mtime, Streamer &streamer)
{
    // libarchive converts names through the C library's locale; where that is not UTF-8
    // (LANG=C, or an uninstalled locale) non-ASCII names would not convert, so the
    // conversion is pinned to UTF-8, which is what repository paths are.
    if (std::strcmp(::nl_langinfo(CODESET), "UTF-8") != 0)
        std::setlocale(LC_CTYPE, "C.UTF-8");

    TemporaryTarget temporary(env, target);
    SinkState state{&temporary.file(), {}};
    std::unique_ptr<archive, ArchiveDeleter> a(archive_write_new());
    auto check = [&](int rc, const QString &what) {
        if (rc >= ARCHIVE_WARN)
            return;
        const QString reason = !state.error.isEmpty() ? state.error : QString::fromUtf8(archive_error_string(a.get()));
        throw HubVaultError(QStringLiteral("cannot write %1 (%2): %3; free some disk space or choose another target")
                                .arg(target, what, reason));
    };

    switch (format) {
    case ExportFormat::Zip:
        check(archive_write_set_format_zip(a.get()), QStringLiteral("zip format"));
        check(archive_write_set_format_option(a.get(), "zip", "hdrcharset", "UTF-8"), QStringLiteral("zip options"));
        break;
    case ExportFormat::Tar:
    case ExportFormat::TarGz:
    case ExportFormat::TarZst:
        // pax keeps long and non-ASCII names exact; "restricted" adds pax headers only when needed.
        check(archive_write_set_format_pax_restricted(a.get()), QStringLiteral("tar format"));
        if (format == ExportFormat::TarGz) {
            check(archive_write_add_filter_gzip(a.get()), QStringLiteral("gzip filter"));
            // gzip headers carry the time of writing by default; without it the same
            // revision gives the same bytes however often it is exported.
            check(archive_write_set_filter_option(a.get(), "gzip", "timestamp", nullptr), QStringLiteral("gzip options"));
        }
        if (format == ExportFormat::TarZst)
            check(archive_write_add_filter_zstd(a.get()), QStringLiteral("zstd filter"));
        break;
    case ExportFormat::Folder:
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
    temporary.commit(target);
}

// ---- folders ----------------------------------------------------------------------------

bool isEmptyDir(const Env &env, const QString &path)
{
    return env.listDirectory(path).isEmpty();
}

/** Creates the folders of `relative` below `root`, refusing anything but real folders on the way. */
void makeParents(const Env &env, const QString &root, const QString &relative)
{
    QString path = root;
    const QStringList segments = relative.split(QLatin1Char('/'));
    for (qsizetype i = 0; i + 1 < segments.size(); ++i) {
        path += QLatin1Char('/') + segments.at(i);
        const FileStat st = env.stat(path);
        if (st.isSymlink || (st.exists && !st.isDir))
            throw HubVaultValidationError(
                QStringLiteral("cannot export %1: %2 is in the way (a file or symlink); remove it or choose another target")
                    .arg(relative, path));
        if (!st.exists)
            env.makeDirectories(path);
    }
}

/** A hidden folder beside the target that the export is written into; removed unless published. */
class StagingFolder {
public:
    StagingFolder(const Env &env, const QString &target)
        : m_env(env)
        , m_path(QFileInfo(target).absolutePath() + QStringLiteral("/.") + QFileInfo(target).fileName()
                 + QStringLiteral(".hubvault-export-") + env.randomHex(8))
    {
        env.makeDirectories(m_path);
    }
    ~StagingFolder()
    {
        if (m_published)
            return;
        try {
            m_env.removeTree(m_path);
        } catch (const HubVaultError &) {
            // Best effort while unwinding: the error being reported matters more.
        }
    }
    const QString &path() const { return m_path; }
    /** Renames the whole folder to `target` (a new name, or an empty folder it replaces). */
    void publishAs(const QString &target)
    {
        if (m_env.stat(target).exists && !m_env.removeEmptyDirectory(target))
            throw HubVaultError(QStringLiteral("cannot replace folder %1: it is no longer empty").arg(target));
        m_env.renameFile(m_path, target);
        m_published = true;
    }

private:
    const Env &m_env;
    QString m_path;
    bool m_published = false;
};

void writeFolder(const Env &env, const QString &target, bool targetUsable, const QList<Item> &items, qint64 mtime,
                 Streamer &streamer)
{
    StagingFolder staging(env, target);
    const QDateTime when = QDateTime::fromSecsSinceEpoch(mtime, Qt::UTC);
    for (const Item &item : items) {
        streamer.checkCancelled();
        const QString path = staging.path() + QLatin1Char('/') + item.name;
        makeParents(env, staging.path(), item.name);
        const std::unique_ptr<QFile> out = env.createFile(path);
        streamer.copy(item, [&](const char *data, qint64 n) {
            if (out->write(data, n) != n)
                throw HubVaultError(QStringLiteral("cannot write %1: %2; free some disk space or choose another target")
                                        .arg(path, out->errorString()));
        });
        if (!out->flush())
            throw HubVaultError(QStringLiteral("cannot write %1: %2; free some disk space or choose another target")
                                    .arg(path, out->errorString()));
        out->setFileTime(when, QFileDevice::FileModificationTime);
        out->close();
    }
    streamer.checkCancelled();

    // Publish: the whole folder at once when the target is new or empty ...
    if (!targetUsable) {
        staging.publishAs(target);
        return;
    }
    // ... else (--force into a folder with content) file by file; files already there
    // with the same names are replaced, other files are left alone.
    for (const Item &item : items) {
        makeParents(env, target, item.name);
        const QString destination = target + QLatin1Char('/') + item.name;
        const FileStat st = env.stat(destination);
        if (st.isDir)
            throw HubVaultValidationError(QStringLiteral("cannot export %1: %2 is a folder; remove it or choose another target")
                                              .arg(item.name, destination));
        env.renameFile(staging.path() + QLatin1Char('/') + item.name, destination);
    }
}

// ---- planning -----------------------------------------------------------------------------

/** How the target is used: refused (throws), created or replaced, or merged into (folders). */
bool checkTarget(const Env &env, const QString &target, ExportFormat format, bool force, const QString &forceHint,
                 const Repository &repo)
{
    // The target: outside the repository, its parent present, and not in use unless force.
    const QString resolvedTarget = env.realPath(target);
    const auto *local = dynamic_cast<const LocalRepository *>(&repo);
    const QString repoRoot = local ? env.realPath(local->path()) : QString();
    if (local && (isInside(resolvedTarget, repoRoot) || isInside(repoRoot, resolvedTarget)))
        throw HubVaultValidationError(
            QStringLiteral("cannot export to %1: it overlaps the repository; choose a target outside %2").arg(target, repoRoot));
    const QString parent = QFileInfo(target).absolutePath();
    if (!env.stat(parent, true).isDir)
        throw HubVaultValidationError(
            QStringLiteral("cannot export to %1: folder %2 does not exist; create it first").arg(target, parent));
    const FileStat followed = env.stat(target, true), link = env.stat(target);
    bool mergeIntoFolder = false;
    if (format == ExportFormat::Folder) {
        if (followed.exists && !followed.isDir)
            throw HubVaultValidationError(
                QStringLiteral("cannot export to %1: it exists and is not a folder; choose another target").arg(target));
        if (followed.isDir && !isEmptyDir(env, target)) {
            if (!force)
                throw HubVaultValidationError(QStringLiteral(
                    "cannot export to %1: the folder exists and is not empty; choose another target or %2").arg(target, forceHint));
            mergeIntoFolder = true;
        }
        // An existing empty folder is replaced by the new one, so it must not be a symlink.
        if (link.isSymlink && !mergeIntoFolder)
            mergeIntoFolder = true;
    } else if (followed.exists || link.isSymlink) {
        if (followed.isDir)
            throw HubVaultValidationError(
                QStringLiteral("cannot export to %1: it is a folder; name an archive file").arg(target));
        if (!force)
            throw HubVaultValidationError(
                QStringLiteral("cannot export to %1: the file exists; choose another name or %2").arg(target, forceHint));
    }
    return mergeIntoFolder;
}

/** The whole revision, one folder of it (names relative to the folder) or one file (its own name). */
QList<Item> collectItems(const Repository &repo, const QString &pathInRepo, const QString &commit, const QString &revision)
{
    QList<Item> items;
    QString base;
    if (!pathInRepo.isEmpty()) {
        const QList<RepoEntry> found = repo.getPathsInfo({pathInRepo}, commit);
        if (found.isEmpty())
            throw EntryNotFoundError(QStringLiteral("path not found: %1 at %2").arg(pathInRepo, revision));
        if (!found.constFirst().isFolder) {
            const RepoFile &file = found.constFirst().file;
            items.append({file.path, file.path.section(QLatin1Char('/'), -1), file.size});
            return items;
        }
        base = found.constFirst().folder.path;
    }
    for (const RepoEntry &entry : repo.listRepoTree(base, true, commit)) {
        if (entry.isFolder)
            continue;
        items.append({entry.file.path, base.isEmpty() ? entry.file.path : entry.file.path.mid(base.size() + 1),
                      entry.file.size});
    }
    return items;
}

} // namespace

QString SnapshotExporter::formatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Folder: return QStringLiteral("folder");
    case ExportFormat::Zip: return QStringLiteral("zip");
    case ExportFormat::Tar: return QStringLiteral("tar");
    case ExportFormat::TarGz: return QStringLiteral("tar.gz");
    case ExportFormat::TarZst: return QStringLiteral("tar.zst");
    }
    return {};
}

std::optional<ExportFormat> SnapshotExporter::parseFormat(const QString &name)
{
    for (ExportFormat f : {ExportFormat::Folder, ExportFormat::Zip, ExportFormat::Tar, ExportFormat::TarGz, ExportFormat::TarZst})
        if (formatName(f) == name)
            return f;
    if (name == QLatin1String("tgz"))
        return ExportFormat::TarGz;
    if (name == QLatin1String("tzst"))
        return ExportFormat::TarZst;
    return std::nullopt;
}

ExportFormat SnapshotExporter::formatFromTarget(const QString &target)
{
    const QString lower = target.toLower();
    if (lower.endsWith(QLatin1String(".zip")))
        return ExportFormat::Zip;
    if (lower.endsWith(QLatin1String(".tar")))
        return ExportFormat::Tar;
    if (lower.endsWith(QLatin1String(".tar.gz")) || lower.endsWith(QLatin1String(".tgz")))
        return ExportFormat::TarGz;
    if (lower.endsWith(QLatin1String(".tar.zst")) || lower.endsWith(QLatin1String(".tzst")))
        return ExportFormat::TarZst;
    return ExportFormat::Folder;
}

// The names written to disk or into the archive come from the repository, which only holds
// validated paths; they are checked again here so that no name can ever lead outside the
// target (absolute, `..`, empty segments, NUL, backslashes).
void SnapshotExporter::checkSafeName(const QString &name)
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

ExportReport SnapshotExporter::run(const Repository &repo, const TaskControl &task) const
{
    ExportReport report;
    report.target = QDir::cleanPath(QDir::current().absoluteFilePath(m_options.target));
    report.format = m_options.format.value_or(formatFromTarget(report.target));
    report.pathInRepo = m_options.pathInRepo;
    report.revision = m_options.revision.isEmpty() ? repo.defaultBranch() : m_options.revision;
    const std::optional<QString> commit = repo.resolveRevision(report.revision);
    if (!commit)
        throw RevisionNotFoundError(
            QStringLiteral("revision has no commits yet: %1; commit something first").arg(report.revision));
    report.commit = *commit;
    // A local repository's exports go through its Env, so faults can be injected there.
    const auto *local = dynamic_cast<const LocalRepository *>(&repo);
    const std::shared_ptr<Env> env = local ? local->env() : Env::system();
    const bool mergeIntoFolder = checkTarget(*env, report.target, report.format, m_options.force, m_options.forceHint, repo);

    const QList<Item> items = collectItems(repo, m_options.pathInRepo, *commit, report.revision);
    QSet<QString> folderSet;
    for (const Item &item : items) {
        checkSafeName(item.name);
        report.totalSize += item.size;
        for (qsizetype slash = item.name.indexOf(QLatin1Char('/')); slash > 0;
             slash = item.name.indexOf(QLatin1Char('/'), slash + 1))
            folderSet.insert(item.name.left(slash));
    }
    report.fileCount = items.size();
    // Entries carry the commit's date so the same revision gives the same archive.
    const QList<GitCommitInfo> head = repo.listRepoCommits(*commit, 1);
    const qint64 mtime = head.isEmpty() ? 0 : head.constFirst().createdAt.toSecsSinceEpoch();

    Streamer streamer(repo, *commit, task, report.totalSize);
    if (report.format == ExportFormat::Folder)
        writeFolder(*env, report.target, mergeIntoFolder, items, mtime, streamer);
    else
        writeArchive(*env, report.format, report.target, items, QStringList(folderSet.cbegin(), folderSet.cend()), mtime,
                     streamer);
    return report;
}

} // namespace hubvault
