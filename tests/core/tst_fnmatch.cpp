// Allow/ignore patterns must select exactly the paths hubvault 0.0.2 selects
// with Python's fnmatch (docs/format.md 9.2). Expected values in the table were
// produced once with CPython 3.11's fnmatch.fnmatchcase and are kept as
// literals, so the suite needs no Python.

#include <hubvault/FnMatch.h>

#include <QtTest>

using hubvault::FnMatch;

class TestFnMatch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesLikePythonFnmatchcase_data();
    void matchesLikePythonFnmatchcase();
    void compiledPatternAgreesWithStaticMatch_data();
    void compiledPatternAgreesWithStaticMatch();
    void matchAnyNeedsOneMatchingPattern();
    void matchAnyOfNoPatternsIsFalse();
    void cacheSurvivesManyDistinctPatterns();
    void pathologicalStarsDoNotExplode();
};

void TestFnMatch::matchesLikePythonFnmatchcase_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("expected");

    QTest::newRow("star matches empty") << QStringLiteral("") << QStringLiteral("*") << true;
    QTest::newRow("star crosses slash") << QStringLiteral("a/b/c") << QStringLiteral("*") << true;
    QTest::newRow("star matches newline") << QStringLiteral("a\nb") << QStringLiteral("*") << true;
    QTest::newRow("suffix") << QStringLiteral("dir/a.txt") << QStringLiteral("*.txt") << true;
    QTest::newRow("suffix miss") << QStringLiteral("dir/a.txt.bak") << QStringLiteral("*.txt") << false;
    QTest::newRow("dir prefix deep") << QStringLiteral("nested/deep/x.bin") << QStringLiteral("nested/*") << true;
    QTest::newRow("dir prefix sibling") << QStringLiteral("nestedx/y") << QStringLiteral("nested/*") << false;
    QTest::newRow("trailing slash is literal") << QStringLiteral("nested/x") << QStringLiteral("nested/") << false;
    QTest::newRow("exact") << QStringLiteral("README.md") << QStringLiteral("README.md") << true;
    QTest::newRow("case sensitive") << QStringLiteral("a.txt") << QStringLiteral("*.TXT") << false;
    QTest::newRow("leading dot not special") << QStringLiteral(".hidden") << QStringLiteral("*") << true;
    QTest::newRow("question one char") << QStringLiteral("a") << QStringLiteral("\?") << true;
    QTest::newRow("question two chars") << QStringLiteral("ab") << QStringLiteral("\?") << false;
    QTest::newRow("question empty") << QStringLiteral("") << QStringLiteral("\?") << false;
    QTest::newRow("question emoji is one char") << QStringLiteral("\U0001f389") << QStringLiteral("\?") << true;
    QTest::newRow("question newline") << QStringLiteral("\n") << QStringLiteral("\?") << true;
    QTest::newRow("question slash") << QStringLiteral("/") << QStringLiteral("\?") << true;
    QTest::newRow("empty pattern empty name") << QStringLiteral("") << QStringLiteral("") << true;
    QTest::newRow("empty pattern") << QStringLiteral("a") << QStringLiteral("") << false;
    QTest::newRow("set") << QStringLiteral("b") << QStringLiteral("[abc]") << true;
    QTest::newRow("set miss") << QStringLiteral("d") << QStringLiteral("[abc]") << false;
    QTest::newRow("negated set") << QStringLiteral("d") << QStringLiteral("[!abc]") << true;
    QTest::newRow("negated set miss") << QStringLiteral("a") << QStringLiteral("[!abc]") << false;
    QTest::newRow("range") << QStringLiteral("m") << QStringLiteral("[a-z]") << true;
    QTest::newRow("range miss upper") << QStringLiteral("M") << QStringLiteral("[a-z]") << false;
    QTest::newRow("negated range") << QStringLiteral("M") << QStringLiteral("[!a-z]") << true;
    QTest::newRow("bracket first literal") << QStringLiteral("]") << QStringLiteral("[]]") << true;
    QTest::newRow("bracket first literal miss") << QStringLiteral("a") << QStringLiteral("[]]") << false;
    QTest::newRow("negated bracket first") << QStringLiteral("a") << QStringLiteral("[!]]") << true;
    QTest::newRow("negated bracket first miss") << QStringLiteral("]") << QStringLiteral("[!]]") << false;
    QTest::newRow("range from bracket") << QStringLiteral("^") << QStringLiteral("[]-a]") << true;
    QTest::newRow("trailing dash literal") << QStringLiteral("-") << QStringLiteral("[a-]") << true;
    QTest::newRow("leading dash literal") << QStringLiteral("-") << QStringLiteral("[-a]") << true;
    QTest::newRow("negated leading dash") << QStringLiteral("-") << QStringLiteral("[!-a]") << false;
    QTest::newRow("negated leading dash other") << QStringLiteral("b") << QStringLiteral("[!-a]") << true;
    QTest::newRow("reversed range never") << QStringLiteral("m") << QStringLiteral("[z-a]") << false;
    QTest::newRow("reversed range never a") << QStringLiteral("a") << QStringLiteral("[z-a]") << false;
    QTest::newRow("negated reversed range any") << QStringLiteral("q") << QStringLiteral("[!z-a]") << true;
    QTest::newRow("reversed range then bang") << QStringLiteral("q") << QStringLiteral("[z-a!]") << true;
    QTest::newRow("dash after range literal") << QStringLiteral("-") << QStringLiteral("[a-c-e]") << true;
    QTest::newRow("dash after range e") << QStringLiteral("e") << QStringLiteral("[a-c-e]") << true;
    QTest::newRow("dash after range d") << QStringLiteral("d") << QStringLiteral("[a-c-e]") << false;
    QTest::newRow("backslash in set") << QStringLiteral("\\") << QStringLiteral("[\\]") << true;
    QTest::newRow("backslash is not escape") << QStringLiteral("\\*") << QStringLiteral("\\*") << true;
    QTest::newRow("backslash then star") << QStringLiteral("\\abc") << QStringLiteral("\\*") << true;
    QTest::newRow("caret literal") << QStringLiteral("^") << QStringLiteral("[^a]") << true;
    QTest::newRow("caret literal a") << QStringLiteral("a") << QStringLiteral("[^a]") << true;
    QTest::newRow("caret other") << QStringLiteral("b") << QStringLiteral("[^a]") << false;
    QTest::newRow("ampersands") << QStringLiteral("&") << QStringLiteral("[&&]") << true;
    QTest::newRow("tildes and pipes") << QStringLiteral("|") << QStringLiteral("[~~||]") << true;
    QTest::newRow("open bracket in set") << QStringLiteral("[") << QStringLiteral("[[]") << true;
    QTest::newRow("lone open bracket") << QStringLiteral("[") << QStringLiteral("[") << true;
    QTest::newRow("unclosed set literal") << QStringLiteral("[a") << QStringLiteral("[a") << true;
    QTest::newRow("unclosed set not a set") << QStringLiteral("a") << QStringLiteral("[a") << false;
    QTest::newRow("negated unclosed") << QStringLiteral("[!]") << QStringLiteral("[!]") << true;
    QTest::newRow("negated unclosed bang") << QStringLiteral("[!") << QStringLiteral("[!") << true;
    QTest::newRow("empty brackets literal") << QStringLiteral("[]") << QStringLiteral("[]") << true;
    QTest::newRow("double star") << QStringLiteral("a/b") << QStringLiteral("**") << true;
    QTest::newRow("stars between") << QStringLiteral("a-x-b-y-c") << QStringLiteral("a*b*c") << true;
    QTest::newRow("stars between miss") << QStringLiteral("a-x-b-y") << QStringLiteral("a*b*c") << false;
    QTest::newRow("backtracking") << QStringLiteral("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab") << QStringLiteral("*a*a*a*a*a*b") << true;
    QTest::newRow("backtracking miss") << QStringLiteral("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa") << QStringLiteral("*a*a*a*a*a*b") << false;
    QTest::newRow("regex dot literal") << QStringLiteral("abc") << QStringLiteral("a.c") << false;
    QTest::newRow("regex plus literal") << QStringLiteral("a+b") << QStringLiteral("a+b") << true;
    QTest::newRow("regex parens literal") << QStringLiteral("(x)|$") << QStringLiteral("(x)|$") << true;
    QTest::newRow("braces literal") << QStringLiteral("{a,b}") << QStringLiteral("{a,b}") << true;
    QTest::newRow("braces not alternation") << QStringLiteral("a") << QStringLiteral("{a,b}") << false;
    QTest::newRow("unicode range") << QStringLiteral("\u00e9") << QStringLiteral("[\u00e0-\u00ff]") << true;
    QTest::newRow("unicode range miss") << QStringLiteral("e") << QStringLiteral("[\u00e0-\u00ff]") << false;
    QTest::newRow("astral in set") << QStringLiteral("\U0001f389") << QStringLiteral("[\U0001f389x]") << true;
    QTest::newRow("astral range") << QStringLiteral("\U0001f38a") << QStringLiteral("[\U0001f389-\U0001f38b]") << true;
    QTest::newRow("japanese") << QStringLiteral("\u65e5\u672c\u8a9e/\u30d5\u30a1\u30a4\u30eb.txt") << QStringLiteral("\u65e5\u672c\u8a9e/*.txt") << true;
    QTest::newRow("space path") << QStringLiteral("with space/file name.txt") << QStringLiteral("with space/*") << true;
    QTest::newRow("set newline") << QStringLiteral("\n") << QStringLiteral("[!a]") << true;
    QTest::newRow("question in middle") << QStringLiteral("data-01.bin") << QStringLiteral("data-\?\?.bin") << true;
    QTest::newRow("mixed") << QStringLiteral("models/v2/weights.safetensors") << QStringLiteral("models/v[0-9]/*.safe*") << true;
    QTest::newRow("random 76") << QStringLiteral("a") << QStringLiteral("\?") << true;
    QTest::newRow("random 77") << QStringLiteral("zb-") << QStringLiteral("[-]^\?]") << false;
    QTest::newRow("random 78") << QStringLiteral("z") << QStringLiteral("\?") << true;
    QTest::newRow("random 79") << QStringLiteral("") << QStringLiteral("z]*[") << false;
    QTest::newRow("random 80") << QStringLiteral("a") << QStringLiteral("*") << true;
    QTest::newRow("random 81") << QStringLiteral("") << QStringLiteral("^a\\a^!z") << false;
    QTest::newRow("random 82") << QStringLiteral("--a") << QStringLiteral("*\?") << true;
    QTest::newRow("random 83") << QStringLiteral("\\b!") << QStringLiteral("[[![b\?a") << false;
    QTest::newRow("random 84") << QStringLiteral("^") << QStringLiteral("\?") << true;
    QTest::newRow("random 85") << QStringLiteral("b!z") << QStringLiteral("a^^!]a") << false;
    QTest::newRow("random 86") << QStringLiteral("!\\]") << QStringLiteral("*") << true;
    QTest::newRow("random 87") << QStringLiteral("[b\\") << QStringLiteral("-") << false;
    QTest::newRow("random 88") << QStringLiteral("") << QStringLiteral("*") << true;
    QTest::newRow("random 89") << QStringLiteral("z") << QStringLiteral("a[z^!^") << false;
    QTest::newRow("random 90") << QStringLiteral("ab") << QStringLiteral("*") << true;
    QTest::newRow("random 91") << QStringLiteral("-^b") << QStringLiteral("]^!![z!") << false;
    QTest::newRow("random 92") << QStringLiteral("]") << QStringLiteral("\?*") << true;
    QTest::newRow("random 93") << QStringLiteral("][") << QStringLiteral("bzzb-![") << false;
    QTest::newRow("random 94") << QStringLiteral("[") << QStringLiteral("\?") << true;
    QTest::newRow("random 95") << QStringLiteral("") << QStringLiteral("]") << false;
    QTest::newRow("random 96") << QStringLiteral("[z") << QStringLiteral("*") << true;
    QTest::newRow("random 97") << QStringLiteral("") << QStringLiteral("*!\\!bb") << false;
    QTest::newRow("random 98") << QStringLiteral("\\") << QStringLiteral("\?") << true;
    QTest::newRow("random 99") << QStringLiteral("") << QStringLiteral("*!!*\\[\?") << false;
    QTest::newRow("random 100") << QStringLiteral("!a") << QStringLiteral("!*\?") << true;
    QTest::newRow("random 101") << QStringLiteral("b") << QStringLiteral("][a\\!\?") << false;
    QTest::newRow("random 102") << QStringLiteral("b") << QStringLiteral("b") << true;
    QTest::newRow("random 103") << QStringLiteral("") << QStringLiteral("[-") << false;
    QTest::newRow("random 104") << QStringLiteral("[") << QStringLiteral("*") << true;
    QTest::newRow("random 105") << QStringLiteral("^") << QStringLiteral("z\\") << false;
    QTest::newRow("random 106") << QStringLiteral("^") << QStringLiteral("*^") << true;
    QTest::newRow("random 107") << QStringLiteral("^") << QStringLiteral("\\![b") << false;
    QTest::newRow("random 108") << QStringLiteral("a-") << QStringLiteral("*-*") << true;
    QTest::newRow("random 109") << QStringLiteral("") << QStringLiteral("\?--\\") << false;
    QTest::newRow("random 110") << QStringLiteral("-b^") << QStringLiteral("*") << true;
    QTest::newRow("random 111") << QStringLiteral("") << QStringLiteral("^*^\?") << false;
    QTest::newRow("random 112") << QStringLiteral("a") << QStringLiteral("a*") << true;
    QTest::newRow("random 113") << QStringLiteral("-") << QStringLiteral("\\]z--") << false;
    QTest::newRow("random 114") << QStringLiteral("\\") << QStringLiteral("\?*") << true;
    QTest::newRow("random 115") << QStringLiteral("za") << QStringLiteral("!") << false;
    QTest::newRow("random 116") << QStringLiteral("\\a") << QStringLiteral("*\?") << true;
    QTest::newRow("random 117") << QStringLiteral("[!b") << QStringLiteral("z]^\\b") << false;
    QTest::newRow("random 118") << QStringLiteral("]z") << QStringLiteral("]z") << true;
    QTest::newRow("random 119") << QStringLiteral("") << QStringLiteral("-^z") << false;
    QTest::newRow("random 120") << QStringLiteral("z^") << QStringLiteral("*") << true;
    QTest::newRow("random 121") << QStringLiteral("") << QStringLiteral("]z[z[[") << false;
    QTest::newRow("random 122") << QStringLiteral("^") << QStringLiteral("*") << true;
    QTest::newRow("random 123") << QStringLiteral("") << QStringLiteral("b") << false;
    QTest::newRow("random 124") << QStringLiteral("z!") << QStringLiteral("*") << true;
    QTest::newRow("random 125") << QStringLiteral("b!]") << QStringLiteral("!a-]") << false;
    QTest::newRow("random 126") << QStringLiteral("^z") << QStringLiteral("*") << true;
    QTest::newRow("random 127") << QStringLiteral("z") << QStringLiteral("]b!-") << false;
    QTest::newRow("random 128") << QStringLiteral("!\\") << QStringLiteral("*") << true;
    QTest::newRow("random 129") << QStringLiteral("") << QStringLiteral("![-b") << false;
    QTest::newRow("random 130") << QStringLiteral("]") << QStringLiteral("\?") << true;
    QTest::newRow("random 131") << QStringLiteral("zb[") << QStringLiteral("*z]a\\*") << false;
    QTest::newRow("random 132") << QStringLiteral("aa") << QStringLiteral("*") << true;
    QTest::newRow("random 133") << QStringLiteral("-]a") << QStringLiteral("\?\\") << false;
    QTest::newRow("random 134") << QStringLiteral("z-") << QStringLiteral("\?-") << true;
    QTest::newRow("random 135") << QStringLiteral("]\\") << QStringLiteral("][z") << false;
    QTest::newRow("random 136") << QStringLiteral("^a]") << QStringLiteral("^*") << true;
    QTest::newRow("random 137") << QStringLiteral("!") << QStringLiteral("\?\\\?z^") << false;
    QTest::newRow("random 138") << QStringLiteral("[b") << QStringLiteral("*") << true;
    QTest::newRow("random 139") << QStringLiteral("") << QStringLiteral("^]-") << false;
    QTest::newRow("random 140") << QStringLiteral("--z") << QStringLiteral("***") << true;
    QTest::newRow("random 141") << QStringLiteral("[-") << QStringLiteral("\?az[**") << false;
    QTest::newRow("random 142") << QStringLiteral("!z") << QStringLiteral("**") << true;
    QTest::newRow("random 143") << QStringLiteral("^]!") << QStringLiteral("-!a]") << false;
    QTest::newRow("random 144") << QStringLiteral("!") << QStringLiteral("!") << true;
    QTest::newRow("random 145") << QStringLiteral("[b") << QStringLiteral("!\\![]]b") << false;
    QTest::newRow("random 146") << QStringLiteral("a]") << QStringLiteral("*\?]") << true;
    QTest::newRow("random 147") << QStringLiteral("-") << QStringLiteral("zaaz]ab") << false;
    QTest::newRow("random 148") << QStringLiteral("zb") << QStringLiteral("*\?") << true;
    QTest::newRow("random 149") << QStringLiteral("a") << QStringLiteral("az[[a") << false;
    QTest::newRow("random 150") << QStringLiteral("\\-") << QStringLiteral("*") << true;
    QTest::newRow("random 151") << QStringLiteral("^zz") << QStringLiteral("\\^\?\?") << false;
    QTest::newRow("random 152") << QStringLiteral("]b") << QStringLiteral("*") << true;
    QTest::newRow("random 153") << QStringLiteral("!a!") << QStringLiteral("!") << false;
    QTest::newRow("random 154") << QStringLiteral("b]b") << QStringLiteral("*") << true;
    QTest::newRow("random 155") << QStringLiteral("b") << QStringLiteral("z") << false;
    QTest::newRow("random 156") << QStringLiteral("-") << QStringLiteral("-") << true;
    QTest::newRow("random 157") << QStringLiteral("]z") << QStringLiteral("\\[!ab!") << false;
    QTest::newRow("random 158") << QStringLiteral("-\\") << QStringLiteral("\?\?") << true;
    QTest::newRow("random 159") << QStringLiteral("[-\\") << QStringLiteral("!!b") << false;
}

void TestFnMatch::matchesLikePythonFnmatchcase()
{
    QFETCH(QString, name);
    QFETCH(QString, pattern);
    QFETCH(bool, expected);
    QCOMPARE(FnMatch::match(name, pattern), expected);
}

void TestFnMatch::compiledPatternAgreesWithStaticMatch_data()
{
    matchesLikePythonFnmatchcase_data();
}

void TestFnMatch::compiledPatternAgreesWithStaticMatch()
{
    QFETCH(QString, name);
    QFETCH(QString, pattern);
    QFETCH(bool, expected);
    const FnMatch compiled(pattern);
    QCOMPARE(compiled.pattern(), pattern);
    QCOMPARE(compiled.matches(name), expected);
}

void TestFnMatch::matchAnyNeedsOneMatchingPattern()
{
    const QStringList patterns{QStringLiteral("*.bin"), QStringLiteral("docs/*"), QStringLiteral("README.?d")};
    QVERIFY(FnMatch::matchAny(QStringLiteral("models/a.bin"), patterns));
    QVERIFY(FnMatch::matchAny(QStringLiteral("docs/api/index.md"), patterns));
    QVERIFY(FnMatch::matchAny(QStringLiteral("README.md"), patterns));
    QVERIFY(!FnMatch::matchAny(QStringLiteral("README.txt"), patterns));
    QVERIFY(!FnMatch::matchAny(QStringLiteral("src/main.py"), patterns));
}

// The QUIRK in docs/format.md 9.2: an explicit empty allow list selects nothing.
void TestFnMatch::matchAnyOfNoPatternsIsFalse()
{
    QVERIFY(!FnMatch::matchAny(QStringLiteral("anything"), {}));
    QVERIFY(!FnMatch::matchAny(QString(), {}));
}

void TestFnMatch::cacheSurvivesManyDistinctPatterns()
{
    // More distinct patterns than the per-thread cache holds, twice over, so
    // entries are evicted and recompiled while results stay right.
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 3000; ++i) {
            const QString pattern = QStringLiteral("f%1*.txt").arg(i);
            QVERIFY(FnMatch::match(QStringLiteral("f%1-x.txt").arg(i), pattern));
            QVERIFY(!FnMatch::match(QStringLiteral("g%1-x.txt").arg(i), pattern));
        }
    }
}

void TestFnMatch::pathologicalStarsDoNotExplode()
{
    const QString name = QString(20000, QLatin1Char('a'));
    const QString pattern = QStringLiteral("*a*a*a*a*a*a*a*a*b");
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!FnMatch::match(name, pattern));
    QVERIFY(FnMatch::match(name + QLatin1Char('b'), pattern));
    QVERIFY2(timer.elapsed() < 5000, "star backtracking must not explode");
}

QTEST_APPLESS_MAIN(TestFnMatch)
#include "tst_fnmatch.moc"
