#pragma once
// The files of one revision: a lazily expanding tree (FileTreeModel), a breadcrumb of the
// current folder, a preview of the selected file, and actions to copy a path or id and
// to download a file or folder to a chosen directory (on a worker, with a progress dialog
// whose Cancel stops the download).

#include "files/DownloadJob.h"

#include <QPointer>
#include <QProgressDialog>
#include <QString>
#include <QWidget>

class QAction;
class QLabel;
class QMenu;
class QModelIndex;
class QSplitter;
class QTreeView;

namespace hubvault::app {

class BreadcrumbBar;
class FileTreeModel;
class PreviewPane;
struct FileTreeEntry;

class FilesPanel : public QWidget {
    Q_OBJECT
public:
    explicit FilesPanel(QWidget *parent = nullptr);
    ~FilesPanel() override;

    /** Shows the default branch of the repository at `repoPath` ("" = nothing). */
    void setRepository(const QString &repoPath);
    /**
     * Shows `revision` (a branch, tag, full ref name or commit id; "" = default branch). The
     * selected path is selected again in the new revision when it exists there.
     */
    void showRevision(const QString &revision);

    QString repositoryPath() const { return m_repoPath; }
    QString revision() const { return m_revision; }
    /** Path of the current entry ("" when none). */
    QString currentPath() const;
    /** Folder the breadcrumb shows: the current folder, or the folder of the current file. */
    QString currentFolder() const;
    /** Fills the tree's context menu for `path` ("" = the revision's root). */
    void fillContextMenu(QMenu *menu, const QString &path, bool isFolder);
    /** Selects `path`, listing the folders on the way as needed. */
    void selectPath(const QString &path);

    /**
     * Downloads `pathInRepo` (a file, or a folder when `isFolder`; "" = everything) of the
     * current revision into `targetDir`, with a progress dialog. Returns the running job.
     */
    DownloadJob *downloadTo(const QString &pathInRepo, bool isFolder, const QString &targetDir);

    FileTreeModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    /** The line under the tree: download results and problems that are not errors. */
    QLabel *statusLabel() const { return m_status; }
    PreviewPane *previewPane() const { return m_preview; }
    BreadcrumbBar *breadcrumb() const { return m_breadcrumb; }
    DownloadJob *currentDownload() const { return m_download; }
    QProgressDialog *progressDialog() const { return m_progressDialog; }
    QAction *copyPathAction() const { return m_copyPath; }
    QAction *copyIdAction() const { return m_copyId; }
    QAction *copySha256Action() const { return m_copySha256; }
    QAction *downloadAction() const { return m_downloadAction; }
    QAction *parentFolderAction() const { return m_parentFolder; }

Q_SIGNALS:
    void errorOccurred(const QString &title, const QString &message);
    /** A download finished; `localPath` is the downloaded file or folder. */
    void downloadFinished(const QString &localPath);
    /** The tree's context menu is about to open on `path` ("" = the revision's root);
     *  workflows add their actions to `menu` here. */
    void contextMenuAboutToShow(QMenu *menu, const QString &path, bool isFolder);

private:
    void onCurrentChanged(const QModelIndex &current);
    void onFolderLoaded(const QString &folder);
    void continueSelect();
    void updateBreadcrumb();
    void updateActions();
    void copyPath();
    void copyId();
    void copySha256();
    void chooseDownloadTarget();
    void goToFolder(const QString &folder);
    void goToParentFolder();
    void showContextMenu(const QPoint &pos);
    FileTreeEntry currentEntry() const;
    QString rootLabel() const;

    FileTreeModel *m_model;
    BreadcrumbBar *m_breadcrumb;
    QLabel *m_busy;
    QTreeView *m_tree;
    PreviewPane *m_preview;
    QSplitter *m_splitter;
    QLabel *m_status;
    QAction *m_copyPath;
    QAction *m_copyId;
    QAction *m_copySha256;
    QAction *m_downloadAction;
    QAction *m_parentFolder;
    QPointer<DownloadJob> m_download;
    QPointer<QProgressDialog> m_progressDialog;
    QString m_repoPath;
    QString m_revision;
    QString m_pendingSelect;
    bool m_expandPending = false; ///< expand the pending path once selected (breadcrumb navigation)
    QString m_lastDownloadDir;
};

} // namespace hubvault::app
