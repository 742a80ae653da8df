#include "preview/PreviewBuilder.h"
#include "shell/Formatting.h"

#include <hubvault/Repository.h>

#include <QBuffer>
#include <QImageReader>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>
#include <QSet>
#include <QStringDecoder>
#include <algorithm>
#include "shell/OpenRepositories.h"

namespace hubvault::app {

namespace {

QString suffixOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    const QString name = path.mid(slash + 1);
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    return dot <= 0 ? QString() : name.mid(dot + 1).toLower();
}

QString nameOf(const QString &path)
{
    return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

const QSet<QString> &imageSuffixes()
{
    static const QSet<QString> suffixes = [] {
        QSet<QString> out;
        for (const QByteArray &format : QImageReader::supportedImageFormats())
            out.insert(QString::fromLatin1(format).toLower());
        // Formats only worth showing as images when a plugin can decode them.
        out.remove(QStringLiteral("pbm"));
        out.remove(QStringLiteral("pgm"));
        out.remove(QStringLiteral("ppm"));
        out.remove(QStringLiteral("xbm"));
        out.remove(QStringLiteral("xpm"));
        out.remove(QStringLiteral("cur"));
        out.remove(QStringLiteral("svgz"));
        return out;
    }();
    return suffixes;
}

/** Length of the longest prefix of `bytes` that does not end inside a UTF-8 sequence. */
qsizetype completeUtf8Length(QByteArrayView bytes)
{
    const qsizetype n = bytes.size();
    // Walk back over at most three continuation bytes to the lead byte of the last character.
    for (qsizetype back = 1; back <= 4 && back <= n; ++back) {
        const uchar c = uchar(bytes.at(n - back));
        if ((c & 0xC0) == 0x80)
            continue; // continuation byte
        const int needed = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        return needed > back ? n - back : n;
    }
    return n;
}


} // namespace

bool PreviewBuilder::isMarkdownName(const QString &name)
{
    const QString suffix = suffixOf(name);
    if (suffix == QLatin1String("md") || suffix == QLatin1String("markdown") || suffix == QLatin1String("mdown"))
        return true;
    return nameOf(name).compare(QLatin1String("README"), Qt::CaseInsensitive) == 0;
}

PreviewKind PreviewBuilder::kindForName(const QString &path)
{
    const QString suffix = suffixOf(path);
    if (suffix == QLatin1String("safetensors"))
        return PreviewKind::Safetensors;
    if (suffix == QLatin1String("json"))
        return PreviewKind::Json;
    if (isMarkdownName(path))
        return PreviewKind::Markdown;
    if (suffix == QLatin1String("csv") || suffix == QLatin1String("tsv") || suffix == QLatin1String("tab"))
        return PreviewKind::Table;
    if (!suffix.isEmpty() && imageSuffixes().contains(suffix))
        return PreviewKind::Image;
    return PreviewKind::Text;
}

PreviewData PreviewBuilder::load(const QString &repoPath, const QString &revision, const FileTreeEntry &file)
{
    const std::shared_ptr<Repository> sharedRepo = repositories::shared(repoPath);
    const Repository &repo = *sharedRepo;
    const PreviewKind kind = kindForName(file.path);
    if (kind == PreviewKind::Safetensors)
        return loadSafetensors(repo, revision, file);
    if (kind == PreviewKind::Image)
        return loadImage(repo, revision, file);
    const qint64 want = std::min(file.size, kTextLimit);
    const QByteArray head = want > 0 ? repo.readRange(file.path, 0, want, revision) : QByteArray();
    return build(file, head, kind);
}

PreviewData PreviewBuilder::loadSafetensors(const Repository &repo, const QString &revision, const FileTreeEntry &file)
{
    const qint64 hexBytes = std::min(file.size, kHexLimit);
    auto hexHead = [&] { return hexBytes > 0 ? repo.readRange(file.path, 0, hexBytes, revision) : QByteArray(); };
    if (file.size < 8)
        return build(file, hexHead(), PreviewKind::Safetensors); // reports the short file
    QByteArray head = repo.readRange(file.path, 0, 8, revision);
    const quint64 length = SafetensorsHeader::headerLength(head).value_or(0);
    if (length > quint64(kHeaderLimit) && length <= quint64(SafetensorsHeader::kMaxHeaderLength)
        && qint64(length) + 8 <= file.size) {
        return binary(file, hexHead(),
                      tr("The .safetensors header takes %1, more than the %2 a preview reads.")
                          .arg(formatBytes(qint64(length)), formatBytes(kHeaderLimit)));
    }
    if (length <= quint64(kHeaderLimit) && qint64(length) + 8 <= file.size)
        head += repo.readRange(file.path, 8, qint64(length), revision);
    PreviewData data = build(file, head, PreviewKind::Safetensors);
    if (data.kind == PreviewKind::Binary && data.bytesRead < hexBytes) {
        const QString note = data.note;
        data = binary(file, hexHead(), note);
    }
    return data;
}

PreviewData PreviewBuilder::loadImage(const Repository &repo, const QString &revision, const FileTreeEntry &file)
{
    if (file.size > kImageLimit) {
        const QByteArray head = repo.readRange(file.path, 0, kHexLimit, revision);
        return binary(file, head, tr("The image takes %1, more than the %2 a preview decodes.")
                                      .arg(formatBytes(file.size), formatBytes(kImageLimit)));
    }
    return build(file, file.size > 0 ? repo.readBytes(file.path, revision) : QByteArray(), PreviewKind::Image);
}

PreviewData PreviewBuilder::binary(const FileTreeEntry &file, const QByteArray &head, const QString &note)
{
    PreviewData d;
    d.kind = PreviewKind::Binary;
    d.file = file;
    const QByteArray shown = head.left(kHexLimit);
    d.text = hexDump(shown);
    d.bytesRead = shown.size();
    d.truncated = file.size > shown.size();
    d.note = note;
    if (d.truncated && shown.size() > 0) {
        const QString cut = tr("Showing the first %1 of %2.").arg(formatBytes(shown.size()), formatBytes(file.size));
        d.note = d.note.isEmpty() ? cut : d.note + QLatin1Char(' ') + cut;
    }
    return d;
}

PreviewData PreviewBuilder::build(const FileTreeEntry &file, const QByteArray &head, PreviewKind wanted)
{
    PreviewData d;
    d.file = file;
    d.bytesRead = head.size();
    const bool cut = head.size() < file.size;
    d.truncated = cut;
    const QString cutNote = cut ? tr("Showing the first %1 of %2.").arg(formatBytes(head.size()), formatBytes(file.size))
                                : QString();

    switch (wanted) {
    case PreviewKind::None:
        return d;
    case PreviewKind::Safetensors: {
        const SafetensorsHeader header = SafetensorsHeader::parse(head, file.size);
        if (!header.isValid())
            return binary(file, head, tr("Not a valid .safetensors file: %1").arg(header.error()));
        d.kind = PreviewKind::Safetensors;
        d.safetensors = header;
        d.truncated = false; // the whole header is shown; tensor data is not meant to be
        return d;
    }
    case PreviewKind::Image: {
        if (cut)
            return binary(file, head, tr("Only part of the image was read; it is not decoded."));
        QBuffer buffer;
        buffer.setData(head);
        QImageReader reader(&buffer);
        reader.setAutoTransform(true);
        const QSize original = reader.size();
        if (original.isValid()
            && (original.width() > kMaxImageDimension || original.height() > kMaxImageDimension))
            reader.setScaledSize(original.scaled(kMaxImageDimension, kMaxImageDimension, Qt::KeepAspectRatio));
        const QString format = QString::fromLatin1(reader.format());
        const QImage image = reader.read();
        if (image.isNull())
            return binary(file, head, tr("The image could not be decoded: %1").arg(reader.errorString()));
        d.kind = PreviewKind::Image;
        d.image = image;
        d.imageSize = original.isValid() ? original : image.size();
        d.imageFormat = format;
        return d;
    }
    default:
        break;
    }

    if (file.size == 0) {
        d.kind = wanted == PreviewKind::Markdown ? PreviewKind::Markdown : PreviewKind::Text;
        d.note = tr("The file is empty.");
        return d;
    }
    if (!looksLikeText(head, cut))
        return binary(file, head, wanted == PreviewKind::Text ? QString() : tr("The file does not contain UTF-8 text."));
    const QString text = decodeText(head, cut);

    switch (wanted) {
    case PreviewKind::Json: {
        if (cut) {
            d.kind = PreviewKind::Text;
            d.text = text;
            d.note = cutNote + QLatin1Char(' ') + tr("Only whole JSON files are pretty-printed.");
            return d;
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(head, &error);
        d.text = text;
        if (error.error != QJsonParseError::NoError || doc.isNull()) {
            d.kind = PreviewKind::Text;
            d.note = tr("Not valid JSON (%1 at offset %2); shown as text.").arg(error.errorString()).arg(error.offset);
            return d;
        }
        d.kind = PreviewKind::Json;
        d.text = prettyJson(text);
        return d;
    }
    case PreviewKind::Markdown:
        d.kind = PreviewKind::Markdown;
        d.text = text;
        d.note = cutNote;
        return d;
    case PreviewKind::Table: {
        const bool tabs = suffixOf(file.path) != QLatin1String("csv");
        bool more = false;
        QList<QStringList> rows = parseDelimited(text, tabs ? QLatin1Char('\t') : QLatin1Char(','), kMaxTableRows + 1, &more);
        if (cut && !more && rows.size() > 1)
            rows.removeLast(); // the last row may be cut in the middle
        int columns = 0;
        for (QStringList &row : rows) {
            if (row.size() > kMaxTableColumns)
                row = row.mid(0, kMaxTableColumns);
            columns = std::max(columns, int(row.size()));
        }
        if (rows.isEmpty()) {
            d.kind = PreviewKind::Text;
            d.text = text;
            return d;
        }
        d.kind = PreviewKind::Table;
        d.rows = rows;
        d.columnCount = columns;
        d.truncated = cut || more;
        if (more || cut)
            d.note = rows.size() == 2 ? tr("Showing the first row.")
                                      : tr("Showing the first %1 rows.").arg(QLocale().toString(int(rows.size()) - 1));
        return d;
    }
    default:
        d.kind = PreviewKind::Text;
        d.text = text;
        d.note = cutNote;
        return d;
    }
}

QString PreviewBuilder::prettyJson(QStringView json)
{
    QString out;
    out.reserve(json.size() * 2);
    int depth = 0;
    auto newline = [&] {
        out += QLatin1Char('\n');
        out += QString(depth * 4, QLatin1Char(' '));
    };
    const qsizetype n = json.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = json.at(i);
        if (c == QLatin1Char('"')) {
            // Copy the string verbatim, escapes included.
            const qsizetype start = i++;
            while (i < n && json.at(i) != QLatin1Char('"'))
                i += json.at(i) == QLatin1Char('\\') ? 2 : 1;
            out += json.mid(start, std::min(i, n - 1) - start + 1);
            continue;
        }
        if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
            qsizetype next = i + 1;
            while (next < n && json.at(next).isSpace())
                ++next;
            const QChar close = c == QLatin1Char('{') ? QLatin1Char('}') : QLatin1Char(']');
            if (next < n && json.at(next) == close) { // empty container stays on one line
                out += c;
                out += close;
                i = next;
                continue;
            }
            out += c;
            ++depth;
            newline();
        } else if (c == QLatin1Char('}') || c == QLatin1Char(']')) {
            --depth;
            newline();
            out += c;
        } else if (c == QLatin1Char(',')) {
            out += c;
            newline();
        } else if (c == QLatin1Char(':')) {
            out += QLatin1String(": ");
        } else if (!c.isSpace()) {
            out += c;
        }
    }
    out += QLatin1Char('\n');
    return out;
}

QString PreviewBuilder::hexDump(QByteArrayView bytes, qint64 baseOffset)
{
    static const char digits[] = "0123456789abcdef";
    QString out;
    out.reserve((bytes.size() / 16 + 1) * 80);
    for (qsizetype line = 0; line < bytes.size(); line += 16) {
        out += QStringLiteral("%1  ").arg(baseOffset + line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (line + i < bytes.size()) {
                const uchar c = uchar(bytes.at(line + i));
                out += QLatin1Char(digits[c >> 4]);
                out += QLatin1Char(digits[c & 15]);
                out += QLatin1Char(' ');
                ascii += (c >= 0x20 && c < 0x7f) ? QLatin1Char(char(c)) : QLatin1Char('.');
            } else {
                out += QLatin1String("   ");
            }
            if (i == 7)
                out += QLatin1Char(' ');
        }
        out += QLatin1String(" |") + ascii + QLatin1String("|\n");
    }
    return out;
}

bool PreviewBuilder::looksLikeText(QByteArrayView bytes, bool mayBeCut)
{
    if (bytes.contains('\0'))
        return false;
    const QByteArrayView whole = mayBeCut ? bytes.first(completeUtf8Length(bytes)) : bytes;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(whole);
    if (decoder.hasError())
        return false;
    // Control characters other than tab, line breaks and form feed mark a binary format.
    qsizetype controls = 0;
    for (QChar c : text) {
        if (c.unicode() < 0x20 && c != QLatin1Char('\t') && c != QLatin1Char('\n') && c != QLatin1Char('\r')
            && c != QLatin1Char('\f'))
            ++controls;
    }
    return controls * 100 <= text.size();
}

QString PreviewBuilder::decodeText(QByteArrayView bytes, bool mayBeCut)
{
    const QByteArrayView whole = mayBeCut ? bytes.first(completeUtf8Length(bytes)) : bytes;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    return decoder(whole);
}

QList<QStringList> PreviewBuilder::parseDelimited(QStringView text, QChar delimiter, int maxRows, bool *more)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool inQuotes = false;
    bool atFieldStart = true;
    bool pending = false; // the current row has content
    if (more)
        *more = false;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < n && text.at(i + 1) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && atFieldStart) {
            inQuotes = true;
            atFieldStart = false;
            pending = true;
        } else if (c == delimiter) {
            row.append(field);
            field.clear();
            atFieldStart = true;
            pending = true;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            row.append(field);
            rows.append(row);
            row.clear();
            field.clear();
            atFieldStart = true;
            pending = false;
            if (rows.size() >= maxRows) {
                if (more)
                    *more = i + 1 < n;
                return rows;
            }
        } else {
            field += c;
            atFieldStart = false;
            pending = true;
        }
    }
    if (pending) {
        row.append(field);
        rows.append(row);
    }
    return rows;
}

} // namespace hubvault::app
