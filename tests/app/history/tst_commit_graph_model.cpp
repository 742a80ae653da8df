// CommitGraphModel on real repositories: the c-branches-merges fixture (expected commits,
// parents, titles and changed paths come from its manifest, recorded from the original)
// and generated repositories. Covers row counts, order, roles, lazy loading in batches,
// locating a commit that is not loaded yet, filters by text and path, and failures.

#include <hubvault/LocalRepository.h>
#include "history/CommitGraphModel.h"
#include "history/HistoryPanel.h"
#include "Env.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollBar>
#include <QTreeView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using hubvault::CommitOptions;
using hubvault::GitRefInfo;
using hubvault::GitRefs;
using hubvault::MergeOptions;
using hubvault::LocalRepository;
using hubvault::Repository;
using hubvault::app::CommitGraphModel;
using hubvault::app::GraphSegment;
using hubvault::app::HistoryBatch;
using hubvault::app::HistoryPanel;
using hubvault::app::HistoryWalker;
using hubvault::app::RefBadge;
using namespace hubvault::test;

namespace {

constexpr int kTimeoutMs = 60000;

/** Paths a manifest commit changed against its first parent (by path, sha256 and oid). */
QStringList manifestChangedPaths(const QJsonObject &commits, const QString &id)
{
    auto filesOf = [&](const QString &commit) {
        QHash<QString, QString> out;
        for (const QJsonValue &f : commits.value(commit).toObject().value(QStringLiteral("files")).toArray()) {
            const QJsonObject o = f.toObject();
            out.insert(o.value(QStringLiteral("path")).toString(),
                       o.value(QStringLiteral("sha256")).toString() + o.value(QStringLiteral("oid")).toString());
        }
        return out;
    };
    const QJsonArray parents = commits.value(id).toObject().value(QStringLiteral("parents")).toArray();
    const QHash<QString, QString> before = parents.isEmpty() ? QHash<QString, QString>() : filesOf(parents.first().toString());
    const QHash<QString, QString> after = filesOf(id);
    QStringList changed;
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (before.value(it.key()) != it.value())
            changed.append(it.key());
    }
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (!after.contains(it.key()))
            changed.append(it.key());
    }
    changed.sort();
    return changed;
}

QStringList modelIds(const CommitGraphModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.index(row, 0).data(CommitGraphModel::CommitIdRole).toString());
    return out;
}

/** Waits until the model is idle (no batch running); false on timeout. */
bool waitIdle(CommitGraphModel &model)
{
    QElapsedTimer timer;
    timer.start();
    while (model.isLoading() && timer.elapsed() < kTimeoutMs)
        QTest::qWait(5);
    return !model.isLoading();
}

/** Fetches until the whole history is loaded, like a view scrolled to the end. */
bool loadAll(CommitGraphModel &model)
{
    while (true) {
        if (!waitIdle(model))
            return false;
        if (!model.canFetchMore({}))
            return true;
        model.fetchMore({});
    }
}

} // namespace

class TestCommitGraphModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadsEveryCommitOfEveryRefNewestFirst();
    void rolesExposeCommitLanesAndBadges();
    void columnsAndHeaders();
    void lazyFetchInBatchesGivesTheSameGraph();
    void locateCommitLoadsUntilFound();
    void filterByText();
    void filterByPathFolderAndPattern();
    void filterKeepsLoadingUntilMatchesAppear();
    void generatedHistoryWithSameSecondCommits();
    void walkReadsLittleAheadOfWhatItShows();
    void panelReadsWhatItsViewShows();
    void emptyBranchAndNoRefs();
    void unreadableRepositoryReportsFailure();

private:
    QString copy(const QString &fixture);
    GitRefs refsOf(const QString &repo, QString *defaultBranch);

    QTemporaryDir m_tmp;
    QJsonObject m_manifest;
    QString m_repo;
    GitRefs m_refs;
    QString m_defaultBranch;
    int m_copies = 0;
};

QString TestCommitGraphModel::copy(const QString &fixture)
{
    const QString parent = m_tmp.filePath(QStringLiteral("copy%1").arg(++m_copies));
    QDir().mkpath(parent);
    return copyFixture(fixture, parent);
}

GitRefs TestCommitGraphModel::refsOf(const QString &repo, QString *defaultBranch)
{
    const LocalRepository r = LocalRepository::open(repo);
    *defaultBranch = r.defaultBranch();
    return r.listRepoRefs();
}

void TestCommitGraphModel::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_manifest = fixtureManifest(QStringLiteral("c-branches-merges"));
    QVERIFY(!m_manifest.isEmpty());
    m_repo = copy(QStringLiteral("c-branches-merges"));
    QVERIFY(!m_repo.isEmpty());
    m_refs = refsOf(m_repo, &m_defaultBranch);
}

void TestCommitGraphModel::loadsEveryCommitOfEveryRefNewestFirst()
{
    CommitGraphModel model;
    QSignalSpy complete(&model, &CommitGraphModel::historyComplete);
    model.setRepository(m_repo, m_refs, m_defaultBranch);
    QVERIFY(model.isLoading()); // started at once, without a view asking
    QVERIFY(complete.wait(kTimeoutMs));
    QVERIFY(waitIdle(model));
    QVERIFY(!model.canFetchMore({}));

    const QJsonObject commits = m_manifest.value(QStringLiteral("commits")).toObject();
    QCOMPARE(model.rowCount(), int(commits.size()));
    QStringList ids = modelIds(model);
    QStringList expected = commits.keys();
    ids.sort();
    expected.sort();
    QCOMPARE(ids, expected);

    // Newest first, and every commit above its parents.
    const QStringList order = modelIds(model);
    for (int row = 0; row < order.size(); ++row) {
        const QJsonObject c = commits.value(order.at(row)).toObject();
        if (row > 0) {
            const QDateTime above = model.index(row - 1, 0).data(CommitGraphModel::DateRole).toDateTime();
            QVERIFY(above >= model.index(row, 0).data(CommitGraphModel::DateRole).toDateTime());
        }
        for (const QJsonValue &p : c.value(QStringLiteral("parents")).toArray())
            QVERIFY2(order.indexOf(p.toString()) > row, qPrintable(order.at(row)));
    }
    QCOMPARE(order.first(), m_manifest.value(QStringLiteral("repo_info")).toObject().value(QStringLiteral("head")).toString());
}

void TestCommitGraphModel::rolesExposeCommitLanesAndBadges()
{
    CommitGraphModel model;
    QSignalSpy complete(&model, &CommitGraphModel::historyComplete);
    model.setRepository(m_repo, m_refs, m_defaultBranch);
    QVERIFY(complete.wait(kTimeoutMs));
    const QJsonObject commits = m_manifest.value(QStringLiteral("commits")).toObject();

    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, CommitGraphModel::TitleColumn);
        const QString id = index.data(CommitGraphModel::CommitIdRole).toString();
        const QJsonObject c = commits.value(id).toObject();
        QCOMPARE(index.data(CommitGraphModel::TitleRole).toString(), c.value(QStringLiteral("title")).toString());
        QCOMPARE(index.data(Qt::DisplayRole).toString(), c.value(QStringLiteral("title")).toString());
        QCOMPARE(index.data(CommitGraphModel::MessageRole).toString(), c.value(QStringLiteral("message")).toString());
        QStringList parents;
        for (const QJsonValue &p : c.value(QStringLiteral("parents")).toArray())
            parents.append(p.toString());
        QCOMPARE(index.data(CommitGraphModel::ParentIdsRole).toStringList(), parents);
        QCOMPARE(index.data(CommitGraphModel::IsMergeRole).toBool(), parents.size() > 1);
        QCOMPARE(index.data(CommitGraphModel::DateRole).toDateTime(),
                 QDateTime::fromString(c.value(QStringLiteral("created_at")).toString(), Qt::ISODate));
        QStringList changed = index.data(CommitGraphModel::ChangedPathsRole).toStringList();
        changed.sort();
        QCOMPARE(changed, manifestChangedPaths(commits, id));
        QCOMPARE(index.data(CommitGraphModel::ShortIdRole).toString(), id.left(7));

        // The graph roles are the layout's row, verbatim.
        const auto segments = index.data(CommitGraphModel::SegmentsRole).value<QList<GraphSegment>>();
        QCOMPARE(segments, model.layout().row(row).segments);
        QCOMPARE(index.data(CommitGraphModel::LaneRole).toInt(), model.layout().row(row).lane);
        QCOMPARE(index.data(CommitGraphModel::NodeColorRole).toInt(), model.layout().row(row).color);
        QCOMPARE(index.data(CommitGraphModel::LaneCountRole).toInt(), model.layout().row(row).laneCount);
        QVERIFY(index.data(CommitGraphModel::GraphVisibleRole).toBool());
        QVERIFY(!index.data(Qt::ToolTipRole).toString().isEmpty());
    }
    QCOMPARE(model.maxLaneCount(), 3);

    // Badges: the default branch first and marked, then branches, then tags.
    const QString head = m_manifest.value(QStringLiteral("repo_info")).toObject().value(QStringLiteral("head")).toString();
    const auto mainBadges = model.index(model.rowOfCommit(head), 0).data(CommitGraphModel::RefBadgesRole).value<QList<RefBadge>>();
    QCOMPARE(mainBadges.size(), 1);
    QCOMPARE(mainBadges.first().name, QStringLiteral("main"));
    QVERIFY(mainBadges.first().isDefault);
    QCOMPARE(mainBadges.first().kind, RefBadge::Branch);
    const QJsonObject branches = m_manifest.value(QStringLiteral("refs")).toObject().value(QStringLiteral("branches")).toObject();
    const QString releaseCommit = branches.value(QStringLiteral("release/v1")).toString();
    const auto badges = model.index(model.rowOfCommit(releaseCommit), 0).data(CommitGraphModel::RefBadgesRole).value<QList<RefBadge>>();
    QStringList names;
    for (const RefBadge &b : badges)
        names.append(b.name + (b.kind == RefBadge::Tag ? QStringLiteral("(tag)") : QString()));
    QCOMPARE(names, (QStringList{QStringLiteral("release/v1"), QStringLiteral("scratch"), QStringLiteral("v1.0(tag)")}));
    QCOMPARE(model.index(model.rowOfCommit(releaseCommit), CommitGraphModel::RefsColumn).data().toString(),
             QStringLiteral("release/v1, scratch, v1.0"));
    // Children are known for going up the graph.
    QCOMPARE(model.childrenOf(releaseCommit).size(), 2);
    // A 7-character prefix finds a commit too.
    QCOMPARE(model.rowOfCommit(releaseCommit.left(7)), model.rowOfCommit(releaseCommit));
    QCOMPARE(model.rowOfCommit(QStringLiteral("0000000000000000000000000000000000000000")), -1);
}

void TestCommitGraphModel::columnsAndHeaders()
{
    CommitGraphModel model;
    QCOMPARE(model.columnCount(), int(CommitGraphModel::ColumnCount));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
    for (int column = 0; column < model.columnCount(); ++column)
        QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
    QSignalSpy complete(&model, &CommitGraphModel::historyComplete);
    model.setRepository(m_repo, m_refs, m_defaultBranch);
    QVERIFY(complete.wait(kTimeoutMs));
    const QModelIndex first = model.index(0, CommitGraphModel::IdColumn);
    QCOMPARE(first.data().toString().size(), 7);
    QVERIFY(!model.index(0, CommitGraphModel::DateColumn).data().toString().isEmpty());
    QVERIFY(model.index(0, CommitGraphModel::GraphColumn).data().isNull());
    QVERIFY(model.flags(first) & Qt::ItemIsSelectable);
    QVERIFY(model.flags(first) & Qt::ItemNeverHasChildren);
}

void TestCommitGraphModel::lazyFetchInBatchesGivesTheSameGraph()
{
    CommitGraphModel whole;
    QSignalSpy complete(&whole, &CommitGraphModel::historyComplete);
    whole.setRepository(m_repo, m_refs, m_defaultBranch);
    QVERIFY(complete.wait(kTimeoutMs));

    CommitGraphModel lazy;
    lazy.setBatchSize(3);
    QSignalSpy inserted(&lazy, &QAbstractItemModel::rowsInserted);
    QSignalSpy batches(&lazy, &CommitGraphModel::batchLoaded);
    lazy.setRepository(m_repo, m_refs, m_defaultBranch);
    QVERIFY(waitIdle(lazy));
    QCOMPARE(lazy.rowCount(), 3);
    QVERIFY(lazy.canFetchMore({}));
    QCOMPARE(batches.count(), 1);
    QCOMPARE(batches.last().value(0).toInt(), 3);
    // Nothing more arrives until someone asks.
    QTest::qWait(100);
    QCOMPARE(lazy.rowCount(), 3);

    int expectedRows = 3;
    while (lazy.canFetchMore({})) {
        lazy.fetchMore({});
        lazy.fetchMore({}); // a second request while one runs is ignored
        QVERIFY(waitIdle(lazy));
        expectedRows = std::min(expectedRows + 3, whole.rowCount());
        QCOMPARE(lazy.rowCount(), expectedRows);
    }
    QCOMPARE(lazy.rowCount(), whole.rowCount());
    QCOMPARE(inserted.count(), (whole.rowCount() + 2) / 3);
    QVERIFY(lazy.isComplete());
    QCOMPARE(modelIds(lazy), modelIds(whole));
    for (int row = 0; row < whole.rowCount(); ++row)
        QVERIFY(lazy.layout().row(row) == whole.layout().row(row));
}

void TestCommitGraphModel::locateCommitLoadsUntilFound()
{
    const QJsonObject commits = m_manifest.value(QStringLiteral("commits")).toObject();
    QString root;
    for (auto it = commits.begin(); it != commits.end(); ++it) {
        if (it.value().toObject().value(QStringLiteral("parents")).toArray().isEmpty())
            root = it.key();
    }
    CommitGraphModel model;
    model.setBatchSize(2);
    QSignalSpy located(&model, &CommitGraphModel::commitLocated);
    model.setRepository(m_repo, m_refs, m_defaultBranch);
    model.locateCommit(root);
    QVERIFY(located.wait(kTimeoutMs));
    QCOMPARE(located.first().value(0).toString(), root);
    QCOMPARE(located.first().value(1).toInt(), int(commits.size()) - 1);
    QCOMPARE(model.rowOfCommit(root), int(commits.size()) - 1);

    // A commit that is loaded already answers at once; an unknown one after the end.
    located.clear();
    model.locateCommit(root);
    QCOMPARE(located.count(), 1);
    located.clear();
    model.locateCommit(QStringLiteral("1234567890123456789012345678901234567890"));
    QVERIFY(located.count() == 1 || located.wait(kTimeoutMs));
    QCOMPARE(located.first().value(1).toInt(), -1);
}

void TestCommitGraphModel::filterByText()
{
    CommitGraphModel model;
    QSignalSpy complete(&model, &CommitGraphModel::historyComplete);
    model.setRepository(m_repo, m_refs, m_defaultBranch);
    QVERIFY(complete.wait(kTimeoutMs));
    const int all = model.rowCount();
    const QJsonObject commits = m_manifest.value(QStringLiteral("commits")).toObject();

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setFilter(QStringLiteral("TOPIC"));
    QCOMPARE(reset.count(), 1);
    QVERIFY(model.isFiltered());
    QStringList expected;
    for (auto it = commits.begin(); it != commits.end(); ++it) {
        const QJsonObject c = it.value().toObject();
        if (c.value(QStringLiteral("title")).toString().contains(QStringLiteral("topic"), Qt::CaseInsensitive)
            || c.value(QStringLiteral("message")).toString().contains(QStringLiteral("topic"), Qt::CaseInsensitive))
            expected.append(it.key());
    }
    QStringList shown = modelIds(model);
    // Filtered rows keep the graph's order but draw no lanes.
    QVERIFY(std::is_sorted(shown.cbegin(), shown.cend(), [&](const QString &a, const QString &b) {
        return model.layout().rowOf(a) < model.layout().rowOf(b);
    }));
    shown.sort();
    expected.sort();
    QCOMPARE(shown, expected);
    QCOMPARE(shown.size(), 4);
    QVERIFY(!model.index(0, 0).data(CommitGraphModel::GraphVisibleRole).toBool());
    QCOMPARE(model.index(0, 0).data(CommitGraphModel::LaneCountRole).toInt(), 1);

    // The description matches too, and so does the start of an id.
    model.setFilter(QStringLiteral("custom merge body"));
    QCOMPARE(model.rowCount(), 1);
    const QString head = m_manifest.value(QStringLiteral("repo_info")).toObject().value(QStringLiteral("head")).toString();
    QCOMPARE(model.index(0, 0).data(CommitGraphModel::CommitIdRole).toString(), head);
    model.setFilter(head.left(8));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowOfCommit(head), 0);
    model.setFilter(QStringLiteral("no such words anywhere"));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.rowOfCommit(head), -1);

    model.setFilter({});
    QVERIFY(!model.isFiltered());
    QCOMPARE(model.rowCount(), all);
    QVERIFY(model.index(0, 0).data(CommitGraphModel::GraphVisibleRole).toBool());
}

void TestCommitGraphModel::filterByPathFolderAndPattern()
{
    CommitGraphModel model;
    QSignalSpy complete(&model, &CommitGraphModel::historyComplete);
    model.setRepository(m_repo, m_refs, m_defaultBranch);
    QVERIFY(complete.wait(kTimeoutMs));
    const QJsonObject commits = m_manifest.value(QStringLiteral("commits")).toObject();
    auto expectedFor = [&](const std::function<bool(const QString &)> &match) {
        QStringList out;
        for (auto it = commits.begin(); it != commits.end(); ++it) {
            const QStringList changed = manifestChangedPaths(commits, it.key());
            if (std::any_of(changed.cbegin(), changed.cend(), match))
                out.append(it.key());
        }
        out.sort();
        return out;
    };
    auto shown = [&] {
        QStringList ids = modelIds(model);
        ids.sort();
        return ids;
    };

    model.setFilter({}, QStringLiteral("ff.txt"));
    QStringList expected = expectedFor([](const QString &p) { return p == QLatin1String("ff.txt"); });
    QVERIFY(!expected.isEmpty());
    QCOMPARE(shown(), expected);

    // A folder matches the files below it; slashes around it do not matter.
    model.setFilter({}, QStringLiteral("/topic/"));
    expected = expectedFor([](const QString &p) { return p.startsWith(QLatin1String("topic/")); });
    QVERIFY(!expected.isEmpty());
    QCOMPARE(shown(), expected);

    // Patterns are fnmatch patterns, as for allow/ignore patterns.
    model.setFilter({}, QStringLiteral("*.txt"));
    expected = expectedFor([](const QString &p) { return p.endsWith(QLatin1String(".txt")); });
    QCOMPARE(shown(), expected);

    // Both filters at once.
    model.setFilter(QStringLiteral("topic"), QStringLiteral("topic"));
    for (const QString &id : modelIds(model)) {
        const QJsonObject c = commits.value(id).toObject();
        QVERIFY(c.value(QStringLiteral("title")).toString().contains(QStringLiteral("topic"), Qt::CaseInsensitive));
    }
    QVERIFY(model.rowCount() > 0);
    QVERIFY(model.rowCount() < int(commits.size()));
}

void TestCommitGraphModel::filterKeepsLoadingUntilMatchesAppear()
{
    // The only match is the oldest commit: the filter has to read the whole history,
    // batch by batch, without a view asking for more.
    CommitGraphModel model;
    model.setBatchSize(2);
    QSignalSpy complete(&model, &CommitGraphModel::historyComplete);
    model.setRepository(m_repo, m_refs, m_defaultBranch);
    model.setFilter(QStringLiteral("Initial commit"));
    QVERIFY(complete.count() == 1 || complete.wait(kTimeoutMs));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data(CommitGraphModel::TitleRole).toString(), QStringLiteral("Initial commit"));
    QCOMPARE(model.loadedCount(), int(m_manifest.value(QStringLiteral("commits")).toObject().size()));
}

void TestCommitGraphModel::generatedHistoryWithSameSecondCommits()
{
    // Many commits within the same second (times have one-second precision), on two
    // branches with merges: the order must still put every child above its parents.
    const QString path = m_tmp.filePath(QStringLiteral("generated"));
    LocalRepository repo = LocalRepository::create(path);
    repo.createBranch(QStringLiteral("side"));
    constexpr int kRounds = 40;
    for (int i = 0; i < kRounds; ++i) {
        CommitOptions onMain;
        onMain.commitMessage = QStringLiteral("main %1").arg(i);
        repo.uploadBytes(QByteArray::number(i), QStringLiteral("main.txt"), onMain);
        for (int j = 0; j < 2; ++j) {
            CommitOptions onSide;
            onSide.commitMessage = QStringLiteral("side %1.%2").arg(i).arg(j);
            onSide.revision = QStringLiteral("side");
            repo.uploadBytes(QByteArray::number(i * 10 + j), QStringLiteral("side/%1.txt").arg(j), onSide);
        }
        if (i % 10 == 9) {
            MergeOptions merge;
            merge.commitMessage = QStringLiteral("merge side %1").arg(i);
            repo.merge(QStringLiteral("side"), merge);
        }
    }
    QString defaultBranch;
    const GitRefs refs = refsOf(path, &defaultBranch);
    const int total = 1 + kRounds * 3 + kRounds / 10;

    CommitGraphModel model;
    model.setBatchSize(25);
    model.setRepository(path, refs, defaultBranch);
    QVERIFY(waitIdle(model));
    QCOMPARE(model.rowCount(), 25);
    QVERIFY(model.canFetchMore({}));
    QVERIFY(loadAll(model));
    QCOMPARE(model.rowCount(), total);
    // Two branches; a merge listed above the side commit it merged (same second) may
    // briefly need a third lane until the side line catches up.
    QVERIFY2(model.maxLaneCount() >= 2 && model.maxLaneCount() <= 3, qPrintable(QString::number(model.maxLaneCount())));
    for (int row = 0; row < model.rowCount(); ++row) {
        for (const QString &parent : model.index(row, 0).data(CommitGraphModel::ParentIdsRole).toStringList())
            QVERIFY2(model.rowOfCommit(parent) > row, qPrintable(QStringLiteral("row %1").arg(row)));
        QVERIFY(!model.layout().row(row).hasHiddenParent);
    }
    model.setFilter({}, QStringLiteral("side"));
    QCOMPARE(model.rowCount(), kRounds * 2 + kRounds / 10); // side commits, and merges bringing side/ in

    model.setFilter({}, {});
    // The walker alone hands out the same order.
    QStringList heads;
    for (const GitRefInfo &b : refs.branches)
        heads.append(*b.targetCommit);
    HistoryWalker walker(path, heads);
    const HistoryBatch first = walker.next(10);
    QCOMPARE(first.commits.size(), 10);
    QVERIFY(first.warnings.isEmpty());
    for (int i = 0; i < 10; ++i)
        QCOMPARE(first.commits.at(i).id, model.record(i).id);
}

void TestCommitGraphModel::walkReadsLittleAheadOfWhatItShows()
{
    // A clock that moves a minute per reading: every commit has its own time.
    class TickingEnv : public hubvault::Env {
    public:
        QDateTime nowUtc() const override
        {
            return QDateTime(QDate(2024, 5, 1), QTime(0, 0), Qt::UTC).addSecs(60 * m_ticks++);
        }

    private:
        mutable qint64 m_ticks = 0;
    };
    const QString path = m_tmp.filePath(QStringLiteral("ticking"));
    LocalRepository repo = LocalRepository::create(path, {}, std::make_shared<TickingEnv>());
    repo.createBranch(QStringLiteral("side"));
    constexpr int kCommits = 120;
    for (int i = 0; i < kCommits; ++i) {
        CommitOptions options;
        options.commitMessage = QStringLiteral("commit %1").arg(i);
        options.revision = i % 4 == 3 ? QStringLiteral("side") : QString();
        repo.uploadBytes(QByteArray::number(i), QStringLiteral("file-%1.txt").arg(i % 5), options);
    }
    QStringList heads;
    for (const GitRefInfo &b : repo.listRepoRefs().branches)
        heads.append(*b.targetCommit);
    HistoryWalker walker(path, heads);
    const HistoryBatch first = walker.next(10);
    QCOMPARE(first.commits.size(), 10);
    QVERIFY(!first.atEnd);
    // The ten shown, their parents, and at most a few more.
    QVERIFY2(walker.readCount() <= 16, qPrintable(QString::number(walker.readCount())));
    for (int i = 1; i < first.commits.size(); ++i)
        QVERIFY(first.commits.at(i - 1).date > first.commits.at(i).date);
    int total = int(first.commits.size());
    while (true) {
        const HistoryBatch more = walker.next(25);
        total += int(more.commits.size());
        if (more.atEnd)
            break;
        QCOMPARE(more.commits.size(), 25);
    }
    QCOMPARE(total, kCommits + 1);
    QCOMPARE(walker.readCount(), kCommits + 1);
    QCOMPARE(walker.next(5).commits.size(), 0);
}

void TestCommitGraphModel::panelReadsWhatItsViewShows()
{
    // QTreeView asks its model for more rows on every layout; the panel must not let that
    // read a whole history in the background. It reads what the view can show, and more
    // as the view is scrolled toward the end.
    const QString path = m_tmp.filePath(QStringLiteral("long"));
    LocalRepository repo = LocalRepository::create(path);
    constexpr int kCommits = 400;
    for (int i = 0; i < kCommits; ++i) {
        CommitOptions options;
        options.commitMessage = QStringLiteral("commit %1").arg(i);
        repo.uploadBytes(QByteArray::number(i), QStringLiteral("file-%1.txt").arg(i % 7), options);
    }
    HistoryPanel panel;
    panel.resize(600, 300);
    panel.show();
    CommitGraphModel &model = *panel.model();
    model.setBatchSize(40);
    panel.setRepository(path, repo.listRepoRefs(), repo.defaultBranch());
    auto settle = [&] {
        // Idle for a while: no batch running and none started since.
        for (int quiet = 0; quiet < 10;) {
            QVERIFY(waitIdle(model));
            QTest::qWait(20);
            quiet = model.isLoading() ? 0 : quiet + 1;
        }
    };
    settle();
    const int first = model.loadedCount();
    QVERIFY2(first >= 10 && first <= 130, qPrintable(QString::number(first)));
    // Scrolling to the end reads more, batch by batch, up to the whole history.
    QScrollBar *scroll = panel.graphView()->verticalScrollBar();
    for (int round = 0; round < 40 && model.loadedCount() <= kCommits; ++round) {
        scroll->setValue(scroll->maximum());
        settle();
    }
    QVERIFY(model.loadedCount() > first);
    QCOMPARE(model.loadedCount(), kCommits + 1);
}

void TestCommitGraphModel::emptyBranchAndNoRefs()
{
    const QString path = m_tmp.filePath(QStringLiteral("empty"));
    LocalRepository::create(path);
    QString defaultBranch;
    const GitRefs refs = refsOf(path, &defaultBranch);
    CommitGraphModel model;
    QSignalSpy complete(&model, &CommitGraphModel::historyComplete);
    model.setRepository(path, refs, defaultBranch);
    QVERIFY(complete.count() == 1 || complete.wait(kTimeoutMs));
    QVERIFY(waitIdle(model));
    QVERIFY(!model.canFetchMore({}));
    // create_repo writes an initial commit; the graph shows exactly the listing.
    QCOMPARE(model.rowCount(), int(LocalRepository::open(path).listRepoCommits().size()));

    GitRefs none;
    none.branches.append(GitRefInfo{QStringLiteral("main"), QStringLiteral("refs/heads/main"), std::nullopt});
    complete.clear();
    model.setRepository(path, none, QStringLiteral("main"));
    QCOMPARE(complete.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isLoading());
    QVERIFY(!model.canFetchMore({}));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestCommitGraphModel::unreadableRepositoryReportsFailure()
{
    CommitGraphModel model;
    QSignalSpy failed(&model, &CommitGraphModel::loadFailed);
    GitRefs refs;
    refs.branches.append(GitRefInfo{QStringLiteral("main"), QStringLiteral("refs/heads/main"),
                                    QStringLiteral("1234567890123456789012345678901234567890")});
    model.setRepository(m_tmp.filePath(QStringLiteral("no-such-repository")), refs, QStringLiteral("main"));
    QVERIFY(failed.wait(kTimeoutMs));
    QVERIFY(!failed.first().value(0).toString().isEmpty());
    QCOMPARE(model.lastError(), failed.first().value(0).toString());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isLoading());
    QVERIFY(!model.canFetchMore({}));
}

QTEST_MAIN(TestCommitGraphModel)
#include "tst_commit_graph_model.moc"
