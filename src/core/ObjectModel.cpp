#include "ObjectModel.h"

#include <hubvault/Errors.h>
#include "CanonicalJson.h"
#include "ObjectCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <limits>
#include <simdjson.h>

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

namespace sj = simdjson;

/**
 * Payloads are parsed with simdjson's DOM parser (which validates the whole document,
 * like QJsonDocument did, at a few times its speed); each thread reuses one parser's
 * memory. The object returned lives until the thread's next parse.
 */
sj::dom::object parseObject(const QByteArray &json, ObjectType type, const QString &objectId)
{
    thread_local sj::dom::parser parser;
    const bool padded = json.capacity() - json.size() >= qsizetype(sj::SIMDJSON_PADDING);
    sj::dom::element document;
    sj::dom::object object;
    auto error = parser.parse(json.constData(), size_t(json.size()), !padded).get(document);
    if (!error)
        error = document.get_object().get(object);
    if (error)
        throw IntegrityError(QStringLiteral("%1 %2 is not a valid JSON object: %3")
                                 .arg(objectTypeName(type), objectId, QString::fromUtf8(sj::error_message(error))));
    return object;
}

QString toQString(std::string_view text)
{
    // The few values that repeat in every object share one string each.
    static const QString shared[] = {QStringLiteral("file"), QStringLiteral("tree"), QStringLiteral("100644"),
                                     QStringLiteral("040000"), QStringLiteral("none"), QStringLiteral("blob"),
                                     QStringLiteral("chunked")};
    if (text.size() <= 7) {
        for (const QString &s : shared) {
            if (s.size() == qsizetype(text.size()) && s == QLatin1String(text.data(), qsizetype(text.size())))
                return s;
        }
    }
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

/** A JSON number that is a non-negative integer (as QJsonValue::toInteger would take it). */
std::optional<qint64> nonNegativeInteger(const sj::dom::element &value)
{
    int64_t i;
    if (value.is_int64() && !value.get_int64().get(i))
        return i >= 0 ? std::optional<qint64>(i) : std::nullopt;
    uint64_t u;
    if (value.is_uint64() && !value.get_uint64().get(u))
        return u <= uint64_t(std::numeric_limits<qint64>::max()) ? std::optional<qint64>(qint64(u)) : std::nullopt;
    double d;
    if (value.is_double() && !value.get_double().get(d) && d >= 0 && d < 9.2e18 && d == double(qint64(d)))
        return qint64(d);
    return std::nullopt;
}

QJsonValue toJson(const sj::dom::element &value)
{
    switch (value.type()) {
    case sj::dom::element_type::OBJECT: {
        QJsonObject out;
        for (const auto field : sj::dom::object(value))
            out.insert(toQString(field.key), toJson(field.value));
        return out;
    }
    case sj::dom::element_type::ARRAY: {
        QJsonArray out;
        for (const auto item : sj::dom::array(value))
            out.append(toJson(item));
        return out;
    }
    case sj::dom::element_type::STRING:
        return toQString(std::string_view(value));
    case sj::dom::element_type::INT64:
        return qint64(int64_t(value));
    case sj::dom::element_type::UINT64:
        return double(uint64_t(value));
    case sj::dom::element_type::DOUBLE:
        return double(value);
    case sj::dom::element_type::BOOL:
        return bool(value);
    case sj::dom::element_type::NULL_VALUE:
        return QJsonValue(QJsonValue::Null);
    }
    return QJsonValue();
}

/** Strict field access with errors naming the object and the field. */
class FieldReader {
public:
    FieldReader(sj::dom::object object, QString what) : m_object(object), m_what(std::move(what)) {}
    /**
     * Reads an array item that should be an object; anything else reads as an object with
     * no fields (so its first required field is reported missing). A default-constructed
     * simdjson object is not such an object: it has no document, and reading it crashed
     * (found by tests/fuzz fuzz_object_payload).
     */
    FieldReader(sj::dom::element item, QString what) : m_what(std::move(what)) { m_isObject = !item.get_object().get(m_object); }

    std::optional<sj::dom::element> find(const char *key) const
    {
        sj::dom::element value;
        if (!m_isObject || m_object[key].get(value))
            return std::nullopt;
        return value;
    }
    sj::dom::element require(const char *key) const
    {
        const auto value = find(key);
        if (!value)
            fail(key, "is missing");
        return *value;
    }
    bool has(const char *key) const { return find(key).has_value(); }
    bool isNull(const char *key) const
    {
        const auto value = find(key);
        return value && value->is_null();
    }
    QString string(const char *key) const
    {
        std::string_view text;
        if (require(key).get_string().get(text))
            fail(key, "is not a string");
        return toQString(text);
    }
    QString optionalString(const char *key) const
    {
        std::string_view text;
        const auto value = find(key);
        return value && !value->get_string().get(text) ? toQString(text) : QString();
    }
    qint64 integer(const char *key) const
    {
        const auto value = nonNegativeInteger(require(key));
        if (!value)
            fail(key, "is not a non-negative integer");
        return *value;
    }
    sj::dom::array array(const char *key) const
    {
        sj::dom::array items;
        if (require(key).get_array().get(items))
            fail(key, "is not an array");
        return items;
    }
    [[noreturn]] void fail(const char *key, const char *problem) const
    {
        throw IntegrityError(QStringLiteral("%1: field '%2' %3").arg(m_what, QLatin1String(key), QLatin1String(problem)));
    }

private:
    sj::dom::object m_object;
    bool m_isObject = true;
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

void checkTreeDepth(int depth, const QString &treeId)
{
    if (depth > kMaxTreeDepth)
        throw IntegrityError(QStringLiteral("tree %1 is nested more than %2 levels deep (or contains itself)")
                                 .arg(treeId).arg(kMaxTreeDepth));
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

FilePayload FilePayload::parse(const QByteArray &payloadJson, const QString &objectId)
{
    const FieldReader r(parseObject(payloadJson, ObjectType::File, objectId), QStringLiteral("file %1").arg(objectId));
    FilePayload p;
    p.storageKind = r.string("storage_kind");
    p.logicalSize = r.integer("logical_size");
    p.sha256 = stripSha256Prefix(r.string("sha256"));
    p.oid = r.string("oid");
    p.etag = r.optionalString("etag");
    if (r.has("pointer_size") && !r.isNull("pointer_size"))
        p.pointerSize = r.integer("pointer_size");
    p.contentObjectId = r.optionalString("content_object_id");
    if (p.storageKind != QLatin1String("blob") && p.storageKind != QLatin1String("chunked"))
        r.fail("storage_kind", "is neither 'blob' nor 'chunked'");
    if (!p.isChunked() && p.contentObjectId.isEmpty())
        r.fail("content_object_id", "is missing for a whole-blob file");
    sj::dom::array chunks;
    if (const auto value = r.find("chunks"); value && !value->get_array().get(chunks)) {
        for (const sj::dom::element item : chunks) {
            const FieldReader cr(item, QStringLiteral("file %1 chunk").arg(objectId));
            ChunkRef ref;
            ref.chunkId = cr.string("chunk_id");
            ref.checksum = cr.optionalString("checksum");
            if (ref.checksum.isEmpty())
                ref.checksum = ref.chunkId;
            ref.compression = cr.optionalString("compression");
            ref.logicalOffset = cr.integer("logical_offset");
            ref.logicalSize = cr.integer("logical_size");
            ref.storedSize = cr.has("stored_size") ? cr.integer("stored_size") : ref.logicalSize;
            p.chunks.append(ref);
        }
    }
    if (p.isChunked()) {
        // Stored text is canonical unless a foreign writer produced it; only then is the
        // (slower) canonical re-serialization needed to decide.
        p.idMatches = ObjectCodec::objectId(ObjectType::File, payloadJson) == objectId
            || ObjectCodec::objectId(ObjectType::File, CanonicalJson::serialize(QJsonDocument::fromJson(payloadJson).object()))
                == objectId;
    }
    return p;
}

BlobPayload BlobPayload::parse(const QByteArray &payloadJson, const QString &objectId)
{
    const FieldReader r(parseObject(payloadJson, ObjectType::Blob, objectId), QStringLiteral("blob %1").arg(objectId));
    BlobPayload p;
    p.logicalSize = r.integer("logical_size");
    p.storedSize = r.has("stored_size") ? r.integer("stored_size") : p.logicalSize;
    p.logicalHash = r.optionalString("logical_hash");
    p.payloadSha256 = r.string("payload_sha256");
    p.compression = r.optionalString("compression");
    return p;
}

TreePayload TreePayload::parse(const QByteArray &payloadJson, const QString &objectId)
{
    const FieldReader r(parseObject(payloadJson, ObjectType::Tree, objectId), QStringLiteral("tree %1").arg(objectId));
    TreePayload p;
    p.gitOid = r.optionalString("git_oid");
    const sj::dom::array entries = r.array("entries");
    p.entries.reserve(qsizetype(entries.size()));
    const QString what = QStringLiteral("tree %1 entry").arg(objectId);
    for (const sj::dom::element item : entries) {
        const FieldReader er(item, what);
        TreeEntry entry;
        entry.entryType = er.string("entry_type");
        entry.mode = er.optionalString("mode");
        entry.name = er.string("name");
        entry.objectId = er.string("object_id");
        const auto sizeHint = er.find("size_hint");
        entry.sizeHint = sizeHint ? nonNegativeInteger(*sizeHint).value_or(0) : 0;
        if (entry.entryType != QLatin1String("file") && entry.entryType != QLatin1String("tree"))
            er.fail("entry_type", "is neither 'file' nor 'tree'");
        // A NUL would cut the name where it meets the file system ("x\0y" written as "x"),
        // so it is as foreign to a segment as a '/' (no version of the format can write it).
        if (entry.name.isEmpty() || entry.name.contains(QLatin1Char('/')) || entry.name.contains(QChar(0))
            || entry.name == QLatin1String("..") || entry.name == QLatin1String("."))
            er.fail("name", "is not a single path segment");
        if (!p.entries.isEmpty() && !codePointLess(p.entries.constLast().name, entry.name))
            p.sortedByName = false;
        p.entries.append(std::move(entry));
    }
    return p;
}

CommitPayload CommitPayload::parse(const QByteArray &payloadJson, const QString &objectId)
{
    const FieldReader r(parseObject(payloadJson, ObjectType::Commit, objectId), QStringLiteral("commit %1").arg(objectId));
    CommitPayload p;
    p.treeId = r.string("tree_id");
    for (const sj::dom::element parent : r.array("parents")) {
        std::string_view text;
        if (parent.get_string().get(text))
            r.fail("parents", "holds a non-string");
        p.parents.append(toQString(text));
    }
    p.createdAt = r.string("created_at");
    p.message = r.optionalString("message");
    p.title = r.optionalString("title");
    p.description = r.optionalString("description");
    p.gitOid = r.optionalString("git_oid");
    if (const auto metadata = r.find("metadata"); metadata && metadata->is_object())
        p.metadata = toJson(*metadata).toObject();
    return p;
}

} // namespace hubvault
