// LaneLayout, the commit graph's geometry, without painting: on the recorded histories of
// the hubvault 0.0.2 fixtures and on generated shapes (long-lived branches, criss-cross
// merges, many parallel branches, branches that end), appended at once and in batches.
//
// Every layout is checked against the same invariants: rows join up (the lanes and
// colours leaving a row are those entering the next), every parent edge can be followed
// lane by lane down to its parent's node, open lanes never share a colour, and a commit
// is a tip exactly when no child above reaches it.

#include "history/LaneLayout.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <algorithm>

using hubvault::app::GraphRow;
using hubvault::app::GraphSegment;
using hubvault::app::LaneInput;
using hubvault::app::LaneLayout;
using namespace hubvault::test;

namespace {

/** Builds histories in creation order; display order is the reverse (newest first). */
class HistoryBuilder {
public:
    QString commit(const QStringList &parents)
    {
        const QString id = QStringLiteral("c%1").arg(m_commits.size(), 5, 10, QLatin1Char('0'));
        m_commits.append({id, parents});
        return id;
    }
    qsizetype size() const { return m_commits.size(); }
    QList<LaneInput> display() const
    {
        QList<LaneInput> out(m_commits.crbegin(), m_commits.crend());
        return out;
    }

private:
    QList<LaneInput> m_commits;
};

QString describe(const GraphSegment &s)
{
    static const char *const kinds[] = {"straight", "merge-in", "fork-out"};
    static const char *const spans[] = {"full", "upper", "lower"};
    return QStringLiteral("%1:%2->%3 c%4").arg(QLatin1String(spans[s.span]), QString::number(s.from),
                                               QString::number(s.to), QString::number(s.color))
           + QLatin1Char(' ') + QLatin1String(kinds[s.kind]);
}

/** Lane -> colour at the top (upper) or bottom edge of a row; "" when consistent, else why not. */
QString edgeColours(const GraphRow &row, bool top, QMap<int, int> *out)
{
    for (const GraphSegment &s : row.segments) {
        int lane = -1;
        if (s.span == GraphSegment::Full)
            lane = s.from;
        else if (top && s.span == GraphSegment::UpperHalf)
            lane = s.from;
        else if (!top && s.span == GraphSegment::LowerHalf)
            lane = s.to;
        if (lane < 0)
            continue;
        if (out->contains(lane) && out->value(lane) != s.color)
            return QStringLiteral("lane %1 has two colours at one edge").arg(lane);
        out->insert(lane, s.color);
    }
    return {};
}

/**
 * Checks every invariant of a layout of `commits`; returns "" or the first violation.
 * Parents that are not among `commits` must still be waiting in an open lane at the end.
 */
QString checkLayout(const QList<LaneInput> &commits, const LaneLayout &layout)
{
    if (layout.rowCount() != commits.size())
        return QStringLiteral("%1 rows for %2 commits").arg(layout.rowCount()).arg(commits.size());
    QHash<QString, int> rowOf;
    for (int i = 0; i < commits.size(); ++i)
        rowOf.insert(commits.at(i).id, i);
    QSet<QString> reachedFromAbove;
    QMap<int, int> previousBottom;
    for (int r = 0; r < commits.size(); ++r) {
        const GraphRow &row = layout.row(r);
        const QString where = QStringLiteral("row %1 (%2): ").arg(r).arg(commits.at(r).id);
        if (layout.rowOf(commits.at(r).id) != r)
            return where + QStringLiteral("rowOf disagrees");
        // Shapes of segments.
        QSet<int> full;
        int widest = row.lane;
        for (const GraphSegment &s : row.segments) {
            widest = std::max({widest, int(s.from), int(s.to)});
            switch (s.span) {
            case GraphSegment::Full:
                if (s.from != s.to || s.kind != GraphSegment::Straight)
                    return where + QStringLiteral("bent pass-through ") + describe(s);
                if (s.from == row.lane || full.contains(s.from))
                    return where + QStringLiteral("lane %1 passes twice or through the node").arg(s.from);
                full.insert(s.from);
                break;
            case GraphSegment::UpperHalf:
                if (s.to != row.lane)
                    return where + QStringLiteral("upper segment misses the node ") + describe(s);
                if ((s.from == s.to) != (s.kind == GraphSegment::Straight) || s.kind == GraphSegment::MergeIn)
                    return where + QStringLiteral("wrong upper kind ") + describe(s);
                break;
            case GraphSegment::LowerHalf:
                if (s.from != row.lane)
                    return where + QStringLiteral("lower segment does not start at the node ") + describe(s);
                if (s.kind == GraphSegment::ForkOut)
                    return where + QStringLiteral("wrong lower kind ") + describe(s);
                break;
            }
        }
        if (row.laneCount != widest + 1)
            return where + QStringLiteral("laneCount %1, widest lane %2").arg(row.laneCount).arg(widest);
        // Rows join up.
        QMap<int, int> top, bottom;
        QString problem = edgeColours(row, true, &top);
        if (problem.isEmpty())
            problem = edgeColours(row, false, &bottom);
        if (!problem.isEmpty())
            return where + problem;
        if (top != previousBottom)
            return where + QStringLiteral("does not join the row above");
        previousBottom = bottom;
        // Open lanes have distinct colours.
        QSet<int> colours;
        for (int c : bottom) {
            if (colours.contains(c))
                return where + QStringLiteral("two open lanes share colour %1").arg(c);
            colours.insert(c);
        }
        // The node's colour is that of the line arriving in its lane (if any).
        for (const GraphSegment &s : row.segments) {
            if (s.span == GraphSegment::UpperHalf && s.from == row.lane && s.color != row.color)
                return where + QStringLiteral("node colour differs from its lane");
            if (s.span == GraphSegment::LowerHalf && s.to == row.lane && s.color != row.color)
                return where + QStringLiteral("first parent leaves in another colour");
        }
        // A tip exactly when nothing above reached it.
        const QString &id = commits.at(r).id;
        if (row.isHead == reachedFromAbove.contains(id))
            return where + QStringLiteral("isHead is %1").arg(row.isHead);

        // Parent edges: follow each lower segment down to its parent's node.
        QStringList below;
        for (const QString &p : commits.at(r).parents) {
            if (!below.contains(p) && rowOf.value(p, -1) != r && rowOf.value(p, r + 1) > r)
                below.append(p);
        }
        QList<GraphSegment> lower;
        for (const GraphSegment &s : row.segments) {
            if (s.span == GraphSegment::LowerHalf)
                lower.append(s);
        }
        if (lower.size() != below.size())
            return where + QStringLiteral("%1 lower segments for %2 parents").arg(lower.size()).arg(below.size());
        for (int p = 0; p < below.size(); ++p) {
            reachedFromAbove.insert(below.at(p));
            if ((p == 0) != (lower.at(p).kind == GraphSegment::Straight))
                return where + QStringLiteral("parent %1 leaves with the wrong kind").arg(p);
            const int lane = lower.at(p).to;
            const int colour = lower.at(p).color;
            int k = r + 1;
            for (; k < commits.size(); ++k) {
                const GraphRow &next = layout.row(k);
                bool passes = false, ends = false;
                for (const GraphSegment &s : next.segments) {
                    if (s.from != lane || s.span == GraphSegment::LowerHalf)
                        continue;
                    if (s.color != colour)
                        return where + QStringLiteral("edge to %1 changes colour at row %2").arg(below.at(p)).arg(k);
                    passes |= s.span == GraphSegment::Full;
                    ends |= s.span == GraphSegment::UpperHalf;
                }
                if (ends) {
                    if (commits.at(k).id != below.at(p))
                        return where + QStringLiteral("edge to %1 ends at %2").arg(below.at(p), commits.at(k).id);
                    break;
                }
                if (!passes)
                    return where + QStringLiteral("edge to %1 breaks at row %2").arg(below.at(p)).arg(k);
            }
            if (k == commits.size() && rowOf.contains(below.at(p)))
                return where + QStringLiteral("edge to %1 never arrives").arg(below.at(p));
        }
    }
    // What is still open waits for commits that were not given.
    for (const QString &pending : layout.pendingIds()) {
        if (!pending.isEmpty() && rowOf.contains(pending))
            return QStringLiteral("a lane still waits for %1, which was laid out").arg(pending);
    }
    return {};
}

LaneLayout layOut(const QList<LaneInput> &commits)
{
    LaneLayout layout;
    layout.append(commits);
    return layout;
}

/** Lays out in random batches (1 to maxBatch rows each). */
LaneLayout layOutInBatches(const QList<LaneInput> &commits, int maxBatch, quint32 seed)
{
    QRandomGenerator random(seed);
    LaneLayout layout;
    for (qsizetype i = 0; i < commits.size();) {
        const qsizetype n = std::min<qsizetype>(1 + random.bounded(maxBatch), commits.size() - i);
        layout.append(commits.mid(i, n));
        i += n;
    }
    return layout;
}

QString compareLayouts(const LaneLayout &a, const LaneLayout &b)
{
    if (a.rowCount() != b.rowCount())
        return QStringLiteral("row counts %1 and %2").arg(a.rowCount()).arg(b.rowCount());
    for (int r = 0; r < a.rowCount(); ++r) {
        if (!(a.row(r) == b.row(r)))
            return QStringLiteral("row %1 differs").arg(r);
    }
    return a.pendingIds() == b.pendingIds() ? QString() : QStringLiteral("open lanes differ");
}

int distinctColours(const LaneLayout &layout)
{
    QSet<int> colours;
    for (int r = 0; r < layout.rowCount(); ++r) {
        colours.insert(layout.row(r).color);
        for (const GraphSegment &s : layout.row(r).segments)
            colours.insert(s.color);
    }
    return int(colours.size());
}

/** The fixture's commits newest first (its clock is strictly increasing). */
QList<LaneInput> fixtureHistory(const QJsonObject &m)
{
    struct Dated {
        QString date;
        LaneInput input;
    };
    QList<Dated> all;
    const QJsonObject commits = m.value(QStringLiteral("commits")).toObject();
    for (auto it = commits.begin(); it != commits.end(); ++it) {
        LaneInput input;
        input.id = it.key();
        for (const QJsonValue &p : it.value().toObject().value(QStringLiteral("parents")).toArray())
            input.parents.append(p.toString());
        all.append({it.value().toObject().value(QStringLiteral("created_at")).toString(), input});
    }
    std::sort(all.begin(), all.end(), [](const Dated &a, const Dated &b) { return a.date > b.date; });
    QList<LaneInput> out;
    for (const Dated &d : all)
        out.append(d.input);
    return out;
}

// --- generated shapes --------------------------------------------------------------

/** main and develop side by side for `cycles` rounds; develop is merged into main each round. */
QList<LaneInput> longLivedBranches(int cycles, QStringList *mainCommits)
{
    HistoryBuilder h;
    QString main = h.commit({});
    QString develop = h.commit({main});
    mainCommits->append(main);
    for (int i = 0; i < cycles; ++i) {
        for (int j = 0; j < 3; ++j)
            develop = h.commit({develop});
        main = h.commit({main});
        mainCommits->append(main);
        main = h.commit({main, develop});
        mainCommits->append(main);
    }
    return h.display();
}

/** Two branches that merge into each other every round (criss-cross merges). */
QList<LaneInput> crissCross(int rounds)
{
    HistoryBuilder h;
    const QString base = h.commit({});
    QString a = h.commit({base});
    QString b = h.commit({base});
    for (int i = 0; i < rounds; ++i) {
        const QString a1 = h.commit({a, b}); // b merged into a
        const QString b1 = h.commit({b, a}); // a (before that merge) merged into b
        a = h.commit({a1});
        b = h.commit({b1});
    }
    h.commit({a, b});
    return h.display();
}

/** `branches` branches from one base, worked on in parallel, then merged into main one by one. */
QList<LaneInput> parallelBranches(int branches, int commitsEach)
{
    HistoryBuilder h;
    const QString base = h.commit({});
    QStringList tips(branches, base);
    for (int round = 0; round < commitsEach; ++round) {
        for (int b = 0; b < branches; ++b)
            tips[b] = h.commit({tips[b]});
    }
    QString main = base;
    for (int b = 0; b < branches; ++b)
        main = h.commit({main, tips[b]});
    return h.display();
}

/** Short feature branches one after another: merged ones, and abandoned ones that just end. */
QList<LaneInput> branchesThatEnd(int features)
{
    HistoryBuilder h;
    QString main = h.commit({});
    for (int i = 0; i < features; ++i) {
        QString feature = h.commit({main});
        feature = h.commit({feature});
        if (i % 3 == 2) {
            main = h.commit({main}); // the feature is abandoned: its tip is a head of its own
        } else {
            main = h.commit({main, feature});
        }
    }
    return h.display();
}

} // namespace

class TestLaneLayout : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fixtureHistories_data();
    void fixtureHistories();
    void branchesAndMergesFixtureShape();
    void linearHistoryStaysInOneLane();
    void longLivedBranchesKeepTheirLanes();
    void crissCrossMerges();
    void manyParallelBranches();
    void branchesThatEndFreeLanesAndColours();
    void incrementalAppendEqualsOneShot_data();
    void incrementalAppendEqualsOneShot();
    void partialHistoryKeepsLanesOpen();
    void parentListedAboveItsChildIsNotDrawn();
    void orphansAndDuplicateParents();
    void largeHistoryIsFast();
};

void TestLaneLayout::fixtureHistories_data()
{
    QTest::addColumn<QString>("fixture");
    for (const char *name : {"a-small-files-paths", "b-chunked-large", "c-branches-merges", "d-squash-gc"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestLaneLayout::fixtureHistories()
{
    QFETCH(QString, fixture);
    const QJsonObject m = fixtureManifest(fixture);
    QVERIFY2(!m.isEmpty(), qPrintable(fixture));
    const QList<LaneInput> commits = fixtureHistory(m);
    QVERIFY(!commits.isEmpty());
    const LaneLayout layout = layOut(commits);
    const QString problem = checkLayout(commits, layout);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(compareLayouts(layout, layOutInBatches(commits, 3, 7)), QString());
}

void TestLaneLayout::branchesAndMergesFixtureShape()
{
    const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
    const QList<LaneInput> commits = fixtureHistory(m);
    const LaneLayout layout = layOut(commits);
    QVERIFY(checkLayout(commits, layout).isEmpty());

    // The default branch's first-parent chain runs straight down lane 0.
    const QString head = m.value(QStringLiteral("repo_info")).toObject().value(QStringLiteral("head")).toString();
    const QJsonObject all = m.value(QStringLiteral("commits")).toObject();
    int chain = 0;
    for (QString id = head; !id.isEmpty(); ++chain) {
        const int row = layout.rowOf(id);
        QVERIFY2(row >= 0, qPrintable(id));
        QCOMPARE(layout.row(row).lane, 0);
        QCOMPARE(layout.row(row).color, 0);
        const QJsonArray parents = all.value(id).toObject().value(QStringLiteral("parents")).toArray();
        id = parents.isEmpty() ? QString() : parents.first().toString();
    }
    QCOMPARE(chain, 7);
    QVERIFY(layout.row(layout.rowOf(head)).isHead);

    // Both merges draw a merge-in curve to the lane of their second parent.
    int merges = 0;
    for (auto it = all.begin(); it != all.end(); ++it) {
        const QJsonArray parents = it.value().toObject().value(QStringLiteral("parents")).toArray();
        if (parents.size() < 2)
            continue;
        ++merges;
        const GraphRow &row = layout.row(layout.rowOf(it.key()));
        const auto mergeIn = std::count_if(row.segments.cbegin(), row.segments.cend(), [](const GraphSegment &s) {
            return s.kind == GraphSegment::MergeIn && s.span == GraphSegment::LowerHalf;
        });
        QCOMPARE(int(mergeIn), 1);
    }
    QCOMPARE(merges, 2);
    // Three lines meet at "Merge topic into main": its own, topic's and conflict-side's.
    QString forkId;
    for (auto it = all.begin(); it != all.end(); ++it) {
        if (it.value().toObject().value(QStringLiteral("title")).toString() == QLatin1String("Merge topic into main"))
            forkId = it.key();
    }
    const GraphRow &mergeRow = layout.row(layout.rowOf(forkId));
    const auto forks = std::count_if(mergeRow.segments.cbegin(), mergeRow.segments.cend(),
                                     [](const GraphSegment &s) { return s.kind == GraphSegment::ForkOut; });
    QCOMPARE(int(forks), 2);
    QCOMPARE(layout.maxLaneCount(), 3);
    QCOMPARE(layout.openLaneCount(), 0);
}

void TestLaneLayout::linearHistoryStaysInOneLane()
{
    HistoryBuilder h;
    QString tip = h.commit({});
    for (int i = 0; i < 999; ++i)
        tip = h.commit({tip});
    const QList<LaneInput> commits = h.display();
    const LaneLayout layout = layOut(commits);
    QVERIFY(checkLayout(commits, layout).isEmpty());
    QCOMPARE(layout.maxLaneCount(), 1);
    for (int r = 0; r < layout.rowCount(); ++r) {
        QCOMPARE(layout.row(r).lane, 0);
        QCOMPARE(layout.row(r).color, 0);
        QVERIFY(layout.row(r).passingLanes().isEmpty());
    }
    QCOMPARE(layout.row(0).segments.size(), 1);   // only down to its parent
    QCOMPARE(layout.row(999).segments.size(), 1); // the root: only up from its child
    QCOMPARE(layout.openLaneCount(), 0);
}

void TestLaneLayout::longLivedBranchesKeepTheirLanes()
{
    QStringList mainCommits;
    const QList<LaneInput> commits = longLivedBranches(60, &mainCommits);
    const LaneLayout layout = layOut(commits);
    const QString problem = checkLayout(commits, layout);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(layout.maxLaneCount(), 2);
    for (const QString &id : std::as_const(mainCommits))
        QCOMPARE(layout.row(layout.rowOf(id)).lane, 0);
    // develop keeps its lane and colour all the way down.
    for (int r = 0; r < layout.rowCount(); ++r) {
        const GraphRow &row = layout.row(r);
        if (!mainCommits.contains(commits.at(r).id)) {
            QCOMPARE(row.lane, 1);
            QCOMPARE(row.color, 1);
        }
    }
    QCOMPARE(distinctColours(layout), 2);
}

void TestLaneLayout::crissCrossMerges()
{
    const QList<LaneInput> commits = crissCross(40);
    const LaneLayout layout = layOut(commits);
    const QString problem = checkLayout(commits, layout);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // Each criss-cross merge reaches into the other branch's lane; two branches never
    // need more than a few lanes.
    QVERIFY2(layout.maxLaneCount() <= 4, qPrintable(QString::number(layout.maxLaneCount())));
    int mergeIns = 0;
    for (int r = 0; r < layout.rowCount(); ++r) {
        for (const GraphSegment &s : layout.row(r).segments)
            mergeIns += s.kind == GraphSegment::MergeIn;
    }
    QCOMPARE(mergeIns, 2 * 40 + 1);
    QCOMPARE(layout.openLaneCount(), 0);
}

void TestLaneLayout::manyParallelBranches()
{
    constexpr int kBranches = 40;
    const QList<LaneInput> commits = parallelBranches(kBranches, 3);
    const LaneLayout layout = layOut(commits);
    const QString problem = checkLayout(commits, layout);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(layout.maxLaneCount(), kBranches + 1);
    // Every open lane has its own colour slot while all branches run side by side.
    QCOMPARE(distinctColours(layout), kBranches + 1);
    // The base is where all of them forked: main's line arrives straight (the oldest
    // merge's first parent) and a fork-out curve arrives from every branch's lane.
    const GraphRow &base = layout.row(layout.rowCount() - 1);
    const auto forks = std::count_if(base.segments.cbegin(), base.segments.cend(),
                                     [](const GraphSegment &s) { return s.kind == GraphSegment::ForkOut; });
    QCOMPARE(int(forks) + 1, int(base.segments.size()));
    QCOMPARE(int(base.segments.size()), kBranches + 1);
    QCOMPARE(layout.openLaneCount(), 0);
}

void TestLaneLayout::branchesThatEndFreeLanesAndColours()
{
    const QList<LaneInput> commits = branchesThatEnd(30);
    const LaneLayout layout = layOut(commits);
    const QString problem = checkLayout(commits, layout);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // Thirty branches, never more than two at a time: lanes and colours come back.
    QCOMPARE(layout.maxLaneCount(), 2);
    QCOMPARE(distinctColours(layout), 2);
    // Abandoned branches are tips in the middle of the history.
    int heads = 0;
    for (int r = 0; r < layout.rowCount(); ++r)
        heads += layout.row(r).isHead;
    QCOMPARE(heads, 1 + 10);
    QCOMPARE(layout.openLaneCount(), 0);
}

void TestLaneLayout::incrementalAppendEqualsOneShot_data()
{
    QTest::addColumn<QList<LaneInput>>("commits");
    QStringList ignored;
    QTest::newRow("long-lived") << longLivedBranches(30, &ignored);
    QTest::newRow("criss-cross") << crissCross(20);
    QTest::newRow("parallel") << parallelBranches(25, 4);
    QTest::newRow("ending") << branchesThatEnd(20);
    QTest::newRow("c-branches-merges") << fixtureHistory(fixtureManifest(QStringLiteral("c-branches-merges")));
}

void TestLaneLayout::incrementalAppendEqualsOneShot()
{
    QFETCH(QList<LaneInput>, commits);
    const LaneLayout whole = layOut(commits);
    for (int maxBatch : {1, 2, 7, 50}) {
        const LaneLayout batched = layOutInBatches(commits, maxBatch, quint32(maxBatch * 31));
        const QString problem = compareLayouts(whole, batched);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("batches of up to %1: %2").arg(maxBatch).arg(problem)));
    }
    // Appending never rewrites earlier rows.
    LaneLayout growing;
    const qsizetype half = commits.size() / 2;
    growing.append(commits.mid(0, half));
    QList<GraphRow> before;
    for (int r = 0; r < growing.rowCount(); ++r)
        before.append(growing.row(r));
    growing.append(commits.mid(half));
    for (int r = 0; r < before.size(); ++r)
        QVERIFY(growing.row(r) == before.at(r));
}

void TestLaneLayout::partialHistoryKeepsLanesOpen()
{
    // The first batch of a lazily loaded history: parents below are not known yet.
    QStringList ignored;
    const QList<LaneInput> all = longLivedBranches(20, &ignored);
    const QList<LaneInput> top = all.mid(0, 10);
    const LaneLayout layout = layOut(top);
    const QString problem = checkLayout(top, layout);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(layout.openLaneCount(), 2); // main and develop both continue below
    // The last row hands its lanes on: lines run to the bottom edge.
    QMap<int, int> bottom;
    QVERIFY(edgeColours(layout.row(9), false, &bottom).isEmpty());
    QCOMPARE(bottom.size(), 2);
}

void TestLaneLayout::parentListedAboveItsChildIsNotDrawn()
{
    // Skewed dates can list a parent before one of its children; nothing may dangle.
    const QList<LaneInput> commits = {
        {QStringLiteral("tip"), {QStringLiteral("base")}},
        {QStringLiteral("base"), {}},
        {QStringLiteral("late-child"), {QStringLiteral("base")}},
    };
    LaneLayout layout;
    layout.append(commits);
    QCOMPARE(layout.rowCount(), 3);
    QVERIFY(layout.row(2).hasHiddenParent);
    QVERIFY(layout.row(2).isHead);
    QCOMPARE(layout.openLaneCount(), 0);
    QVERIFY(!layout.row(0).hasHiddenParent);
}

void TestLaneLayout::orphansAndDuplicateParents()
{
    HistoryBuilder h;
    const QString rootA = h.commit({});
    const QString rootB = h.commit({}); // an unrelated history (a second root)
    const QString a1 = h.commit({rootA, rootA}); // a parent listed twice counts once
    h.commit({a1, rootB});
    const QList<LaneInput> commits = h.display();
    const LaneLayout layout = layOut(commits);
    const QString problem = checkLayout(commits, layout);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(layout.maxLaneCount(), 2);
    QCOMPARE(layout.openLaneCount(), 0);
}

void TestLaneLayout::largeHistoryIsFast()
{
    // 100,000 commits: a main line with a feature branch merged every 20 commits.
    HistoryBuilder h;
    QString main = h.commit({});
    while (true) {
        QString feature = main;
        for (int i = 0; i < 4; ++i)
            feature = h.commit({feature});
        for (int i = 0; i < 15; ++i)
            main = h.commit({main});
        main = h.commit({main, feature});
        if (h.size() >= 100000)
            break;
    }
    const QList<LaneInput> commits = h.display();
    QElapsedTimer timer;
    timer.start();
    LaneLayout layout;
    for (qsizetype i = 0; i < commits.size(); i += 500)
        layout.append(commits.mid(i, 500));
    const qint64 ms = timer.elapsed();
    qInfo("laid out %lld commits in %lld ms", qint64(commits.size()), ms);
    QCOMPARE(layout.rowCount(), int(commits.size()));
    QVERIFY2(ms < 5000, qPrintable(QString::number(ms)));
    QVERIFY(checkLayout(commits, layout).isEmpty());
}

QTEST_GUILESS_MAIN(TestLaneLayout)
#include "tst_lane_layout.moc"
