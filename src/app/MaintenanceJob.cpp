#include "MaintenanceJob.h"

#include <QLocale>
#include <QMutex>
#include <QMutexLocker>
#include <QTimer>

namespace hubvault::app {

namespace {
constexpr int kPollMs = 100;
}

struct MaintenanceJob::Shared {
    QMutex mutex;
    qint64 done = 0;
    qint64 total = 0;
    QString phase;
};

MaintenanceJob::MaintenanceJob(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setInterval(kPollMs);
    connect(m_timer, &QTimer::timeout, this, &MaintenanceJob::poll);
}

MaintenanceJob::~MaintenanceJob()
{
    if (m_running)
        m_task.cancel.cancel();
}

bool MaintenanceJob::isCancelRequested() const
{
    return m_task.cancel.isCancelled();
}

void MaintenanceJob::start(Work work)
{
    if (m_running)
        return;
    m_running = true;
    m_task = TaskControl();
    m_shared = std::make_shared<Shared>();
    m_done = m_total = 0;
    m_phase.clear();
    m_task.progress = [shared = m_shared](qint64 done, qint64 total, const QString &phase) {
        QMutexLocker lock(&shared->mutex);
        shared->done = done;
        shared->total = total;
        shared->phase = phase;
    };
    m_timer->start();
    background::run(
        this,
        [work = std::move(work), task = m_task] {
            work(task);
            return true;
        },
        [this](const background::Outcome<bool> &outcome) { finish(outcome); });
}

void MaintenanceJob::cancel()
{
    if (m_running)
        m_task.cancel.cancel();
}

void MaintenanceJob::finish(const background::Outcome<bool> &outcome)
{
    m_timer->stop();
    poll();
    m_running = false;
    if (outcome.ok())
        Q_EMIT succeeded();
    else if (outcome.failure.isCancellation())
        Q_EMIT cancelled();
    else
        Q_EMIT failed(outcome.failure.kind, outcome.failure.message);
    Q_EMIT ended();
}

void MaintenanceJob::poll()
{
    qint64 done, total;
    QString phase;
    {
        QMutexLocker lock(&m_shared->mutex);
        done = m_shared->done;
        total = m_shared->total;
        phase = m_shared->phase;
    }
    if (done == m_done && total == m_total && phase == m_phase)
        return;
    m_done = done;
    m_total = total;
    m_phase = phase;
    Q_EMIT progressChanged(done, total, phase);
}

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

} // namespace hubvault::app
