#pragma once
// One long core call (verify, gc, squash, export, merge) on the global thread pool, with
// progress and cancellation through a TaskControl. The worker only writes its progress
// into shared memory; the GUI polls it on a timer, so nothing is ever posted to a dialog
// that may already be gone. The work function captures plain values only (a repository
// path, options, a shared result slot), never the dialog.

#include <hubvault/Progress.h>
#include "BackgroundCall.h"

#include <QObject>
#include <QString>
#include <functional>

namespace hubvault::app {

class ProgressRelay;

class MaintenanceJob : public QObject {
    Q_OBJECT
public:
    using Work = std::function<void(const TaskControl &task)>;

    explicit MaintenanceJob(QObject *parent = nullptr);
    /** A job still running is asked to stop; its late result is dropped. */
    ~MaintenanceJob() override;

    /** Runs `work` once; ignored while a previous run is still going. */
    void start(Work work);
    /** Asks the worker to stop at its next check (the core decides where it can). */
    void cancel();
    bool isRunning() const { return m_running; }
    bool isCancelRequested() const;

    qint64 done() const;
    qint64 total() const;
    QString phase() const;

Q_SIGNALS:
    void progressChanged(qint64 done, qint64 total, const QString &phase);
    void succeeded();
    void cancelled();
    /** `kind` is the core's error class name, `message` its text. */
    void failed(const QString &kind, const QString &message);
    /** After succeeded(), cancelled() or failed(). */
    void ended();

private:
    void finish(const background::Outcome<bool> &outcome);

    TaskControl m_task;
    ProgressRelay *m_progress;
    bool m_running = false;
};

/** "1.5 MiB" style sizes for reports. */
QString formatBytes(qint64 bytes);

} // namespace hubvault::app
