#pragma once
// How a page loads what it shows: the latest load of its LatestLoad runs on the worker
// pool; its result (or, on failure, empty figures and an error report) is applied on the
// GUI thread, and the page says loaded(). Shared by the Overview and Storage pages.

#include "async/BackgroundCall.h"
#include "async/LatestLoad.h"

#include <QString>

namespace hubvault::app {

/**
 * Starts `work(TaskControl)` (returning Figures) as `load`'s latest load for `page`, with
 * `loading` true until its result is applied through `apply`. With no repository open
 * (`idle`), empty figures apply at once. A failure applies empty figures and emits
 * `page->errorOccurred(failureTitle, message)`; every applied result emits `page->loaded()`.
 */
template <typename Figures, typename Page, typename Work, typename Apply>
void loadLatest(Page *page, LatestLoad &load, bool &loading, bool idle, Work work, Apply apply, const QString &failureTitle)
{
    const TaskControl task = load.next();
    const quint64 serial = load.serial();
    if (idle) {
        loading = false;
        apply(Figures{});
        return;
    }
    loading = true;
    // `load` and `loading` are members of `page`, which outlives every callback run for it.
    background::run(
        page, [work = std::move(work), task] { return work(task); },
        [page, &load, &loading, serial, apply, failureTitle](const background::Outcome<Figures> &outcome) {
            if (!load.isLatest(serial))
                return;
            loading = false;
            if (outcome.ok()) {
                apply(*outcome.value);
            } else {
                apply(Figures{});
                Q_EMIT page->errorOccurred(failureTitle, outcome.failure.message);
            }
            Q_EMIT page->loaded();
        });
}

} // namespace hubvault::app
