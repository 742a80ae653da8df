#include "CommitWriter.h"

#include "CanonicalJson.h"
#include "ContentStager.h"
#include "Errors.h"
#include "History.h"
#include "ObjectCodec.h"
#include "RepoPath.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "SnapshotValidator.h"
#include "Transaction.h"
#include "TreeBuilder.h"
#include "TreeWalker.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace hubvault {

namespace {

using Snapshot = SnapshotMap;

QStringList pathsUnder(const Snapshot &snapshot, const QString &folder)
{
    QStringList out;
    const QString prefix = folder + QLatin1Char('/');
    for (auto it = snapshot.lower_bound(prefix); it != snapshot.end() && it->first.startsWith(prefix); ++it)
        out.append(it->first);
    return out;
}

/** Opens an add operation's source and tells its size. */
std::unique_ptr<QIODevice> openSource(const CommitOperation &op, qint64 *size, QString *label)
{
    if (op.bytes) {
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(*op.bytes);
        buffer->open(QIODevice::ReadOnly);
        *size = op.bytes->size();
        *label = QStringLiteral("bytes for ") + op.pathInRepo;
        return buffer;
    }
    if (op.stream) {
        *label = QStringLiteral("stream for ") + op.pathInRepo;
        if (op.stream->isSequential()) {
            // Size is needed up front for the storage decision; buffer unknown streams.
            auto buffer = std::make_unique<QBuffer>();
            buffer->setData(op.stream->readAll());
            buffer->open(QIODevice::ReadOnly);
            *size = buffer->size();
            return buffer;
        }
        *size = op.stream->size() - op.stream->pos();
        return nullptr; // read the caller's device directly
    }
    *label = op.localPath;
    auto file = std::make_unique<QFile>(op.localPath);
    if (!QFileInfo(op.localPath).isFile())
        throw HubVaultValidationError(QStringLiteral("cannot upload %1: not a readable regular file").arg(op.localPath));
    if (!file->open(QIODevice::ReadOnly))
        throw HubVaultValidationError(QStringLiteral("cannot upload %1: %2").arg(op.localPath, file->errorString()));
    *size = file->size();
    return file;
}

} // namespace

CommitText CommitText::compose(const QString &message, const std::optional<QString> &description)
{
    if (message.isEmpty())
        throw HubVaultValidationError(QStringLiteral("commit message must not be empty"));
    CommitText text;
    if (!description) {
        text.message = message;
        const auto [title, body] = ObjectCodec::splitMessage(message);
        text.title = title;
        text.description = body;
    } else {
        text.title = message;
        text.description = *description;
        text.message = description->isEmpty() ? message : message + QStringLiteral("\n\n") + *description;
    }
    return text;
}

BuiltCommit CommitWriter::buildCommit(RepoSession &session, const QString &treeId, const QString &treeGitOid,
                                      const QStringList &parents, const CommitText &text, const QJsonObject &metadata,
                                      const QDateTime &createdAt)
{
    QStringList parentGitOids;
    QJsonArray parentsJson;
    for (const QString &p : parents) {
        parentGitOids.append(session.commitGitOid(p));
        parentsJson.append(p);
    }
    BuiltCommit out;
    out.gitOid = ObjectCodec::gitCommitOid(treeGitOid, parentGitOids, createdAt, text.message);
    out.payload = CanonicalJson::serialize(QJsonObject{
        {QStringLiteral("author"), QString()},
        {QStringLiteral("committer"), QString()},
        {QStringLiteral("created_at"), ObjectCodec::formatTimestamp(createdAt)},
        {QStringLiteral("description"), text.description},
        {QStringLiteral("format_version"), 1},
        {QStringLiteral("git_oid"), out.gitOid},
        {QStringLiteral("message"), text.message},
        {QStringLiteral("metadata"), metadata},
        {QStringLiteral("parents"), parentsJson},
        {QStringLiteral("title"), text.title},
        {QStringLiteral("tree_id"), treeId}});
    out.objectId = ObjectCodec::objectId(ObjectType::Commit, out.payload);
    return out;
}

QPair<QString, QString> CommitWriter::buildTrees(RepoSession &session, const std::map<QString, QString> &snapshot,
                                                 const QHash<QString, QByteArray> &stagedFilePayloads,
                                                 QList<BuiltObject> &out)
{
    TreeBuilder trees([&](const QString &fileId) -> QPair<qint64, QString> {
        if (stagedFilePayloads.contains(fileId)) {
            const FilePayload p = FilePayload::parse(CanonicalJson::parseObject(stagedFilePayloads.value(fileId), fileId), fileId);
            return {p.logicalSize, p.oid};
        }
        const FilePayload &p = session.file(fileId);
        return {p.logicalSize, p.oid};
    });
    return trees.build(snapshot, out);
}

CommitInfo CommitWriter::commitInfo(const QString &repoRoot, const QString &gitOid, const CommitText &text)
{
    CommitInfo info;
    info.repoUrl = QStringLiteral("file://") + repoRoot;
    info.commitUrl = info.repoUrl + QStringLiteral("#commit=") + gitOid;
    info.url = info.commitUrl;
    info.oid = gitOid;
    info.commitMessage = text.title;
    info.commitDescription = text.description;
    return info;
}

CommitInfo CommitWriter::createCommit(const QList<CommitOperation> &operations, const CommitOptions &options)
{
    if (operations.isEmpty())
        throw HubVaultValidationError(QStringLiteral("a commit needs at least one operation"));
    const CommitText text = CommitText::compose(options.commitMessage, options.commitDescription);
    const RepositoryContext &context = m_session.context();
    MetadataStore &store = m_session.store();

    QString branch = options.revision.isEmpty() ? context.defaultBranch : options.revision;
    if (branch.startsWith(QLatin1String("refs/heads/")))
        branch = branch.mid(11);
    const auto ref = store.ref(QStringLiteral("branch"), branch);
    if (!ref)
        throw RevisionNotFoundError(QStringLiteral("branch not found: %1; create it first").arg(branch));
    const QString head = ref->commitId;
    History history(m_session);
    if (!options.parentCommit.isEmpty()) {
        const auto parent = history.resolve(options.parentCommit, false);
        if (!parent || *parent != head)
            throw ConflictError(QStringLiteral("parent_commit %1 is not the head of %2; fetch the latest state and retry")
                                    .arg(options.parentCommit, branch));
    }

    Transaction txn(m_session, branch, head);
    const Snapshot before = TreeWalker(m_session).snapshotOfCommit(head);
    Snapshot snapshot = before;
    ContentStager stager(m_session, txn);
    QList<StagedFile> staged;

    // Progress total: every add's size; a pipe's size is unknown up front, and so then
    // is the total (0, see Progress.h).
    qint64 total = 0, done = 0;
    bool totalUnknown = false;
    for (const CommitOperation &op : operations) {
        if (op.kind != CommitOperation::Kind::Add)
            continue;
        if (op.bytes)
            total += op.bytes->size();
        else if (op.stream && op.stream->isSequential())
            totalUnknown = true;
        else if (op.stream)
            total += qMax<qint64>(0, op.stream->size() - op.stream->pos());
        else
            total += QFileInfo(op.localPath).size();
    }
    if (totalUnknown)
        total = 0;
    for (const CommitOperation &op : operations) {
        switch (op.kind) {
        case CommitOperation::Kind::Add: {
            const QString path = RepoPath::normalize(op.pathInRepo);
            qint64 size = 0;
            QString label;
            auto owned = openSource(op, &size, &label);
            QIODevice &device = owned ? *owned : *op.stream;
            StagedFile file = stager.stage(device, size, label, m_task, done, total);
            done += size;
            snapshot[path] = file.fileId;
            staged.append(std::move(file));
            break;
        }
        case CommitOperation::Kind::Delete: {
            const bool folder = op.isFolder.value_or(op.pathInRepo.endsWith(QLatin1Char('/')));
            const QString path = RepoPath::normalize(op.pathInRepo);
            if (folder) {
                const QStringList under = pathsUnder(snapshot, path);
                if (under.isEmpty())
                    throw EntryNotFoundError(QStringLiteral("folder not found: %1").arg(path));
                for (const QString &p : under)
                    snapshot.erase(p);
            } else if (snapshot.erase(path) == 0) {
                throw EntryNotFoundError(QStringLiteral("path not found: %1").arg(path));
            }
            break;
        }
        case CommitOperation::Kind::Copy: {
            const QString src = RepoPath::normalize(op.srcPathInRepo, QStringLiteral("src_path_in_repo"));
            const QString dst = RepoPath::normalize(op.pathInRepo);
            const Snapshot source = op.srcRevision.isEmpty()
                ? before
                : TreeWalker(m_session).snapshotOfCommit(history.resolveCommit(op.srcRevision));
            if (const auto it = source.find(src); it != source.end()) {
                snapshot[dst] = it->second;
                break;
            }
            const QStringList under = pathsUnder(source, src);
            if (under.isEmpty())
                throw EntryNotFoundError(QStringLiteral("copy source not found: %1").arg(src));
            for (const QString &p : under)
                snapshot[dst + p.mid(src.size())] = source.at(p);
            break;
        }
        }
        m_task.checkCancelled();
    }

    return publish(txn, branch, head, snapshot, staged, text, options.commitMessage);
}

CommitInfo CommitWriter::createInitialCommit()
{
    const RepositoryContext &context = m_session.context();
    const QString branch = context.defaultBranch;
    const auto ref = m_session.ref(QStringLiteral("branch"), branch);
    const QString head = ref ? ref->commitId : QString();
    Transaction txn(m_session, branch, head);
    const CommitText text = CommitText::compose(QStringLiteral("Initial commit"), std::nullopt);
    return publish(txn, branch, head, TreeWalker(m_session).snapshotOfCommit(head), {}, text, text.message);
}

CommitInfo CommitWriter::publish(Transaction &txn, const QString &branch, const QString &head,
                                 const std::map<QString, QString> &snapshot, const QList<StagedFile> &staged,
                                 const CommitText &text, const QString &reflogMessage)
{
    const RepositoryContext &context = m_session.context();
    QStringList paths;
    for (const auto &entry : snapshot)
        paths.append(entry.first);
    SnapshotValidator::validate(paths);
    txn.markStaged();

    // Publish staged bytes, then the rows that refer to them.
    for (const StagedFile &file : std::as_const(staged)) {
        if (!file.blobId.isEmpty()) {
            if (!file.stagedData.isEmpty())
                txn.publishFile(file.stagedData, context.blobDataPath(file.blobId));
            txn.putObject(ObjectType::Blob, file.blobId, file.blobPayload);
        }
        if (!file.stagedPack.isEmpty()) {
            txn.publishFile(file.stagedPack, context.packPath(file.packId));
            for (const ChunkRow &row : file.newChunks)
                txn.putChunk(row);
        }
        txn.putObject(ObjectType::File, file.fileId, file.filePayload);
    }
    QHash<QString, QByteArray> stagedPayloads;
    for (const StagedFile &file : std::as_const(staged))
        stagedPayloads.insert(file.fileId, file.filePayload);
    QList<BuiltObject> builtTrees;
    const auto [treeId, treeGitOid] = buildTrees(m_session, snapshot, stagedPayloads, builtTrees);
    for (const BuiltObject &tree : std::as_const(builtTrees))
        txn.putObject(ObjectType::Tree, tree.objectId, tree.payload);

    const QDateTime createdAt = context.env->nowUtc();
    QStringList parents;
    if (!head.isEmpty())
        parents.append(head);
    const BuiltCommit commit = buildCommit(m_session, treeId, treeGitOid, parents, text, QJsonObject(), createdAt);
    const QString &commitId = commit.objectId;
    const QString &gitOid = commit.gitOid;
    const QByteArray &payload = commit.payload;
    txn.putObject(ObjectType::Commit, commitId, payload);
    txn.markPublished();
    // The reflog keeps the caller's message as given (only the title when a description
    // came separately), not the composed one (§8.4).
    txn.updateRef(QStringLiteral("branch"), branch, head, commitId, reflogMessage, true);
    m_task.checkCancelled();
    txn.commit();
    return commitInfo(context.root, gitOid, text);
}

} // namespace hubvault
