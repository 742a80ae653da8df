#include "RepoSession.h"

#include "CanonicalJson.h"
#include "Errors.h"
#include "ObjectCodec.h"
#include "Recovery.h"
#include "RepositoryContext.h"

#include <QDir>

namespace hubvault {

QString RepositoryContext::blobDataPath(const QString &blobObjectId) const
{
    const QString digest = blobObjectId.startsWith(QLatin1String("sha256:")) ? blobObjectId.mid(7) : blobObjectId;
    return path(QStringLiteral("objects/blobs/sha256/%1/%2.data").arg(digest.left(2), digest.mid(2)));
}

namespace {

FileLock acquireSharedLock(const RepositoryContext &context)
{
    const QString locks = context.path(QStringLiteral("locks"));
    if (!context.env->stat(locks, true).isDir) {
        // A checkout may have dropped the empty locks/ directory; recreate it so readers
        // and writers keep excluding each other. A read-only copy cannot have writers.
        try {
            context.env->makeDirectories(locks);
        } catch (const HubVaultError &) {
            return FileLock();
        }
    }
    try {
        return context.env->lock(context.lockPath(), false);
    } catch (const HubVaultError &) {
        if (!context.env->stat(context.lockPath(), true).exists)
            return FileLock(); // read-only medium without a lock file
        throw;
    }
}

FileLock acquireExclusiveLock(const RepositoryContext &context)
{
    context.env->makeDirectories(context.path(QStringLiteral("locks")));
    return context.env->lock(context.lockPath(), true);
}

} // namespace

RepoSession::RepoSession(const RepositoryContext &context, Access access)
    : m_context(context), m_access(access),
      m_lock(access == Access::Write ? acquireExclusiveLock(context) : acquireSharedLock(context))
{
    if (access == Access::Read) {
        openForReading();
        return;
    }
    m_store = std::make_unique<MetadataStore>(context.databasePath(), MetadataStore::Mode::ReadWrite);
    m_store->configureForWriting();
    m_store->beginWrite();
    // Rollback-only recovery before every write (FORMAT.md §6.4): whatever an earlier
    // crash staged was never committed, so it is simply forgotten.
    const QString txn = context.path(QStringLiteral("txn"));
    for (const QString &name : QDir(txn).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden))
        context.env->removeTree(txn + QLatin1Char('/') + name);
    m_store->clearTxnLog();
}

void RepoSession::openForReading()
{
    // Another process may have crashed since this repository was opened: a hot journal
    // makes read-only connections fail, and leftover txn_log rows must be rolled back
    // before anything is read (FORMAT.md §6.4, §6.5).
    if (Recovery::hasHotJournal(m_context)) {
        m_lock.release();
        Recovery::recoverIfNeeded(m_context);
        m_lock = acquireSharedLock(m_context);
    }
    m_store = std::make_unique<MetadataStore>(m_context.databasePath(), MetadataStore::Mode::ReadOnly);
    m_store->beginRead();
    if (m_store->txnLogCount() > 0) {
        m_store.reset();
        m_lock.release();
        Recovery::recoverIfNeeded(m_context);
        m_lock = acquireSharedLock(m_context);
        m_store = std::make_unique<MetadataStore>(m_context.databasePath(), MetadataStore::Mode::ReadOnly);
        m_store->beginRead();
    }
}

void RepoSession::commit()
{
    m_context.env->faultPoint("session:before-commit");
    m_store->commit();
}

void RepoSession::beginNextWrite()
{
    m_store->beginWrite();
}

void RepoSession::clearCaches()
{
    m_commits.clear();
    m_trees.clear();
    m_files.clear();
    m_blobs.clear();
    m_treeGitOids.clear();
    m_treeIndexes.clear();
}

RepoSession::~RepoSession()
{
    m_store.reset(); // close the connection before the file lock goes
}

QByteArray RepoSession::requirePayload(ObjectType type, const QString &objectId)
{
    auto payload = m_store->payload(type, objectId);
    if (!payload)
        throw IntegrityError(QStringLiteral("%1 object %2 is missing from the metadata database; "
                                            "run full verification")
                                 .arg(objectTypeName(type), objectId));
    return *payload;
}

template <typename T>
const T &RepoSession::cached(std::unordered_map<QString, T> &cache, ObjectType type, const QString &objectId)
{
    auto it = cache.find(objectId);
    if (it != cache.end())
        return it->second;
    T payload;
    // Write sessions read their own uncommitted rows, so they bypass the shared cache.
    const bool shared = m_useSharedCache && !isWritable();
    if (shared && m_context.objects->find(objectId, &payload))
        return cache.emplace(objectId, std::move(payload)).first->second;
    payload = parsed<T>(type, objectId);
    if (shared)
        m_context.objects->insert(objectId, payload);
    return cache.emplace(objectId, std::move(payload)).first->second;
}

template <typename T>
T RepoSession::uncached(const std::unordered_map<QString, T> &cache, ObjectType type, const QString &objectId)
{
    if (auto it = cache.find(objectId); it != cache.end())
        return it->second;
    T payload;
    if (m_useSharedCache && !isWritable() && m_context.objects->find(objectId, &payload))
        return payload;
    return parsed<T>(type, objectId);
}

template <typename T>
T RepoSession::parsed(ObjectType type, const QString &objectId)
{
    const QString what = objectTypeName(type) + QLatin1Char(' ') + objectId;
    return T::parse(CanonicalJson::parseObject(requirePayload(type, objectId), what), objectId);
}

CommitPayload RepoSession::commitOnce(const QString &objectId)
{
    return uncached(m_commits, ObjectType::Commit, objectId);
}

TreePayload RepoSession::treeOnce(const QString &objectId)
{
    return uncached(m_trees, ObjectType::Tree, objectId);
}

FilePayload RepoSession::fileOnce(const QString &objectId)
{
    return uncached(m_files, ObjectType::File, objectId);
}

const CommitPayload &RepoSession::commit(const QString &objectId)
{
    return cached(m_commits, ObjectType::Commit, objectId);
}

const TreePayload &RepoSession::tree(const QString &objectId)
{
    return cached(m_trees, ObjectType::Tree, objectId);
}

const FilePayload &RepoSession::file(const QString &objectId)
{
    return cached(m_files, ObjectType::File, objectId);
}

const BlobPayload &RepoSession::blob(const QString &objectId)
{
    return cached(m_blobs, ObjectType::Blob, objectId);
}

const QHash<QString, qsizetype> &RepoSession::treeIndex(const QString &treeId)
{
    auto it = m_treeIndexes.find(treeId);
    if (it == m_treeIndexes.end()) {
        QHash<QString, qsizetype> index;
        const TreePayload &t = tree(treeId);
        for (qsizetype i = 0; i < t.entries.size(); ++i)
            index.insert(t.entries.at(i).name, i);
        it = m_treeIndexes.emplace(treeId, std::move(index)).first;
    }
    return it->second;
}

bool RepoSession::hasCommit(const QString &objectId)
{
    return m_commits.count(objectId) > 0 || m_store->payload(ObjectType::Commit, objectId).has_value();
}

QString RepoSession::treeGitOid(const QString &treeId)
{
    if (auto it = m_treeGitOids.constFind(treeId); it != m_treeGitOids.constEnd())
        return *it;
    const TreePayload &t = tree(treeId);
    QString oid = t.gitOid;
    if (oid.isEmpty()) {
        QList<GitTreeEntry> entries;
        for (const TreeEntry &e : t.entries)
            entries.append({e.name, e.isTree(), e.isTree() ? treeGitOid(e.objectId) : file(e.objectId).oid});
        oid = ObjectCodec::gitTreeOid(entries);
    }
    m_treeGitOids.insert(treeId, oid);
    return oid;
}

QString RepoSession::commitGitOid(const QString &commitId)
{
    const CommitPayload c = commit(commitId);
    if (!c.gitOid.isEmpty()) {
        m_context.objects->rememberCommitOid(c.gitOid, commitId);
        return c.gitOid;
    }
    QStringList parents;
    for (const QString &p : c.parents)
        parents.append(commitGitOid(p));
    const QString oid = ObjectCodec::gitCommitOid(treeGitOid(c.treeId), parents,
                                                  ObjectCodec::parseTimestamp(c.createdAt), c.message);
    m_commits.at(commitId).gitOid = oid;
    m_context.objects->rememberCommitOid(oid, commitId);
    return oid;
}

} // namespace hubvault
