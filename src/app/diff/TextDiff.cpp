#include "diff/TextDiff.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <limits>
#include <vector>

namespace hubvault::app {

namespace {

/**
 * Myers' middle-snake recursion over two integer sequences (GNU diff's compareseq and
 * diag), marking which elements are deleted from `a` and inserted into `b`.
 */
class MyersDiff {
public:
    MyersDiff(const std::vector<int> &a, const std::vector<int> &b)
        : m_a(a), m_b(b), m_deleted(a.size(), false), m_inserted(b.size(), false)
    {
        const qsizetype diagonals = qsizetype(a.size() + b.size()) + 3;
        m_forward.assign(diagonals, 0);
        m_backward.assign(diagonals, 0);
        m_offset = qsizetype(b.size()) + 1;
        // Give up on the minimal answer past about sqrt(N + M) steps (GNU diff's bound).
        m_tooExpensive = 1;
        for (qsizetype n = diagonals; n != 0; n >>= 2)
            m_tooExpensive <<= 1;
        m_tooExpensive = std::max<qsizetype>(4096, m_tooExpensive);
    }

    void run() { compare(0, qsizetype(m_a.size()), 0, qsizetype(m_b.size())); }
    const std::vector<bool> &deleted() const { return m_deleted; }
    const std::vector<bool> &inserted() const { return m_inserted; }

private:
    qsizetype &fd(qsizetype d) { return m_forward[d + m_offset]; }
    qsizetype &bd(qsizetype d) { return m_backward[d + m_offset]; }

    void compare(qsizetype xoff, qsizetype xlim, qsizetype yoff, qsizetype ylim)
    {
        while (xoff < xlim && yoff < ylim && m_a[xoff] == m_b[yoff])
            ++xoff, ++yoff;
        while (xoff < xlim && yoff < ylim && m_a[xlim - 1] == m_b[ylim - 1])
            --xlim, --ylim;
        if (xoff == xlim) {
            for (qsizetype y = yoff; y < ylim; ++y)
                m_inserted[y] = true;
        } else if (yoff == ylim) {
            for (qsizetype x = xoff; x < xlim; ++x)
                m_deleted[x] = true;
        } else {
            const auto [xmid, ymid] = split(xoff, xlim, yoff, ylim);
            compare(xoff, xmid, yoff, ymid);
            compare(xmid, xlim, ymid, ylim);
        }
    }

    /** A point of an optimal (or, past the cost cap, a good) path strictly inside the box. */
    std::pair<qsizetype, qsizetype> split(qsizetype xoff, qsizetype xlim, qsizetype yoff, qsizetype ylim)
    {
        const qsizetype dmin = xoff - ylim;
        const qsizetype dmax = xlim - yoff;
        const qsizetype fmid = xoff - yoff;
        const qsizetype bmid = xlim - ylim;
        qsizetype fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
        const bool odd = (fmid - bmid) & 1;
        constexpr qsizetype kLow = -1;
        constexpr qsizetype kHigh = std::numeric_limits<qsizetype>::max();
        fd(fmid) = xoff;
        bd(bmid) = xlim;
        for (qsizetype cost = 1;; ++cost) {
            if (fmin > dmin)
                fd(--fmin - 1) = kLow;
            else
                ++fmin;
            if (fmax < dmax)
                fd(++fmax + 1) = kLow;
            else
                --fmax;
            for (qsizetype d = fmax; d >= fmin; d -= 2) {
                const qsizetype tlo = fd(d - 1), thi = fd(d + 1);
                qsizetype x = tlo < thi ? thi : tlo + 1;
                qsizetype y = x - d;
                while (x < xlim && y < ylim && m_a[x] == m_b[y])
                    ++x, ++y;
                fd(d) = x;
                if (odd && bmin <= d && d <= bmax && bd(d) <= x)
                    return {x, y};
            }
            if (bmin > dmin)
                bd(--bmin - 1) = kHigh;
            else
                ++bmin;
            if (bmax < dmax)
                bd(++bmax + 1) = kHigh;
            else
                --bmax;
            for (qsizetype d = bmax; d >= bmin; d -= 2) {
                const qsizetype tlo = bd(d - 1), thi = bd(d + 1);
                qsizetype x = tlo < thi ? tlo : thi - 1;
                qsizetype y = x - d;
                while (xoff < x && yoff < y && m_a[x - 1] == m_b[y - 1])
                    --x, --y;
                bd(d) = x;
                if (!odd && fmin <= d && d <= fmax && x <= fd(d))
                    return {x, y};
            }
            if (cost >= m_tooExpensive)
                return bestSoFar(xoff, xlim, yoff, ylim, fmin, fmax, bmin, bmax);
        }
    }

    /** The furthest-reaching forward or backward point (GNU diff's "too expensive" heuristic). */
    std::pair<qsizetype, qsizetype> bestSoFar(qsizetype xoff, qsizetype xlim, qsizetype yoff, qsizetype ylim,
                                              qsizetype fmin, qsizetype fmax, qsizetype bmin, qsizetype bmax)
    {
        qsizetype fxybest = -1, fxbest = xoff;
        for (qsizetype d = fmax; d >= fmin; d -= 2) {
            qsizetype x = std::min(fd(d), xlim);
            qsizetype y = x - d;
            if (ylim < y)
                x = ylim + d, y = ylim;
            if (fxybest < x + y)
                fxybest = x + y, fxbest = x;
        }
        qsizetype bxybest = std::numeric_limits<qsizetype>::max(), bxbest = xlim;
        for (qsizetype d = bmax; d >= bmin; d -= 2) {
            qsizetype x = std::max(xoff, bd(d));
            qsizetype y = x - d;
            if (y < yoff)
                x = yoff + d, y = yoff;
            if (x + y < bxybest)
                bxybest = x + y, bxbest = x;
        }
        if ((xlim + ylim) - bxybest < fxybest - (xoff + yoff))
            return {fxbest, fxybest - fxbest};
        return {bxbest, bxybest - bxbest};
    }

    const std::vector<int> &m_a;
    const std::vector<int> &m_b;
    std::vector<bool> m_deleted;
    std::vector<bool> m_inserted;
    std::vector<qsizetype> m_forward;
    std::vector<qsizetype> m_backward;
    qsizetype m_offset = 0;
    qsizetype m_tooExpensive = 0;
};

/** Indexes of the elements of `seq` that also occur in `other`. */
std::vector<int> matchable(const QList<int> &seq, const QSet<int> &other)
{
    std::vector<int> out;
    out.reserve(seq.size());
    for (int i = 0; i < seq.size(); ++i) {
        if (other.contains(seq[i]))
            out.push_back(i);
    }
    return out;
}

bool isWordChar(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_'); }

/** Appends a range, merging it with the previous one when they touch. */
void appendRange(QList<TextRange> &ranges, int start, int length)
{
    if (length <= 0)
        return;
    if (!ranges.isEmpty() && ranges.last().start + ranges.last().length == start)
        ranges.last().length += length;
    else
        ranges.append({start, length});
}

/** Joins ranges separated by white space only, so "a b" replaced reads as one change. */
QList<TextRange> joinAcrossSpaces(const QList<TextRange> &ranges, QStringView line)
{
    QList<TextRange> out;
    for (const TextRange &r : ranges) {
        if (!out.isEmpty()) {
            const int gapStart = out.last().start + out.last().length;
            if (line.mid(gapStart, r.start - gapStart).trimmed().isEmpty()) {
                out.last().length = r.start + r.length - out.last().start;
                continue;
            }
        }
        out.append(r);
    }
    return out;
}

QList<TextRange> wholeLine(QStringView line)
{
    return line.isEmpty() ? QList<TextRange>() : QList<TextRange>{{0, int(line.size())}};
}

/** Interns lines: equal texts get equal ids; a last line without terminator gets its own. */
class LineInterner {
public:
    QList<int> intern(const QStringList &lines, bool missingNewline)
    {
        QList<int> ids;
        ids.reserve(lines.size());
        for (int i = 0; i < lines.size(); ++i) {
            QHash<QString, int> &table = (missingNewline && i == lines.size() - 1) ? m_unterminated : m_lines;
            auto it = table.constFind(lines[i]);
            if (it == table.constEnd())
                it = table.insert(lines[i], m_next++);
            ids.append(*it);
        }
        return ids;
    }

private:
    QHash<QString, int> m_lines;
    QHash<QString, int> m_unterminated;
    int m_next = 0;
};

/** The hunks' line ranges: [first, last] edit indexes, each change widened by `context`. */
QList<std::pair<int, int>> hunkSpans(const QList<TextDiff::Edit> &edits, int context)
{
    QList<std::pair<int, int>> spans;
    for (int i = 0; i < edits.size(); ++i) {
        if (edits[i].kind == TextDiff::EditKind::Equal)
            continue;
        const int first = std::max(0, i - context);
        const int last = std::min(int(edits.size()) - 1, i + context);
        if (!spans.isEmpty() && first <= spans.last().second + 1)
            spans.last().second = std::max(spans.last().second, last);
        else
            spans.append({first, last});
    }
    return spans;
}

/** Highlights the changed parts of each removed line paired with an added line. */
void addIntraLineChanges(TextDiff::Hunk &hunk)
{
    for (const TextDiff::Row &row : TextDiff::sideBySide(hunk)) {
        if (row.left < 0 || row.right < 0)
            continue;
        TextDiff::Line &oldLine = hunk.lines[row.left];
        TextDiff::Line &newLine = hunk.lines[row.right];
        if (oldLine.kind != TextDiff::LineKind::Removed || newLine.kind != TextDiff::LineKind::Added)
            continue;
        auto [oldChanges, newChanges] = TextDiff::diffWithinLine(oldLine.text, newLine.text);
        oldLine.changes = oldChanges;
        newLine.changes = newChanges;
    }
}

} // namespace

QString TextDiff::Hunk::header() const
{
    return QStringLiteral("@@ -%1,%2 +%3,%4 @@").arg(oldStart).arg(oldCount).arg(newStart).arg(newCount);
}

QStringList TextDiff::splitLines(const QString &text, bool *missingNewline)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    const bool terminated = text.isEmpty() || text.endsWith(QLatin1Char('\n'));
    if (terminated)
        lines.removeLast(); // the empty piece after the last terminator
    for (QString &line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    if (missingNewline)
        *missingNewline = !terminated;
    return lines;
}

QList<TextDiff::Edit> TextDiff::diff(const QList<int> &a, const QList<int> &b)
{
    const QSet<int> inA(a.cbegin(), a.cend());
    const QSet<int> inB(b.cbegin(), b.cend());
    const std::vector<int> aKeep = matchable(a, inB);
    const std::vector<int> bKeep = matchable(b, inA);
    std::vector<int> aIds, bIds;
    aIds.reserve(aKeep.size());
    bIds.reserve(bKeep.size());
    for (int i : aKeep)
        aIds.push_back(a[i]);
    for (int j : bKeep)
        bIds.push_back(b[j]);
    MyersDiff myers(aIds, bIds);
    myers.run();

    std::vector<bool> deleted(a.size(), true), inserted(b.size(), true);
    for (size_t k = 0; k < aKeep.size(); ++k)
        deleted[aKeep[k]] = myers.deleted()[k];
    for (size_t k = 0; k < bKeep.size(); ++k)
        inserted[bKeep[k]] = myers.inserted()[k];

    QList<Edit> edits;
    edits.reserve(std::max(a.size(), b.size()));
    int i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && deleted[i])
            edits.append({EditKind::Delete, i++, -1});
        else if (j < b.size() && inserted[j])
            edits.append({EditKind::Insert, -1, j++});
        else
            edits.append({EditKind::Equal, i++, j++});
    }
    return edits;
}

QList<TextRange> TextDiff::tokenize(QStringView line)
{
    QList<TextRange> tokens;
    int i = 0;
    while (i < line.size()) {
        const int start = i;
        if (isWordChar(line[i])) {
            while (i < line.size() && isWordChar(line[i]))
                ++i;
        } else if (line[i].isSpace()) {
            while (i < line.size() && line[i].isSpace())
                ++i;
        } else {
            ++i;
        }
        tokens.append({start, i - start});
    }
    return tokens;
}

std::pair<QList<TextRange>, QList<TextRange>> TextDiff::diffWithinLine(QStringView oldLine, QStringView newLine)
{
    if (oldLine.size() > kMaxIntraLineLength || newLine.size() > kMaxIntraLineLength)
        return {wholeLine(oldLine), wholeLine(newLine)};
    const QList<TextRange> oldTokens = tokenize(oldLine);
    const QList<TextRange> newTokens = tokenize(newLine);
    QHash<QStringView, int> ids;
    auto intern = [&ids](QStringView line, const QList<TextRange> &tokens) {
        QList<int> out;
        for (const TextRange &t : tokens) {
            const QStringView token = line.mid(t.start, t.length);
            auto it = ids.constFind(token);
            if (it == ids.constEnd())
                it = ids.insert(token, int(ids.size()));
            out.append(*it);
        }
        return out;
    };
    const QList<int> a = intern(oldLine, oldTokens);
    const QList<int> b = intern(newLine, newTokens);
    QList<TextRange> oldChanges, newChanges;
    for (const Edit &e : diff(a, b)) {
        if (e.kind == EditKind::Delete)
            appendRange(oldChanges, oldTokens[e.oldIndex].start, oldTokens[e.oldIndex].length);
        else if (e.kind == EditKind::Insert)
            appendRange(newChanges, newTokens[e.newIndex].start, newTokens[e.newIndex].length);
    }
    return {joinAcrossSpaces(oldChanges, oldLine), joinAcrossSpaces(newChanges, newLine)};
}

QList<TextDiff::Row> TextDiff::sideBySide(const Hunk &hunk)
{
    QList<Row> rows;
    int i = 0;
    while (i < hunk.lines.size()) {
        if (hunk.lines[i].kind == LineKind::Context) {
            rows.append({i, i});
            ++i;
            continue;
        }
        QList<int> removed, added;
        while (i < hunk.lines.size() && hunk.lines[i].kind == LineKind::Removed)
            removed.append(i++);
        while (i < hunk.lines.size() && hunk.lines[i].kind == LineKind::Added)
            added.append(i++);
        for (int k = 0; k < std::max(removed.size(), added.size()); ++k)
            rows.append({k < removed.size() ? removed[k] : -1, k < added.size() ? added[k] : -1});
    }
    return rows;
}

TextDiff TextDiff::compute(const QString &oldText, const QString &newText, int context)
{
    bool oldMissing = false, newMissing = false;
    const QStringList oldLines = splitLines(oldText, &oldMissing);
    const QStringList newLines = splitLines(newText, &newMissing);
    LineInterner interner;
    const QList<int> a = interner.intern(oldLines, oldMissing);
    const QList<int> b = interner.intern(newLines, newMissing);
    const QList<Edit> edits = diff(a, b);

    TextDiff out;
    out.m_oldLines = int(oldLines.size());
    out.m_newLines = int(newLines.size());
    for (const auto &[first, last] : hunkSpans(edits, std::max(0, context))) {
        Hunk hunk;
        // Lines of each side before the hunk, for a start on a side with no line in it.
        int oldBefore = 0, newBefore = 0;
        for (int k = first - 1; k >= 0 && (oldBefore == 0 || newBefore == 0); --k) {
            if (oldBefore == 0 && edits[k].oldIndex >= 0)
                oldBefore = edits[k].oldIndex + 1;
            if (newBefore == 0 && edits[k].newIndex >= 0)
                newBefore = edits[k].newIndex + 1;
        }
        for (int k = first; k <= last; ++k) {
            const Edit &e = edits[k];
            Line line;
            line.oldNumber = e.oldIndex + 1;
            line.newNumber = e.newIndex + 1;
            if (e.kind == EditKind::Insert) {
                line.kind = LineKind::Added;
                line.text = newLines[e.newIndex];
                line.missingNewline = newMissing && e.newIndex == newLines.size() - 1;
                ++out.m_added;
            } else {
                line.kind = e.kind == EditKind::Delete ? LineKind::Removed : LineKind::Context;
                line.text = oldLines[e.oldIndex];
                line.missingNewline = oldMissing && e.oldIndex == oldLines.size() - 1;
                if (e.kind == EditKind::Delete)
                    ++out.m_removed;
            }
            hunk.oldCount += e.kind != EditKind::Insert;
            hunk.newCount += e.kind != EditKind::Delete;
            hunk.lines.append(line);
        }
        // Unified-diff convention: an empty side starts at the line before it.
        hunk.oldStart = hunk.oldCount > 0 ? oldBefore + 1 : oldBefore;
        hunk.newStart = hunk.newCount > 0 ? newBefore + 1 : newBefore;
        addIntraLineChanges(hunk);
        out.m_hunks.append(hunk);
    }
    return out;
}

QString TextDiff::unifiedText() const
{
    QString out;
    for (const Hunk &hunk : m_hunks) {
        out += hunk.header() + QLatin1Char('\n');
        for (const Line &line : hunk.lines) {
            const QChar mark = line.kind == LineKind::Added     ? QLatin1Char('+')
                               : line.kind == LineKind::Removed ? QLatin1Char('-')
                                                                : QLatin1Char(' ');
            out += mark + line.text + QLatin1Char('\n');
            if (line.missingNewline)
                out += QStringLiteral("\\ No newline at end of file\n");
        }
    }
    return out;
}

} // namespace hubvault::app
