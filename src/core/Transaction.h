#pragma once
// One write's journey through the txn_log state machine (docs/format.md §6): a private
// staging directory txn/<txid>/, durable staged files, publication by rename, object
// rows, the ref move and its reflog row, then cleanup and the SQLite COMMIT that makes
// it all visible at once. Anything before that COMMIT rolls back by itself.

#include "MetadataStore.h"
#include "ObjectModel.h"
#include "TreeBuilder.h"

#include <QSet>
#include <QString>

namespace hubvault {

class RepoSession;

class Transaction {
public:
    /** Creates txn/<txid>/ and its meta.json and records the PREPARING row. */
    Transaction(RepoSession &session, const QString &revision, const QString &expectedHead);
    /** An uncommitted transaction removes its staging directory; SQLite rolls back the rest. */
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    const QString &txid() const { return m_txid; }
    /** Absolute path of `relative` inside the staging directory (parents created). */
    QString stagePath(const QString &relative) const;
    /** 1-based counter of packs written by this transaction, for pack ids (§5.5). */
    QString nextPackId();
    /** TS of this transaction's clock reading, for rows it writes. */
    QString now() const;

    void markStaged();
    /**
     * Moves a staged, fsynced file to its final place. An existing target is accepted
     * only when it has the same bytes (then the staged copy is dropped).
     */
    void publishFile(const QString &stagedPath, const QString &finalPath);
    void putObject(ObjectType type, const QString &objectId, const QByteArray &payloadJson);
    /** putObject for a tree just built; its parsed form is shared once the write commits. */
    void putTree(const BuiltObject &tree);
    void putChunk(const ChunkRow &row);
    /** fsyncs every directory that received a file, then PUBLISHED_OBJECTS. */
    void markPublished();

    /**
     * Moves (or with an empty `newHead` and `deleteRef`, deletes) a ref and appends its
     * reflog row, through the ref_update states of §6.2.
     */
    void updateRef(const QString &kind, const QString &name, const QString &oldHead, const QString &newHead,
                   const QString &message, bool existedBefore, bool deleteRef = false);

    /** COMMITTED, cleanup of the row and staging directory, then the SQLite COMMIT. */
    void commit();

private:
    void setState(const QString &state);

    RepoSession &m_session;
    QString m_txid;
    QString m_dir;
    int m_packCounter = 0;
    MetadataStore::TxnRow m_row;
    QSet<QString> m_touchedDirs;
    bool m_committed = false;
};

} // namespace hubvault
