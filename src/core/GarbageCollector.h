#pragma once
// gc (docs/format.md §10.4) in three steps: plan (verify, then find what branches and tags
// reach and what would go; a dry run reports the plan), repack (one transaction: live
// chunks into one gc pack, unreachable rows deleted) and sweep (remove the files nothing
// references any more, and optionally the view cache). Unlike the original, every
// deletion happens after the SQLite COMMIT (docs/format.md §6.3): a crash at any point
// leaves a repository that opens and fully verifies; leftovers are orphans that the next
// gc removes. With a bucket attached, packs that hold only live chunks stay where they are
// and remote chunks are checked for presence, not downloaded, by gc's verify.

#include <hubvault/Models.h>
#include <hubvault/Progress.h>
#include "ObjectModel.h"

#include <QList>
#include <QSet>
#include <QStringList>
#include <utility>

namespace hubvault {

class RepoSession;

/** What gc will do, found without changing anything. */
struct GcPlan {
    bool pruneCache = true;
    QStringList liveChunks; ///< copied into one gc pack, by id (those of keptPacks excepted)
    /**
     * With a bucket attached: packs every byte of which is a live chunk, kept as they are
     * instead of being copied through this machine (docs/object-storage.md, "gc").
     */
    QSet<QString> keptPacks;
    QList<std::pair<ObjectType, QStringList>> unreachable; ///< object rows to delete, per type
    QStringList packs;        ///< every pack now; all but the new one go after the commit
    QStringList indexFiles;   ///< chunk index segments (L0-L2), replaced by the rows
    QStringList deadBlobData; ///< .data files of unreachable blobs
    /** The figures; chunk bytes are the estimate of the pack and index gc would write. */
    GcReport report;

    /** What `gc --dry-run` reports: the plan. */
    GcReport dryRunReport() const;
};

class GarbageCollector {
public:
    GarbageCollector(RepoSession &session, const TaskControl &task) : m_session(session), m_task(task) {}

    /** plan, then (unless `dryRun`) repack and sweep. */
    GcReport run(bool dryRun, bool pruneCache);

    /** Verifies the repository (throws VerificationError) and plans; writes nothing. */
    GcPlan plan(bool pruneCache);
    /**
     * One transaction: the live chunks copied, verified, into a new gc pack and the
     * unreachable object rows deleted. Returns the new pack's id (empty without chunks).
     */
    QString repack(const GcPlan &plan);
    /** After the commit: removes what nothing references any more; the real figures. */
    GcReport sweep(const GcPlan &plan, const QString &newPack);
    /** Deletes the bucket's pack objects other than `newPack` and the kept ones, after the commit. */
    void sweepBucket(const GcPlan &plan, const QString &newPack, GcReport &report);

private:
    /** Moves the live chunks of packs that hold nothing else from liveChunks to keptPacks. */
    void keepWholePacks(GcPlan &plan);
    void removeOrphanBlobData(GcReport &report);

    RepoSession &m_session;
    const TaskControl &m_task;
};

} // namespace hubvault
