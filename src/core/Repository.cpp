#include <hubvault/Repository.h>

#include <hubvault/FnMatch.h>
#include <hubvault/FolderUpload.h>
#include <hubvault/RepoPath.h>
#include "CanonicalJson.h"
#include "CommitWriter.h"
#include "ContentReader.h"
#include "Env.h"
#include "GarbageCollector.h"
#include "History.h"
#include "HistorySquasher.h"
#include "MergeEngine.h"
#include "ObjectCodec.h"
#include "Recovery.h"
#include "RefUpdater.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "RepositoryInit.h"
#include "StorageAnalyzer.h"
#include "StorageDelta.h"
#include "TreeDiff.h"
#include "TreeWalker.h"
#include "Verifier.h"
#include "ViewCache.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace hubvault {

void TaskControl::checkCancelled() const
{
    if (cancel.isCancelled())
        throw CancelledError(QStringLiteral("operation cancelled; the repository was not changed"));
}

namespace {

RepoEntry makeEntry(RepoSession &session, const PathEntry &entry, const QHash<QString, LastCommitInfo> &last)
{
    RepoEntry out;
    out.isFolder = entry.isTree;
    const auto lastCommit = last.contains(entry.path) ? std::optional(last.value(entry.path)) : std::nullopt;
    if (entry.isTree) {
        out.folder = RepoFolder{entry.path, session.treeGitOid(entry.objectId), lastCommit};
        return out;
    }
    const FilePayload &f = session.file(entry.objectId);
    out.file.path = entry.path;
    out.file.size = f.logicalSize;
    out.file.blobId = f.oid;
    out.file.oid = f.oid;
    out.file.sha256 = f.sha256;
    out.file.etag = f.isChunked() ? f.sha256 : f.oid;
    out.file.lastCommit = lastCommit;
    if (f.isChunked()) {
        const qint64 pointer = f.pointerSize ? *f.pointerSize : ObjectCodec::lfsPointer(f.sha256, f.logicalSize).size();
        out.file.lfs = BlobLfsInfo{f.logicalSize, f.sha256, pointer};
    }
    return out;
}

/**
 * The entries of a listing. File objects are fetched a few hundred at a time, in a few
 * statements, before they are needed: a listing larger than the object cache would
 * otherwise read them one statement each, every time.
 */
QList<RepoEntry> makeEntries(RepoSession &session, const QList<PathEntry> &entries,
                             const QHash<QString, LastCommitInfo> &last)
{
    constexpr qsizetype kBatch = 512;
    QList<RepoEntry> out;
    out.reserve(entries.size());
    for (qsizetype first = 0; first < entries.size(); first += kBatch) {
        const qsizetype end = std::min(entries.size(), first + kBatch);
        QStringList files;
        for (qsizetype i = first; i < end; ++i) {
            if (!entries.at(i).isTree)
                files.append(entries.at(i).objectId);
        }
        session.prefetch<FilePayload>(files);
        for (qsizetype i = first; i < end; ++i)
            out.append(makeEntry(session, entries.at(i), last));
    }
    return out;
}

/**
 * Before a read whose file or blob object is not cached yet, when reads walk a folder in order:
 * the file objects of the next entries of its folder, and their blob objects, in a few
 * statements. Reads of a folder's files one by one (previews, downloads, a training loop)
 * then open no transaction for the metadata of the files that follow; random reads fetch
 * nothing extra (ReadAheadWindow).
 */
void readAhead(RepoSession &session, const QString &rootTreeId, const QString &path, const QString &fileId)
{
    // Done when the file object and, for a whole-blob file, its blob object are cached
    // (after an upload in this process the file objects are, their blobs need not be).
    if (const auto file = session.context().objects->find<FilePayload>(fileId)) {
        if (file->isChunked() || session.context().objects->find<BlobPayload>(file->contentObjectId))
            return;
    }
    const auto folder = TreeWalker(session).lookup(rootTreeId, path.section(QLatin1Char('/'), 0, -2));
    if (!folder || !folder->isTree)
        return;
    const TreePayload &tree = session.tree(folder->objectId);
    const TreeEntry *self = tree.find(path.section(QLatin1Char('/'), -1));
    if (!self)
        return;
    const qsizetype index = self - tree.entries.constData();
    const qsizetype window = session.context().readAhead.onMiss(folder->objectId, index);
    if (window == 0)
        return;
    const qsizetype end = std::min(tree.entries.size(), index + window);
    QStringList files;
    for (qsizetype i = index; i < end; ++i) {
        if (!tree.entries.at(i).isTree())
            files.append(tree.entries.at(i).objectId);
    }
    session.prefetch<FilePayload>(files);
    session.context().readAhead.prefetchedUpTo(folder->objectId, end);
    QStringList blobs;
    for (const QString &id : std::as_const(files)) {
        if (const auto file = session.context().objects->find<FilePayload>(id); file && !file->isChunked())
            blobs.append(file->contentObjectId);
    }
    session.prefetch<BlobPayload>(blobs);
}

/** The file payload at `path` of `revision`; EntryNotFoundError when absent or a folder. */
const FilePayload &fileAt(RepoSession &session, const QString &pathInRepo, const QString &revision)
{
    const QString path = RepoPath::normalize(pathInRepo);
    const QString commitId = History(session).resolveCommit(revision);
    const QString rootTree = session.commit(commitId).treeId;
    const auto entry = TreeWalker(session).lookup(rootTree, path);
    if (!entry || entry->isTree)
        throw EntryNotFoundError(QStringLiteral("path not found: %1").arg(path));
    readAhead(session, rootTree, path, entry->objectId);
    return session.file(entry->objectId);
}

} // namespace

Repository::Repository(std::unique_ptr<RepositoryContext> context) : d(std::move(context)) {}
Repository::Repository(Repository &&) noexcept = default;
Repository &Repository::operator=(Repository &&) noexcept = default;
Repository::~Repository() = default;

Repository Repository::open(const QString &path, std::shared_ptr<Env> env)
{
    auto context = std::make_unique<RepositoryContext>();
    context->env = env ? std::move(env) : Env::system();
    context->root = QDir::cleanPath(QFileInfo(path.isEmpty() ? QStringLiteral(".") : path).absoluteFilePath());
    RepositoryInit::load(*context);
    return Repository(std::move(context));
}

QString Repository::path() const { return d->root; }
QString Repository::defaultBranch() const { return d->defaultBranch; }
qint64 Repository::largeFileThreshold() const { return d->largeFileThreshold; }

RepoInfo Repository::repoInfo(const QString &revision) const
{
    RepoSession session(*d);
    History history(session);
    RepoInfo info;
    info.repoPath = d->root;
    info.formatVersion = d->formatVersion;
    info.defaultBranch = d->defaultBranch;
    if (const auto head = history.resolve(revision, true))
        info.head = session.commitGitOid(*head);
    const GitRefs refs = history.refs();
    for (const GitRefInfo &r : refs.branches)
        info.refs.append(r.ref);
    for (const GitRefInfo &r : refs.tags)
        info.refs.append(r.ref);
    return info;
}

std::optional<QString> Repository::resolveRevision(const QString &revision) const
{
    RepoSession session(*d);
    const auto id = History(session).resolve(revision, true);
    return id ? std::optional(session.commitGitOid(*id)) : std::nullopt;
}

QStringList Repository::listRepoFiles(const QString &revision) const
{
    RepoSession session(*d);
    const auto head = History(session).resolve(revision, true);
    QStringList out;
    if (!head)
        return out;
    for (const auto &entry : TreeWalker(session).flatten(session.commit(*head).treeId))
        out.append(entry.first);
    return out;
}

QList<RepoEntry> Repository::listRepoTree(const QString &pathInRepo, bool recursive, const QString &revision,
                                          bool withLastCommits) const
{
    RepoSession session(*d);
    History history(session);
    const auto head = history.resolve(revision, true);
    if (!head)
        return {};
    const QString prefix = RepoPath::normalizeOptional(pathInRepo);
    TreeWalker walker(session);
    const auto folder = walker.lookup(session.commit(*head).treeId, prefix);
    if (!folder)
        throw EntryNotFoundError(QStringLiteral("path not found: %1").arg(prefix));
    if (!folder->isTree)
        throw EntryNotFoundError(QStringLiteral("not a folder: %1").arg(prefix));
    const QList<PathEntry> entries = walker.list(folder->objectId, prefix, recursive);
    const auto last = withLastCommits ? history.lastCommits(*head, entries) : QHash<QString, LastCommitInfo>();
    return makeEntries(session, entries, last);
}

QList<RepoEntry> Repository::getPathsInfo(const QStringList &paths, const QString &revision) const
{
    RepoSession session(*d);
    History history(session);
    const auto head = history.resolve(revision, true);
    if (!head)
        return {};
    TreeWalker walker(session);
    QList<PathEntry> found;
    for (const QString &p : paths) {
        if (const auto e = walker.lookup(session.commit(*head).treeId, RepoPath::normalize(p)))
            found.append(*e);
    }
    const auto last = history.lastCommits(*head, found);
    return makeEntries(session, found, last);
}

QList<GitCommitInfo> Repository::listRepoCommits(const QString &revision) const
{
    RepoSession session(*d);
    History history(session);
    const auto head = history.resolve(revision, true);
    QList<GitCommitInfo> out;
    if (!head)
        return out;
    for (const QString &id : history.ancestry(*head))
        out.append(history.commitInfo(id));
    return out;
}

qint64 Repository::countCommits(const QString &revision) const
{
    RepoSession session(*d);
    History history(session);
    const auto head = history.resolve(revision, true);
    return head ? history.countAncestry(*head) : 0;
}

QList<GitCommitInfo> Repository::listRepoCommits(const QString &revision, int limit) const
{
    RepoSession session(*d);
    History history(session);
    const auto head = history.resolve(revision, true);
    QList<GitCommitInfo> out;
    if (!head || limit <= 0)
        return out;
    for (const QString &id : history.ancestry(*head, limit))
        out.append(history.commitInfo(id));
    return out;
}

namespace {

QStringList changedPathsOf(RepoSession &session, const QString &commitId)
{
    const CommitPayload &commit = session.commit(commitId);
    const QString parentTree = commit.parents.isEmpty() ? QString() : session.commit(commit.parents.first()).treeId;
    QStringList out;
    for (const FileDifference &difference : TreeDiff(session).compare(parentTree, commit.treeId))
        out.append(difference.path);
    return out;
}

} // namespace

QList<CommitGraphNode> Repository::readCommitGraph(const QStringList &revisions, bool withChangedPaths) const
{
    RepoSession session(*d);
    History history(session);
    QList<CommitGraphNode> out;
    out.reserve(revisions.size());
    for (const QString &revision : revisions) {
        CommitGraphNode node = history.graphNode(history.resolveCommit(revision));
        if (withChangedPaths)
            node.changedPaths = changedPathsOf(session, node.objectId);
        out.append(std::move(node));
    }
    return out;
}

QStringList Repository::changedPaths(const QString &commitRevision) const
{
    RepoSession session(*d);
    return changedPathsOf(session, History(session).resolveCommit(commitRevision));
}

CommitStorageDelta Repository::commitStorageDelta(const QString &commitRevision) const
{
    RepoSession session(*d);
    return StorageDelta(session).forCommit(History(session).resolveCommit(commitRevision));
}

FileStorageInfo Repository::fileStorage(const QString &pathInRepo, const QString &revision) const
{
    RepoSession session(*d);
    return StorageDelta(session).describeFile(RepoPath::normalize(pathInRepo), fileAt(session, pathInRepo, revision));
}

CommitDetailInfo Repository::getCommitDetail(const QString &commitId, int diffContextLines, qint64 diffMaxTextSize) const
{
    RepoSession session(*d);
    History history(session);
    return history.detail(history.resolveCommit(commitId), diffContextLines, diffMaxTextSize);
}

GitRefs Repository::listRepoRefs() const
{
    RepoSession session(*d);
    return History(session).refs();
}

QList<ReflogEntry> Repository::listRepoReflog(const QString &refName, std::optional<int> limit) const
{
    RepoSession session(*d);
    return History(session).reflog(refName, limit);
}

QByteArray Repository::readBytes(const QString &pathInRepo, const QString &revision) const
{
    RepoSession session(*d);
    return ContentReader(session).readAll(fileAt(session, pathInRepo, revision));
}

QByteArray Repository::readRange(const QString &pathInRepo, qint64 start, qint64 length, const QString &revision) const
{
    RepoSession session(*d);
    return ContentReader(session).readRange(fileAt(session, pathInRepo, revision), start, length);
}

std::unique_ptr<QIODevice> Repository::openFile(const QString &pathInRepo, const QString &revision) const
{
    RepoSession session(*d);
    return ContentReader(session).openStream(fileAt(session, pathInRepo, revision));
}

QString Repository::hfHubDownload(const QString &filename, const QString &revision, const QString &localDir,
                                  const TaskControl &task) const
{
    RepoSession session(*d);
    return ViewCache(session, task).downloadFile(filename, revision, localDir);
}

QString Repository::snapshotDownload(const SnapshotOptions &options, const TaskControl &task) const
{
    RepoSession session(*d);
    return ViewCache(session, task).downloadSnapshot(options);
}

VerifyReport Repository::quickVerify(const TaskControl &task) const
{
    Recovery::recoverIfNeeded(*d);
    RepoSession session(*d);
    session.bypassSharedCache();
    return Verifier(session, Verifier::Depth::Quick, task).run();
}

VerifyReport Repository::fullVerify(const TaskControl &task) const
{
    Recovery::recoverIfNeeded(*d);
    RepoSession session(*d);
    session.bypassSharedCache();
    return Verifier(session, Verifier::Depth::Full, task).run();
}

Repository Repository::create(const QString &path, const CreateRepoOptions &options, std::shared_ptr<Env> env)
{
    auto context = std::make_unique<RepositoryContext>();
    context->env = env ? std::move(env) : Env::system();
    context->root = QDir::cleanPath(QFileInfo(path.isEmpty() ? QStringLiteral(".") : path).absoluteFilePath());
    if (!RepositoryInit::initialize(*context, options)) {
        if (!options.existOk)
            throw RepositoryAlreadyExistsError(QStringLiteral("a repository already exists at %1").arg(context->root));
        return open(context->root, context->env);
    }
    {
        RepoSession session(*context, RepoSession::Access::Write);
        CommitWriter(session, TaskControl()).createInitialCommit();
    }
    return Repository(std::move(context));
}

CommitInfo Repository::createCommit(const QList<CommitOperation> &operations, const CommitOptions &options,
                                    const TaskControl &task)
{
    RepoSession session(*d, RepoSession::Access::Write);
    return CommitWriter(session, task).createCommit(operations, options);
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
    info.url = blobUrl(info, QStringLiteral("blob"), options.revision.isEmpty() ? d->defaultBranch : options.revision,
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
                                : blobUrl(info, QStringLiteral("tree"), commit.revision.isEmpty() ? d->defaultBranch : commit.revision, prefix);
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

void Repository::createBranch(const QString &branch, const QString &revision, bool existOk)
{
    RepoSession session(*d, RepoSession::Access::Write);
    RefUpdater(session).createBranch(branch, revision, existOk);
}

void Repository::deleteBranch(const QString &branch)
{
    RepoSession session(*d, RepoSession::Access::Write);
    RefUpdater(session).deleteBranch(branch);
}

void Repository::createTag(const QString &tag, const QString &tagMessage, const QString &revision, bool existOk)
{
    RepoSession session(*d, RepoSession::Access::Write);
    RefUpdater(session).createTag(tag, tagMessage, revision, existOk);
}

void Repository::deleteTag(const QString &tag)
{
    RepoSession session(*d, RepoSession::Access::Write);
    RefUpdater(session).deleteTag(tag);
}

MergeResult Repository::merge(const QString &sourceRevision, const MergeOptions &options)
{
    RepoSession session(*d, RepoSession::Access::Write);
    return MergeEngine(session).merge(sourceRevision, options);
}

MergeResult Repository::previewMerge(const QString &sourceRevision, const MergeOptions &options) const
{
    RepoSession session(*d);
    return MergeEngine(session).merge(sourceRevision, options, true);
}

CommitInfo Repository::resetRef(const QString &refName, const QString &toRevision)
{
    RepoSession session(*d, RepoSession::Access::Write);
    return RefUpdater(session).resetRef(refName, toRevision);
}

SquashReport Repository::squashHistory(const QString &refName, const SquashOptions &options, const TaskControl &task)
{
    RepoSession session(*d, RepoSession::Access::Write);
    return HistorySquasher(session, task).run(refName, options);
}

GcReport Repository::gc(bool dryRun, bool pruneCache, const TaskControl &task)
{
    RepoSession session(*d, RepoSession::Access::Write);
    return GarbageCollector(session, task).run(dryRun, pruneCache);
}

StorageOverview Repository::storageOverview() const
{
    RepoSession session(*d);
    return StorageAnalyzer(session).overview();
}

} // namespace hubvault
