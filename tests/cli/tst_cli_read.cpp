// Read-only CLI commands (status, log, ls-tree, download, snapshot, verify) run as real
// processes against copies of the hubvault 0.0.2 fixtures; expected values come from the
// fixtures' manifests, which were recorded from the original implementation.

#include "CliTest.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault::test;

namespace {

QString expectedDate(const QString &iso)
{
    const QDateTime when = QDateTime::fromString(iso, Qt::ISODate).toUTC();
    return QLocale::c().toString(when, QStringLiteral("ddd MMM dd HH:mm:ss yyyy")) + QStringLiteral(" +0000");
}

/** `git log`-style text the original prints for `commits` (ids in history order). */
QString expectedLog(const QJsonObject &m, const QJsonArray &ids, bool oneline, int limit = -1)
{
    QString text;
    int count = 0;
    for (const QJsonValue &idValue : ids) {
        if (limit >= 0 && count >= limit)
            break;
        const QJsonObject c = m.value(QStringLiteral("commits")).toObject().value(idValue.toString()).toObject();
        const QString id = c.value(QStringLiteral("commit_id")).toString();
        const QString title = c.value(QStringLiteral("title")).toString();
        if (oneline) {
            text += id.left(7) + QLatin1Char(' ') + title + QLatin1Char('\n');
        } else {
            if (count > 0)
                text += QLatin1Char('\n');
            text += QStringLiteral("commit %1\nAuthor: Unknown\nDate:   %2\n\n    %3\n")
                        .arg(id, expectedDate(c.value(QStringLiteral("created_at")).toString()), title);
            const QString message = c.value(QStringLiteral("message")).toString();
            if (!message.isEmpty())
                for (const QString &line : message.split(QLatin1Char('\n')))
                    text += QStringLiteral("    ") + line + QLatin1Char('\n');
        }
        ++count;
    }
    return text;
}

QString expectedTree(const QJsonArray &entries)
{
    QString text;
    for (const QJsonValue &value : entries) {
        const QJsonObject e = value.toObject();
        if (e.contains(QStringLiteral("tree_id")))
            text += QStringLiteral("040000 tree %1\t%2\n")
                        .arg(e.value(QStringLiteral("tree_id")).toString(), e.value(QStringLiteral("path")).toString());
        else
            text += QStringLiteral("100644 blob %1\t%2\n")
                        .arg(e.value(QStringLiteral("oid")).toString(), e.value(QStringLiteral("path")).toString());
    }
    return text;
}

/** file path → sha256 of the files of `commitId` in the manifest. */
QMap<QString, QString> commitFiles(const QJsonObject &m, const QString &commitId)
{
    QMap<QString, QString> files;
    const QJsonArray list = m.value(QStringLiteral("commits")).toObject().value(commitId).toObject()
                                .value(QStringLiteral("files")).toArray();
    for (const QJsonValue &v : list)
        files.insert(v.toObject().value(QStringLiteral("path")).toString(),
                     v.toObject().value(QStringLiteral("sha256")).toString());
    return files;
}

QString mainHead(const QJsonObject &m)
{
    return m.value(QStringLiteral("refs")).toObject().value(QStringLiteral("branches")).toObject()
        .value(QStringLiteral("main")).toString();
}

} // namespace

class TestCliRead : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QMap<QString, QString> m_repos; // fixture name → writable copy

    QString repo(const QString &fixture)
    {
        if (!m_repos.contains(fixture))
            m_repos.insert(fixture, copyFixture(fixture, m_tmp.path() + QStringLiteral("/shared")));
        return m_repos.value(fixture);
    }

    /** A private copy for tests that damage or need a pristine repository. */
    QString freshRepo(const QString &fixture, const QString &tag)
    {
        return copyFixture(fixture, uniqueDir(tag));
    }

    QString uniqueDir(const QString &tag)
    {
        static int counter = 0;
        return m_tmp.path() + QStringLiteral("/%1-%2").arg(tag).arg(++counter);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), qPrintable(cliPath()));
        for (const QString &name : {QStringLiteral("a-small-files-paths"), QStringLiteral("b-chunked-large"),
                                    QStringLiteral("c-branches-merges"), QStringLiteral("d-squash-gc")}) {
            QVERIFY2(!repo(name).isEmpty(), qPrintable(name));
            QVERIFY2(!fixtureManifest(name).isEmpty(), qPrintable(name));
        }
    }

    // ---- global options -------------------------------------------------------------------

    // Our own version and authors first, the original's version it is compatible with on a
    // line of its own (scripts for the original look for "hubvault" and "version"), then the
    // libraries as loaded at run time.
    void versionNamesUsTheOriginalAndTheLibraries()
    {
        for (const QString &flag : {QStringLiteral("-v"), QStringLiteral("--version")}) {
            const CliResult r = runCli({flag});
            VERIFY_OK(r);
            const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            QCOMPARE(lines.size(), 4);
            QCOMPARE(lines.at(0), QStringLiteral("HubVault version " HUBVAULT_VERSION " (hubvault)"));
            QVERIFY2(lines.at(1).startsWith(QLatin1String("Developed by the HubVault maintainers")), qPrintable(lines.at(1)));
            QCOMPARE(lines.at(2), QStringLiteral("Compatible with hubvault version 0.0.2 (repository format version 1)."));
            const QRegularExpression libraries(QStringLiteral(
                "^Running with Qt [0-9.]+, SQLite [0-9.]+, OpenSSL [0-9][^,]*, libarchive [0-9][^,]*\\.$"));
            QVERIFY2(libraries.match(lines.at(3)).hasMatch(), qPrintable(lines.at(3)));
            QVERIFY(lines.at(3).contains(QLatin1String(qVersion())));
            QVERIFY(!r.out.contains(QLatin1String("HansBug")));
        }
    }

    void hvIsTheSameTool()
    {
        const QString hv = QFileInfo(cliPath()).absolutePath() + QStringLiteral("/hv");
        QVERIFY2(QFileInfo(hv).isExecutable(), qPrintable(hv));
        const CliResult r = runProgram(hv, {QStringLiteral("-C"), repo(QStringLiteral("c-branches-merges")),
                                         QStringLiteral("status"), QStringLiteral("-sb")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("## main\n"));
    }

    void help()
    {
        CliResult r = runCli({QStringLiteral("--help")});
        VERIFY_OK(r);
        QVERIFY(r.out.startsWith(QLatin1String("usage: hubvault")));
        for (const char *cmd : {"status", "log", "ls-tree", "download", "snapshot", "verify"})
            QVERIFY2(r.out.contains(QStringLiteral("\n  ") + QLatin1String(cmd) + QLatin1Char(' ')), cmd);
        QCOMPARE(runCli({QStringLiteral("-h")}).out, r.out);

        for (const char *cmd : {"status", "log", "ls-tree", "download", "snapshot", "verify"}) {
            // --help wins over missing arguments and needs no repository.
            r = runCli({QStringLiteral("-C"), m_tmp.path() + QStringLiteral("/nowhere"), QLatin1String(cmd),
                     QStringLiteral("--help")});
            VERIFY_OK(r);
            QVERIFY2(r.out.startsWith(QStringLiteral("usage: hubvault [-C PATH] ") + QLatin1String(cmd)), qPrintable(r.out));
            QVERIFY2(r.out.contains(QLatin1String("example")), qPrintable(r.out));
            QVERIFY2(r.out.contains(QLatin1String("-h, --help")), qPrintable(r.out));
        }
        r = runCli({QStringLiteral("log"), QStringLiteral("-h")});
        VERIFY_OK(r);
        QVERIFY(r.out.contains(QLatin1String("--max-count N")));
    }

    // ---- status ---------------------------------------------------------------------------

    void status()
    {
        const QString path = repo(QStringLiteral("c-branches-merges"));
        CliResult r = runCli({QStringLiteral("-C"), path, QStringLiteral("status")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("On branch main\n\nnothing to commit, repository clean\n"));

        for (const QStringList &args : {QStringList{QStringLiteral("-s"), QStringLiteral("-b")},
                                        QStringList{QStringLiteral("-sb")},
                                        QStringList{QStringLiteral("--short"), QStringLiteral("--branch")}}) {
            r = runCli(QStringList{QStringLiteral("-C"), path, QStringLiteral("status")} + args);
            VERIFY_OK(r);
            QCOMPARE(r.out, QStringLiteral("## main\n"));
        }
        r = runCli({QStringLiteral("-C"), path, QStringLiteral("status"), QStringLiteral("-s")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QString());

        // Without -C the current directory is the repository; `-C a -C b` nests like git.
        r = runCli({QStringLiteral("status")}, path);
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("On branch main\n\nnothing to commit, repository clean\n"));
        r = runCli({QStringLiteral("-C"), QFileInfo(path).absolutePath(), QStringLiteral("-C"),
                 QFileInfo(path).fileName(), QStringLiteral("status"), QStringLiteral("-sb")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("## main\n"));
    }

    // ---- log ------------------------------------------------------------------------------

    void logFull()
    {
        const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
        const QJsonArray history = m.value(QStringLiteral("histories")).toObject()
                                       .value(QStringLiteral("refs/heads/main")).toArray();
        QVERIFY(history.size() > 3);
        const CliResult r = runCli({QStringLiteral("-C"), repo(QStringLiteral("c-branches-merges")), QStringLiteral("log")});
        VERIFY_OK(r);
        QCOMPARE(r.out, expectedLog(m, history, false));
        // Anchors independent of the helper: the merge head with its body, in English and UTC.
        QVERIFY(r.out.startsWith(QLatin1String(
            "commit 985170faa07fc3fb592787523de31d31e6d299fa\n"
            "Author: Unknown\n"
            "Date:   Fri Mar 01 00:20:00 2024 +0000\n"
            "\n"
            "    Merge topic again\n"
            "    Custom merge body.\n"
            "\n"
            "commit b52249bd173304ed642384eb0dc64bda52207f69\n")));
    }

    void logOneline_data()
    {
        QTest::addColumn<QString>("ref");
        const QJsonObject histories = fixtureManifest(QStringLiteral("c-branches-merges")).value(QStringLiteral("histories")).toObject();
        for (auto it = histories.begin(); it != histories.end(); ++it)
            QTest::newRow(qPrintable(it.key())) << it.key();
    }

    void logOneline()
    {
        QFETCH(QString, ref);
        const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
        const QJsonArray history = m.value(QStringLiteral("histories")).toObject().value(ref).toArray();
        const QString path = repo(QStringLiteral("c-branches-merges"));

        CliResult r = runCli({QStringLiteral("-C"), path, QStringLiteral("log"), QStringLiteral("--oneline"), ref});
        VERIFY_OK(r);
        QCOMPARE(r.out, expectedLog(m, history, true));

        // Short names resolve too (branch first, then tag).
        const QString shortName = ref.section(QLatin1Char('/'), 2);
        r = runCli({QStringLiteral("-C"), path, QStringLiteral("log"), shortName, QStringLiteral("--oneline")});
        VERIFY_OK(r);
        QCOMPARE(r.out, expectedLog(m, history, true));

        r = runCli({QStringLiteral("-C"), path, QStringLiteral("log"), ref});
        VERIFY_OK(r);
        QCOMPARE(r.out, expectedLog(m, history, false));
    }

    void logMaxCount()
    {
        const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
        const QJsonArray history = m.value(QStringLiteral("histories")).toObject()
                                       .value(QStringLiteral("refs/heads/main")).toArray();
        const QString path = repo(QStringLiteral("c-branches-merges"));
        const QStringList base{QStringLiteral("-C"), path, QStringLiteral("log")};

        for (const QStringList &args : {QStringList{QStringLiteral("--oneline"), QStringLiteral("-n"), QStringLiteral("2")},
                                        QStringList{QStringLiteral("-n2"), QStringLiteral("--oneline")},
                                        QStringList{QStringLiteral("--max-count=2"), QStringLiteral("--oneline")},
                                        QStringList{QStringLiteral("--oneline"), QStringLiteral("--max-count"), QStringLiteral("2"), QStringLiteral("main")},
                                        QStringList{QStringLiteral("main"), QStringLiteral("--oneline"), QStringLiteral("-n"), QStringLiteral("5"), QStringLiteral("-n"), QStringLiteral("2")}}) {
            const CliResult r = runCli(base + args);
            VERIFY_OK(r);
            QCOMPARE(r.out, expectedLog(m, history, true, 2));
        }
        CliResult r = runCli(base + QStringList{QStringLiteral("-n"), QStringLiteral("3")});
        VERIFY_OK(r);
        QCOMPARE(r.out, expectedLog(m, history, false, 3));
        r = runCli(base + QStringList{QStringLiteral("-n"), QStringLiteral("0")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QString());
        r = runCli(base + QStringList{QStringLiteral("-n"), QStringLiteral("1000"), QStringLiteral("--oneline")});
        VERIFY_OK(r);
        QCOMPARE(r.out, expectedLog(m, history, true));
    }

    void logByCommitId()
    {
        const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
        const QString id = QStringLiteral("50c3b4f51c1cc9ca79c0abfb683f16a89535b1f7");
        const CliResult r = runCli({QStringLiteral("-C"), repo(QStringLiteral("c-branches-merges")), QStringLiteral("log"),
                              QStringLiteral("--oneline"), id});
        VERIFY_OK(r);
        QCOMPARE(r.out, expectedLog(m, m.value(QStringLiteral("histories")).toObject()
                                           .value(QStringLiteral("refs/heads/release/v1")).toArray(), true));
    }

    // ---- ls-tree --------------------------------------------------------------------------

    void lsTree_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("revision");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("recursive");
        QTest::addColumn<QString>("expected");
        for (const QString &fixture : {QStringLiteral("a-small-files-paths"), QStringLiteral("b-chunked-large"),
                                       QStringLiteral("c-branches-merges"), QStringLiteral("d-squash-gc")}) {
            const QJsonObject trees = fixtureManifest(fixture).value(QStringLiteral("list_repo_tree")).toObject();
            for (auto it = trees.begin(); it != trees.end(); ++it) {
                // Keys look like "main :: docs :: recursive=False".
                const QStringList parts = it.key().split(QStringLiteral(" :: "));
                QCOMPARE(parts.size(), 3);
                const QString path = parts.at(1) == QLatin1String("None") ? QString() : parts.at(1);
                QTest::newRow(qPrintable(fixture + QStringLiteral(": ") + it.key()))
                    << fixture << parts.at(0) << path << (parts.at(2) == QLatin1String("recursive=True"))
                    << expectedTree(it.value().toArray());
            }
        }
    }

    void lsTree()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, revision);
        QFETCH(QString, path);
        QFETCH(bool, recursive);
        QFETCH(QString, expected);

        QStringList args{QStringLiteral("-C"), repo(fixture), QStringLiteral("ls-tree"), revision};
        if (!path.isEmpty())
            args << path;
        if (recursive)
            args << QStringLiteral("-r");
        CliResult r = runCli(args);
        VERIFY_OK(r);
        QCOMPARE(r.out, expected);

        // With the default revision and the option first, the result is the same for main.
        if (revision == QLatin1String("main")) {
            args = QStringList{QStringLiteral("-C"), repo(fixture), QStringLiteral("ls-tree")};
            if (recursive)
                args << QStringLiteral("--recursive");
            if (!path.isEmpty())
                args << QStringLiteral("main") << path;
            r = runCli(args);
            VERIFY_OK(r);
            QCOMPARE(r.out, expected);
        }
    }

    // ---- download -------------------------------------------------------------------------

    void download_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("file");
        QTest::newRow("small README.md") << QStringLiteral("a-small-files-paths") << QStringLiteral("README.md");
        QTest::newRow("unicode path") << QStringLiteral("a-small-files-paths") << QStringLiteral("日本語/ファイル.txt");
        QTest::newRow("chunked models/big.bin") << QStringLiteral("b-chunked-large") << QStringLiteral("models/big.bin");
    }

    void download()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, file);
        const QJsonObject m = fixtureManifest(fixture);
        const QString expectedSha = commitFiles(m, mainHead(m)).value(file);
        QVERIFY(!expectedSha.isEmpty());
        const QString path = freshRepo(fixture, QStringLiteral("download"));
        QVERIFY(!path.isEmpty());
        const QMap<QString, QByteArray> before = truthDigest(path);

        CliResult r = runCli({QStringLiteral("-C"), path, QStringLiteral("download"), file});
        VERIFY_OK(r);
        const QString printed = onlyLine(r);
        QVERIFY2(QFileInfo(printed).isAbsolute(), qPrintable(r.out));
        QVERIFY2(printed.endsWith(QLatin1Char('/') + file), qPrintable(printed));
        QVERIFY2(printed.startsWith(QFileInfo(path).canonicalFilePath() + QStringLiteral("/cache/files/"))
                     || printed.startsWith(path + QStringLiteral("/cache/files/")), qPrintable(printed));
        QCOMPARE(QString::fromLatin1(sha256File(printed)), expectedSha);

        // Same call again (view reuse) and with an explicit revision give the same file.
        r = runCli({QStringLiteral("-C"), path, QStringLiteral("download"), QStringLiteral("-r"), QStringLiteral("main"), file});
        VERIFY_OK(r);
        QCOMPARE(onlyLine(r), printed);

        // --local-dir relative to the working directory, not to -C.
        const QString work = uniqueDir(QStringLiteral("work"));
        QVERIFY(QDir().mkpath(work));
        r = runCli({QStringLiteral("-C"), path, QStringLiteral("download"), file, QStringLiteral("--local-dir"), QStringLiteral("out")}, work);
        VERIFY_OK(r);
        const QString external = onlyLine(r);
        QCOMPARE(QFileInfo(external).canonicalFilePath(), QFileInfo(work + QStringLiteral("/out/") + file).canonicalFilePath());
        QCOMPARE(QString::fromLatin1(sha256File(external)), expectedSha);

        QCOMPARE(truthDigest(path), before);
    }

    // ---- snapshot -------------------------------------------------------------------------

    void snapshot()
    {
        const QJsonObject m = fixtureManifest(QStringLiteral("a-small-files-paths"));
        const QMap<QString, QString> files = commitFiles(m, mainHead(m));
        QVERIFY(files.size() > 5);
        const QString path = freshRepo(QStringLiteral("a-small-files-paths"), QStringLiteral("snapshot"));
        const QMap<QString, QByteArray> before = truthDigest(path);

        CliResult r = runCli({QStringLiteral("-C"), path, QStringLiteral("snapshot")});
        VERIFY_OK(r);
        const QString dir = onlyLine(r);
        QVERIFY2(QRegularExpression(QStringLiteral("/cache/snapshots/[0-9a-f]{64}$")).match(dir).hasMatch(), qPrintable(dir));
        for (auto it = files.begin(); it != files.end(); ++it)
            QCOMPARE(QString::fromLatin1(sha256File(dir + QLatin1Char('/') + it.key())), it.value());
        QCOMPARE(treeDigest(dir).size(), files.size());

        // Patterns (repeatable), external directory relative to the working directory.
        const QString work = uniqueDir(QStringLiteral("snapshot-work"));
        QVERIFY(QDir().mkpath(work));
        r = runCli({QStringLiteral("-C"), path, QStringLiteral("snapshot"), QStringLiteral("--allow-pattern"), QStringLiteral("*.md"),
                 QStringLiteral("--allow-pattern=src/"), QStringLiteral("--ignore-pattern"), QStringLiteral("docs/*"),
                 QStringLiteral("--local-dir"), QStringLiteral("export"), QStringLiteral("-r"), QStringLiteral("main")}, work);
        VERIFY_OK(r);
        const QString external = onlyLine(r);
        QCOMPARE(QFileInfo(external).canonicalFilePath(), QFileInfo(work + QStringLiteral("/export")).canonicalFilePath());
        QStringList selected;
        for (const QString &file : files.keys())
            if ((file.endsWith(QLatin1String(".md")) || file.startsWith(QLatin1String("src/"))) && !file.startsWith(QLatin1String("docs/")))
                selected << file;
        QVERIFY(selected.contains(QStringLiteral("README.md")));
        QStringList written;
        for (const QString &file : treeDigest(external).keys())
            if (!file.startsWith(QLatin1String(".cache/")))
                written << file;
        QCOMPARE(written, selected);

        QCOMPARE(truthDigest(path), before);
    }

    // ---- verify ---------------------------------------------------------------------------

    void verify_data()
    {
        QTest::addColumn<QString>("fixture");
        for (const char *name : {"a-small-files-paths", "b-chunked-large", "c-branches-merges", "d-squash-gc"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void verify()
    {
        QFETCH(QString, fixture);
        const QJsonObject m = fixtureManifest(fixture);
        const QString path = repo(fixture);
        for (const bool full : {false, true}) {
            const QJsonObject report = m.value(full ? QStringLiteral("full_verify") : QStringLiteral("quick_verify")).toObject();
            QVERIFY(report.value(QStringLiteral("ok")).toBool());
            QStringList refs;
            for (const QJsonValue &v : report.value(QStringLiteral("checked_refs")).toArray())
                refs << v.toString();
            QStringList args{QStringLiteral("-C"), path, QStringLiteral("verify")};
            if (full)
                args << QStringLiteral("--full");
            const CliResult r = runCli(args);
            VERIFY_OK(r);
            QCOMPARE(r.out, QStringLiteral("%1 verification OK\nChecked refs: %2\n")
                                .arg(full ? QStringLiteral("Full") : QStringLiteral("Quick"), refs.join(QStringLiteral(", "))));
        }
    }

    void verifyDamaged()
    {
        const QString path = freshRepo(QStringLiteral("a-small-files-paths"), QStringLiteral("damaged"));
        const QMap<QString, QByteArray> digest = truthDigest(path);
        QString blob;
        for (const QString &file : digest.keys())
            if (file.startsWith(QLatin1String("objects/blobs/")) && QFileInfo(path + QLatin1Char('/') + file).size() > 0)
                blob = path + QLatin1Char('/') + file;
        QVERIFY(!blob.isEmpty());
        {
            QFile f(blob);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QByteArray data = f.readAll();
            data[0] = char(data.at(0) ^ 0x5a);
            QVERIFY(f.seek(0));
            QCOMPARE(f.write(data), data.size());
        }
        for (const bool full : {false, true}) {
            QStringList args{QStringLiteral("-C"), path, QStringLiteral("verify")};
            if (full)
                args << QStringLiteral("--full");
            const CliResult r = runCli(args);
            QVERIFY2(!r.crashed, qPrintable(r.err));
            QCOMPARE(r.exitCode, 1);
            QCOMPARE(r.err, QString());
            const QStringList lines = r.out.split(QLatin1Char('\n'));
            QCOMPARE(lines.value(0), full ? QStringLiteral("Full verification FAILED") : QStringLiteral("Quick verification FAILED"));
            QCOMPARE(lines.value(1), QStringLiteral("Checked refs: refs/heads/main"));
            QVERIFY2(lines.value(2).startsWith(QLatin1String("error: ")) || lines.value(2).startsWith(QLatin1String("warning: ")),
                     qPrintable(r.out));
            QVERIFY2(r.out.contains(QLatin1String("\nerror: ")), qPrintable(r.out));
        }
    }

    // ---- hostile and wrong input ----------------------------------------------------------

    void missingRepository()
    {
        const QString nowhere = m_tmp.path() + QStringLiteral("/nowhere");
        for (const QString &cmd : {QStringLiteral("status"), QStringLiteral("log"), QStringLiteral("verify")}) {
            const CliResult r = runCli({QStringLiteral("-C"), nowhere, cmd});
            VERIFY_ONE_LINE_ERROR(r, "RepositoryNotFoundError");
        }
        QVERIFY2(!QFileInfo::exists(nowhere), "opening a missing repository must not create it");

        const QString empty = m_tmp.path() + QStringLiteral("/empty-dir");
        QVERIFY(QDir().mkpath(empty));
        VERIFY_ONE_LINE_ERROR(runCli({QStringLiteral("-C"), empty, QStringLiteral("status")}), "RepositoryNotFoundError");
        VERIFY_ONE_LINE_ERROR(runCli({QStringLiteral("status")}, empty), "RepositoryNotFoundError");
        QVERIFY(QDir(empty).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
    }

    void unknownRevision()
    {
        const QString path = repo(QStringLiteral("c-branches-merges"));
        CliResult r = runCli({QStringLiteral("-C"), path, QStringLiteral("log"), QStringLiteral("nonexist")});
        VERIFY_ONE_LINE_ERROR(r, "RevisionNotFoundError");
        QVERIFY2(r.err.contains(QLatin1String("nonexist")), qPrintable(r.err));
        VERIFY_ONE_LINE_ERROR(runCli({QStringLiteral("-C"), path, QStringLiteral("ls-tree"), QStringLiteral("nonexist")}),
                              "RevisionNotFoundError");
        VERIFY_ONE_LINE_ERROR(runCli({QStringLiteral("-C"), path, QStringLiteral("download"), QStringLiteral("-r"),
                                   QStringLiteral("nonexist"), QStringLiteral("ff.txt")}),
                              "RevisionNotFoundError");
        VERIFY_ONE_LINE_ERROR(runCli({QStringLiteral("-C"), path, QStringLiteral("snapshot"), QStringLiteral("--revision=nonexist")}),
                              "RevisionNotFoundError");
        // Abbreviated ids are not revisions in the original.
        VERIFY_ONE_LINE_ERROR(runCli({QStringLiteral("-C"), path, QStringLiteral("log"), QStringLiteral("985170f")}),
                              "RevisionNotFoundError");
    }

    void badPaths()
    {
        const QString path = freshRepo(QStringLiteral("a-small-files-paths"), QStringLiteral("hostile"));
        const QMap<QString, QByteArray> before = truthDigest(path);
        const QString parent = QFileInfo(path).absolutePath();

        VERIFY_ONE_LINE_ERROR(runCli({QStringLiteral("-C"), path, QStringLiteral("download"), QStringLiteral("../evil")}),
                              "UnsupportedPathError");
        QVERIFY(!QFileInfo::exists(parent + QStringLiteral("/evil")));
        VERIFY_ONE_LINE_ERROR(runCli({QStringLiteral("-C"), path, QStringLiteral("download"), QStringLiteral("/etc/passwd")}),
                              "UnsupportedPathError");
        CliResult r = runCli({QStringLiteral("-C"), path, QStringLiteral("download"), QStringLiteral("nope.txt")});
        VERIFY_ONE_LINE_ERROR(r, "EntryNotFoundError");
        QVERIFY2(r.err.contains(QLatin1String("nope.txt")), qPrintable(r.err));
        // A path starting with '-' is reachable after "--" and is then just a missing entry.
        VERIFY_ONE_LINE_ERROR(runCli({QStringLiteral("-C"), path, QStringLiteral("download"), QStringLiteral("--"),
                                   QStringLiteral("-rf")}),
                              "EntryNotFoundError");

        // Detached views written into the repository itself would corrupt it.
        for (const QString &inside : {path, path + QStringLiteral("/objects"), path + QStringLiteral("/new-dir")}) {
            r = runCli({QStringLiteral("-C"), path, QStringLiteral("download"), QStringLiteral("README.md"),
                     QStringLiteral("--local-dir"), inside});
            QVERIFY2(r.exitCode == 1 && r.out.isEmpty() && r.err.count(QLatin1Char('\n')) == 1
                         && r.err.startsWith(QLatin1String("hubvault: ")) && r.err.endsWith(QLatin1Char('\n')),
                     qPrintable(inside + QStringLiteral(": ") + r.err));
            r = runCli({QStringLiteral("-C"), path, QStringLiteral("snapshot"), QStringLiteral("--local-dir"), inside});
            QVERIFY2(r.exitCode == 1 && r.out.isEmpty() && r.err.count(QLatin1Char('\n')) == 1
                         && r.err.startsWith(QLatin1String("hubvault: ")) && r.err.endsWith(QLatin1Char('\n')),
                     qPrintable(inside + QStringLiteral(": ") + r.err));
        }
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("/README.md")));
        QCOMPARE(truthDigest(path), before);
    }

    void usageErrors()
    {
        const QString path = repo(QStringLiteral("c-branches-merges"));
        const QStringList c{QStringLiteral("-C"), path};
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("log"), QStringLiteral("--bogus")}),
                           QStringLiteral("hubvault: unknown option '--bogus'"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("log"), QStringLiteral("-x")}),
                           QStringLiteral("hubvault: unknown option '-x'"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("frobnicate")}),
                           QStringLiteral("hubvault: unknown command 'frobnicate'"));
        VERIFY_USAGE_ERROR(runCli({QStringLiteral("--bogus")}), QStringLiteral("hubvault: unknown option '--bogus'"));
        VERIFY_USAGE_ERROR(runCli(c), QStringLiteral("hubvault: missing command"));
        VERIFY_USAGE_ERROR(runCli({QStringLiteral("-C")}), QStringLiteral("hubvault: option '-C' requires a value"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("log"), QStringLiteral("-n")}),
                           QStringLiteral("hubvault: option '-n' requires a value"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("log"), QStringLiteral("--max-count")}),
                           QStringLiteral("hubvault: option '--max-count' requires a value"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("log"), QStringLiteral("-n"), QStringLiteral("two")}),
                           QStringLiteral("hubvault: invalid value 'two' for '--max-count': expected a non-negative integer"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("log"), QStringLiteral("-n"), QStringLiteral("-1")}),
                           QStringLiteral("hubvault: invalid value '-1' for '--max-count': expected a non-negative integer"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("log"), QStringLiteral("--oneline=yes")}),
                           QStringLiteral("hubvault: option '--oneline' does not take a value"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("log"), QStringLiteral("main"), QStringLiteral("extra")}),
                           QStringLiteral("hubvault: unexpected argument 'extra'"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("download")}), QStringLiteral("hubvault: missing argument PATH"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("download"), QStringLiteral("a"), QStringLiteral("b")}),
                           QStringLiteral("hubvault: unexpected argument 'b'"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("download"), QStringLiteral("ff.txt"), QStringLiteral("--local-dir=")}),
                           QStringLiteral("hubvault: option '--local-dir' requires a non-empty directory"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("verify"), QStringLiteral("--quick")}),
                           QStringLiteral("hubvault: unknown option '--quick'"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("status"), QStringLiteral("-C"), path}),
                           QStringLiteral("hubvault: unknown option '-C'"));

        // The hint names the command whose options were wrong.
        const CliResult r = runCli(c + QStringList{QStringLiteral("ls-tree"), QStringLiteral("--bogus")});
        QCOMPARE(r.err, QStringLiteral("hubvault: unknown option '--bogus'\nTry 'hubvault ls-tree --help'.\n"));
    }
};

QTEST_GUILESS_MAIN(TestCliRead)
#include "tst_cli_read.moc"
