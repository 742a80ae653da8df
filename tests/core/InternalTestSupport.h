#pragma once
// Helpers of the suites that test the core's internal classes directly (tst_tree_builder_walker,
// tst_snapshot_validator, tst_pack_writer, tst_background_hasher, tst_metadata_store,
// tst_reachability_storage, tst_internal_parts): an open RepositoryContext for a repository
// directory (what Repository::open builds), the fixture manifests, the whole-blob ids of
// docs/format.md §3.2/§3.3 computed independently of the core, and raw SQL reads.

#include "SqlTestSupport.h"
#include "TestSupport.h"

#include <hubvault/Errors.h>

#include "CanonicalJson.h"
#include "Env.h"
#include "ObjectCodec.h"
#include "RepositoryContext.h"
#include "RepositoryInit.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <atomic>
#include <memory>

namespace hubvault::utest {

/** The context Repository::open builds: absolute root, env, settings loaded (§1.3). */
inline std::unique_ptr<RepositoryContext> loadContext(const QString &root, std::shared_ptr<Env> env = nullptr)
{
    auto context = std::make_unique<RepositoryContext>();
    context->env = env ? std::move(env) : Env::system();
    context->root = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    RepositoryInit::load(*context);
    return context;
}

/** A context for a directory that is not a repository yet (RepositoryInit::initialize). */
inline std::unique_ptr<RepositoryContext> newContext(const QString &root, std::shared_ptr<Env> env = nullptr)
{
    auto context = std::make_unique<RepositoryContext>();
    context->env = env ? std::move(env) : Env::system();
    context->root = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    return context;
}

/** `<fixture>.manifest.json` of the hubvault 0.0.2 fixtures. */
inline QJsonObject manifest(const QString &fixture) { return test::fixtureManifest(fixture); }

inline QDateTime utc(const char *iso)
{
    // "…Z" parses as UTC.
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

inline QString sha256Hex(QByteArrayView data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

/** Git blob OID of `content` (§3.6), computed here rather than by ObjectCodec. */
inline QString gitBlobOid(QByteArrayView content)
{
    QByteArray data = "blob " + QByteArray::number(content.size());
    data.append('\0');
    data.append(content.data(), content.size());
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha1).toHex());
}

struct WholeBlobIds {
    QString blobId;
    QString fileId;
    qint64 size = 0;
    QString oid;
    QByteArray blobPayload;
    QByteArray filePayload;
};

/** Blob and file object ids of a whole-blob file (§3.2, §3.3, §3.1). */
inline WholeBlobIds wholeBlob(const QByteArray &content)
{
    WholeBlobIds out;
    const QString sha = sha256Hex(content);
    out.size = content.size();
    out.oid = gitBlobOid(content);
    out.blobPayload = CanonicalJson::serialize(QJsonObject{
        {QStringLiteral("compression"), QStringLiteral("none")},
        {QStringLiteral("format_version"), 1},
        {QStringLiteral("logical_hash"), QStringLiteral("sha256:") + sha},
        {QStringLiteral("logical_size"), out.size},
        {QStringLiteral("payload_sha256"), QStringLiteral("sha256:") + sha},
        {QStringLiteral("stored_size"), out.size}});
    out.blobId = ObjectCodec::objectId(ObjectType::Blob, out.blobPayload);
    out.filePayload = CanonicalJson::serialize(QJsonObject{
        {QStringLiteral("chunks"), QJsonArray()},
        {QStringLiteral("content_object_id"), out.blobId},
        {QStringLiteral("content_type_hint"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("etag"), out.oid},
        {QStringLiteral("format_version"), 1},
        {QStringLiteral("logical_size"), out.size},
        {QStringLiteral("oid"), out.oid},
        {QStringLiteral("sha256"), sha},
        {QStringLiteral("storage_kind"), QStringLiteral("blob")}});
    out.fileId = ObjectCodec::objectId(ObjectType::File, out.filePayload);
    return out;
}

/** Runs one statement on `databasePath` over its own connection; rows as variant lists. */
inline QList<QVariantList> sql(const QString &databasePath, const QString &statement, bool readOnly = true)
{
    return test::sqlQueryRows(databasePath, statement, readOnly);
}

/** The message of the IntegrityError `call` throws, or what went wrong instead. */
template <typename F>
QString integrityMessage(F &&call)
{
    try {
        call();
    } catch (const IntegrityError &e) {
        return e.message();
    } catch (const HubVaultError &e) {
        return QStringLiteral("wrong error type %1: %2").arg(e.kind(), e.message());
    }
    return QStringLiteral("no error");
}

/** Code points of a string, for an ordering that is certainly code-point order. */
inline bool ucs4Less(const QString &a, const QString &b)
{
    const QList<uint> ua = a.toUcs4(), ub = b.toUcs4();
    return std::lexicographical_compare(ua.cbegin(), ua.cend(), ub.cbegin(), ub.cend());
}

} // namespace hubvault::utest
