#include "MaintenanceJob.h"

#include "ProgressRelay.h"

#include <QLocale>

namespace hubvault::app {

MaintenanceJob::MaintenanceJob(QObject *parent) : QObject(parent), m_progress(new ProgressRelay(false, this))
{
    connect(m_progress, &ProgressRelay::changed, this, &MaintenanceJob::progressChanged);
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
    m_progress->reset();
    m_task.progress = m_progress->callback();
    m_progress->start();
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
    m_progress->stop();
    m_running = false;
    if (outcome.ok())
        Q_EMIT succeeded();
    else if (outcome.failure.isCancellation())
        Q_EMIT cancelled();
    else
        Q_EMIT failed(outcome.failure.kind, outcome.failure.message);
    Q_EMIT ended();
}

qint64 MaintenanceJob::done() const
{
    return m_progress->done();
}

qint64 MaintenanceJob::total() const
{
    return m_progress->total();
}

QString MaintenanceJob::phase() const
{
    return m_progress->phase();
}

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

} // namespace hubvault::app
