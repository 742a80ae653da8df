#pragma once
// The content checks of quick and full verify (docs/format.md §10.5): every stored byte that
// a file reaches is hashed again, whatever the process read before. Whole-blob files:
// SHA-256 against the file's sha256 and the blob's payload_sha256, and the Git blob OID,
// computed side by side. Chunked files: each chunk against its checksum (in parallel,
// ChunkPipeline) while the whole-file SHA-256 runs over the same bytes in order, then
// pointer OID, pointer_size and etag. Each distinct chunk is hashed once per run: the
// run keeps its own record of what it verified, which the chunk-index pass reuses.

#include <hubvault/Progress.h>
#include "ContentReader.h"
#include "VerifiedRanges.h"

#include <QHash>
#include <QSet>
#include <optional>

namespace hubvault {

class RepoSession;

class ContentVerifier {
public:
    /** What is checked of chunks whose pack is only in the attached bucket. */
    enum class RemoteChunks {
        Presence, ///< quick verify: the pack object exists and is long enough (one listing, no download)
        Hash,     ///< full verify: the bucket's bytes are fetched and hashed
    };
    ContentVerifier(RepoSession &session, const TaskControl &task, RemoteChunks remote = RemoteChunks::Hash)
        : m_session(session), m_task(task), m_remote(remote)
    {
    }

    /** Checks one file's content; throws IntegrityError naming the first problem. */
    void check(const FilePayload &file);
    /**
     * Checks every given chunk-index row in order (skipping chunks this run verified
     * already); the first problem, or "" when all are sound.
     */
    QString checkChunks(const QList<ChunkLocation> &chunks);
    /** Bytes hashed for files so far, for progress. */
    qint64 bytesChecked() const { return m_bytesChecked; }

private:
    void checkBlob(const FilePayload &file);
    void checkChunked(const FilePayload &file);
    /** True when chunks/packs/ holds the pack (asked once per pack and run). */
    bool isLocal(const ChunkLocation &chunk);
    /** Presence: each chunk's pack object exists in the bucket and holds the chunk's range. */
    void checkRemotePresence(const QList<ChunkLocation> &chunks);
    void progress(qint64 bytes);

    RepoSession &m_session;
    const TaskControl &m_task;
    RemoteChunks m_remote;
    VerifiedRanges m_thisRun{1 << 22};
    QHash<QString, bool> m_packIsLocal;
    std::optional<QHash<QString, qint64>> m_remoteSizes; ///< pack id -> object size, listed once
    QSet<QString> m_remoteChunksDone; ///< remote chunks this run fetched and hashed already
    qint64 m_bytesChecked = 0;
};

} // namespace hubvault
