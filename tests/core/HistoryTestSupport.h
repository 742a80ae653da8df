#pragma once
// Helpers shared by the history/maintenance suites (tst_refs_merge, tst_squash_gc,
// tst_history_crash, tst_corruption_more): a settable clock, raw SQL access to a
// repository's metadata.sqlite3, independent re-computations of the few hashes the
// tests check (reflog checksums, git blob OIDs), and "read everything reachable"
// snapshots used to prove that maintenance never loses committed data.

#include <hubvault/Errors.h>
#include <hubvault/Repository.h>
#include "Env.h"
#include "SqlTestSupport.h"
#include "TestSupport.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <atomic>
#include <memory>

namespace hubvault::htest {

/** A FrozenClockEnv that tests move forward explicitly, one step per operation. */
class SteppingClock {
public:
    explicit SteppingClock(const QDateTime &start = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0), Qt::UTC))
        : m_env(std::make_shared<FrozenClockEnv>(start)), m_now(start)
    {
    }
    std::shared_ptr<FrozenClockEnv> env() const { return m_env; }
    /** Advances the clock and returns the new instant. */
    QDateTime tick(int seconds = 1)
    {
        m_now = m_now.addSecs(seconds);
        m_env->setNow(m_now);
        return m_now;
    }
    QDateTime now() const { return m_now; }
    /** TS of docs/format.md: YYYY-MM-DDTHH:MM:SSZ. */
    QString ts() const { return m_now.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'")); }

private:
    std::shared_ptr<FrozenClockEnv> m_env;
    QDateTime m_now;
};

// --- SQL ---------------------------------------------------------------------------------

/** Rows of one SELECT on `repo`'s database (read-only connection, closed afterwards). */
inline QList<QVariantList> sqlRows(const QString &repo, const QString &sql, QString *error = nullptr)
{
    QString ignored;
    return test::sqlQueryRows(repo + QStringLiteral("/metadata.sqlite3"), sql, true, error ? error : &ignored);
}

inline QString sqlOne(const QString &repo, const QString &sql)
{
    const auto rows = sqlRows(repo, sql);
    return rows.isEmpty() || rows.first().isEmpty() ? QString() : rows.first().first().toString();
}

/** Runs statements on a read-write connection; returns "" or the first error. */
inline QString sqlExec(const QString &repo, const QStringList &statements, bool requireChange = true)
{
    return test::sqlExecStatements(repo, statements, requireChange);
}

inline QString sqlQuote(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

/** "branch:<name>" / "tag:<name>" -> commit object id ("" for NULL). */
inline QMap<QString, QString> refsTable(const QString &repo)
{
    QMap<QString, QString> out;
    for (const auto &row : sqlRows(repo, QStringLiteral("SELECT ref_kind, ref_name, commit_id FROM refs")))
        out.insert(row.value(0).toString() + QLatin1Char(':') + row.value(1).toString(),
                   row.value(2).isNull() ? QString() : row.value(2).toString());
    return out;
}

/** Every reflog row as one line (seq, ref, heads, message, checksum), in seq order. */
inline QStringList reflogTable(const QString &repo)
{
    QStringList out;
    for (const auto &row : sqlRows(repo, QStringLiteral("SELECT seq, ref_kind, ref_name, old_head, new_head, message, "
                                                        "checksum, timestamp FROM reflog ORDER BY seq"))) {
        QStringList parts;
        for (const QVariant &v : row)
            parts.append(v.isNull() ? QStringLiteral("<null>") : v.toString());
        out.append(parts.join(QLatin1Char('|')));
    }
    return out;
}

struct ReflogDbRow {
    qint64 seq = 0;
    QString oldHead, newHead, message, checksum, timestamp; ///< "" = NULL
};

/** Reflog rows of one ref, oldest first. */
inline QList<ReflogDbRow> reflogRows(const QString &repo, const QString &kind, const QString &name)
{
    QList<ReflogDbRow> out;
    for (const auto &row : sqlRows(repo, QStringLiteral("SELECT seq, old_head, new_head, message, checksum, timestamp FROM reflog "
                                                        "WHERE ref_kind = %1 AND ref_name = %2 ORDER BY seq")
                                             .arg(sqlQuote(kind), sqlQuote(name)))) {
        out.append(ReflogDbRow{row.value(0).toLongLong(), row.value(1).isNull() ? QString() : row.value(1).toString(),
                               row.value(2).isNull() ? QString() : row.value(2).toString(), row.value(3).toString(),
                               row.value(4).toString(), row.value(5).toString()});
    }
    return out;
}

inline qint64 rowCount(const QString &repo, const QString &table)
{
    return sqlOne(repo, QStringLiteral("SELECT COUNT(*) FROM ") + table).toLongLong();
}

/** Row counts of every truth table, for "nothing was written" checks. */
inline QString tableCounts(const QString &repo)
{
    QStringList parts;
    for (const char *t : {"refs", "reflog", "txn_log", "chunk_visible", "objects_commits", "objects_trees", "objects_files",
                          "objects_blobs"})
        parts.append(QStringLiteral("%1=%2").arg(QLatin1String(t)).arg(rowCount(repo, QLatin1String(t))));
    return parts.join(QLatin1Char(' '));
}

inline QJsonObject commitPayload(const QString &repo, const QString &objectId)
{
    const QString json = sqlOne(repo, QStringLiteral("SELECT payload_json FROM objects_commits WHERE object_id = %1").arg(sqlQuote(objectId)));
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

/** Commit object id of a git commit OID (scan of the stored payloads). */
inline QString commitObjectId(const QString &repo, const QString &gitOid)
{
    for (const auto &row : sqlRows(repo, QStringLiteral("SELECT object_id, payload_json FROM objects_commits"))) {
        const QJsonObject p = QJsonDocument::fromJson(row.value(1).toString().toUtf8()).object();
        if (p.value(QLatin1String("git_oid")).toString() == gitOid)
            return row.value(0).toString();
    }
    return {};
}

/** Commit object id -> (git oid, parents) of every stored commit. */
struct StoredCommit {
    QString gitOid;
    QStringList parents;
};
inline QHash<QString, StoredCommit> storedCommits(const QString &repo)
{
    QHash<QString, StoredCommit> out;
    for (const auto &row : sqlRows(repo, QStringLiteral("SELECT object_id, payload_json FROM objects_commits"))) {
        const QJsonObject p = QJsonDocument::fromJson(row.value(1).toString().toUtf8()).object();
        StoredCommit c;
        c.gitOid = p.value(QLatin1String("git_oid")).toString();
        for (const QJsonValue &v : p.value(QLatin1String("parents")).toArray())
            c.parents.append(v.toString());
        out.insert(row.value(0).toString(), c);
    }
    return out;
}

// --- independent hashes ------------------------------------------------------------------

inline QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

/** git blob OID of content: SHA1("blob <len>\0" + bytes). */
inline QString gitBlobOid(const QByteArray &data)
{
    const QByteArray header = "blob " + QByteArray::number(data.size()) + '\0';
    return QString::fromLatin1(QCryptographicHash::hash(header + data, QCryptographicHash::Sha1).toHex());
}

/** CJSON string (docs/format.md §2.5), written here independently of the core's serializer. */
inline QByteArray cjsonString(const QString &text)
{
    QByteArray out = "\"";
    for (const char c : text.toUtf8()) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (u < 0x20)
                out += QStringLiteral("\\u%1").arg(u, 4, 16, QLatin1Char('0')).toLatin1();
            else
                out += c;
        }
    }
    return out + '"';
}

/** sha256:hex(SHA256(CJSON([old, new, message]))) with "" = null (docs/format.md §8.3). */
inline QString reflogChecksum(const QString &oldHead, const QString &newHead, const QString &message)
{
    auto item = [](const QString &s) { return s.isEmpty() ? QByteArray("null") : cjsonString(s); };
    const QByteArray json = '[' + item(oldHead) + ',' + item(newHead) + ',' + cjsonString(message) + ']';
    return QStringLiteral("sha256:") + sha256Hex(json);
}

// --- content snapshots -------------------------------------------------------------------

/** path -> sha256 of every file of `revision`, read (and so verified) through the API. */
inline QMap<QString, QString> contentsAt(const Repository &repo, const QString &revision)
{
    QMap<QString, QString> out;
    for (const QString &path : repo.listRepoFiles(revision))
        out.insert(path, sha256Hex(repo.readBytes(path, revision)));
    return out;
}

/** Every commit reachable from every branch and tag -> its contents. Throws on any failure. */
inline QMap<QString, QMap<QString, QString>> reachableContents(const Repository &repo)
{
    QMap<QString, QMap<QString, QString>> out;
    const GitRefs refs = repo.listRepoRefs();
    QStringList names;
    for (const GitRefInfo &r : refs.branches)
        names.append(r.ref);
    for (const GitRefInfo &r : refs.tags)
        names.append(r.ref);
    for (const QString &ref : names) {
        for (const GitCommitInfo &c : repo.listRepoCommits(ref)) {
            if (!out.contains(c.commitId))
                out.insert(c.commitId, contentsAt(repo, c.commitId));
        }
    }
    return out;
}

/** Sum of file sizes under `path` (lstat), recursively. */
inline qint64 treeBytes(const QString &path)
{
    qint64 total = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

inline QStringList filesUnder(const QString &path)
{
    QStringList out;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(QDir(path).relativeFilePath(it.next()));
    std::sort(out.begin(), out.end());
    return out;
}

using test::detBytes;
using test::writeFile;

/** A repository under test with a stepping clock and one-line write helpers. */
struct TestRepo {
    SteppingClock clock;
    QString path;
    std::unique_ptr<LocalRepository> repo;

    Repository *operator->() { return repo.get(); }

    QString commit(const QString &branch, const QList<QPair<QString, QByteArray>> &adds, const QString &message,
                   const QStringList &deletes = {}, const std::optional<QString> &description = {})
    {
        clock.tick();
        QList<CommitOperation> ops;
        for (const auto &[p, data] : adds)
            ops.append(CommitOperation::addBytes(p, data));
        for (const QString &d : deletes)
            ops.append(CommitOperation::remove(d, false));
        CommitOptions o;
        o.commitMessage = message;
        o.commitDescription = description;
        o.revision = branch;
        return repo->createCommit(ops, o).oid;
    }
    void branch(const QString &name, const QString &revision = {})
    {
        clock.tick();
        repo->createBranch(name, revision);
    }
    void tag(const QString &name, const QString &revision = {}, const QString &message = {})
    {
        clock.tick();
        repo->createTag(name, message, revision);
    }
    MergeResult merge(const QString &source, const QString &target = {}, const std::optional<QString> &message = {},
                      const std::optional<QString> &description = {})
    {
        clock.tick();
        MergeOptions o;
        o.targetRevision = target;
        o.commitMessage = message;
        o.commitDescription = description;
        return repo->merge(source, o);
    }
    MergeResult preview(const QString &source, const QString &target = {})
    {
        MergeOptions o;
        o.targetRevision = target;
        return repo->previewMerge(source, o);
    }
    QString head(const QString &revision = {}) const { return repo->resolveRevision(revision).value_or(QString()); }
    /** Commit object id of a git OID. */
    QString obj(const QString &gitOid) const { return gitOid.isEmpty() ? QString() : commitObjectId(path, gitOid); }
    /** Everything a write could have touched. */
    QString state() const
    {
        QStringList parts{tableCounts(path)};
        const auto refs = refsTable(path);
        for (auto it = refs.cbegin(); it != refs.cend(); ++it)
            parts.append(it.key() + QLatin1Char('=') + it.value());
        parts += reflogTable(path);
        return parts.join(QLatin1Char('\n'));
    }
};

} // namespace hubvault::htest
