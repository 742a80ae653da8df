#pragma once
// The two-step write protocol of the original's server (SERVER.md §4): a manifest is
// planned (which files the server can copy or rebuild from chunks it already stores,
// which bytes the client must send) and then applied with the uploaded parts as one
// ordinary commit. Independent of HTTP: the route handlers parse the request, receive
// the parts into files and call these.

#include <hubvault/Models.h>
#include <hubvault/Repository.h>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace hubvault::server::upload {

/** Upper bound of operations in one manifest: more is refused with a clear 400. */
constexpr int kMaxOperations = 100000;

/** What one server accepts in an upload beyond what the protocol itself checks. */
struct Limits {
    /** The largest file an add may create; 0: any size the free space allows. */
    qint64 maxFileSize = 0;
    /** Space left free when rebuilding files from chunks in the temporary directory. */
    qint64 reserveBytes = 256LL << 20;
};

/**
 * The plans this server has issued, so that apply trusts only those (the original trusts
 * whatever plan the client echoes, so a client could make it copy from any path and
 * revision). Kept by a digest of the plan's wire JSON, bounded in number and age; a
 * restarted server knows none, and the client is asked to plan again. Thread-safe.
 */
class IssuedPlans {
public:
    /** Keeps `plan` (as plan() returned it) for 24 hours, at most the 10,000 newest plans. */
    void remember(const QJsonObject &plan);
    /** True when `plan`, echoed by a client, is one remembered and not yet expired. */
    bool contains(const QJsonObject &plan) const;

private:
    struct Issue {
        quint64 serial = 0;
        qint64 issuedAt = 0; ///< ms since the epoch
    };
    mutable std::mutex m_mutex;
    std::deque<std::pair<std::string, Issue>> m_order; ///< by digest, oldest first
    /** Digest -> its latest issue: a plan issued again lives on from then. */
    std::unordered_map<std::string, Issue> m_latest;
    quint64 m_serial = 0;
};

/**
 * The plan for `manifest` (the JSON body of POST /write/commit-plan) as the UploadPlan
 * JSON object of SERVER.md §4.2 (exact keys; wirejson::encode restores the original's
 * order). Writes nothing; the caller remembers the plan in its IssuedPlans before sending
 * it. Unlike the original, an add whose chunks the repository stores anywhere (another
 * branch, a deleted file, until gc) is planned as chunk-upload, not only chunks of the
 * head's files. Throws the core's errors with the original's messages
 * (HubVaultValidationError for a malformed manifest or more than kMaxOperations
 * operations, UnsupportedPathError for a tag or commit target, RevisionNotFoundError,
 * ConflictError for a stale parent_commit).
 */
QJsonObject plan(const Repository &repository, const QJsonValue &manifest, const Limits &limits = {});

/**
 * Applies `request` (the manifest plus "upload_plan", SERVER.md §4.3) as one commit.
 * `parts` maps each uploaded part's field name to a local file holding its bytes (the
 * caller received them and deletes them afterwards). The echoed plan must be one that
 * `issued` holds (else ConflictError asking to plan again). Every check of §4.3 runs
 * before anything is written; files rebuilt from chunks are staged in temporary files of
 * the system's temporary directory, never held in memory whole, and only when they fit
 * there with `limits.reserveBytes` to spare: a small request naming one stored chunk many
 * times cannot fill the server's disk.
 */
CommitInfo apply(Repository &repository, const QJsonValue &request, const QHash<QString, QString> &parts,
                 const IssuedPlans &issued, const TaskControl &task = {}, const Limits &limits = {});

} // namespace hubvault::server::upload
