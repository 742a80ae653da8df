#pragma once
// Publishes staged changes as ONE commit (Repository::createCommit with an add per file
// and a delete per removed path) on a worker thread, with progress and cancellation.
// The core stages every byte inside its transaction and publishes only at the end, so a
// cancelled or failed job leaves the repository exactly as it was.

#include <hubvault/Progress.h>
#include "async/Job.h"
#include "upload/StagedChange.h"

#include <QList>
#include <QString>
#include <memory>

namespace hubvault::app {

class UploadJob : public Job {
    Q_OBJECT
public:
    struct Request {
        QString repoPath;
        QString branch;       ///< short branch name
        QString parentCommit; ///< expected head of `branch` ("" = no check)
        QString title;
        QString description;
        QList<StagedChange> changes; ///< in commit order
    };

    explicit UploadJob(Request request, QObject *parent = nullptr);

    const Request &request() const { return m_request; }
    /** The new commit's OID, after succeeded(). */
    QString commitId() const { return m_result ? *m_result : QString(); }

    /** Publishes once; cancelling rolls the commit's transaction back (unless too late). */
    void start();

    /** The blocking publish; returns the new commit's OID. Throws core errors. */
    static QString run(const Request &request, const TaskControl &task = {});

private:
    Request m_request;
    std::shared_ptr<QString> m_result;
};

} // namespace hubvault::app
