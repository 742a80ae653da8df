#pragma once
// Shows a TextDiff side by side (old left, new right, rows aligned, scrolling together) or
// unified (one column, old and new line numbers). Removed and added lines get a red or
// green background and their changed parts a stronger one (the intra-line diff). Colours
// are blended from the palette, so light and dark themes both read well.

#include "diff/TextDiff.h"

#include <QTextFormat>
#include <QWidget>

class QAbstractButton;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;

namespace hubvault::app {

class DiffTextView : public QWidget {
    Q_OBJECT
public:
    enum class Mode { SideBySide, Unified };
    Q_ENUM(Mode)
    /** Block property: the TextDiff::LineKind of a line block; absent for headers and fillers. */
    static constexpr int LineKindProperty = QTextFormat::UserProperty + 1;
    /** Char property: true on the changed (intra-line highlighted) parts of a line. */
    static constexpr int ChangedTextProperty = QTextFormat::UserProperty + 2;

    /** Lines shown at most per view: building text documents runs on the GUI thread. */
    static constexpr int kMaxRows = 20000;

    explicit DiffTextView(QWidget *parent = nullptr);

    void setDiff(const TextDiff &diff);
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }

    QAbstractButton *sideBySideButton() const { return m_sideBySideButton; }
    QAbstractButton *unifiedButton() const { return m_unifiedButton; }
    QPlainTextEdit *leftView() const { return m_left; }
    QPlainTextEdit *rightView() const { return m_right; }
    QPlainTextEdit *unifiedView() const { return m_unified; }
    QLabel *summaryLabel() const { return m_summary; }

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Colours;
    Colours colours() const;
    void rebuild();
    void buildUnified(const Colours &colours);
    void buildSideBySide(const Colours &colours);
    static QPlainTextEdit *makeEdit(QWidget *parent);
    void syncScrolling();

    TextDiff m_diff;
    Mode m_mode = Mode::SideBySide;
    QLabel *m_summary;
    QAbstractButton *m_sideBySideButton;
    QAbstractButton *m_unifiedButton;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_left;
    QPlainTextEdit *m_right;
    QPlainTextEdit *m_unified;
};

} // namespace hubvault::app
