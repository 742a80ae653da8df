#pragma once
// A read-only, seekable QIODevice over one stored file that never holds more than one
// chunk (≤ 16 MiB) in memory. It owns its open file handles, so it stays valid after the
// read session (and its lock) is gone; a concurrent gc cannot pull bytes from under it.

#include "ContentReader.h"

#include <QFile>
#include <QIODevice>
#include <memory>

namespace hubvault {

class FileStream : public QIODevice {
    Q_OBJECT
public:
    /** Whole-blob stream over `data`, whose content was verified when it was opened. */
    FileStream(std::unique_ptr<QFile> data, qint64 size);
    /** Chunked stream; each chunk is verified the first time it is read. */
    FileStream(std::shared_ptr<const Env> env, QList<ChunkLocation> chunks, qint64 size);
    ~FileStream() override;

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }
    bool seek(qint64 pos) override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 readChunked(char *data, qint64 maxSize);

    std::unique_ptr<QFile> m_blob;
    std::shared_ptr<const Env> m_env;
    QList<ChunkLocation> m_chunks;
    qint64 m_size = 0;
    int m_cachedIndex = -1;
    QByteArray m_cached;
};

} // namespace hubvault
