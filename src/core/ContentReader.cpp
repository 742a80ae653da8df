#include "ContentReader.h"

#include "Errors.h"
#include "Hash.h"
#include "WorkerLane.h"
#include "ObjectCodec.h"
#include "RepoSession.h"
#include "RepositoryContext.h"

#include <QBuffer>
#include <QFile>

namespace hubvault {

namespace {

constexpr qint64 kBlockSize = 1 << 20;
const QByteArray kPackMagic("hubvault-pack/v1\n");

/**
 * Hashes content the way a file payload records it (SHA-256, and the Git blob OID for
 * whole blobs) and verifies chunk checksums, on background lanes. Blocks are shared
 * QByteArrays, so queued work keeps them alive; the backlog is bounded.
 */
class ParallelDigest {
public:
    explicit ParallelDigest(const FilePayload &file)
        : m_hashGit(!file.isChunked()), m_parallel(file.logicalSize >= kParallelFrom)
    {
        if (m_parallel) {
            m_contentLane = std::make_unique<WorkerLane>();
            m_checkLane = std::make_unique<WorkerLane>();
        }
        if (m_hashGit)
            m_sha1.add(ObjectCodec::gitBlobHeader(file.logicalSize));
    }
    ~ParallelDigest()
    {
        drain(m_contentLane);
        drain(m_checkLane);
    }
    void add(const QByteArray &data)
    {
        throttle();
        run(m_contentLane, [this, data] { m_sha256.add(data); });
        if (m_hashGit)
            run(m_checkLane, [this, data] { m_sha1.add(data); });
        m_size += data.size();
    }
    /** Queues the chunk's checksum check; a mismatch is reported by check(). */
    void verifyChunk(const QByteArray &data, const ChunkLocation &location)
    {
        run(m_checkLane, [this, data, id = location.ref.chunkId, sum = location.ref.checksum, pack = location.packPath] {
            if (Hash::prefixedSha256(data) != sum && m_chunkError.isEmpty())
                m_chunkError = QStringLiteral("chunk %1 in %2 does not match its checksum").arg(id, pack);
        });
    }
    QString sha256()
    {
        if (m_sha256Hex.isEmpty()) {
            drain(m_contentLane);
            m_sha256Hex = QString::fromLatin1(m_sha256.hexResult());
        }
        return m_sha256Hex;
    }
    /** Throws IntegrityError naming the first recorded fact the bytes contradict. */
    void check(const FilePayload &file, const QString &what)
    {
        drain(m_checkLane);
        if (!m_chunkError.isEmpty())
            throw IntegrityError(m_chunkError);
        if (m_size != file.logicalSize)
            throw IntegrityError(QStringLiteral("%1: content is %2 bytes, expected %3").arg(what).arg(m_size).arg(file.logicalSize));
        const QString sha = sha256();
        if (sha != file.sha256)
            throw IntegrityError(QStringLiteral("%1: content sha256 mismatch").arg(what));
        if (m_hashGit) {
            if (QString::fromLatin1(m_sha1.hexResult()) != file.oid)
                throw IntegrityError(QStringLiteral("%1: git blob oid mismatch").arg(what));
        } else {
            const QByteArray pointer = ObjectCodec::lfsPointer(sha, file.logicalSize);
            if (ObjectCodec::gitBlobOid(pointer) != file.oid)
                throw IntegrityError(QStringLiteral("%1: LFS pointer oid mismatch").arg(what));
            if (file.pointerSize && *file.pointerSize != pointer.size())
                throw IntegrityError(QStringLiteral("%1: pointer_size mismatch").arg(what));
            if (file.etag != file.sha256)
                throw IntegrityError(QStringLiteral("%1: etag does not equal sha256").arg(what));
        }
    }

private:
    // Small files are hashed inline: threads would cost more than they save.
    static constexpr qint64 kParallelFrom = 8 << 20;

    static void run(const std::unique_ptr<WorkerLane> &lane, std::function<void()> task)
    {
        if (lane)
            lane->post(std::move(task));
        else
            task();
    }
    static void drain(const std::unique_ptr<WorkerLane> &lane)
    {
        if (lane)
            lane->drain();
    }
    void throttle()
    {
        // At most a few blocks or chunks in flight: memory stays bounded.
        for (const auto *lane : {&m_contentLane, &m_checkLane}) {
            if (*lane && (*lane)->backlog() > 3)
                (*lane)->drain();
        }
    }

    Hash m_sha256{Hash::Algorithm::Sha256};
    Hash m_sha1{Hash::Algorithm::Sha1};
    QString m_sha256Hex;
    QString m_chunkError; // written by the check lane, read after draining it
    bool m_hashGit = false;
    bool m_parallel = false;
    qint64 m_size = 0;
    std::unique_ptr<WorkerLane> m_contentLane; // declared last: destroyed (joined) first
    std::unique_ptr<WorkerLane> m_checkLane;
};

/** A write-only device that keeps only the bytes of [start, end) of what passes through. */
class RangeCollector : public QIODevice {
public:
    RangeCollector(qint64 start, qint64 end) : m_start(start), m_end(end) { open(QIODevice::WriteOnly); }
    QByteArray take() { return std::move(m_bytes); }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        const qint64 from = qMax(m_start, m_pos), to = qMin(m_end, m_pos + size);
        if (from < to)
            m_bytes.append(data + (from - m_pos), to - from);
        m_pos += size;
        return size;
    }

private:
    qint64 m_start, m_end, m_pos = 0;
    QByteArray m_bytes;
};

QString describe(const FilePayload &file)
{
    return QStringLiteral("file with sha256 %1").arg(file.sha256.left(12));
}

} // namespace

QString ContentReader::blobDataPath(const FilePayload &file, BlobPayload *blobOut)
{
    const BlobPayload &blob = m_session.blob(file.contentObjectId);
    if (!blob.compression.isEmpty() && blob.compression != QLatin1String("none"))
        throw IntegrityError(QStringLiteral("blob %1 uses unsupported compression '%2'")
                                 .arg(file.contentObjectId, blob.compression));
    if (blobOut)
        *blobOut = blob;
    return m_session.context().blobDataPath(file.contentObjectId);
}

QByteArray ContentReader::readAll(const FilePayload &file)
{
    QByteArray out;
    out.reserve(file.logicalSize);
    QBuffer::OpenMode mode = QIODevice::WriteOnly;
    QBuffer buffer(&out);
    buffer.open(mode);
    copyTo(file, buffer);
    return out;
}

void ContentReader::copyTo(const FilePayload &file, QIODevice &out, const TaskControl &task, qint64 doneBefore,
                           qint64 total)
{
    // Bytes are written as they are read (callers publish the output only on success)
    // while the hashes run on two other threads; a bounded backlog keeps memory flat.
    const Env &env = *m_session.context().env;
    ParallelDigest digest(file);
    qint64 done = doneBefore;
    auto emit = [&](const QByteArray &data) {
        digest.add(data);
        if (out.write(data.constData(), data.size()) != data.size())
            throw HubVaultError(QStringLiteral("cannot write output: %1").arg(out.errorString()));
        done += data.size();
        task.report(done, total ? total : file.logicalSize, QStringLiteral("read"));
        task.checkCancelled();
    };
    if (!file.isChunked()) {
        BlobPayload blob;
        const QString dataPath = blobDataPath(file, &blob);
        if (!env.stat(dataPath, true).isFile)
            throw IntegrityError(QStringLiteral("blob data file is missing: %1").arg(dataPath));
        auto in = env.openForRead(dataPath);
        while (!in->atEnd()) {
            const QByteArray block = in->read(kBlockSize);
            if (block.isEmpty() && in->error() != QFile::NoError)
                throw HubVaultError(QStringLiteral("cannot read %1: %2").arg(dataPath, in->errorString()));
            emit(block);
        }
        // The blob's payload_sha256 is the SHA-256 of the same bytes (§3.2).
        if (QStringLiteral("sha256:") + digest.sha256() != blob.payloadSha256)
            throw IntegrityError(QStringLiteral("blob data %1 does not match its recorded payload_sha256").arg(dataPath));
    } else {
        for (const ChunkLocation &location : locateChunks(file)) {
            const QByteArray bytes = readPackBytes(env, location.packPath, location.offset, location.ref.storedSize);
            if (bytes.size() != location.ref.logicalSize)
                throw IntegrityError(QStringLiteral("chunk %1 has %2 bytes, expected %3")
                                         .arg(location.ref.chunkId).arg(bytes.size()).arg(location.ref.logicalSize));
            digest.verifyChunk(bytes, location);
            emit(bytes);
        }
    }
    digest.check(file, describe(file));
}

QByteArray ContentReader::readRange(const FilePayload &file, qint64 start, qint64 length)
{
    if (start < 0 || length < 0)
        throw HubVaultValidationError(QStringLiteral("read_range start and length must be non-negative"));
    if (start >= file.logicalSize || length == 0)
        return {};
    const qint64 end = qMin(file.logicalSize, start + length);
    if (!file.isChunked()) {
        // A whole blob is only trusted after hashing all of it (§5.7), but there is no
        // need to keep more than the requested bytes while doing so.
        RangeCollector collector(start, end);
        copyTo(file, collector);
        return collector.take();
    }
    QByteArray out;
    out.reserve(end - start);
    const Env &env = *m_session.context().env;
    for (const ChunkLocation &location : locateChunks(file, start, end)) {
        const qint64 chunkStart = location.ref.logicalOffset;
        const qint64 chunkEnd = chunkStart + location.ref.logicalSize;
        if (chunkEnd <= start || chunkStart >= end)
            continue;
        const QByteArray chunk = readChunk(env, location);
        const qint64 from = qMax(start, chunkStart) - chunkStart;
        const qint64 to = qMin(end, chunkEnd) - chunkStart;
        out.append(chunk.constData() + from, to - from);
    }
    return out;
}

QList<ChunkLocation> ContentReader::locateChunks(const FilePayload &file, qint64 start, qint64 end)
{
    if (end < 0)
        end = file.logicalSize;
    QList<ChunkLocation> out;
    out.reserve(file.chunks.size());
    qint64 expectedOffset = 0;
    for (const ChunkRef &ref : file.chunks) {
        if (!ref.compression.isEmpty() && ref.compression != QLatin1String("none"))
            throw IntegrityError(QStringLiteral("chunk %1 uses unsupported compression '%2'").arg(ref.chunkId, ref.compression));
        if (ref.logicalOffset != expectedOffset)
            throw IntegrityError(QStringLiteral("chunk %1 is not contiguous in its file").arg(ref.chunkId));
        expectedOffset += ref.logicalSize;
        // Only chunks that overlap the requested range are looked up and read (§5.7).
        const bool overlaps = ref.logicalOffset < end && ref.logicalOffset + ref.logicalSize > start;
        if (!overlaps)
            continue;
        const auto row = m_session.store().chunk(ref.chunkId);
        if (!row)
            throw IntegrityError(QStringLiteral("chunk missing from index: %1").arg(ref.chunkId));
        if (row->logicalSize != ref.logicalSize)
            throw IntegrityError(QStringLiteral("chunk %1 size in index (%2) differs from the file's (%3)")
                                     .arg(ref.chunkId).arg(row->logicalSize).arg(ref.logicalSize));
        if (row->checksum != ref.checksum)
            throw IntegrityError(QStringLiteral("chunk %1 checksum in index differs from the file's").arg(ref.chunkId));
        if (!row->compression.isEmpty() && row->compression != QLatin1String("none"))
            throw IntegrityError(QStringLiteral("chunk %1 uses unsupported compression '%2'").arg(ref.chunkId, row->compression));
        ChunkLocation location{ref, m_session.context().packPath(row->packId), row->offset};
        location.ref.storedSize = row->storedSize;
        out.append(location);
    }
    if (expectedOffset != file.logicalSize)
        throw IntegrityError(QStringLiteral("chunks of %1 add up to %2 bytes, expected %3")
                                 .arg(describe(file)).arg(expectedOffset).arg(file.logicalSize));
    return out;
}

QByteArray ContentReader::readPackBytes(const Env &env, const QString &packPath, qint64 offset, qint64 size)
{
    const FileStat st = env.stat(packPath, true);
    if (!st.isFile)
        throw IntegrityError(QStringLiteral("pack file is missing: %1").arg(packPath));
    if (offset < kPackMagic.size() || offset + size > st.size)
        throw IntegrityError(QStringLiteral("chunk range [%1, %2) lies outside pack %3 (%4 bytes)")
                                 .arg(offset).arg(offset + size).arg(packPath).arg(st.size));
    auto in = env.openForRead(packPath);
    if (in->read(kPackMagic.size()) != kPackMagic)
        throw IntegrityError(QStringLiteral("pack %1 does not start with the hubvault-pack/v1 magic").arg(packPath));
    if (!in->seek(offset))
        throw HubVaultError(QStringLiteral("cannot seek in %1: %2").arg(packPath, in->errorString()));
    const QByteArray data = in->read(size);
    if (data.size() != size)
        throw IntegrityError(QStringLiteral("pack %1 is truncated at offset %2").arg(packPath).arg(offset));
    return data;
}

QByteArray ContentReader::readChunk(const Env &env, const ChunkLocation &location)
{
    const QByteArray data = readPackBytes(env, location.packPath, location.offset, location.ref.storedSize);
    if (data.size() != location.ref.logicalSize)
        throw IntegrityError(QStringLiteral("chunk %1 has %2 bytes, expected %3")
                                 .arg(location.ref.chunkId).arg(data.size()).arg(location.ref.logicalSize));
    if (Hash::prefixedSha256(data) != location.ref.checksum)
        throw IntegrityError(QStringLiteral("chunk %1 in %2 does not match its checksum")
                                 .arg(location.ref.chunkId, location.packPath));
    return data;
}

} // namespace hubvault

#include "FileStream.h"

namespace hubvault {

std::unique_ptr<QIODevice> ContentReader::openStream(const FilePayload &file)
{
    const auto &context = m_session.context();
    if (file.isChunked())
        return std::make_unique<FileStream>(context.env, locateChunks(file), file.logicalSize);
    // Verify the whole blob once up front (a streaming pass, no buffering), then serve
    // reads from the same open handle so the verified bytes are the bytes returned.
    const QString dataPath = blobDataPath(file);
    if (!context.env->stat(dataPath, true).isFile)
        throw IntegrityError(QStringLiteral("blob data file is missing: %1").arg(dataPath));
    auto handle = context.env->openForRead(dataPath);
    QFile sink(QStringLiteral("/dev/null"));
    sink.open(QIODevice::WriteOnly);
    copyTo(file, sink);
    handle->seek(0);
    return std::make_unique<FileStream>(std::move(handle), file.logicalSize);
}

} // namespace hubvault
