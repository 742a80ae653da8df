// What every repository does the same way, whatever it is stored in: the upload and
// delete helpers of the original (each one createCommit()), the location factory and
// cancellation checks.
#include <hubvault/Repository.h>

#include <hubvault/FnMatch.h>
#include <hubvault/FolderUpload.h>
#include <hubvault/LocalRepository.h>
#include <hubvault/RemoteRepository.h>
#include <hubvault/RepoPath.h>

#include <QSet>

namespace hubvault {

Repository::~Repository() = default;

bool isRemoteLocation(const QString &location)
{
    return location.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || location.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

std::shared_ptr<Repository> openRepository(const QString &location, const QString &token)
{
    if (isRemoteLocation(location))
        return std::make_shared<RemoteRepository>(location, token.isEmpty() ? qEnvironmentVariable("HUBVAULT_TOKEN") : token);
    return std::make_shared<LocalRepository>(LocalRepository::open(location));
}

std::shared_ptr<Repository> createRepository(const QString &location, const CreateRepoOptions &options)
{
    if (isRemoteLocation(location))
        throw HubVaultValidationError(
            QStringLiteral("cannot create %1: repositories are created in a folder, then served").arg(location));
    return std::make_shared<LocalRepository>(LocalRepository::create(location, options));
}

void TaskControl::checkCancelled() const
{
    if (cancel.isCancelled())
        throw CancelledError(QStringLiteral("operation cancelled; the repository was not changed"));
}


namespace {

QString blobUrl(const CommitInfo &info, const QString &kind, const QString &revision, const QString &path)
{
    return info.repoUrl + QLatin1Char('#') + kind + QLatin1Char('=') + revision + QLatin1Char(':') + path;
}

} // namespace

CommitInfo Repository::uploadFile(const QString &localPath, const QString &pathInRepo, CommitOptions options,
                                  const TaskControl &task)
{
    return uploadOne(CommitOperation::addFile(RepoPath::normalize(pathInRepo), localPath), std::move(options), task);
}

CommitInfo Repository::uploadBytes(const QByteArray &data, const QString &pathInRepo, CommitOptions options,
                                   const TaskControl &task)
{
    return uploadOne(CommitOperation::addBytes(RepoPath::normalize(pathInRepo), data), std::move(options), task);
}

CommitInfo Repository::uploadOne(const CommitOperation &add, CommitOptions options, const TaskControl &task)
{
    if (options.commitMessage.isEmpty())
        options.commitMessage = QStringLiteral("Upload %1 with hubvault").arg(add.pathInRepo);
    CommitInfo info = createCommit({add}, options, task);
    info.url = blobUrl(info, QStringLiteral("blob"), options.revision.isEmpty() ? defaultBranch() : options.revision,
                       add.pathInRepo);
    return info;
}

CommitInfo Repository::uploadFolder(const UploadFolderOptions &options, const TaskControl &task)
{
    const QString prefix = RepoPath::normalizeOptional(options.pathInRepo);
    QList<CommitOperation> ops = FolderUpload::operations(options.folderPath, prefix, options.allowPatterns, options.ignorePatterns);
    CommitOptions commit = options.commit;
    if (commit.commitMessage.isEmpty())
        commit.commitMessage = QStringLiteral("Upload folder using hubvault");
    if (options.deletePatterns) {
        // Remote files under the prefix that match a delete pattern and are not being
        // uploaded again are removed in the same commit.
        QSet<QString> uploaded;
        for (const CommitOperation &op : std::as_const(ops))
            uploaded.insert(op.pathInRepo);
        for (const QString &remote : listRepoFiles(commit.revision)) {
            if (!prefix.isEmpty() && !remote.startsWith(prefix + QLatin1Char('/')))
                continue;
            const QString rel = prefix.isEmpty() ? remote : remote.mid(prefix.size() + 1);
            if (!uploaded.contains(remote) && FnMatch::matchAny(rel, *options.deletePatterns))
                ops.prepend(CommitOperation::remove(remote, false));
        }
    }
    if (ops.isEmpty())
        throw HubVaultValidationError(QStringLiteral("nothing to upload from %1 (no file matched)").arg(options.folderPath));
    CommitInfo info = createCommit(ops, commit, task);
    info.url = prefix.isEmpty() ? info.commitUrl
                                : blobUrl(info, QStringLiteral("tree"), commit.revision.isEmpty() ? defaultBranch() : commit.revision, prefix);
    return info;
}

CommitInfo Repository::uploadLargeFolder(const QString &folderPath, const QString &revision,
                                         const std::optional<QStringList> &allowPatterns,
                                         const std::optional<QStringList> &ignorePatterns, const TaskControl &task)
{
    UploadFolderOptions options;
    options.folderPath = folderPath;
    options.commit.revision = revision;
    options.commit.commitMessage = QStringLiteral("Upload large folder using hubvault");
    options.allowPatterns = allowPatterns;
    options.ignorePatterns = ignorePatterns;
    return uploadFolder(options, task);
}

CommitInfo Repository::deleteFile(const QString &pathInRepo, CommitOptions options)
{
    const QString path = RepoPath::normalize(pathInRepo);
    if (options.commitMessage.isEmpty())
        options.commitMessage = QStringLiteral("Delete %1 with hubvault").arg(path);
    return createCommit({CommitOperation::remove(path, false)}, options);
}

CommitInfo Repository::deleteFolder(const QString &pathInRepo, CommitOptions options)
{
    const QString path = RepoPath::normalize(pathInRepo);
    if (options.commitMessage.isEmpty())
        options.commitMessage = QStringLiteral("Delete folder %1 with hubvault").arg(path);
    return createCommit({CommitOperation::remove(path, true)}, options);
}

} // namespace hubvault
