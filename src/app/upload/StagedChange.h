#pragma once
// One change waiting in the upload queue: a local file to add at a repository path, or a
// repository file or folder to delete. Plain values only, so a copy can travel to the
// worker that publishes the commit.

#include <QString>

namespace hubvault::app {

struct StagedChange {
    enum class Kind { Add, Delete };
    enum class State { Queued, Uploading, Done, Failed, Cancelled };

    Kind kind = Kind::Add;
    QString localPath;    ///< Add: the local file, read when the commit is published
    QString folder;       ///< Add: destination folder in the repository ("" = root)
    QString relativePath; ///< Add: path below `folder` (the file name, or its path inside a dropped folder)
    QString deletePath;   ///< Delete: file or folder in the repository
    bool isFolder = false; ///< Delete: a whole folder
    qint64 size = 0;      ///< Add: bytes of the local file when it was staged
    State state = State::Queued;
    qint64 done = 0;          ///< Add: bytes read so far
    double bytesPerSecond = 0; ///< Add: while uploading

    /** The path this change writes or deletes in the repository. */
    QString repoPath() const
    {
        if (kind == Kind::Delete)
            return deletePath;
        return folder.isEmpty() ? relativePath : folder + QLatin1Char('/') + relativePath;
    }
    bool isFinished() const { return state == State::Done || state == State::Failed || state == State::Cancelled; }
};

} // namespace hubvault::app
