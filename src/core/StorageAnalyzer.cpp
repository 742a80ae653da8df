#include "StorageAnalyzer.h"

#include "CanonicalJson.h"
#include "RepoSession.h"
#include "RepositoryContext.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>

namespace hubvault {

namespace {

const ObjectType kTypes[] = {ObjectType::Commit, ObjectType::Tree, ObjectType::File, ObjectType::Blob};
const QString kPlanPack = QStringLiteral("gc-0000000000000000-00000000");

StorageSectionInfo section(const char *name, const char *path, qint64 total, qint64 count, qint64 reclaimable,
                           const char *strategy, const char *notes)
{
    return StorageSectionInfo{QLatin1String(name), QLatin1String(path), total, count, reclaimable,
                              QLatin1String(strategy), QLatin1String(notes)};
}

} // namespace

StorageAnalyzer::StorageAnalyzer(RepoSession &session) : m_session(session)
{
    m_live = Reachability::fromRefs(session, true);
    m_tip = Reachability::fromRefs(session, false);
    for (ObjectType type : kTypes)
        m_sizes[type] = session.store().payloadSizes(type);
    const RepositoryContext &context = session.context();
    for (auto it = m_sizes[ObjectType::Blob].begin(); it != m_sizes[ObjectType::Blob].end(); ++it) {
        const FileStat st = context.env->stat(context.blobDataPath(it.key()), true);
        if (st.isFile)
            it.value() += st.size;
    }
    for (const ChunkRow &row : session.store().allChunks())
        m_chunkSizes.insert(row.chunkId, row.storedSize);
}

const QSet<QString> &StorageAnalyzer::setFor(const ReachableSet &set, ObjectType type)
{
    switch (type) {
    case ObjectType::Commit: return set.commits;
    case ObjectType::Tree: return set.trees;
    case ObjectType::File: return set.files;
    case ObjectType::Blob: return set.blobs;
    }
    return set.commits;
}

qint64 StorageAnalyzer::objectSize(ObjectType type, const QString &id) const
{
    return m_sizes.at(type).value(id);
}

QStringList StorageAnalyzer::unreachable(ObjectType type) const
{
    QStringList out;
    const QSet<QString> &live = setFor(m_live, type);
    for (auto it = m_sizes.at(type).cbegin(); it != m_sizes.at(type).cend(); ++it) {
        if (!live.contains(it.key()))
            out.append(it.key());
    }
    std::sort(out.begin(), out.end());
    return out;
}

qint64 StorageAnalyzer::unreachableBytes(ObjectType type) const
{
    qint64 total = 0;
    for (const QString &id : unreachable(type))
        total += objectSize(type, id);
    return total;
}

QPair<qint64, qint64> StorageAnalyzer::chunkPlan(const QSet<QString> &chunks) const
{
    QStringList sorted(chunks.cbegin(), chunks.cend());
    std::sort(sorted.begin(), sorted.end());
    qint64 offset = 17, indexBytes = 0;
    for (const QString &id : sorted) {
        const qint64 size = m_chunkSizes.value(id);
        // The index line the original would write: default-separator JSON, one per line.
        const QJsonObject line{{QStringLiteral("checksum"), id}, {QStringLiteral("chunk_id"), id},
                               {QStringLiteral("compression"), QStringLiteral("none")}, {QStringLiteral("logical_size"), size},
                               {QStringLiteral("offset"), offset}, {QStringLiteral("pack_id"), kPlanPack},
                               {QStringLiteral("stored_size"), size}};
        indexBytes += CanonicalJson::serializeSpaced(line).size() + 1;
        offset += size;
    }
    QJsonArray l0;
    if (!sorted.isEmpty())
        l0.append(QStringLiteral("seg-") + kPlanPack + QStringLiteral(".idx"));
    const QJsonObject manifest{{QStringLiteral("format_version"), 1},
                               {QStringLiteral("levels"), QJsonObject{{QStringLiteral("L0"), l0},
                                                                      {QStringLiteral("L1"), QJsonArray()},
                                                                      {QStringLiteral("L2"), QJsonArray()}}}};
    indexBytes += CanonicalJson::serialize(manifest).size();
    return {sorted.isEmpty() ? 0 : offset, indexBytes};
}

QPair<qint64, qint64> StorageAnalyzer::measure(const QString &path)
{
    // lstat sizes: a symlink counts as its own small size, never as its target's.
    const Env &env = *Env::system();
    const FileStat top = env.stat(path);
    if (!top.exists)
        return {0, 0};
    if (!top.isDir)
        return {top.size, 1};
    qint64 bytes = 0, files = 0;
    QDirIterator it(path, QDir::Files | QDir::System | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const FileStat st = env.stat(it.next());
        if (st.isDir)
            continue;
        bytes += st.size;
        ++files;
    }
    return {bytes, files};
}

QString StorageAnalyzer::formatSize(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = double(bytes);
    int unit = -1;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1String(units[unit]));
}

StorageOverview StorageAnalyzer::overview()
{
    const RepositoryContext &context = m_session.context();
    auto at = [&](const char *rel) { return measure(context.path(QLatin1String(rel))); };
    StorageOverview out;

    qint64 metaBytes = 0, metaFiles = 0;
    for (const char *rel : {"FORMAT", "metadata.sqlite3", "locks"}) {
        const auto [b, f] = at(rel);
        metaBytes += b;
        metaFiles += f;
    }
    const auto [liveChunkPack, liveChunkIndex] = chunkPlan(m_live.chunks);
    const auto [tipChunkPack, tipChunkIndex] = chunkPlan(m_tip.chunks);
    const qint64 liveChunk = liveChunkPack + liveChunkIndex, tipChunk = tipChunkPack + tipChunkIndex;

    qint64 liveObjects = 0, retained = 0, unreachableTotal = 0;
    for (ObjectType type : kTypes) {
        qint64 liveBytes = 0, tipBytes = 0;
        for (const QString &id : setFor(m_live, type))
            liveBytes += objectSize(type, id);
        for (const QString &id : setFor(m_tip, type))
            tipBytes += objectSize(type, id);
        liveObjects += liveBytes;
        retained += qMax<qint64>(0, liveBytes - tipBytes);
        unreachableTotal += unreachableBytes(type);
    }
    retained += qMax<qint64>(0, liveChunk - tipChunk);
    const auto packs = at("chunks/packs"), index = at("chunks/index"), cache = at("cache"), txn = at("txn"),
               quarantine = at("quarantine");

    out.totalSize = measure(context.root).first;
    out.reachableSize = metaBytes + liveObjects + liveChunk;
    out.historicalRetainedSize = retained;
    out.reclaimableGcSize = unreachableTotal + qMax<qint64>(0, packs.first + index.first - liveChunk);
    out.reclaimableCacheSize = cache.first;
    out.reclaimableTemporarySize = quarantine.first;

    auto typeTotal = [&](ObjectType type) {
        qint64 total = 0;
        for (auto it = m_sizes.at(type).cbegin(); it != m_sizes.at(type).cend(); ++it)
            total += it.value();
        return total;
    };
    qint64 dataBytes = 0;
    for (auto it = m_sizes.at(ObjectType::Blob).cbegin(); it != m_sizes.at(ObjectType::Blob).cend(); ++it) {
        const FileStat st = context.env->stat(context.blobDataPath(it.key()), true);
        if (st.isFile)
            dataBytes += st.size;
    }
    const qint64 blobRows = m_sizes.at(ObjectType::Blob).size();
    out.sections = {
        section("repo.metadata", "FORMAT + metadata.sqlite3 + locks/", metaBytes, metaFiles, 0, "keep",
                "Core repository metadata now lives in repo-local SQLite plus the shared repo lock."),
        section("objects.commits", "objects/commits/", typeTotal(ObjectType::Commit), m_sizes.at(ObjectType::Commit).size(),
                unreachableBytes(ObjectType::Commit), "gc",
                "Commit containers; unreachable ones are removed by gc(), while reachable historical ones require squash_history()."),
        section("objects.trees", "objects/trees/", typeTotal(ObjectType::Tree), m_sizes.at(ObjectType::Tree).size(),
                unreachableBytes(ObjectType::Tree), "gc", "Tree containers for directory snapshots."),
        section("objects.files", "objects/files/", typeTotal(ObjectType::File), m_sizes.at(ObjectType::File).size(),
                unreachableBytes(ObjectType::File), "gc",
                "File metadata objects; older live versions are counted under historical_retained_size until history is squashed."),
        section("objects.blobs.meta", "objects/blobs/*.meta.json", 0, blobRows, 0, "gc",
                "Blob metadata sidecars. Their reclaimable bytes are tied to blob payload reclamation below."),
        section("objects.blobs.data", "objects/blobs/*.data", dataBytes, blobRows, unreachableBytes(ObjectType::Blob), "gc",
                "Whole-file blob payloads."),
        section("chunks.packs", "chunks/packs/", packs.first, packs.second, qMax<qint64>(0, packs.first - liveChunkPack), "gc",
                "Chunk pack files. gc() rewrites live chunks into a compact pack layout before deleting old packs."),
        section("chunks.index", "chunks/index/", index.first, index.second, qMax<qint64>(0, index.first - liveChunkIndex), "gc",
                "Visible manifest plus immutable index segments for chunk lookups."),
        section("cache", "cache/", cache.first, cache.second, cache.first, "prune-cache",
                "Managed detached downloads and snapshots that can be rebuilt without changing committed data."),
        section("txn", "txn/", txn.first, txn.second, 0, "manual-review",
                "Transaction leftovers should normally be empty after recovery; inspect before manual removal."),
        section("quarantine", "quarantine/", quarantine.first, quarantine.second, quarantine.first, "gc",
                "Previously isolated files awaiting final deletion."),
    };

    if (out.reclaimableGcSize > 0)
        out.recommendations.append(QStringLiteral("Run gc() to reclaim about %1 of unreachable objects and stale chunk storage.")
                                       .arg(formatSize(out.reclaimableGcSize)));
    if (out.reclaimableCacheSize > 0)
        out.recommendations.append(QStringLiteral("Managed cache directories account for about %1; run gc(prune_cache=True) to rebuild them on demand.")
                                       .arg(formatSize(out.reclaimableCacheSize)));
    if (out.historicalRetainedSize > 0)
        out.recommendations.append(QStringLiteral("About %1 is retained only for rollback/history; use squash_history(...) before gc() if you want to free it.")
                                       .arg(formatSize(out.historicalRetainedSize)));
    if (txn.first > 0 || txn.second > 0)
        out.recommendations.append(QStringLiteral("Transaction leftovers take about %1 under txn/; inspect them before removing anything by hand.")
                                       .arg(formatSize(txn.first)));
    if (out.reclaimableTemporarySize > 0)
        out.recommendations.append(QStringLiteral("Quarantine holds about %1 of isolated files; run gc() to delete them.")
                                       .arg(formatSize(out.reclaimableTemporarySize)));
    if (out.recommendations.isEmpty())
        out.recommendations.append(QStringLiteral("Storage is compact; there is nothing to reclaim right now."));
    return out;
}

} // namespace hubvault
