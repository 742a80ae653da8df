#pragma once
// The file tree of one revision, loaded lazily: a folder's entries are listed (one
// non-recursive Repository::listRepoTree call on a worker thread) only when a view expands
// it or someone calls fetchMore(). The model holds plain copies of the listing, never a
// Repository, so the GUI thread never waits on the disk.

#include <QAbstractItemModel>
#include <QDateTime>
#include <QList>
#include <QString>
#include <memory>

namespace hubvault::app {

/** One file or folder of a listing, as the tree shows it. */
struct FileTreeEntry {
    QString path; ///< full path in the repository ("docs/api/index.md")
    QString name; ///< last path component
    bool isFolder = false;
    qint64 size = 0;      ///< files only
    bool chunked = false; ///< files only: stored as content-defined chunks (has LFS info)
    QString sha256;       ///< files only: SHA-256 of the content
    QString oid;          ///< git blob id of a file, git tree id of a folder
    QString lastCommitId;
    QString lastCommitTitle;
    QDateTime lastCommitDate; ///< UTC; invalid when unknown
};

class FileTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, SizeColumn, StorageColumn, Sha256Column, LastCommitColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1,
        NameRole,
        IsFolderRole,
        SizeRole,      ///< qint64 bytes (files)
        IsChunkedRole, ///< bool (files)
        Sha256Role,    ///< full hex digest (files)
        OidRole,       ///< git blob id (files) or tree id (folders)
        LastCommitIdRole,
        LastCommitTitleRole,
        LastCommitDateRole, ///< QDateTime, UTC
        LoadStateRole,      ///< LoadState of a folder
    };
    enum class LoadState { NotLoaded, Loading, Loaded, Failed };
    Q_ENUM(LoadState)

    explicit FileTreeModel(QObject *parent = nullptr);
    ~FileTreeModel() override;

    /** Shows `revision` (empty = default branch) of the repository at `repoPath` and starts listing its root. */
    void setRepository(const QString &repoPath, const QString &revision = {});
    /** Shows another revision of the same repository; starts over from the root. */
    void setRevision(const QString &revision);
    void clear();

    QString repositoryPath() const { return m_repoPath; }
    QString revision() const { return m_revision; }

    /** The entry behind an index (a default entry for the root or an invalid index). */
    FileTreeEntry entry(const QModelIndex &index) const;
    /** Index of an already loaded path ("" = root = invalid index); invalid when not loaded. */
    QModelIndex indexForPath(const QString &path, int column = 0) const;
    LoadState loadState(const QModelIndex &folder) const;
    /** True while any folder listing is running. */
    bool isLoading() const { return m_pending > 0; }

    /**
     * The blocking listing behind fetchMore(), public so tests and tools can call it
     * directly. A folder is listed twice: first without last commits (immediate, so the
     * tree shows at once), then with them (a history walk, long on a deep history).
     */
    static QList<FileTreeEntry> readFolder(const QString &repoPath, const QString &revision, const QString &folder,
                                           bool withLastCommits = true);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Local files dropped on the tree are not inserted: they are handed on to be uploaded.
    QStringList mimeTypes() const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    /** Local files or folders were dropped on the tree, to go into `folder` ("" = root). */
    void localFilesDropped(const QStringList &localPaths, const QString &folder);
    /** The entries of `folderPath` ("" = root) were inserted. */
    void folderLoaded(const QString &folderPath);
    /** The "Last commit" column of a listed folder's children has been filled in. */
    void lastCommitsLoaded(const QString &folderPath);
    /** The last commits of a listed folder could not be found (the listing stays). */
    void lastCommitsFailed(const QString &folderPath, const QString &message);
    void folderLoadFailed(const QString &folderPath, const QString &message);
    void loadingChanged(bool loading);

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    Node *findLoaded(const QString &path) const;
    QModelIndex indexOf(const Node *node, int column = 0) const;
    void reset();
    void startListing(Node *folder);
    void startLastCommits(const QString &folder);
    void applyLastCommits(const QString &folder, const QList<FileTreeEntry> &entries);
    void applyListing(const QString &folder, const QList<FileTreeEntry> &entries);
    void failListing(const QString &folder, const QString &message);
    void setPending(int delta);

    std::unique_ptr<Node> m_root;
    QString m_repoPath;
    QString m_revision;
    quint64 m_generation = 0; ///< bumped on every reset; late listings of older ones are dropped
    int m_pending = 0;
};

} // namespace hubvault::app
