// WorkerLane and IngestPipeline, used directly. WorkerLane: tasks run in posting order
// on one thread other than the caller's, drain() waits for all of them (also for tasks a
// task posts), backlog() counts queued plus running work, waitBelow() returns once the
// backlog is small enough, and the destructor finishes queued work before joining.
// IngestPipeline: for random and repetitive inputs fed in blocks of several sizes, the
// chunks settled are those of FastCdcChunker::nextCut with their SHA-256 ids, in file
// order, and the file digest equals a one-shot SHA-256; an error in a pass reaches the
// caller; a pipeline dropped halfway (cancel) leaves nothing running.

#include "FastCdcChunker.h"
#include "Hash.h"
#include "IngestPipeline.h"
#include "WorkerLane.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace hubvault;
using namespace std::chrono_literals;

namespace {

QByteArray oneShot(QByteArrayView data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray pseudoRandom(qsizetype size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    rng.fillRange(reinterpret_cast<quint32 *>(out.data()), size / 4);
    for (qsizetype i = size / 4 * 4; i < size; ++i)
        out[i] = char(rng.bounded(256));
    return out;
}

struct Settled {
    qint64 offset, length;
    QByteArray idHex;
    bool operator==(const Settled &) const = default;
};

/** Runs `data` through a pipeline in blocks of `block` bytes. */
QList<Settled> ingest(const QByteArray &data, qint64 block, QByteArray *fileDigest)
{
    QList<Settled> out;
    IngestPipeline pipeline([&](const IngestPipeline::Chunk &c) {
        QByteArray joined;
        for (const QByteArrayView &span : c.spans)
            joined.append(span);
        if (joined.size() != c.length)
            throw std::runtime_error("spans do not add up to the chunk");
        out.append({c.offset, c.length, c.idHex});
    });
    for (qint64 at = 0; at < data.size(); at += block) {
        QByteArray *next = pipeline.newBlock(qMin(block, data.size() - at));
        std::copy_n(data.constData() + at, next->size(), next->data());
        pipeline.feed();
    }
    *fileDigest = pipeline.finish();
    return out;
}

/** The same chunks by nextCut and a one-shot hash of each. */
QList<Settled> reference(const QByteArray &data)
{
    QList<Settled> out;
    const auto *bytes = reinterpret_cast<const uint8_t *>(data.constData());
    for (qint64 pos = 0; pos < data.size();) {
        const qint64 cut = FastCdcChunker::nextCut(bytes + pos, data.size() - pos);
        out.append({pos, cut, oneShot(QByteArrayView(data.constData() + pos, cut))});
        pos += cut;
    }
    return out;
}

} // namespace

class TstIngestPipeline : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void laneRunsTasksInOrderOnAnotherThread();
    void laneDrainWithoutTasks();
    void laneDrainWaitsForTasksPostedByTasks();
    void laneBacklogCountsQueuedAndRunning();
    void laneDestructorFinishesQueuedWork();
    void lanePostFromManyThreads();
    void laneWaitBelow();

    void chunksAndDigestsMatchTheReference();
    void errorInAPassReachesTheCaller();
    void droppedHalfwayLeavesNothingRunning();
};

void TstIngestPipeline::laneRunsTasksInOrderOnAnotherThread()
{
    WorkerLane lane;
    std::vector<int> seen; // only touched by the lane's thread until drain() returns
    std::thread::id worker;
    bool oneThread = true;
    for (int i = 0; i < 2000; ++i) {
        lane.post([&seen, &worker, &oneThread, i] {
            if (i == 0)
                worker = std::this_thread::get_id();
            oneThread = oneThread && worker == std::this_thread::get_id();
            seen.push_back(i);
        });
    }
    lane.drain();
    QVERIFY(oneThread);
    QCOMPARE(int(seen.size()), 2000);
    for (int i = 0; i < 2000; ++i)
        QCOMPARE(seen.at(size_t(i)), i);
    QVERIFY(worker != std::this_thread::get_id());
    QCOMPARE(lane.backlog(), 0);
}

void TstIngestPipeline::laneDrainWithoutTasks()
{
    WorkerLane lane;
    lane.drain();
    lane.drain();
    QCOMPARE(lane.backlog(), 0);
}

void TstIngestPipeline::laneDrainWaitsForTasksPostedByTasks()
{
    WorkerLane lane;
    std::atomic<int> done{0};
    lane.post([&] {
        std::this_thread::sleep_for(5ms);
        lane.post([&] {
            std::this_thread::sleep_for(5ms);
            ++done;
        });
        ++done;
    });
    lane.drain();
    QCOMPARE(done.load(), 2);
}

void TstIngestPipeline::laneBacklogCountsQueuedAndRunning()
{
    WorkerLane lane;
    std::promise<void> started, release;
    std::shared_future<void> gate = release.get_future().share();
    lane.post([&started, gate] {
        started.set_value();
        gate.wait();
    });
    started.get_future().wait();
    QCOMPARE(lane.backlog(), 1); // the running task
    std::atomic<int> ran{0};
    for (int i = 0; i < 3; ++i)
        lane.post([&ran] { ++ran; });
    QCOMPARE(lane.backlog(), 4);
    QCOMPARE(ran.load(), 0);
    release.set_value();
    lane.drain();
    QCOMPARE(lane.backlog(), 0);
    QCOMPARE(ran.load(), 3);
}

void TstIngestPipeline::laneDestructorFinishesQueuedWork()
{
    std::atomic<int> ran{0};
    std::vector<int> order;
    {
        WorkerLane lane;
        lane.post([] { std::this_thread::sleep_for(20ms); });
        for (int i = 0; i < 500; ++i)
            lane.post([&ran, &order, i] {
                order.push_back(i);
                ++ran;
            });
        // No drain(): the destructor must still run all 500 before joining.
    }
    QCOMPARE(ran.load(), 500);
    for (int i = 0; i < 500; ++i)
        QCOMPARE(order.at(size_t(i)), i);
}

void TstIngestPipeline::lanePostFromManyThreads()
{
    WorkerLane lane;
    std::atomic<int> sum{0};
    std::vector<std::thread> posters;
    for (int t = 0; t < 4; ++t)
        posters.emplace_back([&lane, &sum, t] {
            for (int i = 0; i < 250; ++i)
                lane.post([&sum, t] { sum += t + 1; });
        });
    for (auto &p : posters)
        p.join();
    lane.drain();
    QCOMPARE(sum.load(), 250 * (1 + 2 + 3 + 4));
}

void TstIngestPipeline::laneWaitBelow()
{
    WorkerLane lane;
    std::atomic<bool> release{false};
    for (int i = 0; i < 5; ++i)
        lane.post([&] {
            while (!release)
                std::this_thread::sleep_for(1ms);
        });
    QVERIFY(lane.backlog() >= 5);
    std::thread releaser([&] {
        std::this_thread::sleep_for(20ms);
        release = true;
    });
    lane.waitBelow(2);
    QVERIFY(lane.backlog() < 2);
    releaser.join();
    lane.drain();
    QCOMPARE(lane.backlog(), 0);
}

void TstIngestPipeline::chunksAndDigestsMatchTheReference()
{
    const QByteArray random = pseudoRandom(40 << 20, 5);
    const QByteArray zeros(20 << 20, '\0');            // forced cuts at kMaxSize only
    const QByteArray small = pseudoRandom(300000, 9); // one chunk, shorter than kMinSize
    for (const QByteArray *data : {&random, &zeros, &small}) {
        const QList<Settled> expected = reference(*data);
        for (qint64 block : {qint64(1) << 20, qint64(2) << 20, qint64(3000001), qint64(17) << 20}) {
            QByteArray digest;
            QCOMPARE(ingest(*data, block, &digest), expected);
            QCOMPARE(digest, oneShot(*data));
        }
    }
}

void TstIngestPipeline::errorInAPassReachesTheCaller()
{
    const QByteArray data = pseudoRandom(30 << 20, 3);
    int settled = 0;
    IngestPipeline pipeline([&](const IngestPipeline::Chunk &) {
        if (++settled == 2)
            throw std::runtime_error("disk full");
    });
    bool thrown = false;
    try {
        for (qint64 at = 0; at < data.size(); at += 1 << 20) {
            QByteArray *next = pipeline.newBlock(1 << 20);
            std::copy_n(data.constData() + at, next->size(), next->data());
            pipeline.feed();
        }
        pipeline.finish();
    } catch (const std::runtime_error &e) {
        thrown = QByteArray(e.what()) == "disk full";
    }
    QVERIFY(thrown);
    QCOMPARE(settled, 2); // nothing is settled after the failure
}

void TstIngestPipeline::droppedHalfwayLeavesNothingRunning()
{
    // A cancelled upload destroys the pipeline with blocks queued and chunks hashing.
    const QByteArray data = pseudoRandom(24 << 20, 4);
    std::atomic<int> settled{0};
    {
        IngestPipeline pipeline([&](const IngestPipeline::Chunk &) { ++settled; });
        for (qint64 at = 0; at < data.size(); at += 1 << 20) {
            QByteArray *next = pipeline.newBlock(1 << 20);
            std::copy_n(data.constData() + at, next->size(), next->data());
            pipeline.feed();
        }
    }
    const int after = settled;
    std::this_thread::sleep_for(50ms);
    QCOMPARE(int(settled), after);
}

QTEST_GUILESS_MAIN(TstIngestPipeline)
#include "tst_ingest_pipeline.moc"
