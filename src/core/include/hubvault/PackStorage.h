#pragma once
// Pack files on S3-compatible object storage (hubvault storage attach|offload|fetch|status,
// docs/object-storage.md): what a local repository's attached bucket is, where each pack
// lives, and what moving packs did. A HubVault extension; hubvault 0.0.2 knows no buckets.

#include <QList>
#include <QString>
#include <QtGlobal>
#include <optional>

namespace hubvault {

/** A bucket to attach (credentials are never stored: AWS_* variables or ~/.aws/credentials). */
struct RemoteStorageOptions {
    QString url;      ///< s3://BUCKET[/PREFIX]
    QString endpoint; ///< http(s)://host[:port] of the S3 API
    QString region;   ///< empty: us-east-1
    QString profile;  ///< ~/.aws/credentials profile when the AWS_* variables are unset; empty: AWS_PROFILE or "default"
    qint64 cacheLimit = qint64(2) << 30; ///< bytes of verified chunks kept in cache/chunks/
};

/** Where one pack named by the chunk index is. */
enum class PackPlace {
    Local,          ///< only in chunks/packs/
    Remote,         ///< only in the bucket
    LocalAndRemote, ///< both (offload removes the local copy, fetch keeps both)
    Missing,        ///< in neither: reads of its chunks fail
};

/** "local", "remote", "local-and-remote", "missing": for JSON and display only. */
QString wireName(PackPlace place);

struct PackStatus {
    QString packId;
    qint64 size = 0;        ///< bytes (the local file's, else the object's)
    qint64 liveSize = 0;    ///< bytes of the chunk index's rows that point into it
    PackPlace place = PackPlace::Local;
};

struct PackStorageStatus {
    bool attached = false;
    QString url;        ///< s3://BUCKET/PREFIX
    QString endpoint;
    QString region;
    QString profile;
    qint64 cacheLimit = 0;
    qint64 cacheSize = 0;      ///< bytes in cache/chunks/ now
    QList<PackStatus> packs;   ///< every pack the chunk index names, by id
    qint64 localSize = 0;      ///< bytes of those packs on this disk
    qint64 remoteSize = 0;     ///< bytes of those packs in the bucket
    int unreferencedObjectCount = 0; ///< pack objects in the bucket nothing names (gc removes them)
    qint64 unreferencedObjectSize = 0;
    int pendingUploadCount = 0; ///< multipart uploads begun and never finished (gc aborts them)
};

/** What offload or fetch moved. */
struct PackTransferReport {
    int movedCount = 0;       ///< packs copied (uploaded by offload, downloaded by fetch)
    qint64 movedSize = 0;
    int keptCount = 0;        ///< packs already where they had to go (checked, not copied)
    qint64 freedLocalSize = 0; ///< bytes of local packs offload deleted after checking the bucket's copy
};

} // namespace hubvault
