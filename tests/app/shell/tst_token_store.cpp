// Server tokens in the desktop's secret store: with a real GNOME Keyring (run by
// with-keyring.sh) a token is saved, read back and forgotten, and a server from File ›
// Recent reopens without asking; with no secret store, saving says why, nothing is
// written to settings, and Recent asks for the token again.
#include "AppTestSupport.h"
#include "TestSupport.h"
#include "../../server/ServerProcess.h"

#include "shell/MainWindow.h"
#include "shell/OpenRemoteDialog.h"
#include "shell/OpenRepositories.h"
#include "shell/TokenStore.h"

#include <QApplication>
#include <QDirIterator>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace hubvault;
using namespace hubvault::app;

namespace {

struct Saved {
    bool done = false;
    bool stored = false;
    QString reason;
};

Saved saveAndWait(const QString &url, const QString &token, QObject *context)
{
    Saved saved;
    tokenstore::save(url, token, context, [&saved](bool stored, const QString &reason) {
        saved = {true, stored, reason};
    });
    for (int waited = 0; !saved.done && waited < 20000; waited += 20)
        QTest::qWait(20);
    if (!saved.done)
        saved.reason = QStringLiteral("<no answer>");
    return saved;
}

std::optional<QString> loadAndWait(const QString &url, QObject *context)
{
    bool done = false;
    std::optional<QString> token;
    tokenstore::load(url, context, [&](std::optional<QString> loaded) {
        token = loaded;
        done = true;
    });
    for (int waited = 0; !done && waited < 20000; waited += 20)
        QTest::qWait(20);
    return done ? token : std::optional<QString>(QStringLiteral("<no answer>"));
}

/** Every file under `dir` that mentions `text`. */
QStringList filesMentioning(const QString &dir, const QByteArray &text)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(text))
            found.append(file.fileName());
    }
    return found;
}

} // namespace

class TestTokenStore : public QObject {
    Q_OBJECT

private:
    bool m_keyring = false;
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void initTestCase()
    {
        m_keyring = qEnvironmentVariableIsSet("HUBVAULT_TEST_KEYRING");
        // Without the wrapper no secret store may answer: never the developer's own keyring.
        if (!m_keyring)
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        QStandardPaths::setTestModeEnabled(true);
    }

    void saveLoadForget()
    {
        const QString url = QStringLiteral("http://models.example.org:9472");
        const Saved saved = saveAndWait(url, QStringLiteral("s3cret-token"), this);
        QCOMPARE(saved.stored, m_keyring);
        if (!m_keyring) {
            QVERIFY2(!saved.reason.isEmpty(), "a failed save says why");
            QCOMPARE(loadAndWait(url, this), std::nullopt);
            return;
        }
        QCOMPARE(loadAndWait(url, this), std::optional<QString>(QStringLiteral("s3cret-token")));
        QCOMPARE(loadAndWait(QStringLiteral("http://other:9472"), this), std::nullopt);
        bool forgotten = false;
        tokenstore::forget(url, this, [&forgotten] { forgotten = true; });
        QTRY_VERIFY_WITH_TIMEOUT(forgotten, 20000);
        QCOMPARE(loadAndWait(url, this), std::nullopt);
    }

    void recentServerReopensWithItsStoredToken()
    {
        const QString repo = test::copyFixture(QStringLiteral("c-branches-merges"), m_tmp.path());
        test::ServerProcess server;
        QVERIFY(server.start(repo));
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
        QCOMPARE(saveAndWait(url, QStringLiteral("rotok"), this).stored, m_keyring);
        QVERIFY(!repositories::hasToken(url)); // as after a restart

        MainWindow window(MainWindow::Persistence::NoSettings);
        window.show();
        // Without a stored token the window asks: answer the dialog as a user would.
        bool asked = false;
        QTimer answer;
        connect(&answer, &QTimer::timeout, this, [&] {
            if (auto *dialog = qobject_cast<OpenRemoteDialog *>(QApplication::activeModalWidget())) {
                asked = true;
                QCOMPARE(dialog->url(), url);
                dialog->tokenEdit()->setText(QStringLiteral("rotok"));
                dialog->accept();
            }
        });
        answer.start(50);
        window.openRecent(url);
        QTRY_COMPARE_WITH_TIMEOUT(window.repositoryPath(), url, 30000);
        QCOMPARE(asked, !m_keyring);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 30000);
        // The token is in the keyring or in memory, never in a settings file.
        QCOMPARE(filesMentioning(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation), "rotok"), QStringList());
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_MAIN(TestTokenStore)
#include "tst_token_store.moc"
