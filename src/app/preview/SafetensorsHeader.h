#pragma once
// A pure parser of the .safetensors header, for previews: no I/O, no widgets.
//
// Layout of a .safetensors file:
//   bytes 0..7   N, the header length, unsigned 64-bit little-endian
//   bytes 8..8+N a UTF-8 JSON object: tensor name -> {"dtype": "F32", "shape": [2, 3],
//                "data_offsets": [begin, end]} (offsets relative to the byte after the
//                header), plus an optional "__metadata__" object of string -> string
//   the rest     the tensors' raw bytes
//
// Structural problems (not JSON, missing or mistyped fields) make the header invalid;
// inconsistencies a viewer can still show (size not matching shape × dtype, overlaps,
// gaps, data past the end of the file, unknown dtypes) become warnings.

#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace hubvault::app {

struct SafetensorsTensor {
    QString name;
    QString dtype;
    QList<qint64> shape;
    qint64 begin = 0; ///< data offset, relative to the end of the header
    qint64 end = 0;
    qint64 byteSize() const { return end - begin; }
    /** Product of the shape (1 for a scalar); -1 when it overflows. */
    qint64 elementCount() const;
    /** "[2, 3]" */
    QString shapeText() const;
};

class SafetensorsHeader {
    Q_DECLARE_TR_FUNCTIONS(SafetensorsHeader)
public:
    /** The format's own limit on N (the reference implementation refuses more). */
    static constexpr qint64 kMaxHeaderLength = 100'000'000;

    /** N from the first 8 bytes; nullopt when fewer than 8 bytes are given. */
    static std::optional<quint64> headerLength(QByteArrayView first8);
    /**
     * Parses the start of a file: the 8-byte length and the header. `fileSize` is the size
     * of the whole file, or -1 when unknown (then data bounds are not checked).
     */
    static SafetensorsHeader parse(QByteArrayView fileStart, qint64 fileSize = -1);
    /** Parses the JSON header alone; `dataSize` is the byte count after it (-1 = unknown). */
    static SafetensorsHeader parseJson(QByteArrayView json, qint64 dataSize = -1);
    /** Bytes per element of a dtype ("F32" -> 4); 0 for an unknown dtype. */
    static int dtypeSize(const QString &dtype);

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QStringList warnings() const { return m_warnings; }

    /** Tensors in file order (by begin offset, then name). */
    const QList<SafetensorsTensor> &tensors() const { return m_tensors; }
    /** The "__metadata__" entries. */
    const QMap<QString, QString> &metadata() const { return m_metadata; }
    qint64 headerLength() const { return m_headerLength; }
    qint64 totalBytes() const;
    /** Sum of the element counts; -1 when any of them overflows. */
    qint64 totalElements() const;
    /** Number of tensors per dtype. */
    QMap<QString, int> dtypeCounts() const;

private:
    void fail(const QString &message);
    void check(qint64 dataSize);

    QString m_error;
    QStringList m_warnings;
    QList<SafetensorsTensor> m_tensors;
    QMap<QString, QString> m_metadata;
    qint64 m_headerLength = 0;
};

} // namespace hubvault::app
