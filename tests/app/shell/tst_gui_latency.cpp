// The GUI stays responsive while a repository is written and verified (issue 7): with the
// real window offscreen, a 500 MiB file goes through the upload queue and the commit
// dialog while Repository::fullVerify runs on a worker, and a 10 ms timer on the GUI thread
// records how late its ticks come. This is the one timed assertion the issue asks for.
// Then a second upload is stopped mid-way and the repository is shown unchanged.

#include <hubvault/LocalRepository.h>
#include "AppTestSupport.h"
#include "async/BackgroundCall.h"
#include "upload/CommitDialog.h"
#include "shell/MainWindow.h"
#include "TestSupport.h"
#include "upload/UploadJob.h"
#include "upload/UploadQueue.h"
#include "upload/UploadQueueDock.h"
#include "upload/UploadWorkflow.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <atomic>
#include <memory>
#include <vector>

using namespace hubvault;
using namespace hubvault::app;

namespace {

constexpr qint64 kUploadSize = 500ll << 20;
constexpr int kTickMs = 10;
constexpr qint64 kMaxLatenessMs = 50;
constexpr qint64 kMaxFreezeMs = 150;

/** Streams `size` bytes of xorshift output to `path`, one MiB at a time. */
bool writeRandomishFile(const QString &path, qint64 size)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray block(1 << 20, Qt::Uninitialized);
    quint64 state = 0x2545F4914F6CDD1Dull;
    for (qint64 written = 0; written < size; written += block.size()) {
        auto *words = reinterpret_cast<quint64 *>(block.data());
        for (qsizetype i = 0; i < block.size() / 8; ++i) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            words[i] = state;
        }
        const qint64 n = std::min<qint64>(block.size(), size - written);
        if (file.write(block.constData(), n) != n)
            return false;
    }
    return true;
}

/** Records how late a 10 ms timer on the GUI thread fires, while it runs. */
class LatencyProbe : public QObject {
public:
    LatencyProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(kTickMs);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 late = now - m_last - qint64(kTickMs) * 1000000;
            m_maxLateNs = std::max(m_maxLateNs, late);
            if (late > 15000000 && qEnvironmentVariableIsSet("HUBVAULT_LATENCY_TRACE"))
                qInfo("late tick at %lld ms: %lld ms late", now / 1000000, late / 1000000);
            m_totalLateNs += std::max<qint64>(0, late);
            m_samples.push_back(late);
            ++m_ticks;
            m_last = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double maxLateMs() const { return double(m_maxLateNs) / 1e6; }
    double meanLateMs() const { return m_ticks ? double(m_totalLateNs) / 1e6 / double(m_ticks) : 0; }
    int ticks() const { return m_ticks; }
    /** The lateness that `share` of the ticks stayed under (0.99: all but the worst 1 %). */
    double percentileLateMs(double share) const
    {
        if (m_samples.empty())
            return 0;
        std::vector<qint64> sorted = m_samples;
        const size_t at = std::min(sorted.size() - 1, size_t(double(sorted.size()) * share));
        std::nth_element(sorted.begin(), sorted.begin() + qsizetype(at), sorted.end());
        return double(sorted[at]) / 1e6;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_maxLateNs = 0;
    qint64 m_totalLateNs = 0;
    int m_ticks = 0;
    std::vector<qint64> m_samples;
};


} // namespace

class TestGuiLatency : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void guiStaysResponsiveDuringUploadAndVerifyAndStopChangesNothing();
};

void TestGuiLatency::guiStaysResponsiveDuringUploadAndVerifyAndStopChangesNothing()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString repoPath = test::copyFixture(QStringLiteral("b-chunked-large"), tmp.path());
    QVERIFY(!repoPath.isEmpty());
    const QString big = tmp.filePath(QStringLiteral("weights-500MiB.bin"));
    QVERIFY(writeRandomishFile(big, kUploadSize));

    MainWindow window(MainWindow::Persistence::NoSettings);
    window.resize(1200, 800);
    window.show();
    QVERIFY(test::openRepositoryIn(window, repoPath, 20000));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 20000);
    auto *workflow = window.findChild<UploadWorkflow *>();
    QVERIFY(workflow);

    QSignalSpy staged(workflow, &UploadWorkflow::staged);
    QVERIFY(test::dropPaths(&window, QPoint(window.width() / 2, window.height() / 2), {big}));
    QVERIFY(staged.wait(10000));
    QTest::mouseClick(workflow->dock()->commitButton(), Qt::LeftButton);
    CommitDialog *dialog = workflow->commitDialog();
    QVERIFY(dialog);
    dialog->titleEdit()->setText(QStringLiteral("Add 500 MiB of weights"));
    QTRY_VERIFY(dialog->publishButton()->isEnabled());

    // Both jobs start, then the probe watches the GUI thread until the upload ends.
    QSignalSpy ended(workflow, &UploadWorkflow::publishEnded);
    LatencyProbe probe;
    QElapsedTimer wall;
    wall.start();
    QTest::mouseClick(dialog->publishButton(), Qt::LeftButton);
    // Full verifies one after the other, so one is running for the whole upload.
    std::atomic<bool> uploading{true};
    // On the pool the app's own jobs use, as the maintenance dialog's verify would.
    QFuture<int> verify = QtConcurrent::run(hubvault::app::background::workerThreadPool(), [repoPath, &uploading] {
        int runs = 0;
        do {
            if (!LocalRepository::open(repoPath).fullVerify().ok)
                return -1;
            ++runs;
        } while (uploading.load());
        return runs;
    });
    probe.start();
    QVERIFY(ended.wait(600000));
    probe.stop();
    uploading = false;
    const qint64 uploadMs = wall.elapsed();
    verify.waitForFinished();
    QVERIFY(verify.result() > 0);
    QVERIFY(!ended.first().first().toString().isEmpty());
    qInfo("upload of 500 MiB took %lld ms alongside %d full verifies; GUI timer: %d ticks, max lateness %.1f ms, "
          "mean %.2f ms", uploadMs, verify.result(), probe.ticks(), probe.maxLateMs(), probe.meanLateMs());
    QVERIFY(probe.ticks() > 0);
    // The goal holds for 99 % of the ticks; a single tick may lose its core to another
    // process on a loaded 2-core CI machine, but never for long enough to be a freeze.
    qInfo("GUI timer lateness: 99th percentile %.1f ms, max %.1f ms", probe.percentileLateMs(0.99), probe.maxLateMs());
    QVERIFY2(probe.percentileLateMs(0.99) < double(kMaxLatenessMs),
             qPrintable(QStringLiteral("GUI event latency %1 ms at the 99th percentile (limit %2 ms)")
                            .arg(probe.percentileLateMs(0.99))
                            .arg(kMaxLatenessMs)));
    QVERIFY2(probe.maxLateMs() < double(kMaxFreezeMs),
             qPrintable(QStringLiteral("GUI froze for %1 ms (limit %2 ms)").arg(probe.maxLateMs()).arg(kMaxFreezeMs)));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 20000);

    // A second upload stopped mid-way leaves no trace.
    const LocalRepository before = LocalRepository::open(repoPath);
    const QString headBefore = before.resolveRevision(QString()).value_or(QString());
    const QStringList filesBefore = before.listRepoFiles();
    const GitRefs refsBefore = before.listRepoRefs();
    workflow->stageLocalPaths({big}, QStringLiteral("copy"));
    QVERIFY(staged.wait(10000));
    QTest::mouseClick(workflow->dock()->commitButton(), Qt::LeftButton);
    QPointer<CommitDialog> stopped = workflow->commitDialog();
    QVERIFY(stopped);
    stopped->titleEdit()->setText(QStringLiteral("Will be stopped"));
    QTRY_VERIFY(stopped->publishButton()->isEnabled());
    QTest::mouseClick(stopped->publishButton(), Qt::LeftButton);
    QPointer<UploadJob> job = workflow->currentJob();
    QVERIFY(job);
    // Stop at the first progress report: part of the file is read, the commit not published.
    qint64 doneAtStop = -1;
    connect(job, &UploadJob::progressChanged, &window, [&](qint64 done, qint64) {
        if (doneAtStop < 0 && done > 0 && stopped) {
            doneAtStop = done;
            QTest::mouseClick(stopped->cancelButton(), Qt::LeftButton);
        }
    });
    QVERIFY(ended.wait(60000));
    qInfo("stopped after %lld of %lld bytes", doneAtStop, kUploadSize);
    QVERIFY(doneAtStop > 0);
    QVERIFY(doneAtStop < kUploadSize);
    QVERIFY(ended.last().first().toString().isEmpty());
    QCOMPARE(workflow->queue()->change(workflow->queue()->rowCount() - 1).state, StagedChange::State::Cancelled);

    const LocalRepository after = LocalRepository::open(repoPath);
    QCOMPARE(after.resolveRevision(QString()).value_or(QString()), headBefore);
    QCOMPARE(after.listRepoFiles(), filesBefore);
    const GitRefs refsAfter = after.listRepoRefs();
    QCOMPARE(refsAfter.branches.size(), refsBefore.branches.size());
    QCOMPARE(refsAfter.tags.size(), refsBefore.tags.size());
    for (int i = 0; i < refsAfter.branches.size(); ++i)
        QCOMPARE(refsAfter.branches.at(i).targetCommit, refsBefore.branches.at(i).targetCommit);
    QVERIFY(after.quickVerify().ok);
}

QTEST_MAIN(TestGuiLatency)
#include "tst_gui_latency.moc"
