#include "RepoSession.h"

#include <hubvault/Errors.h>
#include "CanonicalJson.h"
#include "ObjectCodec.h"
#include "Recovery.h"
#include "RepositoryContext.h"
#include "objectstore/PackStorage.h"

#include <QDir>

namespace hubvault {

QString RepositoryContext::blobDataPath(const QString &blobObjectId) const
{
    // Built by appending: this runs on every read of a whole-blob file.
    const QStringView digest = QStringView(blobObjectId).mid(blobObjectId.startsWith(QLatin1String("sha256:")) ? 7 : 0);
    static const QLatin1String kDir("/objects/blobs/sha256/");
    QString out;
    out.reserve(root.size() + kDir.size() + digest.size() + 6);
    out.append(root).append(kDir).append(digest.left(2)).append(QLatin1Char('/')).append(digest.mid(2)).append(QLatin1String(".data"));
    return out;
}

ConnectionPool &RepositoryContext::connections(MetadataStore::Mode mode) const
{
    std::lock_guard lock(m_poolMutex);
    auto &pool = mode == MetadataStore::Mode::ReadOnly ? m_readers : m_writers;
    if (!pool) {
        // Readers: enough for the app's and a server's concurrent requests; a writer holds
        // the exclusive lock, so one idle writer connection is all that is ever reused.
        pool = std::make_unique<ConnectionPool>(databasePath(), mode, mode == MetadataStore::Mode::ReadOnly ? 8 : 1);
    }
    return *pool;
}

SharedReadState &RepositoryContext::readState() const
{
    std::lock_guard lock(m_poolMutex);
    if (!m_readState)
        m_readState = std::make_unique<SharedReadState>(*this);
    return *m_readState;
}

const std::shared_ptr<objectstore::PackStorage> &RepositoryContext::packs() const
{
    std::lock_guard lock(m_poolMutex);
    if (!m_packs)
        m_packs = std::make_shared<objectstore::PackStorage>(env, root);
    return m_packs;
}

RepositoryContext::~RepositoryContext()
{
    m_readers.reset();
    m_writers.reset();
    m_readState.reset();
}

namespace {

FileLock acquireExclusiveLock(const RepositoryContext &context)
{
    context.env->makeDirectories(context.path(QStringLiteral("locks")));
    return context.env->lock(context.lockPath(), true);
}

} // namespace

RepoSession::RepoSession(const RepositoryContext &context, Access access)
    : m_context(context), m_access(access)
{
    if (access == Access::Write) {
        context.readState().beginWrite();
        m_writing = true;
        try {
            m_lock = acquireExclusiveLock(context);
            openForWriting();
        } catch (...) {
            m_lock.release();
            context.readState().endWrite();
            m_writing = false;
            throw;
        }
        return;
    }
    context.readState().enter();
    m_reading = true;
    // After any change, the txn_log check needs SQLite; otherwise the connection is only
    // opened if something is not cached (store()).
    try {
        if (context.readState().needsTxnLogCheck())
            openForReading();
    } catch (...) {
        m_store.reset();
        if (m_reading)
            context.readState().leave();
        throw;
    }
}

MetadataStore &RepoSession::store()
{
    if (!m_store)
        openForReading();
    return *m_store;
}

void RepoSession::openForWriting()
{
    m_store = m_context.connections(MetadataStore::Mode::ReadWrite).acquire(m_context.env->fileKey(m_context.databasePath()));
    m_store->beginWrite();
    // Rollback-only recovery before every write (docs/format.md §6.4): whatever an earlier
    // crash staged was never committed, so it is simply forgotten.
    const QString txn = m_context.path(QStringLiteral("txn"));
    for (const DirEntry &entry : m_context.env->listDirectory(txn)) {
        if (entry.stat.isDir)
            m_context.env->removeTree(txn + QLatin1Char('/') + entry.name);
    }
    m_store->clearTxnLog();
}

void RepoSession::recoverOutsideTheLock()
{
    // Recovery takes the exclusive lock, which waits until every reader, this one
    // included, has left.
    m_context.readState().leave();
    m_reading = false;
    Recovery::recoverIfNeeded(m_context);
    m_context.readState().enter();
    m_reading = true;
}

void RepoSession::openForReading()
{
    // Another process may have crashed since this repository was last read: a hot journal
    // makes read-only connections fail, and leftover txn_log rows must be rolled back
    // before anything is read (docs/format.md §6.4, §6.5). Rows can only have appeared if the
    // database changed, so they are looked for only then.
    SharedReadState &state = m_context.readState();
    for (int attempt = 0;; ++attempt) {
        if (Recovery::hasHotJournal(m_context))
            recoverOutsideTheLock();
        m_store = m_context.connections(MetadataStore::Mode::ReadOnly).acquire(state.databaseKey());
        m_store->beginRead();
        if (!state.needsTxnLogCheck())
            return;
        if (m_store->txnLogCount() == 0 || attempt > 0) {
            state.txnLogChecked();
            return;
        }
        m_store->endTransaction();
        m_context.connections(MetadataStore::Mode::ReadOnly).release(std::move(m_store));
        recoverOutsideTheLock();
    }
}

std::shared_ptr<const QList<RefRow>> RepoSession::cachedRefs()
{
    SharedReadState &state = m_context.readState();
    auto refs = state.refs();
    if (!refs) {
        refs = std::make_shared<const QList<RefRow>>(store().refs());
        state.setRefs(refs);
    }
    return refs;
}

std::optional<RefRow> RepoSession::ref(const QString &kind, const QString &name)
{
    if (isWritable() || !m_useSharedCache)
        return store().ref(kind, name);
    // Held in a local: a range-for over *cachedRefs() would drop the temporary pointer
    // before the loop, and a concurrent setRefs could free the list under it.
    const std::shared_ptr<const QList<RefRow>> rows = cachedRefs();
    for (const RefRow &row : *rows) {
        if (row.kind == kind && row.name == name)
            return row;
    }
    return std::nullopt;
}

QList<RefRow> RepoSession::refs()
{
    return isWritable() || !m_useSharedCache ? store().refs() : *cachedRefs();
}

std::shared_ptr<const ObjectGraph> RepoSession::commitGraph()
{
    if (isWritable() || !m_useSharedCache)
        return std::make_shared<const ObjectGraph>(ObjectGraph::loadCommits(store()));
    SharedReadState &state = m_context.readState();
    auto graph = state.commitGraph();
    if (!graph) {
        graph = std::make_shared<const ObjectGraph>(ObjectGraph::loadCommits(store()));
        state.setCommitGraph(graph);
    }
    return graph;
}

std::optional<ChunkRow> RepoSession::chunk(const QString &chunkId)
{
    if (isWritable() || !m_useSharedCache)
        return store().chunk(chunkId);
    SharedReadState &state = m_context.readState();
    if (const auto cached = state.chunk(chunkId))
        return *cached;
    const auto row = store().chunk(chunkId);
    state.setChunk(chunkId, row);
    return row;
}

void RepoSession::commit()
{
    m_context.env->faultPoint("session:before-commit");
    m_store->commit();
    shareParsedObjects();
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
    m_commitGitOids.clear();
}

RepoSession::~RepoSession()
{
    // The transaction ends (ROLLBACK for reads and uncommitted writes) before the lock
    // goes; the connection itself stays open in the pool for the next call.
    if (m_store) {
        try {
            m_store->endTransaction();
        } catch (const HubVaultError &) {
            m_store.reset(); // unknown state: close it rather than pool it
        }
        const auto mode = isWritable() ? MetadataStore::Mode::ReadWrite : MetadataStore::Mode::ReadOnly;
        m_context.connections(mode).release(std::move(m_store));
    }
    if (m_reading)
        m_context.readState().leave();
    if (m_writing) {
        m_lock.release();
        m_context.readState().endWrite();
    }
}

void RepoSession::adoptTree(const QString &objectId, std::shared_ptr<const TreePayload> tree)
{
    m_treeGitOids.insert(objectId, tree->gitOid);
    m_trees.insert_or_assign(objectId, std::move(tree));
}

void RepoSession::shareParsedObjects()
{
    if (!m_useSharedCache)
        return;
    auto share = [this](const auto &map) {
        for (const auto &[id, payload] : map)
            m_context.objects->insert(id, payload);
    };
    share(m_commits);
    share(m_trees);
    for (auto it = m_treeGitOids.cbegin(); it != m_treeGitOids.cend(); ++it)
        m_context.objects->rememberTreeGitOid(it.key(), it.value());
    share(m_files);
    share(m_blobs);
}

template <typename T>
std::shared_ptr<const T> RepoSession::parsed(ObjectType type, const QString &objectId)
{
    const auto payload = store().payload(type, objectId);
    if (!payload)
        throw IntegrityError(QStringLiteral("%1 object %2 is missing from the metadata database; "
                                            "run full verification")
                                 .arg(objectTypeName(type), objectId));
    return std::make_shared<const T>(T::parse(*payload, objectId));
}

template <typename T>
std::shared_ptr<const T> RepoSession::lookup(const Map<T> &map, ObjectType type, const QString &objectId)
{
    if (auto it = map.find(objectId); it != map.end())
        return it->second;
    if (m_useSharedCache) {
        if (auto hit = m_context.objects->find<T>(objectId))
            return hit;
    }
    auto payload = parsed<T>(type, objectId);
    // A write session may be reading rows it wrote itself; those are shared only once
    // they are committed (shareParsedObjects).
    if (m_useSharedCache && !isWritable())
        m_context.objects->insert(objectId, payload);
    return payload;
}

template <typename T>
const T &RepoSession::cached(Map<T> &map, ObjectType type, const QString &objectId)
{
    if (auto it = map.find(objectId); it != map.end())
        return *it->second;
    return *map.emplace(objectId, lookup(map, type, objectId)).first->second;
}

std::shared_ptr<const CommitPayload> RepoSession::commitOnce(const QString &objectId)
{
    return lookup(m_commits, ObjectType::Commit, objectId);
}

std::shared_ptr<const TreePayload> RepoSession::treeOnce(const QString &objectId)
{
    return lookup(m_trees, ObjectType::Tree, objectId);
}

std::shared_ptr<const FilePayload> RepoSession::fileOnce(const QString &objectId)
{
    return lookup(m_files, ObjectType::File, objectId);
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

bool RepoSession::hasCommit(const QString &objectId)
{
    if (m_commits.count(objectId) > 0)
        return true;
    if (isWritable() || !m_useSharedCache)
        return store().hasPayload(ObjectType::Commit, objectId);
    SharedReadState &state = m_context.readState();
    if (const auto known = state.commitExists(objectId))
        return *known;
    const bool exists = store().hasPayload(ObjectType::Commit, objectId);
    state.setCommitExists(objectId, exists);
    return exists;
}

QString RepoSession::treeGitOid(const QString &treeId, int depth)
{
    checkTreeDepth(depth, treeId);
    if (auto it = m_treeGitOids.constFind(treeId); it != m_treeGitOids.constEnd())
        return *it;
    if (m_useSharedCache) {
        if (QString known = m_context.objects->treeGitOid(treeId); !known.isEmpty()) {
            m_treeGitOids.insert(treeId, known);
            return known;
        }
    }
    const TreePayload &t = tree(treeId);
    QString oid = t.gitOid;
    if (oid.isEmpty()) {
        QList<GitTreeEntry> entries;
        for (const TreeEntry &e : t.entries)
            entries.append({e.name, e.isTree(), e.isTree() ? treeGitOid(e.objectId, depth + 1) : file(e.objectId).oid});
        oid = ObjectCodec::gitTreeOid(entries);
    }
    m_treeGitOids.insert(treeId, oid);
    // True whether or not this session commits: the id is the tree's content address.
    if (m_useSharedCache)
        m_context.objects->rememberTreeGitOid(treeId, oid);
    return oid;
}

QString RepoSession::commitGitOid(const QString &commitId)
{
    const CommitPayload &c = commit(commitId);
    if (!c.gitOid.isEmpty()) {
        m_context.objects->rememberCommitOid(c.gitOid, commitId);
        return c.gitOid;
    }
    if (auto it = m_commitGitOids.constFind(commitId); it != m_commitGitOids.constEnd())
        return *it;
    QStringList parents;
    for (const QString &p : c.parents)
        parents.append(commitGitOid(p));
    const QString oid = ObjectCodec::gitCommitOid(treeGitOid(c.treeId), parents,
                                                  ObjectCodec::parseTimestamp(c.createdAt), c.message);
    m_commitGitOids.insert(commitId, oid);
    m_context.objects->rememberCommitOid(oid, commitId);
    return oid;
}

} // namespace hubvault
