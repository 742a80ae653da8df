// Branches, tags, their reflog (docs/format.md §8) and merge (§10.2): name validation and
// normalization, exist_ok, refused deletions, reflog rows and messages exactly as
// §8.4 lists them (incl. the fast-forward QUIRK), reflog dedupe and limits, every merge
// outcome and conflict kind, merge-base selection on criss-cross histories (computed
// independently here), and previewMerge writing nothing.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "Env.h"
#include "HistoryTestSupport.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <tuple>

using namespace hubvault;
namespace ht = hubvault::htest;
using ht::TestRepo;

namespace {

/** Throws from the first `txn:PREPARING` once armed: create_repo then leaves main NULL. */
class FailFirstTransactionEnv : public FrozenClockEnv {
public:
    using FrozenClockEnv::FrozenClockEnv;
    mutable bool armed = true;
    void faultPoint(const char *step) const override
    {
        if (armed && qstrcmp(step, "txn:PREPARING") == 0) {
            armed = false;
            throw HubVaultError(QStringLiteral("injected failure before the bootstrap commit"));
        }
    }
};

QString conflictText(const MergeConflict &c)
{
    return QStringList{c.path, c.conflictType, c.message, c.baseOid.value_or(QStringLiteral("-")),
                       c.targetOid.value_or(QStringLiteral("-")), c.sourceOid.value_or(QStringLiteral("-")),
                       c.relatedPath.value_or(QStringLiteral("-"))}
        .join(QLatin1Char('|'));
}

QStringList conflictTexts(const QList<MergeConflict> &list)
{
    QStringList out;
    for (const MergeConflict &c : list)
        out.append(conflictText(c));
    return out;
}

QString opt(const std::optional<QString> &v) { return v.value_or(QStringLiteral("<none>")); }

/** The comparable part of a merge result (everything but the new commit of a real merge). */
QString outcome(const MergeResult &r, bool withHeadAfter)
{
    return QStringList{wireName(r.status), r.targetRevision, r.sourceRevision, opt(r.baseCommit), opt(r.targetHeadBefore),
                       opt(r.sourceHead), withHeadAfter ? opt(r.headAfter) : QString(),
                       r.fastForward ? QStringLiteral("ff") : QStringLiteral("no-ff"),
                       r.createdCommit ? QStringLiteral("created") : QStringLiteral("not-created")}
               .join(QLatin1Char('|'))
        + QLatin1Char('\n') + conflictTexts(r.conflicts).join(QLatin1Char('\n'));
}

/** Merge base by docs/format.md §10.2, from the stored parents only: min (sum, max, id). */
using BaseKey = std::tuple<int, int, QString>;
QList<BaseKey> rankedCommonAncestors(const QHash<QString, ht::StoredCommit> &commits, const QString &a, const QString &b)
{
    auto distances = [&](const QString &head) {
        QHash<QString, int> dist{{head, 0}};
        QList<QString> queue{head};
        for (qsizetype i = 0; i < queue.size(); ++i) {
            const QString id = queue.at(i);
            for (const QString &p : commits.value(id).parents) {
                if (!dist.contains(p)) {
                    dist.insert(p, dist.value(id) + 1);
                    queue.append(p);
                }
            }
        }
        return dist;
    };
    const auto da = distances(a), db = distances(b);
    QList<BaseKey> keys;
    for (auto it = da.cbegin(); it != da.cend(); ++it) {
        if (db.contains(it.key()))
            keys.append({it.value() + db.value(it.key()), qMax(it.value(), db.value(it.key())), it.key()});
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}


} // namespace

class TestRefsMerge : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_counter = 0;

    TestRepo newRepo(const CreateRepoOptions &options = {})
    {
        TestRepo r;
        r.path = m_tmp.path() + QStringLiteral("/repo-%1").arg(++m_counter);
        r.repo = std::make_unique<LocalRepository>(LocalRepository::create(r.path, options, r.clock.env()));
        return r;
    }

    /** A repository whose default branch has no commit (create_repo interrupted, §1.4). */
    TestRepo emptyMainRepo()
    {
        TestRepo r;
        r.path = m_tmp.path() + QStringLiteral("/empty-%1").arg(++m_counter);
        auto failing = std::make_shared<FailFirstTransactionEnv>(r.clock.now());
        try {
            LocalRepository::create(r.path, {}, failing);
        } catch (const HubVaultError &) {
        }
        r.repo = std::make_unique<LocalRepository>(LocalRepository::open(r.path, r.clock.env()));
        return r;
    }

    /** Adds a branch without commit the way the original can leave one (NULL target). */
    static void addNullBranch(const TestRepo &r, const QString &name)
    {
        QCOMPARE(ht::sqlExec(r.path, {QStringLiteral("INSERT INTO refs VALUES ('branch', %1, NULL, '2024-05-01T00:00:00Z')")
                                          .arg(ht::sqlQuote(name))}),
                 QString());
    }

    struct ExpectedLog {
        QString oldGit, newGit, message; ///< git OIDs ("" = null)
        QString ts;
    };

    /** The reflog of one ref, checked in SQLite (object ids, checksum) and through the API. */
    static void checkReflog(const TestRepo &r, const QString &kind, const QString &name, const QList<ExpectedLog> &expected)
    {
        const QList<ht::ReflogDbRow> rows = ht::reflogRows(r.path, kind, name);
        QCOMPARE(rows.size(), expected.size());
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const ExpectedLog &e = expected.at(i);
            const QString oldObj = r.obj(e.oldGit), newObj = r.obj(e.newGit);
            QCOMPARE(rows.at(i).oldHead, oldObj);
            QCOMPARE(rows.at(i).newHead, newObj);
            QCOMPARE(rows.at(i).message, e.message);
            QCOMPARE(rows.at(i).checksum, ht::reflogChecksum(oldObj, newObj, e.message));
            if (!e.ts.isEmpty())
                QCOMPARE(rows.at(i).timestamp, e.ts);
        }
        const QString full = (kind == QLatin1String("tag") ? QStringLiteral("refs/tags/") : QStringLiteral("refs/heads/")) + name;
        const QList<ReflogEntry> api = r.repo->listRepoReflog(full);
        QCOMPARE(api.size(), expected.size());
        for (qsizetype i = 0; i < api.size(); ++i) {
            const ExpectedLog &e = expected.at(expected.size() - 1 - i); // newest first
            const ReflogEntry &entry = api.at(i);
            QCOMPARE(entry.refName, full);
            QCOMPARE(entry.oldHead.value_or(QString()), e.oldGit);
            QCOMPARE(entry.newHead.value_or(QString()), e.newGit);
            QCOMPARE(entry.message, e.message);
            QCOMPARE(entry.checksum, ht::reflogChecksum(r.obj(e.oldGit), r.obj(e.newGit), e.message));
            if (!e.ts.isEmpty())
                QCOMPARE(entry.timestamp.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'")), e.ts);
        }
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void independentChecksumMatchesSpecExamples()
    {
        // docs/format.md §8.3 examples, to trust the helper used below.
        QCOMPARE(ht::reflogChecksum(QString(), QStringLiteral("sha256:4d005e5a6770a15ab0c9a65bf21411cad8719bc4bf2a2d5297f69566276a88ef"),
                                    QStringLiteral("Initial commit")),
                 QStringLiteral("sha256:823eb6bb15c52180446b96a3e08fee4075d5d7e6ba814eea732ff5db44a71571"));
        QCOMPARE(ht::reflogChecksum(QStringLiteral("sha256:4d005e5a6770a15ab0c9a65bf21411cad8719bc4bf2a2d5297f69566276a88ef"),
                                    QStringLiteral("sha256:7c998105df490303cbae414eb55c3ef26476ab09f3bbb9770a591c34e9223169"),
                                    QStringLiteral("seed\n\nbody text")),
                 QStringLiteral("sha256:15be36a631932356c290bec36a4e77b0a69db5826b5834fa59fd7c806f3ac3b3"));
    }

    // --- names ------------------------------------------------------------------------------

    void validRefNames_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("stored");
        QTest::newRow("double slash") << QStringLiteral("feature//x") << QStringLiteral("feature/x");
        QTest::newRow("dot segment") << QStringLiteral("a/./b") << QStringLiteral("a/b");
        QTest::newRow("trailing slash") << QStringLiteral("trail/") << QStringLiteral("trail");
        QTest::newRow("many slashes") << QStringLiteral("x///y//z/") << QStringLiteral("x/y/z");
        QTest::newRow("dots inside") << QStringLiteral("v1.0") << QStringLiteral("v1.0");
        QTest::newRow("double dot inside segment") << QStringLiteral("a..b") << QStringLiteral("a..b");
        QTest::newRow("underscore dash") << QStringLiteral("x_y-z") << QStringLiteral("x_y-z");
        QTest::newRow("digit first") << QStringLiteral("9lives") << QStringLiteral("9lives");
        QTest::newRow("COM10 allowed") << QStringLiteral("COM10") << QStringLiteral("COM10");
        QTest::newRow("case kept") << QStringLiteral("Release/V2") << QStringLiteral("Release/V2");
    }

    void validRefNames()
    {
        QFETCH(QString, input);
        QFETCH(QString, stored);
        TestRepo r = newRepo();
        const QString head = r.head();
        r.branch(input);
        r.tag(input);
        const auto refs = ht::refsTable(r.path);
        QCOMPARE(refs.value(QStringLiteral("branch:") + stored), r.obj(head));
        QCOMPARE(refs.value(QStringLiteral("tag:") + stored), r.obj(head));
        QCOMPARE(refs.size(), 3);
        QCOMPARE(r.head(QStringLiteral("refs/heads/") + stored), head);
        QCOMPARE(r.head(QStringLiteral("refs/tags/") + stored), head);
        QCOMPARE(ht::reflogRows(r.path, QStringLiteral("branch"), stored).size(), 1);
        QCOMPARE(ht::reflogRows(r.path, QStringLiteral("tag"), stored).size(), 1);
        // Creating again under the raw spelling hits the normalized ref.
        EXPECT_THROW_KIND(r->createBranch(input), ConflictError);
        EXPECT_THROW_KIND(r->createTag(input), ConflictError);
        r.clock.tick();
        r->deleteBranch(stored);
        r->deleteTag(stored);
        QCOMPARE(ht::refsTable(r.path).size(), 1);
    }

    void invalidRefNames_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *n : {"", "-x", ".x", "_x", "/x", "x y", "a:b", "a*b", "a?b", "a\"b", "a<b", "a|b", "a\\b", "x~1", "x^",
                              "@", "é", "a/../b", "a/..", "a/...", "a/. .", "con", "x/NUL", "lpt1.tar", "Aux.txt", "com9"})
            QTest::newRow(n[0] ? n : "empty") << QString::fromUtf8(n);
    }

    void invalidRefNames()
    {
        QFETCH(QString, name);
        TestRepo r = newRepo();
        const QString before = r.state();
        EXPECT_THROW_KIND(r->createBranch(name), HubVaultValidationError);
        EXPECT_THROW_KIND(r->createTag(name), HubVaultValidationError);
        EXPECT_THROW_KIND(r->createBranch(name, {}, true), HubVaultValidationError);
        QCOMPARE(r.state(), before);
        CreateRepoOptions o;
        o.defaultBranch = name;
        EXPECT_THROW_KIND(LocalRepository::create(m_tmp.path() + QStringLiteral("/bad-default-%1").arg(++m_counter), o), HubVaultValidationError);
    }

    void normalizedDefaultBranch()
    {
        CreateRepoOptions o;
        o.defaultBranch = QStringLiteral("dev//main/");
        TestRepo r = newRepo(o);
        QCOMPARE(r->defaultBranch(), QStringLiteral("dev/main"));
        QCOMPARE(ht::refsTable(r.path).keys(), QStringList{QStringLiteral("branch:dev/main")});
        QCOMPARE(ht::sqlOne(r.path, QStringLiteral("SELECT value_json FROM repo_meta WHERE key='default_branch'")),
                 QStringLiteral("\"dev/main\""));
    }

    // --- exist_ok, deletion ----------------------------------------------------------------------

    void existOk()
    {
        TestRepo r = newRepo();
        const QString c0 = r.head();
        const QString c1 = r.commit({}, {{QStringLiteral("a.txt"), "a"}}, QStringLiteral("one"));
        r.branch(QStringLiteral("dev"));
        r.tag(QStringLiteral("v1"));
        const QString before = r.state();
        EXPECT_THROW_KIND(r->createBranch(QStringLiteral("dev")), ConflictError);
        EXPECT_THROW_KIND(r->createBranch(QStringLiteral("dev"), c0), ConflictError);
        EXPECT_THROW_KIND(r->createTag(QStringLiteral("v1")), ConflictError);
        EXPECT_THROW_KIND(r->createTag(QStringLiteral("v1"), QStringLiteral("msg"), c0), ConflictError);
        QCOMPARE(r.state(), before);
        // exist_ok: no error, no move, no reflog row, even with another target.
        r.clock.tick();
        r->createBranch(QStringLiteral("dev"), c0, true);
        r->createTag(QStringLiteral("v1"), QStringLiteral("other"), c0, true);
        r->createBranch(QStringLiteral("dev//"), {}, true);
        QCOMPARE(r.state(), before);
        QCOMPARE(r.head(QStringLiteral("refs/heads/dev")), c1);
        QCOMPARE(r.head(QStringLiteral("refs/tags/v1")), c1);
        // exist_ok on a new name creates it normally.
        r->createBranch(QStringLiteral("fresh"), c0, true);
        QCOMPARE(r.head(QStringLiteral("fresh")), c0);
        // Branch and tag namespaces are separate.
        r.tag(QStringLiteral("dev"), c0);
        QCOMPARE(r.head(QStringLiteral("refs/tags/dev")), c0);
        QCOMPARE(r.head(QStringLiteral("dev")), c1); // a branch wins over a tag
    }

    void deleteRefs()
    {
        TestRepo r = newRepo();
        const QString c0 = r.head();
        const QString c1 = r.commit({}, {{QStringLiteral("a.txt"), "a"}}, QStringLiteral("one"));
        r.branch(QStringLiteral("dev"), c0);
        r.tag(QStringLiteral("dev"));
        const QString before = r.state();

        // The default branch cannot be deleted; unknown refs are not found.
        try {
            r->deleteBranch(QStringLiteral("main"));
            QFAIL("deleting the default branch succeeded");
        } catch (const RevisionNotFoundError &) {
            QFAIL("deleting the default branch must be refused, not reported as missing");
        } catch (const HubVaultError &e) {
            QVERIFY(!e.message().isEmpty());
        }
        EXPECT_THROW_KIND(r->deleteBranch(QStringLiteral("nope")), RevisionNotFoundError);
        EXPECT_THROW_KIND(r->deleteTag(QStringLiteral("nope")), RevisionNotFoundError);
        EXPECT_THROW_KIND(r->deleteTag(QStringLiteral("main")), RevisionNotFoundError);
        QCOMPARE(r.state(), before);

        r.clock.tick();
        r->deleteBranch(QStringLiteral("dev"));
        const QString deletedAt = r.clock.ts();
        // The tag of the same name is untouched; the branch reflog survives deletion.
        QCOMPARE(r.head(QStringLiteral("dev")), c1);
        QVERIFY(!ht::refsTable(r.path).contains(QStringLiteral("branch:dev")));
        const QList<ReflogEntry> log = r->listRepoReflog(QStringLiteral("refs/heads/dev"));
        QCOMPARE(log.size(), 2);
        QCOMPARE(log.at(0).message, QStringLiteral("delete branch"));
        QCOMPARE(log.at(0).oldHead.value_or(QString()), c0);
        QVERIFY(!log.at(0).newHead);
        QCOMPARE(log.at(0).timestamp.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'")), deletedAt);

        r.clock.tick();
        r->deleteTag(QStringLiteral("dev"));
        QCOMPARE(ht::refsTable(r.path).keys(), QStringList{QStringLiteral("branch:main")});
        EXPECT_THROW_KIND(r->resolveRevision(QStringLiteral("dev")), RevisionNotFoundError);
        // Short names of deleted refs still list their reflog (branch first).
        QCOMPARE(r->listRepoReflog(QStringLiteral("dev")).size(), 2);
        QCOMPARE(r->listRepoReflog(QStringLiteral("refs/tags/dev")).first().message, QStringLiteral("delete tag"));
        QVERIFY(r->fullVerify().ok);
    }

    void emptyBranchRules()
    {
        TestRepo r = emptyMainRepo();
        QCOMPARE(ht::refsTable(r.path), (QMap<QString, QString>{{QStringLiteral("branch:main"), QString()}}));
        QVERIFY(r.head().isEmpty());
        QVERIFY(r->listRepoCommits().isEmpty());
        QVERIFY(r->listRepoFiles().isEmpty());
        QVERIFY(r->fullVerify().ok);

        // Tags need a commit.
        const QString before = r.state();
        try {
            r->createTag(QStringLiteral("t"));
            QFAIL("a tag was created on an empty branch");
        } catch (const HubVaultError &e) {
            QVERIFY(!e.message().isEmpty());
        }
        try {
            r->createTag(QStringLiteral("t"), QStringLiteral("msg"), QStringLiteral("main"));
            QFAIL("a tag was created on an empty branch");
        } catch (const HubVaultError &e) {
            QVERIFY(!e.message().isEmpty());
        }
        QCOMPARE(r.state(), before);

        // Branches from an empty branch are empty too, with a reflog row null -> null.
        r.branch(QStringLiteral("e2"));
        QCOMPARE(ht::refsTable(r.path).value(QStringLiteral("branch:e2"), QStringLiteral("x")), QString());
        checkReflog(r, QStringLiteral("branch"), QStringLiteral("e2"), {{QString(), QString(), QStringLiteral("create branch"), r.clock.ts()}});

        // Merge: empty source -> already up to date; empty target -> fast-forward.
        const QString beforeMerge = r.state();
        MergeResult m = r.merge(QStringLiteral("e2"));
        QCOMPARE(m.status, MergeStatus::AlreadyUpToDate);
        QVERIFY(!m.baseCommit && !m.sourceHead && !m.headAfter && !m.targetHeadBefore);
        QVERIFY(!m.fastForward && !m.createdCommit && m.conflicts.isEmpty());
        QCOMPARE(r.state(), beforeMerge);

        const QString e1 = r.commit(QStringLiteral("e2"), {{QStringLiteral("x.txt"), "x"}}, QStringLiteral("first on e2"));
        QVERIFY(r->getCommitDetail(e1).parentCommitIds.isEmpty());
        m = r.merge(QStringLiteral("e2"), {}, QStringLiteral("custom text is ignored"), QStringLiteral("also ignored"));
        QCOMPARE(m.status, MergeStatus::FastForward);
        QVERIFY(m.fastForward);
        QVERIFY(!m.createdCommit);
        QVERIFY(!m.baseCommit);
        QVERIFY(!m.targetHeadBefore);
        QCOMPARE(m.sourceHead.value_or(QString()), e1);
        QCOMPARE(m.headAfter.value_or(QString()), e1);
        QCOMPARE(r.head(), e1);
        checkReflog(r, QStringLiteral("branch"), QStringLiteral("main"), {{QString(), e1, QStringLiteral("Merge e2 into main"), r.clock.ts()}});
        // Now a tag works.
        r.tag(QStringLiteral("t"));
        QCOMPARE(r.head(QStringLiteral("refs/tags/t")), e1);
        QVERIFY(r->fullVerify().ok);
    }

    // --- reflog --------------------------------------------------------------------------------

    void reflogMessages()
    {
        TestRepo r = newRepo();
        const QString c0 = r.head();
        checkReflog(r, QStringLiteral("branch"), QStringLiteral("main"), {{QString(), c0, QStringLiteral("Initial commit"), r.clock.ts()}});
        QList<ExpectedLog> mainLog{{QString(), c0, QStringLiteral("Initial commit"), r.clock.ts()}};

        // create_commit: the message verbatim, or only the title when a description is separate.
        const QString c1 = r.commit({}, {{QStringLiteral("a.txt"), "a1"}}, QStringLiteral("Line one\nLine two"));
        mainLog.append({c0, c1, QStringLiteral("Line one\nLine two"), r.clock.ts()});
        const QString c2 = r.commit({}, {{QStringLiteral("a.txt"), "a2"}}, QStringLiteral("Titled"), {}, QStringLiteral("the body"));
        mainLog.append({c1, c2, QStringLiteral("Titled"), r.clock.ts()});
        checkReflog(r, QStringLiteral("branch"), QStringLiteral("main"), mainLog);
        QCOMPARE(ht::sqlOne(r.path, QStringLiteral("SELECT updated_at FROM refs WHERE ref_name='main'")), r.clock.ts());

        // create_branch / delete_branch
        r.branch(QStringLiteral("feat"), c1);
        QList<ExpectedLog> featLog{{QString(), c1, QStringLiteral("create branch"), r.clock.ts()}};
        QCOMPARE(ht::sqlOne(r.path, QStringLiteral("SELECT updated_at FROM refs WHERE ref_name='feat'")), r.clock.ts());
        const QString f1 = r.commit(QStringLiteral("feat"), {{QStringLiteral("b.txt"), "b"}}, QStringLiteral("feature work"));
        featLog.append({c1, f1, QStringLiteral("feature work"), r.clock.ts()});
        checkReflog(r, QStringLiteral("branch"), QStringLiteral("feat"), featLog);

        // create_tag: tag_message if non-empty, else "create tag"; delete_tag
        r.tag(QStringLiteral("plain"), c0);
        checkReflog(r, QStringLiteral("tag"), QStringLiteral("plain"), {{QString(), c0, QStringLiteral("create tag"), r.clock.ts()}});
        r.tag(QStringLiteral("rel"), {}, QStringLiteral("release 1.0\nwith notes"));
        const QString relTs = r.clock.ts();
        checkReflog(r, QStringLiteral("tag"), QStringLiteral("rel"), {{QString(), c2, QStringLiteral("release 1.0\nwith notes"), relTs}});
        r.tag(QStringLiteral("blank"), c1, QString());
        checkReflog(r, QStringLiteral("tag"), QStringLiteral("blank"), {{QString(), c1, QStringLiteral("create tag"), r.clock.ts()}});
        r.clock.tick();
        r->deleteTag(QStringLiteral("rel"));
        checkReflog(r, QStringLiteral("tag"), QStringLiteral("rel"),
                    {{QString(), c2, QStringLiteral("release 1.0\nwith notes"), relTs}, {c2, QString(), QStringLiteral("delete tag"), r.clock.ts()}});

        // merge commit: the stored title (custom message with description)
        MergeResult m = r.merge(QStringLiteral("feat"), {}, QStringLiteral("Merge title"), QStringLiteral("merge body"));
        QCOMPARE(m.status, MergeStatus::Merged);
        const QString mc = m.headAfter.value_or(QString());
        mainLog.append({c2, mc, QStringLiteral("Merge title"), r.clock.ts()});
        checkReflog(r, QStringLiteral("branch"), QStringLiteral("main"), mainLog);

        // merge commit with a multi-line message and no description: title = first line
        const QString f2 = r.commit(QStringLiteral("feat"), {{QStringLiteral("c.txt"), "c"}}, QStringLiteral("more"));
        featLog.append({f1, f2, QStringLiteral("more"), r.clock.ts()});
        const QString c3 = r.commit({}, {{QStringLiteral("d.txt"), "d"}}, QStringLiteral("main more"));
        mainLog.append({mc, c3, QStringLiteral("main more"), r.clock.ts()});
        m = r.merge(QStringLiteral("feat"), {}, QStringLiteral("First line\n\nSecond paragraph"));
        QCOMPARE(m.status, MergeStatus::Merged);
        const QString mc2 = m.headAfter.value_or(QString());
        mainLog.append({c3, mc2, QStringLiteral("First line"), r.clock.ts()});
        checkReflog(r, QStringLiteral("branch"), QStringLiteral("main"), mainLog);

        // fast-forward: always the default text, even when a message is supplied (QUIRK)
        m = r.merge(QStringLiteral("main"), QStringLiteral("feat"), QStringLiteral("ignored message"), QStringLiteral("ignored body"));
        QCOMPARE(m.status, MergeStatus::FastForward);
        featLog.append({f2, mc2, QStringLiteral("Merge main into feat"), r.clock.ts()});
        checkReflog(r, QStringLiteral("branch"), QStringLiteral("feat"), featLog);

        // reset_ref
        r.clock.tick();
        const CommitInfo reset = r->resetRef(QStringLiteral("feat"), c0);
        QCOMPARE(reset.oid, c0);
        QCOMPARE(reset.commitMessage, QStringLiteral("Initial commit"));
        featLog.append({mc2, c0, QStringLiteral("reset ref"), r.clock.ts()});
        checkReflog(r, QStringLiteral("branch"), QStringLiteral("feat"), featLog);
        QCOMPARE(ht::sqlOne(r.path, QStringLiteral("SELECT updated_at FROM refs WHERE ref_name='feat'")), r.clock.ts());
        EXPECT_THROW_KIND(r->resetRef(QStringLiteral("nope"), c0), RevisionNotFoundError);
        EXPECT_THROW_KIND(r->resetRef(QStringLiteral("feat"), QStringLiteral("nope")), RevisionNotFoundError);

        // delete_branch
        r.clock.tick();
        r->deleteBranch(QStringLiteral("feat"));
        featLog.append({c0, QString(), QStringLiteral("delete branch"), r.clock.ts()});
        checkReflog(r, QStringLiteral("branch"), QStringLiteral("feat"), featLog);

        // The global seq is strictly increasing in write order.
        const auto seqs = ht::sqlRows(r.path, QStringLiteral("SELECT seq FROM reflog ORDER BY rowid"));
        for (qsizetype i = 1; i < seqs.size(); ++i)
            QVERIFY(seqs.at(i).value(0).toLongLong() > seqs.at(i - 1).value(0).toLongLong());
        QVERIFY(r->fullVerify().ok);
    }

    void reflogDedupe()
    {
        TestRepo r = newRepo();
        const QString c0 = r.head();
        const QString c1 = r.commit({}, {{QStringLiteral("a.txt"), "a"}}, QStringLiteral("one"));
        r.clock.tick();
        r->resetRef(QStringLiteral("main"), c1); // c1 -> c1: differs from the newest row, appended
        const qint64 rows = ht::rowCount(r.path, QStringLiteral("reflog"));
        r.clock.tick();
        r->resetRef(QStringLiteral("main"), c1); // identical to the newest row: nothing appended
        r.clock.tick();
        r->resetRef(QStringLiteral("main"), QStringLiteral("refs/heads/main"));
        QCOMPARE(ht::rowCount(r.path, QStringLiteral("reflog")), rows);
        // ... but the ref row itself was still written.
        QCOMPARE(ht::sqlOne(r.path, QStringLiteral("SELECT updated_at FROM refs WHERE ref_name='main'")), r.clock.ts());
        r.clock.tick();
        r->resetRef(QStringLiteral("main"), c0);
        QCOMPARE(ht::rowCount(r.path, QStringLiteral("reflog")), rows + 1);
        checkReflog(r, QStringLiteral("branch"), QStringLiteral("main"),
                    {{QString(), c0, QStringLiteral("Initial commit"), {}},
                     {c0, c1, QStringLiteral("one"), {}},
                     {c1, c1, QStringLiteral("reset ref"), {}},
                     {c1, c0, QStringLiteral("reset ref"), {}}});

        // Only the newest row counts: create / delete / create again appends three rows.
        r.branch(QStringLiteral("tmp"), c1);
        r.clock.tick();
        r->deleteBranch(QStringLiteral("tmp"));
        r.branch(QStringLiteral("tmp"), c1);
        checkReflog(r, QStringLiteral("branch"), QStringLiteral("tmp"),
                    {{QString(), c1, QStringLiteral("create branch"), {}},
                     {c1, QString(), QStringLiteral("delete branch"), {}},
                     {QString(), c1, QStringLiteral("create branch"), {}}});
        // Dedupe is per ref: the same triple on another ref is appended.
        r.branch(QStringLiteral("tmp2"), c1);
        QCOMPARE(ht::reflogRows(r.path, QStringLiteral("branch"), QStringLiteral("tmp2")).size(), 1);
    }

    void reflogLimits()
    {
        TestRepo r = newRepo();
        for (int i = 0; i < 4; ++i)
            r.commit({}, {{QStringLiteral("f.txt"), QByteArray::number(i)}}, QStringLiteral("c%1").arg(i));
        const QList<ReflogEntry> all = r->listRepoReflog(QStringLiteral("main"));
        QCOMPARE(all.size(), 5);
        QCOMPARE(all.first().message, QStringLiteral("c3"));
        QCOMPARE(all.last().message, QStringLiteral("Initial commit"));
        for (int limit : {0, 1, 2, 5, 6, 1000}) {
            const QList<ReflogEntry> some = r->listRepoReflog(QStringLiteral("main"), limit);
            QCOMPARE(some.size(), qMin(limit, 5));
            for (qsizetype i = 0; i < some.size(); ++i)
                QCOMPARE(some.at(i).checksum, all.at(i).checksum); // the newest ones
        }
        EXPECT_THROW_KIND(r->listRepoReflog(QStringLiteral("main"), -1), HubVaultValidationError);
        EXPECT_THROW_KIND(r->listRepoReflog(QStringLiteral("unknown")), RevisionNotFoundError);
        QCOMPARE(r->listRepoReflog(QStringLiteral("refs/heads/main"), 2).size(), 2);
        // Full names pick the namespace; short names prefer the branch.
        r.tag(QStringLiteral("main"), {}, QStringLiteral("tag of main"));
        QCOMPARE(r->listRepoReflog(QStringLiteral("refs/tags/main")).size(), 1);
        QCOMPARE(r->listRepoReflog(QStringLiteral("refs/tags/main")).first().message, QStringLiteral("tag of main"));
        QCOMPARE(r->listRepoReflog(QStringLiteral("main")).size(), 5);
    }

    // --- merge outcomes ------------------------------------------------------------------------

    void fastForward()
    {
        TestRepo r = newRepo();
        const QString c1 = r.commit({}, {{QStringLiteral("a.txt"), "a"}}, QStringLiteral("base"));
        r.branch(QStringLiteral("feat"));
        r.commit(QStringLiteral("feat"), {{QStringLiteral("b.txt"), "b"}}, QStringLiteral("f1"));
        const QString f2 = r.commit(QStringLiteral("feat"), {{QStringLiteral("c.txt"), "c"}}, QStringLiteral("f2"), {QStringLiteral("a.txt")});
        const MergeResult preview = r.preview(QStringLiteral("feat"));
        const MergeResult m = r.merge(QStringLiteral("feat"));
        QCOMPARE(outcome(preview, true), outcome(m, true));
        QCOMPARE(m.status, MergeStatus::FastForward);
        QCOMPARE(m.targetRevision, QStringLiteral("main"));
        QCOMPARE(m.sourceRevision, QStringLiteral("feat"));
        QCOMPARE(m.baseCommit.value_or(QString()), c1);
        QCOMPARE(m.targetHeadBefore.value_or(QString()), c1);
        QCOMPARE(m.sourceHead.value_or(QString()), f2);
        QCOMPARE(m.headAfter.value_or(QString()), f2);
        QVERIFY(m.fastForward);
        QVERIFY(!m.createdCommit);
        QVERIFY(m.conflicts.isEmpty());
        QVERIFY(m.commit);
        QCOMPARE(m.commit->oid, f2);
        QCOMPARE(m.commit->commitMessage, QStringLiteral("f2"));
        QCOMPARE(r.head(), f2);
        QCOMPARE(r->listRepoFiles(), (QStringList{QStringLiteral("b.txt"), QStringLiteral("c.txt")}));
        // No new commit object: a ref move only.
        QCOMPARE(ht::rowCount(r.path, QStringLiteral("objects_commits")), 4);
        QVERIFY(r->fullVerify().ok);
    }

    void mergeCommitDefaultMessage()
    {
        TestRepo r = newRepo();
        const QString c0 = r.head();
        const QString c1 = r.commit({}, {{QStringLiteral("a.txt"), "a"}, {QStringLiteral("keep.txt"), "k"}}, QStringLiteral("base"));
        r.branch(QStringLiteral("feat"));
        const QString f1 = r.commit(QStringLiteral("feat"), {{QStringLiteral("dir/b.txt"), "b"}}, QStringLiteral("feature"));
        const QString m1 = r.commit({}, {{QStringLiteral("a.txt"), "a2"}}, QStringLiteral("main change"));
        const MergeResult preview = r.preview(QStringLiteral("feat"));
        const MergeResult m = r.merge(QStringLiteral("feat"));
        QCOMPARE(outcome(preview, false), outcome(m, false));
        QCOMPARE(preview.headAfter.value_or(QString()), m1); // a preview does not invent a commit
        QCOMPARE(m.status, MergeStatus::Merged);
        QVERIFY(!m.fastForward);
        QVERIFY(m.createdCommit);
        QCOMPARE(m.baseCommit.value_or(QString()), c1);
        QCOMPARE(m.targetHeadBefore.value_or(QString()), m1);
        QCOMPARE(m.sourceHead.value_or(QString()), f1);
        const QString merged = m.headAfter.value_or(QString());
        QVERIFY(merged.size() == 40);
        QVERIFY(m.commit);
        QCOMPARE(m.commit->oid, merged);
        QCOMPARE(m.commit->commitMessage, QStringLiteral("Merge feat into main"));
        QCOMPARE(m.commit->commitDescription, QString());
        QCOMPARE(r.head(), merged);
        QCOMPARE(r.head(QStringLiteral("feat")), f1); // the source does not move

        const CommitDetailInfo detail = r->getCommitDetail(merged);
        QCOMPARE(detail.parentCommitIds, (QStringList{m1, f1}));
        QCOMPARE(detail.compareParentCommitId.value_or(QString()), m1);
        QCOMPARE(detail.commit.title, QStringLiteral("Merge feat into main"));
        QCOMPARE(detail.commit.message, QString());
        QCOMPARE(detail.commit.createdAt.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'")), r.clock.ts());
        QCOMPARE(detail.changes.size(), 1);
        QCOMPARE(detail.changes.first().path, QStringLiteral("dir/b.txt"));
        QCOMPARE(detail.changes.first().changeType, ChangeKind::Added);

        // Listing order: depth-first, first parent first (docs/format.md §11.4).
        QStringList order;
        for (const GitCommitInfo &c : r->listRepoCommits())
            order.append(c.commitId);
        QCOMPARE(order, (QStringList{merged, m1, c1, c0, f1}));
        QCOMPARE(r->listRepoCommits().first().title, QStringLiteral("Merge feat into main"));

        // Stored payload: parents and the merge metadata.
        const QJsonObject payload = ht::commitPayload(r.path, r.obj(merged));
        QCOMPARE(payload.value(QLatin1String("parents")).toArray(), (QJsonArray{r.obj(m1), r.obj(f1)}));
        QCOMPARE(payload.value(QLatin1String("message")).toString(), QStringLiteral("Merge feat into main"));
        QCOMPARE(payload.value(QLatin1String("title")).toString(), QStringLiteral("Merge feat into main"));
        QCOMPARE(payload.value(QLatin1String("description")).toString(), QString());
        QCOMPARE(payload.value(QLatin1String("metadata")).toObject(),
                 (QJsonObject{{QStringLiteral("merge"), QJsonObject{{QStringLiteral("base_commit"), r.obj(c1)},
                                                                    {QStringLiteral("source_revision"), QStringLiteral("feat")},
                                                                    {QStringLiteral("target_revision"), QStringLiteral("main")}}}}));

        // Content: target's change plus source's addition.
        QCOMPARE(r->listRepoFiles(), (QStringList{QStringLiteral("a.txt"), QStringLiteral("dir/b.txt"), QStringLiteral("keep.txt")}));
        QCOMPARE(r->readBytes(QStringLiteral("a.txt")), QByteArray("a2"));
        QCOMPARE(r->readBytes(QStringLiteral("dir/b.txt")), QByteArray("b"));
        QVERIFY(r->fullVerify().ok);
    }

    void mergeCommitCustomMessage()
    {
        TestRepo r = newRepo();
        const QString c1 = r.commit({}, {{QStringLiteral("a.txt"), "a"}}, QStringLiteral("base"));
        r.branch(QStringLiteral("feat"));
        const QString f1 = r.commit(QStringLiteral("feat"), {{QStringLiteral("b.txt"), "b"}}, QStringLiteral("feature"));
        const QString m1 = r.commit({}, {{QStringLiteral("c.txt"), "c"}}, QStringLiteral("main"));

        // Custom message + description; source and target given as full ref names.
        MergeResult m = r.merge(QStringLiteral("refs/heads/feat"), QStringLiteral("refs/heads/main"), QStringLiteral("Combine work"),
                                QStringLiteral("Details here\nline 2"));
        QCOMPARE(m.status, MergeStatus::Merged);
        QCOMPARE(m.targetRevision, QStringLiteral("main"));
        QCOMPARE(m.sourceRevision, QStringLiteral("refs/heads/feat"));
        QCOMPARE(m.commit->commitMessage, QStringLiteral("Combine work"));
        QCOMPARE(m.commit->commitDescription, QStringLiteral("Details here\nline 2"));
        const QString merged = m.headAfter.value_or(QString());
        const CommitDetailInfo detail = r->getCommitDetail(merged);
        QCOMPARE(detail.commit.title, QStringLiteral("Combine work"));
        QCOMPARE(detail.commit.message, QStringLiteral("Details here\nline 2"));
        QCOMPARE(detail.parentCommitIds, (QStringList{m1, f1}));
        QJsonObject payload = ht::commitPayload(r.path, r.obj(merged));
        QCOMPARE(payload.value(QLatin1String("message")).toString(), QStringLiteral("Combine work\n\nDetails here\nline 2"));
        QCOMPARE(payload.value(QLatin1String("title")).toString(), QStringLiteral("Combine work"));
        QCOMPARE(payload.value(QLatin1String("description")).toString(), QStringLiteral("Details here\nline 2"));
        QCOMPARE(payload.value(QLatin1String("metadata")).toObject().value(QLatin1String("merge")).toObject(),
                 (QJsonObject{{QStringLiteral("base_commit"), r.obj(c1)},
                              {QStringLiteral("source_revision"), QStringLiteral("refs/heads/feat")},
                              {QStringLiteral("target_revision"), QStringLiteral("main")}}));

        // Source as a git OID, default message names the argument as given.
        const QString f2 = r.commit(QStringLiteral("feat"), {{QStringLiteral("d.txt"), "d"}}, QStringLiteral("feature 2"));
        const QString m2 = r.commit({}, {{QStringLiteral("e.txt"), "e"}}, QStringLiteral("main 2"));
        m = r.merge(f2);
        QCOMPARE(m.status, MergeStatus::Merged);
        QCOMPARE(m.baseCommit.value_or(QString()), f1);
        QCOMPARE(m.commit->commitMessage, QStringLiteral("Merge %1 into main").arg(f2));
        payload = ht::commitPayload(r.path, r.obj(m.headAfter.value_or(QString())));
        QCOMPARE(payload.value(QLatin1String("metadata")).toObject().value(QLatin1String("merge")).toObject()
                     .value(QLatin1String("source_revision")).toString(),
                 f2);
        QCOMPARE(r->getCommitDetail(m.headAfter.value_or(QString())).parentCommitIds, (QStringList{m2, f2}));

        // A multi-line message without description is split: title + body.
        const QString f3 = r.commit(QStringLiteral("feat"), {{QStringLiteral("f.txt"), "f"}}, QStringLiteral("feature 3"));
        r.commit({}, {{QStringLiteral("g.txt"), "g"}}, QStringLiteral("main 3"));
        r.tag(QStringLiteral("src-tag"), f3);
        m = r.merge(QStringLiteral("src-tag"), {}, QStringLiteral("Short title\n\nLonger explanation\nacross lines"));
        QCOMPARE(m.status, MergeStatus::Merged);
        QCOMPARE(m.commit->commitMessage, QStringLiteral("Short title"));
        QCOMPARE(m.commit->commitDescription, QStringLiteral("Longer explanation\nacross lines"));
        payload = ht::commitPayload(r.path, r.obj(m.headAfter.value_or(QString())));
        QCOMPARE(payload.value(QLatin1String("message")).toString(), QStringLiteral("Short title\n\nLonger explanation\nacross lines"));
        QCOMPARE(payload.value(QLatin1String("description")).toString(), QStringLiteral("Longer explanation\nacross lines"));
        QCOMPARE(r->listRepoCommits().first().title, QStringLiteral("Short title"));
        QCOMPARE(r->listRepoCommits().first().message, QStringLiteral("Longer explanation\nacross lines"));
        QCOMPARE(r->listRepoFiles().size(), 7);
        QVERIFY(r->fullVerify().ok);
    }

    void alreadyUpToDate()
    {
        TestRepo r = newRepo();
        const QString c1 = r.commit({}, {{QStringLiteral("a.txt"), "a"}}, QStringLiteral("one"));
        r.tag(QStringLiteral("old"));
        const QString c2 = r.commit({}, {{QStringLiteral("b.txt"), "b"}}, QStringLiteral("two"));
        r.branch(QStringLiteral("same"));
        addNullBranch(r, QStringLiteral("void"));
        const QString before = r.state();
        const auto digest = hubvault::test::treeDigest(r.path);

        struct Case {
            QString source;
            std::optional<QString> base, sourceHead;
        };
        const QList<Case> cases{{QStringLiteral("same"), c2, c2},
                                {QStringLiteral("old"), c1, c1},
                                {c1, c1, c1},
                                {QStringLiteral("void"), std::nullopt, std::nullopt}};
        for (const Case &c : cases) {
            const MergeResult preview = r.preview(c.source);
            const MergeResult m = r.merge(c.source, {}, QStringLiteral("never used"));
            QCOMPARE(outcome(preview, true), outcome(m, true));
            QCOMPARE(m.status, MergeStatus::AlreadyUpToDate);
            QCOMPARE(m.baseCommit, c.base);
            QCOMPARE(m.sourceHead, c.sourceHead);
            QCOMPARE(m.targetHeadBefore.value_or(QString()), c2);
            QCOMPARE(m.headAfter.value_or(QString()), c2);
            QVERIFY(!m.fastForward);
            QVERIFY(!m.createdCommit);
            QVERIFY(m.conflicts.isEmpty());
            if (m.commit)
                QCOMPARE(m.commit->oid, c2);
        }
        QCOMPARE(r.state(), before);
        QCOMPARE(hubvault::test::treeDigest(r.path), digest);
    }

    void emptyTargetFastForwards()
    {
        TestRepo r = newRepo();
        const QString c1 = r.commit({}, {{QStringLiteral("a.txt"), "a"}}, QStringLiteral("one"));
        addNullBranch(r, QStringLiteral("void"));
        const MergeResult preview = r.preview(QStringLiteral("main"), QStringLiteral("void"));
        const MergeResult m = r.merge(QStringLiteral("main"), QStringLiteral("void"), QStringLiteral("custom"));
        QCOMPARE(outcome(preview, true), outcome(m, true));
        QCOMPARE(m.status, MergeStatus::FastForward);
        QVERIFY(m.fastForward);
        QVERIFY(!m.createdCommit);
        QVERIFY(!m.baseCommit);
        QVERIFY(!m.targetHeadBefore);
        QCOMPARE(m.headAfter.value_or(QString()), c1);
        QCOMPARE(r.head(QStringLiteral("void")), c1);
        checkReflog(r, QStringLiteral("branch"), QStringLiteral("void"), {{QString(), c1, QStringLiteral("Merge main into void"), r.clock.ts()}});
    }

    // --- conflicts -----------------------------------------------------------------------------

    void contentConflicts()
    {
        TestRepo r = newRepo();
        const QString base = r.commit({},
                                      {{QStringLiteral("mod.txt"), "base"},
                                       {QStringLiteral("del1.txt"), "d1"},
                                       {QStringLiteral("del2.txt"), "d2"},
                                       {QStringLiteral("same.txt"), "s"},
                                       {QStringLiteral("gone.txt"), "g"},
                                       {QStringLiteral("keep.txt"), "k"}},
                                      QStringLiteral("base"));
        r.branch(QStringLiteral("side"));
        const QString target = r.commit({},
                                        {{QStringLiteral("mod.txt"), "target"},
                                         {QStringLiteral("del2.txt"), "d2 target"},
                                         {QStringLiteral("add.txt"), "T"},
                                         {QStringLiteral("same.txt"), "both"},
                                         {QStringLiteral("x"), "file on target"}},
                                        QStringLiteral("target side"), {QStringLiteral("del1.txt"), QStringLiteral("gone.txt")});
        const QString source = r.commit(QStringLiteral("side"),
                                        {{QStringLiteral("mod.txt"), "source"},
                                         {QStringLiteral("del1.txt"), "d1 source"},
                                         {QStringLiteral("add.txt"), "S"},
                                         {QStringLiteral("same.txt"), "both"},
                                         {QStringLiteral("x/y"), "dir on source"}},
                                        QStringLiteral("source side"), {QStringLiteral("del2.txt"), QStringLiteral("gone.txt")});
        const QString before = r.state();
        const auto digest = hubvault::test::treeDigest(r.path);

        const MergeResult preview = r.preview(QStringLiteral("side"));
        const MergeResult m = r.merge(QStringLiteral("side"), {}, QStringLiteral("Should not be created"));
        QCOMPARE(outcome(preview, true), outcome(m, true));
        QCOMPARE(m.status, MergeStatus::Conflict);
        QCOMPARE(m.baseCommit.value_or(QString()), base);
        QCOMPARE(m.targetHeadBefore.value_or(QString()), target);
        QCOMPARE(m.sourceHead.value_or(QString()), source);
        QCOMPARE(m.headAfter.value_or(QString()), target);
        QVERIFY(!m.commit);
        QVERIFY(!m.fastForward);
        QVERIFY(!m.createdCommit);
        // Only the content conflicts (the x vs x/y structural clash is not reported with them),
        // sorted by path, with git blob OIDs of each side.
        const QString n = QStringLiteral("-");
        QCOMPARE(conflictTexts(m.conflicts),
                 (QStringList{QStringList{QStringLiteral("add.txt"), QStringLiteral("add/add"), QStringLiteral("Both sides added add.txt differently."),
                                          n, ht::gitBlobOid("T"), ht::gitBlobOid("S"), n}.join(QLatin1Char('|')),
                              QStringList{QStringLiteral("del1.txt"), QStringLiteral("delete/modify"),
                                          QStringLiteral("One side deleted del1.txt while the other changed it."), ht::gitBlobOid("d1"), n,
                                          ht::gitBlobOid("d1 source"), n}.join(QLatin1Char('|')),
                              QStringList{QStringLiteral("del2.txt"), QStringLiteral("delete/modify"),
                                          QStringLiteral("One side deleted del2.txt while the other changed it."), ht::gitBlobOid("d2"),
                                          ht::gitBlobOid("d2 target"), n, n}.join(QLatin1Char('|')),
                              QStringList{QStringLiteral("mod.txt"), QStringLiteral("modify/modify"),
                                          QStringLiteral("Both sides changed mod.txt differently."), ht::gitBlobOid("base"),
                                          ht::gitBlobOid("target"), ht::gitBlobOid("source"), n}.join(QLatin1Char('|'))}));
        QCOMPARE(r.state(), before);
        QCOMPARE(hubvault::test::treeDigest(r.path), digest);
        QVERIFY(r->fullVerify().ok);
    }

    void structuralConflicts_data()
    {
        QTest::addColumn<QString>("targetPath");
        QTest::addColumn<QString>("sourcePath");
        QTest::addColumn<QString>("expected"); ///< "" = merges cleanly
        QTest::newRow("file then dir") << QStringLiteral("x") << QStringLiteral("x/y")
                                       << QStringLiteral("x|file/directory|file and directory paths conflict|-|-|-|x/y");
        QTest::newRow("dir then file") << QStringLiteral("deep/a/b.txt") << QStringLiteral("deep/a")
                                       << QStringLiteral("deep/a|file/directory|file and directory paths conflict|-|-|-|deep/a/b.txt");
        QTest::newRow("case-fold") << QStringLiteral("docs/Readme.md") << QStringLiteral("docs/README.md")
                                   << QStringLiteral("docs/README.md|case-fold|case-insensitive path conflict|-|-|-|docs/Readme.md");
        QTest::newRow("full folding") << QString::fromUtf8("Stra\xc3\x9f" "e.txt") << QStringLiteral("STRASSE.txt")
                                      << QString::fromUtf8("STRASSE.txt|case-fold|case-insensitive path conflict|-|-|-|Stra\xc3\x9f" "e.txt");
        QTest::newRow("ligature") << QString::fromUtf8("o\xef\xac\x83" "ce") << QStringLiteral("OFFICE")
                                  << QString::fromUtf8("OFFICE|case-fold|case-insensitive path conflict|-|-|-|o\xef\xac\x83" "ce");
        QTest::newRow("directories not compared (QUIRK)") << QStringLiteral("A/x") << QStringLiteral("a/y") << QString();
        QTest::newRow("different parents") << QStringLiteral("one/File") << QStringLiteral("two/file") << QString();
    }

    void structuralConflicts()
    {
        QFETCH(QString, targetPath);
        QFETCH(QString, sourcePath);
        QFETCH(QString, expected);
        TestRepo r = newRepo();
        r.commit({}, {{QStringLiteral("base.txt"), "base"}}, QStringLiteral("base"));
        r.branch(QStringLiteral("side"));
        const QString target = r.commit({}, {{targetPath, "t"}}, QStringLiteral("target"));
        r.commit(QStringLiteral("side"), {{sourcePath, "s"}}, QStringLiteral("source"));
        const QString before = r.state();
        const MergeResult preview = r.preview(QStringLiteral("side"));
        const MergeResult m = r.merge(QStringLiteral("side"));
        QCOMPARE(outcome(preview, false), outcome(m, false));
        if (expected.isEmpty()) {
            QCOMPARE(m.status, MergeStatus::Merged);
            QVERIFY(r->listRepoFiles().contains(targetPath));
            QVERIFY(r->listRepoFiles().contains(sourcePath));
            QVERIFY(r->fullVerify().ok);
            return;
        }
        QCOMPARE(m.status, MergeStatus::Conflict);
        QCOMPARE(conflictTexts(m.conflicts), QStringList{expected});
        QCOMPARE(m.headAfter.value_or(QString()), target);
        QVERIFY(!m.commit);
        QCOMPARE(r.state(), before);
    }

    void parentCommitMismatch()
    {
        TestRepo r = newRepo();
        const QString c1 = r.commit({}, {{QStringLiteral("a.txt"), "a"}}, QStringLiteral("one"));
        r.branch(QStringLiteral("feat"));
        r.commit(QStringLiteral("feat"), {{QStringLiteral("b.txt"), "b"}}, QStringLiteral("f"));
        const QString c2 = r.commit({}, {{QStringLiteral("c.txt"), "c"}}, QStringLiteral("two"));
        const QString before = r.state();
        MergeOptions o;
        o.parentCommit = c1; // stale
        EXPECT_THROW_KIND(r->merge(QStringLiteral("feat"), o), ConflictError);
        EXPECT_THROW_KIND(r->previewMerge(QStringLiteral("feat"), o), ConflictError);
        o.parentCommit = QStringLiteral("feat"); // resolves, but to another commit
        EXPECT_THROW_KIND(r->merge(QStringLiteral("feat"), o), ConflictError);
        QCOMPARE(r.state(), before);
        o.parentCommit = c2;
        r.clock.tick();
        QCOMPARE(r->merge(QStringLiteral("feat"), o).status, MergeStatus::Merged);
    }

    void targetMustBeABranch()
    {
        TestRepo r = newRepo();
        const QString c1 = r.commit({}, {{QStringLiteral("a.txt"), "a"}}, QStringLiteral("one"));
        r.tag(QStringLiteral("v1"));
        r.branch(QStringLiteral("feat"));
        r.commit(QStringLiteral("feat"), {{QStringLiteral("b.txt"), "b"}}, QStringLiteral("f"));
        const QString before = r.state();
        for (const QString &target : {QStringLiteral("refs/tags/v1"), QStringLiteral("sha256:") + r.obj(c1).mid(7), r.obj(c1), c1,
                                      QStringLiteral("sha256:nope"), QString(40, QLatin1Char('0'))}) {
            MergeOptions o;
            o.targetRevision = target;
            EXPECT_THROW_KIND(r->merge(QStringLiteral("feat"), o), HubVaultValidationError);
            EXPECT_THROW_KIND(r->previewMerge(QStringLiteral("feat"), o), HubVaultValidationError);
        }
        // A bare tag name is looked up as a branch, which does not exist.
        MergeOptions o;
        o.targetRevision = QStringLiteral("v1");
        EXPECT_THROW_KIND(r->merge(QStringLiteral("feat"), o), RevisionNotFoundError);
        o.targetRevision = QStringLiteral("nope");
        EXPECT_THROW_KIND(r->merge(QStringLiteral("feat"), o), RevisionNotFoundError);
        EXPECT_THROW_KIND(r->merge(QStringLiteral("no-such-source")), RevisionNotFoundError);
        QCOMPARE(r.state(), before);
    }

    // --- merge base ----------------------------------------------------------------------------

    void crissCrossMergeBase()
    {
        TestRepo r = newRepo();
        r.commit({}, {{QStringLiteral("base.txt"), "base"}}, QStringLiteral("c0"));
        r.branch(QStringLiteral("a"));
        r.branch(QStringLiteral("b"));
        const QString a1 = r.commit(QStringLiteral("a"), {{QStringLiteral("a1.txt"), "a1"}}, QStringLiteral("A1"));
        const QString b1 = r.commit(QStringLiteral("b"), {{QStringLiteral("b1.txt"), "b1"}}, QStringLiteral("B1"));
        r.tag(QStringLiteral("ta1"), a1);
        r.tag(QStringLiteral("tb1"), b1);
        // The criss-cross: X = [A1, B1] on a, Y = [B1, A1] on b.
        QCOMPARE(r.merge(QStringLiteral("tb1"), QStringLiteral("a")).status, MergeStatus::Merged);
        QCOMPARE(r.merge(QStringLiteral("ta1"), QStringLiteral("b")).status, MergeStatus::Merged);
        r.commit(QStringLiteral("a"), {{QStringLiteral("a2.txt"), "a2"}}, QStringLiteral("A2"));
        r.commit(QStringLiteral("b"), {{QStringLiteral("b2.txt"), "b2"}}, QStringLiteral("B2"));

        const auto commits = ht::storedCommits(r.path);
        const QList<BaseKey> ranked = rankedCommonAncestors(commits, r.obj(r.head(QStringLiteral("a"))), r.obj(r.head(QStringLiteral("b"))));
        QVERIFY(ranked.size() >= 2);
        // Two merge bases at equal distance: only the object-id rule separates them.
        QCOMPARE(std::get<0>(ranked.at(0)), std::get<0>(ranked.at(1)));
        QCOMPARE(std::get<1>(ranked.at(0)), std::get<1>(ranked.at(1)));
        const QSet<QString> bases{std::get<2>(ranked.at(0)), std::get<2>(ranked.at(1))};
        QCOMPARE(bases, (QSet<QString>{r.obj(a1), r.obj(b1)}));
        const QString expected = std::get<2>(ranked.first());
        QCOMPARE(expected, qMin(r.obj(a1), r.obj(b1)));

        const MergeResult preview = r.preview(QStringLiteral("b"), QStringLiteral("a"));
        const MergeResult m = r.merge(QStringLiteral("b"), QStringLiteral("a"));
        QCOMPARE(outcome(preview, false), outcome(m, false));
        QCOMPARE(m.status, MergeStatus::Merged);
        QCOMPARE(m.baseCommit.value_or(QString()), commits.value(expected).gitOid);
        const QJsonObject payload = ht::commitPayload(r.path, r.obj(m.headAfter.value_or(QString())));
        QCOMPARE(payload.value(QLatin1String("metadata")).toObject().value(QLatin1String("merge")).toObject()
                     .value(QLatin1String("base_commit")).toString(),
                 expected);
        QCOMPARE(r->listRepoFiles(QStringLiteral("a")),
                 (QStringList{QStringLiteral("a1.txt"), QStringLiteral("a2.txt"), QStringLiteral("b1.txt"), QStringLiteral("b2.txt"),
                              QStringLiteral("base.txt")}));
        QVERIFY(r->fullVerify().ok);
    }

    void mergeBasePrefersShorterLongerSide()
    {
        // Candidates P (1 from T, 3 from S) and Q (2, 2): equal sums, Q wins on the max.
        TestRepo r = newRepo();
        const QString root = r.commit({}, {{QStringLiteral("r.txt"), "r"}}, QStringLiteral("R"));
        r.branch(QStringLiteral("p"));
        r.branch(QStringLiteral("q"));
        const QString p = r.commit(QStringLiteral("p"), {{QStringLiteral("p.txt"), "p"}}, QStringLiteral("P"));
        const QString q = r.commit(QStringLiteral("q"), {{QStringLiteral("q.txt"), "q"}}, QStringLiteral("Q"));
        r.branch(QStringLiteral("q1"), q);
        r.commit(QStringLiteral("q1"), {{QStringLiteral("q1.txt"), "q1"}}, QStringLiteral("Q1"));
        r.branch(QStringLiteral("qa"), q);
        r.commit(QStringLiteral("qa"), {{QStringLiteral("qa.txt"), "qa"}}, QStringLiteral("Qa"));
        r.branch(QStringLiteral("pb"), p);
        r.commit(QStringLiteral("pb"), {{QStringLiteral("pa.txt"), "pa"}}, QStringLiteral("Pa"));
        r.commit(QStringLiteral("pb"), {{QStringLiteral("pb.txt"), "pb"}}, QStringLiteral("Pb"));
        QCOMPARE(r.merge(QStringLiteral("q1"), QStringLiteral("p")).status, MergeStatus::Merged); // T = [P, Q1]
        QCOMPARE(r.merge(QStringLiteral("pb"), QStringLiteral("qa")).status, MergeStatus::Merged); // S = [Qa, Pb]

        const auto commits = ht::storedCommits(r.path);
        const QList<BaseKey> ranked = rankedCommonAncestors(commits, r.obj(r.head(QStringLiteral("p"))), r.obj(r.head(QStringLiteral("qa"))));
        QVERIFY(ranked.size() >= 3);
        QCOMPARE(ranked.at(0), BaseKey(4, 2, r.obj(q)));
        QCOMPARE(ranked.at(1), BaseKey(4, 3, r.obj(p)));
        QCOMPARE(std::get<2>(ranked.at(2)), r.obj(root));

        const MergeResult m = r.merge(QStringLiteral("qa"), QStringLiteral("p"));
        QCOMPARE(m.status, MergeStatus::Merged);
        QCOMPARE(m.baseCommit.value_or(QString()), q);
        QCOMPARE(ht::commitPayload(r.path, r.obj(m.headAfter.value_or(QString())))
                     .value(QLatin1String("metadata")).toObject().value(QLatin1String("merge")).toObject()
                     .value(QLatin1String("base_commit")).toString(),
                 r.obj(q));
        QVERIFY(r->fullVerify().ok);
    }

    void ancestryDecidesBeforeTheMergeBase()
    {
        // X - S - S1 - S2 - S3 - S4 - T, and X - Q - T: S is an ancestor of T, but the
        // merge base of T and S by distance is X (2 + 1 < 5 + 0). The original answers by
        // ancestry: S into T is already up to date, T into S fast-forwards.
        TestRepo r = newRepo();
        r.commit({}, {{QStringLiteral("x.txt"), "x"}}, QStringLiteral("X"));
        r.branch(QStringLiteral("side"));
        const QString s = r.commit({}, {{QStringLiteral("s.txt"), "s"}}, QStringLiteral("S"));
        r.branch(QStringLiteral("old"));
        for (int i = 1; i <= 4; ++i)
            r.commit({}, {{QStringLiteral("s%1.txt").arg(i), QByteArray::number(i)}}, QStringLiteral("S%1").arg(i));
        r.commit(QStringLiteral("side"), {{QStringLiteral("q.txt"), "q"}}, QStringLiteral("Q"));
        const MergeResult t = r.merge(QStringLiteral("side"), QStringLiteral("main"));
        QCOMPARE(t.status, MergeStatus::Merged);
        const QString head = t.headAfter.value_or(QString());
        const QString before = r.state();

        const MergeResult upToDate = r.merge(QStringLiteral("old"), QStringLiteral("main"));
        QCOMPARE(upToDate.status, MergeStatus::AlreadyUpToDate);
        QCOMPARE(upToDate.baseCommit.value_or(QString()), s);
        QCOMPARE(upToDate.headAfter.value_or(QString()), head);
        QVERIFY(!upToDate.createdCommit);
        QCOMPARE(r.state(), before);

        const MergeResult preview = r.preview(QStringLiteral("main"), QStringLiteral("old"));
        const MergeResult ff = r.merge(QStringLiteral("main"), QStringLiteral("old"));
        QCOMPARE(outcome(preview, false), outcome(ff, false));
        QCOMPARE(ff.status, MergeStatus::FastForward);
        QVERIFY(ff.fastForward);
        QCOMPARE(ff.baseCommit.value_or(QString()), s);
        QCOMPARE(ff.headAfter.value_or(QString()), head);
        QCOMPARE(r.head(QStringLiteral("old")), head);
        QVERIFY(r->fullVerify().ok);
    }

    void mergeBaseOnFixture()
    {
        // Every pair of refs of the c-branches-merges fixture: the reported base follows the rule.
        QTemporaryDir tmp;
        const QString path = hubvault::test::copyFixture(QStringLiteral("c-branches-merges"), tmp.path());
        QVERIFY(!path.isEmpty());
        const LocalRepository repo = LocalRepository::open(path);
        const auto commits = ht::storedCommits(path);
        const auto refs = ht::refsTable(path);
        const auto digest = hubvault::test::treeDigest(path);
        int checked = 0;
        for (auto t = refs.cbegin(); t != refs.cend(); ++t) {
            if (!t.key().startsWith(QLatin1String("branch:")))
                continue;
            for (auto s = refs.cbegin(); s != refs.cend(); ++s) {
                MergeOptions o;
                o.targetRevision = t.key().mid(7);
                const QString source = (s.key().startsWith(QLatin1String("tag:")) ? QStringLiteral("refs/tags/") : QStringLiteral("refs/heads/"))
                    + s.key().section(QLatin1Char(':'), 1);
                const MergeResult m = repo.previewMerge(source, o);
                const QList<BaseKey> ranked = rankedCommonAncestors(commits, t.value(), s.value());
                QVERIFY(!ranked.isEmpty());
                QCOMPARE(m.baseCommit.value_or(QString()), commits.value(std::get<2>(ranked.first())).gitOid);
                ++checked;
            }
        }
        QVERIFY(checked >= 20);
        QCOMPARE(hubvault::test::treeDigest(path), digest);
    }

    void previewWritesNothingEvenWithResidue()
    {
        // A preview on a repository with crash residue neither cleans nor writes anything.
        TestRepo r = newRepo();
        r.commit({}, {{QStringLiteral("a.txt"), "a"}}, QStringLiteral("one"));
        r.branch(QStringLiteral("feat"));
        r.commit(QStringLiteral("feat"), {{QStringLiteral("b.txt"), "b"}}, QStringLiteral("f"));
        r.commit({}, {{QStringLiteral("c.txt"), "c"}}, QStringLiteral("m"));
        QVERIFY(QDir().mkpath(r.path + QStringLiteral("/txn/20240101T000000Z-00000000")));
        const auto digest = hubvault::test::treeDigest(r.path);
        const QStringList dirs = QDir(r.path + QStringLiteral("/txn")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(r.preview(QStringLiteral("feat")).status, MergeStatus::Merged);
        QCOMPARE(hubvault::test::treeDigest(r.path), digest);
        QCOMPARE(QDir(r.path + QStringLiteral("/txn")).entryList(QDir::Dirs | QDir::NoDotAndDotDot), dirs);
    }
};

QTEST_GUILESS_MAIN(TestRefsMerge)
#include "tst_refs_merge.moc"
