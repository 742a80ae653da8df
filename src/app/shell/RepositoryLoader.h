#pragma once
// Runs the main window's repository calls (open, create) on the global thread pool and
// hands plain values back to the GUI thread, so the window never freezes on a large or
// slow repository and no widget or model ever holds a Repository. The pages (history,
// files, overview, storage) read what they show themselves, also on workers.

#include <hubvault/Models.h>
#include <hubvault/Repository.h>

#include <QMetaType>
#include <QObject>
#include <memory>
#include <QString>

namespace hubvault::app {

/** What opening a repository yields: its refs and default branch. */
struct RepositorySnapshot {
    std::shared_ptr<Repository> repository; ///< the window holds it open (OpenRepositories.h)
    QString path; ///< absolute, as the core resolved it
    QString defaultBranch;
    GitRefs refs;
};

/** A failed request, carrying the core's error class name and message. */
struct LoadError {
    enum class Stage { Open, Create };
    Stage stage = Stage::Open;
    QString path;
    QString kind;
    QString message;
};

/**
 * Each request supersedes the previous one: a result that arrives after a newer request
 * was made is dropped, so a quick series of opens ends showing the last one.
 */
class RepositoryLoader : public QObject {
    Q_OBJECT
public:
    explicit RepositoryLoader(QObject *parent = nullptr);
    ~RepositoryLoader() override;

    void openRepository(const QString &path);
    /** Creates a repository in `path` (an empty or missing directory), then opens it. */
    void createRepository(const QString &path, const QString &defaultBranch);
    bool isBusy() const { return m_running > 0; }

    /** The blocking work of openRepository(), public so it can be reused without a thread. */
    static RepositorySnapshot readRepository(const QString &path);

Q_SIGNALS:
    void repositoryLoaded(const hubvault::app::RepositorySnapshot &snapshot);
    void loadFailed(const hubvault::app::LoadError &error);
    void busyChanged(bool busy);

private:
    void start(LoadError::Stage stage, const QString &path, const QString &defaultBranch);
    void setRunning(int delta);

    quint64 m_serial = 0;
    int m_running = 0;
};

} // namespace hubvault::app

Q_DECLARE_METATYPE(hubvault::app::RepositorySnapshot)
Q_DECLARE_METATYPE(hubvault::app::LoadError)
