#pragma once
// The storage overview of a repository, computed once for everyone who asks at the same
// time. The Overview and Storage pages both need it when a repository opens, and on a
// long history it walks every commit's trees (seconds, hundreds of MiB): a second caller
// arriving while the first computes waits for that result instead of walking again.
// Nothing is kept afterwards, so a later call always sees the repository as it is then.

#include <hubvault/Models.h>

#include <QString>

namespace hubvault::app {

class SharedStorageOverview {
public:
    /** Blocking: call on a worker. Throws the core's errors (to every waiting caller). */
    static StorageOverview load(const QString &repoPath);
};

} // namespace hubvault::app
