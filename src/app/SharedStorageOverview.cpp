#include "SharedStorageOverview.h"

#include <hubvault/Repository.h>

#include <QHash>
#include <QMutex>
#include <exception>
#include <future>
#include "OpenRepositories.h"

namespace hubvault::app {

namespace {

QMutex &mutex()
{
    static QMutex m;
    return m;
}

/** In-flight computations by repository path. */
QHash<QString, std::shared_future<StorageOverview>> &inFlight()
{
    static QHash<QString, std::shared_future<StorageOverview>> map;
    return map;
}

} // namespace

StorageOverview SharedStorageOverview::load(const QString &repoPath)
{
    std::promise<StorageOverview> promise;
    const std::shared_future<StorageOverview> result = promise.get_future().share();
    {
        QMutexLocker lock(&mutex());
        if (const auto it = inFlight().constFind(repoPath); it != inFlight().constEnd()) {
            const std::shared_future<StorageOverview> running = *it;
            lock.unlock();
            return running.get(); // rethrows the computing caller's error
        }
        inFlight().insert(repoPath, result);
    }
    try {
        promise.set_value(repositories::shared(repoPath)->storageOverview());
    } catch (...) {
        promise.set_exception(std::current_exception());
    }
    {
        QMutexLocker lock(&mutex());
        inFlight().remove(repoPath);
    }
    return result.get();
}

} // namespace hubvault::app
