// PackWriter (docs/format.md §5.5), used directly, and the pack readers of ContentReader:
// the 17-byte magic, absolute offsets of appended chunks, early writeback of large
// packs, finish() fsyncing and closing the file, refusing to overwrite an existing file;
// reading back raw pack ranges / readChunk, including the bounds check (before the
// magic, past EOF), a damaged magic, a missing pack, and size/checksum mismatches — all
// IntegrityError.

#include "InternalTestSupport.h"

#include <hubvault/Errors.h>
#include "ContentReader.h"
#include "Hash.h"
#include "PackWriter.h"
#include "StoredRange.h"
#include "objectstore/PackStorage.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
namespace ut = hubvault::utest;
using ut::integrityMessage;

namespace {

/** The real environment, recording the calls PackWriter makes. */
class RecordingEnv : public Env {
public:
    mutable QStringList created;
    mutable QStringList synced;
    mutable QList<QPair<qint64, qint64>> writebacks;
    mutable bool wasOpenWhenSynced = false;

    std::unique_ptr<QFile> createFile(const QString &path) const override
    {
        created.append(path);
        return Env::createFile(path);
    }
    void syncFile(QFile &file) const override
    {
        synced.append(file.fileName());
        wasOpenWhenSynced = file.isOpen();
        Env::syncFile(file);
    }
    void startWriteback(QFile &file, qint64 offset, qint64 length) const override
    {
        writebacks.append({offset, length});
        Env::startWriteback(file, offset, length);
    }
};

/** Every new file is /dev/full: writes fail with ENOSPC, like a full disk. */
class FullDiskEnv : public Env {
public:
    std::unique_ptr<QFile> createFile(const QString &) const override
    {
        auto file = std::make_unique<QFile>(QStringLiteral("/dev/full"));
        if (!file->open(QIODevice::WriteOnly | QIODevice::Unbuffered))
            throw HubVaultError(QStringLiteral("cannot open /dev/full"));
        return file;
    }
};

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/**
 * Raw bytes of a pack range through StoredRange, which checks the pack's existence, magic
 * and bounds when it opens a range (any range, not only a chunk's).
 */
/** <dir>/chunks/packs/<name>.pack, where a repository rooted at `dir` keeps its packs. */
QString packFile(const QTemporaryDir &dir, const char *name)
{
    QDir(dir.path()).mkpath(QStringLiteral("chunks/packs"));
    return dir.filePath(QStringLiteral("chunks/packs/%1.pack").arg(QLatin1String(name)));
}

/** The pack storage of the repository folder that holds `pack` in its chunks/packs/. */
void placeIn(ChunkLocation &location, const QString &pack)
{
    const QFileInfo info(pack);
    location.packId = info.completeBaseName();
    location.packs = std::make_shared<objectstore::PackStorage>(Env::system(), QDir::cleanPath(info.absolutePath() + QStringLiteral("/../..")));
}

QByteArray packBytes(const Env &, const QString &pack, qint64 offset, qint64 size)
{
    ChunkLocation where;
    placeIn(where, pack);
    where.offset = offset;
    where.ref.chunkId = where.ref.checksum = QStringLiteral("sha256:") + QString(64, QLatin1Char('0'));
    where.ref.logicalSize = where.ref.storedSize = size;
    VerifiedRanges nothingVerified;
    return StoredRange::chunk(where, nothingVerified).readSlice(0, size);
}

ChunkLocation location(const QString &pack, qint64 offset, const QByteArray &chunk)
{
    ChunkLocation loc;
    placeIn(loc, pack);
    loc.offset = offset;
    loc.ref.chunkId = Hash::prefixedSha256(chunk);
    loc.ref.checksum = loc.ref.chunkId;
    loc.ref.compression = QStringLiteral("none");
    loc.ref.logicalSize = chunk.size();
    loc.ref.storedSize = chunk.size();
    return loc;
}


} // namespace

class TstPackWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void magicBytes();
    void offsetsAndLayout();
    void finishSyncsAndCloses();
    void writebackOfLargePacks();
    void refusesExistingFile();
    void writeFailureIsReported();
    void readBackChunks();
    void readBoundsAreChecked();
    void damagedMagic();
    void missingAndTruncatedPack();
    void readChunkChecksSizeAndChecksum();
};

void TstPackWriter::magicBytes()
{
    QCOMPARE(PackWriter::kMagic.size(), 17);
    QCOMPARE(PackWriter::kMagic.toHex(' '), QByteArray("68 75 62 76 61 75 6c 74 2d 70 61 63 6b 2f 76 31 0a"));
    QTemporaryDir tmp;
    const QString path = packFile(tmp, "empty");
    PackWriter writer(*Env::system(), path);
    QCOMPARE(writer.size(), 17);
    QCOMPARE(writer.path(), path);
    writer.finish();
    // A pack without chunks is just the magic.
    QCOMPARE(fileBytes(path), QByteArray("hubvault-pack/v1\n"));
}

void TstPackWriter::offsetsAndLayout()
{
    QTemporaryDir tmp;
    const QString path = packFile(tmp, "p");
    PackWriter writer(*Env::system(), path);
    const QByteArray a("first chunk"), b(1000, 'b'), c = ut::sha256Hex("c").toLatin1();
    QCOMPARE(writer.append(a), 17);
    QCOMPARE(writer.append(b), 17 + a.size());
    QCOMPARE(writer.append(QByteArray()), 17 + a.size() + b.size()); // empty: offset, no bytes
    QCOMPARE(writer.append(c), 17 + a.size() + b.size());
    QCOMPARE(writer.size(), 17 + a.size() + b.size() + c.size());
    writer.finish();
    // No headers, lengths, padding or trailer: magic then the bytes back to back.
    QCOMPARE(fileBytes(path), PackWriter::kMagic + a + b + c);
}

void TstPackWriter::finishSyncsAndCloses()
{
    QTemporaryDir tmp;
    const QString path = packFile(tmp, "s");
    RecordingEnv env;
    {
        PackWriter writer(env, path);
        writer.append("data");
        QCOMPARE(env.created, QStringList{path});
        QVERIFY(env.synced.isEmpty());
        writer.finish();
        QCOMPARE(env.synced, QStringList{path});
        QVERIFY(env.wasOpenWhenSynced); // fsync happens on the open file, before close
        QVERIFY(env.writebacks.isEmpty()); // small packs need no early writeback
    }
    // The file is complete and no longer held open for writing.
    QCOMPARE(fileBytes(path), PackWriter::kMagic + "data");
    QFile check(path);
    QVERIFY(check.open(QIODevice::ReadOnly));
}

void TstPackWriter::writebackOfLargePacks()
{
    QTemporaryDir tmp;
    RecordingEnv env;
    PackWriter writer(env, packFile(tmp, "big"));
    const QByteArray block(3 << 20, 'x');
    for (int i = 0; i < 6; ++i)
        writer.append(block); // 18 MiB + 17 bytes
    writer.finish();
    // Every 8 MiB written is handed to the kernel once, contiguously, from the start.
    QVERIFY(env.writebacks.size() >= 2);
    qint64 expectedFrom = 0;
    for (const auto &[offset, length] : std::as_const(env.writebacks)) {
        QCOMPARE(offset, expectedFrom);
        QVERIFY(length >= (8 << 20));
        expectedFrom = offset + length;
    }
    QVERIFY(expectedFrom <= writer.size());
    QCOMPARE(QFileInfo(writer.path()).size(), 17 + 6 * block.size());
}

void TstPackWriter::refusesExistingFile()
{
    QTemporaryDir tmp;
    const QString path = packFile(tmp, "taken");
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("someone else's bytes");
    }
    try {
        PackWriter writer(*Env::system(), path);
        QFAIL("PackWriter overwrote an existing file");
    } catch (const HubVaultError &e) {
        QVERIFY2(e.message().contains(path), qPrintable(e.message()));
    }
    QCOMPARE(fileBytes(path), QByteArray("someone else's bytes"));
    // Nor into a directory that does not exist.
    QVERIFY_THROWS_EXCEPTION(HubVaultError, PackWriter(*Env::system(), tmp.filePath(QStringLiteral("no/such/dir.pack"))));
}

void TstPackWriter::writeFailureIsReported()
{
    if (!QFileInfo::exists(QStringLiteral("/dev/full")))
        QSKIP("no /dev/full on this system");
    QTemporaryDir tmp;
    FullDiskEnv env;
    const QString path = packFile(tmp, "full");
    try {
        PackWriter writer(env, path);
        writer.append(QByteArray(1 << 20, 'z'));
        writer.finish();
        QFAIL("writing a pack to a full disk succeeded");
    } catch (const HubVaultError &e) {
        // The error names the pack and tells what to do.
        QVERIFY2(e.message().contains(QLatin1String("cannot write pack")) && e.message().contains(path)
                     && e.message().contains(QLatin1String("free some disk space")),
                 qPrintable(e.message()));
    }
}

void TstPackWriter::readBackChunks()
{
    QTemporaryDir tmp;
    const QString path = packFile(tmp, "r");
    PackWriter writer(*Env::system(), path);
    const QList<QByteArray> chunks{"alpha", QByteArray(4096, '\0'), "omega\n", QByteArray("\xff\xfe", 2)};
    QList<qint64> offsets;
    for (const QByteArray &c : chunks)
        offsets.append(writer.append(c));
    writer.finish();
    const Env &env = *Env::system();
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        QCOMPARE(packBytes(env, path, offsets.at(i), chunks.at(i).size()), chunks.at(i));
        QCOMPARE(ContentReader::readChunk(location(path, offsets.at(i), chunks.at(i))), chunks.at(i));
    }
    // Any in-bounds range reads, also across chunk borders and up to EOF.
    QCOMPARE(packBytes(env, path, 17, 7), QByteArray("alpha") + QByteArray(2, '\0'));
    QCOMPARE(packBytes(env, path, writer.size() - 2, 2), QByteArray("\xff\xfe", 2));
    QCOMPARE(packBytes(env, path, writer.size(), 0), QByteArray());
}

void TstPackWriter::readBoundsAreChecked()
{
    QTemporaryDir tmp;
    const QString path = packFile(tmp, "b");
    PackWriter writer(*Env::system(), path);
    writer.append("0123456789");
    writer.finish();
    const Env &env = *Env::system();
    // A range may not start inside the magic ...
    QString message = integrityMessage([&] { packBytes(env, path, 16, 2); });
    QVERIFY2(message.contains(QLatin1String("outside pack")), qPrintable(message));
    QVERIFY(message.contains(path));
    message = integrityMessage([&] { packBytes(env, path, 0, 17); });
    QVERIFY2(message.contains(QLatin1String("outside pack")), qPrintable(message));
    // ... nor end past EOF.
    message = integrityMessage([&] { packBytes(env, path, 17, 11); });
    QVERIFY2(message.contains(QLatin1String("[17, 28)")) && message.contains(QLatin1String("27 bytes")), qPrintable(message));
    message = integrityMessage([&] { packBytes(env, path, 28, 0); });
    QVERIFY2(message.contains(QLatin1String("outside pack")), qPrintable(message));
    // The last byte exactly is fine.
    QCOMPARE(packBytes(env, path, 26, 1), QByteArray("9"));
}

void TstPackWriter::damagedMagic()
{
    QTemporaryDir tmp;
    const QString path = packFile(tmp, "m");
    {
        PackWriter writer(*Env::system(), path);
        writer.append("payload bytes");
        writer.finish();
    }
    QByteArray bytes = fileBytes(path);
    bytes[15] = '2'; // "hubvault-pack/v2\n"
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }
    const QString message = integrityMessage([&] { packBytes(*Env::system(), path, 17, 7); });
    QVERIFY2(message.contains(QLatin1String("magic")) && message.contains(path), qPrintable(message));
    const QByteArray chunk("payload bytes");
    QVERIFY(integrityMessage([&] { ContentReader::readChunk(location(path, 17, chunk)); }).contains(QLatin1String("magic")));
}

void TstPackWriter::missingAndTruncatedPack()
{
    QTemporaryDir tmp;
    const QString missing = packFile(tmp, "gone");
    QString message = integrityMessage([&] { packBytes(*Env::system(), missing, 17, 1); });
    QVERIFY2(message.contains(QLatin1String("missing")) && message.contains(missing), qPrintable(message));

    // A pack cut short after it was written: the recorded range is now past EOF.
    const QString path = packFile(tmp, "cut");
    qint64 offset = 0;
    const QByteArray chunk(300, 'q');
    {
        PackWriter writer(*Env::system(), path);
        offset = writer.append(chunk);
        writer.finish();
    }
    QVERIFY(QFile::resize(path, 100));
    message = integrityMessage([&] { ContentReader::readChunk(location(path, offset, chunk)); });
    QVERIFY2(message.contains(QLatin1String("outside pack")), qPrintable(message));
    // A directory where the pack should be.
    QVERIFY(QDir().mkpath(packFile(tmp, "dir")));
    message = integrityMessage([&] { packBytes(*Env::system(), packFile(tmp, "dir"), 17, 1); });
    QVERIFY2(message.contains(QLatin1String("missing")), qPrintable(message));
}

void TstPackWriter::readChunkChecksSizeAndChecksum()
{
    QTemporaryDir tmp;
    const QString path = packFile(tmp, "c");
    const QByteArray a("chunk number one"), b("chunk number two");
    qint64 offA = 0, offB = 0;
    {
        PackWriter writer(*Env::system(), path);
        offA = writer.append(a);
        offB = writer.append(b);
        writer.finish();
    }
    const Env &env = *Env::system();
    // Wrong checksum (the location of a but b's checksum).
    ChunkLocation wrongSum = location(path, offA, a);
    wrongSum.ref.checksum = Hash::prefixedSha256(b);
    QString message = integrityMessage([&] { ContentReader::readChunk(wrongSum); });
    QVERIFY2(message.contains(QLatin1String("does not match its checksum")), qPrintable(message));
    // Stored size differing from the logical size.
    ChunkLocation wrongSize = location(path, offA, a);
    wrongSize.ref.storedSize = a.size() - 1;
    message = integrityMessage([&] { ContentReader::readChunk(wrongSize); });
    QVERIFY2(message.contains(QStringLiteral("has %1 bytes, expected %2").arg(a.size() - 1).arg(a.size())), qPrintable(message));
    // A flipped byte inside the pack.
    QByteArray bytes = fileBytes(path);
    bytes[offB + 3] = bytes[offB + 3] ^ 0x20;
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }
    QCOMPARE(ContentReader::readChunk(location(path, offA, a)), a);
    message = integrityMessage([&] { ContentReader::readChunk(location(path, offB, b)); });
    QVERIFY2(message.contains(QLatin1String("does not match its checksum")) && message.contains(path), qPrintable(message));
    // A raw range does not know checksums: it returns the damaged bytes.
    QCOMPARE(packBytes(env, path, offB, b.size()).size(), b.size());
}

QTEST_GUILESS_MAIN(TstPackWriter)
#include "tst_pack_writer.moc"
