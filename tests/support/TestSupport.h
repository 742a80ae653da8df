#pragma once
// Helpers shared by the test suites: where the hubvault 0.0.2 fixtures are, and a
// writable copy of one (fixtures are read-only and must never be modified in place).

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QString>

namespace hubvault::test {

inline QString fixturesDir() { return QStringLiteral(HUBVAULT_FIXTURES_DIR); }

inline QString fixturePath(const QString &name) { return fixturesDir() + QLatin1Char('/') + name; }

/** Recursively copies `source` to `target` (created), dropping read-only bits. */
inline bool copyTree(const QString &source, const QString &target)
{
    if (!QDir().mkpath(target))
        return false;
    QDirIterator it(source, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString rel = QDir(source).relativeFilePath(from);
        const QString to = target + QLatin1Char('/') + rel;
        if (it.fileInfo().isDir()) {
            if (!QDir().mkpath(to))
                return false;
        } else {
            QDir().mkpath(QFileInfo(to).absolutePath());
            if (!QFile::copy(from, to))
                return false;
            QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        }
    }
    return true;
}

/** Copies fixture `name` into `parentDir/name` and returns the new path ("" on failure). */
inline QString copyFixture(const QString &name, const QString &parentDir)
{
    const QString target = parentDir + QLatin1Char('/') + name;
    return copyTree(fixturePath(name), target) ? target : QString();
}

/** sha256 hex of every regular file under `root`, keyed by relative path. */
inline QMap<QString, QByteArray> treeDigest(const QString &root)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        QCryptographicHash h(QCryptographicHash::Sha256);
        h.addData(&f);
        out.insert(QDir(root).relativeFilePath(file), h.result().toHex());
    }
    return out;
}

} // namespace hubvault::test
