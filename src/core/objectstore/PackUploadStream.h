#pragma once
// A multipart upload that follows a pack while it is being written: each part goes to the
// bucket as soon as the staged file holds it, so a commit into an attached repository
// uploads while it still reads, hashes and chunks the file, instead of afterwards
// (docs/benchmarks.md, the s3-upload row). finish() sends the rest, completes the upload
// and checks the object's size; an upload that is not finished is aborted. Parts are
// read back from the staged file, at most S3PackStore::kParallelParts at a time.

#include <hubvault/Progress.h>

#include <QString>
#include <QStringList>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace hubvault::objectstore {

class S3PackStore;

class PackUploadStream {
public:
    /** Starts the upload of pack `packId`, being written to `path`, expected to stay below `maxSize` bytes. */
    PackUploadStream(std::shared_ptr<S3PackStore> store, QString packId, QString path, qint64 maxSize);
    ~PackUploadStream();
    PackUploadStream(const PackUploadStream &) = delete;
    PackUploadStream &operator=(const PackUploadStream &) = delete;

    /** The file holds `size` bytes now, written through to the kernel. */
    void grew(qint64 size);
    /** The file is complete at `size` bytes (and synced): sends the rest, completes, checks. */
    void finish(qint64 size, const TaskControl &task);

private:
    void work();
    bool partReadyLocked() const;
    void stopWorkers();

    std::shared_ptr<S3PackStore> m_store;
    QString m_packId, m_name, m_path, m_uploadId;
    qint64 m_partSize = 0;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    qint64 m_available = 0;
    bool m_final = false, m_stopping = false, m_done = false;
    int m_nextPart = 0;
    QStringList m_etags;
    std::exception_ptr m_failure;
    std::vector<std::thread> m_workers;
};

} // namespace hubvault::objectstore
