#include "maintenance/SquashDialog.h"
#include "shell/Formatting.h"

#include <hubvault/Repository.h>
#include "async/JobDialogFooter.h"
#include "async/BackgroundCall.h"
#include "async/Job.h"
#include "shell/OpenRepositories.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hubvault::app {

QList<CommitGraphNode> loadFirstParentLineage(const QString &repoPath, const QString &branch, int limit)
{
    const std::shared_ptr<Repository> sharedRepo = repositories::shared(repoPath);
    const Repository &repo = *sharedRepo;
    // One bulk read of the newest commits, then first parents followed through it; a
    // parent outside it (deep merges) is read on its own.
    QStringList ids;
    for (const GitCommitInfo &commit : repo.listRepoCommits(branch, limit))
        ids.append(commit.commitId);
    QHash<QString, CommitGraphNode> byId;
    for (const CommitGraphNode &node : repo.readCommitGraph(ids))
        byId.insert(node.commitId, node);
    QList<CommitGraphNode> lineage;
    QString next = ids.isEmpty() ? QString() : ids.constFirst();
    while (!next.isEmpty() && lineage.size() < limit) {
        if (!byId.contains(next))
            for (const CommitGraphNode &node : repo.readCommitGraph({next}))
                byId.insert(node.commitId, node);
        const CommitGraphNode node = byId.value(next);
        lineage.append(node);
        next = node.parentCommitIds.isEmpty() ? QString() : node.parentCommitIds.constFirst();
    }
    return lineage;
}

SquashDialog::SquashDialog(const QString &repoPath, const QStringList &branches, const QString &branch, QWidget *parent)
    : QDialog(parent), m_repoPath(repoPath), m_job(new Job(this))
{
    setObjectName(QStringLiteral("squashDialog"));
    setWindowTitle(tr("Squash History"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);
    m_branch = new QComboBox;
    m_branch->setObjectName(QStringLiteral("branchCombo"));
    m_branch->addItems(branches);
    form->addRow(tr("&Branch:"), m_branch);

    auto *pick = new QLabel(tr("Keep history from this commit (it becomes the branch's first commit):"));
    layout->addWidget(pick);
    m_commits = new QTreeWidget;
    m_commits->setObjectName(QStringLiteral("commitsView"));
    m_commits->setRootIsDecorated(false);
    m_commits->setHeaderLabels({tr("Commit"), tr("Date"), tr("Title")});
    m_commits->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    layout->addWidget(m_commits, 1);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    layout->addWidget(m_summary);

    auto *texts = new QFormLayout;
    layout->addLayout(texts);
    m_message = new QLineEdit;
    m_message->setObjectName(QStringLiteral("messageEdit"));
    m_description = new QPlainTextEdit;
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setTabChangesFocus(true);
    m_description->setMaximumHeight(80);
    texts->addRow(tr("New root &message:"), m_message);
    texts->addRow(tr("&Description:"), m_description);
    m_runGc = new QCheckBox(tr("Run garbage collection afterwards (deletes the data only the dropped history used)"));
    m_runGc->setObjectName(QStringLiteral("runGcCheck"));
    m_runGc->setChecked(true);
    layout->addWidget(m_runGc);
    auto *warning = new QLabel(tr("Commits older than the chosen one drop out of this branch's history. They become "
                                  "unreachable unless another branch or tag still leads to them, and garbage "
                                  "collection then deletes their data for good. This cannot be undone."));
    warning->setWordWrap(true);
    layout->addWidget(warning);
    m_progress = JobDialogFooter::addProgressBar(layout);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = JobDialogFooter::addStatusLabel(layout);

    m_squash = JobDialogFooter::addButtons(layout, this, tr("&Squash"), QDialogButtonBox::AcceptRole,
                                           QStringLiteral("squashButton"), &m_close);
    connect(m_squash, &QPushButton::clicked, this, &SquashDialog::startSquash);
    connect(m_branch, &QComboBox::currentTextChanged, this, &SquashDialog::loadLineage);
    connect(m_commits, &QTreeWidget::currentItemChanged, this, &SquashDialog::onRootChanged);
    connect(m_message, &QLineEdit::textChanged, this, [this] { setRunning(false); });

    connect(m_job, &Job::progressChanged, this, [this](qint64 done, qint64 total, const QString &phase) {
        if (phase == QLatin1String("repack") && total > 0) {
            m_progress->setRange(0, int(total));
            m_progress->setValue(int(done));
            m_progress->setFormat(tr("Garbage collection: repacking %v of %m objects"));
        }
    });
    connect(m_job, &Job::succeeded, this, [this] { showReport(*m_pending); });
    connect(m_job, &Job::cancelled, this, [this] {
        setRunning(false);
        m_status->setText(tr("Cancelled. If the history was already rewritten, the branch shows it; garbage "
                             "collection can be run again from the Repository menu."));
        Q_EMIT squashed();
        loadLineage();
    });
    connect(m_job, &Job::failed, this, [this](const QString &, const QString &message) {
        setRunning(false);
        m_status->setText(tr("<b>Squash failed:</b> %1").arg(message.toHtmlEscaped()));
        Q_EMIT squashed();
    });
    resize(720, 620);
    setBranch(branch);
    if (m_lineage.isEmpty() && !m_loading)
        loadLineage();
}

void SquashDialog::setBranch(const QString &branch)
{
    const int index = m_branch->findText(branch);
    if (index >= 0 && index != m_branch->currentIndex())
        m_branch->setCurrentIndex(index); // loads through currentTextChanged
    else if (index >= 0)
        loadLineage();
}

bool SquashDialog::isBusy() const
{
    return m_loading || m_job->isRunning();
}

void SquashDialog::loadLineage()
{
    const QString branch = m_branch->currentText();
    m_commits->clear();
    m_lineage.clear();
    m_summary->clear();
    if (branch.isEmpty())
        return;
    m_loading = true;
    setRunning(false);
    m_summary->setText(tr("Reading the history of %1…").arg(branch.toHtmlEscaped()));
    const int generation = ++m_loadGeneration;
    background::run(
        this, [repo = m_repoPath, branch] { return loadFirstParentLineage(repo, branch, kMaxListed); },
        [this, generation](const background::Outcome<QList<CommitGraphNode>> &outcome) {
            if (generation != m_loadGeneration)
                return;
            m_loading = false;
            if (outcome.ok())
                showLineage(*outcome.value);
            else
                m_summary->setText(tr("<b>Cannot read the history:</b> %1").arg(outcome.failure.message.toHtmlEscaped()));
            setRunning(false);
        });
}

void SquashDialog::showLineage(const QList<CommitGraphNode> &lineage)
{
    m_lineage = lineage;
    for (const CommitGraphNode &node : lineage) {
        auto *item = new QTreeWidgetItem(m_commits, {node.commitId.left(7),
                                                     QLocale().toString(node.createdAt.toLocalTime(), QLocale::ShortFormat),
                                                     node.title});
        item->setToolTip(0, node.commitId);
        item->setData(0, Qt::UserRole, node.commitId);
    }
    m_commits->resizeColumnToContents(0);
    m_commits->resizeColumnToContents(1);
    // The head first, as the core's default: the branch keeps only its newest snapshot.
    if (!lineage.isEmpty())
        m_commits->setCurrentItem(m_commits->topLevelItem(0));
}

bool SquashDialog::selectRoot(const QString &commitId)
{
    for (int row = 0; row < m_commits->topLevelItemCount(); ++row) {
        if (m_commits->topLevelItem(row)->data(0, Qt::UserRole).toString() == commitId) {
            m_commits->setCurrentItem(m_commits->topLevelItem(row));
            return true;
        }
    }
    return false;
}

void SquashDialog::onRootChanged()
{
    const int row = m_commits->indexOfTopLevelItem(m_commits->currentItem());
    if (row < 0 || row >= m_lineage.size())
        return;
    const CommitGraphNode &root = m_lineage.at(row);
    m_message->setText(root.title);
    m_description->setPlainText(root.message);
    const qsizetype older = m_lineage.size() - row - 1;
    const bool more = m_lineage.size() >= kMaxListed;
    if (older == 0 && !more)
        m_summary->setText(tr("This is already the first commit of %1: squashing from it only rewrites the message.")
                               .arg(m_branch->currentText().toHtmlEscaped()));
    else
        m_summary->setText(tr("%n commit(s) of the branch will be kept and rewritten; %1 older first-parent commit(s) "
                              "(and what was merged into them) drop out of its history.", nullptr, int(row + 1))
                               .arg(more ? tr("at least %1").arg(older) : QString::number(older)));
    setRunning(false);
}

void SquashDialog::startSquash()
{
    const int row = m_commits->indexOfTopLevelItem(m_commits->currentItem());
    if (m_job->isRunning() || row < 0 || row >= m_lineage.size() || m_message->text().trimmed().isEmpty())
        return;
    const CommitGraphNode &root = m_lineage.at(row);
    SquashOptions options;
    options.rootRevision = root.commitId;
    options.runGc = m_runGc->isChecked();
    // Texts left as they were are not passed, so the core keeps them exactly.
    if (m_message->text() != root.title)
        options.commitMessage = m_message->text().trimmed();
    if (m_description->toPlainText() != root.message)
        options.commitDescription = m_description->toPlainText().trimmed();
    m_pending = std::make_shared<SquashReport>();
    m_report.reset();
    m_job->start([repo = m_repoPath, branch = m_branch->currentText(), options, result = m_pending](const TaskControl &task) {
        const std::shared_ptr<Repository> sharedR = repositories::shared(repo);
        Repository &r = *sharedR;
        *result = r.squashHistory(branch, options, task);
    });
    setRunning(true);
    m_status->setText(tr("Rewriting history…"));
}

void SquashDialog::showReport(const SquashReport &report)
{
    m_report = report;
    setRunning(false);
    QString text = tr("<b>Done:</b> rewrote %n commit(s)", nullptr, int(report.rewrittenCommitCount))
        + tr("; %n older commit(s) dropped from the branch", nullptr, int(report.droppedAncestorCount))
        + tr("; new head %1.").arg(report.newHead.left(12));
    if (report.gcReport)
        text += QLatin1Char(' ') + tr("Garbage collection freed %1.").arg(formatBytes(report.gcReport->reclaimedSize));
    if (!report.blockingRefs.isEmpty())
        text += QStringLiteral("<br>") + tr("Still reachable through: %1 (their history keeps the old commits alive).")
                                             .arg(report.blockingRefs.join(QStringLiteral(", ")).toHtmlEscaped());
    m_status->setText(text);
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    m_progress->setFormat(QString());
    Q_EMIT squashed();
    loadLineage();
}

void SquashDialog::setRunning(bool running)
{
    const bool busy = running || m_job->isRunning();
    m_squash->setEnabled(!busy && !m_loading && m_commits->currentItem() && !m_message->text().trimmed().isEmpty());
    m_close->setText(busy ? tr("&Cancel") : tr("&Close"));
    for (QWidget *field : {static_cast<QWidget *>(m_branch), static_cast<QWidget *>(m_commits),
                           static_cast<QWidget *>(m_message), static_cast<QWidget *>(m_description),
                           static_cast<QWidget *>(m_runGc)})
        field->setEnabled(!busy);
    m_progress->setVisible(busy);
    if (running) {
        m_progress->setRange(0, 0);
        m_progress->setFormat(QString());
    }
}

void SquashDialog::reject()
{
    if (JobDialogFooter::cancelRunningJob(m_job, m_status, tr("Cancelling…")))
        return;
    QDialog::reject();
}

} // namespace hubvault::app
