#include "pages/StoragePage.h"
#include "pages/FigureRow.h"
#include "shell/Formatting.h"

#include <hubvault/Repository.h>
#include "async/PageLoad.h"
#include "pages/ObjectStorageSection.h"
#include "shell/OpenRepositories.h"
#include "pages/SharedStorageOverview.h"
#include "pages/StorageChart.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace hubvault::app {

namespace {


const QLatin1String kBlobData("objects.blobs.data");
const QLatin1String kChunkPacks("chunks.packs");

} // namespace

// ---------------------------------------------------------------------------------------

StorageSectionsModel::StorageSectionsModel(QObject *parent) : QAbstractTableModel(parent) {}

void StorageSectionsModel::setSections(const QList<StorageSectionInfo> &sections)
{
    beginResetModel();
    m_sections = sections;
    endResetModel();
}

int StorageSectionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sections.size());
}

int StorageSectionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StorageSectionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StorageSectionInfo &s = m_sections.at(index.row());
    if (role == RawValueRole) {
        switch (index.column()) {
        case NameColumn:
            return s.name;
        case PathColumn:
            return s.path;
        case SizeColumn:
            return s.totalSize;
        case FilesColumn:
            return s.fileCount;
        case ReclaimableColumn:
            return s.reclaimableSize;
        case StrategyColumn:
            return wireName(s.reclaimStrategy);
        case NotesColumn:
            return s.notes;
        }
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn:
            return s.name;
        case PathColumn:
            return s.path;
        case SizeColumn:
            return formatBytes(s.totalSize);
        case FilesColumn:
            return QLocale().toString(s.fileCount);
        case ReclaimableColumn:
            return formatBytes(s.reclaimableSize);
        case StrategyColumn:
            return wireName(s.reclaimStrategy);
        case NotesColumn:
            return s.notes;
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case SizeColumn:
            return tr("%1 bytes").arg(QLocale().toString(s.totalSize));
        case ReclaimableColumn:
            return tr("%1 bytes").arg(QLocale().toString(s.reclaimableSize));
        case StrategyColumn:
            if (s.reclaimStrategy == ReclaimStrategy::Keep)
                return tr("Needed by the repository; never reclaimed.");
            if (s.reclaimStrategy == ReclaimStrategy::Gc)
                return tr("Reclaimed by garbage collection (gc).");
            if (s.reclaimStrategy == ReclaimStrategy::PruneCache)
                return tr("Reclaimed by gc with cache pruning; views are rebuilt on demand.");
            if (s.reclaimStrategy == ReclaimStrategy::ManualReview)
                return tr("Inspect before removing anything by hand.");
            return {};
        default:
            return s.notes;
        }
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case SizeColumn:
        case FilesColumn:
        case ReclaimableColumn:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
    }
    return {};
}

QVariant StorageSectionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Section");
    case PathColumn:
        return tr("Path");
    case SizeColumn:
        return tr("Size");
    case FilesColumn:
        return tr("Files");
    case ReclaimableColumn:
        return tr("Reclaimable");
    case StrategyColumn:
        return tr("Strategy");
    case NotesColumn:
        return tr("Notes");
    }
    return {};
}

// ---------------------------------------------------------------------------------------

StoragePage::StoragePage(QWidget *parent)
    : QWidget(parent),
      m_chart(new StorageChart),
      m_objectStorage(new ObjectStorageSection),
      m_model(new StorageSectionsModel(this)),
      m_table(new QTableView(this)),
      m_recommendations(new QLabel),
      m_dedupExplanation(new QLabel)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    auto *columns = new QHBoxLayout;
    auto *sizes = new QFormLayout;
    auto *reclaim = new QFormLayout;
    addFigure(sizes, QStringLiteral("total"), tr("On disk:"), tr("Bytes the repository directory takes on disk"));
    addFigure(sizes, QStringLiteral("reachable"), tr("Reachable:"),
              tr("Metadata plus the objects and chunks that branches and tags can still reach"));
    addFigure(sizes, QStringLiteral("historical"), tr("Kept for history:"),
              tr("Reachable only through older commits; squashing history and then gc frees it"));
    addFigure(sizes, QStringLiteral("dedup"), tr("Dedup ratio:"), QString());
    addFigure(reclaim, QStringLiteral("gc"), tr("Reclaimable by gc:"), tr("Unreachable objects and stale chunk storage"));
    addFigure(reclaim, QStringLiteral("cache"), tr("Reclaimable cache:"),
              tr("Managed detached views under cache/, rebuilt on demand"));
    addFigure(reclaim, QStringLiteral("temporary"), tr("Reclaimable temporary:"), tr("Quarantined files awaiting deletion"));
    addFigure(reclaim, QStringLiteral("reclaimable"), tr("Reclaimable in total:"),
              tr("gc + cache + temporary"));
    columns->addLayout(sizes);
    columns->addSpacing(24);
    columns->addLayout(reclaim);
    columns->addSpacing(24);
    // Beside the figures, where it is seen without scrolling past the chart.
    columns->addWidget(m_objectStorage, 1, Qt::AlignTop);
    topLayout->addLayout(columns);
    m_dedupExplanation->setWordWrap(true);
    m_dedupExplanation->setForegroundRole(QPalette::PlaceholderText);
    topLayout->addWidget(m_dedupExplanation);
    m_recommendations->setWordWrap(true);
    m_recommendations->setTextFormat(Qt::RichText);
    topLayout->addWidget(m_recommendations);
    topLayout->addWidget(m_chart);
    topLayout->addStretch(1);
    connect(m_objectStorage, &ObjectStorageSection::errorOccurred, this, &StoragePage::errorOccurred);
    connect(m_objectStorage, &ObjectStorageSection::storageChanged, this, [this] {
        reloadFigures();
        Q_EMIT storageChanged();
    });

    auto *scroll = new QScrollArea;
    scroll->setWidget(top);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Storage sections"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(scroll);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split);
    apply({});
}

QLabel *StoragePage::addFigure(QFormLayout *form, const QString &key, const QString &caption, const QString &toolTip)
{
    QLabel *value = addFigureRow(form, caption, toolTip);
    m_values.insert(key, value);
    return value;
}

QString StoragePage::figureText(const QString &key) const
{
    const QLabel *label = m_values.value(key);
    return label ? label->text() : QString();
}

QString StoragePage::recommendationsText() const
{
    return m_recommendations->text();
}

QString StoragePage::formatRatio(double ratio)
{
    if (ratio <= 0)
        return tr("n/a");
    return tr("%1×").arg(QLocale().toString(ratio, 'f', 2));
}

void StoragePage::setRepository(const QString &repoPath)
{
    m_repoPath = repoPath;
    reload();
}

StorageFigures StoragePage::load(const QString &repoPath, const TaskControl &task)
{
    const std::shared_ptr<Repository> sharedRepo = repositories::shared(repoPath);
    const Repository &repo = *sharedRepo;
    StorageFigures f;
    f.repoPath = repoPath;
    f.overview = SharedStorageOverview::load(repoPath, task);
    f.defaultBranch = repo.defaultBranch();
    for (const StorageSectionInfo &s : std::as_const(f.overview.sections)) {
        if (s.name == kBlobData)
            f.storedBlobBytes += s.totalSize;
        else if (s.name == kChunkPacks)
            f.storedPackBytes += s.totalSize;
    }
    f.storedContentBytes = f.storedBlobBytes + f.storedPackBytes;
    const GitRefs refs = repo.listRepoRefs();
    const bool branchExists = std::any_of(refs.branches.cbegin(), refs.branches.cend(),
                                          [&](const GitRefInfo &b) { return b.name == f.defaultBranch; });
    f.hasHead = branchExists && repo.resolveRevision(f.defaultBranch).has_value();
    if (f.hasHead) {
        for (const RepoEntry &entry : repo.listRepoTree({}, /*recursive=*/true, f.defaultBranch, /*withLastCommits=*/false)) {
            if (entry.isFolder)
                continue;
            ++f.liveFiles;
            f.logicalBytes += entry.file.size;
        }
    }
    return f;
}

void StoragePage::reload()
{
    m_objectStorage->setRepository(m_repoPath);
    reloadFigures();
}

void StoragePage::reloadFigures()
{
    loadLatest<StorageFigures>(
        this, m_load, m_loading, m_repoPath.isEmpty(),
        [repoPath = m_repoPath](const TaskControl &task) { return load(repoPath, task); },
        [this](const StorageFigures &figures) { apply(figures); }, tr("Cannot Show Storage"));
}

void StoragePage::apply(const StorageFigures &f)
{
    m_figures = f;
    const StorageOverview &o = f.overview;
    const bool empty = f.repoPath.isEmpty();
    auto set = [&](const char *key, const QString &text) {
        m_values.value(QLatin1String(key))->setText(empty ? QStringLiteral("–") : text);
    };
    set("total", formatBytes(o.totalSize));
    set("reachable", formatBytes(o.reachableSize));
    set("historical", formatBytes(o.historicalRetainedSize));
    set("gc", formatBytes(o.reclaimableGcSize));
    set("cache", formatBytes(o.reclaimableCacheSize));
    set("temporary", formatBytes(o.reclaimableTemporarySize));
    set("reclaimable", formatBytes(f.reclaimableTotal()));
    set("dedup", formatRatio(f.dedupRatio()));

    if (empty) {
        m_dedupExplanation->clear();
    } else if (!f.hasHead) {
        m_dedupExplanation->setText(tr("The default branch “%1” has no commits, so there is no dedup ratio.").arg(f.defaultBranch));
    } else {
        m_dedupExplanation->setText(
            tr("Dedup ratio = logical size of the files at the head of “%1” (%2 files, %3) ÷ file content stored "
               "on disk (%4: whole-file blobs %5 + chunk packs %6), which holds every version still kept, not only "
               "the head. Above 1× means identical files and chunks are stored once; below 1× means older versions "
               "or data awaiting gc take more room than the head. Metadata is not counted.")
                .arg(f.defaultBranch, QLocale().toString(f.liveFiles), formatBytes(f.logicalBytes),
                     formatBytes(f.storedContentBytes), formatBytes(f.storedBlobBytes), formatBytes(f.storedPackBytes)));
    }
    m_values.value(QStringLiteral("dedup"))->setToolTip(m_dedupExplanation->text());

    if (o.recommendations.isEmpty()) {
        m_recommendations->setText(empty ? QString() : tr("No recommendations: nothing to reclaim."));
    } else {
        QString html = QStringLiteral("<b>%1</b><ul style='margin-top:2px'>").arg(tr("Recommendations").toHtmlEscaped());
        for (const QString &r : o.recommendations)
            html += QStringLiteral("<li>%1</li>").arg(r.toHtmlEscaped());
        m_recommendations->setText(html + QStringLiteral("</ul>"));
    }
    m_chart->setSections(o.sections);
    m_model->setSections(o.sections);
    m_table->resizeColumnsToContents();
}

} // namespace hubvault::app
