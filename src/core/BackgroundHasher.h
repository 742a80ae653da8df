#pragma once
// Two hashing threads for the ingest pipeline (issue: one pass over the input on every
// core): one keeps the running SHA-256 of the whole file, the other hashes each chunk.
// The caller keeps finding chunk boundaries and writing packs meanwhile. Spans passed in
// must stay valid until drain() returns (or the hasher is destroyed).

#include <QByteArray>
#include <QByteArrayView>

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

namespace hubvault {

class BackgroundHasher {
public:
    BackgroundHasher();
    ~BackgroundHasher();
    BackgroundHasher(const BackgroundHasher &) = delete;
    BackgroundHasher &operator=(const BackgroundHasher &) = delete;

    /** Hex SHA-256 of one chunk, computed on the chunk thread. */
    std::future<QByteArray> hashChunk(QByteArrayView span);
    /** Appends a span to the whole-file digest (in call order), on the file thread. */
    void addToFile(QByteArrayView span);
    /** Waits until every submitted span has been hashed. */
    void drain();
    /** Hex SHA-256 of everything passed to addToFile(); drains first. */
    QByteArray fileDigest();

private:
    /** One worker thread running tasks in submission order. */
    class Lane {
    public:
        Lane();
        ~Lane();
        void post(std::function<void()> task);
        void drain();

    private:
        void run();
        std::mutex m_mutex;
        std::condition_variable m_wake, m_idle;
        std::deque<std::function<void()>> m_tasks;
        bool m_busy = false;
        bool m_stop = false;
        std::thread m_thread;
    };

    struct FileState;
    std::unique_ptr<FileState> m_file;
    Lane m_fileLane;
    Lane m_chunkLane;
};

} // namespace hubvault
