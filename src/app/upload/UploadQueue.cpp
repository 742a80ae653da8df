#include "upload/UploadQueue.h"
#include "shell/Formatting.h"

#include "files/FileTreeModel.h"

#include <QLocale>
#include <algorithm>

namespace hubvault::app {

UploadQueue::UploadQueue(QObject *parent) : QAbstractTableModel(parent) {}

int UploadQueue::rowOfPath(const QString &repoPath) const
{
    for (int row = 0; row < m_changes.size(); ++row)
        if (m_changes.at(row).repoPath() == repoPath && !m_changes.at(row).isFinished())
            return row;
    return -1;
}

void UploadQueue::addChanges(const QList<StagedChange> &changes)
{
    for (const StagedChange &change : changes) {
        const int existing = rowOfPath(change.repoPath());
        if (existing >= 0 && !m_inFlight.contains(existing)) {
            m_changes[existing] = change;
            emitRowChanged(existing);
            continue;
        }
        beginInsertRows({}, int(m_changes.size()), int(m_changes.size()));
        m_changes.append(change);
        endInsertRows();
    }
    Q_EMIT pendingChanged(int(pendingRows().size()));
}

void UploadQueue::removeEntries(QList<int> rows)
{
    std::sort(rows.begin(), rows.end(), std::greater<>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (int row : std::as_const(rows)) {
        if (row < 0 || row >= m_changes.size() || m_inFlight.contains(row))
            continue;
        beginRemoveRows({}, row, row);
        m_changes.removeAt(row);
        endRemoveRows();
    }
    if (m_changes.isEmpty())
        setBase({}, {});
    Q_EMIT pendingChanged(int(pendingRows().size()));
}

void UploadQueue::clear()
{
    if (isPublishing())
        return;
    beginResetModel();
    m_changes.clear();
    endResetModel();
    setBase({}, {});
    Q_EMIT pendingChanged(0);
}

void UploadQueue::clearFinished()
{
    QList<int> rows;
    for (int row = 0; row < m_changes.size(); ++row)
        if (m_changes.at(row).isFinished())
            rows.append(row);
    removeEntries(rows);
}

QList<int> UploadQueue::pendingRows() const
{
    QList<int> rows;
    for (int row = 0; row < m_changes.size(); ++row)
        if (m_changes.at(row).state != StagedChange::State::Done)
            rows.append(row);
    return rows;
}

void UploadQueue::setDestination(const QString &folder)
{
    for (int row : pendingRows()) {
        StagedChange &change = m_changes[row];
        if (change.kind != StagedChange::Kind::Add || change.folder == folder)
            continue;
        change.folder = folder;
        emitRowChanged(row);
    }
}

QString UploadQueue::commonDestination(bool *mixed) const
{
    QString common;
    bool first = true, differ = false;
    for (int row : pendingRows()) {
        const StagedChange &change = m_changes.at(row);
        if (change.kind != StagedChange::Kind::Add)
            continue;
        if (first)
            common = change.folder;
        else if (change.folder != common)
            differ = true;
        first = false;
    }
    if (mixed)
        *mixed = differ;
    return differ ? QString() : common;
}

void UploadQueue::setBase(const QString &branch, const QString &head)
{
    m_baseBranch = branch;
    m_baseHead = head;
}

qint64 UploadQueue::totalBytes(const QList<int> &rows) const
{
    qint64 total = 0;
    for (int row : rows)
        if (m_changes.at(row).kind == StagedChange::Kind::Add)
            total += m_changes.at(row).size;
    return total;
}

void UploadQueue::beginPublish(const QList<int> &rows)
{
    m_inFlight = rows;
    m_current = -1;
    m_fileClock.start();
    m_publishClock.start();
    for (int row : rows) {
        StagedChange &change = m_changes[row];
        change.state = StagedChange::State::Queued;
        change.done = 0;
        change.bytesPerSecond = 0;
        emitRowChanged(row);
    }
}

void UploadQueue::applyProgress(qint64 done)
{
    // The commit reads its adds one after the other, in operation order: the bytes
    // before a file's offset belong to the files ahead of it.
    qint64 offset = 0;
    for (int i = 0; i < m_inFlight.size(); ++i) {
        StagedChange &change = m_changes[m_inFlight.at(i)];
        if (change.kind != StagedChange::Kind::Add)
            continue;
        const qint64 fileDone = std::clamp(done - offset, qint64(0), change.size);
        const bool reached = done > offset || (done == offset && change.size == 0 && done > 0);
        offset += change.size;
        if (!reached || (fileDone == change.done && change.state == StagedChange::State::Uploading))
            continue;
        if (i != m_current && change.state == StagedChange::State::Queued) {
            m_current = i;
            m_fileClock.restart();
        }
        change.state = StagedChange::State::Uploading;
        if (i == m_current && fileDone > change.done) {
            // A file read within a few polls has no meaningful rate of its own: it shows
            // the commit's rate so far instead.
            constexpr qint64 kMinFileMs = 250;
            const qint64 fileMs = m_fileClock.elapsed();
            change.bytesPerSecond = fileMs >= kMinFileMs
                                        ? double(fileDone) * 1000.0 / double(fileMs)
                                        : double(done) * 1000.0 / double(std::max<qint64>(1, m_publishClock.elapsed()));
        }
        change.done = fileDone;
        emitRowChanged(m_inFlight.at(i));
    }
}

void UploadQueue::finishPublish(StagedChange::State state)
{
    const QList<int> rows = m_inFlight;
    m_inFlight.clear();
    m_current = -1;
    for (int row : rows) {
        StagedChange &change = m_changes[row];
        change.state = state;
        if (state == StagedChange::State::Done)
            change.done = change.size;
        emitRowChanged(row);
    }
    Q_EMIT pendingChanged(int(pendingRows().size()));
}

void UploadQueue::emitRowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QString UploadQueue::stateText(StagedChange::State state)
{
    switch (state) {
    case StagedChange::State::Queued:
        return tr("Queued");
    case StagedChange::State::Uploading:
        return tr("Uploading");
    case StagedChange::State::Done:
        return tr("Done");
    case StagedChange::State::Failed:
        return tr("Failed");
    case StagedChange::State::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

int UploadQueue::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_changes.size());
}

int UploadQueue::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UploadQueue::displayData(const StagedChange &change, int column) const
{
    const bool isAdd = change.kind == StagedChange::Kind::Add;
    switch (column) {
    case PathColumn:
        return isAdd ? change.repoPath()
                     : tr("Delete %1").arg(change.isFolder ? change.repoPath() + QLatin1Char('/') : change.repoPath());
    case SizeColumn:
        return isAdd ? formatBytes(change.size) : QString();
    case ProgressColumn:
        return QString(); // data() answers for adds, from ProgressRole
    case SpeedColumn:
        return isAdd && change.bytesPerSecond > 0
                   ? tr("%1/s").arg(formatBytes(qint64(change.bytesPerSecond)))
                   : QString();
    case StateColumn:
        return stateText(change.state);
    }
    return {};
}

QVariant UploadQueue::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_changes.size())
        return {};
    const StagedChange &change = m_changes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == ProgressColumn && change.kind == StagedChange::Kind::Add)
            return QStringLiteral("%1%").arg(this->data(index, ProgressRole).toInt());
        return displayData(change, index.column());
    case Qt::ToolTipRole:
        return change.kind == StagedChange::Kind::Add ? tr("%1\nfrom %2").arg(change.repoPath(), change.localPath)
                                                      : displayData(change, PathColumn);
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == SpeedColumn || index.column() == ProgressColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RepoPathRole:
        return change.repoPath();
    case KindRole:
        return int(change.kind);
    case StateRole:
        return int(change.state);
    case ProgressRole:
        if (change.kind != StagedChange::Kind::Add)
            return -1;
        if (change.state == StagedChange::State::Done)
            return 100;
        return change.size > 0 ? int(change.done * 100 / change.size)
                               : (change.state == StagedChange::State::Uploading ? 100 : 0);
    }
    return {};
}

QVariant UploadQueue::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn:
        return tr("Repository Path");
    case SizeColumn:
        return tr("Size");
    case ProgressColumn:
        return tr("Progress");
    case SpeedColumn:
        return tr("Speed");
    case StateColumn:
        return tr("State");
    }
    return {};
}

} // namespace hubvault::app
