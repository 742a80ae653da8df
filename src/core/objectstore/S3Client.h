#pragma once
// A client for the part of the S3 API that pack storage needs: objects written whole or in
// multipart uploads, read by byte range, described, listed and deleted, in one bucket under
// one key prefix. libcurl moves the bytes and signs every request (AWS Signature V4 through
// CURLOPT_AWS_SIGV4, README "Dependencies"); connections stay open between calls.
// Idempotent requests are retried with backoff on connection errors and 5xx answers, and a
// range read that breaks off resumes where it stopped. Thread-safe.

#include "objectstore/S3Credentials.h"

#include <hubvault/Progress.h>

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace hubvault::objectstore {

/** Where objects go: s3://BUCKET/PREFIX at an endpoint, in path style (Swift, Ceph, MinIO, AWS). */
struct S3Location {
    QString endpoint; ///< "https://s3.eu-west-1.amazonaws.com", "http://127.0.0.1:8080"
    QString bucket;
    QString prefix;   ///< without slashes at either end; empty for the bucket's root
    QString region = QStringLiteral("us-east-1");

    /** `url` is s3://BUCKET[/PREFIX]; throws HubVaultValidationError for anything else. */
    static S3Location parse(const QString &url, const QString &endpoint, const QString &region = {});
    /** s3://BUCKET/PREFIX, as a user writes it. */
    QString url() const;
};

struct S3Object {
    QString name; ///< below the prefix
    qint64 size = 0;
    QString etag; ///< without quotes
};

struct S3Upload {
    QString name;
    QString uploadId;
};

class S3Client {
public:
    S3Client(S3Location location, S3Credentials credentials);
    ~S3Client();
    S3Client(const S3Client &) = delete;
    S3Client &operator=(const S3Client &) = delete;

    const S3Location &location() const;

    /** Size and ETag of `name`, or nothing when there is no such object. */
    std::optional<S3Object> describe(const QString &name) const;
    /** Exactly `length` bytes of `name` from `offset` (IntegrityError when fewer arrive). */
    QByteArray read(const QString &name, qint64 offset, qint64 length) const;
    /** The same, streamed into `out`, with progress in bytes and cancellation. */
    void readTo(const QString &name, qint64 offset, qint64 length, QIODevice &out, const TaskControl &task = {}) const;
    /** Writes `bytes` as the whole object `name` (a single PUT). */
    void write(const QString &name, const QByteArray &bytes) const;

    /** Starts a multipart upload of `name`; its upload id. */
    QString beginUpload(const QString &name) const;
    /** Sends part `partNumber` (from 1; every part but the last at least 5 MiB); its ETag. */
    QString writePart(const QString &name, const QString &uploadId, int partNumber, const QByteArray &bytes) const;
    /** Joins the parts, in order, into the object `name`. */
    void finishUpload(const QString &name, const QString &uploadId, const QStringList &partEtags) const;
    void abortUpload(const QString &name, const QString &uploadId) const;
    /** Multipart uploads begun under the prefix and neither finished nor aborted. */
    QList<S3Upload> pendingUploads() const;

    /** Objects under the prefix whose names start with `namePrefix`, by name. */
    QList<S3Object> list(const QString &namePrefix = {}) const;
    /** Deletes `name`; deleting an object that is not there succeeds (S3's own rule). */
    void remove(const QString &name) const;
    /** Creates the bucket (for tests and first-time setup); an existing bucket of ours is fine. */
    void createBucket() const;

    /** HTTP requests sent so far, retries included (tests and benchmarks count them). */
    qint64 requestCount() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace hubvault::objectstore
