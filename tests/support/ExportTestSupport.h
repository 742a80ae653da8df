#pragma once
// Helpers of the suites that check an exported revision (tst_snapshot_exporter,
// tst_export_dialog): what a folder holds and what the export must contain.

#include <hubvault/Repository.h>

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QString>
#include <QStringList>

namespace hubvault::test {

/** name → content of every file under `root`. */
inline QMap<QString, QByteArray> readFolder(const QString &root)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        QFile f(file);
        if (f.open(QIODevice::ReadOnly))
            out.insert(QDir(root).relativeFilePath(file), f.readAll());
    }
    return out;
}

/** What the export of `base` (a folder, "" = everything) of `revision` must contain. */
inline QMap<QString, QByteArray> expectedFiles(const Repository &repo, const QString &base, const QString &revision = {})
{
    QMap<QString, QByteArray> out;
    for (const RepoEntry &entry : repo.listRepoTree(base, true, revision))
        if (!entry.isFolder)
            out.insert(base.isEmpty() ? entry.file.path : entry.file.path.mid(base.size() + 1),
                       repo.readBytes(entry.file.path, revision));
    return out;
}

/** Names of the entries of `dir` (hidden included), in QDir's order: "no leftovers" checks. */
inline QStringList folderEntries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
}

} // namespace hubvault::test
