#pragma once
// The loads of a page: only the latest one counts, and starting one cancels the one
// before (its work stops at its next check; its late result is dropped by serial). A page
// destroyed while loading cancels its load.

#include <hubvault/Progress.h>

#include <QtGlobal>

namespace hubvault::app {

class LatestLoad {
public:
    LatestLoad() = default;
    LatestLoad(const LatestLoad &) = delete;
    LatestLoad &operator=(const LatestLoad &) = delete;
    ~LatestLoad() { cancel(); }

    /** Cancels the running load and starts counting a new one; its task control. */
    TaskControl next()
    {
        cancel();
        m_task = TaskControl();
        ++m_serial;
        return m_task;
    }
    quint64 serial() const { return m_serial; }
    /** Whether the load numbered `serial` is still the latest (its result applies). */
    bool isLatest(quint64 serial) const { return serial == m_serial; }
    void cancel() { m_task.cancel.cancel(); }

private:
    TaskControl m_task;
    quint64 m_serial = 0;
};

} // namespace hubvault::app
