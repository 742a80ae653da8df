// Reading and writing remote-storage.json (see StorageAttachment.h).
#include "objectstore/StorageAttachment.h"

#include <hubvault/Errors.h>
#include "CanonicalJson.h"
#include "Env.h"

#include <QJsonObject>
#include <QUrl>

namespace hubvault::objectstore {

namespace {

constexpr qint64 kMinCacheLimit = qint64(64) << 20; // room for a few of the largest chunks

QString filePath(const QString &root) { return root + QLatin1Char('/') + StorageAttachment::fileName(); }

void checkEndpoint(const QString &endpoint)
{
    const QUrl url(endpoint);
    if (endpoint.isEmpty())
        throw HubVaultValidationError(QStringLiteral("An S3 endpoint is needed: --endpoint https://HOST[:PORT]."));
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) || url.host().isEmpty())
        throw HubVaultValidationError(QStringLiteral("The S3 endpoint \"%1\" is not an http:// or https:// URL.").arg(endpoint));
}

} // namespace

StorageAttachment StorageAttachment::fromOptions(const RemoteStorageOptions &options)
{
    checkEndpoint(options.endpoint);
    StorageAttachment out;
    out.location = S3Location::parse(options.url, options.endpoint, options.region);
    out.profile = options.profile;
    if (options.cacheLimit < kMinCacheLimit)
        throw HubVaultValidationError(QStringLiteral("The chunk cache limit must be at least 64 MiB (it is %1 bytes).").arg(options.cacheLimit));
    out.cacheLimit = options.cacheLimit;
    return out;
}

std::optional<StorageAttachment> StorageAttachment::load(const Env &env, const QString &root)
{
    const QString path = filePath(root);
    if (!env.stat(path).isFile)
        return std::nullopt;
    const QJsonObject json = CanonicalJson::parseObject(env.readFile(path), fileName());
    RemoteStorageOptions options;
    options.url = json.value(QLatin1String("url")).toString();
    options.endpoint = json.value(QLatin1String("endpoint")).toString();
    options.region = json.value(QLatin1String("region")).toString();
    options.profile = json.value(QLatin1String("profile")).toString();
    options.cacheLimit = qint64(json.value(QLatin1String("cache_limit")).toDouble(double(options.cacheLimit)));
    if (json.value(QLatin1String("format_version")).toInt() != 1 || json.value(QLatin1String("kind")).toString() != QLatin1String("s3"))
        throw HubVaultValidationError(QStringLiteral("%1 is not a remote storage file this version understands.").arg(path));
    try {
        return fromOptions(options);
    } catch (const HubVaultValidationError &e) {
        throw HubVaultValidationError(QStringLiteral("%1 is damaged: %2").arg(path, e.message()));
    }
}

void StorageAttachment::save(const Env &env, const QString &root) const
{
    QJsonObject json{
        {QStringLiteral("format_version"), 1},
        {QStringLiteral("kind"), QStringLiteral("s3")},
        {QStringLiteral("url"), location.url()},
        {QStringLiteral("endpoint"), location.endpoint},
        {QStringLiteral("region"), location.region},
        {QStringLiteral("cache_limit"), double(cacheLimit)},
    };
    if (!profile.isEmpty())
        json.insert(QStringLiteral("profile"), profile);
    env.writeFileAtomic(filePath(root), CanonicalJson::serialize(json), true);
}

void StorageAttachment::remove(const Env &env, const QString &root)
{
    const QString path = filePath(root);
    if (env.stat(path).exists) {
        env.removeFile(path);
        env.fsyncDirectory(root);
    }
}

std::unique_ptr<S3Client> StorageAttachment::connect() const
{
    return std::make_unique<S3Client>(location, S3Credentials::find(profile));
}

} // namespace hubvault::objectstore
