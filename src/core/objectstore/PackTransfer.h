#pragma once
// hubvault storage attach|status|offload|fetch|detach (docs/object-storage.md): where every pack the
// chunk index names is, and moving packs between chunks/packs/ and the attached bucket
// without ever having a pack in neither place. Offload checks a local pack's chunks
// before uploading it and the bucket's copy before deleting the local one; fetch checks
// every chunk of a downloaded pack before publishing it. Runs under the exclusive lock.

#include <hubvault/PackStorage.h>
#include <hubvault/Progress.h>
#include "MetadataStore.h"

#include <QMap>

namespace hubvault {
class RepoSession;
}

namespace hubvault::objectstore {

class PackStorage;
class S3PackStore;

class PackTransfer {
public:
    PackTransfer(RepoSession &session, const TaskControl &task);

    /** Checks the bucket and the credentials, then records the attachment. */
    PackStorageStatus attach(const RemoteStorageOptions &options);
    /** fetch(), then forgets the attachment. */
    PackTransferReport detach();
    PackStorageStatus status();
    PackTransferReport offload();
    PackTransferReport fetch();

private:
    /** The chunk index's rows, by pack. */
    QMap<QString, QList<ChunkRow>> referencedPacks();
    S3PackStore &requireRemote() const;
    /** Hashes every chunk of the local pack (IntegrityError on damage). */
    void checkLocal(const QList<ChunkRow> &rows);
    /** Hashes every chunk of the bucket's copy. */
    void checkRemote(const QString &packId, const QList<ChunkRow> &rows);
    /** Hashes every chunk of a downloaded pack file. */
    void checkFile(const QString &path, const QString &label, const QList<ChunkRow> &rows) const;

    RepoSession &m_session;
    const TaskControl &m_task;
    PackStorage &m_packs;
};

} // namespace hubvault::objectstore
