// The merge dialog, driven through its widgets in a real MainWindow on copies of fixture c:
// a fast-forward, a merge commit with an edited message and description, and a conflict
// that is listed (with sides and diffs) while the Merge button stays disabled. The
// repository is checked with the core afterwards.

#include <hubvault/LocalRepository.h>
#include "AppTestSupport.h"
#include "shell/MainWindow.h"
#include "merge/MergeDialog.h"
#include "merge/MergeWorkflow.h"
#include "TestSupport.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
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
constexpr int kTimeoutMs = 60000;
}

class TestMergeDialog : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    int m_counter = 0;

    QString fixtureCopy()
    {
        const QString path = test::copyFixture(QStringLiteral("c-branches-merges"), m_tmp.path() + QStringLiteral("/r%1").arg(++m_counter));
        return path;
    }

    /** Opens `repo` in `window` and returns the merge dialog opened through the menu action. */
    static MergeDialog *openThroughMenu(MainWindow &window, const QString &repo)
    {
        if (!openRepositoryIn(window, repo, kTimeoutMs))
            return nullptr;
        auto *workflow = window.findChild<MergeWorkflow *>();
        if (!workflow || !workflow->mergeAction()->isEnabled())
            return nullptr;
        workflow->mergeAction()->trigger();
        return workflow->dialog();
    }

    /** Picks source and target through the combos and waits for the preview. */
    static bool pick(MergeDialog *dialog, const QString &source, const QString &target)
    {
        QComboBox *targets = dialog->targetCombo();
        targets->setCurrentIndex(targets->findText(target));
        QComboBox *sources = dialog->sourceCombo();
        sources->lineEdit()->clear();
        QTest::keyClicks(sources->lineEdit(), source);
        return QTest::qWaitFor([&] { return !dialog->isBusy() && dialog->preview().has_value(); }, kTimeoutMs);
    }

private Q_SLOTS:
    void fastForward()
    {
        const QString repo = fixtureCopy();
        const QString mainHead = *LocalRepository::open(repo).resolveRevision(QStringLiteral("main"));
        MainWindow window(MainWindow::Persistence::NoSettings);
        QPointer<MergeDialog> dialog = openThroughMenu(window, repo);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        // release/v1 is an ancestor of main, so main fast-forwards it.
        QVERIFY(pick(dialog, QStringLiteral("main"), QStringLiteral("release/v1")));
        QCOMPARE(dialog->preview()->result.status, MergeStatus::FastForward);
        QVERIFY2(dialog->statusLabel()->text().contains(QLatin1String("Fast-forward")), qPrintable(dialog->statusLabel()->text()));
        QVERIFY(!dialog->messageEdit()->isEnabled());
        QCOMPARE(dialog->conflictsView()->topLevelItemCount(), 0);
        QVERIFY(dialog->mergeButton()->isEnabled());

        QSignalSpy merged(dialog.data(), &MergeDialog::merged);
        QSignalSpy opened(&window, &MainWindow::repositoryOpened);
        QTest::mouseClick(dialog->mergeButton(), Qt::LeftButton);
        QVERIFY(merged.wait(kTimeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), kTimeoutMs);
        QVERIFY(opened.wait(kTimeoutMs)); // the window read the repository again

        const LocalRepository r = LocalRepository::open(repo);
        QCOMPARE(*r.resolveRevision(QStringLiteral("release/v1")), mainHead);
        QCOMPARE(*r.resolveRevision(QStringLiteral("main")), mainHead);
    }

    void mergeCommitWithEditedMessage()
    {
        const QString repo = fixtureCopy();
        {
            // Both branches move on with different files: a true merge with no conflict.
            LocalRepository r = LocalRepository::open(repo);
            CommitOptions onTopic;
            onTopic.revision = QStringLiteral("topic");
            r.uploadBytes("from topic\n", QStringLiteral("topic-only.txt"), onTopic);
            r.uploadBytes("from main\n", QStringLiteral("main-only.txt"));
        }
        const LocalRepository before = LocalRepository::open(repo);
        const QString mainHead = *before.resolveRevision(QStringLiteral("main"));
        const QString topicHead = *before.resolveRevision(QStringLiteral("topic"));

        MainWindow window(MainWindow::Persistence::NoSettings);
        QPointer<MergeDialog> dialog = openThroughMenu(window, repo);
        QVERIFY(dialog);
        QVERIFY(pick(dialog, QStringLiteral("topic"), QStringLiteral("main")));
        QCOMPARE(dialog->preview()->result.status, MergeStatus::Merged);
        QVERIFY(dialog->statusLabel()->text().contains(QLatin1String("Merge commit")));
        QCOMPARE(dialog->messageEdit()->text(), QStringLiteral("Merge topic into main"));
        QVERIFY(dialog->messageEdit()->isEnabled());

        dialog->messageEdit()->selectAll();
        QTest::keyClicks(dialog->messageEdit(), QStringLiteral("Bring topic work into main"));
        QTest::keyClicks(dialog->descriptionEdit(), QStringLiteral("Adds topic-only.txt."));
        QVERIFY(dialog->mergeButton()->isEnabled());
        QSignalSpy merged(dialog.data(), &MergeDialog::merged);
        QTest::mouseClick(dialog->mergeButton(), Qt::LeftButton);
        QVERIFY(merged.wait(kTimeoutMs));

        const LocalRepository r = LocalRepository::open(repo);
        const QString newHead = *r.resolveRevision(QStringLiteral("main"));
        const QList<CommitGraphNode> nodes = r.readCommitGraph({newHead});
        QCOMPARE(nodes.size(), 1);
        QCOMPARE(nodes.first().parentCommitIds, (QStringList{mainHead, topicHead}));
        QCOMPARE(nodes.first().title, QStringLiteral("Bring topic work into main"));
        QCOMPARE(nodes.first().message, QStringLiteral("Adds topic-only.txt."));
        QCOMPARE(r.readBytes(QStringLiteral("topic-only.txt"), QStringLiteral("main")), QByteArray("from topic\n"));
        QCOMPARE(r.readBytes(QStringLiteral("main-only.txt"), QStringLiteral("main")), QByteArray("from main\n"));
    }

    void conflictListedAndMergeDisabled()
    {
        const QString repo = fixtureCopy();
        const LocalRepository before = LocalRepository::open(repo);
        const QString mainHead = *before.resolveRevision(QStringLiteral("main"));
        const MergeResult expected = before.previewMerge(QStringLiteral("conflict-side"), MergeOptions{QStringLiteral("main"), {}, {}, {}});
        QCOMPARE(expected.status, MergeStatus::Conflict);

        MainWindow window(MainWindow::Persistence::NoSettings);
        QPointer<MergeDialog> dialog = openThroughMenu(window, repo);
        QVERIFY(dialog);
        QVERIFY(pick(dialog, QStringLiteral("conflict-side"), QStringLiteral("main")));
        QCOMPARE(dialog->preview()->result.status, MergeStatus::Conflict);
        QVERIFY(!dialog->mergeButton()->isEnabled());
        QVERIFY(!dialog->mergeButton()->toolTip().isEmpty());
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("explanationLabel"))->isVisible());

        QTreeWidget *list = dialog->conflictsView();
        QCOMPARE(list->topLevelItemCount(), expected.conflicts.size());
        QStringList kinds;
        for (int row = 0; row < list->topLevelItemCount(); ++row) {
            const QTreeWidgetItem *item = list->topLevelItem(row);
            const MergeConflict &c = expected.conflicts.at(row);
            QCOMPARE(item->text(0), c.path);
            QCOMPARE(item->text(1), c.conflictType);
            kinds << c.conflictType;
            // Each present side shows its size and the start of its sha256 from the core.
            const MergeConflictDetail &detail = dialog->preview()->conflicts.at(row);
            QCOMPARE(detail.target.present, c.targetOid.has_value());
            QCOMPARE(detail.source.present, c.sourceOid.has_value());
            if (detail.target.present) {
                QCOMPARE(detail.target.oid, *c.targetOid);
                const QList<RepoEntry> info = before.getPathsInfo({c.path}, QStringLiteral("main"));
                QCOMPARE(detail.target.sha256, info.first().file.sha256);
                QVERIFY(item->text(3).contains(info.first().file.sha256.left(12)));
            } else {
                QCOMPARE(item->text(3), QStringLiteral("absent"));
            }
        }
        QVERIFY(kinds.contains(QStringLiteral("modify/modify")));

        // The selected conflict shows each side against the base.
        const int mm = int(kinds.indexOf(QStringLiteral("modify/modify")));
        list->setCurrentItem(list->topLevelItem(mm));
        QVERIFY2(dialog->targetDiffView()->toPlainText().contains(QLatin1String("@@")), qPrintable(dialog->targetDiffView()->toPlainText()));
        QVERIFY(dialog->sourceDiffView()->toPlainText().contains(QLatin1String("@@")));
        QVERIFY(dialog->targetDiffView()->toPlainText() != dialog->sourceDiffView()->toPlainText());

        // Clicking the disabled button does nothing; the repository is unchanged.
        QTest::mouseClick(dialog->mergeButton(), Qt::LeftButton);
        QTest::qWait(200);
        QVERIFY(dialog->isVisible());
        QCOMPARE(*LocalRepository::open(repo).resolveRevision(QStringLiteral("main")), mainHead);
    }

    void refsMenuOffersMerge()
    {
        const QString repo = fixtureCopy();
        MainWindow window(MainWindow::Persistence::NoSettings);
        QVERIFY(openRepositoryIn(window, repo, kTimeoutMs));
        QMenu menu;
        Q_EMIT window.refsContextMenuAboutToShow(&menu, QStringLiteral("refs/heads/topic"));
        QAction *merge = nullptr;
        for (QAction *action : menu.actions())
            if (action->text().contains(QLatin1String("Merge")) && action->text().contains(QLatin1String("topic into")))
                merge = action;
        QVERIFY(merge);
        merge->trigger();
        MergeDialog *dialog = window.findChild<MergeWorkflow *>()->dialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->sourceCombo()->currentText(), QStringLiteral("topic"));
        QCOMPARE(dialog->targetCombo()->currentText(), QStringLiteral("main"));
        QVERIFY(QTest::qWaitFor([&] { return !dialog->isBusy() && dialog->preview().has_value(); }, kTimeoutMs));
    }
};

QTEST_MAIN(TestMergeDialog)
#include "tst_merge_dialog.moc"
