// MetadataStore (docs/format.md §2), used directly.
// Read-only, on a copy of fixture c-branches-merges (and b-chunked-large for chunks): the
// table list, schema version, repo_meta, refs, reflog order and limits, payloads, object
// ids, chunk rows and txn_log count, all compared with the manifests' SQLite dumps; a
// read-only connection refuses writes.
// Read-write, on a fresh file: createSchema produces exactly the sqlite_master of the
// original (DDL text, creation order, root pages); NULL ref targets; the reflog dedupe
// rule of §8.3; txn_log rows; replaceChunks; payload bookkeeping; commit/rollback
// visibility. Damaged or truncated database files raise IntegrityError with a message
// that names the file and says it is damaged.

#include "InternalTestSupport.h"

#include <hubvault/Errors.h>
#include "MetadataStore.h"
#include "RepoSession.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
namespace ut = hubvault::utest;
using ut::integrityMessage;

namespace {

/** scanSizes as a map, and scanPayloads checked to agree with it (same ids, sizes). */
QHash<QString, qint64> payloadSizes(MetadataStore &store, ObjectType type)
{
    QHash<QString, qint64> sizes;
    store.scanSizes(type, [&](QByteArrayView id, qint64 size) { sizes.insert(QString::fromUtf8(id), size); });
    qsizetype payloads = 0;
    store.scanPayloads(type, [&](QByteArrayView id, QByteArrayView payload) {
        ++payloads;
        if (sizes.value(QString::fromUtf8(id), -1) != payload.size())
            sizes.insert(QStringLiteral("mismatch"), -1);
    });
    if (payloads != sizes.size())
        sizes.insert(QStringLiteral("mismatch"), -1);
    return sizes;
}

const QString kTs = QStringLiteral("2024-06-01T12:00:00Z");

QString text(const QJsonValue &v) { return v.isNull() ? QString() : v.toString(); }

QJsonArray dump(const QString &fixture, const char *table)
{
    return ut::manifest(fixture).value(QLatin1String("sqlite")).toObject().value(QLatin1String(table)).toArray();
}

QString headOrNull(const QString &id) { return id.isEmpty() ? QStringLiteral("<null>") : id; }

ReflogRow reflogRow(const QString &name, const QString &oldHead, const QString &newHead, const QString &message,
                    const QString &timestamp = kTs)
{
    ReflogRow row;
    row.kind = QStringLiteral("branch");
    row.name = name;
    row.timestamp = timestamp;
    row.oldHead = oldHead;
    row.newHead = newHead;
    row.message = message;
    row.checksum = ObjectCodec::reflogChecksum(oldHead, newHead, message);
    return row;
}

QString fakeId(char c) { return QStringLiteral("sha256:") + QString(64, QLatin1Char(c)); }

ChunkRow chunkRow(const QString &id, const QString &pack, qint64 offset, qint64 size)
{
    return ChunkRow{id, pack, offset, size, size, QStringLiteral("none"), id};
}

QStringList masterRows(const QString &db)
{
    QStringList out;
    for (const QVariantList &row :
         ut::sql(db, QStringLiteral("SELECT rowid, type, name, tbl_name, rootpage, sql FROM sqlite_master ORDER BY rowid"))) {
        QStringList cells;
        for (const QVariant &v : row)
            cells.append(v.isNull() ? QStringLiteral("<null>") : v.toString());
        out.append(cells.join(QLatin1Char('|')));
    }
    return out;
}


} // namespace

class TstMetadataStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void readTablesSchemaAndMeta();
    void readRefs();
    void readReflogOrderAndLimit();
    void readPayloadsAndIds();
    void readChunks();
    void readOnlyConnectionRefusesWrites();

    void createSchemaMatchesOriginal();
    void putRefWithNullCommit();
    void appendReflogDedupe();
    void txnRows();
    void replaceChunks();
    void payloadBookkeeping();
    void commitAndRollbackVisibility();

    void damagedDatabaseFile();
    void truncatedDatabaseFile();

private:
    QTemporaryDir m_tmp;
    QString m_c, m_b, m_a;
    QString freshDatabase(const QString &name);
};

void TstMetadataStore::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_c = test::copyFixture(QStringLiteral("c-branches-merges"), m_tmp.path()) + QStringLiteral("/metadata.sqlite3");
    m_b = test::copyFixture(QStringLiteral("b-chunked-large"), m_tmp.path()) + QStringLiteral("/metadata.sqlite3");
    m_a = test::copyFixture(QStringLiteral("a-small-files-paths"), m_tmp.path()) + QStringLiteral("/metadata.sqlite3");
    QVERIFY(QFileInfo(m_c).isFile() && QFileInfo(m_b).isFile() && QFileInfo(m_a).isFile());
}

QString TstMetadataStore::freshDatabase(const QString &name)
{
    const QString path = m_tmp.filePath(name);
    MetadataStore store(path, MetadataStore::Mode::ReadWrite);
    store.configureForWriting();
    store.beginWrite();
    store.createSchema();
    store.commit();
    return path;
}

void TstMetadataStore::readTablesSchemaAndMeta()
{
    MetadataStore store(m_c, MetadataStore::Mode::ReadOnly);
    store.beginRead();
    QStringList tables;
    for (const QJsonValue &v : dump(QStringLiteral("c-branches-merges"), "tables"))
        tables.append(v.toString());
    QCOMPARE(store.tableNames(), tables);
    QCOMPARE(store.schemaVersion(), QStringLiteral("1"));

    QMap<QString, QString> meta;
    for (const QJsonValue &v : dump(QStringLiteral("c-branches-merges"), "repo_meta"))
        meta.insert(v[QLatin1String("key")].toString(), v[QLatin1String("value_json")].toString());
    QCOMPARE(meta.size(), 6);
    QCOMPARE(store.repoMeta(), meta);
    QCOMPARE(store.repoMeta().value(QStringLiteral("default_branch")), QStringLiteral("\"main\""));
    QCOMPARE(store.txnLogCount(), 0);
}

void TstMetadataStore::readRefs()
{
    MetadataStore store(m_c, MetadataStore::Mode::ReadOnly);
    store.beginRead();
    QStringList expected;
    for (const QJsonValue &v : dump(QStringLiteral("c-branches-merges"), "refs"))
        expected.append(QStringList{v[QLatin1String("ref_kind")].toString(), v[QLatin1String("ref_name")].toString(),
                                    headOrNull(text(v[QLatin1String("commit_id")])), v[QLatin1String("updated_at")].toString()}
                            .join(QLatin1Char('|')));
    std::sort(expected.begin(), expected.end(), [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
    QStringList got;
    for (const RefRow &r : store.refs())
        got.append(QStringList{r.kind, r.name, headOrNull(r.commitId), r.updatedAt}.join(QLatin1Char('|')));
    // ORDER BY ref_kind, ref_name: branches (incl. "release/v1") then tags.
    QCOMPARE(got, expected);
    QCOMPARE(got.first().section(QLatin1Char('|'), 0, 1), QStringLiteral("branch|conflict-side"));
    QCOMPARE(got.last().section(QLatin1Char('|'), 0, 1), QStringLiteral("tag|v1.0"));

    const auto main = store.ref(QStringLiteral("branch"), QStringLiteral("main"));
    QVERIFY(main);
    QCOMPARE(main->commitId, QStringLiteral("sha256:d4d108be25386ed7a66cd388ca360df3817e8e764c09b89dbcb47d29dd457d1b"));
    QVERIFY(store.ref(QStringLiteral("branch"), QStringLiteral("release/v1")));
    // Deleted refs, wrong namespaces and different case are absent.
    QVERIFY(!store.ref(QStringLiteral("branch"), QStringLiteral("feature-ff")));
    QVERIFY(!store.ref(QStringLiteral("tag"), QStringLiteral("tmp")));
    QVERIFY(!store.ref(QStringLiteral("tag"), QStringLiteral("main")));
    QVERIFY(!store.ref(QStringLiteral("branch"), QStringLiteral("Main")));
}

void TstMetadataStore::readReflogOrderAndLimit()
{
    MetadataStore store(m_c, MetadataStore::Mode::ReadOnly);
    store.beginRead();
    const QJsonArray rows = dump(QStringLiteral("c-branches-merges"), "reflog");
    QCOMPARE(rows.size(), 24);
    QHash<QPair<QString, QString>, QList<qint64>> seqs;
    for (const QJsonValue &v : rows)
        seqs[{v[QLatin1String("ref_kind")].toString(), v[QLatin1String("ref_name")].toString()}].append(v[QLatin1String("seq")].toInteger());

    QList<QPair<QString, QString>> refs = seqs.keys();
    std::sort(refs.begin(), refs.end());
    QCOMPARE(store.reflogRefs(), refs); // includes the deleted feature-ff and tmp
    QVERIFY(refs.contains(qMakePair(QStringLiteral("branch"), QStringLiteral("feature-ff"))));

    for (const auto &ref : std::as_const(refs)) {
        const QList<ReflogRow> all = store.reflog(ref.first, ref.second);
        QList<qint64> expected = seqs.value(ref);
        std::reverse(expected.begin(), expected.end()); // newest first
        QList<qint64> got;
        for (const ReflogRow &r : all) {
            got.append(r.seq);
            const QJsonObject row = rows.at(r.seq - 1).toObject();
            QCOMPARE(r.kind, ref.first);
            QCOMPARE(r.name, ref.second);
            QCOMPARE(r.timestamp, row.value(QLatin1String("timestamp")).toString());
            QCOMPARE(r.oldHead, text(row.value(QLatin1String("old_head"))));
            QCOMPARE(r.newHead, text(row.value(QLatin1String("new_head"))));
            QCOMPARE(r.message, row.value(QLatin1String("message")).toString());
            QCOMPARE(r.checksum, row.value(QLatin1String("checksum")).toString());
            QCOMPARE(ObjectCodec::reflogChecksum(r.oldHead, r.newHead, r.message), r.checksum);
        }
        QCOMPARE(got, expected);
    }
    // Limits: newest n rows; 0 gives none; larger than the log gives all.
    const QList<ReflogRow> main = store.reflog(QStringLiteral("branch"), QStringLiteral("main"));
    QCOMPARE(main.size(), 7);
    QCOMPARE(main.first().message, QStringLiteral("Merge topic again"));
    QCOMPARE(main.last().message, QStringLiteral("Initial commit"));
    QVERIFY(main.last().oldHead.isEmpty());
    const QList<ReflogRow> two = store.reflog(QStringLiteral("branch"), QStringLiteral("main"), 2);
    QCOMPARE(two.size(), 2);
    QCOMPARE(two.at(0).seq, main.at(0).seq);
    QCOMPARE(two.at(1).seq, main.at(1).seq);
    QCOMPARE(store.reflog(QStringLiteral("branch"), QStringLiteral("main"), 0).size(), 0);
    QCOMPARE(store.reflog(QStringLiteral("branch"), QStringLiteral("main"), 100).size(), 7);
    QCOMPARE(store.reflog(QStringLiteral("branch"), QStringLiteral("nope")).size(), 0);
    // A deleted branch keeps its rows; the newest has a NULL new head.
    const QList<ReflogRow> deleted = store.reflog(QStringLiteral("branch"), QStringLiteral("feature-ff"));
    QCOMPARE(deleted.size(), 3);
    QCOMPARE(deleted.first().message, QStringLiteral("delete branch"));
    QVERIFY(deleted.first().newHead.isEmpty());
    QCOMPARE(store.maxReflogSeq(QStringLiteral("branch"), QStringLiteral("main")), 19);
    QCOMPARE(store.maxReflogSeq(QStringLiteral("tag"), QStringLiteral("none")), 0);
}

void TstMetadataStore::readPayloadsAndIds()
{
    MetadataStore store(m_c, MetadataStore::Mode::ReadOnly);
    store.beginRead();
    const struct {
        ObjectType type;
        const char *table;
    } tables[] = {{ObjectType::Commit, "objects_commits"}, {ObjectType::Tree, "objects_trees"},
                  {ObjectType::File, "objects_files"}, {ObjectType::Blob, "objects_blobs"}};
    for (const auto &t : tables) {
        QStringList ids;
        for (const QJsonValue &v : dump(QStringLiteral("c-branches-merges"), t.table)) {
            const QString id = v[QLatin1String("object_id")].toString();
            ids.append(id);
            const auto payload = store.payload(t.type, id);
            QVERIFY(payload);
            QCOMPARE(*payload, v[QLatin1String("payload_json")].toString().toUtf8());
            QVERIFY(store.hasPayload(t.type, id));
            // Payloads hash to their ids (§3.1).
            QCOMPARE(ObjectCodec::objectId(t.type, *payload), id);
        }
        std::sort(ids.begin(), ids.end());
        QCOMPARE(store.objectIds(t.type), ids);
        const auto all = store.allPayloads(t.type);
        QCOMPARE(all.size(), ids.size());
        for (qsizetype i = 0; i < all.size(); ++i)
            QCOMPARE(all.at(i).first, ids.at(i));
    }
    QCOMPARE(store.objectIds(ObjectType::Commit).size(), 11);
    // Ids are looked up in their own table only.
    const QString commit = store.objectIds(ObjectType::Commit).first();
    QVERIFY(!store.payload(ObjectType::Tree, commit));
    QVERIFY(!store.hasPayload(ObjectType::File, commit));
    QVERIFY(!store.payload(ObjectType::Commit, fakeId('0')));

    // scanSizes counts UTF-8 bytes (fixture a has non-ASCII names inside tree payloads).
    MetadataStore a(m_a, MetadataStore::Mode::ReadOnly);
    a.beginRead();
    const QHash<QString, qint64> sizes = payloadSizes(a, ObjectType::Tree);
    QCOMPARE(sizes.size(), a.objectIds(ObjectType::Tree).size());
    bool sawMultibyte = false;
    for (auto it = sizes.cbegin(); it != sizes.cend(); ++it) {
        const QByteArray payload = *a.payload(ObjectType::Tree, it.key());
        QCOMPARE(it.value(), qint64(payload.size()));
        sawMultibyte = sawMultibyte || payload.size() != QString::fromUtf8(payload).size();
    }
    QVERIFY(sawMultibyte);
}

void TstMetadataStore::readChunks()
{
    MetadataStore c(m_c, MetadataStore::Mode::ReadOnly);
    c.beginRead();
    QVERIFY(c.allChunks().isEmpty());

    MetadataStore b(m_b, MetadataStore::Mode::ReadOnly);
    b.beginRead();
    const QJsonArray rows = dump(QStringLiteral("b-chunked-large"), "chunk_visible");
    QCOMPARE(rows.size(), 5);
    QStringList expected;
    for (const QJsonValue &v : rows)
        expected.append(QStringList{v[QLatin1String("chunk_id")].toString(), v[QLatin1String("pack_id")].toString(),
                                    QString::number(v[QLatin1String("offset")].toInteger()),
                                    QString::number(v[QLatin1String("stored_size")].toInteger()),
                                    QString::number(v[QLatin1String("logical_size")].toInteger()),
                                    v[QLatin1String("compression")].toString(), v[QLatin1String("checksum")].toString()}
                            .join(QLatin1Char('|')));
    std::sort(expected.begin(), expected.end());
    QStringList got;
    for (const ChunkRow &r : b.allChunks()) {
        got.append(QStringList{r.chunkId, r.packId, QString::number(r.offset), QString::number(r.storedSize),
                               QString::number(r.logicalSize), r.compression, r.checksum}
                       .join(QLatin1Char('|')));
        const auto one = b.chunk(r.chunkId);
        QVERIFY(one);
        QCOMPARE(one->packId, r.packId);
        QCOMPARE(one->offset, r.offset);
        QVERIFY(one->offset >= 17);
    }
    QCOMPARE(got, expected); // ORDER BY chunk_id
    QVERIFY(!b.chunk(fakeId('f')));
}

void TstMetadataStore::readOnlyConnectionRefusesWrites()
{
    const QByteArray before = [&] {
        QFile f(m_c);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }();
    {
        MetadataStore store(m_c, MetadataStore::Mode::ReadOnly);
        store.beginRead();
        const QString message = integrityMessage([&] { store.putRef(QStringLiteral("branch"), QStringLiteral("x"), QString(), kTs); });
        QVERIFY2(message.contains(QLatin1String("readonly")) || message.contains(QLatin1String("read-only")), qPrintable(message));
        QVERIFY(message.contains(m_c));
        QVERIFY(integrityMessage([&] { store.clearTxnLog(); }) != QLatin1String("no error"));
    }
    QFile f(m_c);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
}

void TstMetadataStore::createSchemaMatchesOriginal()
{
    const QString path = freshDatabase(QStringLiteral("schema.sqlite3"));
    // sqlite_master row for row against the original's file: creation order (rowid),
    // names, root pages and DDL text (sqlite_sequence comes with the AUTOINCREMENT reflog).
    QCOMPARE(masterRows(path), masterRows(m_c));

    // And the DDL text equals the manifest's schema_sql exactly.
    QStringList expected;
    for (const QJsonValue &v : dump(QStringLiteral("c-branches-merges"), "schema_sql"))
        expected.append(v.toString());
    QStringList got;
    for (const QVariantList &row : ut::sql(path, QStringLiteral("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")))
        got.append(row.first().toString());
    std::sort(got.begin(), got.end());
    std::sort(expected.begin(), expected.end());
    QCOMPARE(expected.size(), 13);
    QCOMPARE(got, expected);

    // File properties of §2.1 and the schema_info row.
    QCOMPARE(ut::sql(path, QStringLiteral("PRAGMA page_size")).value(0).value(0).toInt(), 4096);
    QCOMPARE(ut::sql(path, QStringLiteral("PRAGMA encoding")).value(0).value(0).toString(), QStringLiteral("UTF-8"));
    QCOMPARE(ut::sql(path, QStringLiteral("PRAGMA user_version")).value(0).value(0).toInt(), 0);
    QCOMPARE(ut::sql(path, QStringLiteral("PRAGMA auto_vacuum")).value(0).value(0).toInt(), 0);
    QCOMPARE(ut::sql(path, QStringLiteral("PRAGMA journal_mode")).value(0).value(0).toString(), QStringLiteral("delete"));
    QCOMPARE(ut::sql(path, QStringLiteral("SELECT key, value, typeof(value) FROM schema_info")),
             (QList<QVariantList>{{QStringLiteral("schema_version"), QStringLiteral("1"), QStringLiteral("text")}}));
    QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFileInfo::exists(path + QStringLiteral("-journal")));

    // Running it again on an existing schema changes nothing (IF NOT EXISTS).
    {
        MetadataStore store(path, MetadataStore::Mode::ReadWrite);
        store.configureForWriting();
        store.beginWrite();
        store.createSchema();
        store.commit();
    }
    QCOMPARE(masterRows(path), masterRows(m_c));
    MetadataStore check(path, MetadataStore::Mode::ReadOnly);
    check.beginRead();
    QCOMPARE(check.schemaVersion(), QStringLiteral("1"));
    QVERIFY(check.refs().isEmpty());
    QVERIFY(check.repoMeta().isEmpty());
}

void TstMetadataStore::putRefWithNullCommit()
{
    const QString path = freshDatabase(QStringLiteral("refs.sqlite3"));
    {
        MetadataStore store(path, MetadataStore::Mode::ReadWrite);
        store.configureForWriting();
        store.beginWrite();
        store.putRef(QStringLiteral("branch"), QStringLiteral("main"), QString(), kTs);
        store.putRef(QStringLiteral("branch"), QStringLiteral("feature/x"), fakeId('a'), kTs);
        store.putRef(QStringLiteral("tag"), QStringLiteral("main"), fakeId('b'), kTs); // separate namespace
        const auto main = store.ref(QStringLiteral("branch"), QStringLiteral("main"));
        QVERIFY(main && main->commitId.isEmpty());
        store.commit();
    }
    // NULL in SQL, not '' (readers must see "no commit", §1.4), and TEXT otherwise.
    QCOMPARE(ut::sql(path, QStringLiteral("SELECT ref_kind, ref_name, typeof(commit_id), typeof(updated_at) FROM refs ORDER BY 1, 2")),
             (QList<QVariantList>{{QStringLiteral("branch"), QStringLiteral("feature/x"), QStringLiteral("text"), QStringLiteral("text")},
                                  {QStringLiteral("branch"), QStringLiteral("main"), QStringLiteral("null"), QStringLiteral("text")},
                                  {QStringLiteral("tag"), QStringLiteral("main"), QStringLiteral("text"), QStringLiteral("text")}}));
    {
        // INSERT OR REPLACE: moving a ref keeps one row; setting it back to NULL works too.
        MetadataStore store(path, MetadataStore::Mode::ReadWrite);
        store.configureForWriting();
        store.beginWrite();
        store.putRef(QStringLiteral("branch"), QStringLiteral("main"), fakeId('c'), QStringLiteral("2024-06-02T00:00:00Z"));
        store.putRef(QStringLiteral("branch"), QStringLiteral("feature/x"), QString(), QStringLiteral("2024-06-02T00:00:00Z"));
        store.deleteRef(QStringLiteral("tag"), QStringLiteral("main"));
        store.deleteRef(QStringLiteral("tag"), QStringLiteral("never-existed"));
        store.commit();
    }
    MetadataStore store(path, MetadataStore::Mode::ReadOnly);
    store.beginRead();
    const QList<RefRow> refs = store.refs();
    QCOMPARE(refs.size(), 2);
    QCOMPARE(refs.at(0).name, QStringLiteral("feature/x"));
    QVERIFY(refs.at(0).commitId.isEmpty());
    QCOMPARE(refs.at(1).commitId, fakeId('c'));
    QCOMPARE(refs.at(1).updatedAt, QStringLiteral("2024-06-02T00:00:00Z"));
}

void TstMetadataStore::appendReflogDedupe()
{
    const QString path = freshDatabase(QStringLiteral("reflog.sqlite3"));
    const QString a = fakeId('a'), b = fakeId('b');
    MetadataStore store(path, MetadataStore::Mode::ReadWrite);
    store.configureForWriting();
    store.beginWrite();

    // §8.3 example checksums.
    QCOMPARE(ObjectCodec::reflogChecksum(QString(), QStringLiteral("sha256:4d005e5a6770a15ab0c9a65bf21411cad8719bc4bf2a2d5297f69566276a88ef"),
                                         QStringLiteral("Initial commit")),
             QStringLiteral("sha256:823eb6bb15c52180446b96a3e08fee4075d5d7e6ba814eea732ff5db44a71571"));

    store.appendReflog(reflogRow(QStringLiteral("main"), QString(), a, QStringLiteral("Initial commit")));
    // The same change again, even at a later time: the newest row matches, nothing added.
    store.appendReflog(reflogRow(QStringLiteral("main"), QString(), a, QStringLiteral("Initial commit"), QStringLiteral("2024-06-01T12:00:09Z")));
    QCOMPARE(store.reflog(QStringLiteral("branch"), QStringLiteral("main")).size(), 1);
    QCOMPARE(store.reflog(QStringLiteral("branch"), QStringLiteral("main")).first().timestamp, kTs);

    // Same heads, other message: appended. Same message, other heads: appended.
    store.appendReflog(reflogRow(QStringLiteral("main"), QString(), a, QStringLiteral("create branch")));
    store.appendReflog(reflogRow(QStringLiteral("main"), a, b, QStringLiteral("create branch")));
    QCOMPARE(store.reflog(QStringLiteral("branch"), QStringLiteral("main")).size(), 3);
    // Only the newest row counts: an older duplicate is appended again.
    store.appendReflog(reflogRow(QStringLiteral("main"), QString(), a, QStringLiteral("Initial commit")));
    QCOMPARE(store.reflog(QStringLiteral("branch"), QStringLiteral("main")).size(), 4);
    // Per ref: the same change on another branch or on a tag of the same name is new.
    store.appendReflog(reflogRow(QStringLiteral("other"), QString(), a, QStringLiteral("Initial commit")));
    ReflogRow tag = reflogRow(QStringLiteral("main"), QString(), a, QStringLiteral("Initial commit"));
    tag.kind = QStringLiteral("tag");
    store.appendReflog(tag);
    QCOMPARE(store.reflog(QStringLiteral("branch"), QStringLiteral("other")).size(), 1);
    QCOMPARE(store.reflog(QStringLiteral("tag"), QStringLiteral("main")).size(), 1);
    // A row whose checksum differs (whatever produced it) is not a duplicate.
    ReflogRow odd = reflogRow(QStringLiteral("other"), QString(), a, QStringLiteral("Initial commit"));
    odd.checksum = fakeId('9');
    store.appendReflog(odd);
    QCOMPARE(store.reflog(QStringLiteral("branch"), QStringLiteral("other")).size(), 2);
    // Deletion rows (NULL new head) and an empty message ('' in SQL, NOT NULL column).
    store.appendReflog(reflogRow(QStringLiteral("gone"), a, QString(), QString()));
    store.appendReflog(reflogRow(QStringLiteral("gone"), a, QString(), QStringLiteral("")));
    QCOMPARE(store.reflog(QStringLiteral("branch"), QStringLiteral("gone")).size(), 1);

    // seq is global and increasing; listing is newest first per ref.
    const QList<ReflogRow> main = store.reflog(QStringLiteral("branch"), QStringLiteral("main"));
    QCOMPARE(main.at(0).message, QStringLiteral("Initial commit"));
    QCOMPARE(main.at(1).newHead, b);
    QCOMPARE(main.at(3).seq, 1);
    QVERIFY(main.at(0).seq > main.at(1).seq && main.at(1).seq > main.at(2).seq);
    QCOMPARE(store.maxReflogSeq(QStringLiteral("branch"), QStringLiteral("main")), main.at(0).seq);
    store.commit();

    QCOMPARE(ut::sql(path, QStringLiteral("SELECT typeof(old_head), typeof(new_head), message, typeof(message) FROM reflog "
                                          "WHERE ref_name = 'gone'")),
             (QList<QVariantList>{{QStringLiteral("text"), QStringLiteral("null"), QStringLiteral(""), QStringLiteral("text")}}));
    QCOMPARE(ut::sql(path, QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = 'reflog'")).value(0).value(0).toInt(), 8);
}

void TstMetadataStore::txnRows()
{
    const QString path = freshDatabase(QStringLiteral("txn.sqlite3"));
    MetadataStore store(path, MetadataStore::Mode::ReadWrite);
    store.configureForWriting();
    store.beginWrite();
    MetadataStore::TxnRow row;
    row.txid = QStringLiteral("20240601T120000Z-0123abcd");
    row.state = QStringLiteral("PREPARING");
    row.updatedAt = kTs;
    store.putTxn(row);
    QCOMPARE(store.txnLogCount(), 1);
    store.commit();
    // Defaults of §6.2: ref columns NULL, message '', ref_existed_before 1, {} / {}.
    QCOMPARE(ut::sql(path, QStringLiteral("SELECT txid, tx_kind, state, typeof(ref_kind), typeof(ref_name), typeof(old_head), "
                                          "typeof(new_head), message, ref_existed_before, payload_json, metadata_json, updated_at "
                                          "FROM txn_log")),
             (QList<QVariantList>{{row.txid, QStringLiteral("transaction"), QStringLiteral("PREPARING"), QStringLiteral("null"),
                                   QStringLiteral("null"), QStringLiteral("null"), QStringLiteral("null"), QStringLiteral(""), 1,
                                   QStringLiteral("{}"), QStringLiteral("{}"), kTs}}));

    // Replacing the row switches it to a ref update (state kept by the caller).
    store.beginWrite();
    row.kind = QStringLiteral("ref_update");
    row.state = QStringLiteral("PUBLISHED_OBJECTS");
    row.refKind = QStringLiteral("branch");
    row.refName = QStringLiteral("main");
    row.newHead = fakeId('e');
    row.message = QStringLiteral("Upload x");
    row.refExistedBefore = false;
    row.metadataJson = QStringLiteral("{\"reflog_seq_before\":3}");
    store.putTxn(row);
    MetadataStore::TxnRow second;
    second.txid = QStringLiteral("20240601T120001Z-ffffffff");
    second.state = QStringLiteral("STAGED");
    second.updatedAt = kTs;
    store.putTxn(second);
    QCOMPARE(store.txnLogCount(), 2);
    store.commit();
    QCOMPARE(ut::sql(path, QStringLiteral("SELECT tx_kind, state, ref_kind, ref_name, typeof(old_head), new_head, message, "
                                          "ref_existed_before, metadata_json FROM txn_log WHERE txid = '20240601T120000Z-0123abcd'")),
             (QList<QVariantList>{{QStringLiteral("ref_update"), QStringLiteral("PUBLISHED_OBJECTS"), QStringLiteral("branch"),
                                   QStringLiteral("main"), QStringLiteral("null"), fakeId('e'), QStringLiteral("Upload x"), 0,
                                   QStringLiteral("{\"reflog_seq_before\":3}")}}));

    store.beginWrite();
    store.deleteTxn(row.txid);
    store.deleteTxn(QStringLiteral("not-a-txid"));
    QCOMPARE(store.txnLogCount(), 1);
    store.clearTxnLog();
    QCOMPARE(store.txnLogCount(), 0);
    store.commit();
    QCOMPARE(ut::sql(path, QStringLiteral("SELECT COUNT(*) FROM txn_log")).value(0).value(0).toInt(), 0);
}

void TstMetadataStore::replaceChunks()
{
    const QString path = freshDatabase(QStringLiteral("chunks.sqlite3"));
    MetadataStore store(path, MetadataStore::Mode::ReadWrite);
    store.configureForWriting();
    store.beginWrite();
    store.putChunk(chunkRow(fakeId('3'), QStringLiteral("p1"), 17, 10));
    store.putChunk(chunkRow(fakeId('1'), QStringLiteral("p1"), 27, 5));
    store.putChunk(chunkRow(fakeId('2'), QStringLiteral("p2"), 17, 8));
    // One row per chunk id: a second location replaces the first.
    store.putChunk(chunkRow(fakeId('2'), QStringLiteral("p3"), 17, 8));
    QCOMPARE(store.allChunks().size(), 3);
    QCOMPARE(store.chunk(fakeId('2'))->packId, QStringLiteral("p3"));

    // gc (§5.6): exactly the given rows remain, whatever was there before.
    store.replaceChunks({chunkRow(fakeId('2'), QStringLiteral("gc-x"), 17, 8), chunkRow(fakeId('1'), QStringLiteral("gc-x"), 25, 5)});
    const QList<ChunkRow> rows = store.allChunks();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0).chunkId, fakeId('1')); // ORDER BY chunk_id
    QCOMPARE(rows.at(0).offset, 25);
    QCOMPARE(rows.at(1).chunkId, fakeId('2'));
    QCOMPARE(rows.at(1).packId, QStringLiteral("gc-x"));
    QVERIFY(!store.chunk(fakeId('3')));
    store.commit();
    QCOMPARE(ut::sql(path, QStringLiteral("SELECT typeof(offset), typeof(stored_size), typeof(logical_size), typeof(pack_id) "
                                          "FROM chunk_visible LIMIT 1")),
             (QList<QVariantList>{{QStringLiteral("integer"), QStringLiteral("integer"), QStringLiteral("integer"), QStringLiteral("text")}}));

    store.beginWrite();
    store.replaceChunks({});
    QVERIFY(store.allChunks().isEmpty());
    store.commit();
}

void TstMetadataStore::payloadBookkeeping()
{
    const QString path = freshDatabase(QStringLiteral("payloads.sqlite3"));
    MetadataStore store(path, MetadataStore::Mode::ReadWrite);
    store.configureForWriting();
    store.beginWrite();
    const ut::WholeBlobIds hello = ut::wholeBlob("hello\n");
    store.putPayload(ObjectType::Blob, hello.blobId, hello.blobPayload);
    store.putPayload(ObjectType::File, hello.fileId, hello.filePayload);
    const QByteArray unicode = QStringLiteral(R"({"name":"日本語 😀"})").toUtf8();
    store.putPayload(ObjectType::Tree, fakeId('7'), unicode);
    store.putPayload(ObjectType::Tree, fakeId('7'), unicode); // idempotent
    QVERIFY(store.hasPayload(ObjectType::Blob, hello.blobId));
    QCOMPARE(*store.payload(ObjectType::File, hello.fileId), hello.filePayload);
    QCOMPARE(*store.payload(ObjectType::Tree, fakeId('7')), unicode);
    QCOMPARE(payloadSizes(store, ObjectType::Tree).value(fakeId('7')), qint64(unicode.size()));
    QCOMPARE(payloadSizes(store, ObjectType::File).value(hello.fileId), qint64(hello.filePayload.size()));
    QCOMPARE(store.objectIds(ObjectType::Tree), QStringList{fakeId('7')});
    store.deletePayload(ObjectType::Tree, fakeId('7'));
    QVERIFY(!store.hasPayload(ObjectType::Tree, fakeId('7')));
    QVERIFY(payloadSizes(store, ObjectType::Tree).isEmpty());
    store.commit();
    // Stored as TEXT, never BLOB (§2.1).
    QCOMPARE(ut::sql(path, QStringLiteral("SELECT typeof(object_id), typeof(payload_json) FROM objects_files")),
             (QList<QVariantList>{{QStringLiteral("text"), QStringLiteral("text")}}));

    store.beginWrite();
    store.putRepoMeta(QStringLiteral("default_branch"), QStringLiteral("\"main\""));
    store.putRepoMeta(QStringLiteral("default_branch"), QStringLiteral("\"dev\""));
    QCOMPARE(store.repoMeta(), (QMap<QString, QString>{{QStringLiteral("default_branch"), QStringLiteral("\"dev\"")}}));
    store.commit();
}

void TstMetadataStore::commitAndRollbackVisibility()
{
    const QString path = freshDatabase(QStringLiteral("visibility.sqlite3"));
    {
        MetadataStore writer(path, MetadataStore::Mode::ReadWrite);
        writer.configureForWriting();
        writer.beginWrite();
        writer.putRef(QStringLiteral("branch"), QStringLiteral("main"), fakeId('1'), kTs);
        {
            // A reader during the write sees the committed state only.
            MetadataStore reader(path, MetadataStore::Mode::ReadOnly);
            reader.beginRead();
            QVERIFY(!reader.ref(QStringLiteral("branch"), QStringLiteral("main")));
        }
        writer.commit();
    }
    {
        MetadataStore reader(path, MetadataStore::Mode::ReadOnly);
        reader.beginRead();
        QCOMPARE(reader.ref(QStringLiteral("branch"), QStringLiteral("main"))->commitId, fakeId('1'));
    }
    {
        // A write that is never committed rolls back when the store goes away.
        MetadataStore writer(path, MetadataStore::Mode::ReadWrite);
        writer.configureForWriting();
        writer.beginWrite();
        writer.putRef(QStringLiteral("branch"), QStringLiteral("main"), fakeId('2'), kTs);
        writer.putRef(QStringLiteral("branch"), QStringLiteral("extra"), QString(), kTs);
        QCOMPARE(writer.ref(QStringLiteral("branch"), QStringLiteral("main"))->commitId, fakeId('2'));
    }
    QVERIFY(!QFileInfo::exists(path + QStringLiteral("-journal")));
    MetadataStore reader(path, MetadataStore::Mode::ReadOnly);
    reader.beginRead();
    QCOMPARE(reader.ref(QStringLiteral("branch"), QStringLiteral("main"))->commitId, fakeId('1'));
    QVERIFY(!reader.ref(QStringLiteral("branch"), QStringLiteral("extra")));
}

void TstMetadataStore::damagedDatabaseFile()
{
    const QString path = m_tmp.filePath(QStringLiteral("garbage.sqlite3"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("this is not an SQLite database, just text. ").repeated(200));
    }
    const QString message = integrityMessage([&] {
        MetadataStore store(path, MetadataStore::Mode::ReadOnly);
        store.beginRead();
        store.tableNames();
    });
    QVERIFY2(message.contains(path), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("damaged")) || message.contains(QLatin1String("cannot open")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("not a database")), qPrintable(message));

    // Through the repository layer: opening a repository with such a database says so.
    QTemporaryDir tmp;
    const QString repo = test::copyFixture(QStringLiteral("c-branches-merges"), tmp.path());
    QVERIFY(QFile::remove(repo + QStringLiteral("/metadata.sqlite3")));
    QVERIFY(QFile::copy(path, repo + QStringLiteral("/metadata.sqlite3")));
    const QString openMessage = integrityMessage([&] { ut::loadContext(repo); });
    QVERIFY2(openMessage.contains(QLatin1String("metadata.sqlite3")) && openMessage.contains(QLatin1String("damaged")),
             qPrintable(openMessage));
}

void TstMetadataStore::truncatedDatabaseFile()
{
    // A valid header but missing pages: "database disk image is malformed" on reads.
    const QString path = m_tmp.filePath(QStringLiteral("truncated.sqlite3"));
    QVERIFY(QFile::copy(m_c, path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    QVERIFY(QFile::resize(path, 4096 * 3));
    const QString message = integrityMessage([&] {
        MetadataStore store(path, MetadataStore::Mode::ReadOnly);
        store.beginRead();
        store.tableNames();
        for (ObjectType type : {ObjectType::Commit, ObjectType::Tree, ObjectType::File, ObjectType::Blob})
            store.allPayloads(type);
        store.refs();
        store.allChunks();
    });
    QVERIFY2(message.contains(path) && message.contains(QLatin1String("damaged")), qPrintable(message));
}

QTEST_GUILESS_MAIN(TstMetadataStore)
#include "tst_metadata_store.moc"
