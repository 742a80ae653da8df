#include "CommitWriter.h"

#include <hubvault/Errors.h>
#include <hubvault/RepoPath.h>
#include "CanonicalJson.h"
#include "ContentStager.h"
#include "History.h"
#include "ObjectCodec.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "SnapshotValidator.h"
#include "Transaction.h"
#include "TreeBuilder.h"
#include "TreeEditor.h"
#include "TreeWalker.h"
#include "objectstore/PackStorage.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace hubvault {

namespace {

/** Opens an add operation's source and tells its size. */
std::unique_ptr<QIODevice> openSource(const Env &env, const CommitOperation &op, qint64 *size, QString *label)
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
    if (!env.stat(op.localPath, true).isFile)
        throw HubVaultValidationError(QStringLiteral("cannot upload %1: not a readable regular file").arg(op.localPath));
    std::unique_ptr<QFile> file;
    try {
        file = env.openForRead(op.localPath);
    } catch (const HubVaultError &e) {
        throw HubVaultValidationError(QStringLiteral("cannot upload %1: %2").arg(op.localPath, e.message()));
    }
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

TreeBuilder::FileFacts CommitWriter::fileFacts(RepoSession &session, const QHash<QString, QByteArray> &stagedFilePayloads)
{
    return [&session, &stagedFilePayloads](const QString &fileId) -> QPair<qint64, QString> {
        if (const auto staged = stagedFilePayloads.constFind(fileId); staged != stagedFilePayloads.constEnd()) {
            const FilePayload p = FilePayload::parse(*staged, fileId);
            return {p.logicalSize, p.oid};
        }
        const FilePayload &p = session.file(fileId);
        return {p.logicalSize, p.oid};
    };
}

QPair<QString, QString> CommitWriter::buildTrees(RepoSession &session, const std::map<QString, QString> &snapshot,
                                                 const QHash<QString, QByteArray> &stagedFilePayloads,
                                                 QList<BuiltObject> &out)
{
    return TreeBuilder(fileFacts(session, stagedFilePayloads)).build(snapshot, out);
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
    history.requireParent(options.parentCommit, head, branch);

    Transaction txn(m_session, branch, head);
    const QString headTree = head.isEmpty() ? QString() : m_session.commit(head).treeId;
    TreeEditor snapshot(m_session, headTree);
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
            total += m_session.context().env->stat(op.localPath, true).size;
    }
    if (totalUnknown)
        total = 0;
    for (const CommitOperation &op : operations) {
        switch (op.kind) {
        case CommitOperation::Kind::Add: {
            const QString path = RepoPath::normalize(op.pathInRepo);
            qint64 size = 0;
            QString label;
            auto owned = openSource(*m_session.context().env, op, &size, &label);
            QIODevice &device = owned ? *owned : *op.stream;
            StagedFile file = stager.stage(device, size, label, m_task, done, total);
            done += size;
            snapshot.setFile(path, file.fileId);
            staged.append(std::move(file));
            break;
        }
        case CommitOperation::Kind::Delete: {
            const bool folder = op.isFolder.value_or(op.pathInRepo.endsWith(QLatin1Char('/')));
            const QString path = RepoPath::normalize(op.pathInRepo);
            if (folder) {
                if (snapshot.removeFolder(path) == 0)
                    throw EntryNotFoundError(QStringLiteral("folder not found: %1").arg(path));
            } else if (!snapshot.removeFile(path)) {
                throw EntryNotFoundError(QStringLiteral("path not found: %1").arg(path));
            }
            break;
        }
        case CommitOperation::Kind::Copy: {
            // Sources are read as they were before this commit (or at srcRevision).
            const QString src = RepoPath::normalize(op.srcPathInRepo, QStringLiteral("src_path_in_repo"));
            const QString dst = RepoPath::normalize(op.pathInRepo);
            const QString sourceTree = op.srcRevision.isEmpty()
                ? headTree
                : m_session.commit(history.resolveCommit(op.srcRevision)).treeId;
            TreeWalker walker(m_session);
            const auto entry = sourceTree.isEmpty() ? std::nullopt : walker.lookup(sourceTree, src);
            if (entry && !entry->isTree) {
                snapshot.setFile(dst, entry->objectId);
                break;
            }
            const FlatSnapshot under = entry ? walker.flatten(entry->objectId) : FlatSnapshot();
            if (under.empty())
                throw EntryNotFoundError(QStringLiteral("copy source not found: %1").arg(src));
            for (const auto &[relative, fileId] : under)
                snapshot.setFile(dst + QLatin1Char('/') + relative, fileId);
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
    TreeEditor snapshot(m_session, head.isEmpty() ? QString() : m_session.commit(head).treeId);
    return publish(txn, branch, head, snapshot, {}, text, text.message);
}

CommitInfo CommitWriter::publish(Transaction &txn, const QString &branch, const QString &head, TreeEditor &snapshot,
                                 const QList<StagedFile> &staged, const CommitText &text, const QString &reflogMessage)
{
    const RepositoryContext &context = m_session.context();
    // Trees first: building them validates the snapshot (§11.2) before anything is staged.
    QHash<QString, QByteArray> stagedPayloads;
    for (const StagedFile &file : staged)
        stagedPayloads.insert(file.fileId, file.filePayload);
    QList<BuiltObject> builtTrees;
    const auto [treeId, treeGitOid] = snapshot.build(fileFacts(m_session, stagedPayloads), builtTrees);
    txn.markStaged();

    // Publish staged bytes, then the rows that refer to them.
    for (const StagedFile &file : std::as_const(staged)) {
        if (!file.blobId.isEmpty()) {
            if (!file.stagedData.isEmpty())
                txn.publishFile(file.stagedData, context.blobDataPath(file.blobId));
            txn.putObject(ObjectType::Blob, file.blobId, file.blobPayload);
        }
        if (!file.stagedPack.isEmpty()) {
            if (!file.packUploaded) // else it went up while it was written, and is confirmed
                context.packs()->publish(txn, file.stagedPack, file.packId, m_task);
            for (const ChunkRow &row : file.newChunks)
                txn.putChunk(row);
        }
        txn.putObject(ObjectType::File, file.fileId, file.filePayload);
    }
    for (const BuiltObject &tree : std::as_const(builtTrees))
        txn.putTree(tree);

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
