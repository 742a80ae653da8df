#pragma once
// gc (docs/format.md §10.4): keeps exactly what branches and tags reach, repacks live chunks
// into one gc pack, drops unreachable objects, and optionally prunes the view cache.
// Unlike the original, every deletion happens after the SQLite COMMIT (CAVEAT §6.3):
// a crash at any point leaves a repository that opens and fully verifies; leftovers
// are orphans that the next gc removes.

#include <hubvault/Models.h>
#include <hubvault/Progress.h>

namespace hubvault {

class RepoSession;

class GarbageCollector {
public:
    GarbageCollector(RepoSession &session, const TaskControl &task) : m_session(session), m_task(task) {}

    GcReport run(bool dryRun, bool pruneCache);

private:
    void removeOrphanBlobData(GcReport &report);

    RepoSession &m_session;
    const TaskControl &m_task;
};

} // namespace hubvault
