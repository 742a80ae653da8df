#pragma once
// One small widget per preview kind. Each only displays a PreviewData built on a worker
// by PreviewBuilder; none of them reads the repository.

#include "preview/PreviewBuilder.h"

#include <QWidget>

class QLabel;
class QScrollArea;
class QStandardItemModel;
class QTableView;
class QTextBrowser;

namespace hubvault::app {

class CodeView;

/** Common base: shows one PreviewData. */
class PreviewWidget : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;
    virtual void setPreview(const PreviewData &data) = 0;
};

/** Text, code and pretty-printed JSON with line numbers. */
class TextPreview : public PreviewWidget {
    Q_OBJECT
public:
    explicit TextPreview(QWidget *parent = nullptr);
    void setPreview(const PreviewData &data) override;
    CodeView *view() const { return m_view; }

private:
    CodeView *m_view;
};

/** Markdown rendered (READMEs and .md files). */
class MarkdownPreview : public PreviewWidget {
    Q_OBJECT
public:
    explicit MarkdownPreview(QWidget *parent = nullptr);
    void setPreview(const PreviewData &data) override;
    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};

/** An image, scaled down to fit the pane (never up beyond 100 %). */
class ImagePreview : public PreviewWidget {
    Q_OBJECT
public:
    explicit ImagePreview(QWidget *parent = nullptr);
    void setPreview(const PreviewData &data) override;
    QImage image() const { return m_image; }
    QLabel *imageLabel() const { return m_label; }

protected:
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void rescale();

    QImage m_image;
    QScrollArea *m_scroll;
    QLabel *m_label;
    QLabel *m_caption;
};

/** CSV / TSV: the first rows as a table, the first row as the header. */
class TablePreview : public PreviewWidget {
    Q_OBJECT
public:
    explicit TablePreview(QWidget *parent = nullptr);
    void setPreview(const PreviewData &data) override;
    QStandardItemModel *model() const { return m_model; }

private:
    QStandardItemModel *m_model;
    QTableView *m_table;
};

/** The tensors of a .safetensors header with totals, the metadata and any warnings. */
class SafetensorsPreview : public PreviewWidget {
    Q_OBJECT
public:
    enum Column { NameColumn, DtypeColumn, ShapeColumn, ElementsColumn, BytesColumn, OffsetColumn, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole + 1; ///< numbers of the numeric columns

    explicit SafetensorsPreview(QWidget *parent = nullptr);
    void setPreview(const PreviewData &data) override;
    QStandardItemModel *tensorModel() const { return m_tensors; }
    QStandardItemModel *metadataModel() const { return m_metadata; }
    QLabel *summaryLabel() const { return m_summary; }

private:
    QLabel *m_summary;
    QStandardItemModel *m_tensors;
    QStandardItemModel *m_metadata;
    QTableView *m_tensorView = nullptr;
    QTableView *m_metadataView;
    QLabel *m_warnings;
};

/** Anything else: size, hashes, storage, and a hex view of the first bytes. */
class HexPreview : public PreviewWidget {
    Q_OBJECT
public:
    explicit HexPreview(QWidget *parent = nullptr);
    void setPreview(const PreviewData &data) override;
    CodeView *view() const { return m_view; }
    QLabel *factsLabel() const { return m_facts; }

private:
    QLabel *m_facts;
    CodeView *m_view;
};

} // namespace hubvault::app
