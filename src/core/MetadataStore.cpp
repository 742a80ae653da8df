#include "MetadataStore.h"

#include "Errors.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace hubvault {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("hubvault-%1").arg(counter.fetchAndAddRelaxed(1));
}

QString textOrEmpty(const QVariant &v)
{
    return v.isNull() ? QString() : v.toString();
}

} // namespace

MetadataStore::MetadataStore(const QString &databasePath, Mode mode)
    : m_connectionName(nextConnectionName()), m_path(databasePath)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(databasePath);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000");
    if (mode == Mode::ReadOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    m_db.setConnectOptions(options);
    if (!m_db.open())
        throw IntegrityError(QStringLiteral("cannot open metadata database %1: %2")
                                 .arg(databasePath, m_db.lastError().text()));
    QSqlQuery pragma(m_db);
    pragma.exec(QStringLiteral("PRAGMA temp_store=MEMORY"));
}

MetadataStore::~MetadataStore()
{
    m_statements.clear();
    if (m_inTransaction)
        m_db.rollback();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

void MetadataStore::beginRead()
{
    if (m_inTransaction)
        return;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("BEGIN")))
        fail(QStringLiteral("begin a read transaction"), q);
    m_inTransaction = true;
}

QSqlQuery &MetadataStore::prepared(const QString &key, const QString &sql)
{
    auto it = m_statements.find(key);
    if (it == m_statements.end()) {
        auto q = std::make_shared<QSqlQuery>(m_db);
        q->setForwardOnly(true);
        if (!q->prepare(sql))
            fail(QStringLiteral("prepare '%1'").arg(key), *q);
        it = m_statements.insert(key, q);
    }
    return **it;
}

void MetadataStore::fail(const QString &what, const QSqlQuery &query) const
{
    throw IntegrityError(QStringLiteral("metadata database %1 is damaged or unreadable (%2): %3")
                             .arg(m_path, what, query.lastError().text()));
}

QStringList MetadataStore::tableNames()
{
    QSqlQuery &q = prepared(QStringLiteral("tables"),
                            QStringLiteral("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"));
    if (!q.exec())
        fail(QStringLiteral("list tables"), q);
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

QString MetadataStore::schemaVersion()
{
    QSqlQuery &q = prepared(QStringLiteral("schema"),
                            QStringLiteral("SELECT value FROM schema_info WHERE key='schema_version'"));
    if (!q.exec())
        fail(QStringLiteral("read schema_info"), q);
    return q.next() ? q.value(0).toString() : QString();
}

QMap<QString, QString> MetadataStore::repoMeta()
{
    QSqlQuery &q = prepared(QStringLiteral("meta"), QStringLiteral("SELECT key, value_json FROM repo_meta"));
    if (!q.exec())
        fail(QStringLiteral("read repo_meta"), q);
    QMap<QString, QString> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toString());
    return out;
}

RefRow MetadataStore::refFrom(const QSqlQuery &q)
{
    return RefRow{q.value(0).toString(), q.value(1).toString(), textOrEmpty(q.value(2)), q.value(3).toString()};
}

QList<RefRow> MetadataStore::refs()
{
    QSqlQuery &q = prepared(QStringLiteral("refs"),
                            QStringLiteral("SELECT ref_kind, ref_name, commit_id, updated_at FROM refs "
                                           "ORDER BY ref_kind, ref_name"));
    if (!q.exec())
        fail(QStringLiteral("read refs"), q);
    QList<RefRow> out;
    while (q.next())
        out.append(refFrom(q));
    return out;
}

std::optional<RefRow> MetadataStore::ref(const QString &kind, const QString &name)
{
    QSqlQuery &q = prepared(QStringLiteral("ref"),
                            QStringLiteral("SELECT ref_kind, ref_name, commit_id, updated_at FROM refs "
                                           "WHERE ref_kind = ? AND ref_name = ?"));
    q.bindValue(0, kind);
    q.bindValue(1, name);
    if (!q.exec())
        fail(QStringLiteral("read a ref"), q);
    if (!q.next())
        return std::nullopt;
    return refFrom(q);
}

QList<ReflogRow> MetadataStore::reflog(const QString &kind, const QString &name, int limit)
{
    QSqlQuery &q = prepared(QStringLiteral("reflog"),
                            QStringLiteral("SELECT seq, ref_kind, ref_name, timestamp, old_head, new_head, message, "
                                           "checksum FROM reflog WHERE ref_kind = ? AND ref_name = ? "
                                           "ORDER BY seq DESC LIMIT ?"));
    q.bindValue(0, kind);
    q.bindValue(1, name);
    q.bindValue(2, qint64(limit));
    if (!q.exec())
        fail(QStringLiteral("read the reflog"), q);
    QList<ReflogRow> out;
    while (q.next()) {
        out.append(ReflogRow{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                             q.value(3).toString(), textOrEmpty(q.value(4)), textOrEmpty(q.value(5)),
                             q.value(6).toString(), q.value(7).toString()});
    }
    return out;
}

QList<QPair<QString, QString>> MetadataStore::reflogRefs()
{
    QSqlQuery &q = prepared(QStringLiteral("reflogRefs"),
                            QStringLiteral("SELECT DISTINCT ref_kind, ref_name FROM reflog ORDER BY ref_kind, ref_name"));
    if (!q.exec())
        fail(QStringLiteral("read the reflog"), q);
    QList<QPair<QString, QString>> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString()});
    return out;
}

std::optional<QByteArray> MetadataStore::payload(ObjectType type, const QString &objectId)
{
    const QString table = objectTableName(type);
    QSqlQuery &q = prepared(QStringLiteral("payload:") + table,
                            QStringLiteral("SELECT payload_json FROM %1 WHERE object_id = ?").arg(table));
    q.bindValue(0, objectId);
    if (!q.exec())
        fail(QStringLiteral("read %1").arg(table), q);
    if (!q.next())
        return std::nullopt;
    return q.value(0).toString().toUtf8();
}

QStringList MetadataStore::objectIds(ObjectType type)
{
    const QString table = objectTableName(type);
    QSqlQuery &q = prepared(QStringLiteral("ids:") + table,
                            QStringLiteral("SELECT object_id FROM %1 ORDER BY object_id").arg(table));
    if (!q.exec())
        fail(QStringLiteral("list %1").arg(table), q);
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

QList<QPair<QString, QByteArray>> MetadataStore::allPayloads(ObjectType type)
{
    const QString table = objectTableName(type);
    QSqlQuery &q = prepared(QStringLiteral("all:") + table,
                            QStringLiteral("SELECT object_id, payload_json FROM %1 ORDER BY object_id").arg(table));
    if (!q.exec())
        fail(QStringLiteral("list %1").arg(table), q);
    QList<QPair<QString, QByteArray>> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString().toUtf8()});
    return out;
}

static ChunkRow chunkFrom(const QSqlQuery &q)
{
    return ChunkRow{q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toLongLong(),
                    q.value(4).toLongLong(), q.value(5).toString(), q.value(6).toString()};
}

std::optional<ChunkRow> MetadataStore::chunk(const QString &chunkId)
{
    QSqlQuery &q = prepared(QStringLiteral("chunk"),
                            QStringLiteral("SELECT chunk_id, pack_id, offset, stored_size, logical_size, compression, "
                                           "checksum FROM chunk_visible WHERE chunk_id = ?"));
    q.bindValue(0, chunkId);
    if (!q.exec())
        fail(QStringLiteral("read chunk_visible"), q);
    if (!q.next())
        return std::nullopt;
    return chunkFrom(q);
}

QList<ChunkRow> MetadataStore::allChunks()
{
    QSqlQuery &q = prepared(QStringLiteral("chunks"),
                            QStringLiteral("SELECT chunk_id, pack_id, offset, stored_size, logical_size, compression, "
                                           "checksum FROM chunk_visible ORDER BY chunk_id"));
    if (!q.exec())
        fail(QStringLiteral("list chunk_visible"), q);
    QList<ChunkRow> out;
    while (q.next())
        out.append(chunkFrom(q));
    return out;
}

qint64 MetadataStore::txnLogCount()
{
    QSqlQuery &q = prepared(QStringLiteral("txncount"), QStringLiteral("SELECT COUNT(*) FROM txn_log"));
    if (!q.exec())
        fail(QStringLiteral("read txn_log"), q);
    return q.next() ? q.value(0).toLongLong() : 0;
}

void MetadataStore::beginWrite()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        fail(QStringLiteral("begin a write transaction"), q);
    m_inTransaction = true;
}

void MetadataStore::commit()
{
    m_statements.clear();
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT")))
        fail(QStringLiteral("commit"), q);
    m_inTransaction = false;
}

void MetadataStore::clearTxnLog()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("DELETE FROM txn_log")))
        fail(QStringLiteral("clear txn_log"), q);
}

void MetadataStore::exec(QSqlQuery &query, const QString &what)
{
    if (!query.exec())
        fail(what, query);
}

void MetadataStore::configureForWriting()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=DELETE")))
        fail(QStringLiteral("set journal_mode"), q);
    auto synchronous = [&]() {
        QSqlQuery r(m_db);
        if (!r.exec(QStringLiteral("PRAGMA synchronous")) || !r.next())
            fail(QStringLiteral("read synchronous"), r);
        return r.value(0).toInt();
    };
    q.exec(QStringLiteral("PRAGMA synchronous=EXTRA"));
    if (synchronous() != 3) {
        q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
        if (synchronous() != 2)
            throw HubVaultError(QStringLiteral("SQLite refuses synchronous=FULL for %1; writes would not be durable").arg(m_path));
    }
}

void MetadataStore::createSchema()
{
    // The text is what sqlite_master keeps, so it matches the original's byte for byte.
    static const char *const statements[] = {
        "CREATE TABLE IF NOT EXISTS schema_info (\n                key TEXT PRIMARY KEY,\n                value TEXT NOT NULL\n            )",
        "INSERT OR REPLACE INTO schema_info (key, value) VALUES ('schema_version', '1')",
        "CREATE TABLE IF NOT EXISTS repo_meta (\n                key TEXT PRIMARY KEY,\n                value_json TEXT NOT NULL\n            )",
        "CREATE TABLE IF NOT EXISTS refs (\n                ref_kind TEXT NOT NULL,\n                ref_name TEXT NOT NULL,\n                commit_id TEXT,\n                updated_at TEXT NOT NULL,\n                PRIMARY KEY (ref_kind, ref_name)\n            )",
        "CREATE TABLE IF NOT EXISTS reflog (\n                seq INTEGER PRIMARY KEY AUTOINCREMENT,\n                ref_kind TEXT NOT NULL,\n                ref_name TEXT NOT NULL,\n                timestamp TEXT NOT NULL,\n                old_head TEXT,\n                new_head TEXT,\n                message TEXT NOT NULL,\n                checksum TEXT NOT NULL\n            )",
        "CREATE INDEX IF NOT EXISTS reflog_ref_seq_idx\n            ON reflog (ref_kind, ref_name, seq)\n            ",
        "CREATE TABLE IF NOT EXISTS txn_log (\n                txid TEXT PRIMARY KEY,\n                tx_kind TEXT NOT NULL,\n                state TEXT NOT NULL,\n                ref_kind TEXT,\n                ref_name TEXT,\n                old_head TEXT,\n                new_head TEXT,\n                message TEXT NOT NULL,\n                ref_existed_before INTEGER NOT NULL,\n                payload_json TEXT NOT NULL,\n                metadata_json TEXT NOT NULL,\n                updated_at TEXT NOT NULL\n            )",
        "CREATE TABLE IF NOT EXISTS chunk_visible (\n                chunk_id TEXT PRIMARY KEY,\n                pack_id TEXT NOT NULL,\n                offset INTEGER NOT NULL,\n                stored_size INTEGER NOT NULL,\n                logical_size INTEGER NOT NULL,\n                compression TEXT NOT NULL,\n                checksum TEXT NOT NULL\n            )",
        "CREATE INDEX IF NOT EXISTS chunk_visible_pack_idx\n            ON chunk_visible (pack_id)\n            ",
        "CREATE TABLE IF NOT EXISTS objects_commits (\n                    object_id TEXT PRIMARY KEY,\n                    payload_json TEXT NOT NULL\n                )",
        "CREATE TABLE IF NOT EXISTS objects_trees (\n                    object_id TEXT PRIMARY KEY,\n                    payload_json TEXT NOT NULL\n                )",
        "CREATE TABLE IF NOT EXISTS objects_files (\n                    object_id TEXT PRIMARY KEY,\n                    payload_json TEXT NOT NULL\n                )",
        "CREATE TABLE IF NOT EXISTS objects_blobs (\n                    object_id TEXT PRIMARY KEY,\n                    payload_json TEXT NOT NULL\n                )",
    };
    for (const char *sql : statements) {
        QSqlQuery q(m_db);
        if (!q.exec(QString::fromLatin1(sql)))
            fail(QStringLiteral("create the schema"), q);
    }
}

void MetadataStore::putRepoMeta(const QString &key, const QString &valueJson)
{
    QSqlQuery &q = prepared(QStringLiteral("putMeta"),
                            QStringLiteral("INSERT OR REPLACE INTO repo_meta (key, value_json) VALUES (?, ?)"));
    q.bindValue(0, key);
    q.bindValue(1, valueJson);
    exec(q, QStringLiteral("write repo_meta"));
}

static QVariant textOrNull(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

/** Qt binds a null QString as SQL NULL; NOT NULL text columns need "" instead. */
static QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

void MetadataStore::putRef(const QString &kind, const QString &name, const QString &commitId, const QString &updatedAt)
{
    QSqlQuery &q = prepared(QStringLiteral("putRef"),
                            QStringLiteral("INSERT OR REPLACE INTO refs (ref_kind, ref_name, commit_id, updated_at) "
                                           "VALUES (?, ?, ?, ?)"));
    q.bindValue(0, kind);
    q.bindValue(1, name);
    q.bindValue(2, textOrNull(commitId));
    q.bindValue(3, updatedAt);
    exec(q, QStringLiteral("write a ref"));
}

void MetadataStore::deleteRef(const QString &kind, const QString &name)
{
    QSqlQuery &q = prepared(QStringLiteral("deleteRef"), QStringLiteral("DELETE FROM refs WHERE ref_kind = ? AND ref_name = ?"));
    q.bindValue(0, kind);
    q.bindValue(1, name);
    exec(q, QStringLiteral("delete a ref"));
}

void MetadataStore::appendReflog(const ReflogRow &row)
{
    const QList<ReflogRow> newest = reflog(row.kind, row.name, 1);
    if (!newest.isEmpty() && newest.first().checksum == row.checksum && newest.first().oldHead == row.oldHead
        && newest.first().newHead == row.newHead && newest.first().message == row.message)
        return;
    QSqlQuery &q = prepared(QStringLiteral("appendReflog"),
                            QStringLiteral("INSERT INTO reflog (ref_kind, ref_name, timestamp, old_head, new_head, "
                                           "message, checksum) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.bindValue(0, row.kind);
    q.bindValue(1, row.name);
    q.bindValue(2, row.timestamp);
    q.bindValue(3, textOrNull(row.oldHead));
    q.bindValue(4, textOrNull(row.newHead));
    q.bindValue(5, text(row.message));
    q.bindValue(6, row.checksum);
    exec(q, QStringLiteral("append to the reflog"));
}

qint64 MetadataStore::maxReflogSeq(const QString &kind, const QString &name)
{
    QSqlQuery &q = prepared(QStringLiteral("maxSeq"),
                            QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM reflog WHERE ref_kind = ? AND ref_name = ?"));
    q.bindValue(0, kind);
    q.bindValue(1, name);
    exec(q, QStringLiteral("read the reflog"));
    return q.next() ? q.value(0).toLongLong() : 0;
}

bool MetadataStore::hasPayload(ObjectType type, const QString &objectId)
{
    const QString table = objectTableName(type);
    QSqlQuery &q = prepared(QStringLiteral("has:") + table, QStringLiteral("SELECT 1 FROM %1 WHERE object_id = ?").arg(table));
    q.bindValue(0, objectId);
    exec(q, QStringLiteral("read %1").arg(table));
    return q.next();
}

void MetadataStore::putPayload(ObjectType type, const QString &objectId, const QByteArray &payloadJson)
{
    const QString table = objectTableName(type);
    QSqlQuery &q = prepared(QStringLiteral("put:") + table,
                            QStringLiteral("INSERT OR REPLACE INTO %1 (object_id, payload_json) VALUES (?, ?)").arg(table));
    q.bindValue(0, objectId);
    q.bindValue(1, QString::fromUtf8(payloadJson));
    exec(q, QStringLiteral("write %1").arg(table));
}

void MetadataStore::putChunk(const ChunkRow &row)
{
    QSqlQuery &q = prepared(QStringLiteral("putChunk"),
                            QStringLiteral("INSERT OR REPLACE INTO chunk_visible (chunk_id, pack_id, offset, stored_size, "
                                           "logical_size, compression, checksum) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.bindValue(0, row.chunkId);
    q.bindValue(1, row.packId);
    q.bindValue(2, row.offset);
    q.bindValue(3, row.storedSize);
    q.bindValue(4, row.logicalSize);
    q.bindValue(5, row.compression);
    q.bindValue(6, row.checksum);
    exec(q, QStringLiteral("write chunk_visible"));
}

void MetadataStore::putTxn(const TxnRow &row)
{
    QSqlQuery &q = prepared(QStringLiteral("putTxn"),
                            QStringLiteral("INSERT OR REPLACE INTO txn_log (txid, tx_kind, state, ref_kind, ref_name, "
                                           "old_head, new_head, message, ref_existed_before, payload_json, "
                                           "metadata_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)"));
    q.bindValue(0, row.txid);
    q.bindValue(1, row.kind);
    q.bindValue(2, row.state);
    q.bindValue(3, textOrNull(row.refKind));
    q.bindValue(4, textOrNull(row.refName));
    q.bindValue(5, textOrNull(row.oldHead));
    q.bindValue(6, textOrNull(row.newHead));
    q.bindValue(7, text(row.message));
    q.bindValue(8, row.refExistedBefore ? 1 : 0);
    q.bindValue(9, row.metadataJson);
    q.bindValue(10, row.updatedAt);
    exec(q, QStringLiteral("write txn_log"));
}

void MetadataStore::deleteTxn(const QString &txid)
{
    QSqlQuery &q = prepared(QStringLiteral("deleteTxn"), QStringLiteral("DELETE FROM txn_log WHERE txid = ?"));
    q.bindValue(0, txid);
    exec(q, QStringLiteral("clear txn_log"));
}

QHash<QString, qint64> MetadataStore::payloadSizes(ObjectType type)
{
    const QString table = objectTableName(type);
    QSqlQuery &q = prepared(QStringLiteral("sizes:") + table,
                            QStringLiteral("SELECT object_id, length(CAST(payload_json AS BLOB)) FROM %1").arg(table));
    exec(q, QStringLiteral("measure %1").arg(table));
    QHash<QString, qint64> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toLongLong());
    return out;
}

void MetadataStore::deletePayload(ObjectType type, const QString &objectId)
{
    const QString table = objectTableName(type);
    QSqlQuery &q = prepared(QStringLiteral("del:") + table, QStringLiteral("DELETE FROM %1 WHERE object_id = ?").arg(table));
    q.bindValue(0, objectId);
    exec(q, QStringLiteral("delete from %1").arg(table));
}

void MetadataStore::replaceChunks(const QList<ChunkRow> &rows)
{
    QSqlQuery clear(m_db);
    if (!clear.exec(QStringLiteral("DELETE FROM chunk_visible")))
        fail(QStringLiteral("clear chunk_visible"), clear);
    for (const ChunkRow &row : rows)
        putChunk(row);
}

QStringList MetadataStore::commitsMentioning(const QString &text)
{
    QSqlQuery &q = prepared(QStringLiteral("mentioning"),
                            QStringLiteral("SELECT object_id FROM objects_commits WHERE instr(payload_json, ?) > 0 "
                                           "ORDER BY object_id"));
    q.bindValue(0, text);
    exec(q, QStringLiteral("search objects_commits"));
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

} // namespace hubvault
