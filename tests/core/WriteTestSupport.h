#pragma once
// Helpers shared by the write-path suites (tst_fastcdc, tst_commit_write,
// tst_write_safety, tst_crash_recovery and its helper process): the PRNG test data of
// docs/format.md §3.7/§5.3, read-only SQL access to a repository's metadata.sqlite3, and a
// digest of a repository's truth for "nothing changed" checks.

#include "SqlTestSupport.h"
#include "TestSupport.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QMap>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QtEndian>

#include <atomic>

#include <hubvault/CommitOperation.h>
#include "FastCdcChunker.h"

namespace hubvault::test {

/** PRNG(n) of docs/format.md §3.7 E5: concat SHA256("hubvault" || uint64_be(i)), cut to n bytes. */
inline QByteArray prng(qint64 n, const QByteArray &seed = QByteArrayLiteral("hubvault"))
{
    QByteArray out;
    out.reserve(n + 32);
    QByteArray input = seed;
    input.append(8, '\0');
    for (quint64 i = 0; out.size() < n; ++i) {
        qToBigEndian<quint64>(i, input.data() + seed.size());
        out.append(QCryptographicHash::hash(input, QCryptographicHash::Sha256));
    }
    out.truncate(n);
    return out;
}

/** (offset, length) of every FastCDC chunk of `data` (docs/format.md §5.3). */
inline QList<QPair<qint64, qint64>> cdcChunks(const QByteArray &data)
{
    QList<QPair<qint64, qint64>> out;
    const auto *bytes = reinterpret_cast<const uint8_t *>(data.constData());
    qint64 pos = 0;
    while (pos < data.size()) {
        const qint64 cut = hubvault::FastCdcChunker::nextCut(bytes + pos, data.size() - pos);
        if (cut <= 0)
            break;
        out.append({pos, cut});
        pos += cut;
    }
    return out;
}

inline QString sha256Hex(QByteArrayView data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

/** Runs one SELECT on a repository's database (its own short-lived connection). */
inline QList<QVariantList> sqlRows(const QString &repo, const QString &sql)
{
    return sqlQueryRows(repo + QStringLiteral("/metadata.sqlite3"), sql);
}

inline qint64 sqlCount(const QString &repo, const QString &table, const QString &where = {})
{
    const auto rows = sqlRows(repo, QStringLiteral("SELECT COUNT(*) FROM ") + table
                                        + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where));
    return rows.isEmpty() ? -1 : rows.first().value(0).toLongLong();
}

/** All rows of refs and reflog as text, for "refs unchanged" comparisons. */
inline QStringList refsAndReflog(const QString &repo)
{
    QStringList out;
    for (const auto &row : sqlRows(repo, QStringLiteral("SELECT ref_kind, ref_name, commit_id, updated_at FROM refs ORDER BY 1, 2")))
        out.append(QStringLiteral("ref ") + row.value(0).toString() + QLatin1Char(' ') + row.value(1).toString()
                   + QLatin1Char(' ') + row.value(2).toString() + QLatin1Char(' ') + row.value(3).toString());
    for (const auto &row : sqlRows(repo, QStringLiteral("SELECT seq, ref_name, new_head, message FROM reflog ORDER BY seq")))
        out.append(QStringLiteral("log ") + row.value(0).toString() + QLatin1Char(' ') + row.value(1).toString()
                   + QLatin1Char(' ') + row.value(2).toString() + QLatin1Char(' ') + row.value(3).toString());
    return out;
}

/**
 * sha256 of every file of the repository's truth (FORMAT, metadata.sqlite3 and its
 * journal, objects/, chunks/), keyed by relative path: equal before and after means a
 * failed write left nothing behind that a reader could see.
 */
inline QMap<QString, QByteArray> truthDigest(const QString &repo)
{
    QMap<QString, QByteArray> out;
    for (const QString &file : {QStringLiteral("FORMAT"), QStringLiteral("metadata.sqlite3"),
                                QStringLiteral("metadata.sqlite3-journal")}) {
        QFile f(repo + QLatin1Char('/') + file);
        if (f.open(QIODevice::ReadOnly))
            out.insert(file, QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
    }
    for (const QString &dir : {QStringLiteral("objects"), QStringLiteral("chunks")}) {
        const auto sub = treeDigest(repo + QLatin1Char('/') + dir);
        for (auto it = sub.cbegin(); it != sub.cend(); ++it)
            out.insert(dir + QLatin1Char('/') + it.key(), it.value());
    }
    return out;
}

/** Names of the entries of `dir` (files and directories, hidden included), sorted. */
inline QStringList entriesOf(const QString &dir)
{
    QStringList names = QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
    names.sort();
    return names;
}

/** Pack files of a repository (names), sorted. */
inline QStringList packFiles(const QString &repo)
{
    QStringList names = QDir(repo + QStringLiteral("/chunks/packs")).entryList({QStringLiteral("*.pack")}, QDir::Files);
    names.sort();
    return names;
}

inline qint64 totalPackBytes(const QString &repo)
{
    qint64 total = 0;
    for (const QString &name : packFiles(repo))
        total += QFileInfo(repo + QStringLiteral("/chunks/packs/") + name).size();
    return total;
}

/** Number of blob .data files under objects/blobs. */
inline int dataFileCount(const QString &repo)
{
    int count = 0;
    QDirIterator it(repo + QStringLiteral("/objects/blobs"), {QStringLiteral("*.data")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++count;
    }
    return count;
}

/**
 * The commit tst_crash_recovery interrupts (in hubvault-crash-helper) and then redoes:
 * a two-chunk file, two whole blobs, a delete and a copy. It expects a repository seeded
 * with seed/keep.txt and seed/remove-me.txt and a threshold of at most 6 MiB.
 */
inline QList<hubvault::CommitOperation> crashScenarioOperations()
{
    using hubvault::CommitOperation;
    return {CommitOperation::addBytes(QStringLiteral("large/model.bin"), prng(6291456)),
            CommitOperation::addBytes(QStringLiteral("small/a.txt"), "crash test a\n"),
            CommitOperation::addBytes(QStringLiteral("small/b.txt"), prng(5000, "crash small b")),
            CommitOperation::remove(QStringLiteral("seed/remove-me.txt")),
            CommitOperation::copy(QStringLiteral("seed/keep.txt"), QStringLiteral("small/copied.txt"))};
}

} // namespace hubvault::test
