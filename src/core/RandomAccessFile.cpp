// Positioned reads and kernel copies over one open descriptor (see RandomAccessFile.h).
#include "RandomAccessFile.h"

#include <hubvault/Errors.h>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace hubvault {

namespace {

QString osReason()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

RandomAccessFile::RandomAccessFile(int fd, QString path) : m_fd(fd), m_path(std::move(path))
{
    struct ::stat st {};
    if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        const QString reason = S_ISREG(st.st_mode) ? osReason() : QStringLiteral("not a regular file");
        ::close(m_fd);
        m_fd = -1;
        throw HubVaultError(QStringLiteral("cannot read %1: %2").arg(m_path, reason));
    }
    m_identity.device = quint64(st.st_dev);
    m_identity.inode = quint64(st.st_ino);
    m_identity.size = qint64(st.st_size);
    m_identity.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    m_identity.ctimeNs = qint64(st.st_ctim.tv_sec) * 1000000000LL + st.st_ctim.tv_nsec;
}

RandomAccessFile::~RandomAccessFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

qint64 RandomAccessFile::readAt(qint64 offset, char *out, qint64 length) const
{
    qint64 done = 0;
    while (done < length) {
        const ssize_t n = ::pread(m_fd, out + done, size_t(length - done), off_t(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw HubVaultError(QStringLiteral("cannot read %1: %2").arg(m_path, osReason()));
        if (n == 0)
            break;
        done += n;
    }
    return done;
}

QByteArray RandomAccessFile::readAt(qint64 offset, qint64 length) const
{
    QByteArray out(length, Qt::Uninitialized);
    out.truncate(readAt(offset, out.data(), length));
    return out;
}

void writeAllAt(int fd, const char *data, qint64 length, qint64 offset, const QString &what)
{
    for (qint64 written = 0; written < length;) {
        const ssize_t n = offset < 0 ? ::write(fd, data + written, size_t(length - written))
                                     : ::pwrite(fd, data + written, size_t(length - written), off_t(offset + written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw HubVaultError(QStringLiteral("cannot write %1: %2").arg(what, osReason()));
        written += n;
    }
}

void RandomAccessFile::copyTo(int outFd, qint64 offset, qint64 length, qint64 outOffset) const
{
    loff_t from = offset;
    loff_t to = outOffset;
    qint64 left = length;
    while (left > 0) {
        const ssize_t n = ::copy_file_range(m_fd, &from, outFd, outOffset < 0 ? nullptr : &to, size_t(left), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP))
            break; // not between these files: copy through user space below
        if (n < 0)
            throw HubVaultError(QStringLiteral("cannot copy from %1: %2").arg(m_path, osReason()));
        if (n == 0)
            throw IntegrityError(QStringLiteral("%1 ended before offset %2").arg(m_path).arg(from));
        left -= n;
    }
    if (left <= 0)
        return;
    std::vector<char> buffer(size_t(std::min<qint64>(left, 1 << 20)));
    while (left > 0) {
        const qint64 n = readAt(from, buffer.data(), qMin<qint64>(left, qint64(buffer.size())));
        if (n == 0)
            throw IntegrityError(QStringLiteral("%1 ended before offset %2").arg(m_path).arg(from));
        writeAllAt(outFd, buffer.data(), n, outOffset < 0 ? -1 : qint64(to), QStringLiteral("a copy of ") + m_path);
        from += n;
        to += n;
        left -= n;
    }
}

} // namespace hubvault
