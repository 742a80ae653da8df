// The export dialog, driven through its widgets in a real MainWindow: a .zip of the whole
// revision and a folder of a folder (opened from the Files tree's context menu), both
// compared byte for byte with Repository::readBytes; and Cancel during a slow export,
// which must leave no target and no temporary files behind.

#include <hubvault/LocalRepository.h>
#include "AppTestSupport.h"
#include "maintenance/ExportDialog.h"
#include "maintenance/ExportWorkflow.h"
#include "files/FilesPanel.h"
#include "async/Job.h"
#include "shell/MainWindow.h"
#include "ExportTestSupport.h"
#include "TestSupport.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <archive.h>
#include <archive_entry.h>

using namespace hubvault;
using namespace hubvault::test;
using namespace hubvault::app;

namespace {

constexpr int kTimeoutMs = 120000;

QMap<QString, QByteArray> readZip(const QString &path)
{
    QMap<QString, QByteArray> out;
    archive *a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_all(a);
    if (archive_read_open_filename(a, QFile::encodeName(path).constData(), 1 << 16) == ARCHIVE_OK) {
        archive_entry *entry = nullptr;
        while (archive_read_next_header(a, &entry) == ARCHIVE_OK) {
            if (archive_entry_filetype(entry) == AE_IFDIR)
                continue;
            QByteArray content;
            char buffer[65536];
            la_ssize_t n;
            while ((n = archive_read_data(a, buffer, sizeof buffer)) > 0)
                content.append(buffer, n);
            out.insert(QString::fromUtf8(archive_entry_pathname_utf8(entry)), content);
        }
    }
    archive_read_free(a);
    return out;
}


void chooseFormat(ExportDialog *dialog, ExportFormat format)
{
    dialog->formatCombo()->setCurrentIndex(dialog->formatCombo()->findData(int(format)));
}

void setTarget(ExportDialog *dialog, const QString &target)
{
    dialog->targetEdit()->clear();
    QTest::keyClicks(dialog->targetEdit(), target);
}

} // namespace

class TestExportDialog : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void zipOfTheRevision()
    {
        const QString repo = test::copyFixture(QStringLiteral("c-branches-merges"), m_tmp.path() + QStringLiteral("/zip"));
        const QString out = m_tmp.path() + QStringLiteral("/zip-out");
        QVERIFY(QDir().mkpath(out));
        MainWindow window(MainWindow::Persistence::NoSettings);
        QVERIFY(openRepositoryIn(window, repo, kTimeoutMs));
        auto *workflow = window.findChild<ExportWorkflow *>();
        QVERIFY(workflow && workflow->exportAction()->isEnabled());
        workflow->exportAction()->trigger();
        QPointer<ExportDialog> dialog = workflow->dialog();
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->revisionCombo()->currentText(), QStringLiteral("main"));

        chooseFormat(dialog, ExportFormat::Zip);
        QVERIFY(dialog->targetEdit()->text().endsWith(QLatin1String(".zip")));
        setTarget(dialog, out + QStringLiteral("/snapshot.zip"));
        QSignalSpy exported(dialog.data(), &ExportDialog::exported);
        QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
        QVERIFY(exported.wait(kTimeoutMs));
        QVERIFY(dialog->statusLabel()->text().contains(QLatin1String("Exported")));
        QCOMPARE(dialog->closeButton()->text().remove(QLatin1Char('&')), QStringLiteral("Close"));

        const LocalRepository r = LocalRepository::open(repo);
        const QMap<QString, QByteArray> expected = expectedFiles(r, {}, QStringLiteral("main"));
        QVERIFY(!expected.isEmpty());
        QCOMPARE(readZip(out + QStringLiteral("/snapshot.zip")), expected);
        QCOMPARE(folderEntries(out), QStringList{QStringLiteral("snapshot.zip")});
        QCOMPARE(dialog->report()->fileCount, qint64(expected.size()));

        // A second export to the same name is refused unless replacing is ticked.
        QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), kTimeoutMs);
        QVERIFY2(dialog->statusLabel()->text().contains(QLatin1String("failed")), qPrintable(dialog->statusLabel()->text()));
        // The message names the dialog's own control, not the CLI's flag.
        QVERIFY2(dialog->statusLabel()->text().contains(QLatin1String("tick")), qPrintable(dialog->statusLabel()->text()));
        QVERIFY(!dialog->statusLabel()->text().contains(QLatin1String("--force")));
        dialog->forceCheck()->setChecked(true);
        QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
        QVERIFY(exported.wait(kTimeoutMs));
        QCOMPARE(readZip(out + QStringLiteral("/snapshot.zip")), expected);
    }

    void folderFromTheFilesTree()
    {
        const QString repo = test::copyFixture(QStringLiteral("c-branches-merges"), m_tmp.path() + QStringLiteral("/folder"));
        const QString out = m_tmp.path() + QStringLiteral("/folder-out");
        QVERIFY(QDir().mkpath(out));
        MainWindow window(MainWindow::Persistence::NoSettings);
        QVERIFY(openRepositoryIn(window, repo, kTimeoutMs));
        window.showRevision(QStringLiteral("topic"));
        QTRY_COMPARE_WITH_TIMEOUT(window.filesPanel()->revision(), QStringLiteral("topic"), kTimeoutMs);

        QMenu menu;
        Q_EMIT window.filesPanel()->contextMenuAboutToShow(&menu, QStringLiteral("topic"), true);
        QAction *exportFolder = nullptr;
        for (QAction *action : menu.actions())
            if (action->text().remove(QLatin1Char('&')) == QStringLiteral("Export This Folder…"))
                exportFolder = action;
        QVERIFY(exportFolder);
        exportFolder->trigger();
        QPointer<ExportDialog> dialog = window.findChild<ExportWorkflow *>()->dialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->revisionCombo()->currentText(), QStringLiteral("topic"));
        QCOMPARE(dialog->pathEdit()->text(), QStringLiteral("topic"));

        chooseFormat(dialog, ExportFormat::Folder);
        setTarget(dialog, out + QStringLiteral("/topic-folder"));
        QSignalSpy exported(dialog.data(), &ExportDialog::exported);
        QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
        QVERIFY(exported.wait(kTimeoutMs));

        const LocalRepository r = LocalRepository::open(repo);
        const QMap<QString, QByteArray> expected = expectedFiles(r, QStringLiteral("topic"), QStringLiteral("topic"));
        QCOMPARE(expected.keys(), (QStringList{QStringLiteral("one.txt"), QStringLiteral("two.txt")}));
        QCOMPARE(readFolder(out + QStringLiteral("/topic-folder")), expected);
        QCOMPARE(folderEntries(out), QStringList{QStringLiteral("topic-folder")});
    }

    void cancelLeavesNoTarget()
    {
        // Pseudo-random data compresses slowly, so the export is still running when Cancel comes.
        const QString repo = m_tmp.path() + QStringLiteral("/big");
        {
            LocalRepository r = LocalRepository::create(repo);
            QByteArray big(96 << 20, Qt::Uninitialized);
            quint32 x = 12345;
            for (qsizetype i = 0; i < big.size(); ++i) {
                x = x * 1664525u + 1013904223u;
                big[i] = char(x >> 24);
            }
            r.uploadBytes(big, QStringLiteral("weights/big.bin"));
        }
        const QString out = m_tmp.path() + QStringLiteral("/big-out");
        QVERIFY(QDir().mkpath(out));
        MainWindow window(MainWindow::Persistence::NoSettings);
        QVERIFY(openRepositoryIn(window, repo, kTimeoutMs));
        ExportDialog *dialog = window.findChild<ExportWorkflow *>()->openDialog({});
        QVERIFY(dialog);
        chooseFormat(dialog, ExportFormat::TarGz);
        setTarget(dialog, out + QStringLiteral("/big.tar.gz"));

        // Cancel as soon as the first bytes are out, through the dialog's own button.
        bool clicked = false;
        connect(dialog->job(), &Job::progressChanged, dialog, [&](qint64 done) {
            if (done > 0 && !clicked) {
                clicked = true;
                QTest::mouseClick(dialog->closeButton(), Qt::LeftButton);
            }
        });
        QSignalSpy cancelled(dialog->job(), &Job::cancelled);
        QSignalSpy succeeded(dialog->job(), &Job::succeeded);
        QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
        QVERIFY(dialog->isBusy());
        QCOMPARE(dialog->closeButton()->text().remove(QLatin1Char('&')), QStringLiteral("Cancel"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), kTimeoutMs);
        QVERIFY(clicked);
        QCOMPARE(succeeded.count(), 0);
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(dialog->isVisible()); // Cancel stopped the export, it did not close the dialog
        QVERIFY(dialog->statusLabel()->text().contains(QLatin1String("Cancelled")));
        QCOMPARE(folderEntries(out), QStringList());
    }
};

QTEST_MAIN(TestExportDialog)
#include "tst_export_dialog.moc"
