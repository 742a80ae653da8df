#pragma once
// Detached views (docs/format.md §9): hf_hub_download file views and snapshot_download
// directories, under cache/ (managed, disposable) or in a caller's local_dir. A view is a
// private copy: editing or deleting it never changes the repository, and the next call
// notices (size + nanosecond mtime) and rebuilds it. The cache layout and metadata match
// the original's byte for byte, so views made by either implementation are reused.

#include <hubvault/Progress.h>
#include <hubvault/Repository.h>

#include "TreeWalker.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace hubvault {

class RepoSession;

class ViewCache {
public:
    ViewCache(RepoSession &session, const TaskControl &task) : m_session(session), m_task(task) {}

    QString downloadFile(const QString &filename, const QString &revision, const QString &localDir);
    /** select the files -> reuse the view when it is intact -> write what changed. */
    QString downloadSnapshot(const SnapshotOptions &options);

    /** view_key of a file view: sha256(C + ":" + path). */
    static QString fileViewKey(const QString &commitGitOid, const QString &path);
    /** view_key of a snapshot view: sha256(CJSON({allow, commit_id, ignore})). */
    static QString snapshotViewKey(const QString &commitGitOid, const QStringList &allow, const QStringList &ignore);

private:
    /** Where a snapshot view lives and what it was asked for. */
    struct SnapshotView {
        QString key, requested, commitOid;
        QStringList allow, ignore;
        bool hasAllowList = false;
        bool external = false; ///< in the caller's local_dir, not under cache/
        QString root, targetPath, metaPath;
    };
    /** The view's metadata file as the last call left it (empty when absent or unreadable). */
    struct ViewRecord {
        QJsonObject meta;
        QHash<QString, QJsonObject> files; ///< by path
    };
    SnapshotView snapshotView(const SnapshotOptions &options, const QString &commitOid) const;
    FlatSnapshot selectFiles(const QString &commitId, const SnapshotView &view);
    ViewRecord readRecord(const QString &metaPath) const;
    /** The recorded file is still as the view wrote it (size and nanosecond mtime). */
    bool untouched(const SnapshotView &view, const QString &path, const QJsonObject &recorded) const;
    bool isReusable(const SnapshotView &view, const ViewRecord &previous) const;
    void dropUnselected(const SnapshotView &view, const ViewRecord &previous, const FlatSnapshot &selected);
    QJsonArray writeFiles(const SnapshotView &view, const ViewRecord &previous, const FlatSnapshot &selected);
    void writeRecord(const SnapshotView &view, const QJsonArray &files);

    /** Writes a verified copy of file `fileId` to `target` via a temporary name. */
    void materialize(const QString &fileId, const QString &target, bool durable, qint64 doneBefore = 0,
                     qint64 total = 0);
    /** True when `target` is a regular file with this sha256 (content already right). */
    bool alreadyHolds(const QString &target, qint64 size, const QString &sha256) const;
    QString requireOutsideRepo(const QString &localDir) const;

    RepoSession &m_session;
    const TaskControl &m_task;
};

} // namespace hubvault
