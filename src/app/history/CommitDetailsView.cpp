#include "history/CommitDetailsView.h"
#include "shell/Formatting.h"

#include <hubvault/Repository.h>
#include "async/BackgroundCall.h"
#include "history/CommitChangesModel.h"
#include "history/CommitGraphModel.h"
#include "files/FileTreeModel.h"
#include "shell/OpenRepositories.h"

#include <QFontDatabase>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace hubvault::app {

namespace {

const QString kCommitScheme = QStringLiteral("commit");

QString escaped(const QString &text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

} // namespace

CommitDetailsView::CommitDetailsView(QWidget *parent)
    : QWidget(parent), m_summary(new QTextBrowser(this)), m_changesView(new QTreeView(this)),
      m_changes(new CommitChangesModel(this)), m_changesProxy(new QSortFilterProxyModel(this)),
      m_changesLabel(new QLabel(this)), m_splitter(new QSplitter(Qt::Horizontal, this))
{
    m_summary->setObjectName(QStringLiteral("commitSummary"));
    m_changesView->setObjectName(QStringLiteral("commitChangesView"));
    m_changesLabel->setObjectName(QStringLiteral("commitChangesLabel"));
    m_summary->setOpenLinks(false);
    m_summary->setFrameShape(QFrame::NoFrame);
    m_summary->setPlaceholderText(tr("Select a commit to see its details."));
    connect(m_summary, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == kCommitScheme)
            Q_EMIT commitLinkActivated(url.path());
    });

    m_changesProxy->setSourceModel(m_changes);
    m_changesProxy->setSortRole(CommitChangesModel::SortRole);
    m_changesView->setModel(m_changesProxy);
    m_changesView->setRootIsDecorated(false);
    m_changesView->setUniformRowHeights(true);
    m_changesView->setAllColumnsShowFocus(true);
    m_changesView->setSortingEnabled(true);
    m_changesView->sortByColumn(CommitChangesModel::PathColumn, Qt::AscendingOrder);
    m_changesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_changesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(m_changesView, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString path = index.siblingAtColumn(0).data(CommitChangesModel::PathRole).toString();
        if (!path.isEmpty() && !m_commitId.isEmpty())
            Q_EMIT fileActivated(m_commitId, path);
    });
    m_changesView->setFrameShape(QFrame::NoFrame);
    QHeaderView *header = m_changesView->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(CommitChangesModel::PathColumn, QHeaderView::Stretch);
    for (int column = CommitChangesModel::ChangeColumn; column < CommitChangesModel::ColumnCount; ++column)
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);

    auto *changesBox = new QWidget(this);
    auto *changesLayout = new QVBoxLayout(changesBox);
    changesLayout->setContentsMargins(0, 0, 0, 0);
    changesLayout->setSpacing(2);
    m_changesLabel->setContentsMargins(4, 2, 4, 0);
    changesLayout->addWidget(m_changesLabel);
    changesLayout->addWidget(m_changesView, 1);

    m_splitter->setObjectName(QStringLiteral("commitDetailsSplitter"));
    m_splitter->addWidget(m_summary);
    m_splitter->addWidget(changesBox);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
    showCommit({});
}

QString CommitDetailsView::commitLink(const QString &commitId)
{
    return kCommitScheme + QLatin1Char(':') + commitId;
}

void CommitDetailsView::setRepository(const QString &repoPath)
{
    m_repoPath = repoPath;
    showCommit({});
}

void CommitDetailsView::showCommit(const QString &commitId)
{
    if (commitId == m_commitId && !commitId.isEmpty() && (m_loading || !m_detail.commit.commitId.isEmpty()))
        return;
    const quint64 serial = ++m_serial;
    m_commitId = commitId;
    m_detail = {};
    m_node = {};
    m_storage.reset();
    m_storageError.clear();
    m_changes->clear();
    if (commitId.isEmpty() || m_repoPath.isEmpty()) {
        m_loading = false;
        m_summary->clear();
        m_changesLabel->setText(tr("Changed files"));
        return;
    }
    m_loading = true;
    showMessage(tr("Loading commit %1…").arg(commitId.left(7)));
    const QString repoPath = m_repoPath;
    // Sizes and ids only: diff text is not shown here, so no content is read.
    background::run(
        this,
        [repoPath, commitId] {
            const std::shared_ptr<Repository> sharedRepo = repositories::shared(repoPath);
            const Repository &repo = *sharedRepo;
            return std::make_pair(repo.getCommitDetail(commitId, 0, 0), repo.readCommitGraph({commitId}).first());
        },
        [this, serial, commitId](const background::Outcome<std::pair<CommitDetailInfo, CommitGraphNode>> &result) {
            if (serial != m_serial)
                return;
            if (result.ok()) {
                m_detail = result.value->first;
                m_node = result.value->second;
                m_changes->setChanges(m_detail.changes);
                render();
                loadStorage(serial);
            } else {
                m_loading = false;
                showMessage(tr("Cannot read commit %1: %2").arg(commitId.left(7), result.failure.message));
            }
            Q_EMIT commitShown(commitId);
        }, background::historyThreadPool());
}

void CommitDetailsView::loadStorage(quint64 serial)
{
    // Comparing with every piece the parents store reads their whole file lists, so this
    // comes second: the commit is already on screen meanwhile.
    background::run(
        this, [repoPath = m_repoPath, objectId = m_node.objectId] {
            return repositories::shared(repoPath)->commitStorageDelta(objectId);
        },
        [this, serial](const background::Outcome<CommitStorageDelta> &result) {
            if (serial != m_serial)
                return;
            m_loading = false;
            if (result.ok()) {
                m_storage = *result.value;
                m_changes->setStorage(*m_storage);
            } else {
                m_storageError = result.failure.message;
            }
            render(); // the detail itself is right even when the figures failed
            Q_EMIT storageShown(m_commitId);
        }, background::historyThreadPool());
}

void CommitDetailsView::showMessage(const QString &text)
{
    m_summary->setHtml(QStringLiteral("<p>%1</p>").arg(escaped(text)));
    m_changesLabel->setText(tr("Changed files"));
}

QString CommitDetailsView::commitLine(const QString &commitId) const
{
    QString line = QStringLiteral("<a href=\"%1\"><code>%2</code></a>")
                       .arg(commitLink(commitId).toHtmlEscaped(), commitId.left(7));
    if (m_graph) {
        const int row = m_graph->rowOfCommit(commitId);
        if (row >= 0)
            line += QStringLiteral("&nbsp;&nbsp;") + m_graph->record(row).title.toHtmlEscaped();
    }
    return line;
}

void CommitDetailsView::render()
{
    const GitCommitInfo &c = m_detail.commit;
    const QString muted = palette().color(QPalette::PlaceholderText).name();
    auto row = [&](const QString &key, const QString &value) {
        return QStringLiteral("<tr><td style=\"color:%1; padding-right:12px\" valign=\"top\">%2</td><td>%3</td></tr>")
            .arg(muted, key.toHtmlEscaped(), value);
    };

    QString html = QStringLiteral("<p style=\"font-size:large\"><b>%1</b></p>").arg(c.title.toHtmlEscaped());
    if (!c.message.trimmed().isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(escaped(c.message.trimmed()));
    html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    html += row(tr("Commit"), QStringLiteral("<code>%1</code>").arg(c.commitId.toHtmlEscaped()));
    if (!m_node.objectId.isEmpty()) {
        html += row(tr("Internal id"), QStringLiteral("<code>%1</code>").arg(m_node.objectId.toHtmlEscaped()));
        html += row(tr("Tree"), QStringLiteral("<code>%1</code><br><code style=\"color:%2\">%3</code>")
                                    .arg(m_node.treeId.toHtmlEscaped(), muted, m_node.treeObjectId.toHtmlEscaped()));
    }
    const QDateTime local = c.createdAt.toLocalTime();
    QString date = QLocale().toString(local, QLocale::LongFormat).toHtmlEscaped();
    if (local.offsetFromUtc() != 0) // the stored time is UTC; show it when it differs
        date += QStringLiteral(" <span style=\"color:%1\">(%2)</span>").arg(muted, c.createdAt.toUTC().toString(Qt::ISODate));
    html += row(tr("Date"), date);
    if (m_graph) {
        QStringList refs;
        for (const RefBadge &b : m_graph->badgesOf(c.commitId)) {
            QString text = b.name.toHtmlEscaped();
            if (b.kind == RefBadge::Tag)
                text = tr("tag %1").arg(text);
            if (b.isDefault)
                text = QStringLiteral("<b>%1</b> ").arg(text) + tr("(default branch)");
            refs.append(text);
        }
        if (!refs.isEmpty())
            html += row(tr("Refs"), refs.join(QStringLiteral(", ")));
    }
    QStringList parents;
    for (const QString &parent : m_detail.parentCommitIds)
        parents.append(commitLine(parent));
    html += row(m_detail.parentCommitIds.size() > 1 ? tr("Parents") : tr("Parent"),
                parents.isEmpty() ? tr("None (first commit)") : parents.join(QStringLiteral("<br>")));
    if (m_graph) {
        QStringList children;
        for (const QString &child : m_graph->childrenOf(c.commitId))
            children.append(commitLine(child));
        if (!children.isEmpty())
            html += row(children.size() > 1 ? tr("Children") : tr("Child"), children.join(QStringLiteral("<br>")));
    }

    int added = 0, modified = 0, deleted = 0, copied = 0, renamed = 0;
    qint64 bytesIn = 0, bytesOut = 0;
    QHash<QString, ChangeKind> storedType;
    if (m_storage) {
        for (const CommitFileStorageDelta &f : m_storage->files)
            storedType.insert(f.path, f.changeType);
    }
    for (const CommitChangeInfo &change : m_detail.changes) {
        const ChangeKind type = storedType.value(change.path, change.changeType);
        if (type == ChangeKind::Copied)
            ++copied;
        else if (type == ChangeKind::Renamed)
            ++renamed;
        else if (change.changeType == ChangeKind::Added)
            ++added;
        else if (change.changeType == ChangeKind::Deleted)
            ++deleted;
        else
            ++modified;
        if (change.newFile)
            bytesIn += change.newFile->size;
        if (change.oldFile)
            bytesOut += change.oldFile->size;
    }
    const int total = int(m_detail.changes.size());
    QString summary = total == 1 ? tr("1 file") : tr("%1 files").arg(QLocale().toString(total));
    QStringList kinds;
    if (added)
        kinds.append(tr("%1 added").arg(added));
    if (modified)
        kinds.append(tr("%1 modified").arg(modified));
    if (deleted)
        kinds.append(tr("%1 deleted").arg(deleted));
    if (copied)
        kinds.append(tr("%1 copied").arg(copied));
    if (renamed)
        kinds.append(tr("%1 renamed").arg(renamed));
    if (!kinds.isEmpty())
        summary += QStringLiteral(": ") + kinds.join(QStringLiteral(", "));
    html += row(tr("Changes"), summary.toHtmlEscaped());
    if (total > 0) {
        html += row(tr("Size"), tr("%1 before, %2 after (%3)")
                                    .arg(formatBytes(bytesOut), formatBytes(bytesIn),
                                         CommitChangesModel::formatDelta(bytesIn - bytesOut))
                                    .toHtmlEscaped());
        if (m_storage) {
            html += row(tr("Stored"), tr("%1 of new data after deduplication, for %2 of changed content")
                                          .arg(formatBytes(m_storage->addedStoredBytes),
                                               formatBytes(m_storage->logicalBytesChanged))
                                          .toHtmlEscaped());
        } else if (m_loading) {
            html += row(tr("Stored"), tr("computing…").toHtmlEscaped());
        } else if (!m_storageError.isEmpty()) {
            html += row(tr("Stored"), tr("could not be computed: %1").arg(m_storageError).toHtmlEscaped());
        }
    }
    html += QStringLiteral("</table>");
    if (m_detail.parentCommitIds.size() > 1 && m_detail.compareParentCommitId) {
        html += QStringLiteral("<p style=\"color:%1\">%2</p>")
                    .arg(muted, tr("Changes are shown against the first parent, %1.")
                                    .arg(m_detail.compareParentCommitId->left(7))
                                    .toHtmlEscaped());
    }
    m_summary->setHtml(html);
    m_changesLabel->setText(total == 0 ? tr("No files changed") : tr("Changed files (%1)").arg(QLocale().toString(total)));
}

} // namespace hubvault::app
