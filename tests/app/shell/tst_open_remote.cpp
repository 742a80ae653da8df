// File › Open Remote Repository…: the window opens a repository served by a real
// `hubvault serve`, with the token kept in memory only, and its pages load over HTTP as
// they do from a folder.
#include "AppTestSupport.h"
#include "TestSupport.h"
#include "../../server/ServerProcess.h"

#include "files/FileTreeModel.h"
#include "files/FilesPanel.h"
#include "history/CommitGraphModel.h"
#include "history/HistoryPanel.h"
#include "shell/MainWindow.h"
#include "shell/OpenRemoteDialog.h"
#include "shell/OpenRepositories.h"

#include <hubvault/LocalRepository.h>

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
using namespace hubvault::app;

class TestOpenRemote : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void theDialogAsksForAUrlAndAToken()
    {
        OpenRemoteDialog dialog(nullptr, QStringLiteral("http://models.example.org:9472/"));
        QPushButton *open = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open);
        QVERIFY(!open->isEnabled()); // no token yet
        dialog.tokenEdit()->setText(QStringLiteral("  secret "));
        QVERIFY(open->isEnabled());
        QCOMPARE(dialog.url(), QStringLiteral("http://models.example.org:9472"));
        QCOMPARE(dialog.token(), QStringLiteral("secret"));
        QCOMPARE(dialog.tokenEdit()->echoMode(), QLineEdit::Password);
        dialog.urlEdit()->setText(QStringLiteral("/data/models"));
        QVERIFY(!open->isEnabled()); // a folder is opened with File › Open
    }

    void opensAServedRepository()
    {
        const QString repo = test::copyFixture(QStringLiteral("c-branches-merges"), m_tmp.path());
        test::ServerProcess server;
        QVERIFY(server.start(repo));
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
        repositories::setToken(url, QStringLiteral("rotok"));

        MainWindow window(MainWindow::Persistence::NoSettings);
        window.resize(1200, 800);
        window.show();
        QVERIFY(test::openRepositoryIn(window, url, 20000));
        QCOMPARE(window.repositoryPath(), url);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(window.historyPanel()->model()->rowCount() >= LocalRepository::open(repo).countCommits(), 10000);
        FileTreeModel *files = window.filesPanel()->model();
        QStringList names;
        for (int row = 0; row < files->rowCount(); ++row)
            names.append(files->entry(files->index(row, 0)).path);
        QVERIFY2(names.contains(QStringLiteral("keep.txt")) && names.contains(QStringLiteral("topic")), qPrintable(names.join(',')));
        // Nothing failed on the way (a failure shows a message box).
        QVERIFY(!window.findChild<QMessageBox *>());
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_MAIN(TestOpenRemote)
#include "tst_open_remote.moc"
