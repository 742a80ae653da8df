#pragma once
// Publishes staged changes as ONE commit (Repository::createCommit with an add per file
// and a delete per removed path) on a worker thread, with progress and cancellation.
// The core stages every byte inside its transaction and publishes only at the end, so a
// cancelled or failed job leaves the repository exactly as it was.

#include <hubvault/Errors.h>
#include <hubvault/Progress.h>
#include "BackgroundCall.h"
#include "StagedChange.h"

#include <QList>
#include <QObject>
#include <QString>

namespace hubvault::app {

class ProgressRelay;

class UploadJob : public QObject {
    Q_OBJECT
public:
    struct Request {
        QString repoPath;
        QString branch;       ///< short branch name
        QString parentCommit; ///< expected head of `branch` ("" = no check)
        QString title;
        QString description;
        QList<StagedChange> changes; ///< in commit order
    };
    enum class State { Idle, Running, Finished, Cancelled, Failed };
    Q_ENUM(State)

    explicit UploadJob(Request request, QObject *parent = nullptr);
    ~UploadJob() override;

    const Request &request() const { return m_request; }
    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    QString commitId() const { return m_commitId; }
    /** What went wrong, after failed(); empty when the error was not the core's. */
    std::optional<ErrorKind> errorKind() const { return m_errorKind; }
    QString errorMessage() const { return m_error; }
    qint64 bytesDone() const;
    qint64 bytesTotal() const;

    void start();
    /** Asks the worker to stop; the commit's transaction rolls back (or it finishes if too late). */
    void cancel();

    /** The blocking publish; returns the new commit's OID. Throws core errors. */
    static QString run(const Request &request, const TaskControl &task = {});

Q_SIGNALS:
    void progressChanged(qint64 done, qint64 total);
    void finished(const QString &commitId);
    void cancelled();
    void failed(const QString &kind, const QString &message);
    /** Emitted after finished(), cancelled() or failed(). */
    void ended();

private:
    void onEnded(const QString &commitId, const background::Failure &failure);

    Request m_request;
    State m_state = State::Idle;
    QString m_commitId;
    std::optional<ErrorKind> m_errorKind;
    QString m_error;
    TaskControl m_task;
    ProgressRelay *m_progress;
};

} // namespace hubvault::app
