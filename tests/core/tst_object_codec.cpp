// Identifiers and canonical JSON against the worked examples of docs/format.md (§2.5, §3.7,
// §8.3, §9.1, §9.2) and against every object stored in the hubvault 0.0.2 fixtures.

#include <hubvault/Errors.h>
#include "CanonicalJson.h"
#include "Hash.h"
#include "ObjectCodec.h"
#include "ObjectModel.h"
#include "TestSupport.h"
#include "ViewCache.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <functional>

using namespace hubvault;

namespace {

QString fromCodePoints(std::initializer_list<char32_t> points)
{
    QString out;
    for (char32_t cp : points)
        out += QString::fromUcs4(&cp, 1);
    return out;
}

QString sha256Prefixed(const QByteArray &data) { return QStringLiteral("sha256:") + QString::fromLatin1(Hash::sha256Hex(data)); }

QJsonObject blobPayload(const QByteArray &content)
{
    const QString hash = sha256Prefixed(content);
    QJsonObject o;
    o.insert(QStringLiteral("format_version"), 1);
    o.insert(QStringLiteral("compression"), QStringLiteral("none"));
    o.insert(QStringLiteral("logical_size"), qint64(content.size()));
    o.insert(QStringLiteral("logical_hash"), hash);
    o.insert(QStringLiteral("stored_size"), qint64(content.size()));
    o.insert(QStringLiteral("payload_sha256"), hash);
    return o;
}

QJsonObject wholeBlobFilePayload(const QByteArray &content, const QString &blobId)
{
    const QString oid = ObjectCodec::gitBlobOid(content);
    QJsonObject o;
    o.insert(QStringLiteral("chunks"), QJsonArray());
    o.insert(QStringLiteral("content_object_id"), blobId);
    o.insert(QStringLiteral("content_type_hint"), QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("etag"), oid);
    o.insert(QStringLiteral("format_version"), 1);
    o.insert(QStringLiteral("logical_size"), qint64(content.size()));
    o.insert(QStringLiteral("oid"), oid);
    o.insert(QStringLiteral("sha256"), QString::fromLatin1(Hash::sha256Hex(content)));
    o.insert(QStringLiteral("storage_kind"), QStringLiteral("blob"));
    return o;
}

/** (blob id, file id, git oid) of a whole-blob file with this content. */
struct StoredFile {
    QString blobId;
    QString fileId;
    QString gitOid;
};

StoredFile storeWholeBlob(const QByteArray &content)
{
    StoredFile f;
    f.blobId = ObjectCodec::objectId(ObjectType::Blob, CanonicalJson::serialize(blobPayload(content)));
    f.fileId = ObjectCodec::objectId(ObjectType::File, CanonicalJson::serialize(wholeBlobFilePayload(content, f.blobId)));
    f.gitOid = ObjectCodec::gitBlobOid(content);
    return f;
}

QJsonObject treeEntry(const QString &name, bool isTree, const QString &objectId, qint64 sizeHint)
{
    QJsonObject e;
    e.insert(QStringLiteral("entry_type"), isTree ? QStringLiteral("tree") : QStringLiteral("file"));
    e.insert(QStringLiteral("mode"), isTree ? QStringLiteral("040000") : QStringLiteral("100644"));
    e.insert(QStringLiteral("name"), name);
    e.insert(QStringLiteral("object_id"), objectId);
    e.insert(QStringLiteral("size_hint"), sizeHint);
    return e;
}

QJsonObject treePayload(const QJsonArray &entries, const QString &gitOid)
{
    QJsonObject o;
    o.insert(QStringLiteral("entries"), entries);
    o.insert(QStringLiteral("format_version"), 1);
    o.insert(QStringLiteral("git_oid"), gitOid);
    return o;
}

QJsonObject commitPayload(const QString &createdAt, const QString &message, const QString &title,
                          const QString &description, const QStringList &parents, const QString &treeId,
                          const QString &gitOid)
{
    QJsonObject o;
    o.insert(QStringLiteral("author"), QString());
    o.insert(QStringLiteral("committer"), QString());
    o.insert(QStringLiteral("created_at"), createdAt);
    o.insert(QStringLiteral("description"), description);
    o.insert(QStringLiteral("format_version"), 1);
    o.insert(QStringLiteral("git_oid"), gitOid);
    o.insert(QStringLiteral("message"), message);
    o.insert(QStringLiteral("metadata"), QJsonObject());
    o.insert(QStringLiteral("parents"), QJsonArray::fromStringList(parents));
    o.insert(QStringLiteral("title"), title);
    o.insert(QStringLiteral("tree_id"), treeId);
    return o;
}

/** PRNG(n) of docs/format.md §3.7 E5: concat of SHA256("hubvault" || u64be(i)), truncated. */
QByteArray prng(qint64 n)
{
    QByteArray out;
    out.reserve(n + 32);
    for (quint64 i = 0; out.size() < n; ++i) {
        QByteArray seed("hubvault");
        for (int shift = 56; shift >= 0; shift -= 8)
            seed += char((i >> shift) & 0xFF);
        out += QCryptographicHash::hash(seed, QCryptographicHash::Sha256);
    }
    out.truncate(n);
    return out;
}

/** Read-only access to a copy of a fixture's metadata.sqlite3. */
class FixtureDb {
public:
    FixtureDb() = default;
    bool open(const QString &fixture)
    {
        if (!m_dir.isValid())
            return false;
        m_path = m_dir.path() + QStringLiteral("/metadata.sqlite3");
        if (!QFile::copy(hubvault::test::fixturePath(fixture) + QStringLiteral("/metadata.sqlite3"), m_path))
            return false;
        QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
        m_name = QStringLiteral("fixturedb-") + fixture;
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        return db.open();
    }
    ~FixtureDb()
    {
        if (!m_name.isEmpty()) {
            QSqlDatabase::database(m_name).close();
            QSqlDatabase::removeDatabase(m_name);
        }
    }
    QList<QStringList> rows(const QString &sql) const
    {
        QList<QStringList> out;
        QSqlQuery q(QSqlDatabase::database(m_name));
        if (!q.exec(sql))
            return out;
        while (q.next()) {
            QStringList row;
            for (int i = 0; i < q.record().count(); ++i)
                row.append(q.value(i).isNull() ? QString() : q.value(i).toString());
            out.append(row);
        }
        return out;
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    QString m_name;
};

const QStringList kFixtures = {QStringLiteral("a-small-files-paths"), QStringLiteral("b-chunked-large"),
                               QStringLiteral("c-branches-merges"), QStringLiteral("d-squash-gc")};

} // namespace

class TestObjectCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // --- §2.5 canonical JSON -------------------------------------------------------
    void cjsonSortsKeysAndKeepsArrays()
    {
        const QJsonObject o = QJsonDocument::fromJson(R"({"b":1,"a":[true,false,null,-3]})").object();
        QCOMPARE(CanonicalJson::serialize(o), QByteArray(R"({"a":[true,false,null,-3],"b":1})"));
    }

    void cjsonKeyOrderIsCodePointOrder()
    {
        // UTF-16 ordering would put the surrogate pair of U+1F600 (D83D DE00) before
        // U+FF01 and U+E000; Python sorts by code point, i.e. by UTF-8 bytes.
        QJsonObject o;
        o.insert(fromCodePoints({0x1F600}), 1);
        o.insert(fromCodePoints({0xFF01}), 2);
        o.insert(QStringLiteral("a"), 3);
        o.insert(fromCodePoints({0xE9}), 4);
        o.insert(fromCodePoints({0xD7FF}), 5);
        o.insert(fromCodePoints({0xE000}), 6);
        o.insert(QStringLiteral("B"), 7);
        o.insert(fromCodePoints({0x10000}), 8);
        QByteArray expected = "{\"B\":7,\"a\":3,\"";
        expected += fromCodePoints({0xE9}).toUtf8() + "\":4,\"";
        expected += fromCodePoints({0xD7FF}).toUtf8() + "\":5,\"";
        expected += fromCodePoints({0xE000}).toUtf8() + "\":6,\"";
        expected += fromCodePoints({0xFF01}).toUtf8() + "\":2,\"";
        expected += fromCodePoints({0x10000}).toUtf8() + "\":8,\"";
        expected += fromCodePoints({0x1F600}).toUtf8() + "\":1}";
        QCOMPARE(CanonicalJson::serialize(o), expected);

        // Nested objects are sorted too.
        QJsonObject outer;
        QJsonObject inner;
        inner.insert(fromCodePoints({0x1F600}), QJsonValue(QJsonValue::Null));
        inner.insert(fromCodePoints({0xFFFD}), false);
        outer.insert(QStringLiteral("z"), inner);
        outer.insert(QStringLiteral("y"), QJsonArray{QJsonObject{{QStringLiteral("b"), 1}, {QStringLiteral("a"), 2}}});
        QCOMPARE(CanonicalJson::serialize(outer),
                 QByteArray("{\"y\":[{\"a\":2,\"b\":1}],\"z\":{\"") + fromCodePoints({0xFFFD}).toUtf8() + "\":false,\""
                     + fromCodePoints({0x1F600}).toUtf8() + "\":null}}");
    }

    void cjsonEscapingExample()
    {
        // é U+2028 U+007F U+0001 TAB " \ / space 😀
        const QString s = fromCodePoints({0xE9, 0x2028, 0x7F, 0x01, 0x09, '"', '\\', '/', ' ', 0x1F600});
        QByteArray expected;
        expected += '"';
        expected += QByteArray::fromHex("c3a9e280a87f");
        expected += "\\u0001\\t\\\"\\\\/ ";
        expected += QByteArray::fromHex("f09f9880");
        expected += '"';
        QCOMPARE(CanonicalJson::serialize(QJsonValue(s)), expected);
    }

    void cjsonControlCharacters()
    {
        QString s;
        for (char16_t c = 0; c < 0x20; ++c)
            s += QChar(c);
        s += QChar(0x2029);
        s += QChar(0x85);
        const QByteArray expected = "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r"
                                    "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018"
                                    "\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"
                                    + QByteArray::fromHex("e280a9c285") + "\"";
        QCOMPARE(CanonicalJson::serialize(QJsonValue(s)), expected);
    }

    void cjsonScalars()
    {
        QCOMPARE(CanonicalJson::serialize(QJsonValue(0)), QByteArray("0"));
        QCOMPARE(CanonicalJson::serialize(QJsonValue(-3)), QByteArray("-3"));
        QCOMPARE(CanonicalJson::serialize(QJsonValue(qint64(16777216))), QByteArray("16777216"));
        QCOMPARE(CanonicalJson::serialize(QJsonValue(qint64(6291456))), QByteArray("6291456"));
        QCOMPARE(CanonicalJson::serialize(QJsonValue(true)), QByteArray("true"));
        QCOMPARE(CanonicalJson::serialize(QJsonValue(QJsonValue::Null)), QByteArray("null"));
        QCOMPARE(CanonicalJson::serialize(QJsonObject()), QByteArray("{}"));
        QCOMPARE(CanonicalJson::serialize(QJsonArray()), QByteArray("[]"));
        QCOMPARE(CanonicalJson::serialize(QJsonValue(QString())), QByteArray("\"\""));
    }

    void cjsonSpacedDialect()
    {
        const QJsonObject o = QJsonDocument::fromJson(R"({"pack_id":"p","offset":17,"a":[1,2]})").object();
        QCOMPARE(CanonicalJson::serializeSpaced(o), QByteArray(R"({"a": [1, 2], "offset": 17, "pack_id": "p"})"));
    }

    void cjsonParseObjectRejectsNonObjects()
    {
        QVERIFY_THROWS_EXCEPTION(IntegrityError, CanonicalJson::parseObject("[1,2]", QStringLiteral("x")));
        QVERIFY_THROWS_EXCEPTION(IntegrityError, CanonicalJson::parseObject("{\"a\":", QStringLiteral("x")));
        QCOMPARE(CanonicalJson::parseObject("{\"a\":1}", QStringLiteral("x")).value(QStringLiteral("a")).toInt(), 1);
    }

    // --- §3.7 worked examples --------------------------------------------------------
    void e1WholeBlobFile()
    {
        const QByteArray content("hello\n");
        QCOMPARE(QString::fromLatin1(Hash::sha256Hex(content)),
                 QStringLiteral("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"));
        QCOMPARE(ObjectCodec::gitBlobOid(content), QStringLiteral("ce013625030ba8dba906f756967f9e9ca394464a"));

        const QByteArray blob = CanonicalJson::serialize(blobPayload(content));
        QCOMPARE(blob, QByteArray(R"({"compression":"none","format_version":1,"logical_hash":"sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03","logical_size":6,"payload_sha256":"sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03","stored_size":6})"));
        QCOMPARE(sha256Prefixed(blob),
                 QStringLiteral("sha256:c17efb730fb64fa16bb0502b5441fbfccebd8166460ab99ba3d0ceabc9a6bbd6"));
        const QString blobId = ObjectCodec::objectId(ObjectType::Blob, blob);
        QCOMPARE(blobId, QStringLiteral("sha256:0d277684cb31b1376f92ae3e1a18fb5fe4e87d4bfddcbea51e20ac69ba2a6041"));

        // The object id is sha256 of CJSON(container); check against an independent build.
        QJsonObject container;
        container.insert(QStringLiteral("format_version"), 1);
        container.insert(QStringLiteral("object_type"), QStringLiteral("blob"));
        container.insert(QStringLiteral("payload"), blobPayload(content));
        container.insert(QStringLiteral("payload_sha256"), sha256Prefixed(blob));
        QCOMPARE(sha256Prefixed(CanonicalJson::serialize(container)), blobId);

        const QByteArray file = CanonicalJson::serialize(wholeBlobFilePayload(content, blobId));
        QCOMPARE(file, QByteArray(R"({"chunks":[],"content_object_id":"sha256:0d277684cb31b1376f92ae3e1a18fb5fe4e87d4bfddcbea51e20ac69ba2a6041","content_type_hint":null,"etag":"ce013625030ba8dba906f756967f9e9ca394464a","format_version":1,"logical_size":6,"oid":"ce013625030ba8dba906f756967f9e9ca394464a","sha256":"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03","storage_kind":"blob"})"));
        QCOMPARE(sha256Prefixed(file),
                 QStringLiteral("sha256:a50e872238d0dd6ac48afafd74481355393e21f7ea287cfa621b44b14f9b2d4e"));
        QCOMPARE(ObjectCodec::objectId(ObjectType::File, file),
                 QStringLiteral("sha256:c66322b939054fdedc33277d2eaf0dfb14e836b29086d4227a61d6a5d5fbb8c9"));
        // Same payload, other type: other id (the type is part of the container).
        QVERIFY(ObjectCodec::objectId(ObjectType::Blob, file) != ObjectCodec::objectId(ObjectType::File, file));
    }

    void e2SmallBinaryFile()
    {
        const QByteArray content = QByteArray::fromHex("00010203");
        QCOMPARE(QString::fromLatin1(Hash::sha256Hex(content)),
                 QStringLiteral("054edec1d0211f624fed0cbca9d4f9400b0e491c43742af2c5b0abebf0c990d8"));
        const StoredFile f = storeWholeBlob(content);
        QCOMPARE(f.gitOid, QStringLiteral("eaf36c1daccfdf325514461cd1a2ffbc139b5464"));
        QCOMPARE(f.blobId, QStringLiteral("sha256:ddcaf3fa733d935bfd3a4ec53079207da80e0a4a92a6fefd4873a42647e83b3c"));
        QCOMPARE(f.fileId, QStringLiteral("sha256:53228fe28cf2ed41886eb412432e7ecf9358679340ea35c4957974cc610da009"));
    }

    void gitBlobOidOfEmptyContent()
    {
        QCOMPARE(ObjectCodec::gitBlobOid(QByteArray()), QStringLiteral("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"));
        QCOMPARE(ObjectCodec::gitBlobHeader(6), QByteArray("blob 6\0", 7));
    }

    void e3Trees()
    {
        // Empty tree.
        QCOMPARE(ObjectCodec::gitTreeOid({}), QStringLiteral("4b825dc642cb6eb9a060e54bf8d69288fbee4904"));
        const QByteArray empty = CanonicalJson::serialize(treePayload({}, ObjectCodec::gitTreeOid({})));
        QCOMPARE(empty, QByteArray(R"({"entries":[],"format_version":1,"git_oid":"4b825dc642cb6eb9a060e54bf8d69288fbee4904"})"));
        QCOMPARE(ObjectCodec::objectId(ObjectType::Tree, empty),
                 QStringLiteral("sha256:5b279d12e3d4ec4f0e16ef09131340d9d4f6f5f994a1d2889028c8a0457f194c"));

        // Subtree data/ with x.bin (E2).
        const StoredFile x = storeWholeBlob(QByteArray::fromHex("00010203"));
        const QString dataGit = ObjectCodec::gitTreeOid({{QStringLiteral("x.bin"), false, x.gitOid}});
        QCOMPARE(dataGit, QStringLiteral("198ffa3178ad85c4874d7eec112a512b931ee8e9"));
        const QByteArray data = CanonicalJson::serialize(
            treePayload({treeEntry(QStringLiteral("x.bin"), false, x.fileId, 4)}, dataGit));
        QCOMPARE(data, QByteArray(R"({"entries":[{"entry_type":"file","mode":"100644","name":"x.bin","object_id":"sha256:53228fe28cf2ed41886eb412432e7ecf9358679340ea35c4957974cc610da009","size_hint":4}],"format_version":1,"git_oid":"198ffa3178ad85c4874d7eec112a512b931ee8e9"})"));
        const QString dataId = ObjectCodec::objectId(ObjectType::Tree, data);
        QCOMPARE(dataId, QStringLiteral("sha256:16ee41cf0ffeaf9d6df21177fc5ee9f859651e44ee9ec8e6f449c25fa4e74480"));

        // Root {README.md: E1, data/x.bin: E2}.
        const StoredFile readme = storeWholeBlob("hello\n");
        const QString rootGit = ObjectCodec::gitTreeOid(
            {{QStringLiteral("data"), true, dataGit}, {QStringLiteral("README.md"), false, readme.gitOid}});
        QCOMPARE(rootGit, QStringLiteral("3e53413e9945ac68fee9978adbf609e9d816b581"));
        const QByteArray root = CanonicalJson::serialize(treePayload(
            {treeEntry(QStringLiteral("README.md"), false, readme.fileId, 6), treeEntry(QStringLiteral("data"), true, dataId, 0)},
            rootGit));
        QCOMPARE(root, QByteArray(R"({"entries":[{"entry_type":"file","mode":"100644","name":"README.md","object_id":"sha256:c66322b939054fdedc33277d2eaf0dfb14e836b29086d4227a61d6a5d5fbb8c9","size_hint":6},{"entry_type":"tree","mode":"040000","name":"data","object_id":"sha256:16ee41cf0ffeaf9d6df21177fc5ee9f859651e44ee9ec8e6f449c25fa4e74480","size_hint":0}],"format_version":1,"git_oid":"3e53413e9945ac68fee9978adbf609e9d816b581"})"));
        QCOMPARE(ObjectCodec::objectId(ObjectType::Tree, root),
                 QStringLiteral("sha256:b7db33a95bfbf42ca7d5516653bb82375c7fb4f23ecbe0579f3b1df868f2740c"));
    }

    void e3TreeOrderingTrap()
    {
        const StoredFile ab = storeWholeBlob("1");
        const StoredFile c = storeWholeBlob("2");
        QCOMPARE(ab.gitOid, QStringLiteral("56a6051ca2b02b04ef92d5150c9ef600403cb1de"));
        const QString aGit = ObjectCodec::gitTreeOid({{QStringLiteral("c"), false, c.gitOid}});
        QCOMPARE(aGit, QStringLiteral("45c906fecbfbdc70c35be6b4930e72bcb80fcf55"));

        // Git order is a.b then a/ whatever order the entries are given in.
        const QString expectedRoot = QStringLiteral("d318d61a9c6b5820c87defdba9c6d78d53584599");
        QCOMPARE(ObjectCodec::gitTreeOid({{QStringLiteral("a"), true, aGit}, {QStringLiteral("a.b"), false, ab.gitOid}}),
                 expectedRoot);
        QCOMPARE(ObjectCodec::gitTreeOid({{QStringLiteral("a.b"), false, ab.gitOid}, {QStringLiteral("a"), true, aGit}}),
                 expectedRoot);

        // A naive name sort (a before a.b) would hash differently: prove the trap is real.
        QByteArray naive = "40000 a";
        naive += '\0';
        naive += QByteArray::fromHex(aGit.toLatin1());
        naive += "100644 a.b";
        naive += '\0';
        naive += QByteArray::fromHex(ab.gitOid.toLatin1());
        QByteArray framed = "tree " + QByteArray::number(naive.size());
        framed += '\0';
        framed += naive;
        QVERIFY(QString::fromLatin1(Hash::sha1Hex(framed)) != expectedRoot);

        // Payload order is code-point order ignoring the type: tree a, then file a.b.
        const QString aId = ObjectCodec::objectId(
            ObjectType::Tree, CanonicalJson::serialize(treePayload({treeEntry(QStringLiteral("c"), false, c.fileId, 1)}, aGit)));
        const QByteArray root = CanonicalJson::serialize(treePayload(
            {treeEntry(QStringLiteral("a"), true, aId, 0), treeEntry(QStringLiteral("a.b"), false, ab.fileId, 1)}, expectedRoot));
        QCOMPARE(ObjectCodec::objectId(ObjectType::Tree, root),
                 QStringLiteral("sha256:e9c8a2f767d2988db7ecd36152805b5822e60382ee0638bde4dca276a41bdf91"));
        const QByteArray swapped = CanonicalJson::serialize(treePayload(
            {treeEntry(QStringLiteral("a.b"), false, ab.fileId, 1), treeEntry(QStringLiteral("a"), true, aId, 0)}, expectedRoot));
        QVERIFY(ObjectCodec::objectId(ObjectType::Tree, swapped) != ObjectCodec::objectId(ObjectType::Tree, root));
    }

    void e4Commits()
    {
        const QDateTime t1 = ObjectCodec::parseTimestamp(QStringLiteral("2024-01-01T00:00:00Z"));
        QVERIFY(t1.isValid());
        QCOMPARE(t1.toSecsSinceEpoch(), qint64(1704067200));
        QCOMPARE(ObjectCodec::formatTimestamp(t1), QStringLiteral("2024-01-01T00:00:00Z"));
        const QString emptyTreeGit = QStringLiteral("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
        const QString bootGit = ObjectCodec::gitCommitOid(emptyTreeGit, {}, t1, QStringLiteral("Initial commit"));
        QCOMPARE(bootGit, QStringLiteral("ed0bbedab9f089f9be2fb385b248d45e66d56d51"));
        const QByteArray boot = CanonicalJson::serialize(commitPayload(
            QStringLiteral("2024-01-01T00:00:00Z"), QStringLiteral("Initial commit"), QStringLiteral("Initial commit"),
            QString(), {}, QStringLiteral("sha256:5b279d12e3d4ec4f0e16ef09131340d9d4f6f5f994a1d2889028c8a0457f194c"),
            bootGit));
        QCOMPARE(boot, QByteArray(R"({"author":"","committer":"","created_at":"2024-01-01T00:00:00Z","description":"","format_version":1,"git_oid":"ed0bbedab9f089f9be2fb385b248d45e66d56d51","message":"Initial commit","metadata":{},"parents":[],"title":"Initial commit","tree_id":"sha256:5b279d12e3d4ec4f0e16ef09131340d9d4f6f5f994a1d2889028c8a0457f194c"})"));
        const QString bootId = ObjectCodec::objectId(ObjectType::Commit, boot);
        QCOMPARE(bootId, QStringLiteral("sha256:4d005e5a6770a15ab0c9a65bf21411cad8719bc4bf2a2d5297f69566276a88ef"));

        const QDateTime t2 = ObjectCodec::parseTimestamp(QStringLiteral("2024-01-02T03:04:05Z"));
        QCOMPARE(t2.toSecsSinceEpoch(), qint64(1704164645));
        const QString message = QStringLiteral("seed\n\nbody text");
        const auto [title, description] = ObjectCodec::splitMessage(message);
        QCOMPARE(title, QStringLiteral("seed"));
        QCOMPARE(description, QStringLiteral("body text"));
        const QString git = ObjectCodec::gitCommitOid(QStringLiteral("3e53413e9945ac68fee9978adbf609e9d816b581"),
                                                      {bootGit}, t2, message);
        QCOMPARE(git, QStringLiteral("2ee34107f2d2593c946a4e2a0436c64b9cc6ed25"));
        // A message already ending in "\n" is not given a second one.
        QCOMPARE(ObjectCodec::gitCommitOid(QStringLiteral("3e53413e9945ac68fee9978adbf609e9d816b581"), {bootGit}, t2,
                                           message + QLatin1Char('\n')),
                 git);
        const QByteArray second = CanonicalJson::serialize(commitPayload(
            QStringLiteral("2024-01-02T03:04:05Z"), message, title, description, {bootId},
            QStringLiteral("sha256:b7db33a95bfbf42ca7d5516653bb82375c7fb4f23ecbe0579f3b1df868f2740c"), git));
        QCOMPARE(second, QByteArray(R"({"author":"","committer":"","created_at":"2024-01-02T03:04:05Z","description":"body text","format_version":1,"git_oid":"2ee34107f2d2593c946a4e2a0436c64b9cc6ed25","message":"seed\n\nbody text","metadata":{},"parents":["sha256:4d005e5a6770a15ab0c9a65bf21411cad8719bc4bf2a2d5297f69566276a88ef"],"title":"seed","tree_id":"sha256:b7db33a95bfbf42ca7d5516653bb82375c7fb4f23ecbe0579f3b1df868f2740c"})"));
        QCOMPARE(sha256Prefixed(second),
                 QStringLiteral("sha256:0a23d45918265c0abb3d80c9ed0e9322f2e59761737954a63857a9dab397723e"));
        QCOMPARE(ObjectCodec::objectId(ObjectType::Commit, second),
                 QStringLiteral("sha256:7c998105df490303cbae414eb55c3ef26476ab09f3bbb9770a591c34e9223169"));
    }

    void timestampsAreUtc()
    {
        QVERIFY(!ObjectCodec::parseTimestamp(QStringLiteral("not a time")).isValid());
        const QDateTime t = ObjectCodec::parseTimestamp(QStringLiteral("2024-03-31T02:30:00Z"));
        QVERIFY(t.isValid());
        QCOMPARE(t.timeSpec(), Qt::UTC);
        QCOMPARE(ObjectCodec::formatTimestamp(t), QStringLiteral("2024-03-31T02:30:00Z"));
        const QDateTime offset(QDate(2024, 1, 1), QTime(2, 0), QTimeZone(7200));
        QCOMPARE(ObjectCodec::formatTimestamp(offset), QStringLiteral("2024-01-01T00:00:00Z"));
    }

    void e5ChunkedFile()
    {
        const QByteArray data = prng(6291456);
        const QString sha = QString::fromLatin1(Hash::sha256Hex(data));
        QCOMPARE(sha, QStringLiteral("7ba10c64e03f8bd7d1dafeb7e73ae2c597398c9430201911cd368c1029c955f3"));
        const QByteArray pointer = ObjectCodec::lfsPointer(sha, data.size());
        QCOMPARE(pointer, QByteArray("version https://git-lfs.github.com/spec/v1\noid sha256:"
                                     "7ba10c64e03f8bd7d1dafeb7e73ae2c597398c9430201911cd368c1029c955f3\nsize 6291456\n"));
        QCOMPARE(pointer.size(), 132);
        QCOMPARE(ObjectCodec::gitBlobOid(pointer), QStringLiteral("0c385808148cacd04addd9254c21f9852e9cb842"));

        const QString c1 = sha256Prefixed(data.left(3808705));
        const QString c2 = sha256Prefixed(data.mid(3808705));
        QCOMPARE(c1, QStringLiteral("sha256:3d92a8df3188dbed24a168b902cff10d28300462ee600c22e1b5dfdccb09692c"));
        QCOMPARE(c2, QStringLiteral("sha256:30dde1b2ee5340eec5d8705be652acf4655f50402149e3613ed8815c6b36cd4c"));
        auto chunk = [](const QString &id, qint64 offset, qint64 size) {
            QJsonObject o;
            o.insert(QStringLiteral("checksum"), id);
            o.insert(QStringLiteral("chunk_id"), id);
            o.insert(QStringLiteral("compression"), QStringLiteral("none"));
            o.insert(QStringLiteral("logical_offset"), offset);
            o.insert(QStringLiteral("logical_size"), size);
            o.insert(QStringLiteral("stored_size"), size);
            return o;
        };
        QJsonObject file;
        file.insert(QStringLiteral("chunks"), QJsonArray{chunk(c1, 0, 3808705), chunk(c2, 3808705, 2482751)});
        file.insert(QStringLiteral("content_object_id"), QJsonValue(QJsonValue::Null));
        file.insert(QStringLiteral("content_type_hint"), QJsonValue(QJsonValue::Null));
        file.insert(QStringLiteral("etag"), sha);
        file.insert(QStringLiteral("format_version"), 1);
        file.insert(QStringLiteral("logical_size"), qint64(data.size()));
        file.insert(QStringLiteral("oid"), ObjectCodec::gitBlobOid(pointer));
        file.insert(QStringLiteral("pointer_size"), qint64(pointer.size()));
        file.insert(QStringLiteral("sha256"), sha);
        file.insert(QStringLiteral("storage_kind"), QStringLiteral("chunked"));
        const QByteArray payload = CanonicalJson::serialize(file);
        QCOMPARE(payload, QByteArray(R"({"chunks":[{"checksum":"sha256:3d92a8df3188dbed24a168b902cff10d28300462ee600c22e1b5dfdccb09692c","chunk_id":"sha256:3d92a8df3188dbed24a168b902cff10d28300462ee600c22e1b5dfdccb09692c","compression":"none","logical_offset":0,"logical_size":3808705,"stored_size":3808705},{"checksum":"sha256:30dde1b2ee5340eec5d8705be652acf4655f50402149e3613ed8815c6b36cd4c","chunk_id":"sha256:30dde1b2ee5340eec5d8705be652acf4655f50402149e3613ed8815c6b36cd4c","compression":"none","logical_offset":3808705,"logical_size":2482751,"stored_size":2482751}],"content_object_id":null,"content_type_hint":null,"etag":"7ba10c64e03f8bd7d1dafeb7e73ae2c597398c9430201911cd368c1029c955f3","format_version":1,"logical_size":6291456,"oid":"0c385808148cacd04addd9254c21f9852e9cb842","pointer_size":132,"sha256":"7ba10c64e03f8bd7d1dafeb7e73ae2c597398c9430201911cd368c1029c955f3","storage_kind":"chunked"})"));
        QCOMPARE(ObjectCodec::objectId(ObjectType::File, payload),
                 QStringLiteral("sha256:ad9cd7b55ddf342b455e73722ce55b195b4d2f7d61d9096ff5a92e525a0cdf38"));

        // The parsed payload keeps what readers need.
        const FilePayload parsed = FilePayload::parse(payload, QStringLiteral("e5"));
        QVERIFY(parsed.isChunked());
        QCOMPARE(parsed.chunks.size(), 2);
        QCOMPARE(parsed.chunks.at(1).logicalOffset, qint64(3808705));
        QCOMPARE(parsed.pointerSize.value_or(-1), qint64(132));
    }

    // --- §8.3 reflog checksums -------------------------------------------------------
    void reflogChecksums()
    {
        QCOMPARE(ObjectCodec::reflogChecksum(
                     QString(), QStringLiteral("sha256:4d005e5a6770a15ab0c9a65bf21411cad8719bc4bf2a2d5297f69566276a88ef"),
                     QStringLiteral("Initial commit")),
                 QStringLiteral("sha256:823eb6bb15c52180446b96a3e08fee4075d5d7e6ba814eea732ff5db44a71571"));
        QCOMPARE(ObjectCodec::reflogChecksum(
                     QStringLiteral("sha256:4d005e5a6770a15ab0c9a65bf21411cad8719bc4bf2a2d5297f69566276a88ef"),
                     QStringLiteral("sha256:7c998105df490303cbae414eb55c3ef26476ab09f3bbb9770a591c34e9223169"),
                     QStringLiteral("seed\n\nbody text")),
                 QStringLiteral("sha256:15be36a631932356c290bec36a4e77b0a69db5826b5834fa59fd7c806f3ac3b3"));
    }

    void reflogChecksumsOfEveryFixtureRow_data()
    {
        QTest::addColumn<QString>("fixture");
        for (const QString &f : kFixtures)
            QTest::newRow(qPrintable(f)) << f;
    }

    void reflogChecksumsOfEveryFixtureRow()
    {
        QFETCH(QString, fixture);
        FixtureDb db;
        QVERIFY(db.open(fixture));
        const auto rows = db.rows(QStringLiteral("SELECT old_head, new_head, message, checksum FROM reflog ORDER BY seq"));
        QVERIFY(!rows.isEmpty());
        for (const QStringList &row : rows)
            QCOMPARE(ObjectCodec::reflogChecksum(row.at(0), row.at(1), row.at(2)), row.at(3));
    }

    // --- every stored object of the fixtures -------------------------------------------
    void fixtureObjectsRoundTrip_data()
    {
        reflogChecksumsOfEveryFixtureRow_data();
    }

    void fixtureObjectsRoundTrip()
    {
        QFETCH(QString, fixture);
        FixtureDb db;
        QVERIFY(db.open(fixture));
        int count = 0;
        QHash<QString, QString> fileOids;
        QHash<QString, QJsonObject> trees;
        QHash<QString, QJsonObject> commits;
        for (ObjectType type : {ObjectType::Commit, ObjectType::Tree, ObjectType::File, ObjectType::Blob}) {
            const auto rows = db.rows(QStringLiteral("SELECT object_id, payload_json FROM %1").arg(objectTableName(type)));
            for (const QStringList &row : rows) {
                const QByteArray stored = row.at(1).toUtf8();
                const QJsonObject json = CanonicalJson::parseObject(stored, row.at(0));
                // Re-serializing must give the stored bytes exactly, and the id must match.
                QCOMPARE(CanonicalJson::serialize(json), stored);
                QCOMPARE(ObjectCodec::objectId(type, stored), row.at(0));
                if (type == ObjectType::File)
                    fileOids.insert(row.at(0), json.value(QStringLiteral("oid")).toString());
                else if (type == ObjectType::Tree)
                    trees.insert(row.at(0), json);
                else if (type == ObjectType::Commit)
                    commits.insert(row.at(0), json);
                ++count;
            }
        }
        QVERIFY(count > 5);

        // Recompute every tree's git OID from its entries (children first, via recursion).
        std::function<QString(const QString &)> treeGit = [&](const QString &id) {
            const QJsonObject t = trees.value(id);
            QList<GitTreeEntry> entries;
            for (const QJsonValue &v : t.value(QStringLiteral("entries")).toArray()) {
                const QJsonObject e = v.toObject();
                const bool isTree = e.value(QStringLiteral("entry_type")).toString() == QLatin1String("tree");
                const QString child = e.value(QStringLiteral("object_id")).toString();
                entries.append({e.value(QStringLiteral("name")).toString(), isTree,
                                isTree ? treeGit(child) : fileOids.value(child)});
            }
            return ObjectCodec::gitTreeOid(entries);
        };
        for (auto it = trees.cbegin(); it != trees.cend(); ++it)
            QCOMPARE(treeGit(it.key()), it.value().value(QStringLiteral("git_oid")).toString());

        // And every commit's git OID from tree, parents, time and message; title and
        // description must be the split of the message when no description was given.
        for (auto it = commits.cbegin(); it != commits.cend(); ++it) {
            const QJsonObject c = it.value();
            QStringList parents;
            for (const QJsonValue &p : c.value(QStringLiteral("parents")).toArray())
                parents.append(commits.value(p.toString()).value(QStringLiteral("git_oid")).toString());
            const QString expected = ObjectCodec::gitCommitOid(
                trees.value(c.value(QStringLiteral("tree_id")).toString()).value(QStringLiteral("git_oid")).toString(), parents,
                ObjectCodec::parseTimestamp(c.value(QStringLiteral("created_at")).toString()),
                c.value(QStringLiteral("message")).toString());
            QCOMPARE(expected, c.value(QStringLiteral("git_oid")).toString());
            const QString message = c.value(QStringLiteral("message")).toString();
            const QString title = c.value(QStringLiteral("title")).toString();
            const QString description = c.value(QStringLiteral("description")).toString();
            const bool composed = !description.isEmpty() && message == title + QStringLiteral("\n\n") + description;
            if (!composed) {
                const auto split = ObjectCodec::splitMessage(message);
                QCOMPARE(split.first, title);
                QCOMPARE(split.second, description);
            }
        }
    }

    // --- §3.5 message splitting -------------------------------------------------------
    void splitMessage_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("description");
        QTest::newRow("empty") << QString() << QString() << QString();
        QTest::newRow("single line") << QStringLiteral("only title") << QStringLiteral("only title") << QString();
        QTest::newRow("trailing LF") << QStringLiteral("title\n") << QStringLiteral("title") << QString();
        QTest::newRow("only LF") << QStringLiteral("\n") << QString() << QString();
        QTest::newRow("blank line body") << QStringLiteral("seed\n\nbody text") << QStringLiteral("seed")
                                         << QStringLiteral("body text");
        QTest::newRow("CRLF") << QStringLiteral("title\r\nline2\r\nline3") << QStringLiteral("title")
                              << QStringLiteral("line2\nline3");
        QTest::newRow("CRLF blank") << QStringLiteral("title\r\n\r\nbody\r\n") << QStringLiteral("title")
                                    << QStringLiteral("body");
        QTest::newRow("lone CR") << QStringLiteral("a\rb") << QStringLiteral("a") << QStringLiteral("b");
        QTest::newRow("CR CR") << QStringLiteral("a\r\rb") << QStringLiteral("a") << QStringLiteral("b");
        QTest::newRow("LF CR is two breaks") << QStringLiteral("a\n\rb\nc") << QStringLiteral("a")
                                             << QStringLiteral("b\nc");
        QTest::newRow("U+2028") << (QStringLiteral("title") + QChar(0x2028) + QStringLiteral("body"))
                                << QStringLiteral("title") << QStringLiteral("body");
        QTest::newRow("U+2029 and U+0085")
            << (QStringLiteral("t") + QChar(0x2029) + QStringLiteral("b") + QChar(0x85) + QStringLiteral("c"))
            << QStringLiteral("t") << QStringLiteral("b\nc");
        QTest::newRow("VT FF FS GS RS") << QStringLiteral("a\x0b" "b\x0c" "c\x1c" "d\x1d" "e\x1e" "f")
                                        << QStringLiteral("a") << QStringLiteral("b\nc\nd\ne\nf");
        QTest::newRow("leading blank lines in body") << QStringLiteral("title\n\n\nbody\n\nmore")
                                                     << QStringLiteral("title") << QStringLiteral("body\n\nmore");
        QTest::newRow("whitespace line kept") << QStringLiteral("t\n  \nbody") << QStringLiteral("t")
                                              << QStringLiteral("  \nbody");
        QTest::newRow("leading newline") << QStringLiteral("\ntitle") << QString() << QStringLiteral("title");
        QTest::newRow("tab and spaces kept") << QStringLiteral(" title\t\nbody ") << QStringLiteral(" title\t")
                                             << QStringLiteral("body ");
        QTest::newRow("unicode") << QStringLiteral("日本語\n説明") << QStringLiteral("日本語") << QStringLiteral("説明");
    }

    void splitMessage()
    {
        QFETCH(QString, message);
        QFETCH(QString, title);
        QFETCH(QString, description);
        const auto split = ObjectCodec::splitMessage(message);
        QCOMPARE(split.first, title);
        QCOMPARE(split.second, description);
    }

    // --- §9 view keys ----------------------------------------------------------------
    void fileViewKeys()
    {
        QCOMPARE(ViewCache::fileViewKey(QStringLiteral("2ee34107f2d2593c946a4e2a0436c64b9cc6ed25"), QStringLiteral("data/x.bin")),
                 QStringLiteral("9d358f2fde71bcd02e084c4cf45160e9ca1ec752553723807950862a413432c4"));
        // API.md session: `download artifacts/file.bin` at main = 4f39735… .
        QCOMPARE(ViewCache::fileViewKey(QStringLiteral("4f39735840a2181daa3ee5bad24f2c89f9910fd0"),
                                        QStringLiteral("artifacts/file.bin")),
                 QStringLiteral("f6e41180febf98cadbbac93b44f600e88f71fbb930224ed5e39b1d86dac9965c"));
        // The key hashes UTF-8 of the path.
        const QString unicodePath = QStringLiteral("données/été.txt");
        QCOMPARE(ViewCache::fileViewKey(QStringLiteral("abc"), unicodePath),
                 QString::fromLatin1(Hash::sha256Hex(QByteArray("abc:") + unicodePath.toUtf8())));
    }

    void snapshotViewKeys()
    {
        const QString c = QStringLiteral("2ee34107f2d2593c946a4e2a0436c64b9cc6ed25");
        QCOMPARE(ViewCache::snapshotViewKey(c, {}, {}),
                 QStringLiteral("5ec1fb81174ae14451260ae93829cc56576bc31ed075ef60d8e668e3c78f7801"));
        QCOMPARE(ViewCache::snapshotViewKey(c, {QStringLiteral("*.md"), QStringLiteral("data/*")}, {}),
                 QStringLiteral("595fe5dde82222d660765c61baa2d1e0b92d08aabf954d73bdb84aafe015120c"));
        QCOMPARE(ViewCache::snapshotViewKey(QStringLiteral("4f39735840a2181daa3ee5bad24f2c89f9910fd0"), {}, {}),
                 QStringLiteral("f85ac0034c5b123742f9a1a4c656751889a2f8379dd3452471d99e4757d3803d"));
        // Empty branch: commit_id is null.
        QCOMPARE(ViewCache::snapshotViewKey(QString(), {}, {}),
                 QString::fromLatin1(Hash::sha256Hex(R"({"allow_patterns":[],"commit_id":null,"ignore_patterns":[]})")));
        // Ignore patterns are part of the key and order matters.
        QCOMPARE(ViewCache::snapshotViewKey(c, {}, {QStringLiteral("*.md")}),
                 QString::fromLatin1(Hash::sha256Hex(
                     R"({"allow_patterns":[],"commit_id":"2ee34107f2d2593c946a4e2a0436c64b9cc6ed25","ignore_patterns":["*.md"]})")));
        QVERIFY(ViewCache::snapshotViewKey(c, {QStringLiteral("a"), QStringLiteral("b")}, {})
                != ViewCache::snapshotViewKey(c, {QStringLiteral("b"), QStringLiteral("a")}, {}));
    }

    // --- hostile payloads (issue 16) -------------------------------------------------
    void arrayItemsThatAreNotObjectsAreDamage()
    {
        // Found by tests/fuzz (fuzz_object_payload): a tree entry or a file chunk that is not
        // a JSON object was read through a simdjson object without a document (a null
        // dereference); it must read as an object missing its fields.
        EXPECT_INTEGRITY_ERROR(TreePayload::parse("{\"entries\":[1],\"git_oid\":\"\"}", QStringLiteral("sha256:tree")));
        EXPECT_INTEGRITY_ERROR(TreePayload::parse("{\"entries\":[[],null,\"x\"],\"git_oid\":\"\"}", QStringLiteral("sha256:tree")));
        const QByteArray file = "{\"chunks\":[7],\"content_object_id\":null,\"etag\":\"e\",\"format_version\":1,"
                                "\"logical_size\":1,\"oid\":\"o\",\"sha256\":\"s\",\"storage_kind\":\"chunked\"}";
        EXPECT_INTEGRITY_ERROR(FilePayload::parse(file, QStringLiteral("sha256:file")));
    }

    void treeEntryNameWithNulIsDamage()
    {
        // Found by tst_cli_hostile: "x\0y" was accepted, and a snapshot wrote it as "x".
        const QByteArray payload = "{\"entries\":[{\"entry_type\":\"file\",\"mode\":\"100644\",\"name\":\"x\\u0000y\","
                                   "\"object_id\":\"sha256:00\",\"size_hint\":1}],\"git_oid\":\"\"}";
        EXPECT_INTEGRITY_ERROR(TreePayload::parse(payload, QStringLiteral("sha256:tree")));
        // The same entry named "x" is fine, so the NUL is what is refused.
        QByteArray plain = payload;
        plain.replace("x\\u0000y", "x");
        QCOMPARE(TreePayload::parse(plain, QStringLiteral("sha256:tree")).entries.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestObjectCodec)
#include "tst_object_codec.moc"
