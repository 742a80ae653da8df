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
    // UTF-16 order only differs from code-point order when a surrogate (part of a
    // character above U+FFFF) meets a BMP character above the surrogate block: the
    // surrogate side is then the larger one. Two surrogates at the first difference are
    // both high or both low (after an equal high one), and those compare like their
    // code points. (Re-encoding a tail that starts at a lone low surrogate is not an
    // option: it becomes '?' on both sides, so U+1F600 and U+1F601 would tie.)
    const qsizetype n = qMin(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const QChar ca = a.at(i), cb = b.at(i);
        if (ca == cb)
            continue;
        if (ca.isSurrogate() != cb.isSurrogate())
            return cb.isSurrogate();
        return ca.unicode() < cb.unicode();
    }
    return a.size() < b.size();
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
        const auto &index = m_session.treeIndex(treeId);
        const auto found = index.constFind(name);
        if (found == index.constEnd())
            return std::nullopt;
        return m_session.tree(treeId).entries.at(*found);
    });
}

const TreePayload &TreeWalker::boundedTree(const QString &treeId)
{
    // Enough for the trees of a commit and its parents along a path; cleared wholesale,
    // which costs a re-read now and then and keeps memory flat over any history length.
    constexpr size_t kMaxTrees = 512;
    if (auto it = m_recentTrees.find(treeId); it != m_recentTrees.end())
        return it->second;
    if (m_recentTrees.size() >= kMaxTrees)
        m_recentTrees.clear();
    return m_recentTrees.emplace(treeId, m_session.treeOnce(treeId)).first->second;
}

std::optional<PathEntry> TreeWalker::lookupBounded(const QString &rootTreeId, const QString &path)
{
    return walkPath(rootTreeId, path, [this](const QString &treeId, const QString &name) -> std::optional<TreeEntry> {
        const TreePayload &tree = boundedTree(treeId);
        const auto found = std::find_if(tree.entries.cbegin(), tree.entries.cend(),
                                        [&](const TreeEntry &e) { return e.name == name; });
        if (found == tree.entries.cend())
            return std::nullopt;
        return *found;
    });
}

void TreeWalker::flattenInto(const QString &treeId, const QString &prefix, FlatSnapshot &out)
{
    const TreePayload tree = m_session.tree(treeId);
    for (const TreeEntry &e : tree.entries) {
        const QString path = joinPath(prefix, e.name);
        if (e.isTree())
            flattenInto(e.objectId, path, out);
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

QList<PathEntry> TreeWalker::list(const QString &treeId, const QString &prefix, bool recursive)
{
    QList<PathEntry> out;
    const TreePayload tree = m_session.tree(treeId);
    for (const TreeEntry &e : tree.entries) {
        const PathEntry entry{joinPath(prefix, e.name), e.isTree(), e.objectId};
        out.append(entry);
        if (recursive && e.isTree())
            out.append(list(e.objectId, entry.path, true));
    }
    return out;
}

} // namespace hubvault
