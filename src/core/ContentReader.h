#pragma once
// Reads file content out of whole-blob storage (objects/blobs/**.data) and chunked
// storage (packs + chunk_visible) for callers: every byte handed out has been checked
// against its recorded SHA-256 in this process (docs/format.md §5.2, §5.7), so damage is an
// IntegrityError, never wrong bytes. Bytes verified once are not hashed again
// (VerifiedRanges); chunks ahead of a sequential reader are verified on every core
// (ChunkPipeline). Reads check each chunk against the chunk list of a file object whose
// id checks out, instead of re-hashing the whole file: docs/format-differences.md ("Verify once").
// Verification proper (quick/full verify) is ContentVerifier's job.

#include <hubvault/Progress.h>
#include "MetadataStore.h"
#include "ObjectModel.h"

#include <QByteArray>
#include <QFile>
#include <QIODevice>
#include <memory>

namespace hubvault {

namespace objectstore {
class PackStorage;
}

class RepoSession;
class Env;
class StoredRange;

/** Where one chunk of a chunked file lives, resolved from chunk_visible. */
struct ChunkLocation {
    ChunkRef ref;
    QString packId;
    qint64 offset = 0;
    std::shared_ptr<const objectstore::PackStorage> packs; ///< where the pack is (never null)
};

class ContentReader {
public:
    explicit ContentReader(RepoSession &session) : m_session(session) {}

    /** Whole content. */
    QByteArray readAll(const FilePayload &file);
    /** Bytes [start, start+length) clipped to the file; only overlapping chunks are read. */
    QByteArray readRange(const FilePayload &file, qint64 start, qint64 length);
    /**
     * Streams the content into `out` in bounded blocks, verifying as it goes; throws
     * IntegrityError (possibly after writing some bytes) when the data is damaged, so
     * callers write to a temporary file and publish it only on success.
     */
    void copyTo(const FilePayload &file, QIODevice &out, const TaskControl &task = {}, qint64 doneBefore = 0,
                qint64 total = 0);
    /** copyTo for an open file: bytes verified earlier are copied by the kernel. */
    void copyToFile(const FilePayload &file, QFile &out, const TaskControl &task = {}, qint64 doneBefore = 0,
                    qint64 total = 0);
    /** A read-only stream that does not need the session after it is returned. */
    std::unique_ptr<QIODevice> openStream(const FilePayload &file);

    /**
     * Resolves the chunks of a chunked file that overlap [start, end) (all by default)
     * against chunk_visible, after checking the chunk list itself (§5.7).
     */
    QList<ChunkLocation> locateChunks(const FilePayload &file, qint64 start = 0, qint64 end = -1);
    /** One chunk's verified bytes (size and checksum). */
    static QByteArray readChunk(const ChunkLocation &location);

    /** Those of `chunkIds` that chunk_visible holds, in the order given. */
    QStringList storedChunkIds(const QStringList &chunkIds);
    /** A stored chunk's verified bytes by id; EntryNotFoundError when chunk_visible has no row. */
    QByteArray readStoredChunk(const QString &chunkId);

    /** Path of a whole-blob file's .data, after checking its blob payload. */
    QString blobDataPath(const FilePayload &file, BlobPayload *blobOut = nullptr);

private:
    /** The blob's data file, checked against what the file object records. */
    StoredRange openBlob(const FilePayload &file);
    /** Hands verified blocks of the content to `sink` in order. */
    void forEachBlock(const FilePayload &file, const std::function<void(const QByteArray &)> &sink,
                      const TaskControl &task, qint64 doneBefore, qint64 total);

    RepoSession &m_session;
};

} // namespace hubvault
