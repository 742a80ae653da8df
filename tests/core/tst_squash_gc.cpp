// squash_history (docs/format.md §10.3), gc (§10.4) and the storage overview (§10.6): what a
// squash rewrites and keeps, what it refuses, which refs block it; gc dry runs that
// change nothing and estimate what the real run reclaims; gc never losing anything a
// branch or tag reaches (fixtures, scripted and generated histories, gc after every
// step); orphans left by crashes removed; overview figures moving consistently.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "Env.h"
#include "HistoryTestSupport.h"
#include "TestSupport.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace hubvault;
namespace ht = hubvault::htest;
using ht::TestRepo;

namespace {

using Contents = QMap<QString, QMap<QString, QString>>; ///< commit -> path -> sha256

/** Throws an injected error from one named fault point (a failed write, not a crash). */
class ThrowAtStepEnv : public FrozenClockEnv {
public:
    ThrowAtStepEnv(const QDateTime &now, const char *step) : FrozenClockEnv(now), m_step(step) {}
    void faultPoint(const char *step) const override
    {
        if (qstrcmp(step, m_step) == 0)
            throw HubVaultError(QStringLiteral("injected failure at %1").arg(QLatin1String(step)));
    }

private:
    const char *m_step;
};

const StorageSectionInfo *section(const StorageOverview &ov, const char *name)
{
    for (const StorageSectionInfo &s : ov.sections) {
        if (s.name == QLatin1String(name))
            return &s;
    }
    return nullptr;
}

qint64 reclaimableOf(const StorageOverview &ov, std::initializer_list<const char *> names)
{
    qint64 total = 0;
    for (const char *n : names) {
        const StorageSectionInfo *s = section(ov, n);
        total += s ? s->reclaimableSize : 0;
    }
    return total;
}


} // namespace

class TestSquashGc : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_counter = 0;

    TestRepo newRepo(qint64 threshold = 1000)
    {
        TestRepo r;
        r.path = m_tmp.path() + QStringLiteral("/repo-%1").arg(++m_counter);
        CreateRepoOptions o;
        o.largeFileThreshold = threshold;
        r.repo = std::make_unique<LocalRepository>(LocalRepository::create(r.path, o, r.clock.env()));
        return r;
    }

    TestRepo fixtureCopy(const QString &fixture)
    {
        TestRepo r;
        const QString dir = m_tmp.path() + QStringLiteral("/fx-%1").arg(++m_counter);
        QDir().mkpath(dir);
        r.path = hubvault::test::copyFixture(fixture, dir);
        r.clock.tick(3600 * 24 * 365); // after every fixture's recorded clock
        r.repo = std::make_unique<LocalRepository>(LocalRepository::open(r.path, r.clock.env()));
        return r;
    }

    /** First-parent chain from `head` (git OIDs), newest first. */
    static QStringList firstParentChain(const TestRepo &r, const QString &head)
    {
        QStringList chain;
        for (QString id = head; !id.isEmpty();) {
            chain.append(id);
            const QStringList parents = r.repo->getCommitDetail(id).parentCommitIds;
            id = parents.isEmpty() ? QString() : parents.first();
        }
        return chain;
    }

    /**
     * Reads every file of every commit a branch or tag reaches; commits seen before must
     * still have exactly the recorded contents, new ones are recorded. Then full verify.
     */
    static bool checkReachable(const TestRepo &r, Contents &recorded, const QString &when)
    {
        Contents now;
        try {
            now = ht::reachableContents(*r.repo);
        } catch (const HubVaultError &e) {
            qWarning("%s: reading reachable content failed: %s", qPrintable(when), qPrintable(e.message()));
            return false;
        }
        for (auto it = now.cbegin(); it != now.cend(); ++it) {
            if (!recorded.contains(it.key())) {
                recorded.insert(it.key(), it.value());
            } else if (recorded.value(it.key()) != it.value()) {
                qWarning("%s: contents of %s changed", qPrintable(when), qPrintable(it.key()));
                return false;
            }
        }
        const VerifyReport v = r.repo->fullVerify();
        if (!v.ok) {
            qWarning("%s: full verify failed: %s", qPrintable(when), qPrintable(v.errors.join(QLatin1Char('\n'))));
            return false;
        }
        return true;
    }

    /** gc, then every reachable commit reads as recorded and the same commits stay reachable. */
    static bool gcAndCheck(TestRepo &r, Contents &recorded, const QString &when)
    {
        if (!checkReachable(r, recorded, when + QStringLiteral(" (before gc)")))
            return false;
        const QStringList before = ht::reachableContents(*r.repo).keys();
        r.clock.tick();
        try {
            r.repo->gc();
        } catch (const HubVaultError &e) {
            qWarning("%s: gc failed: %s", qPrintable(when), qPrintable(e.message()));
            return false;
        }
        if (ht::reachableContents(*r.repo).keys() != before) {
            qWarning("%s: gc changed the set of reachable commits", qPrintable(when));
            return false;
        }
        const StorageOverview ov = r.repo->storageOverview();
        if (ov.reclaimableGcSize != 0 || ov.reclaimableTemporarySize != 0) {
            qWarning("%s: still reclaimable after gc: %lld / %lld", qPrintable(when), ov.reclaimableGcSize, ov.reclaimableTemporarySize);
            return false;
        }
        return checkReachable(r, recorded, when + QStringLiteral(" (after gc)"));
    }

    /** A linear history with whole-blob and chunked files (threshold 1000). */
    static QStringList linearHistory(TestRepo &r)
    {
        QStringList out;
        out.append(r.commit({}, {{QStringLiteral("a.txt"), "a1"}, {QStringLiteral("big.bin"), ht::detBytes(QStringLiteral("big1"), 3000)},
                                 {QStringLiteral("keep/stable.bin"), ht::detBytes(QStringLiteral("stable"), 1500)}},
                            QStringLiteral("first"), {}, QStringLiteral("body one")));
        out.append(r.commit({}, {{QStringLiteral("a.txt"), "a2"}}, QStringLiteral("second")));
        out.append(r.commit({}, {{QStringLiteral("b.txt"), "b"}}, QStringLiteral("third\n\nthird body")));
        out.append(r.commit({}, {{QStringLiteral("big.bin"), ht::detBytes(QStringLiteral("big2"), 2500)}}, QStringLiteral("Fourth"), {},
                            QStringLiteral("fourth body")));
        return out;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    // --- squash_history ------------------------------------------------------------------------

    void squashAtHead()
    {
        TestRepo r = newRepo();
        const QString c0 = r.head();
        const QStringList c = linearHistory(r);
        const QString head = c.last();
        const QString oldHeadObj = r.obj(head);
        const QJsonObject oldPayload = ht::commitPayload(r.path, oldHeadObj);
        const QMap<QString, QString> headContents = ht::contentsAt(*r.repo, head);
        const StorageOverview before = r->storageOverview();
        QVERIFY(before.historicalRetainedSize > 0);
        QCOMPARE(before.reclaimableGcSize, 0);

        r.clock.tick();
        const SquashReport rep = r->squashHistory(QStringLiteral("main"));
        QCOMPARE(rep.refName, QStringLiteral("refs/heads/main"));
        QCOMPARE(rep.oldHead, head);
        QCOMPARE(rep.rootCommitBefore, head);
        QCOMPARE(rep.rewrittenCommitCount, 1);
        QCOMPARE(rep.droppedAncestorCount, 4); // c3, c2, c1 and the bootstrap commit
        QVERIFY(rep.blockingRefs.isEmpty());
        QVERIFY(rep.gcReport);
        QVERIFY(!rep.gcReport->dryRun);
        QCOMPARE(rep.newHead, r.head());
        QVERIFY(rep.newHead != head);

        // The new head: no parents, same tree, date and texts.
        const CommitDetailInfo detail = r->getCommitDetail(rep.newHead);
        QVERIFY(detail.parentCommitIds.isEmpty());
        QCOMPARE(detail.commit.title, QStringLiteral("Fourth"));
        QCOMPARE(detail.commit.message, QStringLiteral("fourth body"));
        const QJsonObject payload = ht::commitPayload(r.path, r.obj(rep.newHead));
        for (const char *key : {"tree_id", "created_at", "metadata", "title", "description", "message", "author", "committer"})
            QCOMPARE(payload.value(QLatin1String(key)), oldPayload.value(QLatin1String(key)));
        QCOMPARE(payload.value(QLatin1String("parents")).toArray(), QJsonArray());
        QCOMPARE(ht::contentsAt(*r.repo, rep.newHead), headContents);
        QCOMPARE(r->listRepoCommits().size(), 1);

        // gc ran: every old commit is gone and cannot be resolved any more.
        QCOMPARE(ht::rowCount(r.path, QStringLiteral("objects_commits")), 1);
        for (const QString &old : c + QStringList{c0})
            EXPECT_THROW_KIND(r->resolveRevision(old), RevisionNotFoundError);

        // Reflog: "squash history" from the old object id; listing tolerates gc'ed heads.
        const QList<ht::ReflogDbRow> rows = ht::reflogRows(r.path, QStringLiteral("branch"), QStringLiteral("main"));
        QCOMPARE(rows.last().oldHead, oldHeadObj);
        QCOMPARE(rows.last().newHead, r.obj(rep.newHead));
        QCOMPARE(rows.last().message, QStringLiteral("squash history"));
        QCOMPARE(rows.last().checksum, ht::reflogChecksum(oldHeadObj, r.obj(rep.newHead), QStringLiteral("squash history")));
        const QList<ReflogEntry> log = r->listRepoReflog(QStringLiteral("main"));
        QCOMPARE(log.size(), 6);
        QCOMPARE(log.first().newHead.value_or(QString()), rep.newHead);
        QVERIFY(!log.first().oldHead); // its commit was collected

        const StorageOverview after = r->storageOverview();
        QCOMPARE(after.historicalRetainedSize, 0);
        QCOMPARE(after.reclaimableGcSize, 0);
        QVERIFY(after.historicalRetainedSize < before.historicalRetainedSize);
        QVERIFY(r->fullVerify().ok);
    }

    void squashFromOlderRoot()
    {
        TestRepo r = newRepo();
        const QString c1 = r.commit({}, {{QStringLiteral("a.txt"), "a1"}}, QStringLiteral("c1"));
        r.branch(QStringLiteral("feature"));
        const QString f1 = r.commit(QStringLiteral("feature"), {{QStringLiteral("f.bin"), ht::detBytes(QStringLiteral("f"), 3000)}},
                                    QStringLiteral("f1"));
        const QString c2 = r.commit({}, {{QStringLiteral("a.txt"), "a2"}}, QStringLiteral("c2"), {}, QStringLiteral("c2 body"));
        const MergeResult m = r.merge(QStringLiteral("feature"));
        QCOMPARE(m.status, MergeStatus::Merged);
        const QString merged = m.headAfter.value_or(QString());
        const QString c4 = r.commit({}, {{QStringLiteral("b.txt"), "b"}}, QStringLiteral("c4"));
        r.clock.tick();
        r->deleteBranch(QStringLiteral("feature"));

        const QStringList oldChain{c4, merged, c2};
        QList<QJsonObject> oldPayloads;
        QList<QMap<QString, QString>> oldContents;
        for (const QString &id : oldChain) {
            oldPayloads.append(ht::commitPayload(r.path, r.obj(id)));
            oldContents.append(ht::contentsAt(*r.repo, id));
        }

        r.clock.tick();
        SquashOptions o;
        o.rootRevision = c2;
        const SquashReport rep = r->squashHistory(QStringLiteral("refs/heads/main"), o);
        QCOMPARE(rep.rewrittenCommitCount, 3);
        QCOMPARE(rep.droppedAncestorCount, 2); // c1 and the bootstrap commit
        QCOMPARE(rep.rootCommitBefore, c2);
        QCOMPARE(rep.oldHead, c4);
        QVERIFY(rep.blockingRefs.isEmpty());

        const QStringList newChain = firstParentChain(r, rep.newHead);
        QCOMPARE(newChain.size(), 3);
        QStringList listed;
        for (const GitCommitInfo &info : r->listRepoCommits())
            listed.append(info.commitId);
        QCOMPARE(listed, newChain); // no second parents any more
        for (int i = 0; i < 3; ++i) {
            QVERIFY(!oldChain.contains(newChain.at(i)));
            const QJsonObject p = ht::commitPayload(r.path, r.obj(newChain.at(i)));
            for (const char *key : {"tree_id", "created_at", "metadata", "title", "description", "message"})
                QCOMPARE(p.value(QLatin1String(key)), oldPayloads.at(i).value(QLatin1String(key)));
            const QJsonArray expectedParents = i == 2 ? QJsonArray() : QJsonArray{r.obj(newChain.at(i + 1))};
            QCOMPARE(p.value(QLatin1String("parents")).toArray(), expectedParents);
            QCOMPARE(ht::contentsAt(*r.repo, newChain.at(i)), oldContents.at(i));
        }
        // The rewritten merge keeps its (now stale) merge metadata but only its first parent.
        const QJsonObject mergeMeta = ht::commitPayload(r.path, r.obj(newChain.at(1))).value(QLatin1String("metadata")).toObject();
        QCOMPARE(mergeMeta.value(QLatin1String("merge")).toObject().value(QLatin1String("source_revision")).toString(), QStringLiteral("feature"));
        QCOMPARE(r->getCommitDetail(newChain.at(1)).parentCommitIds, QStringList{newChain.at(2)});

        // Everything older is collected; the merged-in chunked file is still readable.
        QCOMPARE(ht::rowCount(r.path, QStringLiteral("objects_commits")), 3);
        EXPECT_THROW_KIND(r->resolveRevision(f1), RevisionNotFoundError);
        EXPECT_THROW_KIND(r->resolveRevision(c1), RevisionNotFoundError);
        QCOMPARE(r->readBytes(QStringLiteral("f.bin")), ht::detBytes(QStringLiteral("f"), 3000));
        QVERIFY(r->fullVerify().ok);
    }

    void squashMessageOverrides_data()
    {
        QTest::addColumn<std::optional<QString>>("message");
        QTest::addColumn<std::optional<QString>>("description");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("stored");
        const std::optional<QString> none;
        QTest::newRow("no override") << none << none << QStringLiteral("Root title") << QStringLiteral("old body")
                                     << QStringLiteral("Root title\n\nold body");
        QTest::newRow("message only") << std::optional<QString>(QStringLiteral("New title")) << none << QStringLiteral("New title")
                                      << QStringLiteral("old body") << QStringLiteral("New title\n\nold body");
        QTest::newRow("description only") << none << std::optional<QString>(QStringLiteral("new body")) << QStringLiteral("Root title")
                                          << QStringLiteral("new body") << QStringLiteral("Root title\n\nnew body");
        QTest::newRow("both") << std::optional<QString>(QStringLiteral("T")) << std::optional<QString>(QStringLiteral("D\nmore"))
                              << QStringLiteral("T") << QStringLiteral("D\nmore") << QStringLiteral("T\n\nD\nmore");
        QTest::newRow("empty description") << std::optional<QString>(QStringLiteral("T")) << std::optional<QString>(QString())
                                           << QStringLiteral("T") << QString() << QStringLiteral("T");
    }

    void squashMessageOverrides()
    {
        QFETCH(std::optional<QString>, message);
        QFETCH(std::optional<QString>, description);
        QFETCH(QString, title);
        QFETCH(QString, body);
        QFETCH(QString, stored);
        TestRepo r = newRepo();
        r.commit({}, {{QStringLiteral("x.txt"), "x"}}, QStringLiteral("before root"));
        const QString root = r.commit({}, {{QStringLiteral("a.txt"), "a"}}, QStringLiteral("Root title"), {}, QStringLiteral("old body"));
        r.commit({}, {{QStringLiteral("b.txt"), "b"}}, QStringLiteral("child\n\nchild body"));
        r.clock.tick();
        SquashOptions o;
        o.rootRevision = root;
        o.commitMessage = message;
        o.commitDescription = description;
        o.runGc = false;
        const SquashReport rep = r->squashHistory(QStringLiteral("main"), o);
        QVERIFY(!rep.gcReport);
        const QStringList chain = firstParentChain(r, rep.newHead);
        QCOMPARE(chain.size(), 2);
        const CommitDetailInfo newRoot = r->getCommitDetail(chain.at(1));
        QCOMPARE(newRoot.commit.title, title);
        QCOMPARE(newRoot.commit.message, body);
        const QJsonObject p = ht::commitPayload(r.path, r.obj(chain.at(1)));
        QCOMPARE(p.value(QLatin1String("title")).toString(), title);
        QCOMPARE(p.value(QLatin1String("description")).toString(), body);
        QCOMPARE(p.value(QLatin1String("message")).toString(), stored);
        // The later commit keeps its own texts.
        const QJsonObject child = ht::commitPayload(r.path, r.obj(chain.at(0)));
        QCOMPARE(child.value(QLatin1String("message")).toString(), QStringLiteral("child\n\nchild body"));
        QCOMPARE(child.value(QLatin1String("title")).toString(), QStringLiteral("child"));
        QCOMPARE(child.value(QLatin1String("description")).toString(), QStringLiteral("child body"));
        QVERIFY(r->fullVerify().ok); // git OIDs were recomputed
    }

    void squashRefusals()
    {
        TestRepo r = newRepo();
        const QString c1 = r.commit({}, {{QStringLiteral("a.txt"), "a"}}, QStringLiteral("c1"));
        r.tag(QStringLiteral("v1"));
        r.branch(QStringLiteral("feature"));
        const QString f1 = r.commit(QStringLiteral("feature"), {{QStringLiteral("f.txt"), "f"}}, QStringLiteral("f1"));
        r.commit({}, {{QStringLiteral("b.txt"), "b"}}, QStringLiteral("c2"));
        r.branch(QStringLiteral("side"));
        const QString s1 = r.commit(QStringLiteral("side"), {{QStringLiteral("s.txt"), "s"}}, QStringLiteral("s1"));
        QCOMPARE(r.merge(QStringLiteral("feature")).status, MergeStatus::Merged);
        QCOMPARE(ht::sqlExec(r.path, {QStringLiteral("INSERT INTO refs VALUES ('branch', 'void', NULL, '2024-05-01T00:00:00Z')")}), QString());
        const auto digest = hubvault::test::treeDigest(r.path);
        const QString state = r.state();

        auto squash = [&](const QString &ref, const QString &root) {
            SquashOptions o;
            o.rootRevision = root;
            return r->squashHistory(ref, o);
        };
        EXPECT_THROW_KIND(squash(QStringLiteral("refs/tags/v1"), {}), HubVaultValidationError);
        EXPECT_THROW_KIND(squash(QStringLiteral("v1"), {}), RevisionNotFoundError); // tags are not branches
        EXPECT_THROW_KIND(squash(QStringLiteral("nope"), {}), RevisionNotFoundError);
        EXPECT_THROW_KIND(squash(QStringLiteral("main"), s1), HubVaultValidationError);  // another branch's commit
        EXPECT_THROW_KIND(squash(QStringLiteral("main"), f1), HubVaultValidationError);  // reachable only as a second parent
        EXPECT_THROW_KIND(squash(QStringLiteral("feature"), s1), HubVaultValidationError);
        EXPECT_THROW_KIND(squash(QStringLiteral("main"), QStringLiteral("nope")), RevisionNotFoundError);
        try {
            squash(QStringLiteral("void"), {});
            QFAIL("squashed an empty branch");
        } catch (const HubVaultError &e) {
            QVERIFY(!e.message().isEmpty());
        }
        QCOMPARE(r.state(), state);
        QCOMPARE(hubvault::test::treeDigest(r.path), digest);

        // A tag naming a lineage commit is a valid root.
        r.clock.tick();
        const SquashReport rep = squash(QStringLiteral("main"), QStringLiteral("v1"));
        QCOMPARE(rep.rootCommitBefore, c1);
        QCOMPARE(rep.rewrittenCommitCount, 3);
    }

    void blockingRefs()
    {
        TestRepo r = newRepo();
        const QString c1 = r.commit({}, {{QStringLiteral("a.txt"), "a1"}, {QStringLiteral("big.bin"), ht::detBytes(QStringLiteral("b1"), 2000)}},
                                    QStringLiteral("c1"));
        const QString c2 = r.commit({}, {{QStringLiteral("a.txt"), "a2"}}, QStringLiteral("c2"));
        const QString c3 = r.commit({}, {{QStringLiteral("big.bin"), ht::detBytes(QStringLiteral("b3"), 2000)}}, QStringLiteral("c3"));
        r.branch(QStringLiteral("feature"), c2);
        const QString f1 = r.commit(QStringLiteral("feature"), {{QStringLiteral("f.bin"), ht::detBytes(QStringLiteral("f"), 1200)}},
                                    QStringLiteral("f1"));
        r.tag(QStringLiteral("v1"), c1);
        r.tag(QStringLiteral("vf"), f1);
        r.branch(QStringLiteral("other"), c3);
        QCOMPARE(ht::sqlExec(r.path, {QStringLiteral("INSERT INTO refs VALUES ('branch', 'void', NULL, '2024-05-01T00:00:00Z')")}), QString());
        // An island: a branch squashed to a parentless commit shares nothing with main.
        r.branch(QStringLiteral("island"), c3);
        r.commit(QStringLiteral("island"), {{QStringLiteral("i.txt"), "i"}}, QStringLiteral("i1"));
        r.clock.tick();
        SquashOptions islandOptions;
        islandOptions.runGc = false;
        QVERIFY(r->squashHistory(QStringLiteral("island"), islandOptions).blockingRefs.contains(QStringLiteral("refs/heads/main")));

        Contents recorded;
        QVERIFY(checkReachable(r, recorded, QStringLiteral("before squash")));
        r.clock.tick();
        const SquashReport rep = r->squashHistory(QStringLiteral("main"));
        QCOMPARE(rep.blockingRefs, (QStringList{QStringLiteral("refs/heads/feature"), QStringLiteral("refs/heads/other"),
                                                QStringLiteral("refs/tags/v1"), QStringLiteral("refs/tags/vf")}));
        QVERIFY(rep.gcReport);
        // gc kept everything the blocking refs reach.
        QVERIFY(checkReachable(r, recorded, QStringLiteral("after squash")));
        for (const QString &id : {c1, c2, c3, f1})
            QCOMPARE(r->resolveRevision(id).value_or(QString()), id);
        QCOMPARE(ht::contentsAt(*r.repo, QStringLiteral("main")), recorded.value(c3));
        // ... so history is still retained until those refs go too.
        QVERIFY(r->storageOverview().historicalRetainedSize > 0);
        r.clock.tick();
        r->deleteBranch(QStringLiteral("feature"));
        r->deleteBranch(QStringLiteral("other"));
        r->deleteTag(QStringLiteral("v1"));
        r->deleteTag(QStringLiteral("vf"));
        QVERIFY(gcAndCheck(r, recorded, QStringLiteral("after deleting the blocking refs")));
        QCOMPARE(r->storageOverview().historicalRetainedSize, 0);
        EXPECT_THROW_KIND(r->resolveRevision(c2), RevisionNotFoundError);
    }

    void runGcFalseThenGc()
    {
        TestRepo r = newRepo();
        const QStringList c = linearHistory(r);
        r->hfHubDownload(QStringLiteral("a.txt"));
        const StorageOverview ov0 = r->storageOverview();
        QVERIFY(ov0.historicalRetainedSize > 0);
        QCOMPARE(ov0.reclaimableGcSize, 0);
        QVERIFY(ov0.reclaimableCacheSize > 0);

        r.clock.tick();
        SquashOptions o;
        o.runGc = false;
        const SquashReport rep = r->squashHistory(QStringLiteral("main"), o);
        QVERIFY(!rep.gcReport);
        for (const QString &old : c)
            QCOMPARE(r->resolveRevision(old).value_or(QString()), old); // not collected yet
        const StorageOverview ov1 = r->storageOverview();
        QCOMPARE(ov1.historicalRetainedSize, 0);
        QVERIFY(ov1.reclaimableGcSize > 0);

        const auto digest = hubvault::test::treeDigest(r.path);
        r.clock.tick();
        const GcReport dry = r->gc(true, true);
        QCOMPARE(hubvault::test::treeDigest(r.path), digest);
        QVERIFY(dry.dryRun);
        QCOMPARE(dry.reclaimedSize, ov1.reclaimableGcSize + ov1.reclaimableCacheSize + ov1.reclaimableTemporarySize);
        const GcReport real = r->gc(false, true);
        QVERIFY(!real.dryRun);
        QCOMPARE(real.reclaimedObjectSize, dry.reclaimedObjectSize);
        QCOMPARE(real.removedFileCount, dry.removedFileCount);
        QCOMPARE(real.reclaimedCacheSize, dry.reclaimedCacheSize);
        for (const QString &old : c)
            EXPECT_THROW_KIND(r->resolveRevision(old), RevisionNotFoundError);
        const StorageOverview ov2 = r->storageOverview();
        QCOMPARE(ov2.reclaimableGcSize, 0);
        QCOMPARE(ov2.reclaimableCacheSize, 0);
        QCOMPARE(ov2.historicalRetainedSize, 0);
        QVERIFY(ov2.totalSize < ov1.totalSize);
        QVERIFY(r->fullVerify().ok);
    }

    void pruneCache()
    {
        TestRepo r = newRepo();
        linearHistory(r);
        r->hfHubDownload(QStringLiteral("big.bin"));
        SnapshotOptions snap;
        r->snapshotDownload(snap);
        const QString cache = r.path + QStringLiteral("/cache");
        const qint64 cacheBytes = ht::treeBytes(cache);
        QVERIFY(cacheBytes > 5000);
        QCOMPARE(r->storageOverview().reclaimableCacheSize, cacheBytes);

        // squash_history defaults to prune_cache=False: the views survive its gc.
        r.clock.tick();
        SquashReport rep = r->squashHistory(QStringLiteral("main"));
        QVERIFY(rep.gcReport);
        QCOMPARE(rep.gcReport->reclaimedCacheSize, 0);
        QCOMPARE(ht::treeBytes(cache), cacheBytes);

        r.commit({}, {{QStringLiteral("c.txt"), "c"}}, QStringLiteral("more"));
        r.clock.tick();
        SquashOptions o;
        o.pruneCache = true;
        rep = r->squashHistory(QStringLiteral("main"), o);
        QVERIFY(rep.gcReport);
        QCOMPARE(rep.gcReport->reclaimedCacheSize, cacheBytes);
        QVERIFY(ht::filesUnder(cache).isEmpty());
        QCOMPARE(r->storageOverview().reclaimableCacheSize, 0);

        // gc(prune_cache=False) keeps new views, the default prunes them.
        r->hfHubDownload(QStringLiteral("c.txt"));
        const qint64 again = ht::treeBytes(cache);
        QVERIFY(again > 0);
        r.clock.tick();
        QCOMPARE(r->gc(false, false).reclaimedCacheSize, 0);
        QCOMPARE(ht::treeBytes(cache), again);
        QCOMPARE(r->gc().reclaimedCacheSize, again);
        QVERIFY(ht::filesUnder(cache).isEmpty());
        // Views are disposable: downloading again still works.
        QVERIFY(QFileInfo::exists(r->hfHubDownload(QStringLiteral("c.txt"))));
        QVERIFY(r->fullVerify().ok);
    }

    // --- gc ------------------------------------------------------------------------------------

    void gcDryRunEstimates_data()
    {
        QTest::addColumn<QString>("fixture"); ///< "" = generated repository with garbage
        QTest::newRow("a-small-files-paths") << QStringLiteral("a-small-files-paths");
        QTest::newRow("b-chunked-large") << QStringLiteral("b-chunked-large");
        QTest::newRow("c-branches-merges") << QStringLiteral("c-branches-merges");
        QTest::newRow("d-squash-gc") << QStringLiteral("d-squash-gc");
        QTest::newRow("generated") << QString();
    }

    void gcDryRunEstimates()
    {
        QFETCH(QString, fixture);
        TestRepo r = fixture.isEmpty() ? newRepo() : fixtureCopy(fixture);
        QVERIFY(!r.path.isEmpty());
        if (fixture.isEmpty()) {
            linearHistory(r);
            r.branch(QStringLiteral("doomed"));
            r.commit(QStringLiteral("doomed"), {{QStringLiteral("dead.bin"), ht::detBytes(QStringLiteral("dead"), 4000)},
                                                {QStringLiteral("dead.txt"), "dead"}},
                     QStringLiteral("dead end"));
            r.clock.tick();
            r->deleteBranch(QStringLiteral("doomed"));
            r->hfHubDownload(QStringLiteral("a.txt"));
        }
        // Quarantine leftovers count as temporary space in both runs.
        QVERIFY(ht::writeFile(r.path + QStringLiteral("/quarantine/objects/old-txn/leftover.data"), QByteArray(321, 'q')));
        Contents recorded;
        QVERIFY(checkReachable(r, recorded, QStringLiteral("before")));

        const StorageOverview ov = r->storageOverview();
        const qint64 packBytes = ht::treeBytes(r.path + QStringLiteral("/chunks/packs"));
        qint64 idxBytes = 0;
        for (const char *level : {"L0", "L1", "L2"})
            idxBytes += ht::treeBytes(r.path + QStringLiteral("/chunks/index/") + QLatin1String(level));
        const qint64 cacheBytes = ht::treeBytes(r.path + QStringLiteral("/cache"));
        QCOMPARE(ov.reclaimableTemporarySize, 321);
        QCOMPARE(ov.reclaimableCacheSize, cacheBytes);

        const auto digest = hubvault::test::treeDigest(r.path);
        r.clock.tick();
        const GcReport dry = r->gc(true, true);
        QCOMPARE(hubvault::test::treeDigest(r.path), digest);
        QVERIFY(dry.dryRun);
        QCOMPARE(dry.reclaimedSize, ov.reclaimableGcSize + cacheBytes + 321);
        QCOMPARE(dry.reclaimedObjectSize,
                 reclaimableOf(ov, {"objects.commits", "objects.trees", "objects.files", "objects.blobs.data"}));
        QCOMPARE(dry.reclaimedChunkSize, reclaimableOf(ov, {"chunks.packs", "chunks.index"}));
        QCOMPARE(dry.reclaimedCacheSize, cacheBytes);
        QCOMPARE(dry.reclaimedTemporarySize, 321);
        QVERIFY(dry.notes.size() >= 1);
        // A dry run without pruning does not count the cache.
        QCOMPARE(r->gc(true, false).reclaimedCacheSize, 0);

        const GcReport real = r->gc(false, true);
        QVERIFY(!real.dryRun);
        // Figures docs/format.md §10.4 computes the same way for both runs.
        QCOMPARE(real.checkedRefs, dry.checkedRefs);
        QCOMPARE(real.reclaimedObjectSize, dry.reclaimedObjectSize);
        QCOMPARE(real.reclaimedCacheSize, dry.reclaimedCacheSize);
        QCOMPARE(real.reclaimedTemporarySize, dry.reclaimedTemporarySize);
        QCOMPARE(real.removedFileCount, dry.removedFileCount);
        // The real chunk figure is every old pack and index segment moved away.
        QCOMPARE(real.reclaimedChunkSize, packBytes + idxBytes);
        QCOMPARE(real.reclaimedSize, real.reclaimedObjectSize + real.reclaimedChunkSize + real.reclaimedCacheSize + real.reclaimedTemporarySize);

        const StorageOverview after = r->storageOverview();
        QCOMPARE(after.reclaimableGcSize, 0);
        QCOMPARE(after.reclaimableCacheSize, 0);
        QCOMPARE(after.reclaimableTemporarySize, 0);
        QVERIFY(ht::filesUnder(r.path + QStringLiteral("/quarantine")).isEmpty());
        QVERIFY(ht::filesUnder(r.path + QStringLiteral("/cache")).isEmpty());
        QCOMPARE(hubvault::test::treeDigest(r.path).value(QStringLiteral("chunks/index/MANIFEST")),
                 digest.value(QStringLiteral("chunks/index/MANIFEST")));
        QVERIFY(checkReachable(r, recorded, QStringLiteral("after")));
        // At most one pack remains: the gc pack holding exactly the live chunks.
        const QStringList packs = ht::filesUnder(r.path + QStringLiteral("/chunks/packs"));
        QVERIFY(packs.size() <= 1);
        if (!packs.isEmpty()) {
            QVERIFY(packs.first().startsWith(QLatin1String("gc-")));
            QCOMPARE(ht::sqlOne(r.path, QStringLiteral("SELECT COUNT(DISTINCT pack_id) FROM chunk_visible")), QStringLiteral("1"));
        }
    }

    void gcStepwiseOnFixtures_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("a-small-files-paths") << QStringLiteral("a-small-files-paths");
        QTest::newRow("b-chunked-large") << QStringLiteral("b-chunked-large");
        QTest::newRow("c-branches-merges") << QStringLiteral("c-branches-merges");
        QTest::newRow("d-squash-gc") << QStringLiteral("d-squash-gc");
    }

    void gcStepwiseOnFixtures()
    {
        QFETCH(QString, fixture);
        TestRepo r = fixtureCopy(fixture);
        QVERIFY(!r.path.isEmpty());
        Contents recorded;
        QVERIFY(gcAndCheck(r, recorded, QStringLiteral("plain gc")));
        QVERIFY(gcAndCheck(r, recorded, QStringLiteral("second gc")));

        // Steps that drop history one piece at a time, with gc after each.
        QList<QPair<QString, std::function<void()>>> steps;
        const GitRefs refs = r->listRepoRefs();
        for (const GitRefInfo &t : refs.tags)
            steps.append({QStringLiteral("delete tag ") + t.name, [&r, name = t.name] { r->deleteTag(name); }});
        for (const GitRefInfo &b : refs.branches) {
            if (b.name == r->defaultBranch())
                continue;
            steps.append({QStringLiteral("reset ") + b.name, [&r, name = b.name] { r->resetRef(name, QStringLiteral("main")); }});
            steps.append({QStringLiteral("delete branch ") + b.name, [&r, name = b.name] { r->deleteBranch(name); }});
        }
        steps.append({QStringLiteral("commit"), [&r] {
                          r.commit({}, {{QStringLiteral("new/after.bin"), ht::detBytes(QStringLiteral("after"), 70000)},
                                        {QStringLiteral("new/after.txt"), "after"}},
                                   QStringLiteral("after gc"));
                      }});
        steps.append({QStringLiteral("squash from the first parent"), [&r] {
                          const QStringList parents = r->getCommitDetail(r.head()).parentCommitIds;
                          SquashOptions o;
                          o.rootRevision = parents.isEmpty() ? QString() : parents.first();
                          o.runGc = false;
                          r->squashHistory(QStringLiteral("main"), o);
                      }});
        steps.append({QStringLiteral("squash at head"), [&r] { r->squashHistory(QStringLiteral("main")); }});
        for (const auto &[label, step] : steps) {
            r.clock.tick();
            step();
            QVERIFY2(gcAndCheck(r, recorded, label), qPrintable(label));
        }
        QCOMPARE(r->listRepoCommits().size(), 1);
        QCOMPARE(r->storageOverview().historicalRetainedSize, 0);
    }

    void gcStepwiseOnGeneratedHistory_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::newRow("seed 20240501") << 20240501u;
        QTest::newRow("seed 7") << 7u;
    }

    void gcStepwiseOnGeneratedHistory()
    {
        QFETCH(quint32, seed);
        TestRepo r = newRepo(1000);
        QRandomGenerator rng(seed);
        Contents recorded;
        int merges = 0, squashes = 0, conflicts = 0;
        const QStringList pool{QStringLiteral("f0.txt"), QStringLiteral("f1.txt"), QStringLiteral("dir/g0.bin"), QStringLiteral("dir/g1.bin"),
                               QStringLiteral("dir/sub/h.bin"), QStringLiteral("z.txt")};
        auto branches = [&] {
            QStringList out;
            for (const GitRefInfo &b : r->listRepoRefs().branches)
                out.append(b.name);
            return out;
        };
        auto pick = [&](const QStringList &list) { return list.at(int(rng.bounded(quint32(list.size())))); };
        for (int step = 0; step < 40; ++step) {
            const QStringList names = branches();
            quint32 kind = step < 2 ? 0 : (step == 2 ? 4 : rng.bounded(11u));
            if ((kind == 5 || kind == 7 || kind == 10) && names.size() < 2)
                kind = 4; // deleting or merging needs a second branch
            QString label;
            r.clock.tick();
            if (kind <= 3) { // commit
                const QString branch = pick(names);
                const QStringList existing = r->listRepoFiles(branch);
                QList<QPair<QString, QByteArray>> adds;
                for (quint32 i = 0, n = 1 + rng.bounded(3u); i < n; ++i) {
                    const qint64 size = rng.bounded(2u) ? 10 + rng.bounded(200u) : 1000 + rng.bounded(4000u);
                    // Mostly paths of the branch's own folder, so that merges often succeed.
                    const QString path = rng.bounded(3u) == 0 ? pick(pool) : QStringLiteral("%1/%2.bin").arg(branch).arg(rng.bounded(3u));
                    adds.append({path, ht::detBytes(QStringLiteral("s%1-%2").arg(step).arg(i), size)});
                }
                QStringList deletes;
                if (!existing.isEmpty() && rng.bounded(3u) == 0) {
                    const QString victim = pick(existing);
                    if (std::none_of(adds.cbegin(), adds.cend(), [&](const auto &a) { return a.first == victim; }))
                        deletes.append(victim);
                }
                // Paths must not clash as file and folder: keep the pool free of such pairs.
                r.commit(branch, adds, QStringLiteral("step %1").arg(step), deletes);
                label = QStringLiteral("commit on ") + branch;
            } else if (kind == 4) {
                const QString name = QStringLiteral("b%1").arg(step);
                QStringList ids;
                for (const GitCommitInfo &c : r->listRepoCommits(pick(names)))
                    ids.append(c.commitId);
                r->createBranch(name, ids.isEmpty() ? QString() : pick(ids));
                label = QStringLiteral("create branch ") + name;
            } else if (kind == 5 && names.size() > 1) {
                QStringList others = names;
                others.removeAll(QStringLiteral("main"));
                const QString victim = pick(others);
                r->deleteBranch(victim);
                label = QStringLiteral("delete branch ") + victim;
            } else if (kind == 6) {
                const GitRefs refs = r->listRepoRefs();
                if (!refs.tags.isEmpty() && rng.bounded(2u)) {
                    const QString victim = refs.tags.at(int(rng.bounded(quint32(refs.tags.size())))).name;
                    r->deleteTag(victim);
                    label = QStringLiteral("delete tag ") + victim;
                } else {
                    r->createTag(QStringLiteral("t%1").arg(step), {}, pick(names));
                    label = QStringLiteral("tag");
                }
            } else if ((kind == 7 || kind == 10) && names.size() > 1) {
                const QString target = pick(names);
                QStringList sources = names;
                sources.removeAll(target);
                const MergeResult m = r->merge(pick(sources), MergeOptions{target, {}, {}, {}});
                merges += m.status == MergeStatus::Merged ? 1 : 0;
                conflicts += m.status == MergeStatus::Conflict ? 1 : 0;
                label = QStringLiteral("merge into ") + target + QStringLiteral(": ") + wireName(m.status);
            } else if (kind == 8) {
                const QString branch = pick(names);
                QStringList ids;
                for (const GitCommitInfo &c : r->listRepoCommits())
                    ids.append(c.commitId);
                r->resetRef(branch, pick(ids));
                label = QStringLiteral("reset ") + branch;
            } else {
                const QString branch = pick(names);
                const QStringList chain = firstParentChain(r, r.head(branch));
                SquashOptions o;
                o.rootRevision = pick(chain);
                o.runGc = rng.bounded(2u) == 0;
                const SquashReport rep = r->squashHistory(branch, o);
                ++squashes;
                label = QStringLiteral("squash %1 (%2 rewritten, %3 blocking)").arg(branch).arg(rep.rewrittenCommitCount).arg(rep.blockingRefs.size());
            }
            QVERIFY2(gcAndCheck(r, recorded, QStringLiteral("step %1: %2").arg(step).arg(label)), qPrintable(label));
        }
        qInfo("generated history: %d merges, %d conflicts, %d squashes, %lld commits recorded", merges, conflicts, squashes,
              qint64(recorded.size()));
        QVERIFY(squashes > 0);
        QVERIFY(merges > 0);
    }

    void gcRemovesCrashOrphans()
    {
        TestRepo r = newRepo();
        linearHistory(r);
        Contents recorded;
        QVERIFY(checkReachable(r, recorded, QStringLiteral("before")));

        // A write that failed after publishing its files: a .data file and a pack nobody names.
        const QStringList packsBefore = ht::filesUnder(r.path + QStringLiteral("/chunks/packs"));
        const QStringList dataBefore = ht::filesUnder(r.path + QStringLiteral("/objects/blobs"));
        {
            auto failing = std::make_shared<ThrowAtStepEnv>(r.clock.tick(), "txn:PUBLISHED_OBJECTS");
            LocalRepository writer = LocalRepository::open(r.path, failing);
            CommitOptions o;
            o.commitMessage = QStringLiteral("never committed");
            try {
                writer.createCommit({CommitOperation::addBytes(QStringLiteral("orphan.txt"), "orphan content"),
                                     CommitOperation::addBytes(QStringLiteral("orphan.bin"), ht::detBytes(QStringLiteral("orphan"), 5000))},
                                    o);
                QFAIL("the injected failure did not happen");
            } catch (const HubVaultError &) {
            }
        }
        const QStringList crashPacks = [&] {
            QStringList added = ht::filesUnder(r.path + QStringLiteral("/chunks/packs"));
            for (const QString &p : packsBefore)
                added.removeAll(p);
            return added;
        }();
        const QStringList crashData = [&] {
            QStringList added = ht::filesUnder(r.path + QStringLiteral("/objects/blobs"));
            for (const QString &p : dataBefore)
                added.removeAll(p);
            return added;
        }();
        QCOMPARE(crashPacks.size(), 1);
        QCOMPARE(crashData.size(), 1);

        // Hand-made residue of the same kinds, plus legacy index segments and quarantine.
        const QByteArray magic("hubvault-pack/v1\n");
        QVERIFY(ht::writeFile(r.path + QStringLiteral("/chunks/packs/20240101T000000Z-deadbeef-000001.pack"), magic + QByteArray(700, 'x')));
        QVERIFY(ht::writeFile(r.path + QStringLiteral("/chunks/packs/gc-20230101T000000Z-00000000.pack"), magic + QByteArray(300, 'y')));
        const QString orphanData = QStringLiteral("/objects/blobs/sha256/ab/") + QString(62, QLatin1Char('c')) + QStringLiteral(".data");
        QVERIFY(ht::writeFile(r.path + orphanData, "orphan bytes"));
        QVERIFY(ht::writeFile(r.path + QStringLiteral("/chunks/index/L0/seg-old.idx"), "{}\n"));
        QVERIFY(ht::writeFile(r.path + QStringLiteral("/quarantine/packs/old/x.pack"), QByteArray(50, 'z')));
        // Orphans are not damage: verification passes and every file still reads.
        const VerifyReport v = r->fullVerify();
        QVERIFY2(v.ok, qPrintable(v.errors.join(QLatin1Char('\n'))));
        QVERIFY(r->storageOverview().reclaimableGcSize > 0);

        r.clock.tick();
        const GcReport rep = r->gc();
        QVERIFY(rep.removedFileCount >= 7);
        QVERIFY2(std::any_of(rep.notes.cbegin(), rep.notes.cend(), [](const QString &n) { return n.contains(QLatin1String("orphan")); }),
                 qPrintable(rep.notes.join(QLatin1Char('\n'))));
        for (const QString &gone : {QStringLiteral("/chunks/packs/") + crashPacks.first(), QStringLiteral("/objects/blobs/") + crashData.first(),
                                    QStringLiteral("/chunks/packs/20240101T000000Z-deadbeef-000001.pack"),
                                    QStringLiteral("/chunks/packs/gc-20230101T000000Z-00000000.pack"), orphanData,
                                    QStringLiteral("/chunks/index/L0/seg-old.idx"), QStringLiteral("/quarantine/packs/old/x.pack")})
            QVERIFY2(!QFileInfo::exists(r.path + gone), qPrintable(gone));
        QVERIFY(QFileInfo::exists(r.path + QStringLiteral("/chunks/index/MANIFEST")));
        // Exactly the live blobs keep a .data file.
        QStringList expectedData;
        for (const auto &row : ht::sqlRows(r.path, QStringLiteral("SELECT object_id FROM objects_blobs"))) {
            const QString digest = row.value(0).toString().mid(7);
            expectedData.append(QStringLiteral("sha256/%1/%2.data").arg(digest.left(2), digest.mid(2)));
        }
        std::sort(expectedData.begin(), expectedData.end());
        QCOMPARE(ht::filesUnder(r.path + QStringLiteral("/objects/blobs")), expectedData);
        QVERIFY(checkReachable(r, recorded, QStringLiteral("after gc")));
        QVERIFY(ht::filesUnder(r.path + QStringLiteral("/txn")).isEmpty());
        const StorageOverview ov = r->storageOverview();
        QCOMPARE(ov.reclaimableGcSize, 0);
        QCOMPARE(ov.reclaimableTemporarySize, 0);

        // The same content committed again after gc works and reads back.
        r.commit({}, {{QStringLiteral("orphan.txt"), "orphan content"}, {QStringLiteral("orphan.bin"), ht::detBytes(QStringLiteral("orphan"), 5000)}},
                 QStringLiteral("now for real"));
        QCOMPARE(r->readBytes(QStringLiteral("orphan.bin")), ht::detBytes(QStringLiteral("orphan"), 5000));
        QVERIFY(r->fullVerify().ok);
    }

    void gcRefusesDamagedRepository()
    {
        TestRepo r = newRepo();
        linearHistory(r);
        const QString data = ht::filesUnder(r.path + QStringLiteral("/objects/blobs")).first();
        QVERIFY(ht::writeFile(r.path + QStringLiteral("/objects/blobs/") + data, "damaged"));
        const auto digest = hubvault::test::treeDigest(r.path);
        EXPECT_THROW_KIND(r->gc(), VerificationError);
        EXPECT_THROW_KIND(r->gc(true), VerificationError);
        SquashOptions o;
        QCOMPARE(hubvault::test::treeDigest(r.path), digest);
        // squash itself does not verify, but its gc does: the squash stays committed.
        r.clock.tick();
        try {
            r->squashHistory(QStringLiteral("main"), o);
        } catch (const VerificationError &) {
        }
        QVERIFY(!r->fullVerify().ok);
    }

    void storageOverviewFigures()
    {
        TestRepo r = newRepo();
        linearHistory(r);
        r->hfHubDownload(QStringLiteral("a.txt"));
        QVERIFY(ht::writeFile(r.path + QStringLiteral("/quarantine/objects/x/y.data"), QByteArray(77, 'q')));
        const StorageOverview ov = r->storageOverview();
        QCOMPARE(ov.totalSize, ht::treeBytes(r.path));
        QCOMPARE(ov.reclaimableCacheSize, ht::treeBytes(r.path + QStringLiteral("/cache")));
        QCOMPARE(ov.reclaimableTemporarySize, 77);
        QCOMPARE(ov.sections.size(), 11);
        const StorageSectionInfo *meta = section(ov, "repo.metadata");
        QVERIFY(meta);
        QCOMPARE(meta->totalSize, ht::treeBytes(r.path + QStringLiteral("/locks")) + QFileInfo(r.path + QStringLiteral("/FORMAT")).size()
                                      + QFileInfo(r.path + QStringLiteral("/metadata.sqlite3")).size());
        QCOMPARE(section(ov, "chunks.packs")->totalSize, ht::treeBytes(r.path + QStringLiteral("/chunks/packs")));
        QCOMPARE(section(ov, "objects.commits")->fileCount, ht::rowCount(r.path, QStringLiteral("objects_commits")));
        QCOMPARE(section(ov, "objects.blobs.data")->fileCount, ht::rowCount(r.path, QStringLiteral("objects_blobs")));
        QCOMPARE(section(ov, "quarantine")->reclaimableSize, 77);
        QCOMPARE(section(ov, "txn")->reclaimableSize, 0);
        const qint64 retained = ov.historicalRetainedSize;
        QVERIFY(retained > 0);

        // Another version of a chunked file adds retained history, not reclaimable space.
        r.commit({}, {{QStringLiteral("big.bin"), ht::detBytes(QStringLiteral("big3"), 2600)}}, QStringLiteral("fifth"));
        const StorageOverview ov2 = r->storageOverview();
        QVERIFY(ov2.historicalRetainedSize > retained);
        QCOMPARE(ov2.reclaimableGcSize, 0);

        // reset drops the newest commit from every ref: now it is reclaimable.
        r.clock.tick();
        r->resetRef(QStringLiteral("main"), r->getCommitDetail(r.head()).parentCommitIds.first());
        const StorageOverview ov3 = r->storageOverview();
        QVERIFY(ov3.reclaimableGcSize > 0);
        QCOMPARE(ov3.historicalRetainedSize, retained);

        // squash without gc: retained history becomes reclaimable; gc reclaims it.
        r.clock.tick();
        SquashOptions o;
        o.runGc = false;
        r->squashHistory(QStringLiteral("main"), o);
        const StorageOverview ov4 = r->storageOverview();
        QCOMPARE(ov4.historicalRetainedSize, 0);
        QVERIFY(ov4.reclaimableGcSize > ov3.reclaimableGcSize);
        r.clock.tick();
        r->gc();
        const StorageOverview ov5 = r->storageOverview();
        QCOMPARE(ov5.reclaimableGcSize, 0);
        QCOMPARE(ov5.reclaimableCacheSize, 0);
        QCOMPARE(ov5.reclaimableTemporarySize, 0);
        QCOMPARE(ov5.historicalRetainedSize, 0);
        // The database never shrinks (no VACUUM); everything else does.
        QVERIFY(ov5.totalSize - section(ov5, "repo.metadata")->totalSize < ov.totalSize - meta->totalSize);
        for (const StorageSectionInfo &s : ov5.sections)
            QVERIFY2(s.reclaimableSize == 0, qPrintable(s.name));
        QVERIFY(std::any_of(ov5.recommendations.cbegin(), ov5.recommendations.cend(),
                            [](const QString &t) { return t.contains(QLatin1String("nothing")); }));
    }
};

QTEST_GUILESS_MAIN(TestSquashGc)
#include "tst_squash_gc.moc"
