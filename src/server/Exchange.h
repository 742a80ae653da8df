#pragma once
// One HTTP request and its response as the route handlers see them: typed access to the
// query, the body (read with a size limit) and the path arguments, and the ways to
// answer (wire JSON, bytes, a stream).

#include "Auth.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

class QIODevice;

namespace httplib {
struct Request;
struct Response;
class ContentReader;
} // namespace httplib

namespace hubvault::server {

class Exchange {
public:
    Exchange(const httplib::Request &request, httplib::Response &response, const httplib::ContentReader *reader);

    QByteArray method() const;
    /** The percent-decoded path. */
    QString path() const;
    QByteArray header(const char *name) const;
    bool hasHeader(const char *name) const;
    std::optional<QString> query(const char *name) const;

    /** `revision` of the query; empty when absent (the default branch). */
    QString revision() const;
    /** A query boolean (true/false, 1/0, yes/no, on/off, t/f, y/n); 422 otherwise. */
    bool boolQuery(const char *name, bool fallback) const;
    /** A required integer of the query; 422 when missing or not an integer. */
    qint64 intQuery(const char *name) const;
    std::optional<qint64> optionalIntQuery(const char *name) const;

    /** Arguments of the route's `{name}` parts, in order. */
    QStringList pathArgs;
    Access access = Access::None;
    /** The parsed JSON body of routes that take one (undefined when the body was empty). */
    QJsonValue body = QJsonValue::Undefined;

    /** Reads the whole body, at most `limit` bytes (413 beyond). */
    QByteArray readBody(qint64 limit);
    /** Parses a JSON body; 422 (FastAPI's shape) when it is not JSON. */
    static QJsonValue parseJson(const QByteArray &bytes);
    /** The raw reader, for the multipart commit route. */
    const httplib::ContentReader *reader() const { return m_reader; }
    const httplib::Request &request() const { return m_request; }

    void sendJson(const QJsonValue &value, int status = 200);
    void sendBytes(const QByteArray &bytes, const QByteArray &contentType, int status = 200);
    void setHeader(const QByteArray &name, const QByteArray &value);
    /**
     * Streams `length` bytes of `device` from `offset`, a block at a time, without
     * holding them: the device lives until the response is sent.
     */
    void sendStream(std::shared_ptr<QIODevice> device, qint64 offset, qint64 length, const QByteArray &contentType,
                    int status = 200);

    /** Hands out the pieces of a response to the client; false once it is gone. */
    using Writer = std::function<bool(const QByteArray &piece)>;
    /**
     * Streams a body of unknown length (chunked): `produce` writes it piece by piece after
     * the handler returned, so nothing but the current piece is held. A failure inside
     * `produce` ends the connection (the status was sent already).
     */
    void sendChunked(const QByteArray &contentType, std::function<void(const Writer &write)> produce);

private:
    const httplib::Request &m_request;
    httplib::Response &m_response;
    const httplib::ContentReader *m_reader;
};

} // namespace hubvault::server
