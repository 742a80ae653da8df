// File previews on a repository generated with the core: text and code with line numbers,
// JSON pretty-printed, Markdown rendered, a PNG image, CSV / TSV tables, a .safetensors
// file with known tensors, and binary data as facts plus a hex view. Also the limits
// (the first 1 MiB of text, the first 1000 table rows, images scaled down) and the
// fallbacks (invalid JSON as text, a broken .safetensors as hex), whole and chunked.

#include <hubvault/LocalRepository.h>
#include "AppTestSupport.h"
#include "preview/CodeView.h"
#include "files/FileTreeModel.h"
#include "preview/PreviewBuilder.h"
#include "preview/PreviewPane.h"
#include "preview/Previews.h"
#include "SafetensorsTestSupport.h"
#include "TestSupport.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>

using namespace hubvault;
using hubvault::test::titledCommit;
using namespace hubvault::app;

namespace {

constexpr int kTimeoutMs = 30000;

QByteArray pngBytes(int width, int height, QColor color)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(color);
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return out;
}

/** A .safetensors file: weight F32 [2, 3], bias I64 [3], mask BOOL [4], plus metadata. */
QByteArray safetensorsBytes()
{
    QByteArray data;
    for (int i = 0; i < 52; ++i)
        data.append(char(i));
    return hubvault::test::makeSafetensors({{QStringLiteral("layer.weight"), QStringLiteral("F32"), {2, 3}, data.mid(0, 24)},
                                            {QStringLiteral("layer.bias"), QStringLiteral("I64"), {3}, data.mid(24, 24)},
                                            {QStringLiteral("mask"), QStringLiteral("BOOL"), {4}, data.mid(48, 4)}},
                                           {{QStringLiteral("format"), QStringLiteral("pt")}});
}

QByteArray bigCsv(int rows)
{
    QByteArray out = "id,name\n";
    for (int i = 0; i < rows; ++i)
        out += QByteArray::number(i) + ",row " + QByteArray::number(i) + "\n";
    return out;
}

QByteArray bigText(qint64 size)
{
    QByteArray out;
    int line = 0;
    while (out.size() < size)
        out += "line " + QByteArray::number(++line) + " of a long text file\n";
    return out.left(size);
}

} // namespace

class TestPreviews : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_repoPath;
    QMap<QString, QByteArray> m_files;

    FileTreeEntry entry(const QString &path) const
    {
        const QString folder = path.contains('/') ? path.left(path.lastIndexOf('/')) : QString();
        for (const FileTreeEntry &e : FileTreeModel::readFolder(m_repoPath, {}, folder)) {
            if (e.path == path)
                return e;
        }
        return {};
    }

    /** Shows `path` in `pane` and waits for it. */
    bool show(PreviewPane &pane, const QString &path)
    {
        QSignalSpy shown(&pane, &PreviewPane::previewShown);
        const FileTreeEntry e = entry(path);
        if (e.path.isEmpty())
            return false;
        pane.showFile({}, e);
        return shown.wait(kTimeoutMs) && shown.last().first().toString() == path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_repoPath = m_tmp.path() + QStringLiteral("/repo");
        CreateRepoOptions options;
        options.largeFileThreshold = 4096; // bigger files are chunked
        LocalRepository repo = LocalRepository::create(m_repoPath, options);

        m_files.insert(QStringLiteral("src/main.py"), "import sys\n\n\ndef main():\n    print('hi')\n");
        m_files.insert(QStringLiteral("config.json"), R"({"b":[1,2,{"c":null}],"a":"x"})");
        m_files.insert(QStringLiteral("bad.json"), "{\"a\": 1,");
        m_files.insert(QStringLiteral("README.md"), "# HubVault Test\n\nSome *emphasis* and a [link](https://example.org).\n");
        m_files.insert(QStringLiteral("images/red.png"), pngBytes(64, 32, Qt::red));
        m_files.insert(QStringLiteral("images/wide.png"), pngBytes(4096, 64, Qt::blue));
        m_files.insert(QStringLiteral("data/table.csv"),
                       "name,value,comment\nalpha,1,\"with, comma\"\nbeta,2,\"two\nlines\"\ngamma,3,\"say \"\"hi\"\"\"\n");
        m_files.insert(QStringLiteral("data/table.tsv"), "a\tb\n1\t2\n");
        m_files.insert(QStringLiteral("data/big.csv"), bigCsv(5000));
        m_files.insert(QStringLiteral("model.safetensors"), safetensorsBytes());
        m_files.insert(QStringLiteral("broken.safetensors"), QByteArray("\xff\xff\xff\xff\0\0\0\0{}", 10));
        QByteArray binary;
        for (int i = 0; i < 10000; ++i)
            binary.append(char(i % 256));
        m_files.insert(QStringLiteral("blob.bin"), binary);
        m_files.insert(QStringLiteral("big.txt"), bigText(3 << 20));
        m_files.insert(QStringLiteral("empty.txt"), QByteArray());
        // A 2-byte character straddles the 1 MiB cut.
        QByteArray accents = "a";
        while (accents.size() < (1 << 20) + 100)
            accents += "\xc3\xa9";
        m_files.insert(QStringLiteral("accents.txt"), accents);

        QList<CommitOperation> ops;
        for (auto it = m_files.cbegin(); it != m_files.cend(); ++it)
            ops.append(CommitOperation::addBytes(it.key(), it.value()));
        repo.createCommit(ops, titledCommit(QStringLiteral("Preview fixtures")));
    }

    void kindForName()
    {
        QCOMPARE(PreviewBuilder::kindForName(QStringLiteral("a/b.safetensors")), PreviewKind::Safetensors);
        QCOMPARE(PreviewBuilder::kindForName(QStringLiteral("x.JSON")), PreviewKind::Json);
        QCOMPARE(PreviewBuilder::kindForName(QStringLiteral("README")), PreviewKind::Markdown);
        QCOMPARE(PreviewBuilder::kindForName(QStringLiteral("docs/guide.md")), PreviewKind::Markdown);
        QCOMPARE(PreviewBuilder::kindForName(QStringLiteral("t.csv")), PreviewKind::Table);
        QCOMPARE(PreviewBuilder::kindForName(QStringLiteral("t.tsv")), PreviewKind::Table);
        QCOMPARE(PreviewBuilder::kindForName(QStringLiteral("p.png")), PreviewKind::Image);
        QCOMPARE(PreviewBuilder::kindForName(QStringLiteral("p.jpg")), PreviewKind::Image);
        QCOMPARE(PreviewBuilder::kindForName(QStringLiteral("main.cpp")), PreviewKind::Text);
        QCOMPARE(PreviewBuilder::kindForName(QStringLiteral(".gitattributes")), PreviewKind::Text);
    }

    void hexDumpFormat()
    {
        const QString dump = PreviewBuilder::hexDump(QByteArray("\x89PNG\r\n\x1a\n0123456789ABCDEF!", 25));
        const QStringList lines = dump.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0), QStringLiteral("00000000  89 50 4e 47 0d 0a 1a 0a  30 31 32 33 34 35 36 37  |.PNG....01234567|"));
        QVERIFY(lines.at(1).startsWith(QStringLiteral("00000010  38 39 41 42 43 44 45 46  21 ")));
        QVERIFY(lines.at(1).endsWith(QStringLiteral("|89ABCDEF!|")));
    }

    void delimitedParsing()
    {
        bool more = true;
        const auto rows = PreviewBuilder::parseDelimited(u"a,\"b,c\",\"d\"\"e\"\r\n1,\"x\ny\",3\n\nlast", QLatin1Char(','), 100, &more);
        QVERIFY(!more);
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(0), (QStringList{"a", "b,c", "d\"e"}));
        QCOMPARE(rows.at(1), (QStringList{"1", "x\ny", "3"}));
        QCOMPARE(rows.at(2), QStringList{QString()});
        QCOMPARE(rows.at(3), QStringList{"last"});
        const auto limited = PreviewBuilder::parseDelimited(u"1\n2\n3\n", QLatin1Char(','), 2, &more);
        QCOMPARE(limited.size(), 2);
        QVERIFY(more);
    }

    void prettyJsonKeepsOrderAndSpelling()
    {
        QCOMPARE(PreviewBuilder::prettyJson(u"{\"z\":1e-5,\"a\":12345678901234567890,\"e\":{},\"l\":[ ]}"),
                 QStringLiteral("{\n    \"z\": 1e-5,\n    \"a\": 12345678901234567890,\n    \"e\": {},\n    \"l\": []\n}\n"));
        // Structural characters inside strings, escaped quotes and backslashes are copied as they are.
        QCOMPARE(PreviewBuilder::prettyJson(u"[\"a,b{c}:[d]\", \"q\\\"x\", \"back\\\\\", \"\\u00e9\"]"),
                 QStringLiteral("[\n    \"a,b{c}:[d]\",\n    \"q\\\"x\",\n    \"back\\\\\",\n    \"\\u00e9\"\n]\n"));
    }

    void textDetection()
    {
        QVERIFY(PreviewBuilder::looksLikeText("plain\ttext\r\n", false));
        QVERIFY(!PreviewBuilder::looksLikeText(QByteArray("nul\0byte", 8), false));
        QVERIFY(!PreviewBuilder::looksLikeText("\xff\xfe bad utf-8", false));
        QVERIFY(PreviewBuilder::looksLikeText("caf\xc3", true));  // cut inside the last character
        QVERIFY(!PreviewBuilder::looksLikeText("caf\xc3", false));
        QCOMPARE(PreviewBuilder::decodeText("caf\xc3\xa9\xc3", true), QStringLiteral("café"));
    }

    void textWithLineNumbers()
    {
        PreviewPane pane;
        pane.resize(600, 400);
        pane.show();
        pane.setRepository(m_repoPath);
        QVERIFY(show(pane, QStringLiteral("src/main.py")));
        QCOMPARE(pane.currentKind(), PreviewKind::Text);
        CodeView *view = pane.textPreview()->view();
        QCOMPARE(view->toPlainText(), QString::fromUtf8(m_files.value(QStringLiteral("src/main.py"))));
        QVERIFY(view->lineNumbersVisible());
        QVERIFY(view->lineNumberAreaWidth() > 0);
        QCOMPARE(view->blockCount(), 6);
        QVERIFY(view->isReadOnly());
        QVERIFY(pane.noteText().isEmpty());
    }

    void jsonPrettyPrinted()
    {
        PreviewPane pane;
        pane.setRepository(m_repoPath);
        QVERIFY(show(pane, QStringLiteral("config.json")));
        QCOMPARE(pane.currentKind(), PreviewKind::Json);
        // Keys stay in the file's order ("b" before "a").
        const QString expected = QStringLiteral("{\n    \"b\": [\n        1,\n        2,\n        {\n            \"c\": null\n"
                                                "        }\n    ],\n    \"a\": \"x\"\n}\n");
        QCOMPARE(pane.textPreview()->view()->toPlainText(), expected);
        QVERIFY(pane.textPreview()->view()->blockCount() > 5);

        QVERIFY(show(pane, QStringLiteral("bad.json")));
        QCOMPARE(pane.currentKind(), PreviewKind::Text);
        QCOMPARE(pane.textPreview()->view()->toPlainText(), QStringLiteral("{\"a\": 1,"));
        QVERIFY2(pane.noteText().contains(QStringLiteral("Not valid JSON")), qPrintable(pane.noteText()));
    }

    void markdownRendered()
    {
        PreviewPane pane;
        pane.setRepository(m_repoPath);
        QVERIFY(show(pane, QStringLiteral("README.md")));
        QCOMPARE(pane.currentKind(), PreviewKind::Markdown);
        QTextDocument *doc = pane.markdownPreview()->browser()->document();
        QCOMPARE(doc->firstBlock().text(), QStringLiteral("HubVault Test"));
        QCOMPARE(doc->firstBlock().blockFormat().headingLevel(), 1);
        QVERIFY(!doc->toPlainText().contains('*')); // rendered, not source
        QVERIFY(doc->toHtml().contains(QStringLiteral("https://example.org")));
    }

    void imageDecoded()
    {
        PreviewPane pane;
        pane.resize(500, 400);
        pane.show();
        pane.setRepository(m_repoPath);
        QVERIFY(show(pane, QStringLiteral("images/red.png")));
        QCOMPARE(pane.currentKind(), PreviewKind::Image);
        const QImage image = pane.imagePreview()->image();
        QCOMPARE(image.size(), QSize(64, 32));
        QCOMPARE(QColor(image.pixel(10, 10)), QColor(Qt::red));
        // Shown at full size when it fits (the page was hidden in the stack when the image arrived).
        QTRY_COMPARE(pane.imagePreview()->imageLabel()->pixmap().size(), QSize(64, 32));

        // Wide images are decoded at most 2048 pixels wide; the caption keeps the original size.
        QVERIFY(show(pane, QStringLiteral("images/wide.png")));
        QCOMPARE(pane.imagePreview()->image().size(), QSize(2048, 32));
        QTRY_VERIFY(pane.imagePreview()->imageLabel()->pixmap().width() <= pane.width()); // scaled to fit
        QVERIFY(pane.imagePreview()->imageLabel()->pixmap().width() > 100);
        const QList<QLabel *> labels = pane.imagePreview()->findChildren<QLabel *>();
        const bool captioned = std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *l) {
            return l->text().contains(QStringLiteral("4096 × 64"));
        });
        QVERIFY(captioned);
    }

    void csvAndTsvTables()
    {
        PreviewPane pane;
        pane.setRepository(m_repoPath);
        QVERIFY(show(pane, QStringLiteral("data/table.csv")));
        QCOMPARE(pane.currentKind(), PreviewKind::Table);
        QStandardItemModel *model = pane.tablePreview()->model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->columnCount(), 3);
        QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), QStringLiteral("name"));
        QCOMPARE(model->headerData(2, Qt::Horizontal).toString(), QStringLiteral("comment"));
        QCOMPARE(model->item(0, 2)->text(), QStringLiteral("with, comma"));
        QCOMPARE(model->item(1, 2)->text(), QStringLiteral("two\nlines"));
        QCOMPARE(model->item(2, 2)->text(), QStringLiteral("say \"hi\""));

        QVERIFY(show(pane, QStringLiteral("data/table.tsv")));
        QCOMPARE(pane.currentKind(), PreviewKind::Table);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->item(0, 1)->text(), QStringLiteral("2"));

        QVERIFY(show(pane, QStringLiteral("data/big.csv")));
        QCOMPARE(model->rowCount(), PreviewBuilder::kMaxTableRows);
        QCOMPARE(model->item(999, 1)->text(), QStringLiteral("row 999"));
        QVERIFY2(pane.noteText().contains(QStringLiteral("1,000")) || pane.noteText().contains(QStringLiteral("1000")), qPrintable(pane.noteText()));
    }

    void safetensorsTable()
    {
        PreviewPane pane;
        pane.setRepository(m_repoPath);
        QVERIFY(entry(QStringLiteral("model.safetensors")).chunked == false); // under the 4 KiB threshold
        QVERIFY(show(pane, QStringLiteral("model.safetensors")));
        QCOMPARE(pane.currentKind(), PreviewKind::Safetensors);
        QStandardItemModel *tensors = pane.safetensorsPreview()->tensorModel();
        QCOMPARE(tensors->rowCount(), 3);
        // File order: weight, bias, mask.
        QCOMPARE(tensors->item(0, SafetensorsPreview::NameColumn)->text(), QStringLiteral("layer.weight"));
        QCOMPARE(tensors->item(0, SafetensorsPreview::DtypeColumn)->text(), QStringLiteral("F32"));
        QCOMPARE(tensors->item(0, SafetensorsPreview::ShapeColumn)->text(), QStringLiteral("[2, 3]"));
        QCOMPARE(tensors->item(0, SafetensorsPreview::BytesColumn)->data(SafetensorsPreview::RawValueRole).toLongLong(), 24);
        QCOMPARE(tensors->item(0, SafetensorsPreview::ElementsColumn)->data(SafetensorsPreview::RawValueRole).toLongLong(), 6);
        QCOMPARE(tensors->item(1, SafetensorsPreview::NameColumn)->text(), QStringLiteral("layer.bias"));
        QCOMPARE(tensors->item(1, SafetensorsPreview::DtypeColumn)->text(), QStringLiteral("I64"));
        QCOMPARE(tensors->item(1, SafetensorsPreview::BytesColumn)->data(SafetensorsPreview::RawValueRole).toLongLong(), 24);
        QCOMPARE(tensors->item(2, SafetensorsPreview::NameColumn)->text(), QStringLiteral("mask"));
        QCOMPARE(tensors->item(2, SafetensorsPreview::OffsetColumn)->data(SafetensorsPreview::RawValueRole).toLongLong(), 48);
        const QString summary = pane.safetensorsPreview()->summaryLabel()->text();
        QVERIFY2(summary.contains(QStringLiteral("3 tensors</b> · 13 parameters")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("13 parameters")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("52 bytes of tensor data")), qPrintable(summary));
        QStandardItemModel *meta = pane.safetensorsPreview()->metadataModel();
        QCOMPARE(meta->rowCount(), 1);
        QCOMPARE(meta->item(0, 0)->text(), QStringLiteral("format"));
        QCOMPARE(meta->item(0, 1)->text(), QStringLiteral("pt"));
    }

    void chunkedSafetensors()
    {
        // The same header in a chunked file, read through two range reads.
        LocalRepository repo = LocalRepository::open(m_repoPath);
        QByteArray bytes = safetensorsBytes();
        bytes.append(QByteArray(20000, 'z')); // beyond the 4 KiB threshold; warns about the unused tail
        repo.uploadBytes(bytes, QStringLiteral("weights/chunked.safetensors"), titledCommit(QStringLiteral("Chunked safetensors")));
        QVERIFY(entry(QStringLiteral("weights/chunked.safetensors")).chunked);
        PreviewPane pane;
        pane.setRepository(m_repoPath);
        QVERIFY(show(pane, QStringLiteral("weights/chunked.safetensors")));
        QCOMPARE(pane.currentKind(), PreviewKind::Safetensors);
        QCOMPARE(pane.safetensorsPreview()->tensorModel()->rowCount(), 3);
    }

    void brokenSafetensorsFallsBackToHex()
    {
        PreviewPane pane;
        pane.setRepository(m_repoPath);
        QVERIFY(show(pane, QStringLiteral("broken.safetensors")));
        QCOMPARE(pane.currentKind(), PreviewKind::Binary);
        QVERIFY2(pane.noteText().contains(QStringLiteral("Not a valid .safetensors file")), qPrintable(pane.noteText()));
        QVERIFY(pane.hexPreview()->view()->toPlainText().startsWith(QStringLiteral("00000000  ff ff ff ff 00 00 00 00  7b 7d")));
    }

    void binaryAsHex()
    {
        PreviewPane pane;
        pane.setRepository(m_repoPath);
        const FileTreeEntry blob = entry(QStringLiteral("blob.bin"));
        QVERIFY(blob.chunked); // 10000 bytes > 4 KiB threshold
        QVERIFY(show(pane, QStringLiteral("blob.bin")));
        QCOMPARE(pane.currentKind(), PreviewKind::Binary);
        const QString hex = pane.hexPreview()->view()->toPlainText();
        QVERIFY(hex.startsWith(QStringLiteral("00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|")));
        QCOMPARE(hex.split('\n', Qt::SkipEmptyParts).size(), 4096 / 16); // the first 4 KiB only
        const QString facts = pane.hexPreview()->factsLabel()->text();
        QVERIFY(facts.contains(blob.sha256));
        QVERIFY(facts.contains(blob.oid));
        QVERIFY(facts.contains(QStringLiteral("10,000 bytes")) || facts.contains(QStringLiteral("10000 bytes")));
        QVERIFY(facts.contains(QStringLiteral("chunked")));
        QCOMPARE(blob.sha256, QString::fromLatin1(QCryptographicHash::hash(m_files.value(QStringLiteral("blob.bin")),
                                                                           QCryptographicHash::Sha256).toHex()));
    }

    void largeTextIsBounded()
    {
        PreviewPane pane;
        pane.setRepository(m_repoPath);
        QVERIFY(show(pane, QStringLiteral("big.txt")));
        QCOMPARE(pane.currentKind(), PreviewKind::Text);
        const QString text = pane.textPreview()->view()->toPlainText();
        QCOMPARE(text.size(), PreviewBuilder::kTextLimit);
        QCOMPARE(text.toUtf8(), m_files.value(QStringLiteral("big.txt")).left(PreviewBuilder::kTextLimit));
        QVERIFY2(pane.noteText().contains(QStringLiteral("Showing the first")), qPrintable(pane.noteText()));

        QVERIFY(show(pane, QStringLiteral("accents.txt")));
        QCOMPARE(pane.currentKind(), PreviewKind::Text);
        const QString accents = pane.textPreview()->view()->toPlainText();
        QVERIFY(accents.endsWith(QChar(0xe9)));
        QVERIFY(!accents.contains(QChar::ReplacementCharacter));
    }

    void emptyFile()
    {
        PreviewPane pane;
        pane.setRepository(m_repoPath);
        QVERIFY(show(pane, QStringLiteral("empty.txt")));
        QCOMPARE(pane.currentKind(), PreviewKind::Text);
        QVERIFY(pane.textPreview()->view()->toPlainText().isEmpty());
        QVERIFY(pane.noteText().contains(QStringLiteral("empty")));
    }

    void laterSelectionWins()
    {
        PreviewPane pane;
        pane.setRepository(m_repoPath);
        QSignalSpy shown(&pane, &PreviewPane::previewShown);
        pane.showFile({}, entry(QStringLiteral("big.txt")));
        pane.showFile({}, entry(QStringLiteral("config.json")));
        QVERIFY(shown.wait(kTimeoutMs));
        QTest::qWait(200);
        QCOMPARE(shown.count(), 1);
        QCOMPARE(shown.first().first().toString(), QStringLiteral("config.json"));
        QCOMPARE(pane.currentPath(), QStringLiteral("config.json"));
    }

    void missingFileReportsFailure()
    {
        PreviewPane pane;
        pane.setRepository(m_repoPath);
        QSignalSpy failed(&pane, &PreviewPane::previewFailed);
        FileTreeEntry ghost;
        ghost.path = QStringLiteral("no/such/file.txt");
        ghost.name = QStringLiteral("file.txt");
        ghost.size = 10;
        pane.showFile({}, ghost);
        QVERIFY(failed.wait(kTimeoutMs));
        QCOMPARE(pane.currentKind(), PreviewKind::None);
        QVERIFY(pane.messageText().startsWith(QStringLiteral("No preview")));
    }
};

QTEST_MAIN(TestPreviews)
#include "tst_previews.moc"
