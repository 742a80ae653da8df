#pragma once
// A read-only, seekable QIODevice over one stored file that never holds more than the
// read-ahead window in memory. It owns its open file handles, so it stays valid after the
// read session (and its lock) is gone; a concurrent gc cannot pull bytes from under it.
// Sequential reading of a chunked file verifies the chunks ahead on every core
// (ChunkPipeline); a seek elsewhere reads just the chunk it lands in.

#include "ChunkPipeline.h"
#include "ContentReader.h"
#include "StoredRange.h"

#include <QIODevice>
#include <memory>

namespace hubvault {

class FileStream : public QIODevice {
    Q_OBJECT
public:
    /** Whole-blob stream over a data file whose content was verified when it was opened. */
    explicit FileStream(std::shared_ptr<StoredRange> verifiedBlob);
    /** Chunked stream; each chunk is verified the first time this process reads it. */
    FileStream(QList<ChunkLocation> chunks, qint64 size);
    ~FileStream() override;

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }
    /** Positions outside [0, size] are refused. */
    bool seek(qint64 pos) override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 readChunked(char *data, qint64 maxSize);
    /** Makes chunk `index` current, from the read-ahead when the reader got there in order. */
    void load(int index);

    std::shared_ptr<StoredRange> m_blob;
    QList<ChunkLocation> m_chunks;
    qint64 m_size = 0;
    int m_currentIndex = -1;
    std::shared_ptr<StoredRange> m_current; ///< verified chunk m_currentIndex
    std::unique_ptr<ChunkPipeline> m_readAhead; ///< over m_chunks from m_readAheadFrom on
    int m_readAheadFrom = 0;
};

} // namespace hubvault
