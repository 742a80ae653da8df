#include "ContentStager.h"

#include <hubvault/Errors.h>
#include "CanonicalJson.h"
#include "IngestPipeline.h"
#include "Hash.h"
#include "ObjectCodec.h"
#include "PackWriter.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "Transaction.h"
#include "objectstore/PackStorage.h"
#include "objectstore/PackUploadStream.h"

#include <QJsonArray>
#include <QJsonObject>

namespace hubvault {

namespace {

constexpr qint64 kReadBlock = 4 << 20;
/** Blocks a chunked upload reads: small enough to stay in the CPU's cache while every
 *  pass reads them, large enough that handing them over costs nothing. */
constexpr qint64 kIngestBlock = 512 << 10;

[[noreturn]] void changedWhileReading(const QString &label)
{
    throw HubVaultError(QStringLiteral("%1 changed while it was being read; nothing was committed, retry when it is stable").arg(label));
}

/** Reads up to `max` bytes; throws on I/O errors. */
qint64 readSome(QIODevice &input, char *data, qint64 max, const QString &label)
{
    const qint64 n = input.read(data, max);
    if (n < 0)
        throw HubVaultError(QStringLiteral("cannot read %1: %2").arg(label, input.errorString()));
    return n;
}

QByteArray filePayloadBlob(const QString &sha256, const QString &oid, qint64 size, const QString &blobId)
{
    return CanonicalJson::serialize(QJsonObject{
        {QStringLiteral("chunks"), QJsonArray()},
        {QStringLiteral("content_object_id"), blobId},
        {QStringLiteral("content_type_hint"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("etag"), oid},
        {QStringLiteral("format_version"), 1},
        {QStringLiteral("logical_size"), size},
        {QStringLiteral("oid"), oid},
        {QStringLiteral("sha256"), sha256},
        {QStringLiteral("storage_kind"), QStringLiteral("blob")}});
}

} // namespace

StagedFile ContentStager::stage(QIODevice &input, qint64 size, const QString &label, const TaskControl &task,
                                qint64 doneBefore, qint64 total)
{
    if (size < 0)
        throw HubVaultValidationError(QStringLiteral("size of %1 is unknown").arg(label));
    const qint64 threshold = m_session.context().largeFileThreshold;
    StagedFile staged = size >= threshold && size > 0 ? stageChunked(input, size, label, task, doneBefore, total)
                                                      : stageBlob(input, size, label, task, doneBefore, total);
    char probe;
    if (input.read(&probe, 1) > 0)
        changedWhileReading(label);
    return staged;
}

StagedFile ContentStager::stageBlob(QIODevice &input, qint64 size, const QString &label, const TaskControl &task,
                                    qint64 doneBefore, qint64 total)
{
    const Env &env = *m_session.context().env;
    StagedFile out;
    out.size = size;
    const QString temp = m_txn.stagePath(QStringLiteral("tmp/%1.data").arg(++m_tempCounter));
    auto file = env.createFile(temp);
    Hash sha256(Hash::Algorithm::Sha256), sha1(Hash::Algorithm::Sha1);
    sha1.add(ObjectCodec::gitBlobHeader(size));
    QByteArray buffer(int(qMin<qint64>(kReadBlock, qMax<qint64>(size, 1))), Qt::Uninitialized);
    qint64 done = 0;
    while (done < size) {
        const qint64 n = readSome(input, buffer.data(), qMin<qint64>(buffer.size(), size - done), label);
        if (n == 0)
            changedWhileReading(label);
        const QByteArrayView block(buffer.constData(), n);
        sha256.add(block);
        sha1.add(block);
        if (file->write(block.data(), n) != n)
            throw HubVaultError(QStringLiteral("cannot stage %1: %2; free some disk space and retry").arg(label, file->errorString()));
        done += n;
        task.report(doneBefore + done, total, QStringLiteral("upload"));
        task.checkCancelled();
    }
    const QString sha = QString::fromLatin1(sha256.hexResult());
    const QString oid = QString::fromLatin1(sha1.hexResult());
    out.blobPayload = CanonicalJson::serialize(QJsonObject{
        {QStringLiteral("compression"), QStringLiteral("none")},
        {QStringLiteral("format_version"), 1},
        {QStringLiteral("logical_hash"), QStringLiteral("sha256:") + sha},
        {QStringLiteral("logical_size"), size},
        {QStringLiteral("payload_sha256"), QStringLiteral("sha256:") + sha},
        {QStringLiteral("stored_size"), size}});
    out.blobId = ObjectCodec::objectId(ObjectType::Blob, out.blobPayload);
    out.filePayload = filePayloadBlob(sha, oid, size, out.blobId);
    out.fileId = ObjectCodec::objectId(ObjectType::File, out.filePayload);
    if (m_session.store().hasPayload(ObjectType::Blob, out.blobId)
        && env.stat(m_session.context().blobDataPath(out.blobId), true).isFile) {
        file->close();
        env.removeFile(temp); // identical content is stored once
        return out;
    }
    env.syncFile(*file);
    file->close();
    out.stagedData = temp;
    return out;
}

StagedFile ContentStager::stageChunked(QIODevice &input, qint64 size, const QString &label, const TaskControl &task,
                                       qint64 doneBefore, qint64 total)
{
    const Env &env = *m_session.context().env;
    StagedFile out;
    out.size = size;
    std::unique_ptr<PackWriter> pack;
    std::unique_ptr<objectstore::PackUploadStream> upload; // declared after the pack: destroyed first
    QSet<QString> takenInFile;
    QJsonArray chunks;

    // Runs on the pipeline's settle lane, chunk by chunk in file order, while this thread
    // reads on: a chunk the repository (or this file, or this commit) already stores is
    // only referenced; a new one is appended to the pack.
    auto settle = [&](const IngestPipeline::Chunk &chunk) {
        const QString chunkId = QStringLiteral("sha256:") + QString::fromLatin1(chunk.idHex);
        const bool known = takenInFile.contains(chunkId) || m_stagedChunks.contains(chunkId)
            || m_session.chunk(chunkId).has_value();
        if (!known) {
            if (!pack) {
                out.packId = m_txn.nextPackId();
                out.stagedPack = m_txn.stagePath(QStringLiteral("chunks/packs/") + out.packId + QStringLiteral(".pack"));
                pack = std::make_unique<PackWriter>(env, out.stagedPack);
                // Into a bucket: big packs go up part by part while they are written.
                const auto remote = m_session.context().packs()->remote();
                if (remote && size + PackWriter::kMagic.size() > objectstore::S3PackStore::kSinglePutLimit) {
                    upload = std::make_unique<objectstore::PackUploadStream>(remote, out.packId, out.stagedPack,
                                                                             size + PackWriter::kMagic.size());
                    pack->onGrowth([stream = upload.get()](qint64 written) { stream->grew(written); });
                }
            }
            qint64 at = -1;
            for (const QByteArrayView &span : chunk.spans) {
                const qint64 written = pack->append(span);
                if (at < 0)
                    at = written;
            }
            out.newChunks.append(ChunkRow{chunkId, out.packId, at, chunk.length, chunk.length, QStringLiteral("none"), chunkId});
            takenInFile.insert(chunkId);
        }
        chunks.append(QJsonObject{{QStringLiteral("checksum"), chunkId},
                                  {QStringLiteral("chunk_id"), chunkId},
                                  {QStringLiteral("compression"), QStringLiteral("none")},
                                  {QStringLiteral("logical_offset"), chunk.offset},
                                  {QStringLiteral("logical_size"), chunk.length},
                                  {QStringLiteral("stored_size"), chunk.length}});
    };
    IngestPipeline pipeline(settle);
    for (qint64 consumed = 0; consumed < size;) {
        QByteArray *block = pipeline.newBlock(qMin(kIngestBlock, size - consumed));
        for (qint64 filled = 0; filled < block->size();) {
            const qint64 n = readSome(input, block->data() + filled, block->size() - filled, label);
            if (n == 0)
                changedWhileReading(label);
            filled += n;
        }
        consumed += block->size();
        pipeline.feed();
        task.report(doneBefore + consumed, total, QStringLiteral("upload"));
        task.checkCancelled();
    }
    const QString sha = QString::fromLatin1(pipeline.finish());
    if (pack)
        pack->finish();
    if (upload) {
        upload->finish(pack->size(), task);
        out.packUploaded = true;
    }
    for (const ChunkRow &row : std::as_const(out.newChunks))
        m_stagedChunks.insert(row.chunkId);

    const QByteArray pointer = ObjectCodec::lfsPointer(sha, size);
    out.filePayload = CanonicalJson::serialize(QJsonObject{
        {QStringLiteral("chunks"), chunks},
        {QStringLiteral("content_object_id"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("content_type_hint"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("etag"), sha},
        {QStringLiteral("format_version"), 1},
        {QStringLiteral("logical_size"), size},
        {QStringLiteral("oid"), ObjectCodec::gitBlobOid(pointer)},
        {QStringLiteral("pointer_size"), qint64(pointer.size())},
        {QStringLiteral("sha256"), sha},
        {QStringLiteral("storage_kind"), QStringLiteral("chunked")}});
    out.fileId = ObjectCodec::objectId(ObjectType::File, out.filePayload);
    return out;
}

} // namespace hubvault
