#include "history/HistoryWalker.h"

#include <hubvault/Errors.h>
#include <hubvault/Repository.h>
#include "shell/OpenRepositories.h"

namespace hubvault::app {

HistoryWalker::HistoryWalker(const QString &repoPath, const QStringList &heads)
    : m_repoPath(repoPath), m_heads(heads)
{
}

HistoryWalker::~HistoryWalker() = default;

namespace {

CommitRecord recordOf(CommitGraphNode &&node)
{
    CommitRecord record;
    record.id = node.commitId;
    record.objectId = node.objectId;
    record.parents = std::move(node.parentCommitIds);
    // Parents are read by object id where the repository has them (a local one), else by
    // git OID, which names the same commits (a remote one: object ids are not on the wire).
    record.parentObjectIds = node.parentObjectIds.size() == record.parents.size() ? std::move(node.parentObjectIds) : record.parents;
    record.date = node.createdAt;
    record.title = std::move(node.title);
    record.message = std::move(node.message);
    record.changedPaths = std::move(node.changedPaths);
    return record;
}

} // namespace

QList<CommitRecord> HistoryWalker::readCommits(const Repository &repo, const QStringList &revisions,
                                               QStringList *warnings)
{
    QList<CommitRecord> out;
    out.reserve(revisions.size());
    try {
        for (CommitGraphNode &node : repo.readCommitGraph(revisions, true))
            out.append(recordOf(std::move(node)));
        return out;
    } catch (const HubVaultError &) {
        out.clear(); // one bad commit: read them one by one to keep the good ones
    }
    for (const QString &revision : revisions) {
        try {
            for (CommitGraphNode &node : repo.readCommitGraph({revision}, true))
                out.append(recordOf(std::move(node)));
        } catch (const HubVaultError &e) {
            // A damaged or missing commit ends its line; the rest of the graph still shows.
            warnings->append(QStringLiteral("%1: %2").arg(revision, e.message()));
        }
    }
    return out;
}

void HistoryWalker::read(const QStringList &gitIds, const QStringList &revisions, QStringList *warnings)
{
    QStringList wanted;
    for (qsizetype i = 0; i < gitIds.size(); ++i) {
        const QString &id = gitIds.at(i);
        if (!id.isEmpty() && !m_seen.contains(id)) {
            m_seen.insert(id);
            wanted.append(revisions.at(i));
        }
    }
    if (wanted.isEmpty())
        return;
    for (CommitRecord &record : readCommits(*m_repo, wanted, warnings)) {
        const Key key{record.date.toMSecsSinceEpoch(), m_seq++, record.id};
        m_keys.insert(record.id, key);
        m_unexpanded.push(key);
        m_ready.push(key); // until a child turns up
        m_records.insert(record.id, std::move(record));
    }
}

void HistoryWalker::expand(const QList<Key> &keys, QStringList *warnings)
{
    QStringList parents, parentObjects;
    for (const Key &key : keys) {
        const CommitRecord &record = m_records[key.id];
        parents.append(record.parents);
        parentObjects.append(record.parentObjectIds);
    }
    read(parents, parentObjects, warnings);
    for (const Key &key : keys) {
        QSet<QString> counted;
        for (const QString &parent : m_records.value(key.id).parents) {
            if (!m_records.contains(parent) || counted.contains(parent))
                continue; // unreadable, or already handed out (only with skewed clocks)
            counted.insert(parent);
            ++m_pendingChildren[parent];
        }
    }
}

const HistoryWalker::Key *HistoryWalker::readyTop()
{
    while (!m_ready.empty()) {
        const Key &top = m_ready.top();
        if (!m_emitted.contains(top.id) && m_pendingChildren.value(top.id) == 0)
            return &top;
        m_ready.pop(); // stale: handed out, or a child turned up after it was pushed
    }
    return nullptr;
}

void HistoryWalker::breakCycle(QStringList *warnings)
{
    // Every commit left waits for a child that is never handed out: the parents form a
    // cycle (only a damaged or hostile repository has one, ids being content hashes).
    // The newest of them goes out anyway, so the walk ends with every commit shown once.
    Key newest = m_keys.value(m_records.cbegin().key());
    for (auto it = m_records.cbegin(); it != m_records.cend(); ++it) {
        const Key key = m_keys.value(it.key());
        if (Older()(newest, key))
            newest = key;
    }
    m_pendingChildren[newest.id] = 0;
    m_ready.push(newest);
    warnings->append(QStringLiteral("%1: a commit is its own ancestor (a cycle in the history); the graph shows it cut open")
                         .arg(newest.id));
}

HistoryBatch HistoryWalker::next(int count)
{
    HistoryBatch batch;
    if (!m_repo) {
        m_repo = repositories::shared(m_repoPath);
        m_repo->listRepoRefs(); // teaches the repository the heads' Git ids: no lookup scan
        read(m_heads, m_heads, &batch.warnings);
    }
    while (batch.commits.size() < count) {
        // Read the parents of every commit at least as new as the best candidate: any
        // child of the candidate is among them (children are never older than parents),
        // so it cannot be handed out before one. Reading may bring a better candidate, so
        // look again afterwards.
        const Key *top = readyTop();
        QList<Key> toExpand;
        while (!m_unexpanded.empty() && (!top || m_unexpanded.top().msecs >= top->msecs)) {
            toExpand.append(m_unexpanded.top());
            m_unexpanded.pop();
        }
        if (!toExpand.isEmpty()) {
            expand(toExpand, &batch.warnings);
            continue;
        }
        if (!top && !m_records.isEmpty()) {
            breakCycle(&batch.warnings);
            continue;
        }
        if (!top)
            break;
        const Key chosen = *top;
        m_ready.pop();
        m_emitted.insert(chosen.id);
        CommitRecord record = m_records.take(chosen.id);
        QSet<QString> released;
        for (const QString &parent : record.parents) {
            if (!m_records.contains(parent) || released.contains(parent))
                continue;
            released.insert(parent);
            if (--m_pendingChildren[parent] == 0)
                m_ready.push(m_keys.value(parent));
        }
        batch.commits.append(std::move(record));
    }
    batch.atEnd = m_records.isEmpty() && m_unexpanded.empty();
    return batch;
}

} // namespace hubvault::app
