#include "Baseline.h"

#include "DataGen.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <fcntl.h>
#include <stdexcept>
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

} // namespace Baseline

} // namespace bench
