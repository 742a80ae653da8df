// Hostile repositories end to end (issue 16): repositories built by hand to attack their
// reader (hostile names, symlinks out of the repository, absurd sizes, cycles, extreme
// depth and length) are opened with the real `hubvault` under a limit on its address space.
// Every case names its attack; each must end in a clear one-line error or a correct,
// bounded result, never a crash, and nothing outside the repository and the command's
// target may change. The app reads through the same core calls (listRepoTree, readRange,
// listRepoReflog), which the in-process checks of some cases exercise.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "CanonicalJson.h"
#include "CliTest.h"
#include "ObjectCodec.h"
#include "SqlTestSupport.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace hubvault;
using namespace hubvault::test;

namespace {

/** Address-space limit of every CLI run: twice what the fixtures need (256 MiB runs every
 * command on them), far below what any of these attacks would take unbounded. */
constexpr qint64 kMemoryLimitKiB = 512 * 1024;

const QString kSmall = QStringLiteral("a-small-files-paths");
const QString kChunked = QStringLiteral("b-chunked-large");

/** Runs the CLI under `ulimit -v` (address space) and `ulimit -f` (no multi-GiB files). */
CliResult runLimited(const QStringList &args, const QString &workDir = {})
{
    QStringList shellArgs{QStringLiteral("-c"),
                          QStringLiteral("ulimit -v %1 && ulimit -f %2 && exec \"$0\" \"$@\"").arg(kMemoryLimitKiB).arg(4 * 1024 * 1024),
                          cliPath()};
    shellArgs += args;
    return runProgram(QStringLiteral("/bin/sh"), shellArgs, workDir);
}

/** A run is acceptable when it exits on its own with 0 or a one-line `hubvault:` error. */
bool cleanOutcome(const CliResult &r, QString *why)
{
    if (r.crashed || r.err == QLatin1String("timed out") || (r.exitCode != 0 && r.exitCode != 1)) {
        *why = QStringLiteral("exit %1 crashed=%2 stderr=%3").arg(r.exitCode).arg(r.crashed).arg(r.err.left(400));
        return false;
    }
    if (r.exitCode == 1 && !r.err.startsWith(QLatin1String("hubvault: ")) && !r.out.contains(QLatin1String("FAILED"))) {
        *why = QStringLiteral("error without a message: stderr=%1 stdout=%2").arg(r.err.left(400), r.out.left(400));
        return false;
    }
    return true;
}

#define EXPECT_CLEAN(result)                                                                       \
    do {                                                                                           \
        QString why_;                                                                              \
        if (!cleanOutcome((result), &why_))                                                        \
            QFAIL(qPrintable(why_));                                                               \
    } while (false)

QString dbPath(const QString &repo) { return repo + QStringLiteral("/metadata.sqlite3"); }

QString queryOne(const QString &repo, const QString &sql)
{
    const auto rows = sqlQueryRows(dbPath(repo), sql);
    return rows.isEmpty() || rows.first().isEmpty() ? QString() : rows.first().first().toString();
}

QString quoted(const QString &text) { return QStringLiteral("'") + QString(text).replace(QLatin1Char('\''), QStringLiteral("''")) + QStringLiteral("'"); }

/** Raw sqlite3 access for bulk inserts (QtSql binds row by row through QVariant, far slower). */
class RawDb {
public:
    explicit RawDb(const QString &repo) { sqlite3_open(dbPath(repo).toUtf8().constData(), &m_db); }
    ~RawDb() { sqlite3_close(m_db); }
    bool exec(const QByteArray &sql)
    {
        char *error = nullptr;
        const bool ok = sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, &error) == SQLITE_OK;
        if (!ok)
            qWarning("SQL failed: %s: %s", sql.left(200).constData(), error);
        sqlite3_free(error);
        return ok;
    }
    /** Stores `payload` (canonical JSON) in the table of `type` under its true id; returns the id. */
    QString put(ObjectType type, const QJsonObject &payload, const QString &idOverride = {})
    {
        const QByteArray cjson = CanonicalJson::serialize(payload);
        const QString id = idOverride.isEmpty() ? ObjectCodec::objectId(type, cjson) : idOverride;
        if (!m_insert[int(type)]) {
            const QByteArray sql = "INSERT OR REPLACE INTO " + objectTableName(type).toUtf8() + " (object_id, payload_json) VALUES (?1, ?2)";
            sqlite3_prepare_v2(m_db, sql.constData(), -1, &m_insert[int(type)], nullptr);
        }
        sqlite3_stmt *stmt = m_insert[int(type)];
        const QByteArray idBytes = id.toUtf8();
        sqlite3_reset(stmt);
        sqlite3_bind_text(stmt, 1, idBytes.constData(), int(idBytes.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 2, cjson.constData(), int(cjson.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(stmt) != SQLITE_DONE)
            qWarning("insert failed: %s", sqlite3_errmsg(m_db));
        return id;
    }
    void finish()
    {
        for (sqlite3_stmt *&s : m_insert) {
            sqlite3_finalize(s);
            s = nullptr;
        }
    }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert[4] = {};
};

QJsonObject payloadOf(const QString &repo, ObjectType type, const QString &id)
{
    return QJsonDocument::fromJson(queryOne(repo, QStringLiteral("SELECT payload_json FROM %1 WHERE object_id = %2")
                                                      .arg(objectTableName(type), quoted(id)))
                                       .toUtf8())
        .object();
}

QString headOf(const QString &repo)
{
    return queryOne(repo, QStringLiteral("SELECT commit_id FROM refs WHERE ref_kind = 'branch' AND ref_name = 'main'"));
}

/** A commit on top of main whose root tree is `tree` (stored under its true id); main moves to it. */
QString commitTree(const QString &repo, RawDb &db, const QJsonObject &tree)
{
    const QString head = headOf(repo);
    QJsonObject commit = payloadOf(repo, ObjectType::Commit, head);
    commit.insert(QStringLiteral("tree_id"), db.put(ObjectType::Tree, tree));
    commit.insert(QStringLiteral("parents"), QJsonArray{head});
    commit.insert(QStringLiteral("message"), QStringLiteral("hostile"));
    commit.insert(QStringLiteral("title"), QStringLiteral("hostile"));
    commit.insert(QStringLiteral("git_oid"), QString());
    const QString id = db.put(ObjectType::Commit, commit);
    db.exec("UPDATE refs SET commit_id = '" + id.toUtf8() + "' WHERE ref_kind = 'branch' AND ref_name = 'main'");
    return id;
}

QJsonObject rootTree(const QString &repo)
{
    return payloadOf(repo, ObjectType::Tree, payloadOf(repo, ObjectType::Commit, headOf(repo)).value(QStringLiteral("tree_id")).toString());
}

/** The root tree entry called `name` ({} when there is none). */
QJsonObject rootEntry(const QString &repo, const QString &name)
{
    for (const QJsonValue &v : rootTree(repo).value(QStringLiteral("entries")).toArray()) {
        if (v.toObject().value(QStringLiteral("name")).toString() == name)
            return v.toObject();
    }
    return {};
}

/** Entries sorted by code point, as trees store them. */
QJsonArray sortedEntries(QList<QJsonObject> entries)
{
    std::sort(entries.begin(), entries.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return codePointLess(a.value(QStringLiteral("name")).toString(), b.value(QStringLiteral("name")).toString());
    });
    QJsonArray out;
    for (const QJsonObject &e : entries)
        out.append(e);
    return out;
}

} // namespace

class TestCliHostile : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_case = 0;

    /**
     * A case folder: `repo` (a copy of `fixture`), `out` (the commands' target, absent) and
     * `outside` (a folder with a sentinel that must stay as it is).
     */
    struct Case {
        QString dir, repo, out, outside;
    };

    Case makeCase(const QString &fixture)
    {
        Case c;
        c.dir = m_tmp.path() + QStringLiteral("/case%1").arg(++m_case);
        QDir().mkpath(c.dir);
        c.repo = copyFixture(fixture, c.dir);
        c.out = c.dir + QStringLiteral("/out");
        c.outside = c.dir + QStringLiteral("/outside");
        writeFile(c.outside + QStringLiteral("/victim.txt"), "must stay as it is\n");
        return c;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    // ---- hostile names in trees --------------------------------------------------------

    void treeEntryWithHostileName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("parent traversal ../x") << QStringLiteral("../x");
        QTest::newRow("absolute /etc/x") << QStringLiteral("/etc/x");
        QTest::newRow("nested traversal a/../../x") << QStringLiteral("a/../../x");
        QTest::newRow("dot-dot alone") << QStringLiteral("..");
        QTest::newRow("windows drive C:\\x") << QStringLiteral("C:\\x");
        QTest::newRow("windows traversal ..\\..\\x") << QStringLiteral("..\\..\\x");
        QTest::newRow("NUL inside a name") << QStringLiteral("x") + QChar(0) + QStringLiteral("y");
        QTest::newRow("newline inside a name") << QStringLiteral("new\nline");
    }

    void treeEntryWithHostileName()
    {
        QFETCH(QString, name);
        Case c = makeCase(kSmall);
        const auto outsideBefore = treeDigest(c.outside);
        {
            RawDb db(c.repo);
            QJsonObject readme = rootEntry(c.repo, QStringLiteral("README.md"));
            QVERIFY(!readme.isEmpty());
            QList<QJsonObject> entries;
            for (const QJsonValue &v : rootTree(c.repo).value(QStringLiteral("entries")).toArray())
                entries.append(v.toObject());
            readme.insert(QStringLiteral("name"), name);
            entries.append(readme);
            QJsonObject tree = rootTree(c.repo);
            tree.insert(QStringLiteral("entries"), sortedEntries(entries));
            commitTree(c.repo, db, tree);
            db.finish();
        }
        const QStringList commands[] = {
            {QStringLiteral("ls-tree"), QStringLiteral("-r")},
            {QStringLiteral("log")},
            {QStringLiteral("verify"), QStringLiteral("--full")},
            {QStringLiteral("snapshot"), QStringLiteral("--local-dir"), c.out + QStringLiteral("/snap")},
            {QStringLiteral("export"), c.out + QStringLiteral("/folder")},
            {QStringLiteral("export"), c.out + QStringLiteral("/archive.tar")},
            {QStringLiteral("download"), QStringLiteral("--local-dir"), c.out + QStringLiteral("/dl"), name},
        };
        QDir().mkpath(c.out);
        for (const QStringList &args : commands) {
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            EXPECT_CLEAN(r);
            QCOMPARE(treeDigest(c.outside), outsideBefore);
        }
        // Whatever was written is below the target and no link; a name with a backslash is
        // one literal segment on POSIX, and a name with a NUL is refused, not cut to "x".
        for (const QString &path : listTree(c.out)) {
            QVERIFY2(!QFileInfo(c.out + QLatin1Char('/') + path).isSymLink(), qPrintable(path));
            QVERIFY2(!path.split(QLatin1Char('/')).contains(QStringLiteral("..")), qPrintable(path));
            if (name.contains(QChar(0)))
                QVERIFY2(!path.endsWith(QLatin1String("/x")), qPrintable(path));
        }
        const QStringList top = QDir(c.dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
        QCOMPARE(top, (QStringList{kSmall, QStringLiteral("out"), QStringLiteral("outside")}));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/etc/x")));
    }

    // ---- symlinks inside the repository ------------------------------------------------

    void symlinkInsideRepositoryPointingOutside_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::newRow("objects/ is a link") << QStringLiteral("objects");
        QTest::newRow("objects/blobs is a link") << QStringLiteral("objects/blobs");
        QTest::newRow("a blob fan-out folder is a link") << QStringLiteral("objects/blobs/sha256/1c");
        QTest::newRow("cache/ is a link") << QStringLiteral("cache");
        QTest::newRow("chunks/packs/ is a link") << QStringLiteral("chunks/packs");
    }

    void symlinkInsideRepositoryPointingOutside()
    {
        QFETCH(QString, folder);
        Case c = makeCase(folder.startsWith(QLatin1String("chunks")) ? kChunked : kSmall);
        // The outside folder holds a copy of what the link replaces, so reads could work
        // through it; gc, downloads and commits would delete or write out there.
        const QString real = c.repo + QLatin1Char('/') + folder;
        if (QFileInfo(real).isDir())
            QVERIFY(copyTree(real, c.outside + QStringLiteral("/linked")));
        else
            QVERIFY(QDir().mkpath(c.outside + QStringLiteral("/linked")));
        QDir(real).removeRecursively();
        QDir().mkpath(QFileInfo(real).absolutePath());
        QVERIFY(QFile::link(c.outside + QStringLiteral("/linked"), real));
        // A stray file beside the linked copy that gc would call garbage if it followed the link.
        writeFile(c.outside + QStringLiteral("/linked/stray.data"), "not the repository's\n");
        const auto outsideBefore = treeDigest(c.outside);
        const QString local = c.dir + QStringLiteral("/new.txt");
        writeFile(local, "hostile\n");
        const QStringList commands[] = {
            {QStringLiteral("log")},
            {QStringLiteral("ls-tree"), QStringLiteral("-r")},
            {QStringLiteral("verify"), QStringLiteral("--full")},
            {QStringLiteral("download"), QStringLiteral("README.md")},
            {QStringLiteral("download"), QStringLiteral("models/big.bin")},
            {QStringLiteral("snapshot")},
            {QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("x"), QStringLiteral("--add"), QStringLiteral("new.txt=") + local},
            {QStringLiteral("gc")},
        };
        for (const QStringList &args : commands) {
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            EXPECT_CLEAN(r);
            QVERIFY2(treeDigest(c.outside) == outsideBefore, qPrintable(QStringLiteral("%1 changed the folder outside the repository")
                                                                          .arg(args.join(QLatin1Char(' ')))));
        }
    }

    // ---- absurd sizes -------------------------------------------------------------------

    void packChunkLengthTwoToThe62()
    {
        Case c = makeCase(kChunked);
        const auto outsideBefore = treeDigest(c.outside);
        QCOMPARE(sqlExecStatements(c.repo, {QStringLiteral("UPDATE chunk_visible SET stored_size = 4611686018427387904, "
                                                           "logical_size = 4611686018427387904")}),
                 QString());
        const QStringList commands[] = {
            {QStringLiteral("download"), QStringLiteral("models/big.bin")},
            {QStringLiteral("export"), c.out},
            {QStringLiteral("verify"), QStringLiteral("--full")},
            {QStringLiteral("storage")},
            {QStringLiteral("gc"), QStringLiteral("--dry-run")},
        };
        for (const QStringList &args : commands) {
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            EXPECT_CLEAN(r);
            if (args.first() == QLatin1String("download") || args.first() == QLatin1String("export"))
                QVERIFY2(r.exitCode == 1 && r.err.contains(QLatin1String("IntegrityError")), qPrintable(r.err));
        }
        QCOMPARE(treeDigest(c.outside), outsideBefore);
    }

    void fileObjectClaimingOnePetabyte()
    {
        Case c = makeCase(kSmall);
        const auto outsideBefore = treeDigest(c.outside);
        {
            RawDb db(c.repo);
            QJsonObject readme = rootEntry(c.repo, QStringLiteral("README.md"));
            QJsonObject file = payloadOf(c.repo, ObjectType::File, readme.value(QStringLiteral("object_id")).toString());
            QVERIFY(!file.isEmpty());
            file.insert(QStringLiteral("logical_size"), double(qint64(1) << 50));
            readme.insert(QStringLiteral("object_id"), db.put(ObjectType::File, file));
            readme.insert(QStringLiteral("size_hint"), double(qint64(1) << 50));
            QList<QJsonObject> entries;
            for (const QJsonValue &v : rootTree(c.repo).value(QStringLiteral("entries")).toArray())
                entries.append(v.toObject().value(QStringLiteral("name")) == QLatin1String("README.md") ? readme : v.toObject());
            QJsonObject tree = rootTree(c.repo);
            tree.insert(QStringLiteral("entries"), sortedEntries(entries));
            commitTree(c.repo, db, tree);
            db.finish();
        }
        const QStringList commands[] = {
            {QStringLiteral("ls-tree"), QStringLiteral("-r")},
            {QStringLiteral("download"), QStringLiteral("README.md")},
            {QStringLiteral("export"), c.out},
            {QStringLiteral("snapshot")},
            {QStringLiteral("verify"), QStringLiteral("--full")},
            {QStringLiteral("storage")},
        };
        for (const QStringList &args : commands) {
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            EXPECT_CLEAN(r);
            if (args.first() == QLatin1String("download") || args.first() == QLatin1String("export"))
                QVERIFY2(r.exitCode == 1, qPrintable(r.out + r.err));
        }
        // The app's reads: a range of the file and the listing.
        LocalRepository repo = LocalRepository::open(c.repo);
        EXPECT_THROW_KIND(repo.readBytes(QStringLiteral("README.md")), HubVaultError);
        QCOMPARE(treeDigest(c.outside), outsideBefore);
    }

    // ---- graph shapes -------------------------------------------------------------------

    void commitCycle()
    {
        Case c = makeCase(kSmall);
        // Ids are content hashes, so a cycle needs a row stored under a false id: the head
        // names itself as its parent, and its parent names the head.
        const QString head = headOf(c.repo);
        QJsonObject payload = payloadOf(c.repo, ObjectType::Commit, head);
        const QString parent = payload.value(QStringLiteral("parents")).toArray().first().toString();
        payload.insert(QStringLiteral("parents"), QJsonArray{parent, head});
        QJsonObject parentPayload = payloadOf(c.repo, ObjectType::Commit, parent);
        parentPayload.insert(QStringLiteral("parents"), QJsonArray{head});
        {
            RawDb db(c.repo);
            db.put(ObjectType::Commit, payload, head);
            db.put(ObjectType::Commit, parentPayload, parent);
            db.finish();
        }
        const QStringList commands[] = {
            {QStringLiteral("log")},
            {QStringLiteral("log"), QStringLiteral("--oneline"), QStringLiteral("-n"), QStringLiteral("1000000")},
            {QStringLiteral("verify"), QStringLiteral("--full")},
            {QStringLiteral("gc"), QStringLiteral("--dry-run")},
            {QStringLiteral("storage")},
            {QStringLiteral("squash"), QStringLiteral("--no-gc")},
        };
        for (const QStringList &args : commands) {
            QElapsedTimer timer;
            timer.start();
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            EXPECT_CLEAN(r);
            QVERIFY2(timer.elapsed() < 120000, qPrintable(args.join(QLatin1Char(' '))));
            QVERIFY2(r.out.count(QLatin1Char('\n')) < 100, qPrintable(r.out.left(400))); // bounded: no endless listing
        }
        LocalRepository repo = LocalRepository::open(c.repo);
        try {
            QVERIFY(repo.listRepoCommits({}).size() < 100);
        } catch (const HubVaultError &e) {
            QVERIFY(!e.message().isEmpty());
        }
    }

    void treeNested100000Deep()
    {
        Case c = makeCase(kSmall);
        constexpr int kDepth = 100000;
        {
            RawDb db(c.repo);
            db.exec("BEGIN");
            const QJsonObject readme = rootEntry(c.repo, QStringLiteral("README.md"));
            QJsonObject tree{{QStringLiteral("entries"), QJsonArray{readme}}, {QStringLiteral("git_oid"), QString()}};
            for (int i = 0; i < kDepth; ++i) {
                const QString id = db.put(ObjectType::Tree, tree);
                tree = QJsonObject{{QStringLiteral("entries"),
                                    QJsonArray{QJsonObject{{QStringLiteral("entry_type"), QStringLiteral("tree")},
                                                           {QStringLiteral("mode"), QStringLiteral("040000")},
                                                           {QStringLiteral("name"), QStringLiteral("d")},
                                                           {QStringLiteral("object_id"), id},
                                                           {QStringLiteral("size_hint"), 0}}}},
                                   {QStringLiteral("git_oid"), QString()}};
            }
            db.exec("COMMIT");
            commitTree(c.repo, db, tree);
            db.finish();
        }
        const auto outsideBefore = treeDigest(c.outside);
        const QStringList commands[] = {
            {QStringLiteral("log"), QStringLiteral("-n"), QStringLiteral("1")},
            {QStringLiteral("ls-tree")},
            {QStringLiteral("ls-tree"), QStringLiteral("-r")},
            {QStringLiteral("verify"), QStringLiteral("--full")},
            {QStringLiteral("snapshot")},
            {QStringLiteral("export"), c.out + QStringLiteral(".tar")},
            {QStringLiteral("storage")},
            {QStringLiteral("gc"), QStringLiteral("--dry-run")},
        };
        QStringList failures;
        for (const QStringList &args : commands) {
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            QString why;
            if (!cleanOutcome(r, &why))
                failures.append(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + why);
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QCOMPARE(treeDigest(c.outside), outsideBefore);
    }

    void treeContainingItself()
    {
        // A tree stored under a false id whose entry names that id: an endless depth that
        // recursion followed until the stack overflowed (found with treeNested100000Deep).
        Case c = makeCase(kSmall);
        const QString fake = QStringLiteral("sha256:") + QString(64, QLatin1Char('e'));
        {
            RawDb db(c.repo);
            const QJsonObject loop{{QStringLiteral("entries"),
                                    QJsonArray{QJsonObject{{QStringLiteral("entry_type"), QStringLiteral("tree")},
                                                           {QStringLiteral("mode"), QStringLiteral("040000")},
                                                           {QStringLiteral("name"), QStringLiteral("loop")},
                                                           {QStringLiteral("object_id"), fake},
                                                           {QStringLiteral("size_hint"), 0}}}},
                                   {QStringLiteral("git_oid"), QString()}};
            db.put(ObjectType::Tree, loop, fake);
            QJsonObject root = rootTree(c.repo);
            QList<QJsonObject> entries;
            for (const QJsonValue &v : root.value(QStringLiteral("entries")).toArray())
                entries.append(v.toObject());
            entries.append(loop.value(QStringLiteral("entries")).toArray().first().toObject());
            root.insert(QStringLiteral("entries"), sortedEntries(entries));
            commitTree(c.repo, db, root);
            db.finish();
        }
        LocalRepository repo = LocalRepository::open(c.repo);
        EXPECT_INTEGRITY_ERROR(repo.listRepoTree({}, true));
        EXPECT_INTEGRITY_ERROR(repo.listRepoFiles());
        const VerifyReport report = repo.fullVerify();
        QVERIFY(!report.ok);
        QVERIFY2(report.errors.join(QLatin1Char('\n')).contains(QLatin1String("levels deep")), qPrintable(report.errors.join(QLatin1Char('\n'))));
        for (const QStringList &args : {QStringList{QStringLiteral("ls-tree"), QStringLiteral("-r")}, QStringList{QStringLiteral("log")},
                                        QStringList{QStringLiteral("snapshot")}, QStringList{QStringLiteral("gc"), QStringLiteral("--dry-run")}}) {
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            EXPECT_CLEAN(r);
        }
    }

    void reflogOfTenMillionRows()
    {
        Case c = makeCase(kSmall);
        QElapsedTimer timer;
        timer.start();
        {
            RawDb db(c.repo);
            // One statement: a recursive CTE counting to ten million, short values so the
            // database stays a few hundred MiB.
            QVERIFY(db.exec("INSERT INTO reflog (ref_kind, ref_name, timestamp, old_head, new_head, message, checksum) "
                            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000000) "
                            "SELECT 'branch', 'main', '2024-01-01T00:00:00Z', NULL, NULL, 'm', 'x' FROM n"));
        }
        qInfo("10 million reflog rows written in %lld ms", timer.elapsed());
        const QStringList commands[] = {
            {QStringLiteral("log"), QStringLiteral("-n"), QStringLiteral("2")},
            {QStringLiteral("branch"), QStringLiteral("-v")},
            {QStringLiteral("verify")},
            {QStringLiteral("verify"), QStringLiteral("--full")},
        };
        for (const QStringList &args : commands) {
            timer.restart();
            const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
            EXPECT_CLEAN(r);
            qInfo("%s: exit %d in %lld ms", qPrintable(args.join(QLatin1Char(' '))), r.exitCode, timer.elapsed());
            // The rows carry no valid checksum: full verification reports a bounded number
            // of them (it streams the reflog instead of loading ten million rows).
            if (args.contains(QStringLiteral("--full"))) {
                QVERIFY2(r.exitCode == 1 && r.out.contains(QLatin1String("more rows with a checksum mismatch")),
                         qPrintable(r.out.left(400) + r.err));
                QVERIFY(r.out.count(QLatin1Char('\n')) < 200);
            }
        }
        // The app's reflog view asks for the newest entries with a limit.
        LocalRepository repo = LocalRepository::open(c.repo);
        timer.restart();
        const QList<ReflogEntry> newest = repo.listRepoReflog(QStringLiteral("main"), 100);
        QCOMPARE(newest.size(), 100);
        QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));
    }

    // ---- targets that already hold a symlink -------------------------------------------

    void targetContainingSymlink_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("linkInTarget");
        QTest::newRow("export into a folder holding README.md -> outside") << QStringList{QStringLiteral("export"), QStringLiteral("--force"), QStringLiteral("@out")} << QStringLiteral("README.md");
        QTest::newRow("export into a folder holding a/ -> outside") << QStringList{QStringLiteral("export"), QStringLiteral("--force"), QStringLiteral("@out")} << QStringLiteral("a");
        QTest::newRow("snapshot into a folder holding README.md -> outside") << QStringList{QStringLiteral("snapshot"), QStringLiteral("--local-dir"), QStringLiteral("@out")} << QStringLiteral("README.md");
        QTest::newRow("snapshot into a folder holding a/ -> outside") << QStringList{QStringLiteral("snapshot"), QStringLiteral("--local-dir"), QStringLiteral("@out")} << QStringLiteral("a");
        QTest::newRow("download into a folder holding README.md -> outside") << QStringList{QStringLiteral("download"), QStringLiteral("--local-dir"), QStringLiteral("@out"), QStringLiteral("README.md")} << QStringLiteral("README.md");
        QTest::newRow("download into a folder holding a/ -> outside") << QStringList{QStringLiteral("download"), QStringLiteral("--local-dir"), QStringLiteral("@out"), QStringLiteral("a/b.txt")} << QStringLiteral("a");
    }

    void targetContainingSymlink()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, linkInTarget);
        Case c = makeCase(kSmall);
        QVERIFY(QDir().mkpath(c.out));
        // The link points at the victim file, or at the outside folder for a folder name.
        const QString linkTarget = linkInTarget.contains(QLatin1Char('.')) ? c.outside + QStringLiteral("/victim.txt") : c.outside;
        QVERIFY(QFile::link(linkTarget, c.out + QLatin1Char('/') + linkInTarget));
        const auto outsideBefore = treeDigest(c.outside);
        const QStringList outsideList = listTree(c.outside);
        args.replaceInStrings(QStringLiteral("@out"), c.out);
        const CliResult r = runLimited(QStringList{QStringLiteral("-C"), c.repo} + args, c.dir);
        EXPECT_CLEAN(r);
        QCOMPARE(treeDigest(c.outside), outsideBefore);
        QCOMPARE(listTree(c.outside), outsideList);
    }
};

QTEST_GUILESS_MAIN(TestCliHostile)
#include "tst_cli_hostile.moc"
