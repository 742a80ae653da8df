#pragma once
// The HubVault main window: opens a repository, lists its branches and tags, and shows
// the files of the selected ref. Layout lives in ui/MainWindow.ui; data arrives from a
// RepositoryLoader as plain values and is handed to the two models.

#include <QMainWindow>
#include <QString>
#include <QStringList>

class QLabel;
class QSortFilterProxyModel;
class QMenu;

namespace Ui {
class MainWindow;
}

namespace hubvault::app {

class FileListModel;
class RefsModel;
class RepositoryLoader;
struct LoadError;
struct RepositorySnapshot;
struct TreeSnapshot;

/** Repository browser window: refs panel, file list, status bar, recent repositories. */
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /** Whether the window reads and writes QSettings (off for screenshots and scripts). */
    enum class Persistence { UseSettings, NoSettings };

    explicit MainWindow(Persistence persistence = Persistence::UseSettings, QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Starts loading `path` in the background; the current view stays until it arrives. */
    void openRepository(const QString &path);
    /** Shows the files of `fullRef` (e.g. refs/tags/v1.0) by selecting it in the refs panel. */
    bool selectRef(const QString &fullRef);

    QString repositoryPath() const { return m_repoPath; }
    QString currentRevision() const { return m_currentRevision; }
    QStringList recentRepositories() const { return m_recent; }
    RefsModel *refsModel() const { return m_refsModel; }
    FileListModel *fileListModel() const { return m_fileModel; }

    static constexpr int kMaxRecent = 8;

Q_SIGNALS:
    /** A repository finished loading: refs and the default branch's files are shown. */
    void repositoryOpened(const QString &path);
    /** The file list now shows `revision` (after opening or after a ref change). */
    void fileListShown(const QString &revision);
    /** An error was reported to the user (emitted before the message box opens). */
    void errorReported(const QString &title, const QString &message);

protected:
    /**
     * Tells the user about a failure. The default emits errorReported() and opens a
     * window-modal, non-blocking QMessageBox, so callers never wait on a nested loop.
     */
    virtual void reportError(const QString &title, const QString &message);
    void closeEvent(QCloseEvent *event) override;

private:
    void chooseRepository();
    void reload();
    void showAbout();
    void onRepositoryLoaded(const RepositorySnapshot &snapshot);
    void onTreeLoaded(const TreeSnapshot &tree);
    void onLoadFailed(const LoadError &error);
    void onCurrentRefChanged();
    void applyTree(const TreeSnapshot &tree);
    void updateStatus(const QString &commitId, bool knownCommit);
    void addRecent(const QString &path);
    void rebuildRecentMenu();
    void restoreSettings();
    void saveSettings() const;

    Ui::MainWindow *ui;
    RefsModel *m_refsModel;
    FileListModel *m_fileModel;
    QSortFilterProxyModel *m_fileProxy;
    RepositoryLoader *m_loader;
    QLabel *m_pathLabel;
    QLabel *m_refLabel;
    QLabel *m_filesLabel;
    QLabel *m_commitLabel;
    Persistence m_persistence;
    QString m_repoPath;
    QString m_currentRevision;
    QStringList m_recent;
};

} // namespace hubvault::app
