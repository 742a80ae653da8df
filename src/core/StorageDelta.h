#pragma once
// Storage accounting of single commits and files, for the desktop app's commit details:
// which pieces (whole blobs or chunks) a file is stored as, and how many stored bytes a
// commit really added once deduplication against its parents is taken into account.

#include <hubvault/Models.h>
#include "ObjectModel.h"

#include <QHash>
#include <QSet>
#include <QString>

namespace hubvault {

class RepoSession;

class StorageDelta {
public:
    explicit StorageDelta(RepoSession &session) : m_session(session) {}

    /** The pieces of one stored file, in file order. */
    FileStorageInfo describeFile(const QString &path, const FilePayload &file);

    /**
     * Changes of `commitId` against its first parent with copies detected (an added file
     * whose content a parent holds at another path; "renamed" when that path went away
     * in the same commit), and the stored bytes of pieces that no parent snapshot holds.
     */
    CommitStorageDelta forCommit(const QString &commitId);

private:
    /** Ids of every piece stored by the files of a root tree; with `pathBySha`, also each
     *  content's path. */
    void collectPieces(const QString &treeId, QSet<QString> *pieces, QHash<QString, QString> *pathBySha);

    RepoSession &m_session;
};

} // namespace hubvault
