// FastCDC as hubvault 0.0.2 cuts (docs/format.md §5.3): every published test vector, chunk by
// chunk, with the chunk and whole-file SHA-256s; then the E5 worked example of §3.7 end
// to end through the write path (file payload, pointer, pack layout and chunk index).

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "FastCdcChunker.h"
#include "WriteTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QRandomGenerator>
#include <QTest>

using namespace hubvault;
using namespace hubvault::test;

namespace {

struct Cut {
    qint64 offset;
    qint64 length;
};

/** The chunk list of `data` by repeated nextCut, exactly as §5.3 drives it. */
QList<Cut> chunkAll(const QByteArray &data)
{
    QList<Cut> out;
    const auto *bytes = reinterpret_cast<const uint8_t *>(data.constData());
    qint64 pos = 0;
    while (pos < data.size()) {
        const qint64 cut = FastCdcChunker::nextCut(bytes + pos, data.size() - pos);
        if (cut <= 0 || cut > data.size() - pos)
            return {}; // a broken cut would loop forever
        out.append({pos, cut});
        pos += cut;
    }
    return out;
}

/** Like chunkAll but never shows the chunker more than `window` bytes (streaming use). */
QList<Cut> chunkWindowed(const QByteArray &data, qint64 window)
{
    QList<Cut> out;
    const auto *bytes = reinterpret_cast<const uint8_t *>(data.constData());
    qint64 pos = 0;
    while (pos < data.size()) {
        const qint64 cut = FastCdcChunker::nextCut(bytes + pos, qMin(window, data.size() - pos));
        if (cut <= 0)
            return {};
        out.append({pos, cut});
        pos += cut;
    }
    return out;
}

/** The chunk list from FastCdcStream fed in pieces of the given (cycled) sizes. */
QList<Cut> chunkStreamed(const QByteArray &data, const QList<qint64> &pieces)
{
    QList<Cut> out;
    FastCdcStream stream;
    const auto *bytes = reinterpret_cast<const uint8_t *>(data.constData());
    qint64 chunkStart = 0, fed = 0;
    for (qsizetype k = 0; fed < data.size(); ++k) {
        qint64 piece = qMin(pieces.at(k % pieces.size()), data.size() - fed);
        const uint8_t *at = bytes + fed;
        fed += piece;
        // A piece may hold several cuts; the bytes after each belong to the next chunk.
        for (qint64 used; piece > 0 && (used = stream.scan(at, piece)) >= 0; at += used, piece -= used) {
            const qint64 end = (at - bytes) + used;
            out.append({chunkStart, end - chunkStart});
            chunkStart = end;
        }
    }
    if (stream.pending() > 0)
        out.append({chunkStart, stream.pending()});
    return out;
}

QStringList chunkHashes(const QByteArray &data, const QList<Cut> &cuts)
{
    QStringList out;
    for (const Cut &c : cuts)
        out.append(sha256Hex(QByteArrayView(data).sliced(c.offset, c.length)));
    return out;
}

QString describe(const QList<Cut> &cuts)
{
    QStringList parts;
    for (const Cut &c : cuts)
        parts.append(QStringLiteral("%1:%2").arg(c.offset).arg(c.length));
    return parts.join(QStringLiteral(", "));
}

} // namespace

class TestFastCdc : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void gearTableMatchesAppendixA();
    void parameters();
    void vectors_data();
    void vectors();
    void shortInputs();
    void windowOfMaxSizeGivesSameCuts();
    void streamedInAnyPiecesGivesSameCuts();
    void e5ChunkedUpload();
    void uploadMatchesChunkerForLargeInputs_data();
    void uploadMatchesChunkerForLargeInputs();
};

void TestFastCdc::gearTableMatchesAppendixA()
{
    QByteArray serialized;
    for (uint32_t v : FastCdcChunker::kGear) {
        char le[4];
        qToLittleEndian<quint32>(v, le);
        serialized.append(le, 4);
    }
    QCOMPARE(sha256Hex(serialized), QStringLiteral("d499f6cdb238b999913ce6bc226452991b403b71cb0b144ca82ecf6e2ce2032a"));
}

void TestFastCdc::parameters()
{
    QCOMPARE(FastCdcChunker::kMinSize, qint64(1048576));
    QCOMPARE(FastCdcChunker::kAvgSize, qint64(4194304));
    QCOMPARE(FastCdcChunker::kMaxSize, qint64(16777216));
}

void TestFastCdc::vectors_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QString>("cuts");
    QTest::addColumn<QStringList>("hashes");
    QTest::addColumn<QString>("fileHash");

    QTest::newRow("PRNG(6291456)") << QStringLiteral("prng") << qint64(6291456)
                                   << QStringLiteral("0:3808705, 3808705:2482751")
                                   << QStringList{QStringLiteral("3d92a8df3188dbed24a168b902cff10d28300462ee600c22e1b5dfdccb09692c"),
                                                  QStringLiteral("30dde1b2ee5340eec5d8705be652acf4655f50402149e3613ed8815c6b36cd4c")}
                                   << QStringLiteral("7ba10c64e03f8bd7d1dafeb7e73ae2c597398c9430201911cd368c1029c955f3");
    QTest::newRow("PRNG(25165824)")
        << QStringLiteral("prng") << qint64(25165824)
        << QStringLiteral("0:3808705, 3808705:3216691, 7025396:4612042, 11637438:2792490, 14429928:3301002, "
                          "17730930:2813511, 20544441:2815222, 23359663:1806161")
        << QStringList{QStringLiteral("3d92a8df3188dbed24a168b902cff10d28300462ee600c22e1b5dfdccb09692c"),
                       QStringLiteral("b6e51ed330893687cfaa4ae344249ad644110b7f851706a479423e67b0de3576"),
                       QStringLiteral("5138a711d811d4e1fb19ea41014dabd31b80b88f6c6dcf92a5b53c0e37885385"),
                       QStringLiteral("75fab0789a043fc067cf1d869121a6e63009b518011a67a45abbd330ec7413da"),
                       QStringLiteral("5bdf8dc6c8baac60a1c3ae2ad8df36777d09e017f5f1fc745bb9a589fc2debf0"),
                       QStringLiteral("170cf63a11e7b804be204df87479efbe4876107aa105521e4f60a694fae039b6"),
                       QStringLiteral("cbbc3ab987f1ceedf0137965f22c0d2541c04e53dbd8fe7f8d7346338ad19e61"),
                       QStringLiteral("eeefcd1d247a7755ea0db3b7425a44866d19017e5fd85221c616e070ec08283c")}
        << QStringLiteral("34aeacdb0227737f89c68c2932899474a8dad85801eedea29a69df2a8dc22af3");
    QTest::newRow("zeros(41943040)") << QStringLiteral("zeros") << qint64(41943040)
                                     << QStringLiteral("0:16777216, 16777216:16777216, 33554432:8388608")
                                     << QStringList{QStringLiteral("080acf35a507ac9849cfcba47dc2ad83e01b75663a516279c8b9d243b719643e"),
                                                    QStringLiteral("080acf35a507ac9849cfcba47dc2ad83e01b75663a516279c8b9d243b719643e"),
                                                    QStringLiteral("2daeb1f36095b44b318410b3f4e8b5d989dcc7bb023d1426c492dab0a3053e74")}
                                     << QStringLiteral("80a3721188e40218b08b26776bc53bdae81e4784fff71d71450a197319cba113");
    QTest::newRow("PRNG(1048676)") << QStringLiteral("prng") << qint64(1048676) << QStringLiteral("0:1048676")
                                   << QStringList{QStringLiteral("f80581b82823a79a71f721d15de40363c6d85aca2c6a17e967a551cf0b7a5a7a")}
                                   << QStringLiteral("f80581b82823a79a71f721d15de40363c6d85aca2c6a17e967a551cf0b7a5a7a");
}

void TestFastCdc::vectors()
{
    QFETCH(QString, kind);
    QFETCH(qint64, size);
    QFETCH(QString, cuts);
    QFETCH(QStringList, hashes);
    QFETCH(QString, fileHash);

    const QByteArray data = kind == QLatin1String("zeros") ? QByteArray(size, '\0') : prng(size);
    QCOMPARE(data.size(), size);
    QCOMPARE(sha256Hex(data), fileHash);
    const QList<Cut> got = chunkAll(data);
    QCOMPARE(describe(got), cuts);
    QCOMPARE(chunkHashes(data, got), hashes);
}

void TestFastCdc::shortInputs()
{
    // Data up to MIN is one chunk; just above MIN only the final chunk may be short.
    const QByteArray data = prng(FastCdcChunker::kMinSize + 1);
    const auto *bytes = reinterpret_cast<const uint8_t *>(data.constData());
    QCOMPARE(FastCdcChunker::nextCut(bytes, 0), qint64(0));
    QCOMPARE(FastCdcChunker::nextCut(bytes, 1), qint64(1));
    QCOMPARE(FastCdcChunker::nextCut(bytes, FastCdcChunker::kMinSize), FastCdcChunker::kMinSize);
    QCOMPARE(FastCdcChunker::nextCut(bytes, FastCdcChunker::kMinSize + 1), FastCdcChunker::kMinSize + 1);
}

void TestFastCdc::windowOfMaxSizeGivesSameCuts()
{
    // ContentStager streams: it only ever shows the chunker kMaxSize bytes ahead. The
    // cuts must be the same as with the whole input visible (§5.3 WINDOW = MAX).
    const QByteArray data = prng(25165824);
    const QList<Cut> whole = chunkAll(data);
    const QList<Cut> windowed = chunkWindowed(data, FastCdcChunker::kMaxSize);
    QCOMPARE(describe(windowed), describe(whole));
    const QByteArray zeros(41943040, '\0');
    QCOMPARE(describe(chunkWindowed(zeros, FastCdcChunker::kMaxSize)), describe(chunkAll(zeros)));
}

void TestFastCdc::streamedInAnyPiecesGivesSameCuts()
{
    // The ingest feeds the scan block by block: any split points give nextCut's cuts,
    // including splits inside the skipped prefix, at a cut, and single bytes.
    const QByteArray data = prng(25165824);
    const QString whole = describe(chunkAll(data));
    for (const QList<qint64> &pieces : {QList<qint64>{1 << 20}, QList<qint64>{4 << 20}, QList<qint64>{16 << 20},
                                        QList<qint64>{1, 1048575, 3000001, 7, 65536}, QList<qint64>{12345678}}) {
        QCOMPARE(describe(chunkStreamed(data, pieces)), whole);
    }
    QRandomGenerator rng(11);
    for (int trial = 0; trial < 5; ++trial) {
        QList<qint64> pieces;
        for (int i = 0; i < 50; ++i)
            pieces.append(1 + rng.bounded(5 << 20));
        QCOMPARE(describe(chunkStreamed(data, pieces)), whole);
    }
    const QByteArray zeros(41943040, '\0'); // no content cut: forced cuts at kMaxSize
    QCOMPARE(describe(chunkStreamed(zeros, {3 << 20})), describe(chunkAll(zeros)));
    const QByteArray small = prng(700000); // shorter than kMinSize: one chunk
    QCOMPARE(describe(chunkStreamed(small, {100000})), describe(chunkAll(small)));
}

void TestFastCdc::e5ChunkedUpload()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString root = tmp.filePath(QStringLiteral("repo"));
    CreateRepoOptions options;
    options.largeFileThreshold = 6291456; // == size: inclusive threshold (§5.1)
    LocalRepository repo = LocalRepository::create(root, options);

    const QByteArray data = prng(6291456);
    repo.uploadBytes(data, QStringLiteral("big.bin"));

    // Public metadata (§4.2).
    const QList<RepoEntry> info = repo.getPathsInfo({QStringLiteral("big.bin")});
    QCOMPARE(info.size(), 1);
    const RepoFile &file = info.first().file;
    QCOMPARE(file.size, qint64(6291456));
    QCOMPARE(file.oid, QStringLiteral("0c385808148cacd04addd9254c21f9852e9cb842"));
    QCOMPARE(file.blobId, file.oid);
    QCOMPARE(file.sha256, QStringLiteral("7ba10c64e03f8bd7d1dafeb7e73ae2c597398c9430201911cd368c1029c955f3"));
    QCOMPARE(file.etag, file.sha256);
    QVERIFY(file.lfs.has_value());
    QCOMPARE(file.lfs->size, qint64(6291456));
    QCOMPARE(file.lfs->sha256, file.sha256);
    QCOMPARE(file.lfs->pointerSize, qint64(132));

    // The file payload is byte-identical to the worked example, under its object ID.
    const QByteArray expectedPayload =
        R"({"chunks":[{"checksum":"sha256:3d92a8df3188dbed24a168b902cff10d28300462ee600c22e1b5dfdccb09692c","chunk_id":"sha256:3d92a8df3188dbed24a168b902cff10d28300462ee600c22e1b5dfdccb09692c","compression":"none","logical_offset":0,"logical_size":3808705,"stored_size":3808705},{"checksum":"sha256:30dde1b2ee5340eec5d8705be652acf4655f50402149e3613ed8815c6b36cd4c","chunk_id":"sha256:30dde1b2ee5340eec5d8705be652acf4655f50402149e3613ed8815c6b36cd4c","compression":"none","logical_offset":3808705,"logical_size":2482751,"stored_size":2482751}],"content_object_id":null,"content_type_hint":null,"etag":"7ba10c64e03f8bd7d1dafeb7e73ae2c597398c9430201911cd368c1029c955f3","format_version":1,"logical_size":6291456,"oid":"0c385808148cacd04addd9254c21f9852e9cb842","pointer_size":132,"sha256":"7ba10c64e03f8bd7d1dafeb7e73ae2c597398c9430201911cd368c1029c955f3","storage_kind":"chunked"})";
    const auto fileRows = sqlRows(root, QStringLiteral("SELECT object_id, payload_json FROM objects_files"));
    QCOMPARE(fileRows.size(), 1);
    QCOMPARE(fileRows.first().value(0).toString(),
             QStringLiteral("sha256:ad9cd7b55ddf342b455e73722ce55b195b4d2f7d61d9096ff5a92e525a0cdf38"));
    QCOMPARE(fileRows.first().value(1).toString().toUtf8(), expectedPayload);
    QCOMPARE(sqlCount(root, QStringLiteral("objects_blobs")), qint64(0)); // chunked: no blob object

    // One pack <txid>-000001.pack of 17 + 6291456 bytes holding both chunks.
    const QStringList packs = packFiles(root);
    QCOMPARE(packs.size(), 1);
    const QString packId = packs.first().chopped(5);
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d{8}T\\d{6}Z-[0-9a-f]{8}-000001$")).match(packId).hasMatch(),
             qPrintable(packId));
    QFile pack(root + QStringLiteral("/chunks/packs/") + packs.first());
    QVERIFY(pack.open(QIODevice::ReadOnly));
    QCOMPARE(pack.size(), qint64(6291473));
    const QByteArray packBytes = pack.readAll();
    QCOMPARE(packBytes.left(17), QByteArray("hubvault-pack/v1\n"));
    QCOMPARE(packBytes.mid(17), data);

    const auto rows = sqlRows(root, QStringLiteral("SELECT chunk_id, pack_id, offset, stored_size, logical_size, "
                                                   "compression, checksum FROM chunk_visible ORDER BY offset"));
    QCOMPARE(rows.size(), 2);
    const QStringList ids = {QStringLiteral("sha256:3d92a8df3188dbed24a168b902cff10d28300462ee600c22e1b5dfdccb09692c"),
                             QStringLiteral("sha256:30dde1b2ee5340eec5d8705be652acf4655f50402149e3613ed8815c6b36cd4c")};
    const qint64 offsets[] = {17, 3808722};
    const qint64 sizes[] = {3808705, 2482751};
    for (int i = 0; i < 2; ++i) {
        const QVariantList &row = rows.at(i);
        QCOMPARE(row.value(0).toString(), ids.at(i));
        QCOMPARE(row.value(1).toString(), packId);
        QCOMPARE(row.value(2).toLongLong(), offsets[i]);
        QCOMPARE(row.value(3).toLongLong(), sizes[i]);
        QCOMPARE(row.value(4).toLongLong(), sizes[i]);
        QCOMPARE(row.value(5).toString(), QStringLiteral("none"));
        QCOMPARE(row.value(6).toString(), ids.at(i));
    }

    QCOMPARE(repo.readBytes(QStringLiteral("big.bin")), data);
    QCOMPARE(repo.readRange(QStringLiteral("big.bin"), 3808700, 10), data.mid(3808700, 10));
    const VerifyReport report = repo.fullVerify();
    QVERIFY2(report.ok, qPrintable(report.errors.join(QLatin1Char('\n'))));
    QVERIFY(report.warnings.isEmpty());
    QCOMPARE(entriesOf(root + QStringLiteral("/txn")), QStringList());
}

void TestFastCdc::uploadMatchesChunkerForLargeInputs_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<qint64>("size");
    QTest::newRow("PRNG 24 MiB") << QStringLiteral("prng") << qint64(25165824);
    QTest::newRow("zeros 40 MiB") << QStringLiteral("zeros") << qint64(41943040);
}

void TestFastCdc::uploadMatchesChunkerForLargeInputs()
{
    // The stager reads through a bounded window; its chunk descriptors must still be
    // exactly the §5.3 vector, and a chunk repeated inside one file is stored once.
    QFETCH(QString, kind);
    QFETCH(qint64, size);
    const QByteArray data = kind == QLatin1String("zeros") ? QByteArray(size, '\0') : prng(size);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString root = tmp.filePath(QStringLiteral("repo"));
    CreateRepoOptions options;
    options.largeFileThreshold = 1 << 20;
    LocalRepository repo = LocalRepository::create(root, options);
    const QString local = tmp.filePath(QStringLiteral("input.bin"));
    QVERIFY(writeFile(local, data));
    repo.uploadFile(local, QStringLiteral("data/input.bin"));

    const QList<Cut> cuts = chunkAll(data);
    const QStringList hashes = chunkHashes(data, cuts);
    const auto fileRows = sqlRows(root, QStringLiteral("SELECT payload_json FROM objects_files"));
    QCOMPARE(fileRows.size(), 1);
    const QJsonObject payload = QJsonDocument::fromJson(fileRows.first().value(0).toString().toUtf8()).object();
    const QJsonArray chunks = payload.value(QStringLiteral("chunks")).toArray();
    QCOMPARE(chunks.size(), cuts.size());
    for (int i = 0; i < cuts.size(); ++i) {
        const QJsonObject c = chunks.at(i).toObject();
        QCOMPARE(c.value(QStringLiteral("logical_offset")).toInteger(), cuts.at(i).offset);
        QCOMPARE(c.value(QStringLiteral("logical_size")).toInteger(), cuts.at(i).length);
        QCOMPARE(c.value(QStringLiteral("chunk_id")).toString(), QStringLiteral("sha256:") + hashes.at(i));
    }
    QSet<QString> unique(hashes.cbegin(), hashes.cend());
    qint64 uniqueBytes = 0;
    QSet<QString> seen;
    for (int i = 0; i < cuts.size(); ++i) {
        if (!seen.contains(hashes.at(i)))
            uniqueBytes += cuts.at(i).length;
        seen.insert(hashes.at(i));
    }
    QCOMPARE(sqlCount(root, QStringLiteral("chunk_visible")), qint64(unique.size()));
    QCOMPARE(packFiles(root).size(), 1);
    QCOMPARE(totalPackBytes(root), 17 + uniqueBytes);
    QCOMPARE(repo.readBytes(QStringLiteral("data/input.bin")), data);
    const VerifyReport report = repo.fullVerify();
    QVERIFY2(report.ok, qPrintable(report.errors.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestFastCdc)
#include "tst_fastcdc.moc"
