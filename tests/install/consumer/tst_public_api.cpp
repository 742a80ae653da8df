// Uses the installed public headers only: opens a copy of a hubvault 0.0.2 fixture, lists
// its files and reads one range, and compares with what the original recorded.
#include <hubvault/Errors.h>
#include <hubvault/Repository.h>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class PublicApiTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_repo;
    QJsonObject m_manifest;

    static void copyTree(const QString &from, const QString &to)
    {
        QDirIterator it(from, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString source = it.next();
            const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(source);
            QVERIFY(QDir().mkpath(QFileInfo(target).path()));
            QVERIFY(QFile::copy(source, target));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString fixtures = QStringLiteral(HUBVAULT_FIXTURES_DIR);
        QFile manifest(fixtures + QStringLiteral("/a-small-files-paths.manifest.json"));
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        m_manifest = QJsonDocument::fromJson(manifest.readAll()).object();
        m_repo = m_dir.filePath(QStringLiteral("repo"));
        copyTree(fixtures + QStringLiteral("/a-small-files-paths"), m_repo);
    }

    void listsTheFilesTheOriginalListed()
    {
        const std::shared_ptr<hubvault::Repository> repo = hubvault::openRepository(m_repo);
        QStringList expected;
        for (const QJsonValue &v : m_manifest.value(QStringLiteral("list_repo_files_default_branch")).toArray())
            expected.append(v.toString());
        QCOMPARE(repo->listRepoFiles(), expected);
    }

    void readsTheRangeTheOriginalRead()
    {
        const std::shared_ptr<hubvault::Repository> repo = hubvault::openRepository(m_repo);
        const QJsonObject read = m_manifest.value(QStringLiteral("read_range"))
                                     .toObject()
                                     .value(QStringLiteral("main :: README.md :: [2, +7)"))
                                     .toObject();
        const QByteArray bytes = repo->readRange(QStringLiteral("README.md"), 2, 7);
        QCOMPARE(bytes.size(), read.value(QStringLiteral("length")).toInt());
        QCOMPARE(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex(),
                 read.value(QStringLiteral("sha256")).toString().toLatin1());
    }

    void reportsErrorsAsTypedExceptions()
    {
        const std::shared_ptr<hubvault::Repository> repo = hubvault::openRepository(m_repo);
        QVERIFY_THROWS_EXCEPTION(hubvault::EntryNotFoundError, repo->readBytes(QStringLiteral("no/such/file")));
        QVERIFY(repo->fullVerify().ok);
    }
};

QTEST_GUILESS_MAIN(PublicApiTest)
#include "tst_public_api.moc"
