#pragma once
// An HTTP failure that is not a core error: authentication, request validation, routing.
// Core errors (HubVaultError) map to statuses in ErrorEnvelope; these carry their own.

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <exception>

namespace hubvault::server {

struct HttpProblem : std::exception {
    int status = 400;
    QString type;    ///< the envelope's error type ("HTTPException", "RequestValidationError")
    QString message; ///< the envelope's message
    /** FastAPI's `detail` member kept beside the envelope for framework errors (null: none). */
    QJsonValue detail = QJsonValue::Null;
    QList<QPair<QByteArray, QByteArray>> headers;

    HttpProblem(int status, QString type, QString message) : status(status), type(std::move(type)), message(std::move(message)) {}
    const char *what() const noexcept override { return "HTTP problem"; }

    static HttpProblem missingToken();
    static HttpProblem invalidToken();
    static HttpProblem writeAccessRequired();
    static HttpProblem notFound();
    static HttpProblem methodNotAllowed(const QStringList &allowed);
    /** FastAPI's 422 for one bad request field: `loc` e.g. ["query","length"]. */
    static HttpProblem invalidField(const QStringList &loc, const QString &msg, const QString &type);
    static HttpProblem payloadTooLarge(qint64 limit);
    /** The client sent its request too slowly (see ConnectionStream). */
    static HttpProblem requestTimeout();
};

} // namespace hubvault::server
