#include "StorageAnalyzer.h"

#include <hubvault/Errors.h>
#include "CanonicalJson.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "WorkPool.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QScopeGuard>
#include <QJsonObject>
#include <algorithm>

namespace hubvault {

namespace {

const ObjectType kTypes[] = {ObjectType::Commit, ObjectType::Tree, ObjectType::File, ObjectType::Blob};
const QString kPlanPack = QStringLiteral("gc-0000000000000000-00000000");

StorageSectionInfo section(const char *name, const char *path, qint64 total, qint64 count, qint64 reclaimable,
                           ReclaimStrategy strategy, const char *notes)
{
    return StorageSectionInfo{QLatin1String(name), QLatin1String(path), total, count, reclaimable, strategy,
                              QLatin1String(notes)};
}

} // namespace

StorageAnalyzer::StorageAnalyzer(RepoSession &session, const TaskControl &task) : m_session(session)
{
    // Walking the directories and loading the graph are independent: they run side by
    // side, the walk's results are joined in below (measureRepository).
    for (const char *section : {"FORMAT", "metadata.sqlite3", "locks", "chunks/packs", "chunks/index", "cache", "txn", "quarantine"})
        m_sections.insert(QLatin1String(section), {0, 0});
    std::future<QHash<QString, qint64>> walked = WorkPool::instance().submit([this] { return measureRepository(); });
    const auto join = qScopeGuard([&] {
        if (walked.valid())
            walked.wait(); // it writes into this object, even when an error unwinds
    });
    m_graph = ObjectGraph::load(session.store(), task);
    QList<int> heads;
    for (const RefRow &row : session.refs()) {
        if (row.commitId.isEmpty())
            continue;
        const int head = m_graph.find(ObjectType::Commit, row.commitId);
        if (head < 0)
            throw IntegrityError(QStringLiteral("commit object %1 is missing from the metadata database; run full verification")
                                     .arg(row.commitId));
        heads.append(head);
    }
    m_live = m_graph.reach(heads, true);
    task.checkCancelled();
    m_tip = m_graph.reach(heads, false);
    task.checkCancelled();
    for (ObjectType type : kTypes) {
        std::vector<qint64> &sizes = m_sizes[type];
        sizes.resize(size_t(m_graph.count(type)));
        for (int i = 0; i < m_graph.count(type); ++i)
            sizes[size_t(i)] = m_graph.payloadSize(type, i);
    }
    // A blob is its payload plus its .data file.
    const QHash<QString, qint64> dataFiles = walked.get();
    for (auto it = dataFiles.cbegin(); it != dataFiles.cend(); ++it) {
        const int index = m_graph.find(ObjectType::Blob, it.key());
        if (index >= 0) {
            m_sizes[ObjectType::Blob][size_t(index)] += it.value();
            m_blobDataBytes += it.value();
        }
    }
}

qint64 StorageAnalyzer::objectSize(ObjectType type, const QString &id) const
{
    const int index = m_graph.find(type, id);
    if (index >= 0)
        return m_sizes.at(type).at(size_t(index));
    const qsizetype odd = m_graph.oddIds(type).indexOf(id);
    return odd >= 0 ? m_graph.oddSizes(type).at(odd) : 0;
}

QStringList StorageAnalyzer::unreachable(ObjectType type) const
{
    QStringList out = m_graph.oddIds(type); // no digest reaches them
    const std::vector<bool> &live = m_live.of(type);
    for (int i = 0; i < m_graph.count(type); ++i) {
        if (!live[size_t(i)])
            out.append(m_graph.id(type, i));
    }
    std::sort(out.begin(), out.end());
    return out;
}

qint64 StorageAnalyzer::bytes(ObjectType type, const ObjectGraph::Reach &set, bool reached) const
{
    const std::vector<bool> &flags = set.of(type);
    const std::vector<qint64> &sizes = m_sizes.at(type);
    qint64 total = 0;
    for (size_t i = 0; i < sizes.size(); ++i) {
        if (flags[i] == reached)
            total += sizes[i];
    }
    if (!reached) {
        for (qint64 size : m_graph.oddSizes(type))
            total += size;
    }
    return total;
}

qint64 StorageAnalyzer::unreachableBytes(ObjectType type) const
{
    return bytes(type, m_live, false);
}

qint64 StorageAnalyzer::typeTotal(ObjectType type) const
{
    return bytes(type, m_live, true) + bytes(type, m_live, false);
}

QStringList StorageAnalyzer::chunksOf(const ObjectGraph::Reach &set) const
{
    QStringList out;
    for (int i = 0; i < m_graph.chunkCount(); ++i) {
        if (set.chunks[size_t(i)])
            out.append(m_graph.chunkId(i));
    }
    std::sort(out.begin(), out.end());
    return out;
}

QStringList StorageAnalyzer::liveChunks() const
{
    return chunksOf(m_live);
}

QPair<qint64, qint64> StorageAnalyzer::chunkPlan(const QStringList &chunkIds) const
{
    QStringList sorted = chunkIds;
    std::sort(sorted.begin(), sorted.end());
    qint64 offset = 17, indexBytes = 0;
    for (const QString &id : std::as_const(sorted)) {
        const int index = m_graph.findChunk(id);
        const qint64 size = index < 0 ? 0 : m_graph.chunkSize(index);
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


QPair<qint64, qint64> StorageAnalyzer::measure(const Env &env, const QString &path)
{
    // lstat sizes: a symlink counts as its own small size, never as its target's.
    const FileStat top = env.stat(path);
    if (!top.exists)
        return {0, 0};
    if (!top.isDir)
        return {top.size, 1};
    qint64 bytes = 0, files = 0;
    env.walkFiles(path, [&](const QString &, qint64 size) {
        bytes += size;
        ++files;
    });
    return {bytes, files};
}

QHash<QString, qint64> StorageAnalyzer::measureRepository()
{
    // One walk of the whole repository gives every section's bytes and files, and the
    // size of each blob's .data file (objects/blobs/sha256/<d2>/<d62>.data) by blob id.
    const QString blobs = QStringLiteral("objects/blobs/sha256/");
    QHash<QString, qint64> dataFiles;
    m_session.context().env->walkFiles(m_session.context().root, [&](const QString &path, qint64 size) {
        m_totalSize += size;
        for (auto it = m_sections.begin(); it != m_sections.end(); ++it) {
            if (path == it.key() || (path.startsWith(it.key()) && path.at(it.key().size()) == QLatin1Char('/'))) {
                it->first += size;
                it->second += 1;
            }
        }
        if (path.size() == blobs.size() + 2 + 1 + 62 + 5 && path.startsWith(blobs) && path.endsWith(QLatin1String(".data"))) {
            dataFiles.insert(QStringLiteral("sha256:") + path.mid(blobs.size(), 2) + path.mid(blobs.size() + 3, 62), size);
        }
    });
    return dataFiles;
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

    auto at = [&](const char *rel) { return m_sections.value(QLatin1String(rel)); };
    StorageOverview out;

    qint64 metaBytes = 0, metaFiles = 0;
    for (const char *rel : {"FORMAT", "metadata.sqlite3", "locks"}) {
        const auto [b, f] = at(rel);
        metaBytes += b;
        metaFiles += f;
    }
    const auto [liveChunkPack, liveChunkIndex] = chunkPlan(chunksOf(m_live));
    const auto [tipChunkPack, tipChunkIndex] = chunkPlan(chunksOf(m_tip));
    const qint64 liveChunk = liveChunkPack + liveChunkIndex, tipChunk = tipChunkPack + tipChunkIndex;

    qint64 liveObjects = 0, retained = 0, unreachableTotal = 0;
    for (ObjectType type : kTypes) {
        const qint64 liveBytes = bytes(type, m_live, true), tipBytes = bytes(type, m_tip, true);
        liveObjects += liveBytes;
        retained += qMax<qint64>(0, liveBytes - tipBytes);
        unreachableTotal += unreachableBytes(type);
    }
    retained += qMax<qint64>(0, liveChunk - tipChunk);
    const auto packs = at("chunks/packs"), index = at("chunks/index"), cache = at("cache"), txn = at("txn"),
               quarantine = at("quarantine");

    out.totalSize = m_totalSize;
    out.reachableSize = metaBytes + liveObjects + liveChunk;
    out.historicalRetainedSize = retained;
    out.reclaimableGcSize = unreachableTotal + qMax<qint64>(0, packs.first + index.first - liveChunk);
    out.reclaimableCacheSize = cache.first;
    out.reclaimableTemporarySize = quarantine.first;

    const qint64 dataBytes = m_blobDataBytes;
    auto rows = [&](ObjectType type) { return m_graph.count(type) + m_graph.oddIds(type).size(); };
    const qint64 blobRows = rows(ObjectType::Blob);
    out.sections = {
        section("repo.metadata", "FORMAT + metadata.sqlite3 + locks/", metaBytes, metaFiles, 0, ReclaimStrategy::Keep,
                "Core repository metadata now lives in repo-local SQLite plus the shared repo lock."),
        section("objects.commits", "objects/commits/", typeTotal(ObjectType::Commit), rows(ObjectType::Commit),
                unreachableBytes(ObjectType::Commit), ReclaimStrategy::Gc,
                "Commit containers; unreachable ones are removed by gc(), while reachable historical ones require squash_history()."),
        section("objects.trees", "objects/trees/", typeTotal(ObjectType::Tree), rows(ObjectType::Tree),
                unreachableBytes(ObjectType::Tree), ReclaimStrategy::Gc, "Tree containers for directory snapshots."),
        section("objects.files", "objects/files/", typeTotal(ObjectType::File), rows(ObjectType::File),
                unreachableBytes(ObjectType::File), ReclaimStrategy::Gc,
                "File metadata objects; older live versions are counted under historical_retained_size until history is squashed."),
        section("objects.blobs.meta", "objects/blobs/*.meta.json", 0, blobRows, 0, ReclaimStrategy::Gc,
                "Blob metadata sidecars. Their reclaimable bytes are tied to blob payload reclamation below."),
        section("objects.blobs.data", "objects/blobs/*.data", dataBytes, blobRows, unreachableBytes(ObjectType::Blob), ReclaimStrategy::Gc,
                "Whole-file blob payloads."),
        section("chunks.packs", "chunks/packs/", packs.first, packs.second, qMax<qint64>(0, packs.first - liveChunkPack), ReclaimStrategy::Gc,
                "Chunk pack files. gc() rewrites live chunks into a compact pack layout before deleting old packs."),
        section("chunks.index", "chunks/index/", index.first, index.second, qMax<qint64>(0, index.first - liveChunkIndex), ReclaimStrategy::Gc,
                "Visible manifest plus immutable index segments for chunk lookups."),
        section("cache", "cache/", cache.first, cache.second, cache.first, ReclaimStrategy::PruneCache,
                "Managed detached downloads and snapshots that can be rebuilt without changing committed data."),
        section("txn", "txn/", txn.first, txn.second, 0, ReclaimStrategy::ManualReview,
                "Transaction leftovers should normally be empty after recovery; inspect before manual removal."),
        section("quarantine", "quarantine/", quarantine.first, quarantine.second, quarantine.first, ReclaimStrategy::Gc,
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
