#pragma once
// The process-wide record of stored bytes already checked against their hashes: "the
// bytes [offset, offset+length) of this exact file version hash to this SHA-256". Reads
// consult it so repeated range reads, previews, diffs and server requests do not hash the
// same bytes again, and a whole-blob file verified once is then read by range without
// hashing all of it. Keys hold the file's identity (device, inode, size, mtime, ctime),
// so a file that is rewritten, replaced or renamed over (gc's new packs) never matches an
// old record. Bounded: the oldest records are forgotten first (two generations).
// docs/format-differences.md ("Verify once") gives the argument and its limits.

#include "RandomAccessFile.h"

#include <QByteArrayView>
#include <array>
#include <mutex>
#include <unordered_set>

namespace hubvault {

class VerifiedRanges {
public:
    /** Raw SHA-256 digest. */
    using Digest = std::array<unsigned char, 32>;

    static VerifiedRanges &instance();

    explicit VerifiedRanges(size_t capacity = 1 << 18);

    /** True when exactly this range of this file version was recorded with `digest`. */
    bool contains(const FileIdentity &file, qint64 offset, qint64 length, const Digest &digest);
    void insert(const FileIdentity &file, qint64 offset, qint64 length, const Digest &digest);
    /** Forgets everything (benchmarks measure first reads; tests start clean). */
    void clear();
    size_t size();

    /** Parses "sha256:<hex>" or bare lowercase hex into `out`; false for anything else. */
    static bool parseDigest(QByteArrayView text, Digest *out);
    static bool parseDigest(const QString &text, Digest *out);

private:
    struct Key {
        FileIdentity file;
        qint64 offset;
        qint64 length;
        Digest digest;
        bool operator==(const Key &other) const = default;
    };
    struct KeyHash {
        size_t operator()(const Key &key) const;
    };

    std::mutex m_mutex;
    size_t m_generationSize;
    // Lookups check both; a hit in the old generation is promoted. When the current one
    // fills up it becomes the old one, so memory stays within twice the generation size.
    std::unordered_set<Key, KeyHash> m_current, m_previous;
};

} // namespace hubvault
