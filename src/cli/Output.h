#pragma once
// Everything the CLI writes goes through here: UTF-8 lines on stdout, one-line error
// reports on stderr, and the progress bar drawn on a terminal. Keeping it in one place
// is what lets us promise scripts "results on stdout, exactly one line per failure on
// stderr" no matter which command or library call failed.

#include <hubvault/Progress.h>

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QString>
#include <functional>
#include <stdexcept>

namespace hubvault::cli {

/** Malformed command line (unknown option, missing argument, ...): exit code 2. */
class UsageError : public std::runtime_error {
public:
    explicit UsageError(const QString &message)
        : std::runtime_error(message.toStdString()), m_message(message) {}
    const QString &message() const { return m_message; }

private:
    QString m_message;
};

enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,
    ExitUsage = 2,
    ExitInterrupted = 130, ///< conventional 128 + SIGINT
};

namespace out {
/** Writes `text` verbatim to stdout. */
void text(const QString &text);
/** Writes `text` + "\n" to stdout. */
void line(const QString &text = {});
/** Writes `object` as one indented JSON document (ending in a newline) to stdout. */
void json(const QJsonObject &object);
/** Writes `text` + "\n" to stderr. */
void errorLine(const QString &text);
/** Newlines and other line breaks folded into spaces, so a report stays one line. */
QString singleLine(QString text);
/** Flushes stdout; returns false when the output could not be written (e.g. disk full). */
bool flush();
} // namespace out

/** The original's short object id: the first seven hex digits ("0000000" for none). */
QString shortOid(const QString &oid);
/** "0 B", "512 B", "1.5 KiB", "12.0 MiB", ... (binary units). */
QString humanSize(qint64 bytes);

/**
 * Runs `body` and turns every failure into exactly one line on stderr plus an exit code:
 * HubVaultError → "hubvault: <Kind>: <message>[; <what to do>]" (1), UsageError → the
 * problem plus a pointer to `helpCommand` (2), CancelledError → 130, anything else →
 * "hubvault: unexpected error: ..." (1).
 */
int runReportingErrors(const QString &helpCommand, const std::function<int()> &body);

/**
 * The progress bar: a transient line on stderr while a long call runs, redrawn at most
 * ten times a second, showing the phase, a bar, bytes done / total, the rate and the ETA.
 * Drawn only when stderr is a terminal (HUBVAULT_PROGRESS=always|never overrides that)
 * and --quiet was not given; erased before any result is printed.
 */
class ProgressLine {
public:
    ProgressLine(CancelToken cancel, bool quiet);
    ~ProgressLine();
    ProgressLine(const ProgressLine &) = delete;
    ProgressLine &operator=(const ProgressLine &) = delete;

    const TaskControl &task() const { return m_task; }
    /** Erases the line if drawn; the next report draws it again. */
    void clear();

    /** The text of one frame (exposed for tests of the formatting through the binary). */
    static QString frame(const QString &phase, qint64 done, qint64 total, double bytesPerSecond, int width);

private:
    void report(qint64 done, qint64 total, const QString &phase);
    void clearLocked();

    struct Sample {
        qint64 ms;
        qint64 done;
    };

    TaskControl m_task;
    QMutex m_mutex; // the core may report from worker threads
    bool m_enabled = false;
    bool m_drawn = false;
    bool m_delay = false;     ///< automatic mode: nothing is drawn during the first half second
    QString m_lastText;
    QString m_drawnPhase;
    QElapsedTimer m_sinceDraw;
    QElapsedTimer m_clock;
    QString m_phase;          ///< phase of the rate samples
    QList<Sample> m_samples;  ///< recent (time, done) pairs for the rate
    QString m_outerPhase;     ///< a whole-operation phase ("snapshot") enclosing per-file reads
    qint64 m_outerDone = 0;
    qint64 m_outerTotal = 0;
};

} // namespace hubvault::cli
