#include "Transaction.h"

#include <hubvault/Errors.h>
#include "CanonicalJson.h"
#include "Hash.h"
#include "ObjectCodec.h"
#include "RepoSession.h"
#include "RepositoryContext.h"

#include <QFileInfo>
#include <QJsonObject>


namespace hubvault {

Transaction::Transaction(RepoSession &session, const QString &revision, const QString &expectedHead)
    : m_session(session)
{
    const RepositoryContext &context = session.context();
    const Env &env = *context.env;
    const QDateTime now = env.nowUtc();
    m_txid = now.toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")) + QLatin1Char('-') + env.randomHex(8);
    const QString txnDir = context.path(QStringLiteral("txn"));
    env.makeDirectories(txnDir);
    m_dir = txnDir + QLatin1Char('/') + m_txid;
    if (env.stat(m_dir).exists)
        throw HubVaultError(QStringLiteral("transaction directory %1 already exists; retry the operation").arg(m_dir));
    env.makeDirectories(m_dir);
    // The staging directory and its meta.json are not made durable: recovery only ever
    // deletes staging directories (rollback-only, §6.4), so after a crash it makes no
    // difference whether they survived. Three fsyncs fewer per write (docs/format-differences.md).
    QJsonObject meta{{QStringLiteral("created_at"), ObjectCodec::formatTimestamp(now)},
                     {QStringLiteral("expected_head"), expectedHead.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(expectedHead)},
                     {QStringLiteral("revision"), revision},
                     {QStringLiteral("txid"), m_txid}};
    env.writeFileAtomic(m_dir + QStringLiteral("/meta.json"), CanonicalJson::serialize(meta), false);
    m_row.txid = m_txid;
    setState(QStringLiteral("PREPARING"));
}

Transaction::~Transaction()
{
    if (m_committed)
        return;
    // Best effort: a directory left behind is only residue that the next write deletes
    // (§6.4), so a failure here must not mask the error that is unwinding the stack.
    try {
        m_session.context().env->removeTree(m_dir);
    } catch (const HubVaultError &) {
    }
}

QString Transaction::now() const
{
    return ObjectCodec::formatTimestamp(m_session.context().env->nowUtc());
}

void Transaction::setState(const QString &state)
{
    m_row.state = state;
    m_row.updatedAt = now();
    m_session.store().putTxn(m_row);
    m_session.context().env->faultPoint(qPrintable(QStringLiteral("txn:") + state));
}

QString Transaction::stagePath(const QString &relative) const
{
    const QString path = m_dir + QLatin1Char('/') + relative;
    m_session.context().env->makeDirectories(QFileInfo(path).absolutePath());
    return path;
}

QString Transaction::nextPackId()
{
    return m_txid + QStringLiteral("-%1").arg(++m_packCounter, 6, 10, QLatin1Char('0'));
}

void Transaction::markStaged()
{
    setState(QStringLiteral("STAGED"));
}

void Transaction::publishFile(const QString &stagedPath, const QString &finalPath)
{
    const Env &env = *m_session.context().env;
    const FileStat existing = env.stat(finalPath, true);
    if (existing.exists) {
        // Content-addressed names: the same name must mean the same bytes.
        if (!existing.isFile || existing.size != env.stat(stagedPath).size
            || Hash::sha256Hex(*env.openForRead(finalPath)) != Hash::sha256Hex(*env.openForRead(stagedPath)))
            throw IntegrityError(QStringLiteral("%1 already exists with different content; run full verification").arg(finalPath));
        env.removeFile(stagedPath);
        return;
    }
    const QString dir = QFileInfo(finalPath).absolutePath();
    env.makeDirectories(dir);
    env.faultPoint("txn:publish-file");
    env.renameFile(stagedPath, finalPath);
    m_touchedDirs.insert(dir);
}

void Transaction::putObject(ObjectType type, const QString &objectId, const QByteArray &payloadJson)
{
    m_session.store().putPayload(type, objectId, payloadJson);
}

void Transaction::putTree(const BuiltObject &tree)
{
    m_session.store().putPayload(ObjectType::Tree, tree.objectId, tree.payload);
    if (tree.tree)
        m_session.adoptTree(tree.objectId, tree.tree);
}

void Transaction::putChunk(const ChunkRow &row)
{
    m_session.store().putChunk(row);
}

void Transaction::markPublished()
{
    for (const QString &dir : std::as_const(m_touchedDirs))
        m_session.context().env->fsyncDirectory(dir);
    m_touchedDirs.clear();
    setState(QStringLiteral("PUBLISHED_OBJECTS"));
}

void Transaction::updateRef(const QString &kind, const QString &name, const QString &oldHead, const QString &newHead,
                            const QString &message, bool existedBefore, bool deleteRef)
{
    MetadataStore &store = m_session.store();
    m_row.kind = QStringLiteral("ref_update");
    m_row.refKind = kind;
    m_row.refName = name;
    m_row.oldHead = oldHead;
    m_row.newHead = newHead;
    m_row.message = message;
    m_row.refExistedBefore = existedBefore;
    m_row.metadataJson = QString::fromUtf8(CanonicalJson::serialize(
        QJsonObject{{QStringLiteral("reflog_seq_before"), store.maxReflogSeq(kind, name)}}));
    setState(m_row.state);
    if (deleteRef)
        store.deleteRef(kind, name);
    else
        store.putRef(kind, name, newHead, now());
    setState(QStringLiteral("UPDATED_REF"));
    store.appendReflog(ReflogRow{0, kind, name, now(), oldHead, newHead, message,
                                 ObjectCodec::reflogChecksum(oldHead, newHead, message)});
    setState(QStringLiteral("APPENDED_REFLOG"));
}

void Transaction::commit()
{
    const RepositoryContext &context = m_session.context();
    setState(QStringLiteral("COMMITTED"));
    m_session.store().deleteTxn(m_txid);
    // Not fsynced either: a staging directory that reappears after a crash is residue the
    // next write deletes.
    context.env->removeTree(m_dir);
    m_session.commit();
    m_committed = true;
}

} // namespace hubvault
