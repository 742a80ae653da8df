#pragma once
// One long core call (verify, gc, squash, export, merge) on the global thread pool, with
// progress and cancellation through a TaskControl. The worker only writes its progress
// into shared memory; the GUI polls it on a timer, so nothing is ever posted to a dialog
// that may already be gone. The work function captures plain values only (a repository
// path, options, a shared result slot), never the dialog.

#include "BackgroundCall.h"
#include "Progress.h"

#include <QObject>
#include <QString>
#include <functional>
#include <memory>

class QTimer;

namespace hubvault::app {

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

    qint64 done() const { return m_done; }
    qint64 total() const { return m_total; }
    QString phase() const { return m_phase; }

Q_SIGNALS:
    void progressChanged(qint64 done, qint64 total, const QString &phase);
    void succeeded();
    void cancelled();
    /** `kind` is the core's error class name, `message` its text. */
    void failed(const QString &kind, const QString &message);
    /** After succeeded(), cancelled() or failed(). */
    void ended();

private:
    struct Shared;
    void poll();
    void finish(const background::Outcome<bool> &outcome);

    TaskControl m_task;
    std::shared_ptr<Shared> m_shared;
    QTimer *m_timer;
    bool m_running = false;
    qint64 m_done = 0;
    qint64 m_total = 0;
    QString m_phase;
};

/** "1.5 MiB" style sizes for reports. */
QString formatBytes(qint64 bytes);

} // namespace hubvault::app
