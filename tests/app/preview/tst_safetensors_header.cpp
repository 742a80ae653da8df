// The pure .safetensors header parser: well-formed headers (tensor order, metadata,
// totals), every structural error, and the inconsistencies it reports as warnings.

#include "preview/SafetensorsHeader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QtEndian>

using hubvault::app::SafetensorsHeader;
using hubvault::app::SafetensorsTensor;

namespace {

QByteArray lengthPrefix(quint64 n)
{
    QByteArray out(8, '\0');
    qToLittleEndian<quint64>(n, out.data());
    return out;
}

/** A complete file: prefix, header (padded with spaces like the reference writer), data. */
QByteArray file(const QByteArray &header, const QByteArray &data, int padTo = 8)
{
    QByteArray h = header;
    while (h.size() % padTo)
        h.append(' ');
    return lengthPrefix(quint64(h.size())) + h + data;
}

QJsonObject tensor(const QString &dtype, const QList<qint64> &shape, qint64 begin, qint64 end)
{
    QJsonArray s;
    for (qint64 d : shape)
        s.append(d);
    return QJsonObject{{QStringLiteral("dtype"), dtype},
                       {QStringLiteral("shape"), s},
                       {QStringLiteral("data_offsets"), QJsonArray{begin, end}}};
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class TestSafetensorsHeader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void headerLengthIsLittleEndian()
    {
        QCOMPARE(SafetensorsHeader::headerLength(QByteArray::fromHex("0102000000000000")).value(), quint64(0x0201));
        QCOMPARE(SafetensorsHeader::headerLength(lengthPrefix(0x1122334455667788ULL)).value(), 0x1122334455667788ULL);
        QVERIFY(!SafetensorsHeader::headerLength(QByteArray(7, '\0')).has_value());
    }

    void dtypeSizes()
    {
        QCOMPARE(SafetensorsHeader::dtypeSize(QStringLiteral("F32")), 4);
        QCOMPARE(SafetensorsHeader::dtypeSize(QStringLiteral("BF16")), 2);
        QCOMPARE(SafetensorsHeader::dtypeSize(QStringLiteral("I64")), 8);
        QCOMPARE(SafetensorsHeader::dtypeSize(QStringLiteral("BOOL")), 1);
        QCOMPARE(SafetensorsHeader::dtypeSize(QStringLiteral("F8_E4M3")), 1);
        QCOMPARE(SafetensorsHeader::dtypeSize(QStringLiteral("XYZ")), 0);
    }

    void parsesTensorsInFileOrderWithTotals()
    {
        // Keys in alphabetical order differ from file order on purpose.
        QJsonObject h;
        h.insert(QStringLiteral("a.weight"), tensor(QStringLiteral("F32"), {2, 3}, 8, 32));   // 24 bytes
        h.insert(QStringLiteral("z.bias"), tensor(QStringLiteral("I64"), {1}, 0, 8));         // 8 bytes
        h.insert(QStringLiteral("m.scalar"), tensor(QStringLiteral("F16"), {}, 32, 34));      // 2 bytes
        h.insert(QStringLiteral("__metadata__"), QJsonObject{{QStringLiteral("format"), QStringLiteral("pt")}});
        const QByteArray bytes = file(json(h), QByteArray(34, 'x'));
        const SafetensorsHeader p = SafetensorsHeader::parse(bytes, bytes.size());
        QVERIFY2(p.isValid(), qPrintable(p.error()));
        QVERIFY2(p.warnings().isEmpty(), qPrintable(p.warnings().join('\n')));
        QCOMPARE(p.tensors().size(), 3);
        QCOMPARE(p.tensors().at(0).name, QStringLiteral("z.bias"));
        QCOMPARE(p.tensors().at(1).name, QStringLiteral("a.weight"));
        QCOMPARE(p.tensors().at(2).name, QStringLiteral("m.scalar"));
        const SafetensorsTensor &w = p.tensors().at(1);
        QCOMPARE(w.dtype, QStringLiteral("F32"));
        QCOMPARE(w.shape, (QList<qint64>{2, 3}));
        QCOMPARE(w.shapeText(), QStringLiteral("[2, 3]"));
        QCOMPARE(w.begin, 8);
        QCOMPARE(w.end, 32);
        QCOMPARE(w.byteSize(), 24);
        QCOMPARE(w.elementCount(), 6);
        QCOMPARE(p.tensors().at(2).elementCount(), 1); // a scalar
        QCOMPARE(p.totalBytes(), 34);
        QCOMPARE(p.totalElements(), 8);
        QCOMPARE(p.metadata().value(QStringLiteral("format")), QStringLiteral("pt"));
        QCOMPARE(p.metadata().size(), 1);
        QCOMPARE(p.dtypeCounts().value(QStringLiteral("F32")), 1);
        QCOMPARE(p.dtypeCounts().size(), 3);
        QCOMPARE(p.headerLength(), qint64(bytes.size() - 8 - 34));
    }

    void emptyHeaderObjectIsValid()
    {
        const QByteArray bytes = file("{}", {});
        const SafetensorsHeader p = SafetensorsHeader::parse(bytes, bytes.size());
        QVERIFY(p.isValid());
        QCOMPARE(p.tensors().size(), 0);
        QCOMPARE(p.totalBytes(), 0);
    }

    void zeroSizedTensor()
    {
        QJsonObject h{{QStringLiteral("empty"), tensor(QStringLiteral("F32"), {0, 4}, 0, 0)}};
        const SafetensorsHeader p = SafetensorsHeader::parseJson(json(h), 0);
        QVERIFY(p.isValid());
        QVERIFY2(p.warnings().isEmpty(), qPrintable(p.warnings().join('\n')));
        QCOMPARE(p.tensors().at(0).elementCount(), 0);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("errorPart");
        const QByteArray good = json(QJsonObject{{QStringLiteral("t"), tensor(QStringLiteral("U8"), {4}, 0, 4)}});

        QTest::newRow("shorter than 8 bytes") << QByteArray("\x05\0\0", 3) << QStringLiteral("shorter than the 8-byte");
        QTest::newRow("length beyond the file") << (lengthPrefix(1000) + good) << QStringLiteral("larger than the file");
        QTest::newRow("length beyond the format limit") << (lengthPrefix(200'000'000) + good) << QStringLiteral("limit");
        QTest::newRow("huge length") << (lengthPrefix(~0ULL) + good) << QStringLiteral("limit");
        QTest::newRow("zero length") << (lengthPrefix(0) + good) << QStringLiteral("does not start with a JSON object");
        QTest::newRow("not json") << file("{nope", "") << QStringLiteral("not valid JSON");
        QTest::newRow("array") << file("[1,2]", "") << QStringLiteral("does not start with a JSON object");
        QTest::newRow("tensor not an object") << file(R"({"t": 5})", "") << QStringLiteral("is not an object");
        QTest::newRow("missing dtype") << file(R"({"t": {"shape": [1], "data_offsets": [0, 1]}})", "x")
                                       << QStringLiteral("has no dtype");
        QTest::newRow("dtype not a string") << file(R"({"t": {"dtype": 4, "shape": [1], "data_offsets": [0, 1]}})", "x")
                                            << QStringLiteral("has no dtype");
        QTest::newRow("missing shape") << file(R"({"t": {"dtype": "U8", "data_offsets": [0, 1]}})", "x")
                                       << QStringLiteral("has no shape");
        QTest::newRow("negative dim") << file(R"({"t": {"dtype": "U8", "shape": [-1], "data_offsets": [0, 1]}})", "x")
                                      << QStringLiteral("non-negative integers");
        QTest::newRow("fractional dim") << file(R"({"t": {"dtype": "U8", "shape": [1.5], "data_offsets": [0, 1]}})", "x")
                                        << QStringLiteral("non-negative integers");
        QTest::newRow("string dim") << file(R"({"t": {"dtype": "U8", "shape": ["1"], "data_offsets": [0, 1]}})", "x")
                                    << QStringLiteral("non-negative integers");
        QTest::newRow("missing offsets") << file(R"({"t": {"dtype": "U8", "shape": [1]}})", "x")
                                         << QStringLiteral("data_offsets");
        QTest::newRow("one offset") << file(R"({"t": {"dtype": "U8", "shape": [1], "data_offsets": [0]}})", "x")
                                    << QStringLiteral("data_offsets");
        QTest::newRow("reversed offsets") << file(R"({"t": {"dtype": "U8", "shape": [1], "data_offsets": [1, 0]}})", "x")
                                          << QStringLiteral("before it begins");
        QTest::newRow("metadata not an object") << file(R"({"__metadata__": [1]})", "")
                                                << QStringLiteral("__metadata__");
        QTest::newRow("metadata value not a string") << file(R"({"__metadata__": {"k": 1}})", "")
                                                     << QStringLiteral("is not a string");
    }

    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, errorPart);
        const SafetensorsHeader p = SafetensorsHeader::parse(bytes, bytes.size());
        QVERIFY(!p.isValid());
        QVERIFY2(p.error().contains(errorPart), qPrintable(p.error()));
        QVERIFY(p.tensors().isEmpty());
    }

    void truncatedPrefixWithoutFileSize()
    {
        const QByteArray whole = file(json(QJsonObject{{QStringLiteral("t"), tensor(QStringLiteral("U8"), {4}, 0, 4)}}), "abcd");
        const SafetensorsHeader p = SafetensorsHeader::parse(whole.left(20), -1);
        QVERIFY(!p.isValid());
        QVERIFY2(p.error().contains(QStringLiteral("truncated")), qPrintable(p.error()));
    }

    void inconsistenciesAreWarnings_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("dataSize");
        QTest::addColumn<QString>("warningPart");
        QTest::newRow("size mismatch") << QByteArray(R"({"t": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4]}})")
                                       << qint64(4) << QStringLiteral("needs 8");
        QTest::newRow("unknown dtype") << QByteArray(R"({"t": {"dtype": "Q4", "shape": [2], "data_offsets": [0, 1]}})")
                                       << qint64(1) << QStringLiteral("unknown dtype");
        QTest::newRow("past the end") << QByteArray(R"({"t": {"dtype": "U8", "shape": [8], "data_offsets": [0, 8]}})")
                                      << qint64(4) << QStringLiteral("past the end");
        QTest::newRow("overlap") << QByteArray(R"({"a": {"dtype": "U8", "shape": [4], "data_offsets": [0, 4]},
                                                  "b": {"dtype": "U8", "shape": [4], "data_offsets": [2, 6]}})")
                                 << qint64(6) << QStringLiteral("overlaps");
        QTest::newRow("gap") << QByteArray(R"({"a": {"dtype": "U8", "shape": [2], "data_offsets": [2, 4]}})")
                             << qint64(4) << QStringLiteral("gap of 2 bytes");
        QTest::newRow("trailing bytes") << QByteArray(R"({"a": {"dtype": "U8", "shape": [2], "data_offsets": [0, 2]}})")
                                        << qint64(10) << QStringLiteral("8 bytes after the last tensor");
        QTest::newRow("overflowing shape")
            << QByteArray(R"({"a": {"dtype": "U8", "shape": [4294967296, 4294967296], "data_offsets": [0, 2]}})")
            << qint64(2) << QStringLiteral("overflows");
    }

    void inconsistenciesAreWarnings()
    {
        QFETCH(QByteArray, header);
        QFETCH(qint64, dataSize);
        QFETCH(QString, warningPart);
        const SafetensorsHeader p = SafetensorsHeader::parseJson(header, dataSize);
        QVERIFY2(p.isValid(), qPrintable(p.error()));
        QVERIFY2(p.warnings().join('\n').contains(warningPart), qPrintable(p.warnings().join('\n')));
        QVERIFY(!p.tensors().isEmpty());
    }

    void unknownFileSizeSkipsBoundsChecks()
    {
        const SafetensorsHeader p =
            SafetensorsHeader::parseJson(R"({"t": {"dtype": "U8", "shape": [8], "data_offsets": [0, 8]}})", -1);
        QVERIFY(p.isValid());
        QVERIFY(p.warnings().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSafetensorsHeader)
#include "tst_safetensors_header.moc"
