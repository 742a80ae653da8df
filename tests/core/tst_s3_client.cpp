// The S3 client against a real object store (OpenStack Swift with s3api on 127.0.0.1,
// started by tests/support/swift/swift-fixture.sh through a CTest fixture): whole and
// multipart writes, range reads, listings, deletes, pending uploads, and the errors of
// wrong credentials, a missing bucket, a missing object and an unreachable endpoint.
// Debian's awscli checks independently what was stored. HUBVAULT_SWIFT_ENV names another
// fixture's env file, to run the suite by hand against a store already running.
#include "TestSupport.h"
#include "objectstore/S3Client.h"

#include <hubvault/Errors.h>

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

using namespace hubvault;
using namespace hubvault::objectstore;

class TestS3Client : public QObject {
    Q_OBJECT

private:
    QString m_endpoint;
    std::unique_ptr<S3Client> m_client;

    static QByteArray randomBytes(qsizetype size, quint32 seed)
    {
        QByteArray bytes(size, Qt::Uninitialized);
        QRandomGenerator generator(seed);
        generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
        return bytes;
    }

    S3Location location(const QString &bucket = QStringLiteral("hubvault-tests")) const
    {
        return S3Location::parse(QStringLiteral("s3://%1/repo/packs").arg(bucket), m_endpoint);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QFile env(qEnvironmentVariable("HUBVAULT_SWIFT_ENV", QStringLiteral(HUBVAULT_SWIFT_DIR "/env")));
        if (!env.open(QIODevice::ReadOnly))
            QFAIL("The Swift fixture did not start (tests/support/swift/swift-fixture.sh; see its log folder).");
        for (const QByteArray &line : env.readAll().split('\n')) {
            const qsizetype equals = line.indexOf('=');
            if (equals > 0)
                qputenv(line.left(equals).constData(), line.mid(equals + 1));
        }
        m_endpoint = qEnvironmentVariable("HUBVAULT_S3_ENDPOINT");
        m_client = std::make_unique<S3Client>(location(), S3Credentials::find());
        m_client->createBucket();
        m_client->createBucket(); // ours already: fine
    }

    void locationsParse()
    {
        const S3Location parsed = S3Location::parse(QStringLiteral("s3://models.team/a/b/"), QStringLiteral("https://s3.example.org/"),
                                                    QStringLiteral("eu-west-1"));
        QCOMPARE(parsed.bucket, QStringLiteral("models.team"));
        QCOMPARE(parsed.prefix, QStringLiteral("a/b"));
        QCOMPARE(parsed.endpoint, QStringLiteral("https://s3.example.org"));
        QCOMPARE(parsed.region, QStringLiteral("eu-west-1"));
        QCOMPARE(parsed.url(), QStringLiteral("s3://models.team/a/b"));
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, S3Location::parse(QStringLiteral("/tmp/x"), m_endpoint));
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, S3Location::parse(QStringLiteral("s3://No_Such"), m_endpoint));
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, S3Location::parse(QStringLiteral("s3://bucket"), QStringLiteral("ftp://x")));
    }

    void wholeObjects()
    {
        const QByteArray bytes = randomBytes(300000, 1);
        m_client->write(QStringLiteral("whole.pack"), bytes);
        const std::optional<S3Object> described = m_client->describe(QStringLiteral("whole.pack"));
        QVERIFY(described);
        QCOMPARE(described->size, bytes.size());
        QCOMPARE(m_client->read(QStringLiteral("whole.pack"), 0, bytes.size()), bytes);
        QCOMPARE(m_client->read(QStringLiteral("whole.pack"), 12345, 777), bytes.mid(12345, 777));
        QCOMPARE(m_client->read(QStringLiteral("whole.pack"), bytes.size() - 1, 1), bytes.right(1));
        // Past the end: fewer bytes than asked is an error, never a short answer.
        QVERIFY_THROWS_EXCEPTION(HubVaultError, m_client->read(QStringLiteral("whole.pack"), bytes.size() - 10, 20));

        // The independent client sees the same bytes under the prefix.
        QProcess aws;
        aws.start(QStringLiteral("/usr/bin/aws"), {QStringLiteral("--endpoint-url"), m_endpoint, QStringLiteral("s3"),
                                                   QStringLiteral("cp"), QStringLiteral("s3://hubvault-tests/repo/packs/whole.pack"),
                                                   QStringLiteral("-")});
        QVERIFY(aws.waitForFinished(120000));
        QCOMPARE(aws.exitCode(), 0);
        QVERIFY(aws.readAllStandardOutput() == bytes);

        m_client->remove(QStringLiteral("whole.pack"));
        QVERIFY(!m_client->describe(QStringLiteral("whole.pack")));
        m_client->remove(QStringLiteral("whole.pack")); // gone already: fine
        QVERIFY_THROWS_EXCEPTION(EntryNotFoundError, m_client->read(QStringLiteral("whole.pack"), 0, 1));
    }

    void multipartUploads()
    {
        const QByteArray first = randomBytes(5 << 20, 2), second = randomBytes(1 << 20, 3);
        const QString upload = m_client->beginUpload(QStringLiteral("multi.pack"));
        QVERIFY(!upload.isEmpty());
        const QString a = m_client->writePart(QStringLiteral("multi.pack"), upload, 1, first);
        const QString b = m_client->writePart(QStringLiteral("multi.pack"), upload, 2, second);
        bool pending = false;
        for (const S3Upload &u : m_client->pendingUploads())
            pending = pending || (u.name == QLatin1String("multi.pack") && u.uploadId == upload);
        QVERIFY(pending);
        QVERIFY(!m_client->describe(QStringLiteral("multi.pack"))); // nothing visible before it is finished
        m_client->finishUpload(QStringLiteral("multi.pack"), upload, {a, b});
        QCOMPARE(m_client->describe(QStringLiteral("multi.pack"))->size, first.size() + second.size());
        QCOMPARE(m_client->read(QStringLiteral("multi.pack"), first.size() - 100, 200), first.right(100) + second.left(100));
        for (const S3Upload &u : m_client->pendingUploads())
            QVERIFY(u.uploadId != upload);

        const QString abandoned = m_client->beginUpload(QStringLiteral("abandoned.pack"));
        m_client->writePart(QStringLiteral("abandoned.pack"), abandoned, 1, second);
        m_client->abortUpload(QStringLiteral("abandoned.pack"), abandoned);
        for (const S3Upload &u : m_client->pendingUploads())
            QVERIFY(u.uploadId != abandoned);
        QVERIFY(!m_client->describe(QStringLiteral("abandoned.pack")));
    }

    void listings()
    {
        QStringList names;
        for (int i = 0; i < 5; ++i) {
            names.append(QStringLiteral("list/%1.pack").arg(i));
            m_client->write(names.last(), QByteArray(i + 1, 'x'));
        }
        const QList<S3Object> listed = m_client->list(QStringLiteral("list/"));
        QCOMPARE(listed.size(), 5);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(listed.at(i).name, names.at(i));
            QCOMPARE(listed.at(i).size, i + 1);
        }
        // Objects outside the prefix are not ours.
        S3Client other(S3Location::parse(QStringLiteral("s3://hubvault-tests/other"), m_endpoint), S3Credentials::find());
        QVERIFY(other.list().isEmpty());
    }

    void readsStreamWithProgressAndCancel()
    {
        const QByteArray bytes = randomBytes(3 << 20, 4);
        m_client->write(QStringLiteral("stream.pack"), bytes);
        QByteArray got;
        QBuffer buffer(&got);
        buffer.open(QIODevice::WriteOnly);
        TaskControl task;
        qint64 lastDone = 0;
        task.progress = [&](qint64 done, qint64 total, const QString &) {
            QCOMPARE(total, bytes.size());
            lastDone = done;
        };
        m_client->readTo(QStringLiteral("stream.pack"), 0, bytes.size(), buffer, task);
        QCOMPARE(lastDone, bytes.size());
        QVERIFY(got == bytes);
        TaskControl cancelled;
        cancelled.cancel.cancel();
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        QVERIFY_THROWS_EXCEPTION(CancelledError, m_client->readTo(QStringLiteral("stream.pack"), 0, bytes.size(), sink, cancelled));
    }

    void errorsAreClear()
    {
        S3Client wrongKey(location(), S3Credentials{QStringLiteral("test:tester"), QStringLiteral("wrong"), {}});
        try {
            wrongKey.list();
            QFAIL("wrong credentials listed the bucket");
        } catch (const HubVaultRemoteAuthError &error) {
            QVERIFY2(error.message().startsWith(QStringLiteral("The object store refused the credentials for s3://hubvault-tests/repo/packs")),
                     qPrintable(error.message()));
        }
        S3Client noBucket(location(QStringLiteral("no-such-bucket")), S3Credentials::find());
        try {
            noBucket.list();
            QFAIL("listed a bucket that does not exist");
        } catch (const HubVaultValidationError &error) {
            QCOMPARE(error.message(), QStringLiteral("The bucket \"no-such-bucket\" does not exist at %1.").arg(m_endpoint));
        }
        S3Client unreachable(S3Location::parse(QStringLiteral("s3://hubvault-tests"), QStringLiteral("http://127.0.0.1:9")),
                             S3Credentials::find());
        QVERIFY_THROWS_EXCEPTION(HubVaultRemoteTransportError, unreachable.describe(QStringLiteral("x")));
    }

    void credentialsFromAProfile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("credentials"));
        QVERIFY(test::writeFile(path, "[default]\naws_access_key_id = A\naws_secret_access_key = B\n\n[team]\n"
                                      "aws_access_key_id=test:tester\naws_secret_access_key=testing\n"));
        const S3Credentials team = S3Credentials::fromFile(path, QStringLiteral("team"));
        QCOMPARE(team.accessKeyId, QStringLiteral("test:tester"));
        QCOMPARE(team.secretAccessKey, QStringLiteral("testing"));
        QVERIFY(S3Credentials::fromFile(path, QStringLiteral("missing")).isEmpty());
        qputenv("AWS_SHARED_CREDENTIALS_FILE", path.toLocal8Bit());
        QCOMPARE(S3Credentials::find(QStringLiteral("team")).accessKeyId, QStringLiteral("test:tester"));
        QVERIFY_THROWS_EXCEPTION(HubVaultValidationError, S3Credentials::find(QStringLiteral("missing")));
        qunsetenv("AWS_SHARED_CREDENTIALS_FILE");
    }
};

QTEST_GUILESS_MAIN(TestS3Client)
#include "tst_s3_client.moc"
