// Verified reads of stored file content (see ContentReader.h).
#include "ContentReader.h"

#include <hubvault/Errors.h>
#include "ChunkPipeline.h"
#include "FileStream.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "StoredRange.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace hubvault {

namespace {

// Blobs up to this size are read and hashed in one piece; larger ones stream, hashing
// on a second thread while the next block is read.
constexpr qint64 kInlineBlob = 8 << 20;

QString describe(const FilePayload &file)
{
    return QStringLiteral("file with sha256 %1").arg(file.sha256.left(12));
}

/**
 * Reads a verified range in blocks and hands them to `sink`; a block the sink did not
 * keep is reused for the next one.
 */
void readBlocks(const StoredRange &range, const std::function<void(const QByteArray &)> &sink)
{
    constexpr qint64 kBlock = 1 << 20;
    QByteArray block;
    for (qint64 done = 0; done < range.length();) {
        const qint64 n = qMin(kBlock, range.length() - done);
        if (!block.isDetached())
            block = QByteArray();
        block.resize(n);
        range.readSlice(done, n, block.data());
        sink(block);
        done += n;
    }
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

StoredRange ContentReader::openBlob(const FilePayload &file)
{
    BlobPayload blob;
    const QString dataPath = blobDataPath(file, &blob);
    // Bytes that hash to the blob's payload_sha256 are the file's content only if the two
    // objects agree on it; comparing the records spares hashing the content twice.
    const QStringView recorded(blob.payloadSha256);
    if (!recorded.startsWith(QLatin1String("sha256:")) || recorded.mid(7) != file.sha256)
        throw IntegrityError(QStringLiteral("%1: its blob %2 records another payload_sha256")
                                 .arg(describe(file), file.contentObjectId));
    return StoredRange::blob(*m_session.context().env, dataPath, file.logicalSize, blob.payloadSha256,
                             VerifiedRanges::instance());
}

QList<ChunkLocation> ContentReader::locateChunks(const FilePayload &file, qint64 start, qint64 end)
{
    if (!file.idMatches)
        throw IntegrityError(QStringLiteral("%1: its file object does not match its id; run full verification").arg(describe(file)));
    if (end < 0)
        end = file.logicalSize;
    QList<ChunkLocation> out;
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
        const auto row = m_session.chunk(ref.chunkId);
        if (!row)
            throw IntegrityError(QStringLiteral("chunk missing from index: %1").arg(ref.chunkId));
        if (row->logicalSize != ref.logicalSize)
            throw IntegrityError(QStringLiteral("chunk %1 size in index (%2) differs from the file's (%3)")
                                     .arg(ref.chunkId).arg(row->logicalSize).arg(ref.logicalSize));
        if (row->checksum != ref.checksum)
            throw IntegrityError(QStringLiteral("chunk %1 checksum in index differs from the file's").arg(ref.chunkId));
        if (!row->compression.isEmpty() && row->compression != QLatin1String("none"))
            throw IntegrityError(QStringLiteral("chunk %1 uses unsupported compression '%2'").arg(ref.chunkId, row->compression));
        ChunkLocation location{ref, row->packId, row->offset, m_session.context().packs()};
        location.ref.storedSize = row->storedSize;
        out.append(location);
    }
    if (expectedOffset != file.logicalSize)
        throw IntegrityError(QStringLiteral("chunks of %1 add up to %2 bytes, expected %3")
                                 .arg(describe(file)).arg(expectedOffset).arg(file.logicalSize));
    return out;
}

QByteArray ContentReader::readChunk(const ChunkLocation &location)
{
    return StoredRange::chunk(location, VerifiedRanges::instance()).readVerified();
}

QStringList ContentReader::storedChunkIds(const QStringList &chunkIds)
{
    // Asked of the database, not the shared row cache: ids that a client names, most of
    // them absent, would only crowd out the rows that reads keep there.
    MetadataStore &store = m_session.store();
    QStringList out;
    for (const QString &chunkId : chunkIds) {
        if (store.chunk(chunkId))
            out.append(chunkId);
    }
    return out;
}

QByteArray ContentReader::readStoredChunk(const QString &chunkId)
{
    const auto row = m_session.chunk(chunkId);
    if (!row)
        throw EntryNotFoundError(QStringLiteral("chunk not found: %1").arg(chunkId));
    // The id is the content's hash (§5.4): a row recorded with another checksum would hand
    // out bytes that do not match the id asked for.
    if (row->checksum != chunkId)
        throw IntegrityError(QStringLiteral("chunk %1 is recorded with checksum %2").arg(chunkId, row->checksum));
    if (!row->compression.isEmpty() && row->compression != QLatin1String("none"))
        throw IntegrityError(QStringLiteral("chunk %1 uses unsupported compression '%2'").arg(chunkId, row->compression));
    ChunkRef ref;
    ref.chunkId = chunkId;
    ref.checksum = row->checksum;
    ref.compression = row->compression;
    ref.logicalSize = row->logicalSize;
    ref.storedSize = row->storedSize;
    const RepositoryContext &context = m_session.context();
    return readChunk(ChunkLocation{ref, row->packId, row->offset, context.packs()});
}

QByteArray ContentReader::readAll(const FilePayload &file)
{
    return readRange(file, 0, file.logicalSize);
}

QByteArray ContentReader::readRange(const FilePayload &file, qint64 start, qint64 length)
{
    if (start < 0 || length < 0)
        throw HubVaultValidationError(QStringLiteral("read_range start and length must be non-negative"));
    if (start >= file.logicalSize || length == 0)
        return {};
    const qint64 end = qMin(file.logicalSize, start + length);
    if (!file.isChunked()) {
        // A whole blob is only trusted once all of it was hashed (§5.7); after that, any
        // range of it is read directly.
        StoredRange blob = openBlob(file);
        if (blob.isVerified())
            return blob.readSlice(start, end - start);
        if (blob.length() <= kInlineBlob) {
            const QByteArray all = blob.readVerified();
            return start == 0 && end == all.size() ? all : all.mid(start, end - start);
        }
        QByteArray out;
        out.reserve(end - start);
        qint64 position = 0;
        blob.stream([&](const QByteArray &block) {
            const qint64 from = qMax(start, position), to = qMin(end, position + block.size());
            if (from < to)
                out.append(block.constData() + (from - position), to - from);
            position += block.size();
        });
        return out;
    }
    // Chunks are verified (in parallel when there are several), then only the requested
    // bytes are read, straight into the result.
    QByteArray out(end - start, Qt::Uninitialized);
    const QList<ChunkLocation> chunks = locateChunks(file, start, end);
    ChunkPipeline pipeline(chunks);
    for (const ChunkLocation &chunk : chunks) {
        const auto range = pipeline.next();
        const qint64 from = qMax(start, chunk.ref.logicalOffset);
        const qint64 to = qMin(end, chunk.ref.logicalOffset + chunk.ref.logicalSize);
        range->readSlice(from - chunk.ref.logicalOffset, to - from, out.data() + (from - start));
    }
    return out;
}

void ContentReader::forEachBlock(const FilePayload &file, const std::function<void(const QByteArray &)> &sink,
                                 const TaskControl &task, qint64 doneBefore, qint64 total)
{
    qint64 done = doneBefore;
    auto deliver = [&](const QByteArray &bytes) {
        sink(bytes);
        done += bytes.size();
        task.report(done, total ? total : file.logicalSize, QStringLiteral("read"));
        task.checkCancelled();
    };
    if (!file.isChunked()) {
        openBlob(file).stream(deliver, task);
        return;
    }
    ChunkPipeline pipeline(locateChunks(file));
    while (pipeline.hasNext())
        readBlocks(*pipeline.next(), deliver);
}

void ContentReader::copyTo(const FilePayload &file, QIODevice &out, const TaskControl &task, qint64 doneBefore,
                           qint64 total)
{
    forEachBlock(
        file,
        [&](const QByteArray &bytes) {
            if (out.write(bytes.constData(), bytes.size()) != bytes.size())
                throw HubVaultError(QStringLiteral("cannot write output: %1").arg(out.errorString()));
        },
        task, doneBefore, total);
}

void ContentReader::copyToFile(const FilePayload &file, QFile &out, const TaskControl &task, qint64 doneBefore,
                               qint64 total)
{
    // Everything below writes to the descriptor directly; nothing may sit in QFile's buffer.
    if (!out.flush())
        throw HubVaultError(QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString()));
    const int fd = out.handle();
    qint64 done = doneBefore;
    auto progress = [&](qint64 bytes) {
        done += bytes;
        task.report(done, total ? total : file.logicalSize, QStringLiteral("read"));
        task.checkCancelled();
    };
    auto write = [&](const QByteArray &bytes) {
        writeAllAt(fd, bytes.constData(), bytes.size(), -1, out.fileName());
        progress(bytes.size());
    };
    if (!file.isChunked()) {
        StoredRange blob = openBlob(file);
        if (blob.isVerified()) {
            blob.file().copyTo(fd, 0, blob.length());
            progress(blob.length());
        } else {
            blob.stream(write, task);
        }
        return;
    }
    // Each chunk is written at its place by the thread that verifies it (verified ones
    // are copied by the kernel, a reflink where the file system can); this thread only
    // follows them in order.
    const qint64 start = qint64(::lseek(fd, 0, SEEK_CUR));
    ChunkPipeline pipeline(locateChunks(file));
    pipeline.writeInto(fd, -start);
    while (pipeline.hasNext())
        progress(pipeline.next()->length());
    ::lseek(fd, start + file.logicalSize, SEEK_SET);
}

std::unique_ptr<QIODevice> ContentReader::openStream(const FilePayload &file)
{
    if (file.isChunked())
        return std::make_unique<FileStream>(locateChunks(file), file.logicalSize);
    // Verify the whole blob once up front (a streaming pass, no buffering) unless this
    // process already did, then serve reads from the same open file.
    auto blob = std::make_shared<StoredRange>(openBlob(file));
    if (!blob->isVerified())
        blob->stream([](const QByteArray &) {});
    return std::make_unique<FileStream>(std::move(blob));
}

} // namespace hubvault
