#include "Reachability.h"

#include "RepoSession.h"

#include <algorithm>

namespace hubvault {

namespace {

void walkTree(RepoSession &session, const QString &treeId, ReachableSet &out)
{
    if (out.trees.contains(treeId))
        return;
    out.trees.insert(treeId);
    const auto tree = session.treeOnce(treeId);
    for (const TreeEntry &e : tree->entries) {
        if (e.isTree()) {
            walkTree(session, e.objectId, out);
            continue;
        }
        if (out.files.contains(e.objectId))
            continue;
        out.files.insert(e.objectId);
        const auto f = session.fileOnce(e.objectId);
        if (f->isChunked()) {
            for (const ChunkRef &c : f->chunks)
                out.chunks.insert(c.chunkId);
        } else {
            out.blobs.insert(f->contentObjectId);
        }
    }
}

} // namespace

ReachableSet Reachability::fromCommits(RepoSession &session, const QStringList &commits, bool followParents)
{
    ReachableSet out;
    QStringList stack = commits;
    while (!stack.isEmpty()) {
        const QString id = stack.takeLast();
        if (id.isEmpty() || out.commits.contains(id))
            continue;
        out.commits.insert(id);
        const auto c = session.commitOnce(id);
        walkTree(session, c->treeId, out);
        if (followParents)
            stack.append(c->parents);
    }
    return out;
}

qsizetype Reachability::countCommits(RepoSession &session, const QStringList &commits)
{
    QSet<QString> seen;
    QStringList stack = commits;
    while (!stack.isEmpty()) {
        const QString id = stack.takeLast();
        if (id.isEmpty() || seen.contains(id))
            continue;
        seen.insert(id);
        stack.append(session.commitOnce(id)->parents);
    }
    return seen.size();
}

ReachableSet Reachability::fromRefs(RepoSession &session, bool followParents)
{
    QStringList heads;
    for (const RefRow &row : session.refs())
        heads.append(row.commitId);
    return fromCommits(session, heads, followParents);
}

QStringList Reachability::refNames(RepoSession &session)
{
    QStringList out;
    for (const RefRow &row : session.refs())
        out.append((row.kind == QLatin1String("tag") ? QStringLiteral("refs/tags/") : QStringLiteral("refs/heads/")) + row.name);
    std::sort(out.begin(), out.end(), [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
    return out;
}

} // namespace hubvault
