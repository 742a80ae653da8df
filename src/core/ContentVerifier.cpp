// Content checks of quick and full verify (see ContentVerifier.h).
#include "ContentVerifier.h"

#include "objectstore/PackStorage.h"

#include <hubvault/Errors.h>
#include "BufferPool.h"
#include "ChunkPipeline.h"
#include "Hash.h"
#include "ObjectCodec.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "StoredRange.h"
#include "WorkerLane.h"

namespace hubvault {

namespace {

QString describe(const FilePayload &file)
{
    return QStringLiteral("file with sha256 %1").arg(file.sha256.left(12));
}

} // namespace

void ContentVerifier::progress(qint64 bytes)
{
    m_bytesChecked += bytes;
    m_task.report(m_bytesChecked, 0, QStringLiteral("verify"));
    m_task.checkCancelled();
}

void ContentVerifier::check(const FilePayload &file)
{
    if (file.isChunked())
        checkChunked(file);
    else
        checkBlob(file);
}

void ContentVerifier::checkBlob(const FilePayload &file)
{
    const RepositoryContext &context = m_session.context();
    BlobPayload blob;
    const QString dataPath = ContentReader(m_session).blobDataPath(file, &blob);
    StoredRange data = StoredRange::blob(*context.env, dataPath, file.logicalSize, blob.payloadSha256, m_thisRun);
    // The range's own pass hashes SHA-256 on a second thread; the Git id runs here.
    Hash sha1(Hash::Algorithm::Sha1);
    sha1.add(ObjectCodec::gitBlobHeader(file.logicalSize));
    data.stream(
        [&](const QByteArray &block) {
            sha1.add(block);
            progress(block.size());
        },
        m_task);
    if (blob.payloadSha256 != QStringLiteral("sha256:") + file.sha256)
        throw IntegrityError(QStringLiteral("%1: content sha256 mismatch").arg(describe(file)));
    if (QString::fromLatin1(sha1.hexResult()) != file.oid)
        throw IntegrityError(QStringLiteral("%1: git blob oid mismatch").arg(describe(file)));
}

void ContentVerifier::checkChunked(const FilePayload &file)
{
    // One read of every byte feeds both checks the format needs: this thread hashes the
    // whole file in order while a lane hashes each chunk, side by side on two cores.
    // Chunks this run verified already (shared by several files) are not hashed again.
    const QList<ChunkLocation> chunks = ContentReader(m_session).locateChunks(file);
    const bool anyRemote = std::any_of(chunks.cbegin(), chunks.cend(), [this](const ChunkLocation &c) { return !isLocal(c); });
    if (anyRemote && m_remote == RemoteChunks::Presence) {
        checkRemotePresence(chunks);
        return;
    }
    constexpr qint64 kBlock = 256 << 10;
    BufferPool buffers(8);
    Hash sha256(Hash::Algorithm::Sha256);
    QString chunkProblem; // the first damaged chunk, found on the lane
    WorkerLane lane;      // last: joined before what its tasks use goes away
    qint64 size = 0;
    for (const ChunkLocation &chunk : chunks) {
        auto range = std::make_shared<StoredRange>(StoredRange::chunk(chunk, m_thisRun));
        const auto chunkSha = range->isVerified() ? nullptr : std::make_shared<Hash>(Hash::Algorithm::Sha256);
        for (qint64 done = 0; done < range->length();) {
            QByteArray block = buffers.take(qMin(kBlock, range->length() - done));
            range->readSlice(done, block.size(), block.data());
            sha256.add(block);
            done += block.size();
            if (!chunkSha) {
                buffers.give(std::move(block));
                continue;
            }
            lane.waitBelow(6);
            lane.post([chunkSha, &buffers, block = std::move(block)]() mutable {
                chunkSha->add(block);
                buffers.give(std::move(block));
            });
        }
        if (chunkSha) {
            lane.post([range, chunkSha, &chunkProblem] {
                try {
                    range->checkDigest(chunkSha->result());
                } catch (const IntegrityError &e) {
                    if (chunkProblem.isEmpty())
                        chunkProblem = e.message();
                }
            });
        }
        size += range->length();
        progress(range->length());
    }
    lane.drain();
    if (!chunkProblem.isEmpty())
        throw IntegrityError(chunkProblem);
    if (size != file.logicalSize)
        throw IntegrityError(QStringLiteral("%1: content is %2 bytes, expected %3").arg(describe(file)).arg(size).arg(file.logicalSize));
    const QString sha = QString::fromLatin1(sha256.hexResult());
    if (sha != file.sha256)
        throw IntegrityError(QStringLiteral("%1: content sha256 mismatch").arg(describe(file)));
    const QByteArray pointer = ObjectCodec::lfsPointer(sha, file.logicalSize);
    if (ObjectCodec::gitBlobOid(pointer) != file.oid)
        throw IntegrityError(QStringLiteral("%1: LFS pointer oid mismatch").arg(describe(file)));
    if (file.pointerSize && *file.pointerSize != pointer.size())
        throw IntegrityError(QStringLiteral("%1: pointer_size mismatch").arg(describe(file)));
    if (file.etag != file.sha256)
        throw IntegrityError(QStringLiteral("%1: etag does not equal sha256").arg(describe(file)));
    for (const ChunkLocation &chunk : chunks)
        if (anyRemote && !isLocal(chunk))
            m_remoteChunksDone.insert(chunk.ref.chunkId);
}

bool ContentVerifier::isLocal(const ChunkLocation &chunk)
{
    auto known = m_packIsLocal.constFind(chunk.packId);
    if (known == m_packIsLocal.cend())
        known = m_packIsLocal.insert(chunk.packId, chunk.packs->isLocal(chunk.packId));
    return *known;
}

void ContentVerifier::checkRemotePresence(const QList<ChunkLocation> &chunks)
{
    if (chunks.isEmpty())
        return;
    const auto &packs = *m_session.context().packs();
    const auto store = packs.remote();
    if (!m_remoteSizes) {
        m_remoteSizes.emplace();
        for (const objectstore::StoredPack &pack : store ? store->list() : QList<objectstore::StoredPack>())
            m_remoteSizes->insert(pack.packId, pack.size);
    }
    for (const ChunkLocation &chunk : chunks) {
        if (isLocal(chunk))
            continue;
        auto size = m_remoteSizes->constFind(chunk.packId);
        if (size == m_remoteSizes->cend() && store) {
            // Listings may lag behind writes (Swift); the object itself is authoritative.
            if (const auto described = store->size(chunk.packId))
                size = m_remoteSizes->insert(chunk.packId, *described);
        }
        if (size == m_remoteSizes->cend())
            throw IntegrityError(QStringLiteral("pack object is missing: %1").arg(packs.describe(chunk.packId)));
        const qint64 end = chunk.offset + chunk.ref.storedSize;
        if (*size < end)
            throw IntegrityError(QStringLiteral("%1 is %2 bytes, too short for chunk %3 (which ends at byte %4)")
                                     .arg(packs.describe(chunk.packId)).arg(*size).arg(chunk.ref.chunkId).arg(end));
        progress(chunk.ref.storedSize);
    }
}

QString ContentVerifier::checkChunks(const QList<ChunkLocation> &all)
{
    // Remote chunks the file pass fetched and hashed are not fetched a second time; in
    // presence mode remote chunks are only looked up.
    QList<ChunkLocation> chunks, remoteOnly;
    for (const ChunkLocation &chunk : all) {
        if (isLocal(chunk))
            chunks.append(chunk);
        else if (m_remote == RemoteChunks::Presence)
            remoteOnly.append(chunk);
        else if (!m_remoteChunksDone.contains(chunk.ref.chunkId))
            chunks.append(chunk);
    }
    try {
        checkRemotePresence(remoteOnly);
    } catch (const HubVaultRemoteError &) {
        throw; // not damage: the store could not be asked
    } catch (const HubVaultError &e) {
        return e.message();
    }
    ChunkPipeline pipeline(chunks, m_thisRun);
    while (pipeline.hasNext()) {
        m_task.checkCancelled();
        try {
            pipeline.next();
        } catch (const HubVaultRemoteError &) {
            throw;
        } catch (const HubVaultError &e) {
            return e.message();
        }
    }
    return QString();
}

} // namespace hubvault
