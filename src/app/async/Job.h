#pragma once
// One worker task of the app (an upload, a download, verify, gc, squash, export, merge):
// it runs a blocking core call on the worker pool with a TaskControl, relays progress to
// the GUI thread without posting to it (ProgressRelay), can be cancelled, and ends once in
// succeeded(), cancelled() or failed(). The work captures plain values only, never the
// job or a widget; a job destroyed while running asks its work to stop and drops the
// late end. Subclasses bind a request and keep the result (UploadJob, DownloadJob).

#include <hubvault/Errors.h>
#include <hubvault/Progress.h>
#include "async/BackgroundCall.h"

#include <QObject>
#include <QString>
#include <functional>
#include <optional>

namespace hubvault::app {

class ProgressRelay;

class Job : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Succeeded, Cancelled, Failed };
    Q_ENUM(State)
    /** Steps with phases (verify, gc), or bytes (capped at the total, complete on success). */
    enum class Measure { Steps, Bytes };
    using Work = std::function<void(const TaskControl &task)>;

    explicit Job(QObject *parent = nullptr, Measure measure = Measure::Steps);
    ~Job() override;

    /**
     * Runs `work` once on the worker pool; ignored while a run is going. A job may run
     * again after it ended; cancel() before the first start() makes that run end as
     * cancelled at its first check.
     */
    void start(Work work);
    /** Asks the work to stop at its next check (the core decides where it can). */
    void cancel();

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    bool isCancelRequested() const;
    qint64 done() const;
    qint64 total() const;
    QString phase() const;
    /** Why the last run failed (after failed()). */
    const background::Failure &failure() const { return m_failure; }
    QString errorMessage() const { return m_failure.message; }
    std::optional<ErrorKind> errorKind() const { return m_failure.errorKind; }

Q_SIGNALS:
    void progressChanged(qint64 done, qint64 total, const QString &phase);
    void succeeded();
    void cancelled();
    /** `kind` is the core's error class name (for display), `message` its text. */
    void failed(const QString &kind, const QString &message);
    /** After succeeded(), cancelled() or failed(). */
    void ended();

private:
    void finish(const background::Outcome<bool> &outcome);

    Measure m_measure;
    State m_state = State::Idle;
    TaskControl m_task;
    ProgressRelay *m_progress;
    background::Failure m_failure;
};

} // namespace hubvault::app
