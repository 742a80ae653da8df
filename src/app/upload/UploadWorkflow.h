#pragma once
// Uploads and deletions (issue 7, item 1): local files dropped on the window or on a
// folder of the Files tree, or chosen with "Upload Files…", and repository paths marked
// for deletion, wait in the upload queue (a dock) until the commit dialog publishes them
// as ONE commit on a worker, with progress, cancellation and optimistic concurrency on
// the branch head the queue was built on.

#include "upload/StagedChange.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <memory>

class QAction;
class QMimeData;
class QMenu;

namespace hubvault::app {

class CommitDialog;
class MainWindow;
class UploadJob;
class UploadQueue;
class UploadQueueDock;

class UploadWorkflow : public QObject {
    Q_OBJECT
public:
    explicit UploadWorkflow(MainWindow *window);
    ~UploadWorkflow() override;

    UploadQueue *queue() const { return m_queue; }
    UploadQueueDock *dock() const { return m_dock; }
    CommitDialog *commitDialog() const;
    UploadJob *currentJob() const;
    QAction *deleteAction() const { return m_delete; }
    QAction *commitAction() const { return m_commit; }

    /**
     * Stages local files and folders (expanded to their files, on a worker) for upload
     * into `folder` ("" = root). A single dropped folder that is a hubvault repository
     * is opened instead when `openRepositories` is set.
     */
    void stageLocalPaths(const QStringList &localPaths, const QString &folder, bool openRepositories = false);
    /** Stages the deletion of a repository file or folder. */
    void stageDelete(const QString &pathInRepo, bool isFolder);
    /** Opens the commit dialog on the queue (non-modal); returns it. */
    CommitDialog *openCommitDialog();

    /** What is behind `localPaths`, files listed below folders; blocking, for workers and tests. */
    static QList<StagedChange> expandLocalPaths(const QStringList &localPaths, const QString &folder);

Q_SIGNALS:
    /** stageLocalPaths() added its files to the queue. */
    void staged(int count);
    /** A publish ended: a commit id, or "" when it was stopped or failed. */
    void publishEnded(const QString &commitId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct HeadCheck;
    void setUpActions();
    void onRepositoryOpened(const QString &path);
    void onFilesContextMenu(QMenu *menu, const QString &path, bool isFolder);
    void chooseFilesToUpload();
    void chooseFolderToUpload();
    void deleteCurrentFile();
    void addToQueue(const QList<StagedChange> &changes);
    /** `paths` without those inside the open repository (its storage is no content). */
    QStringList outsideRepository(QStringList paths) const;
    QString currentBranch() const;
    QString headOfBranch(const QString &branch) const;
    QString expectedHead(const QString &branch) const;
    void checkHead(const QString &branch);
    void showHeadCheck(const QString &branch, const HeadCheck &check);
    void publish();
    void onPublishEnded();
    void updateActions();

    MainWindow *m_window;
    UploadQueue *m_queue;
    UploadQueueDock *m_dock;
    QPointer<CommitDialog> m_dialog;
    QPointer<UploadJob> m_job;
    QString m_repoPath;
    QStringList m_repoRoots; ///< the repository's path as opened and resolved: never uploaded from
    /** Heads the user accepted per branch (after "Publish on the New Head"). */
    QHash<QString, QString> m_acceptedHeads;
    /** The head last read for each branch, shown when it moved. */
    QHash<QString, QString> m_actualHeads;
    /** Heads this workflow published that the refs panel does not show until the reload. */
    QHash<QString, QString> m_publishedHeads;
    QAction *m_uploadFiles;
    QAction *m_uploadFolder;
    QAction *m_delete;
    QAction *m_commit;
};

} // namespace hubvault::app
