// Fuzz target: the app's preview builder without a display (PreviewBuilder::build is pure
// over a file's first bytes): .safetensors headers (preview and tensor diff), images,
// CSV/TSV tables, JSON, Markdown, text and hex. The first byte picks the kind and whether
// the file is longer than the bytes given.
#include "FuzzSupport.h"
#include "diff/SafetensorsDiff.h"
#include "preview/PreviewBuilder.h"
#include "preview/SafetensorsHeader.h"

#include <QCryptographicHash>
#include <QGuiApplication>

using namespace hubvault::app;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // QImage decoding needs no display, but the image plugins are found through the
    // application object; a QGuiApplication on the offscreen platform is what the app has.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "fuzz_preview";
    static char *argv[] = {name, nullptr};
    static QGuiApplication app(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hubvault::fuzz::Input in(data, size);
    const uint8_t selector = in.take<uint8_t>();
    const QByteArray head = in.rest();
    static const PreviewKind kinds[] = {PreviewKind::Safetensors, PreviewKind::Image, PreviewKind::Table,
                                        PreviewKind::Json, PreviewKind::Markdown, PreviewKind::Text,
                                        PreviewKind::Binary, PreviewKind::Table};
    static const char *const names[] = {"model.safetensors", "picture.png", "table.csv", "data.json",
                                        "README.md", "notes.txt", "blob.bin", "table.tsv"};
    const int pick = selector % 8;
    FileTreeEntry file;
    file.path = QString::fromLatin1(names[pick]);
    file.name = file.path;
    file.size = head.size() + ((selector & 8) ? qint64(1) << (selector >> 4) * 3 : 0);
    (void)PreviewBuilder::kindForName(file.path);
    const PreviewData preview = PreviewBuilder::build(file, head, kinds[pick]);
    (void)preview.text.size();

    if (pick == 0) {
        // The tensor diff of two headers cut from the same input, hashing ranges by name.
        const qsizetype half = head.size() / 2;
        const SafetensorsHeader a = SafetensorsHeader::parse(QByteArrayView(head).first(half), file.size);
        const SafetensorsHeader b = SafetensorsHeader::parse(QByteArrayView(head).sliced(half), -1);
        (void)SafetensorsDiff::compare(a, b, [](SafetensorsDiff::Side side, qint64 offset, qint64 length) {
            return QCryptographicHash::hash(QByteArray::number(int(side)) + QByteArray::number(offset) + ':' +
                                                QByteArray::number(length), QCryptographicHash::Sha256);
        });
        (void)SafetensorsHeader::parseJson(head, file.size);
    } else if (pick == 2 || pick == 7) {
        (void)PreviewBuilder::parseDelimited(PreviewBuilder::decodeText(head, true), pick == 2 ? QLatin1Char(',') : QLatin1Char('\t'),
                                             PreviewBuilder::kMaxTableRows);
    } else if (pick == 3) {
        (void)PreviewBuilder::prettyJson(QString::fromUtf8(head));
    }
    return 0;
}
