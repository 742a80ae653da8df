// Wire models parsed into the core's structs, and ordered request bodies (see RemoteJson.h).
#include "RemoteJson.h"

#include <hubvault/Errors.h>

#include <QJsonDocument>

namespace hubvault::remote {

namespace wire {

namespace {

[[noreturn]] void malformed(const QString &what)
{
    throw HubVaultRemoteProtocolError(QStringLiteral("Remote response is malformed: %1.").arg(what));
}

QJsonArray arrayOf(const QJsonValue &value, const char *what)
{
    if (!value.isArray())
        malformed(QStringLiteral("%1 must be a JSON array").arg(QLatin1String(what)));
    return value.toArray();
}

QDateTime date(const QJsonObject &o, const char *key)
{
    const QDateTime parsed = QDateTime::fromString(string(o, key), Qt::ISODate);
    if (!parsed.isValid())
        malformed(QStringLiteral("%1 must be an ISO-8601 date").arg(QLatin1String(key)));
    return parsed.toUTC();
}

template <typename T, typename F>
QList<T> listOf(const QJsonValue &value, const char *what, F parse)
{
    QList<T> out;
    for (const QJsonValue &item : arrayOf(value, what))
        out.append(parse(item));
    return out;
}

std::optional<LastCommitInfo> lastCommit(const QJsonValue &value)
{
    if (value.isNull())
        return std::nullopt;
    const QJsonObject o = object(value, "last_commit");
    return LastCommitInfo{string(o, "oid"), string(o, "title"), date(o, "date")};
}

std::optional<CommitFileVersionInfo> fileVersion(const QJsonValue &value)
{
    if (value.isNull())
        return std::nullopt;
    const QJsonObject o = object(value, "file version");
    return CommitFileVersionInfo{string(o, "path"), integer(o, "size"), string(o, "oid"), string(o, "blob_id"),
                                 string(o, "sha256")};
}

CommitChangeInfo change(const QJsonValue &value)
{
    const QJsonObject o = object(value, "change");
    CommitChangeInfo c;
    c.path = string(o, "path");
    const auto kind = changeKindFromString(string(o, "change_type"));
    if (!kind)
        malformed(QStringLiteral("unknown change_type %1").arg(string(o, "change_type")));
    c.changeType = *kind;
    c.oldFile = fileVersion(o.value(QLatin1String("old_file")));
    c.newFile = fileVersion(o.value(QLatin1String("new_file")));
    c.isBinary = boolean(o, "is_binary");
    c.unifiedDiff = optString(o, "unified_diff");
    return c;
}

GitRefInfo ref(const QJsonValue &value)
{
    const QJsonObject o = object(value, "ref");
    return GitRefInfo{string(o, "name"), string(o, "ref"), optString(o, "target_commit")};
}

ReflogEntry reflogEntry(const QJsonValue &value)
{
    const QJsonObject o = object(value, "reflog entry");
    return ReflogEntry{date(o, "timestamp"), string(o, "ref_name"), optString(o, "old_head"), optString(o, "new_head"),
                       string(o, "message"), string(o, "checksum")};
}

MergeConflict conflict(const QJsonValue &value)
{
    const QJsonObject o = object(value, "conflict");
    return MergeConflict{string(o, "path"),        string(o, "conflict_type"), string(o, "message"),
                         optString(o, "base_oid"), optString(o, "target_oid"), optString(o, "source_oid"),
                         optString(o, "related_path")};
}

StorageSectionInfo section(const QJsonValue &value)
{
    const QJsonObject o = object(value, "storage section");
    StorageSectionInfo s;
    s.name = string(o, "name");
    s.path = string(o, "path");
    s.totalSize = integer(o, "total_size");
    s.fileCount = integer(o, "file_count");
    s.reclaimableSize = integer(o, "reclaimable_size");
    const auto strategy = reclaimStrategyFromString(string(o, "reclaim_strategy"));
    if (!strategy)
        malformed(QStringLiteral("unknown reclaim_strategy %1").arg(string(o, "reclaim_strategy")));
    s.reclaimStrategy = *strategy;
    s.notes = string(o, "notes");
    return s;
}

} // namespace

QJsonObject object(const QJsonValue &value, const char *what)
{
    if (!value.isObject())
        throw HubVaultRemoteProtocolError(QStringLiteral("%1 must be a JSON object.").arg(QLatin1String(what)));
    return value.toObject();
}

QString string(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString() && !v.isNull())
        malformed(QStringLiteral("%1 must be a string").arg(QLatin1String(key)));
    return v.toString();
}

std::optional<QString> optString(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    return string(o, key);
}

qint64 integer(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble())
        malformed(QStringLiteral("%1 must be an integer").arg(QLatin1String(key)));
    return v.toInteger();
}

bool boolean(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isBool())
        malformed(QStringLiteral("%1 must be a boolean").arg(QLatin1String(key)));
    return v.toBool();
}

QStringList strings(const QJsonValue &value, const char *what)
{
    QStringList out;
    for (const QJsonValue &item : arrayOf(value, what)) {
        if (!item.isString())
            malformed(QStringLiteral("%1 must hold strings").arg(QLatin1String(what)));
        out.append(item.toString());
    }
    return out;
}

RepoInfo repoInfo(const QJsonValue &value)
{
    const QJsonObject o = object(value, "repo info");
    RepoInfo info;
    info.repoPath = string(o, "repo_path");
    info.formatVersion = int(integer(o, "format_version"));
    info.defaultBranch = string(o, "default_branch");
    info.head = optString(o, "head");
    info.refs = strings(o.value(QLatin1String("refs")), "refs");
    return info;
}

RepoEntry entry(const QJsonValue &value)
{
    const QJsonObject o = object(value, "entry");
    RepoEntry e;
    const QString type = string(o, "entry_type");
    if (type == QLatin1String("folder")) {
        e.isFolder = true;
        e.folder.path = string(o, "path");
        e.folder.treeId = string(o, "tree_id");
        e.folder.lastCommit = lastCommit(o.value(QLatin1String("last_commit")));
        return e;
    }
    if (type != QLatin1String("file"))
        malformed(QStringLiteral("unknown entry_type %1").arg(type));
    RepoFile &f = e.file;
    f.path = string(o, "path");
    f.size = integer(o, "size");
    f.blobId = string(o, "blob_id");
    const QJsonValue lfs = o.value(QLatin1String("lfs"));
    if (!lfs.isNull()) {
        const QJsonObject l = object(lfs, "lfs");
        f.lfs = BlobLfsInfo{integer(l, "size"), string(l, "sha256"), integer(l, "pointer_size")};
    }
    f.lastCommit = lastCommit(o.value(QLatin1String("last_commit")));
    f.oid = string(o, "oid");
    f.sha256 = string(o, "sha256");
    f.etag = string(o, "etag");
    return e;
}

QList<RepoEntry> entries(const QJsonValue &value) { return listOf<RepoEntry>(value, "entries", &entry); }

GitCommitInfo commit(const QJsonValue &value)
{
    const QJsonObject o = object(value, "commit");
    return GitCommitInfo{string(o, "commit_id"), strings(o.value(QLatin1String("authors")), "authors"),
                         date(o, "created_at"), string(o, "title"), string(o, "message")};
}

QList<GitCommitInfo> commits(const QJsonValue &value) { return listOf<GitCommitInfo>(value, "commits", &commit); }

CommitDetailInfo commitDetail(const QJsonValue &value)
{
    const QJsonObject o = object(value, "commit detail");
    CommitDetailInfo d;
    d.commit = commit(o.value(QLatin1String("commit")));
    d.parentCommitIds = strings(o.value(QLatin1String("parent_commit_ids")), "parent_commit_ids");
    d.compareParentCommitId = optString(o, "compare_parent_commit_id");
    d.changes = listOf<CommitChangeInfo>(o.value(QLatin1String("changes")), "changes", &change);
    return d;
}

GitRefs refs(const QJsonValue &value)
{
    const QJsonObject o = object(value, "refs");
    GitRefs r;
    r.branches = listOf<GitRefInfo>(o.value(QLatin1String("branches")), "branches", &ref);
    r.converts = listOf<GitRefInfo>(o.value(QLatin1String("converts")), "converts", &ref);
    r.tags = listOf<GitRefInfo>(o.value(QLatin1String("tags")), "tags", &ref);
    return r;
}

QList<ReflogEntry> reflog(const QJsonValue &value) { return listOf<ReflogEntry>(value, "reflog", &reflogEntry); }

CommitInfo commitInfo(const QJsonValue &value)
{
    const QJsonObject o = object(value, "commit info");
    CommitInfo c;
    c.commitUrl = string(o, "commit_url");
    c.commitMessage = string(o, "commit_message");
    c.commitDescription = string(o, "commit_description");
    c.oid = string(o, "oid");
    c.repoUrl = string(o, "repo_url");
    c.url = string(o, "_url");
    return c;
}

MergeResult mergeResult(const QJsonValue &value)
{
    const QJsonObject o = object(value, "merge result");
    MergeResult m;
    const auto status = mergeStatusFromString(string(o, "status"));
    if (!status)
        malformed(QStringLiteral("unknown merge status %1").arg(string(o, "status")));
    m.status = *status;
    m.targetRevision = string(o, "target_revision");
    m.sourceRevision = string(o, "source_revision");
    m.baseCommit = optString(o, "base_commit");
    m.targetHeadBefore = optString(o, "target_head_before");
    m.sourceHead = optString(o, "source_head");
    m.headAfter = optString(o, "head_after");
    if (!o.value(QLatin1String("commit")).isNull())
        m.commit = commitInfo(o.value(QLatin1String("commit")));
    m.conflicts = listOf<MergeConflict>(o.value(QLatin1String("conflicts")), "conflicts", &conflict);
    m.fastForward = boolean(o, "fast_forward");
    m.createdCommit = boolean(o, "created_commit");
    return m;
}

GcReport gcReport(const QJsonValue &value)
{
    const QJsonObject o = object(value, "gc report");
    GcReport r;
    r.dryRun = boolean(o, "dry_run");
    r.checkedRefs = strings(o.value(QLatin1String("checked_refs")), "checked_refs");
    r.reclaimedSize = integer(o, "reclaimed_size");
    r.reclaimedObjectSize = integer(o, "reclaimed_object_size");
    r.reclaimedChunkSize = integer(o, "reclaimed_chunk_size");
    r.reclaimedCacheSize = integer(o, "reclaimed_cache_size");
    r.reclaimedTemporarySize = integer(o, "reclaimed_temporary_size");
    r.removedFileCount = integer(o, "removed_file_count");
    r.notes = strings(o.value(QLatin1String("notes")), "notes");
    return r;
}

SquashReport squashReport(const QJsonValue &value)
{
    const QJsonObject o = object(value, "squash report");
    SquashReport r;
    r.refName = string(o, "ref_name");
    r.oldHead = string(o, "old_head");
    r.newHead = string(o, "new_head");
    r.rootCommitBefore = string(o, "root_commit_before");
    r.rewrittenCommitCount = integer(o, "rewritten_commit_count");
    r.droppedAncestorCount = integer(o, "dropped_ancestor_count");
    r.blockingRefs = strings(o.value(QLatin1String("blocking_refs")), "blocking_refs");
    if (!o.value(QLatin1String("gc_report")).isNull())
        r.gcReport = gcReport(o.value(QLatin1String("gc_report")));
    return r;
}

StorageOverview storageOverview(const QJsonValue &value)
{
    const QJsonObject o = object(value, "storage overview");
    StorageOverview s;
    s.totalSize = integer(o, "total_size");
    s.reachableSize = integer(o, "reachable_size");
    s.historicalRetainedSize = integer(o, "historical_retained_size");
    s.reclaimableGcSize = integer(o, "reclaimable_gc_size");
    s.reclaimableCacheSize = integer(o, "reclaimable_cache_size");
    s.reclaimableTemporarySize = integer(o, "reclaimable_temporary_size");
    s.sections = listOf<StorageSectionInfo>(o.value(QLatin1String("sections")), "sections", &section);
    s.recommendations = strings(o.value(QLatin1String("recommendations")), "recommendations");
    return s;
}

StorageSummary storageSummary(const QJsonValue &value)
{
    const QJsonObject o = object(value, "storage summary");
    StorageSummary s;
    s.totalSize = integer(o, "total_size");
    s.totalFileCount = integer(o, "total_file_count");
    s.metadataSize = integer(o, "metadata_size");
    s.metadataFileCount = integer(o, "metadata_file_count");
    s.branchCount = int(integer(o, "branch_count"));
    s.tagCount = int(integer(o, "tag_count"));
    return s;
}

VerifyReport verifyReport(const QJsonValue &value)
{
    const QJsonObject o = object(value, "verify report");
    VerifyReport r;
    r.ok = boolean(o, "ok");
    r.checkedRefs = strings(o.value(QLatin1String("checked_refs")), "checked_refs");
    r.warnings = strings(o.value(QLatin1String("warnings")), "warnings");
    r.errors = strings(o.value(QLatin1String("errors")), "errors");
    return r;
}

} // namespace wire

namespace text {

QByteArray object(const QList<Field> &fields)
{
    QByteArray out = "{";
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += string(QLatin1String(fields.at(i).first)) + ": " + fields.at(i).second;
    }
    return out + '}';
}

QByteArray object(std::initializer_list<Field> fields) { return object(QList<Field>(fields)); }

QByteArray array(const QList<QByteArray> &items)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < items.size(); ++i)
        out += (i > 0 ? ", " : "") + items.at(i);
    return out + ']';
}

QByteArray string(const QString &value)
{
    // QJsonDocument escapes exactly what JSON needs; strip the array around the one value.
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

QByteArray stringOrNull(const QString &value) { return value.isEmpty() ? null() : string(value); }

QByteArray stringOrNull(const std::optional<QString> &value) { return value ? string(*value) : null(); }

QByteArray stringArray(const QStringList &values)
{
    QList<QByteArray> items;
    for (const QString &v : values)
        items.append(string(v));
    return array(items);
}

QByteArray boolean(bool value) { return value ? QByteArrayLiteral("true") : QByteArrayLiteral("false"); }

QByteArray integer(qint64 value) { return QByteArray::number(value); }

} // namespace text

} // namespace hubvault::remote
