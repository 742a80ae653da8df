#pragma once
// A read-only QPlainTextEdit with a line-number gutter, for text, code and JSON previews.
// Colours come from the palette, so it follows light and dark themes.

#include <QPlainTextEdit>

namespace hubvault::app {

class CodeView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit CodeView(QWidget *parent = nullptr);

    /** Width of the gutter for the current line count. */
    int lineNumberAreaWidth() const;
    /** Whether the gutter is shown (off for hex dumps, which carry their own offsets). */
    void setLineNumbersVisible(bool visible);
    bool lineNumbersVisible() const { return m_lineNumbers; }

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    friend class LineNumberArea;
    void paintLineNumbers(QPaintEvent *event);
    void updateMargins();
    void updateArea(const QRect &rect, int dy);

    QWidget *m_area;
    bool m_lineNumbers = true;
};

} // namespace hubvault::app
