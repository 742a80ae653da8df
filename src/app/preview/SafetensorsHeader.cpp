#include "preview/SafetensorsHeader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QtEndian>
#include <algorithm>

namespace hubvault::app {

namespace {

const QLatin1String kMetadataKey("__metadata__");

/** A non-negative JSON integer, or nullopt. */
std::optional<qint64> nonNegativeInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const qint64 sentinel = -1;
    const qint64 i = v.toInteger(sentinel);
    if (i < 0)
        return std::nullopt;
    return i;
}

} // namespace

qint64 SafetensorsTensor::elementCount() const
{
    qint64 count = 1;
    for (qint64 dim : shape) {
        if (__builtin_mul_overflow(count, dim, &count))
            return -1;
    }
    return count;
}

QString SafetensorsTensor::shapeText() const
{
    QStringList parts;
    for (qint64 dim : shape)
        parts.append(QString::number(dim));
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

int SafetensorsHeader::dtypeSize(const QString &dtype)
{
    static const QMap<QString, int> sizes = {
        {QStringLiteral("BOOL"), 1}, {QStringLiteral("U8"), 1},       {QStringLiteral("I8"), 1},
        {QStringLiteral("F8_E5M2"), 1}, {QStringLiteral("F8_E4M3"), 1}, {QStringLiteral("F8_E8M0"), 1},
        {QStringLiteral("I16"), 2},  {QStringLiteral("U16"), 2},      {QStringLiteral("F16"), 2},
        {QStringLiteral("BF16"), 2}, {QStringLiteral("I32"), 4},      {QStringLiteral("U32"), 4},
        {QStringLiteral("F32"), 4},  {QStringLiteral("I64"), 8},      {QStringLiteral("U64"), 8},
        {QStringLiteral("F64"), 8},  {QStringLiteral("C64"), 8},
    };
    return sizes.value(dtype, 0);
}

std::optional<quint64> SafetensorsHeader::headerLength(QByteArrayView first8)
{
    if (first8.size() < 8)
        return std::nullopt;
    return qFromLittleEndian<quint64>(first8.data());
}

SafetensorsHeader SafetensorsHeader::parse(QByteArrayView fileStart, qint64 fileSize)
{
    SafetensorsHeader out;
    const std::optional<quint64> length = headerLength(fileStart);
    if (!length) {
        out.fail(tr("The file is shorter than the 8-byte header length."));
        return out;
    }
    if (*length > quint64(kMaxHeaderLength)) {
        out.fail(tr("The header length %1 exceeds the format's limit of %2 bytes.")
                     .arg(*length)
                     .arg(kMaxHeaderLength));
        return out;
    }
    const qint64 n = qint64(*length);
    out.m_headerLength = n;
    if (fileSize >= 0 && 8 + n > fileSize) {
        out.fail(tr("The header length %1 is larger than the file (%2 bytes).").arg(n).arg(fileSize));
        return out;
    }
    if (fileStart.size() < 8 + n) {
        out.fail(tr("The header is truncated: %1 of %2 bytes are present.").arg(fileStart.size() - 8).arg(n));
        return out;
    }
    SafetensorsHeader parsed = parseJson(fileStart.sliced(8, n), fileSize >= 0 ? fileSize - 8 - n : -1);
    parsed.m_headerLength = n;
    return parsed;
}

SafetensorsHeader SafetensorsHeader::parseJson(QByteArrayView json, qint64 dataSize)
{
    SafetensorsHeader out;
    out.m_headerLength = json.size();
    if (json.isEmpty() || json.front() != '{') {
        out.fail(tr("The header does not start with a JSON object."));
        return out;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        out.fail(tr("The header is not valid JSON: %1 at offset %2.").arg(parseError.errorString()).arg(parseError.offset));
        return out;
    }
    if (!doc.isObject()) {
        out.fail(tr("The header is not a JSON object."));
        return out;
    }
    const QJsonObject root = doc.object();
    for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
        const QString name = it.key();
        if (name == kMetadataKey) {
            if (!it.value().isObject()) {
                out.fail(tr("\"__metadata__\" is not an object."));
                return out;
            }
            const QJsonObject meta = it.value().toObject();
            for (auto m = meta.constBegin(); m != meta.constEnd(); ++m) {
                if (!m.value().isString()) {
                    out.fail(tr("Metadata value \"%1\" is not a string.").arg(m.key()));
                    return out;
                }
                out.m_metadata.insert(m.key(), m.value().toString());
            }
            continue;
        }
        if (!it.value().isObject()) {
            out.fail(tr("Tensor \"%1\" is not an object.").arg(name));
            return out;
        }
        const QJsonObject info = it.value().toObject();
        SafetensorsTensor tensor;
        tensor.name = name;

        const QJsonValue dtype = info.value(QLatin1String("dtype"));
        if (!dtype.isString() || dtype.toString().isEmpty()) {
            out.fail(tr("Tensor \"%1\" has no dtype.").arg(name));
            return out;
        }
        tensor.dtype = dtype.toString();

        const QJsonValue shape = info.value(QLatin1String("shape"));
        if (!shape.isArray()) {
            out.fail(tr("Tensor \"%1\" has no shape.").arg(name));
            return out;
        }
        for (const QJsonValue &dim : shape.toArray()) {
            const auto value = nonNegativeInteger(dim);
            if (!value) {
                out.fail(tr("Tensor \"%1\" has a shape that is not a list of non-negative integers.").arg(name));
                return out;
            }
            tensor.shape.append(*value);
        }

        const QJsonValue offsets = info.value(QLatin1String("data_offsets"));
        const QJsonArray pair = offsets.toArray();
        const std::optional<qint64> first = pair.size() == 2 ? nonNegativeInteger(pair.at(0)) : std::nullopt;
        const std::optional<qint64> second = pair.size() == 2 ? nonNegativeInteger(pair.at(1)) : std::nullopt;
        if (!offsets.isArray() || !first || !second) {
            out.fail(tr("Tensor \"%1\" has no valid data_offsets (two non-negative integers).").arg(name));
            return out;
        }
        tensor.begin = first.value_or(0);
        tensor.end = second.value_or(0);
        if (tensor.begin > tensor.end) {
            out.fail(tr("Tensor \"%1\" ends (%2) before it begins (%3).").arg(name).arg(tensor.end).arg(tensor.begin));
            return out;
        }
        out.m_tensors.append(tensor);
    }
    std::sort(out.m_tensors.begin(), out.m_tensors.end(), [](const SafetensorsTensor &a, const SafetensorsTensor &b) {
        return a.begin != b.begin ? a.begin < b.begin : a.name < b.name;
    });
    out.check(dataSize);
    return out;
}

void SafetensorsHeader::check(qint64 dataSize)
{
    qint64 expectedBegin = 0;
    for (const SafetensorsTensor &t : std::as_const(m_tensors)) {
        const int width = dtypeSize(t.dtype);
        const qint64 elements = t.elementCount();
        if (width == 0) {
            m_warnings.append(tr("Tensor \"%1\" has an unknown dtype %2; its size is not checked.").arg(t.name, t.dtype));
        } else if (elements < 0) {
            m_warnings.append(tr("Tensor \"%1\" has a shape whose element count overflows.").arg(t.name));
        } else {
            qint64 expected = 0;
            if (__builtin_mul_overflow(elements, qint64(width), &expected) || expected != t.byteSize())
                m_warnings.append(tr("Tensor \"%1\" spans %2 bytes, but %3 × %4 needs %5.")
                                      .arg(t.name)
                                      .arg(t.byteSize())
                                      .arg(t.shapeText(), t.dtype)
                                      .arg(expected));
        }
        if (t.begin < expectedBegin)
            m_warnings.append(tr("Tensor \"%1\" overlaps the tensor before it.").arg(t.name));
        else if (t.begin > expectedBegin)
            m_warnings.append(tr("There is a gap of %1 bytes before tensor \"%2\".").arg(t.begin - expectedBegin).arg(t.name));
        expectedBegin = std::max(expectedBegin, t.end);
        if (dataSize >= 0 && t.end > dataSize)
            m_warnings.append(tr("Tensor \"%1\" extends past the end of the file.").arg(t.name));
    }
    if (dataSize >= 0 && expectedBegin < dataSize)
        m_warnings.append(tr("%1 bytes after the last tensor are not described by the header.").arg(dataSize - expectedBegin));
}

void SafetensorsHeader::fail(const QString &message)
{
    m_error = message;
    m_tensors.clear();
    m_metadata.clear();
    m_warnings.clear();
}

qint64 SafetensorsHeader::totalBytes() const
{
    qint64 total = 0;
    for (const SafetensorsTensor &t : m_tensors)
        total += t.byteSize();
    return total;
}

qint64 SafetensorsHeader::totalElements() const
{
    qint64 total = 0;
    for (const SafetensorsTensor &t : m_tensors) {
        const qint64 n = t.elementCount();
        if (n < 0 || __builtin_add_overflow(total, n, &total))
            return -1;
    }
    return total;
}

QMap<QString, int> SafetensorsHeader::dtypeCounts() const
{
    QMap<QString, int> out;
    for (const SafetensorsTensor &t : m_tensors)
        ++out[t.dtype];
    return out;
}

} // namespace hubvault::app
