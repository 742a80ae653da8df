// SharedStorageOverview: callers at the same time get the same, correct overview (or the
// same error), a later call sees the repository as it is then, not an old result, and a
// caller that gives up stops waiting without taking the result from the others. Also the
// pages' LatestLoad, which cancels a load when the next one starts.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "async/LatestLoad.h"
#include "pages/SharedStorageOverview.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace hubvault;
using hubvault::app::LatestLoad;
using hubvault::app::SharedStorageOverview;

class TestSharedStorageOverview : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        // The computation's pool is first asked for on a worker thread; parenting it to
        // the application object there failed with this warning and leaked the pool.
        QTest::failOnWarning(QRegularExpression(QStringLiteral("Cannot create children")));
    }

    void concurrentCallersGetTheCoreResult()
    {
        QTemporaryDir dir;
        const QString repo = test::copyFixture(QStringLiteral("d-squash-gc"), dir.path());
        QVERIFY(!repo.isEmpty());
        const StorageOverview expected = LocalRepository::open(repo).storageOverview();
        QList<QFuture<StorageOverview>> calls;
        for (int i = 0; i < 4; ++i)
            calls.append(QtConcurrent::run([repo] { return SharedStorageOverview::load(repo); }));
        for (QFuture<StorageOverview> &call : calls) {
            const StorageOverview got = call.result();
            QCOMPARE(got.totalSize, expected.totalSize);
            QCOMPARE(got.reachableSize, expected.reachableSize);
            QCOMPARE(got.reclaimableGcSize, expected.reclaimableGcSize);
            QCOMPARE(got.sections.size(), expected.sections.size());
        }
    }

    void errorsReachEveryCaller()
    {
        QTemporaryDir dir;
        const QString notARepo = dir.path();
        QList<QFuture<QString>> calls;
        for (int i = 0; i < 3; ++i) {
            calls.append(QtConcurrent::run([notARepo] {
                try {
                    SharedStorageOverview::load(notARepo);
                    return QStringLiteral("no error");
                } catch (const RepositoryNotFoundError &e) {
                    return e.kind();
                }
            }));
        }
        for (QFuture<QString> &call : calls)
            QCOMPARE(call.result(), QStringLiteral("RepositoryNotFoundError"));
    }

    void laterCallsSeeChanges()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("repo"));
        LocalRepository repo = LocalRepository::create(path);
        const qint64 before = SharedStorageOverview::load(path).totalSize;
        repo.uploadBytes(QByteArray(100000, 'x'), QStringLiteral("big.bin"));
        QVERIFY(SharedStorageOverview::load(path).totalSize > before + 50000);
    }

    void aCancelledCallerStopsWaiting()
    {
        QTemporaryDir dir;
        const QString repo = test::copyFixture(QStringLiteral("b-chunked-large"), dir.path());
        const StorageOverview expected = LocalRepository::open(repo).storageOverview();
        TaskControl cancelled;
        cancelled.cancel.cancel();
        QVERIFY_THROWS_EXCEPTION(CancelledError, SharedStorageOverview::load(repo, cancelled));
        QVERIFY_THROWS_EXCEPTION(CancelledError, LocalRepository::open(repo).storageOverview(cancelled));

        // One caller gives up at once, another waits: the other still gets the result.
        for (int round = 0; round < 5; ++round) {
            TaskControl quitter;
            QFuture<QString> first = QtConcurrent::run([repo, quitter] {
                try {
                    return QString::number(SharedStorageOverview::load(repo, quitter).totalSize);
                } catch (const CancelledError &) {
                    return QStringLiteral("cancelled");
                }
            });
            QFuture<StorageOverview> second = QtConcurrent::run([repo] { return SharedStorageOverview::load(repo); });
            quitter.cancel.cancel();
            const QString firstResult = first.result();
            QVERIFY(firstResult == QLatin1String("cancelled") || firstResult == QString::number(expected.totalSize));
            QCOMPARE(second.result().totalSize, expected.totalSize);
        }
        // Nothing stale is left behind: the next caller gets a full result.
        QCOMPARE(SharedStorageOverview::load(repo).reachableSize, expected.reachableSize);
    }

    void latestLoadCancelsTheOneBefore()
    {
        LatestLoad load;
        const TaskControl first = load.next();
        const quint64 firstSerial = load.serial();
        QVERIFY(!first.cancel.isCancelled());
        const TaskControl second = load.next();
        QVERIFY(first.cancel.isCancelled());
        QVERIFY(!second.cancel.isCancelled());
        QVERIFY(!load.isLatest(firstSerial));
        QVERIFY(load.isLatest(load.serial()));
        TaskControl last;
        {
            LatestLoad page;
            last = page.next();
        } // a page going away cancels its load
        QVERIFY(last.cancel.isCancelled());
    }
};

QTEST_GUILESS_MAIN(TestSharedStorageOverview)
#include "tst_shared_storage_overview.moc"
