#pragma once
// Structural rules every committed snapshot obeys (docs/format.md §11.2): no path is also a
// directory of another, and no two names in one directory differ only by full Unicode
// case folding (Python's str.casefold: "Straße" and "STRASSE" collide).

#include <QString>
#include <QStringList>

namespace hubvault {

/** A structural conflict: `path` collides with `relatedPath`. */
struct PathConflict {
    QString kind; ///< "file/directory" or "case-fold"
    QString path;
    QString relatedPath;
};

class SnapshotValidator {
public:
    /**
     * Every structural conflict of a snapshot, file/directory ones first (the file and
     * the first path below it), then case-fold ones (the earlier name and the later).
     */
    static QList<PathConflict> findConflicts(QStringList paths);
    /** Throws ConflictError naming the two colliding paths. */
    static void validate(const QStringList &paths);
    /** Full Unicode case folding (ICU u_strFoldCase, like Python's casefold()). */
    static QString caseFold(const QString &text);
};

} // namespace hubvault
