// The maintenance dialogs in a real MainWindow, opened through the Repository menu's
// actions and driven through their buttons: verify (OK on a fixture copy, errors on a
// damaged one), garbage collection (the dry run changes nothing, the real run frees what
// it said) and squash history (checked with the core afterwards).

#include <hubvault/LocalRepository.h>
#include "AppTestSupport.h"
#include "maintenance/GcDialog.h"
#include "shell/MainWindow.h"
#include "maintenance/MaintenanceWorkflow.h"
#include "maintenance/SquashDialog.h"
#include "TestSupport.h"
#include "maintenance/VerifyDialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace hubvault;
using namespace hubvault::test;
using namespace hubvault::app;

namespace {

constexpr int kTimeoutMs = 120000;


/** Every file of the repository and its digest, lock files aside. */
QMap<QString, QByteArray> repositoryState(const QString &repo)
{
    QMap<QString, QByteArray> state = test::treeDigest(repo);
    for (auto it = state.begin(); it != state.end();)
        it = it.key().startsWith(QLatin1String("locks/")) ? state.erase(it) : std::next(it);
    return state;
}

/** Flips one byte in the middle of the largest stored blob. */
bool damageOneBlob(const QString &repo)
{
    QString largest;
    qint64 size = 0;
    QDirIterator it(repo + QStringLiteral("/objects"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        if (it.fileInfo().size() > size && it.fileName().endsWith(QLatin1String(".data"))) {
            size = it.fileInfo().size();
            largest = it.filePath();
        }
    }
    QFile f(largest);
    if (largest.isEmpty() || !f.open(QIODevice::ReadWrite))
        return false;
    f.seek(size / 2);
    char c = 0;
    f.getChar(&c);
    f.seek(size / 2);
    return f.putChar(char(c ^ 0x5a));
}

QStringList groupTitles(const QTreeWidget *view)
{
    QStringList out;
    for (int i = 0; i < view->topLevelItemCount(); ++i)
        out << view->topLevelItem(i)->text(0);
    return out;
}

} // namespace

class TestMaintenanceDialogs : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    int m_counter = 0;

    QString copy(const QString &fixture)
    {
        return test::copyFixture(fixture, m_tmp.path() + QStringLiteral("/r%1").arg(++m_counter));
    }

private Q_SLOTS:
    void verifyOkOnAFixtureCopy_data()
    {
        QTest::addColumn<bool>("full");
        QTest::newRow("quick") << false;
        QTest::newRow("full") << true;
    }

    void verifyOkOnAFixtureCopy()
    {
        QFETCH(bool, full);
        const QString repo = copy(QStringLiteral("b-chunked-large"));
        MainWindow window(MainWindow::Persistence::NoSettings);
        QVERIFY(openRepositoryIn(window, repo, kTimeoutMs));
        auto *workflow = window.findChild<MaintenanceWorkflow *>();
        QVERIFY(workflow);
        (full ? workflow->fullVerifyAction() : workflow->quickVerifyAction())->trigger();
        QPointer<VerifyDialog> dialog = window.findChild<VerifyDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), kTimeoutMs);
        QVERIFY(dialog->report());
        QVERIFY(dialog->report()->ok);
        QVERIFY2(dialog->statusLabel()->text().contains(QLatin1String("OK")), qPrintable(dialog->statusLabel()->text()));
        const QStringList groups = groupTitles(dialog->reportView());
        QVERIFY2(groups.contains(QStringLiteral("Checked refs (%1)").arg(dialog->report()->checkedRefs.size())),
                 qPrintable(groups.join(QLatin1Char('|'))));
        QVERIFY(!groups.join(QString()).contains(QLatin1String("Errors")));

        // Verify Again runs once more; Close then closes.
        QTest::mouseClick(dialog->againButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy() && dialog->report(), kTimeoutMs);
        QTest::mouseClick(dialog->closeButton(), Qt::LeftButton);
        QTRY_VERIFY(!dialog);
    }

    void fullVerifyListsErrorsOnADamagedCopy()
    {
        const QString repo = copy(QStringLiteral("b-chunked-large"));
        QVERIFY(damageOneBlob(repo));
        MainWindow window(MainWindow::Persistence::NoSettings);
        QVERIFY(openRepositoryIn(window, repo, kTimeoutMs));
        window.findChild<MaintenanceWorkflow *>()->fullVerifyAction()->trigger();
        QPointer<VerifyDialog> dialog = window.findChild<VerifyDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), kTimeoutMs);
        QVERIFY(dialog->report());
        QVERIFY(!dialog->report()->ok);
        QVERIFY(!dialog->report()->errors.isEmpty());
        QVERIFY(dialog->statusLabel()->text().contains(QLatin1String("Problems found")));
        QTreeWidgetItem *errors = dialog->reportView()->topLevelItem(0);
        QCOMPARE(errors->text(0), QStringLiteral("Errors (%1)").arg(dialog->report()->errors.size()));
        QCOMPARE(errors->childCount(), dialog->report()->errors.size());
        QCOMPARE(errors->child(0)->text(0), dialog->report()->errors.first());
        QVERIFY(errors->isExpanded());
    }

    void gcDryRunChangesNothingAndRealRunFreesWhatItSaid()
    {
        const QString repo = copy(QStringLiteral("c-branches-merges"));
        LocalRepository::open(repo).deleteBranch(QStringLiteral("conflict-side")); // its own commits become garbage
        const QMap<QString, QByteArray> before = repositoryState(repo);

        MainWindow window(MainWindow::Persistence::NoSettings);
        QVERIFY(openRepositoryIn(window, repo, kTimeoutMs));
        window.findChild<MaintenanceWorkflow *>()->gcAction()->trigger();
        QPointer<GcDialog> dialog = window.findChild<GcDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy() && dialog->preview(), kTimeoutMs);
        const GcReport preview = *dialog->preview();
        QVERIFY(preview.dryRun);
        QVERIFY(preview.reclaimedSize > 0);
        QVERIFY(dialog->runButton()->isEnabled());
        QCOMPARE(dialog->reportView()->headerItem()->text(1), QStringLiteral("Would free"));
        QCOMPARE(repositoryState(repo), before);

        QSignalSpy collected(dialog.data(), &GcDialog::collected);
        QSignalSpy reopened(&window, &MainWindow::repositoryOpened);
        QTest::mouseClick(dialog->runButton(), Qt::LeftButton);
        QVERIFY(collected.wait(kTimeoutMs));
        QVERIFY(dialog->result());
        QVERIFY(!dialog->result()->dryRun);
        QCOMPARE(dialog->result()->reclaimedSize, preview.reclaimedSize);
        QCOMPARE(dialog->result()->reclaimedObjectSize, preview.reclaimedObjectSize);
        QCOMPARE(dialog->result()->reclaimedChunkSize, preview.reclaimedChunkSize);
        QCOMPARE(dialog->result()->removedFileCount, preview.removedFileCount);
        QCOMPARE(dialog->reportView()->headerItem()->text(1), QStringLiteral("Freed"));
        QVERIFY(dialog->statusLabel()->text().contains(QLatin1String("Done")));
        QVERIFY(!dialog->runButton()->isEnabled()); // one collection per preview
        QVERIFY(reopened.wait(kTimeoutMs));

        LocalRepository r = LocalRepository::open(repo);
        QVERIFY(repositoryState(repo) != before);
        QVERIFY(r.fullVerify().ok);
        const GcReport again = r.gc(true);
        QCOMPARE(again.reclaimedObjectSize + again.reclaimedChunkSize, 0);
    }

    void squashKeepsTheChosenHistory()
    {
        const QString repo = copy(QStringLiteral("c-branches-merges"));
        const LocalRepository before = LocalRepository::open(repo);
        const QString head = *before.resolveRevision(QStringLiteral("main"));
        const QStringList filesBefore = before.listRepoFiles(QStringLiteral("main"));

        MainWindow window(MainWindow::Persistence::NoSettings);
        QVERIFY(openRepositoryIn(window, repo, kTimeoutMs));
        window.findChild<MaintenanceWorkflow *>()->squashAction()->trigger();
        QPointer<SquashDialog> dialog = window.findChild<SquashDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->branchCombo()->currentText(), QStringLiteral("main"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy() && dialog->commitsView()->topLevelItemCount() > 2, kTimeoutMs);
        QCOMPARE(dialog->lineage().first().commitId, head);

        // Keep the head and its first parent; everything older drops out.
        const CommitGraphNode root = dialog->lineage().at(1);
        dialog->commitsView()->setCurrentItem(dialog->commitsView()->topLevelItem(1));
        QCOMPARE(dialog->messageEdit()->text(), root.title);
        QVERIFY(dialog->summaryLabel()->text().contains(QStringLiteral("%1 older").arg(dialog->lineage().size() - 2)));
        dialog->messageEdit()->selectAll();
        QTest::keyClicks(dialog->messageEdit(), QStringLiteral("Fresh start"));
        dialog->runGcCheck()->setChecked(false);
        QVERIFY(dialog->squashButton()->isEnabled());

        QSignalSpy squashed(dialog.data(), &SquashDialog::squashed);
        QTest::mouseClick(dialog->squashButton(), Qt::LeftButton);
        QVERIFY(squashed.wait(kTimeoutMs));
        QVERIFY(dialog->report());
        QCOMPARE(dialog->report()->rewrittenCommitCount, 2);
        QVERIFY(dialog->report()->droppedAncestorCount > 0);
        QVERIFY(!dialog->report()->gcReport);
        QVERIFY(dialog->statusLabel()->text().contains(QLatin1String("rewrote 2 commit")));

        const LocalRepository r = LocalRepository::open(repo);
        const QList<GitCommitInfo> commits = r.listRepoCommits(QStringLiteral("main"));
        QCOMPARE(commits.size(), 2);
        QCOMPARE(commits.last().title, QStringLiteral("Fresh start"));
        QCOMPARE(commits.first().commitId, dialog->report()->newHead);
        QCOMPARE(r.listRepoFiles(QStringLiteral("main")), filesBefore);
        QVERIFY(r.quickVerify().ok);
    }
};

QTEST_MAIN(TestMaintenanceDialogs)
#include "tst_maintenance_dialogs.moc"
