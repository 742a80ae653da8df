#pragma once
// The HubVault main window: branches and tags on the left; Overview, History, Files and
// Storage tabs in the middle; a reflog dock; a status bar with the current revision and
// the repository's size. Layout and actions live in ui/MainWindow.ui. The window only
// routes: every page reads what it shows itself, on worker threads.

#include <QMainWindow>
#include <QMap>
#include <functional>
#include <memory>
#include <QString>
#include <QStringList>
#include <optional>

class QDockWidget;
class QLabel;
class QMenu;
class QToolBar;
class QProgressBar;
class QTimer;

namespace Ui {
class MainWindow;
}

namespace hubvault {
class Repository;
}

namespace hubvault::app {

class FilesPanel;
class HistoryPanel;
class OverviewPage;
class RefsModel;
class ReflogView;
class RepositoryLoader;
class StoragePage;
struct LoadError;
struct RepositorySnapshot;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /** Whether the window reads and writes QSettings (off for screenshots and scripts). */
    enum class Persistence { UseSettings, NoSettings };
    enum class Tab { Overview, History, Files, Storage };

    explicit MainWindow(Persistence persistence = Persistence::UseSettings, QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Starts loading `path` in the background; the current view stays until it arrives. */
    void openRepository(const QString &path);
    /**
     * Opens an entry of File › Recent: a folder as it is; a server with its token from this
     * session, else from the desktop's keyring, else after asking (Open Remote Repository).
     */
    void openRecent(const QString &location);
    /** Creates an empty repository in `path` (in the background), then opens it. */
    void createRepository(const QString &path, const QString &defaultBranch = QStringLiteral("main"));
    /** Selects `fullRef` (e.g. refs/tags/v1.0) in the refs panel: the graph jumps to its
     *  commit and the pages show it. */
    bool selectRef(const QString &fullRef);
    /** Shows `revision` (a ref or a commit id) in the Overview and Files pages. */
    void showRevision(const QString &revision);

    void setCurrentTab(Tab tab);
    Tab currentTab() const;
    /** "overview", "history", "files", "storage" (any case); nullopt for anything else. */
    static std::optional<Tab> tabFromName(const QString &name);

    QString repositoryPath() const { return m_repoPath; }
    QString currentRevision() const { return m_currentRevision; }
    QStringList recentRepositories() const { return m_recent; }
    /** Whether anything is still loading (repository, history, details, pages, reflog). */
    bool isBusy() const;

    RefsModel *refsModel() const { return m_refsModel; }
    HistoryPanel *historyPanel() const { return m_history; }
    OverviewPage *overviewPage() const { return m_overview; }
    FilesPanel *filesPanel() const { return m_files; }
    StoragePage *storagePage() const { return m_storage; }
    ReflogView *reflogView() const { return m_reflog; }
    QDockWidget *reflogDock() const { return m_reflogDock; }

    static constexpr int kMaxRecent = 8;

    /** The "Repository" menu, where workflows that change the repository add actions. */
    QMenu *repositoryMenu() const { return m_repositoryMenu; }
    QMenu *historyMenu() const;
    QToolBar *mainToolBar() const;
    /** Fills the refs panel's context menu for `fullRef` (e.g. refs/heads/main). */
    void fillRefsContextMenu(QMenu *menu, const QString &fullRef);
    /** Reads the open repository again (after a change made by a workflow). */
    void reload();
    /** Tells the user about a failure (a window-modal message box; see reportError). */
    void showError(const QString &title, const QString &message) { reportError(title, message); }

Q_SIGNALS:
    /** A repository finished loading: refs are shown and its pages started loading. */
    void repositoryOpened(const QString &path);
    /** The Overview and Files pages now show `revision`. */
    void revisionShown(const QString &revision);
    /** An error was reported to the user (emitted before the message box opens). */
    void errorReported(const QString &title, const QString &message);
    /** The refs panel's context menu is about to open on `fullRef` (refs/heads/x or
     *  refs/tags/x); workflows add their actions to `menu` here. */
    void refsContextMenuAboutToShow(QMenu *menu, const QString &fullRef);

protected:
    /**
     * Tells the user about a failure. The default emits errorReported() and opens a
     * window-modal, non-blocking QMessageBox, so callers never wait on a nested loop.
     */
    virtual void reportError(const QString &title, const QString &message);
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void setUpPages();
    void setUpStatusBar();
    void setUpActions();
    /** Creates the workflows that change the repository (MainWindowWorkflows.cpp). */
    void setUpWorkflows();
    void chooseRepository();
    /** File › Open Remote Repository…: asks for a server's URL (prefilled with `url`) and token. */
    void chooseRemoteRepository(const QString &url = {});
    void chooseNewRepository();
    void showAbout();
    void showShortcuts();
    void onRepositoryLoaded(const RepositorySnapshot &snapshot);
    void onLoadFailed(const LoadError &error);
    void onCurrentRefChanged();
    void showRefsContextMenu(const QPoint &pos);
    void updateStatus();
    void updateBusy();
    void addRecent(const QString &path);
    void rebuildRecentMenu();
    void restoreSettings();
    void saveSettings() const;
    QString commitOfRef(const QString &fullRef) const;

    Ui::MainWindow *ui;
    RefsModel *m_refsModel;
    RepositoryLoader *m_loader;
    OverviewPage *m_overview = nullptr;
    HistoryPanel *m_history = nullptr;
    FilesPanel *m_files = nullptr;
    StoragePage *m_storage = nullptr;
    ReflogView *m_reflog = nullptr;
    QDockWidget *m_reflogDock = nullptr;
    QMenu *m_repositoryMenu = nullptr;
    QLabel *m_pathLabel;
    QLabel *m_refLabel;
    QLabel *m_commitLabel;
    QLabel *m_filesLabel;
    QLabel *m_sizeLabel;
    QProgressBar *m_busy;
    QTimer *m_busyTimer;
    Persistence m_persistence;
    std::shared_ptr<Repository> m_repository; ///< kept open for the jobs of this window
    QString m_repoPath;
    QString m_defaultBranch;
    QString m_currentRevision;
    QStringList m_recent;
};

} // namespace hubvault::app
