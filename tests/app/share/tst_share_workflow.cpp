// Repository › Share on Network…: the real window shares its repository; a client with the
// shown tokens reads (and, when allowed, writes) over HTTP; a taken port is reported in the
// dialog; stopping, or opening another repository, ends the share.
#include "AppTestSupport.h"
#include "TestSupport.h"

#include "share/NetworkShare.h"
#include "share/ShareDialog.h"
#include "share/ShareWorkflow.h"
#include "shell/MainWindow.h"

#include <hubvault/LocalRepository.h>

#include <httplib.h>

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace hubvault;
using namespace hubvault::app;

namespace {

int status(const QUrl &url, const char *path, const QString &token, const QByteArray &method = "GET")
{
    httplib::Client client(url.host().toStdString(), url.port());
    const httplib::Headers headers = {{"Authorization", "Bearer " + token.toStdString()}};
    auto result = method == "GET" ? client.Get(path, headers)
                                  : client.Post(path, headers, R"({"branch":"shared-branch"})", "application/json");
    return result ? result->status : -1;
}

} // namespace

class TestShareWorkflow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void sharesTheOpenRepository()
    {
        const QString repo = test::copyFixture(QStringLiteral("c-branches-merges"), m_tmp.path());
        MainWindow window(MainWindow::Persistence::NoSettings);
        window.show();
        QVERIFY(test::openRepositoryIn(window, repo, 20000));
        auto *workflow = window.findChild<ShareWorkflow *>();
        QVERIFY(workflow);
        QVERIFY(workflow->shareAction()->isEnabled());
        ShareDialog *dialog = workflow->openDialog();
        QVERIFY(dialog && dialog->isVisible());
        dialog->portBox()->setValue(0); // any free port
        dialog->writesBox()->setChecked(true);
        QTest::mouseClick(dialog->toggleButton(), Qt::LeftButton);
        QVERIFY(workflow->share()->isRunning());
        const QUrl url(dialog->urlEdit()->text());
        QVERIFY2(url.port() > 0, qPrintable(dialog->urlEdit()->text()));
        const QString readToken = dialog->readTokenEdit()->text();
        const QString writeToken = dialog->writeTokenEdit()->text();
        QCOMPARE(readToken.size(), 32);
        QCOMPARE(writeToken.size(), 32);
        QVERIFY(readToken != writeToken);
        QVERIFY(!dialog->portBox()->isEnabled());

        QCOMPARE(status(url, "/api/v1/meta/whoami", readToken), 200);
        QCOMPARE(status(url, "/api/v1/meta/whoami", QStringLiteral("guess")), 401);
        QCOMPARE(status(url, "/api/v1/write/branches", readToken, "POST"), 403);
        QCOMPARE(status(url, "/api/v1/write/branches", writeToken, "POST"), 200);
        QVERIFY(LocalRepository::open(repo).listRepoRefs().branches.size() == 6);

        QTest::mouseClick(dialog->toggleButton(), Qt::LeftButton);
        QVERIFY(!workflow->share()->isRunning());
        QVERIFY(dialog->readTokenEdit()->text().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(status(url, "/api/v1/meta/whoami", readToken), -1, 5000);
    }

    void aTakenPortIsReported()
    {
        const QString repo = test::copyFixture(QStringLiteral("a-small-files-paths"), m_tmp.path());
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        MainWindow window(MainWindow::Persistence::NoSettings);
        window.show();
        QVERIFY(test::openRepositoryIn(window, repo, 20000));
        auto *workflow = window.findChild<ShareWorkflow *>();
        ShareDialog *dialog = workflow->openDialog();
        dialog->portBox()->setValue(taken.serverPort());
        QTest::mouseClick(dialog->toggleButton(), Qt::LeftButton);
        QVERIFY(!workflow->share()->isRunning());
        QVERIFY2(dialog->findChild<QLabel *>(QStringLiteral("statusLabel"))->text().contains(QStringLiteral("address already in use")),
                 qPrintable(dialog->findChild<QLabel *>(QStringLiteral("statusLabel"))->text()));
        QVERIFY(dialog->portBox()->isEnabled());
    }

    void openingAnotherRepositoryEndsTheShare()
    {
        const QString first = test::copyFixture(QStringLiteral("d-squash-gc"), m_tmp.path());
        const QString second = test::copyFixture(QStringLiteral("b-chunked-large"), m_tmp.path());
        MainWindow window(MainWindow::Persistence::NoSettings);
        window.show();
        QVERIFY(test::openRepositoryIn(window, first, 20000));
        auto *workflow = window.findChild<ShareWorkflow *>();
        ShareDialog *dialog = workflow->openDialog();
        dialog->portBox()->setValue(0);
        QTest::mouseClick(dialog->toggleButton(), Qt::LeftButton);
        QVERIFY(workflow->share()->isRunning());
        const QUrl url(dialog->urlEdit()->text());
        const QString token = dialog->readTokenEdit()->text();
        QVERIFY(test::openRepositoryIn(window, second, 20000));
        QVERIFY(!workflow->share()->isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(status(url, "/api/v1/meta/whoami", token), -1, 5000);
    }
};

QTEST_MAIN(TestShareWorkflow)
#include "tst_share_workflow.moc"
