#include "DataGen.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>
#include <vector>

namespace bench {

namespace {

constexpr qint64 kBlock = 4 << 20;

[[noreturn]] void fail(const QString &what, const QFile &file)
{
    throw std::runtime_error(QStringLiteral("%1 %2: %3").arg(what, file.fileName(), file.errorString()).toStdString());
}

void writeAllOrThrow(QFile &file, const char *data, qint64 size)
{
    if (file.write(data, size) != size)
        fail(QStringLiteral("cannot write"), file);
}

void mkpath(const QString &dir)
{
    if (!QDir().mkpath(dir))
        throw std::runtime_error(("cannot create directory " + dir).toStdString());
}

} // namespace

void XorShift::fill(char *data, qint64 size)
{
    qint64 i = 0;
    for (; i + 8 <= size; i += 8) {
        const uint64_t v = next();
        std::memcpy(data + i, &v, 8);
    }
    if (i < size) {
        const uint64_t v = next();
        std::memcpy(data + i, &v, size_t(size - i));
    }
}

namespace DataGen {

void writeRandomFile(const QString &path, qint64 size, uint64_t seed)
{
    mkpath(QFileInfo(path).absolutePath());
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        fail(QStringLiteral("cannot create"), out);
    XorShift rng(seed);
    std::vector<char> buffer(size_t(qMin(kBlock, qMax<qint64>(size, 1))));
    for (qint64 done = 0; done < size;) {
        const qint64 n = qMin<qint64>(qint64(buffer.size()), size - done);
        rng.fill(buffer.data(), n);
        writeAllOrThrow(out, buffer.data(), n);
        done += n;
    }
    out.close();
}

QString ensureRandomFile(const QString &path, qint64 size, uint64_t seed)
{
    const QString marker = path + QStringLiteral(".done");
    if (QFileInfo(marker).exists() && QFileInfo(path).size() == size)
        return path;
    writeRandomFile(path, size, seed);
    QFile done(marker);
    done.open(QIODevice::WriteOnly);
    return path;
}

SmallTree ensureSmallTree(const QString &dir, int count, int perDir, int minBytes, int maxBytes)
{
    SmallTree tree;
    tree.root = QFileInfo(dir).absoluteFilePath();
    XorShift rng(0x5EED0000ULL + uint64_t(count));
    QList<qint64> sizes;
    for (int i = 0; i < count; ++i) {
        const int leaf = i / perDir;
        tree.relPaths.append(QStringLiteral("g%1/d%2/f%3.bin")
                                 .arg(leaf / 10, 2, 10, QLatin1Char('0'))
                                 .arg(leaf, 3, 10, QLatin1Char('0'))
                                 .arg(i, 5, 10, QLatin1Char('0')));
        sizes.append(rng.between(minBytes, maxBytes));
        tree.totalBytes += sizes.last();
    }
    const QString marker = tree.root + QStringLiteral(".done");
    if (QFileInfo(marker).exists())
        return tree;
    QDir(tree.root).removeRecursively();
    std::vector<char> buffer(static_cast<size_t>(maxBytes));
    QString lastDir;
    for (int i = 0; i < count; ++i) {
        const QString path = tree.root + QLatin1Char('/') + tree.relPaths.at(i);
        const QString parent = QFileInfo(path).absolutePath();
        if (parent != lastDir) {
            mkpath(parent);
            lastDir = parent;
        }
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            fail(QStringLiteral("cannot create"), out);
        rng.fill(buffer.data(), sizes.at(i));
        writeAllOrThrow(out, buffer.data(), sizes.at(i));
    }
    QFile done(marker);
    done.open(QIODevice::WriteOnly);
    return tree;
}

namespace {

/** Streams [from, to) of `in` into `out`, calling `edit` on each block with its offset. */
template <typename Edit>
void copyRange(QFile &in, QFile &out, qint64 from, qint64 to, std::vector<char> &buffer, Edit edit)
{
    if (!in.seek(from))
        fail(QStringLiteral("cannot seek"), in);
    for (qint64 at = from; at < to;) {
        const qint64 n = in.read(buffer.data(), qMin<qint64>(qint64(buffer.size()), to - at));
        if (n <= 0)
            fail(QStringLiteral("cannot read"), in);
        edit(buffer.data(), at, n);
        writeAllOrThrow(out, buffer.data(), n);
        at += n;
    }
}

} // namespace

void writeEditedCopy(const QString &source, const QString &target, qint64 size)
{
    QFile in(source), out(target);
    if (!in.open(QIODevice::ReadOnly))
        fail(QStringLiteral("cannot open"), in);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        fail(QStringLiteral("cannot create"), out);
    std::vector<char> buffer(static_cast<size_t>(kBlock));
    const qint64 insertAt = size / 3, flipAt = 2 * size / 3;
    auto none = [](char *, qint64, qint64) {};
    copyRange(in, out, 0, insertAt, buffer, none);
    writeAllOrThrow(out, "hubvault-edit", 13);
    copyRange(in, out, insertAt, size, buffer, [&](char *data, qint64 at, qint64 n) {
        for (qint64 i = qMax(at, flipAt); i < qMin(at + n, flipAt + 64); ++i)
            data[i - at] = char(~data[i - at]);
    });
}

void writePrefixCopy(const QString &source, const QString &target, qint64 size)
{
    QFile in(source), out(target);
    if (!in.open(QIODevice::ReadOnly))
        fail(QStringLiteral("cannot open"), in);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        fail(QStringLiteral("cannot create"), out);
    std::vector<char> buffer(static_cast<size_t>(kBlock));
    copyRange(in, out, 0, size, buffer, [](char *, qint64, qint64) {});
}

void settle(const QString &path)
{
    static QString remembered;
    if (!path.isEmpty())
        remembered = path;
    const int fd = remembered.isEmpty() ? -1 : ::open(QFile::encodeName(remembered).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        ::sync();
        return;
    }
    ::syncfs(fd);
    ::close(fd);
}

qint64 treeBytes(const QString &dir)
{
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

qint64 treeFiles(const QString &dir)
{
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++total;
    }
    return total;
}

} // namespace DataGen

} // namespace bench
