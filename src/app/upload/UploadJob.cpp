// Publishes staged changes as one commit (see UploadJob.h).
#include "upload/UploadJob.h"

#include <hubvault/Repository.h>
#include "shell/OpenRepositories.h"

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

UploadJob::UploadJob(Request request, QObject *parent) : Job(parent, Measure::Bytes), m_request(std::move(request)) {}

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
    if (state() != State::Idle)
        return; // a publish runs once
    m_result = std::make_shared<QString>();
    Job::start([request = m_request, result = m_result](const TaskControl &task) { *result = run(request, task); });
}

} // namespace hubvault::app
