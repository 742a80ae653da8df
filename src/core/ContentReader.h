#pragma once
// Reads file content out of whole-blob storage (objects/blobs/**.data) and chunked
// storage (packs + chunk_visible), checking every byte against its recorded hashes
// (FORMAT.md §5.2, §5.7) so damage is an IntegrityError, never wrong bytes.

#include "MetadataStore.h"
#include "ObjectModel.h"
#include "Progress.h"

#include <QByteArray>
#include <QIODevice>
#include <memory>

namespace hubvault {

class RepoSession;
class Env;

/** Where one chunk of a chunked file lives, resolved from chunk_visible. */
struct ChunkLocation {
    ChunkRef ref;
    QString packPath;
    qint64 offset = 0;
};

class ContentReader {
public:
    explicit ContentReader(RepoSession &session) : m_session(session) {}

    /** Whole content, fully verified (size, sha256, git/pointer OID). */
    QByteArray readAll(const FilePayload &file);
    /** Bytes [start, start+length) clipped to the file; overlapping chunks verified. */
    QByteArray readRange(const FilePayload &file, qint64 start, qint64 length);
    /**
     * Streams the content into `out` in bounded blocks, verifying as it goes; throws
     * IntegrityError (after writing some bytes) when the data is damaged, so callers
     * write to a temporary file and publish it only on success.
     */
    void copyTo(const FilePayload &file, QIODevice &out, const TaskControl &task = {}, qint64 doneBefore = 0,
                qint64 total = 0);
    /** A read-only stream that does not need the session after it is returned. */
    std::unique_ptr<QIODevice> openStream(const FilePayload &file);

    /**
     * Resolves the chunks of a chunked file that overlap [start, end) (all by default)
     * against chunk_visible, with the §5.7 consistency checks.
     */
    QList<ChunkLocation> locateChunks(const FilePayload &file, qint64 start = 0, qint64 end = -1);
    /** Reads one chunk from its pack and checks size and checksum. */
    static QByteArray readChunk(const Env &env, const ChunkLocation &location);
    /** Reads `size` bytes at `offset` of a pack after checking its magic and bounds. */
    static QByteArray readPackBytes(const Env &env, const QString &packPath, qint64 offset, qint64 size);

    /** Path of a whole-blob file's .data, after checking its blob payload. */
    QString blobDataPath(const FilePayload &file, BlobPayload *blobOut = nullptr);

private:
    RepoSession &m_session;
};

} // namespace hubvault
