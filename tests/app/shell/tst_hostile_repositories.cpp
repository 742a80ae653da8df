// Hostile repositories in the desktop app (issue 16): the window opens each repository of
// tests/support/HostileRepos.h on the offscreen platform, in a process whose address space
// is capped, and shows every page. Each must end with the repository shown (its damage
// reported where a page meets it) or a clear error, never a crash or a hang, and nothing
// outside the repository may change.
#include "AppTestSupport.h"
#include "HostileRepos.h"

#include "history/CommitGraphModel.h"
#include "history/HistoryPanel.h"
#include "shell/MainWindow.h"

#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

using namespace hubvault;
using namespace hubvault::test;
using namespace hubvault::test::hostile;

namespace {

/** The app's address space, threads' stacks and Qt included, with room to spare; an
 *  unbounded read of any of these repositories would need far more. */
constexpr rlim_t kAddressSpaceLimit = rlim_t(3) << 30;

enum class Attack { Name, PetabyteFile, CommitCycle, DeepTree, SelfContainingTree, PacksLinkedOutside };

} // namespace

Q_DECLARE_METATYPE(Attack)

class TestHostileRepositories : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_case = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const rlimit limit{kAddressSpaceLimit, kAddressSpaceLimit};
        QCOMPARE(::setrlimit(RLIMIT_AS, &limit), 0);
    }

    void everyPageOfAHostileRepository_data()
    {
        QTest::addColumn<Attack>("attack");
        QTest::addColumn<QString>("name");
        QTest::newRow("name ../x") << Attack::Name << QStringLiteral("../x");
        QTest::newRow("name /etc/x") << Attack::Name << QStringLiteral("/etc/x");
        QTest::newRow("name a/../../x") << Attack::Name << QStringLiteral("a/../../x");
        QTest::newRow("name C:\\x") << Attack::Name << QStringLiteral("C:\\x");
        QTest::newRow("name with NUL") << Attack::Name << QStringLiteral("x") + QChar(0) + QStringLiteral("y");
        QTest::newRow("name with newline") << Attack::Name << QStringLiteral("x\ny");
        QTest::newRow("file claiming 1 PB") << Attack::PetabyteFile << QString();
        QTest::newRow("commit cycle") << Attack::CommitCycle << QString();
        QTest::newRow("tree 100000 deep") << Attack::DeepTree << QString();
        QTest::newRow("tree containing itself") << Attack::SelfContainingTree << QString();
        QTest::newRow("packs linked outside") << Attack::PacksLinkedOutside << QString();
    }

    void everyPageOfAHostileRepository()
    {
        QFETCH(Attack, attack);
        QFETCH(QString, name);
        const QString dir = m_tmp.filePath(QStringLiteral("case%1").arg(++m_case));
        QVERIFY(QDir().mkpath(dir));
        const QString repo = copyFixture(QStringLiteral("a-small-files-paths"), dir);
        const QString outside = dir + QStringLiteral("/outside");
        QVERIFY(writeFile(outside + QStringLiteral("/victim.txt"), "must stay as it is\n"));
        switch (attack) {
        case Attack::Name:
            addRootEntryNamed(repo, name);
            break;
        case Attack::PetabyteFile:
            claimReadmeSize(repo, qint64(1) << 50);
            break;
        case Attack::CommitCycle:
            makeCommitCycle(repo);
            break;
        case Attack::DeepTree:
            nestTrees(repo, 100000);
            break;
        case Attack::SelfContainingTree:
            addSelfContainingTree(repo);
            break;
        case Attack::PacksLinkedOutside:
            QVERIFY(QDir(repo + QStringLiteral("/chunks/packs")).removeRecursively());
            QVERIFY(QFile::link(outside, repo + QStringLiteral("/chunks/packs")));
            break;
        }
        const auto outsideBefore = treeDigest(outside);

        app::MainWindow window(app::MainWindow::Persistence::NoSettings);
        window.resize(1200, 800);
        window.show();
        QSignalSpy errors(&window, &app::MainWindow::errorReported);
        window.openRepository(repo);
        QTRY_VERIFY_WITH_TIMEOUT(window.repositoryPath() == repo || !errors.isEmpty(), 60000);
        for (const auto tab : {app::MainWindow::Tab::History, app::MainWindow::Tab::Files, app::MainWindow::Tab::Storage,
                               app::MainWindow::Tab::Overview}) {
            window.setCurrentTab(tab);
            QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 60000);
        }
        for (const QList<QVariant> &error : std::as_const(errors))
            QVERIFY2(!error.value(1).toString().trimmed().isEmpty(), "an error says what happened");
        if (attack == Attack::CommitCycle) {
            // The head and its parent name each other: both shown once, the walk ended.
            QCOMPARE(window.historyPanel()->model()->rowCount(), 2);
        }
        if (attack == Attack::PacksLinkedOutside) {
            QVERIFY(!errors.isEmpty()); // refused at open
            QVERIFY2(errors.first().value(1).toString().contains(QLatin1String("symbolic link")),
                     qPrintable(errors.first().value(1).toString()));
        }
        QCOMPARE(treeDigest(outside), outsideBefore);
        QVERIFY(!QFileInfo::exists(QStringLiteral("/etc/x")));
        const QStringList top = QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        QCOMPARE(top, (QStringList{QStringLiteral("a-small-files-paths"), QStringLiteral("outside")}));
        // Message boxes of this case go with the window.
        for (QMessageBox *box : window.findChildren<QMessageBox *>())
            box->close();
    }
};

QTEST_MAIN(TestHostileRepositories)
#include "tst_hostile_repositories.moc"
