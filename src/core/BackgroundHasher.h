#pragma once
// Two hashing threads for the ingest pipeline (issue: one pass over the input on every
// core): one keeps the running SHA-256 of the whole file, the other hashes each chunk.
// The caller keeps finding chunk boundaries and writing packs meanwhile. Spans passed in
// must stay valid until drain() returns (or the hasher is destroyed).

#include <QByteArray>
#include <QByteArrayView>

#include "WorkerLane.h"

#include <future>
#include <memory>

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
    struct FileState;
    std::unique_ptr<FileState> m_file;
    WorkerLane m_fileLane;
    WorkerLane m_chunkLane;
};

} // namespace hubvault
