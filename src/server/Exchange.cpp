// Request and response access for the route handlers (see Exchange.h).
#include "Exchange.h"
#include "HttpProblem.h"
#include "WireJson.h"

#include <httplib.h>

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace hubvault::server {
namespace {

constexpr qint64 kStreamBlock = 1 << 20;

QString decoded(const std::string &value)
{
    return QString::fromUtf8(value.data(), qsizetype(value.size()));
}

} // namespace

Exchange::Exchange(const httplib::Request &request, httplib::Response &response, const httplib::ContentReader *reader)
    : m_request(request), m_response(response), m_reader(reader)
{
}

QByteArray Exchange::method() const
{
    return QByteArray::fromStdString(m_request.method);
}

QString Exchange::path() const
{
    return decoded(m_request.path);
}

QByteArray Exchange::header(const char *name) const
{
    return QByteArray::fromStdString(m_request.get_header_value(name));
}

bool Exchange::hasHeader(const char *name) const
{
    return m_request.has_header(name);
}

std::optional<QString> Exchange::query(const char *name) const
{
    if (!m_request.has_param(name))
        return std::nullopt;
    return decoded(m_request.get_param_value(name));
}

QString Exchange::revision() const
{
    return query("revision").value_or(QString());
}

bool Exchange::boolQuery(const char *name, bool fallback) const
{
    const std::optional<QString> raw = query(name);
    if (!raw)
        return fallback;
    const QString value = raw->toLower();
    for (const char *yes : {"true", "1", "yes", "on", "t", "y"}) {
        if (value == QLatin1String(yes))
            return true;
    }
    for (const char *no : {"false", "0", "no", "off", "f", "n"}) {
        if (value == QLatin1String(no))
            return false;
    }
    throw HttpProblem::invalidField({QStringLiteral("query"), QString::fromLatin1(name)},
                                    QStringLiteral("value could not be parsed to a boolean"), QStringLiteral("type_error.bool"));
}

std::optional<qint64> Exchange::optionalIntQuery(const char *name) const
{
    const std::optional<QString> raw = query(name);
    if (!raw)
        return std::nullopt;
    bool ok = false;
    const qint64 value = raw->trimmed().toLongLong(&ok);
    if (!ok)
        throw HttpProblem::invalidField({QStringLiteral("query"), QString::fromLatin1(name)},
                                        QStringLiteral("value is not a valid integer"), QStringLiteral("type_error.integer"));
    return value;
}

qint64 Exchange::intQuery(const char *name) const
{
    const std::optional<qint64> value = optionalIntQuery(name);
    if (!value)
        throw HttpProblem::invalidField({QStringLiteral("query"), QString::fromLatin1(name)}, QStringLiteral("field required"),
                                        QStringLiteral("value_error.missing"));
    return *value;
}

QByteArray Exchange::readBody(qint64 limit)
{
    if (!m_reader)
        return QByteArray::fromStdString(m_request.body);
    QByteArray body;
    bool tooLarge = false;
    (*m_reader)([&](const char *data, size_t length) {
        if (body.size() + qint64(length) > limit) {
            tooLarge = true;
            return false;
        }
        body.append(data, qsizetype(length));
        return true;
    });
    if (tooLarge)
        throw HttpProblem::payloadTooLarge(limit);
    return body;
}

QJsonValue Exchange::parseJson(const QByteArray &bytes)
{
    if (bytes.trimmed().isEmpty())
        return QJsonValue::Undefined;
    // QJsonDocument takes only objects and arrays; wrapping accepts any JSON value.
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson("[" + bytes + "]", &error);
    if (error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 1) {
        HttpProblem problem = HttpProblem::invalidField({QStringLiteral("body"), QString::number(qMax(0, error.offset - 1))},
                                                        QStringLiteral("Expecting value"),
                                                        QStringLiteral("value_error.jsondecode"));
        throw problem;
    }
    return document.array().at(0);
}

void Exchange::setHeader(const QByteArray &name, const QByteArray &value)
{
    m_response.set_header(name.toStdString(), value.toStdString());
}

void Exchange::sendJson(const QJsonValue &value, int status)
{
    sendBytes(wirejson::encode(value), QByteArrayLiteral("application/json"), status);
}

void Exchange::sendBytes(const QByteArray &bytes, const QByteArray &contentType, int status)
{
    m_response.status = status;
    m_response.set_content(bytes.constData(), size_t(bytes.size()), contentType.toStdString());
}

void Exchange::sendChunked(const QByteArray &contentType, std::function<void(const Writer &write)> produce)
{
    m_response.status = 200;
    m_response.set_chunked_content_provider(contentType.toStdString(),
                                            [produce = std::move(produce)](size_t, httplib::DataSink &sink) {
                                                const Writer write = [&sink](const QByteArray &piece) {
                                                    return sink.write(piece.constData(), size_t(piece.size()));
                                                };
                                                try {
                                                    produce(write);
                                                } catch (const std::exception &) {
                                                    return false;
                                                }
                                                sink.done();
                                                return true;
                                            });
}

void Exchange::sendStream(std::shared_ptr<QIODevice> device, qint64 offset, qint64 length, const QByteArray &contentType,
                          int status)
{
    m_response.status = status;
    if (length == 0) {
        m_response.set_content(std::string(), contentType.toStdString());
        return;
    }
    m_response.set_content_provider(
        size_t(length), contentType.toStdString(),
        [device, offset](size_t done, size_t wanted, httplib::DataSink &sink) {
            if (!device->seek(offset + qint64(done)))
                return false;
            const QByteArray block = device->read(std::min<qint64>(qint64(wanted), kStreamBlock));
            if (block.isEmpty())
                return false; // the stream failed (verification or I/O): drop the connection
            return sink.write(block.constData(), size_t(block.size()));
        });
}

} // namespace hubvault::server
