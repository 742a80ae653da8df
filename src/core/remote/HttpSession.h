#pragma once
// Synchronous HTTP requests of the remote client (SERVER.md §0, §5, §6): one request at a
// time on the caller's thread, run by a local event loop, with the bearer token, timeouts,
// retries of idempotent reads, and the mapping of failures to the core's typed errors.

#include <hubvault/Progress.h>

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>
#include <atomic>
#include <functional>
#include <optional>

class QHttpMultiPart;
class QIODevice;

namespace hubvault::remote {

/** One request, relative to `<base>/api/v1`. */
struct HttpRequest {
    QByteArray method = "GET";
    QString path;                            ///< already percent-encoded, e.g. "/content/blob/a%20b.txt"
    /** Instead of path and query: an encoded path and query under the base URL ("/api/v1/...?..."). */
    QString target;
    QList<QPair<QString, QString>> query;    ///< raw values, sent in this order
    std::optional<QByteArray> jsonBody;      ///< sent as application/json
    /** Builds a multipart body for one attempt (owned by the caller of send afterwards). */
    std::function<QHttpMultiPart *()> multipart;
    bool idempotent = false;                 ///< retried on connection errors
    /** When set, the body of a 2xx answer is written there as it arrives instead of kept. */
    QIODevice *sink = nullptr;
    const TaskControl *task = nullptr;       ///< cancellation, and progress of uploads/downloads
    QString progressPhase;                   ///< phase reported with progress ("upload", "read")
    qint64 progressBase = 0;                 ///< added to the bytes reported (several files in one task)
    qint64 progressTotal = 0;                ///< the total reported
};

struct HttpResponse {
    int status = 0;
    QByteArray body; ///< empty when the request had a sink
    QList<QPair<QByteArray, QByteArray>> headers;
};

class HttpSession {
public:
    HttpSession(const QString &baseUrl, const QString &token, int timeoutMs);

    /** The base URL without its trailing '/'. */
    QString baseUrl() const { return m_base; }

    /** Sends and returns a 2xx answer; throws the mapped error for everything else. */
    HttpResponse send(const HttpRequest &request) const;
    /** send() for a JSON route: the parsed body (HubVaultRemoteProtocolError when it is not JSON). */
    QJsonDocument sendJson(const HttpRequest &request) const;
    /** A request on an absolute path of the server (the snapshot plan's download_url). */
    QUrl urlFor(const QString &pathAndQuery) const;

    qint64 requestCount() const { return m_requests.load(); }

    /** Percent-encodes a repository path keeping '/' (Python quote(p, safe="/")). */
    static QString encodePath(const QString &path);
    /** Percent-encodes a name fully, '/' included (commit ids, ref names). */
    static QString encodeSegment(const QString &name);

private:
    QUrl urlOf(const HttpRequest &request) const;
    /** attempt() on this thread, or on a helper thread when this one has no event dispatcher. */
    HttpResponse attemptWithEvents(const HttpRequest &request, bool *connectionFailed, QString *failure) const;
    HttpResponse attempt(const HttpRequest &request, bool *connectionFailed, QString *failure) const;

    QString m_base;
    QByteArray m_authorization;
    int m_timeoutMs;
    mutable std::atomic<qint64> m_requests{0};
};

/** Throws the core's error for an HTTP error answer (SERVER.md §5 "Client mapping"). */
[[noreturn]] void throwHttpError(int status, const QByteArray &body);

} // namespace hubvault::remote
