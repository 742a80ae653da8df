#pragma once
// Progress reporting and cooperative cancellation for long operations. The CLI draws a
// bar from the callback, the GUI a progress dialog; both cancel through the token.

#include <QString>
#include <atomic>
#include <functional>
#include <memory>

namespace hubvault {

/** Shared flag a caller sets to ask a running operation to stop at its next check. */
class CancelToken {
public:
    void cancel() { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag = std::make_shared<std::atomic<bool>>(false);
};

/** Called with the work done so far, the total (0 if unknown) and a short phase label. */
using ProgressCallback = std::function<void(qint64 done, qint64 total, const QString &phase)>;

/** Optional progress and cancellation for one call; default-constructed means neither. */
struct TaskControl {
    ProgressCallback progress;
    CancelToken cancel;

    void report(qint64 done, qint64 total, const QString &phase) const
    {
        if (progress)
            progress(done, total, phase);
    }
    /** Throws CancelledError when the token was cancelled. */
    void checkCancelled() const;
};

} // namespace hubvault
