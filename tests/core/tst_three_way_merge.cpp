// The three-way merge of docs/format.md §10.2 as pure functions, without a repository:
// the per-path rule, the conflict records, the folders the walk leaves closed, and the
// tree walk agreeing with the original's flat-snapshot definition on random histories.
#include "ThreeWayMerge.h"

#include <QHash>
#include <QRandomGenerator>
#include <QTest>

using namespace hubvault;
using namespace hubvault::merge;

namespace {

/**
 * Trees and files held in memory. A snapshot (path -> file id) becomes nested trees whose
 * ids are their content, so equal folders get equal ids, as content addresses do.
 */
class Store {
public:
    Objects objects()
    {
        return {[this](const QString &id) -> const QList<TreeEntry> & {
                    ++opened[id];
                    return trees.find(id).value();
                },
                [](const QString &fileId) {
                    // "name:version": the same version is the same file whatever its id says.
                    const QString version = fileId.section(QLatin1Char(':'), 1);
                    return FileIdentity{QStringLiteral("sha-") + version, version.size(), QStringLiteral("oid-") + version};
                }};
    }

    QString tree(const SnapshotMap &snapshot, const QString &prefix = {})
    {
        std::map<QString, SnapshotMap> folders;
        QList<TreeEntry> entries;
        for (const auto &[path, fileId] : snapshot) {
            const QString rel = prefix.isEmpty() ? path : path.mid(prefix.size() + 1);
            if (!prefix.isEmpty() && !path.startsWith(prefix + QLatin1Char('/')))
                continue;
            const qsizetype slash = rel.indexOf(QLatin1Char('/'));
            if (slash < 0)
                entries.append(TreeEntry{QStringLiteral("file"), QStringLiteral("100644"), rel, fileId, 0});
            else
                folders[rel.left(slash)][path] = fileId;
        }
        for (const auto &[name, below] : folders) {
            const QString sub = tree(below, prefix.isEmpty() ? name : prefix + QLatin1Char('/') + name);
            entries.append(TreeEntry{QStringLiteral("tree"), QStringLiteral("040000"), name, sub, 0});
        }
        std::sort(entries.begin(), entries.end(), [](const TreeEntry &a, const TreeEntry &b) { return a.name < b.name; });
        QString id = QStringLiteral("tree(");
        for (const TreeEntry &e : entries)
            id += e.name + QLatin1Char('=') + e.objectId + QLatin1Char(';');
        id += QLatin1Char(')');
        trees.insert(id, entries);
        return id;
    }

    QHash<QString, QList<TreeEntry>> trees;
    QHash<QString, int> opened;
};

SnapshotMap snap(std::initializer_list<std::pair<const char *, const char *>> files)
{
    SnapshotMap out;
    for (const auto &[path, version] : files)
        out[QString::fromUtf8(path)] = QString::fromUtf8(path) + QLatin1Char(':') + QString::fromUtf8(version);
    return out;
}

/** Applies the walk's edits to the target snapshot: what MergeEngine does with a TreeEditor. */
SnapshotMap apply(SnapshotMap target, const TreeEdits &edits)
{
    for (const auto &[path, fileId] : edits.setFiles)
        target[path] = fileId;
    for (const QString &path : edits.removedFiles)
        target.erase(path);
    return target;
}

QStringList describe(const QList<MergeConflict> &conflicts)
{
    QStringList out;
    for (const MergeConflict &c : conflicts)
        out.append(c.conflictType + QLatin1Char(' ') + c.path + (c.relatedPath ? QLatin1Char(' ') + *c.relatedPath : QString()));
    return out;
}

} // namespace

class TestThreeWayMerge : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void perPathRule()
    {
        Store store;
        const SnapshotMap base = snap({{"same.txt", "1"}, {"theirs.txt", "1"}, {"ours.txt", "1"}, {"both.txt", "1"},
                                       {"gone.txt", "1"}, {"d/x.txt", "1"}});
        const SnapshotMap target = snap({{"same.txt", "1"}, {"theirs.txt", "1"}, {"ours.txt", "2"}, {"both.txt", "3"},
                                         {"gone.txt", "1"}, {"d/x.txt", "1"}});
        const SnapshotMap source = snap({{"same.txt", "1"}, {"theirs.txt", "2"}, {"ours.txt", "1"}, {"both.txt", "3"},
                                         {"d/x.txt", "1"}, {"new.txt", "1"}});
        const TreeEdits edits = mergeTrees(store.objects(), store.tree(base), store.tree(target), store.tree(source));
        QVERIFY(edits.conflicts.isEmpty());
        QVERIFY(!edits.needsSnapshots);
        const SnapshotMap merged = apply(target, edits);
        QCOMPARE(merged, snap({{"same.txt", "1"}, {"theirs.txt", "2"}, {"ours.txt", "2"}, {"both.txt", "3"},
                               {"d/x.txt", "1"}, {"new.txt", "1"}}));
        QCOMPARE(merged, mergeSnapshots(store.objects(), base, target, source).merged);
    }

    void contentConflictRecords()
    {
        Store store;
        const SnapshotMap base = snap({{"m.txt", "1"}, {"dm.txt", "1"}});
        const SnapshotMap target = snap({{"m.txt", "2"}, {"a.txt", "t"}});
        const SnapshotMap source = snap({{"m.txt", "3"}, {"dm.txt", "2"}, {"a.txt", "s"}});
        const TreeEdits edits = mergeTrees(store.objects(), store.tree(base), store.tree(target), store.tree(source));
        QCOMPARE(describe(edits.conflicts),
                 QStringList({QStringLiteral("add/add a.txt"), QStringLiteral("delete/modify dm.txt"),
                              QStringLiteral("modify/modify m.txt")}));
        const MergeConflict &addAdd = edits.conflicts.at(0);
        QCOMPARE(addAdd.message, QStringLiteral("Both sides added a.txt differently."));
        QCOMPARE(addAdd.baseOid, std::nullopt);
        QCOMPARE(addAdd.targetOid, std::optional<QString>(QStringLiteral("oid-t")));
        QCOMPARE(addAdd.sourceOid, std::optional<QString>(QStringLiteral("oid-s")));
        QCOMPARE(edits.conflicts.at(1).message, QStringLiteral("One side deleted dm.txt while the other changed it."));
        QCOMPARE(edits.conflicts.at(1).targetOid, std::nullopt);
        QCOMPARE(edits.conflicts.at(2).message, QStringLiteral("Both sides changed m.txt differently."));
        QCOMPARE(describe(mergeSnapshots(store.objects(), base, target, source).conflicts), describe(edits.conflicts));
    }

    void conflictsInUtf8Order()
    {
        // "Z" < "a" < "é" in UTF-8 bytes; the conflicts come in that order from any depth.
        Store store;
        const SnapshotMap target = snap({{"é.txt", "t"}, {"a/x", "t"}, {"Z", "t"}});
        const SnapshotMap source = snap({{"é.txt", "s"}, {"a/x", "s"}, {"Z", "s"}});
        const TreeEdits edits = mergeTrees(store.objects(), QString(), store.tree(target), store.tree(source));
        QCOMPARE(describe(edits.conflicts), QStringList({QStringLiteral("add/add Z"), QStringLiteral("add/add a/x"),
                                                         QStringLiteral("add/add é.txt")}));
    }

    void leavesUnchangedFoldersClosed()
    {
        // A folder equal on both sides, or untouched by the source, is never opened.
        Store store;
        const SnapshotMap base = snap({{"big/1", "1"}, {"big/2", "1"}, {"mine/1", "1"}, {"hot/1", "1"}});
        const SnapshotMap target = snap({{"big/1", "1"}, {"big/2", "1"}, {"mine/1", "2"}, {"hot/1", "2"}});
        const SnapshotMap source = snap({{"big/1", "1"}, {"big/2", "1"}, {"mine/1", "1"}, {"hot/1", "2"}, {"hot/2", "1"}});
        const QString b = store.tree(base), t = store.tree(target), s = store.tree(source);
        const TreeEdits edits = mergeTrees(store.objects(), b, t, s);
        QCOMPARE(apply(target, edits), mergeSnapshots(store.objects(), base, target, source).merged);
        const QString big = store.trees.value(t).at(0).objectId, mine = store.trees.value(t).at(2).objectId;
        QCOMPARE(store.trees.value(t).at(0).name, QStringLiteral("big"));
        QCOMPARE(store.trees.value(t).at(2).name, QStringLiteral("mine"));
        QCOMPARE(store.opened.value(big), 0);
        QCOMPARE(store.opened.value(mine), 0);
        QCOMPARE(store.opened.value(s), 1);

        store.opened.clear();
        QVERIFY(mergeTrees(store.objects(), b, t, b).setFiles.isEmpty()); // source unchanged
        QVERIFY(mergeTrees(store.objects(), b, t, t).setFiles.isEmpty()); // same on both sides
        QVERIFY(store.opened.isEmpty());
    }

    void fileAndFolderNeedsSnapshots()
    {
        Store store;
        const SnapshotMap base = snap({{"x", "1"}});
        const SnapshotMap target = snap({{"x", "1"}, {"y", "1"}});
        const SnapshotMap source = snap({{"x/inner", "1"}});
        const TreeEdits edits = mergeTrees(store.objects(), store.tree(base), store.tree(target), store.tree(source));
        QVERIFY(edits.needsSnapshots);
        // By the original's definition: x deleted by the source, x/inner added, y kept,
        // and the result is consistent (no file is also a folder).
        const SnapshotResult flat = mergeSnapshots(store.objects(), base, target, source);
        QVERIFY(flat.conflicts.isEmpty());
        QCOMPARE(flat.merged, snap({{"x/inner", "1"}, {"y", "1"}}));
    }

    void structuralConflictsAfterContent()
    {
        Store store;
        const SnapshotMap base;
        const SnapshotMap target = snap({{"a", "1"}, {"Read.me", "1"}});
        const SnapshotMap source = snap({{"a/b", "1"}, {"READ.ME", "1"}});
        const SnapshotResult flat = mergeSnapshots(store.objects(), base, target, source);
        // File/folder clashes first, then case-fold ones (as SnapshotValidator finds them).
        QCOMPARE(describe(flat.conflicts), QStringList({QStringLiteral("file/directory a a/b"),
                                                        QStringLiteral("case-fold READ.ME Read.me")}));
        QCOMPARE(flat.conflicts.at(0).message, QStringLiteral("file and directory paths conflict"));
        QCOMPARE(flat.conflicts.at(1).message, QStringLiteral("case-insensitive path conflict"));
        QVERIFY(flat.merged.empty());

        // Content conflicts are reported alone, before any structural check.
        const SnapshotResult both = mergeSnapshots(store.objects(), snap({{"a", "0"}}), snap({{"a", "1"}}),
                                                   snap({{"a", "2"}, {"A", "1"}}));
        QCOMPARE(describe(both.conflicts), QStringList(QStringLiteral("modify/modify a")));
    }

    void treeWalkAgreesWithSnapshots()
    {
        // Random three-sided histories over a small path space: the walk with its
        // shortcuts gives exactly the flat definition's result (or defers to it).
        const QStringList paths{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("d/a"), QStringLiteral("d/b"),
                                QStringLiteral("d/e/a"), QStringLiteral("f/a"), QStringLiteral("f/b")};
        QRandomGenerator random(12);
        int merged = 0, conflicted = 0;
        for (int round = 0; round < 2000; ++round) {
            Store store;
            SnapshotMap base;
            for (const QString &p : paths)
                if (random.bounded(3))
                    base[p] = p + QStringLiteral(":0");
            auto vary = [&](const QString &side) {
                SnapshotMap out = base;
                for (const QString &p : paths) {
                    switch (random.bounded(6)) {
                    case 0: out.erase(p); break;
                    case 1: out[p] = p + QLatin1Char(':') + side; break;
                    case 2: out[p] = p + QStringLiteral(":same"); break;
                    default: break;
                    }
                }
                return out;
            };
            const SnapshotMap target = vary(QStringLiteral("t")), source = vary(QStringLiteral("s"));
            const SnapshotResult flat = mergeSnapshots(store.objects(), base, target, source);
            const TreeEdits edits = mergeTrees(store.objects(), store.tree(base), store.tree(target), store.tree(source));
            QVERIFY(!edits.needsSnapshots); // no name is ever both a file and a folder here
            if (!edits.conflicts.isEmpty()) {
                QCOMPARE(describe(edits.conflicts), describe(flat.conflicts));
                ++conflicted;
            } else {
                QVERIFY(flat.conflicts.isEmpty());
                QCOMPARE(apply(target, edits), flat.merged);
                ++merged;
            }
        }
        QVERIFY(merged > 200 && conflicted > 200);
    }
};

QTEST_GUILESS_MAIN(TestThreeWayMerge)
#include "tst_three_way_merge.moc"
