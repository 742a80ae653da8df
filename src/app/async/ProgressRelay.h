#pragma once
// Carries a worker's progress to the GUI thread without posting anything to it: the
// TaskControl callback only writes into shared memory, and a timer on the GUI thread reads
// it and emits changed() when it moved. Nothing reaches an object that may already be gone.
// Shared by the app's jobs (UploadJob, DownloadJob, Job).

#include <hubvault/Progress.h>

#include <QObject>
#include <QString>
#include <memory>

class QTimer;

namespace hubvault::app {

class ProgressRelay : public QObject {
    Q_OBJECT
public:
    /** With `bytesOnly`, done is capped at a known total and phases are ignored (byte counts). */
    explicit ProgressRelay(bool bytesOnly, QObject *parent = nullptr);

    /** A fresh shared slot and zeroed values, for a new run. */
    void reset();
    /** The callback for the worker's TaskControl::progress; it writes the shared slot only. */
    ProgressCallback callback() const;
    /** Starts polling. */
    void start();
    /** Stops polling after a last read, so changed() has reported the final values. */
    void stop();
    /** Sets done to a known total; true when that changed it. */
    bool markComplete();

    qint64 done() const { return m_done; }
    qint64 total() const { return m_total; }
    QString phase() const { return m_phase; }

Q_SIGNALS:
    void changed(qint64 done, qint64 total, const QString &phase);

private:
    struct Shared;
    void poll();

    bool m_bytesOnly;
    std::shared_ptr<Shared> m_shared;
    QTimer *m_timer;
    qint64 m_done = 0;
    qint64 m_total = 0;
    QString m_phase;
};

} // namespace hubvault::app
