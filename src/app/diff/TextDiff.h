#pragma once
// A pure line diff for the diff dialog: no I/O, no widgets.
//
// Lines are interned to integers and compared with Myers' O(ND) algorithm in linear
// space (the "middle snake" recursion, as GNU diff does it), after dropping lines that
// occur on one side only (they can never match, so the longest common subsequence is
// unchanged). A cost cap splits hopeless subproblems at the best point found so far, so
// two large, unrelated files still diff in bounded time (the result is then valid but
// may not be minimal). The edit script is grouped into unified-diff hunks with context;
// each pair of changed lines of a hunk is diffed again on word tokens, so views can
// highlight the parts of a line that really changed.
//
// A last line without a line terminator differs from the same text with one, as in git
// ("\ No newline at end of file").

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <utility>

namespace hubvault::app {

/** A run of characters of one line: [start, start + length). */
struct TextRange {
    int start = 0;
    int length = 0;
    friend bool operator==(const TextRange &a, const TextRange &b)
    {
        return a.start == b.start && a.length == b.length;
    }
};

class TextDiff {
public:
    enum class EditKind { Equal, Delete, Insert };
    /** One step of an edit script; indexes are 0-based, -1 for the side a step lacks. */
    struct Edit {
        EditKind kind = EditKind::Equal;
        int oldIndex = -1;
        int newIndex = -1;
    };

    enum class LineKind { Context, Removed, Added };
    struct Line {
        LineKind kind = LineKind::Context;
        int oldNumber = 0; ///< 1-based; 0 for an added line
        int newNumber = 0; ///< 1-based; 0 for a removed line
        QString text;      ///< without its line terminator
        bool missingNewline = false;  ///< the file's last line, without a terminator
        QList<TextRange> changes;     ///< intra-line: the changed parts of a paired line
    };

    struct Hunk {
        int oldStart = 0; ///< as in "@@ -oldStart,oldCount +newStart,newCount @@"
        int oldCount = 0;
        int newStart = 0;
        int newCount = 0;
        QList<Line> lines;
        QString header() const;
    };

    /** A row of a side-by-side view: indexes into Hunk::lines, -1 for an empty side. */
    struct Row {
        int left = -1;
        int right = -1;
    };

    static constexpr int kDefaultContext = 3;
    /** Lines longer than this are highlighted whole instead of diffed on tokens. */
    static constexpr int kMaxIntraLineLength = 10000;

    /** Diffs two texts ("\n" or "\r\n" line ends) into hunks with `context` lines around changes. */
    static TextDiff compute(const QString &oldText, const QString &newText, int context = kDefaultContext);

    /** Lines without terminators; `*missingNewline` tells whether the last one lacks one. */
    static QStringList splitLines(const QString &text, bool *missingNewline = nullptr);
    /** Edit script turning `a` into `b` (deletions before insertions within a change). */
    static QList<Edit> diff(const QList<int> &a, const QList<int> &b);
    /** Word tokens of a line: runs of letters, digits and '_', runs of spaces, single other characters. */
    static QList<TextRange> tokenize(QStringView line);
    /** The changed parts of a changed line (first: of the old line, second: of the new one). */
    static std::pair<QList<TextRange>, QList<TextRange>> diffWithinLine(QStringView oldLine, QStringView newLine);
    /** Pairs the removed and added lines of each change of `hunk` into side-by-side rows. */
    static QList<Row> sideBySide(const Hunk &hunk);

    const QList<Hunk> &hunks() const { return m_hunks; }
    bool isIdentical() const { return m_hunks.isEmpty(); }
    int addedLines() const { return m_added; }
    int removedLines() const { return m_removed; }
    int oldLineCount() const { return m_oldLines; }
    int newLineCount() const { return m_newLines; }
    /** The hunks as unified-diff text (without the ---/+++ file header). */
    QString unifiedText() const;

private:
    QList<Hunk> m_hunks;
    int m_added = 0;
    int m_removed = 0;
    int m_oldLines = 0;
    int m_newLines = 0;
};

} // namespace hubvault::app
