// Downloading from the files panel: a file (hfHubDownload into a local directory), a
// folder (snapshotDownload with "<folder>/*", special characters escaped), the whole
// revision, progress, Cancel through the job and through the progress dialog's button,
// and a refused target inside the repository.

#include <hubvault/LocalRepository.h>
#include "AppTestSupport.h"
#include "files/DownloadJob.h"
#include "files/FilesPanel.h"
#include "files/FileTreeModel.h"
#include "TestSupport.h"

#include <QDirIterator>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
using hubvault::test::titledCommit;
using namespace hubvault::app;

namespace {

constexpr int kTimeoutMs = 120000;

QByteArray pseudoRandom(qint64 size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    quint32 x = seed;
    for (qint64 i = 0; i < size; ++i) {
        x = x * 1664525u + 1013904223u;
        out[i] = char(x >> 24);
    }
    return out;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** Relative paths of the regular files under `root`, skipping the view's metadata. */
QStringList filesUnder(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString rel = QDir(root).relativeFilePath(it.next());
        if (!rel.startsWith(QLatin1String(".cache/")))
            out.append(rel);
    }
    out.sort();
    return out;
}

bool waitEnded(DownloadJob *job)
{
    if (!job)
        return false;
    if (!job->isRunning())
        return true;
    QSignalSpy ended(job, &DownloadJob::ended);
    return ended.wait(kTimeoutMs);
}

} // namespace

class TestFileDownload : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_repoPath;
    QMap<QString, QByteArray> m_files;

    QString target(const QString &name) const { return m_tmp.path() + QStringLiteral("/out-") + name; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_repoPath = m_tmp.path() + QStringLiteral("/repo");
        LocalRepository repo = LocalRepository::create(m_repoPath);
        m_files.insert(QStringLiteral("models/a.bin"), pseudoRandom(2 << 20, 1));
        m_files.insert(QStringLiteral("models/sub/b.txt"), "nested\n");
        m_files.insert(QStringLiteral("models[1]/x.txt"), "brackets\n");
        m_files.insert(QStringLiteral("modelsX/y.txt"), "similar prefix\n");
        m_files.insert(QStringLiteral("other/c.txt"), "other\n");
        m_files.insert(QStringLiteral("root.txt"), "root\n");
        // Large enough that a download takes many 1 MiB blocks (and cancellation checks).
        m_files.insert(QStringLiteral("huge/big.bin"), pseudoRandom(48 << 20, 2));
        QList<CommitOperation> ops;
        for (auto it = m_files.cbegin(); it != m_files.cend(); ++it)
            ops.append(CommitOperation::addBytes(it.key(), it.value()));
        repo.createCommit(ops, titledCommit(QStringLiteral("Download fixtures")));
    }

    void patterns()
    {
        QCOMPARE(DownloadJob::escapeFnMatch(QStringLiteral("a*b?c[d]")), QStringLiteral("a[*]b[?]c[[]d]"));
        QCOMPARE(DownloadJob::allowPatternFor(QStringLiteral("models")), QStringLiteral("models/*"));
        QCOMPARE(DownloadJob::allowPatternFor(QStringLiteral("models[1]")), QStringLiteral("models[[]1]/*"));
    }

    void downloadFile()
    {
        FilesPanel panel;
        panel.setRepository(m_repoPath);
        QSignalSpy finished(&panel, &FilesPanel::downloadFinished);
        DownloadJob *job = panel.downloadTo(QStringLiteral("models/a.bin"), false, target(QStringLiteral("file")));
        QVERIFY(job);
        QVERIFY(job->isRunning());
        QVERIFY(waitEnded(job));
        QCOMPARE(job->state(), DownloadJob::State::Succeeded);
        const QString expected = QDir(target(QStringLiteral("file"))).canonicalPath() + QStringLiteral("/models/a.bin");
        QCOMPARE(job->resultPath(), expected);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toString(), expected);
        QCOMPARE(readFile(expected), m_files.value(QStringLiteral("models/a.bin")));
        QCOMPARE(filesUnder(target(QStringLiteral("file"))), QStringList{QStringLiteral("models/a.bin")});
        QTRY_VERIFY(!panel.progressDialog()); // closed and gone
    }

    void downloadFolder()
    {
        FilesPanel panel;
        panel.setRepository(m_repoPath);
        DownloadJob *job = panel.downloadTo(QStringLiteral("models"), true, target(QStringLiteral("folder")));
        QVERIFY(waitEnded(job));
        QCOMPARE(job->state(), DownloadJob::State::Succeeded);
        const QString root = QDir(target(QStringLiteral("folder"))).canonicalPath();
        QCOMPARE(job->resultPath(), root + QStringLiteral("/models"));
        // Only the folder: not "models[1]" nor "modelsX", which share its prefix.
        QCOMPARE(filesUnder(root), (QStringList{QStringLiteral("models/a.bin"), QStringLiteral("models/sub/b.txt")}));
        QCOMPARE(readFile(root + QStringLiteral("/models/sub/b.txt")), m_files.value(QStringLiteral("models/sub/b.txt")));
        QCOMPARE(readFile(root + QStringLiteral("/models/a.bin")), m_files.value(QStringLiteral("models/a.bin")));
    }

    void downloadFolderWithPatternCharacters()
    {
        FilesPanel panel;
        panel.setRepository(m_repoPath);
        DownloadJob *job = panel.downloadTo(QStringLiteral("models[1]"), true, target(QStringLiteral("brackets")));
        QVERIFY(waitEnded(job));
        QCOMPARE(job->state(), DownloadJob::State::Succeeded);
        QCOMPARE(filesUnder(target(QStringLiteral("brackets"))), QStringList{QStringLiteral("models[1]/x.txt")});
    }

    void downloadEverythingWithProgress()
    {
        FilesPanel panel;
        panel.setRepository(m_repoPath);
        DownloadJob *job = panel.downloadTo({}, true, target(QStringLiteral("all")));
        QVERIFY(job);
        QSignalSpy progress(job, &DownloadJob::progressChanged);
        QVERIFY(waitEnded(job));
        QCOMPARE(job->state(), DownloadJob::State::Succeeded);
        QStringList expected = m_files.keys();
        expected.sort();
        QCOMPARE(filesUnder(target(QStringLiteral("all"))), expected);
        qint64 total = 0;
        for (const QByteArray &bytes : std::as_const(m_files))
            total += bytes.size();
        QVERIFY(progress.count() >= 1);
        QCOMPARE(job->total(), total);
        QCOMPARE(job->done(), total);
    }

    void cancelThroughJob()
    {
        FilesPanel panel;
        panel.setRepository(m_repoPath);
        QSignalSpy finished(&panel, &FilesPanel::downloadFinished);
        DownloadJob *job = panel.downloadTo(QStringLiteral("huge/big.bin"), false, target(QStringLiteral("cancel-file")));
        QVERIFY(job);
        job->cancel();
        QVERIFY(waitEnded(job));
        QCOMPARE(job->state(), DownloadJob::State::Cancelled);
        QCOMPARE(finished.count(), 0);
        QVERIFY(filesUnder(target(QStringLiteral("cancel-file"))).isEmpty()); // no partial or temporary file
    }

    void cancelThroughDialogButton()
    {
        FilesPanel panel;
        panel.resize(800, 500);
        panel.show();
        panel.setRepository(m_repoPath);
        QSignalSpy errors(&panel, &FilesPanel::errorOccurred);
        DownloadJob *job = panel.downloadTo(QStringLiteral("huge"), true, target(QStringLiteral("cancel-folder")));
        QVERIFY(job);
        QProgressDialog *dialog = panel.progressDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->windowModality(), Qt::WindowModal);
        auto *button = dialog->findChild<QPushButton *>();
        QVERIFY(button);
        QCOMPARE(button->text(), QStringLiteral("Cancel"));
        button->click();
        QVERIFY(waitEnded(job));
        QCOMPARE(job->state(), DownloadJob::State::Cancelled);
        QCOMPARE(errors.count(), 0); // cancelling is not an error
        QVERIFY(filesUnder(target(QStringLiteral("cancel-folder"))).isEmpty());
        QTRY_VERIFY(!panel.progressDialog());

        // A new download may start once the cancelled one ended.
        DownloadJob *again = panel.downloadTo(QStringLiteral("other"), true, target(QStringLiteral("after-cancel")));
        QVERIFY(waitEnded(again));
        QCOMPARE(again->state(), DownloadJob::State::Succeeded);
        QCOMPARE(filesUnder(target(QStringLiteral("after-cancel"))), QStringList{QStringLiteral("other/c.txt")});
    }

    void oneDownloadAtATime()
    {
        FilesPanel panel;
        panel.setRepository(m_repoPath);
        QSignalSpy errors(&panel, &FilesPanel::errorOccurred);
        DownloadJob *first = panel.downloadTo(QStringLiteral("huge/big.bin"), false, target(QStringLiteral("busy-1")));
        QVERIFY(first);
        QVERIFY(!panel.downloadTo(QStringLiteral("root.txt"), false, target(QStringLiteral("busy-2"))));
        QCOMPARE(errors.count(), 1);
        first->cancel();
        QVERIFY(waitEnded(first));
    }

    void targetInsideRepositoryFails()
    {
        FilesPanel panel;
        panel.setRepository(m_repoPath);
        QSignalSpy errors(&panel, &FilesPanel::errorOccurred);
        DownloadJob *job = panel.downloadTo(QStringLiteral("root.txt"), false, m_repoPath + QStringLiteral("/inside"));
        QVERIFY(waitEnded(job));
        QCOMPARE(job->state(), DownloadJob::State::Failed);
        QVERIFY(!job->errorMessage().isEmpty());
        QCOMPARE(errors.count(), 1);
        QCOMPARE(errors.first().first().toString(), QStringLiteral("Download Failed"));
    }

    void downloadAtRevision()
    {
        // Revisions as the history view hands them over: a full ref name and a commit id.
        const QString head = LocalRepository::open(m_repoPath).resolveRevision({}).value();
        for (const QString &revision : {QStringLiteral("refs/heads/main"), head}) {
            FilesPanel panel;
            panel.setRepository(m_repoPath);
            panel.showRevision(revision);
            const QString dir = target(QStringLiteral("rev-") + revision.left(8).replace('/', '_'));
            DownloadJob *job = panel.downloadTo(QStringLiteral("other"), true, dir);
            QVERIFY(waitEnded(job));
            QCOMPARE(job->state(), DownloadJob::State::Succeeded);
            QCOMPARE(job->request().revision, revision);
            QCOMPARE(filesUnder(dir), QStringList{QStringLiteral("other/c.txt")});
        }
    }

    void blockingRunMatchesCore()
    {
        DownloadJob::Request request;
        request.repoPath = m_repoPath;
        request.pathInRepo = QStringLiteral("other/c.txt");
        request.targetDir = target(QStringLiteral("blocking"));
        const QString path = DownloadJob::run(request);
        QCOMPARE(readFile(path), m_files.value(QStringLiteral("other/c.txt")));
    }
};

QTEST_MAIN(TestFileDownload)
#include "tst_file_download.moc"
