// --json: every command that prints data prints exactly one JSON document that validates
// against its schema in docs/schemas/<command>.json, and whose content is what the core
// returns for the same call (ModelJson, the original's field names).

#include <hubvault/ModelJson.h>
#include <hubvault/LocalRepository.h>
#include "CliTest.h"

#include <QTemporaryDir>

using namespace hubvault;
using namespace hubvault::test;

namespace {

QString schemaPath(const QString &command) { return sourceDir() + QStringLiteral("/docs/schemas/") + command + QStringLiteral(".json"); }

/** Keywords used by a schema (not counting the names inside properties / $defs). */
void collectKeywords(const QJsonObject &schema, QSet<QString> &out)
{
    for (auto it = schema.begin(); it != schema.end(); ++it) {
        out.insert(it.key());
        if (it.key() == QLatin1String("properties") || it.key() == QLatin1String("$defs")) {
            const QJsonObject children = it.value().toObject();
            for (auto child = children.begin(); child != children.end(); ++child)
                collectKeywords(child.value().toObject(), out);
        } else if (it.key() == QLatin1String("items")) {
            collectKeywords(it.value().toObject(), out);
        } else if (it.key() == QLatin1String("anyOf")) {
            for (const QJsonValue &v : it.value().toArray())
                collectKeywords(v.toObject(), out);
        }
    }
}

} // namespace

// Runs `args`, requires exit code `code`, one JSON object on stdout, nothing on stderr,
// and validity against the schema of `command`; leaves the document in `doc`.
#define VERIFY_JSON(doc, command, code, ...)                                                    \
    do {                                                                                         \
        const CliResult r_ = runCli(QStringList(__VA_ARGS__));                                                       \
        QVERIFY2(!r_.crashed && r_.exitCode == (code), qPrintable(r_.err + r_.out));             \
        QCOMPARE(r_.err, QString());                                                             \
        QJsonParseError error_;                                                                  \
        const QJsonDocument parsed_ = QJsonDocument::fromJson(r_.out.toUtf8(), &error_);         \
        QVERIFY2(error_.error == QJsonParseError::NoError && parsed_.isObject(), qPrintable(r_.out)); \
        QVERIFY(r_.out.endsWith(QLatin1Char('\n')));                                             \
        const JsonSchema schema_ = JsonSchema::load(schemaPath(QStringLiteral(command)));        \
        QVERIFY2(schema_.isValid(), command);                                                    \
        const QStringList problems_ = schema_.validate(parsed_.object());                        \
        QVERIFY2(problems_.isEmpty(), qPrintable(problems_.join(QLatin1Char('\n')) + QLatin1Char('\n') + r_.out)); \
        doc = parsed_.object();                                                                  \
    } while (false)

class TestCliJson : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    QString fixtureCopy(const QString &fixture)
    {
        static int counter = 0;
        return copyFixture(fixture, m_tmp.path() + QStringLiteral("/%1-%2").arg(fixture).arg(++counter));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), qPrintable(cliPath()));
    }

    // ---- the schemas themselves -----------------------------------------------------------

    void everyDataCommandHasASchema()
    {
        const QStringList names = commandNames();
        QVERIFY(names.contains(QLatin1String("log")) && names.contains(QLatin1String("export")));
        QStringList withJson;
        for (const QString &name : names) {
            const CliResult help = runCli({QStringLiteral("help"), name});
            VERIFY_OK(help);
            if (help.out.contains(QLatin1String("\n  --json ")))
                withJson << name;
        }
        const QStringList expected{QStringLiteral("init"), QStringLiteral("status"), QStringLiteral("commit"), QStringLiteral("reset"),
                                   QStringLiteral("branch"), QStringLiteral("tag"), QStringLiteral("merge"), QStringLiteral("log"),
                                   QStringLiteral("ls-tree"), QStringLiteral("download"), QStringLiteral("snapshot"),
                                   QStringLiteral("export"), QStringLiteral("verify"), QStringLiteral("gc"), QStringLiteral("squash"),
                                   QStringLiteral("storage")};
        for (const QString &name : expected)
            QVERIFY2(withJson.contains(name), qPrintable(name));
        QStringList files = QDir(sourceDir() + QStringLiteral("/docs/schemas")).entryList({QStringLiteral("*.json")}, QDir::Files);
        for (QString &file : files)
            file.chop(5);
        std::sort(withJson.begin(), withJson.end());
        QCOMPARE(files, withJson);
        // And docs/cli.md documents each of them.
        QFile doc(sourceDir() + QStringLiteral("/docs/cli.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(doc.readAll());
        for (const QString &name : std::as_const(withJson))
            QVERIFY2(text.contains(QStringLiteral("docs/schemas/%1.json").arg(name)), qPrintable(name));
    }

    void schemasUseTheValidatedSubset()
    {
        const QStringList supported = JsonSchema::supportedKeywords();
        for (const QString &file : QDir(sourceDir() + QStringLiteral("/docs/schemas")).entryList({QStringLiteral("*.json")})) {
            const JsonSchema schema = JsonSchema::load(sourceDir() + QStringLiteral("/docs/schemas/") + file);
            QVERIFY2(schema.isValid(), qPrintable(file));
            QSet<QString> used;
            collectKeywords(schema.root(), used);
            for (const QString &keyword : std::as_const(used))
                QVERIFY2(supported.contains(keyword), qPrintable(file + QStringLiteral(": ") + keyword));
        }
    }

    void validatorRejectsWrongDocuments()
    {
        const JsonSchema schema = JsonSchema::load(schemaPath(QStringLiteral("merge")));
        QVERIFY(schema.isValid());
        const QJsonObject good{{QStringLiteral("status"), QStringLiteral("conflict")},
                               {QStringLiteral("target_revision"), QStringLiteral("main")},
                               {QStringLiteral("source_revision"), QStringLiteral("x")},
                               {QStringLiteral("base_commit"), QJsonValue::Null},
                               {QStringLiteral("target_head_before"), QString(40, QLatin1Char('a'))},
                               {QStringLiteral("source_head"), QString(40, QLatin1Char('b'))},
                               {QStringLiteral("head_after"), QString(40, QLatin1Char('a'))},
                               {QStringLiteral("commit"), QJsonValue::Null},
                               {QStringLiteral("conflicts"), QJsonArray{QJsonObject{
                                    {QStringLiteral("path"), QStringLiteral("a")}, {QStringLiteral("conflict_type"), QStringLiteral("add/add")},
                                    {QStringLiteral("message"), QStringLiteral("m")}, {QStringLiteral("base_oid"), QJsonValue::Null},
                                    {QStringLiteral("target_oid"), QJsonValue::Null}, {QStringLiteral("source_oid"), QJsonValue::Null},
                                    {QStringLiteral("related_path"), QJsonValue::Null}}}},
                               {QStringLiteral("fast_forward"), false},
                               {QStringLiteral("created_commit"), false}};
        QCOMPARE(schema.validate(good), QStringList());
        auto broken = [&](const std::function<void(QJsonObject &)> &edit) {
            QJsonObject doc = good;
            edit(doc);
            return schema.validate(doc);
        };
        QVERIFY(!broken([](QJsonObject &d) { d.remove(QStringLiteral("status")); }).isEmpty());
        QVERIFY(!broken([](QJsonObject &d) { d.insert(QStringLiteral("status"), QStringLiteral("exploded")); }).isEmpty());
        QVERIFY(!broken([](QJsonObject &d) { d.insert(QStringLiteral("fast_forward"), QStringLiteral("no")); }).isEmpty());
        QVERIFY(!broken([](QJsonObject &d) { d.insert(QStringLiteral("extra"), 1); }).isEmpty());
        QVERIFY(!broken([](QJsonObject &d) { d.insert(QStringLiteral("head_after"), QStringLiteral("abc")); }).isEmpty());
        QVERIFY(!broken([](QJsonObject &d) { d.insert(QStringLiteral("commit"), QJsonObject{}); }).isEmpty());
        QVERIFY(!broken([](QJsonObject &d) { d.insert(QStringLiteral("conflicts"), QJsonArray{1}); }).isEmpty());
        QVERIFY(!broken([](QJsonObject &d) { d.insert(QStringLiteral("conflicts"), QJsonObject{}); }).isEmpty());
    }

    // ---- every command --------------------------------------------------------------------

    void readCommands()
    {
        const QString repo = fixtureCopy(QStringLiteral("c-branches-merges"));
        const LocalRepository core = LocalRepository::open(repo);
        const QStringList c{QStringLiteral("-C"), repo};
        QJsonObject doc;

        VERIFY_JSON(doc, "status", 0, c + QStringList{QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("head")).toString(), QStringLiteral("985170faa07fc3fb592787523de31d31e6d299fa"));
        QCOMPARE(doc.value(QStringLiteral("branch")).toString(), QStringLiteral("main"));

        VERIFY_JSON(doc, "log", 0, c + QStringList{QStringLiteral("log"), QStringLiteral("--json"), QStringLiteral("-n"), QStringLiteral("3"),
                                                QStringLiteral("topic")});
        QCOMPARE(doc.value(QStringLiteral("revision")).toString(), QStringLiteral("topic"));
        QCOMPARE(doc.value(QStringLiteral("commits")).toArray(),
                 ModelJson::toJsonArray(core.listRepoCommits(QStringLiteral("topic")).mid(0, 3)));
        VERIFY_JSON(doc, "log", 0, c + QStringList{QStringLiteral("log"), QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("commits")).toArray(), ModelJson::toJsonArray(core.listRepoCommits()));
        // The original's values, from the fixture manifest.
        const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
        for (const QJsonValue &v : doc.value(QStringLiteral("commits")).toArray()) {
            QJsonObject expected = m.value(QStringLiteral("commits")).toObject()
                                       .value(v.toObject().value(QStringLiteral("commit_id")).toString()).toObject();
            for (const QString &key : v.toObject().keys())
                QCOMPARE(v.toObject().value(key), expected.value(key));
        }

        VERIFY_JSON(doc, "branch", 0, c + QStringList{QStringLiteral("branch"), QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("action")).toString(), QStringLiteral("list"));
        QCOMPARE(doc.value(QStringLiteral("current_branch")).toString(), QStringLiteral("main"));
        const QJsonArray branches = doc.value(QStringLiteral("branches")).toArray();
        const QJsonArray expectedBranches = ModelJson::toJson(core.listRepoRefs()).value(QStringLiteral("branches")).toArray();
        QCOMPARE(branches.size(), expectedBranches.size());
        for (qsizetype i = 0; i < branches.size(); ++i) {
            QJsonObject b = branches.at(i).toObject();
            QCOMPARE(b.value(QStringLiteral("current")).toBool(), b.value(QStringLiteral("name")) == QLatin1String("main"));
            QCOMPARE(b.value(QStringLiteral("title")).toString(),
                     core.listRepoCommits(b.value(QStringLiteral("name")).toString()).constFirst().title);
            b.remove(QStringLiteral("current"));
            b.remove(QStringLiteral("title"));
            QCOMPARE(b, expectedBranches.at(i).toObject());
        }
        VERIFY_JSON(doc, "branch", 0, c + QStringList{QStringLiteral("branch"), QStringLiteral("--show-current"), QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("action")).toString(), QStringLiteral("show-current"));

        VERIFY_JSON(doc, "tag", 0, c + QStringList{QStringLiteral("tag"), QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("tags")).toArray(), ModelJson::toJson(core.listRepoRefs()).value(QStringLiteral("tags")).toArray());

        VERIFY_JSON(doc, "verify", 0, c + QStringList{QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--full")});
        QCOMPARE(doc.value(QStringLiteral("mode")).toString(), QStringLiteral("full"));
        QJsonObject expectedVerify = m.value(QStringLiteral("full_verify")).toObject();
        expectedVerify.insert(QStringLiteral("mode"), QStringLiteral("full"));
        QCOMPARE(doc, expectedVerify);

        VERIFY_JSON(doc, "storage", 0, c + QStringList{QStringLiteral("storage"), QStringLiteral("--json")});
        QCOMPARE(doc, ModelJson::toJson(core.storageOverview()));
    }

    void lsTree()
    {
        const QString repo = fixtureCopy(QStringLiteral("b-chunked-large"));
        const LocalRepository core = LocalRepository::open(repo);
        QJsonObject doc;
        for (const bool recursive : {false, true}) {
            QStringList args{QStringLiteral("-C"), repo, QStringLiteral("ls-tree"), QStringLiteral("--json")};
            if (recursive)
                args << QStringLiteral("-r");
            VERIFY_JSON(doc, "ls-tree", 0, args);
            QCOMPARE(doc.value(QStringLiteral("recursive")).toBool(), recursive);
            const QList<RepoEntry> entries = core.listRepoTree({}, recursive);
            const QJsonArray listed = doc.value(QStringLiteral("entries")).toArray();
            QCOMPARE(listed.size(), entries.size());
            bool sawChunked = false;
            for (qsizetype i = 0; i < entries.size(); ++i) {
                QJsonObject e = listed.at(i).toObject();
                QCOMPARE(e.take(QStringLiteral("type")).toString(), entries.at(i).isFolder ? QStringLiteral("folder") : QStringLiteral("file"));
                QCOMPARE(e, ModelJson::toJson(entries.at(i)));
                sawChunked = sawChunked || e.value(QStringLiteral("lfs")).isObject();
            }
            QVERIFY(sawChunked || !recursive);
        }
    }

    void writeCommands()
    {
        const QString cwd = m_tmp.path() + QStringLiteral("/writes");
        QVERIFY(writeFile(cwd + QStringLiteral("/f.txt"), "content"));
        const QString repo = cwd + QStringLiteral("/repo");
        QJsonObject doc;
        VERIFY_JSON(doc, "init", 0, (QStringList{QStringLiteral("init"), repo, QStringLiteral("--json")}));
        QCOMPARE(doc.value(QStringLiteral("reinitialized")).toBool(), false);
        QCOMPARE(doc.value(QStringLiteral("repo")).toObject(), ModelJson::toJson(LocalRepository::open(repo).repoInfo()));
        VERIFY_JSON(doc, "init", 0, (QStringList{QStringLiteral("init"), repo, QStringLiteral("--json")}));
        QCOMPARE(doc.value(QStringLiteral("reinitialized")).toBool(), true);

        const QStringList c{QStringLiteral("-C"), repo};
        VERIFY_JSON(doc, "commit", 0, c + QStringList{QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("one"),
                                                   QStringLiteral("--add"), QStringLiteral("a.txt=") + cwd + QStringLiteral("/f.txt"),
                                                   QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("branch")).toString(), QStringLiteral("main"));
        const QJsonObject commit = doc.value(QStringLiteral("commit")).toObject();
        QCOMPARE(commit.value(QStringLiteral("oid")).toString(), *LocalRepository::open(repo).resolveRevision(QStringLiteral("main")));
        QCOMPARE(commit.value(QStringLiteral("commit_message")).toString(), QStringLiteral("one"));

        VERIFY_JSON(doc, "branch", 0, c + QStringList{QStringLiteral("branch"), QStringLiteral("dev"), QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("action")).toString(), QStringLiteral("create"));
        QCOMPARE(doc.value(QStringLiteral("branches")).toArray().size(), 1);
        VERIFY_JSON(doc, "tag", 0, c + QStringList{QStringLiteral("tag"), QStringLiteral("v1"), QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("tags")).toArray().at(0).toObject().value(QStringLiteral("target_commit")).toString(),
                 commit.value(QStringLiteral("oid")).toString());

        VERIFY_JSON(doc, "commit", 0, c + QStringList{QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("two"), QStringLiteral("-r"),
                                                   QStringLiteral("dev"), QStringLiteral("--copy"), QStringLiteral("a.txt=b.txt"),
                                                   QStringLiteral("--json")});
        const QString devHead = doc.value(QStringLiteral("commit")).toObject().value(QStringLiteral("oid")).toString();
        VERIFY_JSON(doc, "merge", 0, c + QStringList{QStringLiteral("merge"), QStringLiteral("dev"), QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("status")).toString(), QStringLiteral("fast-forward"));
        QCOMPARE(doc.value(QStringLiteral("head_after")).toString(), devHead);
        VERIFY_JSON(doc, "merge", 0, c + QStringList{QStringLiteral("merge"), QStringLiteral("dev"), QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("status")).toString(), QStringLiteral("already-up-to-date"));
        // Divergent edits of one file: a conflict, exit code 1, still a valid document.
        QVERIFY(writeFile(cwd + QStringLiteral("/g.txt"), "other"));
        VERIFY_OK(runCli(c + QStringList{QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("m"), QStringLiteral("--add"),
                                         QStringLiteral("b.txt=") + cwd + QStringLiteral("/g.txt")}));
        VERIFY_OK(runCli(c + QStringList{QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("d"), QStringLiteral("-r"),
                                         QStringLiteral("dev"), QStringLiteral("--delete"), QStringLiteral("b.txt")}));
        VERIFY_JSON(doc, "merge", 1, c + QStringList{QStringLiteral("merge"), QStringLiteral("dev"), QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("status")).toString(), QStringLiteral("conflict"));
        QCOMPARE(doc.value(QStringLiteral("conflicts")).toArray().size(), 1);
        VERIFY_OK(runCli(c + QStringList{QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("n"), QStringLiteral("-r"),
                                         QStringLiteral("dev"), QStringLiteral("--copy"), QStringLiteral("a.txt=c.txt")}));
        VERIFY_OK(runCli(c + QStringList{QStringLiteral("reset"), QStringLiteral("v1")}));
        VERIFY_OK(runCli(c + QStringList{QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("x"), QStringLiteral("--copy"),
                                         QStringLiteral("a.txt=x.txt")}));
        VERIFY_JSON(doc, "merge", 0, c + QStringList{QStringLiteral("merge"), QStringLiteral("dev"), QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("status")).toString(), QStringLiteral("merged"));
        QVERIFY(doc.value(QStringLiteral("commit")).isObject());

        VERIFY_JSON(doc, "reset", 0, c + QStringList{QStringLiteral("reset"), QStringLiteral("-r"), QStringLiteral("dev"), QStringLiteral("v1"),
                                                  QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("branch")).toString(), QStringLiteral("dev"));
        QCOMPARE(doc.value(QStringLiteral("commit")).toObject().value(QStringLiteral("oid")).toString(),
                 commit.value(QStringLiteral("oid")).toString());
        VERIFY_JSON(doc, "branch", 0, c + QStringList{QStringLiteral("branch"), QStringLiteral("-d"), QStringLiteral("dev"), QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("action")).toString(), QStringLiteral("delete"));
        VERIFY_JSON(doc, "tag", 0, c + QStringList{QStringLiteral("tag"), QStringLiteral("-d"), QStringLiteral("v1"), QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("action")).toString(), QStringLiteral("delete"));

        VERIFY_JSON(doc, "download", 0, c + QStringList{QStringLiteral("download"), QStringLiteral("a.txt"), QStringLiteral("--json")});
        QCOMPARE(sha256File(doc.value(QStringLiteral("path")).toString()), sha256Of("content"));
        VERIFY_JSON(doc, "snapshot", 0, c + QStringList{QStringLiteral("snapshot"), QStringLiteral("--json")});
        QVERIFY(QFileInfo(doc.value(QStringLiteral("path")).toString() + QStringLiteral("/a.txt")).isFile());
        VERIFY_JSON(doc, "export", 0, c + QStringList{QStringLiteral("export"), cwd + QStringLiteral("/out.tar.gz"), QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("format")).toString(), QStringLiteral("tar.gz"));
        QCOMPARE(doc.value(QStringLiteral("file_count")).toInt(), LocalRepository::open(repo).listRepoFiles().size());
    }

    void maintenance()
    {
        const QString repo = fixtureCopy(QStringLiteral("d-squash-gc"));
        const QStringList c{QStringLiteral("-C"), repo};
        QJsonObject doc;
        VERIFY_JSON(doc, "gc", 0, c + QStringList{QStringLiteral("gc"), QStringLiteral("--dry-run"), QStringLiteral("--json")});
        QCOMPARE(doc.value(QStringLiteral("dry_run")).toBool(), true);
        VERIFY_JSON(doc, "squash", 0, c + QStringList{QStringLiteral("squash"), QStringLiteral("--no-gc"), QStringLiteral("--json")});
        QVERIFY(doc.value(QStringLiteral("gc_report")).isNull());
        QCOMPARE(doc.value(QStringLiteral("ref_name")).toString(), QStringLiteral("refs/heads/main"));
        VERIFY_JSON(doc, "squash", 0, c + QStringList{QStringLiteral("squash"), QStringLiteral("--json")});
        QVERIFY(doc.value(QStringLiteral("gc_report")).isObject());
        VERIFY_JSON(doc, "gc", 0, c + QStringList{QStringLiteral("gc"), QStringLiteral("--json"), QStringLiteral("--no-prune-cache")});
        QCOMPARE(doc.value(QStringLiteral("dry_run")).toBool(), false);

        // A failed verification is still a document (exit code 1).
        const QString damaged = fixtureCopy(QStringLiteral("a-small-files-paths"));
        QString blob;
        for (const QString &file : truthDigest(damaged).keys())
            if (file.startsWith(QLatin1String("objects/blobs/")) && file.endsWith(QLatin1String(".data"))
                && QFileInfo(damaged + QLatin1Char('/') + file).size() > 0)
                blob = damaged + QLatin1Char('/') + file;
        QVERIFY(!blob.isEmpty());
        QFile f(blob);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray data = f.readAll();
        data[0] = char(data.at(0) ^ 0x5a);
        QVERIFY(f.seek(0) && f.write(data) == data.size());
        f.close();
        VERIFY_JSON(doc, "verify", 1, (QStringList{QStringLiteral("-C"), damaged, QStringLiteral("verify"), QStringLiteral("--json")}));
        QCOMPARE(doc.value(QStringLiteral("ok")).toBool(), false);
        QVERIFY(!doc.value(QStringLiteral("errors")).toArray().isEmpty());
    }

    void errorsStayOnStderr()
    {
        const CliResult r = runCli({QStringLiteral("-C"), m_tmp.path() + QStringLiteral("/nowhere"), QStringLiteral("log"), QStringLiteral("--json")});
        VERIFY_ONE_LINE_ERROR(r, "RepositoryNotFoundError");
    }
};

QTEST_GUILESS_MAIN(TestCliJson)
#include "tst_cli_json.moc"
