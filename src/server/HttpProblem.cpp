// The framework-level failures of the server (see HttpProblem.h).
#include "HttpProblem.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace hubvault::server {

HttpProblem HttpProblem::missingToken()
{
    return {401, QStringLiteral("HTTPException"), QStringLiteral("Missing authentication token.")};
}

HttpProblem HttpProblem::invalidToken()
{
    return {401, QStringLiteral("HTTPException"), QStringLiteral("Invalid authentication token.")};
}

HttpProblem HttpProblem::writeAccessRequired()
{
    return {403, QStringLiteral("HTTPException"), QStringLiteral("Write access is required for this operation.")};
}

HttpProblem HttpProblem::notFound()
{
    HttpProblem problem(404, QStringLiteral("HTTPException"), QStringLiteral("Not Found"));
    problem.detail = QStringLiteral("Not Found");
    return problem;
}

HttpProblem HttpProblem::methodNotAllowed(const QStringList &allowed)
{
    HttpProblem problem(405, QStringLiteral("HTTPException"), QStringLiteral("Method Not Allowed"));
    problem.detail = QStringLiteral("Method Not Allowed");
    problem.headers.append({QByteArrayLiteral("allow"), allowed.join(QStringLiteral(", ")).toLatin1()});
    return problem;
}

HttpProblem HttpProblem::invalidField(const QStringList &loc, const QString &msg, const QString &type)
{
    HttpProblem problem(422, QStringLiteral("RequestValidationError"),
                        QStringLiteral("%1: %2").arg(loc.join(QLatin1Char('.')), msg));
    problem.detail = QJsonArray{QJsonObject{{QStringLiteral("loc"), QJsonArray::fromStringList(loc)},
                                            {QStringLiteral("msg"), msg},
                                            {QStringLiteral("type"), type}}};
    return problem;
}

HttpProblem HttpProblem::payloadTooLarge(qint64 limit)
{
    return {413, QStringLiteral("HTTPException"),
            QStringLiteral("Request body is larger than this route accepts (%1 bytes).").arg(limit)};
}

HttpProblem HttpProblem::requestTimeout()
{
    HttpProblem problem(408, QStringLiteral("HTTPException"), QStringLiteral("Request Timeout"));
    problem.detail = QStringLiteral("The request arrived too slowly.");
    return problem;
}

} // namespace hubvault::server
