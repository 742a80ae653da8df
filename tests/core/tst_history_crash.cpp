// Crash safety of history and maintenance writes with real processes (docs/format.md §6):
// a helper performs commit, merge (a true merge commit), reset, squash (with gc) or gc
// on a small prepared repository and dies — at every fault point it passes, and at
// random instants (SIGKILL from here). After each death the repository must open, fully
// verify, have every ref at its old or its new commit (never anything else; reflog
// likewise), read every reachable file as before, and survive a gc that clears the
// residue. A hot SQLite journal left by a writer that spilled pages is rolled back on
// open, while a read-only connection refuses the database until then.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "Env.h"
#include "HistoryTestSupport.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace hubvault;
namespace ht = hubvault::htest;
using ht::TestRepo;

namespace {

const QString kHelper = QStringLiteral(HUBVAULT_HISTORY_CRASH_HELPER);

using Contents = QMap<QString, QMap<QString, QString>>;

struct RepoState {
    QMap<QString, QString> refs;
    QStringList reflog;
    Contents contents;
};

RepoState stateOf(const QString &path)
{
    RepoState s;
    s.refs = ht::refsTable(path);
    s.reflog = ht::reflogTable(path);
    s.contents = ht::reachableContents(LocalRepository::open(path));
    return s;
}

struct OpSpec {
    QString name;
    QStringList extraArgs;
    RepoState newState;
    QStringList trace; ///< fault points of an undisturbed run, in order
    QString resultPath; ///< repository after that undisturbed run
    qint64 durationUs = 0;
};

struct HelperRun {
    bool crashed = false; ///< died (fault point or SIGKILL) rather than finishing
    int exitCode = 0;
    QByteArray out, err;
};

HelperRun runHelper(const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    p.start(kHelper, args);
    HelperRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timeout";
        r.exitCode = -1;
        return r;
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.crashed = p.exitStatus() == QProcess::CrashExit || p.exitCode() == 9;
    r.exitCode = p.exitCode();
    return r;
}

bool copyRepo(const QString &from, const QString &to)
{
    QDir(to).removeRecursively();
    return hubvault::test::copyTree(from, to);
}

} // namespace

class TestHistoryCrash : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_base;
    RepoState m_old;
    QList<OpSpec> m_ops;
    int m_runs = 0;
    int m_hotJournals = 0;

    /** A journal a read-only connection cannot get past (checked before anything recovers it). */
    void countHotJournal(const QString &repo)
    {
        if (QFileInfo(repo + QStringLiteral("/metadata.sqlite3-journal")).size() == 0)
            return;
        QString error;
        ht::sqlRows(repo, QStringLiteral("SELECT COUNT(*) FROM refs"), &error);
        m_hotJournals += error.isEmpty() ? 0 : 1;
    }

    QString scratch() { return m_tmp.path() + QStringLiteral("/run-%1").arg(++m_runs); }

    static QStringList helperArgs(const OpSpec &op, const QString &repo, const QStringList &more = {})
    {
        return QStringList{op.name, repo} + op.extraArgs + more;
    }

    /**
     * Everything a crash must leave intact. `expect` is "old", "new" or "" (either);
     * returns "" when fine, else what is wrong. `matched` receives the state found.
     */
    QString checkAfterCrash(const QString &repo, const OpSpec &op, const QString &expect, QString *matched = nullptr)
    {
        try {
            const LocalRepository opened = LocalRepository::open(repo);
            const QMap<QString, QString> refs = ht::refsTable(repo);
            const bool isOld = refs == m_old.refs, isNew = refs == op.newState.refs;
            if (!isOld && !isNew)
                return QStringLiteral("refs are neither the old nor the new state");
            // gc changes no ref: both states have the same refs, so take the old one.
            const RepoState &state = isOld ? m_old : op.newState;
            const QString found = isOld ? QStringLiteral("old") : QStringLiteral("new");
            if (matched)
                *matched = found;
            if (!expect.isEmpty() && !(expect == found || (isOld && isNew)))
                return QStringLiteral("expected the %1 state, found the %2 one").arg(expect, found);
            if (ht::reflogTable(repo) != state.reflog)
                return QStringLiteral("reflog does not match the %1 refs").arg(found);
            const VerifyReport v = opened.fullVerify();
            if (!v.ok)
                return QStringLiteral("full verify: ") + v.errors.join(QStringLiteral("; "));
            for (const QString &w : v.warnings) {
                if (!w.startsWith(QLatin1String("pending transaction directory: ")))
                    return QStringLiteral("unexpected warning: ") + w;
            }
            if (ht::reachableContents(opened) != state.contents)
                return QStringLiteral("reachable contents differ from the %1 state").arg(found);
            // Every stored blob still has its bytes (no row ever outlives its file).
            for (const auto &row : ht::sqlRows(repo, QStringLiteral("SELECT object_id FROM objects_blobs"))) {
                const QString digest = row.value(0).toString().mid(7);
                if (!QFileInfo::exists(repo + QStringLiteral("/objects/blobs/sha256/%1/%2.data").arg(digest.left(2), digest.mid(2))))
                    return QStringLiteral("blob %1 has no .data file").arg(row.value(0).toString());
            }
            for (const auto &row : ht::sqlRows(repo, QStringLiteral("SELECT DISTINCT pack_id FROM chunk_visible"))) {
                if (!QFileInfo::exists(repo + QStringLiteral("/chunks/packs/") + row.value(0).toString() + QStringLiteral(".pack")))
                    return QStringLiteral("pack %1 is missing").arg(row.value(0).toString());
            }
        } catch (const HubVaultError &e) {
            return QStringLiteral("%1: %2").arg(e.kind(), e.message());
        }
        return {};
    }

    /** The residue of a crash is harmless: a later gc succeeds and leaves a clean repository. */
    QString gcAfterCrash(const QString &repo, const RepoState &state)
    {
        try {
            LocalRepository r = LocalRepository::open(repo);
            r.gc();
            const VerifyReport v = r.fullVerify();
            if (!v.ok || !v.warnings.isEmpty())
                return QStringLiteral("verify after gc: ") + (v.errors + v.warnings).join(QStringLiteral("; "));
            if (ht::reachableContents(r) != state.contents)
                return QStringLiteral("contents changed by gc after the crash");
            QStringList expectedData;
            for (const auto &row : ht::sqlRows(repo, QStringLiteral("SELECT object_id FROM objects_blobs"))) {
                const QString digest = row.value(0).toString().mid(7);
                expectedData.append(QStringLiteral("sha256/%1/%2.data").arg(digest.left(2), digest.mid(2)));
            }
            std::sort(expectedData.begin(), expectedData.end());
            if (ht::filesUnder(repo + QStringLiteral("/objects/blobs")) != expectedData)
                return QStringLiteral("orphan blob files survived gc");
            if (ht::filesUnder(repo + QStringLiteral("/chunks/packs")).size() > 1)
                return QStringLiteral("orphan packs survived gc");
            if (!ht::filesUnder(repo + QStringLiteral("/txn")).isEmpty())
                return QStringLiteral("txn residue survived gc");
        } catch (const HubVaultError &e) {
            return QStringLiteral("gc after crash: %1: %2").arg(e.kind(), e.message());
        }
        return {};
    }

    const OpSpec &op(const QString &name) const
    {
        for (const OpSpec &o : m_ops) {
            if (o.name == name)
                return o;
        }
        qFatal("unknown op");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QFileInfo(kHelper).isExecutable(), qPrintable(kHelper));

        // The prepared repository: chunked and whole files, a tag, a diverged feature
        // branch (true merge), garbage from a deleted branch, a cache view.
        TestRepo r;
        r.path = m_tmp.path() + QStringLiteral("/base");
        CreateRepoOptions options;
        options.largeFileThreshold = 1000;
        r.repo = std::make_unique<LocalRepository>(LocalRepository::create(r.path, options, r.clock.env()));
        r.commit({}, {{QStringLiteral("a.txt"), "a1"}, {QStringLiteral("big.bin"), ht::detBytes(QStringLiteral("big1"), 3000)},
                      {QStringLiteral("keep.bin"), ht::detBytes(QStringLiteral("keep"), 1500)}},
                 QStringLiteral("c1"));
        r.tag(QStringLiteral("v1"));
        r.commit({}, {{QStringLiteral("a.txt"), "a2"}, {QStringLiteral("dir/b.txt"), "b"}}, QStringLiteral("c2"));
        r.branch(QStringLiteral("feature"));
        r.commit(QStringLiteral("feature"), {{QStringLiteral("feature.bin"), ht::detBytes(QStringLiteral("feature"), 2000)},
                                             {QStringLiteral("f.txt"), "f"}},
                 QStringLiteral("f1"));
        r.commit(QStringLiteral("feature"), {{QStringLiteral("dir/c.txt"), "c"}}, QStringLiteral("f2"));
        const QString c3 = r.commit({}, {{QStringLiteral("big.bin"), ht::detBytes(QStringLiteral("big2"), 2600)}}, QStringLiteral("c3"));
        r.branch(QStringLiteral("doomed"));
        r.commit(QStringLiteral("doomed"), {{QStringLiteral("doomed.bin"), ht::detBytes(QStringLiteral("doomed"), 2500)}}, QStringLiteral("d1"));
        r.commit({}, {{QStringLiteral("d.txt"), "d"}}, QStringLiteral("c4"));
        r.clock.tick();
        r->deleteBranch(QStringLiteral("doomed"));
        r->hfHubDownload(QStringLiteral("a.txt"));
        QVERIFY(r->fullVerify().ok);
        r.repo.reset();
        m_base = r.path;
        m_old = stateOf(m_base);

        // One undisturbed, traced run per operation gives its new state and fault points.
        for (const QString &name : {QStringLiteral("commit"), QStringLiteral("merge"), QStringLiteral("reset"),
                                    QStringLiteral("squash"), QStringLiteral("gc")}) {
            OpSpec spec;
            spec.name = name;
            if (name == QLatin1String("squash"))
                spec.extraArgs = QStringList{QStringLiteral("--root"), c3};
            const QString copy = scratch();
            QVERIFY(copyRepo(m_base, copy));
            const HelperRun run = runHelper(helperArgs(spec, copy, {QStringLiteral("--trace")}));
            QVERIFY2(!run.crashed && run.exitCode == 0, qPrintable(name + QLatin1Char(' ') + QString::fromUtf8(run.err)));
            for (const QByteArray &line : run.out.split('\n')) {
                if (line.startsWith("FP "))
                    spec.trace.append(QString::fromUtf8(line.mid(3)));
                else if (line.startsWith("DONE "))
                    spec.durationUs = line.mid(5).toLongLong();
            }
            spec.newState = stateOf(copy);
            spec.resultPath = copy;
            QVERIFY(LocalRepository::open(copy).fullVerify().ok);
            if (name == QLatin1String("gc")) {
                QCOMPARE(spec.newState.refs, m_old.refs);
                QCOMPARE(spec.newState.contents, m_old.contents);
            } else {
                QVERIFY2(spec.newState.refs != m_old.refs, qPrintable(name));
            }
            // A second undisturbed run reaches exactly the same state (frozen clock).
            const QString again = scratch();
            QVERIFY(copyRepo(m_base, again));
            QCOMPARE(runHelper(helperArgs(spec, again)).exitCode, 0);
            QCOMPARE(ht::refsTable(again), spec.newState.refs);
            QCOMPARE(ht::reflogTable(again), spec.newState.reflog);
            qInfo("%s: %lld fault points, %lld us", qPrintable(name), qint64(spec.trace.size()), spec.durationUs);
            QVERIFY(spec.trace.contains(QStringLiteral("txn:COMMITTED")));
            QVERIFY(spec.trace.contains(QStringLiteral("session:before-commit")));
            m_ops.append(spec);
        }
        // The merge is a true merge commit with two parents.
        const QString mergeHead = op(QStringLiteral("merge")).newState.refs.value(QStringLiteral("branch:main"));
        QVERIFY(!mergeHead.isEmpty());
        QCOMPARE(ht::commitPayload(op(QStringLiteral("merge")).resultPath, mergeHead).value(QLatin1String("parents")).toArray().size(), 2);
    }

    void faultPoints_data()
    {
        QTest::addColumn<QString>("opName");
        for (const char *n : {"commit", "merge", "reset", "squash", "gc"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }

    void faultPoints()
    {
        QFETCH(QString, opName);
        const OpSpec &spec = op(opName);
        QHash<QString, int> occurrence;
        const int firstCommit = int(spec.trace.indexOf(QStringLiteral("session:before-commit")));
        QSet<QString> kinds;
        for (int i = 0; i < spec.trace.size(); ++i) {
            const QString step = spec.trace.at(i);
            const int nth = ++occurrence[step];
            kinds.insert(step);
            const QString copy = scratch();
            QVERIFY(copyRepo(m_base, copy));
            const HelperRun run = runHelper(helperArgs(spec, copy, {QStringLiteral("--fault"), step, QStringLiteral("--nth"), QString::number(nth)}));
            const QString label = QStringLiteral("%1 at %2 #%3").arg(opName, step).arg(nth);
            QVERIFY2(run.crashed && run.exitCode == 9, qPrintable(label + QStringLiteral(": did not die there: ") + QString::fromUtf8(run.err)));
            countHotJournal(copy);
            // Nothing is visible before the first COMMIT; after it (squash's gc) the squash is.
            const QString expect = i <= firstCommit ? QStringLiteral("old") : QStringLiteral("new");
            const QString problem = checkAfterCrash(copy, spec, expect);
            QVERIFY2(problem.isEmpty(), qPrintable(label + QStringLiteral(": ") + problem));
            const QString gcProblem = gcAfterCrash(copy, i <= firstCommit ? m_old : spec.newState);
            QVERIFY2(gcProblem.isEmpty(), qPrintable(label + QStringLiteral(": ") + gcProblem));
            QDir(copy).removeRecursively();
        }
        // Every documented step of a data-writing transaction was exercised.
        for (const char *step : {"txn:PREPARING", "txn:COMMITTED", "session:before-commit", "atomic-write:before-rename"})
            QVERIFY2(kinds.contains(QLatin1String(step)), step);
        if (opName != QLatin1String("reset")) {
            for (const char *step : {"txn:STAGED", "txn:PUBLISHED_OBJECTS"})
                QVERIFY2(kinds.contains(QLatin1String(step)), step);
        }
        if (opName != QLatin1String("gc")) {
            for (const char *step : {"txn:UPDATED_REF", "txn:APPENDED_REFLOG"})
                QVERIFY2(kinds.contains(QLatin1String(step)), step);
        }
        if (opName == QLatin1String("commit") || opName == QLatin1String("squash") || opName == QLatin1String("gc"))
            QVERIFY2(kinds.contains(QStringLiteral("txn:publish-file")), "txn:publish-file");
    }

    void randomKills()
    {
        // SIGKILL at a random instant of each operation, until at least 60 kills per
        // operation landed while it was running (>= 300 in total).
        QRandomGenerator rng(0x5eed);
        QElapsedTimer total;
        total.start();
        int landedTotal = 0;
        for (const OpSpec &spec : std::as_const(m_ops)) {
            int landed = 0, finished = 0, attempts = 0, sawOld = 0, sawNew = 0;
            // Delays spread over the operation's duration. The window adapts to how fast the
            // machine is right now: it shrinks when the helper finished first and widens a
            // little when the kill landed, so about three quarters of the kills land.
            qint64 windowUs = qMax<qint64>(spec.durationUs * 13 / 10, 2000);
            while (landed < 60 && attempts < 400) {
                ++attempts;
                const QString copy = scratch();
                QVERIFY(copyRepo(m_base, copy));
                QProcess p;
                p.start(kHelper, helperArgs(spec, copy, {QStringLiteral("--ready")}));
                QVERIFY(p.waitForStarted());
                QByteArray out;
                while (!out.contains("READY\n") && p.state() == QProcess::Running) {
                    p.waitForReadyRead(10000);
                    out += p.readAllStandardOutput();
                }
                QVERIFY2(out.contains("READY\n"), p.readAllStandardError().constData());
                const qint64 delay = qint64(rng.bounded(quint32(windowUs)));
                QThread::usleep(quint64(delay));
                p.kill(); // SIGKILL
                QVERIFY(p.waitForFinished(30000));
                out += p.readAllStandardOutput();
                const bool done = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0 && out.contains("DONE");
                QVERIFY2(done || p.exitStatus() == QProcess::CrashExit,
                         qPrintable(QStringLiteral("%1: helper failed: %2").arg(spec.name, QString::fromUtf8(p.readAllStandardError()))));
                (done ? finished : landed) += 1;
                windowUs = done ? qMax<qint64>(500, windowUs * 3 / 4) : qMin<qint64>(windowUs * 21 / 20, 2000000);
                countHotJournal(copy);

                QString matched;
                const QString label = QStringLiteral("%1 killed after %2 us").arg(spec.name).arg(delay);
                const QString problem = checkAfterCrash(copy, spec, done ? QStringLiteral("new") : QString(), &matched);
                QVERIFY2(problem.isEmpty(), qPrintable(label + QStringLiteral(": ") + problem));
                (matched == QLatin1String("old") ? sawOld : sawNew) += 1;
                // A gc on every fourth survivor keeps the run short but covers residue of all kinds.
                if (attempts % 4 == 0) {
                    const QString gcProblem = gcAfterCrash(copy, matched == QLatin1String("old") ? m_old : spec.newState);
                    QVERIFY2(gcProblem.isEmpty(), qPrintable(label + QStringLiteral(": ") + gcProblem));
                }
                QDir(copy).removeRecursively();
            }
            qInfo("%s: %d kills landed, %d runs finished first, %d old / %d new states", qPrintable(spec.name), landed, finished, sawOld,
                  sawNew);
            QVERIFY2(landed >= 60, qPrintable(spec.name));
            landedTotal += landed;
        }
        qInfo("random kills: %d landed in %lld ms", landedTotal, total.elapsed());
        QVERIFY(landedTotal >= 300);
    }

    void hotJournalIsRolledBackOnOpen()
    {
        const QString repo = scratch();
        QVERIFY(copyRepo(m_base, repo));
        const QString db = repo + QStringLiteral("/metadata.sqlite3");
        const QByteArray dbBefore = hubvault::test::sha256File(db);
        // A reader that was opened before the writer died.
        const LocalRepository longLived = LocalRepository::open(repo);

        const HelperRun run = runHelper({QStringLiteral("spill"), repo});
        QVERIFY2(run.crashed && run.out.contains("SPILLED"), run.err.constData());
        QVERIFY2(QFileInfo(db + QStringLiteral("-journal")).size() > 0, "no journal left behind");
        QVERIFY2(hubvault::test::sha256File(db) != dbBefore, "SQLite did not spill any page into the database file");

        // Crafted crash image: the database together with its hot journal.
        const QString image = scratch();
        QVERIFY(copyRepo(repo, image));
        const QByteArray imageDb = hubvault::test::sha256File(image + QStringLiteral("/metadata.sqlite3"));
        const QByteArray imageJournal = hubvault::test::sha256File(image + QStringLiteral("/metadata.sqlite3-journal"));

        // Before recovery, a read-only connection cannot use the database at all
        // (it would have to roll the journal back, which it may not do).
        QString error;
        const auto rows = ht::sqlRows(image, QStringLiteral("SELECT COUNT(*) FROM refs"), &error);
        QVERIFY2(!error.isEmpty(), "a read-only connection read a database with a hot journal");
        QVERIFY(rows.isEmpty());
        QCOMPARE(hubvault::test::sha256File(image + QStringLiteral("/metadata.sqlite3")), imageDb);
        QCOMPARE(hubvault::test::sha256File(image + QStringLiteral("/metadata.sqlite3-journal")), imageJournal);

        // open() takes the writer lock and lets SQLite roll the journal back.
        {
            const LocalRepository recovered = LocalRepository::open(image);
            QVERIFY(QFileInfo(image + QStringLiteral("/metadata.sqlite3-journal")).size() == 0);
            QCOMPARE(ht::refsTable(image), m_old.refs);
            QCOMPARE(ht::reflogTable(image), m_old.reflog);
            QCOMPARE(ht::reachableContents(recovered), m_old.contents);
            const VerifyReport v = recovered.fullVerify();
            QVERIFY2(v.ok, qPrintable(v.errors.join(QLatin1Char('\n'))));
            QCOMPARE(hubvault::test::sha256File(image + QStringLiteral("/metadata.sqlite3")), dbBefore); // rolled back byte for byte
        }
        error.clear();
        QCOMPARE(ht::sqlRows(image, QStringLiteral("SELECT COUNT(*) FROM refs"), &error).size(), 1);
        QVERIFY(error.isEmpty());

        // The reader opened before the crash: its reads return right bytes or fail cleanly
        // (never partial state), and verification (which recovers first) brings it back.
        try {
            QCOMPARE(longLived.readBytes(QStringLiteral("a.txt"), QStringLiteral("v1")), QByteArray("a1"));
            QCOMPARE(longLived.readBytes(QStringLiteral("dir/b.txt")), QByteArray("b"));
            QCOMPARE(longLived.listRepoCommits().size(), 5);
        } catch (const HubVaultError &e) {
            qInfo("read through a repository opened before the crash: %s: %s", qPrintable(e.kind()), qPrintable(e.message()));
        }
        const VerifyReport v = longLived.fullVerify();
        QVERIFY2(v.ok, qPrintable(v.errors.join(QLatin1Char('\n'))));
        QCOMPARE(longLived.readBytes(QStringLiteral("a.txt"), QStringLiteral("v1")), QByteArray("a1"));
        QCOMPARE(ht::refsTable(repo), m_old.refs);
        QVERIFY(QFileInfo(repo + QStringLiteral("/metadata.sqlite3-journal")).size() == 0);
    }

    void hotJournalThenWrite()
    {
        // The first write after the crash also recovers before doing anything.
        const QString repo = scratch();
        QVERIFY(copyRepo(m_base, repo));
        QVERIFY(runHelper({QStringLiteral("spill"), repo}).crashed);
        QVERIFY(QFileInfo(repo + QStringLiteral("/metadata.sqlite3-journal")).size() > 0);
        LocalRepository r = LocalRepository::open(repo);
        CommitOptions o;
        o.commitMessage = QStringLiteral("after recovery");
        r.createCommit({CommitOperation::addBytes(QStringLiteral("z.txt"), "z")}, o);
        QCOMPARE(r.readBytes(QStringLiteral("z.txt")), QByteArray("z"));
        QCOMPARE(r.listRepoCommits().size(), 6);
        QVERIFY(r.fullVerify().ok);
        r.gc();
        QVERIFY(r.fullVerify().ok);
    }

    void cleanupTestCase() { qInfo("hot journals left by fault-point and random crashes: %d", m_hotJournals); }
};

QTEST_GUILESS_MAIN(TestHistoryCrash)
#include "tst_history_crash.moc"
