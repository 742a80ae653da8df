#include "HistoryThreadPool.h"

#include <QCoreApplication>

namespace hubvault::app {

QThreadPool *historyThreadPool()
{
    // Owned by the application object, so its threads are joined before the core's
    // statics go away; a process without one (never the case in the app) leaks it.
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool(QCoreApplication::instance());
        p->setMaxThreadCount(2);
        p->setObjectName(QStringLiteral("historyThreadPool"));
        return p;
    }();
    return pool;
}

} // namespace hubvault::app
