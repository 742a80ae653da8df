// The repository's objects and links, loaded by table scans (see ObjectGraph.h).
#include "ObjectGraph.h"

#include <hubvault/Errors.h>
#include "MetadataStore.h"

#include <algorithm>
#include <simdjson.h>

namespace hubvault {

namespace {

namespace sj = simdjson;

bool parseObjectId(QByteArrayView text, ObjectGraph::Digest *out)
{
    return text.size() == 71 && text.startsWith("sha256:") && VerifiedRanges::parseDigest(text, out);
}

} // namespace

QString ObjectGraph::hex(const Digest &digest)
{
    return QStringLiteral("sha256:")
        + QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest.data()), qsizetype(digest.size())).toHex());
}

namespace {

/** Rows of links collected in any order, then laid out by object index. */
class RowCollector {
public:
    void add(int row, const std::vector<int> &targets)
    {
        m_rows.push_back({row, int(m_targets.size()), int(targets.size())});
        m_targets.insert(m_targets.end(), targets.begin(), targets.end());
    }
    template <typename Links>
    void finish(qsizetype rows, Links &out)
    {
        std::sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) { return a.row < b.row; });
        out.start.assign(1, 0);
        out.targets.clear();
        out.targets.reserve(m_targets.size());
        size_t next = 0;
        for (int row = 0; row < rows; ++row) {
            if (next < m_rows.size() && m_rows[next].row == row) {
                const Row &r = m_rows[next++];
                out.targets.insert(out.targets.end(), m_targets.begin() + r.first, m_targets.begin() + r.first + r.count);
            }
            out.endRow();
        }
    }

private:
    struct Row {
        int row, first, count;
    };
    std::vector<Row> m_rows;
    std::vector<int> m_targets;
};

/** Parses payload text with simdjson, copying it into a buffer with the padding it needs. */
class PayloadParser {
public:
    bool parse(QByteArrayView text, sj::dom::object *out)
    {
        m_buffer.resize(size_t(text.size()) + sj::SIMDJSON_PADDING);
        std::copy(text.begin(), text.end(), m_buffer.begin());
        sj::dom::element document;
        return !m_parser.parse(m_buffer.data(), size_t(text.size()), false).get(document) && !document.get_object().get(*out);
    }

private:
    sj::dom::parser m_parser;
    std::vector<char> m_buffer;
};

QByteArrayView stringField(const sj::dom::object &object, const char *key)
{
    std::string_view text;
    if (object[key].get_string().get(text))
        return QByteArrayView();
    return QByteArrayView(text.data(), qsizetype(text.size()));
}

/** Marks a code as "this object's payload is unreadable" (kept beside missing links). */
constexpr int kBadPayloadRow = -1;

} // namespace

ObjectGraph::Table &ObjectGraph::table(ObjectType type)
{
    switch (type) {
    case ObjectType::Commit: return m_commits;
    case ObjectType::Tree: return m_trees;
    case ObjectType::File: return m_files;
    case ObjectType::Blob: return m_blobs;
    }
    return m_commits;
}

const ObjectGraph::Table &ObjectGraph::table(ObjectType type) const
{
    return const_cast<ObjectGraph *>(this)->table(type);
}

const std::vector<bool> &ObjectGraph::Reach::of(ObjectType type) const
{
    switch (type) {
    case ObjectType::Commit: return commits;
    case ObjectType::Tree: return trees;
    case ObjectType::File: return files;
    case ObjectType::Blob: return blobs;
    }
    return commits;
}

namespace {

quint64 prefixOf(const ObjectGraph::Digest &digest)
{
    quint64 value = 0;
    for (int i = 0; i < 8; ++i)
        value = value << 8 | digest[size_t(i)];
    return value;
}

} // namespace

int ObjectGraph::indexIn(const Table &table, const Digest &digest)
{
    // Millions of links are resolved per load; a hash slot is one or two cache misses
    // where a binary search over the ids was eighteen.
    if (table.slots.empty())
        return -1;
    const size_t mask = table.slots.size() - 1;
    for (size_t slot = size_t(prefixOf(digest)) & mask;; slot = (slot + 1) & mask) {
        const int entry = table.slots[slot];
        if (entry == 0)
            return -1;
        if (table.ids[size_t(entry - 1)] == digest)
            return entry - 1;
    }
}

int ObjectGraph::rowOf(const Table &table, QByteArrayView id) const
{
    Digest digest;
    return parseObjectId(id, &digest) ? indexIn(table, digest) : -1;
}

void ObjectGraph::recordOdd(Table &table, QByteArrayView id, qint64 size)
{
    const qsizetype index = table.odd.indexOf(QString::fromUtf8(id));
    if (index >= 0)
        table.oddSizes[index] = size;
}

int ObjectGraph::find(ObjectType type, const QString &objectId) const
{
    return rowOf(table(type), objectId.toLatin1());
}

QString ObjectGraph::id(ObjectType type, int index) const
{
    return hex(table(type).ids.at(size_t(index)));
}

QString ObjectGraph::chunkId(int index) const
{
    return QString::fromLatin1(m_chunkIds.at(size_t(index)));
}

int ObjectGraph::findChunk(const QString &chunkId) const
{
    const QByteArray key = chunkId.toLatin1();
    const auto indexed = m_chunkIds.begin() + m_indexedChunks;
    const auto it = std::lower_bound(m_chunkIds.begin(), indexed, key);
    if (it != indexed && *it == key)
        return int(it - m_chunkIds.begin());
    const auto extra = std::find(indexed, m_chunkIds.end(), key);
    return extra == m_chunkIds.end() ? -1 : int(extra - m_chunkIds.begin());
}

void ObjectGraph::loadIds(MetadataStore &store, ObjectType type, bool withSizes)
{
    Table &t = table(type);
    std::vector<std::pair<Digest, qint64>> rows;
    auto add = [&](QByteArrayView id, qint64 size) {
        Digest digest;
        if (parseObjectId(id, &digest)) {
            rows.push_back({digest, size});
        } else {
            t.odd.append(QString::fromUtf8(id));
            t.oddSizes.append(size);
        }
    };
    if (withSizes)
        store.scanSizes(type, add);
    else
        store.scanIds(type, [&](QByteArrayView id) { add(id, 0); });
    if (!std::is_sorted(rows.begin(), rows.end()))
        std::sort(rows.begin(), rows.end());
    t.ids.reserve(rows.size());
    t.sizes.reserve(rows.size());
    size_t capacity = 16;
    while (capacity < 2 * rows.size())
        capacity *= 2;
    t.slots.assign(capacity, 0);
    for (const auto &[digest, size] : rows) {
        size_t slot = size_t(prefixOf(digest)) & (capacity - 1);
        while (t.slots[slot] != 0)
            slot = (slot + 1) & (capacity - 1);
        t.slots[slot] = int(t.ids.size()) + 1;
        t.ids.push_back(digest);
        t.sizes.push_back(size);
    }
}

void ObjectGraph::loadChunks(MetadataStore &store)
{
    for (const ChunkRow &row : store.allChunks()) {
        m_chunkIds.push_back(row.chunkId.toLatin1());
        m_chunkSizes.push_back(row.storedSize);
    }
    m_indexedChunks = qsizetype(m_chunkIds.size());
}

int ObjectGraph::link(ObjectType type, QByteArrayView objectId)
{
    const int index = rowOf(table(type), objectId);
    if (index >= 0)
        return index;
    m_missing.append({type, QString::fromUtf8(objectId)});
    return -int(m_missing.size()) - 1; // -1 is kBadPayloadRow
}

int ObjectGraph::chunkLink(QByteArrayView chunkId)
{
    const int known = findChunk(QString::fromLatin1(chunkId));
    if (known >= 0)
        return known;
    // Named by a file but not in chunk_visible: still part of what the file needs.
    m_chunkIds.push_back(chunkId.toByteArray());
    m_chunkSizes.push_back(0);
    return int(m_chunkIds.size()) - 1;
}

void ObjectGraph::missing(int code) const
{
    if (code == kBadPayloadRow)
        throw IntegrityError(QStringLiteral("an object's payload is not valid; run full verification"));
    const auto &[type, objectId] = m_missing.at(-code - 2);
    throw IntegrityError(QStringLiteral("%1 object %2 is missing from the metadata database; run full verification")
                             .arg(objectTypeName(type), objectId));
}

void ObjectGraph::loadFiles(MetadataStore &store)
{
    // Per file: its blob (whole-blob storage) or its chunks.
    PayloadParser parser;
    RowCollector blobs, chunks;
    std::vector<int> targets;
    store.scanPayloads(ObjectType::File, [&](QByteArrayView id, QByteArrayView payload) {
        const int row = rowOf(m_files, id);
        if (row < 0)
            return recordOdd(m_files, id, payload.size());
        m_files.sizes[size_t(row)] = payload.size();
        sj::dom::object file;
        targets.clear();
        if (!parser.parse(payload, &file)) {
            blobs.add(row, {kBadPayloadRow});
            return;
        }
        if (stringField(file, "storage_kind") == "chunked") {
            sj::dom::array list;
            if (!file["chunks"].get_array().get(list)) {
                for (const sj::dom::element item : list) {
                    sj::dom::object chunk;
                    if (!item.get_object().get(chunk))
                        targets.push_back(chunkLink(stringField(chunk, "chunk_id")));
                }
            }
            chunks.add(row, targets);
            return;
        }
        blobs.add(row, {link(ObjectType::Blob, stringField(file, "content_object_id"))});
    });
    blobs.finish(count(ObjectType::File), m_fileBlob);
    chunks.finish(count(ObjectType::File), m_fileChunks);
}

void ObjectGraph::loadTrees(MetadataStore &store)
{
    PayloadParser parser;
    RowCollector children;
    std::vector<int> targets;
    store.scanPayloads(ObjectType::Tree, [&](QByteArrayView id, QByteArrayView payload) {
        const int row = rowOf(m_trees, id);
        if (row < 0)
            return recordOdd(m_trees, id, payload.size());
        m_trees.sizes[size_t(row)] = payload.size();
        sj::dom::object tree;
        sj::dom::array entries;
        if (!parser.parse(payload, &tree) || tree["entries"].get_array().get(entries)) {
            children.add(row, {kBadPayloadRow});
            return;
        }
        targets.clear();
        for (const sj::dom::element item : entries) {
            sj::dom::object entry;
            if (item.get_object().get(entry))
                continue;
            const bool isTree = stringField(entry, "entry_type") == "tree";
            const int target = link(isTree ? ObjectType::Tree : ObjectType::File, stringField(entry, "object_id"));
            targets.push_back(target < 0 ? target : (target << 1) | (isTree ? 0 : 1));
        }
        children.add(row, targets);
    });
    children.finish(count(ObjectType::Tree), m_treeChildren);
}

void ObjectGraph::loadCommitLinks(MetadataStore &store)
{
    PayloadParser parser;
    RowCollector trees, parents;
    std::vector<int> targets;
    m_commitTreeIds.assign(size_t(count(ObjectType::Commit)), Digest{});
    const bool treesLoaded = !m_trees.ids.empty() || !m_trees.odd.isEmpty();
    store.scanPayloads(ObjectType::Commit, [&](QByteArrayView id, QByteArrayView payload) {
        const int row = rowOf(m_commits, id);
        if (row < 0)
            return recordOdd(m_commits, id, payload.size());
        m_commits.sizes[size_t(row)] = payload.size();
        sj::dom::object commit;
        sj::dom::array list;
        if (!parser.parse(payload, &commit) || commit["parents"].get_array().get(list)) {
            trees.add(row, {kBadPayloadRow});
            parents.add(row, {});
            return;
        }
        const QByteArrayView treeId = stringField(commit, "tree_id");
        parseObjectId(treeId, &m_commitTreeIds[size_t(row)]);
        trees.add(row, {treesLoaded ? link(ObjectType::Tree, treeId) : 0});
        targets.clear();
        for (const sj::dom::element item : list) {
            std::string_view parent;
            if (!item.get_string().get(parent))
                targets.push_back(link(ObjectType::Commit, QByteArrayView(parent.data(), qsizetype(parent.size()))));
        }
        parents.add(row, targets);
    });
    trees.finish(count(ObjectType::Commit), m_commitTree);
    parents.finish(count(ObjectType::Commit), m_commitParents);
}

ObjectGraph ObjectGraph::load(MetadataStore &store, const TaskControl &task)
{
    // Ids first (from the tables' primary-key indexes), so that every link can be resolved
    // to an index as payloads stream by; payload sizes come with the payloads.
    ObjectGraph graph;
    for (ObjectType type : {ObjectType::Commit, ObjectType::Tree, ObjectType::File}) {
        graph.loadIds(store, type, false);
        task.checkCancelled();
    }
    graph.loadIds(store, ObjectType::Blob, true);
    task.checkCancelled();
    graph.loadChunks(store);
    task.checkCancelled();
    graph.loadFiles(store);
    task.checkCancelled();
    graph.loadTrees(store);
    task.checkCancelled();
    graph.loadCommitLinks(store);
    return graph;
}

ObjectGraph ObjectGraph::loadCommits(MetadataStore &store)
{
    ObjectGraph graph;
    graph.loadIds(store, ObjectType::Commit, false);
    graph.loadCommitLinks(store);
    return graph;
}

QList<int> ObjectGraph::parents(int commit) const
{
    QList<int> out;
    for (int i = m_commitParents.start[size_t(commit)]; i < m_commitParents.start[size_t(commit) + 1]; ++i) {
        const int parent = m_commitParents.targets[size_t(i)];
        if (parent < 0)
            missing(parent);
        out.append(parent);
    }
    if (m_commitTree.targets.empty() || m_commitTree.targets[size_t(m_commitTree.start[size_t(commit)])] == kBadPayloadRow)
        throw IntegrityError(QStringLiteral("commit %1 is not a valid JSON object; run full verification").arg(id(ObjectType::Commit, commit)));
    return out;
}

QList<int> ObjectGraph::ancestry(int head) const
{
    QList<int> order;
    std::vector<bool> seen(size_t(count(ObjectType::Commit)), false);
    std::vector<int> stack{head};
    while (!stack.empty()) {
        const int id = stack.back();
        stack.pop_back();
        if (seen[size_t(id)])
            continue;
        seen[size_t(id)] = true;
        order.append(id);
        const QList<int> next = parents(id);
        for (auto it = next.crbegin(); it != next.crend(); ++it) {
            if (!seen[size_t(*it)])
                stack.push_back(*it);
        }
    }
    return order;
}

ObjectGraph::Reach ObjectGraph::reach(const QList<int> &commits, bool followParents) const
{
    Reach r;
    r.commits.assign(size_t(count(ObjectType::Commit)), false);
    r.trees.assign(size_t(count(ObjectType::Tree)), false);
    r.files.assign(size_t(count(ObjectType::File)), false);
    r.blobs.assign(size_t(count(ObjectType::Blob)), false);
    r.chunks.assign(m_chunkIds.size(), false);
    auto rowOf = [](const Links &links, int row) {
        return std::make_pair(links.targets.begin() + links.start[size_t(row)],
                              links.targets.begin() + links.start[size_t(row) + 1]);
    };
    std::vector<int> commitStack(commits.begin(), commits.end()), treeStack;
    while (!commitStack.empty()) {
        const int commit = commitStack.back();
        commitStack.pop_back();
        if (r.commits[size_t(commit)])
            continue;
        r.commits[size_t(commit)] = true;
        const int root = *rowOf(m_commitTree, commit).first;
        if (root < 0)
            missing(root);
        treeStack.push_back(root);
        while (!treeStack.empty()) {
            const int tree = treeStack.back();
            treeStack.pop_back();
            if (r.trees[size_t(tree)])
                continue;
            r.trees[size_t(tree)] = true;
            for (auto [it, end] = rowOf(m_treeChildren, tree); it != end; ++it) {
                if (*it < 0)
                    missing(*it);
                const int child = *it >> 1;
                if (!(*it & 1)) {
                    treeStack.push_back(child);
                    continue;
                }
                if (r.files[size_t(child)])
                    continue;
                r.files[size_t(child)] = true;
                for (auto [b, bEnd] = rowOf(m_fileBlob, child); b != bEnd; ++b) {
                    if (*b < 0)
                        missing(*b);
                    r.blobs[size_t(*b)] = true;
                }
                for (auto [c, cEnd] = rowOf(m_fileChunks, child); c != cEnd; ++c)
                    r.chunks[size_t(*c)] = true;
            }
        }
        if (followParents) {
            for (auto [it, end] = rowOf(m_commitParents, commit); it != end; ++it) {
                if (*it < 0)
                    missing(*it);
                commitStack.push_back(*it);
            }
        }
    }
    return r;
}

} // namespace hubvault
