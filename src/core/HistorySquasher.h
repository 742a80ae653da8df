#pragma once
// squash_history (FORMAT.md §10.3): rewrites a branch's first-parent lineage from a root
// commit so that everything older becomes unreachable (and, with gc, reclaimable). The
// kept commits keep their trees, dates and texts; only their parents change.

#include "Models.h"
#include "Progress.h"

#include <optional>

namespace hubvault {

class RepoSession;

struct SquashOptions {
    QString rootRevision; ///< empty = the head itself
    std::optional<QString> commitMessage;     ///< new title of the root commit
    std::optional<QString> commitDescription; ///< new description of the root commit
    bool runGc = true;
    bool pruneCache = false;
};

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
