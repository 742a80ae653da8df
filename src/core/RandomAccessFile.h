#pragma once
// An open file for positioned reads (pread) that knows its identity (device, inode, size,
// mtime, ctime from fstat of the same descriptor), so a record of verified bytes can be
// tied to exactly the file the bytes come from, and verified bytes can be copied into
// another file by the kernel (copy_file_range, a reflink where the file system has one).

#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace hubvault {

/** What distinguishes one version of a file from another without reading it. */
struct FileIdentity {
    quint64 device = 0;
    quint64 inode = 0;
    qint64 size = 0;
    qint64 mtimeNs = 0;
    qint64 ctimeNs = 0;
    bool operator==(const FileIdentity &other) const = default;
};

/** Writes all of `data` to `fd`, at `offset` (pwrite) or, when negative, where it is. */
void writeAllAt(int fd, const char *data, qint64 length, qint64 offset, const QString &what);

class RandomAccessFile {
public:
    /** Takes ownership of an open descriptor; `path` names it in errors. */
    RandomAccessFile(int fd, QString path);
    virtual ~RandomAccessFile();
    RandomAccessFile(const RandomAccessFile &) = delete;
    RandomAccessFile &operator=(const RandomAccessFile &) = delete;

    const QString &path() const { return m_path; }
    int descriptor() const { return m_fd; }
    /** fstat of the open descriptor, read once when the file was opened. */
    const FileIdentity &identity() const { return m_identity; }

    /**
     * Reads up to `length` bytes at `offset` into `out`, retrying short reads; returns
     * how many were read (fewer only at the end of the file). Throws HubVaultError with
     * the OS reason on failure.
     */
    virtual qint64 readAt(qint64 offset, char *out, qint64 length) const;
    /** readAt into a new array (shorter at the end of the file). */
    QByteArray readAt(qint64 offset, qint64 length) const;

    /**
     * Copies `length` bytes at `offset` to `outFd` inside the kernel (copy_file_range;
     * pread/write where it is unsupported): at `outOffset`, or at the descriptor's current
     * position when that is negative.
     */
    virtual void copyTo(int outFd, qint64 offset, qint64 length, qint64 outOffset = -1) const;

private:
    int m_fd = -1;
    QString m_path;
    FileIdentity m_identity;
};

} // namespace hubvault
