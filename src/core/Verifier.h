#pragma once
// quick_verify and full_verify (docs/format.md §10.5): reachable content of every ref, then,
// for a full check, every stored object id and every chunk of the chunk index, plus
// warnings about stale views and leftovers. Problems are reported, never repaired.

#include <hubvault/Models.h>
#include <hubvault/Progress.h>
#include "ContentVerifier.h"

#include <QHash>
#include <QSet>
#include <QString>

namespace hubvault {

class RepoSession;

class Verifier {
public:
    enum class Depth { Quick, Full };
    /** `remote` defaults to Hash for a full check and Presence for a quick one. */
    Verifier(RepoSession &session, Depth depth, const TaskControl &task, std::optional<ContentVerifier::RemoteChunks> remote = {})
        : m_session(session), m_depth(depth), m_task(task),
          m_content(session, task,
                    remote.value_or(depth == Depth::Full ? ContentVerifier::RemoteChunks::Hash : ContentVerifier::RemoteChunks::Presence))
    {
    }

    VerifyReport run();

private:
    void verifyRefClosure(const QString &refName, const QString &commitId, VerifyReport &report);
    /** Empty when the object (and what it holds) is sound, else the first problem. */
    QString checkCommit(const QString &commitId);
    QString checkTree(const QString &treeId, int depth = 0);
    QString checkFile(const QString &fileId);
    void verifyObjectIds(VerifyReport &report);
    void verifyChunkIndex(VerifyReport &report);
    void checkViews(VerifyReport &report);
    void checkLeftovers(VerifyReport &report);

    RepoSession &m_session;
    Depth m_depth;
    const TaskControl &m_task;
    ContentVerifier m_content;
    QHash<QString, QString> m_fileProblems; ///< file id -> problem ("" = sound)
    QSet<QString> m_treesDone;
};

} // namespace hubvault
