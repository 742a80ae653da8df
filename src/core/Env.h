#pragma once
// The seam between the core and the operating system: clock, randomness, file
// operations and file locks. Everything the core does to disk or asks of the time goes
// through an Env, so tests can freeze the clock, fail an operation or "crash" between
// two steps (override faultPoint) without touching production code.

#include "RandomAccessFile.h"

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QString>
#include <functional>
#include <memory>

namespace hubvault {

/** What lstat()/stat() says about a path, with the nanosecond mtime views need. */
struct FileStat {
    bool exists = false;
    bool isFile = false;
    bool isDir = false;
    bool isSymlink = false;
    qint64 size = 0;
    qint64 mtimeNs = 0;
};

/** One entry of a directory listing (lstat facts: a symlink is a symlink, not followed). */
struct DirEntry {
    QString name;
    FileStat stat;
};

/** A held flock(2) on a file; released (LOCK_UN, close) on destruction. */
class FileLock {
public:
    FileLock() = default;
    explicit FileLock(int fd) : m_fd(fd) {}
    FileLock(FileLock &&other) noexcept : m_fd(other.m_fd), m_locked(other.m_locked) { other.m_fd = -1; }
    FileLock &operator=(FileLock &&other) noexcept;
    FileLock(const FileLock &) = delete;
    FileLock &operator=(const FileLock &) = delete;
    ~FileLock() { release(); }
    /** Unlocks and closes. */
    void release();
    bool isHeld() const { return m_fd >= 0 && m_locked; }
    /** Unlocks but keeps the file open, so the next hold needs no open(2). */
    void unlock();
    /** Locks the open file again (blocking); false when there is no file. */
    bool relock(bool exclusive);
    /** Device and inode of the open lock file (0 without one). */
    quint64 fileKey() const;

private:
    int m_fd = -1;
    bool m_locked = true;
};

class Env {
public:
    virtual ~Env() = default;

    /** The process-wide real environment. */
    static std::shared_ptr<Env> system();

    virtual QDateTime nowUtc() const;
    /** `count` lowercase hex digits from a cryptographic source (txids, temp names). */
    virtual QString randomHex(int count) const;

    /** lstat() when `followSymlinks` is false, stat() otherwise. */
    virtual FileStat stat(const QString &path, bool followSymlinks = false) const;
    /** Device and inode of `path` in one number (0 when missing): tells files apart. */
    quint64 fileKey(const QString &path) const;
    /** Device, inode, size and times of `path` (symlinks followed); all zero when missing. */
    virtual FileIdentity identify(const QString &path) const;
    /** Opens a file for positioned reads; throws HubVaultError with the OS reason on failure. */
    virtual std::unique_ptr<RandomAccessFile> openRandomAccess(const QString &path) const;
    /** Reads a whole (small) file; throws HubVaultError with the OS reason on failure. */
    virtual QByteArray readFile(const QString &path) const;
    /** Opens a file for reading; throws HubVaultError with the OS reason on failure. */
    virtual std::unique_ptr<QFile> openForRead(const QString &path) const;
    /**
     * Writes `data` to `<path>.tmp.<hex>` in the same directory and renames it over
     * `path`; with `durable`, fsyncs the file before and the directory after the rename.
     */
    virtual void writeFileAtomic(const QString &path, const QByteArray &data, bool durable) const;
    /** Creates a new file for writing (fails if it exists); writes may fail (disk full). */
    virtual std::unique_ptr<QFile> createFile(const QString &path) const;
    /** Flushes and fsyncs an open file; throws HubVaultError on failure. */
    virtual void syncFile(QFile &file) const;
    /**
     * Asks the kernel to start writing [offset, offset+length) of `file` to disk now,
     * without waiting (sync_file_range WRITE), so a later fsync has little left to do and
     * disk writes overlap with hashing. Purely a performance hint.
     */
    virtual void startWriteback(QFile &file, qint64 offset, qint64 length) const;
    virtual void makeDirectories(const QString &path) const;
    /**
     * The entries of directory `path` (hidden ones included, "." and ".." not), sorted by
     * name; empty when it does not exist. Throws HubVaultError when it exists but cannot
     * be read.
     */
    virtual QList<DirEntry> listDirectory(const QString &path) const;
    using FileVisitor = std::function<void(const QString &relativePath, qint64 lstatSize)>;
    /**
     * Calls `visit` for every entry below `path` that is not a directory, in directory
     * order, with its lstat size (a symlink counts as itself; symlinks to directories are
     * skipped, as QDir::Files does), recursing into real directories only: the fast
     * read-only walk of storage measurement. A missing `path` visits nothing.
     */
    virtual void walkFiles(const QString &path, const FileVisitor &visit) const;
    /** Paths of the regular files below `dir` at any depth (symlinks not followed), sorted. */
    QStringList filesBelow(const QString &dir) const;
    /** rename(2): atomic replacement within one file system. */
    virtual void renameFile(const QString &from, const QString &to) const;
    virtual void removeFile(const QString &path) const;
    virtual void removeTree(const QString &path) const;
    /** rmdir(2): removes a folder only when it is empty; false when it is not (or is gone). */
    virtual bool removeEmptyDirectory(const QString &path) const;
    virtual void fsyncDirectory(const QString &path) const;
    /** Canonical absolute path with symlinks resolved (the path may not exist yet). */
    virtual QString realPath(const QString &path) const;

    /** Blocking BSD flock on `path` (created if missing, never truncated). */
    virtual FileLock lock(const QString &path, bool exclusive) const;

    /** Named step of a multi-step operation; tests override it to inject faults. */
    virtual void faultPoint(const char *step) const { Q_UNUSED(step); }
};

/** An Env whose clock is frozen at a settable instant (tests, fixture replay). */
class FrozenClockEnv : public Env {
public:
    explicit FrozenClockEnv(QDateTime now) : m_now(std::move(now)) {}
    QDateTime nowUtc() const override { return m_now; }
    void setNow(const QDateTime &now) { m_now = now; }

private:
    QDateTime m_now;
};

} // namespace hubvault
