#pragma once
// Edits the snapshot of a commit the way create_commit and merge describe it (docs/format.md
// §10.1, §10.2: a flat map from path to file object, then trees built from it), but loads
// and rebuilds only the trees on the paths that change: a commit that touches one file
// reads and writes the trees from the root down to that file, whatever the size of the
// rest. Between edits a path may briefly be both a file and a folder, as in a flat map;
// only the result must be a valid snapshot (§11.2). The directories that changed are
// checked for structural conflicts; when one is found, the whole snapshot is validated
// so the error names the same first conflict the flat check would.

#include "TreeBuilder.h"

#include <QString>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace hubvault {

class RepoSession;

class TreeEditor {
public:
    /** Starts from the tree `rootTreeId` (empty: an empty snapshot). */
    TreeEditor(RepoSession &session, const QString &rootTreeId);
    ~TreeEditor();
    TreeEditor(const TreeEditor &) = delete;
    TreeEditor &operator=(const TreeEditor &) = delete;

    /** The file object at `path` now, if any. */
    std::optional<QString> file(const QString &path);
    void setFile(const QString &path, const QString &fileId);
    /** Removes the file at `path`; false when there is none. */
    bool removeFile(const QString &path);
    /** Removes every file under `folder`; how many there were (0: nothing changed). */
    qsizetype removeFolder(const QString &folder);

    /**
     * Builds the trees that changed (appended to `out`; `facts` gives the size and git
     * OID of each file they hold) and returns the root's object id and git OID. Throws
     * ConflictError for a snapshot that breaks §11.2.
     */
    QPair<QString, QString> build(const TreeBuilder::FileFacts &facts, QList<BuiltObject> &out);

private:
    struct Node;
    struct Slot;
    struct CodePointOrder {
        bool operator()(const QString &a, const QString &b) const;
    };

    /** The node of folder `segments` (expanded), created when `create`, else null if absent. */
    Node *folder(const QStringList &segments, bool create);
    void expand(Node &node);
    void markChanged(const QStringList &folders);
    QPair<QString, QString> buildNode(Node &node, const TreeBuilder::FileFacts &facts, QList<BuiltObject> &out);
    /** Every file of the edited snapshot, for the full validation of a conflict. */
    void collectPaths(Node &node, const QString &prefix, QStringList &out);
    [[noreturn]] void failWithFullValidation();

    RepoSession &m_session;
    std::unique_ptr<Node> m_root;
};

} // namespace hubvault
