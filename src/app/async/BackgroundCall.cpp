// The app's worker pools (see BackgroundCall.h).
#include "async/BackgroundCall.h"

#include <QCoreApplication>
#include <QMutex>
#include <algorithm>

namespace hubvault::app::background {
namespace {

QMutex &poolsMutex()
{
    static QMutex mutex;
    return mutex;
}

QList<QThreadPool *> &pools()
{
    static QList<QThreadPool *> all;
    return all;
}

/** A post routine: runs in ~QCoreApplication, on the GUI thread. */
void destroyPools()
{
    QList<QThreadPool *> all;
    {
        QMutexLocker lock(&poolsMutex());
        all.swap(pools());
    }
    for (QThreadPool *pool : all)
        delete pool; // waits for its running tasks
}

} // namespace

QThreadPool *newApplicationPool(const QString &name, int maxThreads)
{
    auto *pool = new QThreadPool;
    pool->setMaxThreadCount(maxThreads);
    pool->setObjectName(name);
    QMutexLocker lock(&poolsMutex());
    if (pools().isEmpty())
        qAddPostRoutine(destroyPools);
    pools().append(pool);
    return pool;
}

QThreadPool *workerThreadPool()
{
    // More threads than cores: a page that reads the whole repository (overview,
    // storage) must not keep a folder listing or a preview waiting.
    static QThreadPool *pool =
        newApplicationPool(QStringLiteral("workerThreadPool"), std::max(4, QThread::idealThreadCount()));
    return pool;
}

QThreadPool *historyThreadPool()
{
    static QThreadPool *pool = newApplicationPool(QStringLiteral("historyThreadPool"), 2);
    return pool;
}

} // namespace hubvault::app::background
