#pragma once
// Plain-filesystem baselines: the same bytes or items as a workload, moved with the
// simplest tool the OS offers, measured in the same run. Each function returns seconds.
// The hash limits (sha256OneCore, sha256AllCores, cdcScan) measure what the core's own
// hashing and chunking code costs on the same bytes: no verified read or upload can be
// faster than the hashing it has to do.

#include <QList>
#include <QString>
#include <QStringList>

namespace bench {

namespace Baseline {

/** Reads `source` and writes it to `target` in 4 MiB blocks, then fsyncs `target`. */
double writeFsync(const QString &source, const QString &target);
/** writeFsync for each `root/relPaths[i]` into the same layout under `targetRoot`. */
double writeFsyncFiles(const QString &root, const QStringList &relPaths, const QString &targetRoot);
/** Writes `count` small files (`bytes` each) into `dir`, fsyncing each one. */
double smallWritesFsync(const QString &dir, int count, int bytes);
/** Reads the whole file sequentially in 4 MiB blocks. */
double sequentialRead(const QString &path);
/** pread()s `length` bytes at each offset. */
double randomReads(const QString &path, const QList<qint64> &offsets, qint64 length);
/** Reads every `root/relPaths[i]` whole. */
double readFiles(const QString &root, const QStringList &relPaths);
/**
 * `threads` threads at once, each reading every `root/relPaths[i]` whole (QFile::readAll),
 * thread t starting at file t * count / threads and wrapping around.
 */
double readFilesConcurrently(const QString &root, const QStringList &relPaths, int threads);
/** Recursive directory walk with a stat of every entry; `entries` gets the count. */
double walkTree(const QString &root, qint64 *entries = nullptr);
/** `cp [-r] source target` through QProcess (spawn included). Throws when cp fails. */
double cp(const QString &source, const QString &target, bool recursive = false);

/** A byte range of a file. */
struct ByteRange {
    qint64 offset = 0;
    qint64 length = 0;
};

/**
 * pread()s the whole file in 4 MiB blocks and SHA-256es it as one stream on this thread
 * (hubvault::Hash, OpenSSL EVP): the floor of anything that hashes the file once in order.
 */
double sha256OneCore(const QString &path);
/** The same for the given ranges, each hashed as its own stream, one after the other. */
double sha256OneCore(const QString &path, const QList<ByteRange> &ranges);
/**
 * The file split into independent 4 MiB blocks, hashed by `threads` threads (default
 * std::thread::hardware_concurrency()), each pread()ing and hashing its own blocks: what
 * verifying chunks on every core can reach.
 */
double sha256AllCores(const QString &path, int threads = 0);
/**
 * The FastCDC boundary scan alone (hubvault::FastCdcChunker::nextCut over a window of
 * more than kMaxSize bytes, like the upload path), single thread. `chunks` gets the
 * number of chunks found.
 */
double cdcScan(const QString &path, qint64 *chunks = nullptr);
/** std::thread::hardware_concurrency(), at least 1. */
int cores();

} // namespace Baseline

} // namespace bench
