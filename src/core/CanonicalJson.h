#pragma once
// Canonical JSON (docs/format.md §2.5): Python's json.dumps(sort_keys=True,
// separators=(",", ":"), ensure_ascii=False). Every stored JSON value and every hashed
// object goes through here; QJsonDocument's own output differs (key order, escapes).

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace hubvault {

class CanonicalJson {
public:
    static QByteArray serialize(const QJsonValue &value);
    static QByteArray serialize(const QJsonObject &object) { return serialize(QJsonValue(object)); }
    static QByteArray serialize(const QJsonArray &array) { return serialize(QJsonValue(array)); }

    /**
     * Python's default-separator dialect (", " and ": ", keys sorted), used by legacy
     * JSONL files and index segment lines (docs/format.md §10.6, appendix B).
     */
    static QByteArray serializeSpaced(const QJsonValue &value);

    /** Appends `text` as a canonical JSON string (quotes and escapes included). */
    static void appendString(QByteArray &out, const QString &text) { writeString(out, text); }

    /** Parses JSON text; throws IntegrityError naming `what` when it is not an object. */
    static QJsonObject parseObject(const QByteArray &json, const QString &what);

private:
    static void write(QByteArray &out, const QJsonValue &value, bool spaced);
    static void writeString(QByteArray &out, const QString &text);
};

} // namespace hubvault
