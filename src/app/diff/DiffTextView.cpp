#include "diff/DiffTextView.h"

#include <QButtonGroup>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

namespace hubvault::app {

struct DiffTextView::Colours {
    QBrush removed, added, removedChange, addedChange, header, filler;
    QTextCharFormat text, gutter, note;
};

namespace {

QColor blend(const QColor &base, const QColor &tint, double amount)
{
    return QColor::fromRgbF(base.redF() + (tint.redF() - base.redF()) * amount,
                            base.greenF() + (tint.greenF() - base.greenF()) * amount,
                            base.blueF() + (tint.blueF() - base.blueF()) * amount);
}

/** Appends blocks to a document; the document's own first block is reused. */
class BlockWriter {
public:
    explicit BlockWriter(QTextDocument *document) : m_cursor(document)
    {
        // One edit block, no undo: the layout runs once at the end instead of per line.
        document->setUndoRedoEnabled(false);
        m_cursor.beginEditBlock();
    }
    /** Ends the edit block: the document is laid out now. */
    void finish() { m_cursor.endEditBlock(); }

    void startBlock(const QBrush &background, int lineKind = -1)
    {
        QTextBlockFormat format;
        format.setBackground(background);
        if (lineKind >= 0)
            format.setProperty(DiffTextView::LineKindProperty, lineKind);
        if (m_first)
            m_cursor.setBlockFormat(format);
        else
            m_cursor.insertBlock(format);
        m_first = false;
    }

    void text(const QString &text, const QTextCharFormat &format) { m_cursor.insertText(text, format); }

    /** `text` with its `changes` in `highlight`. */
    void changedText(const QString &text, const QList<TextRange> &changes, const QTextCharFormat &format,
                     const QBrush &highlight)
    {
        QTextCharFormat marked = format;
        marked.setBackground(highlight);
        marked.setProperty(DiffTextView::ChangedTextProperty, true);
        int at = 0;
        for (const TextRange &range : changes) {
            if (range.start > at)
                m_cursor.insertText(text.mid(at, range.start - at), format);
            m_cursor.insertText(text.mid(range.start, range.length), marked);
            at = range.start + range.length;
        }
        if (at < text.size())
            m_cursor.insertText(text.mid(at), format);
    }

private:
    QTextCursor m_cursor;
    bool m_first = true;
};

/** Shows `document`, dropping the one this view made before (the edit does not own it). */
void replaceDocument(QPlainTextEdit *edit, QTextDocument *document)
{
    // Asked before setDocument(): the edit deletes a document of its own right there.
    QTextDocument *old = edit->document();
    const bool ours = old->parent() == edit;
    edit->setDocument(document);
    if (ours)
        delete old;
}

QString number(int n) { return n > 0 ? QStringLiteral("%1").arg(n, 5) : QString(5, QLatin1Char(' ')); }

} // namespace

DiffTextView::DiffTextView(QWidget *parent) : QWidget(parent)
{
    m_summary = new QLabel(this);
    auto *sideBySide = new QToolButton(this);
    sideBySide->setText(tr("Side by side"));
    sideBySide->setObjectName(QStringLiteral("sideBySideButton"));
    auto *unified = new QToolButton(this);
    unified->setText(tr("Unified"));
    unified->setObjectName(QStringLiteral("unifiedButton"));
    auto *group = new QButtonGroup(this);
    for (QToolButton *b : {sideBySide, unified}) {
        b->setCheckable(true);
        b->setAutoRaise(true);
        group->addButton(b);
    }
    sideBySide->setChecked(true);
    m_sideBySideButton = sideBySide;
    m_unifiedButton = unified;
    connect(sideBySide, &QToolButton::clicked, this, [this] { setMode(Mode::SideBySide); });
    connect(unified, &QToolButton::clicked, this, [this] { setMode(Mode::Unified); });

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(sideBySide);
    bar->addWidget(unified);

    m_left = makeEdit(this);
    m_right = makeEdit(this);
    m_unified = makeEdit(this);
    m_left->setObjectName(QStringLiteral("leftText"));
    m_right->setObjectName(QStringLiteral("rightText"));
    m_unified->setObjectName(QStringLiteral("unifiedText"));
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_left);
    split->addWidget(m_right);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(split);
    m_stack->addWidget(m_unified);
    syncScrolling();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);
}

QPlainTextEdit *DiffTextView::makeEdit(QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return edit;
}

void DiffTextView::syncScrolling()
{
    // Rows of both sides line up, so equal scroll values show the same rows.
    for (auto orientation : {Qt::Vertical, Qt::Horizontal}) {
        auto bar = [orientation](QPlainTextEdit *e) {
            return orientation == Qt::Vertical ? e->verticalScrollBar() : e->horizontalScrollBar();
        };
        QScrollBar *a = bar(m_left), *b = bar(m_right);
        connect(a, &QScrollBar::valueChanged, b, &QScrollBar::setValue);
        connect(b, &QScrollBar::valueChanged, a, &QScrollBar::setValue);
    }
}

void DiffTextView::setDiff(const TextDiff &diff)
{
    m_diff = diff;
    int lines = 0;
    for (const TextDiff::Hunk &hunk : diff.hunks())
        lines += int(hunk.lines.size());
    if (diff.isIdentical()) {
        m_summary->setText(tr("The text is identical."));
    } else {
        QString text = tr("%n hunk(s): ", nullptr, int(diff.hunks().size()))
                       + tr("+%1 −%2 lines").arg(diff.addedLines()).arg(diff.removedLines());
        if (lines > kMaxRows)
            text += QLatin1Char(' ') + tr("(showing the first %L1 lines)").arg(kMaxRows);
        m_summary->setText(text);
    }
    rebuild();
}

void DiffTextView::setMode(Mode mode)
{
    m_mode = mode;
    m_stack->setCurrentIndex(mode == Mode::SideBySide ? 0 : 1);
    (mode == Mode::SideBySide ? m_sideBySideButton : m_unifiedButton)->setChecked(true);
}

void DiffTextView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rebuild();
}

DiffTextView::Colours DiffTextView::colours() const
{
    const QColor base = palette().color(QPalette::Base);
    const QColor red(220, 40, 40), green(40, 170, 70), blue(60, 110, 200);
    Colours c;
    c.removed = blend(base, red, 0.14);
    c.added = blend(base, green, 0.14);
    c.removedChange = blend(base, red, 0.38);
    c.addedChange = blend(base, green, 0.38);
    c.header = blend(base, blue, 0.14);
    c.filler = QBrush(blend(base, palette().color(QPalette::Text), 0.06), Qt::BDiagPattern);
    c.text.setForeground(palette().color(QPalette::Text));
    c.gutter.setForeground(palette().color(QPalette::PlaceholderText));
    c.note = c.gutter;
    c.note.setFontItalic(true);
    return c;
}

void DiffTextView::rebuild()
{
    const Colours c = colours();
    buildUnified(c);
    buildSideBySide(c);
}

void DiffTextView::buildUnified(const Colours &c)
{
    auto *document = new QTextDocument(m_unified);
    document->setDocumentLayout(new QPlainTextDocumentLayout(document));
    document->setDefaultFont(m_unified->font());
    BlockWriter out(document);
    int rows = 0;
    for (const TextDiff::Hunk &hunk : m_diff.hunks()) {
        if (rows >= kMaxRows)
            break;
        out.startBlock(c.header);
        out.text(hunk.header(), c.gutter);
        for (const TextDiff::Line &line : hunk.lines) {
            if (++rows > kMaxRows)
                break;
            const bool added = line.kind == TextDiff::LineKind::Added;
            const bool removed = line.kind == TextDiff::LineKind::Removed;
            out.startBlock(added ? c.added : removed ? c.removed : QBrush(), int(line.kind));
            out.text(number(line.oldNumber) + QLatin1Char(' ') + number(line.newNumber) + QLatin1Char(' '), c.gutter);
            out.text(added ? QStringLiteral("+ ") : removed ? QStringLiteral("− ") : QStringLiteral("  "), c.gutter);
            out.changedText(line.text, line.changes, c.text, added ? c.addedChange : c.removedChange);
            if (line.missingNewline) {
                out.startBlock(QBrush());
                out.text(tr("\\ No newline at end of file"), c.note);
            }
        }
    }
    out.finish();
    replaceDocument(m_unified, document);
}

void DiffTextView::buildSideBySide(const Colours &c)
{
    QTextDocument *documents[2];
    for (QPlainTextEdit *edit : {m_left, m_right}) {
        auto *document = new QTextDocument(edit);
        document->setDocumentLayout(new QPlainTextDocumentLayout(document));
        document->setDefaultFont(edit->font());
        documents[edit == m_right] = document;
    }
    BlockWriter left(documents[0]), right(documents[1]);
    int rows = 0;
    auto side = [&c](BlockWriter &out, const TextDiff::Line *line, int number_) {
        if (!line) {
            out.startBlock(c.filler);
            return;
        }
        const bool added = line->kind == TextDiff::LineKind::Added;
        const bool removed = line->kind == TextDiff::LineKind::Removed;
        out.startBlock(added ? c.added : removed ? c.removed : QBrush(), int(line->kind));
        out.text(number(number_) + QStringLiteral("  "), c.gutter);
        out.changedText(line->text, line->changes, c.text, added ? c.addedChange : c.removedChange);
        if (line->missingNewline)
            out.text(QStringLiteral("  ") + tr("(no newline at end of file)"), c.note);
    };
    for (const TextDiff::Hunk &hunk : m_diff.hunks()) {
        if (rows >= kMaxRows)
            break;
        for (BlockWriter *out : {&left, &right}) {
            out->startBlock(c.header);
            out->text(hunk.header(), c.gutter);
        }
        for (const TextDiff::Row &row : TextDiff::sideBySide(hunk)) {
            if (++rows > kMaxRows)
                break;
            const TextDiff::Line *l = row.left >= 0 ? &hunk.lines[row.left] : nullptr;
            const TextDiff::Line *r = row.right >= 0 ? &hunk.lines[row.right] : nullptr;
            side(left, l, l ? l->oldNumber : 0);
            side(right, r, r ? r->newNumber : 0);
        }
    }
    left.finish();
    right.finish();
    replaceDocument(m_left, documents[0]);
    replaceDocument(m_right, documents[1]);
}

} // namespace hubvault::app
