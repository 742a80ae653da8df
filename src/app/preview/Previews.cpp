#include "preview/Previews.h"
#include "shell/Formatting.h"

#include "preview/CodeView.h"

#include <QDesktopServices>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QResizeEvent>
#include <QShowEvent>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace hubvault::app {

namespace {


QStandardItem *textItem(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    item->setData(text, SafetensorsPreview::RawValueRole);
    return item;
}

QStandardItem *numberItem(qint64 value, const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    item->setData(value, SafetensorsPreview::RawValueRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QTableView *makeTable(QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

} // namespace

// ---------------------------------------------------------------------------------------

TextPreview::TextPreview(QWidget *parent) : PreviewWidget(parent), m_view(new CodeView(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

void TextPreview::setPreview(const PreviewData &data)
{
    m_view->setPlainText(data.text);
}

// ---------------------------------------------------------------------------------------

MarkdownPreview::MarkdownPreview(QWidget *parent) : PreviewWidget(parent), m_browser(new QTextBrowser(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    // Links open outside; relative links and images would point into the repository,
    // which a preview never reads from.
    m_browser->setOpenLinks(false);
    connect(m_browser, &QTextBrowser::anchorClicked, this, [](const QUrl &url) {
        if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
            QDesktopServices::openUrl(url);
    });
}

void MarkdownPreview::setPreview(const PreviewData &data)
{
    m_browser->setMarkdown(data.text);
}

// ---------------------------------------------------------------------------------------

ImagePreview::ImagePreview(QWidget *parent)
    : PreviewWidget(parent), m_scroll(new QScrollArea(this)), m_label(new QLabel), m_caption(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setBackgroundRole(QPalette::Base);
    m_scroll->setWidget(m_label);
    m_scroll->setWidgetResizable(true);
    m_scroll->setAlignment(Qt::AlignCenter);
    m_caption->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_caption);
}

void ImagePreview::setPreview(const PreviewData &data)
{
    m_image = data.image;
    QString caption = tr("%1 × %2 pixels, %3").arg(data.imageSize.width()).arg(data.imageSize.height()).arg(data.imageFormat.toUpper());
    if (data.imageSize != data.image.size())
        caption += QStringLiteral(" · ") + tr("decoded at %1 × %2").arg(data.image.width()).arg(data.image.height());
    m_caption->setText(caption);
    rescale();
}

void ImagePreview::resizeEvent(QResizeEvent *event)
{
    PreviewWidget::resizeEvent(event);
    rescale();
}

void ImagePreview::showEvent(QShowEvent *event)
{
    PreviewWidget::showEvent(event);
    rescale(); // the size of a hidden page in the stack is meaningless
}

void ImagePreview::rescale()
{
    if (m_image.isNull()) {
        m_label->clear();
        return;
    }
    if (!isVisible())
        return; // done again when shown
    const QSize room = m_scroll->viewport()->size() - QSize(8, 8);
    const qreal dpr = devicePixelRatioF();
    QSize target = m_image.size();
    if (room.width() > 16 && room.height() > 16 && (target.width() > room.width() * dpr || target.height() > room.height() * dpr))
        target = target.scaled(room * dpr, Qt::KeepAspectRatio);
    QPixmap pixmap = QPixmap::fromImage(target == m_image.size()
                                            ? m_image
                                            : m_image.scaled(target, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    pixmap.setDevicePixelRatio(dpr);
    m_label->setPixmap(pixmap);
}

// ---------------------------------------------------------------------------------------

TablePreview::TablePreview(QWidget *parent)
    : PreviewWidget(parent), m_model(new QStandardItemModel(this)), m_table(makeTable(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    m_table->setModel(m_model);
}

void TablePreview::setPreview(const PreviewData &data)
{
    m_model->clear();
    m_model->setColumnCount(data.columnCount);
    if (data.rows.isEmpty())
        return;
    QStringList header = data.rows.first();
    while (header.size() < data.columnCount)
        header.append(QString());
    m_model->setHorizontalHeaderLabels(header);
    for (qsizetype r = 1; r < data.rows.size(); ++r) {
        QList<QStandardItem *> items;
        for (const QString &cell : data.rows.at(r))
            items.append(textItem(cell));
        m_model->appendRow(items);
    }
    m_table->resizeColumnsToContents();
}

// ---------------------------------------------------------------------------------------

SafetensorsPreview::SafetensorsPreview(QWidget *parent)
    : PreviewWidget(parent),
      m_summary(new QLabel(this)),
      m_tensors(new QStandardItemModel(this)),
      m_metadata(new QStandardItemModel(this)),
      m_metadataView(makeTable(this)),
      m_warnings(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warnings->setWordWrap(true);
    m_warnings->setVisible(false);
    m_tensors->setSortRole(RawValueRole);
    m_tensors->setHorizontalHeaderLabels(
        {tr("Tensor"), tr("Dtype"), tr("Shape"), tr("Elements"), tr("Bytes"), tr("Offset")});
    m_metadata->setHorizontalHeaderLabels({tr("Metadata key"), tr("Value")});

    m_tensorView = makeTable(this);
    auto *tensorView = m_tensorView;
    tensorView->verticalHeader()->setVisible(false);
    tensorView->setModel(m_tensors);
    tensorView->setSortingEnabled(true);
    tensorView->sortByColumn(OffsetColumn, Qt::AscendingOrder);
    m_metadataView->setModel(m_metadata);
    m_metadataView->verticalHeader()->setVisible(false);
    m_metadataView->horizontalHeader()->setStretchLastSection(true);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(tensorView);
    split->addWidget(m_metadataView);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_warnings);
    layout->addWidget(split, 1);
}

void SafetensorsPreview::setPreview(const PreviewData &data)
{
    const SafetensorsHeader &h = data.safetensors;
    const QLocale locale;
    m_tensors->removeRows(0, m_tensors->rowCount());
    for (const SafetensorsTensor &t : h.tensors()) {
        const qint64 elements = t.elementCount();
        m_tensors->appendRow({textItem(t.name), textItem(t.dtype), textItem(t.shapeText()),
                              numberItem(elements, elements < 0 ? tr("overflow") : locale.toString(elements)),
                              numberItem(t.byteSize(), formatBytes(t.byteSize())),
                              numberItem(t.begin, locale.toString(t.begin))});
    }
    m_metadata->removeRows(0, m_metadata->rowCount());
    for (auto it = h.metadata().cbegin(); it != h.metadata().cend(); ++it)
        m_metadata->appendRow({textItem(it.key()), textItem(it.value())});
    m_metadataView->setVisible(!h.metadata().isEmpty());
    m_tensorView->resizeColumnsToContents();

    QStringList dtypes;
    const QMap<QString, int> counts = h.dtypeCounts();
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        dtypes.append(tr("%1 × %2").arg(it.key()).arg(it.value()));
    const qint64 elements = h.totalElements();
    const int count = int(h.tensors().size());
    QString summary = (count == 1 ? tr("<b>1 tensor</b>") : tr("<b>%1 tensors</b>").arg(locale.toString(count)))
        + QStringLiteral(" · ")
        + tr("%1 parameters").arg(elements < 0 ? tr("too many") : locale.toString(elements)) + QStringLiteral(" · ")
        + tr("%1 of tensor data").arg(formatBytes(h.totalBytes())) + QStringLiteral(" · ")
        + tr("header %1").arg(formatBytes(h.headerLength()));
    if (!dtypes.isEmpty())
        summary += QStringLiteral(" · ") + dtypes.join(QLatin1String(", ")).toHtmlEscaped();
    m_summary->setText(summary);
    m_warnings->setText(h.warnings().join(QLatin1Char('\n')));
    m_warnings->setVisible(!h.warnings().isEmpty());
}

// ---------------------------------------------------------------------------------------

HexPreview::HexPreview(QWidget *parent) : PreviewWidget(parent), m_facts(new QLabel(this)), m_view(new CodeView(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setWordWrap(true);
    m_view->setLineNumbersVisible(false);
    layout->addWidget(m_facts);
    layout->addWidget(m_view, 1);
}

void HexPreview::setPreview(const PreviewData &data)
{
    const FileTreeEntry &f = data.file;
    auto row = [](const QString &label, const QString &value) {
        return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<table>");
    html += row(tr("Size"), tr("%1 (%2 bytes)").arg(formatBytes(f.size), QLocale().toString(f.size)));
    html += row(tr("Storage"), f.chunked ? tr("chunked (content-defined chunks in packs)") : tr("whole blob"));
    html += row(tr("SHA-256"), f.sha256);
    html += row(tr("Git blob id"), f.oid);
    if (!f.lastCommitId.isEmpty())
        html += row(tr("Last commit"), tr("%1 (%2)").arg(f.lastCommitTitle, f.lastCommitId.left(12)));
    html += QStringLiteral("</table>");
    m_facts->setText(html);
    m_view->setPlainText(data.text);
}

} // namespace hubvault::app
