#pragma once
// What a merge would do, computed without writing anything: the core's previewMerge plus,
// for each conflict, both sides' and the base's size and sha256 (getPathsInfo at the base
// commit, the target head and the source head) and a line diff of each side against the
// base for text files below a size bound. Blocking; run it on a worker.

#include <hubvault/Options.h>
#include <hubvault/Models.h>

#include <QList>
#include <QString>

namespace hubvault::app {

/** One version of a conflicting path: absent, or a file with its identity. */
struct MergeSide {
    bool present = false;
    qint64 size = 0;
    QString sha256;
    QString oid;
};

struct MergeConflictDetail {
    MergeConflict conflict;
    MergeSide base;
    MergeSide target;
    MergeSide source;
    QString targetDiff; ///< target against base: a unified diff, or a note (binary, too large, unchanged)
    QString sourceDiff; ///< source against base
};

struct MergePreview {
    MergeResult result;
    QList<MergeConflictDetail> conflicts;
    QString defaultMessage; ///< what the core writes when the message is left alone
};

/** Files at or above this size are not read for a diff. */
constexpr qint64 kMergeDiffMaxBytes = 1 << 20;

/** Computes the preview of merging `source` into branch `target`. Throws core errors. */
MergePreview computeMergePreview(const QString &repoPath, const QString &source, const QString &target);

/** The merge commit title the core uses by default (MergeEngine). */
QString defaultMergeMessage(const QString &source, const QString &target);

} // namespace hubvault::app
