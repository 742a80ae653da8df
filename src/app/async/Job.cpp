// One worker task with progress, cancellation and a typed end (see Job.h).
#include "async/Job.h"

#include "async/ProgressRelay.h"

namespace hubvault::app {

Job::Job(QObject *parent, Measure measure)
    : QObject(parent), m_measure(measure), m_progress(new ProgressRelay(measure == Measure::Bytes, this))
{
    connect(m_progress, &ProgressRelay::changed, this, &Job::progressChanged);
}

Job::~Job()
{
    if (isRunning())
        m_task.cancel.cancel();
}

bool Job::isCancelRequested() const
{
    return m_task.cancel.isCancelled();
}

void Job::start(Work work)
{
    if (isRunning())
        return;
    if (m_state != State::Idle)
        m_task = TaskControl(); // a new run gets a fresh cancellation token
    m_state = State::Running;
    m_failure = {};
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

void Job::cancel()
{
    m_task.cancel.cancel();
}

void Job::finish(const background::Outcome<bool> &outcome)
{
    m_progress->stop();
    if (outcome.ok()) {
        m_state = State::Succeeded;
        if (m_measure == Measure::Bytes && m_progress->markComplete())
            Q_EMIT progressChanged(m_progress->done(), m_progress->total(), m_progress->phase());
        Q_EMIT succeeded();
    } else if (outcome.failure.isCancellation()) {
        m_state = State::Cancelled;
        Q_EMIT cancelled();
    } else {
        m_state = State::Failed;
        m_failure = outcome.failure;
        Q_EMIT failed(m_failure.kind, m_failure.message);
    }
    Q_EMIT ended();
}

qint64 Job::done() const
{
    return m_progress->done();
}

qint64 Job::total() const
{
    return m_progress->total();
}

QString Job::phase() const
{
    return m_progress->phase();
}

} // namespace hubvault::app
