#include "Env.h"

#include <hubvault/Errors.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hubvault {

namespace {

QString osError(const QString &what, const QString &path)
{
    return QStringLiteral("%1 %2: %3").arg(what, path, QString::fromLocal8Bit(std::strerror(errno)));
}

} // namespace

FileLock &FileLock::operator=(FileLock &&other) noexcept
{
    if (this != &other) {
        release();
        m_fd = other.m_fd;
        m_locked = other.m_locked;
        other.m_fd = -1;
    }
    return *this;
}

void FileLock::release()
{
    if (m_fd >= 0) {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
        m_fd = -1;
    }
}

void FileLock::unlock()
{
    if (m_fd >= 0 && m_locked) {
        ::flock(m_fd, LOCK_UN);
        m_locked = false;
    }
}

bool FileLock::relock(bool exclusive)
{
    if (m_fd < 0)
        return false;
    while (::flock(m_fd, exclusive ? LOCK_EX : LOCK_SH) != 0) {
        if (errno != EINTR)
            throw HubVaultError(QStringLiteral("cannot lock the repository: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    m_locked = true;
    return true;
}

quint64 FileLock::fileKey() const
{
    struct ::stat st {};
    if (m_fd < 0 || ::fstat(m_fd, &st) != 0)
        return 0;
    return (quint64(st.st_dev) << 40) ^ quint64(st.st_ino);
}

std::shared_ptr<Env> Env::system()
{
    static const std::shared_ptr<Env> instance = std::make_shared<Env>();
    return instance;
}

QDateTime Env::nowUtc() const
{
    return QDateTime::currentDateTimeUtc();
}

QString Env::randomHex(int count) const
{
    static const char digits[] = "0123456789abcdef";
    QString out;
    out.reserve(count);
    for (int i = 0; i < count; ++i)
        out += QLatin1Char(digits[QRandomGenerator::system()->bounded(16)]);
    return out;
}

FileStat Env::stat(const QString &path, bool followSymlinks) const
{
    struct ::stat st {};
    const QByteArray native = QFile::encodeName(path);
    const int rc = followSymlinks ? ::stat(native.constData(), &st) : ::lstat(native.constData(), &st);
    FileStat out;
    if (rc != 0)
        return out;
    out.exists = true;
    out.isFile = S_ISREG(st.st_mode);
    out.isDir = S_ISDIR(st.st_mode);
    out.isSymlink = S_ISLNK(st.st_mode);
    out.size = qint64(st.st_size);
    out.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000LL + qint64(st.st_mtim.tv_nsec);
    return out;
}

quint64 Env::fileKey(const QString &path) const
{
    const FileIdentity id = identify(path);
    return id.inode ? (id.device << 40) ^ id.inode : 0;
}

FileIdentity Env::identify(const QString &path) const
{
    struct ::stat st {};
    FileIdentity out;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return out;
    out.device = quint64(st.st_dev);
    out.inode = quint64(st.st_ino);
    out.size = qint64(st.st_size);
    out.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    out.ctimeNs = qint64(st.st_ctim.tv_sec) * 1000000000LL + st.st_ctim.tv_nsec;
    return out;
}

std::unique_ptr<RandomAccessFile> Env::openRandomAccess(const QString &path) const
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw HubVaultError(osError(QStringLiteral("cannot open"), path));
    return std::make_unique<RandomAccessFile>(fd, path);
}

QByteArray Env::readFile(const QString &path) const
{
    auto file = openForRead(path);
    const QByteArray data = file->readAll();
    if (file->error() != QFile::NoError)
        throw HubVaultError(QStringLiteral("cannot read %1: %2").arg(path, file->errorString()));
    return data;
}

QList<DirEntry> Env::listDirectory(const QString &path) const
{
    QList<DirEntry> out;
    const QByteArray native = QFile::encodeName(path);
    DIR *dir = ::opendir(native.constData());
    if (!dir) {
        if (errno == ENOENT || errno == ENOTDIR)
            return out;
        throw HubVaultError(QStringLiteral("cannot list %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    errno = 0;
    while (const dirent *e = ::readdir(dir)) {
        const char *name = e->d_name;
        if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0)
            continue;
        DirEntry entry;
        entry.name = QFile::decodeName(name);
        struct ::stat st {};
        if (::fstatat(::dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
            entry.stat.exists = true;
            entry.stat.isFile = S_ISREG(st.st_mode);
            entry.stat.isDir = S_ISDIR(st.st_mode);
            entry.stat.isSymlink = S_ISLNK(st.st_mode);
            entry.stat.size = qint64(st.st_size);
            entry.stat.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000LL + qint64(st.st_mtim.tv_nsec);
        }
        out.append(std::move(entry));
        errno = 0;
    }
    const int readError = errno;
    ::closedir(dir);
    if (readError != 0)
        throw HubVaultError(QStringLiteral("cannot list %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(readError))));
    std::sort(out.begin(), out.end(), [](const DirEntry &a, const DirEntry &b) { return a.name < b.name; });
    return out;
}

namespace {

/**
 * Calls `visit(relative path, lstat size)` for every entry under `dirFd` that is not a
 * directory (symlinks to directories excepted, as QDir::Files lists them), recursing into
 * real directories only. Names are resolved relative to their directory's descriptor, so
 * the kernel never walks a full path again.
 */
void walkBelow(int dirFd, const QString &prefix, const Env::FileVisitor &visit)
{
    DIR *dir = ::fdopendir(dirFd);
    if (!dir) {
        ::close(dirFd);
        return;
    }
    while (const dirent *entry = ::readdir(dir)) {
        const char *name = entry->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
            continue;
        struct ::stat st {};
        if (::fstatat(::dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        const QString path = prefix.isEmpty() ? QFile::decodeName(name) : prefix + QLatin1Char('/') + QFile::decodeName(name);
        if (S_ISDIR(st.st_mode)) {
            const int child = ::openat(::dirfd(dir), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (child >= 0)
                walkBelow(child, path, visit);
            continue;
        }
        struct ::stat target {};
        if (S_ISLNK(st.st_mode) && ::fstatat(::dirfd(dir), name, &target, 0) == 0 && S_ISDIR(target.st_mode))
            continue;
        visit(path, qint64(st.st_size));
    }
    ::closedir(dir);
}

} // namespace

void Env::walkFiles(const QString &path, const FileVisitor &visit) const
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0)
        walkBelow(fd, QString(), visit);
}

QStringList Env::filesBelow(const QString &dir) const
{
    QStringList out;
    for (const DirEntry &e : listDirectory(dir)) {
        const QString path = dir + QLatin1Char('/') + e.name;
        if (e.stat.isDir)
            out += filesBelow(path);
        else if (e.stat.isFile)
            out.append(path);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::unique_ptr<QFile> Env::openForRead(const QString &path) const
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        throw HubVaultError(QStringLiteral("cannot open %1: %2").arg(path, file->errorString()));
    return file;
}

void Env::writeFileAtomic(const QString &path, const QByteArray &data, bool durable) const
{
    const QString temp = path + QStringLiteral(".tmp.") + randomHex(8);
    const QByteArray native = QFile::encodeName(temp);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        throw HubVaultError(osError(QStringLiteral("cannot create"), temp));
    qint64 written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + written, size_t(data.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const QString message = osError(QStringLiteral("cannot write"), temp);
            ::close(fd);
            ::unlink(native.constData());
            throw HubVaultError(message);
        }
        written += n;
    }
    if (durable && ::fsync(fd) != 0) {
        const QString message = osError(QStringLiteral("cannot fsync"), temp);
        ::close(fd);
        ::unlink(native.constData());
        throw HubVaultError(message);
    }
    ::close(fd);
    faultPoint("atomic-write:before-rename");
    if (::rename(native.constData(), QFile::encodeName(path).constData()) != 0) {
        const QString message = osError(QStringLiteral("cannot rename into place"), path);
        ::unlink(native.constData());
        throw HubVaultError(message);
    }
    if (durable)
        fsyncDirectory(QFileInfo(path).absolutePath());
}

std::unique_ptr<QFile> Env::createFile(const QString &path) const
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::WriteOnly | QIODevice::NewOnly))
        throw HubVaultError(QStringLiteral("cannot create %1: %2").arg(path, file->errorString()));
    return file;
}

void Env::syncFile(QFile &file) const
{
    if (!file.flush() || ::fsync(file.handle()) != 0)
        throw HubVaultError(QStringLiteral("cannot write %1 to disk: %2").arg(file.fileName(), file.errorString()));
}

void Env::startWriteback(QFile &file, qint64 offset, qint64 length) const
{
    if (file.flush())
        ::sync_file_range(file.handle(), offset, length, SYNC_FILE_RANGE_WRITE);
}

void Env::makeDirectories(const QString &path) const
{
    if (!QDir().mkpath(path))
        throw HubVaultError(QStringLiteral("cannot create directory %1").arg(path));
}

void Env::renameFile(const QString &from, const QString &to) const
{
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        throw HubVaultError(osError(QStringLiteral("cannot move into place"), to));
}

void Env::removeFile(const QString &path) const
{
    if (::unlink(QFile::encodeName(path).constData()) != 0 && errno != ENOENT)
        throw HubVaultError(osError(QStringLiteral("cannot remove"), path));
}

bool Env::removeEmptyDirectory(const QString &path) const
{
    if (::rmdir(QFile::encodeName(path).constData()) == 0)
        return true;
    if (errno == ENOTEMPTY || errno == EEXIST || errno == ENOENT)
        return false;
    throw HubVaultError(osError(QStringLiteral("cannot remove folder"), path));
}

void Env::removeTree(const QString &path) const
{
    const FileStat st = stat(path);
    if (!st.exists)
        return;
    if (!st.isDir) {
        removeFile(path);
        return;
    }
    if (!QDir(path).removeRecursively())
        throw HubVaultError(QStringLiteral("cannot remove directory %1").arg(path));
}

void Env::fsyncDirectory(const QString &path) const
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        throw HubVaultError(osError(QStringLiteral("cannot open directory"), path));
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        throw HubVaultError(osError(QStringLiteral("cannot fsync directory"), path));
}

QString Env::realPath(const QString &path) const
{
    // Resolve the longest existing prefix, then append the rest, like Python's
    // os.path.realpath(strict=False), so targets that do not exist yet still compare.
    QFileInfo info(QDir::cleanPath(QDir(path).absolutePath()));
    QStringList tail;
    for (int hops = 0;; ++hops) {
        while (!info.exists() && !info.isSymLink()) {
            tail.prepend(info.fileName());
            const QString parent = info.absolutePath();
            if (parent == info.absoluteFilePath())
                break;
            info = QFileInfo(parent);
        }
        // A dangling link is followed too (realpath does), so a link to a not yet
        // existing place inside the repository is recognized as pointing there.
        if (info.exists() || !info.isSymLink() || hops >= 40)
            break;
        info = QFileInfo(QDir::cleanPath(info.symLinkTarget()));
    }
    QString base = info.canonicalFilePath();
    if (base.isEmpty())
        base = info.absoluteFilePath();
    for (const QString &part : tail)
        base += QLatin1Char('/') + part;
    return QDir::cleanPath(base);
}

FileLock Env::lock(const QString &path, bool exclusive) const
{
    // portalocker (the original) opens the lock file in "a+" mode and uses flock(2);
    // record locks (fcntl/lockf) would not exclude it.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        // A read-only copy of a repository can still be read without a lock file.
        const int ro = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
        if (ro < 0)
            throw HubVaultError(osError(QStringLiteral("cannot open lock file"), path));
        if (!exclusive) {
            while (::flock(ro, LOCK_SH) != 0 && errno == EINTR) {}
            return FileLock(ro);
        }
        ::close(ro);
        throw HubVaultError(osError(QStringLiteral("cannot open lock file for writing"), path));
    }
    int rc;
    while ((rc = ::flock(fd, exclusive ? LOCK_EX : LOCK_SH)) != 0 && errno == EINTR) {}
    if (rc != 0) {
        const QString message = osError(QStringLiteral("cannot lock"), path);
        ::close(fd);
        throw HubVaultError(message);
    }
    return FileLock(fd);
}

} // namespace hubvault
