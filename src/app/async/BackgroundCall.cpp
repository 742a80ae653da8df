// The app's worker pools (see BackgroundCall.h).
#include "async/BackgroundCall.h"

#include <algorithm>

namespace hubvault::app::background {

QThreadPool *workerThreadPool()
{
    // Owned by the application object, so its threads are joined before the core's
    // statics go away. More threads than cores: a page that reads the whole repository
    // (overview, storage) must not keep a folder listing or a preview waiting.
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool(QCoreApplication::instance());
        p->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
        p->setObjectName(QStringLiteral("workerThreadPool"));
        return p;
    }();
    return pool;
}

QThreadPool *historyThreadPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool(QCoreApplication::instance());
        p->setMaxThreadCount(2);
        p->setObjectName(QStringLiteral("historyThreadPool"));
        return p;
    }();
    return pool;
}

} // namespace hubvault::app::background
