#include "diff/DiffDialog.h"
#include "shell/Formatting.h"

#include "diff/BinaryDiffView.h"
#include "diff/DiffImageView.h"
#include "diff/DiffSafetensorsView.h"
#include "diff/DiffTextView.h"
#include "files/FileTreeModel.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace hubvault::app {

namespace {

QString shortId(const QString &commit)
{
    return commit.isEmpty() ? DiffDialog::tr("(empty tree)") : commit.left(10);
}

QColor changeColour(DiffChange change)
{
    switch (change) {
    case DiffChange::Added:
        return QColor(40, 150, 60);
    case DiffChange::Deleted:
        return QColor(200, 40, 40);
    default:
        return QColor(190, 110, 0);
    }
}

QString fileSummary(const DiffFileEntry &e)
{
    const QString path = QStringLiteral("<b>%1</b>").arg(e.path.toHtmlEscaped());
    switch (e.change) {
    case DiffChange::Added:
        return DiffDialog::tr("%1 added (%2)").arg(path, formatBytes(e.newSize));
    case DiffChange::Deleted:
        return DiffDialog::tr("%1 deleted (%2)").arg(path, formatBytes(e.oldSize));
    default:
        return DiffDialog::tr("%1 modified (%2 → %3)")
            .arg(path, formatBytes(e.oldSize), formatBytes(e.newSize));
    }
}

QStandardItem *sizeItem(qint64 size)
{
    auto *item = new QStandardItem(size < 0 ? QString() : formatBytes(size));
    item->setData(size, Qt::UserRole + 2);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

DiffDialog::DiffDialog(const QString &repoPath, QWidget *parent) : QDialog(parent), m_repoPath(repoPath)
{
    setWindowTitle(tr("Compare Revisions"));
    setModal(false);
    setSizeGripEnabled(true);
    resize(1100, 700);

    m_header = new QLabel(this);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(160);
    m_busy->setTextVisible(false);
    m_busy->hide();

    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({tr("Path"), tr("Change"), tr("Before"), tr("After")});
    m_files = new QTreeView(this);
    m_files->setObjectName(QStringLiteral("diffFiles"));
    m_files->setModel(m_model);
    m_files->setRootIsDecorated(false);
    m_files->setUniformRowHeights(true);
    m_files->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_files->setSelectionMode(QAbstractItemView::SingleSelection);
    m_files->setTextElideMode(Qt::ElideMiddle);
    m_files->header()->setStretchLastSection(false);
    m_files->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_files->header()->setSectionResizeMode(PathColumn, QHeaderView::Stretch);
    connect(m_files->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DiffDialog::onCurrentFileChanged);

    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_text = new DiffTextView(this);
    m_image = new DiffImageView(this);
    m_tensors = new DiffSafetensorsView(this);
    m_binary = new BinaryDiffView(this);
    m_fileLabel = new QLabel(this);
    m_fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pages = new QStackedWidget(this);
    for (QWidget *page : {static_cast<QWidget *>(m_message), static_cast<QWidget *>(m_text),
                          static_cast<QWidget *>(m_image), static_cast<QWidget *>(m_tensors),
                          static_cast<QWidget *>(m_binary)})
        m_pages->addWidget(page);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_fileLabel);
    rightLayout->addWidget(m_pages, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_files);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({400, 700});

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *top = new QHBoxLayout;
    top->addWidget(m_header, 1);
    top->addWidget(m_busy);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    setProperty("busy", false);
    showMessage(tr("Nothing compared yet."));
}

DiffDialog::~DiffDialog()
{
    m_cancel.cancel(); // a running comparison stops at its next block
}

void DiffDialog::compare(const QString &oldRevision, const QString &newRevision, const QString &path)
{
    start(DiffRequest{m_repoPath, oldRevision, newRevision, false}, path);
    m_header->setText(tr("Comparing %1 → %2").arg(shortId(oldRevision), shortId(newRevision)));
}

void DiffDialog::compareWithParent(const QString &newRevision, const QString &path)
{
    start(DiffRequest{m_repoPath, {}, newRevision, true}, path);
    m_header->setText(tr("Comparing %1 with its parent").arg(shortId(newRevision)));
}

void DiffDialog::start(const DiffRequest &request, const QString &path)
{
    m_wantedPath = path;
    m_comparison = {};
    m_current.reset();
    m_model->removeRows(0, m_model->rowCount());
    m_fileLabel->clear();
    m_listing = true;
    showMessage(tr("Looking for differences…"));
    updateBusy();
    background::run(this, [request] { return DiffLoader::listChanges(request); },
                    [this](const background::Outcome<DiffComparison> &outcome) { onListed(outcome); });
}

void DiffDialog::onListed(const background::Outcome<DiffComparison> &outcome)
{
    m_listing = false;
    if (!outcome.ok()) {
        showMessage(tr("The revisions could not be compared: %1").arg(outcome.failure.message));
        updateBusy();
        Q_EMIT comparisonLoaded(outcome.failure.message);
        return;
    }
    m_comparison = *outcome.value;
    m_header->setText(tr("Comparing %1 → %2: %n file(s) differ", nullptr, int(m_comparison.files.size()))
                          .arg(shortId(m_comparison.oldCommit), shortId(m_comparison.newCommit)));
    fillFileList();
    if (m_comparison.files.isEmpty())
        showMessage(tr("The two revisions have the same files."));
    else
        showMessage(tr("Select a file to compare it."));
    selectInitialFile();
    updateBusy();
    Q_EMIT comparisonLoaded(QString());
}

void DiffDialog::fillFileList()
{
    for (const DiffFileEntry &e : m_comparison.files) {
        auto *path = new QStandardItem(e.path);
        path->setData(e.path, PathRole);
        path->setToolTip(e.path);
        auto *change = new QStandardItem(DiffLoader::changeName(e.change));
        change->setForeground(changeColour(e.change));
        m_model->appendRow({path, change, sizeItem(e.oldSize), sizeItem(e.newSize)});
    }
}

void DiffDialog::selectInitialFile()
{
    if (!m_wantedPath.isEmpty() && selectPath(m_wantedPath))
        return;
    for (const DiffFileEntry &e : m_comparison.files) {
        if (!m_preferredKind || DiffLoader::kindForName(e.path) == *m_preferredKind) {
            selectPath(e.path);
            return;
        }
    }
    if (!m_comparison.files.isEmpty())
        selectPath(m_comparison.files.constFirst().path);
}

bool DiffDialog::selectPath(const QString &path)
{
    const QModelIndexList hits = m_model->match(m_model->index(0, PathColumn), PathRole, path, 1, Qt::MatchExactly);
    if (hits.isEmpty())
        return false;
    m_files->setCurrentIndex(hits.constFirst());
    m_files->scrollTo(hits.constFirst());
    return true;
}

QString DiffDialog::currentPath() const
{
    return m_files->currentIndex().siblingAtColumn(PathColumn).data(PathRole).toString();
}

void DiffDialog::onCurrentFileChanged()
{
    const QString path = currentPath();
    for (const DiffFileEntry &e : m_comparison.files) {
        if (e.path == path) {
            loadFile(e);
            return;
        }
    }
}

void DiffDialog::loadFile(const DiffFileEntry &entry)
{
    m_cancel.cancel();
    m_cancel = CancelToken();
    const quint64 generation = ++m_generation;
    m_loadingFile = true;
    m_current.reset();
    m_fileLabel->setText(fileSummary(entry));
    showMessage(tr("Comparing %1…").arg(entry.path));
    updateBusy();
    TaskControl task;
    task.cancel = m_cancel;
    background::run(
        this,
        [repo = m_repoPath, oldCommit = m_comparison.oldCommit, newCommit = m_comparison.newCommit, entry, task] {
            return DiffLoader::loadFile(repo, oldCommit, newCommit, entry, task);
        },
        [this, generation](const background::Outcome<FileDiff> &outcome) { onFileLoaded(generation, outcome); });
}

void DiffDialog::onFileLoaded(quint64 generation, const background::Outcome<FileDiff> &outcome)
{
    if (generation != m_generation)
        return; // another file was selected meanwhile
    m_loadingFile = false;
    if (!outcome.ok()) {
        showMessage(tr("The file could not be compared: %1").arg(outcome.failure.message));
        updateBusy();
        Q_EMIT fileLoaded(currentPath(), outcome.failure.message);
        return;
    }
    m_current = *outcome.value;
    switch (m_current->kind) {
    case DiffViewKind::Text:
        m_text->setDiff(m_current->text);
        setPage(Page::Text);
        break;
    case DiffViewKind::Image:
        m_image->setDiff(*m_current);
        setPage(Page::Image);
        break;
    case DiffViewKind::Safetensors:
        m_tensors->setDiff(m_current->tensors);
        setPage(Page::Safetensors);
        break;
    case DiffViewKind::Binary:
        m_binary->setDiff(*m_current);
        setPage(Page::Binary);
        break;
    }
    updateBusy();
    Q_EMIT fileLoaded(m_current->entry.path, QString());
}

void DiffDialog::showMessage(const QString &text)
{
    m_message->setText(text);
    setPage(Page::Message);
}

void DiffDialog::setPage(Page page)
{
    m_pages->setCurrentIndex(int(page));
}

DiffDialog::Page DiffDialog::currentPage() const
{
    return Page(m_pages->currentIndex());
}

void DiffDialog::updateBusy()
{
    m_busy->setVisible(isBusy());
    setProperty("busy", isBusy());
}

} // namespace hubvault::app
