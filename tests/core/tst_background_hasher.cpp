// WorkerLane and BackgroundHasher, used directly. WorkerLane: tasks run in posting order
// on one thread other than the caller's, drain() waits for all of them (also for tasks a
// task posts), backlog() counts queued plus running work, and the destructor finishes
// queued work before joining. BackgroundHasher: chunk digests equal Hash::sha256Hex, the
// file digest over many spans equals a one-shot SHA-256, and a stress run with many
// small spans interleaved with chunk hashes.

#include "BackgroundHasher.h"
#include "Hash.h"
#include "WorkerLane.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

#include <atomic>
#include <chrono>
#include <future>
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

} // namespace

class TstBackgroundHasher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void laneRunsTasksInOrderOnAnotherThread();
    void laneDrainWithoutTasks();
    void laneDrainWaitsForTasksPostedByTasks();
    void laneBacklogCountsQueuedAndRunning();
    void laneDestructorFinishesQueuedWork();
    void lanePostFromManyThreads();

    void chunkDigestsMatchSha256Hex();
    void fileDigestOverSpansEqualsOneShot();
    void emptyFileDigest();
    void drainThenMoreSpans();
    void destructorWithPendingWork();
    void stressManySmallSpans();
};

void TstBackgroundHasher::laneRunsTasksInOrderOnAnotherThread()
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

void TstBackgroundHasher::laneDrainWithoutTasks()
{
    WorkerLane lane;
    lane.drain();
    lane.drain();
    QCOMPARE(lane.backlog(), 0);
}

void TstBackgroundHasher::laneDrainWaitsForTasksPostedByTasks()
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

void TstBackgroundHasher::laneBacklogCountsQueuedAndRunning()
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

void TstBackgroundHasher::laneDestructorFinishesQueuedWork()
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

void TstBackgroundHasher::lanePostFromManyThreads()
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

void TstBackgroundHasher::chunkDigestsMatchSha256Hex()
{
    const QByteArray data = pseudoRandom(3 << 20, 7);
    const QList<QPair<qsizetype, qsizetype>> spans{{0, 0}, {0, 1}, {5, 63}, {64, 64}, {100, 1 << 20}, {0, data.size()}, {data.size() - 3, 3}};
    BackgroundHasher hasher;
    std::vector<std::future<QByteArray>> futures;
    for (const auto &[from, size] : spans)
        futures.push_back(hasher.hashChunk(QByteArrayView(data).sliced(from, size)));
    for (size_t i = 0; i < futures.size(); ++i) {
        const auto [from, size] = spans.at(qsizetype(i));
        const QByteArrayView view = QByteArrayView(data).sliced(from, size);
        const QByteArray got = futures[i].get();
        QCOMPARE(got, Hash::sha256Hex(view));
        QCOMPARE(got, oneShot(view));
    }
    QCOMPARE(Hash::sha256Hex(QByteArrayView()), QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

void TstBackgroundHasher::fileDigestOverSpansEqualsOneShot()
{
    const QByteArray data = pseudoRandom(5 << 20, 11);
    BackgroundHasher hasher;
    QRandomGenerator rng(3);
    qsizetype pos = 0;
    while (pos < data.size()) {
        const qsizetype size = qMin<qsizetype>(data.size() - pos, rng.bounded(1, 200000));
        hasher.addToFile(QByteArrayView(data).sliced(pos, size));
        pos += size;
    }
    QCOMPARE(hasher.fileDigest(), oneShot(data));
}

void TstBackgroundHasher::emptyFileDigest()
{
    BackgroundHasher hasher;
    QCOMPARE(hasher.fileDigest(), QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    BackgroundHasher withEmptySpans;
    withEmptySpans.addToFile(QByteArrayView());
    withEmptySpans.addToFile(QByteArrayView("", 0));
    QCOMPARE(withEmptySpans.fileDigest(), oneShot(QByteArray()));
}

void TstBackgroundHasher::drainThenMoreSpans()
{
    // drain() is not the end: spans added afterwards still count, in order.
    const QByteArray a("the first part, "), b("the second part");
    BackgroundHasher hasher;
    hasher.addToFile(a);
    hasher.drain();
    hasher.addToFile(b);
    auto chunk = hasher.hashChunk(b);
    hasher.drain();
    QCOMPARE(chunk.get(), oneShot(b));
    QCOMPARE(hasher.fileDigest(), oneShot(a + b));
}

void TstBackgroundHasher::destructorWithPendingWork()
{
    // Buffers outlive the hasher; destroying it with queued spans is safe and finishes them.
    const QByteArray data = pseudoRandom(8 << 20, 5);
    std::future<QByteArray> last;
    {
        BackgroundHasher hasher;
        for (qsizetype pos = 0; pos < data.size(); pos += 1 << 20) {
            hasher.addToFile(QByteArrayView(data).sliced(pos, 1 << 20));
            last = hasher.hashChunk(QByteArrayView(data).sliced(pos, 1 << 20));
        }
    }
    QCOMPARE(last.wait_for(0s), std::future_status::ready);
    QCOMPARE(last.get(), oneShot(QByteArrayView(data).sliced(7 << 20, 1 << 20)));
}

void TstBackgroundHasher::stressManySmallSpans()
{
    // 100k spans of 1..80 bytes; every 997th span is also hashed as a chunk.
    const QByteArray data = pseudoRandom(4 << 20, 99);
    QRandomGenerator rng(42);
    BackgroundHasher hasher;
    std::vector<std::pair<QByteArrayView, std::future<QByteArray>>> chunks;
    qsizetype pos = 0;
    int spans = 0;
    while (pos < data.size() && spans < 100000) {
        const qsizetype size = qMin<qsizetype>(data.size() - pos, rng.bounded(1, 81));
        const QByteArrayView view = QByteArrayView(data).sliced(pos, size);
        hasher.addToFile(view);
        if (spans % 997 == 0)
            chunks.emplace_back(view, hasher.hashChunk(view));
        pos += size;
        ++spans;
    }
    QCOMPARE(spans, 100000);
    QCOMPARE(hasher.fileDigest(), oneShot(QByteArrayView(data).first(pos)));
    for (auto &[view, future] : chunks)
        QCOMPARE(future.get(), oneShot(view));
}

QTEST_GUILESS_MAIN(TstBackgroundHasher)
#include "tst_background_hasher.moc"
