#include "preview/PreviewPane.h"

#include "async/BackgroundCall.h"
#include "preview/Previews.h"

#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace hubvault::app {

namespace {
// A preview that arrives within this time replaces the old one without a "Loading" flash.
constexpr int kLoadingDelayMs = 150;
}

PreviewPane::PreviewPane(QWidget *parent)
    : QWidget(parent),
      m_title(new QLabel(this)),
      m_note(new QLabel(this)),
      m_stack(new QStackedWidget(this)),
      m_message(new QLabel(this)),
      m_text(new TextPreview(this)),
      m_markdown(new MarkdownPreview(this)),
      m_image(new ImagePreview(this)),
      m_table(new TablePreview(this)),
      m_safetensors(new SafetensorsPreview(this)),
      m_hex(new HexPreview(this))
{
    qRegisterMetaType<PreviewKind>();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setTextFormat(Qt::RichText);
    m_title->setContentsMargins(4, 2, 4, 2);
    m_note->setWordWrap(true);
    m_note->setContentsMargins(4, 0, 4, 2);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->setVisible(false);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    for (QWidget *w : std::initializer_list<QWidget *>{m_message, m_text, m_markdown, m_image, m_table,
                                                       m_safetensors, m_hex})
        m_stack->addWidget(w);
    layout->addWidget(m_title);
    layout->addWidget(m_note);
    layout->addWidget(m_stack, 1);
    showMessage(tr("Select a file to preview it."));
}

void PreviewPane::setRepository(const QString &repoPath)
{
    m_repoPath = repoPath;
    showMessage(tr("Select a file to preview it."));
}

QString PreviewPane::noteText() const
{
    return m_note->isVisibleTo(this) ? m_note->text() : QString();
}

QString PreviewPane::messageText() const
{
    return m_stack->currentWidget() == m_message ? m_message->text() : QString();
}

void PreviewPane::showMessage(const QString &message)
{
    ++m_serial;
    m_loading = false;
    m_kind = PreviewKind::None;
    m_path.clear();
    m_title->clear();
    m_title->setVisible(false);
    m_note->setVisible(false);
    m_message->setText(message);
    m_stack->setCurrentWidget(m_message);
}

void PreviewPane::showFile(const QString &revision, const FileTreeEntry &file)
{
    if (file.isFolder || m_repoPath.isEmpty()) {
        showMessage(tr("Select a file to preview it."));
        return;
    }
    const quint64 serial = ++m_serial;
    m_loading = true;
    m_path = file.path;
    m_kind = PreviewKind::None;
    m_title->setText(QStringLiteral("<b>%1</b>").arg(file.path.toHtmlEscaped()));
    m_title->setVisible(true);
    QTimer::singleShot(kLoadingDelayMs, this, [this, serial] {
        if (serial == m_serial && m_loading) {
            m_note->setVisible(false);
            m_message->setText(tr("Loading preview…"));
            m_stack->setCurrentWidget(m_message);
        }
    });
    background::run(
        this, [repoPath = m_repoPath, revision, file] { return PreviewBuilder::load(repoPath, revision, file); },
        [this, serial, path = file.path](const background::Outcome<PreviewData> &outcome) {
            if (serial != m_serial)
                return; // another file was selected meanwhile
            m_loading = false;
            if (outcome.ok()) {
                apply(*outcome.value);
                return;
            }
            m_message->setText(tr("No preview: %1").arg(outcome.failure.message));
            m_stack->setCurrentWidget(m_message);
            m_note->setVisible(false);
            Q_EMIT previewFailed(path, outcome.failure.message);
        });
}

PreviewWidget *PreviewPane::widgetFor(PreviewKind kind) const
{
    switch (kind) {
    case PreviewKind::Text:
    case PreviewKind::Json:
        return m_text;
    case PreviewKind::Markdown:
        return m_markdown;
    case PreviewKind::Image:
        return m_image;
    case PreviewKind::Table:
        return m_table;
    case PreviewKind::Safetensors:
        return m_safetensors;
    case PreviewKind::Binary:
        return m_hex;
    case PreviewKind::None:
        break;
    }
    return nullptr;
}

void PreviewPane::apply(const PreviewData &data)
{
    PreviewWidget *widget = widgetFor(data.kind);
    if (!widget) {
        showMessage(tr("Nothing to preview."));
        return;
    }
    const FileTreeEntry &f = data.file;
    QString title = QStringLiteral("<b>%1</b> · %2 · %3 · <span title='%4'>%5</span>")
                        .arg(f.path.toHtmlEscaped(),
                             QLocale().formattedDataSize(f.size, 1, QLocale::DataSizeIecFormat),
                             f.chunked ? tr("chunked") : tr("whole"), f.sha256, f.sha256.left(12));
    m_title->setText(title);
    m_title->setVisible(true);
    m_note->setText(data.note);
    m_note->setVisible(!data.note.isEmpty());
    widget->setPreview(data);
    m_stack->setCurrentWidget(widget);
    m_kind = data.kind;
    Q_EMIT previewShown(data.file.path, data.kind);
}

} // namespace hubvault::app
