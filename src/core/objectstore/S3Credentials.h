#pragma once
// The key pair that signs S3 requests, found where every S3 tool looks: the
// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) variables, else the
// profile (AWS_PROFILE, default "default") of ~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE).
// Never stored in the repository.

#include <QString>

namespace hubvault::objectstore {

struct S3Credentials {
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken; ///< temporary credentials only

    bool isEmpty() const { return accessKeyId.isEmpty() || secretAccessKey.isEmpty(); }

    /** From the environment, else the shared credentials file; throws HubVaultValidationError when neither has keys. */
    static S3Credentials find(const QString &profile = {});
    /** One profile of a credentials file in the AWS INI format; empty when it is not there. */
    static S3Credentials fromFile(const QString &path, const QString &profile);
};

} // namespace hubvault::objectstore
