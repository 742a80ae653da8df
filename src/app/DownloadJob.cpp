#include "DownloadJob.h"

#include <hubvault/Repository.h>
#include "BackgroundCall.h"
#include "OpenRepositories.h"
#include "ProgressRelay.h"

namespace hubvault::app {

DownloadJob::DownloadJob(Request request, QObject *parent)
    : QObject(parent), m_request(std::move(request)), m_progress(new ProgressRelay(true, this))
{
    connect(m_progress, &ProgressRelay::changed, this,
            [this](qint64 done, qint64 total) { Q_EMIT progressChanged(done, total); });
}

qint64 DownloadJob::bytesDone() const
{
    return m_progress->done();
}

qint64 DownloadJob::bytesTotal() const
{
    return m_progress->total();
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
    const std::shared_ptr<Repository> sharedRepo = repositories::shared(request.repoPath);
    const Repository &repo = *sharedRepo;
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
    // Both files and snapshots report bytes done of the whole download.
    m_task.progress = m_progress->callback();
    m_progress->start();
    background::run(
        this, [request = m_request, task = m_task] { return run(request, task); },
        [this](const background::Outcome<QString> &outcome) {
            m_progress->stop();
            if (outcome.ok()) {
                m_state = State::Finished;
                m_resultPath = *outcome.value;
                if (m_progress->markComplete())
                    Q_EMIT progressChanged(m_progress->done(), m_progress->total());
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

} // namespace hubvault::app
