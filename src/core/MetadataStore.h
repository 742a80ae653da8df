#pragma once
// The only class that runs SQL (docs/format.md §2). It wraps one connection to
// metadata.sqlite3 (the SQLite C API: no per-call conversions, and a connection may move
// between threads as long as one uses it at a time) and answers in domain terms.
// Statements are prepared once per connection and kept; values are always bound as TEXT
// or INTEGER, never BLOB. Connections outlive calls (RepositoryContext pools them), but
// every call still runs inside its own transaction under the repository's file lock.

#include "ObjectModel.h"

#include <QByteArray>
#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace hubvault {

struct RefRow {
    QString kind; ///< "branch" or "tag"
    QString name;
    QString commitId; ///< empty = NULL (branch without commit)
    QString updatedAt;
};

struct ReflogRow {
    qint64 seq = 0;
    QString kind;
    QString name;
    QString timestamp;
    QString oldHead; ///< empty = NULL
    QString newHead; ///< empty = NULL
    QString message;
    QString checksum;
};

struct ChunkRow {
    QString chunkId;
    QString packId;
    qint64 offset = 0;
    qint64 storedSize = 0;
    qint64 logicalSize = 0;
    QString compression;
    QString checksum;
};

class MetadataStore {
public:
    enum class Mode { ReadOnly, ReadWrite };

    /** Opens the database; throws IntegrityError when SQLite cannot open or read it. */
    MetadataStore(const QString &databasePath, Mode mode);
    ~MetadataStore();
    MetadataStore(const MetadataStore &) = delete;
    MetadataStore &operator=(const MetadataStore &) = delete;

    /** Starts the read transaction (deferred BEGIN) that every read runs inside. */
    void beginRead();
    /** Ends a read transaction (ROLLBACK, as every read ends) or rolls back a write. */
    void endTransaction();
    bool inTransaction() const { return m_inTransaction; }
    /**
     * PRAGMA data_version: changes whenever another connection (of this process or any
     * other) committed since this connection last looked, so state derived from the
     * database can be kept until it does.
     */
    qint64 dataVersion();
    /**
     * True when the database may have changed since this connection last asked: on its
     * first call, and whenever data_version moved. Call inside a read transaction.
     */
    bool changedSinceLastLook();
    /** Device and inode of the file this connection opened (see ConnectionPool). */
    quint64 fileKey() const { return m_fileKey; }
    void setFileKey(quint64 key) { m_fileKey = key; }

    QStringList tableNames();
    QString schemaVersion();
    /** repo_meta: key -> value_json text. */
    QMap<QString, QString> repoMeta();

    QList<RefRow> refs();
    std::optional<RefRow> ref(const QString &kind, const QString &name);
    /** Newest first; `limit` < 0 means all. */
    QList<ReflogRow> reflog(const QString &kind, const QString &name, int limit = -1);
    /**
     * Calls `visit` for each reflog row of a ref, oldest first, one row at a time: a reflog
     * may hold millions of rows (a hostile one any number), so whole-reflog checks stream it.
     */
    void forEachReflogRow(const QString &kind, const QString &name, const std::function<void(const ReflogRow &)> &visit);
    /** The same, newest first, until `visit` returns false (a reflog streamed to a client). */
    void forEachReflogRowNewestFirst(const QString &kind, const QString &name,
                                     const std::function<bool(const ReflogRow &)> &visit);
    /** Distinct (kind, name) pairs that have reflog rows, including deleted refs. */
    QList<QPair<QString, QString>> reflogRefs();

    /** The stored payload text (UTF-8 bytes as stored). */
    std::optional<QByteArray> payload(ObjectType type, const QString &objectId);
    QStringList objectIds(ObjectType type);
    /** Commits whose payload text contains `text` (candidates for a git OID lookup). */
    QStringList commitsMentioning(const QString &text);
    /** Every commit payload, for resolving a 40-hex git OID by scan (docs/format.md §8.2). */
    QList<QPair<QString, QByteArray>> allPayloads(ObjectType type);

    /**
     * Every object of a type (in storage order, which reads the table sequentially) with
     * the byte length of its payload, without building strings: `visit` gets views into
     * SQLite's row, valid during the call.
     */
    void scanSizes(ObjectType type, const std::function<void(QByteArrayView id, qint64 size)> &visit);
    /** The stored payloads of those of `objectIds` that exist, in one statement per 32 ids. */
    void payloads(ObjectType type, const QStringList &objectIds,
                  const std::function<void(QByteArrayView id, const QByteArray &payload)> &visit);
    /** Every object id of a type in id order (read from the primary-key index alone). */
    void scanIds(ObjectType type, const std::function<void(QByteArrayView id)> &visit);
    /** Every object of a type (in storage order) with its payload text (views as above). */
    void scanPayloads(ObjectType type, const std::function<void(QByteArrayView id, QByteArrayView payload)> &visit);
    void deletePayload(ObjectType type, const QString &objectId);
    /** Replaces chunk_visible with exactly `rows` (gc repack, §5.6). */
    void replaceChunks(const QList<ChunkRow> &rows);

    std::optional<ChunkRow> chunk(const QString &chunkId);
    QList<ChunkRow> allChunks();

    qint64 txnLogCount();

    // Writes (read-write connections only).
    /** BEGIN IMMEDIATE: the single write transaction of one public operation. */
    void beginWrite();
    void commit();
    /** Rollback-only recovery: forget every in-flight transaction row (docs/format.md §6.4). */
    void clearTxnLog();

    /** journal_mode=DELETE and synchronous=EXTRA (or FULL), checked (docs/format.md §2.1). */
    void configureForWriting();
    /** Schema version 1 with the original's exact DDL text and creation order (§2.2). */
    void createSchema();
    void putRepoMeta(const QString &key, const QString &valueJson);
    void putRef(const QString &kind, const QString &name, const QString &commitId, const QString &updatedAt);
    void deleteRef(const QString &kind, const QString &name);
    /** Appends unless the ref's newest row has the same heads, message and checksum (§8.3). */
    void appendReflog(const ReflogRow &row);
    qint64 maxReflogSeq(const QString &kind, const QString &name);
    bool hasPayload(ObjectType type, const QString &objectId);
    void putPayload(ObjectType type, const QString &objectId, const QByteArray &payloadJson);
    void putChunk(const ChunkRow &row);

    /** txn_log row of a transaction (§6.2); `refUpdate` switches it to tx_kind ref_update. */
    struct TxnRow {
        QString txid;
        QString kind = QStringLiteral("transaction");
        QString state;
        QString refKind, refName, oldHead, newHead; ///< empty = NULL
        QString message;
        bool refExistedBefore = true;
        QString metadataJson = QStringLiteral("{}");
        QString updatedAt;
    };
    void putTxn(const TxnRow &row);
    void deleteTxn(const QString &txid);

    class Query;

private:
    /** A reflog row from the columns seq, ref_kind, ref_name, timestamp, old_head, new_head, message, checksum. */
    static ReflogRow reflogRow(Query &q);
    /** The statement for `sql`, prepared on first use and kept for the connection's life. */
    Query prepared(const char *sql, const QString &what);
    /** Runs statements that return no rows (BEGIN, COMMIT, PRAGMA ... = x). */
    void execute(const char *sql, const QString &what);
    [[noreturn]] void fail(const QString &what) const;
    static RefRow refFrom(const Query &q);

    QString m_path;
    sqlite3 *m_db = nullptr;
    QHash<const char *, sqlite3_stmt *> m_statements; ///< keyed by the SQL text's address
    bool m_inTransaction = false;
    std::optional<qint64> m_seenDataVersion;
    quint64 m_fileKey = 0;
};

} // namespace hubvault
