// Synchronous HTTP requests of the remote client (see HttpSession.h).
#include "HttpSession.h"

#include <hubvault/Errors.h>

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QEventLoop>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>
#include <exception>
#include <memory>

namespace hubvault::remote {

namespace {

/** Waits before the second and third attempt of an idempotent read (SERVER.md has none; ours). */
constexpr int kRetryDelaysMs[] = {200, 800};

/** Failures before any answer arrived, where trying again may help. */
bool isConnectionError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

QString detailText(const QJsonValue &detail)
{
    if (detail.isString())
        return detail.toString();
    if (detail.isArray())
        return QString::fromUtf8(QJsonDocument(detail.toArray()).toJson(QJsonDocument::Compact));
    if (detail.isObject())
        return QString::fromUtf8(QJsonDocument(detail.toObject()).toJson(QJsonDocument::Compact));
    return QJsonDocument(QJsonArray{detail}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

/** The server sends ConflictError for a taken ref name; the core has the narrower class for it. */
[[noreturn]] void throwConflict(const QString &message)
{
    if (message.startsWith(QLatin1String("branch already exists: ")) || message.startsWith(QLatin1String("tag already exists: ")))
        throw RefAlreadyExistsError(message);
    throw ConflictError(message);
}

} // namespace

void throwHttpError(int status, const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        throw HubVaultRemoteProtocolError(
            QStringLiteral("Remote request failed with status %1 and a non-JSON error payload.").arg(status));
    if (!doc.isObject())
        throw HubVaultRemoteProtocolError(QStringLiteral("error response must be a JSON object."));
    const QJsonObject root = doc.object();
    const QJsonObject error = root.value(QLatin1String("error")).toObject();
    QString message = QStringLiteral("Remote request failed.");
    if (error.value(QLatin1String("message")).isString())
        message = error.value(QLatin1String("message")).toString();
    else if (root.contains(QLatin1String("detail")))
        message = detailText(root.value(QLatin1String("detail")));
    if (status == 401 || status == 403)
        throw HubVaultRemoteAuthError(message);
    const QString type = error.value(QLatin1String("type")).toString();
    if (type == QLatin1String("ConflictError"))
        throwConflict(message);
    if (type == QLatin1String("EntryNotFoundError"))
        throw EntryNotFoundError(message);
    if (type == QLatin1String("HubVaultValidationError"))
        throw HubVaultValidationError(message);
    if (type == QLatin1String("IntegrityError"))
        throw IntegrityError(message);
    if (type == QLatin1String("RepositoryAlreadyExistsError"))
        throw RepositoryAlreadyExistsError(message);
    if (type == QLatin1String("RepositoryNotFoundError"))
        throw RepositoryNotFoundError(message);
    if (type == QLatin1String("RevisionNotFoundError"))
        throw RevisionNotFoundError(message);
    if (type == QLatin1String("UnsupportedPathError"))
        throw UnsupportedPathError(message);
    if (type == QLatin1String("VerificationError"))
        throw VerificationError(message);
    throw HubVaultRemoteProtocolError(message);
}

HttpSession::HttpSession(const QString &baseUrl, const QString &token, int timeoutMs)
    : m_base(baseUrl), m_timeoutMs(timeoutMs)
{
    while (m_base.endsWith(QLatin1Char('/')))
        m_base.chop(1);
    if (!token.isEmpty())
        m_authorization = "Bearer " + token.toUtf8();
}

QString HttpSession::encodePath(const QString &path)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(path, "/"));
}

QString HttpSession::encodeSegment(const QString &name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

QUrl HttpSession::urlFor(const QString &pathAndQuery) const
{
    return QUrl::fromEncoded((m_base + pathAndQuery).toUtf8());
}

QUrl HttpSession::urlOf(const HttpRequest &request) const
{
    if (!request.target.isEmpty())
        return urlFor(request.target);
    QString text = m_base + QStringLiteral("/api/v1") + request.path;
    for (qsizetype i = 0; i < request.query.size(); ++i) {
        text += QLatin1Char(i == 0 ? '?' : '&') + request.query.at(i).first + QLatin1Char('=')
            + QString::fromLatin1(QUrl::toPercentEncoding(request.query.at(i).second));
    }
    return urlFor(text.mid(m_base.size()));
}

HttpResponse HttpSession::send(const HttpRequest &request) const
{
    const int attempts = request.idempotent ? 3 : 1;
    for (int i = 0;; ++i) {
        bool connectionFailed = false;
        QString failure;
        HttpResponse response = attemptWithEvents(request, &connectionFailed, &failure);
        if (failure.isEmpty()) {
            if (response.status >= 400)
                throwHttpError(response.status, response.body);
            return response;
        }
        if (!connectionFailed || i + 1 >= attempts)
            throw HubVaultRemoteTransportError(QStringLiteral("Remote request failed: %1").arg(failure));
        QThread::msleep(kRetryDelaysMs[i]);
        if (request.task)
            request.task->checkCancelled();
    }
}

QJsonDocument HttpSession::sendJson(const HttpRequest &request) const
{
    const HttpResponse response = send(request);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &error);
    if (error.error != QJsonParseError::NoError)
        throw HubVaultRemoteProtocolError(QStringLiteral("Remote response was not valid JSON: %1").arg(error.errorString()));
    return doc;
}

namespace {

QNetworkReply *start(QNetworkAccessManager &nam, QNetworkRequest &req, const HttpRequest &request,
                     std::unique_ptr<QHttpMultiPart> &multipart)
{
    if (request.multipart) {
        multipart.reset(request.multipart());
        return nam.sendCustomRequest(req, request.method, multipart.get());
    }
    if (request.jsonBody) {
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        return nam.sendCustomRequest(req, request.method, *request.jsonBody);
    }
    if (request.method == "POST")
        return nam.post(req, QByteArray()); // sends Content-Length: 0
    return nam.sendCustomRequest(req, request.method);
}

int statusOf(QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

HttpResponse HttpSession::attemptWithEvents(const HttpRequest &request, bool *connectionFailed, QString *failure) const
{
    // Qt Network's host lookups and connection threads hang without an application
    // object (tried with Qt 6.4): say so instead of waiting forever. No loop need run.
    if (!QCoreApplication::instance())
        throw HubVaultRemoteTransportError(QStringLiteral(
            "Remote request failed: the program has no QCoreApplication, which Qt Network needs; create one first"));
    if (QThread::currentThread()->eventDispatcher())
        return attempt(request, connectionFailed, failure);
    // A thread without an event dispatcher (no QCoreApplication yet, or a thread that Qt
    // did not start) cannot wait for network events; a short-lived QThread always can.
    HttpResponse response;
    std::exception_ptr error;
    const std::unique_ptr<QThread> thread(QThread::create([&] {
        try {
            response = attempt(request, connectionFailed, failure);
        } catch (...) {
            error = std::current_exception();
        }
    }));
    thread->start();
    thread->wait();
    if (error)
        std::rethrow_exception(error);
    return response;
}

HttpResponse HttpSession::attempt(const HttpRequest &request, bool *connectionFailed, QString *failure) const
{
    ++m_requests;
    // One manager per request: a manager belongs to the thread that made it, and callers
    // come from any thread, with or without an application event loop running there.
    QNetworkAccessManager nam;
    nam.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkRequest req(urlOf(request));
    if (!m_authorization.isEmpty())
        req.setRawHeader("Authorization", m_authorization);
    req.setRawHeader("Accept", "*/*");
    req.setTransferTimeout(m_timeoutMs);
    std::unique_ptr<QHttpMultiPart> multipart;
    std::unique_ptr<QNetworkReply> reply(start(nam, req, request, multipart));

    HttpResponse response;
    bool sinkFailed = false;
    qint64 sunk = 0;
    bool cancelled = false;
    QNetworkReply *context = reply.get(); // every handler dies with the reply
    QObject::connect(reply.get(), &QNetworkReply::readyRead, context, [&] {
        const QByteArray data = reply->readAll();
        const int status = statusOf(reply.get());
        if (request.sink && status >= 200 && status < 300) {
            sunk += data.size();
            if (request.sink->write(data) != data.size()) {
                sinkFailed = true;
                reply->abort();
            }
        } else {
            response.body += data;
        }
    });
    const TaskControl *task = request.task;
    if (task && task->progress && !request.progressPhase.isEmpty()) {
        QObject::connect(reply.get(), &QNetworkReply::uploadProgress, context, [&](qint64 sent, qint64) {
            if (request.progressPhase == QLatin1String("upload"))
                task->report(request.progressBase + qMin(sent, request.progressTotal), request.progressTotal, request.progressPhase);
        });
        QObject::connect(reply.get(), &QNetworkReply::downloadProgress, context, [&](qint64 received, qint64) {
            if (request.progressPhase != QLatin1String("upload"))
                task->report(request.progressBase + received, request.progressTotal, request.progressPhase);
        });
    }
    QTimer cancelCheck;
    if (task) {
        QObject::connect(&cancelCheck, &QTimer::timeout, context, [&] {
            if (task->cancel.isCancelled()) {
                cancelled = true;
                reply->abort();
            }
        });
        cancelCheck.start(100);
    }
    // The thread's own dispatcher, not a QEventLoop: that one refuses to run without a
    // QCoreApplication, and no application loop needs to run here.
    QAbstractEventDispatcher *dispatcher = QThread::currentThread()->eventDispatcher();
    while (!reply->isFinished())
        dispatcher->processEvents(QEventLoop::WaitForMoreEvents | QEventLoop::ExcludeUserInputEvents);
    cancelCheck.stop();
    if (cancelled)
        throw CancelledError(QStringLiteral("operation cancelled; the request to %1 was stopped").arg(m_base));
    if (sinkFailed)
        throw HubVaultError(QStringLiteral("cannot write the downloaded data: %1").arg(request.sink->errorString()));

    response.status = statusOf(reply.get());
    if (response.status == 0) {
        // Bytes already handed to a sink cannot be taken back: no retry after them.
        *connectionFailed = isConnectionError(reply->error()) && sunk == 0;
        *failure = reply->errorString();
        return response;
    }
    const QByteArray rest = reply->readAll();
    if (request.sink && response.status >= 200 && response.status < 300) {
        if (!rest.isEmpty() && request.sink->write(rest) != rest.size())
            throw HubVaultError(QStringLiteral("cannot write the downloaded data: %1").arg(request.sink->errorString()));
    } else {
        response.body += rest;
    }
    for (const auto &pair : reply->rawHeaderPairs())
        response.headers.append({pair.first.toLower(), pair.second});
    return response;
}

} // namespace hubvault::remote
