#pragma once
// squash_history (docs/format.md §10.3): rewrites a branch's first-parent lineage from a root
// commit so that everything older becomes unreachable (and, with gc, reclaimable). The
// kept commits keep their trees, dates and texts; only their parents change.

#include <hubvault/Models.h>
#include <hubvault/Options.h>
#include <hubvault/Progress.h>

#include <optional>

namespace hubvault {

class RepoSession;

class HistorySquasher {
public:
    HistorySquasher(RepoSession &session, const TaskControl &task) : m_session(session), m_task(task) {}

    SquashReport run(const QString &refName, const SquashOptions &options);

private:
    QStringList firstParentChain(const QString &head);

    RepoSession &m_session;
    const TaskControl &m_task;
};

} // namespace hubvault
