// The app's shared open repositories: one object per directory however its path is
// spelled, kept open while a window shows it, reopened fresh once nobody holds it, and
// nothing remembered from a failed open.
#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "shell/MainWindow.h"
#include "shell/OpenRepositories.h"
#include "TestSupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
using namespace hubvault::app;

class OpenRepositoriesTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void oneObjectPerDirectory()
    {
        const QString path = test::copyFixture(QStringLiteral("a-small-files-paths"), m_tmp.filePath(QStringLiteral("one")));
        std::shared_ptr<Repository> first = repositories::shared(path);
        QCOMPARE(repositories::shared(path).get(), first.get());
        QCOMPARE(repositories::shared(path + QStringLiteral("/")).get(), first.get());
        QCOMPARE(repositories::shared(path + QStringLiteral("/./")).get(), first.get());
        const std::weak_ptr<Repository> old = first;
        first.reset();
        QVERIFY(old.expired()); // nobody held it: closed, not kept by the registry
        QVERIFY(repositories::shared(path)->listRepoFiles().contains(QStringLiteral("README.md")));
    }

    void aFailedOpenLeavesNothingBehind()
    {
        const QString path = m_tmp.filePath(QStringLiteral("not-yet"));
        QVERIFY(QDir().mkpath(path));
        QVERIFY_THROWS_EXCEPTION(RepositoryNotFoundError, repositories::shared(path));
        LocalRepository::create(path);
        QCOMPARE(repositories::shared(path)->defaultBranch(), QStringLiteral("main"));
    }

    void theWindowKeepsItsRepositoryOpenForItsJobs()
    {
        const QString path = test::copyFixture(QStringLiteral("a-small-files-paths"), m_tmp.filePath(QStringLiteral("win")));
        std::weak_ptr<Repository> held;
        {
            MainWindow window(MainWindow::Persistence::NoSettings);
            QSignalSpy opened(&window, &MainWindow::repositoryOpened);
            window.openRepository(path);
            QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 30000);
            held = repositories::shared(path);
            QVERIFY(!held.expired()); // the window holds it between jobs
            QCOMPARE(repositories::shared(path).get(), held.lock().get());
        }
        QTRY_VERIFY_WITH_TIMEOUT(held.expired(), 30000); // closed with the window (and its jobs)
    }
};

QTEST_MAIN(OpenRepositoriesTest)
#include "tst_open_repositories.moc"
