#include "HistoryWalker.h"

#include "Errors.h"
#include "Repository.h"

namespace hubvault::app {

HistoryWalker::HistoryWalker(const QString &repoPath, const QStringList &heads)
    : m_repoPath(repoPath), m_heads(heads)
{
}

HistoryWalker::~HistoryWalker() = default;

QList<CommitRecord> HistoryWalker::readCommits(const Repository &repo, const QStringList &commitIds,
                                               QStringList *warnings)
{
    QList<CommitRecord> out;
    out.reserve(commitIds.size());
    for (const QString &id : commitIds) {
        try {
            // No context lines and no text size: changes are listed without reading content.
            const CommitDetailInfo detail = repo.getCommitDetail(id, 0, 0);
            CommitRecord record;
            record.id = detail.commit.commitId;
            record.parents = detail.parentCommitIds;
            record.date = detail.commit.createdAt;
            record.title = detail.commit.title;
            record.message = detail.commit.message;
            record.changedPaths.reserve(detail.changes.size());
            for (const CommitChangeInfo &change : detail.changes)
                record.changedPaths.append(change.path);
            out.append(std::move(record));
        } catch (const HubVaultError &e) {
            // A damaged or missing commit ends its line; the rest of the graph still shows.
            warnings->append(QStringLiteral("%1: %2").arg(id, e.message()));
        }
    }
    return out;
}

void HistoryWalker::read(const QStringList &ids, QStringList *warnings)
{
    QStringList wanted;
    for (const QString &id : ids) {
        if (!id.isEmpty() && !m_seen.contains(id)) {
            m_seen.insert(id);
            wanted.append(id);
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
    QStringList parents;
    for (const Key &key : keys)
        parents.append(m_records.value(key.id).parents);
    read(parents, warnings);
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

HistoryBatch HistoryWalker::next(int count)
{
    HistoryBatch batch;
    if (!m_repo) {
        m_repo = std::make_unique<Repository>(Repository::open(m_repoPath));
        read(m_heads, &batch.warnings);
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
