#pragma once
// One background thread that runs posted tasks in order. Used by the ingest and read
// pipelines to hash on another core while the calling thread does I/O and chunking.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace hubvault {

class WorkerLane {
public:
    WorkerLane();
    /** Finishes every posted task, then joins the thread. */
    ~WorkerLane();
    WorkerLane(const WorkerLane &) = delete;
    WorkerLane &operator=(const WorkerLane &) = delete;

    void post(std::function<void()> task);
    /** Blocks until every posted task has run. */
    void drain();
    /** Blocks until fewer than `tasks` posted tasks are waiting or running. */
    void waitBelow(int tasks);
    /** Tasks posted but not finished yet. */
    int backlog();

private:
    void run();
    std::mutex m_mutex;
    std::condition_variable m_wake, m_idle;
    std::deque<std::function<void()>> m_tasks;
    bool m_busy = false;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace hubvault
