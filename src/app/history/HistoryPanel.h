#pragma once
// The History tab: a filter bar, the commit graph (CommitGraphModel painted by
// CommitGraphDelegate) and the selected commit's details below it.

#include <hubvault/Models.h>

#include <QString>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QSplitter;
class QTimer;
class QTreeView;

namespace hubvault::app {

class CommitDetailsView;
class CommitGraphDelegate;
class CommitGraphModel;

class HistoryPanel : public QWidget {
    Q_OBJECT
public:
    explicit HistoryPanel(QWidget *parent = nullptr);

    /** Starts loading the graph of every branch and tag; "" empties the panel. */
    void setRepository(const QString &repoPath, const GitRefs &refs, const QString &defaultBranch);
    /** Selects `commitId` in the graph, loading more history until it appears. */
    void selectCommit(const QString &commitId);
    /** The selected commit ("" when none). */
    QString currentCommit() const;
    /** Every selected commit (git ids), in graph order; the graph allows several. */
    QStringList selectedCommits() const;
    /** Sets both filters at once (the edits show them); applied immediately. */
    void setFilter(const QString &text, const QString &path = {});

    /** Fills the graph's context menu for `commitIds` (the clicked commit first). */
    void fillContextMenu(QMenu *menu, const QStringList &commitIds);

    void focusFilter();
    void focusGraph();
    /** Whether history or the selected commit's details are still loading. */
    bool isBusy() const;

    CommitGraphModel *model() const { return m_model; }
    QTreeView *graphView() const { return m_view; }
    CommitDetailsView *details() const { return m_details; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QLineEdit *pathFilterEdit() const { return m_pathEdit; }
    QSplitter *splitter() const { return m_splitter; }
    QAction *copyIdAction() const { return m_copyId; }
    QAction *goToParentAction() const { return m_goParent; }
    QAction *goToChildAction() const { return m_goChild; }
    QAction *browseFilesAction() const { return m_browseFiles; }

Q_SIGNALS:
    /** The selected commit changed ("" when none). */
    void commitSelected(const QString &commitId);
    /** The user wants the diff of `path` in `commitId` against its first parent. */
    void fileDiffRequested(const QString &commitId, const QString &path);
    /** The user wants the files of `commitId`. */
    void browseFilesRequested(const QString &commitId);
    /** selectCommit() could not show `commitId` (not in the graph, or filtered out). */
    void commitNotFound(const QString &commitId, const QString &reason);
    void errorOccurred(const QString &title, const QString &message);
    /** The graph's context menu is about to open on `commitIds` (the selection, the
     *  clicked commit first); workflows add their actions to `menu` here. */
    void contextMenuAboutToShow(QMenu *menu, const QStringList &commitIds);

private:
    void applyFilter();
    void onCurrentChanged();
    void onCommitLocated(const QString &commitId, int row);
    void updateStatus();
    void updateGraphWidth(int lanes);
    void updateActions();
    void goToParent();
    void goToChild();
    void showContextMenu(const QPoint &pos);

    CommitGraphModel *m_model;
    CommitGraphDelegate *m_delegate;
    QLineEdit *m_filterEdit;
    QLineEdit *m_pathEdit;
    QLabel *m_status;
    QTreeView *m_view;
    CommitDetailsView *m_details;
    QSplitter *m_splitter;
    QTimer *m_filterTimer;
    QAction *m_copyId;
    QAction *m_copyShortId;
    QAction *m_goParent;
    QAction *m_goChild;
    QAction *m_browseFiles;
    QString m_pendingSelect;
    QString m_shownCommit;
};

} // namespace hubvault::app
