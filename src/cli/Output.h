#pragma once
// Everything the CLI writes goes through here: UTF-8 lines on stdout, one-line error
// reports on stderr, and the progress line drawn on a terminal. Keeping it in one place
// is what lets us promise scripts "results on stdout, exactly one line per failure on
// stderr" no matter which command or library call failed.

#include "Progress.h"

#include <QElapsedTimer>
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
/** Writes `text` + "\n" to stderr. */
void errorLine(const QString &text);
/** Newlines and other line breaks folded into spaces, so a report stays one line. */
QString singleLine(QString text);
/** Flushes stdout; returns false when the output could not be written (e.g. disk full). */
bool flush();
} // namespace out

/**
 * Runs `body` and turns every failure into exactly one line on stderr plus an exit code:
 * HubVaultError → "hubvault: <Kind>: <message>" (1), UsageError → the problem plus a
 * pointer to `helpCommand` (2), anything else → "hubvault: unexpected error: ..." (1).
 */
int runReportingErrors(const QString &helpCommand, const std::function<int()> &body);

/**
 * Draws a transient progress line on stderr while a long call runs, only when stderr is
 * a terminal (pipes and logs get nothing) and at most ten times a second.
 */
class ProgressLine {
public:
    explicit ProgressLine(CancelToken cancel);
    ~ProgressLine();
    ProgressLine(const ProgressLine &) = delete;
    ProgressLine &operator=(const ProgressLine &) = delete;

    const TaskControl &task() const { return m_task; }
    /** Erases the line if drawn; the next report draws it again. */
    void clear();

private:
    void draw(qint64 done, qint64 total, const QString &phase);

    TaskControl m_task;
    QMutex m_mutex; // the core may report from worker threads
    bool m_enabled = false;
    bool m_drawn = false;
    QString m_lastText;
    QElapsedTimer m_sinceDraw;
};

} // namespace hubvault::cli
