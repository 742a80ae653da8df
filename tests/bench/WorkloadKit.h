#pragma once
// The measuring helpers of Workloads.cpp for workload groups kept in their own files
// (S3Workloads.cpp): timing with CPU time and peak RSS, building rows, and running one
// selected row so that an exception becomes an error row.

#include "Report.h"
#include "Workloads.h"

#include <QString>
#include <functional>

namespace bench {

struct Measured {
    double seconds = 0;
    double cpuSeconds = -1;
    double peakRssMiB = -1;
};

/** Times `body` after syncfs() and malloc_trim(), with CPU time and the peak RSS of the call. */
Measured measureCall(const std::function<void()> &body);
/** A measured row (workload and unit names are filled in by runRow). */
Row makeRow(qint64 amount, bool bytes, const Measured &m, const QString &baselineName = {}, double baselineSeconds = -1,
            const QString &note = {});
/** Runs `body` when `name` is selected, prints and emits its row; an exception becomes an error row. */
void runRow(UnitContext &ctx, const QString &unit, const QString &name, const std::function<Row()> &body);
/** A progress line on stderr, indented like the rest of a unit's output. */
void progress(const QString &text);
/** Forgets every byte range this process has verified (the next read is a first read). */
void forgetVerifiedRanges();
/** Deletes a file or a whole folder (never following a symlinked folder). */
void removePath(const QString &path);
/** Throws std::runtime_error("check failed: what") unless `condition`. */
void check(bool condition, const QString &what);

} // namespace bench
