// Snapshot edits that rebuild only the trees on changed paths (see TreeEditor.h).
#include "TreeEditor.h"

#include <hubvault/Errors.h>
#include "ObjectModel.h"
#include "RepoSession.h"
#include "SnapshotValidator.h"
#include "TreeWalker.h"

#include <QHash>

namespace hubvault {

bool TreeEditor::CodePointOrder::operator()(const QString &a, const QString &b) const
{
    return codePointLess(a, b);
}

/** What one name of a folder holds: a file, a folder, or (only between edits) both. */
struct TreeEditor::Slot {
    std::optional<QString> file;
    QString storedTree;         ///< a stored subtree not expanded (yet)
    std::unique_ptr<Node> node; ///< an expanded or new subtree
    bool hasFolder() const { return node || !storedTree.isEmpty(); }
    bool isEmpty() const { return !file && !hasFolder(); }
};

struct TreeEditor::Node {
    QString storedId; ///< the stored tree this folder started as ("" = new)
    bool expanded = false;
    bool changed = false;
    std::map<QString, Slot, CodePointOrder> slots;
};

TreeEditor::TreeEditor(RepoSession &session, const QString &rootTreeId) : m_session(session), m_root(std::make_unique<Node>())
{
    m_root->storedId = rootTreeId;
    expand(*m_root);
}

TreeEditor::~TreeEditor() = default;

void TreeEditor::expand(Node &node)
{
    if (node.expanded)
        return;
    node.expanded = true;
    if (node.storedId.isEmpty())
        return;
    for (const TreeEntry &e : m_session.tree(node.storedId).entries) {
        Slot &slot = node.slots[e.name];
        if (e.isTree())
            slot.storedTree = e.objectId;
        else
            slot.file = e.objectId;
    }
}

TreeEditor::Node *TreeEditor::folder(const QStringList &segments, bool create)
{
    Node *node = m_root.get();
    for (const QString &name : segments) {
        auto it = node->slots.find(name);
        if (it == node->slots.end()) {
            if (!create)
                return nullptr;
            it = node->slots.emplace(name, Slot()).first;
        }
        Slot &slot = it->second;
        if (!slot.node) {
            if (slot.storedTree.isEmpty() && !create)
                return nullptr;
            slot.node = std::make_unique<Node>();
            slot.node->storedId = slot.storedTree;
            slot.storedTree.clear();
        }
        node = slot.node.get();
        expand(*node);
    }
    return node;
}

namespace {

/** ("a/b", "c") for "a/b/c". */
QPair<QStringList, QString> splitPath(const QString &path)
{
    QStringList segments = path.split(QLatin1Char('/'));
    const QString leaf = segments.takeLast();
    return {segments, leaf};
}

} // namespace

std::optional<QString> TreeEditor::file(const QString &path)
{
    const auto [folders, leaf] = splitPath(path);
    Node *node = folder(folders, false);
    if (!node)
        return std::nullopt;
    const auto it = node->slots.find(leaf);
    return it == node->slots.end() ? std::nullopt : it->second.file;
}

void TreeEditor::markChanged(const QStringList &folders)
{
    // Every folder on the way changes (its child's id will), the root included.
    Node *node = m_root.get();
    node->changed = true;
    for (const QString &name : folders) {
        node = node->slots.at(name).node.get();
        node->changed = true;
    }
}

void TreeEditor::setFile(const QString &path, const QString &fileId)
{
    const auto [folders, leaf] = splitPath(path);
    Node *node = folder(folders, true);
    markChanged(folders);
    node->slots[leaf].file = fileId;
}

bool TreeEditor::removeFile(const QString &path)
{
    const auto [folders, leaf] = splitPath(path);
    Node *node = folder(folders, false);
    if (!node)
        return false;
    const auto it = node->slots.find(leaf);
    if (it == node->slots.end() || !it->second.file)
        return false;
    it->second.file.reset();
    if (it->second.isEmpty())
        node->slots.erase(it);
    markChanged(folders);
    return true;
}

qsizetype TreeEditor::removeFolder(const QString &folderPath)
{
    const auto [parents, leaf] = splitPath(folderPath);
    Node *parent = folder(parents, false);
    if (!parent)
        return 0;
    const auto it = parent->slots.find(leaf);
    if (it == parent->slots.end() || !it->second.hasFolder())
        return 0;
    Slot &slot = it->second;
    QStringList inside;
    if (slot.node)
        collectPaths(*slot.node, QString(), inside);
    const qsizetype removed = slot.node ? inside.size() : qsizetype(TreeWalker(m_session).flatten(slot.storedTree).size());
    if (removed == 0)
        return 0;
    slot.node.reset();
    slot.storedTree.clear();
    if (slot.isEmpty())
        parent->slots.erase(it);
    markChanged(parents);
    return removed;
}

void TreeEditor::collectPaths(Node &node, const QString &prefix, QStringList &out)
{
    expand(node);
    for (auto &[name, slot] : node.slots) {
        const QString path = prefix.isEmpty() ? name : prefix + QLatin1Char('/') + name;
        if (slot.file)
            out.append(path);
        if (slot.node) {
            collectPaths(*slot.node, path, out);
        } else if (!slot.storedTree.isEmpty()) {
            for (const auto &[inner, fileId] : TreeWalker(m_session).flatten(slot.storedTree))
                out.append(path + QLatin1Char('/') + inner);
        }
    }
}

void TreeEditor::failWithFullValidation()
{
    QStringList paths;
    collectPaths(*m_root, QString(), paths);
    SnapshotValidator::validate(paths);
    // The local check is the same rule applied to one folder, so the full one fails too.
    throw ConflictError(QStringLiteral("the snapshot has conflicting paths"));
}

QPair<QString, QString> TreeEditor::buildNode(Node &node, const TreeBuilder::FileFacts &facts, QList<BuiltObject> &out)
{
    if (!node.changed)
        return {node.storedId, m_session.treeGitOid(node.storedId)};
    QList<BuildEntry> entries;
    QHash<QString, QString> folded; // case-folded file name -> name (§11.2, per folder)
    for (auto &[name, slot] : node.slots) {
        if (slot.file && slot.hasFolder())
            failWithFullValidation();
        if (slot.file) {
            const QString key = SnapshotValidator::caseFold(name);
            if (const auto seen = folded.constFind(key); seen != folded.constEnd() && *seen != name)
                failWithFullValidation();
            folded.insert(key, name);
            const auto [size, oid] = facts(*slot.file);
            entries.append({name, false, *slot.file, size, oid});
            continue;
        }
        if (slot.node) {
            const auto [id, gitOid] = buildNode(*slot.node, facts, out);
            entries.append({name, true, id, 0, gitOid});
        } else if (!slot.storedTree.isEmpty()) {
            entries.append({name, true, slot.storedTree, 0, m_session.treeGitOid(slot.storedTree)});
        }
    }
    return TreeBuilder::writeTree(std::move(entries), out);
}

QPair<QString, QString> TreeEditor::build(const TreeBuilder::FileFacts &facts, QList<BuiltObject> &out)
{
    // Folders emptied by the edits are dropped bottom-up before their parents are written.
    std::function<bool(Node &)> prune = [&](Node &node) {
        if (!node.changed)
            return false;
        for (auto it = node.slots.begin(); it != node.slots.end();) {
            Slot &slot = it->second;
            if (slot.node && prune(*slot.node))
                slot.node.reset();
            it = slot.isEmpty() ? node.slots.erase(it) : std::next(it);
        }
        return node.slots.empty();
    };
    prune(*m_root);
    m_root->changed = true;
    return buildNode(*m_root, facts, out);
}

} // namespace hubvault
