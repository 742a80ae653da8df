// One storage overview computation shared by concurrent callers (see SharedStorageOverview.h).
#include "pages/SharedStorageOverview.h"
#include "async/BackgroundCall.h"

#include <hubvault/Repository.h>
#include "shell/OpenRepositories.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QThreadPool>
#include <chrono>
#include <exception>
#include <future>
#include <memory>

namespace hubvault::app {

namespace {

/** One running computation and the callers waiting for it. */
struct Computation {
    std::promise<StorageOverview> promise;
    std::shared_future<StorageOverview> result = promise.get_future().share();
    TaskControl task; ///< cancelled when the last waiter gives up
    int waiters = 0;
};

QMutex &mutex()
{
    static QMutex m;
    return m;
}

/** In-flight computations by repository path. */
QHash<QString, std::shared_ptr<Computation>> &inFlight()
{
    static QHash<QString, std::shared_ptr<Computation>> map;
    return map;
}

/** Joins the computation for `repoPath`, starting one unless a live one is running. */
std::shared_ptr<Computation> join(const QString &repoPath)
{
    QMutexLocker lock(&mutex());
    std::shared_ptr<Computation> running = inFlight().value(repoPath);
    if (running && !running->task.cancel.isCancelled()) {
        ++running->waiters;
        return running;
    }
    auto started = std::make_shared<Computation>();
    started->waiters = 1;
    inFlight().insert(repoPath, started);
    SharedStorageOverview::pool()->start([repoPath, started] {
        try {
            started->promise.set_value(repositories::shared(repoPath)->storageOverview(started->task));
        } catch (...) {
            started->promise.set_exception(std::current_exception());
        }
        QMutexLocker done(&mutex());
        if (inFlight().value(repoPath) == started)
            inFlight().remove(repoPath);
    });
    return started;
}

/** A waiter gives up; the last one stops the computation. */
void leave(const std::shared_ptr<Computation> &computation)
{
    QMutexLocker lock(&mutex());
    if (--computation->waiters == 0)
        computation->task.cancel.cancel();
}

} // namespace

QThreadPool *SharedStorageOverview::pool()
{
    // First asked for from a worker thread (inside a page load).
    static QThreadPool *pool = background::newApplicationPool(QStringLiteral("storageOverviewPool"), 2);
    return pool;
}

StorageOverview SharedStorageOverview::load(const QString &repoPath, const TaskControl &task)
{
    task.checkCancelled();
    const std::shared_ptr<Computation> computation = join(repoPath);
    using namespace std::chrono_literals;
    while (computation->result.wait_for(50ms) != std::future_status::ready) {
        if (task.cancel.isCancelled()) {
            leave(computation);
            task.checkCancelled(); // throws CancelledError
        }
    }
    {
        QMutexLocker lock(&mutex());
        --computation->waiters;
    }
    return computation->result.get(); // rethrows the computation's error
}

} // namespace hubvault::app
