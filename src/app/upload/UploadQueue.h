#pragma once
// The upload queue: files dropped or chosen for upload and files marked for deletion,
// waiting to be published together as ONE commit. A table model (path, size, progress,
// speed, state) that also remembers which branch head the queue was built on, so the
// commit can be published with optimistic concurrency (CommitOptions::parentCommit).
//
// The core reports the bytes read of all adds together; per-file progress is derived
// here from that count and the files' sizes, in the order they were handed to the commit.

#include "upload/StagedChange.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QList>
#include <QString>

namespace hubvault::app {

class UploadQueue : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PathColumn, SizeColumn, ProgressColumn, SpeedColumn, StateColumn, ColumnCount };
    enum Role {
        RepoPathRole = Qt::UserRole + 1,
        KindRole,     ///< int(StagedChange::Kind)
        StateRole,    ///< int(StagedChange::State)
        ProgressRole, ///< 0..100, -1 for deletes
    };

    explicit UploadQueue(QObject *parent = nullptr);

    /** Adds changes; a change to a path already queued replaces the older one. */
    void addChanges(const QList<StagedChange> &changes);
    void removeEntries(QList<int> rows);
    void clear();
    /** Drops the rows that were published, failed or cancelled. */
    void clearFinished();

    const QList<StagedChange> &changes() const { return m_changes; }
    const StagedChange &change(int row) const { return m_changes.at(row); }
    /** Rows not yet published (queued, failed or cancelled), in queue order. */
    QList<int> pendingRows() const;
    bool hasPending() const { return !pendingRows().isEmpty(); }
    /** Moves every pending add below `folder` ("" = root), keeping its relative path. */
    void setDestination(const QString &folder);
    /** The destination shared by all pending adds; nullopt-like "" with `mixed` set otherwise. */
    QString commonDestination(bool *mixed = nullptr) const;

    /** The branch and its head commit when the first change was queued ("" = none yet). */
    QString baseBranch() const { return m_baseBranch; }
    QString baseHead() const { return m_baseHead; }
    void setBase(const QString &branch, const QString &head);

    // Publishing.
    /** Marks `rows` as in flight (in this order, the order of the commit's operations). */
    void beginPublish(const QList<int> &rows);
    /** Spreads the commit's byte count over the in-flight adds, by size and in order. */
    void applyProgress(qint64 done);
    /** Ends the publish: every in-flight row becomes `state`. */
    void finishPublish(StagedChange::State state);
    bool isPublishing() const { return !m_inFlight.isEmpty(); }
    qint64 totalBytes(const QList<int> &rows) const;

    static QString stateText(StagedChange::State state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /** The number of pending changes changed (e.g. to enable "Commit…"). */
    void pendingChanged(int pending);

private:
    int rowOfPath(const QString &repoPath) const;
    void emitRowChanged(int row);
    QVariant displayData(const StagedChange &change, int column) const;

    QList<StagedChange> m_changes;
    QString m_baseBranch;
    QString m_baseHead;
    QList<int> m_inFlight;
    int m_current = -1; ///< index into m_inFlight of the file being read
    QElapsedTimer m_fileClock;    ///< since the current file started
    QElapsedTimer m_publishClock; ///< since the publish started
};

} // namespace hubvault::app
