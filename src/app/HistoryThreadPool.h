#pragma once
// The history's own worker threads. The pages of the main window load in parallel on the
// worker pool, and some of them (overview, storage) read the whole repository; the graph's
// batches, the selected commit's details and the reflog must not queue behind them, or a
// large repository would open with an empty History tab. Same contract as
// background::run(): `work` captures values only, `done` runs on `context`'s thread
// unless `context` was destroyed meanwhile.

#include "BackgroundCall.h"

#include <QThreadPool>

namespace hubvault::app {

/** Two threads: one for the graph's batches, one for details and reflogs. */
QThreadPool *historyThreadPool();

template <typename Work, typename Done>
void runOnHistoryPool(QObject *context, Work work, Done done)
{
    using T = std::decay_t<std::invoke_result_t<Work>>;
    auto *watcher = new QFutureWatcher<background::Outcome<T>>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done]() mutable {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(historyThreadPool(),
                                         [work = std::move(work)] { return background::runCaught<T>(work); }));
}

} // namespace hubvault::app
