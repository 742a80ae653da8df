#pragma once
// Test data made on the spot: a fast xorshift64* generator fills buffers with
// incompressible bytes, written to files once per run and reused by every workload
// (under <root>/data, kept until the run ends).

#include <QString>
#include <QStringList>
#include <cstdint>

namespace bench {

class XorShift {
public:
    explicit XorShift(uint64_t seed) : m_state(seed ? seed : 0x9E3779B97F4A7C15ULL) {}
    uint64_t next()
    {
        m_state ^= m_state >> 12;
        m_state ^= m_state << 25;
        m_state ^= m_state >> 27;
        return m_state * 0x2545F4914F6CDD1DULL;
    }
    /** Uniform in [lo, hi] (hi - lo much smaller than 2^64). */
    qint64 between(qint64 lo, qint64 hi) { return lo + qint64(next() % uint64_t(hi - lo + 1)); }
    void fill(char *data, qint64 size);

private:
    uint64_t m_state;
};

/** A file tree of small files, as laid out on disk. */
struct SmallTree {
    QString root;          ///< absolute directory
    QStringList relPaths;  ///< sorted, '/'-separated
    qint64 totalBytes = 0;
};

namespace DataGen {

/** Writes `size` random bytes to `path` (replacing it). Throws std::runtime_error. */
void writeRandomFile(const QString &path, qint64 size, uint64_t seed);
/** `path` holding `size` random bytes, created once (a `.done` marker says it is complete). */
QString ensureRandomFile(const QString &path, qint64 size, uint64_t seed);
/**
 * The small-file tree of `count` files under `dir` (gNN/dNNN/fNNNNN.bin, `perDir`
 * files per leaf, ten leaves per group), sizes uniform in [minBytes, maxBytes]; made
 * once and described on later calls.
 */
SmallTree ensureSmallTree(const QString &dir, int count, int perDir, int minBytes, int maxBytes);
/**
 * Copies the first `size` bytes of `source` to `target`, inserting 13 bytes at size/3
 * and flipping 64 bytes at 2*size/3: a light edit that shifts everything after the
 * insertion, which content-defined chunking must absorb.
 */
void writeEditedCopy(const QString &source, const QString &target, qint64 size);
/** Copies the first `size` bytes of `source` to `target`. */
void writePrefixCopy(const QString &source, const QString &target, qint64 size);
/**
 * Writes back every dirty page of the filesystem holding `path` (syncfs), so the next
 * measurement does not pay for data an earlier step left in the page cache: on ext4 an
 * fsync commits the journal and may have to write other files' data first. Page-cache
 * contents stay (nothing is dropped). `path` is remembered for later calls without one.
 */
void settle(const QString &path = {});
/** Total bytes of regular files under `dir` (recursive, symlinks not followed). */
qint64 treeBytes(const QString &dir);
/** Number of regular files under `dir`. */
qint64 treeFiles(const QString &dir);

} // namespace DataGen

} // namespace bench
