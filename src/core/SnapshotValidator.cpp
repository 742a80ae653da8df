#include "SnapshotValidator.h"

#include <hubvault/Errors.h>

#include <QHash>
#include <QSet>
#include <algorithm>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

namespace hubvault {

QString SnapshotValidator::caseFold(const QString &text)
{
    // Full folding can grow a string (ß -> ss, ﬃ -> ffi): at most 3x in UTF-16.
    QString out(text.size() * 3 + 1, Qt::Uninitialized);
    UErrorCode status = U_ZERO_ERROR;
    const int32_t n = u_strFoldCase(reinterpret_cast<UChar *>(out.data()), int32_t(out.size()),
                                    reinterpret_cast<const UChar *>(text.constData()), int32_t(text.size()),
                                    U_FOLD_CASE_DEFAULT, &status);
    if (U_FAILURE(status))
        return text.toCaseFolded();
    out.truncate(n);
    return out;
}

QList<PathConflict> SnapshotValidator::findConflicts(QStringList paths)
{
    std::sort(paths.begin(), paths.end(), [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
    QList<PathConflict> fileDir, caseFolds;
    QHash<QString, QString> firstBelow; // directory -> first path below it (sorted order)
    QHash<QString, QString> folded;     // parent + "\0" + folded leaf -> earlier path
    for (const QString &path : std::as_const(paths)) {
        qsizetype slash = -1;
        while ((slash = path.indexOf(QLatin1Char('/'), slash + 1)) >= 0) {
            if (!firstBelow.contains(path.left(slash)))
                firstBelow.insert(path.left(slash), path);
        }
        const qsizetype last = path.lastIndexOf(QLatin1Char('/'));
        const QString key = path.left(qMax<qsizetype>(last, 0)) + QChar(0) + caseFold(path.mid(last + 1));
        const auto it = folded.constFind(key);
        if (it == folded.constEnd())
            folded.insert(key, path);
        else if (*it != path)
            caseFolds.append({QStringLiteral("case-fold"), *it, path});
    }
    for (const QString &path : std::as_const(paths)) {
        if (firstBelow.contains(path))
            fileDir.append({QStringLiteral("file/directory"), path, firstBelow.value(path)});
    }
    return fileDir + caseFolds;
}

void SnapshotValidator::validate(const QStringList &paths)
{
    const QList<PathConflict> conflicts = findConflicts(paths);
    if (conflicts.isEmpty())
        return;
    const PathConflict &c = conflicts.first();
    if (c.kind == QLatin1String("case-fold"))
        throw ConflictError(QStringLiteral("case-insensitive path conflict: %1 and %2 differ only by case; rename one of them")
                                .arg(c.path, c.relatedPath));
    throw ConflictError(QStringLiteral("file and directory paths conflict: %1 is a file but %2 needs it to be a folder")
                            .arg(c.path, c.relatedPath));
}

} // namespace hubvault
