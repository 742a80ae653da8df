#include <hubvault/FolderUpload.h>

#include <hubvault/Errors.h>
#include <hubvault/FnMatch.h>

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <algorithm>

namespace hubvault {

QList<CommitOperation> FolderUpload::operations(const QString &folder, const QString &prefix,
                                               const std::optional<QStringList> &allow,
                                               const std::optional<QStringList> &ignore)
{
    const QFileInfo root(folder);
    if (!root.isDir())
        throw HubVaultValidationError(QStringLiteral("cannot upload %1: not a directory").arg(folder));
    QStringList relatives;
    QDirIterator it(root.absoluteFilePath(), QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString rel = QDir(root.absoluteFilePath()).relativeFilePath(file);
        if (allow && !FnMatch::matchAny(rel, *allow))
            continue;
        if (ignore && FnMatch::matchAny(rel, *ignore))
            continue;
        relatives.append(rel);
    }
    std::sort(relatives.begin(), relatives.end());
    QList<CommitOperation> ops;
    for (const QString &rel : relatives)
        ops.append(CommitOperation::addFile(prefix.isEmpty() ? rel : prefix + QLatin1Char('/') + rel,
                                            root.absoluteFilePath() + QLatin1Char('/') + rel));
    return ops;
}

} // namespace hubvault
