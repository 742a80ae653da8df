// Verified access to a chunk in a pack or a blob's data file (see StoredRange.h).
#include "StoredRange.h"

#include <hubvault/Errors.h>
#include "BufferPool.h"
#include "ContentReader.h"
#include "Hash.h"
#include "WorkerLane.h"
#include "objectstore/PackStorage.h"

#include <cstring>

namespace hubvault {

namespace {

const QByteArray kPackMagic("hubvault-pack/v1\n");

VerifiedRanges::Digest digestOf(const QString &checksum, const QString &what)
{
    VerifiedRanges::Digest digest{};
    if (!VerifiedRanges::parseDigest(checksum, &digest))
        throw IntegrityError(QStringLiteral("%1 has a malformed sha256 '%2'").arg(what, checksum));
    return digest;
}

bool sameDigest(const QByteArray &raw, const VerifiedRanges::Digest &digest)
{
    return raw.size() == qsizetype(digest.size()) && std::memcmp(raw.constData(), digest.data(), digest.size()) == 0;
}

/** Checks the 17-byte magic once per pack version; the record remembers it was right. */
void checkPackMagic(const RandomAccessFile &pack, VerifiedRanges &record)
{
    static const VerifiedRanges::Digest magicDigest = [] {
        VerifiedRanges::Digest d{};
        VerifiedRanges::parseDigest(QByteArrayView(Hash::sha256Hex(kPackMagic)), &d);
        return d;
    }();
    if (record.contains(pack.identity(), 0, kPackMagic.size(), magicDigest))
        return;
    if (pack.readAt(0, kPackMagic.size()) != kPackMagic)
        throw IntegrityError(QStringLiteral("pack %1 does not start with the hubvault-pack/v1 magic").arg(pack.path()));
    record.insert(pack.identity(), 0, kPackMagic.size(), magicDigest);
    if (&record != &VerifiedRanges::instance())
        VerifiedRanges::instance().insert(pack.identity(), 0, kPackMagic.size(), magicDigest);
}

} // namespace

StoredRange::StoredRange(std::shared_ptr<RandomAccessFile> file, qint64 offset, qint64 length,
                         const VerifiedRanges::Digest &digest, QString chunkId, VerifiedRanges &record)
    : m_record(&record), m_file(std::move(file)), m_offset(offset), m_length(length), m_digest(digest),
      m_chunkId(std::move(chunkId))
{
    m_verified = record.contains(m_file->identity(), m_offset, m_length, m_digest);
}

StoredRange StoredRange::chunk(const ChunkLocation &location, VerifiedRanges &record)
{
    VerifiedRanges::Digest digest{};
    if (!VerifiedRanges::parseDigest(location.ref.checksum, &digest))
        throw IntegrityError(QStringLiteral("chunk %1 in %2 has a malformed sha256 '%3'")
                                 .arg(location.ref.chunkId, location.packs->describe(location.packId), location.ref.checksum));
    if (location.ref.storedSize != location.ref.logicalSize)
        throw IntegrityError(QStringLiteral("chunk %1 has %2 bytes, expected %3")
                                 .arg(location.ref.chunkId).arg(location.ref.storedSize).arg(location.ref.logicalSize));
    const qint64 end = location.offset + location.ref.storedSize;
    if (location.offset < kPackMagic.size() || end < location.offset)
        throw IntegrityError(QStringLiteral("chunk range [%1, %2) lies outside pack %3")
                                 .arg(location.offset).arg(end).arg(location.packs->describe(location.packId)));
    // Verify runs (a record of their own) check the store's bytes, not a cached copy.
    const bool verifyRun = &record != &VerifiedRanges::instance();
    objectstore::PackStorage::ChunkSource source = location.packs->openChunk(location, verifyRun);
    if (source.wholePack) {
        const qint64 packSize = source.file->identity().size;
        if (end > packSize)
            throw IntegrityError(QStringLiteral("chunk range [%1, %2) lies outside pack %3 (%4 bytes)")
                                     .arg(location.offset).arg(end).arg(source.file->path()).arg(packSize));
        checkPackMagic(*source.file, record);
    } else if (source.file->identity().size != location.ref.storedSize) {
        throw IntegrityError(QStringLiteral("chunk %1 in %2 is %3 bytes, expected %4")
                                 .arg(location.ref.chunkId, source.file->path()).arg(source.file->identity().size).arg(location.ref.storedSize));
    }
    return StoredRange(std::move(source.file), source.offset, location.ref.storedSize, digest, location.ref.chunkId, record);
}

StoredRange StoredRange::blob(const Env &env, const QString &dataPath, qint64 size, const QString &payloadSha256,
                              VerifiedRanges &record)
{
    const VerifiedRanges::Digest digest = digestOf(payloadSha256, QStringLiteral("blob data %1").arg(dataPath));
    std::shared_ptr<RandomAccessFile> data;
    try {
        data = env.openRandomAccess(dataPath);
    } catch (const HubVaultError &) {
        if (!env.stat(dataPath, true).isFile)
            throw IntegrityError(QStringLiteral("blob data file is missing: %1").arg(dataPath));
        throw;
    }
    if (data->identity().size != size)
        throw IntegrityError(QStringLiteral("blob data %1 is %2 bytes, expected %3").arg(dataPath).arg(data->identity().size).arg(size));
    return StoredRange(std::move(data), 0, size, digest, QString(), record);
}

QString StoredRange::label() const
{
    return m_chunkId.isEmpty() ? QStringLiteral("blob data %1").arg(m_file->path())
                               : QStringLiteral("chunk %1 in %2").arg(m_chunkId, m_file->path());
}

void StoredRange::mismatch() const
{
    throw IntegrityError(m_chunkId.isEmpty() ? label() + QStringLiteral(" does not match its recorded payload_sha256")
                                             : label() + QStringLiteral(" does not match its checksum"));
}

void StoredRange::markVerified()
{
    m_record->insert(m_file->identity(), m_offset, m_length, m_digest);
    if (m_record != &VerifiedRanges::instance())
        VerifiedRanges::instance().insert(m_file->identity(), m_offset, m_length, m_digest);
    m_verified = true;
}

void StoredRange::checkDigest(const QByteArray &rawSha256)
{
    if (!sameDigest(rawSha256, m_digest))
        mismatch();
    markVerified();
}

void StoredRange::readSlice(qint64 from, qint64 length, char *out) const
{
    if (m_file->readAt(m_offset + from, out, length) != length)
        throw IntegrityError(QStringLiteral("%1 is truncated at offset %2").arg(m_file->path()).arg(m_offset + from));
}

QByteArray StoredRange::readSlice(qint64 from, qint64 length) const
{
    QByteArray out(length, Qt::Uninitialized);
    readSlice(from, length, out.data());
    return out;
}

void StoredRange::verify()
{
    verifyInto(-1, 0);
}

void StoredRange::verifyInto(int outFd, qint64 outOffset)
{
    if (m_verified) {
        if (outFd >= 0)
            m_file->copyTo(outFd, m_offset, m_length, outOffset);
        return;
    }
    // Blocks small enough to stay in the CPU's cache from the read through the hash to the
    // write, in a buffer each thread keeps: a fresh multi-megabyte buffer per chunk would
    // cost a page fault per 4 KiB, which in a VM is more than hashing the bytes.
    constexpr qint64 kBlock = 256 << 10;
    thread_local std::unique_ptr<char[]> buffer(new char[kBlock]);
    Hash sha(Hash::Algorithm::Sha256);
    const QString copyLabel = outFd >= 0 ? QStringLiteral("a copy of ") + label() : QString();
    for (qint64 done = 0; done < m_length;) {
        const qint64 n = qMin(kBlock, m_length - done);
        readSlice(done, n, buffer.get());
        sha.add(QByteArrayView(buffer.get(), n));
        if (outFd >= 0)
            writeAllAt(outFd, buffer.get(), n, outOffset + done, copyLabel);
        done += n;
    }
    if (!sameDigest(sha.result(), m_digest))
        mismatch();
    markVerified();
}

QByteArray StoredRange::readVerified()
{
    // Read once: the bytes handed out are the bytes hashed.
    QByteArray out = readSlice(0, m_length);
    if (!m_verified) {
        Hash sha(Hash::Algorithm::Sha256);
        sha.add(out);
        checkDigest(sha.result());
    }
    return out;
}

void StoredRange::stream(const std::function<void(const QByteArray &)> &sink, const TaskControl &task, qint64 block)
{
    // Reading the next block overlaps with hashing the previous one on a lane; the lane
    // hands each block back for reuse once hashed. Declared before the lane, so they
    // outlive any task it still runs while an error unwinds.
    BufferPool buffers(4);
    Hash sha(Hash::Algorithm::Sha256);
    std::unique_ptr<WorkerLane> lane;
    const bool hash = !m_verified;
    if (hash && m_length > block)
        lane = std::make_unique<WorkerLane>();
    for (qint64 done = 0; done < m_length;) {
        QByteArray bytes = buffers.take(qMin(block, m_length - done));
        readSlice(done, bytes.size(), bytes.data());
        sink(bytes);
        done += bytes.size();
        if (!hash) {
            buffers.give(std::move(bytes));
        } else if (lane) {
            if (lane->backlog() > 2)
                lane->drain();
            lane->post([&sha, &buffers, bytes = std::move(bytes)]() mutable {
                sha.add(bytes);
                buffers.give(std::move(bytes));
            });
        } else {
            sha.add(bytes);
        }
        task.checkCancelled();
    }
    if (!hash)
        return;
    if (lane)
        lane->drain();
    if (!sameDigest(sha.result(), m_digest))
        mismatch();
    markVerified();
}

} // namespace hubvault
