#pragma once
// Builds .safetensors files for tests: an 8-byte little-endian header length, the JSON
// header (padded with spaces to a multiple of 8) and the tensors' bytes in the given order.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QtEndian>

namespace hubvault::test {

struct GeneratedTensor {
    QString name;
    QString dtype;
    QList<qint64> shape;
    QByteArray data;
};

/** A .safetensors file; "__metadata__" is written only when `metadata` is not empty. */
inline QByteArray makeSafetensors(const QList<GeneratedTensor> &tensors, const QMap<QString, QString> &metadata = {})
{
    QJsonObject header;
    QByteArray data;
    for (const GeneratedTensor &t : tensors) {
        QJsonArray shape;
        for (qint64 d : t.shape)
            shape.append(d);
        header.insert(t.name, QJsonObject{{QStringLiteral("dtype"), t.dtype},
                                          {QStringLiteral("shape"), shape},
                                          {QStringLiteral("data_offsets"),
                                           QJsonArray{qint64(data.size()), qint64(data.size() + t.data.size())}}});
        data += t.data;
    }
    if (!metadata.isEmpty()) {
        QJsonObject meta;
        for (auto it = metadata.cbegin(); it != metadata.cend(); ++it)
            meta.insert(it.key(), it.value());
        header.insert(QStringLiteral("__metadata__"), meta);
    }
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (json.size() % 8)
        json.append(' ');
    QByteArray prefix(8, '\0');
    qToLittleEndian<quint64>(quint64(json.size()), prefix.data());
    return prefix + json + data;
}

} // namespace hubvault::test
