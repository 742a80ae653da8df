#pragma once
// The selected commit in full: title, description, Git and internal ids, root tree, date,
// refs, parents and children as links, and the files it changed with their sizes before
// and after. A second, slower read adds copies, renames and the bytes the commit really
// stored after deduplication. Both run on a worker; a newer selection drops older answers.

#include <hubvault/Models.h>

#include <QString>
#include <QWidget>
#include <optional>

class QLabel;
class QSortFilterProxyModel;
class QSplitter;
class QTextBrowser;
class QTreeView;

namespace hubvault::app {

class CommitChangesModel;
class CommitGraphModel;

class CommitDetailsView : public QWidget {
    Q_OBJECT
public:
    explicit CommitDetailsView(QWidget *parent = nullptr);

    void setRepository(const QString &repoPath);
    /** Optional: titles, refs and children of related commits come from the graph. */
    void setGraphModel(const CommitGraphModel *model) { m_graph = model; }
    /** Loads and shows `commitId`; "" shows nothing. */
    void showCommit(const QString &commitId);

    QString commitId() const { return m_commitId; }
    bool isLoading() const { return m_loading; }
    /** The detail shown (empty while loading or after an error). */
    const CommitDetailInfo &detail() const { return m_detail; }
    /** Ids of the commit and its root tree (empty while loading). */
    const CommitGraphNode &node() const { return m_node; }
    /** What the commit stored, once known. */
    const std::optional<CommitStorageDelta> &storage() const { return m_storage; }
    QTextBrowser *summaryView() const { return m_summary; }
    QTreeView *changesView() const { return m_changesView; }
    CommitChangesModel *changesModel() const { return m_changes; }
    QSplitter *splitter() const { return m_splitter; }

    /** The link target used for a commit in the summary. */
    static QString commitLink(const QString &commitId);

Q_SIGNALS:
    /** The detail of `commitId` is shown (or its error is). */
    void commitShown(const QString &commitId);
    /** The stored-bytes figures of `commitId` arrived (or could not be computed). */
    void storageShown(const QString &commitId);
    /** A changed file was activated (double-click or Enter): the user wants its diff. */
    void fileActivated(const QString &commitId, const QString &path);
    /** A parent or child link was clicked. */
    void commitLinkActivated(const QString &commitId);

private:
    void render();
    void loadStorage(quint64 serial);
    void showMessage(const QString &text);
    QString commitLine(const QString &commitId) const;

    QTextBrowser *m_summary;
    QTreeView *m_changesView;
    CommitChangesModel *m_changes;
    QSortFilterProxyModel *m_changesProxy;
    QLabel *m_changesLabel;
    QSplitter *m_splitter;
    const CommitGraphModel *m_graph = nullptr;
    QString m_repoPath;
    QString m_commitId;
    CommitDetailInfo m_detail;
    CommitGraphNode m_node;
    std::optional<CommitStorageDelta> m_storage;
    QString m_storageError;
    quint64 m_serial = 0;
    bool m_loading = false;
};

} // namespace hubvault::app
