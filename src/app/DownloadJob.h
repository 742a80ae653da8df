#pragma once
// Downloads a file or folder of a revision to a local directory (a detached view, docs/format.md
// §9) on a worker thread, with progress and cancellation. A file goes through
// Repository::hfHubDownload(localDir), a folder through snapshotDownload with the allow
// pattern "<folder>/*", so both land under the chosen directory at their repository paths.

#include <hubvault/Progress.h>

#include <QObject>
#include <QString>

namespace hubvault::app {

class ProgressRelay;

class DownloadJob : public QObject {
    Q_OBJECT
public:
    struct Request {
        QString repoPath;
        QString revision;   ///< empty = default branch
        QString pathInRepo; ///< file or folder; "" with isFolder = the whole revision
        bool isFolder = false;
        QString targetDir;  ///< local directory (outside the repository)
    };
    enum class State { Idle, Running, Finished, Cancelled, Failed };
    Q_ENUM(State)

    explicit DownloadJob(Request request, QObject *parent = nullptr);
    ~DownloadJob() override;

    const Request &request() const { return m_request; }
    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    /** Local path of the downloaded file or folder, once finished. */
    QString resultPath() const { return m_resultPath; }
    QString errorMessage() const { return m_error; }
    qint64 bytesDone() const;
    qint64 bytesTotal() const;

    void start();
    /** Asks the worker to stop at its next check; it ends in Cancelled (or Finished if too late). */
    void cancel();

    /** fnmatch pattern that selects everything under `folder`, special characters escaped. */
    static QString allowPatternFor(const QString &folder);
    /** `text` with fnmatch's special characters (*, ?, [) turned into literal classes. */
    static QString escapeFnMatch(const QString &text);
    /** The blocking download; returns the local path. Throws core errors (CancelledError). */
    static QString run(const Request &request, const TaskControl &task = {});

Q_SIGNALS:
    void progressChanged(qint64 done, qint64 total);
    void finished(const QString &localPath);
    void cancelled();
    void failed(const QString &message);
    /** Emitted after finished(), cancelled() or failed(). */
    void ended();

private:

    Request m_request;
    State m_state = State::Idle;
    QString m_resultPath;
    QString m_error;
    TaskControl m_task;
    ProgressRelay *m_progress;
};

} // namespace hubvault::app
