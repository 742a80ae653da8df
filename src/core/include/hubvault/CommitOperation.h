#pragma once
// The operations of create_commit (API.md "Commit operations"): add a file (from a local
// path, bytes or a stream), delete a file or folder, copy a file or folder.

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <optional>

namespace hubvault {

struct CommitOperation {
    enum class Kind { Add, Delete, Copy };
    Kind kind = Kind::Add;
    QString pathInRepo;

    // Add: exactly one source.
    QString localPath;
    std::optional<QByteArray> bytes;
    QIODevice *stream = nullptr; ///< not owned; read from its current position to the end

    // Delete: true, false, or nullopt = "auto" (a folder when the path ends with '/').
    std::optional<bool> isFolder;

    // Copy.
    QString srcPathInRepo;
    QString srcRevision; ///< empty = the branch head before this commit's operations

    static CommitOperation addFile(const QString &pathInRepo, const QString &localPath)
    {
        CommitOperation op;
        op.pathInRepo = pathInRepo;
        op.localPath = localPath;
        return op;
    }
    static CommitOperation addBytes(const QString &pathInRepo, const QByteArray &data)
    {
        CommitOperation op;
        op.pathInRepo = pathInRepo;
        op.bytes = data;
        return op;
    }
    static CommitOperation addStream(const QString &pathInRepo, QIODevice *device)
    {
        CommitOperation op;
        op.pathInRepo = pathInRepo;
        op.stream = device;
        return op;
    }
    static CommitOperation remove(const QString &pathInRepo, std::optional<bool> isFolder = std::nullopt)
    {
        CommitOperation op;
        op.kind = Kind::Delete;
        op.pathInRepo = pathInRepo;
        op.isFolder = isFolder;
        return op;
    }
    static CommitOperation copy(const QString &srcPathInRepo, const QString &pathInRepo, const QString &srcRevision = {})
    {
        CommitOperation op;
        op.kind = Kind::Copy;
        op.srcPathInRepo = srcPathInRepo;
        op.pathInRepo = pathInRepo;
        op.srcRevision = srcRevision;
        return op;
    }
};

/** Message, revision and optimistic-concurrency options shared by every write. */
struct CommitOptions {
    QString commitMessage; ///< required for createCommit; wrappers supply a default
    std::optional<QString> commitDescription;
    QString revision;     ///< branch; empty = default branch
    QString parentCommit; ///< when set, must be the branch head (git OID or any revision)
};

} // namespace hubvault
