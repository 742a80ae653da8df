// RemoteRepository: the Repository interface over the HTTP API of `hubvault serve`
// (SERVER.md §3, §6). Requests, errors and wire models live beside it in src/core/remote.
#include <hubvault/RemoteRepository.h>

#include "CommitUpload.h"
#include "DownloadCache.h"
#include "HttpSession.h"
#include "RemoteFile.h"
#include "RemoteJson.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>

namespace hubvault {

using remote::HttpRequest;
using remote::HttpSession;
namespace wire = remote::wire;
namespace text = remote::text;

struct RemoteRepository::Private {
    std::shared_ptr<HttpSession> session;
    RemoteOptions options;
    mutable QMutex mutex;
    mutable std::optional<QString> defaultBranch; ///< never changes over the API: asked once
    std::atomic<qint64> uploadedBytes{0};

    QJsonValue get(const QString &path, const QList<QPair<QString, QString>> &query = {}) const
    {
        HttpRequest request;
        request.path = path;
        request.query = query;
        request.idempotent = true;
        return toValue(session->sendJson(request));
    }
    QJsonValue post(const QString &path, const QByteArray &body, bool idempotent = false,
                    const QList<QPair<QString, QString>> &query = {}, const TaskControl *task = nullptr) const
    {
        HttpRequest request;
        request.method = "POST";
        request.path = path;
        request.query = query;
        if (!body.isNull())
            request.jsonBody = body;
        request.idempotent = idempotent;
        request.task = task;
        return toValue(session->sendJson(request));
    }
    void remove(const QString &path) const
    {
        HttpRequest request;
        request.method = "DELETE";
        request.path = path;
        session->sendJson(request);
    }
    static QJsonValue toValue(const QJsonDocument &doc)
    {
        if (doc.isArray())
            return doc.array();
        return doc.object();
    }
};

namespace {

/** Every revision-taking request names its revision, as the Python client does (SERVER.md §6). */
QString revisionOr(const RemoteRepository &repo, const QString &revision)
{
    return revision.isEmpty() ? repo.defaultBranch() : revision;
}

[[noreturn]] void notAvailable(const QString &what)
{
    throw HubVaultValidationError(QStringLiteral("%1 is not available for remote repositories").arg(what));
}

RepoFile fileEntry(const QList<RepoEntry> &entries, const QString &path)
{
    if (entries.isEmpty() || entries.first().isFolder)
        throw EntryNotFoundError(QStringLiteral("path not found: %1").arg(path));
    return entries.first().file;
}

} // namespace

RemoteRepository::RemoteRepository(const QString &url, const QString &token, const RemoteOptions &options)
    : d(std::make_shared<Private>())
{
    d->session = std::make_shared<HttpSession>(url, token, options.timeoutMs);
    d->options = options;
}

RemoteRepository::~RemoteRepository() = default;

QString RemoteRepository::location() const { return d->session->baseUrl(); }

QString RemoteRepository::defaultBranch() const
{
    QMutexLocker lock(&d->mutex);
    if (!d->defaultBranch) {
        const QJsonObject service = wire::object(d->get(QStringLiteral("/meta/service")), "service info");
        d->defaultBranch = wire::string(wire::object(service.value(QLatin1String("repo")), "service repo"), "default_branch");
    }
    return *d->defaultBranch;
}

// The threshold lives in the server's repo_meta and is not on the wire; the server
// re-chunks what it stores with its own, so this is only the default's value.
qint64 RemoteRepository::largeFileThreshold() const { return 16777216; }

RepoInfo RemoteRepository::repoInfo(const QString &revision) const
{
    return wire::repoInfo(d->get(QStringLiteral("/repo"), {{QStringLiteral("revision"), revisionOr(*this, revision)}}));
}

QStringList RemoteRepository::listRepoFiles(const QString &revision) const
{
    return wire::strings(d->get(QStringLiteral("/content/files"), {{QStringLiteral("revision"), revisionOr(*this, revision)}}),
                         "files");
}

QList<RepoEntry> RemoteRepository::listRepoTree(const QString &pathInRepo, bool recursive, const QString &revision,
                                                bool withLastCommits) const
{
    QList<QPair<QString, QString>> query{{QStringLiteral("recursive"), QLatin1String(recursive ? "true" : "false")},
                                         {QStringLiteral("revision"), revisionOr(*this, revision)}};
    if (!pathInRepo.isEmpty())
        query.append({QStringLiteral("path_in_repo"), pathInRepo});
    QList<RepoEntry> entries = wire::entries(d->get(QStringLiteral("/content/tree"), query));
    if (!withLastCommits) {
        for (RepoEntry &e : entries) {
            e.file.lastCommit.reset();
            e.folder.lastCommit.reset();
        }
    }
    return entries;
}

QList<RepoEntry> RemoteRepository::getPathsInfo(const QStringList &paths, const QString &revision) const
{
    return wire::entries(d->post(QStringLiteral("/content/paths-info"), text::stringArray(paths), true,
                                 {{QStringLiteral("revision"), revisionOr(*this, revision)}}));
}

QList<GitCommitInfo> RemoteRepository::listRepoCommits(const QString &revision) const
{
    return wire::commits(d->get(QStringLiteral("/history/commits"), {{QStringLiteral("revision"), revisionOr(*this, revision)},
                                                                     {QStringLiteral("formatted"), QStringLiteral("false")}}));
}

QList<GitCommitInfo> RemoteRepository::listRepoCommits(const QString &revision, int limit) const
{
    QList<GitCommitInfo> commits = listRepoCommits(revision);
    if (limit >= 0 && commits.size() > limit)
        commits.resize(limit);
    return commits;
}

qint64 RemoteRepository::countCommits(const QString &revision) const { return listRepoCommits(revision).size(); }

CommitDetailInfo RemoteRepository::getCommitDetail(const QString &commitId, int diffContextLines,
                                                   qint64 diffMaxTextSize) const
{
    // The route diffs with the defaults only; a limit of 0 asks for no diff text at all,
    // which the route's answer gives once its diffs are dropped.
    const bool withoutDiffs = diffMaxTextSize == 0;
    if (!withoutDiffs && (diffContextLines != 3 || diffMaxTextSize != 262144))
        notAvailable(QStringLiteral("a commit diff with other than 3 context lines and a 262144-byte limit"));
    // The route takes one path segment: a revision with '/' (release/v1) goes by its commit id.
    QString id = commitId;
    if (id.contains(QLatin1Char('/'))) {
        const std::optional<QString> head = resolveRevision(id);
        if (!head)
            throw RevisionNotFoundError(QStringLiteral("revision not found: %1").arg(commitId));
        id = *head;
    }
    CommitDetailInfo detail = wire::commitDetail(d->get(QStringLiteral("/history/commits/") + HttpSession::encodeSegment(id)));
    if (withoutDiffs) {
        for (CommitChangeInfo &change : detail.changes)
            change.unifiedDiff.reset();
    }
    return detail;
}

GitRefs RemoteRepository::listRepoRefs() const
{
    return wire::refs(d->get(QStringLiteral("/refs"), {{QStringLiteral("include_pull_requests"), QStringLiteral("false")}}));
}

QList<ReflogEntry> RemoteRepository::listRepoReflog(const QString &refName, std::optional<int> limit) const
{
    QList<QPair<QString, QString>> query;
    if (limit)
        query.append({QStringLiteral("limit"), QString::number(*limit)});
    return wire::reflog(d->get(QStringLiteral("/history/reflog/") + HttpSession::encodeSegment(refName), query));
}

QList<CommitGraphNode> RemoteRepository::readCommitGraph(const QStringList &revisions, bool withChangedPaths) const
{
    QList<CommitGraphNode> nodes;
    for (const QString &revision : revisions) {
        const CommitDetailInfo detail = getCommitDetail(revision);
        CommitGraphNode node;
        node.commitId = detail.commit.commitId;
        node.parentCommitIds = detail.parentCommitIds;
        node.createdAt = detail.commit.createdAt;
        node.title = detail.commit.title;
        node.message = detail.commit.message;
        if (withChangedPaths) {
            for (const CommitChangeInfo &change : detail.changes)
                node.changedPaths.append(change.path);
        }
        nodes.append(node);
    }
    return nodes;
}

QStringList RemoteRepository::changedPaths(const QString &commitRevision) const
{
    QStringList paths;
    for (const CommitChangeInfo &change : getCommitDetail(commitRevision).changes)
        paths.append(change.path);
    return paths;
}

CommitStorageDelta RemoteRepository::commitStorageDelta(const QString &) const
{
    notAvailable(QStringLiteral("the storage delta of a commit"));
}

FileStorageInfo RemoteRepository::fileStorage(const QString &pathInRepo, const QString &revision) const
{
    const RepoFile file = fileEntry(getPathsInfo({pathInRepo}, revision), pathInRepo);
    FileStorageInfo info;
    info.path = file.path;
    info.storageKind = file.lfs ? StorageKind::Chunked : StorageKind::Blob;
    info.size = file.size;
    info.sha256 = file.sha256;
    info.oid = file.oid;
    return info; // chunk ids and stored sizes are not on the wire: no chunks listed
}

std::optional<QString> RemoteRepository::resolveRevision(const QString &revision) const
{
    return repoInfo(revision).head;
}

QByteArray RemoteRepository::readBytes(const QString &pathInRepo, const QString &revision) const
{
    // The server reads through its own verified core, so the bytes arrive checked.
    HttpRequest request;
    request.path = QStringLiteral("/content/blob/") + HttpSession::encodePath(pathInRepo);
    request.query = {{QStringLiteral("revision"), revisionOr(*this, revision)}};
    request.idempotent = true;
    return d->session->send(request).body;
}

QByteArray RemoteRepository::readRange(const QString &pathInRepo, qint64 start, qint64 length, const QString &revision) const
{
    HttpRequest request;
    request.path = QStringLiteral("/content/blob/%1/range").arg(HttpSession::encodePath(pathInRepo));
    request.query = {{QStringLiteral("start"), QString::number(start)},
                     {QStringLiteral("length"), QString::number(length)},
                     {QStringLiteral("revision"), revisionOr(*this, revision)}};
    request.idempotent = true;
    return d->session->send(request).body;
}

std::unique_ptr<QIODevice> RemoteRepository::openFile(const QString &pathInRepo, const QString &revision) const
{
    const std::optional<QString> commit = resolveRevision(revisionOr(*this, revision));
    if (!commit)
        throw EntryNotFoundError(QStringLiteral("path not found: %1").arg(pathInRepo));
    const RepoFile file = fileEntry(getPathsInfo({pathInRepo}, *commit), pathInRepo);
    return std::make_unique<remote::RemoteFile>(d->session, file.path, *commit, file.size);
}

QStringList RemoteRepository::storedChunks(const QStringList &) const { notAvailable(QStringLiteral("the chunk store")); }

QByteArray RemoteRepository::readChunk(const QString &) const { notAvailable(QStringLiteral("the chunk store")); }

QString RemoteRepository::hfHubDownload(const QString &filename, const QString &revision, const QString &localDir,
                                        const TaskControl &task) const
{
    const QString rev = revisionOr(*this, revision);
    const QList<RepoEntry> entries = getPathsInfo({filename}, rev);
    if (entries.isEmpty() || entries.first().isFolder)
        throw EntryNotFoundError(filename);
    const RepoFile file = entries.first().file;
    QString target;
    if (!localDir.isEmpty()) {
        target = QDir(localDir).absoluteFilePath(file.path);
    } else {
        const QString root = remote::cache::root(d->options.cacheDir);
        // The etag names the content; without one, the revision and name do (as the original).
        const QString identity = !file.etag.isEmpty()
            ? file.etag
            : QString::fromLatin1(QCryptographicHash::hash((rev + QLatin1Char(':') + filename).toUtf8(),
                                                           QCryptographicHash::Sha256).toHex().left(16));
        target = QDir(root).absoluteFilePath(QStringLiteral("downloads/%1/%2/%3")
                                                 .arg(remote::cache::endpointKey(location()),
                                                      remote::cache::safeName(identity), file.path));
    }
    if (remote::cache::isFresh(target, file.size, file.sha256))
        return target;
    HttpRequest request;
    request.path = QStringLiteral("/content/download/") + HttpSession::encodePath(file.path);
    request.query = {{QStringLiteral("revision"), rev}};
    request.idempotent = true;
    request.task = &task;
    request.progressPhase = QStringLiteral("read");
    request.progressTotal = file.size;
    remote::cache::download(*d->session, request, target, file.size, file.sha256);
    return target;
}

QString RemoteRepository::snapshotDownload(const SnapshotOptions &options, const TaskControl &task) const
{
    const QByteArray body = text::object({{"allow_patterns", text::stringArray(options.allowPatterns.value_or(QStringList()))},
                                          {"ignore_patterns", text::stringArray(options.ignorePatterns.value_or(QStringList()))}});
    const QJsonObject plan = wire::object(d->post(QStringLiteral("/content/snapshot-plan"), body, true,
                                                  {{QStringLiteral("revision"), revisionOr(*this, options.revision)}}),
                                          "snapshot plan");
    const QString pinned = wire::optString(plan, "head").value_or(wire::string(plan, "resolved_revision"));
    const QString dir = !options.localDir.isEmpty()
        ? QDir(options.localDir).absolutePath()
        : QDir(remote::cache::root(d->options.cacheDir))
              .absoluteFilePath(QStringLiteral("snapshots/%1/%2").arg(remote::cache::endpointKey(location()),
                                                                      remote::cache::safeName(pinned)));
    if (!QDir().mkpath(dir))
        throw HubVaultError(QStringLiteral("cannot create %1").arg(dir));
    const QJsonArray files = plan.value(QLatin1String("files")).toArray();
    qint64 total = 0;
    for (const QJsonValue &f : files)
        total += wire::integer(wire::object(f, "snapshot file"), "size");
    qint64 done = 0;
    for (const QJsonValue &f : files) {
        task.checkCancelled();
        const QJsonObject file = wire::object(f, "snapshot file");
        const QString target = QDir(dir).absoluteFilePath(wire::string(file, "path"));
        const qint64 size = wire::integer(file, "size");
        if (!remote::cache::isFresh(target, size, wire::string(file, "sha256"))) {
            HttpRequest request;
            request.target = wire::string(file, "download_url");
            request.idempotent = true;
            request.task = &task;
            request.progressPhase = QStringLiteral("snapshot");
            request.progressBase = done;
            request.progressTotal = total;
            remote::cache::download(*d->session, request, target, size, wire::string(file, "sha256"));
        }
        done += size;
        task.report(done, total, QStringLiteral("snapshot"));
    }
    return dir;
}

CommitInfo RemoteRepository::createCommit(const QList<CommitOperation> &operations, const CommitOptions &options,
                                          const TaskControl &task)
{
    remote::CommitUpload upload(*d->session, task, d->uploadedBytes);
    return upload.run(operations, options, revisionOr(*this, options.revision));
}

void RemoteRepository::createBranch(const QString &branch, const QString &revision, bool existOk)
{
    d->post(QStringLiteral("/write/branches"), text::object({{"branch", text::string(branch)},
                                                             {"revision", text::string(revisionOr(*this, revision))},
                                                             {"exist_ok", text::boolean(existOk)}}));
}

void RemoteRepository::deleteBranch(const QString &branch)
{
    d->remove(QStringLiteral("/write/branches/") + HttpSession::encodeSegment(branch));
}

void RemoteRepository::createTag(const QString &tag, const QString &tagMessage, const QString &revision, bool existOk)
{
    d->post(QStringLiteral("/write/tags"), text::object({{"tag", text::string(tag)},
                                                         {"tag_message", text::stringOrNull(tagMessage)},
                                                         {"revision", text::string(revisionOr(*this, revision))},
                                                         {"exist_ok", text::boolean(existOk)}}));
}

void RemoteRepository::deleteTag(const QString &tag)
{
    d->remove(QStringLiteral("/write/tags/") + HttpSession::encodeSegment(tag));
}

MergeResult RemoteRepository::merge(const QString &sourceRevision, const MergeOptions &options)
{
    return wire::mergeResult(d->post(
        QStringLiteral("/write/merge"),
        text::object({{"source_revision", text::string(sourceRevision)},
                      {"target_revision", text::string(revisionOr(*this, options.targetRevision))},
                      {"parent_commit", text::stringOrNull(options.parentCommit)},
                      {"commit_message", text::stringOrNull(options.commitMessage)},
                      {"commit_description", text::stringOrNull(options.commitDescription)}})));
}

MergeResult RemoteRepository::previewMerge(const QString &, const MergeOptions &) const
{
    // The API has no dry-run merge; computing one would need the trees of three commits.
    notAvailable(QStringLiteral("merge preview"));
}

CommitInfo RemoteRepository::resetRef(const QString &refName, const QString &toRevision)
{
    return wire::commitInfo(d->post(QStringLiteral("/write/reset-ref"),
                                    text::object({{"ref_name", text::string(refName)},
                                                  {"to_revision", text::string(toRevision)}})));
}

SquashReport RemoteRepository::squashHistory(const QString &refName, const SquashOptions &options, const TaskControl &task)
{
    return wire::squashReport(d->post(QStringLiteral("/maintenance/squash-history"),
                                      text::object({{"ref_name", text::string(refName)},
                                                    {"root_revision", text::stringOrNull(options.rootRevision)},
                                                    {"commit_message", text::stringOrNull(options.commitMessage)},
                                                    {"commit_description", text::stringOrNull(options.commitDescription)},
                                                    {"run_gc", text::boolean(options.runGc)},
                                                    {"prune_cache", text::boolean(options.pruneCache)}}),
                                      false, {}, &task));
}

GcReport RemoteRepository::gc(bool dryRun, bool pruneCache, const TaskControl &task)
{
    return wire::gcReport(d->post(QStringLiteral("/maintenance/gc"),
                                  text::object({{"dry_run", text::boolean(dryRun)}, {"prune_cache", text::boolean(pruneCache)}}),
                                  false, {}, &task));
}

StorageSummary RemoteRepository::storageSummary() const
{
    return wire::storageSummary(d->get(QStringLiteral("/maintenance/storage-summary")));
}

StorageOverview RemoteRepository::storageOverview(const TaskControl &task) const
{
    HttpRequest request;
    request.path = QStringLiteral("/maintenance/storage-overview");
    request.idempotent = true;
    request.task = &task;
    return wire::storageOverview(Private::toValue(d->session->sendJson(request)));
}

VerifyReport RemoteRepository::quickVerify(const TaskControl &task) const
{
    return wire::verifyReport(d->post(QStringLiteral("/maintenance/quick-verify"), QByteArray(), true, {}, &task));
}

VerifyReport RemoteRepository::fullVerify(const TaskControl &task) const
{
    return wire::verifyReport(d->post(QStringLiteral("/maintenance/full-verify"), QByteArray(), true, {}, &task));
}

qint64 RemoteRepository::uploadedPayloadBytes() const { return d->uploadedBytes.load(); }

qint64 RemoteRepository::requestCount() const { return d->session->requestCount(); }

} // namespace hubvault
