#pragma once
// Runs the core's blocking repository calls on the global thread pool and hands plain
// values back to the GUI thread, so the window never freezes on a large or slow
// repository and no widget or model ever holds a Repository.

#include "Models.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <optional>

namespace hubvault::app {

/** The files of one revision, as the file list shows them. */
struct TreeSnapshot {
    QString repoPath;
    QString revision;                ///< as requested: a full ref name such as refs/heads/main
    std::optional<QString> commitId; ///< nullopt for a branch without commits
    QList<RepoFile> files;           ///< files only (no folders), sorted by path
};

/** What opening a repository yields: its refs and the files of its default branch. */
struct RepositorySnapshot {
    QString path;
    QString defaultBranch;
    GitRefs refs;
    TreeSnapshot tree; ///< revision is empty when the default branch does not exist
};

/** A failed load, carrying the core's error class name and message. */
struct LoadError {
    enum class Stage { Open, Tree };
    Stage stage = Stage::Open;
    QString path;
    QString revision;
    QString kind;
    QString message;
};

/**
 * Loads repository data in the background. Each request supersedes the previous one of
 * its kind: a result that arrives after a newer request was made is dropped, so a quick
 * series of clicks ends showing the last one. Opening a repository also supersedes any
 * pending tree load, which belonged to the previous repository.
 */
class RepositoryLoader : public QObject {
    Q_OBJECT
public:
    explicit RepositoryLoader(QObject *parent = nullptr);
    ~RepositoryLoader() override;

    void openRepository(const QString &path);
    void loadTree(const QString &repoPath, const QString &revision);
    bool isBusy() const { return m_running > 0; }

    // The blocking work of each request, public so it can be reused without a thread.
    // Both throw the core's errors.
    static RepositorySnapshot readRepository(const QString &path);
    static TreeSnapshot readTree(const QString &repoPath, const QString &revision);

Q_SIGNALS:
    void repositoryLoaded(const hubvault::app::RepositorySnapshot &snapshot);
    void treeLoaded(const hubvault::app::TreeSnapshot &tree);
    void loadFailed(const hubvault::app::LoadError &error);
    void busyChanged(bool busy);

private:
    template <typename T, typename Work, typename Deliver>
    void start(quint64 *currentSerial, LoadError failure, Work work, Deliver deliver);
    void setRunning(int delta);

    quint64 m_openSerial = 0;
    quint64 m_treeSerial = 0;
    int m_running = 0;
};

} // namespace hubvault::app

Q_DECLARE_METATYPE(hubvault::app::TreeSnapshot)
Q_DECLARE_METATYPE(hubvault::app::RepositorySnapshot)
Q_DECLARE_METATYPE(hubvault::app::LoadError)
