// The browser UI's assets from the compiled-in resources (see FrontendAssets.h).
#include "FrontendAssets.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QHash>

namespace hubvault::server {
namespace {

QByteArray contentTypeOf(const QString &name)
{
    static const QHash<QString, QByteArray> types = {
        {QStringLiteral("html"), QByteArrayLiteral("text/html; charset=utf-8")},
        {QStringLiteral("js"), QByteArrayLiteral("text/javascript; charset=utf-8")},
        {QStringLiteral("css"), QByteArrayLiteral("text/css; charset=utf-8")},
        {QStringLiteral("json"), QByteArrayLiteral("application/json")},
        {QStringLiteral("svg"), QByteArrayLiteral("image/svg+xml")},
        {QStringLiteral("webmanifest"), QByteArrayLiteral("application/manifest+json")},
    };
    return types.value(name.section(QLatin1Char('.'), -1), QByteArrayLiteral("application/octet-stream"));
}

/** Every asset, read once: the UI is small and its files never change while serving. */
QHash<QString, FrontendAsset> loadAssets()
{
    QHash<QString, FrontendAsset> assets;
    QDirIterator it(QStringLiteral(":/web"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString resource = it.next();
        QFile file(resource);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        FrontendAsset asset;
        asset.body = file.readAll();
        asset.contentType = contentTypeOf(resource);
        asset.etag = '"' + QCryptographicHash::hash(asset.body, QCryptographicHash::Sha1).toHex().left(20) + '"';
        assets.insert(resource.mid(int(qstrlen(":/web"))), asset);
    }
    return assets;
}

} // namespace

const FrontendAsset &frontendAsset(const QString &urlPath)
{
    static const QHash<QString, FrontendAsset> assets = loadAssets();
    static const FrontendAsset index = assets.value(QStringLiteral("/index.html"));
    // A lookup by exact key cannot escape the set, whatever `..` the path holds.
    const auto found = assets.constFind(urlPath);
    return found == assets.constEnd() || urlPath == QLatin1String("/") ? index : *found;
}

} // namespace hubvault::server
