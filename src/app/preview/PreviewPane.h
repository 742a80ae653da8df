#pragma once
// The preview of the selected file: a header with the file's facts, a note (limits,
// fallbacks, warnings) and one preview widget per kind in a stack. Previews are built on
// a worker by PreviewBuilder; selecting another file before one arrives drops it.

#include "preview/PreviewBuilder.h"

#include <QWidget>

class QLabel;
class QStackedWidget;

namespace hubvault::app {

class HexPreview;
class ImagePreview;
class MarkdownPreview;
class PreviewWidget;
class SafetensorsPreview;
class TablePreview;
class TextPreview;

class PreviewPane : public QWidget {
    Q_OBJECT
public:
    explicit PreviewPane(QWidget *parent = nullptr);

    void setRepository(const QString &repoPath);
    /** Starts building the preview of `file` (a file entry, not a folder) at `revision`. */
    void showFile(const QString &revision, const FileTreeEntry &file);
    /** Shows `message` (e.g. "Select a file") instead of a preview. */
    void showMessage(const QString &message);

    /** Kind on display; None while loading or showing a message. */
    PreviewKind currentKind() const { return m_kind; }
    /** The path of the file shown or being loaded. */
    QString currentPath() const { return m_path; }
    bool isLoading() const { return m_loading; }
    QString noteText() const;
    QString messageText() const;

    TextPreview *textPreview() const { return m_text; }
    MarkdownPreview *markdownPreview() const { return m_markdown; }
    ImagePreview *imagePreview() const { return m_image; }
    TablePreview *tablePreview() const { return m_table; }
    SafetensorsPreview *safetensorsPreview() const { return m_safetensors; }
    HexPreview *hexPreview() const { return m_hex; }

Q_SIGNALS:
    /** The preview of `path` is on display. */
    void previewShown(const QString &path, hubvault::app::PreviewKind kind);
    void previewFailed(const QString &path, const QString &message);

private:
    void apply(const PreviewData &data);
    PreviewWidget *widgetFor(PreviewKind kind) const;

    QLabel *m_title;
    QLabel *m_note;
    QStackedWidget *m_stack;
    QLabel *m_message;
    TextPreview *m_text;
    MarkdownPreview *m_markdown;
    ImagePreview *m_image;
    TablePreview *m_table;
    SafetensorsPreview *m_safetensors;
    HexPreview *m_hex;
    QString m_repoPath;
    QString m_path;
    PreviewKind m_kind = PreviewKind::None;
    quint64 m_serial = 0;
    bool m_loading = false;
};

} // namespace hubvault::app

Q_DECLARE_METATYPE(hubvault::app::PreviewKind)
