// createCommit over HTTP (see CommitUpload.h).
#include "CommitUpload.h"
#include "FastCdcChunker.h"
#include "Hash.h"
#include "RemoteJson.h"

#include <hubvault/Errors.h>

#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryFile>
#include <memory>

namespace hubvault::remote {

namespace {

/** Files from this size travel with their chunk list (the Python client's rule, SERVER.md §4.1). */
constexpr qint64 kChunkedUploadMinSize = 1 << 20;
constexpr qint64 kReadBlock = 8 << 20;

struct Chunk {
    QString id; ///< "sha256:<hex>"
    qint64 offset = 0;
    qint64 size = 0;
};

/** The content of one add, readable as often as needed: a file on disk or bytes in memory. */
struct Source {
    QString filePath;                     ///< the local file, or the spool of a stream
    std::optional<QByteArray> bytes;
    std::shared_ptr<QTemporaryFile> spool; ///< keeps a stream's copy alive until the commit is sent
    qint64 size = 0;
    QString sha256;
    QList<Chunk> chunks;
};

/** Read-only view of bytes [offset, offset + length) of a file: one chunk part, streamed. */
class FileSlice : public QIODevice {
public:
    FileSlice(const QString &path, qint64 offset, qint64 length, QObject *parent)
        : QIODevice(parent), m_file(path), m_offset(offset), m_length(length)
    {
        if (m_file.open(QIODevice::ReadOnly))
            open(QIODevice::ReadOnly);
        else
            setErrorString(m_file.errorString());
    }
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_length; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 count = qMin(maxSize, m_length - pos());
        if (count <= 0)
            return 0;
        if (!m_file.seek(m_offset + pos()))
            return -1;
        return m_file.read(data, count);
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QFile m_file;
    qint64 m_offset;
    qint64 m_length;
};

/** Hashes the whole content and cuts it into chunks in one pass. */
class Digest {
public:
    explicit Digest(bool chunked) : m_whole(Hash::Algorithm::Sha256), m_chunked(chunked) { restartChunk(); }

    void add(const QByteArray &block)
    {
        m_whole.add(block);
        if (!m_chunked)
            return;
        const auto *at = reinterpret_cast<const uint8_t *>(block.constData());
        qint64 left = block.size();
        for (qint64 used; left > 0 && (used = m_stream.scan(at, left)) >= 0; at += used, left -= used) {
            m_chunk->add(QByteArrayView(at, used));
            finishChunk(m_chunkSize + used);
        }
        if (left > 0) {
            m_chunk->add(QByteArrayView(at, left));
            m_chunkSize += left;
        }
    }
    void finish(Source &source)
    {
        if (m_chunked && m_chunkSize > 0)
            finishChunk(m_chunkSize);
        source.sha256 = QString::fromLatin1(m_whole.hexResult());
        source.chunks = m_chunks;
    }

private:
    void restartChunk()
    {
        m_chunk = std::make_unique<Hash>(Hash::Algorithm::Sha256);
        m_chunkSize = 0;
    }
    void finishChunk(qint64 size)
    {
        m_chunks.append({QStringLiteral("sha256:") + QString::fromLatin1(m_chunk->hexResult()), m_offset, size});
        m_offset += size;
        restartChunk();
    }

    Hash m_whole;
    bool m_chunked;
    FastCdcStream m_stream;
    std::unique_ptr<Hash> m_chunk;
    qint64 m_chunkSize = 0;
    qint64 m_offset = 0;
    QList<Chunk> m_chunks;
};

void digestBytes(Source &source)
{
    source.size = source.bytes->size();
    Digest digest(source.size >= kChunkedUploadMinSize);
    digest.add(*source.bytes);
    digest.finish(source);
}

void digestFile(Source &source, const TaskControl &task, qint64 &done, qint64 total)
{
    QFile file(source.filePath);
    if (!file.open(QIODevice::ReadOnly))
        throw HubVaultValidationError(QStringLiteral("cannot read %1: %2").arg(source.filePath, file.errorString()));
    source.size = file.size();
    Digest digest(source.size >= kChunkedUploadMinSize);
    while (!file.atEnd()) {
        task.checkCancelled();
        const QByteArray block = file.read(kReadBlock);
        if (block.isEmpty() && file.error() != QFileDevice::NoError)
            throw HubVaultError(QStringLiteral("cannot read %1: %2").arg(source.filePath, file.errorString()));
        digest.add(block);
        done += block.size();
        task.report(done, total, QStringLiteral("read"));
    }
    digest.finish(source);
}

/** A stream is read once: copied to a temporary file that the upload then reads. */
void spoolStream(Source &source, QIODevice *stream)
{
    source.spool = std::make_shared<QTemporaryFile>();
    if (!source.spool->open())
        throw HubVaultError(QStringLiteral("cannot create a temporary file for an upload stream: %1").arg(source.spool->errorString()));
    while (!stream->atEnd()) {
        const QByteArray block = stream->read(kReadBlock);
        if (block.isEmpty())
            break;
        if (source.spool->write(block) != block.size())
            throw HubVaultError(QStringLiteral("cannot spool an upload stream: %1").arg(source.spool->errorString()));
    }
    source.spool->flush();
    source.filePath = source.spool->fileName();
}

QList<Source> prepareSources(const QList<CommitOperation> &operations, const TaskControl &task)
{
    qint64 total = 0;
    for (const CommitOperation &op : operations) {
        if (op.kind == CommitOperation::Kind::Add && !op.localPath.isEmpty())
            total += QFileInfo(op.localPath).size();
    }
    qint64 done = 0;
    QList<Source> sources(operations.size());
    for (qsizetype i = 0; i < operations.size(); ++i) {
        const CommitOperation &op = operations.at(i);
        if (op.kind != CommitOperation::Kind::Add)
            continue;
        Source &source = sources[i];
        if (op.bytes) {
            source.bytes = op.bytes;
            digestBytes(source);
            continue;
        }
        if (op.stream)
            spoolStream(source, op.stream);
        else if (!op.localPath.isEmpty())
            source.filePath = op.localPath;
        else
            throw HubVaultValidationError(QStringLiteral("add of %1 has no content (a local path, bytes or a stream)").arg(op.pathInRepo));
        digestFile(source, task, done, total);
    }
    return sources;
}

QByteArray chunkText(const Chunk &c)
{
    return text::object({{"chunk_id", text::string(c.id)},
                         {"checksum", text::string(c.id)},
                         {"logical_offset", text::integer(c.offset)},
                         {"logical_size", text::integer(c.size)},
                         {"stored_size", text::integer(c.size)},
                         {"compression", text::string(QStringLiteral("none"))}});
}

QByteArray operationText(const CommitOperation &op, const Source &source)
{
    switch (op.kind) {
    case CommitOperation::Kind::Add: {
        QList<QByteArray> chunks;
        for (const Chunk &c : source.chunks)
            chunks.append(chunkText(c));
        return text::object({{"type", text::string(QStringLiteral("add"))},
                             {"path_in_repo", text::string(op.pathInRepo)},
                             {"size", text::integer(source.size)},
                             {"sha256", text::string(source.sha256)},
                             {"chunks", text::array(chunks)}});
    }
    case CommitOperation::Kind::Delete: {
        // "auto" is a folder when the path ends with '/', as the original decides.
        const bool folder = op.isFolder.value_or(op.pathInRepo.endsWith(QLatin1Char('/')));
        return text::object({{"type", text::string(QStringLiteral("delete"))},
                             {"path_in_repo", text::string(op.pathInRepo)},
                             {"is_folder", text::boolean(folder)}});
    }
    case CommitOperation::Kind::Copy:
        return text::object({{"type", text::string(QStringLiteral("copy"))},
                             {"src_path_in_repo", text::string(op.srcPathInRepo)},
                             {"path_in_repo", text::string(op.pathInRepo)},
                             {"src_revision", text::stringOrNull(op.srcRevision)}});
    }
    return {};
}

/** One part the plan asks for. */
struct Part {
    QString fieldName;
    QString fileName;
    int operation = 0;
    qint64 offset = 0;
    qint64 size = 0;
};

QList<Part> partsOf(const QJsonObject &plan, const QList<Source> &sources)
{
    QList<Part> parts;
    const QJsonArray ops = plan.value(QLatin1String("operations")).toArray();
    if (ops.size() != sources.size())
        throw HubVaultRemoteProtocolError(QStringLiteral("upload plan has %1 operations for %2 sent.").arg(ops.size()).arg(sources.size()));
    for (qsizetype i = 0; i < ops.size(); ++i) {
        const QJsonObject op = wire::object(ops.at(i), "upload plan operation");
        const QString strategy = wire::string(op, "strategy");
        const Source &source = sources.at(i);
        if (strategy == QLatin1String("upload-full")) {
            const QString field = wire::string(op, "field_name");
            parts.append({field, field, int(i), 0, source.size});
        } else if (strategy == QLatin1String("chunk-upload")) {
            for (const QJsonValue &m : op.value(QLatin1String("missing_chunks")).toArray()) {
                const QJsonObject missing = wire::object(m, "missing chunk");
                const qint64 index = wire::integer(missing, "chunk_index");
                if (index < 0 || index >= source.chunks.size()
                    || source.chunks.at(index).id != wire::string(missing, "chunk_id"))
                    throw HubVaultRemoteProtocolError(QStringLiteral("upload plan asks for a chunk that was not sent."));
                const Chunk &c = source.chunks.at(index);
                parts.append({wire::string(missing, "field_name"), c.id + QStringLiteral(".bin"), int(i), c.offset, c.size});
            }
        } else if (strategy != QLatin1String("copy") && strategy != QLatin1String("passthrough")) {
            throw HubVaultRemoteProtocolError(QStringLiteral("Unsupported upload strategy: %1.").arg(strategy));
        }
    }
    return parts;
}

QHttpMultiPart *multipartOf(const QByteArray &manifest, const QList<Part> &parts, const QList<Source> &sources)
{
    auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart manifestPart;
    manifestPart.setRawHeader("Content-Disposition", "form-data; name=\"manifest\"");
    manifestPart.setBody(manifest);
    multipart->append(manifestPart);
    for (const Part &p : parts) {
        QHttpPart part;
        part.setRawHeader("Content-Disposition",
                          "form-data; name=\"" + p.fieldName.toUtf8() + "\"; filename=\"" + p.fileName.toUtf8() + "\"");
        part.setRawHeader("Content-Type", "application/octet-stream");
        const Source &source = sources.at(p.operation);
        if (source.bytes)
            part.setBody(source.bytes->mid(p.offset, p.size));
        else
            part.setBodyDevice(new FileSlice(source.filePath, p.offset, p.size, multipart));
        multipart->append(part);
    }
    return multipart;
}

} // namespace

CommitInfo CommitUpload::run(const QList<CommitOperation> &operations, const CommitOptions &options, const QString &branch)
{
    const QList<Source> sources = prepareSources(operations, m_task);
    QList<QByteArray> ops;
    for (qsizetype i = 0; i < operations.size(); ++i)
        ops.append(operationText(operations.at(i), sources.at(i)));
    const auto manifest = [&](const QByteArray &parent) {
        return QList<text::Field>{{"revision", text::string(branch)},
                                  {"parent_commit", parent},
                                  {"commit_message", text::string(options.commitMessage)},
                                  {"commit_description", text::stringOrNull(options.commitDescription)},
                                  {"operations", text::array(ops)}};
    };

    HttpRequest planRequest;
    planRequest.method = "POST";
    planRequest.path = QStringLiteral("/write/commit-plan");
    planRequest.jsonBody = text::object(manifest(text::stringOrNull(options.parentCommit)));
    const QByteArray planText = m_session.send(planRequest).body;
    const QJsonDocument planDoc = QJsonDocument::fromJson(planText);
    if (!planDoc.isObject())
        throw HubVaultRemoteProtocolError(QStringLiteral("upload plan must be a JSON object."));
    const QJsonObject plan = planDoc.object();
    const QList<Part> parts = partsOf(plan, sources);
    m_task.checkCancelled();

    // The commit pins the head the plan was made on, as the Python client does.
    QList<text::Field> fields = manifest(options.parentCommit.isEmpty()
                                             ? text::stringOrNull(wire::optString(plan, "base_head"))
                                             : text::string(options.parentCommit));
    fields.append({"upload_plan", planText.trimmed()});
    const QByteArray commitText = text::object(fields);

    HttpRequest commit;
    commit.method = "POST";
    commit.path = QStringLiteral("/write/commit");
    qint64 payload = 0;
    for (const Part &p : parts)
        payload += p.size;
    if (parts.isEmpty()) {
        commit.jsonBody = commitText;
    } else {
        commit.multipart = [&] { return multipartOf(commitText, parts, sources); };
        commit.task = &m_task;
        commit.progressPhase = QStringLiteral("upload");
        commit.progressTotal = payload;
    }
    const QJsonDocument result = m_session.sendJson(commit);
    m_uploadedBytes += payload;
    m_task.report(payload, payload, QStringLiteral("upload"));
    return wire::commitInfo(result.object());
}

} // namespace hubvault::remote
