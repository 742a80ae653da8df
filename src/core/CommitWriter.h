#pragma once
// create_commit (docs/format.md §10.1): applies add / delete / copy operations to the branch
// head's snapshot, stages content, validates, builds trees and the commit, publishes,
// moves the branch and appends its reflog row, all in one transaction.

#include <hubvault/CommitOperation.h>
#include <hubvault/Models.h>
#include <hubvault/Progress.h>

#include <QDateTime>
#include <QHash>
#include <QJsonObject>

#include "TreeBuilder.h"
#include <map>

namespace hubvault {

class RepoSession;
class Transaction;
class TreeEditor;
struct StagedFile;

/** Title, description and stored message of a commit (§3.5). */
struct CommitText {
    QString message;
    QString title;
    QString description;
    /** Composes from a caller's message and optional description; message must be non-empty. */
    static CommitText compose(const QString &message, const std::optional<QString> &description);
};

struct BuiltCommit {
    QString objectId;
    QString gitOid;
    QByteArray payload;
};

class CommitWriter {
public:
    CommitWriter(RepoSession &session, const TaskControl &task) : m_session(session), m_task(task) {}

    CommitInfo createCommit(const QList<CommitOperation> &operations, const CommitOptions &options);
    /** The bootstrap commit of create_repo: empty tree, "Initial commit" (§1.4 step 9). */
    CommitInfo createInitialCommit();

    /** Commit payload (§3.5) with its object id and git OID. */
    static BuiltCommit buildCommit(RepoSession &session, const QString &treeId, const QString &treeGitOid,
                                   const QStringList &parents, const CommitText &text, const QJsonObject &metadata,
                                   const QDateTime &createdAt);
    /** Size and git OID of a file: from its payload staged in this transaction, or stored. */
    static TreeBuilder::FileFacts fileFacts(RepoSession &session, const QHash<QString, QByteArray> &stagedFilePayloads);
    /** Trees of a snapshot; files staged in this transaction are described by their payloads. */
    static QPair<QString, QString> buildTrees(RepoSession &session, const std::map<QString, QString> &snapshot,
                                              const QHash<QString, QByteArray> &stagedFilePayloads,
                                              QList<BuiltObject> &out);

    /** CommitInfo of a commit of this repository (urls as the original formats them). */
    static CommitInfo commitInfo(const QString &repoRoot, const QString &gitOid, const CommitText &text);

private:
    /** Validates, publishes staged content, builds trees and the commit, moves the branch. */
    CommitInfo publish(Transaction &txn, const QString &branch, const QString &head, TreeEditor &snapshot,
                       const QList<StagedFile> &staged, const CommitText &text, const QString &reflogMessage);

    RepoSession &m_session;
    const TaskControl &m_task;
};

} // namespace hubvault
