// Content checks of quick and full verify (see ContentVerifier.h).
#include "ContentVerifier.h"

#include "ChunkPipeline.h"
#include "Errors.h"
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
    // Chunks are hashed on the pool while this thread hashes the whole file on a lane of
    // its own, so the two passes over the bytes run side by side.
    const QList<ChunkLocation> chunks = ContentReader(m_session).locateChunks(file);
    ChunkPipeline pipeline(*m_session.context().env, chunks, m_thisRun);
    Hash sha256(Hash::Algorithm::Sha256);
    WorkerLane lane;
    qint64 size = 0;
    while (pipeline.hasNext()) {
        const QByteArray bytes = pipeline.next().bytes;
        if (lane.backlog() > 2)
            lane.drain();
        lane.post([&sha256, bytes] { sha256.add(bytes); });
        size += bytes.size();
        progress(bytes.size());
    }
    lane.drain();
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
}

QString ContentVerifier::checkChunks(const QList<ChunkLocation> &chunks)
{
    const Env &env = *m_session.context().env;
    ChunkPipeline pipeline(env, chunks, m_thisRun, ChunkPipeline::Output::CopyVerified);
    while (pipeline.hasNext()) {
        m_task.checkCancelled();
        try {
            pipeline.next();
        } catch (const HubVaultError &e) {
            return e.message();
        }
    }
    return QString();
}

} // namespace hubvault
