// Commit-detail diffs must be byte-identical to hubvault 0.0.2, which renders
// them with Python's difflib. The tables marked "generated" were produced once
// by running CPython 3.11's difflib on the same inputs and are kept here as
// literals, so the suite needs no Python.

#include <hubvault/UnifiedDiff.h>

#include <QtTest>

#include <limits>

using hubvault::SequenceMatcher;
using hubvault::UnifiedDiff;

namespace {

// Inputs of the "autojunk 350 lines" row: 350 lines in which "}" and "" are
// frequent enough (> 1% + 1) to be "popular" for SequenceMatcher.
QStringList bigOld()
{
    QStringList lines;
    for (int i = 0; i < 350; ++i) {
        if (i % 7 == 0)
            lines << QStringLiteral("}");
        else if (i % 11 == 0)
            lines << QString();
        else
            lines << QStringLiteral("line %1").arg(i);
    }
    return lines;
}

QStringList bigNew()
{
    const QStringList old = bigOld();
    QStringList lines;
    for (int i = 0; i < old.size(); ++i) {
        if (i % 83 == 41)
            continue;
        lines << (i % 50 == 25 ? QStringLiteral("changed %1").arg(i) : old.at(i));
        if (i % 97 == 0)
            lines << QStringLiteral("inserted %1").arg(i);
    }
    return lines;
}

const QString kOldOid = QStringLiteral("b12bfd46b72f0123456789abcdef0123456789ab");
const QString kNewOid = QStringLiteral("721fa1724f49fedcba9876543210fedcba987654");

} // namespace

class TestUnifiedDiff : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rendersLikeTheFixtures_data();
    void rendersLikeTheFixtures();
    void rendersEdgeCasesLikeTheOriginal_data();
    void rendersEdgeCasesLikeTheOriginal();
    void unifiedDiffLinesMatchPython_data();
    void unifiedDiffLinesMatchPython();
    void splitLinesMatchesPythonSplitlines_data();
    void splitLinesMatchesPythonSplitlines();
    void formatRangeUnifiedMatchesPython_data();
    void formatRangeUnifiedMatchesPython();
    void opcodesMatchPythonDocExample();
    void autojunkDropsPopularLinesFromTheIndex();
    void smallSequencesAreNeverAutojunked();
    void largeInputStaysFast();
    void extremeContextSizesDoNotOverflow();
};

// Exact unified_diff values from the hubvault 0.0.2 fixture manifests.
void TestUnifiedDiff::rendersLikeTheFixtures_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("changeType");
    QTest::addColumn<QString>("oldText");
    QTest::addColumn<QString>("newText");
    QTest::addColumn<QString>("oldOid");
    QTest::addColumn<QString>("newOid");
    QTest::addColumn<QString>("expected");

    QTest::newRow("added one line")
        << QStringLiteral("a.txt") << QStringLiteral("added") << QString() << QStringLiteral("a.txt\n")
        << QString() << QString()
        << QStringLiteral("diff --git a/a.txt b/a.txt\nnew file mode 100644\n--- /dev/null\n+++ b/a.txt\n"
                          "@@ -0,0 +1 @@\n+a.txt\n");
    QTest::newRow("added empty file has no hunk")
        << QStringLiteral("empty.txt") << QStringLiteral("added") << QString() << QString() << QString()
        << QString() << QStringLiteral("diff --git a/empty.txt b/empty.txt\nnew file mode 100644\n");
    QTest::newRow("added three lines")
        << QStringLiteral("README.md") << QStringLiteral("added") << QString()
        << QStringLiteral("# Fixture A\n\nSmall files only.\n") << QString() << QString()
        << QStringLiteral("diff --git a/README.md b/README.md\nnew file mode 100644\n--- /dev/null\n"
                          "+++ b/README.md\n@@ -0,0 +1,3 @@\n+# Fixture A\n+\n+Small files only.\n");
    QTest::newRow("deleted one line")
        << QStringLiteral("a-b.txt") << QStringLiteral("deleted") << QStringLiteral("a-b.txt\n") << QString()
        << QString() << QString()
        << QStringLiteral("diff --git a/a-b.txt b/a-b.txt\ndeleted file mode 100644\n--- a/a-b.txt\n"
                          "+++ /dev/null\n@@ -1 +0,0 @@\n-a-b.txt\n");
    QTest::newRow("deleted emoji path")
        << QStringLiteral("emoji/🎉 party.md") << QStringLiteral("deleted") << QStringLiteral("🎉\n")
        << QString() << QString() << QString()
        << QStringLiteral("diff --git a/emoji/🎉 party.md b/emoji/🎉 party.md\ndeleted file mode 100644\n"
                          "--- a/emoji/🎉 party.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-🎉\n");
    QTest::newRow("added japanese path")
        << QStringLiteral("日本語/ファイル.txt") << QStringLiteral("added") << QString()
        << QStringLiteral("日本語のテキスト\n") << QString() << QString()
        << QStringLiteral("diff --git a/日本語/ファイル.txt b/日本語/ファイル.txt\nnew file mode 100644\n"
                          "--- /dev/null\n+++ b/日本語/ファイル.txt\n@@ -0,0 +1 @@\n+日本語のテキスト\n");
    QTest::newRow("modified replace and add")
        << QStringLiteral("docs/guide.md") << QStringLiteral("modified") << QStringLiteral("Guide v1\n")
        << QStringLiteral("Guide v2\nmore text\n") << QStringLiteral("b12bfd46b72f0000000000000000000000000000")
        << QStringLiteral("721fa1724f490000000000000000000000000000")
        << QStringLiteral("diff --git a/docs/guide.md b/docs/guide.md\nindex b12bfd46b72f..721fa1724f49 100644\n"
                          "--- a/docs/guide.md\n+++ b/docs/guide.md\n@@ -1 +1,2 @@\n-Guide v1\n+Guide v2\n"
                          "+more text\n");
    QTest::newRow("modified append keeps context")
        << QStringLiteral("README.md") << QStringLiteral("modified")
        << QStringLiteral("# Fixture A\n\nSmall files only.\n")
        << QStringLiteral("# Fixture A\n\nSmall files only.\nSecond revision.\n")
        << QStringLiteral("707ecf9358740000000000000000000000000000")
        << QStringLiteral("24ecfd0f81ae0000000000000000000000000000")
        << QStringLiteral("diff --git a/README.md b/README.md\nindex 707ecf935874..24ecfd0f81ae 100644\n"
                          "--- a/README.md\n+++ b/README.md\n@@ -1,3 +1,4 @@\n # Fixture A\n \n"
                          " Small files only.\n+Second revision.\n");
    QTest::newRow("modified single line replace")
        << QStringLiteral("conflict.txt") << QStringLiteral("modified") << QStringLiteral("base line\n")
        << QStringLiteral("side line\n") << QStringLiteral("e58e67c09a54aaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        << QStringLiteral("0743ba0c0668bbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        << QStringLiteral("diff --git a/conflict.txt b/conflict.txt\nindex e58e67c09a54..0743ba0c0668 100644\n"
                          "--- a/conflict.txt\n+++ b/conflict.txt\n@@ -1 +1 @@\n-base line\n+side line\n");
}

void TestUnifiedDiff::rendersLikeTheFixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, changeType);
    QFETCH(QString, oldText);
    QFETCH(QString, newText);
    QFETCH(QString, oldOid);
    QFETCH(QString, newOid);
    QFETCH(QString, expected);
    QCOMPARE(UnifiedDiff::render(path, *hubvault::changeKindFromString(changeType), oldText, newText, oldOid, newOid), expected);
}

// Generated: hubvault 0.0.2's _unified_diff_for_change (str.splitlines(),
// lineterm="", "\n".join(...) + "\n") evaluated by CPython 3.11. Note that
// line terminators never show: no "\ No newline at end of file", and a
// terminator-only change leaves the header alone.
void TestUnifiedDiff::rendersEdgeCasesLikeTheOriginal_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("changeType");
    QTest::addColumn<QString>("oldText");
    QTest::addColumn<QString>("newText");
    QTest::addColumn<QString>("oldOid");
    QTest::addColumn<QString>("newOid");
    QTest::addColumn<int>("contextLines");
    QTest::addColumn<QString>("expected");

    QTest::newRow("added no trailing newline") << QStringLiteral("n.txt") << QStringLiteral("added") << QStringLiteral("") << QStringLiteral("last line") << QStringLiteral("") << QStringLiteral("") << 3 << QStringLiteral("diff --git a/n.txt b/n.txt\nnew file mode 100644\n--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1 @@\n+last line\n");
    QTest::newRow("added crlf") << QStringLiteral("w.txt") << QStringLiteral("added") << QStringLiteral("") << QStringLiteral("one\015\ntwo\015\n") << QStringLiteral("") << QStringLiteral("") << 3 << QStringLiteral("diff --git a/w.txt b/w.txt\nnew file mode 100644\n--- /dev/null\n+++ b/w.txt\n@@ -0,0 +1,2 @@\n+one\n+two\n");
    QTest::newRow("added only newline") << QStringLiteral("nl.txt") << QStringLiteral("added") << QStringLiteral("") << QStringLiteral("\n") << QStringLiteral("") << QStringLiteral("") << 3 << QStringLiteral("diff --git a/nl.txt b/nl.txt\nnew file mode 100644\n--- /dev/null\n+++ b/nl.txt\n@@ -0,0 +1 @@\n+\n");
    QTest::newRow("deleted empty") << QStringLiteral("e.txt") << QStringLiteral("deleted") << QStringLiteral("") << QStringLiteral("") << QStringLiteral("") << QStringLiteral("") << 3 << QStringLiteral("diff --git a/e.txt b/e.txt\ndeleted file mode 100644\n");
    QTest::newRow("deleted two lines no newline") << QStringLiteral("d.txt") << QStringLiteral("deleted") << QStringLiteral("a\nb") << QStringLiteral("") << QStringLiteral("") << QStringLiteral("") << 3 << QStringLiteral("diff --git a/d.txt b/d.txt\ndeleted file mode 100644\n--- a/d.txt\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-b\n");
    QTest::newRow("modified only final newline added") << QStringLiteral("f.txt") << QStringLiteral("modified") << QStringLiteral("x\ny") << QStringLiteral("x\ny\n") << QStringLiteral("b12bfd46b72f0123456789abcdef0123456789ab") << QStringLiteral("721fa1724f49fedcba9876543210fedcba987654") << 3 << QStringLiteral("diff --git a/f.txt b/f.txt\nindex b12bfd46b72f..721fa1724f49 100644\n");
    QTest::newRow("modified lf to crlf") << QStringLiteral("f.txt") << QStringLiteral("modified") << QStringLiteral("x\ny\n") << QStringLiteral("x\015\ny\015\n") << QStringLiteral("b12bfd46b72f0123456789abcdef0123456789ab") << QStringLiteral("721fa1724f49fedcba9876543210fedcba987654") << 3 << QStringLiteral("diff --git a/f.txt b/f.txt\nindex b12bfd46b72f..721fa1724f49 100644\n");
    QTest::newRow("modified to empty") << QStringLiteral("f.txt") << QStringLiteral("modified") << QStringLiteral("x\ny\n") << QStringLiteral("") << QStringLiteral("b12bfd46b72f0123456789abcdef0123456789ab") << QStringLiteral("721fa1724f49fedcba9876543210fedcba987654") << 3 << QStringLiteral("diff --git a/f.txt b/f.txt\nindex b12bfd46b72f..721fa1724f49 100644\n--- a/f.txt\n+++ b/f.txt\n@@ -1,2 +0,0 @@\n-x\n-y\n");
    QTest::newRow("modified from empty") << QStringLiteral("f.txt") << QStringLiteral("modified") << QStringLiteral("") << QStringLiteral("x\n") << QStringLiteral("b12bfd46b72f0123456789abcdef0123456789ab") << QStringLiteral("721fa1724f49fedcba9876543210fedcba987654") << 3 << QStringLiteral("diff --git a/f.txt b/f.txt\nindex b12bfd46b72f..721fa1724f49 100644\n--- a/f.txt\n+++ b/f.txt\n@@ -0,0 +1 @@\n+x\n");
    QTest::newRow("modified last line without newline") << QStringLiteral("f.txt") << QStringLiteral("modified") << QStringLiteral("a\nb\nc") << QStringLiteral("a\nb\nC") << QStringLiteral("b12bfd46b72f0123456789abcdef0123456789ab") << QStringLiteral("721fa1724f49fedcba9876543210fedcba987654") << 3 << QStringLiteral("diff --git a/f.txt b/f.txt\nindex b12bfd46b72f..721fa1724f49 100644\n--- a/f.txt\n+++ b/f.txt\n@@ -1,3 +1,3 @@\n a\n b\n-c\n+C\n");
    QTest::newRow("modified unicode separators") << QStringLiteral("u.txt") << QStringLiteral("modified") << QStringLiteral("a\u2028b\u0085c\n") << QStringLiteral("a\u2028B\u0085c\n") << QStringLiteral("b12bfd46b72f0123456789abcdef0123456789ab") << QStringLiteral("721fa1724f49fedcba9876543210fedcba987654") << 3 << QStringLiteral("diff --git a/u.txt b/u.txt\nindex b12bfd46b72f..721fa1724f49 100644\n--- a/u.txt\n+++ b/u.txt\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
    QTest::newRow("modified short oids") << QStringLiteral("s.txt") << QStringLiteral("modified") << QStringLiteral("a\n") << QStringLiteral("b\n") << QStringLiteral("abc") << QStringLiteral("def") << 3 << QStringLiteral("diff --git a/s.txt b/s.txt\nindex abc..def 100644\n--- a/s.txt\n+++ b/s.txt\n@@ -1 +1 @@\n-a\n+b\n");
    QTest::newRow("modified context zero") << QStringLiteral("z.txt") << QStringLiteral("modified") << QStringLiteral("1\n2\n3\n4\n5\n") << QStringLiteral("1\n2\nthree\n4\n5\n") << QStringLiteral("b12bfd46b72f0123456789abcdef0123456789ab") << QStringLiteral("721fa1724f49fedcba9876543210fedcba987654") << 0 << QStringLiteral("diff --git a/z.txt b/z.txt\nindex b12bfd46b72f..721fa1724f49 100644\n--- a/z.txt\n+++ b/z.txt\n@@ -3 +3 @@\n-3\n+three\n");
    QTest::newRow("modified two hunks") << QStringLiteral("h.txt") << QStringLiteral("modified") << QStringLiteral("L0\nL1\nL2\nL3\nL4\nL5\nL6\nL7\nL8\nL9\nL10\nL11\nL12\nL13\nL14\nL15\nL16\nL17\nL18\nL19\nL20\nL21\nL22\nL23\nL24\nL25\nL26\nL27\nL28\nL29\n") << QStringLiteral("L0\nL1\nL2\nM3\nL4\nL5\nL6\nL7\nL8\nL9\nL10\nL11\nL12\nL13\nL14\nL15\nL16\nL17\nL18\nL19\nL20\nL21\nL22\nL23\nL24\nM25\nL26\nL27\nL28\nL29\n") << QStringLiteral("b12bfd46b72f0123456789abcdef0123456789ab") << QStringLiteral("721fa1724f49fedcba9876543210fedcba987654") << 3 << QStringLiteral("diff --git a/h.txt b/h.txt\nindex b12bfd46b72f..721fa1724f49 100644\n--- a/h.txt\n+++ b/h.txt\n@@ -1,7 +1,7 @@\n L0\n L1\n L2\n-L3\n+M3\n L4\n L5\n L6\n@@ -23,7 +23,7 @@\n L22\n L23\n L24\n-L25\n+M25\n L26\n L27\n L28\n");
    QTest::newRow("unicode path") << QStringLiteral("donn\u00e9es/\u00e9t\u00e9 \U0001f389.txt") << QStringLiteral("modified") << QStringLiteral("\u00e9t\u00e9\n") << QStringLiteral("ete\n") << QStringLiteral("b12bfd46b72f0123456789abcdef0123456789ab") << QStringLiteral("721fa1724f49fedcba9876543210fedcba987654") << 3 << QStringLiteral("diff --git a/donn\u00e9es/\u00e9t\u00e9 \U0001f389.txt b/donn\u00e9es/\u00e9t\u00e9 \U0001f389.txt\nindex b12bfd46b72f..721fa1724f49 100644\n--- a/donn\u00e9es/\u00e9t\u00e9 \U0001f389.txt\n+++ b/donn\u00e9es/\u00e9t\u00e9 \U0001f389.txt\n@@ -1 +1 @@\n-\u00e9t\u00e9\n+ete\n");
}

void TestUnifiedDiff::rendersEdgeCasesLikeTheOriginal()
{
    QFETCH(QString, path);
    QFETCH(QString, changeType);
    QFETCH(QString, oldText);
    QFETCH(QString, newText);
    QFETCH(QString, oldOid);
    QFETCH(QString, newOid);
    QFETCH(int, contextLines);
    QFETCH(QString, expected);
    const QString actual =
        UnifiedDiff::render(path, *hubvault::changeKindFromString(changeType), oldText, newText, oldOid, newOid, contextLines);
    QCOMPARE(actual, expected);
    QVERIFY(actual.endsWith(QLatin1Char('\n')));
}

// Generated: "\n".join(difflib.unified_diff(a, b, "a/f", "b/f", n=n, lineterm="")).
void TestUnifiedDiff::unifiedDiffLinesMatchPython_data()
{
    QTest::addColumn<QStringList>("a");
    QTest::addColumn<QStringList>("b");
    QTest::addColumn<int>("n");
    QTest::addColumn<QString>("expected");

    QTest::newRow("both empty") << QStringList{} << QStringList{} << 3 << QStringLiteral("");
    QTest::newRow("identical") << QStringList{QStringLiteral("a"), QStringLiteral("b")} << QStringList{QStringLiteral("a"), QStringLiteral("b")} << 3 << QStringLiteral("");
    QTest::newRow("insert into empty") << QStringList{} << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -0,0 +1,3 @@\n+a\n+b\n+c");
    QTest::newRow("delete everything") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")} << QStringList{} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,3 +0,0 @@\n-a\n-b\n-c");
    QTest::newRow("one line replaced") << QStringList{QStringLiteral("Guide v1")} << QStringList{QStringLiteral("Guide v2"), QStringLiteral("more text")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n-Guide v1\n+Guide v2\n+more text");
    QTest::newRow("append line") << QStringList{QStringLiteral("# Fixture A"), QStringLiteral(""), QStringLiteral("Small files only.")} << QStringList{QStringLiteral("# Fixture A"), QStringLiteral(""), QStringLiteral("Small files only."), QStringLiteral("Second revision.")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,3 +1,4 @@\n # Fixture A\n \n Small files only.\n+Second revision.");
    QTest::newRow("context zero") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")} << QStringList{QStringLiteral("a"), QStringLiteral("B"), QStringLiteral("c"), QStringLiteral("d")} << 0 << QStringLiteral("--- a/f\n+++ b/f\n@@ -2 +2 @@\n-b\n+B");
    QTest::newRow("context one") << QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4"), QStringLiteral("5"), QStringLiteral("6")} << QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("x"), QStringLiteral("4"), QStringLiteral("5"), QStringLiteral("6")} << 1 << QStringLiteral("--- a/f\n+++ b/f\n@@ -2,3 +2,3 @@\n 2\n-3\n+x\n 4");
    QTest::newRow("two hunks separated by 14 equal lines") << QStringList{QStringLiteral("c0"), QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3"), QStringLiteral("c4"), QStringLiteral("c5"), QStringLiteral("c6"), QStringLiteral("c7"), QStringLiteral("c8"), QStringLiteral("c9"), QStringLiteral("c10"), QStringLiteral("c11"), QStringLiteral("c12"), QStringLiteral("c13"), QStringLiteral("c14"), QStringLiteral("c15"), QStringLiteral("c16"), QStringLiteral("c17"), QStringLiteral("c18"), QStringLiteral("c19")} << QStringList{QStringLiteral("c0"), QStringLiteral("c1"), QStringLiteral("X"), QStringLiteral("c3"), QStringLiteral("c4"), QStringLiteral("c5"), QStringLiteral("c6"), QStringLiteral("c7"), QStringLiteral("c8"), QStringLiteral("c9"), QStringLiteral("c10"), QStringLiteral("c11"), QStringLiteral("c12"), QStringLiteral("c13"), QStringLiteral("c14"), QStringLiteral("c15"), QStringLiteral("c16"), QStringLiteral("Y"), QStringLiteral("c18"), QStringLiteral("c19")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,6 +1,6 @@\n c0\n c1\n-c2\n+X\n c3\n c4\n c5\n@@ -15,6 +15,6 @@\n c14\n c15\n c16\n-c17\n+Y\n c18\n c19");
    QTest::newRow("gap of exactly 2n equal lines merges") << QStringList{QStringLiteral("c0"), QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3"), QStringLiteral("c4"), QStringLiteral("c5"), QStringLiteral("c6"), QStringLiteral("c7"), QStringLiteral("c8"), QStringLiteral("c9"), QStringLiteral("c10"), QStringLiteral("c11"), QStringLiteral("c12"), QStringLiteral("c13"), QStringLiteral("c14"), QStringLiteral("c15"), QStringLiteral("c16"), QStringLiteral("c17"), QStringLiteral("c18"), QStringLiteral("c19")} << QStringList{QStringLiteral("c0"), QStringLiteral("c1"), QStringLiteral("X"), QStringLiteral("c3"), QStringLiteral("c4"), QStringLiteral("c5"), QStringLiteral("c6"), QStringLiteral("c7"), QStringLiteral("c8"), QStringLiteral("Y"), QStringLiteral("c10"), QStringLiteral("c11"), QStringLiteral("c12"), QStringLiteral("c13"), QStringLiteral("c14"), QStringLiteral("c15"), QStringLiteral("c16"), QStringLiteral("c17"), QStringLiteral("c18"), QStringLiteral("c19")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,13 +1,13 @@\n c0\n c1\n-c2\n+X\n c3\n c4\n c5\n c6\n c7\n c8\n-c9\n+Y\n c10\n c11\n c12");
    QTest::newRow("gap of 2n+1 equal lines splits") << QStringList{QStringLiteral("c0"), QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3"), QStringLiteral("c4"), QStringLiteral("c5"), QStringLiteral("c6"), QStringLiteral("c7"), QStringLiteral("c8"), QStringLiteral("c9"), QStringLiteral("c10"), QStringLiteral("c11"), QStringLiteral("c12"), QStringLiteral("c13"), QStringLiteral("c14"), QStringLiteral("c15"), QStringLiteral("c16"), QStringLiteral("c17"), QStringLiteral("c18"), QStringLiteral("c19")} << QStringList{QStringLiteral("c0"), QStringLiteral("c1"), QStringLiteral("X"), QStringLiteral("c3"), QStringLiteral("c4"), QStringLiteral("c5"), QStringLiteral("c6"), QStringLiteral("c7"), QStringLiteral("c8"), QStringLiteral("c9"), QStringLiteral("Y"), QStringLiteral("c11"), QStringLiteral("c12"), QStringLiteral("c13"), QStringLiteral("c14"), QStringLiteral("c15"), QStringLiteral("c16"), QStringLiteral("c17"), QStringLiteral("c18"), QStringLiteral("c19")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,6 +1,6 @@\n c0\n c1\n-c2\n+X\n c3\n c4\n c5\n@@ -8,7 +8,7 @@\n c7\n c8\n c9\n-c10\n+Y\n c11\n c12\n c13");
    QTest::newRow("three hunks touching both ends") << QStringList{QStringLiteral("c0"), QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3"), QStringLiteral("c4"), QStringLiteral("c5"), QStringLiteral("c6"), QStringLiteral("c7"), QStringLiteral("c8"), QStringLiteral("c9"), QStringLiteral("c10"), QStringLiteral("c11"), QStringLiteral("c12"), QStringLiteral("c13"), QStringLiteral("c14"), QStringLiteral("c15"), QStringLiteral("c16"), QStringLiteral("c17"), QStringLiteral("c18"), QStringLiteral("c19")} << QStringList{QStringLiteral("first"), QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3"), QStringLiteral("c4"), QStringLiteral("c5"), QStringLiteral("c6"), QStringLiteral("c7"), QStringLiteral("c8"), QStringLiteral("c9"), QStringLiteral("mid"), QStringLiteral("c11"), QStringLiteral("c12"), QStringLiteral("c13"), QStringLiteral("c14"), QStringLiteral("c15"), QStringLiteral("c16"), QStringLiteral("c17"), QStringLiteral("c18"), QStringLiteral("last")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-c0\n+first\n c1\n c2\n c3\n@@ -8,7 +8,7 @@\n c7\n c8\n c9\n-c10\n+mid\n c11\n c12\n c13\n@@ -17,4 +17,4 @@\n c16\n c17\n c18\n-c19\n+last");
    QTest::newRow("negative context like python") << QStringList{QStringLiteral("c0"), QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3"), QStringLiteral("c4"), QStringLiteral("c5"), QStringLiteral("c6"), QStringLiteral("c7"), QStringLiteral("c8"), QStringLiteral("c9"), QStringLiteral("c10"), QStringLiteral("c11"), QStringLiteral("c12"), QStringLiteral("c13"), QStringLiteral("c14"), QStringLiteral("c15"), QStringLiteral("c16"), QStringLiteral("c17"), QStringLiteral("c18"), QStringLiteral("c19")} << QStringList{QStringLiteral("c0"), QStringLiteral("c1"), QStringLiteral("X"), QStringLiteral("c3"), QStringLiteral("c4"), QStringLiteral("c5"), QStringLiteral("c6"), QStringLiteral("c7"), QStringLiteral("c8"), QStringLiteral("c9"), QStringLiteral("c10"), QStringLiteral("c11"), QStringLiteral("c12"), QStringLiteral("c13"), QStringLiteral("c14"), QStringLiteral("c15"), QStringLiteral("c16"), QStringLiteral("Y"), QStringLiteral("c18"), QStringLiteral("c19")} << -1 << QStringLiteral("--- a/f\n+++ b/f\n@@ -4,-1 +4,-1 @@\n@@ -4,-1 +4,-1 @@\n-c2\n+X\n@@ -19,-1 +19,-1 @@\n-c17\n+Y");
    QTest::newRow("large context") << QStringList{QStringLiteral("c0"), QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3"), QStringLiteral("c4"), QStringLiteral("c5"), QStringLiteral("c6"), QStringLiteral("c7"), QStringLiteral("c8"), QStringLiteral("c9"), QStringLiteral("c10"), QStringLiteral("c11"), QStringLiteral("c12"), QStringLiteral("c13"), QStringLiteral("c14"), QStringLiteral("c15"), QStringLiteral("c16"), QStringLiteral("c17"), QStringLiteral("c18"), QStringLiteral("c19")} << QStringList{QStringLiteral("c0"), QStringLiteral("c1"), QStringLiteral("X"), QStringLiteral("c3"), QStringLiteral("c4"), QStringLiteral("c5"), QStringLiteral("c6"), QStringLiteral("c7"), QStringLiteral("c8"), QStringLiteral("c9"), QStringLiteral("c10"), QStringLiteral("c11"), QStringLiteral("c12"), QStringLiteral("c13"), QStringLiteral("c14"), QStringLiteral("c15"), QStringLiteral("c16"), QStringLiteral("Y"), QStringLiteral("c18"), QStringLiteral("c19")} << 50 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,20 +1,20 @@\n c0\n c1\n-c2\n+X\n c3\n c4\n c5\n c6\n c7\n c8\n c9\n c10\n c11\n c12\n c13\n c14\n c15\n c16\n-c17\n+Y\n c18\n c19");
    QTest::newRow("unicode lines") << QStringList{QStringLiteral("\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8"), QStringLiteral("\U0001f389"), QStringLiteral("\u00e9t\u00e9 \u2014 NFC")} << QStringList{QStringLiteral("\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8"), QStringLiteral("\U0001f38a"), QStringLiteral("\u00e9t\u00e9 \u2014 NFC"), QStringLiteral("Stra\u00dfe")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,3 +1,4 @@\n \u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\n-\U0001f389\n+\U0001f38a\n \u00e9t\u00e9 \u2014 NFC\n+Stra\u00dfe");
    QTest::newRow("blank lines shift") << QStringList{QStringLiteral(""), QStringLiteral("a"), QStringLiteral(""), QStringLiteral("b"), QStringLiteral("")} << QStringList{QStringLiteral("a"), QStringLiteral(""), QStringLiteral(""), QStringLiteral("b")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,5 +1,4 @@\n-\n a\n \n+\n b\n-");
    QTest::newRow("repeated lines") << QStringList{QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("x")} << QStringList{QStringLiteral("y"), QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("x"), QStringLiteral("y")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n+y\n x\n y\n x\n y\n-x");
    QTest::newRow("python doc example") << QStringList{QStringLiteral("q"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("x"), QStringLiteral("c"), QStringLiteral("d")} << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("y"), QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("f")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,6 +1,6 @@\n-q\n a\n b\n-x\n+y\n c\n d\n+f");
    QTest::newRow("autojunk 350 lines") << bigOld() << bigNew() << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,4 +1,5 @@\n }\n+inserted 0\n line 1\n line 2\n line 3\n@@ -23,7 +24,7 @@\n \n line 23\n line 24\n-line 25\n+changed 25\n line 26\n line 27\n }\n@@ -39,7 +40,6 @@\n line 38\n line 39\n line 40\n-line 41\n }\n line 43\n \n@@ -73,7 +73,7 @@\n line 72\n line 73\n line 74\n-line 75\n+changed 75\n line 76\n }\n line 78\n@@ -96,6 +96,7 @@\n line 95\n line 96\n line 97\n+inserted 97\n }\n \n line 100\n@@ -122,8 +123,7 @@\n \n line 122\n line 123\n-line 124\n-line 125\n+changed 125\n }\n line 127\n line 128\n@@ -173,7 +173,7 @@\n line 172\n line 173\n line 174\n-}\n+changed 175\n \n line 177\n line 178\n@@ -193,6 +193,7 @@\n line 192\n line 193\n line 194\n+inserted 194\n line 195\n }\n line 197\n@@ -205,7 +206,6 @@\n line 204\n line 205\n line 206\n-line 207\n line 208\n \n }\n@@ -223,7 +223,7 @@\n line 222\n line 223\n }\n-line 225\n+changed 225\n line 226\n line 227\n line 228\n@@ -273,7 +273,7 @@\n line 272\n }\n line 274\n-\n+changed 275\n line 276\n line 277\n line 278\n@@ -288,8 +288,8 @@\n }\n line 288\n line 289\n-line 290\n line 291\n+inserted 291\n line 292\n line 293\n }\n@@ -323,7 +323,7 @@\n }\n line 323\n line 324\n-line 325\n+changed 325\n line 326\n line 327\n line 328");
    QTest::newRow("random 0") << QStringList{QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1")} << QStringList{QStringLiteral("l0")} << 2 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,14 +1 @@\n-l1\n-l1\n-l1\n l0\n-l1\n-l1\n-l0\n-l1\n-l1\n-l0\n-l1\n-l1\n-l1\n-l1");
    QTest::newRow("random 1") << QStringList{QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l0")} << QStringList{QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l2")} << 2 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,6 +1,9 @@\n l1\n-l2\n-l2\n-l2\n+l1\n+l1\n+l0\n+l0\n+l1\n+l0\n l0\n l2\n@@ -11,6 +14,5 @@\n l1\n l2\n-l2\n-l0\n l1\n l0\n+l2");
    QTest::newRow("random 2") << QStringList{QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l1")} << QStringList{QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l1")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,8 +1,15 @@\n+l0\n+l1\n+l0\n+l1\n+l0\n+l0\n+l1\n+l1\n+l1\n l1\n l1\n l0\n l0\n l0\n-l0\n l1\n-l1");
    QTest::newRow("random 3") << QStringList{QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l3"), QStringLiteral("l4"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l1")} << QStringList{QStringLiteral("l4"), QStringLiteral("l4"), QStringLiteral("l1"), QStringLiteral("l4"), QStringLiteral("l3"), QStringLiteral("l4"), QStringLiteral("l2"), QStringLiteral("l3"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l3"), QStringLiteral("l4")} << 1 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,4 +1,5 @@\n-l2\n+l4\n+l4\n l1\n-l1\n+l4\n l3\n@@ -6,3 +7,6 @@\n l2\n-l1\n-l1\n+l3\n+l0\n+l2\n+l3\n+l4");
    QTest::newRow("random 4") << QStringList{QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l0")} << QStringList{QStringLiteral("l0"), QStringLiteral("l1")} << 0 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,7 +0,0 @@\n-l1\n-l1\n-l1\n-l1\n-l1\n-l0\n-l0\n@@ -10,3 +2,0 @@\n-l1\n-l0\n-l0");
    QTest::newRow("random 5") << QStringList{QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l0")} << QStringList{QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l0")} << 1 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1 +1,3 @@\n+l1\n+l0\n l1\n@@ -3,2 +5,4 @@\n l2\n+l2\n+l0\n l1\n@@ -6,9 +10,8 @@\n l2\n+l2\n+l2\n+l0\n+l1\n l0\n l0\n-l2\n-l1\n l0\n-l2\n-l1\n-l0");
    QTest::newRow("random 6") << QStringList{QStringLiteral("l4"), QStringLiteral("l2"), QStringLiteral("l4"), QStringLiteral("l0"), QStringLiteral("l4"), QStringLiteral("l4"), QStringLiteral("l2"), QStringLiteral("l4"), QStringLiteral("l2")} << QStringList{QStringLiteral("l1")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,9 +1 @@\n-l4\n-l2\n-l4\n-l0\n-l4\n-l4\n-l2\n-l4\n-l2\n+l1");
    QTest::newRow("random 7") << QStringList{QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l1")} << QStringList{QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l1")} << 1 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1 +1,12 @@\n+l1\n+l2\n+l2\n+l2\n+l1\n+l0\n+l1\n+l1\n+l0\n+l1\n+l0\n l0\n@@ -4,8 +15,3 @@\n l2\n-l0\n-l0\n-l0\n l2\n-l0\n-l0\n l1");
    QTest::newRow("random 8") << QStringList{QStringLiteral("l2"), QStringLiteral("l4"), QStringLiteral("l2"), QStringLiteral("l3"), QStringLiteral("l4"), QStringLiteral("l0")} << QStringList{QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l3"), QStringLiteral("l2"), QStringLiteral("l4"), QStringLiteral("l3"), QStringLiteral("l2"), QStringLiteral("l4"), QStringLiteral("l4"), QStringLiteral("l1"), QStringLiteral("l3"), QStringLiteral("l3"), QStringLiteral("l2"), QStringLiteral("l3"), QStringLiteral("l2"), QStringLiteral("l4"), QStringLiteral("l2")} << 0 << QStringLiteral("--- a/f\n+++ b/f\n@@ -0,0 +1,14 @@\n+l2\n+l2\n+l3\n+l2\n+l4\n+l3\n+l2\n+l4\n+l4\n+l1\n+l3\n+l3\n+l2\n+l3\n@@ -4,3 +17,0 @@\n-l3\n-l4\n-l0");
    QTest::newRow("random 9") << QStringList{QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l0")} << QStringList{QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l2")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,9 +1,10 @@\n-l2\n-l0\n-l0\n-l2\n-l2\n l2\n l0\n l2\n+l1\n l0\n+l2\n+l0\n+l1\n+l2\n+l2");
    QTest::newRow("random 10") << QStringList{QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l2")} << QStringList{QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l1")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,15 +1,9 @@\n+l0\n+l1\n+l1\n+l2\n l2\n l2\n l0\n+l0\n l1\n-l0\n-l2\n-l0\n-l2\n-l1\n-l1\n-l1\n-l2\n-l1\n-l0\n-l2");
    QTest::newRow("random 11") << QStringList{QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l3"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l3"), QStringLiteral("l1"), QStringLiteral("l3"), QStringLiteral("l3"), QStringLiteral("l3"), QStringLiteral("l0")} << QStringList{QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l3"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l3"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,17 +1,10 @@\n-l0\n-l1\n-l0\n-l1\n-l1\n-l0\n-l2\n-l3\n-l2\n l0\n l0\n l3\n l1\n+l2\n+l0\n l3\n-l3\n-l3\n-l0\n+l1\n+l1\n+l1");
    QTest::newRow("random 12") << QStringList{QStringLiteral("l2"), QStringLiteral("l4"), QStringLiteral("l1"), QStringLiteral("l4"), QStringLiteral("l4"), QStringLiteral("l4"), QStringLiteral("l5"), QStringLiteral("l5"), QStringLiteral("l3"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l2")} << QStringList{QStringLiteral("l3"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l4"), QStringLiteral("l2"), QStringLiteral("l5"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l3"), QStringLiteral("l4"), QStringLiteral("l5"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l3"), QStringLiteral("l4")} << 2 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,12 +1,15 @@\n-l2\n-l4\n-l1\n-l4\n-l4\n-l4\n-l5\n-l5\n l3\n l2\n l2\n+l4\n l2\n+l5\n+l1\n+l0\n+l3\n+l4\n+l5\n+l0\n+l2\n+l3\n+l4");
    QTest::newRow("random 13") << QStringList{QStringLiteral("l4"), QStringLiteral("l3"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l4"), QStringLiteral("l1"), QStringLiteral("l4"), QStringLiteral("l3"), QStringLiteral("l0"), QStringLiteral("l1")} << QStringList{QStringLiteral("l4"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l3"), QStringLiteral("l2"), QStringLiteral("l3")} << 1 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,12 +1,7 @@\n l4\n-l3\n-l1\n+l2\n l2\n l1\n+l3\n l2\n-l4\n-l1\n-l4\n l3\n-l0\n-l1");
    QTest::newRow("random 14") << QStringList{QStringLiteral("l0"), QStringLiteral("l4"), QStringLiteral("l5"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l5"), QStringLiteral("l4"), QStringLiteral("l3"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l2")} << QStringList{QStringLiteral("l2"), QStringLiteral("l4"), QStringLiteral("l4"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l3"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l4"), QStringLiteral("l1"), QStringLiteral("l3"), QStringLiteral("l2")} << 2 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,11 +1,15 @@\n-l0\n+l2\n l4\n-l5\n+l4\n l0\n l0\n-l5\n+l3\n+l2\n+l0\n+l1\n+l2\n+l2\n l4\n+l1\n l3\n-l0\n-l0\n l2");
    QTest::newRow("random 15") << QStringList{QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l3"), QStringLiteral("l0"), QStringLiteral("l3"), QStringLiteral("l1"), QStringLiteral("l3"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l3"), QStringLiteral("l0"), QStringLiteral("l3"), QStringLiteral("l1")} << QStringList{QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l3"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l3"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l3"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l3")} << 1 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,7 +1,2 @@\n l0\n-l2\n-l1\n-l3\n-l0\n-l3\n l1\n@@ -10,9 +5,12 @@\n l1\n+l0\n l2\n+l2\n+l3\n+l2\n+l2\n+l3\n l1\n-l1\n-l1\n-l3\n+l2\n l0\n l3\n-l1");
    QTest::newRow("random 16") << QStringList{QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l2")} << QStringList{QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l2")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,9 +1,6 @@\n l0\n-l1\n l0\n l2\n l1\n l1\n-l0\n-l1\n l2");
    QTest::newRow("random 17") << QStringList{QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l0")} << QStringList{} << 0 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,12 +0,0 @@\n-l1\n-l1\n-l1\n-l1\n-l0\n-l1\n-l1\n-l1\n-l1\n-l0\n-l0\n-l0");
    QTest::newRow("random 18") << QStringList{QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l1")} << QStringList{QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l3"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l3"), QStringLiteral("l3")} << 0 << QStringLiteral("--- a/f\n+++ b/f\n@@ -0,0 +1,6 @@\n+l2\n+l0\n+l0\n+l3\n+l2\n+l0\n@@ -4 +9,0 @@\n-l0\n@@ -6,0 +12,2 @@\n+l3\n+l3");
    QTest::newRow("random 19") << QStringList{QStringLiteral("l3"), QStringLiteral("l2"), QStringLiteral("l1")} << QStringList{QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l5"), QStringLiteral("l3"), QStringLiteral("l2"), QStringLiteral("l3"), QStringLiteral("l4"), QStringLiteral("l1"), QStringLiteral("l3"), QStringLiteral("l4"), QStringLiteral("l1"), QStringLiteral("l1")} << 0 << QStringLiteral("--- a/f\n+++ b/f\n@@ -0,0 +1,5 @@\n+l1\n+l2\n+l0\n+l1\n+l5\n@@ -2,0 +8,2 @@\n+l3\n+l4\n@@ -3,0 +11,4 @@\n+l3\n+l4\n+l1\n+l1");
    QTest::newRow("random 20") << QStringList{QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l2")} << QStringList{QStringLiteral("l0"), QStringLiteral("l1")} << 0 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,5 +0,0 @@\n-l2\n-l1\n-l2\n-l1\n-l2\n@@ -8,4 +2,0 @@\n-l1\n-l0\n-l1\n-l2");
    QTest::newRow("random 21") << QStringList{QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l2")} << QStringList{QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("l2")} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,17 +1,10 @@\n+l2\n l0\n l0\n l1\n-l1\n-l0\n l2\n l2\n-l1\n-l2\n-l0\n-l1\n l1\n l1\n l2\n l2\n-l0\n-l2");
    QTest::newRow("random 22") << QStringList{QStringLiteral("l0"), QStringLiteral("l3"), QStringLiteral("l3"), QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l3"), QStringLiteral("l3")} << QStringList{QStringLiteral("l2"), QStringLiteral("l2")} << 2 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,9 +1,2 @@\n-l0\n-l3\n-l3\n l2\n-l0\n-l0\n-l1\n-l3\n-l3\n+l2");
    QTest::newRow("random 23") << QStringList{QStringLiteral("l2"), QStringLiteral("l0"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("l0")} << QStringList{} << 3 << QStringLiteral("--- a/f\n+++ b/f\n@@ -1,11 +0,0 @@\n-l2\n-l0\n-l1\n-l0\n-l2\n-l2\n-l1\n-l0\n-l2\n-l1\n-l0");
    QTest::newRow("random 24") << QStringList{QStringLiteral("l0"), QStringLiteral("l4"), QStringLiteral("l1"), QStringLiteral("l0"), QStringLiteral("l4"), QStringLiteral("l4"), QStringLiteral("l3"), QStringLiteral("l0"), QStringLiteral("l2")} << QStringList{QStringLiteral("l0"), QStringLiteral("l0"), QStringLiteral("l2"), QStringLiteral("l2")} << 0 << QStringLiteral("--- a/f\n+++ b/f\n@@ -2,6 +1,0 @@\n-l4\n-l1\n-l0\n-l4\n-l4\n-l3\n@@ -9,0 +4 @@\n+l2");
}

void TestUnifiedDiff::unifiedDiffLinesMatchPython()
{
    QFETCH(QStringList, a);
    QFETCH(QStringList, b);
    QFETCH(int, n);
    QFETCH(QString, expected);
    const QStringList lines =
        UnifiedDiff::unifiedDiffLines(a, b, QStringLiteral("a/f"), QStringLiteral("b/f"), n);
    QCOMPARE(lines.join(QLatin1Char('\n')), expected);
}

// Generated: text.splitlines().
void TestUnifiedDiff::splitLinesMatchesPythonSplitlines_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("split 0") << QStringLiteral("") << QStringList{};
    QTest::newRow("split 1") << QStringLiteral("a") << QStringList{QStringLiteral("a")};
    QTest::newRow("split 2") << QStringLiteral("a\n") << QStringList{QStringLiteral("a")};
    QTest::newRow("split 3") << QStringLiteral("a\nb") << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("split 4") << QStringLiteral("a\nb\n") << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("split 5") << QStringLiteral("\n") << QStringList{QStringLiteral("")};
    QTest::newRow("split 6") << QStringLiteral("\n\n") << QStringList{QStringLiteral(""), QStringLiteral("")};
    QTest::newRow("split 7") << QStringLiteral("a\015\nb") << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("split 8") << QStringLiteral("a\015b") << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("split 9") << QStringLiteral("a\015\n\015\nb") << QStringList{QStringLiteral("a"), QStringLiteral(""), QStringLiteral("b")};
    QTest::newRow("split 10") << QStringLiteral("a\015\015\nb") << QStringList{QStringLiteral("a"), QStringLiteral(""), QStringLiteral("b")};
    QTest::newRow("split 11") << QStringLiteral("a\013b\014c") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    QTest::newRow("split 12") << QStringLiteral("a\034b\035c\036d") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
    QTest::newRow("split 13") << QStringLiteral("a\u0085b") << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("split 14") << QStringLiteral("a\u2028b\u2029c") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    QTest::newRow("split 15") << QStringLiteral("tab\011keeps") << QStringList{QStringLiteral("tab\011keeps")};
    QTest::newRow("split 16") << QStringLiteral("\U0001f389\n\u65e5\u672c\n") << QStringList{QStringLiteral("\U0001f389"), QStringLiteral("\u65e5\u672c")};
    QTest::newRow("split 17") << QStringLiteral("\015") << QStringList{QStringLiteral("")};
    QTest::newRow("split 18") << QStringLiteral("\015\n") << QStringList{QStringLiteral("")};
    QTest::newRow("split 19") << QStringLiteral("no break at end") << QStringList{QStringLiteral("no break at end")};
}

void TestUnifiedDiff::splitLinesMatchesPythonSplitlines()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QCOMPARE(UnifiedDiff::splitLines(text), expected);
}

// Generated: difflib._format_range_unified(start, stop).
void TestUnifiedDiff::formatRangeUnifiedMatchesPython_data()
{
    QTest::addColumn<int>("start");
    QTest::addColumn<int>("stop");
    QTest::addColumn<QString>("expected");

    QTest::newRow("range 0,0") << 0 << 0 << QStringLiteral("0,0");
    QTest::newRow("range 0,1") << 0 << 1 << QStringLiteral("1");
    QTest::newRow("range 0,2") << 0 << 2 << QStringLiteral("1,2");
    QTest::newRow("range 4,5") << 4 << 5 << QStringLiteral("5");
    QTest::newRow("range 4,4") << 4 << 4 << QStringLiteral("4,0");
    QTest::newRow("range 4,9") << 4 << 9 << QStringLiteral("5,5");
    QTest::newRow("range 9,4") << 9 << 4 << QStringLiteral("10,-5");
    QTest::newRow("range -2,0") << -2 << 0 << QStringLiteral("-1,2");
}

void TestUnifiedDiff::formatRangeUnifiedMatchesPython()
{
    QFETCH(int, start);
    QFETCH(int, stop);
    QFETCH(QString, expected);
    QCOMPARE(UnifiedDiff::formatRangeUnified(start, stop), expected);
}

// The example from the difflib documentation of get_opcodes().
void TestUnifiedDiff::opcodesMatchPythonDocExample()
{
    auto chars = [](const QString &s) {
        QStringList out;
        for (QChar c : s)
            out << QString(c);
        return out;
    };
    SequenceMatcher matcher(chars(QStringLiteral("qabxcd")), chars(QStringLiteral("abycdf")));
    using Tag = SequenceMatcher::Tag;
    const std::vector<SequenceMatcher::Opcode> expected{
        {Tag::Delete, 0, 1, 0, 0}, {Tag::Equal, 1, 3, 0, 2}, {Tag::Replace, 3, 4, 2, 3},
        {Tag::Equal, 4, 6, 3, 5}, {Tag::Insert, 6, 6, 5, 6}};
    QVERIFY(matcher.opcodes() == expected);
    const std::vector<SequenceMatcher::Match> blocks{{1, 0, 2}, {4, 3, 2}, {6, 6, 0}};
    QVERIFY(matcher.matchingBlocks() == blocks);
}

// With 250 copies of "}" in b, "}" is popular and leaves b2j, so the only
// anchor left is "x"; Python (autojunk=True) reports
// [insert 0:0 0:250, equal 0:1 250:251, delete 1:251 251:251].
void TestUnifiedDiff::autojunkDropsPopularLinesFromTheIndex()
{
    QStringList a{QStringLiteral("x")};
    QStringList b;
    for (int i = 0; i < 250; ++i) {
        a << QStringLiteral("}");
        b << QStringLiteral("}");
    }
    b << QStringLiteral("x");

    SequenceMatcher matcher(a, b);
    using Tag = SequenceMatcher::Tag;
    const std::vector<SequenceMatcher::Opcode> expected{
        {Tag::Insert, 0, 0, 0, 250}, {Tag::Equal, 0, 1, 250, 251}, {Tag::Delete, 1, 251, 251, 251}};
    QVERIFY(matcher.opcodes() == expected);

    const QStringList lines =
        UnifiedDiff::unifiedDiffLines(a, b, QStringLiteral("a/f"), QStringLiteral("b/f"));
    QCOMPARE(lines.size(), 2 + 1 + 250 + 1 + 250);
    QCOMPARE(lines.at(2), QStringLiteral("@@ -1,251 +1,251 @@"));
    QCOMPARE(lines.at(3), QStringLiteral("+}"));
    QCOMPARE(lines.at(253), QStringLiteral(" x"));
    QCOMPARE(lines.last(), QStringLiteral("-}"));
}

// Below 200 lines in b there is no autojunk: the long "}" run is the match.
void TestUnifiedDiff::smallSequencesAreNeverAutojunked()
{
    QStringList a{QStringLiteral("x")};
    QStringList b;
    for (int i = 0; i < 150; ++i) {
        a << QStringLiteral("}");
        b << QStringLiteral("}");
    }
    b << QStringLiteral("x");
    SequenceMatcher matcher(a, b);
    using Tag = SequenceMatcher::Tag;
    const std::vector<SequenceMatcher::Opcode> expected{
        {Tag::Delete, 0, 1, 0, 0}, {Tag::Equal, 1, 151, 0, 150}, {Tag::Insert, 151, 151, 150, 151}};
    QVERIFY(matcher.opcodes() == expected);
}

// A 256 KiB-class text (the original's inline diff limit) with scattered edits.
void TestUnifiedDiff::largeInputStaysFast()
{
    QString oldText;
    QString newText;
    for (int i = 0; i < 20000; ++i) {
        const QString line = (i % 5 == 0) ? QStringLiteral("}\n") : QStringLiteral("row %1\n").arg(i);
        oldText += line;
        newText += (i % 400 == 7) ? QStringLiteral("edited %1\n").arg(i) : line;
    }
    QElapsedTimer timer;
    timer.start();
    const QString diff = UnifiedDiff::render(QStringLiteral("big.txt"), hubvault::ChangeKind::Modified, oldText,
                                             newText, kOldOid, kNewOid);
    QVERIFY2(timer.elapsed() < 5000, "diffing 20000 lines should take well under a second");
    QCOMPARE(diff.count(QStringLiteral("\n@@ ")), 50);
    QCOMPARE(diff.count(QStringLiteral("\n+edited ")), 50);
}

// Python has no int overflow: any context beyond the file size shows the
// whole file, and a hugely negative one must not crash.
void TestUnifiedDiff::extremeContextSizesDoNotOverflow()
{
    QString oldText;
    for (int i = 0; i < 40; ++i)
        oldText += QStringLiteral("line %1\n").arg(i);
    QString newText = oldText;
    newText.replace(QStringLiteral("line 20\n"), QStringLiteral("line twenty\n"));
    const auto render = [&](int n) {
        return UnifiedDiff::render(QStringLiteral("f.txt"), hubvault::ChangeKind::Modified, oldText, newText,
                                   kOldOid, kNewOid, n);
    };
    QCOMPARE(render(std::numeric_limits<int>::max()), render(40));
    QVERIFY(render(std::numeric_limits<int>::max()).contains(QStringLiteral("@@ -1,40 +1,40 @@")));
    QVERIFY(render(std::numeric_limits<int>::min()).startsWith(QStringLiteral("diff --git a/f.txt b/f.txt\n")));
}

QTEST_APPLESS_MAIN(TestUnifiedDiff)
#include "tst_unified_diff.moc"
