// Write commands (init, commit, branch, tag, merge, reset) and the maintenance commands
// (gc, squash, storage) run as real processes: on fresh repositories, replaying the
// session with the original recorded in API.md §4, and on copies of the hubvault 0.0.2
// fixtures, whose manifests give what the original printed or returned. The repository
// is opened with the core afterwards to check what the command did.

#include <hubvault/LocalRepository.h>
#include "CliTest.h"

#include <QTemporaryDir>

using namespace hubvault;
using namespace hubvault::test;

namespace {

QString shortId(const QString &oid) { return oid.left(7); }

QString head(const QString &repo, const QString &revision)
{
    return LocalRepository::open(repo).resolveRevision(revision).value_or(QString());
}

QStringList titles(const QString &repo, const QString &revision)
{
    QStringList out;
    for (const GitCommitInfo &c : LocalRepository::open(repo).listRepoCommits(revision))
        out << c.title;
    return out;
}

} // namespace

class TestCliWrite : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    QString uniqueDir(const QString &tag)
    {
        static int counter = 0;
        const QString dir = m_tmp.path() + QStringLiteral("/%1-%2").arg(tag).arg(++counter);
        QDir().mkpath(dir);
        return dir;
    }

    QString fixtureCopy(const QString &fixture) { return copyFixture(fixture, uniqueDir(fixture)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), qPrintable(cliPath()));
    }

    // The session of API.md §4, command by command, with ids taken from the repository.
    void apiSession()
    {
        const QString cwd = QFileInfo(uniqueDir(QStringLiteral("session"))).canonicalFilePath();
        QVERIFY(writeFile(cwd + QStringLiteral("/p.bin"), "payload one\n"));
        QVERIFY(writeFile(cwd + QStringLiteral("/p2.bin"), "payload two\n"));
        const QString repo = cwd + QStringLiteral("/repo");
        const QStringList c{QStringLiteral("-C"), QStringLiteral("repo")};
        auto run = [&](const QStringList &args) { return runCli(args, cwd); };

        CliResult r = run({QStringLiteral("init"), QStringLiteral("repo")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("Initialized empty HubVault repository in %1\n").arg(repo));
        r = run(c + QStringList{QStringLiteral("status")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("On branch main\n\nnothing to commit, repository clean\n"));
        r = run(c + QStringList{QStringLiteral("status"), QStringLiteral("-s"), QStringLiteral("-b")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("## main\n"));
        r = run(c + QStringList{QStringLiteral("verify")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("Quick verification OK\nChecked refs: refs/heads/main\n"));

        r = run(c + QStringList{QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("seed"), QStringLiteral("--add"),
                                QStringLiteral("artifacts/file.bin=p.bin"), QStringLiteral("--add"), QStringLiteral("README.md=p.bin")});
        VERIFY_OK(r);
        const QString seed = head(repo, QStringLiteral("main"));
        QCOMPARE(r.out, QStringLiteral("[main %1] seed\n").arg(shortId(seed)));

        r = run(c + QStringList{QStringLiteral("branch"), QStringLiteral("feature")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QString());
        r = run(c + QStringList{QStringLiteral("branch")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("  feature\n* main\n"));
        r = run(c + QStringList{QStringLiteral("branch"), QStringLiteral("-v")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("  feature %1 seed\n* main %1 seed\n").arg(shortId(seed)));
        r = run(c + QStringList{QStringLiteral("branch"), QStringLiteral("--show-current")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("main\n"));
        r = run(c + QStringList{QStringLiteral("tag"), QStringLiteral("v1"), QStringLiteral("-m"), QStringLiteral("first")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QString());
        r = run(c + QStringList{QStringLiteral("tag"), QStringLiteral("-l")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("v1\n"));

        r = run(c + QStringList{QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("second"), QStringLiteral("-r"),
                                QStringLiteral("feature"), QStringLiteral("--add"), QStringLiteral("artifacts/file.bin=p2.bin"),
                                QStringLiteral("--description"), QStringLiteral("body text")});
        VERIFY_OK(r);
        const QString second = head(repo, QStringLiteral("feature"));
        QCOMPARE(r.out, QStringLiteral("[feature %1] second\n").arg(shortId(second)));
        QCOMPARE(head(repo, QStringLiteral("main")), seed);

        r = run(c + QStringList{QStringLiteral("merge"), QStringLiteral("feature")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("Updating %1..%2\nFast-forward\n").arg(shortId(seed), shortId(second)));
        QCOMPARE(head(repo, QStringLiteral("main")), second);

        r = run(c + QStringList{QStringLiteral("log")});
        VERIFY_OK(r);
        const QList<GitCommitInfo> history = LocalRepository::open(repo).listRepoCommits();
        QCOMPARE(history.size(), 3);
        QVERIFY2(r.out.startsWith(QStringLiteral("commit %1\nAuthor: Unknown\nDate:   ").arg(second)), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String(" +0000\n\n    second\n    body text\n\ncommit ") + seed), qPrintable(r.out));
        QVERIFY2(r.out.endsWith(QLatin1String(" +0000\n\n    Initial commit\n")), qPrintable(r.out));
        r = run(c + QStringList{QStringLiteral("log"), QStringLiteral("--oneline"), QStringLiteral("-n"), QStringLiteral("2")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("%1 second\n%2 seed\n").arg(shortId(second), shortId(seed)));

        r = run(c + QStringList{QStringLiteral("ls-tree"), QStringLiteral("-r"), QStringLiteral("main")});
        VERIFY_OK(r);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(0).startsWith(QLatin1String("100644 blob ")) && lines.at(0).endsWith(QLatin1String("\tREADME.md")));
        QVERIFY(lines.at(1).startsWith(QLatin1String("040000 tree ")) && lines.at(1).endsWith(QLatin1String("\tartifacts")));
        QVERIFY(lines.at(2).endsWith(QLatin1String("\tartifacts/file.bin")));

        r = run(c + QStringList{QStringLiteral("download"), QStringLiteral("artifacts/file.bin")});
        VERIFY_OK(r);
        QVERIFY2(onlyLine(r).startsWith(repo + QStringLiteral("/cache/files/")), qPrintable(r.out));
        QCOMPARE(sha256File(onlyLine(r)), sha256Of("payload two\n"));

        r = run(c + QStringList{QStringLiteral("verify"), QStringLiteral("--full")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("Full verification OK\nChecked refs: refs/heads/feature, refs/heads/main, refs/tags/v1\n"));

        const QMap<QString, QByteArray> before = truthDigest(repo);
        r = run(c + QStringList{QStringLiteral("reset"), QStringLiteral("-r"), QStringLiteral("main"), QStringLiteral("HEAD~1")});
        VERIFY_ONE_LINE_ERROR(r, "RevisionNotFoundError");
        QVERIFY(r.err.contains(QLatin1String("revision not found: HEAD~1")));
        r = run(c + QStringList{QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("x"), QStringLiteral("--add"),
                                QStringLiteral("../evil=p.bin")});
        VERIFY_ONE_LINE_ERROR(r, "UnsupportedPathError");
        QVERIFY(r.err.contains(QLatin1String("path_in_repo contains an illegal path segment")));
        r = run(c + QStringList{QStringLiteral("download"), QStringLiteral("nope.txt")});
        VERIFY_ONE_LINE_ERROR(r, "EntryNotFoundError");
        QVERIFY(r.err.contains(QLatin1String("path not found: nope.txt")));
        VERIFY_ONE_LINE_ERROR(run({QStringLiteral("-C"), QStringLiteral("nowhere"), QStringLiteral("status")}),
                              "RepositoryNotFoundError");
        QCOMPARE(truthDigest(repo), before);

        r = run(c + QStringList{QStringLiteral("branch"), QStringLiteral("-d"), QStringLiteral("feature")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("Deleted branch feature (was %1).\n").arg(shortId(second)));
        r = run(c + QStringList{QStringLiteral("tag"), QStringLiteral("-d"), QStringLiteral("v1")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("Deleted tag 'v1' (was %1).\n").arg(shortId(seed)));
        r = run(c + QStringList{QStringLiteral("merge"), QStringLiteral("nonexist")});
        VERIFY_ONE_LINE_ERROR(r, "RevisionNotFoundError");
        QVERIFY(r.err.contains(QLatin1String("revision not found: nonexist")));
        r = run(c + QStringList{QStringLiteral("status")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("On branch main\n\nnothing to commit, repository clean\n"));
        QCOMPARE(LocalRepository::open(repo).listRepoRefs().branches.size(), 1);
        QVERIFY(LocalRepository::open(repo).listRepoRefs().tags.isEmpty());
    }

    void initCommand()
    {
        const QString cwd = uniqueDir(QStringLiteral("init"));
        // -b and the threshold (with a suffix): a file of exactly the threshold is chunked.
        CliResult r = runCli({QStringLiteral("init"), QStringLiteral("-b"), QStringLiteral("trunk"),
                              QStringLiteral("--large-file-threshold"), QStringLiteral("1K"), QStringLiteral("r1")}, cwd);
        VERIFY_OK(r);
        const QString r1 = QFileInfo(cwd + QStringLiteral("/r1")).canonicalFilePath();
        QCOMPARE(r.out, QStringLiteral("Initialized empty HubVault repository in %1\n").arg(r1));
        QCOMPARE(LocalRepository::open(r1).defaultBranch(), QStringLiteral("trunk"));
        QVERIFY(writeFile(cwd + QStringLiteral("/big"), QByteArray(1024, 'x')));
        QVERIFY(writeFile(cwd + QStringLiteral("/small"), QByteArray(1023, 'y')));
        VERIFY_OK(runCli({QStringLiteral("-C"), QStringLiteral("r1"), QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("t"),
                          QStringLiteral("--add"), QStringLiteral("big=big"), QStringLiteral("--add"), QStringLiteral("small=small")}, cwd));
        const QList<RepoEntry> entries = LocalRepository::open(r1).listRepoTree();
        QCOMPARE(entries.size(), 2);
        QVERIFY2(entries.at(0).file.lfs.has_value(), "a file of the threshold size is chunked");
        QVERIFY(!entries.at(1).file.lfs.has_value());

        // Again: nothing changes, and it says so.
        const QMap<QString, QByteArray> before = truthDigest(r1);
        r = runCli({QStringLiteral("init"), QStringLiteral("r1"), QStringLiteral("-b"), QStringLiteral("other")}, cwd);
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("Reinitialized existing HubVault repository in %1\n").arg(r1));
        QCOMPARE(truthDigest(r1), before);
        QCOMPARE(LocalRepository::open(r1).defaultBranch(), QStringLiteral("trunk"));

        // Without PATH: the -C directory. PATH is relative to the working directory, not -C.
        QVERIFY(QDir().mkpath(cwd + QStringLiteral("/sub")));
        VERIFY_OK(runCli({QStringLiteral("-C"), QStringLiteral("sub/r2"), QStringLiteral("init")}, cwd));
        LocalRepository::open(cwd + QStringLiteral("/sub/r2"));
        VERIFY_OK(runCli({QStringLiteral("-C"), QStringLiteral("sub"), QStringLiteral("init"), QStringLiteral("r3")}, cwd));
        QVERIFY(QFileInfo::exists(cwd + QStringLiteral("/r3/FORMAT")));
        QVERIFY(!QFileInfo::exists(cwd + QStringLiteral("/sub/r3")));

        // A non-empty folder that is not a repository is left alone.
        QVERIFY(writeFile(cwd + QStringLiteral("/busy/file.txt"), "mine"));
        r = runCli({QStringLiteral("init"), QStringLiteral("busy")}, cwd);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QCOMPARE(listTree(cwd + QStringLiteral("/busy")), QStringList{QStringLiteral("file.txt")});

        VERIFY_USAGE_ERROR(runCli({QStringLiteral("init"), QStringLiteral("--large-file-threshold"), QStringLiteral("0"),
                                   QStringLiteral("r4")}, cwd),
                           QStringLiteral("hubvault: invalid value '0' for '--large-file-threshold': expected a positive "
                                          "number of bytes (optionally with a K, M, G or T suffix)"));
        QVERIFY(!QFileInfo::exists(cwd + QStringLiteral("/r4")));
    }

    void commitOperations()
    {
        const QString cwd = uniqueDir(QStringLiteral("commit"));
        const QString repo = cwd + QStringLiteral("/repo");
        VERIFY_OK(runCli({QStringLiteral("init"), repo}));
        QVERIFY(writeFile(cwd + QStringLiteral("/data/a.txt"), "A"));
        QVERIFY(writeFile(cwd + QStringLiteral("/data/sub/b.txt"), "B"));
        QVERIFY(writeFile(cwd + QStringLiteral("/data/.hidden"), "H"));
        QVERIFY(writeFile(cwd + QStringLiteral("/one.txt"), "1"));
        const QStringList c{QStringLiteral("-C"), repo, QStringLiteral("commit")};

        // A folder adds all its files (hidden ones too) under REPO_PATH; "." is the root.
        CliResult r = runCli(c + QStringList{QStringLiteral("-m"), QStringLiteral("folder"), QStringLiteral("--add"),
                                             QStringLiteral("ds=data"), QStringLiteral("--add"), QStringLiteral(".=data/sub")}, cwd);
        VERIFY_OK(r);
        QCOMPARE(LocalRepository::open(repo).listRepoFiles(),
                 (QStringList{QStringLiteral("b.txt"), QStringLiteral("ds/.hidden"), QStringLiteral("ds/a.txt"), QStringLiteral("ds/sub/b.txt")}));

        // Adds, then deletes, then copies; --message= and --description= forms.
        r = runCli(c + QStringList{QStringLiteral("--message=mixed"), QStringLiteral("--description=the body"),
                                   QStringLiteral("--copy"), QStringLiteral("ds/a.txt=copied/a.txt"), QStringLiteral("--delete"),
                                   QStringLiteral("ds/sub/"), QStringLiteral("--add"), QStringLiteral("one.txt=one.txt"),
                                   QStringLiteral("--delete"), QStringLiteral("b.txt")}, cwd);
        VERIFY_OK(r);
        const LocalRepository opened = LocalRepository::open(repo);
        QCOMPARE(opened.listRepoFiles(), (QStringList{QStringLiteral("copied/a.txt"), QStringLiteral("ds/.hidden"),
                                                      QStringLiteral("ds/a.txt"), QStringLiteral("one.txt")}));
        QCOMPARE(opened.readBytes(QStringLiteral("copied/a.txt")), QByteArray("A"));
        const GitCommitInfo last = opened.listRepoCommits().constFirst();
        QCOMPARE(last.title, QStringLiteral("mixed"));
        QCOMPARE(last.message, QStringLiteral("the body"));
        QCOMPARE(r.out, QStringLiteral("[main %1] mixed\n").arg(shortId(last.commitId)));

        // Failures change nothing.
        const QMap<QString, QByteArray> before = truthDigest(repo);
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("--add"), QStringLiteral("x=one.txt")}, cwd),
                           QStringLiteral("hubvault: option '--message' is required"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("-m"), QStringLiteral("x"), QStringLiteral("--add"), QStringLiteral("one.txt")}, cwd),
                           QStringLiteral("hubvault: invalid value 'one.txt' for '--add': expected REPO_PATH=LOCAL_PATH"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("-m"), QStringLiteral("x"), QStringLiteral("--copy"), QStringLiteral("=b")}, cwd),
                           QStringLiteral("hubvault: invalid value '=b' for '--copy': expected SRC=DEST"));
        CliResult e = runCli(c + QStringList{QStringLiteral("-m"), QStringLiteral("x")}, cwd);
        VERIFY_ONE_LINE_ERROR(e, "HubVaultValidationError");
        QVERIFY(e.err.contains(QLatin1String("no operations given")));
        e = runCli(c + QStringList{QStringLiteral("-m"), QStringLiteral("x"), QStringLiteral("-r"), QStringLiteral("nobranch"),
                                   QStringLiteral("--add"), QStringLiteral("y=one.txt")}, cwd);
        VERIFY_ONE_LINE_ERROR(e, "RevisionNotFoundError");
        e = runCli(c + QStringList{QStringLiteral("-m"), QStringLiteral("x"), QStringLiteral("--delete"), QStringLiteral("missing.txt")}, cwd);
        VERIFY_ONE_LINE_ERROR(e, "EntryNotFoundError");
        e = runCli(c + QStringList{QStringLiteral("-m"), QStringLiteral("x"), QStringLiteral("--add"), QStringLiteral("e=empty-dir")}, cwd);
        VERIFY_ONE_LINE_ERROR(e, "HubVaultValidationError");
        QVERIFY2(e.err.contains(QLatin1String("empty-dir does not exist")), qPrintable(e.err));
        QVERIFY(QDir().mkpath(cwd + QStringLiteral("/empty-dir")));
        e = runCli(c + QStringList{QStringLiteral("-m"), QStringLiteral("x"), QStringLiteral("--add"), QStringLiteral("e=empty-dir")}, cwd);
        VERIFY_ONE_LINE_ERROR(e, "HubVaultValidationError");
        QVERIFY2(e.err.contains(QLatin1String("holds no files")), qPrintable(e.err));
        QCOMPARE(truthDigest(repo), before);
    }

    // ---- fixtures: what the original printed for the same data ----------------------------

    void branchAndTagListings()
    {
        const QString repo = fixtureCopy(QStringLiteral("c-branches-merges"));
        const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
        const QJsonObject raw = m.value(QStringLiteral("refs")).toObject().value(QStringLiteral("raw")).toObject();
        QString list, verbose, tags;
        for (const QJsonValue &v : raw.value(QStringLiteral("branches")).toArray()) {
            const QString name = v.toObject().value(QStringLiteral("name")).toString();
            const QString target = v.toObject().value(QStringLiteral("target_commit")).toString();
            const QString prefix = name == QLatin1String("main") ? QStringLiteral("* ") : QStringLiteral("  ");
            const QString title = m.value(QStringLiteral("commits")).toObject().value(target).toObject().value(QStringLiteral("title")).toString();
            QVERIFY(!title.isEmpty());
            list += prefix + name + QLatin1Char('\n');
            verbose += QStringLiteral("%1%2 %3 %4\n").arg(prefix, name, shortId(target), title);
        }
        for (const QJsonValue &v : raw.value(QStringLiteral("tags")).toArray())
            tags += v.toObject().value(QStringLiteral("name")).toString() + QLatin1Char('\n');
        const QStringList c{QStringLiteral("-C"), repo};
        CliResult r = runCli(c + QStringList{QStringLiteral("branch")});
        VERIFY_OK(r);
        QCOMPARE(r.out, list);
        r = runCli(c + QStringList{QStringLiteral("branch"), QStringLiteral("--verbose")});
        VERIFY_OK(r);
        QCOMPARE(r.out, verbose);
        for (const QStringList &args : {QStringList{QStringLiteral("tag")}, QStringList{QStringLiteral("tag"), QStringLiteral("-l")},
                                        QStringList{QStringLiteral("tag"), QStringLiteral("--list"), QStringLiteral("v1.0")}}) {
            r = runCli(c + args);
            VERIFY_OK(r);
            QCOMPARE(r.out, tags);
        }
    }

    void branchAndTagChanges()
    {
        const QString repo = fixtureCopy(QStringLiteral("c-branches-merges"));
        const QStringList c{QStringLiteral("-C"), repo};
        // Branch at a start point (tag), with '/' in the name; tag at a revision.
        VERIFY_OK(runCli(c + QStringList{QStringLiteral("branch"), QStringLiteral("fix/one"), QStringLiteral("v0-initial")}));
        QCOMPARE(head(repo, QStringLiteral("fix/one")), QStringLiteral("d0c711ac70d17464d46759bf8a83154b5f2e0625"));
        VERIFY_OK(runCli(c + QStringList{QStringLiteral("tag"), QStringLiteral("t2"), QStringLiteral("topic")}));
        QCOMPARE(head(repo, QStringLiteral("t2")), QStringLiteral("7745d2cdf7188f38c44addf8d43619c559886a99"));
        CliResult r = runCli(c + QStringList{QStringLiteral("branch"), QStringLiteral("-D"), QStringLiteral("fix/one")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("Deleted branch fix/one (was d0c711a).\n"));

        const QMap<QString, QByteArray> before = truthDigest(repo);
        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("branch"), QStringLiteral("topic")}), "ConflictError");
        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("branch"), QStringLiteral("-d"), QStringLiteral("main")}), "ConflictError");
        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("branch"), QStringLiteral("-d"), QStringLiteral("nope")}),
                              "RevisionNotFoundError");
        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("branch"), QStringLiteral("new"), QStringLiteral("nope")}),
                              "RevisionNotFoundError");
        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("tag"), QStringLiteral("v1.0")}), "ConflictError");
        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("tag"), QStringLiteral("-d"), QStringLiteral("nope")}),
                              "RevisionNotFoundError");
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("branch"), QStringLiteral("-d")}),
                           QStringLiteral("hubvault: branch -d/-D requires a branch name"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("tag"), QStringLiteral("-d")}),
                           QStringLiteral("hubvault: tag -d requires a tag name"));
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("branch"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}),
                           QStringLiteral("hubvault: unexpected argument 'c'"));
        QCOMPARE(truthDigest(repo), before);
    }

    void mergeOutcomes()
    {
        const QString repo = fixtureCopy(QStringLiteral("c-branches-merges"));
        const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
        const QStringList c{QStringLiteral("-C"), repo};

        // The fixture's conflicting merge (step 19): main back at "Main side of conflict".
        QJsonObject conflictOp;
        for (const QJsonValue &op : m.value(QStringLiteral("ops")).toArray())
            if (op.toObject().value(QStringLiteral("result")).toObject().value(QStringLiteral("status")) == QLatin1String("conflict"))
                conflictOp = op.toObject();
        QVERIFY(!conflictOp.isEmpty());
        const QJsonObject expected = conflictOp.value(QStringLiteral("result")).toObject();
        const QString before = expected.value(QStringLiteral("target_head_before")).toString();
        CliResult r = runCli(c + QStringList{QStringLiteral("reset"), before});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("HEAD is now at %1 Main side of conflict\n").arg(shortId(before)));

        QString conflictText;
        for (const QJsonValue &v : expected.value(QStringLiteral("conflicts")).toArray()) {
            const QJsonObject conflict = v.toObject();
            QString path = conflict.value(QStringLiteral("path")).toString();
            if (!conflict.value(QStringLiteral("related_path")).isNull())
                path += QStringLiteral(" -> ") + conflict.value(QStringLiteral("related_path")).toString();
            conflictText += QStringLiteral("CONFLICT (%1): %2\n").arg(conflict.value(QStringLiteral("conflict_type")).toString(), path);
        }
        conflictText += QStringLiteral("Automatic merge failed; no commit was created.\n");
        const QMap<QString, QByteArray> digest = truthDigest(repo);
        r = runCli(c + QStringList{QStringLiteral("merge"), QStringLiteral("conflict-side"), QStringLiteral("-m"),
                                   QStringLiteral("Should not be created")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QString());
        QCOMPARE(r.out, conflictText);
        QCOMPARE(truthDigest(repo), digest);
        QCOMPARE(head(repo, QStringLiteral("main")), before);

        // Already up to date.
        r = runCli(c + QStringList{QStringLiteral("merge"), QStringLiteral("v1.0")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("Already up to date.\n"));

        // A merge commit with a custom title and body, into the default branch.
        r = runCli(c + QStringList{QStringLiteral("merge"), QStringLiteral("topic"), QStringLiteral("--message"),
                                   QStringLiteral("Merge topic again"), QStringLiteral("--description"), QStringLiteral("Custom merge body.")});
        VERIFY_OK(r);
        const QString merged = head(repo, QStringLiteral("main"));
        QCOMPARE(r.out, QStringLiteral("Merge made by the 'hubvault' strategy.\nCreated commit %1.\n").arg(shortId(merged)));
        const GitCommitInfo top = LocalRepository::open(repo).listRepoCommits().constFirst();
        QCOMPARE(top.title, QStringLiteral("Merge topic again"));
        QCOMPARE(top.message, QStringLiteral("Custom merge body."));
        // Same trees as the original's merge (step 21) produced.
        QCOMPARE(LocalRepository::open(repo).listRepoFiles(), LocalRepository::open(fixturePath(QStringLiteral("c-branches-merges"))).listRepoFiles());

        // Fast-forward of another branch with --target, and the default merge message.
        r = runCli(c + QStringList{QStringLiteral("merge"), QStringLiteral("main"), QStringLiteral("--target"), QStringLiteral("scratch")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("Updating 50c3b4f..%1\nFast-forward\n").arg(shortId(merged)));
        VERIFY_OK(runCli(c + QStringList{QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("side"), QStringLiteral("-r"),
                                         QStringLiteral("release/v1"), QStringLiteral("--copy"), QStringLiteral("ff.txt=ff2.txt")}));
        r = runCli(c + QStringList{QStringLiteral("merge"), QStringLiteral("release/v1")});
        VERIFY_OK(r);
        QCOMPARE(titles(repo, QStringLiteral("main")).constFirst(), QStringLiteral("Merge release/v1 into main"));

        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("merge"), QStringLiteral("topic"), QStringLiteral("--target"),
                                                     QStringLiteral("v1.0")}),
                              "RevisionNotFoundError");
        VERIFY_USAGE_ERROR(runCli(c + QStringList{QStringLiteral("merge")}), QStringLiteral("hubvault: missing argument SOURCE"));
    }

    void reset()
    {
        const QString repo = fixtureCopy(QStringLiteral("c-branches-merges"));
        const QStringList c{QStringLiteral("-C"), repo, QStringLiteral("reset")};
        CliResult r = runCli(c + QStringList{QStringLiteral("-r"), QStringLiteral("scratch"), QStringLiteral("v0-initial")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("HEAD is now at d0c711a Initial commit\n"));
        QCOMPARE(head(repo, QStringLiteral("scratch")), QStringLiteral("d0c711ac70d17464d46759bf8a83154b5f2e0625"));
        r = runCli(c + QStringList{QStringLiteral("--revision=scratch"), QStringLiteral("refs/heads/topic")});
        VERIFY_OK(r);
        QCOMPARE(r.out, QStringLiteral("HEAD is now at 7745d2c More topic work\n"));

        const QMap<QString, QByteArray> before = truthDigest(repo);
        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("nope")}), "RevisionNotFoundError");
        VERIFY_ONE_LINE_ERROR(runCli(c + QStringList{QStringLiteral("-r"), QStringLiteral("v1.0"), QStringLiteral("main")}),
                              "RevisionNotFoundError");
        VERIFY_USAGE_ERROR(runCli(c), QStringLiteral("hubvault: missing argument TO_REVISION"));
        QCOMPARE(truthDigest(repo), before);
    }

    // ---- maintenance ----------------------------------------------------------------------

    void storageGcSquash()
    {
        const QString repo = fixtureCopy(QStringLiteral("d-squash-gc"));
        const QStringList c{QStringLiteral("-C"), repo};
        const StorageOverview overview = LocalRepository::open(repo).storageOverview();

        CliResult r = runCli(c + QStringList{QStringLiteral("storage")});
        VERIFY_OK(r);
        QVERIFY2(r.out.startsWith(QLatin1String("Total on disk:")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("\nSECTION ")));
        for (const StorageSectionInfo &section : overview.sections) {
            const QRegularExpression row(QStringLiteral("\n%1 +[0-9.]+ [KMG]?i?B +%2 +[0-9.]+ [KMG]?i?B +%3 +%4\n")
                                             .arg(QRegularExpression::escape(section.name)).arg(section.fileCount)
                                             .arg(QRegularExpression::escape(wireName(section.reclaimStrategy)),
                                                  QRegularExpression::escape(section.path)));
            QVERIFY2(row.match(r.out).hasMatch(), qPrintable(section.name + QStringLiteral("\n") + r.out));
        }
        for (const QString &recommendation : overview.recommendations)
            QVERIFY(r.out.contains(QStringLiteral("  - ") + recommendation));

        // gc --dry-run reports and changes nothing.
        const QMap<QString, QByteArray> before = truthDigest(repo);
        r = runCli(c + QStringList{QStringLiteral("gc"), QStringLiteral("--dry-run")});
        VERIFY_OK(r);
        QVERIFY2(r.out.startsWith(QLatin1String("Would remove ")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("(dry run: nothing was removed)")));
        QVERIFY(r.out.contains(QLatin1String("\nChecked refs: refs/heads/main\n")));
        QCOMPARE(truthDigest(repo), before);

        // squash --no-gc: one commit left, old data still on disk; then gc reclaims it.
        const QString oldHead = head(repo, QStringLiteral("main"));
        r = runCli(c + QStringList{QStringLiteral("squash"), QStringLiteral("--no-gc"), QStringLiteral("-m"), QStringLiteral("Baseline"),
                                   QStringLiteral("main")});
        VERIFY_OK(r);
        const QString newHead = head(repo, QStringLiteral("main"));
        QVERIFY2(r.out.startsWith(QStringLiteral("Squashed refs/heads/main: %1..%2 (1 commit rewritten, ").arg(shortId(oldHead), shortId(newHead))),
                 qPrintable(r.out));
        QCOMPARE(titles(repo, QStringLiteral("main")), QStringList{QStringLiteral("Baseline")});
        QVERIFY(!r.out.contains(QLatin1String("Removed ")));
        r = runCli(c + QStringList{QStringLiteral("gc")});
        VERIFY_OK(r);
        QVERIFY2(QRegularExpression(QStringLiteral("^Removed [1-9][0-9]* files?, reclaimed ")).match(r.out).hasMatch(), qPrintable(r.out));
        QVERIFY(LocalRepository::open(repo).storageOverview().totalSize < overview.totalSize);
        r = runCli(c + QStringList{QStringLiteral("verify"), QStringLiteral("--full")});
        VERIFY_OK(r);

        // squash with --root on a fresh copy runs gc by default.
        const QString repo2 = fixtureCopy(QStringLiteral("d-squash-gc"));
        const QList<GitCommitInfo> history = LocalRepository::open(repo2).listRepoCommits();
        QVERIFY(history.size() >= 3);
        r = runCli({QStringLiteral("-C"), repo2, QStringLiteral("squash"), QStringLiteral("--root"), history.at(1).commitId});
        VERIFY_OK(r);
        QVERIFY2(r.out.contains(QLatin1String("\nRemoved ")), qPrintable(r.out));
        QCOMPARE(titles(repo2, QStringLiteral("main")), (QStringList{history.at(0).title, history.at(1).title}));
        VERIFY_ONE_LINE_ERROR(runCli({QStringLiteral("-C"), repo2, QStringLiteral("squash"), QStringLiteral("nope")}),
                              "RevisionNotFoundError");
    }
};

QTEST_GUILESS_MAIN(TestCliWrite)
#include "tst_cli_write.moc"
