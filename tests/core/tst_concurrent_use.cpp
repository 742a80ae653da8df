// One Repository object used from many threads at once, as the app's jobs and a server's
// requests use it: readers keep reading (bytes, listings, history) while a writer
// commits; every read sees a whole committed state, every commit lands, nothing throws.
// Before SharedReadState gave a waiting writer of the process precedence, overlapping
// readers kept the shared lock held and the writer waited forever.
#include <hubvault/LocalRepository.h>
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <thread>

using namespace hubvault;

class ConcurrentUseTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readersAndAWriterShareOneObject()
    {
        QTemporaryDir dir;
        LocalRepository repo = LocalRepository::create(dir.filePath(QStringLiteral("repo")));
        for (int i = 0; i < 20; ++i)
            repo.uploadBytes(QByteArray("file ") + QByteArray::number(i), QStringLiteral("f/%1.txt").arg(i));
        repo.uploadBytes(QByteArrayLiteral("version start"), QStringLiteral("counter.txt"));

        constexpr int kCommits = 40;
        std::atomic<bool> writing{true};
        std::atomic<int> reads{0};
        QStringList failures;
        std::mutex failuresMutex;
        auto fail = [&](const QString &what) {
            std::lock_guard lock(failuresMutex);
            failures.append(what);
        };

        std::vector<std::thread> readers;
        for (int t = 0; t < 4; ++t) {
            readers.emplace_back([&, t] {
                try {
                    while (writing.load()) {
                        // The counter file always holds one of the versions written whole.
                        const QByteArray counter = repo.readBytes(QStringLiteral("counter.txt"));
                        if (!counter.startsWith("version "))
                            fail(QStringLiteral("torn read: %1").arg(QString::fromLatin1(counter)));
                        const QByteArray file = repo.readBytes(QStringLiteral("f/%1.txt").arg(t * 5));
                        if (file != QByteArray("file ") + QByteArray::number(t * 5))
                            fail(QStringLiteral("wrong bytes for f/%1.txt").arg(t * 5));
                        if (repo.listRepoTree(QStringLiteral("f")).size() != 20)
                            fail(QStringLiteral("listing of f/ changed"));
                        const qint64 commits = repo.countCommits();
                        if (commits < 22 || commits > 22 + kCommits)
                            fail(QStringLiteral("impossible commit count %1").arg(commits));
                        reads.fetch_add(1);
                    }
                } catch (const HubVaultError &e) {
                    fail(e.kind() + QStringLiteral(": ") + e.message());
                }
            });
        }
        std::thread writer([&] {
            try {
                for (int i = 0; i < kCommits; ++i)
                    repo.uploadBytes(QByteArray("version ") + QByteArray::number(i), QStringLiteral("counter.txt"));
            } catch (const HubVaultError &e) {
                fail(QStringLiteral("writer: ") + e.kind() + QStringLiteral(": ") + e.message());
            }
            writing.store(false);
        });
        writer.join();
        for (std::thread &r : readers)
            r.join();

        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QVERIFY(reads.load() > 0);
        // 1 initial commit + 20 files + the first counter + kCommits versions, all on main.
        QCOMPARE(repo.countCommits(), qint64(1 + 20 + 1 + kCommits));
        QCOMPARE(repo.readBytes(QStringLiteral("counter.txt")), QByteArray("version ") + QByteArray::number(kCommits - 1));
        QVERIFY(repo.fullVerify().ok);
    }
};

QTEST_GUILESS_MAIN(ConcurrentUseTest)
#include "tst_concurrent_use.moc"
