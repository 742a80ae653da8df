// TreeBuilder and TreeWalker, used directly.
// TreeBuilder: the tree payloads, object ids and Git tree OIDs of docs/format.md §3.7 E3 byte
// for byte (including the ordering trap: payload order is code-point order of names
// regardless of entry type, Git order appends '/' to tree names), the FileFacts callback,
// and names outside the BMP (checked against an independent oracle and `git write-tree`).
// TreeWalker: codePointLess against UCS-4 order (non-BMP vs U+FFxx, same high surrogate),
// and lookup / list / flatten / snapshotOfCommit through a RepoSession on a copy of
// fixture a-small-files-paths, compared with its manifest; lookupBounded against lookup,
// and TreeDiff between every pair of the fixture's trees against flattened snapshots.

#include "InternalTestSupport.h"

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "CommitWriter.h"
#include "RepoSession.h"
#include "TreeBuilder.h"
#include "TreeDiff.h"
#include "TreeWalker.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace hubvault;
namespace ut = hubvault::utest;

namespace {

const QString kE1File = QStringLiteral("sha256:c66322b939054fdedc33277d2eaf0dfb14e836b29086d4227a61d6a5d5fbb8c9");
const QString kE2File = QStringLiteral("sha256:53228fe28cf2ed41886eb412432e7ecf9358679340ea35c4957974cc610da009");

/** FileFacts over a fixed table; counts calls so the builder's use of it can be checked. */
struct FactsTable {
    QHash<QString, QPair<qint64, QString>> facts;
    int calls = 0;
    TreeBuilder::FileFacts callback()
    {
        return [this](const QString &fileId) {
            ++calls;
            if (!facts.contains(fileId))
                throw IntegrityError(QStringLiteral("unknown file id ") + fileId);
            return facts.value(fileId);
        };
    }
    QString add(const QByteArray &content)
    {
        const ut::WholeBlobIds ids = ut::wholeBlob(content);
        facts.insert(ids.fileId, {ids.size, ids.oid});
        return ids.fileId;
    }
};

QStringList entryNames(const QByteArray &treePayload)
{
    QStringList names;
    const QJsonObject tree = QJsonDocument::fromJson(treePayload).object();
    for (const QJsonValue &v : tree.value(QLatin1String("entries")).toArray())
        names.append(v.toObject().value(QLatin1String("name")).toString());
    return names;
}

QString u(const char32_t *text) { return QString::fromUcs4(text); }

QStringList paths(const QList<PathEntry> &entries)
{
    QStringList out;
    for (const PathEntry &e : entries)
        out.append(e.path);
    return out;
}

} // namespace

class TstTreeBuilderWalker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void wholeBlobHelperMatchesE1E2();
    void e3RootAndSubtree();
    void e3EmptySnapshot();
    void e3OrderingTrap();
    void factsCalledOncePerFileAndErrorsPropagate();
    void nonBmpNamesInCodePointOrder();
    void deepSnapshotOneTreePerDirectory();

    void codePointLessBasics();
    void codePointLessAgreesWithUcs4Order();

    void walkerLookup();
    void walkerFlattenMatchesManifest();
    void walkerListMatchesManifestTrees();
    void walkerSnapshotOfEveryCommit();
    void walkerOnNonBmpRepository();
    void boundedLookupAgreesWithLookup();
    void treeDiffMatchesFlattenedSnapshots();

private:
    QString copyOfA(QTemporaryDir &tmp)
    {
        const QString repo = test::copyFixture(QStringLiteral("a-small-files-paths"), tmp.path());
        if (repo.isEmpty())
            qFatal("cannot copy fixture a-small-files-paths");
        return repo;
    }
};

void TstTreeBuilderWalker::wholeBlobHelperMatchesE1E2()
{
    // The test's own id computation must reproduce the spec before it judges the builder.
    QCOMPARE(ut::wholeBlob("hello\n").fileId, kE1File);
    QCOMPARE(ut::wholeBlob("hello\n").blobId,
             QStringLiteral("sha256:0d277684cb31b1376f92ae3e1a18fb5fe4e87d4bfddcbea51e20ac69ba2a6041"));
    QCOMPARE(ut::wholeBlob(QByteArray("\x00\x01\x02\x03", 4)).fileId, kE2File);
}

void TstTreeBuilderWalker::e3RootAndSubtree()
{
    FactsTable facts;
    QCOMPARE(facts.add("hello\n"), kE1File);
    QCOMPARE(facts.add(QByteArray("\x00\x01\x02\x03", 4)), kE2File);
    TreeBuilder builder(facts.callback());
    QList<BuiltObject> out;
    const auto [rootId, rootGit] = builder.build({{QStringLiteral("README.md"), kE1File}, {QStringLiteral("data/x.bin"), kE2File}}, out);

    QCOMPARE(rootId, QStringLiteral("sha256:b7db33a95bfbf42ca7d5516653bb82375c7fb4f23ecbe0579f3b1df868f2740c"));
    QCOMPARE(rootGit, QStringLiteral("3e53413e9945ac68fee9978adbf609e9d816b581"));
    // Children are built before their parent, so the root is last.
    QCOMPARE(out.size(), 2);
    QCOMPARE(out.at(0).objectId, QStringLiteral("sha256:16ee41cf0ffeaf9d6df21177fc5ee9f859651e44ee9ec8e6f449c25fa4e74480"));
    QCOMPARE(out.at(0).payload,
             QByteArray(R"({"entries":[{"entry_type":"file","mode":"100644","name":"x.bin","object_id":"sha256:53228fe28cf2ed41886eb412432e7ecf9358679340ea35c4957974cc610da009","size_hint":4}],"format_version":1,"git_oid":"198ffa3178ad85c4874d7eec112a512b931ee8e9"})"));
    QCOMPARE(out.at(1).objectId, rootId);
    QCOMPARE(out.at(1).payload,
             QByteArray(R"({"entries":[{"entry_type":"file","mode":"100644","name":"README.md","object_id":"sha256:c66322b939054fdedc33277d2eaf0dfb14e836b29086d4227a61d6a5d5fbb8c9","size_hint":6},{"entry_type":"tree","mode":"040000","name":"data","object_id":"sha256:16ee41cf0ffeaf9d6df21177fc5ee9f859651e44ee9ec8e6f449c25fa4e74480","size_hint":0}],"format_version":1,"git_oid":"3e53413e9945ac68fee9978adbf609e9d816b581"})"));
    // Every id is the §3.1 id of its payload.
    for (const BuiltObject &o : out)
        QCOMPARE(ObjectCodec::objectId(ObjectType::Tree, o.payload), o.objectId);
}

void TstTreeBuilderWalker::e3EmptySnapshot()
{
    FactsTable facts;
    TreeBuilder builder(facts.callback());
    QList<BuiltObject> out;
    const auto [id, git] = builder.build({}, out);
    QCOMPARE(id, QStringLiteral("sha256:5b279d12e3d4ec4f0e16ef09131340d9d4f6f5f994a1d2889028c8a0457f194c"));
    QCOMPARE(git, QStringLiteral("4b825dc642cb6eb9a060e54bf8d69288fbee4904"));
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.first().payload, QByteArray(R"({"entries":[],"format_version":1,"git_oid":"4b825dc642cb6eb9a060e54bf8d69288fbee4904"})"));
    QCOMPARE(facts.calls, 0);
}

void TstTreeBuilderWalker::e3OrderingTrap()
{
    FactsTable facts;
    const QString one = facts.add("1"), two = facts.add("2");
    TreeBuilder builder(facts.callback());
    QList<BuiltObject> out;
    const auto [rootId, rootGit] = builder.build({{QStringLiteral("a.b"), one}, {QStringLiteral("a/c"), two}}, out);
    QCOMPARE(rootId, QStringLiteral("sha256:e9c8a2f767d2988db7ecd36152805b5822e60382ee0638bde4dca276a41bdf91"));
    QCOMPARE(rootGit, QStringLiteral("d318d61a9c6b5820c87defdba9c6d78d53584599"));
    QCOMPARE(out.size(), 2);

    // Payload order ignores the entry type: tree "a" before file "a.b" ...
    const QJsonObject root = QJsonDocument::fromJson(out.last().payload).object();
    const QJsonArray entries = root.value(QLatin1String("entries")).toArray();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).toObject().value(QLatin1String("name")).toString(), QStringLiteral("a"));
    QCOMPARE(entries.at(0).toObject().value(QLatin1String("entry_type")).toString(), QStringLiteral("tree"));
    QCOMPARE(entries.at(0).toObject().value(QLatin1String("mode")).toString(), QStringLiteral("040000"));
    QCOMPARE(entries.at(0).toObject().value(QLatin1String("size_hint")).toInteger(), 0);
    QCOMPARE(entries.at(1).toObject().value(QLatin1String("name")).toString(), QStringLiteral("a.b"));
    QCOMPARE(entries.at(1).toObject().value(QLatin1String("mode")).toString(), QStringLiteral("100644"));
    QCOMPARE(entries.at(1).toObject().value(QLatin1String("size_hint")).toInteger(), 1);

    // ... while the Git OID uses Git order ("a.b" < "a/"), with the child OIDs of §3.7.
    const QJsonObject sub = QJsonDocument::fromJson(out.first().payload).object();
    QCOMPARE(sub.value(QLatin1String("git_oid")).toString(), QStringLiteral("45c906fecbfbdc70c35be6b4930e72bcb80fcf55"));
    QCOMPARE(facts.facts.value(one).second, QStringLiteral("56a6051ca2b02b04ef92d5150c9ef600403cb1de"));
    QCOMPARE(ObjectCodec::gitTreeOid({{QStringLiteral("a"), true, QStringLiteral("45c906fecbfbdc70c35be6b4930e72bcb80fcf55")},
                                      {QStringLiteral("a.b"), false, QStringLiteral("56a6051ca2b02b04ef92d5150c9ef600403cb1de")}}),
             rootGit);
}

void TstTreeBuilderWalker::factsCalledOncePerFileAndErrorsPropagate()
{
    FactsTable facts;
    const QString x = facts.add("x"), y = facts.add("y");
    TreeBuilder builder(facts.callback());
    QList<BuiltObject> out;
    // The same file id at three paths: asked about once per path (three entries).
    builder.build({{QStringLiteral("a"), x}, {QStringLiteral("d/a"), x}, {QStringLiteral("d/e/a"), x}, {QStringLiteral("b"), y}}, out);
    QCOMPARE(facts.calls, 4);
    QCOMPARE(out.size(), 3); // d/e, d, root

    // A file the callback cannot describe aborts the build with its error.
    QList<BuiltObject> out2;
    QVERIFY_THROWS_EXCEPTION(IntegrityError, builder.build({{QStringLiteral("z"), QStringLiteral("sha256:unknown")}}, out2));
}

void TstTreeBuilderWalker::nonBmpNamesInCodePointOrder()
{
    // UTF-16 order would put U+1D11E and U+1F600 (surrogates D834/D83D) before U+FF5E;
    // U+1F600 and U+1F601 share their high surrogate and differ in the low one.
    FactsTable facts;
    const std::map<QString, QString> snapshot{
        {u(U"\U0001F601"), facts.add("one")},   {u(U"\U0001F600/x"), facts.add("two")},
        {u(U"\uFF5E"), facts.add("three")},     {u(U"\U0001D11E"), facts.add("four")},
        {QStringLiteral("z"), facts.add("five")}};
    TreeBuilder builder(facts.callback());
    QList<BuiltObject> out;
    const auto [rootId, rootGit] = builder.build(snapshot, out);
    QCOMPARE(entryNames(out.last().payload),
             (QStringList{QStringLiteral("z"), u(U"\uFF5E"), u(U"\U0001D11E"), u(U"\U0001F600"), u(U"\U0001F601")}));
    // Oracle: a Python implementation of §3.4/§3.6; the Git OID equals `git write-tree`.
    QCOMPARE(rootGit, QStringLiteral("30b96c76a13a1e38bdbddd39659a5496d4386631"));
    QCOMPARE(rootId, QStringLiteral("sha256:57cbc2a0867e0da80b63fea93ef54899ef3c62510443e1ed4ee3b2acd4d78f7f"));
    QCOMPARE(out.first().objectId, QStringLiteral("sha256:8a99ee6d20186407724ad1f34851048ad8ac7e88ebdb1df502e369053d357192"));
}

void TstTreeBuilderWalker::deepSnapshotOneTreePerDirectory()
{
    FactsTable facts;
    std::map<QString, QString> snapshot;
    QSet<QString> dirs;
    for (int i = 0; i < 40; ++i) {
        const QString path = QStringLiteral("l1-%1/l2-%2/l3-%3/f%4.txt").arg(i % 3).arg(i % 5).arg(i % 2).arg(i);
        snapshot.emplace(path, facts.add(path.toUtf8()));
        QString dir = path.section(QLatin1Char('/'), 0, -2);
        while (!dir.isEmpty()) {
            dirs.insert(dir);
            dir = dir.contains(QLatin1Char('/')) ? dir.section(QLatin1Char('/'), 0, -2) : QString();
        }
    }
    TreeBuilder builder(facts.callback());
    QList<BuiltObject> out;
    const auto [rootId, rootGit] = builder.build(snapshot, out);
    QCOMPARE(out.size(), dirs.size() + 1);
    QCOMPARE(facts.calls, 40);
    // Deterministic: rebuilding from a map filled in another order gives the same ids.
    std::map<QString, QString> again;
    for (auto it = snapshot.crbegin(); it != snapshot.crend(); ++it)
        again.emplace(it->first, it->second);
    QList<BuiltObject> out2;
    QCOMPARE(builder.build(again, out2), qMakePair(rootId, rootGit));
}

void TstTreeBuilderWalker::codePointLessBasics()
{
    QVERIFY(TreeWalker::codePointLess(QStringLiteral("a"), QStringLiteral("b")));
    QVERIFY(!TreeWalker::codePointLess(QStringLiteral("b"), QStringLiteral("a")));
    QVERIFY(!TreeWalker::codePointLess(QStringLiteral("a"), QStringLiteral("a")));
    QVERIFY(TreeWalker::codePointLess(QString(), QStringLiteral("a")));
    QVERIFY(TreeWalker::codePointLess(QStringLiteral("a"), QStringLiteral("ab")));
    QVERIFY(!TreeWalker::codePointLess(QStringLiteral("ab"), QStringLiteral("a")));
    QVERIFY(TreeWalker::codePointLess(QStringLiteral("a.txt"), QStringLiteral("a/b.txt")));
    QVERIFY(TreeWalker::codePointLess(QStringLiteral("Z"), QStringLiteral("a")));

    const QString fullwidthTilde = u(U"\uFF5E"), replacement = u(U"\uFFFD"), grinning = u(U"\U0001F600"),
                  beaming = u(U"\U0001F601"), clef = u(U"\U0001D11E"), lastBeforeSurrogates = u(U"\uD7FF");
    // A BMP character above the surrogate block sorts before any non-BMP character,
    // although its UTF-16 unit is larger.
    QVERIFY(fullwidthTilde > grinning); // UTF-16 order, for contrast
    QVERIFY(TreeWalker::codePointLess(fullwidthTilde, grinning));
    QVERIFY(!TreeWalker::codePointLess(grinning, fullwidthTilde));
    QVERIFY(TreeWalker::codePointLess(replacement, clef));
    QVERIFY(!TreeWalker::codePointLess(clef, replacement));
    QVERIFY(TreeWalker::codePointLess(lastBeforeSurrogates, grinning));
    // Same high surrogate, different low surrogate.
    QVERIFY(TreeWalker::codePointLess(grinning, beaming));
    QVERIFY(!TreeWalker::codePointLess(beaming, grinning));
    QVERIFY(TreeWalker::codePointLess(grinning + QStringLiteral("/x"), beaming));
    QVERIFY(!TreeWalker::codePointLess(beaming, grinning + QStringLiteral("/x")));
    QVERIFY(TreeWalker::codePointLess(clef, grinning));
    QVERIFY(TreeWalker::codePointLess(grinning + QStringLiteral("a"), grinning + QStringLiteral("b")));
    QVERIFY(TreeWalker::codePointLess(grinning, grinning + fullwidthTilde));
    QVERIFY(!TreeWalker::codePointLess(grinning, grinning));
}

void TstTreeBuilderWalker::codePointLessAgreesWithUcs4Order()
{
    // Random strings over an alphabet that mixes ASCII, U+FFxx and non-BMP characters:
    // every pair must compare as UCS-4 sequences compare, and sorting must agree.
    const QList<char32_t> alphabet{U'a', U'b', U'/', U'.', 0xE9, 0xD7FF, 0xE000, 0xFF5E, 0xFFFD, 0xFFFF,
                                   0x10000, 0x1D11E, 0x1F600, 0x1F601, 0x10FFFF};
    QRandomGenerator rng(20240101);
    QStringList strings;
    for (int i = 0; i < 300; ++i) {
        std::u32string s;
        const int len = int(rng.bounded(5));
        for (int j = 0; j < len; ++j)
            s.push_back(alphabet.at(int(rng.bounded(alphabet.size()))));
        strings.append(QString::fromStdU32String(s));
    }
    for (const QString &a : std::as_const(strings)) {
        for (const QString &b : std::as_const(strings)) {
            if (TreeWalker::codePointLess(a, b) != ut::ucs4Less(a, b))
                QFAIL(qPrintable(QStringLiteral("codePointLess(%1, %2) disagrees with code-point order")
                                     .arg(QString::fromLatin1(a.toUtf8().toHex(' ')), QString::fromLatin1(b.toUtf8().toHex(' ')))));
        }
    }
    QStringList sorted = strings, expected = strings;
    std::sort(sorted.begin(), sorted.end(), TreeWalker::codePointLess);
    std::sort(expected.begin(), expected.end(), ut::ucs4Less);
    QCOMPARE(sorted, expected);
    // Code-point order is UTF-8 byte order.
    std::sort(expected.begin(), expected.end(), [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
    QCOMPARE(sorted, expected);
}

void TstTreeBuilderWalker::walkerLookup()
{
    QTemporaryDir tmp;
    auto context = ut::loadContext(copyOfA(tmp));
    RepoSession session(*context);
    const QString head = session.store().ref(QStringLiteral("branch"), QStringLiteral("main"))->commitId;
    const QString root = session.commit(head).treeId;
    TreeWalker walker(session);

    const auto self = walker.lookup(root, QString());
    QVERIFY(self);
    QCOMPARE(*self, (PathEntry{QString(), true, root}));

    const auto folder = walker.lookup(root, QStringLiteral("a"));
    QVERIFY(folder && folder->isTree);
    QCOMPARE(folder->path, QStringLiteral("a"));
    QCOMPARE(session.treeGitOid(folder->objectId), QStringLiteral("8d97b452d1911ff0c5b6ad63f6c71f24f072bc5a"));

    const auto file = walker.lookup(root, QStringLiteral("a/b.txt"));
    QVERIFY(file && !file->isTree);
    QCOMPARE(file->path, QStringLiteral("a/b.txt"));
    QCOMPARE(session.file(file->objectId).oid, QStringLiteral("283312d51758a8035f27082273e3347e3607253c"));

    const QString unicode = QStringLiteral("日本語/ファイル.txt");
    const auto deep = walker.lookup(root, unicode);
    QVERIFY(deep && !deep->isTree);
    QCOMPARE(deep->path, unicode);
    QVERIFY(walker.lookup(root, QStringLiteral("with space/file name.txt")));

    // Misses: absent names, a path through a file, case differences (lookups are exact).
    QVERIFY(!walker.lookup(root, QStringLiteral("nope")));
    QVERIFY(!walker.lookup(root, QStringLiteral("a/nope.txt")));
    QVERIFY(!walker.lookup(root, QStringLiteral("a.txt/b")));
    QVERIFY(!walker.lookup(root, QStringLiteral("readme.md")));
    QVERIFY(!walker.lookup(root, QStringLiteral("A")));
}

void TstTreeBuilderWalker::walkerFlattenMatchesManifest()
{
    QTemporaryDir tmp;
    auto context = ut::loadContext(copyOfA(tmp));
    RepoSession session(*context);
    const QString head = session.store().ref(QStringLiteral("branch"), QStringLiteral("main"))->commitId;
    const FlatSnapshot flat = TreeWalker(session).flatten(session.commit(head).treeId);
    QStringList got;
    for (const auto &[path, fileId] : flat) {
        got.append(path);
        QVERIFY(fileId.startsWith(QLatin1String("sha256:")));
    }
    QStringList expected;
    for (const QJsonValue &v : ut::manifest(QStringLiteral("a-small-files-paths")).value(QLatin1String("list_repo_files_default_branch")).toArray())
        expected.append(v.toString());
    QVERIFY(!expected.isEmpty());
    QCOMPARE(got, expected);
}

void TstTreeBuilderWalker::walkerListMatchesManifestTrees()
{
    QTemporaryDir tmp;
    auto context = ut::loadContext(copyOfA(tmp));
    RepoSession session(*context);
    const QString head = session.store().ref(QStringLiteral("branch"), QStringLiteral("main"))->commitId;
    const QString root = session.commit(head).treeId;
    TreeWalker walker(session);
    const QJsonObject trees = ut::manifest(QStringLiteral("a-small-files-paths")).value(QLatin1String("list_repo_tree")).toObject();
    QCOMPARE(trees.size(), 4);
    for (auto it = trees.constBegin(); it != trees.constEnd(); ++it) {
        // Keys are "<revision> :: <path or None> :: recursive=<bool>".
        const QStringList parts = it.key().split(QStringLiteral(" :: "));
        const QString prefix = parts.at(1) == QLatin1String("None") ? QString() : parts.at(1);
        const bool recursive = parts.at(2) == QLatin1String("recursive=True");
        const auto folder = walker.lookup(root, prefix);
        QVERIFY2(folder && folder->isTree, qPrintable(it.key()));
        const QList<PathEntry> entries = walker.list(folder->objectId, prefix, recursive);
        const QJsonArray expected = it.value().toArray();
        QCOMPARE(entries.size(), expected.size());
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const QJsonObject e = expected.at(i).toObject();
            QCOMPARE(entries.at(i).path, e.value(QLatin1String("path")).toString());
            QCOMPARE(entries.at(i).isTree, e.contains(QLatin1String("tree_id")));
            if (entries.at(i).isTree)
                QCOMPARE(session.treeGitOid(entries.at(i).objectId), e.value(QLatin1String("tree_id")).toString());
            else
                QCOMPARE(session.file(entries.at(i).objectId).oid, e.value(QLatin1String("oid")).toString());
        }
    }
    // Stored order is the payload order: folder "a" right before "a.txt" at the root
    // (Git order would put "a.txt" first).
    const QStringList top = paths(walker.list(root, QString(), false));
    QCOMPARE(top.indexOf(QStringLiteral("a")) + 1, top.indexOf(QStringLiteral("a.txt")));
    // Recursive listing is pre-order: each folder is followed by its contents.
    const QStringList all = paths(walker.list(root, QString(), true));
    QCOMPARE(all.indexOf(QStringLiteral("a")) + 1, all.indexOf(QStringLiteral("a/b.txt")));
    QVERIFY(all.size() > top.size());
}

void TstTreeBuilderWalker::walkerSnapshotOfEveryCommit()
{
    QTemporaryDir tmp;
    auto context = ut::loadContext(copyOfA(tmp));
    RepoSession session(*context);
    TreeWalker walker(session);
    QHash<QString, QString> byGitOid;
    for (const QString &id : session.store().objectIds(ObjectType::Commit))
        byGitOid.insert(session.commitGitOid(id), id);

    const QJsonObject commits = ut::manifest(QStringLiteral("a-small-files-paths")).value(QLatin1String("commits")).toObject();
    QCOMPARE(commits.size(), byGitOid.size());
    for (auto it = commits.constBegin(); it != commits.constEnd(); ++it) {
        const QJsonObject c = it.value().toObject();
        const QString id = byGitOid.value(c.value(QLatin1String("commit_id")).toString());
        QVERIFY2(!id.isEmpty(), qPrintable(it.key()));
        const SnapshotMap snapshot = walker.snapshotOfCommit(id);
        const QJsonArray files = c.value(QLatin1String("files")).toArray();
        QCOMPARE(qsizetype(snapshot.size()), files.size());
        for (const QJsonValue &v : files) {
            const QJsonObject f = v.toObject();
            const auto found = snapshot.find(f.value(QLatin1String("path")).toString());
            QVERIFY2(found != snapshot.end(), qPrintable(f.value(QLatin1String("path")).toString()));
            QCOMPARE(session.file(found->second).oid, f.value(QLatin1String("oid")).toString());
            QCOMPARE(session.file(found->second).logicalSize, f.value(QLatin1String("size")).toInteger());
        }
        // The same files as flatten(), keyed by path.
        const FlatSnapshot flat = walker.flatten(session.commit(id).treeId);
        QCOMPARE(flat.size(), snapshot.size());
        for (const auto &[path, fileId] : flat)
            QCOMPARE(snapshot.at(path), fileId);
    }
    // A branch without a commit has an empty snapshot.
    QVERIFY(walker.snapshotOfCommit(QString()).empty());
    // A commit id that is not stored is damage.
    QVERIFY_THROWS_EXCEPTION(IntegrityError, walker.snapshotOfCommit(QStringLiteral("sha256:") + QString(64, QLatin1Char('0'))));
}

void TstTreeBuilderWalker::walkerOnNonBmpRepository()
{
    QTemporaryDir tmp;
    const QString root = tmp.path() + QStringLiteral("/repo");
    auto env = std::make_shared<FrozenClockEnv>(ut::utc("2024-05-01T00:00:00Z"));
    LocalRepository repo = LocalRepository::create(root, {}, env);
    CommitOptions options;
    options.commitMessage = QStringLiteral("names beyond the BMP");
    repo.createCommit({CommitOperation::addBytes(u(U"\U0001F601"), "one"), CommitOperation::addBytes(u(U"\U0001F600/x"), "two"),
                       CommitOperation::addBytes(u(U"\uFF5E"), "three"), CommitOperation::addBytes(u(U"\U0001D11E"), "four"),
                       CommitOperation::addBytes(QStringLiteral("z"), "five")},
                      options);

    auto context = ut::loadContext(root, env);
    RepoSession session(*context);
    const QString head = session.store().ref(QStringLiteral("branch"), QStringLiteral("main"))->commitId;
    const QString tree = session.commit(head).treeId;
    QCOMPARE(tree, QStringLiteral("sha256:57cbc2a0867e0da80b63fea93ef54899ef3c62510443e1ed4ee3b2acd4d78f7f"));
    TreeWalker walker(session);
    QStringList flat;
    for (const auto &entry : walker.flatten(tree))
        flat.append(entry.first);
    QCOMPARE(flat, (QStringList{QStringLiteral("z"), u(U"\uFF5E"), u(U"\U0001D11E"), u(U"\U0001F600/x"), u(U"\U0001F601")}));
    QCOMPARE(paths(walker.list(tree, QString(), true)),
             (QStringList{QStringLiteral("z"), u(U"\uFF5E"), u(U"\U0001D11E"), u(U"\U0001F600"), u(U"\U0001F600/x"), u(U"\U0001F601")}));
    const auto x = walker.lookup(tree, u(U"\U0001F600/x"));
    QVERIFY(x && !x->isTree);
    QCOMPARE(session.file(x->objectId).oid, ut::gitBlobOid("two"));
    QCOMPARE(repo.listRepoFiles(), flat);
}


void TstTreeBuilderWalker::boundedLookupAgreesWithLookup()
{
    QTemporaryDir tmp;
    auto context = ut::loadContext(copyOfA(tmp));
    RepoSession session(*context);
    TreeWalker walker(session);
    TreeWalker bounded(session);
    for (const QString &commit : session.store().objectIds(ObjectType::Commit)) {
        const QString root = session.commit(commit).treeId;
        QStringList paths{QString(), QStringLiteral("nope"), QStringLiteral("a/nope.txt"), QStringLiteral("a.txt/b"),
                          QStringLiteral("A")};
        for (const PathEntry &e : walker.list(root, QString(), true))
            paths.append(e.path);
        for (const QString &path : std::as_const(paths))
            QCOMPARE(bounded.lookupBounded(root, path), walker.lookup(root, path));
    }
}

void TstTreeBuilderWalker::treeDiffMatchesFlattenedSnapshots()
{
    // The oracle: both snapshots flattened and merged by path, content compared by value.
    QTemporaryDir tmp;
    auto context = ut::loadContext(copyOfA(tmp));
    RepoSession session(*context);
    TreeWalker walker(session);
    auto oracle = [&](const QString &oldTree, const QString &newTree) {
        std::map<QString, QPair<QString, QString>> byPath;
        if (!oldTree.isEmpty())
            for (const auto &[path, id] : walker.flatten(oldTree))
                byPath[path].first = id;
        if (!newTree.isEmpty())
            for (const auto &[path, id] : walker.flatten(newTree))
                byPath[path].second = id;
        QStringList out;
        for (const auto &[path, ids] : byPath) {
            if (!ids.first.isEmpty() && !ids.second.isEmpty()) {
                const FilePayload &a = session.file(ids.first), &b = session.file(ids.second);
                if (a.sha256 == b.sha256 && a.logicalSize == b.logicalSize && a.oid == b.oid)
                    continue;
            }
            out.append(path + QLatin1Char('|') + ids.first + QLatin1Char('|') + ids.second);
        }
        std::sort(out.begin(), out.end(), [](const QString &x, const QString &y) {
            return TreeWalker::codePointLess(x.section(QLatin1Char('|'), 0, 0), y.section(QLatin1Char('|'), 0, 0));
        });
        return out;
    };
    auto diff = [&](const QString &oldTree, const QString &newTree) {
        QStringList out;
        for (const FileDifference &d : TreeDiff(session).compare(oldTree, newTree))
            out.append(d.path + QLatin1Char('|') + d.oldFileId + QLatin1Char('|') + d.newFileId);
        return out;
    };
    QStringList trees;
    for (const QString &commit : session.store().objectIds(ObjectType::Commit))
        trees.append(session.commit(commit).treeId);
    QVERIFY(trees.size() > 3);
    trees.append(QString()); // no tree: everything added or deleted
    int nonEmpty = 0;
    for (const QString &a : std::as_const(trees)) {
        for (const QString &b : std::as_const(trees)) {
            const QStringList expected = oracle(a, b);
            QCOMPARE(diff(a, b), expected);
            nonEmpty += !expected.isEmpty();
        }
    }
    QVERIFY(nonEmpty > 0);
    QVERIFY(diff(trees.first(), trees.first()).isEmpty());
}

QTEST_GUILESS_MAIN(TstTreeBuilderWalker)
#include "tst_tree_builder_walker.moc"
