#pragma once
// One stretch of stored bytes with the SHA-256 they must have: a chunk inside a pack
// (docs/format.md §5.5, §5.7) or the whole .data file of a blob (§3.2). Opening checks what
// can be checked without hashing (the pack exists, starts with its magic, holds the
// range). Reading either trusts a record of verified ranges, or hashes the bytes,
// compares and records them. Ordinary reads consult the process-wide record, so each
// stored byte is hashed once per process; quick and full verify consult a record of
// their own run, so they hash every stored byte again, but only once per run.

#include <hubvault/Progress.h>
#include "Env.h"
#include "RandomAccessFile.h"
#include "VerifiedRanges.h"

#include <QByteArray>
#include <functional>
#include <memory>

namespace hubvault {

struct ChunkLocation;

class StoredRange {
public:
    /**
     * The chunk at `location`; throws IntegrityError when its pack cannot hold it.
     * `record` says what is verified already (VerifiedRanges::instance() for reads).
     */
    static StoredRange chunk(const ChunkLocation &location, VerifiedRanges &record);
    /** A blob's data file of `size` bytes whose SHA-256 is `payloadSha256`. */
    static StoredRange blob(const Env &env, const QString &dataPath, qint64 size, const QString &payloadSha256,
                            VerifiedRanges &record);

    /** The bytes are known to be right: no hashing needed to hand them out. */
    bool isVerified() const { return m_verified; }
    qint64 length() const { return m_length; }
    const RandomAccessFile &file() const { return *m_file; }
    qint64 offset() const { return m_offset; }

    /**
     * Hashes the bytes and checks them unless they are verified already; throws
     * IntegrityError. Reads through a small per-thread buffer, so verifying needs no
     * memory of the range's size: callers read the verified bytes afterwards with
     * readSlice() or copy them with file().copyTo().
     */
    void verify();
    /**
     * verify(), writing the bytes into `outFd` at `outOffset` on the way (pwrite of the
     * block just hashed), or letting the kernel copy them when they are verified already.
     */
    void verifyInto(int outFd, qint64 outOffset);
    /** verify(), then all the bytes. */
    QByteArray readVerified();
    /** Bytes [from, from+length) of the range, as stored (callers check isVerified()). */
    QByteArray readSlice(qint64 from, qint64 length) const;
    void readSlice(qint64 from, qint64 length, char *out) const;
    /**
     * Hands the bytes to `sink` in blocks of at most `block` bytes as they are read, hashing
     * them on a second thread meanwhile (unless verified), then checks the digest: for
     * ranges too big to hold (whole blobs). Throws IntegrityError after the last block when
     * the bytes were wrong, so sinks must treat what they got as provisional until then.
     */
    void stream(const std::function<void(const QByteArray &)> &sink, const TaskControl &task = {},
                qint64 block = 256 << 10);
    /** Records the range as verified, in the given record and the process-wide one. */
    void markVerified();
    /**
     * For callers that hashed the range's bytes themselves: records it as verified when
     * `rawSha256` is its digest, else throws IntegrityError.
     */
    void checkDigest(const QByteArray &rawSha256);

    /** Describes the range in errors: "chunk <id> in <pack>" or "blob data <path>". */
    QString label() const;

private:
    StoredRange(std::shared_ptr<RandomAccessFile> file, qint64 offset, qint64 length,
                const VerifiedRanges::Digest &digest, QString chunkId, VerifiedRanges &record);
    [[noreturn]] void mismatch() const;

    VerifiedRanges *m_record;
    std::shared_ptr<RandomAccessFile> m_file;
    qint64 m_offset = 0;
    qint64 m_length = 0;
    VerifiedRanges::Digest m_digest{};
    QString m_chunkId; ///< empty for a blob's data file; messages are built only when needed
    bool m_verified = false;
};

} // namespace hubvault
