#include "Reachability.h"

#include <hubvault/Errors.h>
#include "ObjectGraph.h"
#include "RepoSession.h"

#include <algorithm>

namespace hubvault {

ReachableSet Reachability::fromCommits(RepoSession &session, const QStringList &commits, bool followParents)
{
    const ObjectGraph graph = ObjectGraph::load(session.store());
    QList<int> heads;
    for (const QString &id : commits) {
        if (id.isEmpty())
            continue;
        const int head = graph.find(ObjectType::Commit, id);
        if (head < 0)
            throw IntegrityError(QStringLiteral("commit object %1 is missing from the metadata database; run full verification").arg(id));
        heads.append(head);
    }
    const ObjectGraph::Reach reach = graph.reach(heads, followParents);
    ReachableSet out;
    auto collect = [&](ObjectType type, QSet<QString> &into) {
        const std::vector<bool> &flags = reach.of(type);
        for (int i = 0; i < graph.count(type); ++i) {
            if (flags[size_t(i)])
                into.insert(graph.id(type, i));
        }
    };
    collect(ObjectType::Commit, out.commits);
    collect(ObjectType::Tree, out.trees);
    collect(ObjectType::File, out.files);
    collect(ObjectType::Blob, out.blobs);
    for (int i = 0; i < graph.chunkCount(); ++i) {
        if (reach.chunks[size_t(i)])
            out.chunks.insert(graph.chunkId(i));
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
