// The commit-plan / commit write protocol of the original's server over a Repository (see UploadProtocol.h).
#include "UploadProtocol.h"

#include "WireJson.h"

#include <hubvault/Errors.h>
#include <hubvault/RepoPath.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QStorageInfo>
#include <QTemporaryFile>
#include <QVariant>
#include <openssl/evp.h>
#include <memory>
#include <optional>
#include <vector>

namespace hubvault::server::upload {

namespace {

constexpr qint64 kPlanLifetimeMs = 24LL * 60 * 60 * 1000;
constexpr size_t kMaxIssuedPlans = 10000;
constexpr qint64 kCopyBlock = 1 << 20;

/** Streaming SHA-256 over OpenSSL: Qt's own is ten times slower, and uploads are large. */
class Sha256 {
public:
    Sha256() : m_ctx(EVP_MD_CTX_new())
    {
        if (!m_ctx || EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr) != 1)
            throw HubVaultError(QStringLiteral("cannot start a SHA-256 digest"));
    }
    void add(QByteArrayView data)
    {
        if (EVP_DigestUpdate(m_ctx.get(), data.data(), size_t(data.size())) != 1)
            throw HubVaultError(QStringLiteral("cannot update a SHA-256 digest"));
    }
    /** Lowercase hex; the digest cannot be used afterwards. */
    QString hex()
    {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        if (EVP_DigestFinal_ex(m_ctx.get(), digest, &length) != 1)
            throw HubVaultError(QStringLiteral("cannot finish a SHA-256 digest"));
        return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
    }

private:
    struct Free {
        void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
    };
    std::unique_ptr<EVP_MD_CTX, Free> m_ctx;
};

// ---------------------------------------------------------------------------------------
// The manifest and the echoed plan, type-checked as the original's schemas.py does it,
// in its order, so that the first error reported is the original's.

struct ChunkDescriptor {
    QString chunkId;
    QString checksum;
    qint64 logicalOffset = 0;
    qint64 logicalSize = 0;
    qint64 storedSize = 0;
    QString compression;
};

struct ManifestOperation {
    QString type; ///< "add", "delete" or "copy"
    QString pathInRepo;
    qint64 size = 0;
    QString sha256; ///< bare hex, as sent (the original compares it verbatim)
    QList<ChunkDescriptor> chunks;
    bool isFolder = false;
    QString srcPathInRepo;
    std::optional<QString> srcRevision;
};

struct MissingChunk {
    QString chunkId;
    qint64 chunkIndex = 0;
    QString fieldName;
    qint64 logicalSize = 0;
};

struct PlannedOperation {
    qint64 index = 0;
    QString type;
    std::optional<QString> pathInRepo;
    QString strategy;
    std::optional<QString> fieldName;
    std::optional<QString> sourcePathInRepo;
    std::optional<QString> sourceRevision;
    QList<MissingChunk> missingChunks;
};

struct EchoedPlan {
    QString revision;
    std::optional<QString> baseHead;
    QList<PlannedOperation> operations;
    QJsonObject json; ///< as received, for IssuedPlans
};

struct Manifest {
    std::optional<QString> revision;
    std::optional<QString> parentCommit;
    QString commitMessage;
    std::optional<QString> commitDescription;
    QList<ManifestOperation> operations;
    std::optional<EchoedPlan> uploadPlan;
};

[[noreturn]] void invalid(const QString &message)
{
    throw HubVaultValidationError(message);
}

bool isNull(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined();
}

// The original writes `payload.get(x) or []`: every value Python counts as false is "none".
bool isFalsy(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return true;
    case QJsonValue::Bool:
        return !value.toBool();
    case QJsonValue::Double:
        return value.toDouble() == 0;
    case QJsonValue::String:
        return value.toString().isEmpty();
    case QJsonValue::Array:
        return value.toArray().isEmpty();
    case QJsonValue::Object:
        return value.toObject().isEmpty();
    }
    return false;
}

std::optional<QString> optionalString(const QJsonValue &value, const QString &label)
{
    if (isNull(value))
        return std::nullopt;
    if (!value.isString())
        invalid(QStringLiteral("%1 must be a string.").arg(label));
    return value.toString();
}

QString requiredString(const QJsonValue &value, const QString &label)
{
    const auto text = optionalString(value, label);
    if (!text)
        invalid(QStringLiteral("%1 must be a string.").arg(label));
    return *text;
}

// Qt keeps a JSON number that is whole and fits 64 bits as an integer (also when it is
// written "5.0", which Python would refuse as a float); anything else is a double.
qint64 nonNegativeInteger(const QJsonValue &value, const QString &label)
{
    const bool integer = value.isDouble() && value.toVariant().userType() == QMetaType::LongLong;
    if (!integer || value.toInteger() < 0)
        invalid(QStringLiteral("%1 must be a non-negative integer.").arg(label));
    return value.toInteger();
}

bool optionalBool(const QJsonValue &value, const QString &label, bool fallback)
{
    if (isNull(value))
        return fallback;
    if (!value.isBool())
        invalid(QStringLiteral("%1 must be a boolean.").arg(label));
    return value.toBool();
}

/** An array field read as `x or []`: falsy values are empty, other non-arrays an error. */
QJsonArray optionalArray(const QJsonValue &value, const QString &message)
{
    if (isFalsy(value))
        return {};
    if (!value.isArray())
        invalid(message);
    return value.toArray();
}

void requireAtMostMaxOperations(qsizetype count, const QString &label)
{
    if (count > kMaxOperations)
        invalid(QStringLiteral("%1 must not hold more than %2 operations.").arg(label).arg(kMaxOperations));
}

/** "sha256:<hex>" or bare hex, surrounding spaces dropped, as the original normalises it. */
QString bareSha256(const QJsonValue &value, const QString &label)
{
    QString text = requiredString(value, label).trimmed();
    if (text.startsWith(QLatin1String("sha256:")))
        text = text.mid(7);
    return text;
}

ChunkDescriptor parseChunk(const QJsonValue &value, qsizetype operationIndex, qsizetype chunkIndex)
{
    // The original names the operation's index twice here; we name the chunk's.
    if (!value.isObject())
        invalid(QStringLiteral("operations[%1].chunks[%2] must be a JSON object.").arg(operationIndex).arg(chunkIndex));
    const QJsonObject o = value.toObject();
    ChunkDescriptor chunk;
    chunk.chunkId = requiredString(o.value(QLatin1String("chunk_id")), QStringLiteral("chunk_id"));
    chunk.checksum = requiredString(o.value(QLatin1String("checksum")), QStringLiteral("checksum"));
    chunk.logicalOffset = nonNegativeInteger(o.value(QLatin1String("logical_offset")), QStringLiteral("logical_offset"));
    chunk.logicalSize = nonNegativeInteger(o.value(QLatin1String("logical_size")), QStringLiteral("logical_size"));
    chunk.storedSize = nonNegativeInteger(o.value(QLatin1String("stored_size")), QStringLiteral("stored_size"));
    chunk.compression = requiredString(o.value(QLatin1String("compression")), QStringLiteral("compression"));
    return chunk;
}

ManifestOperation parseAdd(const QJsonObject &o, qsizetype index)
{
    const QJsonArray chunks = optionalArray(o.value(QLatin1String("chunks")),
                                            QStringLiteral("operations[%1].chunks must be a JSON array.").arg(index));
    ManifestOperation op;
    op.type = QStringLiteral("add");
    op.pathInRepo = requiredString(o.value(QLatin1String("path_in_repo")), QStringLiteral("path_in_repo"));
    op.size = nonNegativeInteger(o.value(QLatin1String("size")), QStringLiteral("size"));
    op.sha256 = bareSha256(o.value(QLatin1String("sha256")), QStringLiteral("sha256"));
    op.chunks.reserve(chunks.size());
    qint64 offset = 0;
    for (qsizetype k = 0; k < chunks.size(); ++k) {
        op.chunks.append(parseChunk(chunks.at(k), index, k));
        // Pieces must tile the file: a list with gaps, overlaps or another total is refused
        // when it is planned, not after its bytes were sent.
        if (op.chunks.last().logicalOffset != offset)
            invalid(QStringLiteral("operations[%1].chunks[%2].logical_offset must be %3, where the previous chunk ends.")
                        .arg(index)
                        .arg(k)
                        .arg(offset));
        offset += op.chunks.last().logicalSize;
    }
    if (!op.chunks.isEmpty() && offset != op.size)
        invalid(QStringLiteral("operations[%1].chunks add up to %2 bytes, not the file's size %3.").arg(index).arg(offset).arg(op.size));
    return op;
}

ManifestOperation parseOperation(const QJsonValue &value, qsizetype index)
{
    if (!value.isObject())
        invalid(QStringLiteral("operations[%1] must be a JSON object.").arg(index));
    const QJsonObject o = value.toObject();
    const QString type = requiredString(o.value(QLatin1String("type")), QStringLiteral("type"));
    if (type == QLatin1String("add"))
        return parseAdd(o, index);
    ManifestOperation op;
    op.type = type;
    if (type == QLatin1String("delete")) {
        op.pathInRepo = requiredString(o.value(QLatin1String("path_in_repo")), QStringLiteral("path_in_repo"));
        op.isFolder = optionalBool(o.value(QLatin1String("is_folder")), QStringLiteral("is_folder"), false);
        return op;
    }
    if (type == QLatin1String("copy")) {
        op.srcPathInRepo = requiredString(o.value(QLatin1String("src_path_in_repo")), QStringLiteral("src_path_in_repo"));
        op.pathInRepo = requiredString(o.value(QLatin1String("path_in_repo")), QStringLiteral("path_in_repo"));
        op.srcRevision = optionalString(o.value(QLatin1String("src_revision")), QStringLiteral("src_revision"));
        return op;
    }
    invalid(QStringLiteral("Unsupported write operation type: %1.").arg(type));
}

MissingChunk parseMissingChunk(const QJsonValue &value, qsizetype index, qsizetype chunkIndex)
{
    if (!value.isObject())
        invalid(QStringLiteral("upload_plan.operations[%1].missing_chunks[%2] must be a JSON object.").arg(index).arg(chunkIndex));
    const QJsonObject o = value.toObject();
    MissingChunk chunk;
    chunk.chunkId = requiredString(o.value(QLatin1String("chunk_id")), QStringLiteral("chunk_id"));
    chunk.chunkIndex = nonNegativeInteger(o.value(QLatin1String("chunk_index")), QStringLiteral("chunk_index"));
    chunk.fieldName = requiredString(o.value(QLatin1String("field_name")), QStringLiteral("field_name"));
    chunk.logicalSize = nonNegativeInteger(o.value(QLatin1String("logical_size")), QStringLiteral("logical_size"));
    return chunk;
}

PlannedOperation parsePlannedOperation(const QJsonValue &value, qsizetype index)
{
    if (!value.isObject())
        invalid(QStringLiteral("upload_plan.operations[%1] must be a JSON object.").arg(index));
    const QJsonObject o = value.toObject();
    const QJsonArray missing = optionalArray(
        o.value(QLatin1String("missing_chunks")),
        QStringLiteral("upload_plan.operations[%1].missing_chunks must be a JSON array.").arg(index));
    PlannedOperation op;
    for (qsizetype k = 0; k < missing.size(); ++k)
        op.missingChunks.append(parseMissingChunk(missing.at(k), index, k));
    op.index = nonNegativeInteger(o.value(QLatin1String("index")), QStringLiteral("index"));
    op.type = requiredString(o.value(QLatin1String("type")), QStringLiteral("type"));
    op.pathInRepo = optionalString(o.value(QLatin1String("path_in_repo")), QStringLiteral("path_in_repo"));
    op.strategy = requiredString(o.value(QLatin1String("strategy")), QStringLiteral("strategy"));
    op.fieldName = optionalString(o.value(QLatin1String("field_name")), QStringLiteral("field_name"));
    op.sourcePathInRepo = optionalString(o.value(QLatin1String("source_path_in_repo")), QStringLiteral("source_path_in_repo"));
    op.sourceRevision = optionalString(o.value(QLatin1String("source_revision")), QStringLiteral("source_revision"));
    // The counts are checked for their type only; apply goes by missing_chunks.
    if (o.contains(QLatin1String("reused_chunk_count")))
        nonNegativeInteger(o.value(QLatin1String("reused_chunk_count")), QStringLiteral("reused_chunk_count"));
    if (o.contains(QLatin1String("missing_chunk_count")))
        nonNegativeInteger(o.value(QLatin1String("missing_chunk_count")), QStringLiteral("missing_chunk_count"));
    return op;
}

EchoedPlan parsePlan(const QJsonValue &value)
{
    if (!value.isObject())
        invalid(QStringLiteral("upload_plan must be a JSON object."));
    const QJsonObject o = value.toObject();
    const QJsonValue operations = o.value(QLatin1String("operations"));
    if (!operations.isArray())
        invalid(QStringLiteral("upload_plan.operations must be a JSON array."));
    const QJsonArray items = operations.toArray();
    requireAtMostMaxOperations(items.size(), QStringLiteral("upload_plan.operations"));
    EchoedPlan plan;
    plan.json = o;
    plan.revision = requiredString(o.value(QLatin1String("revision")), QStringLiteral("upload_plan.revision"));
    plan.baseHead = optionalString(o.value(QLatin1String("base_head")), QStringLiteral("upload_plan.base_head"));
    plan.operations.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i)
        plan.operations.append(parsePlannedOperation(items.at(i), i));
    const QJsonValue statistics = o.value(QLatin1String("statistics"));
    if (!isFalsy(statistics) && !statistics.isObject())
        invalid(QStringLiteral("upload_plan.statistics must be a JSON object."));
    return plan;
}

Manifest parseManifest(const QJsonValue &body)
{
    if (!body.isObject())
        invalid(QStringLiteral("Request body must be a JSON object."));
    const QJsonObject o = body.toObject();
    const QJsonValue operations = o.value(QLatin1String("operations"));
    if (!operations.isArray())
        invalid(QStringLiteral("operations must be a JSON array."));
    const QJsonArray items = operations.toArray();
    // Before anything is read per operation, so that a huge manifest costs nothing more.
    requireAtMostMaxOperations(items.size(), QStringLiteral("operations"));
    Manifest manifest;
    const QJsonValue plan = o.value(QLatin1String("upload_plan"));
    if (!isNull(plan))
        manifest.uploadPlan = parsePlan(plan);
    manifest.revision = optionalString(o.value(QLatin1String("revision")), QStringLiteral("revision"));
    manifest.parentCommit = optionalString(o.value(QLatin1String("parent_commit")), QStringLiteral("parent_commit"));
    manifest.commitMessage = requiredString(o.value(QLatin1String("commit_message")), QStringLiteral("commit_message"));
    manifest.commitDescription =
        optionalString(o.value(QLatin1String("commit_description")), QStringLiteral("commit_description"));
    manifest.operations.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i)
        manifest.operations.append(parseOperation(items.at(i), i));
    return manifest;
}

// ---------------------------------------------------------------------------------------
// The target branch (SERVER.md §4.2): the same rules as a merge target.

struct BranchState {
    QString branch;
    std::optional<QString> head; ///< git OID; nullopt for a branch without commit
};

bool namesNoBranch(const QString &name)
{
    static const QRegularExpression hex40(QStringLiteral("^[0-9a-f]{40}$"));
    return name.startsWith(QLatin1String("sha256:")) || name.startsWith(QLatin1String("refs/tags/"))
        || hex40.match(name).hasMatch();
}

BranchState branchState(const Repository &repository, const std::optional<QString> &revision,
                        const std::optional<QString> &parentCommit)
{
    QString name = revision && !revision->isEmpty() ? *revision : repository.defaultBranch();
    if (namesNoBranch(name))
        throw UnsupportedPathError(QStringLiteral("merge target must be a branch ref"));
    if (name.startsWith(QLatin1String("refs/heads/")))
        name = name.mid(11);
    std::optional<BranchState> state;
    for (const GitRefInfo &ref : repository.listRepoRefs().branches) {
        if (ref.name == name) {
            state = BranchState{name, ref.targetCommit};
            break;
        }
    }
    if (!state)
        throw RevisionNotFoundError(QStringLiteral("branch not found: %1").arg(name));
    if (parentCommit && repository.resolveRevision(*parentCommit) != state->head)
        throw ConflictError(QStringLiteral("expected head does not match current branch head"));
    return *state;
}

// ---------------------------------------------------------------------------------------
// Planning.

QString fileFieldName(qsizetype index)
{
    return QStringLiteral("upload_file_%1").arg(index);
}

QString chunkFieldName(qsizetype index, qsizetype chunkIndex)
{
    return QStringLiteral("upload_chunk_%1_%2").arg(index).arg(chunkIndex);
}

QJsonValue nullable(const std::optional<QString> &text)
{
    return text ? QJsonValue(*text) : QJsonValue(QJsonValue::Null);
}

bool hasAdds(const QList<ManifestOperation> &operations)
{
    for (const ManifestOperation &op : operations) {
        if (op.type == QLatin1String("add"))
            return true;
    }
    return false;
}

/**
 * sha256 -> the first path holding it in the head, in the order the original flattens a
 * snapshot: depth first through each tree's stored entry order, which is the order of a
 * recursive listing with folders left out (docs/format.md §11.4).
 */
QHash<QString, QString> headSources(const Repository &repository, const BranchState &state)
{
    QHash<QString, QString> sources;
    if (!state.head)
        return sources;
    for (const RepoEntry &entry : repository.listRepoTree(QString(), true, *state.head, false)) {
        if (!entry.isFolder && !sources.contains(entry.file.sha256))
            sources.insert(entry.file.sha256, entry.file.path);
    }
    return sources;
}

bool copiesFromHead(const ManifestOperation &op, const BranchState &state, const QHash<QString, QString> &sources)
{
    return op.type == QLatin1String("add") && state.head && sources.contains(op.sha256);
}

/** Which chunk ids of the adds that are not copies the repository stores, asked at once. */
QSet<QString> storedChunkSet(const Repository &repository, const QList<ManifestOperation> &operations,
                             const BranchState &state, const QHash<QString, QString> &sources)
{
    QSet<QString> asked;
    QStringList ids;
    for (const ManifestOperation &op : operations) {
        if (op.type != QLatin1String("add") || copiesFromHead(op, state, sources))
            continue;
        for (const ChunkDescriptor &chunk : op.chunks) {
            if (!asked.contains(chunk.chunkId)) {
                asked.insert(chunk.chunkId);
                ids.append(chunk.chunkId);
            }
        }
    }
    if (ids.isEmpty())
        return {};
    const QStringList stored = repository.storedChunks(ids);
    return QSet<QString>(stored.cbegin(), stored.cend());
}

struct Statistics {
    qint64 copyFiles = 0;
    qint64 fullUploads = 0;
    qint64 chunkUploads = 0;
    qint64 reusedChunks = 0;
    qint64 missingChunks = 0;
    qint64 uploadBytes = 0;

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("copy_file_count"), copyFiles},
                           {QStringLiteral("full_upload_file_count"), fullUploads},
                           {QStringLiteral("chunk_fast_upload_file_count"), chunkUploads},
                           {QStringLiteral("reused_chunk_count"), reusedChunks},
                           {QStringLiteral("missing_chunk_count"), missingChunks},
                           {QStringLiteral("planned_upload_bytes"), uploadBytes}};
    }
};

/** A planned operation with every key of §4.2 at its "nothing to do" value. */
QJsonObject plannedOperation(qsizetype index, const QString &type, const QJsonValue &pathInRepo, const QString &strategy)
{
    return QJsonObject{{QStringLiteral("index"), qint64(index)},
                       {QStringLiteral("type"), type},
                       {QStringLiteral("path_in_repo"), pathInRepo},
                       {QStringLiteral("strategy"), strategy},
                       {QStringLiteral("field_name"), QJsonValue::Null},
                       {QStringLiteral("source_path_in_repo"), QJsonValue::Null},
                       {QStringLiteral("source_revision"), QJsonValue::Null},
                       {QStringLiteral("missing_chunks"), QJsonArray()},
                       {QStringLiteral("reused_chunk_count"), 0},
                       {QStringLiteral("missing_chunk_count"), 0}};
}

QJsonObject planChunkUpload(qsizetype index, const ManifestOperation &op, const QSet<QString> &stored,
                            Statistics &statistics)
{
    QJsonArray missing;
    qint64 reused = 0;
    for (qsizetype k = 0; k < op.chunks.size(); ++k) {
        const ChunkDescriptor &chunk = op.chunks.at(k);
        if (stored.contains(chunk.chunkId)) {
            ++reused;
            continue;
        }
        missing.append(QJsonObject{{QStringLiteral("chunk_id"), chunk.chunkId},
                                   {QStringLiteral("chunk_index"), qint64(k)},
                                   {QStringLiteral("field_name"), chunkFieldName(index, k)},
                                   {QStringLiteral("logical_size"), chunk.logicalSize}});
        statistics.uploadBytes += chunk.logicalSize;
    }
    ++statistics.chunkUploads;
    statistics.reusedChunks += reused;
    statistics.missingChunks += missing.size();
    QJsonObject planned = plannedOperation(index, op.type, op.pathInRepo, QStringLiteral("chunk-upload"));
    planned.insert(QStringLiteral("reused_chunk_count"), reused);
    planned.insert(QStringLiteral("missing_chunk_count"), qint64(missing.size()));
    planned.insert(QStringLiteral("missing_chunks"), missing);
    return planned;
}

bool reusesAChunk(const ManifestOperation &op, const QSet<QString> &stored)
{
    for (const ChunkDescriptor &chunk : op.chunks) {
        if (stored.contains(chunk.chunkId))
            return true;
    }
    return false;
}

QJsonObject planAdd(qsizetype index, const ManifestOperation &op, const BranchState &state,
                    const QHash<QString, QString> &sources, const QSet<QString> &stored, Statistics &statistics)
{
    if (copiesFromHead(op, state, sources)) {
        ++statistics.copyFiles;
        QJsonObject planned = plannedOperation(index, op.type, op.pathInRepo, QStringLiteral("copy"));
        planned.insert(QStringLiteral("source_path_in_repo"), sources.value(op.sha256));
        planned.insert(QStringLiteral("source_revision"), *state.head);
        return planned;
    }
    if (reusesAChunk(op, stored))
        return planChunkUpload(index, op, stored, statistics);
    ++statistics.fullUploads;
    statistics.uploadBytes += op.size;
    QJsonObject planned = plannedOperation(index, op.type, op.pathInRepo, QStringLiteral("upload-full"));
    planned.insert(QStringLiteral("field_name"), fileFieldName(index));
    return planned;
}

// ---------------------------------------------------------------------------------------
// Applying: checks of §4.3 steps 3-4, then each add turned into a commit operation whose
// content has been verified.

void checkAlignment(const Manifest &manifest, const EchoedPlan &plan)
{
    if (manifest.operations.size() != plan.operations.size())
        invalid(QStringLiteral("upload_plan.operations must align with operations."));
    for (qsizetype i = 0; i < manifest.operations.size(); ++i) {
        const ManifestOperation &op = manifest.operations.at(i);
        const PlannedOperation &planned = plan.operations.at(i);
        if (planned.index != i)
            invalid(QStringLiteral("upload_plan.operations[%1].index is out of sync.").arg(i));
        if (planned.type != op.type)
            invalid(QStringLiteral("upload_plan.operations[%1].type is out of sync.").arg(i));
        if (op.type == QLatin1String("add") && planned.pathInRepo != op.pathInRepo)
            invalid(QStringLiteral("upload_plan.operations[%1].path_in_repo is out of sync.").arg(i));
    }
}

QString partFor(const QHash<QString, QString> &parts, const QString &fieldName)
{
    const QString path = parts.value(fieldName);
    return !path.isEmpty() && QFileInfo(path).isFile() ? path : QString();
}

void openForReading(QFile &file)
{
    if (!file.open(QIODevice::ReadOnly))
        throw HubVaultError(QStringLiteral("cannot read uploaded payload %1: %2").arg(file.fileName(), file.errorString()));
}

void writeAll(QIODevice &out, const char *data, qint64 size)
{
    if (out.write(data, size) != size)
        throw HubVaultError(QStringLiteral("cannot stage an uploaded file: %1").arg(out.errorString()));
}

/**
 * Streams `in` to its end into `hash` (and `out` when given) in bounded blocks, checking
 * cancellation between blocks.
 */
void pump(QIODevice &in, Sha256 &hash, Sha256 *whole, QIODevice *out, const TaskControl &task)
{
    QByteArray block(kCopyBlock, Qt::Uninitialized);
    for (;;) {
        const qint64 n = in.read(block.data(), block.size());
        if (n < 0)
            throw HubVaultError(QStringLiteral("cannot read uploaded payload: %1").arg(in.errorString()));
        if (n == 0)
            return;
        const QByteArrayView piece(block.constData(), n);
        hash.add(piece);
        if (whole)
            whole->add(piece);
        if (out)
            writeAll(*out, block.constData(), n);
        task.checkCancelled();
    }
}

/** Checks an upload-full part against the manifest's size and sha256; returns its path. */
QString verifiedFullUpload(const ManifestOperation &op, const PlannedOperation &planned,
                           const QHash<QString, QString> &parts, const TaskControl &task)
{
    const QString fieldName = planned.fieldName.value_or(QStringLiteral("None"));
    const QString path = partFor(parts, fieldName);
    if (path.isEmpty())
        invalid(QStringLiteral("Missing uploaded file payload: %1.").arg(fieldName));
    QFile file(path);
    openForReading(file);
    if (file.size() != op.size)
        invalid(QStringLiteral("Uploaded file payload size does not match the manifest."));
    Sha256 hash;
    pump(file, hash, nullptr, nullptr, task);
    if (hash.hex() != op.sha256)
        invalid(QStringLiteral("Uploaded file payload checksum does not match the manifest."));
    return path;
}

[[noreturn]] void chunkGone()
{
    throw ConflictError(QStringLiteral("planned chunk is no longer available; please re-plan the upload"));
}

void checkChunkDigest(const ChunkDescriptor &chunk, const QString &actual)
{
    // chunk_id and checksum are one value (docs/format.md §5.4): both must name the bytes.
    if (actual != chunk.chunkId || actual != chunk.checksum)
        invalid(QStringLiteral("Chunk payload checksum does not match the manifest."));
}

void checkChunkSize(const ChunkDescriptor &chunk, qint64 actual)
{
    if (actual != chunk.logicalSize)
        invalid(QStringLiteral("Chunk payload size does not match the manifest."));
}

void appendUploadedChunk(const ChunkDescriptor &chunk, const QString &path, QIODevice &out,
                         Sha256 &whole, const TaskControl &task)
{
    QFile file(path);
    openForReading(file);
    checkChunkSize(chunk, file.size());
    Sha256 hash;
    pump(file, hash, &whole, &out, task);
    checkChunkDigest(chunk, QStringLiteral("sha256:") + hash.hex());
}

void appendStoredChunk(const Repository &repository, const ChunkDescriptor &chunk, QIODevice &out, Sha256 &whole)
{
    QByteArray bytes;
    try {
        bytes = repository.readChunk(chunk.chunkId); // checked against its id by the core
    } catch (const EntryNotFoundError &) {
        chunkGone(); // gc ran since the plan
    }
    checkChunkSize(chunk, bytes.size());
    checkChunkDigest(chunk, chunk.chunkId);
    whole.add(bytes);
    writeAll(out, bytes.constData(), bytes.size());
}

/** The chunks the plan counts on finding in the repository, all of them still there. */
void requireStoredChunks(const Repository &repository, const ManifestOperation &op,
                         const QHash<qint64, MissingChunk> &missingByIndex)
{
    QSet<QString> seen;
    QStringList reused;
    for (qsizetype k = 0; k < op.chunks.size(); ++k) {
        const QString &chunkId = op.chunks.at(k).chunkId;
        if (!missingByIndex.contains(k) && !seen.contains(chunkId)) {
            seen.insert(chunkId);
            reused.append(chunkId);
        }
    }
    if (!reused.isEmpty() && repository.storedChunks(reused).size() != reused.size())
        chunkGone();
}

void requireDeclaredSize(const ManifestOperation &op)
{
    // Pieces are declared up front: a list that cannot add up to `size` is refused before
    // any byte is staged (it would fail the same way after all of them).
    qint64 declared = 0;
    for (const ChunkDescriptor &chunk : op.chunks) {
        declared += chunk.logicalSize;
        if (declared > op.size)
            break;
    }
    if (declared != op.size)
        invalid(QStringLiteral("Reconstructed file size does not match the manifest."));
}

/** Rebuilds a chunk-upload add from uploaded and stored chunks into a temporary file. */
std::unique_ptr<QTemporaryFile> rebuiltFile(const Repository &repository, const ManifestOperation &op,
                                            const PlannedOperation &planned, const QHash<QString, QString> &parts,
                                            const TaskControl &task)
{
    QHash<qint64, MissingChunk> missingByIndex;
    for (const MissingChunk &chunk : planned.missingChunks)
        missingByIndex.insert(chunk.chunkIndex, chunk);
    requireStoredChunks(repository, op, missingByIndex);
    requireDeclaredSize(op);

    auto out = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/hubvault-upload-XXXXXX"));
    if (!out->open())
        throw HubVaultError(QStringLiteral("cannot create a temporary file for an upload: %1").arg(out->errorString()));
    Sha256 whole;
    for (qsizetype k = 0; k < op.chunks.size(); ++k) {
        const ChunkDescriptor &chunk = op.chunks.at(k);
        const auto missing = missingByIndex.constFind(k);
        if (missing == missingByIndex.cend()) {
            appendStoredChunk(repository, chunk, *out, whole);
        } else {
            const QString path = partFor(parts, missing->fieldName);
            if (path.isEmpty())
                invalid(QStringLiteral("Missing uploaded chunk payload: %1.").arg(missing->fieldName));
            appendUploadedChunk(chunk, path, *out, whole, task);
        }
        task.checkCancelled();
    }
    if (!out->flush() || out->size() != op.size)
        invalid(QStringLiteral("Reconstructed file size does not match the manifest."));
    if (whole.hex() != op.sha256)
        invalid(QStringLiteral("Reconstructed file checksum does not match the manifest."));
    out->close();
    return out;
}

/** What one commit is made of, with the rebuilt files it reads kept until it is done. */
struct Materialized {
    QList<CommitOperation> operations;
    std::vector<std::unique_ptr<QTemporaryFile>> rebuiltFiles;
};

void materializeAdd(const Repository &repository, const ManifestOperation &op, const PlannedOperation &planned,
                    const QHash<QString, QString> &parts, const TaskControl &task, Materialized &out)
{
    if (planned.strategy == QLatin1String("copy")) {
        out.operations.append(CommitOperation::copy(planned.sourcePathInRepo.value_or(QString()), op.pathInRepo,
                                                    planned.sourceRevision.value_or(QString())));
    } else if (planned.strategy == QLatin1String("upload-full")) {
        out.operations.append(CommitOperation::addFile(op.pathInRepo, verifiedFullUpload(op, planned, parts, task)));
    } else if (planned.strategy == QLatin1String("chunk-upload")) {
        out.rebuiltFiles.push_back(rebuiltFile(repository, op, planned, parts, task));
        out.operations.append(CommitOperation::addFile(op.pathInRepo, out.rebuiltFiles.back()->fileName()));
    } else {
        invalid(QStringLiteral("Unsupported upload strategy: %1.").arg(planned.strategy));
    }
}

Materialized materialize(const Repository &repository, const Manifest &manifest, const EchoedPlan &plan,
                         const QHash<QString, QString> &parts, const TaskControl &task)
{
    Materialized out;
    for (qsizetype i = 0; i < manifest.operations.size(); ++i) {
        const ManifestOperation &op = manifest.operations.at(i);
        if (op.type == QLatin1String("add"))
            materializeAdd(repository, op, plan.operations.at(i), parts, task, out);
        else if (op.type == QLatin1String("delete"))
            out.operations.append(CommitOperation::remove(op.pathInRepo, op.isFolder));
        else
            out.operations.append(CommitOperation::copy(op.srcPathInRepo, op.pathInRepo, op.srcRevision.value_or(QString())));
    }
    return out;
}

/** The commit would refuse these too, but only after it began staging; refuse them first. */
void checkPaths(const QList<CommitOperation> &operations)
{
    for (const CommitOperation &op : operations) {
        if (op.kind == CommitOperation::Kind::Copy)
            RepoPath::normalize(op.srcPathInRepo, QStringLiteral("src_path_in_repo"));
        RepoPath::normalize(op.pathInRepo);
    }
}

void requireAllowedSizes(const Manifest &manifest, const Limits &limits)
{
    if (limits.maxFileSize <= 0)
        return;
    for (const ManifestOperation &op : manifest.operations) {
        if (op.type == QLatin1String("add") && op.size > limits.maxFileSize)
            invalid(QStringLiteral("%1 is %2 bytes; this server accepts files up to %3 bytes.")
                        .arg(op.pathInRepo)
                        .arg(op.size)
                        .arg(limits.maxFileSize));
    }
}

/** Files rebuilt from chunks are staged whole: refuse before writing what cannot fit. */
void requireRoomToRebuild(const Manifest &manifest, const EchoedPlan &plan, const Limits &limits)
{
    qint64 rebuilt = 0;
    for (qsizetype i = 0; i < manifest.operations.size(); ++i) {
        if (plan.operations.at(i).strategy == QLatin1String("chunk-upload"))
            rebuilt += manifest.operations.at(i).size;
    }
    if (rebuilt == 0)
        return;
    const QStorageInfo storage(QDir::tempPath());
    const qint64 available = storage.bytesAvailable();
    if (available >= 0 && rebuilt > available - limits.reserveBytes)
        invalid(QStringLiteral("Rebuilding the uploaded files needs %1 bytes of temporary space; the server has %2 bytes free.")
                    .arg(rebuilt)
                    .arg(std::max<qint64>(0, available - limits.reserveBytes)));
}

CommitInfo commit(Repository &repository, const Manifest &manifest, const BranchState &state,
                  const Materialized &materialized, const TaskControl &task)
{
    CommitOptions options;
    options.commitMessage = manifest.commitMessage;
    options.commitDescription = manifest.commitDescription;
    options.revision = state.branch;
    // The head checked above, so that a commit landing meanwhile fails this one.
    options.parentCommit = state.head.value_or(QString());
    try {
        return repository.createCommit(materialized.operations, options, task);
    } catch (const ConflictError &) {
        const BranchState now = branchState(repository, state.branch, std::nullopt);
        if (now.head != state.head)
            throw ConflictError(QStringLiteral("expected head does not match current branch head"));
        throw;
    }
}

QByteArray digestOf(const QJsonObject &plan)
{
    return QCryptographicHash::hash(wirejson::encode(QJsonValue(plan)), QCryptographicHash::Sha256);
}

std::string keyOf(const QJsonObject &plan)
{
    return digestOf(plan).toStdString();
}

} // namespace

// ---------------------------------------------------------------------------------------

void IssuedPlans::remember(const QJsonObject &plan)
{
    const std::string key = keyOf(plan);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::lock_guard lock(m_mutex);
    const Issue issue{++m_serial, now};
    m_order.emplace_back(key, issue);
    m_latest[key] = issue;
    // Oldest first; an issue superseded by a later one of the same plan leaves the map alone.
    while (!m_order.empty()
           && (m_order.size() > kMaxIssuedPlans || now - m_order.front().second.issuedAt > kPlanLifetimeMs)) {
        const auto &[oldKey, oldIssue] = m_order.front();
        const auto latest = m_latest.find(oldKey);
        if (latest != m_latest.end() && latest->second.serial == oldIssue.serial)
            m_latest.erase(latest);
        m_order.pop_front();
    }
}

bool IssuedPlans::contains(const QJsonObject &plan) const
{
    const std::string key = keyOf(plan);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::lock_guard lock(m_mutex);
    const auto latest = m_latest.find(key);
    return latest != m_latest.end() && now - latest->second.issuedAt <= kPlanLifetimeMs;
}

QJsonObject plan(const Repository &repository, const QJsonValue &manifestJson, const Limits &limits)
{
    const Manifest manifest = parseManifest(manifestJson);
    requireAllowedSizes(manifest, limits);
    const BranchState state = branchState(repository, manifest.revision, manifest.parentCommit);
    const bool adds = hasAdds(manifest.operations);
    const QHash<QString, QString> sources = adds ? headSources(repository, state) : QHash<QString, QString>();
    const QSet<QString> stored = adds ? storedChunkSet(repository, manifest.operations, state, sources) : QSet<QString>();

    Statistics statistics;
    QJsonArray operations;
    for (qsizetype i = 0; i < manifest.operations.size(); ++i) {
        const ManifestOperation &op = manifest.operations.at(i);
        if (op.type == QLatin1String("add"))
            operations.append(planAdd(i, op, state, sources, stored, statistics));
        else
            operations.append(plannedOperation(i, op.type, op.pathInRepo, QStringLiteral("passthrough")));
    }
    return QJsonObject{{QStringLiteral("revision"), state.branch},
                       {QStringLiteral("base_head"), nullable(state.head)},
                       {QStringLiteral("operations"), operations},
                       {QStringLiteral("statistics"), statistics.toJson()}};
}

CommitInfo apply(Repository &repository, const QJsonValue &request, const QHash<QString, QString> &parts,
                 const IssuedPlans &issued, const TaskControl &task, const Limits &limits)
{
    const Manifest manifest = parseManifest(request);
    requireAllowedSizes(manifest, limits);
    if (!manifest.uploadPlan)
        invalid(QStringLiteral("upload_plan is required when applying a write manifest."));
    const EchoedPlan &plan = *manifest.uploadPlan;
    const std::optional<QString> parent = manifest.parentCommit ? manifest.parentCommit : plan.baseHead;
    const BranchState state = branchState(repository, manifest.revision, parent);
    if (plan.revision != state.branch)
        invalid(QStringLiteral("upload_plan.revision does not match the selected target branch."));
    if (plan.baseHead != state.head)
        throw ConflictError(QStringLiteral("branch head changed after upload planning; please re-plan the upload"));
    checkAlignment(manifest, plan);
    // Strategies and copy sources come from the plan: only one this server issued is trusted.
    if (!issued.contains(plan.json))
        throw ConflictError(QStringLiteral("upload plan was not issued by this server; please re-plan the upload"));
    if (manifest.operations.isEmpty())
        throw ConflictError(QStringLiteral("operations must not be empty"));
    requireRoomToRebuild(manifest, plan, limits);
    const Materialized materialized = materialize(repository, manifest, plan, parts, task);
    checkPaths(materialized.operations);
    return commit(repository, manifest, state, materialized, task);
}

} // namespace hubvault::server::upload
