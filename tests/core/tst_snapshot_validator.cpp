// SnapshotValidator (docs/format.md §11.2), used directly: file/directory conflicts (a path
// that is a proper '/'-prefix of another), case-fold conflicts between leaf names of one
// exact parent directory with full Unicode case folding (Straße/STRASSE, ﬃ/ffi), the
// QUIRK that directory names are never compared, the order in which conflicts are
// reported, and the ConflictError of validate().

#include <hubvault/Errors.h>
#include "SnapshotValidator.h"

#include <QTest>

using namespace hubvault;

namespace {

QStringList describe(const QList<PathConflict> &conflicts)
{
    QStringList out;
    for (const PathConflict &c : conflicts)
        out.append(c.kind + QLatin1Char('|') + c.path + QLatin1Char('|') + c.relatedPath);
    return out;
}

QString u(const char32_t *text) { return QString::fromUcs4(text); }

} // namespace

class TstSnapshotValidator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanSnapshots_data();
    void cleanSnapshots();
    void fileVersusDirectory();
    void caseFoldConflicts_data();
    void caseFoldConflicts();
    void fullFoldingNotLowerCasing();
    void directoryNamesAreNotCompared();
    void reportOrder();
    void inputOrderDoesNotMatter();
    void validateThrowsFirstConflict();
};

void TstSnapshotValidator::cleanSnapshots_data()
{
    QTest::addColumn<QStringList>("paths");
    QTest::newRow("empty") << QStringList();
    QTest::newRow("one") << QStringList{QStringLiteral("a")};
    QTest::newRow("siblings") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c/d")};
    // "a.b" and "a-b" are not below "a" although they share its first character.
    QTest::newRow("prefix without slash") << QStringList{QStringLiteral("a.b"), QStringLiteral("a-b"), QStringLiteral("ab/c"),
                                                         QStringLiteral("a/x")};
    QTest::newRow("same leaf in different folders")
        << QStringList{QStringLiteral("x/README.md"), QStringLiteral("y/readme.md"), QStringLiteral("README.md")};
    QTest::newRow("duplicate path") << QStringList{QStringLiteral("dup"), QStringLiteral("dup")};
    // Different letters that only look alike, and characters without case.
    QTest::newRow("no case") << QStringList{u(U"日本語.txt"), u(U"日本语.txt"), QStringLiteral("1"), QStringLiteral("_")};
    QTest::newRow("dotted i") << QStringList{QStringLiteral("i"), u(U"\u0131")}; // i vs dotless ı: casefold keeps ı
}

void TstSnapshotValidator::cleanSnapshots()
{
    QFETCH(QStringList, paths);
    QCOMPARE(describe(SnapshotValidator::findConflicts(paths)), QStringList());
    SnapshotValidator::validate(paths); // must not throw
}

void TstSnapshotValidator::fileVersusDirectory()
{
    QCOMPARE(describe(SnapshotValidator::findConflicts({QStringLiteral("a"), QStringLiteral("a/b")})),
             QStringList{QStringLiteral("file/directory|a|a/b")});
    // The related path is the first path below the file in sorted order, at any depth.
    QCOMPARE(describe(SnapshotValidator::findConflicts({QStringLiteral("a/z"), QStringLiteral("a"), QStringLiteral("a/c/d")})),
             QStringList{QStringLiteral("file/directory|a|a/c/d")});
    QCOMPARE(describe(SnapshotValidator::findConflicts({QStringLiteral("m/n/o/p"), QStringLiteral("m/n")})),
             QStringList{QStringLiteral("file/directory|m/n|m/n/o/p")});
    // Each conflicting file is reported once, in sorted order of the files.
    QCOMPARE(describe(SnapshotValidator::findConflicts(
                 {QStringLiteral("b"), QStringLiteral("b/x"), QStringLiteral("a/b/c"), QStringLiteral("a/b"), QStringLiteral("a")})),
             (QStringList{QStringLiteral("file/directory|a|a/b"), QStringLiteral("file/directory|a/b|a/b/c"),
                          QStringLiteral("file/directory|b|b/x")}));
    // A folder name only collides with the exact file name, not with a case variant.
    QCOMPARE(describe(SnapshotValidator::findConflicts({QStringLiteral("A"), QStringLiteral("a/x")})), QStringList());
}

void TstSnapshotValidator::caseFoldConflicts_data()
{
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("ascii") << QStringList{QStringLiteral("readme.md"), QStringLiteral("README.md")}
                           << QStringList{QStringLiteral("case-fold|README.md|readme.md")};
    QTest::newRow("nested") << QStringList{QStringLiteral("docs/Guide.md"), QStringLiteral("docs/guide.MD")}
                            << QStringList{QStringLiteral("case-fold|docs/Guide.md|docs/guide.MD")};
    QTest::newRow("sharp s") << QStringList{u(U"Straße"), QStringLiteral("STRASSE")}
                             << QStringList{u(U"case-fold|STRASSE|Straße")};
    QTest::newRow("ffi ligature") << QStringList{u(U"\uFB03.txt"), QStringLiteral("ffi.txt")}
                                  << QStringList{u(U"case-fold|ffi.txt|\uFB03.txt")};
    QTest::newRow("ligature vs upper") << QStringList{u(U"d/\uFB03"), QStringLiteral("d/FFI")}
                                       << QStringList{u(U"case-fold|d/FFI|d/\uFB03")};
    QTest::newRow("greek final sigma") << QStringList{u(U"\u03C3"), u(U"\u03C2"), u(U"\u03A3")}
                                       << QStringList{u(U"case-fold|\u03A3|\u03C2"), u(U"case-fold|\u03A3|\u03C3")};
    QTest::newRow("kelvin sign") << QStringList{u(U"\u212A"), QStringLiteral("k")} << QStringList{u(U"case-fold|k|\u212A")};
    QTest::newRow("deseret (non-BMP)") << QStringList{u(U"\U00010400"), u(U"\U00010428")}
                                       << QStringList{u(U"case-fold|\U00010400|\U00010428")};
}

void TstSnapshotValidator::caseFoldConflicts()
{
    QFETCH(QStringList, paths);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(SnapshotValidator::findConflicts(paths)), expected);
}

void TstSnapshotValidator::fullFoldingNotLowerCasing()
{
    // Python's str.casefold values; lower-casing alone would leave ß and ﬃ unchanged.
    QCOMPARE(SnapshotValidator::caseFold(u(U"Straße")), QStringLiteral("strasse"));
    QCOMPARE(SnapshotValidator::caseFold(u(U"STRASSE")), QStringLiteral("strasse"));
    QCOMPARE(SnapshotValidator::caseFold(u(U"\uFB03")), QStringLiteral("ffi"));
    QCOMPARE(SnapshotValidator::caseFold(u(U"\u0130")), u(U"i\u0307")); // İ → i + combining dot
    QCOMPARE(SnapshotValidator::caseFold(u(U"\U00010400")), u(U"\U00010428"));
    QCOMPARE(SnapshotValidator::caseFold(QString()), QString());
    // Growth beyond the input length (each ﬃ triples) is handled.
    QCOMPARE(SnapshotValidator::caseFold(QString(50, QChar(0xFB03))), QStringLiteral("ffi").repeated(50));
}

void TstSnapshotValidator::directoryNamesAreNotCompared()
{
    // QUIRK (§11.2): only leaf names within one exact parent string are compared.
    QCOMPARE(describe(SnapshotValidator::findConflicts({QStringLiteral("A/x"), QStringLiteral("a/y")})), QStringList());
    QCOMPARE(describe(SnapshotValidator::findConflicts({QStringLiteral("A/x"), QStringLiteral("a/x")})), QStringList());
    QCOMPARE(describe(SnapshotValidator::findConflicts({u(U"Straße/f"), QStringLiteral("STRASSE/f")})), QStringList());
    SnapshotValidator::validate({QStringLiteral("Data/x"), QStringLiteral("data/y"), QStringLiteral("DATA/z")});
    // ... but leaves below such folders still collide within their own folder.
    QCOMPARE(describe(SnapshotValidator::findConflicts({QStringLiteral("A/x"), QStringLiteral("A/X"), QStringLiteral("a/x")})),
             QStringList{QStringLiteral("case-fold|A/X|A/x")});
}

void TstSnapshotValidator::reportOrder()
{
    // File/directory conflicts first, then case-fold ones; each case-fold conflict names
    // the earliest name (UTF-8 order) and a later one, in sorted order of the later.
    const QStringList paths{QStringLiteral("x/readme"), QStringLiteral("b"), QStringLiteral("ReadMe"),
                            QStringLiteral("a"),        QStringLiteral("a/c"), QStringLiteral("README"),
                            QStringLiteral("x/README"), QStringLiteral("b/d"), QStringLiteral("readme")};
    QCOMPARE(describe(SnapshotValidator::findConflicts(paths)),
             (QStringList{QStringLiteral("file/directory|a|a/c"), QStringLiteral("file/directory|b|b/d"),
                          QStringLiteral("case-fold|README|ReadMe"), QStringLiteral("case-fold|README|readme"),
                          QStringLiteral("case-fold|x/README|x/readme")}));
    // UTF-8 order, not UTF-16: U+FF21 (Ａ) sorts before U+10400 (𐐀) as its code point is lower.
    QCOMPARE(describe(SnapshotValidator::findConflicts({u(U"\U00010428"), u(U"\U00010400"), u(U"\uFF41"), u(U"\uFF21")})),
             (QStringList{u(U"case-fold|\uFF21|\uFF41"), u(U"case-fold|\U00010400|\U00010428")}));
}

void TstSnapshotValidator::inputOrderDoesNotMatter()
{
    QStringList paths{QStringLiteral("q/Z"), QStringLiteral("q/z"), QStringLiteral("q"), QStringLiteral("p/1"),
                      QStringLiteral("P/1"), QStringLiteral("m/n"), QStringLiteral("m")};
    const QStringList expected = describe(SnapshotValidator::findConflicts(paths));
    QCOMPARE(expected.size(), 3);
    std::reverse(paths.begin(), paths.end());
    QCOMPARE(describe(SnapshotValidator::findConflicts(paths)), expected);
    std::rotate(paths.begin(), paths.begin() + 3, paths.end());
    QCOMPARE(describe(SnapshotValidator::findConflicts(paths)), expected);
}

void TstSnapshotValidator::validateThrowsFirstConflict()
{
    try {
        SnapshotValidator::validate({QStringLiteral("Readme"), QStringLiteral("a/b"), QStringLiteral("readme"), QStringLiteral("a")});
        QFAIL("validate accepted a file/directory conflict");
    } catch (const ConflictError &e) {
        // The file/directory conflict comes first and names both paths.
        QVERIFY2(e.message().contains(QLatin1String("file and directory")), qPrintable(e.message()));
        QVERIFY(e.message().contains(QLatin1String("a/b")));
        QCOMPARE(e.kind(), QStringLiteral("ConflictError"));
    }
    try {
        SnapshotValidator::validate({u(U"Straße"), QStringLiteral("STRASSE")});
        QFAIL("validate accepted a case-fold conflict");
    } catch (const ConflictError &e) {
        QVERIFY2(e.message().contains(QLatin1String("case-insensitive")), qPrintable(e.message()));
        QVERIFY(e.message().contains(u(U"Straße")));
        QVERIFY(e.message().contains(QLatin1String("STRASSE")));
    }
}

QTEST_GUILESS_MAIN(TstSnapshotValidator)
#include "tst_snapshot_validator.moc"
