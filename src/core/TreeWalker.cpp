#include "TreeWalker.h"

#include "RepoSession.h"

#include <algorithm>

namespace hubvault {

namespace {

QString joinPath(const QString &prefix, const QString &name)
{
    return prefix.isEmpty() ? name : prefix + QLatin1Char('/') + name;
}

} // namespace

bool TreeWalker::codePointLess(const QString &a, const QString &b)
{
    return hubvault::codePointLess(a, b);
}

std::optional<PathEntry> TreeWalker::walkPath(const QString &rootTreeId, const QString &path,
                                              const std::function<std::optional<TreeEntry>(const QString &, const QString &)> &child)
{
    PathEntry current{QString(), true, rootTreeId};
    if (path.isEmpty())
        return current;
    for (const QString &segment : path.split(QLatin1Char('/'))) {
        if (!current.isTree)
            return std::nullopt;
        const std::optional<TreeEntry> entry = child(current.objectId, segment);
        if (!entry)
            return std::nullopt;
        current = PathEntry{joinPath(current.path, segment), entry->isTree(), entry->objectId};
    }
    return current;
}

std::optional<PathEntry> TreeWalker::lookup(const QString &rootTreeId, const QString &path)
{
    return walkPath(rootTreeId, path, [this](const QString &treeId, const QString &name) -> std::optional<TreeEntry> {
        const TreeEntry *entry = m_session.tree(treeId).find(name);
        return entry ? std::optional<TreeEntry>(*entry) : std::nullopt;
    });
}

const TreePayload &TreeWalker::boundedTree(const QString &treeId)
{
    // Enough for the trees of a commit and its parents along a path; cleared wholesale,
    // which costs a re-read now and then and keeps memory flat over any history length.
    constexpr size_t kMaxTrees = 512;
    if (auto it = m_recentTrees.find(treeId); it != m_recentTrees.end())
        return *it->second;
    if (m_recentTrees.size() >= kMaxTrees)
        m_recentTrees.clear();
    return *m_recentTrees.emplace(treeId, m_session.treeOnce(treeId)).first->second;
}

std::optional<PathEntry> TreeWalker::lookupBounded(const QString &rootTreeId, const QString &path)
{
    return walkPath(rootTreeId, path, [this](const QString &treeId, const QString &name) -> std::optional<TreeEntry> {
        const TreeEntry *entry = boundedTree(treeId).find(name);
        return entry ? std::optional<TreeEntry>(*entry) : std::nullopt;
    });
}

void TreeWalker::flattenInto(const QString &treeId, const QString &prefix, FlatSnapshot &out, int depth)
{
    checkTreeDepth(depth, treeId);
    const TreePayload tree = m_session.tree(treeId);
    for (const TreeEntry &e : tree.entries) {
        const QString path = joinPath(prefix, e.name);
        if (e.isTree())
            flattenInto(e.objectId, path, out, depth + 1);
        else
            out.emplace_back(path, e.objectId);
    }
}

FlatSnapshot TreeWalker::flatten(const QString &rootTreeId)
{
    FlatSnapshot out;
    flattenInto(rootTreeId, QString(), out);
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return codePointLess(a.first, b.first); });
    return out;
}

SnapshotMap TreeWalker::snapshotOfCommit(const QString &commitId)
{
    SnapshotMap out;
    if (commitId.isEmpty())
        return out;
    for (auto &[path, fileId] : flatten(m_session.commit(commitId).treeId))
        out.emplace(std::move(path), std::move(fileId));
    return out;
}

QList<PathEntry> TreeWalker::list(const QString &treeId, const QString &prefix, bool recursive, int depth)
{
    checkTreeDepth(depth, treeId);
    QList<PathEntry> out;
    const TreePayload tree = m_session.tree(treeId);
    for (const TreeEntry &e : tree.entries) {
        const PathEntry entry{joinPath(prefix, e.name), e.isTree(), e.objectId};
        out.append(entry);
        if (recursive && e.isTree())
            out.append(list(e.objectId, entry.path, true, depth + 1));
    }
    return out;
}

} // namespace hubvault
