// Error statuses and envelopes (see ErrorEnvelope.h).
#include "ErrorEnvelope.h"
#include "HttpProblem.h"

namespace hubvault::server {

int statusOf(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::RepositoryNotFound:
    case ErrorKind::RevisionNotFound:
    case ErrorKind::EntryNotFound:
        return 404;
    case ErrorKind::Conflict:
    case ErrorKind::RefAlreadyExists:
    case ErrorKind::RepositoryAlreadyExists:
        return 409;
    case ErrorKind::Validation:
    case ErrorKind::UnsupportedPath:
        return 400;
    case ErrorKind::Authentication:
        return 401;
    case ErrorKind::RemoteTransport: // a repository that is itself remote failed upstream
    case ErrorKind::RemoteProtocol:
        return 502;
    case ErrorKind::Integrity:
    case ErrorKind::Verification:
    case ErrorKind::HubVault:
    case ErrorKind::Cancelled:
        break;
    }
    return 500;
}

QJsonObject envelope(const HubVaultError &error)
{
    return QJsonObject{{QStringLiteral("error"),
                        QJsonObject{{QStringLiteral("type"), error.kind()}, {QStringLiteral("message"), error.message()}}}};
}

QJsonObject envelope(const HttpProblem &problem)
{
    QJsonObject out{{QStringLiteral("error"),
                     QJsonObject{{QStringLiteral("type"), problem.type}, {QStringLiteral("message"), problem.message}}}};
    if (!problem.detail.isNull())
        out.insert(QStringLiteral("detail"), problem.detail);
    return out;
}

} // namespace hubvault::server
