#include "ObjectModel.h"

#include "CanonicalJson.h"
#include "Errors.h"
#include "ObjectCodec.h"

#include <QJsonArray>
#include <algorithm>

namespace hubvault {

QString objectTypeName(ObjectType type)
{
    switch (type) {
    case ObjectType::Commit: return QStringLiteral("commit");
    case ObjectType::Tree: return QStringLiteral("tree");
    case ObjectType::File: return QStringLiteral("file");
    case ObjectType::Blob: return QStringLiteral("blob");
    }
    return {};
}

QString objectTableName(ObjectType type)
{
    return QStringLiteral("objects_") + objectTypeName(type) + QLatin1Char('s');
}

namespace {

class FieldReader {
public:
    FieldReader(const QJsonObject &json, QString what) : m_json(json), m_what(std::move(what)) {}

    QJsonValue require(const char *key) const
    {
        const QJsonValue v = m_json.value(QLatin1String(key));
        if (v.isUndefined())
            fail(key, "is missing");
        return v;
    }
    QString string(const char *key) const
    {
        const QJsonValue v = require(key);
        if (!v.isString())
            fail(key, "is not a string");
        return v.toString();
    }
    QString optionalString(const char *key) const
    {
        const QJsonValue v = m_json.value(QLatin1String(key));
        return v.isString() ? v.toString() : QString();
    }
    qint64 integer(const char *key) const
    {
        const QJsonValue v = require(key);
        if (!v.isDouble() || v.toInteger(-1) < 0)
            fail(key, "is not a non-negative integer");
        return v.toInteger();
    }
    QJsonArray array(const char *key) const
    {
        const QJsonValue v = require(key);
        if (!v.isArray())
            fail(key, "is not an array");
        return v.toArray();
    }
    [[noreturn]] void fail(const char *key, const char *problem) const
    {
        throw IntegrityError(QStringLiteral("%1: field '%2' %3").arg(m_what, QLatin1String(key), QLatin1String(problem)));
    }

private:
    const QJsonObject &m_json;
    QString m_what;
};

QString stripSha256Prefix(QString value)
{
    if (value.startsWith(QLatin1String("sha256:")))
        value.remove(0, 7);
    return value;
}

} // namespace

bool codePointLess(const QString &a, const QString &b)
{
    // UTF-16 order only differs from code-point order when a surrogate (part of a
    // character above U+FFFF) meets a BMP character above the surrogate block: the
    // surrogate side is then the larger one. Two surrogates at the first difference are
    // both high or both low (after an equal high one), and those compare like their
    // code points. (Re-encoding a tail that starts at a lone low surrogate is not an
    // option: it becomes '?' on both sides, so U+1F600 and U+1F601 would tie.)
    const qsizetype n = qMin(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const QChar ca = a.at(i), cb = b.at(i);
        if (ca == cb)
            continue;
        if (ca.isSurrogate() != cb.isSurrogate())
            return cb.isSurrogate();
        return ca.unicode() < cb.unicode();
    }
    return a.size() < b.size();
}

namespace {

QJsonObject parseJson(const QByteArray &payloadJson, ObjectType type, const QString &objectId)
{
    return CanonicalJson::parseObject(payloadJson, objectTypeName(type) + QLatin1Char(' ') + objectId);
}

} // namespace

FilePayload FilePayload::parse(const QByteArray &payloadJson, const QString &objectId)
{
    const QJsonObject json = parseJson(payloadJson, ObjectType::File, objectId);
    FilePayload p = parse(json, objectId);
    if (p.isChunked()) {
        // Stored text is canonical unless a foreign writer produced it; only then is the
        // (slower) canonical re-serialization needed to decide.
        p.idMatches = ObjectCodec::objectId(ObjectType::File, payloadJson) == objectId
            || ObjectCodec::objectId(ObjectType::File, CanonicalJson::serialize(json)) == objectId;
    }
    return p;
}

BlobPayload BlobPayload::parse(const QByteArray &payloadJson, const QString &objectId)
{
    return parse(parseJson(payloadJson, ObjectType::Blob, objectId), objectId);
}

TreePayload TreePayload::parse(const QByteArray &payloadJson, const QString &objectId)
{
    return parse(parseJson(payloadJson, ObjectType::Tree, objectId), objectId);
}

CommitPayload CommitPayload::parse(const QByteArray &payloadJson, const QString &objectId)
{
    return parse(parseJson(payloadJson, ObjectType::Commit, objectId), objectId);
}

const TreeEntry *TreePayload::find(const QString &name) const
{
    if (sortedByName) {
        const auto it = std::lower_bound(entries.cbegin(), entries.cend(), name,
                                         [](const TreeEntry &e, const QString &n) { return codePointLess(e.name, n); });
        return it != entries.cend() && it->name == name ? &*it : nullptr;
    }
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (it->name == name)
            return &*it;
    }
    return nullptr;
}

FilePayload FilePayload::parse(const QJsonObject &json, const QString &objectId)
{
    const FieldReader r(json, QStringLiteral("file %1").arg(objectId));
    FilePayload p;
    p.storageKind = r.string("storage_kind");
    p.logicalSize = r.integer("logical_size");
    p.sha256 = stripSha256Prefix(r.string("sha256"));
    p.oid = r.string("oid");
    p.etag = r.optionalString("etag");
    if (json.contains(QLatin1String("pointer_size")) && !json.value(QLatin1String("pointer_size")).isNull())
        p.pointerSize = r.integer("pointer_size");
    p.contentObjectId = r.optionalString("content_object_id");
    if (p.storageKind != QLatin1String("blob") && p.storageKind != QLatin1String("chunked"))
        r.fail("storage_kind", "is neither 'blob' nor 'chunked'");
    if (!p.isChunked() && p.contentObjectId.isEmpty())
        r.fail("content_object_id", "is missing for a whole-blob file");
    for (const QJsonValue &v : json.value(QLatin1String("chunks")).toArray()) {
        const QJsonObject c = v.toObject();
        const FieldReader cr(c, QStringLiteral("file %1 chunk").arg(objectId));
        ChunkRef ref;
        ref.chunkId = cr.string("chunk_id");
        ref.checksum = cr.optionalString("checksum");
        if (ref.checksum.isEmpty())
            ref.checksum = ref.chunkId;
        ref.compression = cr.optionalString("compression");
        ref.logicalOffset = cr.integer("logical_offset");
        ref.logicalSize = cr.integer("logical_size");
        ref.storedSize = c.contains(QLatin1String("stored_size")) ? cr.integer("stored_size") : ref.logicalSize;
        p.chunks.append(ref);
    }
    return p;
}

BlobPayload BlobPayload::parse(const QJsonObject &json, const QString &objectId)
{
    const FieldReader r(json, QStringLiteral("blob %1").arg(objectId));
    BlobPayload p;
    p.logicalSize = r.integer("logical_size");
    p.storedSize = json.contains(QLatin1String("stored_size")) ? r.integer("stored_size") : p.logicalSize;
    p.logicalHash = r.optionalString("logical_hash");
    p.payloadSha256 = r.string("payload_sha256");
    p.compression = r.optionalString("compression");
    return p;
}

TreePayload TreePayload::parse(const QJsonObject &json, const QString &objectId)
{
    const FieldReader r(json, QStringLiteral("tree %1").arg(objectId));
    TreePayload p;
    p.gitOid = r.optionalString("git_oid");
    for (const QJsonValue &v : r.array("entries")) {
        const QJsonObject e = v.toObject();
        const FieldReader er(e, QStringLiteral("tree %1 entry").arg(objectId));
        TreeEntry entry;
        entry.entryType = er.string("entry_type");
        entry.mode = er.optionalString("mode");
        entry.name = er.string("name");
        entry.objectId = er.string("object_id");
        entry.sizeHint = e.value(QLatin1String("size_hint")).toInteger();
        if (entry.entryType != QLatin1String("file") && entry.entryType != QLatin1String("tree"))
            er.fail("entry_type", "is neither 'file' nor 'tree'");
        if (entry.name.isEmpty() || entry.name.contains(QLatin1Char('/')) || entry.name == QLatin1String("..")
            || entry.name == QLatin1String("."))
            er.fail("name", "is not a single path segment");
        if (!p.entries.isEmpty() && !codePointLess(p.entries.constLast().name, entry.name))
            p.sortedByName = false;
        p.entries.append(entry);
    }
    return p;
}

CommitPayload CommitPayload::parse(const QJsonObject &json, const QString &objectId)
{
    const FieldReader r(json, QStringLiteral("commit %1").arg(objectId));
    CommitPayload p;
    p.treeId = r.string("tree_id");
    for (const QJsonValue &v : r.array("parents")) {
        if (!v.isString())
            r.fail("parents", "holds a non-string");
        p.parents.append(v.toString());
    }
    p.createdAt = r.string("created_at");
    p.message = r.optionalString("message");
    p.title = r.optionalString("title");
    p.description = r.optionalString("description");
    p.gitOid = r.optionalString("git_oid");
    p.metadata = json.value(QLatin1String("metadata")).toObject();
    return p;
}

} // namespace hubvault
