#pragma once
// Where the repository's bytes go: the storage overview's sections as a bar chart and a
// table, the totals and reclaimable space, the core's recommendations, and the dedup
// ratio of the default branch, and where the packs are (ObjectStorageSection). Everything is
// read on a worker.

#include <hubvault/Models.h>
#include "async/LatestLoad.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QString>
#include <QWidget>

class QFormLayout;
class QLabel;
class QTableView;

namespace hubvault::app {

class ObjectStorageSection;
class StorageChart;

/** What the storage page shows, read by StoragePage::load(). */
struct StorageFigures {
    QString repoPath;
    StorageOverview overview;
    QString defaultBranch;
    bool hasHead = false;          ///< the default branch has a commit
    qint64 liveFiles = 0;          ///< files at the head of the default branch
    qint64 logicalBytes = 0;       ///< sum of their sizes
    qint64 storedBlobBytes = 0;    ///< section objects.blobs.data: whole-file blobs on disk
    qint64 storedPackBytes = 0;    ///< section chunks.packs: chunk packs on disk
    qint64 storedContentBytes = 0; ///< the two together: file content on disk, every version kept
    /** logicalBytes / storedContentBytes; 0 when nothing is stored. */
    double dedupRatio() const { return storedContentBytes > 0 ? double(logicalBytes) / double(storedContentBytes) : 0.0; }
    qint64 reclaimableTotal() const
    {
        return overview.reclaimableGcSize + overview.reclaimableCacheSize + overview.reclaimableTemporarySize;
    }
};

/** The sections of a storage overview, one per row. */
class StorageSectionsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, PathColumn, SizeColumn, FilesColumn, ReclaimableColumn, StrategyColumn, NotesColumn, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole + 1; ///< bytes / counts / the core's strings

    explicit StorageSectionsModel(QObject *parent = nullptr);
    void setSections(const QList<StorageSectionInfo> &sections);
    const QList<StorageSectionInfo> &sections() const { return m_sections; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<StorageSectionInfo> m_sections;
};

class StoragePage : public QWidget {
    Q_OBJECT
public:
    explicit StoragePage(QWidget *parent = nullptr);

    void setRepository(const QString &repoPath);
    /** Reads the overview again (after gc, a commit, ...). */
    void reload();

    bool isLoading() const { return m_loading; }
    const StorageFigures &figures() const { return m_figures; }
    StorageChart *chart() const { return m_chart; }
    StorageSectionsModel *sectionsModel() const { return m_model; }
    QTableView *sectionsView() const { return m_table; }
    ObjectStorageSection *objectStorage() const { return m_objectStorage; }
    /** Text of a summary figure: "total", "reachable", "historical", "gc", "cache", "temporary", "reclaimable", "dedup". */
    QString figureText(const QString &key) const;
    QString recommendationsText() const;

    /** The blocking work, public so tests can compare with it. Throws core errors. */
    static StorageFigures load(const QString &repoPath, const TaskControl &task = {});
    /** "2.35×" or "n/a". */
    static QString formatRatio(double ratio);

Q_SIGNALS:
    void loaded();
    void errorOccurred(const QString &title, const QString &message);
    /** Packs moved to or from a bucket: other pages' disk figures are out of date. */
    void storageChanged();

private:
    void reloadFigures();
    void apply(const StorageFigures &figures);
    QLabel *addFigure(QFormLayout *form, const QString &key, const QString &caption, const QString &toolTip);

    StorageChart *m_chart;
    ObjectStorageSection *m_objectStorage;
    StorageSectionsModel *m_model;
    QTableView *m_table;
    QLabel *m_recommendations;
    QLabel *m_dedupExplanation;
    QHash<QString, QLabel *> m_values;
    StorageFigures m_figures;
    QString m_repoPath;
    LatestLoad m_load;
    bool m_loading = false;
};

} // namespace hubvault::app
