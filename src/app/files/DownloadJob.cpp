// Downloads a file or folder of a revision to a local folder (see DownloadJob.h).
#include "files/DownloadJob.h"

#include <hubvault/Repository.h>
#include "shell/OpenRepositories.h"

namespace hubvault::app {

DownloadJob::DownloadJob(Request request, QObject *parent)
    : Job(parent, Measure::Bytes), m_request(std::move(request))
{
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
    if (state() != State::Idle)
        return; // a download runs once
    m_result = std::make_shared<QString>();
    Job::start([request = m_request, result = m_result](const TaskControl &task) { *result = run(request, task); });
}

} // namespace hubvault::app
