#include "TreeBuilder.h"

#include "CanonicalJson.h"
#include "ObjectCodec.h"
#include "TreeWalker.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>

namespace hubvault {

QPair<QString, QString> TreeBuilder::build(const std::map<QString, QString> &snapshot, QList<BuiltObject> &out)
{
    return buildLevel(snapshot, out);
}

QPair<QString, QString> TreeBuilder::buildLevel(const std::map<QString, QString> &entries, QList<BuiltObject> &out)
{
    // Group by first segment: files stay here, the rest become sub-snapshots.
    std::map<QString, QString> files;
    std::map<QString, std::map<QString, QString>> dirs;
    for (const auto &[path, fileId] : entries) {
        const qsizetype slash = path.indexOf(QLatin1Char('/'));
        if (slash < 0)
            files.emplace(path, fileId);
        else
            dirs[path.left(slash)].emplace(path.mid(slash + 1), fileId);
    }
    QList<BuildEntry> list;
    for (const auto &[name, fileId] : files) {
        const auto [size, oid] = m_facts(fileId);
        list.append({name, false, fileId, size, oid});
    }
    for (const auto &[name, sub] : dirs) {
        const auto [treeId, gitOid] = buildLevel(sub, out);
        list.append({name, true, treeId, 0, gitOid});
    }
    return writeTree(std::move(list), out);
}

QPair<QString, QString> TreeBuilder::writeTree(QList<BuildEntry> list, QList<BuiltObject> &out)
{
    std::sort(list.begin(), list.end(), [](const BuildEntry &a, const BuildEntry &b) { return codePointLess(a.name, b.name); });
    // The canonical form of a tree payload is written directly: keys in sorted order,
    // entries in the order just established (§3.4). Building QJsonObjects first took
    // most of a commit's CPU time on large folders.
    QList<GitTreeEntry> gitEntries;
    gitEntries.reserve(list.size());
    auto tree = std::make_shared<TreePayload>();
    tree->entries.reserve(list.size());
    QByteArray payload;
    payload.reserve(64 + list.size() * 160);
    payload += "{\"entries\":[";
    for (qsizetype i = 0; i < list.size(); ++i) {
        const BuildEntry &e = list.at(i);
        if (i)
            payload += ',';
        payload += e.isTree ? "{\"entry_type\":\"tree\",\"mode\":\"040000\",\"name\":"
                            : "{\"entry_type\":\"file\",\"mode\":\"100644\",\"name\":";
        CanonicalJson::appendString(payload, e.name);
        payload += ",\"object_id\":";
        CanonicalJson::appendString(payload, e.objectId);
        payload += ",\"size_hint\":";
        payload += QByteArray::number(e.size);
        payload += '}';
        gitEntries.append({e.name, e.isTree, e.gitOid});
        tree->entries.append({e.isTree ? QStringLiteral("tree") : QStringLiteral("file"),
                              e.isTree ? QStringLiteral("040000") : QStringLiteral("100644"), e.name, e.objectId, e.size});
        if (i && list.at(i - 1).name == e.name)
            tree->sortedByName = false; // a repeated name: validation reports it
    }
    const QString gitOid = ObjectCodec::gitTreeOid(gitEntries);
    payload += "],\"format_version\":1,\"git_oid\":";
    CanonicalJson::appendString(payload, gitOid);
    payload += '}';
    const QString id = ObjectCodec::objectId(ObjectType::Tree, payload);
    tree->gitOid = gitOid;
    out.append({id, payload, std::move(tree)});
    return {id, gitOid};
}

} // namespace hubvault
