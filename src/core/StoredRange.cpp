// Verified access to a chunk in a pack or a blob's data file (see StoredRange.h).
#include "StoredRange.h"

#include "ContentReader.h"
#include "Errors.h"
#include "Hash.h"
#include "WorkerLane.h"

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
                         const VerifiedRanges::Digest &digest, QString label, QString mismatch, VerifiedRanges &record)
    : m_record(&record), m_file(std::move(file)), m_offset(offset), m_length(length), m_digest(digest), m_label(std::move(label)),
      m_mismatch(std::move(mismatch))
{
    m_verified = record.contains(m_file->identity(), m_offset, m_length, m_digest);
}

StoredRange StoredRange::chunk(const Env &env, const ChunkLocation &location, VerifiedRanges &record)
{
    const QString label = QStringLiteral("chunk %1 in %2").arg(location.ref.chunkId, location.packPath);
    const VerifiedRanges::Digest digest = digestOf(location.ref.checksum, label);
    if (location.ref.storedSize != location.ref.logicalSize)
        throw IntegrityError(QStringLiteral("chunk %1 has %2 bytes, expected %3")
                                 .arg(location.ref.chunkId).arg(location.ref.storedSize).arg(location.ref.logicalSize));
    std::shared_ptr<RandomAccessFile> pack;
    try {
        pack = env.openRandomAccess(location.packPath);
    } catch (const HubVaultError &) {
        if (!env.stat(location.packPath, true).isFile)
            throw IntegrityError(QStringLiteral("pack file is missing: %1").arg(location.packPath));
        throw;
    }
    const qint64 packSize = pack->identity().size;
    const qint64 end = location.offset + location.ref.storedSize;
    if (location.offset < kPackMagic.size() || end > packSize || end < location.offset)
        throw IntegrityError(QStringLiteral("chunk range [%1, %2) lies outside pack %3 (%4 bytes)")
                                 .arg(location.offset).arg(end).arg(location.packPath).arg(packSize));
    checkPackMagic(*pack, record);
    return StoredRange(std::move(pack), location.offset, location.ref.storedSize, digest, label,
                       QStringLiteral("chunk %1 in %2 does not match its checksum").arg(location.ref.chunkId, location.packPath),
                       record);
}

StoredRange StoredRange::blob(const Env &env, const QString &dataPath, qint64 size, const QString &payloadSha256,
                              VerifiedRanges &record)
{
    const QString label = QStringLiteral("blob data %1").arg(dataPath);
    const VerifiedRanges::Digest digest = digestOf(payloadSha256, label);
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
    return StoredRange(std::move(data), 0, size, digest, label,
                       QStringLiteral("blob data %1 does not match its recorded payload_sha256").arg(dataPath), record);
}

void StoredRange::mismatch() const
{
    throw IntegrityError(m_mismatch);
}

void StoredRange::markVerified()
{
    m_record->insert(m_file->identity(), m_offset, m_length, m_digest);
    if (m_record != &VerifiedRanges::instance())
        VerifiedRanges::instance().insert(m_file->identity(), m_offset, m_length, m_digest);
    m_verified = true;
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

QByteArray StoredRange::readVerified()
{
    QByteArray bytes = readSlice(0, m_length);
    if (!m_verified) {
        Hash sha(Hash::Algorithm::Sha256);
        sha.add(bytes);
        if (!sameDigest(sha.result(), m_digest))
            mismatch();
        markVerified();
    }
    return bytes;
}

void StoredRange::stream(const std::function<void(const QByteArray &)> &sink, const TaskControl &task, qint64 block)
{
    // Reading the next block overlaps with hashing the previous one; blocks are shared
    // arrays, so the lane keeps each alive until it is hashed. The backlog stays small.
    Hash sha(Hash::Algorithm::Sha256);
    std::unique_ptr<WorkerLane> lane;
    const bool hash = !m_verified;
    if (hash && m_length > block)
        lane = std::make_unique<WorkerLane>();
    for (qint64 done = 0; done < m_length;) {
        const QByteArray bytes = readSlice(done, qMin(block, m_length - done));
        if (hash) {
            if (lane) {
                if (lane->backlog() > 2)
                    lane->drain();
                lane->post([&sha, bytes] { sha.add(bytes); });
            } else {
                sha.add(bytes);
            }
        }
        sink(bytes);
        done += bytes.size();
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
