// The incremental write paths against their whole-snapshot definitions, on random data:
// TreeEditor (create_commit's snapshot edits, rebuilding only changed folders) against a
// flat map rebuilt whole by TreeBuilder and checked by SnapshotValidator, including the
// same first conflict; MergeEngine::mergeTrees (the three-way merge that skips equal
// subtrees) against mergeSnapshots (the original's path-by-path definition), including
// file/folder swaps and case-fold collisions; and MergeEngine::mergeBase (which stops
// early) against the exhaustive search over both heads' whole ancestries.

#include "InternalTestSupport.h"

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "CommitWriter.h"
#include "History.h"
#include "MergeEngine.h"
#include "RepoSession.h"
#include "SnapshotValidator.h"
#include "TreeBuilder.h"
#include "TreeEditor.h"
#include "TreeWalker.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
namespace ut = hubvault::utest;

namespace {

// Few names, so that random edits collide: same names in different folders, a file and
// a folder of the same name, and names equal under full case folding (ß / SS).
const QStringList kNames{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("A"), QStringLiteral("ss"),
                         QStringLiteral("SS"), QStringLiteral("ß"), QStringLiteral("x.txt"), QStringLiteral("y")};

QString randomPath(QRandomGenerator &rng)
{
    QStringList parts;
    const int depth = 1 + int(rng.bounded(3));
    for (int i = 0; i < depth; ++i)
        parts.append(kNames.at(int(rng.bounded(kNames.size()))));
    return parts.join(QLatin1Char('/'));
}

bool isValid(const SnapshotMap &snapshot)
{
    QStringList paths;
    for (const auto &entry : snapshot)
        paths.append(entry.first);
    return SnapshotValidator::findConflicts(paths).isEmpty();
}

/** Commits `files` (path -> content) as the whole snapshot of `branch`. */
void commitSnapshot(Repository &repo, const QString &branch, const QMap<QString, QByteArray> &files)
{
    QList<CommitOperation> ops;
    for (const QString &path : repo.listRepoFiles(branch))
        ops.append(CommitOperation::remove(path, false));
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        ops.append(CommitOperation::addBytes(it.key(), it.value()));
    CommitOptions options;
    options.commitMessage = QStringLiteral("snapshot");
    options.revision = branch;
    repo.createCommit(ops, options);
}

/** A valid random snapshot of up to `count` paths with contents from a small set. */
QMap<QString, QByteArray> randomFiles(QRandomGenerator &rng, int count)
{
    SnapshotMap accepted;
    QMap<QString, QByteArray> files;
    for (int i = 0; i < count; ++i) {
        const QString path = randomPath(rng);
        SnapshotMap candidate = accepted;
        candidate[path] = QString();
        if (!isValid(candidate))
            continue;
        accepted = candidate;
        files.insert(path, QByteArray("content ") + QByteArray::number(rng.bounded(6)));
    }
    return files;
}

} // namespace

class TstIncrementalTrees : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void treeEditorMatchesFlatRebuild();
    void mergeTreesMatchesSnapshotMerge();
    void mergeBaseMatchesExhaustiveSearch();
};

void TstIncrementalTrees::treeEditorMatchesFlatRebuild()
{
    QTemporaryDir tmp;
    LocalRepository repo = LocalRepository::create(tmp.filePath(QStringLiteral("repo")));
    QRandomGenerator rng(20261204);
    commitSnapshot(repo, QStringLiteral("main"), randomFiles(rng, 40));
    auto context = ut::loadContext(repo.path());
    int conflicts = 0, builds = 0;
    for (int trial = 0; trial < 400; ++trial) {
        RepoSession session(*context);
        const QString head = session.ref(QStringLiteral("branch"), QStringLiteral("main"))->commitId;
        const QString rootTree = session.commit(head).treeId;
        SnapshotMap flat = TreeWalker(session).snapshotOfCommit(head);
        QStringList fileIds;
        for (const auto &entry : flat)
            fileIds.append(entry.second);
        QVERIFY(!fileIds.isEmpty());
        TreeEditor editor(session, rootTree);
        const int edits = 1 + int(rng.bounded(6));
        for (int i = 0; i < edits; ++i) {
            const QString path = randomPath(rng);
            switch (rng.bounded(3)) {
            case 0: {
                const QString id = fileIds.at(int(rng.bounded(fileIds.size())));
                editor.setFile(path, id);
                flat[path] = id;
                break;
            }
            case 1:
                QCOMPARE(editor.removeFile(path), flat.erase(path) > 0);
                break;
            default: {
                qsizetype under = 0;
                for (auto it = flat.lower_bound(path + QLatin1Char('/'));
                     it != flat.end() && it->first.startsWith(path + QLatin1Char('/'));) {
                    it = flat.erase(it);
                    ++under;
                }
                QCOMPARE(editor.removeFolder(path), under);
            }
            }
            const QString probe = randomPath(rng);
            const auto expected = flat.find(probe);
            QCOMPARE(editor.file(probe), expected == flat.end() ? std::nullopt : std::optional<QString>(expected->second));
        }
        QStringList paths;
        for (const auto &entry : flat)
            paths.append(entry.first);
        QString expectedError;
        try {
            SnapshotValidator::validate(paths);
        } catch (const ConflictError &e) {
            expectedError = e.message();
        }
        QList<BuiltObject> incremental, whole;
        try {
            const auto built = editor.build(CommitWriter::fileFacts(session, {}), incremental);
            QVERIFY2(expectedError.isEmpty(), qPrintable(QStringLiteral("no conflict found; expected: ") + expectedError));
            QCOMPARE(built, CommitWriter::buildTrees(session, std::map<QString, QString>(flat.begin(), flat.end()), {}, whole));
            // Only folders on edited paths are written; every written tree is one of the whole rebuild's.
            for (const BuiltObject &tree : incremental)
                QVERIFY(std::any_of(whole.cbegin(), whole.cend(), [&](const BuiltObject &w) { return w.objectId == tree.objectId; }));
            ++builds;
        } catch (const ConflictError &e) {
            QCOMPARE(e.message(), expectedError);
            ++conflicts;
        }
    }
    // Both outcomes were exercised.
    QVERIFY2(conflicts > 20 && builds > 20, qPrintable(QStringLiteral("%1 conflicts, %2 builds").arg(conflicts).arg(builds)));
}

void TstIncrementalTrees::mergeTreesMatchesSnapshotMerge()
{
    QTemporaryDir tmp;
    LocalRepository repo = LocalRepository::create(tmp.filePath(QStringLiteral("repo")));
    QRandomGenerator rng(4242);
    int merged = 0, conflicting = 0;
    for (int trial = 0; trial < 60; ++trial) {
        // A base, then each side edits a random part of it (or replaces it entirely).
        const QMap<QString, QByteArray> base = randomFiles(rng, 25);
        commitSnapshot(repo, QStringLiteral("main"), base);
        const QString baseCommit = *repo.resolveRevision(QStringLiteral("main"));
        repo.createBranch(QStringLiteral("side%1").arg(trial));
        auto edit = [&](QMap<QString, QByteArray> files) {
            for (int i = 0; i < 4; ++i) {
                const QString path = randomPath(rng);
                if (rng.bounded(3) == 0) {
                    files.remove(path);
                } else {
                    QMap<QString, QByteArray> candidate = files;
                    candidate.insert(path, QByteArray("content ") + QByteArray::number(rng.bounded(6)));
                    SnapshotMap check;
                    for (auto it = candidate.cbegin(); it != candidate.cend(); ++it)
                        check[it.key()] = QString();
                    if (isValid(check))
                        files = candidate;
                }
            }
            return files;
        };
        commitSnapshot(repo, QStringLiteral("main"), edit(base));
        commitSnapshot(repo, QStringLiteral("side%1").arg(trial), rng.bounded(8) == 0 ? randomFiles(rng, 25) : edit(base));

        auto context = ut::loadContext(repo.path());
        RepoSession session(*context);
        History history(session);
        const QString b = history.resolveCommit(baseCommit);
        const QString t = history.resolveCommit(QStringLiteral("main"));
        const QString s = history.resolveCommit(QStringLiteral("side%1").arg(trial));
        MergeEngine engine(session);
        const MergeEngine::TreeResult fast = engine.mergeTrees(b, t, s);
        const MergeEngine::TreeResult reference = engine.mergeSnapshots(b, t, s);
        QCOMPARE(fast.conflicts.size(), reference.conflicts.size());
        for (qsizetype i = 0; i < fast.conflicts.size(); ++i) {
            const MergeConflict &x = fast.conflicts.at(i), &y = reference.conflicts.at(i);
            QCOMPARE(x.path, y.path);
            QCOMPARE(x.conflictType, y.conflictType);
            QCOMPARE(x.relatedPath, y.relatedPath);
            QCOMPARE(x.baseOid, y.baseOid);
            QCOMPARE(x.targetOid, y.targetOid);
            QCOMPARE(x.sourceOid, y.sourceOid);
        }
        QCOMPARE(fast.treeId, reference.treeId);
        QCOMPARE(fast.treeGitOid, reference.treeGitOid);
        (fast.conflicts.isEmpty() ? merged : conflicting) += 1;
    }
    QVERIFY2(merged > 5 && conflicting > 5, qPrintable(QStringLiteral("%1 merged, %2 conflicting").arg(merged).arg(conflicting)));
}

void TstIncrementalTrees::mergeBaseMatchesExhaustiveSearch()
{
    // A history of several branches that commit and merge each other at random, so that
    // heads have criss-cross common ancestors at various distances.
    QTemporaryDir tmp;
    LocalRepository repo = LocalRepository::create(tmp.filePath(QStringLiteral("repo")));
    QRandomGenerator rng(77);
    const QStringList branches{QStringLiteral("main"), QStringLiteral("b1"), QStringLiteral("b2"), QStringLiteral("b3")};
    for (const QString &b : branches.mid(1))
        repo.createBranch(b);
    for (int step = 0; step < 120; ++step) {
        const QString branch = branches.at(int(rng.bounded(branches.size())));
        if (rng.bounded(3) == 0) {
            MergeOptions options;
            options.targetRevision = branch;
            repo.merge(branches.at(int(rng.bounded(branches.size()))), options);
        } else {
            CommitOptions options;
            options.commitMessage = QStringLiteral("step %1").arg(step);
            options.revision = branch;
            repo.uploadBytes(QByteArray::number(step), branch + QStringLiteral(".txt"), options);
        }
    }
    auto context = ut::loadContext(repo.path());
    RepoSession session(*context);
    History history(session);
    QStringList commits;
    for (const QString &b : branches)
        commits += history.ancestry(history.resolveCommit(b));
    commits.removeDuplicates();
    auto distances = [&](const QString &head) {
        QHash<QString, int> dist{{head, 0}};
        QList<QString> frontier{head};
        for (int depth = 1; !frontier.isEmpty(); ++depth) {
            QList<QString> next;
            for (const QString &id : std::as_const(frontier)) {
                for (const QString &parent : session.commit(id).parents) {
                    if (!dist.contains(parent)) {
                        dist.insert(parent, depth);
                        next.append(parent);
                    }
                }
            }
            frontier = next;
        }
        return dist;
    };
    MergeEngine engine(session);
    for (int pair = 0; pair < 300; ++pair) {
        const QString a = commits.at(int(rng.bounded(commits.size()))), b = commits.at(int(rng.bounded(commits.size())));
        const QHash<QString, int> da = distances(a), db = distances(b);
        QString best;
        std::tuple<int, int, QString> bestKey;
        for (auto it = da.cbegin(); it != da.cend(); ++it) {
            if (!db.contains(it.key()))
                continue;
            const auto key = std::make_tuple(it.value() + db.value(it.key()), qMax(it.value(), db.value(it.key())), it.key());
            if (best.isEmpty() || key < bestKey) {
                best = it.key();
                bestKey = key;
            }
        }
        QCOMPARE(engine.mergeBase(a, b), best);
    }
}

QTEST_GUILESS_MAIN(TstIncrementalTrees)
#include "tst_incremental_trees.moc"
