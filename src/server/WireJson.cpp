// Ordered compact JSON of the wire models (see WireJson.h).
#include "WireJson.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <algorithm>

namespace hubvault::server::wirejson {
namespace {

// SERVER.md §3.2 and §3.1, in the order the original writes the keys.
const char *const kModels[] = {
    "service version mode ui_enabled repo auth",
    "path default_branch head",
    "access can_write",
    "repo_path format_version default_branch head refs",
    "entry_type path size blob_id lfs last_commit security oid sha256 etag",
    "size sha256 pointer_size",
    "oid title date",
    "entry_type path tree_id last_commit",
    "branches converts tags pull_requests",
    "name ref target_commit",
    "commit_id authors created_at title message formatted_title formatted_message",
    "commit parent_commit_ids compare_parent_commit_id changes",
    "path change_type old_file new_file is_binary unified_diff",
    "path size oid blob_id sha256",
    "timestamp ref_name old_head new_head message checksum",
    "commit_url commit_message commit_description oid pr_url repo_url pr_revision pr_num _url",
    "status target_revision source_revision base_commit target_head_before source_head head_after commit conflicts "
    "fast_forward created_commit",
    "path conflict_type message base_oid target_oid source_oid related_path",
    "ok checked_refs warnings errors",
    "total_size reachable_size historical_retained_size reclaimable_gc_size reclaimable_cache_size "
    "reclaimable_temporary_size sections recommendations",
    "name path total_size file_count reclaimable_size reclaim_strategy notes",
    "dry_run checked_refs reclaimed_size reclaimed_object_size reclaimed_chunk_size reclaimed_cache_size "
    "reclaimed_temporary_size removed_file_count notes",
    "ref_name old_head new_head root_commit_before rewritten_commit_count dropped_ancestor_count blocking_refs "
    "gc_report",
    "total_size total_file_count metadata_size metadata_file_count branch_count tag_count",
    "revision resolved_revision head allow_patterns ignore_patterns files",
    "path size blob_id oid sha256 etag download_url",
    "revision base_head operations statistics",
    "index type path_in_repo strategy field_name source_path_in_repo source_revision missing_chunks "
    "reused_chunk_count missing_chunk_count",
    "chunk_id chunk_index field_name logical_size",
    "copy_file_count full_upload_file_count chunk_fast_upload_file_count reused_chunk_count missing_chunk_count "
    "planned_upload_bytes",
    "error",
    "error detail",
    "type message",
    "detail",
    "loc msg type",
    "loc msg type ctx",
    "ok",
};

QString keySetOf(QStringList keys)
{
    std::sort(keys.begin(), keys.end());
    return keys.join(QLatin1Char(' '));
}

const QHash<QString, QStringList> &orders()
{
    static const QHash<QString, QStringList> table = [] {
        QHash<QString, QStringList> out;
        for (const char *model : kModels) {
            const QStringList keys = QString::fromLatin1(model).split(QLatin1Char(' '));
            out.insert(keySetOf(keys), keys);
        }
        return out;
    }();
    return table;
}

void write(QByteArray &out, const QJsonValue &value);

void writeObject(QByteArray &out, const QJsonObject &object)
{
    const QStringList keys = object.keys(); // sorted
    const QStringList order = orders().value(keySetOf(keys), keys);
    out.append('{');
    bool first = true;
    for (const QString &key : order) {
        if (!first)
            out.append(',');
        first = false;
        out.append(quote(key));
        out.append(':');
        write(out, object.value(key));
    }
    out.append('}');
}

void write(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out.append("null");
        break;
    case QJsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        break;
    case QJsonValue::Double:
        // Every number on the wire is an integer (sizes, counts, indexes).
        out.append(QByteArray::number(value.toInteger()));
        break;
    case QJsonValue::String:
        out.append(quote(value.toString()));
        break;
    case QJsonValue::Array: {
        out.append('[');
        bool first = true;
        for (const QJsonValue &item : value.toArray()) {
            if (!first)
                out.append(',');
            first = false;
            write(out, item);
        }
        out.append(']');
        break;
    }
    case QJsonValue::Object:
        writeObject(out, value.toObject());
        break;
    }
}

} // namespace

QByteArray quote(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out.append('"');
    for (const char c : utf8) {
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[7];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
                out.append(escaped);
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
    return out;
}

QByteArray encode(const QJsonValue &value)
{
    QByteArray out;
    write(out, value);
    return out;
}

} // namespace hubvault::server::wirejson
