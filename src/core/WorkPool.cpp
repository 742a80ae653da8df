// The process-wide verification pool (see WorkPool.h).
#include "WorkPool.h"

#include <QThread>

namespace hubvault {

WorkPool::WorkPool()
{
    m_pool.setMaxThreadCount(qMax(2, QThread::idealThreadCount()));
    m_pool.setExpiryTimeout(-1); // threads stay: a read should not pay for starting them
}

WorkPool &WorkPool::instance()
{
    static WorkPool pool;
    return pool;
}

} // namespace hubvault
