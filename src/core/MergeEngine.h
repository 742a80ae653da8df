#pragma once
// merge (FORMAT.md §10.2): fast-forward, already-up-to-date, or a three-way merge of
// file identities against the merge base, with content and structural conflicts
// reported as data and no ref change. The merge base is chosen exactly like the
// original (shortest total distance, then shortest longer side, then object id), so
// criss-cross histories agree.

#include "Models.h"

#include <QHash>
#include <optional>

namespace hubvault {

class RepoSession;

struct MergeOptions {
    QString targetRevision; ///< branch; empty = default branch
    QString parentCommit;   ///< when set, must be the target's head
    std::optional<QString> commitMessage;
    std::optional<QString> commitDescription;
};

class MergeEngine {
public:
    explicit MergeEngine(RepoSession &session) : m_session(session) {}

    /** Performs the merge (or, with `dryRun`, only computes what it would do). */
    MergeResult merge(const QString &sourceRevision, const MergeOptions &options, bool dryRun = false);

    /** Merge base of two commits (object ids), or empty when they share no ancestor. */
    QString mergeBase(const QString &a, const QString &b);

private:
    QHash<QString, int> distances(const QString &head);

    RepoSession &m_session;
};

} // namespace hubvault
