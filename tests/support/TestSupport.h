#pragma once
// Helpers shared by the test suites: where the hubvault 0.0.2 fixtures are, and a
// writable copy of one (fixtures are read-only and must never be modified in place).

#include <hubvault/Errors.h>
#include <hubvault/Models.h>

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QString>

namespace hubvault {

// QCOMPARE prints the public enums by their wire names (found by argument-dependent lookup).
inline char *toString(ChangeKind v) { return qstrdup(qPrintable(wireName(v))); }
inline char *toString(MergeStatus v) { return qstrdup(qPrintable(wireName(v))); }
inline char *toString(ReclaimStrategy v) { return qstrdup(qPrintable(wireName(v))); }
inline char *toString(StorageKind v) { return qstrdup(qPrintable(wireName(v))); }
inline char *toString(ErrorKind v) { return qstrdup(qPrintable(QStringLiteral("%1 (%2)").arg(errorKindName(v)).arg(int(v)))); }

} // namespace hubvault

namespace hubvault::test {

inline QString fixturesDir() { return QStringLiteral(HUBVAULT_FIXTURES_DIR); }

inline QString fixturePath(const QString &name) { return fixturesDir() + QLatin1Char('/') + name; }

/** Bytes of the regular files below `dir` (hidden ones included). */
inline qint64 directorySize(const QString &dir)
{
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

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

/** `<fixture>.manifest.json` of the hubvault 0.0.2 fixtures ({} if missing). */
inline QJsonObject fixtureManifest(const QString &fixture)
{
    QFile file(fixturePath(fixture + QStringLiteral(".manifest.json")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

/** sha256 hex of a file's content ("" if it cannot be read). */
inline QByteArray sha256File(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

/** Writes `data` to `path` (parent folders created); false on any failure. */
inline bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

/** det_bytes(label, n) of the fixture generator: concat(sha256(f"{label}:{i}")) cut to n. */
inline QByteArray detBytes(const QString &label, qint64 n)
{
    QByteArray out;
    out.reserve(n + 32);
    for (qint64 i = 0; out.size() < n; ++i)
        out += QCryptographicHash::hash((label + QLatin1Char(':') + QString::number(i)).toUtf8(), QCryptographicHash::Sha256);
    out.truncate(n);
    return out;
}

} // namespace hubvault::test

// `expr` must throw `Kind` (a hubvault error class) with a message; any other HubVaultError
// fails the test with its kind and message. Needs <QTest> and "Errors.h" where it is used.
#define EXPECT_THROW_KIND(expr, Kind)                                                                             \
    do {                                                                                                          \
        try {                                                                                                     \
            (void)(expr);                                                                                         \
            QFAIL("no " #Kind " from " #expr);                                                                    \
        } catch (const Kind &e) {                                                                                 \
            QVERIFY(!e.message().isEmpty());                                                                      \
        } catch (const ::hubvault::HubVaultError &e) {                                                            \
            QFAIL(qPrintable(QStringLiteral("expected " #Kind " from " #expr ", got %1: %2").arg(e.kind(), e.message()))); \
        }                                                                                                         \
    } while (false)

#define EXPECT_INTEGRITY_ERROR(expr) EXPECT_THROW_KIND(expr, IntegrityError)
