#pragma once
// Internal: what every part of the core needs to know about one open repository
// (its root, environment and fixed settings). Not part of the public API.

#include "Env.h"
#include "ObjectCache.h"

#include <QString>
#include <memory>

namespace hubvault {

class RepositoryContext {
public:
    QString root; ///< absolute path, no trailing slash
    std::shared_ptr<Env> env;
    QString defaultBranch;
    qint64 largeFileThreshold = 16777216;
    int formatVersion = 1;
    /** Parsed payloads shared across calls (content-addressed, never stale). */
    std::shared_ptr<ObjectCache> objects = std::make_shared<ObjectCache>();

    QString path(const QString &relative) const { return root + QLatin1Char('/') + relative; }
    QString databasePath() const { return path(QStringLiteral("metadata.sqlite3")); }
    QString lockPath() const { return path(QStringLiteral("locks/repo.lock")); }
    /** objects/blobs/sha256/<d2>/<d62>.data for a blob object id (FORMAT.md §3.2). */
    QString blobDataPath(const QString &blobObjectId) const;
    QString packPath(const QString &packId) const
    {
        return path(QStringLiteral("chunks/packs/") + packId + QStringLiteral(".pack"));
    }
};

} // namespace hubvault
