#pragma once
// Ingest of one file's bytes into a transaction (docs/format.md §5): files below the
// repository's threshold become whole blobs, larger ones FastCDC chunks in a new pack
// holding only chunks the repository does not have yet. Every input byte is read once
// and hashed for the file (sha256 and Git id) and its chunks on the way to disk; memory
// stays bounded by one maximum chunk whatever the file size.

#include <hubvault/Progress.h>
#include "MetadataStore.h"

#include <QIODevice>
#include <QSet>
#include <QString>

namespace hubvault {

class RepoSession;
class Transaction;

/** What staging produced; published by the caller once all operations are staged. */
struct StagedFile {
    QString fileId;
    QByteArray filePayload;
    qint64 size = 0;
    // Whole-blob storage (blobId empty for chunked files).
    QString blobId;
    QByteArray blobPayload;
    QString stagedData; ///< empty when the blob is already stored
    // Chunked storage (packId empty when every chunk was already known).
    QString packId;
    QString stagedPack;
    bool packUploaded = false; ///< already in the attached bucket, confirmed (PackUploadStream)
    QList<ChunkRow> newChunks;
};

class ContentStager {
public:
    ContentStager(RepoSession &session, Transaction &transaction) : m_session(session), m_txn(transaction) {}

    /**
     * Reads exactly `size` bytes from `input` (an error if it ends early or has more:
     * the file changed while it was read) and stages them. `label` names the input in
     * errors. Progress counts bytes within `task` on top of `doneBefore`.
     */
    StagedFile stage(QIODevice &input, qint64 size, const QString &label, const TaskControl &task = {},
                     qint64 doneBefore = 0, qint64 total = 0);

private:
    StagedFile stageBlob(QIODevice &input, qint64 size, const QString &label, const TaskControl &task,
                         qint64 doneBefore, qint64 total);
    StagedFile stageChunked(QIODevice &input, qint64 size, const QString &label, const TaskControl &task,
                            qint64 doneBefore, qint64 total);

    RepoSession &m_session;
    Transaction &m_txn;
    QSet<QString> m_stagedChunks; ///< chunk ids written by earlier files of this transaction
    int m_tempCounter = 0;
};

} // namespace hubvault
