#include "Baseline.h"

#include "DataGen.h"

#include "FastCdcChunker.h"
#include "Hash.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <atomic>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unistd.h>
#include <vector>

namespace bench {

namespace Baseline {

namespace {

constexpr qint64 kBlock = 4 << 20;

[[noreturn]] void fail(const QString &what, const QString &path, const QString &reason)
{
    throw std::runtime_error(QStringLiteral("baseline: %1 %2: %3").arg(what, path, reason).toStdString());
}

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

void copyOne(const QString &source, const QString &target, std::vector<char> &buffer)
{
    QFile in(source), out(target);
    if (!in.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        fail(QStringLiteral("cannot open"), source, in.errorString());
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered))
        fail(QStringLiteral("cannot create"), target, out.errorString());
    for (;;) {
        const qint64 n = in.read(buffer.data(), qint64(buffer.size()));
        if (n < 0)
            fail(QStringLiteral("cannot read"), source, in.errorString());
        if (n == 0)
            break;
        if (out.write(buffer.data(), n) != n)
            fail(QStringLiteral("cannot write"), target, out.errorString());
    }
    if (::fsync(out.handle()) != 0)
        fail(QStringLiteral("cannot fsync"), target, QString::fromLocal8Bit(strerror(errno)));
}

/** Read-only descriptor, closed on scope exit. */
class ReadFd {
public:
    explicit ReadFd(const QString &path) : m_path(path), m_fd(::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC))
    {
        if (m_fd < 0)
            fail(QStringLiteral("cannot open"), path, QString::fromLocal8Bit(strerror(errno)));
    }
    ~ReadFd() { ::close(m_fd); }
    ReadFd(const ReadFd &) = delete;
    ReadFd &operator=(const ReadFd &) = delete;

    /** Exactly `length` bytes at `offset` into `buffer`; throws on errors and short files. */
    void readExactly(char *buffer, qint64 length, qint64 offset) const
    {
        for (qint64 done = 0; done < length;) {
            const ssize_t n = ::pread(m_fd, buffer + done, size_t(length - done), off_t(offset + done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                fail(QStringLiteral("cannot read"), m_path,
                     n < 0 ? QString::fromLocal8Bit(strerror(errno)) : QStringLiteral("file shorter than expected"));
            done += n;
        }
    }

private:
    QString m_path;
    int m_fd;
};

qint64 fileSize(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        fail(QStringLiteral("cannot stat"), path, QStringLiteral("not a regular file"));
    return info.size();
}

/** SHA-256 of [offset, offset + length) as one stream, read in kBlock pieces. */
QByteArray hashRange(const ReadFd &fd, qint64 offset, qint64 length, std::vector<char> &buffer)
{
    hubvault::Hash hash(hubvault::Hash::Algorithm::Sha256);
    for (qint64 done = 0; done < length;) {
        const qint64 n = qMin<qint64>(qint64(buffer.size()), length - done);
        fd.readExactly(buffer.data(), n, offset + done);
        hash.add(QByteArrayView(buffer.data(), n));
        done += n;
    }
    return hash.result();
}

} // namespace

double writeFsync(const QString &source, const QString &target)
{
    std::vector<char> buffer(static_cast<size_t>(kBlock));
    QDir().mkpath(QFileInfo(target).absolutePath());
    DataGen::settle();
    QElapsedTimer timer;
    timer.start();
    copyOne(source, target, buffer);
    return seconds(timer);
}

double writeFsyncFiles(const QString &root, const QStringList &relPaths, const QString &targetRoot)
{
    std::vector<char> buffer(static_cast<size_t>(kBlock));
    DataGen::settle();
    QElapsedTimer timer;
    timer.start();
    QString lastDir;
    for (const QString &rel : relPaths) {
        const QString target = targetRoot + QLatin1Char('/') + rel;
        const QString dir = QFileInfo(target).absolutePath();
        if (dir != lastDir) {
            QDir().mkpath(dir);
            lastDir = dir;
        }
        copyOne(root + QLatin1Char('/') + rel, target, buffer);
    }
    return seconds(timer);
}

double smallWritesFsync(const QString &dir, int count, int bytes)
{
    QDir().mkpath(dir);
    const QByteArray payload(bytes, 'x');
    DataGen::settle();
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        QFile out(dir + QStringLiteral("/w%1.txt").arg(i));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)
            || out.write(payload) != payload.size() || ::fsync(out.handle()) != 0)
            fail(QStringLiteral("cannot write"), out.fileName(), out.errorString());
    }
    return seconds(timer);
}

double sequentialRead(const QString &path)
{
    std::vector<char> buffer(static_cast<size_t>(kBlock));
    DataGen::settle();
    QElapsedTimer timer;
    timer.start();
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        fail(QStringLiteral("cannot open"), path, in.errorString());
    while (in.read(buffer.data(), qint64(buffer.size())) > 0) {
    }
    return seconds(timer);
}

double randomReads(const QString &path, const QList<qint64> &offsets, qint64 length)
{
    std::vector<char> buffer(static_cast<size_t>(length));
    DataGen::settle();
    QElapsedTimer timer;
    timer.start();
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        fail(QStringLiteral("cannot open"), path, QString::fromLocal8Bit(strerror(errno)));
    for (qint64 offset : offsets) {
        if (::pread(fd, buffer.data(), size_t(length), off_t(offset)) < 0) {
            ::close(fd);
            fail(QStringLiteral("cannot read"), path, QString::fromLocal8Bit(strerror(errno)));
        }
    }
    ::close(fd);
    return seconds(timer);
}

double readFiles(const QString &root, const QStringList &relPaths)
{
    DataGen::settle();
    QElapsedTimer timer;
    timer.start();
    for (const QString &rel : relPaths) {
        QFile in(root + QLatin1Char('/') + rel);
        if (!in.open(QIODevice::ReadOnly))
            fail(QStringLiteral("cannot open"), in.fileName(), in.errorString());
        const QByteArray bytes = in.readAll();
        Q_UNUSED(bytes);
    }
    return seconds(timer);
}

double readFilesConcurrently(const QString &root, const QStringList &relPaths, int threads)
{
    std::mutex errorMutex;
    QString error;
    DataGen::settle();
    QElapsedTimer timer;
    timer.start();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            const qsizetype n = relPaths.size();
            const qsizetype start = n * t / qMax(1, threads);
            for (qsizetype k = 0; k < n; ++k) {
                QFile in(root + QLatin1Char('/') + relPaths.at((start + k) % n));
                if (!in.open(QIODevice::ReadOnly)) {
                    const std::lock_guard lock(errorMutex);
                    error = QStringLiteral("baseline: cannot open %1: %2").arg(in.fileName(), in.errorString());
                    return;
                }
                const QByteArray bytes = in.readAll();
                Q_UNUSED(bytes);
            }
        });
    }
    for (std::thread &thread : pool)
        thread.join();
    const double s = seconds(timer);
    if (!error.isEmpty())
        throw std::runtime_error(error.toStdString());
    return s;
}

double walkTree(const QString &root, qint64 *entries)
{
    DataGen::settle();
    QElapsedTimer timer;
    timer.start();
    qint64 count = 0, bytes = 0;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        bytes += it.fileInfo().size(); // forces the stat a listing with sizes needs
        ++count;
    }
    if (entries)
        *entries = count;
    return seconds(timer);
}

double cp(const QString &source, const QString &target, bool recursive)
{
    QDir().mkpath(QFileInfo(target).absolutePath());
    QStringList args;
    if (recursive)
        args << QStringLiteral("-r");
    args << source << target;
    DataGen::settle();
    QElapsedTimer timer;
    timer.start();
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QStringLiteral("cp"), args);
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        fail(QStringLiteral("cp failed for"), source, process.errorString());
    return seconds(timer);
}

double sha256OneCore(const QString &path)
{
    return sha256OneCore(path, {ByteRange{0, fileSize(path)}});
}

double sha256OneCore(const QString &path, const QList<ByteRange> &ranges)
{
    std::vector<char> buffer(static_cast<size_t>(kBlock));
    DataGen::settle();
    QElapsedTimer timer;
    timer.start();
    const ReadFd fd(path);
    qsizetype digests = 0;
    for (const ByteRange &range : ranges)
        digests += hashRange(fd, range.offset, range.length, buffer).size() == 32;
    const double s = seconds(timer);
    if (digests != ranges.size())
        fail(QStringLiteral("SHA-256 failed for"), path, QStringLiteral("digest of the wrong size"));
    return s;
}

double sha256AllCores(const QString &path, int threads)
{
    if (threads <= 0)
        threads = cores();
    const qint64 size = fileSize(path);
    const qint64 blocks = (size + kBlock - 1) / kBlock;
    std::vector<std::vector<char>> buffers(static_cast<size_t>(threads), std::vector<char>(static_cast<size_t>(kBlock)));
    std::atomic<qint64> next{0};
    std::atomic<qint64> hashed{0};
    std::mutex errorMutex;
    QString error;
    DataGen::settle();
    QElapsedTimer timer;
    timer.start();
    {
        const ReadFd fd(path);
        std::vector<std::thread> pool;
        pool.reserve(size_t(threads));
        for (int t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                std::vector<char> &buffer = buffers[size_t(t)];
                try {
                    for (qint64 b; (b = next.fetch_add(1)) < blocks;) {
                        const qint64 offset = b * kBlock;
                        const qint64 n = qMin(kBlock, size - offset);
                        fd.readExactly(buffer.data(), n, offset);
                        hubvault::Hash hash(hubvault::Hash::Algorithm::Sha256);
                        hash.add(QByteArrayView(buffer.data(), n));
                        if (hash.result().size() == 32)
                            hashed.fetch_add(n);
                    }
                } catch (const std::exception &e) {
                    const std::lock_guard lock(errorMutex);
                    error = QString::fromLocal8Bit(e.what());
                    next.store(blocks); // the others stop at their next block
                }
            });
        }
        for (std::thread &thread : pool)
            thread.join();
    }
    const double s = seconds(timer);
    if (!error.isEmpty())
        throw std::runtime_error(error.toStdString());
    if (hashed.load() != size)
        fail(QStringLiteral("parallel SHA-256 incomplete for"), path, QStringLiteral("%1 of %2 bytes").arg(hashed.load()).arg(size));
    return s;
}

double cdcScan(const QString &path, qint64 *chunks)
{
    using hubvault::FastCdcChunker;
    const qint64 size = fileSize(path);
    // The upload path's window: three maximal chunks plus one read block.
    std::vector<uint8_t> window(size_t(3 * FastCdcChunker::kMaxSize + kBlock));
    qint64 count = 0, covered = 0;
    DataGen::settle();
    QElapsedTimer timer;
    timer.start();
    {
        const ReadFd fd(path);
        qint64 begin = 0, end = 0, consumed = 0; // unconsumed bytes are window[begin, end)
        while (covered < size) {
            while (end - begin < FastCdcChunker::kMaxSize && consumed < size) {
                if (end + kBlock > qint64(window.size())) {
                    std::memmove(window.data(), window.data() + begin, size_t(end - begin));
                    end -= begin;
                    begin = 0;
                }
                const qint64 n = qMin(kBlock, size - consumed);
                fd.readExactly(reinterpret_cast<char *>(window.data() + end), n, consumed);
                end += n;
                consumed += n;
            }
            const qint64 cut = FastCdcChunker::nextCut(window.data() + begin, end - begin);
            if (cut <= 0)
                fail(QStringLiteral("FastCDC scan stalled in"), path, QStringLiteral("at offset %1").arg(covered));
            begin += cut;
            covered += cut;
            ++count;
        }
    }
    const double s = seconds(timer);
    if (covered != size)
        fail(QStringLiteral("FastCDC scan covered the wrong size in"), path, QStringLiteral("%1 of %2 bytes").arg(covered).arg(size));
    if (chunks)
        *chunks = count;
    return s;
}

int cores()
{
    return int(qMax(1u, std::thread::hardware_concurrency()));
}

} // namespace Baseline

} // namespace bench
