#include "async/ProgressRelay.h"

#include <QMutex>
#include <QMutexLocker>
#include <QTimer>

namespace hubvault::app {

namespace {
constexpr int kPollMs = 100;
}

struct ProgressRelay::Shared {
    QMutex mutex;
    qint64 done = 0;
    qint64 total = 0;
    QString phase;
};

ProgressRelay::ProgressRelay(bool bytesOnly, QObject *parent)
    : QObject(parent), m_bytesOnly(bytesOnly), m_shared(std::make_shared<Shared>()), m_timer(new QTimer(this))
{
    m_timer->setInterval(kPollMs);
    connect(m_timer, &QTimer::timeout, this, &ProgressRelay::poll);
}

void ProgressRelay::reset()
{
    m_shared = std::make_shared<Shared>();
    m_done = m_total = 0;
    m_phase.clear();
}

ProgressCallback ProgressRelay::callback() const
{
    if (m_bytesOnly) {
        return [shared = m_shared](qint64 done, qint64 total, const QString &) {
            QMutexLocker lock(&shared->mutex);
            shared->done = total > 0 ? std::min(done, total) : done;
            shared->total = total;
        };
    }
    return [shared = m_shared](qint64 done, qint64 total, const QString &phase) {
        QMutexLocker lock(&shared->mutex);
        shared->done = done;
        shared->total = total;
        shared->phase = phase;
    };
}

void ProgressRelay::start()
{
    m_timer->start();
}

void ProgressRelay::stop()
{
    m_timer->stop();
    poll();
}

bool ProgressRelay::markComplete()
{
    if (m_total <= 0 || m_done == m_total)
        return false;
    m_done = m_total;
    return true;
}

void ProgressRelay::poll()
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
    Q_EMIT changed(done, total, phase);
}

} // namespace hubvault::app
