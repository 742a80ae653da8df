#include "BackgroundHasher.h"

#include "Hash.h"

namespace hubvault {

struct BackgroundHasher::FileState {
    Hash hash{Hash::Algorithm::Sha256};
};

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
