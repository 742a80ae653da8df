#include "UploadJob.h"

#include "BackgroundCall.h"
#include "Repository.h"

#include <QMutex>
#include <QMutexLocker>
#include <QTimer>

namespace hubvault::app {

namespace {
constexpr int kPollMs = 100;

QList<CommitOperation> operationsOf(const QList<StagedChange> &changes)
{
    QList<CommitOperation> ops;
    ops.reserve(changes.size());
    for (const StagedChange &change : changes) {
        if (change.kind == StagedChange::Kind::Add)
            ops.append(CommitOperation::addFile(change.repoPath(), change.localPath));
        else
            ops.append(CommitOperation::remove(change.repoPath(), change.isFolder));
    }
    return ops;
}
} // namespace

/** Progress shared with the worker: it writes, the GUI reads on a timer (see DownloadJob). */
struct UploadJob::Progress {
    QMutex mutex;
    qint64 done = 0;
    qint64 total = 0;
};

UploadJob::UploadJob(Request request, QObject *parent)
    : QObject(parent), m_request(std::move(request)), m_progress(std::make_shared<Progress>()), m_timer(new QTimer(this))
{
    m_timer->setInterval(kPollMs);
    connect(m_timer, &QTimer::timeout, this, &UploadJob::poll);
}

UploadJob::~UploadJob()
{
    if (m_state == State::Running)
        m_task.cancel.cancel();
}

QString UploadJob::run(const Request &request, const TaskControl &task)
{
    Repository repo = Repository::open(request.repoPath);
    CommitOptions options;
    options.commitMessage = request.title;
    if (!request.description.trimmed().isEmpty())
        options.commitDescription = request.description;
    options.revision = request.branch;
    options.parentCommit = request.parentCommit;
    return repo.createCommit(operationsOf(request.changes), options, task).oid;
}

void UploadJob::start()
{
    if (m_state != State::Idle)
        return;
    m_state = State::Running;
    const std::shared_ptr<Progress> progress = m_progress;
    m_task.progress = [progress](qint64 done, qint64 total, const QString &) {
        QMutexLocker lock(&progress->mutex);
        progress->done = total > 0 ? std::min(done, total) : done;
        progress->total = total;
    };
    m_timer->start();
    background::run(
        this, [request = m_request, task = m_task] { return run(request, task); },
        [this](const background::Outcome<QString> &outcome) {
            onEnded(outcome.value.value_or(QString()), outcome.failure.kind, outcome.failure.message,
                    outcome.failure.isCancellation());
        });
}

void UploadJob::onEnded(const QString &commitId, const QString &kind, const QString &message, bool wasCancelled)
{
    m_timer->stop();
    poll();
    if (!commitId.isEmpty()) {
        m_state = State::Finished;
        m_commitId = commitId;
        Q_EMIT finished(commitId);
    } else if (wasCancelled) {
        m_state = State::Cancelled;
        Q_EMIT cancelled();
    } else {
        m_state = State::Failed;
        m_errorKind = kind;
        m_error = message;
        Q_EMIT failed(kind, message);
    }
    Q_EMIT ended();
}

void UploadJob::cancel()
{
    m_task.cancel.cancel();
}

void UploadJob::poll()
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
