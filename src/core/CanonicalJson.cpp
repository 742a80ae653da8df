#include "CanonicalJson.h"

#include <hubvault/Errors.h>

#include <QJsonDocument>
#include <algorithm>
#include <cmath>

namespace hubvault {

QByteArray CanonicalJson::serialize(const QJsonValue &value)
{
    QByteArray out;
    write(out, value, false);
    return out;
}

QByteArray CanonicalJson::serializeSpaced(const QJsonValue &value)
{
    QByteArray out;
    write(out, value, true);
    return out;
}

QJsonObject CanonicalJson::parseObject(const QByteArray &json, const QString &what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        throw IntegrityError(QStringLiteral("%1 is not a valid JSON object: %2").arg(what, error.errorString()));
    return doc.object();
}

void CanonicalJson::write(QByteArray &out, const QJsonValue &value, bool spaced)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        break;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double: {
        // The format stores integers only; a fractional value can only come from
        // foreign data and is written in shortest round-trip form.
        const double d = value.toDouble();
        const qint64 i = value.toInteger(std::numeric_limits<qint64>::min());
        if (i != std::numeric_limits<qint64>::min() || d == double(i))
            out += QByteArray::number(value.toInteger());
        else
            out += QByteArray::number(d, 'g', 17);
        break;
    }
    case QJsonValue::String:
        writeString(out, value.toString());
        break;
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i)
                out += spaced ? ", " : ",";
            write(out, array.at(i), spaced);
        }
        out += ']';
        break;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        // Python sorts by code point; UTF-8 byte order is the same, UTF-16 is not.
        QList<QPair<QByteArray, QString>> keys;
        keys.reserve(object.size());
        for (auto it = object.begin(); it != object.end(); ++it)
            keys.append({it.key().toUtf8(), it.key()});
        std::sort(keys.begin(), keys.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        out += '{';
        bool first = true;
        for (const auto &key : keys) {
            if (!first)
                out += spaced ? ", " : ",";
            first = false;
            writeString(out, key.second);
            out += spaced ? ": " : ":";
            write(out, object.value(key.second), spaced);
        }
        out += '}';
        break;
    }
    }
}

void CanonicalJson::writeString(QByteArray &out, const QString &text)
{
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    out += '"';
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (u) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (u < 0x20) {
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

} // namespace hubvault
