#pragma once
// Builds the tree objects of a flat snapshot (docs/format.md §3.4): one tree per directory,
// entries in code-point order of their names, each with its Git tree OID.

#include "ObjectModel.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>
#include <map>

namespace hubvault {

struct BuiltObject {
    QString objectId;
    QByteArray payload;
    /** The same tree, parsed: the next commit on a wide tree starts from it. */
    std::shared_ptr<const TreePayload> tree;
};

/** One entry of a tree being written: a file, or a subtree whose ids are known. */
struct BuildEntry {
    QString name;
    bool isTree = false;
    QString objectId;
    qint64 size = 0; ///< size_hint: the file's logical size, 0 for trees
    QString gitOid;
};

class TreeBuilder {
public:
    /** For a file object id: its logical size and public oid. */
    using FileFacts = std::function<QPair<qint64, QString>(const QString &fileId)>;

    /**
     * Serializes one tree (entries sorted here by code point), appends it to `out` and
     * returns its object id and git OID.
     */
    static QPair<QString, QString> writeTree(QList<BuildEntry> entries, QList<BuiltObject> &out);

    explicit TreeBuilder(FileFacts facts) : m_facts(std::move(facts)) {}

    /**
     * Builds every tree of `snapshot` (path -> file object id); returns the root's
     * object id and git OID. Built trees are appended to `out`.
     */
    QPair<QString, QString> build(const std::map<QString, QString> &snapshot, QList<BuiltObject> &out);

private:
    QPair<QString, QString> buildLevel(const std::map<QString, QString> &entries, QList<BuiltObject> &out);

    FileFacts m_facts;
};

} // namespace hubvault
