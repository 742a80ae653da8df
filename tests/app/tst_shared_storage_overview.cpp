// SharedStorageOverview: callers at the same time get the same, correct overview (or the
// same error), and a later call sees the repository as it is then, not an old result.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "SharedStorageOverview.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace hubvault;
using hubvault::app::SharedStorageOverview;

class TestSharedStorageOverview : public QObject {
    Q_OBJECT

private Q_SLOTS:
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
};

QTEST_GUILESS_MAIN(TestSharedStorageOverview)
#include "tst_shared_storage_overview.moc"
