// Opening repositories written by hubvault 0.0.2 (docs/format.md §1.3, §2): every fixture
// opens and reads back what its manifest records, damaged or foreign directories are
// refused with the right error, and reading never changes a byte on disk.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include <hubvault/RemoteRepository.h>
#include "SqlTestSupport.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
using hubvault::test::fixtureManifest;
using hubvault::test::copyFixture;
using hubvault::test::treeDigest;

namespace {

const QStringList kFixtures = {QStringLiteral("a-small-files-paths"), QStringLiteral("b-chunked-large"),
                               QStringLiteral("c-branches-merges"), QStringLiteral("d-squash-gc")};

/** Runs SQL statements on a repository copy's database; returns "" or the error. */
QString execSql(const QString &repo, const QStringList &statements)
{
    return hubvault::test::sqlExecStatements(repo, statements, false);
}

/** Every directory (relative path) under root, sorted; empty ones included. */
QStringList directoryList(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(QDir(root).relativeFilePath(it.next()));
    out.sort();
    return out;
}

/** Removes every empty directory below root (bottom-up); returns how many. */
int pruneEmptyDirectories(const QString &dir, bool isRoot = true)
{
    int removed = 0;
    for (const QString &sub : QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden))
        removed += pruneEmptyDirectories(dir + QLatin1Char('/') + sub, false);
    if (!isRoot && QDir(dir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)
        && QDir().rmdir(dir))
        ++removed;
    return removed;
}

QByteArray sha256Hex(const QByteArray &data) { return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex(); }

/**
 * Exercises every read of the public API and checks content against the manifest:
 * each file of every recorded commit reads back with the recorded sha256.
 */
void readEverything(const Repository &repo, const QJsonObject &man)
{
    const RepoInfo info = repo.repoInfo();
    QCOMPARE(info.head.value_or(QString()), man.value(QStringLiteral("repo_info")).toObject().value(QStringLiteral("head")).toString());
    QStringList refs;
    for (const QJsonValue &v : man.value(QStringLiteral("repo_info")).toObject().value(QStringLiteral("refs")).toArray())
        refs.append(v.toString());
    QCOMPARE(info.refs, refs);

    QStringList files;
    for (const QJsonValue &v : man.value(QStringLiteral("list_repo_files_default_branch")).toArray())
        files.append(v.toString());
    QCOMPARE(repo.listRepoFiles(), files);
    const QList<RepoEntry> tree = repo.listRepoTree(QString(), true);
    QVERIFY(!tree.isEmpty());
    QStringList treePaths;
    for (const RepoEntry &e : tree)
        treePaths.append(e.path());
    QVERIFY(repo.getPathsInfo(treePaths).size() == tree.size());

    const QList<GitCommitInfo> commits = repo.listRepoCommits();
    QVERIFY(!commits.isEmpty());
    const GitRefs gitRefs = repo.listRepoRefs();
    QList<GitRefInfo> allRefs = gitRefs.branches + gitRefs.tags;
    for (const GitRefInfo &r : allRefs) {
        (void)repo.listRepoReflog(r.ref);
        (void)repo.listRepoCommits(r.ref);
    }
    for (const QString &ref : man.value(QStringLiteral("reflogs")).toObject().keys())
        (void)repo.listRepoReflog(ref); // includes deleted refs and gc-removed heads

    const QJsonObject recorded = man.value(QStringLiteral("commits")).toObject();
    for (auto it = recorded.begin(); it != recorded.end(); ++it) {
        const QString commitId = it.key();
        const CommitDetailInfo detail = repo.getCommitDetail(commitId);
        QCOMPARE(detail.commit.commitId, commitId);
        for (const QJsonValue &v : it.value().toObject().value(QStringLiteral("files")).toArray()) {
            const QJsonObject f = v.toObject();
            const QString path = f.value(QStringLiteral("path")).toString();
            const QByteArray bytes = repo.readBytes(path, commitId);
            QCOMPARE(bytes.size(), f.value(QStringLiteral("size")).toInteger());
            QCOMPARE(QString::fromLatin1(sha256Hex(bytes)), f.value(QStringLiteral("sha256")).toString());
            if (bytes.size() > 3)
                QCOMPARE(repo.readRange(path, 1, 2, commitId), bytes.mid(1, 2));
            auto stream = repo.openFile(path, commitId);
            QVERIFY(stream && stream->isReadable());
            QCOMPARE(stream->readAll(), bytes);
        }
    }
    const VerifyReport quick = repo.quickVerify();
    QVERIFY2(quick.ok, qPrintable(quick.errors.join(QLatin1Char('\n'))));
    QVERIFY2(quick.warnings.isEmpty(), qPrintable(quick.warnings.join(QLatin1Char('\n'))));
    const VerifyReport full = repo.fullVerify();
    QVERIFY2(full.ok, qPrintable(full.errors.join(QLatin1Char('\n'))));
    QVERIFY2(full.warnings.isEmpty(), qPrintable(full.warnings.join(QLatin1Char('\n'))));
}

} // namespace

class TestRepositoryOpen : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data()
    {
        QTest::addColumn<QString>("fixture");
        for (const QString &f : kFixtures)
            QTest::newRow(qPrintable(f)) << f;
    }

    void opensEveryFixture_data() { fixtures_data(); }
    void opensEveryFixture()
    {
        QFETCH(QString, fixture);
        QTemporaryDir tmp;
        const QString path = copyFixture(fixture, tmp.path());
        QVERIFY(!path.isEmpty());
        const QJsonObject man = fixtureManifest(fixture);
        QVERIFY(!man.isEmpty());
        const LocalRepository repo = LocalRepository::open(path);
        QCOMPARE(repo.path(), QDir(path).absolutePath());
        QCOMPARE(repo.defaultBranch(), man.value(QStringLiteral("repo_info")).toObject().value(QStringLiteral("default_branch")).toString());
        const RepoInfo info = repo.repoInfo();
        QCOMPARE(info.formatVersion, 1);
        QCOMPARE(info.repoPath, QDir(path).absolutePath());
        QCOMPARE(info.head.value_or(QString()),
                 man.value(QStringLiteral("repo_info")).toObject().value(QStringLiteral("head")).toString());

        // Relative paths and trailing slashes name the same repository.
        const QString relative = QDir::current().relativeFilePath(path) + QLatin1Char('/');
        QCOMPARE(LocalRepository::open(relative).path(), QDir(path).absolutePath());
    }

    void readingChangesNothing_data() { fixtures_data(); }
    void readingChangesNothing()
    {
        QFETCH(QString, fixture);
        QTemporaryDir tmp;
        const QString path = copyFixture(fixture, tmp.path());
        QVERIFY(!path.isEmpty());
        const auto before = treeDigest(path);
        const QStringList dirsBefore = directoryList(path);
        QVERIFY(before.contains(QStringLiteral("metadata.sqlite3")));
        {
            const LocalRepository repo = LocalRepository::open(path);
            readEverything(repo, fixtureManifest(fixture));
            if (QTest::currentTestFailed())
                return;
        }
        QCOMPARE(treeDigest(path), before);
        QCOMPARE(directoryList(path), dirsBefore);
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("/metadata.sqlite3-journal")));
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("/metadata.sqlite3-wal")));
    }

    void opensWithFullSkeletonAndWithoutEmptyDirectories_data() { fixtures_data(); }
    void opensWithFullSkeletonAndWithoutEmptyDirectories()
    {
        QFETCH(QString, fixture);
        QTemporaryDir tmp;
        const QString path = copyFixture(fixture, tmp.path());
        QVERIFY(!path.isEmpty());
        const QJsonObject man = fixtureManifest(fixture);

        // First with the full skeleton the original creates (docs/format.md §1.2).
        const QJsonArray emptyDirs = man.value(QStringLiteral("disk_listing")).toObject().value(QStringLiteral("empty_dirs")).toArray();
        QVERIFY(!emptyDirs.isEmpty());
        for (const QJsonValue &d : emptyDirs)
            QVERIFY(QDir().mkpath(path + QLatin1Char('/') + d.toString()));
        readEverything(LocalRepository::open(path), man);
        if (QTest::currentTestFailed())
            return;

        // Then with every empty directory removed (a checkout or zip may drop them).
        QVERIFY(pruneEmptyDirectories(path) >= emptyDirs.size());
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("/txn")));
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("/cache")));
        readEverything(LocalRepository::open(path), man);
    }

    void opensWithoutLocksDirectory_data() { fixtures_data(); }
    void opensWithoutLocksDirectory()
    {
        QFETCH(QString, fixture);
        QTemporaryDir tmp;
        const QString path = copyFixture(fixture, tmp.path());
        QVERIFY(QDir(path + QStringLiteral("/locks")).removeRecursively());
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("/locks")));
        const LocalRepository repo = LocalRepository::open(path);
        readEverything(repo, fixtureManifest(fixture));
        if (QTest::currentTestFailed())
            return;
        // Readers may recreate the lock file, but only that.
        const QStringList locks = QDir(path + QStringLiteral("/locks")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        QVERIFY(locks.isEmpty() || locks == QStringList{QStringLiteral("repo.lock")});
        if (!locks.isEmpty())
            QCOMPARE(QFileInfo(path + QStringLiteral("/locks/repo.lock")).size(), qint64(0));
    }

    // --- the location factory ------------------------------------------------------------
    void factoryOpensAFolderAsALocalRepository()
    {
        QTemporaryDir tmp;
        const QString path = copyFixture(QStringLiteral("a-small-files-paths"), tmp.path());
        const std::shared_ptr<Repository> repo = openRepository(path + QLatin1Char('/'));
        QVERIFY(dynamic_cast<LocalRepository *>(repo.get()));
        QCOMPARE(repo->location(), QDir(path).absolutePath());
        QCOMPARE(repo->listRepoFiles(), LocalRepository::open(path).listRepoFiles());
        QVERIFY_THROWS_EXCEPTION(RepositoryNotFoundError, openRepository(tmp.path()));
    }

    void factoryCreatesInAFolderOnly()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("new"));
        CreateRepoOptions options;
        options.defaultBranch = QStringLiteral("trunk");
        QCOMPARE(createRepository(path, options)->defaultBranch(), QStringLiteral("trunk"));
        QCOMPARE(LocalRepository::open(path).defaultBranch(), QStringLiteral("trunk"));
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, createRepository(QStringLiteral("http://127.0.0.1:9/r")));
    }

    void factoryTellsServersFromFolders()
    {
        QVERIFY(isRemoteLocation(QStringLiteral("http://host:8000")));
        QVERIFY(isRemoteLocation(QStringLiteral("HTTPS://host/repo")));
        QVERIFY(!isRemoteLocation(QStringLiteral("http-cache/repo")));
        QVERIFY(!isRemoteLocation(QStringLiteral("/srv/http://x")));
        // A URL opens the remote client without a request yet; a server cannot be created.
        const auto remote = openRepository(QStringLiteral("http://127.0.0.1:9/r/"));
        QVERIFY(dynamic_cast<RemoteRepository *>(remote.get()));
        QCOMPARE(remote->location(), QStringLiteral("http://127.0.0.1:9/r"));
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, createRepository(QStringLiteral("http://127.0.0.1:9/r")));
    }

    // --- not a repository ---------------------------------------------------------------
    void nonexistentPathIsNotFound()
    {
        QTemporaryDir tmp;
        QVERIFY_THROWS_EXCEPTION(RepositoryNotFoundError, LocalRepository::open(tmp.path() + QStringLiteral("/nope")));
        QVERIFY(!QFileInfo::exists(tmp.path() + QStringLiteral("/nope")));
    }

    void plainDirectoryIsNotFound()
    {
        QTemporaryDir tmp;
        QVERIFY_THROWS_EXCEPTION(RepositoryNotFoundError, LocalRepository::open(tmp.path()));
        // Some unrelated files: still not a repository, and nothing gets created.
        QFile f(tmp.path() + QStringLiteral("/readme.txt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello\n");
        f.close();
        QVERIFY(QDir().mkpath(tmp.path() + QStringLiteral("/objects")));
        QVERIFY_THROWS_EXCEPTION(RepositoryNotFoundError, LocalRepository::open(tmp.path()));
        QCOMPARE(QDir(tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size(), 2);
    }

    void regularFileIsNotFound()
    {
        QTemporaryDir tmp;
        const QString file = tmp.path() + QStringLiteral("/file");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QVERIFY_THROWS_EXCEPTION(RepositoryNotFoundError, LocalRepository::open(file));
    }

    void missingDatabaseOrMarkerIsNotFound()
    {
        QTemporaryDir tmp;
        const QString a = copyFixture(QStringLiteral("a-small-files-paths"), tmp.path() + QStringLiteral("/1"));
        QVERIFY(QFile::remove(a + QStringLiteral("/metadata.sqlite3")));
        QVERIFY_THROWS_EXCEPTION(RepositoryNotFoundError, LocalRepository::open(a));
        const QString b = copyFixture(QStringLiteral("a-small-files-paths"), tmp.path() + QStringLiteral("/2"));
        QVERIFY(QFile::remove(b + QStringLiteral("/FORMAT")));
        QVERIFY_THROWS_EXCEPTION(RepositoryNotFoundError, LocalRepository::open(b));
        // FORMAT as a directory is not a marker.
        QVERIFY(QDir().mkpath(b + QStringLiteral("/FORMAT")));
        QVERIFY_THROWS_EXCEPTION(RepositoryNotFoundError, LocalRepository::open(b));
    }

    // --- foreign or damaged repositories ---------------------------------------------
    void foreignFormatMarker_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("v2") << QByteArray("hubvault-repo/v2\n");
        QTest::newRow("no newline") << QByteArray("hubvault-repo/v1");
        QTest::newRow("CRLF") << QByteArray("hubvault-repo/v1\r\n");
        QTest::newRow("BOM") << QByteArray("\xef\xbb\xbfhubvault-repo/v1\n");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("other tool") << QByteArray("something else entirely\n");
    }

    void foreignFormatMarker()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir tmp;
        const QString path = copyFixture(QStringLiteral("a-small-files-paths"), tmp.path());
        QFile f(path + QStringLiteral("/FORMAT"));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
        f.close();
        const auto before = treeDigest(path);
        try {
            LocalRepository::open(path);
            QFAIL("opened a repository with a foreign FORMAT marker");
        } catch (const RepositoryNotFoundError &e) {
            QFAIL(qPrintable(QStringLiteral("expected a format error, got RepositoryNotFoundError: ") + e.message()));
        } catch (const HubVaultError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("FORMAT")) || e.message().contains(QStringLiteral("format")),
                     qPrintable(e.message()));
        }
        QCOMPARE(treeDigest(path), before);
    }

    void garbageDatabase_data()
    {
        QTest::addColumn<QByteArray>("content");
        QByteArray noise;
        quint32 x = 12345;
        for (int i = 0; i < 8192; ++i) {
            x = x * 1103515245u + 12345u;
            noise += char(x >> 24);
        }
        QTest::newRow("noise") << noise;
        QTest::newRow("text") << QByteArray("this is not an sqlite database\n").repeated(200);
        QByteArray header("SQLite format 3");
        header += '\0';
        header += QByteArray(4080, '\xff');
        QTest::newRow("bad header") << header;
    }

    void garbageDatabase()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir tmp;
        const QString path = copyFixture(QStringLiteral("a-small-files-paths"), tmp.path());
        QFile f(path + QStringLiteral("/metadata.sqlite3"));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
        f.close();
        try {
            LocalRepository::open(path);
            QFAIL("opened a repository whose database is garbage");
        } catch (const IntegrityError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("metadata")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("damaged")) || e.message().contains(QStringLiteral("not a database")),
                     qPrintable(e.message()));
        }
        // The garbage is left as it was (no repair attempt on open).
        QFile check(path + QStringLiteral("/metadata.sqlite3"));
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), content);
    }

    void emptyDatabaseIsIncomplete()
    {
        QTemporaryDir tmp;
        const QString path = copyFixture(QStringLiteral("a-small-files-paths"), tmp.path());
        QFile f(path + QStringLiteral("/metadata.sqlite3"));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.close();
        try {
            LocalRepository::open(path);
            QFAIL("opened a repository with an empty database");
        } catch (const IntegrityError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("incomplete")) || e.message().contains(QStringLiteral("damaged")),
                     qPrintable(e.message()));
        }
    }

    void missingTableIsIntegrityError()
    {
        QTemporaryDir tmp;
        const QString path = copyFixture(QStringLiteral("b-chunked-large"), tmp.path());
        QCOMPARE(execSql(path, {QStringLiteral("DROP TABLE chunk_visible")}), QString());
        try {
            LocalRepository::open(path);
            QFAIL("opened a repository without chunk_visible");
        } catch (const IntegrityError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("chunk_visible")), qPrintable(e.message()));
        }
    }

    void unknownSchemaVersion_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("2") << QStringLiteral("UPDATE schema_info SET value='2' WHERE key='schema_version'");
        QTest::newRow("0") << QStringLiteral("UPDATE schema_info SET value='0' WHERE key='schema_version'");
        QTest::newRow("missing") << QStringLiteral("DELETE FROM schema_info");
    }

    void unknownSchemaVersion()
    {
        QFETCH(QString, sql);
        QTemporaryDir tmp;
        const QString path = copyFixture(QStringLiteral("a-small-files-paths"), tmp.path());
        QCOMPARE(execSql(path, {sql}), QString());
        const auto before = treeDigest(path);
        try {
            LocalRepository::open(path);
            QFAIL("opened a repository with an unknown schema version");
        } catch (const RepositoryNotFoundError &e) {
            QFAIL(qPrintable(e.message()));
        } catch (const HubVaultError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("schema")), qPrintable(e.message()));
        }
        QCOMPARE(treeDigest(path), before);
    }

    void unknownFormatVersion()
    {
        QTemporaryDir tmp;
        const QString path = copyFixture(QStringLiteral("a-small-files-paths"), tmp.path());
        QCOMPARE(execSql(path, {QStringLiteral("UPDATE repo_meta SET value_json='2' WHERE key='format_version'")}), QString());
        QVERIFY_THROWS_EXCEPTION(HubVaultError, LocalRepository::open(path));
    }

    void missingRepoMetaKey_data()
    {
        QTest::addColumn<QString>("key");
        for (const char *k : {"format_version", "default_branch", "object_hash", "file_mode", "large_file_threshold", "metadata"})
            QTest::newRow(k) << QString::fromLatin1(k);
    }

    void missingRepoMetaKey()
    {
        QFETCH(QString, key);
        QTemporaryDir tmp;
        const QString path = copyFixture(QStringLiteral("c-branches-merges"), tmp.path());
        QCOMPARE(execSql(path, {QStringLiteral("DELETE FROM repo_meta WHERE key='%1'").arg(key)}), QString());
        try {
            LocalRepository::open(path);
            QFAIL("opened a repository with an incomplete repo_meta");
        } catch (const IntegrityError &e) {
            QVERIFY2(e.message().contains(key), qPrintable(e.message()));
        }
    }

    void invalidRepoMetaValues_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("threshold zero") << QStringLiteral("large_file_threshold") << QStringLiteral("0");
        QTest::newRow("threshold text") << QStringLiteral("large_file_threshold") << QStringLiteral("\"big\"");
        QTest::newRow("branch number") << QStringLiteral("default_branch") << QStringLiteral("7");
        QTest::newRow("branch empty") << QStringLiteral("default_branch") << QStringLiteral("\"\"");
        QTest::newRow("branch not json") << QStringLiteral("default_branch") << QStringLiteral("main");
    }

    void invalidRepoMetaValues()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QTemporaryDir tmp;
        const QString path = copyFixture(QStringLiteral("a-small-files-paths"), tmp.path());
        QCOMPARE(execSql(path, {QStringLiteral("UPDATE repo_meta SET value_json='%1' WHERE key='%2'").arg(value, key)}), QString());
        QVERIFY_THROWS_EXCEPTION(HubVaultError, LocalRepository::open(path));
    }

    void extraRepoMetaKeysArePreservedAndIgnored()
    {
        QTemporaryDir tmp;
        const QString path = copyFixture(QStringLiteral("a-small-files-paths"), tmp.path());
        QCOMPARE(execSql(path, {QStringLiteral("INSERT INTO repo_meta VALUES ('legacy_extra', '{\"x\":1}')")}), QString());
        const auto before = treeDigest(path);
        const LocalRepository repo = LocalRepository::open(path);
        QCOMPARE(repo.listRepoFiles().size(), 22);
        QVERIFY(repo.fullVerify().ok);
        QCOMPARE(treeDigest(path), before);
    }
};

QTEST_GUILESS_MAIN(TestRepositoryOpen)
#include "tst_repository_open.moc"
