// Repository path and ref name rules (docs/format.md §11.1, §8.1).

#include <hubvault/Errors.h>
#include <hubvault/RepoPath.h>

#include <QTest>

using namespace hubvault;

class TestRepoPath : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("plain") << QStringLiteral("a") << QStringLiteral("a");
        QTest::newRow("nested") << QStringLiteral("a/b/c.txt") << QStringLiteral("a/b/c.txt");
        QTest::newRow("double slash") << QStringLiteral("a//b") << QStringLiteral("a/b");
        QTest::newRow("leading dot") << QStringLiteral("./a") << QStringLiteral("a");
        QTest::newRow("inner dot") << QStringLiteral("a/./b") << QStringLiteral("a/b");
        QTest::newRow("trailing slash") << QStringLiteral("a/") << QStringLiteral("a");
        QTest::newRow("everything at once") << QStringLiteral("./a//./b/") << QStringLiteral("a/b");
        QTest::newRow("backslash") << QStringLiteral("a\\b\\c.txt") << QStringLiteral("a/b/c.txt");
        QTest::newRow("mixed separators") << QStringLiteral("a\\./b//c") << QStringLiteral("a/b/c");
        QTest::newRow("COM10 allowed") << QStringLiteral("COM10") << QStringLiteral("COM10");
        QTest::newRow("LPT10.txt allowed") << QStringLiteral("x/LPT10.txt") << QStringLiteral("x/LPT10.txt");
        QTest::newRow("COM0 allowed") << QStringLiteral("COM0") << QStringLiteral("COM0");
        QTest::newRow("CONSOLE allowed") << QStringLiteral("console.txt") << QStringLiteral("console.txt");
        QTest::newRow("TAB allowed") << QStringLiteral("a\tb") << QStringLiteral("a\tb");
        QTest::newRow("other control char") << QStringLiteral("a\x01" "b") << QStringLiteral("a\x01" "b");
        QTest::newRow("trailing dot space kept") << QStringLiteral("x/a. ") << QStringLiteral("x/a. ");
        QTest::newRow("three dots kept") << QStringLiteral("...a") << QStringLiteral("...a");
        QTest::newRow("dotdot prefix") << QStringLiteral("..a/b..") << QStringLiteral("..a/b..");
        QTest::newRow("space inside") << QStringLiteral("with space/file name.txt")
                                      << QStringLiteral("with space/file name.txt");
        QTest::newRow("unicode untouched") << QStringLiteral("données/été.txt") << QStringLiteral("données/été.txt");
        QTest::newRow("no case folding") << QStringLiteral("A/B") << QStringLiteral("A/B");
        QTest::newRow("letter colon later") << QStringLiteral("ab") << QStringLiteral("ab");
        QTest::newRow("digit then colon-free") << QStringLiteral("1/x") << QStringLiteral("1/x");
    }

    void accepted()
    {
        QFETCH(QString, input);
        QFETCH(QString, normalized);
        QCOMPARE(RepoPath::normalize(input), normalized);
        // Normalizing twice changes nothing.
        QCOMPARE(RepoPath::normalize(normalized), normalized);
    }

    void rejected_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("empty") << QString();
        QTest::newRow("absolute") << QStringLiteral("/x");
        QTest::newRow("absolute backslash") << QStringLiteral("\\x");
        QTest::newRow("drive letter") << QStringLiteral("C:x");
        QTest::newRow("drive letter slash") << QStringLiteral("c:/x");
        QTest::newRow("dotdot") << QStringLiteral("..");
        QTest::newRow("dotdot inside") << QStringLiteral("a/../b");
        QTest::newRow("dotdot leading") << QStringLiteral("../x");
        QTest::newRow("dotdot backslash") << QStringLiteral("a\\..\\..\\x");
        QTest::newRow("only dot") << QStringLiteral(".");
        QTest::newRow("only slashes and dots") << QStringLiteral("././/");
        QTest::newRow("NUL") << (QStringLiteral("x") + QChar(0) + QStringLiteral("y"));
        QTest::newRow("<") << QStringLiteral("a<b");
        QTest::newRow(">") << QStringLiteral("a>b");
        QTest::newRow(":") << QStringLiteral("a:b");
        QTest::newRow("colon later segment") << QStringLiteral("x/c:d");
        QTest::newRow("quote") << QStringLiteral("a\"b");
        QTest::newRow("|") << QStringLiteral("a|b");
        QTest::newRow("?") << QStringLiteral("a?b");
        QTest::newRow("*") << QStringLiteral("a*b");
        QTest::newRow("con.txt") << QStringLiteral("con.txt");
        QTest::newRow("x/Con") << QStringLiteral("x/Con");
        QTest::newRow("lpt1.tar.gz") << QStringLiteral("lpt1.tar.gz");
        QTest::newRow("PRN") << QStringLiteral("PRN");
        QTest::newRow("aux dir") << QStringLiteral("aux/file");
        QTest::newRow("nul.") << QStringLiteral("nul.");
        QTest::newRow("COM9") << QStringLiteral("COM9");
        QTest::newRow("com1 trailing space") << QStringLiteral("com1 ");
        QTest::newRow("dots and spaces") << QStringLiteral("a/. .");
        QTest::newRow("spaces only") << QStringLiteral("a/   /b");
        QTest::newRow("triple dot") << QStringLiteral("...");
    }

    void rejected()
    {
        QFETCH(QString, input);
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError, RepoPath::normalize(input));
        // UnsupportedPathError is a validation error and a HubVaultError.
        try {
            RepoPath::normalize(input, QStringLiteral("path_in_repo"));
            QFAIL("accepted an illegal path");
        } catch (const HubVaultValidationError &e) {
            QCOMPARE(e.kind(), QStringLiteral("UnsupportedPathError"));
            QVERIFY2(e.message().startsWith(QStringLiteral("path_in_repo")), qPrintable(e.message()));
        }
    }

    void normalizeOptionalAllowsRoot()
    {
        QCOMPARE(RepoPath::normalizeOptional(QString()), QString());
        QCOMPARE(RepoPath::normalizeOptional(QStringLiteral(".")), QString());
        QCOMPARE(RepoPath::normalizeOptional(QStringLiteral("./")), QString());
        QCOMPARE(RepoPath::normalizeOptional(QStringLiteral("a//b/")), QStringLiteral("a/b"));
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError, RepoPath::normalizeOptional(QStringLiteral("/")));
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError, RepoPath::normalizeOptional(QStringLiteral("..")));
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError, RepoPath::normalizeOptional(QStringLiteral("a/../b")));
    }

    void refNamesAccepted_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("main") << QStringLiteral("main") << QStringLiteral("main");
        QTest::newRow("slash") << QStringLiteral("release/v1") << QStringLiteral("release/v1");
        QTest::newRow("double slash") << QStringLiteral("feature//x") << QStringLiteral("feature/x");
        QTest::newRow("dot segment") << QStringLiteral("a/./b") << QStringLiteral("a/b");
        QTest::newRow("trailing slash") << QStringLiteral("topic/") << QStringLiteral("topic");
        QTest::newRow("digits first") << QStringLiteral("1.0") << QStringLiteral("1.0");
        QTest::newRow("punctuation") << QStringLiteral("v1.0_rc-1") << QStringLiteral("v1.0_rc-1");
        QTest::newRow("case kept") << QStringLiteral("Main") << QStringLiteral("Main");
        QTest::newRow("refs/heads literal quirk") << QStringLiteral("refs/heads/x") << QStringLiteral("refs/heads/x");
        QTest::newRow("COM10") << QStringLiteral("COM10") << QStringLiteral("COM10");
    }

    void refNamesAccepted()
    {
        QFETCH(QString, input);
        QFETCH(QString, normalized);
        QCOMPARE(RepoPath::normalizeRefName(input), normalized);
    }

    void refNamesRejected_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("empty") << QString();
        QTest::newRow("leading dot") << QStringLiteral(".hidden");
        QTest::newRow("leading dash") << QStringLiteral("-x");
        QTest::newRow("leading slash") << QStringLiteral("/x");
        QTest::newRow("leading underscore") << QStringLiteral("_x");
        QTest::newRow("space") << QStringLiteral("a b");
        QTest::newRow("tilde") << QStringLiteral("HEAD~1");
        QTest::newRow("colon") << QStringLiteral("a:b");
        QTest::newRow("backslash") << QStringLiteral("a\\b");
        QTest::newRow("unicode") << QStringLiteral("été");
        QTest::newRow("dotdot segment") << QStringLiteral("a/../b");
        QTest::newRow("dotdot end") << QStringLiteral("a/..");
        QTest::newRow("reserved") << QStringLiteral("con");
        QTest::newRow("reserved nested") << QStringLiteral("x/lpt1.txt");
        QTest::newRow("dots only segment") << QStringLiteral("a/...");
        QTest::newRow("newline") << QStringLiteral("a\nb");
    }

    void refNamesRejected()
    {
        QFETCH(QString, input);
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, RepoPath::normalizeRefName(input));
    }
};

QTEST_GUILESS_MAIN(TestRepoPath)
#include "tst_repo_path.moc"
