#include "files/FileTreeModel.h"
#include "shell/Formatting.h"

#include <hubvault/Repository.h>
#include "async/BackgroundCall.h"
#include "shell/OpenRepositories.h"

#include <QFileIconProvider>
#include <QHash>
#include <QGuiApplication>
#include <QLocale>
#include <QMimeData>
#include <QPalette>
#include <QUrl>
#include <algorithm>
#include <vector>

namespace hubvault::app {

namespace {
// Twelve hex digits tell entries apart at a glance; the tooltip carries the full digest.
constexpr int kShortIdLength = 12;

QString lastComponent(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? path : path.mid(slash + 1);
}

FileTreeEntry toEntry(const RepoEntry &e)
{
    FileTreeEntry out;
    out.path = e.path();
    out.name = lastComponent(out.path);
    out.isFolder = e.isFolder;
    const std::optional<LastCommitInfo> &last = e.isFolder ? e.folder.lastCommit : e.file.lastCommit;
    if (last) {
        out.lastCommitId = last->oid;
        out.lastCommitTitle = last->title;
        out.lastCommitDate = last->date;
    }
    if (e.isFolder) {
        out.oid = e.folder.treeId;
    } else {
        out.size = e.file.size;
        out.chunked = e.file.lfs.has_value();
        out.sha256 = e.file.sha256;
        out.oid = e.file.oid;
    }
    return out;
}
} // namespace

struct FileTreeModel::Node {
    FileTreeEntry entry;
    Node *parent = nullptr;
    int row = 0;
    LoadState state = LoadState::NotLoaded;
    std::vector<std::unique_ptr<Node>> children;
};

FileTreeModel::FileTreeModel(QObject *parent) : QAbstractItemModel(parent)
{
    reset();
}

FileTreeModel::~FileTreeModel() = default;

void FileTreeModel::setRepository(const QString &repoPath, const QString &revision)
{
    beginResetModel();
    m_repoPath = repoPath;
    m_revision = revision;
    reset();
    endResetModel();
    if (!m_repoPath.isEmpty())
        startListing(m_root.get());
}

void FileTreeModel::setRevision(const QString &revision)
{
    setRepository(m_repoPath, revision);
}

void FileTreeModel::clear()
{
    setRepository({}, {});
}

void FileTreeModel::reset()
{
    ++m_generation;
    m_root = std::make_unique<Node>();
    m_root->entry.isFolder = true;
    if (m_repoPath.isEmpty())
        m_root->state = LoadState::Loaded; // nothing to list
}

QList<FileTreeEntry> FileTreeModel::readFolder(const QString &repoPath, const QString &revision, const QString &folder,
                                               bool withLastCommits)
{
    const std::shared_ptr<Repository> sharedRepo = repositories::shared(repoPath);
    const Repository &repo = *sharedRepo;
    QList<FileTreeEntry> out;
    for (const RepoEntry &e : repo.listRepoTree(folder, /*recursive=*/false, revision, withLastCommits))
        out.append(toEntry(e));
    // Folders first, each group in the repository's own (git tree) order.
    std::stable_partition(out.begin(), out.end(), [](const FileTreeEntry &e) { return e.isFolder; });
    return out;
}

FileTreeModel::Node *FileTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex FileTreeModel::indexOf(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

FileTreeModel::Node *FileTreeModel::findLoaded(const QString &path) const
{
    Node *node = m_root.get();
    if (path.isEmpty())
        return node;
    QString sofar;
    for (const QString &part : path.split(QLatin1Char('/'))) {
        sofar = sofar.isEmpty() ? part : sofar + QLatin1Char('/') + part;
        const auto it = std::find_if(node->children.cbegin(), node->children.cend(),
                                     [&](const std::unique_ptr<Node> &c) { return c->entry.path == sofar; });
        if (it == node->children.cend())
            return nullptr;
        node = it->get();
    }
    return node;
}

FileTreeEntry FileTreeModel::entry(const QModelIndex &index) const
{
    return nodeFor(index)->entry;
}

QModelIndex FileTreeModel::indexForPath(const QString &path, int column) const
{
    return indexOf(findLoaded(path), column);
}

FileTreeModel::LoadState FileTreeModel::loadState(const QModelIndex &folder) const
{
    return nodeFor(folder)->state;
}

void FileTreeModel::startListing(Node *folder)
{
    folder->state = LoadState::Loading;
    const QString path = folder->entry.path;
    const quint64 generation = m_generation;
    setPending(+1);
    background::run(
        this, [repoPath = m_repoPath, revision = m_revision, path] { return readFolder(repoPath, revision, path, false); },
        [this, generation, path](const background::Outcome<QList<FileTreeEntry>> &outcome) {
            if (generation == m_generation) { // else: a revision that is no longer shown
                if (outcome.ok()) {
                    applyListing(path, *outcome.value);
                    startLastCommits(path);
                } else {
                    failListing(path, outcome.failure.message);
                }
            }
            setPending(-1);
        });
}

void FileTreeModel::startLastCommits(const QString &folder)
{
    const quint64 generation = m_generation;
    setPending(+1);
    background::run(
        this, [repoPath = m_repoPath, revision = m_revision, folder] { return readFolder(repoPath, revision, folder, true); },
        [this, generation, folder](const background::Outcome<QList<FileTreeEntry>> &outcome) {
            if (generation == m_generation) {
                // The listing itself succeeded: a failure here only leaves the column empty.
                if (outcome.ok())
                    applyLastCommits(folder, *outcome.value);
                else
                    Q_EMIT lastCommitsFailed(folder, outcome.failure.message);
            }
            setPending(-1);
        });
}

void FileTreeModel::applyLastCommits(const QString &folder, const QList<FileTreeEntry> &entries)
{
    Node *node = findLoaded(folder);
    if (!node || node->state != LoadState::Loaded)
        return;
    QHash<QString, const FileTreeEntry *> byPath;
    for (const FileTreeEntry &e : entries)
        byPath.insert(e.path, &e);
    for (const auto &child : node->children) {
        if (const FileTreeEntry *e = byPath.value(child->entry.path)) {
            child->entry.lastCommitId = e->lastCommitId;
            child->entry.lastCommitTitle = e->lastCommitTitle;
            child->entry.lastCommitDate = e->lastCommitDate;
        }
    }
    if (!node->children.empty()) {
        // The roles are served on every column, so every column changed.
        Q_EMIT dataChanged(index(0, 0, indexOf(node)),
                           index(int(node->children.size()) - 1, ColumnCount - 1, indexOf(node)));
    }
    Q_EMIT lastCommitsLoaded(folder);
}

void FileTreeModel::applyListing(const QString &folder, const QList<FileTreeEntry> &entries)
{
    Node *node = findLoaded(folder);
    if (!node || node->state != LoadState::Loading)
        return;
    const QModelIndex parentIndex = indexOf(node);
    if (!entries.isEmpty())
        beginInsertRows(parentIndex, 0, int(entries.size()) - 1);
    node->children.reserve(entries.size());
    for (const FileTreeEntry &e : entries) {
        auto child = std::make_unique<Node>();
        child->entry = e;
        child->parent = node;
        child->row = int(node->children.size());
        if (!e.isFolder)
            child->state = LoadState::Loaded;
        node->children.push_back(std::move(child));
    }
    node->state = LoadState::Loaded;
    if (!entries.isEmpty())
        endInsertRows();
    else if (parentIndex.isValid())
        Q_EMIT dataChanged(parentIndex, parentIndex); // an empty folder loses its expand arrow
    Q_EMIT folderLoaded(folder);
}

void FileTreeModel::failListing(const QString &folder, const QString &message)
{
    Node *node = findLoaded(folder);
    if (!node)
        return;
    node->state = LoadState::Failed;
    const QModelIndex index = indexOf(node);
    if (index.isValid())
        Q_EMIT dataChanged(index, indexOf(node, ColumnCount - 1));
    Q_EMIT folderLoadFailed(folder, message);
}

void FileTreeModel::setPending(int delta)
{
    const bool was = isLoading();
    m_pending += delta;
    if (was != isLoading())
        Q_EMIT loadingChanged(isLoading());
}

QModelIndex FileTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const Node *p = nodeFor(parent);
    if (row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex FileTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeFor(child)->parent);
}

int FileTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int FileTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool FileTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *node = nodeFor(parent);
    if (!node->entry.isFolder)
        return false;
    // Git trees have no empty folders, but say so only once the listing proved it.
    return node->state != LoadState::Loaded || !node->children.empty();
}

bool FileTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *node = nodeFor(parent);
    return node->entry.isFolder && node->state == LoadState::NotLoaded && !m_repoPath.isEmpty();
}

void FileTreeModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        startListing(nodeFor(parent));
}

Qt::ItemFlags FileTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled; // the root folder
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!nodeFor(index)->entry.isFolder)
        f |= Qt::ItemNeverHasChildren;
    else
        f |= Qt::ItemIsDropEnabled;
    return f;
}

QStringList FileTreeModel::mimeTypes() const
{
    return {QStringLiteral("text/uri-list")};
}

bool FileTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction, int, int, const QModelIndex &parent)
{
    // On a folder the drop goes into it; between rows, into the folder holding them.
    QStringList paths;
    for (const QUrl &url : data->urls())
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    if (paths.isEmpty())
        return false;
    Q_EMIT localFilesDropped(paths, parent.isValid() ? entry(parent).path : QString());
    return true;
}

QVariant FileTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeFor(index);
    const FileTreeEntry &e = node->entry;

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return e.name;
        case SizeColumn:
            return e.isFolder ? QString() : formatBytes(e.size);
        case StorageColumn:
            return e.isFolder ? QString() : e.chunked ? tr("chunked") : tr("whole");
        case Sha256Column:
            return e.isFolder ? QString() : e.sha256.left(kShortIdLength);
        case LastCommitColumn:
            if (e.lastCommitTitle.isEmpty() && !e.lastCommitDate.isValid())
                return QString();
            return tr("%1 · %2").arg(e.lastCommitTitle,
                                     QLocale().toString(e.lastCommitDate.toLocalTime(), QLocale::ShortFormat));
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn:
            if (node->state == LoadState::Failed)
                return tr("%1\nThis folder could not be listed.").arg(e.path);
            return e.path;
        case SizeColumn:
            return e.isFolder ? QVariant() : tr("%1 bytes").arg(QLocale().toString(e.size));
        case StorageColumn:
            if (e.isFolder)
                return {};
            return e.chunked ? tr("Stored as content-defined chunks in packs") : tr("Stored as one whole blob");
        case Sha256Column:
            return e.isFolder ? tr("Tree id: %1").arg(e.oid) : tr("SHA-256: %1\nGit blob id: %2").arg(e.sha256, e.oid);
        case LastCommitColumn:
            if (e.lastCommitId.isEmpty())
                return {};
            return tr("%1\n%2\nCommit %3")
                .arg(e.lastCommitTitle, QLocale().toString(e.lastCommitDate.toLocalTime(), QLocale::LongFormat),
                     e.lastCommitId);
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == NameColumn) {
            static const QFileIconProvider icons;
            return icons.icon(e.isFolder ? QAbstractFileIconProvider::Folder : QAbstractFileIconProvider::File);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Sha256Column || index.column() == LastCommitColumn || node->state == LoadState::Failed)
            return QGuiApplication::palette().brush(QPalette::PlaceholderText);
        return {};
    case PathRole:
        return e.path;
    case NameRole:
        return e.name;
    case IsFolderRole:
        return e.isFolder;
    case SizeRole:
        return e.size;
    case IsChunkedRole:
        return e.chunked;
    case Sha256Role:
        return e.sha256;
    case OidRole:
        return e.oid;
    case LastCommitIdRole:
        return e.lastCommitId;
    case LastCommitTitleRole:
        return e.lastCommitTitle;
    case LastCommitDateRole:
        return e.lastCommitDate;
    case LoadStateRole:
        return QVariant::fromValue(node->state);
    default:
        return {};
    }
}

QVariant FileTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case StorageColumn:
        return tr("Storage");
    case Sha256Column:
        return tr("SHA-256");
    case LastCommitColumn:
        return tr("Last commit");
    default:
        return {};
    }
}

} // namespace hubvault::app
