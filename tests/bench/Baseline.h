#pragma once
// Plain-filesystem baselines: the same bytes or items as a workload, moved with the
// simplest tool the OS offers, measured in the same run. Each function returns seconds.

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
/** Recursive directory walk with a stat of every entry; `entries` gets the count. */
double walkTree(const QString &root, qint64 *entries = nullptr);
/** `cp [-r] source target` through QProcess (spawn included). Throws when cp fails. */
double cp(const QString &source, const QString &target, bool recursive = false);

} // namespace Baseline

} // namespace bench
