#include "TreeDiff.h"

#include "RepoSession.h"
#include "TreeWalker.h"

#include <QHash>
#include <algorithm>

namespace hubvault {

namespace {

QString joinPath(const QString &prefix, const QString &name)
{
    return prefix.isEmpty() ? name : prefix + QLatin1Char('/') + name;
}

} // namespace

std::vector<FileDifference> TreeDiff::compare(const QString &oldTreeId, const QString &newTreeId)
{
    m_out.clear();
    if (oldTreeId.isEmpty() && !newTreeId.isEmpty())
        addAll(newTreeId, QString(), false);
    else if (!oldTreeId.isEmpty() && newTreeId.isEmpty())
        addAll(oldTreeId, QString(), true);
    else if (oldTreeId != newTreeId)
        compareTrees(oldTreeId, newTreeId, QString());
    std::sort(m_out.begin(), m_out.end(),
              [](const FileDifference &a, const FileDifference &b) { return TreeWalker::codePointLess(a.path, b.path); });
    return std::move(m_out);
}

void TreeDiff::compareTrees(const QString &oldTreeId, const QString &newTreeId, const QString &prefix, int depth)
{
    checkTreeDepth(depth, newTreeId.isEmpty() ? oldTreeId : newTreeId);
    // Copies: the session's references stay valid, but recursion may insert into its caches.
    const QList<TreeEntry> oldEntries = m_session.tree(oldTreeId).entries;
    const QList<TreeEntry> newEntries = m_session.tree(newTreeId).entries;
    QHash<QString, const TreeEntry *> oldByName;
    oldByName.reserve(oldEntries.size());
    for (const TreeEntry &e : oldEntries)
        oldByName.insert(e.name, &e);

    for (const TreeEntry &now : newEntries) {
        const QString path = joinPath(prefix, now.name);
        const TreeEntry *before = oldByName.take(now.name);
        if (before && before->objectId == now.objectId && before->isTree() == now.isTree())
            continue;
        if (!before) {
            now.isTree() ? addAll(now.objectId, path, false) : m_out.push_back({path, QString(), now.objectId});
        } else if (before->isTree() && now.isTree()) {
            compareTrees(before->objectId, now.objectId, path, depth + 1);
        } else if (!before->isTree() && !now.isTree()) {
            if (!sameContent(before->objectId, now.objectId))
                m_out.push_back({path, before->objectId, now.objectId});
        } else {
            // A file became a folder or the other way round.
            before->isTree() ? addAll(before->objectId, path, true) : m_out.push_back({path, before->objectId, QString()});
            now.isTree() ? addAll(now.objectId, path, false) : m_out.push_back({path, QString(), now.objectId});
        }
    }
    for (const TreeEntry *gone : std::as_const(oldByName)) {
        const QString path = joinPath(prefix, gone->name);
        gone->isTree() ? addAll(gone->objectId, path, true) : m_out.push_back({path, gone->objectId, QString()});
    }
}

void TreeDiff::addAll(const QString &treeId, const QString &prefix, bool asOld)
{
    for (const auto &[path, fileId] : TreeWalker(m_session).flatten(treeId)) {
        const QString full = joinPath(prefix, path);
        m_out.push_back(asOld ? FileDifference{full, fileId, QString()} : FileDifference{full, QString(), fileId});
    }
}

bool TreeDiff::sameContent(const QString &oldFileId, const QString &newFileId)
{
    const FilePayload &a = m_session.file(oldFileId);
    const FilePayload &b = m_session.file(newFileId);
    return a.sha256 == b.sha256 && a.logicalSize == b.logicalSize && a.oid == b.oid;
}

} // namespace hubvault
