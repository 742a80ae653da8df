// gc: plan, repack, sweep (see GarbageCollector.h).
#include "GarbageCollector.h"

#include <hubvault/Errors.h>
#include "ChunkPipeline.h"
#include "ContentReader.h"
#include "PackWriter.h"
#include "Reachability.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "StorageAnalyzer.h"
#include "Transaction.h"
#include "Verifier.h"
#include "objectstore/PackStorage.h"

#include <QDir>
#include <algorithm>

namespace hubvault {

namespace {

const ObjectType kTypes[] = {ObjectType::Commit, ObjectType::Tree, ObjectType::File, ObjectType::Blob};

qint64 sizeOf(const Env &env, const QStringList &paths)
{
    qint64 total = 0;
    for (const QString &p : paths)
        total += env.stat(p).size;
    return total;
}

/** Removes every child of `dir`, keeping `dir` itself. */
void emptyDirectory(const Env &env, const QString &dir)
{
    for (const DirEntry &entry : env.listDirectory(dir))
        env.removeTree(dir + QLatin1Char('/') + entry.name);
}

} // namespace

GcReport GcPlan::dryRunReport() const
{
    GcReport out = report;
    out.dryRun = true;
    out.notes.append(QStringLiteral("dry-run: no files were modified"));
    return out;
}

GcReport GarbageCollector::run(bool dryRun, bool pruneCache)
{
    const GcPlan planned = plan(pruneCache);
    if (dryRun)
        return planned.dryRunReport();
    const QString newPack = repack(planned);
    return sweep(planned, newPack);
}

GcPlan GarbageCollector::plan(bool pruneCache)
{
    const RepositoryContext &context = m_session.context();
    const Env &env = *context.env;
    m_task.report(0, 0, QStringLiteral("verify"));
    // With a bucket, gc's verify checks remote packs for presence: hashing them would
    // download the repository; every chunk gc copies is hashed as it is read anyway.
    const bool attached = context.packs()->attachment().has_value();
    const VerifyReport verify = Verifier(m_session, Verifier::Depth::Full, m_task,
                                         attached ? ContentVerifier::RemoteChunks::Presence : ContentVerifier::RemoteChunks::Hash)
                                    .run();
    if (!verify.ok)
        throw VerificationError(QStringLiteral("repository verification failed: %1; repair or restore it before gc")
                                    .arg(verify.errors.first()));

    StorageAnalyzer analyzer(m_session, m_task);
    GcPlan plan;
    plan.pruneCache = pruneCache;
    plan.liveChunks = analyzer.liveChunks();
    if (attached)
        keepWholePacks(plan);
    GcReport &report = plan.report;
    report.checkedRefs = Reachability::refNames(m_session);

    // What gc removes; the same counting for dry and real runs (§10.4).
    plan.packs = env.filesBelow(context.path(QStringLiteral("chunks/packs")));
    for (const char *level : {"L0", "L1", "L2"})
        plan.indexFiles += env.filesBelow(context.path(QStringLiteral("chunks/index/") + QLatin1String(level)));
    const qint64 indexFileCount = env.filesBelow(context.path(QStringLiteral("chunks/index"))).size();
    const QStringList cacheFiles = env.filesBelow(context.path(QStringLiteral("cache")));
    const QStringList quarantineFiles = env.filesBelow(context.path(QStringLiteral("quarantine")));
    const bool hasLiveChunks = !plan.liveChunks.isEmpty();

    qint64 removedFiles = 0;
    for (ObjectType type : kTypes) {
        const QStringList dead = analyzer.unreachable(type);
        plan.unreachable.append({type, dead});
        report.reclaimedObjectSize += analyzer.unreachableBytes(type);
        if (type != ObjectType::Blob) {
            removedFiles += dead.size();
            continue;
        }
        for (const QString &id : dead) {
            const QString data = context.blobDataPath(id);
            if (env.stat(data, true).exists) {
                plan.deadBlobData.append(data);
                ++removedFiles;
            }
        }
    }
    report.reclaimedCacheSize = pruneCache ? sizeOf(env, cacheFiles) : 0;
    report.reclaimedTemporarySize = sizeOf(env, quarantineFiles);
    report.removedFileCount = removedFiles + (pruneCache ? cacheFiles.size() : 0) + quarantineFiles.size()
        + qMax<qint64>(0, plan.packs.size() - (hasLiveChunks ? 1 : 0))
        + qMax<qint64>(0, indexFileCount - (hasLiveChunks ? 2 : 1));

    const StorageOverview overview = analyzer.overview();
    if (overview.historicalRetainedSize > 0)
        report.notes.append(QStringLiteral("Rollback history still retains about %1; use squash_history(...) to make that space reclaimable.")
                                .arg(StorageAnalyzer::formatSize(overview.historicalRetainedSize)));
    const auto [packBytes, indexBytes] = analyzer.chunkPlan(plan.liveChunks);
    const qint64 packsNow = StorageAnalyzer::measure(*context.env, context.path(QStringLiteral("chunks/packs"))).first;
    const qint64 indexNow = StorageAnalyzer::measure(*context.env, context.path(QStringLiteral("chunks/index"))).first;
    report.reclaimedChunkSize = qMax<qint64>(0, packsNow - packBytes) + qMax<qint64>(0, indexNow - indexBytes);
    report.reclaimedSize = overview.reclaimableGcSize + report.reclaimedCacheSize + report.reclaimedTemporarySize;
    return plan;
}

void GarbageCollector::keepWholePacks(GcPlan &plan)
{
    // A pack whose live chunks fill it (magic + chunks, no dead bytes) is kept where it is.
    const auto &packs = *m_session.context().packs();
    QHash<QString, qint64> sizes, liveBytes;
    for (const objectstore::StoredPack &pack : packs.local().list())
        sizes.insert(pack.packId, pack.size);
    if (const auto remote = packs.remote())
        for (const objectstore::StoredPack &pack : remote->list())
            sizes.insert(pack.packId, pack.size);
    QHash<QString, QString> packOf;
    for (const QString &id : std::as_const(plan.liveChunks)) {
        const auto row = m_session.chunk(id);
        if (!row)
            throw IntegrityError(QStringLiteral("chunk missing from index: %1").arg(id));
        liveBytes[row->packId] += row->storedSize;
        packOf.insert(id, row->packId);
    }
    for (auto it = liveBytes.cbegin(); it != liveBytes.cend(); ++it)
        if (sizes.contains(it.key()) && sizes.value(it.key()) == 17 + it.value())
            plan.keptPacks.insert(it.key());
    QStringList copied;
    for (const QString &id : std::as_const(plan.liveChunks))
        if (!plan.keptPacks.contains(packOf.value(id)))
            copied.append(id);
    plan.liveChunks = copied;
}

QString GarbageCollector::repack(const GcPlan &plan)
{
    const RepositoryContext &context = m_session.context();
    const Env &env = *context.env;
    Transaction txn(m_session, QStringLiteral("gc"), QString());
    QList<ChunkRow> rows;
    if (!plan.keptPacks.isEmpty())
        for (const ChunkRow &row : m_session.store().allChunks())
            if (plan.keptPacks.contains(row.packId))
                rows.append(row);
    QString newPack;
    if (!plan.liveChunks.isEmpty()) {
        const QString packId = QStringLiteral("gc-") + txn.txid();
        const QString staged = txn.stagePath(QStringLiteral("chunks/packs/") + packId + QStringLiteral(".pack"));
        PackWriter writer(env, staged);
        QList<ChunkLocation> live;
        for (const QString &id : plan.liveChunks) {
            const auto row = m_session.chunk(id);
            if (!row)
                throw IntegrityError(QStringLiteral("chunk missing from index: %1").arg(id));
            live.append(ChunkLocation{ChunkRef{id, row->checksum, row->compression, 0, row->logicalSize, row->storedSize},
                                      row->packId, row->offset, context.packs()});
        }
        // Verified on every core ahead of the writer, and fetched ahead when in a bucket.
        ChunkPipeline pipeline(live);
        qint64 done = 0;
        while (pipeline.hasNext()) {
            const ChunkLocation &location = live.at(pipeline.nextIndex());
            const std::shared_ptr<StoredRange> range = pipeline.next();
            rows.append(ChunkRow{location.ref.chunkId, packId, writer.append(range->readSlice(0, range->length())),
                                 location.ref.storedSize, location.ref.logicalSize, QStringLiteral("none"), location.ref.checksum});
            m_task.report(++done, plan.liveChunks.size(), QStringLiteral("repack"));
            m_task.checkCancelled();
        }
        writer.finish();
        txn.markStaged();
        newPack = packId;
        context.packs()->publish(txn, staged, packId, m_task);
    } else {
        txn.markStaged();
    }
    m_session.store().replaceChunks(rows);
    for (const auto &[type, ids] : plan.unreachable)
        for (const QString &id : ids)
            m_session.store().deletePayload(type, id);
    txn.markPublished();
    m_task.checkCancelled();
    txn.commit(); // from here on nothing references the files sweep() deletes
    m_session.clearCaches();
    return newPack;
}

GcReport GarbageCollector::sweep(const GcPlan &plan, const QString &newPack)
{
    const RepositoryContext &context = m_session.context();
    const Env &env = *context.env;
    GcReport report = plan.report;
    QStringList oldPacks = plan.packs;
    oldPacks.removeAll(context.packPath(newPack));
    for (const QString &kept : plan.keptPacks)
        oldPacks.removeAll(context.packPath(kept));
    report.reclaimedChunkSize = sizeOf(env, oldPacks) + sizeOf(env, plan.indexFiles);
    for (const QString &path : oldPacks + plan.indexFiles + plan.deadBlobData)
        env.removeFile(path);
    if (plan.pruneCache)
        emptyDirectory(env, context.path(QStringLiteral("cache")));
    for (const char *dir : {"quarantine/objects", "quarantine/packs", "quarantine/manifests"})
        emptyDirectory(env, context.path(QLatin1String(dir)));
    removeOrphanBlobData(report);
    sweepBucket(plan, newPack, report);
    report.reclaimedSize = report.reclaimedObjectSize + report.reclaimedChunkSize + report.reclaimedCacheSize
        + report.reclaimedTemporarySize;
    return report;
}

void GarbageCollector::sweepBucket(const GcPlan &plan, const QString &newPack, GcReport &report)
{
    // Only now, after the database stopped naming them: every pack object but the new one,
    // and the uploads that crashed or failed writers left unfinished.
    const auto remote = m_session.context().packs()->remote();
    if (!remote)
        return;
    qint64 removed = 0, bytes = 0, aborted = 0;
    try {
        for (const objectstore::StoredPack &pack : remote->list()) {
            if (pack.packId == newPack || plan.keptPacks.contains(pack.packId))
                continue;
            remote->remove(pack.packId);
            ++removed;
            bytes += pack.size;
            m_task.checkCancelled();
        }
        for (const objectstore::S3Upload &upload : remote->pendingUploads()) {
            remote->abort(upload);
            ++aborted;
        }
    } catch (const HubVaultError &e) {
        report.notes.append(QStringLiteral("Could not remove every unreferenced object from %1 (%2); run gc again to remove the rest.")
                                .arg(remote->client().location().url(), e.message()));
    }
    report.reclaimedChunkSize += bytes;
    report.removedFileCount += removed;
    if (removed + aborted > 0)
        report.notes.append(QStringLiteral("Removed %1 pack object(s) (%2) and %3 unfinished upload(s) from %4.")
                                .arg(removed)
                                .arg(StorageAnalyzer::formatSize(bytes))
                                .arg(aborted)
                                .arg(remote->client().location().url()));
}

void GarbageCollector::removeOrphanBlobData(GcReport &report)
{
    // A writer interrupted after publishing a .data file but before its COMMIT leaves a
    // file no row names. The original keeps such files forever; they are safe to drop
    // under the exclusive lock, since only a committed row makes a .data file live.
    const RepositoryContext &context = m_session.context();
    const QString root = context.path(QStringLiteral("objects/blobs/sha256"));
    const QSet<QString> blobs = [&] {
        const QStringList ids = m_session.store().objectIds(ObjectType::Blob);
        return QSet<QString>(ids.cbegin(), ids.cend());
    }();
    qint64 removed = 0, bytes = 0;
    for (const QString &path : context.env->filesBelow(root)) {
        const QString rel = QDir(root).relativeFilePath(path); // "<d2>/<d62>.data"
        if (!rel.endsWith(QLatin1String(".data")) || rel.size() != 2 + 1 + 62 + 5)
            continue;
        const QString id = QStringLiteral("sha256:") + rel.left(2) + rel.mid(3, 62);
        if (blobs.contains(id))
            continue;
        bytes += context.env->stat(path).size;
        context.env->removeFile(path);
        ++removed;
    }
    if (removed > 0) {
        report.removedFileCount += removed;
        report.reclaimedObjectSize += bytes;
        report.notes.append(QStringLiteral("Removed %1 orphaned blob file(s) (%2) left by interrupted writes.")
                                .arg(removed)
                                .arg(StorageAnalyzer::formatSize(bytes)));
    }
}

} // namespace hubvault
