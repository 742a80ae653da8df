// The pure three-way merge (see ThreeWayMerge.h).
#include "ThreeWayMerge.h"

#include "SnapshotValidator.h"

#include <map>
#include <tuple>

namespace hubvault::merge {

MergeConflict contentConflict(const QString &path, const std::optional<QString> &baseOid,
                              const std::optional<QString> &targetOid, const std::optional<QString> &sourceOid)
{
    MergeConflict c;
    c.path = path;
    if (!baseOid) {
        c.conflictType = QStringLiteral("add/add");
        c.message = QStringLiteral("Both sides added %1 differently.").arg(path);
    } else if (!targetOid || !sourceOid) {
        c.conflictType = QStringLiteral("delete/modify");
        c.message = QStringLiteral("One side deleted %1 while the other changed it.").arg(path);
    } else {
        c.conflictType = QStringLiteral("modify/modify");
        c.message = QStringLiteral("Both sides changed %1 differently.").arg(path);
    }
    c.baseOid = baseOid;
    c.targetOid = targetOid;
    c.sourceOid = sourceOid;
    return c;
}

QList<MergeConflict> structuralConflicts(const QStringList &paths)
{
    QList<MergeConflict> out;
    for (const PathConflict &pc : SnapshotValidator::findConflicts(paths)) {
        MergeConflict c;
        c.path = pc.path;
        c.conflictType = pc.kind;
        c.relatedPath = pc.relatedPath;
        c.message = pc.kind == QLatin1String("case-fold") ? QStringLiteral("case-insensitive path conflict")
                                                         : QStringLiteral("file and directory paths conflict");
        out.append(c);
    }
    return out;
}

void sortByUtf8Path(QList<MergeConflict> &conflicts)
{
    std::stable_sort(conflicts.begin(), conflicts.end(),
                     [](const MergeConflict &a, const MergeConflict &b) { return a.path.toUtf8() < b.path.toUtf8(); });
}

namespace {

QString joinPath(const QString &prefix, const QString &name)
{
    return prefix.isEmpty() ? name : prefix + QLatin1Char('/') + name;
}

/** Identities and git ids of file object ids; empty id = absent. */
class FileFacts {
public:
    explicit FileFacts(const Objects &objects) : m_objects(objects) {}
    std::optional<FileIdentity> identity(const QString &fileId) const
    {
        return fileId.isEmpty() ? std::nullopt : std::optional(m_objects.file(fileId));
    }
    std::optional<QString> oid(const QString &fileId) const
    {
        return fileId.isEmpty() ? std::nullopt : std::optional(m_objects.file(fileId).oid);
    }
    MergeConflict conflict(const QString &path, const QString &base, const QString &target, const QString &source) const
    {
        return contentConflict(path, oid(base), oid(target), oid(source));
    }

private:
    const Objects &m_objects;
};

class TreeWalk {
public:
    TreeWalk(const Objects &objects, TreeEdits &edits) : m_objects(objects), m_facts(objects), m_edits(edits) {}

    void folder(const QString &prefix, const QString &base, const QString &target, const QString &source, int depth = 0)
    {
        if (m_edits.needsSnapshots || target == source || base == source)
            return;
        checkTreeDepth(depth, source);
        std::map<QString, std::tuple<const TreeEntry *, const TreeEntry *, const TreeEntry *>> names;
        collect(names, base, 0);
        collect(names, target, 1);
        collect(names, source, 2);
        for (const auto &[name, sides] : names) {
            const auto [b, t, s] = sides;
            const bool anyTree = (b && b->isTree()) || (t && t->isTree()) || (s && s->isTree());
            const bool anyFile = (b && !b->isTree()) || (t && !t->isTree()) || (s && !s->isTree());
            if (anyTree && anyFile) {
                m_edits.needsSnapshots = true;
                return;
            }
            auto id = [](const TreeEntry *e) { return e ? e->objectId : QString(); };
            if (anyTree)
                folder(joinPath(prefix, name), id(b), id(t), id(s), depth + 1);
            else
                file(joinPath(prefix, name), id(b), id(t), id(s));
        }
    }

private:
    using Sides = std::tuple<const TreeEntry *, const TreeEntry *, const TreeEntry *>;

    void collect(std::map<QString, Sides> &names, const QString &treeId, int side) const
    {
        if (treeId.isEmpty())
            return;
        for (const TreeEntry &e : m_objects.tree(treeId)) {
            Sides &slot = names[e.name];
            (side == 0 ? std::get<0>(slot) : side == 1 ? std::get<1>(slot) : std::get<2>(slot)) = &e;
        }
    }

    void file(const QString &path, const QString &base, const QString &target, const QString &source)
    {
        // The rule of the original, per path: equal sides keep the target's file; a side
        // equal to the base yields the other side; anything else conflicts.
        if (target == source || base == source)
            return;
        const auto ib = m_facts.identity(base), it = m_facts.identity(target), is = m_facts.identity(source);
        if (it == is || (ib != it && ib == is))
            return; // the target's file stays
        if (ib == it) {
            if (source.isEmpty())
                m_edits.removedFiles.append(path);
            else
                m_edits.setFiles.append({path, source});
            return;
        }
        m_edits.conflicts.append(m_facts.conflict(path, base, target, source));
    }

    const Objects &m_objects;
    FileFacts m_facts;
    TreeEdits &m_edits;
};

QString fileAt(const SnapshotMap &snapshot, const QString &path)
{
    const auto it = snapshot.find(path);
    return it == snapshot.end() ? QString() : it->second;
}

} // namespace

TreeEdits mergeTrees(const Objects &objects, const QString &baseTree, const QString &targetTree,
                     const QString &sourceTree)
{
    TreeEdits edits;
    TreeWalk(objects, edits).folder(QString(), baseTree, targetTree, sourceTree);
    sortByUtf8Path(edits.conflicts);
    return edits;
}

SnapshotResult mergeSnapshots(const Objects &objects, const SnapshotMap &base, const SnapshotMap &target,
                              const SnapshotMap &source)
{
    const FileFacts facts(objects);
    std::map<QByteArray, QString> ordered; // by UTF-8 bytes, as the original iterates
    for (const SnapshotMap *snapshot : {&base, &target, &source})
        for (const auto &entry : *snapshot)
            ordered.emplace(entry.first.toUtf8(), entry.first);
    SnapshotResult out;
    for (const auto &[key, path] : ordered) {
        const QString fb = fileAt(base, path), ft = fileAt(target, path), fs = fileAt(source, path);
        const auto ib = facts.identity(fb), it = facts.identity(ft), is = facts.identity(fs);
        QString take;
        if (it == is || ib == it)
            take = it == is ? ft : fs;
        else if (ib == is)
            take = ft;
        else {
            out.conflicts.append(facts.conflict(path, fb, ft, fs));
            continue;
        }
        if (!take.isEmpty())
            out.merged[path] = take;
    }
    if (out.conflicts.isEmpty()) {
        QStringList paths;
        for (const auto &entry : out.merged)
            paths.append(entry.first);
        out.conflicts = structuralConflicts(paths);
    }
    if (!out.conflicts.isEmpty())
        out.merged.clear();
    return out;
}

} // namespace hubvault::merge
