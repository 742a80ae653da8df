#include "DownloadJob.h"

#include "BackgroundCall.h"
#include "Repository.h"

#include <QMutex>
#include <QMutexLocker>
#include <QTimer>

namespace hubvault::app {

namespace {
constexpr int kPollMs = 100;
}

/**
 * Progress shared with the worker. The worker's callback only writes here; the GUI reads it
 * on a timer, so nothing is posted to an object that may already be gone.
 */
struct DownloadJob::Progress {
    QMutex mutex;
    qint64 done = 0;
    qint64 total = 0;
};

DownloadJob::DownloadJob(Request request, QObject *parent)
    : QObject(parent), m_request(std::move(request)), m_progress(std::make_shared<Progress>()), m_timer(new QTimer(this))
{
    m_timer->setInterval(kPollMs);
    connect(m_timer, &QTimer::timeout, this, &DownloadJob::poll);
}

DownloadJob::~DownloadJob()
{
    // A worker still running finishes on its own; ask it to stop early.
    if (m_state == State::Running)
        m_task.cancel.cancel();
}

QString DownloadJob::escapeFnMatch(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c == QLatin1Char('*') || c == QLatin1Char('?') || c == QLatin1Char('['))
            out += QLatin1Char('[') + c + QLatin1Char(']');
        else
            out += c;
    }
    return out;
}

QString DownloadJob::allowPatternFor(const QString &folder)
{
    return escapeFnMatch(folder) + QStringLiteral("/*");
}

QString DownloadJob::run(const Request &request, const TaskControl &task)
{
    const Repository repo = Repository::open(request.repoPath);
    if (!request.isFolder)
        return repo.hfHubDownload(request.pathInRepo, request.revision, request.targetDir, task);
    SnapshotOptions options;
    options.revision = request.revision;
    options.localDir = request.targetDir;
    if (!request.pathInRepo.isEmpty())
        options.allowPatterns = QStringList{allowPatternFor(request.pathInRepo)};
    const QString root = repo.snapshotDownload(options, task);
    return request.pathInRepo.isEmpty() ? root : root + QLatin1Char('/') + request.pathInRepo;
}

void DownloadJob::start()
{
    if (m_state != State::Idle)
        return; // a job runs once; cancel() before start() makes it end as Cancelled
    m_state = State::Running;
    const std::shared_ptr<Progress> progress = m_progress;
    // Both files and snapshots report bytes done of the whole download.
    m_task.progress = [progress](qint64 done, qint64 total, const QString &) {
        QMutexLocker lock(&progress->mutex);
        progress->done = total > 0 ? std::min(done, total) : done;
        progress->total = total;
    };
    m_timer->start();
    background::run(
        this, [request = m_request, task = m_task] { return run(request, task); },
        [this](const background::Outcome<QString> &outcome) {
            m_timer->stop();
            poll();
            if (outcome.ok()) {
                m_state = State::Finished;
                m_resultPath = *outcome.value;
                if (m_total > 0 && m_done != m_total) {
                    m_done = m_total;
                    Q_EMIT progressChanged(m_done, m_total);
                }
                Q_EMIT finished(m_resultPath);
            } else if (outcome.failure.isCancellation()) {
                m_state = State::Cancelled;
                Q_EMIT cancelled();
            } else {
                m_state = State::Failed;
                m_error = outcome.failure.message;
                Q_EMIT failed(m_error);
            }
            Q_EMIT ended();
        });
}

void DownloadJob::cancel()
{
    m_task.cancel.cancel();
}

void DownloadJob::poll()
{
    qint64 done, total;
    {
        QMutexLocker lock(&m_progress->mutex);
        done = m_progress->done;
        total = m_progress->total;
    }
    if (done != m_done || total != m_total) {
        m_done = done;
        m_total = total;
        Q_EMIT progressChanged(done, total);
    }
}

} // namespace hubvault::app
