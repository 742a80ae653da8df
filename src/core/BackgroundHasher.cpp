#include "BackgroundHasher.h"

#include "Hash.h"

namespace hubvault {

struct BackgroundHasher::FileState {
    Hash hash{Hash::Algorithm::Sha256};
};

BackgroundHasher::Lane::Lane() : m_thread([this] { run(); }) {}

BackgroundHasher::Lane::~Lane()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void BackgroundHasher::Lane::post(std::function<void()> task)
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
}

void BackgroundHasher::Lane::drain()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_tasks.empty() && !m_busy; });
}

void BackgroundHasher::Lane::run()
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
        if (m_tasks.empty())
            m_idle.notify_all();
    }
}

BackgroundHasher::BackgroundHasher() : m_file(std::make_unique<FileState>()) {}

BackgroundHasher::~BackgroundHasher()
{
    // Lanes join in their destructors after finishing queued work, so no task outlives
    // the spans it reads as long as the caller's buffers outlive this object.
    m_chunkLane.drain();
    m_fileLane.drain();
}

std::future<QByteArray> BackgroundHasher::hashChunk(QByteArrayView span)
{
    auto promise = std::make_shared<std::promise<QByteArray>>();
    std::future<QByteArray> result = promise->get_future();
    m_chunkLane.post([promise, span] { promise->set_value(Hash::sha256Hex(span)); });
    return result;
}

void BackgroundHasher::addToFile(QByteArrayView span)
{
    m_fileLane.post([this, span] { m_file->hash.add(span); });
}

void BackgroundHasher::drain()
{
    m_chunkLane.drain();
    m_fileLane.drain();
}

QByteArray BackgroundHasher::fileDigest()
{
    drain();
    return m_file->hash.hexResult();
}

} // namespace hubvault
