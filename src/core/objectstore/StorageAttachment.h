#pragma once
// The bucket a repository is attached to, kept in <repo>/remote-storage.json: where the
// packs that are not in chunks/packs/ live (docs/object-storage.md). The file holds no
// secret (credentials come from the environment) and moves with the repository; the
// original hubvault never reads it.

#include <hubvault/PackStorage.h>
#include "objectstore/S3Client.h"

#include <QString>
#include <optional>

namespace hubvault {
class Env;
}

namespace hubvault::objectstore {

struct StorageAttachment {
    S3Location location;
    QString profile;
    qint64 cacheLimit = RemoteStorageOptions().cacheLimit;

    static QString fileName() { return QStringLiteral("remote-storage.json"); }
    /** From the user's options; throws HubVaultValidationError for a bad URL, endpoint or limit. */
    static StorageAttachment fromOptions(const RemoteStorageOptions &options);
    /** The repository's attachment, or nothing; HubVaultValidationError for a damaged file. */
    static std::optional<StorageAttachment> load(const Env &env, const QString &root);
    /** Writes the file atomically and durably. */
    void save(const Env &env, const QString &root) const;
    static void remove(const Env &env, const QString &root);

    /** A client signed with the credentials the environment offers for this attachment. */
    std::unique_ptr<S3Client> connect() const;
};

} // namespace hubvault::objectstore
