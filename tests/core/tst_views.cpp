// Detached views (docs/format.md §9): hf_hub_download file views and snapshot_download
// directories, managed under cache/ or written to a caller's local_dir. Views are private
// copies that repair themselves, never touch the repository's truth, and never write
// outside their target — not through hostile paths and not through planted symlinks.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "CanonicalJson.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>

using namespace hubvault;
using hubvault::test::fixtureManifest;
using hubvault::test::copyFixture;
using hubvault::test::treeDigest;

namespace {

const QString kSmall = QStringLiteral("a-small-files-paths");
const QString kChunked = QStringLiteral("b-chunked-large");

QString headOf(const QJsonObject &man)
{
    return man.value(QStringLiteral("repo_info")).toObject().value(QStringLiteral("head")).toString();
}

/** path -> recorded file object of a commit in the manifest. */
QMap<QString, QJsonObject> filesOf(const QJsonObject &man, const QString &commit)
{
    QMap<QString, QJsonObject> out;
    for (const QJsonValue &v : man.value(QStringLiteral("commits")).toObject().value(commit).toObject().value(QStringLiteral("files")).toArray())
        out.insert(v.toObject().value(QStringLiteral("path")).toString(), v.toObject());
    return out;
}

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

using hubvault::test::writeFile;

/** st_mtime in nanoseconds via lstat(2) (-1 if missing). */
qint64 mtimeNs(const QString &path)
{
    struct ::stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return qint64(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

bool isRegularNonSymlink(const QString &path)
{
    struct ::stat st {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISREG(st.st_mode);
}

/** Digest of the repository's truth: everything outside cache/. */
QMap<QString, QByteArray> truthDigest(const QString &repo)
{
    QMap<QString, QByteArray> out = treeDigest(repo);
    for (auto it = out.begin(); it != out.end();) {
        if (it.key().startsWith(QStringLiteral("cache/")))
            it = out.erase(it);
        else
            ++it;
    }
    return out;
}

/** Every entry (files, dirs, symlinks) below root, relative, sorted. */
QStringList entries(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(QDir(root).relativeFilePath(it.next()));
    out.sort();
    return out;
}

/** Regular files below root, relative, sorted (optionally skipping a prefix). */
QStringList regularFiles(const QString &root, const QString &skipPrefix = {})
{
    QStringList out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString rel = QDir(root).relativeFilePath(it.next());
        if (skipPrefix.isEmpty() || !rel.startsWith(skipPrefix))
            out.append(rel);
    }
    out.sort();
    return out;
}

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(readAll(path)).object();
}

QStringList sortedKeys(const QJsonObject &o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}

/** Makes sure a later write gets a different mtime even on coarse clocks. */
void tick() { QThread::msleep(20); }

} // namespace

class TestViews : public QObject {
    Q_OBJECT

    QJsonObject m_small;
    QJsonObject m_chunked;

private Q_SLOTS:
    void initTestCase()
    {
        m_small = fixtureManifest(kSmall);
        m_chunked = fixtureManifest(kChunked);
        QVERIFY(!m_small.isEmpty());
        QVERIFY(!m_chunked.isEmpty());
    }

    // --- hf_hub_download, managed -----------------------------------------------------
    void fileViewPathBytesAndMetadata()
    {
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const auto truth = truthDigest(repoPath);
        const LocalRepository repo = LocalRepository::open(repoPath);
        const QString head = headOf(m_small);
        const QString file = QStringLiteral("docs/guide.md");
        const QJsonObject recorded = filesOf(m_small, head).value(file);

        const QString key = sha256Hex((head + QLatin1Char(':') + file).toUtf8());
        const QString result = repo.hfHubDownload(file);
        QCOMPARE(result, repo.path() + QStringLiteral("/cache/files/") + key + QLatin1Char('/') + file);
        QVERIFY(result.endsWith(QStringLiteral("/docs/guide.md")));
        QVERIFY(isRegularNonSymlink(result));
        QCOMPARE(sha256Hex(readAll(result)), recorded.value(QStringLiteral("sha256")).toString());
        QCOMPARE(readAll(result), repo.readBytes(file));

        const QString metaPath = repoPath + QStringLiteral("/cache/views/files/") + key + QStringLiteral(".json");
        const QByteArray raw = readAll(metaPath);
        QVERIFY(!raw.isEmpty());
        const QJsonObject meta = QJsonDocument::fromJson(raw).object();
        QCOMPARE(CanonicalJson::serialize(meta), raw); // canonical JSON, no trailing newline
        QCOMPARE(sortedKeys(meta), (QStringList{QStringLiteral("commit_id"), QStringLiteral("created_at"), QStringLiteral("oid"),
                                                QStringLiteral("path_in_repo"), QStringLiteral("revision"), QStringLiteral("sha256"),
                                                QStringLiteral("size"), QStringLiteral("target_path"), QStringLiteral("view_key"),
                                                QStringLiteral("view_mtime_ns")}));
        QCOMPARE(meta.value(QStringLiteral("commit_id")).toString(), head);
        QCOMPARE(meta.value(QStringLiteral("oid")).toString(), recorded.value(QStringLiteral("oid")).toString());
        QCOMPARE(meta.value(QStringLiteral("path_in_repo")).toString(), file);
        QCOMPARE(meta.value(QStringLiteral("revision")).toString(), QStringLiteral("main"));
        QCOMPARE(meta.value(QStringLiteral("sha256")).toString(), recorded.value(QStringLiteral("sha256")).toString());
        QCOMPARE(meta.value(QStringLiteral("size")).toInteger(), recorded.value(QStringLiteral("size")).toInteger());
        QCOMPARE(meta.value(QStringLiteral("target_path")).toString(), QStringLiteral("cache/files/") + key + QStringLiteral("/docs/guide.md"));
        QCOMPARE(meta.value(QStringLiteral("view_key")).toString(), key);
        QCOMPARE(meta.value(QStringLiteral("view_mtime_ns")).toInteger(), mtimeNs(result));
        const QString created = meta.value(QStringLiteral("created_at")).toString();
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$")).match(created).hasMatch(),
                 qPrintable(created));

        QCOMPARE(truthDigest(repoPath), truth);
        const VerifyReport report = repo.quickVerify();
        QVERIFY(report.ok);
        QVERIFY2(report.warnings.isEmpty(), qPrintable(report.warnings.join(QLatin1Char('\n'))));
    }

    void fileViewReuseRepairAndRecreate()
    {
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const auto truth = truthDigest(repoPath);
        const LocalRepository repo = LocalRepository::open(repoPath);
        const QString file = QStringLiteral("données/été.txt");
        const QByteArray expected = repo.readBytes(file);
        const QString view = repo.hfHubDownload(file, QStringLiteral("main"));
        QVERIFY(view.endsWith(QStringLiteral("/données/été.txt")));
        QCOMPARE(readAll(view), expected);
        const QString key = sha256Hex((headOf(m_small) + QLatin1Char(':') + file).toUtf8());
        QCOMPARE(view, repo.path() + QStringLiteral("/cache/files/") + key + QLatin1Char('/') + file);
        const QString metaPath = repoPath + QStringLiteral("/cache/views/files/") + key + QStringLiteral(".json");
        QVERIFY(QFileInfo::exists(metaPath));

        // Untouched: reused as is (neither the file nor its metadata is rewritten).
        const qint64 fileMtime = mtimeNs(view);
        const QByteArray metaBefore = readAll(metaPath);
        const qint64 metaMtime = mtimeNs(metaPath);
        tick();
        QCOMPARE(repo.hfHubDownload(file, QStringLiteral("main")), view);
        QCOMPARE(mtimeNs(view), fileMtime);
        QCOMPARE(mtimeNs(metaPath), metaMtime);
        QCOMPARE(readAll(metaPath), metaBefore);

        // Edited (same size and a different size): verify warns, the next call restores it.
        for (const QByteArray &edit : {QByteArray(expected.size(), 'X'), QByteArray("short")}) {
            tick();
            QVERIFY(writeFile(view, edit));
            const VerifyReport stale = repo.quickVerify();
            QVERIFY(stale.ok);
            QVERIFY2(stale.warnings.contains(QStringLiteral("stale file view: ") + key + QStringLiteral(".json")),
                     qPrintable(stale.warnings.join(QLatin1Char('\n'))));
            QCOMPARE(repo.hfHubDownload(file, QStringLiteral("main")), view);
            QCOMPARE(readAll(view), expected);
            QCOMPARE(readJson(metaPath).value(QStringLiteral("view_mtime_ns")).toInteger(), mtimeNs(view));
        }
        QVERIFY(repo.quickVerify().warnings.isEmpty());

        // Deleted: recreated.
        QVERIFY(QFile::remove(view));
        QCOMPARE(repo.hfHubDownload(file, QStringLiteral("main")), view);
        QCOMPARE(readAll(view), expected);

        // Replaced by a directory: replaced back by the file.
        QVERIFY(QFile::remove(view));
        QVERIFY(QDir().mkpath(view + QStringLiteral("/inner")));
        QCOMPARE(repo.hfHubDownload(file, QStringLiteral("main")), view);
        QVERIFY(isRegularNonSymlink(view));
        QCOMPARE(readAll(view), expected);

        // Damaged metadata: rebuilt.
        QVERIFY(writeFile(metaPath, "{not json"));
        QCOMPARE(repo.hfHubDownload(file, QStringLiteral("main")), view);
        QCOMPARE(readJson(metaPath).value(QStringLiteral("view_key")).toString(), key);

        QCOMPARE(truthDigest(repoPath), truth);
    }

    void fileViewPerRevision()
    {
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const LocalRepository repo = LocalRepository::open(repoPath);
        const QString file = QStringLiteral("docs/guide.md");
        const QString oldCommit = QStringLiteral("3d1ff76968dbbf9832f2b5d8cdfca0eb57e789bc");
        const QString oldView = repo.hfHubDownload(file, oldCommit);
        const QString newView = repo.hfHubDownload(file);
        QVERIFY(oldView != newView);
        QVERIFY(oldView.contains(sha256Hex((oldCommit + QStringLiteral(":docs/guide.md")).toUtf8())));
        QCOMPARE(sha256Hex(readAll(oldView)), filesOf(m_small, oldCommit).value(file).value(QStringLiteral("sha256")).toString());
        QCOMPARE(sha256Hex(readAll(newView)), filesOf(m_small, headOf(m_small)).value(file).value(QStringLiteral("sha256")).toString());
        const QString oldKey = sha256Hex((oldCommit + QStringLiteral(":docs/guide.md")).toUtf8());
        QCOMPARE(readJson(repoPath + QStringLiteral("/cache/views/files/") + oldKey + QStringLiteral(".json"))
                     .value(QStringLiteral("revision")).toString(),
                 oldCommit);
        // Normalized path: the same view.
        QCOMPARE(repo.hfHubDownload(QStringLiteral("./docs//guide.md")), newView);
        // The empty file.
        const QString empty = repo.hfHubDownload(QStringLiteral("empty.txt"));
        QVERIFY(isRegularNonSymlink(empty));
        QCOMPARE(QFileInfo(empty).size(), qint64(0));
    }

    void fileViewErrors()
    {
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const LocalRepository repo = LocalRepository::open(repoPath);
        const QStringList before = entries(repoPath);
        QVERIFY_THROWS_EXCEPTION(EntryNotFoundError, repo.hfHubDownload(QStringLiteral("nope.txt")));
        QVERIFY_THROWS_EXCEPTION(EntryNotFoundError, repo.hfHubDownload(QStringLiteral("docs")));
        QVERIFY_THROWS_EXCEPTION(EntryNotFoundError, repo.hfHubDownload(QStringLiteral("docs/guide.md/x")));
        QVERIFY_THROWS_EXCEPTION(RevisionNotFoundError, repo.hfHubDownload(QStringLiteral("docs/guide.md"), QStringLiteral("no-such-branch")));
        QCOMPARE(entries(repoPath), before);
    }

    void hostileFilenames_data()
    {
        QTest::addColumn<QString>("filename");
        QTest::newRow("parent") << QStringLiteral("../x");
        QTest::newRow("absolute") << QStringLiteral("/etc/passwd");
        QTest::newRow("escape via dotdot") << QStringLiteral("a/../../x");
        QTest::newRow("NUL") << (QStringLiteral("x") + QChar(0) + QStringLiteral("y"));
        QTest::newRow("backslash parent") << QStringLiteral("..\\x");
        QTest::newRow("drive") << QStringLiteral("C:x");
        QTest::newRow("reserved") << QStringLiteral("docs/con.txt");
        QTest::newRow("empty") << QString();
    }

    void hostileFilenames()
    {
        QFETCH(QString, filename);
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path() + QStringLiteral("/inner"));
        const QString localDir = tmp.path() + QStringLiteral("/inner/out/deeper");
        QVERIFY(QDir().mkpath(localDir));
        const QStringList before = entries(tmp.path());
        const LocalRepository repo = LocalRepository::open(repoPath);
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError, repo.hfHubDownload(filename));
        QVERIFY_THROWS_EXCEPTION(UnsupportedPathError, repo.hfHubDownload(filename, {}, localDir));
        QCOMPARE(entries(tmp.path()), before);
        QVERIFY(!QFileInfo::exists(tmp.path() + QStringLiteral("/x")));
    }

    // --- hf_hub_download with local_dir ------------------------------------------------
    void fileViewInLocalDir()
    {
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const QString localDir = tmp.path() + QStringLiteral("/export");
        const auto before = treeDigest(repoPath);
        const LocalRepository repo = LocalRepository::open(repoPath);
        const QString file = QStringLiteral("with space/file name.txt");
        const QString result = repo.hfHubDownload(file, {}, localDir);
        QCOMPARE(result, QDir(localDir).canonicalPath() + QLatin1Char('/') + file);
        QCOMPARE(readAll(result), repo.readBytes(file));
        // No metadata anywhere: not in the repository, not in local_dir.
        QCOMPARE(treeDigest(repoPath), before);
        QCOMPARE(regularFiles(localDir), QStringList{file});

        // Same content already there: kept (not rewritten); other content: replaced.
        const qint64 mtime = mtimeNs(result);
        tick();
        QCOMPARE(repo.hfHubDownload(file, {}, localDir), result);
        QCOMPARE(mtimeNs(result), mtime);
        QVERIFY(writeFile(result, "changed"));
        QCOMPARE(repo.hfHubDownload(file, {}, localDir), result);
        QCOMPARE(readAll(result), repo.readBytes(file));
        QCOMPARE(treeDigest(repoPath), before);
    }

    void localDirInsideRepoRejected_data()
    {
        QTest::addColumn<QString>("relative");
        QTest::newRow("root") << QString();
        QTest::newRow("cache") << QStringLiteral("cache/out");
        QTest::newRow("objects") << QStringLiteral("objects");
        QTest::newRow("new subdir") << QStringLiteral("brand/new/dir");
        QTest::newRow("dotdot back in") << QStringLiteral("objects/../out");
    }

    void localDirInsideRepoRejected()
    {
        QFETCH(QString, relative);
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const QString localDir = relative.isEmpty() ? repoPath : repoPath + QLatin1Char('/') + relative;
        const QStringList before = entries(repoPath);
        const LocalRepository repo = LocalRepository::open(repoPath);
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, repo.hfHubDownload(QStringLiteral("docs/guide.md"), {}, localDir));
        SnapshotOptions options;
        options.localDir = localDir;
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, repo.snapshotDownload(options));
        QCOMPARE(entries(repoPath), before);
    }

    void localDirSymlinkIntoRepoRejected()
    {
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path() + QStringLiteral("/r"));
        QVERIFY(QFile::link(repoPath, tmp.path() + QStringLiteral("/link-root")));
        QVERIFY(QFile::link(repoPath + QStringLiteral("/cache"), tmp.path() + QStringLiteral("/link-cache")));
        const QStringList before = entries(repoPath);
        const LocalRepository repo = LocalRepository::open(repoPath);
        for (const QString &dir : {tmp.path() + QStringLiteral("/link-root"), tmp.path() + QStringLiteral("/link-root/sub"),
                                   tmp.path() + QStringLiteral("/link-cache"), tmp.path() + QStringLiteral("/link-cache/views")}) {
            QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, repo.hfHubDownload(QStringLiteral("docs/guide.md"), {}, dir));
            SnapshotOptions options;
            options.localDir = dir;
            QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, repo.snapshotDownload(options));
        }
        QCOMPARE(entries(repoPath), before);
    }

    void fileViewSymlinkInLocalDirNotFollowed()
    {
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const QString outside = tmp.path() + QStringLiteral("/outside");
        QVERIFY(writeFile(outside + QStringLiteral("/guide.md"), "precious\n"));
        QVERIFY(writeFile(outside + QStringLiteral("/victim.txt"), "victim\n"));
        const QString localDir = tmp.path() + QStringLiteral("/export");
        QVERIFY(QDir().mkpath(localDir));
        QVERIFY(QFile::link(outside, localDir + QStringLiteral("/docs")));                     // directory link
        QVERIFY(QFile::link(outside + QStringLiteral("/victim.txt"), localDir + QStringLiteral("/README.md"))); // file link
        const auto outsideBefore = treeDigest(outside);
        const LocalRepository repo = LocalRepository::open(repoPath);

        for (const QString &file : {QStringLiteral("docs/guide.md"), QStringLiteral("README.md")}) {
            try {
                const QString result = repo.hfHubDownload(file, {}, localDir);
                QVERIFY(isRegularNonSymlink(result));
                QCOMPARE(readAll(result), repo.readBytes(file));
                QVERIFY(!QFileInfo(result).canonicalFilePath().startsWith(QDir(outside).canonicalPath()));
            } catch (const HubVaultValidationError &) {
                // refusing is fine too
            }
            QCOMPARE(treeDigest(outside), outsideBefore);
            QCOMPARE(entries(outside), (QStringList{QStringLiteral("guide.md"), QStringLiteral("victim.txt")}));
        }
    }

    void managedViewSymlinkNotFollowed()
    {
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const QString outside = tmp.path() + QStringLiteral("/outside");
        QVERIFY(writeFile(outside + QStringLiteral("/guide.md"), "precious\n"));
        const auto outsideBefore = treeDigest(outside);
        const LocalRepository repo = LocalRepository::open(repoPath);
        const QString head = headOf(m_small);

        // A link where the file view's directory would go.
        const QString key = sha256Hex((head + QStringLiteral(":docs/guide.md")).toUtf8());
        QVERIFY(QDir().mkpath(repoPath + QStringLiteral("/cache/files/") + key));
        QVERIFY(QFile::link(outside, repoPath + QStringLiteral("/cache/files/") + key + QStringLiteral("/docs")));
        try {
            const QString result = repo.hfHubDownload(QStringLiteral("docs/guide.md"));
            QVERIFY(isRegularNonSymlink(result));
            QCOMPARE(readAll(result), repo.readBytes(QStringLiteral("docs/guide.md")));
        } catch (const HubVaultValidationError &) {
        }
        QCOMPARE(treeDigest(outside), outsideBefore);

        // A link where a snapshot file would go.
        const QString snapKey = sha256Hex(QByteArray(R"({"allow_patterns":[],"commit_id":")") + head.toLatin1()
                                          + QByteArray(R"(","ignore_patterns":[]})"));
        QVERIFY(QDir().mkpath(repoPath + QStringLiteral("/cache/snapshots/") + snapKey));
        QVERIFY(QFile::link(outside, repoPath + QStringLiteral("/cache/snapshots/") + snapKey + QStringLiteral("/docs")));
        QVERIFY(QFile::link(outside + QStringLiteral("/guide.md"), repoPath + QStringLiteral("/cache/snapshots/") + snapKey + QStringLiteral("/README.md")));
        try {
            const QString root = repo.snapshotDownload({});
            QCOMPARE(root, repoPath + QStringLiteral("/cache/snapshots/") + snapKey);
            QVERIFY(isRegularNonSymlink(root + QStringLiteral("/docs/guide.md")));
            QVERIFY(isRegularNonSymlink(root + QStringLiteral("/README.md")));
            QCOMPARE(readAll(root + QStringLiteral("/README.md")), repo.readBytes(QStringLiteral("README.md")));
        } catch (const HubVaultValidationError &) {
        }
        QCOMPARE(treeDigest(outside), outsideBefore);
        QCOMPARE(entries(outside), QStringList{QStringLiteral("guide.md")});
    }

    // --- snapshot_download, managed ----------------------------------------------------
    void snapshotViewContentAndMetadata()
    {
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const auto truth = truthDigest(repoPath);
        const LocalRepository repo = LocalRepository::open(repoPath);
        const QString head = headOf(m_small);
        const auto files = filesOf(m_small, head);

        const QString key = sha256Hex(QByteArray(R"({"allow_patterns":[],"commit_id":")") + head.toLatin1()
                                      + QByteArray(R"(","ignore_patterns":[]})"));
        const QString root = repo.snapshotDownload({});
        QCOMPARE(root, repo.path() + QStringLiteral("/cache/snapshots/") + key);
        QCOMPARE(regularFiles(root), QStringList(files.keys()));
        QCOMPARE(QStringList(files.keys()), repo.listRepoFiles());
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            QVERIFY(isRegularNonSymlink(root + QLatin1Char('/') + it.key()));
            QCOMPARE(sha256Hex(readAll(root + QLatin1Char('/') + it.key())), it.value().value(QStringLiteral("sha256")).toString());
        }

        const QString metaPath = repoPath + QStringLiteral("/cache/views/snapshots/") + key + QStringLiteral(".json");
        const QByteArray raw = readAll(metaPath);
        const QJsonObject meta = QJsonDocument::fromJson(raw).object();
        QCOMPARE(CanonicalJson::serialize(meta), raw);
        QCOMPARE(sortedKeys(meta), (QStringList{QStringLiteral("allow_patterns"), QStringLiteral("commit_id"), QStringLiteral("created_at"),
                                                QStringLiteral("files"), QStringLiteral("ignore_patterns"), QStringLiteral("revision"),
                                                QStringLiteral("target_path"), QStringLiteral("view_key")}));
        QCOMPARE(meta.value(QStringLiteral("allow_patterns")).toArray(), QJsonArray());
        QCOMPARE(meta.value(QStringLiteral("ignore_patterns")).toArray(), QJsonArray());
        QCOMPARE(meta.value(QStringLiteral("commit_id")).toString(), head);
        QCOMPARE(meta.value(QStringLiteral("revision")).toString(), QStringLiteral("main"));
        QCOMPARE(meta.value(QStringLiteral("target_path")).toString(), QStringLiteral("cache/snapshots/") + key);
        QCOMPARE(meta.value(QStringLiteral("view_key")).toString(), key);
        const QJsonArray listed = meta.value(QStringLiteral("files")).toArray();
        QCOMPARE(listed.size(), files.size());
        QByteArray previous;
        for (const QJsonValue &v : listed) {
            const QJsonObject f = v.toObject();
            const QString path = f.value(QStringLiteral("path")).toString();
            QVERIFY(path.toUtf8() > previous); // code-point order
            previous = path.toUtf8();
            QCOMPARE(sortedKeys(f), (QStringList{QStringLiteral("oid"), QStringLiteral("path"), QStringLiteral("sha256"),
                                                 QStringLiteral("size"), QStringLiteral("view_mtime_ns")}));
            QCOMPARE(f.value(QStringLiteral("oid")).toString(), files.value(path).value(QStringLiteral("oid")).toString());
            QCOMPARE(f.value(QStringLiteral("sha256")).toString(), files.value(path).value(QStringLiteral("sha256")).toString());
            QCOMPARE(f.value(QStringLiteral("size")).toInteger(), files.value(path).value(QStringLiteral("size")).toInteger());
            QCOMPARE(f.value(QStringLiteral("view_mtime_ns")).toInteger(), mtimeNs(root + QLatin1Char('/') + path));
        }
        QCOMPARE(truthDigest(repoPath), truth);
        QVERIFY(repo.fullVerify().warnings.isEmpty());
    }

    void snapshotReuseAndRepair()
    {
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const auto truth = truthDigest(repoPath);
        const LocalRepository repo = LocalRepository::open(repoPath);
        const QString root = repo.snapshotDownload({});
        const QString key = QFileInfo(root).fileName();
        const QString metaPath = repoPath + QStringLiteral("/cache/views/snapshots/") + key + QStringLiteral(".json");
        QMap<QString, qint64> mtimes;
        for (const QString &f : regularFiles(root))
            mtimes.insert(f, mtimeNs(root + QLatin1Char('/') + f));
        const QByteArray metaBefore = readAll(metaPath);
        tick();

        // Second call: reused, nothing rewritten.
        QCOMPARE(repo.snapshotDownload({}), root);
        for (auto it = mtimes.cbegin(); it != mtimes.cend(); ++it)
            QCOMPARE(mtimeNs(root + QLatin1Char('/') + it.key()), it.value());
        QCOMPARE(readAll(metaPath), metaBefore);

        // Edit one file, delete another: verify warns, the next call repairs exactly those.
        const QString edited = QStringLiteral("src/main.py");
        const QString deleted = QStringLiteral("日本語/ファイル.txt");
        QVERIFY(writeFile(root + QLatin1Char('/') + edited, "print('tampered')\n"));
        QVERIFY(QFile::remove(root + QLatin1Char('/') + deleted));
        const VerifyReport stale = repo.quickVerify();
        QVERIFY(stale.warnings.contains(QStringLiteral("stale snapshot view: ") + key + QStringLiteral(".json")));
        QCOMPARE(repo.snapshotDownload({}), root);
        QCOMPARE(readAll(root + QLatin1Char('/') + edited), repo.readBytes(edited));
        QCOMPARE(readAll(root + QLatin1Char('/') + deleted), repo.readBytes(deleted));
        for (auto it = mtimes.cbegin(); it != mtimes.cend(); ++it) {
            if (it.key() != edited && it.key() != deleted)
                QCOMPARE(mtimeNs(root + QLatin1Char('/') + it.key()), it.value());
        }
        // Metadata reflects the repaired files.
        const QJsonObject meta = readJson(metaPath);
        for (const QJsonValue &v : meta.value(QStringLiteral("files")).toArray()) {
            const QJsonObject f = v.toObject();
            QCOMPARE(f.value(QStringLiteral("view_mtime_ns")).toInteger(), mtimeNs(root + QLatin1Char('/') + f.value(QStringLiteral("path")).toString()));
        }
        QVERIFY(repo.quickVerify().warnings.isEmpty());

        // An extra file dropped into the view is not the view's business: left alone.
        QVERIFY(writeFile(root + QStringLiteral("/mine.txt"), "mine"));
        QCOMPARE(repo.snapshotDownload({}), root);
        QCOMPARE(readAll(root + QStringLiteral("/mine.txt")), QByteArray("mine"));

        QCOMPARE(truthDigest(repoPath), truth);
    }

    void snapshotPatterns_data()
    {
        QTest::addColumn<QStringList>("allow");
        QTest::addColumn<QStringList>("ignore");
        QTest::addColumn<bool>("hasAllow");
        QTest::addColumn<QStringList>("normalizedAllow");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("allow dir") << QStringList{QStringLiteral("docs/")} << QStringList() << true
                                   << QStringList{QStringLiteral("docs/*")}
                                   << QStringList{QStringLiteral("docs/api/index.md"), QStringLiteral("docs/guide.md")};
        QTest::newRow("ignore md") << QStringList() << QStringList{QStringLiteral("*.md")} << false << QStringList()
                                   << QStringList{QStringLiteral("A_upper.txt"), QStringLiteral("a.txt"), QStringLiteral("a/b.txt"),
                                                  QStringLiteral("bundle/cfg/config.json"), QStringLiteral("bundle/cfg/weights.bin"),
                                                  QStringLiteral("bundle/top.txt"), QStringLiteral("deep/a/top.txt"),
                                                  QStringLiteral("docs-old.txt"), QStringLiteral("données/été.txt"),
                                                  QStringLiteral("dup1.txt"), QStringLiteral("dup2.txt"), QStringLiteral("empty.txt"),
                                                  QStringLiteral("notes/todo.txt"), QStringLiteral("restored/dup3.txt"),
                                                  QStringLiteral("src/main.py"), QStringLiteral("src/main_copy.py"),
                                                  QStringLiteral("with space/file name.txt"), QStringLiteral("日本語/ファイル.txt")};
        QTest::newRow("allow and ignore") << QStringList{QStringLiteral("docs/"), QStringLiteral("*.py")}
                                          << QStringList{QStringLiteral("*guide*"), QStringLiteral("src/*_copy.py")} << true
                                          << QStringList{QStringLiteral("docs/*"), QStringLiteral("*.py")}
                                          << QStringList{QStringLiteral("docs/api/index.md"), QStringLiteral("src/main.py")};
        QTest::newRow("star crosses slash") << QStringList{QStringLiteral("*top.txt")} << QStringList() << true
                                            << QStringList{QStringLiteral("*top.txt")}
                                            << QStringList{QStringLiteral("bundle/top.txt"), QStringLiteral("deep/a/top.txt")};
        QTest::newRow("classes") << QStringList{QStringLiteral("dup[0-9].txt"), QStringLiteral("?.txt")} << QStringList() << true
                                 << QStringList{QStringLiteral("dup[0-9].txt"), QStringLiteral("?.txt")}
                                 << QStringList{QStringLiteral("a.txt"), QStringLiteral("dup1.txt"), QStringLiteral("dup2.txt")};
        QTest::newRow("case sensitive") << QStringList{QStringLiteral("readme.md")} << QStringList() << true
                                        << QStringList{QStringLiteral("readme.md")} << QStringList();
        QTest::newRow("explicit empty allow") << QStringList() << QStringList() << true << QStringList() << QStringList();
    }

    void snapshotPatterns()
    {
        QFETCH(QStringList, allow);
        QFETCH(QStringList, ignore);
        QFETCH(bool, hasAllow);
        QFETCH(QStringList, normalizedAllow);
        QFETCH(QStringList, expected);
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const auto truth = truthDigest(repoPath);
        const LocalRepository repo = LocalRepository::open(repoPath);
        SnapshotOptions options;
        if (hasAllow)
            options.allowPatterns = allow;
        if (!ignore.isEmpty())
            options.ignorePatterns = ignore;
        const QString root = repo.snapshotDownload(options);
        QCOMPARE(regularFiles(root), expected);
        for (const QString &f : expected)
            QCOMPARE(readAll(root + QLatin1Char('/') + f), repo.readBytes(f));

        const QString head = headOf(m_small);
        QJsonObject keyObject;
        keyObject.insert(QStringLiteral("allow_patterns"), QJsonArray::fromStringList(normalizedAllow));
        keyObject.insert(QStringLiteral("commit_id"), head);
        keyObject.insert(QStringLiteral("ignore_patterns"), QJsonArray::fromStringList(ignore));
        const QString key = sha256Hex(CanonicalJson::serialize(keyObject));
        QCOMPARE(QFileInfo(root).fileName(), key);
        const QJsonObject meta = readJson(repoPath + QStringLiteral("/cache/views/snapshots/") + key + QStringLiteral(".json"));
        QCOMPARE(meta.value(QStringLiteral("allow_patterns")).toArray(), QJsonArray::fromStringList(normalizedAllow));
        QCOMPARE(meta.value(QStringLiteral("ignore_patterns")).toArray(), QJsonArray::fromStringList(ignore));
        QStringList listed;
        for (const QJsonValue &v : meta.value(QStringLiteral("files")).toArray())
            listed.append(v.toObject().value(QStringLiteral("path")).toString());
        QCOMPARE(listed, expected);
        QCOMPARE(truthDigest(repoPath), truth);
    }

    void snapshotOfOlderRevision()
    {
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const LocalRepository repo = LocalRepository::open(repoPath);
        const QString oldCommit = QStringLiteral("e2ddfb774ce494b99db06c659c427ff43f4add05");
        SnapshotOptions options;
        options.revision = oldCommit;
        const QString root = repo.snapshotDownload(options);
        const auto files = filesOf(m_small, oldCommit);
        QCOMPARE(regularFiles(root), QStringList(files.keys()));
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            QCOMPARE(sha256Hex(readAll(root + QLatin1Char('/') + it.key())), it.value().value(QStringLiteral("sha256")).toString());
        QCOMPARE(readJson(repoPath + QStringLiteral("/cache/views/snapshots/") + QFileInfo(root).fileName() + QStringLiteral(".json"))
                     .value(QStringLiteral("revision")).toString(),
                 oldCommit);
        QVERIFY(root != repo.snapshotDownload({}));
    }

    // --- snapshot_download with local_dir ----------------------------------------------
    void snapshotInLocalDir()
    {
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const auto before = treeDigest(repoPath);
        const QStringList entriesBefore = entries(repoPath);
        const QString localDir = tmp.path() + QStringLiteral("/export/snap");
        const LocalRepository repo = LocalRepository::open(repoPath);
        SnapshotOptions options;
        options.localDir = localDir;
        const QString root = repo.snapshotDownload(options);
        QCOMPARE(root, QDir(localDir).canonicalPath());
        const QStringList files = repo.listRepoFiles();
        QCOMPARE(regularFiles(root, QStringLiteral(".cache/")), files);
        for (const QString &f : files)
            QCOMPARE(readAll(root + QLatin1Char('/') + f), repo.readBytes(f));

        const QString metaPath = root + QStringLiteral("/.cache/hubvault/snapshot.json");
        const QByteArray raw = readAll(metaPath);
        const QJsonObject meta = QJsonDocument::fromJson(raw).object();
        QCOMPARE(CanonicalJson::serialize(meta), raw);
        QCOMPARE(meta.value(QStringLiteral("target_path")).toString(), QDir(localDir).canonicalPath());
        QCOMPARE(meta.value(QStringLiteral("commit_id")).toString(), headOf(m_small));
        QCOMPARE(meta.value(QStringLiteral("files")).toArray().size(), files.size());
        QCOMPARE(meta.value(QStringLiteral("view_key")).toString(),
                 sha256Hex(QByteArray(R"({"allow_patterns":[],"commit_id":")") + headOf(m_small).toLatin1()
                           + QByteArray(R"(","ignore_patterns":[]})")));
        // Nothing inside the repository changed, not even its cache.
        QCOMPARE(treeDigest(repoPath), before);
        QCOMPARE(entries(repoPath), entriesBefore);

        // Narrowing the selection removes files that are no longer selected (and their
        // emptied directories) but keeps the user's own files.
        QVERIFY(writeFile(root + QStringLiteral("/docs/my-notes.txt"), "mine"));
        QVERIFY(writeFile(root + QStringLiteral("/user.txt"), "mine too"));
        options.allowPatterns = QStringList{QStringLiteral("docs/")};
        QCOMPARE(repo.snapshotDownload(options), root);
        QCOMPARE(regularFiles(root, QStringLiteral(".cache/")),
                 (QStringList{QStringLiteral("docs/api/index.md"), QStringLiteral("docs/guide.md"),
                              QStringLiteral("docs/my-notes.txt"), QStringLiteral("user.txt")}));
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/bundle")));
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/deep")));
        QCOMPARE(readJson(metaPath).value(QStringLiteral("allow_patterns")).toArray(), QJsonArray{QStringLiteral("docs/*")});
        QCOMPARE(treeDigest(repoPath), before);
    }

    void snapshotSymlinkInLocalDirNotFollowed()
    {
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const QString outside = tmp.path() + QStringLiteral("/outside");
        QVERIFY(writeFile(outside + QStringLiteral("/victim.txt"), "victim\n"));
        QVERIFY(writeFile(outside + QStringLiteral("/guide.md"), "precious\n"));
        const auto outsideBefore = treeDigest(outside);
        const QString localDir = tmp.path() + QStringLiteral("/export");
        QVERIFY(QDir().mkpath(localDir + QStringLiteral("/src")));
        QVERIFY(QFile::link(outside, localDir + QStringLiteral("/docs")));
        QVERIFY(QFile::link(outside + QStringLiteral("/victim.txt"), localDir + QStringLiteral("/README.md")));
        QVERIFY(QFile::link(outside + QStringLiteral("/victim.txt"), localDir + QStringLiteral("/src/main.py")));
        const LocalRepository repo = LocalRepository::open(repoPath);
        SnapshotOptions options;
        options.localDir = localDir;
        try {
            const QString root = repo.snapshotDownload(options);
            for (const QString &f : repo.listRepoFiles()) {
                QVERIFY2(isRegularNonSymlink(root + QLatin1Char('/') + f), qPrintable(f));
                QCOMPARE(readAll(root + QLatin1Char('/') + f), repo.readBytes(f));
            }
        } catch (const HubVaultValidationError &) {
            // refusing is fine too
        }
        QCOMPARE(treeDigest(outside), outsideBefore);
        QCOMPARE(entries(outside), (QStringList{QStringLiteral("guide.md"), QStringLiteral("victim.txt")}));
    }

    void snapshotMetadataCannotDeleteOutside()
    {
        // A hostile previous snapshot.json in local_dir must not make a rebuild delete
        // files outside local_dir.
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const QString victim = tmp.path() + QStringLiteral("/victim.txt");
        QVERIFY(writeFile(victim, "victim\n"));
        const QString localDir = tmp.path() + QStringLiteral("/export");
        QJsonObject hostile;
        hostile.insert(QStringLiteral("allow_patterns"), QJsonArray());
        hostile.insert(QStringLiteral("commit_id"), QStringLiteral("0000000000000000000000000000000000000000"));
        hostile.insert(QStringLiteral("ignore_patterns"), QJsonArray());
        hostile.insert(QStringLiteral("revision"), QStringLiteral("main"));
        QJsonArray files;
        for (const QString &p : {QStringLiteral("../victim.txt"), victim, QStringLiteral("a/../../victim.txt")}) {
            QJsonObject f;
            f.insert(QStringLiteral("path"), p);
            f.insert(QStringLiteral("size"), 7);
            f.insert(QStringLiteral("sha256"), QString());
            f.insert(QStringLiteral("oid"), QString());
            f.insert(QStringLiteral("view_mtime_ns"), 0);
            files.append(f);
        }
        hostile.insert(QStringLiteral("files"), files);
        QVERIFY(writeFile(localDir + QStringLiteral("/.cache/hubvault/snapshot.json"), CanonicalJson::serialize(hostile)));
        const LocalRepository repo = LocalRepository::open(repoPath);
        SnapshotOptions options;
        options.localDir = localDir;
        const QString root = repo.snapshotDownload(options);
        QCOMPARE(readAll(victim), QByteArray("victim\n"));
        QCOMPARE(regularFiles(root, QStringLiteral(".cache/")), repo.listRepoFiles());
    }

    void snapshotPruneDoesNotFollowSymlinks()
    {
        // Files that drop out of the selection are deleted from local_dir; a directory
        // the user replaced by a link to elsewhere must not be deleted through.
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        const QString outside = tmp.path() + QStringLiteral("/outside");
        QVERIFY(writeFile(outside + QStringLiteral("/guide.md"), "precious\n"));
        QVERIFY(writeFile(outside + QStringLiteral("/api/index.md"), "precious too\n"));
        const auto outsideBefore = treeDigest(outside);
        const QString localDir = tmp.path() + QStringLiteral("/export");
        const LocalRepository repo = LocalRepository::open(repoPath);
        SnapshotOptions options;
        options.localDir = localDir;
        const QString root = repo.snapshotDownload(options);
        QVERIFY(QDir(root + QStringLiteral("/docs")).removeRecursively());
        QVERIFY(QFile::link(outside, root + QStringLiteral("/docs")));
        options.allowPatterns = QStringList{QStringLiteral("src/")};
        try {
            QCOMPARE(repo.snapshotDownload(options), root);
            QCOMPARE(regularFiles(root, QStringLiteral(".cache/")),
                     (QStringList{QStringLiteral("src/main.py"), QStringLiteral("src/main_copy.py")}));
        } catch (const HubVaultValidationError &) {
        }
        QCOMPARE(treeDigest(outside), outsideBefore);
    }

    // --- chunked content ------------------------------------------------------------------
    void chunkedViews()
    {
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kChunked, tmp.path());
        const auto truth = truthDigest(repoPath);
        const LocalRepository repo = LocalRepository::open(repoPath);
        const auto files = filesOf(m_chunked, headOf(m_chunked));
        QCOMPARE(files.size(), 5);

        const QString big = repo.hfHubDownload(QStringLiteral("models/big.bin"));
        QCOMPARE(sha256Hex(readAll(big)), files.value(QStringLiteral("models/big.bin")).value(QStringLiteral("sha256")).toString());
        const QJsonObject meta = readJson(repoPath + QStringLiteral("/cache/views/files/")
                                          + sha256Hex((headOf(m_chunked) + QStringLiteral(":models/big.bin")).toUtf8()) + QStringLiteral(".json"));
        QCOMPARE(meta.value(QStringLiteral("oid")).toString(), files.value(QStringLiteral("models/big.bin")).value(QStringLiteral("oid")).toString());
        QCOMPARE(meta.value(QStringLiteral("size")).toInteger(), qint64(1310736));

        const QString root = repo.snapshotDownload({});
        QCOMPARE(regularFiles(root), QStringList(files.keys()));
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            QCOMPARE(sha256Hex(readAll(root + QLatin1Char('/') + it.key())), it.value().value(QStringLiteral("sha256")).toString());

        QTemporaryDir out;
        SnapshotOptions options;
        options.localDir = out.path();
        options.allowPatterns = QStringList{QStringLiteral("models/")};
        const QString external = repo.snapshotDownload(options);
        QCOMPARE(regularFiles(external, QStringLiteral(".cache/")),
                 (QStringList{QStringLiteral("models/big-copy.bin"), QStringLiteral("models/big.bin")}));
        QCOMPARE(sha256Hex(readAll(external + QStringLiteral("/models/big-copy.bin"))),
                 files.value(QStringLiteral("models/big-copy.bin")).value(QStringLiteral("sha256")).toString());

        // A tampered chunked view is repaired.
        QVERIFY(writeFile(root + QStringLiteral("/models/big.bin"), "truncated"));
        QCOMPARE(repo.snapshotDownload({}), root);
        QCOMPARE(sha256Hex(readAll(root + QStringLiteral("/models/big.bin"))),
                 files.value(QStringLiteral("models/big.bin")).value(QStringLiteral("sha256")).toString());

        QCOMPARE(truthDigest(repoPath), truth);
        const VerifyReport report = repo.fullVerify();
        QVERIFY(report.ok);
        QVERIFY2(report.warnings.isEmpty(), qPrintable(report.warnings.join(QLatin1Char('\n'))));
    }

    void viewsWorkWithoutCacheSkeleton()
    {
        // Fixture copies have no cache/ at all; views create what they need.
        QTemporaryDir tmp;
        const QString repoPath = copyFixture(kSmall, tmp.path());
        QVERIFY(!QFileInfo::exists(repoPath + QStringLiteral("/cache")));
        const LocalRepository repo = LocalRepository::open(repoPath);
        QVERIFY(QFileInfo(repo.hfHubDownload(QStringLiteral("a/b.txt"))).isFile());
        QVERIFY(QFileInfo(repo.snapshotDownload({})).isDir());
        // And after the whole cache is deleted, they are rebuilt.
        QVERIFY(QDir(repoPath + QStringLiteral("/cache")).removeRecursively());
        QCOMPARE(readAll(repo.hfHubDownload(QStringLiteral("a/b.txt"))), repo.readBytes(QStringLiteral("a/b.txt")));
        QCOMPARE(regularFiles(repo.snapshotDownload({})), repo.listRepoFiles());
    }
};

QTEST_GUILESS_MAIN(TestViews)
#include "tst_views.moc"
