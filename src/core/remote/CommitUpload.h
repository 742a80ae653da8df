#pragma once
// createCommit over HTTP: the two-step plan/commit protocol of SERVER.md §4. Hashes and
// (from 1 MiB) FastCDC-chunks every added file as the Python client does, asks the server
// for a plan, then sends only what the plan asks for as a multipart body streamed from disk.

#include "HttpSession.h"

#include <hubvault/CommitOperation.h>
#include <hubvault/Models.h>

#include <atomic>

namespace hubvault::remote {

class CommitUpload {
public:
    /** `uploadedBytes` grows by the payload bytes each commit sends. */
    CommitUpload(const HttpSession &session, const TaskControl &task, std::atomic<qint64> &uploadedBytes)
        : m_session(session), m_task(task), m_uploadedBytes(uploadedBytes) {}

    /** One commit on `branch` (a branch name, never empty). */
    CommitInfo run(const QList<CommitOperation> &operations, const CommitOptions &options, const QString &branch);

private:
    const HttpSession &m_session;
    const TaskControl &m_task;
    std::atomic<qint64> &m_uploadedBytes;
};

} // namespace hubvault::remote
