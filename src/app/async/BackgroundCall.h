#pragma once
// Runs one blocking core call on the app's worker pool and hands its plain-value result
// back to the GUI thread. Exceptions never cross the thread boundary: every error is
// caught on the worker and delivered as a kind + message, so the core's messages survive
// (QFuture would turn anything but a QException into an opaque QUnhandledException).
//
// The result is delivered through a QFutureWatcher that is a child of `context`: when the
// context object is destroyed first, the late result is dropped. Work functions must
// therefore capture plain values only, never the context object.

#include <hubvault/Errors.h>

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>
#include <optional>
#include <type_traits>

namespace hubvault::app::background {

/**
 * The pool background calls run on by default. Not QThreadPool::globalInstance(): Qt's
 * raster paint engine borrows threads from the global pool while painting and waits for
 * them, so long repository jobs there would freeze the GUI thread mid-paint until they
 * finished.
 */
QThreadPool *workerThreadPool();

/**
 * The history's own two threads (one for the graph's batches, one for details and
 * reflogs). The pages of the main window load in parallel on the worker pool, and some
 * of them (overview, storage) read the whole repository; the history must not queue
 * behind them, or a large repository would open with an empty History tab.
 */
QThreadPool *historyThreadPool();

/**
 * A new pool that the application destroys (joining its threads) when it ends, before
 * the core's statics go away. Safe to call from any thread, unlike parenting a pool to
 * the application object, which only works on the GUI thread.
 */
QThreadPool *newApplicationPool(const QString &name, int maxThreads);

/** Why a background call produced no value. */
struct Failure {
    std::optional<ErrorKind> errorKind; ///< empty for errors that are not the core's
    QString kind;    ///< for display: the core's error class name ("EntryNotFoundError"), or "std::exception"
    QString message; ///< human-readable, from the core
    bool isCancellation() const { return errorKind == ErrorKind::Cancelled; }
};

/** A value or the failure that prevented it. */
template <typename T>
struct Outcome {
    std::optional<T> value;
    Failure failure;
    bool ok() const { return value.has_value(); }
};

template <typename T, typename Work>
Outcome<T> runCaught(const Work &work)
{
    Outcome<T> out;
    try {
        out.value = work();
    } catch (const HubVaultError &e) {
        out.failure.errorKind = e.errorKind();
        out.failure.kind = e.kind();
        out.failure.message = e.message();
    } catch (const std::exception &e) {
        out.failure.kind = QStringLiteral("std::exception");
        out.failure.message = QString::fromLocal8Bit(e.what());
    } catch (...) {
        out.failure.kind = QStringLiteral("unknown");
        out.failure.message = QCoreApplication::translate("hubvault::app::background", "An unknown error occurred.");
    }
    return out;
}

/**
 * Runs `work()` (returning T) on `pool` and calls `done(Outcome<T>)` on the thread of
 * `context` once it finishes, unless `context` was destroyed meanwhile.
 */
template <typename Work, typename Done>
void run(QObject *context, Work work, Done done, QThreadPool *pool = workerThreadPool())
{
    using T = std::decay_t<std::invoke_result_t<Work>>;
    auto *watcher = new QFutureWatcher<Outcome<T>>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done]() mutable {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(pool, [work = std::move(work)] { return runCaught<T>(work); }));
}

} // namespace hubvault::app::background
