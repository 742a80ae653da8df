#pragma once
// The process-wide pool that verifies (hashes) stored bytes on every core: one thread per
// core, kept alive between calls. Not QThreadPool::globalInstance(): the GUI's painter
// borrows that one and would wait behind a multi-gigabyte verify. Tasks never wait on
// other tasks of the pool, so callers may block on their futures without deadlock.

#include <QThreadPool>
#include <future>
#include <memory>
#include <type_traits>

namespace hubvault {

class WorkPool {
public:
    static WorkPool &instance();

    /** Threads that run tasks (the number of cores, at least two). */
    int threads() const { return m_pool.maxThreadCount(); }

    template <typename F>
    std::future<std::invoke_result_t<F>> submit(F &&task)
    {
        using Result = std::invoke_result_t<F>;
        auto packaged = std::make_shared<std::packaged_task<Result()>>(std::forward<F>(task));
        std::future<Result> future = packaged->get_future();
        m_pool.start([packaged] { (*packaged)(); });
        return future;
    }

private:
    WorkPool();
    QThreadPool m_pool;
};

} // namespace hubvault
