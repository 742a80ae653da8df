#pragma once
// Downloads a file or folder of a revision to a local directory (a detached view, docs/format.md
// §9) on a worker thread, with progress and cancellation. A file goes through
// Repository::hfHubDownload(localDir), a folder through snapshotDownload with the allow
// pattern "<folder>/*", so both land under the chosen directory at their repository paths.

#include <hubvault/Progress.h>
#include "async/Job.h"

#include <QString>
#include <memory>

namespace hubvault::app {

class DownloadJob : public Job {
    Q_OBJECT
public:
    struct Request {
        QString repoPath;
        QString revision;   ///< empty = default branch
        QString pathInRepo; ///< file or folder; "" with isFolder = the whole revision
        bool isFolder = false;
        QString targetDir;  ///< local directory (outside the repository)
    };

    explicit DownloadJob(Request request, QObject *parent = nullptr);

    const Request &request() const { return m_request; }
    /** Local path of the downloaded file or folder, after succeeded(). */
    QString resultPath() const { return m_result ? *m_result : QString(); }

    /** Runs the download once; cancel() before start() makes it end as cancelled. */
    void start();

    /** fnmatch pattern that selects everything under `folder`, special characters escaped. */
    static QString allowPatternFor(const QString &folder);
    /** `text` with fnmatch's special characters (*, ?, [) turned into literal classes. */
    static QString escapeFnMatch(const QString &text);
    /** The blocking download; returns the local path. Throws core errors (CancelledError). */
    static QString run(const Request &request, const TaskControl &task = {});

private:
    Request m_request;
    std::shared_ptr<QString> m_result;
};

} // namespace hubvault::app
