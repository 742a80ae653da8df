// Where S3 keys come from (see S3Credentials.h).
#include "objectstore/S3Credentials.h"

#include <hubvault/Errors.h>

#include <QDir>
#include <QFile>
#include <QTextStream>

namespace hubvault::objectstore {

S3Credentials S3Credentials::fromFile(const QString &path, const QString &profile)
{
    S3Credentials found;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return found;
    QTextStream in(&file);
    bool inProfile = false;
    while (!in.atEnd()) {
        const QString line = in.readLine().trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('[')) && line.endsWith(QLatin1Char(']'))) {
            inProfile = line.mid(1, line.size() - 2).trimmed() == profile;
            continue;
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (!inProfile || equals < 0)
            continue;
        const QString key = line.left(equals).trimmed().toLower();
        const QString value = line.mid(equals + 1).trimmed();
        if (key == QLatin1String("aws_access_key_id"))
            found.accessKeyId = value;
        else if (key == QLatin1String("aws_secret_access_key"))
            found.secretAccessKey = value;
        else if (key == QLatin1String("aws_session_token"))
            found.sessionToken = value;
    }
    return found;
}

S3Credentials S3Credentials::find(const QString &profile)
{
    S3Credentials fromEnvironment{qEnvironmentVariable("AWS_ACCESS_KEY_ID"), qEnvironmentVariable("AWS_SECRET_ACCESS_KEY"),
                                  qEnvironmentVariable("AWS_SESSION_TOKEN")};
    if (!fromEnvironment.isEmpty() && profile.isEmpty())
        return fromEnvironment;
    const QString name = !profile.isEmpty() ? profile : qEnvironmentVariable("AWS_PROFILE", QStringLiteral("default"));
    const QString path = qEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", QDir::homePath() + QStringLiteral("/.aws/credentials"));
    const S3Credentials fromProfile = fromFile(path, name);
    if (!fromProfile.isEmpty())
        return fromProfile;
    throw HubVaultValidationError(
        QStringLiteral("No S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add the profile \"%1\" to %2.")
            .arg(name, QDir::toNativeSeparators(path)));
}

} // namespace hubvault::objectstore
