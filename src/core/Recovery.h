#pragma once
// Rollback-only crash recovery on open (docs/format.md §6.4, §6.5): roll back a hot SQLite
// journal and forget transactions that never committed, under the exclusive lock.

namespace hubvault {

class RepositoryContext;

class Recovery {
public:
    /**
     * Makes the repository readable after a crash of any writer (ours or the original):
     * a hot `metadata.sqlite3-journal` is rolled back by one read-write connection, and
     * leftover `txn_log` rows and `txn/<txid>/` directories are removed. Does nothing
     * (and takes no exclusive lock) when there is nothing to recover.
     */
    static void recoverIfNeeded(const RepositoryContext &context);
    /** True when metadata.sqlite3-journal is a hot rollback journal (non-zeroed header). */
    static bool hasHotJournal(const RepositoryContext &context);
};

} // namespace hubvault
