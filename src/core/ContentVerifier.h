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

namespace hubvault {

class RepoSession;

class ContentVerifier {
public:
    ContentVerifier(RepoSession &session, const TaskControl &task) : m_session(session), m_task(task) {}

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
    void progress(qint64 bytes);

    RepoSession &m_session;
    const TaskControl &m_task;
    VerifiedRanges m_thisRun{1 << 22};
    qint64 m_bytesChecked = 0;
};

} // namespace hubvault
