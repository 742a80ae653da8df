#include "WorkerLane.h"

namespace hubvault {

WorkerLane::WorkerLane() : m_thread([this] { run(); }) {}

WorkerLane::~WorkerLane()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void WorkerLane::post(std::function<void()> task)
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
}

void WorkerLane::drain()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_tasks.empty() && !m_busy; });
}

void WorkerLane::waitBelow(int tasks)
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [&] { return int(m_tasks.size()) + (m_busy ? 1 : 0) < tasks; });
}

int WorkerLane::backlog()
{
    std::lock_guard lock(m_mutex);
    return int(m_tasks.size()) + (m_busy ? 1 : 0);
}

void WorkerLane::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stop || !m_tasks.empty(); });
        if (m_tasks.empty()) {
            if (m_stop)
                return;
            continue;
        }
        std::function<void()> task = std::move(m_tasks.front());
        m_tasks.pop_front();
        m_busy = true;
        lock.unlock();
        task();
        lock.lock();
        m_busy = false;
        m_idle.notify_all(); // drain() and waitBelow() both wait on this
    }
}

} // namespace hubvault
