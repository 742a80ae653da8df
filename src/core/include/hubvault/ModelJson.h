#pragma once
// JSON forms of the public models with the original's field names (API.md §2), e.g.
// `blob_id`, `last_commit`, dates as "2024-01-01T00:00:00+00:00". Used by `--json`
// output, tests against the fixture manifests, and later the HTTP server.

#include <hubvault/Models.h>
#include <hubvault/PackStorage.h>

#include <QJsonArray>
#include <QJsonObject>

namespace hubvault {

class ModelJson {
public:
    /** ISO-8601 with an explicit +00:00 offset, as Python's datetime.isoformat(). */
    static QString isoDate(const QDateTime &utc);

    static QJsonObject toJson(const RepoInfo &info);
    static QJsonObject toJson(const RepoFile &file);
    static QJsonObject toJson(const RepoFolder &folder);
    static QJsonObject toJson(const RepoEntry &entry);
    static QJsonObject toJson(const GitCommitInfo &commit);
    static QJsonObject toJson(const CommitFileVersionInfo &file);
    static QJsonObject toJson(const CommitChangeInfo &change);
    static QJsonObject toJson(const CommitDetailInfo &detail);
    static QJsonObject toJson(const GitRefInfo &ref);
    static QJsonObject toJson(const GitRefs &refs);
    static QJsonObject toJson(const ReflogEntry &entry);
    static QJsonObject toJson(const VerifyReport &report);
    static QJsonObject toJson(const CommitInfo &info);
    static QJsonObject toJson(const MergeConflict &conflict);
    static QJsonObject toJson(const MergeResult &result);
    static QJsonObject toJson(const GcReport &report);
    static QJsonObject toJson(const SquashReport &report);
    static QJsonObject toJson(const StorageSectionInfo &section);
    static QJsonObject toJson(const StorageOverview &overview);
    static QJsonObject toJson(const StorageSummary &summary);
    static QJsonObject toJson(const PackStatus &pack);
    static QJsonObject toJson(const PackStorageStatus &status);
    static QJsonObject toJson(const PackTransferReport &report);

    template <typename T>
    static QJsonArray toJsonArray(const QList<T> &items)
    {
        QJsonArray out;
        for (const T &item : items)
            out.append(toJson(item));
        return out;
    }
};

} // namespace hubvault
