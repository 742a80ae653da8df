#pragma once
// Builders of hostile repositories (issue 16) for the CLI and app suites: rows written
// straight into a fixture copy's metadata.sqlite3, as an attacker would, each one a named
// attack on a reader (hostile names, absurd sizes, cycles, extreme depth).

#include "CanonicalJson.h"
#include "ObjectCodec.h"
#include "SqlTestSupport.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <sqlite3.h>

namespace hubvault::test::hostile {

inline QString dbPath(const QString &repo) { return repo + QStringLiteral("/metadata.sqlite3"); }

inline QString queryOne(const QString &repo, const QString &sql)
{
    const auto rows = sqlQueryRows(dbPath(repo), sql);
    return rows.isEmpty() || rows.first().isEmpty() ? QString() : rows.first().first().toString();
}

inline QString quoted(const QString &text) { return QStringLiteral("'") + QString(text).replace(QLatin1Char('\''), QStringLiteral("''")) + QStringLiteral("'"); }

/** Raw sqlite3 access for bulk inserts (QtSql binds row by row through QVariant, far slower). */
class RawDb {
public:
    explicit RawDb(const QString &repo) { sqlite3_open(dbPath(repo).toUtf8().constData(), &m_db); }
    ~RawDb() { sqlite3_close(m_db); }
    bool exec(const QByteArray &sql)
    {
        char *error = nullptr;
        const bool ok = sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, &error) == SQLITE_OK;
        if (!ok)
            qWarning("SQL failed: %s: %s", sql.left(200).constData(), error);
        sqlite3_free(error);
        return ok;
    }
    /** Stores `payload` (canonical JSON) in the table of `type` under its true id; returns the id. */
    QString put(ObjectType type, const QJsonObject &payload, const QString &idOverride = {})
    {
        const QByteArray cjson = CanonicalJson::serialize(payload);
        const QString id = idOverride.isEmpty() ? ObjectCodec::objectId(type, cjson) : idOverride;
        if (!m_insert[int(type)]) {
            const QByteArray sql = "INSERT OR REPLACE INTO " + objectTableName(type).toUtf8() + " (object_id, payload_json) VALUES (?1, ?2)";
            sqlite3_prepare_v2(m_db, sql.constData(), -1, &m_insert[int(type)], nullptr);
        }
        sqlite3_stmt *stmt = m_insert[int(type)];
        const QByteArray idBytes = id.toUtf8();
        sqlite3_reset(stmt);
        sqlite3_bind_text(stmt, 1, idBytes.constData(), int(idBytes.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 2, cjson.constData(), int(cjson.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(stmt) != SQLITE_DONE)
            qWarning("insert failed: %s", sqlite3_errmsg(m_db));
        return id;
    }
    void finish()
    {
        for (sqlite3_stmt *&s : m_insert) {
            sqlite3_finalize(s);
            s = nullptr;
        }
    }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert[4] = {};
};

inline QJsonObject payloadOf(const QString &repo, ObjectType type, const QString &id)
{
    return QJsonDocument::fromJson(queryOne(repo, QStringLiteral("SELECT payload_json FROM %1 WHERE object_id = %2")
                                                      .arg(objectTableName(type), quoted(id)))
                                       .toUtf8())
        .object();
}

inline QString headOf(const QString &repo)
{
    return queryOne(repo, QStringLiteral("SELECT commit_id FROM refs WHERE ref_kind = 'branch' AND ref_name = 'main'"));
}

/** A commit on top of main whose root tree is `tree` (stored under its true id); main moves to it. */
inline QString commitTree(const QString &repo, RawDb &db, const QJsonObject &tree)
{
    const QString head = headOf(repo);
    QJsonObject commit = payloadOf(repo, ObjectType::Commit, head);
    commit.insert(QStringLiteral("tree_id"), db.put(ObjectType::Tree, tree));
    commit.insert(QStringLiteral("parents"), QJsonArray{head});
    commit.insert(QStringLiteral("message"), QStringLiteral("hostile"));
    commit.insert(QStringLiteral("title"), QStringLiteral("hostile"));
    commit.insert(QStringLiteral("git_oid"), QString());
    const QString id = db.put(ObjectType::Commit, commit);
    db.exec("UPDATE refs SET commit_id = '" + id.toUtf8() + "' WHERE ref_kind = 'branch' AND ref_name = 'main'");
    return id;
}

inline QJsonObject rootTree(const QString &repo)
{
    return payloadOf(repo, ObjectType::Tree, payloadOf(repo, ObjectType::Commit, headOf(repo)).value(QStringLiteral("tree_id")).toString());
}

/** The root tree entry called `name` ({} when there is none). */
inline QJsonObject rootEntry(const QString &repo, const QString &name)
{
    for (const QJsonValue &v : rootTree(repo).value(QStringLiteral("entries")).toArray()) {
        if (v.toObject().value(QStringLiteral("name")).toString() == name)
            return v.toObject();
    }
    return {};
}

/** Entries sorted by code point, as trees store them. */
inline QJsonArray sortedEntries(QList<QJsonObject> entries)
{
    std::sort(entries.begin(), entries.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return codePointLess(a.value(QStringLiteral("name")).toString(), b.value(QStringLiteral("name")).toString());
    });
    QJsonArray out;
    for (const QJsonObject &e : entries)
        out.append(e);
    return out;
}

/** Adds a copy of the root's README.md entry named `name` in a new commit on main. */
inline void addRootEntryNamed(const QString &repo, const QString &name)
{
    RawDb db(repo);
    QJsonObject readme = rootEntry(repo, QStringLiteral("README.md"));
    QList<QJsonObject> entries;
    for (const QJsonValue &v : rootTree(repo).value(QStringLiteral("entries")).toArray())
        entries.append(v.toObject());
    readme.insert(QStringLiteral("name"), name);
    entries.append(readme);
    QJsonObject tree = rootTree(repo);
    tree.insert(QStringLiteral("entries"), sortedEntries(entries));
    commitTree(repo, db, tree);
    db.finish();
}

/** Makes the root's README.md claim `size` bytes (its file object and tree entry), in a new commit. */
inline void claimReadmeSize(const QString &repo, qint64 size)
{
    RawDb db(repo);
    QJsonObject readme = rootEntry(repo, QStringLiteral("README.md"));
    QJsonObject file = payloadOf(repo, ObjectType::File, readme.value(QStringLiteral("object_id")).toString());
    file.insert(QStringLiteral("logical_size"), double(size));
    readme.insert(QStringLiteral("object_id"), db.put(ObjectType::File, file));
    readme.insert(QStringLiteral("size_hint"), double(size));
    QList<QJsonObject> entries;
    for (const QJsonValue &v : rootTree(repo).value(QStringLiteral("entries")).toArray())
        entries.append(v.toObject().value(QStringLiteral("name")) == QLatin1String("README.md") ? readme : v.toObject());
    QJsonObject tree = rootTree(repo);
    tree.insert(QStringLiteral("entries"), sortedEntries(entries));
    commitTree(repo, db, tree);
    db.finish();
}

/**
 * Ids are content hashes, so a cycle needs rows stored under false ids: the head names
 * itself as a parent, and its parent names the head.
 */
inline void makeCommitCycle(const QString &repo)
{
    const QString head = headOf(repo);
    QJsonObject payload = payloadOf(repo, ObjectType::Commit, head);
    const QString parent = payload.value(QStringLiteral("parents")).toArray().first().toString();
    payload.insert(QStringLiteral("parents"), QJsonArray{parent, head});
    QJsonObject parentPayload = payloadOf(repo, ObjectType::Commit, parent);
    parentPayload.insert(QStringLiteral("parents"), QJsonArray{head});
    RawDb db(repo);
    db.put(ObjectType::Commit, payload, head);
    db.put(ObjectType::Commit, parentPayload, parent);
    db.finish();
}

/** A new commit whose root is a chain of `depth` folders "d" down to README.md. */
inline void nestTrees(const QString &repo, int depth)
{
    RawDb db(repo);
    db.exec("BEGIN");
    const QJsonObject readme = rootEntry(repo, QStringLiteral("README.md"));
    QJsonObject tree{{QStringLiteral("entries"), QJsonArray{readme}}, {QStringLiteral("git_oid"), QString()}};
    for (int i = 0; i < depth; ++i) {
        const QString id = db.put(ObjectType::Tree, tree);
        tree = QJsonObject{{QStringLiteral("entries"),
                            QJsonArray{QJsonObject{{QStringLiteral("entry_type"), QStringLiteral("tree")},
                                                   {QStringLiteral("mode"), QStringLiteral("040000")},
                                                   {QStringLiteral("name"), QStringLiteral("d")},
                                                   {QStringLiteral("object_id"), id},
                                                   {QStringLiteral("size_hint"), 0}}}},
                           {QStringLiteral("git_oid"), QString()}};
    }
    db.exec("COMMIT");
    commitTree(repo, db, tree);
    db.finish();
}

/** A new commit whose root holds "loop", a tree stored under a false id that names itself. */
inline void addSelfContainingTree(const QString &repo)
{
    const QString fake = QStringLiteral("sha256:") + QString(64, QLatin1Char('e'));
    RawDb db(repo);
    const QJsonObject loop{{QStringLiteral("entries"),
                            QJsonArray{QJsonObject{{QStringLiteral("entry_type"), QStringLiteral("tree")},
                                                   {QStringLiteral("mode"), QStringLiteral("040000")},
                                                   {QStringLiteral("name"), QStringLiteral("loop")},
                                                   {QStringLiteral("object_id"), fake},
                                                   {QStringLiteral("size_hint"), 0}}}},
                           {QStringLiteral("git_oid"), QString()}};
    db.put(ObjectType::Tree, loop, fake);
    QJsonObject root = rootTree(repo);
    QList<QJsonObject> entries;
    for (const QJsonValue &v : root.value(QStringLiteral("entries")).toArray())
        entries.append(v.toObject());
    entries.append(loop.value(QStringLiteral("entries")).toArray().first().toObject());
    root.insert(QStringLiteral("entries"), sortedEntries(entries));
    commitTree(repo, db, root);
    db.finish();
}

} // namespace hubvault::test::hostile
