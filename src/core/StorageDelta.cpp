#include "StorageDelta.h"

#include "RepoSession.h"
#include "TreeDiff.h"
#include "TreeWalker.h"

#include <QHash>

namespace hubvault {

FileStorageInfo StorageDelta::describeFile(const QString &path, const FilePayload &file)
{
    FileStorageInfo info;
    info.path = path;
    info.storageKind = file.isChunked() ? StorageKind::Chunked : StorageKind::Blob;
    info.size = file.logicalSize;
    info.sha256 = file.sha256;
    info.oid = file.oid;
    if (file.isChunked()) {
        for (const ChunkRef &c : file.chunks)
            info.chunks.append(FileChunkInfo{c.chunkId, c.logicalOffset, c.logicalSize, c.storedSize});
    } else {
        const BlobPayload &blob = m_session.blob(file.contentObjectId);
        info.chunks.append(FileChunkInfo{file.contentObjectId, 0, blob.logicalSize, blob.storedSize});
    }
    return info;
}

void StorageDelta::collectPieces(const QString &treeId, QSet<QString> *pieces, QHash<QString, QString> *pathBySha)
{
    for (const auto &entry : TreeWalker(m_session).flatten(treeId)) {
        const FilePayload &file = m_session.file(entry.second);
        if (pathBySha)
            pathBySha->insert(file.sha256, entry.first);
        if (!file.isChunked()) {
            pieces->insert(file.contentObjectId);
            continue;
        }
        for (const ChunkRef &c : file.chunks)
            pieces->insert(c.chunkId);
    }
}

CommitStorageDelta StorageDelta::forCommit(const QString &commitId)
{
    const CommitPayload commit = m_session.commit(commitId);
    CommitStorageDelta out;
    out.commitId = m_session.commitGitOid(commitId);

    // Every piece the parents store, and where the first parent kept each content (to
    // recognise copies and renames), from one walk of each parent's files.
    QSet<QString> parentPieces;
    QHash<QString, QString> parentPathBySha;
    for (qsizetype i = 0; i < commit.parents.size(); ++i)
        collectPieces(m_session.commit(commit.parents.at(i)).treeId, &parentPieces, i == 0 ? &parentPathBySha : nullptr);
    const QString firstParentTree = commit.parents.isEmpty() ? QString() : m_session.commit(commit.parents.first()).treeId;

    const std::vector<FileDifference> differences = TreeDiff(m_session).compare(firstParentTree, commit.treeId);
    QSet<QString> deleted;
    for (const FileDifference &d : differences) {
        if (d.newFileId.isEmpty())
            deleted.insert(d.path);
    }

    QSet<QString> counted = parentPieces;
    QSet<QString> renamedAway;
    for (const FileDifference &d : differences) {
        CommitFileStorageDelta file;
        file.path = d.path;
        if (!d.oldFileId.isEmpty())
            file.oldSize = m_session.file(d.oldFileId).logicalSize;
        if (d.newFileId.isEmpty()) {
            file.changeType = ChangeKind::Deleted;
            out.files.append(file);
            continue;
        }
        const FilePayload &now = m_session.file(d.newFileId);
        file.newSize = now.logicalSize;
        file.changeType = d.oldFileId.isEmpty() ? ChangeKind::Added : ChangeKind::Modified;
        if (d.oldFileId.isEmpty()) {
            const QString source = parentPathBySha.value(now.sha256);
            if (!source.isEmpty() && source != d.path) {
                const bool renamed = deleted.contains(source) && !renamedAway.contains(source);
                file.changeType = renamed ? ChangeKind::Renamed : ChangeKind::Copied;
                file.copiedFrom = source;
                if (renamed)
                    renamedAway.insert(source);
            }
        }
        for (const FileChunkInfo &piece : describeFile(d.path, now).chunks) {
            if (counted.contains(piece.chunkId))
                continue;
            counted.insert(piece.chunkId);
            file.addedStoredBytes += piece.storedSize;
        }
        out.logicalBytesChanged += file.newSize;
        out.addedStoredBytes += file.addedStoredBytes;
        out.files.append(file);
    }
    // A rename is one change, listed where the file now is.
    out.files.removeIf([&](const CommitFileStorageDelta &f) {
        return f.changeType == ChangeKind::Deleted && renamedAway.contains(f.path);
    });
    return out;
}

} // namespace hubvault
