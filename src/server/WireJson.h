#pragma once
// JSON as the original's server writes it (docs/server.md, SERVER.md §0): compact, raw
// UTF-8, integers only, and every model's keys in the original's order. QJsonObject keeps
// keys sorted, so the order comes from one table of the models' key lists, matched by
// the set of keys an object has.

#include <QByteArray>
#include <QJsonValue>

namespace hubvault::server::wirejson {

/** Encodes `value` compactly with the models' key order (unknown objects: sorted keys). */
QByteArray encode(const QJsonValue &value);

/** A JSON string literal with Python's escaping (ensure_ascii=False). */
QByteArray quote(const QString &text);

} // namespace hubvault::server::wirejson
