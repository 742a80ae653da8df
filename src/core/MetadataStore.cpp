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

} // namespace hubvault
