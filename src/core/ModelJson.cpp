#include <hubvault/ModelJson.h>

namespace hubvault {

namespace {

template <typename T, typename F>
QJsonValue optional(const std::optional<T> &value, F convert)
{
    return value ? QJsonValue(convert(*value)) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalString(const std::optional<QString> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonArray strings(const QStringList &list)
{
    QJsonArray out;
    for (const QString &s : list)
        out.append(s);
    return out;
}

QJsonObject lastCommitJson(const LastCommitInfo &last)
{
    return QJsonObject{{QStringLiteral("oid"), last.oid},
                       {QStringLiteral("title"), last.title},
                       {QStringLiteral("date"), ModelJson::isoDate(last.date)}};
}

} // namespace

QString ModelJson::isoDate(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss")) + QStringLiteral("+00:00");
}

QJsonObject ModelJson::toJson(const RepoInfo &info)
{
    return QJsonObject{{QStringLiteral("repo_path"), info.repoPath},
                       {QStringLiteral("format_version"), info.formatVersion},
                       {QStringLiteral("default_branch"), info.defaultBranch},
                       {QStringLiteral("head"), optionalString(info.head)},
                       {QStringLiteral("refs"), strings(info.refs)}};
}

QJsonObject ModelJson::toJson(const RepoFile &file)
{
    return QJsonObject{
        {QStringLiteral("path"), file.path},
        {QStringLiteral("size"), file.size},
        {QStringLiteral("blob_id"), file.blobId},
        {QStringLiteral("lfs"), optional(file.lfs, [](const BlobLfsInfo &lfs) {
             return QJsonObject{{QStringLiteral("size"), lfs.size},
                                {QStringLiteral("sha256"), lfs.sha256},
                                {QStringLiteral("pointer_size"), lfs.pointerSize}};
         })},
        {QStringLiteral("last_commit"), optional(file.lastCommit, lastCommitJson)},
        {QStringLiteral("security"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("oid"), file.oid},
        {QStringLiteral("sha256"), file.sha256},
        {QStringLiteral("etag"), file.etag}};
}

QJsonObject ModelJson::toJson(const RepoFolder &folder)
{
    return QJsonObject{{QStringLiteral("path"), folder.path},
                       {QStringLiteral("tree_id"), folder.treeId},
                       {QStringLiteral("last_commit"), optional(folder.lastCommit, lastCommitJson)}};
}

QJsonObject ModelJson::toJson(const RepoEntry &entry)
{
    return entry.isFolder ? toJson(entry.folder) : toJson(entry.file);
}

QJsonObject ModelJson::toJson(const GitCommitInfo &commit)
{
    return QJsonObject{{QStringLiteral("commit_id"), commit.commitId},
                       {QStringLiteral("authors"), strings(commit.authors)},
                       {QStringLiteral("created_at"), isoDate(commit.createdAt)},
                       {QStringLiteral("title"), commit.title},
                       {QStringLiteral("message"), commit.message}};
}

QJsonObject ModelJson::toJson(const CommitFileVersionInfo &file)
{
    return QJsonObject{{QStringLiteral("path"), file.path},     {QStringLiteral("size"), file.size},
                       {QStringLiteral("oid"), file.oid},       {QStringLiteral("blob_id"), file.blobId},
                       {QStringLiteral("sha256"), file.sha256}};
}

QJsonObject ModelJson::toJson(const CommitChangeInfo &change)
{
    auto version = [](const CommitFileVersionInfo &f) { return toJson(f); };
    return QJsonObject{{QStringLiteral("path"), change.path},
                       {QStringLiteral("change_type"), wireName(change.changeType)},
                       {QStringLiteral("old_file"), optional(change.oldFile, version)},
                       {QStringLiteral("new_file"), optional(change.newFile, version)},
                       {QStringLiteral("is_binary"), change.isBinary},
                       {QStringLiteral("unified_diff"), optionalString(change.unifiedDiff)}};
}

QJsonObject ModelJson::toJson(const CommitDetailInfo &detail)
{
    return QJsonObject{{QStringLiteral("commit"), toJson(detail.commit)},
                       {QStringLiteral("parent_commit_ids"), strings(detail.parentCommitIds)},
                       {QStringLiteral("compare_parent_commit_id"), optionalString(detail.compareParentCommitId)},
                       {QStringLiteral("changes"), toJsonArray(detail.changes)}};
}

QJsonObject ModelJson::toJson(const GitRefInfo &ref)
{
    return QJsonObject{{QStringLiteral("name"), ref.name},
                       {QStringLiteral("ref"), ref.ref},
                       {QStringLiteral("target_commit"), optionalString(ref.targetCommit)}};
}

QJsonObject ModelJson::toJson(const GitRefs &refs)
{
    return QJsonObject{{QStringLiteral("branches"), toJsonArray(refs.branches)},
                       {QStringLiteral("converts"), toJsonArray(refs.converts)},
                       {QStringLiteral("tags"), toJsonArray(refs.tags)},
                       {QStringLiteral("pull_requests"), QJsonValue(QJsonValue::Null)}};
}

QJsonObject ModelJson::toJson(const ReflogEntry &entry)
{
    return QJsonObject{{QStringLiteral("timestamp"), isoDate(entry.timestamp)},
                       {QStringLiteral("ref_name"), entry.refName},
                       {QStringLiteral("old_head"), optionalString(entry.oldHead)},
                       {QStringLiteral("new_head"), optionalString(entry.newHead)},
                       {QStringLiteral("message"), entry.message},
                       {QStringLiteral("checksum"), entry.checksum}};
}

QJsonObject ModelJson::toJson(const VerifyReport &report)
{
    return QJsonObject{{QStringLiteral("ok"), report.ok},
                       {QStringLiteral("checked_refs"), strings(report.checkedRefs)},
                       {QStringLiteral("warnings"), strings(report.warnings)},
                       {QStringLiteral("errors"), strings(report.errors)}};
}

QJsonObject ModelJson::toJson(const CommitInfo &info)
{
    return QJsonObject{{QStringLiteral("commit_url"), info.commitUrl},
                       {QStringLiteral("commit_message"), info.commitMessage},
                       {QStringLiteral("commit_description"), info.commitDescription},
                       {QStringLiteral("oid"), info.oid},
                       {QStringLiteral("pr_url"), QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("repo_url"), info.repoUrl},
                       {QStringLiteral("pr_revision"), QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("pr_num"), QJsonValue(QJsonValue::Null)}};
}

QJsonObject ModelJson::toJson(const MergeConflict &c)
{
    return QJsonObject{{QStringLiteral("path"), c.path},
                       {QStringLiteral("conflict_type"), c.conflictType},
                       {QStringLiteral("message"), c.message},
                       {QStringLiteral("base_oid"), optionalString(c.baseOid)},
                       {QStringLiteral("target_oid"), optionalString(c.targetOid)},
                       {QStringLiteral("source_oid"), optionalString(c.sourceOid)},
                       {QStringLiteral("related_path"), optionalString(c.relatedPath)}};
}

QJsonObject ModelJson::toJson(const MergeResult &r)
{
    return QJsonObject{{QStringLiteral("status"), wireName(r.status)},
                       {QStringLiteral("target_revision"), r.targetRevision},
                       {QStringLiteral("source_revision"), r.sourceRevision},
                       {QStringLiteral("base_commit"), optionalString(r.baseCommit)},
                       {QStringLiteral("target_head_before"), optionalString(r.targetHeadBefore)},
                       {QStringLiteral("source_head"), optionalString(r.sourceHead)},
                       {QStringLiteral("head_after"), optionalString(r.headAfter)},
                       {QStringLiteral("commit"), optional(r.commit, [](const CommitInfo &c) { return toJson(c); })},
                       {QStringLiteral("conflicts"), toJsonArray(r.conflicts)},
                       {QStringLiteral("fast_forward"), r.fastForward},
                       {QStringLiteral("created_commit"), r.createdCommit}};
}

QJsonObject ModelJson::toJson(const GcReport &r)
{
    return QJsonObject{{QStringLiteral("dry_run"), r.dryRun},
                       {QStringLiteral("checked_refs"), strings(r.checkedRefs)},
                       {QStringLiteral("reclaimed_size"), r.reclaimedSize},
                       {QStringLiteral("reclaimed_object_size"), r.reclaimedObjectSize},
                       {QStringLiteral("reclaimed_chunk_size"), r.reclaimedChunkSize},
                       {QStringLiteral("reclaimed_cache_size"), r.reclaimedCacheSize},
                       {QStringLiteral("reclaimed_temporary_size"), r.reclaimedTemporarySize},
                       {QStringLiteral("removed_file_count"), r.removedFileCount},
                       {QStringLiteral("notes"), strings(r.notes)}};
}

QJsonObject ModelJson::toJson(const SquashReport &r)
{
    return QJsonObject{{QStringLiteral("ref_name"), r.refName},
                       {QStringLiteral("old_head"), r.oldHead},
                       {QStringLiteral("new_head"), r.newHead},
                       {QStringLiteral("root_commit_before"), r.rootCommitBefore},
                       {QStringLiteral("rewritten_commit_count"), r.rewrittenCommitCount},
                       {QStringLiteral("dropped_ancestor_count"), r.droppedAncestorCount},
                       {QStringLiteral("blocking_refs"), strings(r.blockingRefs)},
                       {QStringLiteral("gc_report"), optional(r.gcReport, [](const GcReport &g) { return toJson(g); })}};
}

QJsonObject ModelJson::toJson(const StorageSectionInfo &s)
{
    return QJsonObject{{QStringLiteral("name"), s.name},
                       {QStringLiteral("path"), s.path},
                       {QStringLiteral("total_size"), s.totalSize},
                       {QStringLiteral("file_count"), s.fileCount},
                       {QStringLiteral("reclaimable_size"), s.reclaimableSize},
                       {QStringLiteral("reclaim_strategy"), wireName(s.reclaimStrategy)},
                       {QStringLiteral("notes"), s.notes}};
}

QJsonObject ModelJson::toJson(const StorageOverview &o)
{
    return QJsonObject{{QStringLiteral("total_size"), o.totalSize},
                       {QStringLiteral("reachable_size"), o.reachableSize},
                       {QStringLiteral("historical_retained_size"), o.historicalRetainedSize},
                       {QStringLiteral("reclaimable_gc_size"), o.reclaimableGcSize},
                       {QStringLiteral("reclaimable_cache_size"), o.reclaimableCacheSize},
                       {QStringLiteral("reclaimable_temporary_size"), o.reclaimableTemporarySize},
                       {QStringLiteral("sections"), toJsonArray(o.sections)},
                       {QStringLiteral("recommendations"), strings(o.recommendations)}};
}

QJsonObject ModelJson::toJson(const StorageSummary &summary)
{
    return QJsonObject{{QStringLiteral("total_size"), summary.totalSize},
                       {QStringLiteral("total_file_count"), summary.totalFileCount},
                       {QStringLiteral("metadata_size"), summary.metadataSize},
                       {QStringLiteral("metadata_file_count"), summary.metadataFileCount},
                       {QStringLiteral("branch_count"), summary.branchCount},
                       {QStringLiteral("tag_count"), summary.tagCount}};
}

QJsonObject ModelJson::toJson(const PackStatus &pack)
{
    return QJsonObject{{QStringLiteral("pack_id"), pack.packId},
                       {QStringLiteral("size"), pack.size},
                       {QStringLiteral("live_size"), pack.liveSize},
                       {QStringLiteral("place"), wireName(pack.place)}};
}

QJsonObject ModelJson::toJson(const PackStorageStatus &status)
{
    return QJsonObject{{QStringLiteral("attached"), status.attached},
                       {QStringLiteral("url"), status.url},
                       {QStringLiteral("endpoint"), status.endpoint},
                       {QStringLiteral("region"), status.region},
                       {QStringLiteral("profile"), status.profile},
                       {QStringLiteral("cache_limit"), status.cacheLimit},
                       {QStringLiteral("cache_size"), status.cacheSize},
                       {QStringLiteral("packs"), toJsonArray(status.packs)},
                       {QStringLiteral("local_size"), status.localSize},
                       {QStringLiteral("remote_size"), status.remoteSize},
                       {QStringLiteral("unreferenced_object_count"), status.unreferencedObjectCount},
                       {QStringLiteral("unreferenced_object_size"), status.unreferencedObjectSize},
                       {QStringLiteral("pending_upload_count"), status.pendingUploadCount}};
}

QJsonObject ModelJson::toJson(const PackTransferReport &report)
{
    return QJsonObject{{QStringLiteral("moved_count"), report.movedCount},
                       {QStringLiteral("moved_size"), report.movedSize},
                       {QStringLiteral("kept_count"), report.keptCount},
                       {QStringLiteral("freed_local_size"), report.freedLocalSize}};
}

} // namespace hubvault
