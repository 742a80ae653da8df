// The Repository interface over a directory: each call opens a session on the shared
// context and hands it to the engine that does the work.
#include <hubvault/LocalRepository.h>

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
#include "objectstore/PackTransfer.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace hubvault {

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

LocalRepository::LocalRepository(std::unique_ptr<RepositoryContext> context) : d(std::move(context)) {}
LocalRepository::LocalRepository(LocalRepository &&) noexcept = default;
LocalRepository &LocalRepository::operator=(LocalRepository &&) noexcept = default;
LocalRepository::~LocalRepository() = default;

LocalRepository LocalRepository::open(const QString &path, std::shared_ptr<Env> env)
{
    auto context = std::make_unique<RepositoryContext>();
    context->env = env ? std::move(env) : Env::system();
    context->root = QDir::cleanPath(QFileInfo(path.isEmpty() ? QStringLiteral(".") : path).absoluteFilePath());
    RepositoryInit::load(*context);
    return LocalRepository(std::move(context));
}

QString LocalRepository::path() const { return d->root; }
QString LocalRepository::location() const { return d->root; }
std::shared_ptr<Env> LocalRepository::env() const { return d->env; }
QString LocalRepository::defaultBranch() const { return d->defaultBranch; }
qint64 LocalRepository::largeFileThreshold() const { return d->largeFileThreshold; }

RepoInfo LocalRepository::repoInfo(const QString &revision) const
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

std::optional<QString> LocalRepository::resolveRevision(const QString &revision) const
{
    RepoSession session(*d);
    const auto id = History(session).resolve(revision, true);
    return id ? std::optional(session.commitGitOid(*id)) : std::nullopt;
}

QStringList LocalRepository::listRepoFiles(const QString &revision) const
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

QList<RepoEntry> LocalRepository::listRepoTree(const QString &pathInRepo, bool recursive, const QString &revision,
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

QList<RepoEntry> LocalRepository::getPathsInfo(const QStringList &paths, const QString &revision) const
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

QList<GitCommitInfo> LocalRepository::listRepoCommits(const QString &revision) const
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

qint64 LocalRepository::countCommits(const QString &revision) const
{
    RepoSession session(*d);
    History history(session);
    const auto head = history.resolve(revision, true);
    return head ? history.countAncestry(*head) : 0;
}

QList<GitCommitInfo> LocalRepository::listRepoCommits(const QString &revision, int limit) const
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

QList<CommitGraphNode> LocalRepository::readCommitGraph(const QStringList &revisions, bool withChangedPaths) const
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

QStringList LocalRepository::changedPaths(const QString &commitRevision) const
{
    RepoSession session(*d);
    return changedPathsOf(session, History(session).resolveCommit(commitRevision));
}

CommitStorageDelta LocalRepository::commitStorageDelta(const QString &commitRevision) const
{
    RepoSession session(*d);
    return StorageDelta(session).forCommit(History(session).resolveCommit(commitRevision));
}

FileStorageInfo LocalRepository::fileStorage(const QString &pathInRepo, const QString &revision) const
{
    RepoSession session(*d);
    return StorageDelta(session).describeFile(RepoPath::normalize(pathInRepo), fileAt(session, pathInRepo, revision));
}

CommitDetailInfo LocalRepository::getCommitDetail(const QString &commitId, int diffContextLines, qint64 diffMaxTextSize) const
{
    RepoSession session(*d);
    History history(session);
    return history.detail(history.resolveCommit(commitId), diffContextLines, diffMaxTextSize);
}

GitRefs LocalRepository::listRepoRefs() const
{
    RepoSession session(*d);
    return History(session).refs();
}

QList<ReflogEntry> LocalRepository::listRepoReflog(const QString &refName, std::optional<int> limit) const
{
    RepoSession session(*d);
    return History(session).reflog(refName, limit);
}

void LocalRepository::visitRepoReflog(const QString &refName, const std::function<bool(const ReflogEntry &)> &visit) const
{
    RepoSession session(*d);
    History(session).visitReflog(refName, visit);
}

QByteArray LocalRepository::readBytes(const QString &pathInRepo, const QString &revision) const
{
    RepoSession session(*d);
    return ContentReader(session).readAll(fileAt(session, pathInRepo, revision));
}

QByteArray LocalRepository::readRange(const QString &pathInRepo, qint64 start, qint64 length, const QString &revision) const
{
    RepoSession session(*d);
    return ContentReader(session).readRange(fileAt(session, pathInRepo, revision), start, length);
}

std::unique_ptr<QIODevice> LocalRepository::openFile(const QString &pathInRepo, const QString &revision) const
{
    RepoSession session(*d);
    return ContentReader(session).openStream(fileAt(session, pathInRepo, revision));
}

QStringList LocalRepository::storedChunks(const QStringList &chunkIds) const
{
    RepoSession session(*d);
    return ContentReader(session).storedChunkIds(chunkIds);
}

QByteArray LocalRepository::readChunk(const QString &chunkId) const
{
    RepoSession session(*d);
    return ContentReader(session).readStoredChunk(chunkId);
}

QString LocalRepository::hfHubDownload(const QString &filename, const QString &revision, const QString &localDir,
                                  const TaskControl &task) const
{
    RepoSession session(*d);
    return ViewCache(session, task).downloadFile(filename, revision, localDir);
}

QString LocalRepository::snapshotDownload(const SnapshotOptions &options, const TaskControl &task) const
{
    RepoSession session(*d);
    return ViewCache(session, task).downloadSnapshot(options);
}

PackStorageStatus LocalRepository::attachStorage(const RemoteStorageOptions &options)
{
    RepoSession session(*d, RepoSession::Access::Write);
    return objectstore::PackTransfer(session, {}).attach(options);
}

PackStorageStatus LocalRepository::packStorageStatus(const TaskControl &task) const
{
    RepoSession session(*d);
    return objectstore::PackTransfer(session, task).status();
}

PackTransferReport LocalRepository::offloadPacks(const TaskControl &task)
{
    RepoSession session(*d, RepoSession::Access::Write);
    return objectstore::PackTransfer(session, task).offload();
}

PackTransferReport LocalRepository::fetchPacks(const TaskControl &task)
{
    RepoSession session(*d, RepoSession::Access::Write);
    return objectstore::PackTransfer(session, task).fetch();
}

PackTransferReport LocalRepository::detachStorage(const TaskControl &task)
{
    RepoSession session(*d, RepoSession::Access::Write);
    return objectstore::PackTransfer(session, task).detach();
}

VerifyReport LocalRepository::quickVerify(const TaskControl &task) const
{
    Recovery::recoverIfNeeded(*d);
    RepoSession session(*d);
    session.bypassSharedCache();
    return Verifier(session, Verifier::Depth::Quick, task).run();
}

VerifyReport LocalRepository::fullVerify(const TaskControl &task) const
{
    Recovery::recoverIfNeeded(*d);
    RepoSession session(*d);
    session.bypassSharedCache();
    return Verifier(session, Verifier::Depth::Full, task).run();
}

LocalRepository LocalRepository::create(const QString &path, const CreateRepoOptions &options, std::shared_ptr<Env> env)
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
    return LocalRepository(std::move(context));
}

CommitInfo LocalRepository::createCommit(const QList<CommitOperation> &operations, const CommitOptions &options,
                                    const TaskControl &task)
{
    RepoSession session(*d, RepoSession::Access::Write);
    return CommitWriter(session, task).createCommit(operations, options);
}

void LocalRepository::createBranch(const QString &branch, const QString &revision, bool existOk)
{
    RepoSession session(*d, RepoSession::Access::Write);
    RefUpdater(session).createBranch(branch, revision, existOk);
}

void LocalRepository::deleteBranch(const QString &branch)
{
    RepoSession session(*d, RepoSession::Access::Write);
    RefUpdater(session).deleteBranch(branch);
}

void LocalRepository::createTag(const QString &tag, const QString &tagMessage, const QString &revision, bool existOk)
{
    RepoSession session(*d, RepoSession::Access::Write);
    RefUpdater(session).createTag(tag, tagMessage, revision, existOk);
}

void LocalRepository::deleteTag(const QString &tag)
{
    RepoSession session(*d, RepoSession::Access::Write);
    RefUpdater(session).deleteTag(tag);
}

MergeResult LocalRepository::merge(const QString &sourceRevision, const MergeOptions &options)
{
    RepoSession session(*d, RepoSession::Access::Write);
    return MergeEngine(session).merge(sourceRevision, options);
}

MergeResult LocalRepository::previewMerge(const QString &sourceRevision, const MergeOptions &options) const
{
    RepoSession session(*d);
    return MergeEngine(session).merge(sourceRevision, options, true);
}

CommitInfo LocalRepository::resetRef(const QString &refName, const QString &toRevision)
{
    RepoSession session(*d, RepoSession::Access::Write);
    return RefUpdater(session).resetRef(refName, toRevision);
}

SquashReport LocalRepository::squashHistory(const QString &refName, const SquashOptions &options, const TaskControl &task)
{
    RepoSession session(*d, RepoSession::Access::Write);
    return HistorySquasher(session, task).run(refName, options);
}

GcReport LocalRepository::gc(bool dryRun, bool pruneCache, const TaskControl &task)
{
    RepoSession session(*d, RepoSession::Access::Write);
    return GarbageCollector(session, task).run(dryRun, pruneCache);
}

StorageOverview LocalRepository::storageOverview(const TaskControl &task) const
{
    RepoSession session(*d);
    return StorageAnalyzer(session, task).overview();
}

StorageSummary LocalRepository::storageSummary() const
{
    RepoSession session(*d);
    StorageSummary out;
    d->env->walkFiles(d->root, [&out](const QString &path, qint64 size) {
        out.totalSize += size;
        ++out.totalFileCount;
        // The repo.metadata section of the storage overview (docs/format.md §10.6).
        if (path == QLatin1String("FORMAT") || path.startsWith(QLatin1String("metadata.sqlite3"))
            || path.startsWith(QLatin1String("locks/"))) {
            out.metadataSize += size;
            ++out.metadataFileCount;
        }
    });
    for (const RefRow &ref : session.refs())
        ++(ref.kind == QLatin1String("branch") ? out.branchCount : out.tagCount);
    return out;
}

} // namespace hubvault
