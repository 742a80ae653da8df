#include "pages/OverviewPage.h"
#include "shell/Formatting.h"

#include <hubvault/Repository.h>
#include "async/PageLoad.h"
#include "shell/OpenRepositories.h"
#include "preview/PreviewBuilder.h"
#include "pages/SharedStorageOverview.h"

#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace hubvault::app {

namespace {


/** Rank of a root file name as the README to show; lower is better, -1 = not a README. */
int readmeRank(const QString &name)
{
    static const QStringList preferred = {QStringLiteral("readme.md"), QStringLiteral("readme.markdown"),
                                          QStringLiteral("readme"), QStringLiteral("readme.txt"),
                                          QStringLiteral("readme.rst")};
    const qsizetype rank = preferred.indexOf(name.toLower());
    if (rank >= 0)
        return int(rank);
    return name.startsWith(QLatin1String("readme."), Qt::CaseInsensitive) ? int(preferred.size()) : -1;
}

} // namespace

OverviewPage::OverviewPage(QWidget *parent)
    : QWidget(parent), m_heading(new QLabel(this)), m_readme(new QTextBrowser(this)), m_grid(new QWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_heading);

    auto *grid = new QGridLayout(m_grid);
    grid->setContentsMargins(0, 0, 0, 0);
    addFigure(QStringLiteral("commits"), tr("Commits"), 0, 0);
    addFigure(QStringLiteral("branches"), tr("Branches"), 0, 1);
    addFigure(QStringLiteral("tags"), tr("Tags"), 0, 2);
    addFigure(QStringLiteral("files"), tr("Files"), 0, 3);
    addFigure(QStringLiteral("logical"), tr("Logical size"), 0, 4)
        ->setToolTip(tr("Sum of the sizes of the files at this revision"));
    addFigure(QStringLiteral("stored"), tr("Stored size"), 0, 5)
        ->setToolTip(tr("Bytes the whole repository takes on disk (all history, metadata and caches); "
                        "the second figure is what refs can still reach"));
    layout->addWidget(m_grid);

    m_readme->setOpenExternalLinks(true);
    m_readme->setPlaceholderText(tr("This revision has no README at its root."));
    layout->addWidget(m_readme, 1);
    apply({});
}

QLabel *OverviewPage::addFigure(const QString &key, const QString &caption, int row, int column)
{
    auto *frame = new QFrame(m_grid);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setBackgroundRole(QPalette::Base);
    frame->setAutoFillBackground(true);
    auto *box = new QVBoxLayout(frame);
    auto *value = new QLabel(frame);
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    value->setFont(big);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *label = new QLabel(caption, frame);
    label->setForegroundRole(QPalette::PlaceholderText);
    box->addWidget(value);
    box->addWidget(label);
    static_cast<QGridLayout *>(m_grid->layout())->addWidget(frame, row, column);
    m_values.insert(key, value);
    return value;
}

QString OverviewPage::figureText(const QString &key) const
{
    const QLabel *label = m_values.value(key);
    return label ? label->text() : QString();
}

void OverviewPage::setRepository(const QString &repoPath)
{
    m_repoPath = repoPath;
    m_revision.clear();
    reload();
}

void OverviewPage::showRevision(const QString &revision)
{
    m_revision = revision;
    reload();
}

OverviewFigures OverviewPage::load(const QString &repoPath, const QString &revision, const TaskControl &task)
{
    const std::shared_ptr<Repository> sharedRepo = repositories::shared(repoPath);
    const Repository &repo = *sharedRepo;
    OverviewFigures f;
    f.repoPath = repoPath;
    f.revision = revision;
    f.defaultBranch = repo.defaultBranch();
    const GitRefs refs = repo.listRepoRefs();
    f.branches = refs.branches.size();
    f.tags = refs.tags.size();
    const StorageOverview storage = SharedStorageOverview::load(repoPath, task);
    f.storedSize = storage.totalSize;
    f.reachableSize = storage.reachableSize;
    const std::optional<QString> head = repo.resolveRevision(revision);
    if (!head)
        return f; // a branch without commits
    f.headCommit = *head;
    task.checkCancelled();
    f.commits = repo.countCommits(revision);
    task.checkCancelled();
    RepoFile readme;
    int bestRank = -1;
    for (const RepoEntry &entry : repo.listRepoTree({}, /*recursive=*/true, revision, /*withLastCommits=*/false)) {
        if (entry.isFolder)
            continue;
        ++f.files;
        f.logicalSize += entry.file.size;
        if (!entry.file.path.contains(QLatin1Char('/'))) {
            const int rank = readmeRank(entry.file.path);
            if (rank >= 0 && (bestRank < 0 || rank < bestRank)) {
                bestRank = rank;
                readme = entry.file;
            }
        }
    }
    if (bestRank >= 0) {
        f.readmePath = readme.path;
        const qint64 want = std::min(readme.size, kReadmeLimit);
        const QByteArray bytes = want > 0 ? repo.readRange(readme.path, 0, want, revision) : QByteArray();
        f.readmeTruncated = want < readme.size;
        f.readmeText = PreviewBuilder::decodeText(bytes, f.readmeTruncated);
    }
    return f;
}

void OverviewPage::reload()
{
    loadLatest<OverviewFigures>(
        this, m_load, m_loading, m_repoPath.isEmpty(),
        [repoPath = m_repoPath, revision = m_revision](const TaskControl &task) { return load(repoPath, revision, task); },
        [this](const OverviewFigures &figures) { apply(figures); }, tr("Cannot Show Overview"));
}

void OverviewPage::apply(const OverviewFigures &f)
{
    m_figures = f;
    const QLocale locale;
    if (f.repoPath.isEmpty()) {
        m_heading->setText(tr("No repository open"));
        for (QLabel *label : std::as_const(m_values))
            label->setText(QStringLiteral("–"));
        m_readme->clear();
        return;
    }
    const QString name = QFileInfo(f.repoPath).fileName();
    const QString revision = f.revision.isEmpty() ? f.defaultBranch : f.revision;
    m_heading->setText(f.headCommit.isEmpty() ? tr("%1 · %2 · no commits").arg(name, revision)
                                              : tr("%1 · %2 · %3").arg(name, revision, f.headCommit.left(12)));
    m_values.value(QStringLiteral("commits"))->setText(locale.toString(f.commits));
    m_values.value(QStringLiteral("branches"))->setText(locale.toString(f.branches));
    m_values.value(QStringLiteral("tags"))->setText(locale.toString(f.tags));
    m_values.value(QStringLiteral("files"))->setText(locale.toString(f.files));
    m_values.value(QStringLiteral("logical"))->setText(formatBytes(f.logicalSize));
    m_values.value(QStringLiteral("stored"))
        ->setText(tr("%1 · %2 reachable").arg(formatBytes(f.storedSize), formatBytes(f.reachableSize)));
    if (f.readmePath.isEmpty()) {
        m_readme->clear();
    } else if (PreviewBuilder::isMarkdownName(f.readmePath)) {
        m_readme->setMarkdown(f.readmeText);
    } else {
        m_readme->setPlainText(f.readmeText);
    }
}

} // namespace hubvault::app
