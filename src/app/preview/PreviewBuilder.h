#pragma once
// Builds file previews off the GUI thread. load() reads a bounded part of a file through
// the core (never more than the limits below) and turns it into a PreviewData of plain
// values: decoded text, pretty-printed JSON, a decoded and downscaled image, parsed table
// rows, a parsed .safetensors header or a hex dump. The preview widgets only display it.

#include "files/FileTreeModel.h"
#include "preview/SafetensorsHeader.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QImage>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace hubvault {
class Repository;
}

namespace hubvault::app {

enum class PreviewKind {
    None,        ///< nothing to show (no file selected)
    Text,        ///< text and code, with line numbers
    Json,        ///< JSON, pretty-printed, with line numbers
    Markdown,    ///< Markdown rendered
    Image,       ///< a decoded image
    Table,       ///< CSV / TSV rows
    Safetensors, ///< the tensors of a .safetensors header
    Binary,      ///< facts and a hex dump of the first bytes
};

struct PreviewData {
    PreviewKind kind = PreviewKind::None;
    FileTreeEntry file;
    QString text;        ///< Text, Json (pretty-printed), Markdown (source), Binary (hex dump)
    QImage image;        ///< Image: decoded, at most kMaxImageDimension on either side
    QSize imageSize;     ///< Image: the original size in pixels
    QString imageFormat; ///< Image: "png", "jpeg", ...
    QList<QStringList> rows; ///< Table: the first rows (the first one is the header)
    int columnCount = 0;     ///< Table: widest row
    SafetensorsHeader safetensors; ///< Safetensors
    qint64 bytesRead = 0;    ///< bytes of the file the preview is built from
    bool truncated = false;  ///< only part of the file is shown
    QString note;            ///< why the preview differs from what the name suggests, limits hit
};

class PreviewBuilder {
    Q_DECLARE_TR_FUNCTIONS(PreviewBuilder)
public:
    static constexpr qint64 kTextLimit = 1 << 20;        ///< text, JSON, Markdown, CSV: first 1 MiB
    static constexpr qint64 kHexLimit = 4096;            ///< hex view: first 4 KiB
    static constexpr qint64 kImageLimit = 32 << 20;      ///< images larger than this are not decoded
    static constexpr qint64 kHeaderLimit = 16 << 20;     ///< .safetensors headers larger than this are not read
    static constexpr int kMaxImageDimension = 2048;      ///< decoded images are scaled down to this
    static constexpr int kMaxTableRows = 1000;           ///< CSV / TSV rows shown (after the header)
    static constexpr int kMaxTableColumns = 512;

    /** The preview a file's name asks for; Text also stands for "look at the bytes". */
    static PreviewKind kindForName(const QString &path);
    /** Blocking: reads what the preview of `file` at `revision` needs and builds it. Throws core errors. */
    static PreviewData load(const QString &repoPath, const QString &revision, const FileTreeEntry &file);
    /**
     * Pure: builds the preview of kind `wanted` from the first bytes of a file (`head`; the
     * file is longer when head.size() < file.size). Falls back to text or a hex view when
     * the bytes do not fit the wanted kind, and says so in `note`.
     */
    static PreviewData build(const FileTreeEntry &file, const QByteArray &head, PreviewKind wanted);

    /**
     * Re-indents valid JSON text by four spaces, keeping the order of keys and the exact
     * spelling of numbers and strings (QJsonDocument would sort keys and round numbers).
     */
    static QString prettyJson(QStringView json);
    /** "00000000  89 50 4e 47 ...  |.PNG....|" lines, 16 bytes per line. */
    static QString hexDump(QByteArrayView bytes, qint64 baseOffset = 0);
    /** True for bytes that read as text: no NUL, valid UTF-8 (a cut last character is fine). */
    static bool looksLikeText(QByteArrayView bytes, bool mayBeCut);
    /** UTF-8 text of `bytes`, dropping a character cut at the end when `mayBeCut`. */
    static QString decodeText(QByteArrayView bytes, bool mayBeCut);
    /**
     * RFC 4180 rows of delimited text (quotes, doubled quotes, line breaks in quotes).
     * Stops after `maxRows` rows and sets `*more` when there was more text.
     */
    static QList<QStringList> parseDelimited(QStringView text, QChar delimiter, int maxRows, bool *more = nullptr);
    /** Whether `name` is a README that the Markdown renderer should show. */
    static bool isMarkdownName(const QString &name);

private:
    static PreviewData loadSafetensors(const Repository &repo, const QString &revision,
                                       const FileTreeEntry &file);
    static PreviewData loadImage(const Repository &repo, const QString &revision, const FileTreeEntry &file);
    static PreviewData binary(const FileTreeEntry &file, const QByteArray &head, const QString &note);
};

} // namespace hubvault::app

Q_DECLARE_METATYPE(hubvault::app::PreviewData)
