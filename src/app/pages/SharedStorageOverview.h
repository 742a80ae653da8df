#pragma once
// The storage overview of a repository, computed once for everyone who asks at the same
// time. The Overview and Storage pages both need it when a repository opens, and on a
// long history it reads every object (seconds, hundreds of MiB): a second caller
// arriving while the first computes waits for that result instead of walking again. A
// caller may stop waiting (its task cancelled); the computation itself stops only when
// nobody waits for it any more. Nothing is kept afterwards, so a later call always sees
// the repository as it is then.

#include <hubvault/Models.h>
#include <hubvault/Progress.h>

#include <QString>

class QThreadPool;

namespace hubvault::app {

class SharedStorageOverview {
public:
    /**
     * Blocking: call on a worker. Throws the core's errors (to every waiting caller), and
     * CancelledError soon after `task` is cancelled.
     */
    static StorageOverview load(const QString &repoPath, const TaskControl &task = {});

    /** Where the computations run: not the callers' pool, which they wait on. */
    static QThreadPool *pool();
};

} // namespace hubvault::app
