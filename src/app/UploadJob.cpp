#include "UploadJob.h"

#include <hubvault/Repository.h>
#include "BackgroundCall.h"
#include "OpenRepositories.h"
#include "ProgressRelay.h"

namespace hubvault::app {

namespace {

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

UploadJob::UploadJob(Request request, QObject *parent)
    : QObject(parent), m_request(std::move(request)), m_progress(new ProgressRelay(true, this))
{
    connect(m_progress, &ProgressRelay::changed, this,
            [this](qint64 done, qint64 total) { Q_EMIT progressChanged(done, total); });
}

qint64 UploadJob::bytesDone() const
{
    return m_progress->done();
}

qint64 UploadJob::bytesTotal() const
{
    return m_progress->total();
}

UploadJob::~UploadJob()
{
    if (m_state == State::Running)
        m_task.cancel.cancel();
}

QString UploadJob::run(const Request &request, const TaskControl &task)
{
    const std::shared_ptr<Repository> sharedRepo = repositories::shared(request.repoPath);
    Repository &repo = *sharedRepo;
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
    m_task.progress = m_progress->callback();
    m_progress->start();
    background::run(
        this, [request = m_request, task = m_task] { return run(request, task); },
        [this](const background::Outcome<QString> &outcome) {
            onEnded(outcome.value.value_or(QString()), outcome.failure);
        });
}

void UploadJob::onEnded(const QString &commitId, const background::Failure &failure)
{
    m_progress->stop();
    if (!commitId.isEmpty()) {
        m_state = State::Finished;
        m_commitId = commitId;
        Q_EMIT finished(commitId);
    } else if (failure.isCancellation()) {
        m_state = State::Cancelled;
        Q_EMIT cancelled();
    } else {
        m_state = State::Failed;
        m_errorKind = failure.errorKind;
        m_error = failure.message;
        Q_EMIT failed(failure.kind, failure.message);
    }
    Q_EMIT ended();
}

void UploadJob::cancel()
{
    m_task.cancel.cancel();
}

} // namespace hubvault::app
