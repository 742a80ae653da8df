// The metadata database over the SQLite C API (see MetadataStore.h).
#include "MetadataStore.h"

#include <hubvault/Errors.h>

#include <QUrl>
#include <map>
#include <sqlite3.h>

namespace hubvault {

/**
 * One use of a prepared statement: binds, steps and reads columns, and resets the
 * statement when it goes out of scope, so no statement stays active across a COMMIT.
 */
class MetadataStore::Query {
public:
    Query(const MetadataStore &store, sqlite3_stmt *statement, const QString &what)
        : m_store(store), m_statement(statement), m_what(what)
    {
    }
    Query(Query &&other) noexcept : m_store(other.m_store), m_statement(other.m_statement), m_what(other.m_what)
    {
        other.m_statement = nullptr;
    }
    Query(const Query &) = delete;
    Query &operator=(const Query &) = delete;
    ~Query()
    {
        if (m_statement) {
            sqlite3_reset(m_statement);
            sqlite3_clear_bindings(m_statement);
        }
    }

    /** Binds text; a null QString binds "" (NOT NULL columns), never SQL NULL. */
    Query &text(int index, const QString &value)
    {
        const QByteArray utf8 = value.toUtf8();
        check(sqlite3_bind_text(m_statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT));
        return *this;
    }
    Query &utf8(int index, const QByteArray &value)
    {
        check(sqlite3_bind_text(m_statement, index, value.constData(), int(value.size()), SQLITE_TRANSIENT));
        return *this;
    }
    /** Binds text, or SQL NULL for an empty value (optional ids and ref columns). */
    Query &textOrNull(int index, const QString &value)
    {
        if (value.isEmpty()) {
            check(sqlite3_bind_null(m_statement, index));
            return *this;
        }
        return text(index, value);
    }
    Query &integer(int index, qint64 value)
    {
        check(sqlite3_bind_int64(m_statement, index, value));
        return *this;
    }

    /** Steps to the next row; false when there are no more. */
    bool next()
    {
        const int rc = sqlite3_step(m_statement);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        m_store.fail(m_what);
    }
    /** Runs a statement that returns no rows. */
    void run()
    {
        while (next()) {
        }
    }

    QString string(int column) const
    {
        const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return data ? QString::fromUtf8(data, sqlite3_column_bytes(m_statement, column)) : QString();
    }
    /**
     * Text as UTF-8 bytes, with 64 bytes of spare capacity behind them: the JSON parser
     * (simdjson) reads that far past the end and would otherwise copy the text first.
     */
    /** Text as a view into SQLite's row, valid until the next step or reset. */
    QByteArrayView view(int column) const
    {
        const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return data ? QByteArrayView(data, sqlite3_column_bytes(m_statement, column)) : QByteArrayView();
    }
    QByteArray bytes(int column) const
    {
        const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        if (!data)
            return QByteArray();
        const int size = sqlite3_column_bytes(m_statement, column);
        QByteArray out;
        out.reserve(size + 64);
        out.append(data, size);
        return out;
    }
    qint64 int64(int column) const { return sqlite3_column_int64(m_statement, column); }
    bool isNull(int column) const { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }

private:
    void check(int rc) const
    {
        if (rc != SQLITE_OK)
            m_store.fail(m_what);
    }

    const MetadataStore &m_store;
    sqlite3_stmt *m_statement;
    const QString &m_what;
};

namespace {

// Statements are keyed by the address of their text, so each one is a named constant.
struct TableSql {
    const char *payload, *ids, *all, *scan, *sizes, *has, *put, *del;
};

const TableSql &sqlFor(ObjectType type)
{
#define HUBVAULT_TABLE_SQL(table)                                                                          \
    TableSql                                                                                               \
    {                                                                                                      \
        "SELECT payload_json FROM " table " WHERE object_id = ?",                                         \
            "SELECT object_id FROM " table " ORDER BY object_id",                                         \
            "SELECT object_id, payload_json FROM " table " ORDER BY object_id",                           \
            "SELECT object_id, payload_json FROM " table,                                                 \
            "SELECT object_id, length(CAST(payload_json AS BLOB)) FROM " table,                           \
            "SELECT 1 FROM " table " WHERE object_id = ?",                                                \
            "INSERT OR REPLACE INTO " table " (object_id, payload_json) VALUES (?, ?)",                   \
            "DELETE FROM " table " WHERE object_id = ?"                                                   \
    }
    static const TableSql commits = HUBVAULT_TABLE_SQL("objects_commits");
    static const TableSql trees = HUBVAULT_TABLE_SQL("objects_trees");
    static const TableSql files = HUBVAULT_TABLE_SQL("objects_files");
    static const TableSql blobs = HUBVAULT_TABLE_SQL("objects_blobs");
#undef HUBVAULT_TABLE_SQL
    switch (type) {
    case ObjectType::Commit: return commits;
    case ObjectType::Tree: return trees;
    case ObjectType::File: return files;
    case ObjectType::Blob: return blobs;
    }
    return commits;
}

const char *const kChunkColumns = "chunk_id, pack_id, offset, stored_size, logical_size, compression, checksum";

} // namespace

MetadataStore::MetadataStore(const QString &databasePath, Mode mode) : m_path(databasePath)
{
    // Read-only connections open the URI file:<path>?mode=ro, as the original does (§2.1).
    QByteArray name;
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    if (mode == Mode::ReadOnly) {
        name = "file:" + QUrl::toPercentEncoding(databasePath, "/") + "?mode=ro";
        flags |= SQLITE_OPEN_READONLY;
    } else {
        name = "file:" + QUrl::toPercentEncoding(databasePath, "/");
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }
    const int rc = sqlite3_open_v2(name.constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString reason = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw IntegrityError(QStringLiteral("cannot open metadata database %1: %2").arg(databasePath, reason));
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 30000);
    execute("PRAGMA temp_store=MEMORY", QStringLiteral("configure the connection"));
}

MetadataStore::~MetadataStore()
{
    if (m_inTransaction)
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    for (sqlite3_stmt *statement : std::as_const(m_statements))
        sqlite3_finalize(statement);
    sqlite3_close_v2(m_db);
}

void MetadataStore::fail(const QString &what) const
{
    throw IntegrityError(QStringLiteral("metadata database %1 is damaged or unreadable (%2): %3")
                             .arg(m_path, what, QString::fromUtf8(sqlite3_errmsg(m_db))));
}

MetadataStore::Query MetadataStore::prepared(const char *sql, const QString &what)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK)
            fail(QStringLiteral("prepare to %1").arg(what));
        it = m_statements.insert(sql, statement);
    }
    return Query(*this, *it, what);
}

void MetadataStore::execute(const char *sql, const QString &what)
{
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        fail(what);
}

void MetadataStore::beginRead()
{
    if (m_inTransaction)
        return;
    execute("BEGIN", QStringLiteral("begin a read transaction"));
    m_inTransaction = true;
}

void MetadataStore::endTransaction()
{
    if (!m_inTransaction)
        return;
    m_inTransaction = false;
    execute("ROLLBACK", QStringLiteral("end a transaction"));
}

qint64 MetadataStore::dataVersion()
{
    const QString what = QStringLiteral("read data_version");
    Query q = prepared("PRAGMA data_version", what);
    return q.next() ? q.int64(0) : 0;
}

bool MetadataStore::changedSinceLastLook()
{
    const qint64 now = dataVersion();
    const bool changed = !m_seenDataVersion || *m_seenDataVersion != now;
    m_seenDataVersion = now;
    return changed;
}

QStringList MetadataStore::tableNames()
{
    const QString what = QStringLiteral("list tables");
    Query q = prepared("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name", what);
    QStringList out;
    while (q.next())
        out.append(q.string(0));
    return out;
}

QString MetadataStore::schemaVersion()
{
    const QString what = QStringLiteral("read schema_info");
    Query q = prepared("SELECT value FROM schema_info WHERE key='schema_version'", what);
    return q.next() ? q.string(0) : QString();
}

QMap<QString, QString> MetadataStore::repoMeta()
{
    const QString what = QStringLiteral("read repo_meta");
    Query q = prepared("SELECT key, value_json FROM repo_meta", what);
    QMap<QString, QString> out;
    while (q.next())
        out.insert(q.string(0), q.string(1));
    return out;
}

RefRow MetadataStore::refFrom(const Query &q)
{
    return RefRow{q.string(0), q.string(1), q.isNull(2) ? QString() : q.string(2), q.string(3)};
}

QList<RefRow> MetadataStore::refs()
{
    const QString what = QStringLiteral("read refs");
    Query q = prepared("SELECT ref_kind, ref_name, commit_id, updated_at FROM refs ORDER BY ref_kind, ref_name", what);
    QList<RefRow> out;
    while (q.next())
        out.append(refFrom(q));
    return out;
}

std::optional<RefRow> MetadataStore::ref(const QString &kind, const QString &name)
{
    const QString what = QStringLiteral("read a ref");
    Query q = prepared("SELECT ref_kind, ref_name, commit_id, updated_at FROM refs WHERE ref_kind = ? AND ref_name = ?", what);
    q.text(1, kind).text(2, name);
    if (!q.next())
        return std::nullopt;
    return refFrom(q);
}

ReflogRow MetadataStore::reflogRow(Query &q)
{
    return ReflogRow{q.int64(0), q.string(1), q.string(2), q.string(3), q.isNull(4) ? QString() : q.string(4),
                     q.isNull(5) ? QString() : q.string(5), q.string(6), q.string(7)};
}

QList<ReflogRow> MetadataStore::reflog(const QString &kind, const QString &name, int limit)
{
    const QString what = QStringLiteral("read the reflog");
    Query q = prepared("SELECT seq, ref_kind, ref_name, timestamp, old_head, new_head, message, checksum FROM reflog "
                       "WHERE ref_kind = ? AND ref_name = ? ORDER BY seq DESC LIMIT ?",
                       what);
    q.text(1, kind).text(2, name).integer(3, limit);
    QList<ReflogRow> out;
    while (q.next()) {
        out.append(reflogRow(q));
    }
    return out;
}

void MetadataStore::forEachReflogRow(const QString &kind, const QString &name,
                                     const std::function<void(const ReflogRow &)> &visit)
{
    const QString what = QStringLiteral("read the reflog");
    Query q = prepared("SELECT seq, ref_kind, ref_name, timestamp, old_head, new_head, message, checksum FROM reflog "
                       "WHERE ref_kind = ? AND ref_name = ? ORDER BY seq",
                       what);
    q.text(1, kind).text(2, name);
    while (q.next()) {
        visit(reflogRow(q));
    }
}

void MetadataStore::forEachReflogRowNewestFirst(const QString &kind, const QString &name,
                                                const std::function<bool(const ReflogRow &)> &visit)
{
    const QString what = QStringLiteral("read the reflog");
    Query q = prepared("SELECT seq, ref_kind, ref_name, timestamp, old_head, new_head, message, checksum FROM reflog "
                       "WHERE ref_kind = ? AND ref_name = ? ORDER BY seq DESC",
                       what);
    q.text(1, kind).text(2, name);
    while (q.next()) {
        if (!visit(reflogRow(q)))
            return;
    }
}

QList<QPair<QString, QString>> MetadataStore::reflogRefs()
{
    const QString what = QStringLiteral("read the reflog");
    Query q = prepared("SELECT DISTINCT ref_kind, ref_name FROM reflog ORDER BY ref_kind, ref_name", what);
    QList<QPair<QString, QString>> out;
    while (q.next())
        out.append({q.string(0), q.string(1)});
    return out;
}

std::optional<QByteArray> MetadataStore::payload(ObjectType type, const QString &objectId)
{
    const QString what = QStringLiteral("read ") + objectTableName(type);
    Query q = prepared(sqlFor(type).payload, what);
    q.text(1, objectId);
    if (!q.next())
        return std::nullopt;
    return q.bytes(0);
}

QStringList MetadataStore::objectIds(ObjectType type)
{
    const QString what = QStringLiteral("list ") + objectTableName(type);
    Query q = prepared(sqlFor(type).ids, what);
    QStringList out;
    while (q.next())
        out.append(q.string(0));
    return out;
}

QList<QPair<QString, QByteArray>> MetadataStore::allPayloads(ObjectType type)
{
    const QString what = QStringLiteral("list ") + objectTableName(type);
    Query q = prepared(sqlFor(type).all, what);
    QList<QPair<QString, QByteArray>> out;
    while (q.next())
        out.append({q.string(0), q.bytes(1)});
    return out;
}

static ChunkRow chunkFrom(const MetadataStore::Query &q)
{
    return ChunkRow{q.string(0), q.string(1), q.int64(2), q.int64(3), q.int64(4), q.string(5), q.string(6)};
}

std::optional<ChunkRow> MetadataStore::chunk(const QString &chunkId)
{
    static const QByteArray sql = QByteArray("SELECT ") + kChunkColumns + " FROM chunk_visible WHERE chunk_id = ?";
    const QString what = QStringLiteral("read chunk_visible");
    Query q = prepared(sql.constData(), what);
    q.text(1, chunkId);
    if (!q.next())
        return std::nullopt;
    return chunkFrom(q);
}

QList<ChunkRow> MetadataStore::allChunks()
{
    static const QByteArray sql = QByteArray("SELECT ") + kChunkColumns + " FROM chunk_visible ORDER BY chunk_id";
    const QString what = QStringLiteral("list chunk_visible");
    Query q = prepared(sql.constData(), what);
    QList<ChunkRow> out;
    while (q.next())
        out.append(chunkFrom(q));
    return out;
}

qint64 MetadataStore::txnLogCount()
{
    const QString what = QStringLiteral("read txn_log");
    Query q = prepared("SELECT COUNT(*) FROM txn_log", what);
    return q.next() ? q.int64(0) : 0;
}

void MetadataStore::beginWrite()
{
    execute("BEGIN IMMEDIATE", QStringLiteral("begin a write transaction"));
    m_inTransaction = true;
}

void MetadataStore::commit()
{
    execute("COMMIT", QStringLiteral("commit"));
    m_inTransaction = false;
}

void MetadataStore::clearTxnLog()
{
    execute("DELETE FROM txn_log", QStringLiteral("clear txn_log"));
}

void MetadataStore::configureForWriting()
{
    execute("PRAGMA journal_mode=DELETE", QStringLiteral("set journal_mode"));
    auto synchronous = [&] {
        const QString what = QStringLiteral("read synchronous");
        Query q = prepared("PRAGMA synchronous", what);
        return q.next() ? q.int64(0) : -1;
    };
    sqlite3_exec(m_db, "PRAGMA synchronous=EXTRA", nullptr, nullptr, nullptr);
    if (synchronous() != 3) {
        sqlite3_exec(m_db, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
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
    for (const char *sql : statements)
        execute(sql, QStringLiteral("create the schema"));
}

void MetadataStore::putRepoMeta(const QString &key, const QString &valueJson)
{
    const QString what = QStringLiteral("write repo_meta");
    prepared("INSERT OR REPLACE INTO repo_meta (key, value_json) VALUES (?, ?)", what).text(1, key).text(2, valueJson).run();
}

void MetadataStore::putRef(const QString &kind, const QString &name, const QString &commitId, const QString &updatedAt)
{
    const QString what = QStringLiteral("write a ref");
    prepared("INSERT OR REPLACE INTO refs (ref_kind, ref_name, commit_id, updated_at) VALUES (?, ?, ?, ?)", what)
        .text(1, kind)
        .text(2, name)
        .textOrNull(3, commitId)
        .text(4, updatedAt)
        .run();
}

void MetadataStore::deleteRef(const QString &kind, const QString &name)
{
    const QString what = QStringLiteral("delete a ref");
    prepared("DELETE FROM refs WHERE ref_kind = ? AND ref_name = ?", what).text(1, kind).text(2, name).run();
}

void MetadataStore::appendReflog(const ReflogRow &row)
{
    const QList<ReflogRow> newest = reflog(row.kind, row.name, 1);
    if (!newest.isEmpty() && newest.first().checksum == row.checksum && newest.first().oldHead == row.oldHead
        && newest.first().newHead == row.newHead && newest.first().message == row.message)
        return;
    const QString what = QStringLiteral("append to the reflog");
    prepared("INSERT INTO reflog (ref_kind, ref_name, timestamp, old_head, new_head, message, checksum) "
             "VALUES (?, ?, ?, ?, ?, ?, ?)",
             what)
        .text(1, row.kind)
        .text(2, row.name)
        .text(3, row.timestamp)
        .textOrNull(4, row.oldHead)
        .textOrNull(5, row.newHead)
        .text(6, row.message)
        .text(7, row.checksum)
        .run();
}

qint64 MetadataStore::maxReflogSeq(const QString &kind, const QString &name)
{
    const QString what = QStringLiteral("read the reflog");
    Query q = prepared("SELECT COALESCE(MAX(seq), 0) FROM reflog WHERE ref_kind = ? AND ref_name = ?", what);
    q.text(1, kind).text(2, name);
    return q.next() ? q.int64(0) : 0;
}

bool MetadataStore::hasPayload(ObjectType type, const QString &objectId)
{
    const QString what = QStringLiteral("read ") + objectTableName(type);
    Query q = prepared(sqlFor(type).has, what);
    q.text(1, objectId);
    return q.next();
}

void MetadataStore::putPayload(ObjectType type, const QString &objectId, const QByteArray &payloadJson)
{
    const QString what = QStringLiteral("write ") + objectTableName(type);
    prepared(sqlFor(type).put, what).text(1, objectId).utf8(2, payloadJson).run();
}

void MetadataStore::putChunk(const ChunkRow &row)
{
    const QString what = QStringLiteral("write chunk_visible");
    prepared("INSERT OR REPLACE INTO chunk_visible (chunk_id, pack_id, offset, stored_size, logical_size, compression, "
             "checksum) VALUES (?, ?, ?, ?, ?, ?, ?)",
             what)
        .text(1, row.chunkId)
        .text(2, row.packId)
        .integer(3, row.offset)
        .integer(4, row.storedSize)
        .integer(5, row.logicalSize)
        .text(6, row.compression)
        .text(7, row.checksum)
        .run();
}

void MetadataStore::putTxn(const TxnRow &row)
{
    const QString what = QStringLiteral("write txn_log");
    prepared("INSERT OR REPLACE INTO txn_log (txid, tx_kind, state, ref_kind, ref_name, old_head, new_head, message, "
             "ref_existed_before, payload_json, metadata_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)",
             what)
        .text(1, row.txid)
        .text(2, row.kind)
        .text(3, row.state)
        .textOrNull(4, row.refKind)
        .textOrNull(5, row.refName)
        .textOrNull(6, row.oldHead)
        .textOrNull(7, row.newHead)
        .text(8, row.message)
        .integer(9, row.refExistedBefore ? 1 : 0)
        .text(10, row.metadataJson)
        .text(11, row.updatedAt)
        .run();
}

void MetadataStore::deleteTxn(const QString &txid)
{
    const QString what = QStringLiteral("clear txn_log");
    prepared("DELETE FROM txn_log WHERE txid = ?", what).text(1, txid).run();
}

void MetadataStore::scanSizes(ObjectType type, const std::function<void(QByteArrayView id, qint64 size)> &visit)
{
    const QString what = QStringLiteral("measure ") + objectTableName(type);
    Query q = prepared(sqlFor(type).sizes, what);
    while (q.next())
        visit(q.view(0), q.int64(1));
}

void MetadataStore::payloads(ObjectType type, const QStringList &objectIds,
                             const std::function<void(QByteArrayView id, const QByteArray &payload)> &visit)
{
    // One statement text per table, with a fixed number of placeholders (unused ones
    // repeat the last id), so it is prepared once and kept like every other.
    constexpr int kBatch = 32;
    static const auto statements = [] {
        std::map<ObjectType, QByteArray> out;
        for (ObjectType t : {ObjectType::Commit, ObjectType::Tree, ObjectType::File, ObjectType::Blob}) {
            QByteArray sql = "SELECT object_id, payload_json FROM " + objectTableName(t).toLatin1() + " WHERE object_id IN (?";
            for (int i = 1; i < kBatch; ++i)
                sql += ",?";
            out[t] = sql + ")";
        }
        return out;
    }();
    const QString what = QStringLiteral("read ") + objectTableName(type);
    for (qsizetype first = 0; first < objectIds.size(); first += kBatch) {
        Query q = prepared(statements.at(type).constData(), what);
        for (int i = 0; i < kBatch; ++i)
            q.text(i + 1, objectIds.at(qMin(first + i, objectIds.size() - 1)));
        while (q.next())
            visit(q.view(0), q.bytes(1));
    }
}

void MetadataStore::scanIds(ObjectType type, const std::function<void(QByteArrayView id)> &visit)
{
    const QString what = QStringLiteral("list ") + objectTableName(type);
    Query q = prepared(sqlFor(type).ids, what);
    while (q.next())
        visit(q.view(0));
}

void MetadataStore::scanPayloads(ObjectType type, const std::function<void(QByteArrayView id, QByteArrayView payload)> &visit)
{
    const QString what = QStringLiteral("read ") + objectTableName(type);
    Query q = prepared(sqlFor(type).scan, what);
    while (q.next())
        visit(q.view(0), q.view(1));
}

void MetadataStore::deletePayload(ObjectType type, const QString &objectId)
{
    const QString what = QStringLiteral("delete from ") + objectTableName(type);
    prepared(sqlFor(type).del, what).text(1, objectId).run();
}

void MetadataStore::replaceChunks(const QList<ChunkRow> &rows)
{
    execute("DELETE FROM chunk_visible", QStringLiteral("clear chunk_visible"));
    for (const ChunkRow &row : rows)
        putChunk(row);
}

QStringList MetadataStore::commitsMentioning(const QString &text)
{
    const QString what = QStringLiteral("search objects_commits");
    Query q = prepared("SELECT object_id FROM objects_commits WHERE instr(payload_json, ?) > 0 ORDER BY object_id", what);
    q.text(1, text);
    QStringList out;
    while (q.next())
        out.append(q.string(0));
    return out;
}

} // namespace hubvault
