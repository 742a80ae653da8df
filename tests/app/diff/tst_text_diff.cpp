// The pure line diff of the diff dialog: edit scripts of insertions, deletions and
// replacements, hunks with context and unified-diff numbering, intra-line ranges of
// paired changed lines, empty files, a missing final newline, and a large diff that must
// still be valid (applying it to the old text gives the new one).

#include "diff/TextDiff.h"

#include <QRandomGenerator>
#include <QTest>

using namespace hubvault::app;
using Kind = TextDiff::LineKind;

namespace {

/** The new text rebuilt from the old one and the hunks (proves the diff is valid). */
QStringList applyHunks(const QStringList &oldLines, const TextDiff &diff)
{
    QStringList out;
    int next = 0; // 0-based index of the next old line not yet copied
    for (const TextDiff::Hunk &hunk : diff.hunks()) {
        const int firstOld = hunk.oldCount > 0 ? hunk.oldStart - 1 : hunk.oldStart;
        while (next < firstOld)
            out.append(oldLines[next++]);
        for (const TextDiff::Line &line : hunk.lines) {
            if (line.kind != Kind::Added) {
                if (oldLines.value(next) != line.text)
                    return {QStringLiteral("<mismatch at old line %1>").arg(next + 1)};
                ++next;
            }
            if (line.kind != Kind::Removed)
                out.append(line.text);
        }
    }
    while (next < oldLines.size())
        out.append(oldLines[next++]);
    return out;
}

QString lines(std::initializer_list<const char *> items)
{
    QString out;
    for (const char *item : items)
        out += QLatin1String(item) + QLatin1Char('\n');
    return out;
}

QString changedText(const QString &line, const QList<TextRange> &ranges)
{
    QStringList parts;
    for (const TextRange &r : ranges)
        parts.append(line.mid(r.start, r.length));
    return parts.join(QLatin1Char('|'));
}

} // namespace

class TestTextDiff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void identicalTextsHaveNoHunks();
    void insertionInTheMiddle();
    void deletionAtTheStart();
    void replacementPairsLinesWithIntraLineRanges();
    void contextMergesNearbyChangesIntoOneHunk();
    void farApartChangesMakeSeparateHunks();
    void emptyOldFileIsAllAdded();
    void emptyNewFileIsAllRemoved();
    void bothEmpty();
    void missingFinalNewlineIsAChange();
    void crlfLineEndsAreIgnored();
    void sideBySideRowsPairRemovedWithAdded();
    void tokensSplitWordsSpacesAndPunctuation();
    void intraLineOfCompletelyDifferentLines();
    void editScriptIsMinimal();
    void largeRandomEditsStayValid();
    void unrelatedLargeFilesFinishAndStayValid();
};

void TestTextDiff::identicalTextsHaveNoHunks()
{
    const QString text = lines({"a", "b", "c"});
    const TextDiff diff = TextDiff::compute(text, text);
    QVERIFY(diff.isIdentical());
    QCOMPARE(diff.addedLines(), 0);
    QCOMPARE(diff.removedLines(), 0);
    QCOMPARE(diff.oldLineCount(), 3);
}

void TestTextDiff::insertionInTheMiddle()
{
    const TextDiff diff = TextDiff::compute(lines({"1", "2", "3", "4", "5", "6", "7", "8"}),
                                            lines({"1", "2", "3", "4", "new", "5", "6", "7", "8"}));
    QCOMPARE(diff.hunks().size(), 1);
    const TextDiff::Hunk &h = diff.hunks().first();
    QCOMPARE(h.header(), QStringLiteral("@@ -2,6 +2,7 @@"));
    QCOMPARE(h.lines.size(), 7);
    QCOMPARE(h.lines[3].kind, Kind::Added);
    QCOMPARE(h.lines[3].text, QStringLiteral("new"));
    QCOMPARE(h.lines[3].newNumber, 5);
    QCOMPARE(h.lines[3].oldNumber, 0);
    QVERIFY(h.lines[3].changes.isEmpty()); // an unpaired line has no intra-line ranges
    QCOMPARE(diff.addedLines(), 1);
    QCOMPARE(diff.removedLines(), 0);
}

void TestTextDiff::deletionAtTheStart()
{
    const TextDiff diff = TextDiff::compute(lines({"gone", "a", "b", "c", "d", "e"}), lines({"a", "b", "c", "d", "e"}));
    QCOMPARE(diff.hunks().size(), 1);
    const TextDiff::Hunk &h = diff.hunks().first();
    QCOMPARE(h.header(), QStringLiteral("@@ -1,4 +1,3 @@"));
    QCOMPARE(h.lines.first().kind, Kind::Removed);
    QCOMPARE(h.lines.first().oldNumber, 1);
    QCOMPARE(diff.unifiedText(), QStringLiteral("@@ -1,4 +1,3 @@\n-gone\n a\n b\n c\n"));
}

void TestTextDiff::replacementPairsLinesWithIntraLineRanges()
{
    const TextDiff diff = TextDiff::compute(lines({"x = 1", "learning_rate = 0.001", "y = 2"}),
                                            lines({"x = 1", "learning_rate = 0.01", "y = 2"}));
    QCOMPARE(diff.hunks().size(), 1);
    const TextDiff::Hunk &h = diff.hunks().first();
    QCOMPARE(h.lines.size(), 4);
    QCOMPARE(h.lines[1].kind, Kind::Removed);
    QCOMPARE(h.lines[2].kind, Kind::Added);
    // Only the number token changed; the name and the operator are left unmarked.
    QCOMPARE(changedText(h.lines[1].text, h.lines[1].changes), QStringLiteral("001"));
    QCOMPARE(changedText(h.lines[2].text, h.lines[2].changes), QStringLiteral("01"));
    QCOMPARE(h.lines[1].changes, (QList<TextRange>{{18, 3}}));
    QCOMPARE(h.lines[2].changes, (QList<TextRange>{{18, 2}}));
}

void TestTextDiff::contextMergesNearbyChangesIntoOneHunk()
{
    const TextDiff diff = TextDiff::compute(lines({"a", "b", "c", "d", "e", "f", "g", "h"}),
                                            lines({"A", "b", "c", "d", "e", "f", "g", "H"}));
    QCOMPARE(diff.hunks().size(), 1); // 6 equal lines between: within 2 × 3 context
    QCOMPARE(diff.hunks().first().header(), QStringLiteral("@@ -1,8 +1,8 @@"));
}

void TestTextDiff::farApartChangesMakeSeparateHunks()
{
    QStringList before, after;
    for (int i = 1; i <= 30; ++i) {
        before.append(QString::number(i));
        after.append(i == 5 ? QStringLiteral("five") : i == 25 ? QStringLiteral("twenty-five") : QString::number(i));
    }
    const TextDiff diff = TextDiff::compute(before.join('\n') + '\n', after.join('\n') + '\n');
    QCOMPARE(diff.hunks().size(), 2);
    QCOMPARE(diff.hunks()[0].header(), QStringLiteral("@@ -2,7 +2,7 @@"));
    QCOMPARE(diff.hunks()[1].header(), QStringLiteral("@@ -22,7 +22,7 @@"));
    QCOMPARE(applyHunks(before, diff), after);
}

void TestTextDiff::emptyOldFileIsAllAdded()
{
    const TextDiff diff = TextDiff::compute(QString(), lines({"a", "b"}));
    QCOMPARE(diff.hunks().size(), 1);
    QCOMPARE(diff.hunks().first().header(), QStringLiteral("@@ -0,0 +1,2 @@"));
    QCOMPARE(diff.addedLines(), 2);
    QCOMPARE(diff.oldLineCount(), 0);
}

void TestTextDiff::emptyNewFileIsAllRemoved()
{
    const TextDiff diff = TextDiff::compute(lines({"a", "b", "c"}), QString());
    QCOMPARE(diff.hunks().size(), 1);
    QCOMPARE(diff.hunks().first().header(), QStringLiteral("@@ -1,3 +0,0 @@"));
    QCOMPARE(diff.removedLines(), 3);
}

void TestTextDiff::bothEmpty()
{
    QVERIFY(TextDiff::compute(QString(), QString()).isIdentical());
    QCOMPARE(TextDiff::splitLines(QString()).size(), 0);
    QCOMPARE(TextDiff::splitLines(QStringLiteral("\n")), QStringList{QString()});
}

void TestTextDiff::missingFinalNewlineIsAChange()
{
    bool missing = false;
    QCOMPARE(TextDiff::splitLines(QStringLiteral("a\nb"), &missing), (QStringList{"a", "b"}));
    QVERIFY(missing);
    TextDiff::splitLines(QStringLiteral("a\nb\n"), &missing);
    QVERIFY(!missing);

    const TextDiff diff = TextDiff::compute(QStringLiteral("a\nb"), QStringLiteral("a\nb\n"));
    QCOMPARE(diff.hunks().size(), 1);
    const TextDiff::Hunk &h = diff.hunks().first();
    QCOMPARE(h.lines.size(), 3);
    QCOMPARE(h.lines[1].kind, Kind::Removed);
    QVERIFY(h.lines[1].missingNewline);
    QCOMPARE(h.lines[2].kind, Kind::Added);
    QVERIFY(!h.lines[2].missingNewline);
    QVERIFY(h.lines[1].changes.isEmpty()); // same text: nothing inside the line changed
    QCOMPARE(diff.unifiedText(), QStringLiteral("@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"));
}

void TestTextDiff::crlfLineEndsAreIgnored()
{
    QCOMPARE(TextDiff::splitLines(QStringLiteral("a\r\nb\r\n")), (QStringList{"a", "b"}));
    QVERIFY(TextDiff::compute(QStringLiteral("a\r\nb\r\n"), QStringLiteral("a\nb\n")).isIdentical());
}

void TestTextDiff::sideBySideRowsPairRemovedWithAdded()
{
    const TextDiff diff = TextDiff::compute(lines({"keep", "old 1", "old 2", "old 3", "tail"}),
                                            lines({"keep", "new 1", "tail"}));
    const TextDiff::Hunk &h = diff.hunks().first();
    const QList<TextDiff::Row> rows = TextDiff::sideBySide(h);
    QCOMPARE(rows.size(), 5); // keep, three removed (one paired), tail
    QCOMPARE(rows[0].left, rows[0].right);
    QCOMPARE(h.lines[rows[1].left].text, QStringLiteral("old 1"));
    QCOMPARE(h.lines[rows[1].right].text, QStringLiteral("new 1"));
    QCOMPARE(rows[2].right, -1);
    QCOMPARE(rows[3].right, -1);
    QCOMPARE(h.lines[rows[4].left].text, QStringLiteral("tail"));
    // Paired lines carry intra-line ranges; the unpaired removed ones do not.
    QCOMPARE(changedText(h.lines[rows[1].left].text, h.lines[rows[1].left].changes), QStringLiteral("old"));
    QVERIFY(h.lines[rows[2].left].changes.isEmpty());
}

void TestTextDiff::tokensSplitWordsSpacesAndPunctuation()
{
    const QString line = QStringLiteral("foo_bar(1,  x)");
    QStringList tokens;
    for (const TextRange &t : TextDiff::tokenize(line))
        tokens.append(line.mid(t.start, t.length));
    QCOMPARE(tokens, (QStringList{"foo_bar", "(", "1", ",", "  ", "x", ")"}));
}

void TestTextDiff::intraLineOfCompletelyDifferentLines()
{
    const auto [a, b] = TextDiff::diffWithinLine(u"alpha", u"omega");
    QCOMPARE(a, (QList<TextRange>{{0, 5}}));
    QCOMPARE(b, (QList<TextRange>{{0, 5}}));
    const auto [c, d] = TextDiff::diffWithinLine(u"", u"new");
    QVERIFY(c.isEmpty());
    QCOMPARE(d, (QList<TextRange>{{0, 3}}));
    // Adjacent changed tokens merge into one range.
    const auto [e, f] = TextDiff::diffWithinLine(u"a b c", u"a x y");
    QCOMPARE(e, (QList<TextRange>{{2, 3}}));
    QCOMPARE(f, (QList<TextRange>{{2, 3}}));
}

void TestTextDiff::editScriptIsMinimal()
{
    // The classic example of Myers' paper: ABCABBA -> CBABAC needs 5 edits.
    auto seq = [](const char *s) {
        QList<int> out;
        for (; *s; ++s)
            out.append(*s);
        return out;
    };
    const QList<TextDiff::Edit> edits = TextDiff::diff(seq("ABCABBA"), seq("CBABAC"));
    const auto changes = std::count_if(edits.cbegin(), edits.cend(),
                                       [](const TextDiff::Edit &e) { return e.kind != TextDiff::EditKind::Equal; });
    QCOMPARE(changes, 5);
}

void TestTextDiff::largeRandomEditsStayValid()
{
    QRandomGenerator random(42);
    QStringList before;
    for (int i = 0; i < 3000; ++i)
        before.append(QStringLiteral("line %1").arg(random.bounded(500)));
    QStringList after = before;
    for (int i = 0; i < 200; ++i) {
        const int at = random.bounded(int(after.size()));
        switch (random.bounded(3)) {
        case 0:
            after.removeAt(at);
            break;
        case 1:
            after.insert(at, QStringLiteral("inserted %1").arg(i));
            break;
        default:
            after[at] = QStringLiteral("changed %1").arg(i);
        }
    }
    const TextDiff diff = TextDiff::compute(before.join('\n') + '\n', after.join('\n') + '\n');
    QCOMPARE(applyHunks(before, diff), after);
    QCOMPARE(diff.oldLineCount() - diff.removedLines() + diff.addedLines(), diff.newLineCount());
}

void TestTextDiff::unrelatedLargeFilesFinishAndStayValid()
{
    // Shuffled shared lines defeat the unique-line shortcut; the cost cap bounds the work.
    QRandomGenerator random(7);
    QStringList before, after;
    for (int i = 0; i < 20000; ++i) {
        before.append(QStringLiteral("v%1").arg(random.bounded(2000)));
        after.append(QStringLiteral("v%1").arg(random.bounded(2000)));
    }
    const TextDiff diff = TextDiff::compute(before.join('\n') + '\n', after.join('\n') + '\n');
    QCOMPARE(applyHunks(before, diff), after);
}

QTEST_GUILESS_MAIN(TestTextDiff)
#include "tst_text_diff.moc"
