#include "SnapshotValidator.h"

#include "Errors.h"

#include <QHash>
#include <QSet>
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

void SnapshotValidator::validate(const QStringList &paths)
{
    QSet<QString> files(paths.cbegin(), paths.cend());
    QHash<QString, QString> directories; // directory -> one path below it
    QHash<QString, QString> folded;      // parent + "\0" + folded leaf -> leaf path
    for (const QString &path : paths) {
        qsizetype slash = -1;
        while ((slash = path.indexOf(QLatin1Char('/'), slash + 1)) >= 0)
            directories.insert(path.left(slash), path);
        const qsizetype last = path.lastIndexOf(QLatin1Char('/'));
        const QString key = path.left(qMax<qsizetype>(last, 0)) + QChar(0) + caseFold(path.mid(last + 1));
        const auto it = folded.constFind(key);
        if (it != folded.constEnd() && *it != path)
            throw ConflictError(QStringLiteral("case-insensitive path conflict: %1 and %2 differ only by case; "
                                               "rename one of them")
                                    .arg(*it, path));
        folded.insert(key, path);
    }
    for (auto it = directories.cbegin(); it != directories.cend(); ++it) {
        if (files.contains(it.key()))
            throw ConflictError(QStringLiteral("file and directory paths conflict: %1 is a file but %2 needs it to be a folder")
                                    .arg(it.key(), it.value()));
    }
}

} // namespace hubvault
