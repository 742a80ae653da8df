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
    struct Entry {
        QString name;
        bool isTree;
        QString objectId;
        qint64 size;
        QString gitOid;
    };
    QList<Entry> list;
    for (const auto &[name, fileId] : files) {
        const auto [size, oid] = m_facts(fileId);
        list.append({name, false, fileId, size, oid});
    }
    for (const auto &[name, sub] : dirs) {
        const auto [treeId, gitOid] = buildLevel(sub, out);
        list.append({name, true, treeId, 0, gitOid});
    }
    std::sort(list.begin(), list.end(), [](const Entry &a, const Entry &b) { return TreeWalker::codePointLess(a.name, b.name); });

    QJsonArray jsonEntries;
    QList<GitTreeEntry> gitEntries;
    for (const Entry &e : list) {
        jsonEntries.append(QJsonObject{{QStringLiteral("entry_type"), e.isTree ? QStringLiteral("tree") : QStringLiteral("file")},
                                       {QStringLiteral("mode"), e.isTree ? QStringLiteral("040000") : QStringLiteral("100644")},
                                       {QStringLiteral("name"), e.name},
                                       {QStringLiteral("object_id"), e.objectId},
                                       {QStringLiteral("size_hint"), e.size}});
        gitEntries.append({e.name, e.isTree, e.gitOid});
    }
    const QString gitOid = ObjectCodec::gitTreeOid(gitEntries);
    const QByteArray payload = CanonicalJson::serialize(QJsonObject{
        {QStringLiteral("entries"), jsonEntries}, {QStringLiteral("format_version"), 1}, {QStringLiteral("git_oid"), gitOid}});
    const QString id = ObjectCodec::objectId(ObjectType::Tree, payload);
    out.append({id, payload});
    return {id, gitOid};
}

} // namespace hubvault
