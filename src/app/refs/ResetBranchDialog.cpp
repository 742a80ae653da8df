#include "refs/ResetBranchDialog.h"

#include <hubvault/Repository.h>
#include "async/BackgroundCall.h"
#include "shell/OpenRepositories.h"
#include "refs/RefsModel.h"
#include "ui_ResetBranchDialog.h"

#include <QPushButton>
#include <QSet>

namespace hubvault::app {

ResetBranchDialog::ResetBranchDialog(const QString &repoPath, const QString &branch, const QString &targetCommit,
                                     const QString &targetTitle, QWidget *parent)
    : QDialog(parent), ui(new Ui::ResetBranchDialog), m_branch(branch), m_target(targetCommit)
{
    ui->setupUi(this);
    setObjectName(QStringLiteral("resetBranchDialog"));
    setWindowTitle(tr("Reset Branch “%1”").arg(branch));
    const QString target = QStringLiteral("<tt>%1</tt>").arg(RefsModel::shortId(targetCommit))
                           + (targetTitle.isEmpty() ? QString() : tr(" “%1”").arg(targetTitle.toHtmlEscaped()));
    ui->explanationLabel->setText(tr("Move branch <b>%1</b> to commit %2: the branch then shows that commit's files "
                                     "and history. Nothing is deleted now, and the reflog records the old head.")
                                      .arg(branch.toHtmlEscaped(), target));
    ui->lostLabel->setText(tr("Finding the commits that would become unreachable…"));
    ui->lostList->hide();
    ui->errorLabel->hide();
    ui->errorLabel->setStyleSheet(QStringLiteral("color: #b3261e;"));
    resetButton()->setText(tr("&Reset Branch"));
    resetButton()->setEnabled(false);
    connect(ui->buttonBox, &QDialogButtonBox::accepted, this, &ResetBranchDialog::accept);
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &ResetBranchDialog::reject);

    setProperty("busy", true);
    background::run(
        this, [repoPath, branch, targetCommit] { return computeLostCommits(repoPath, branch, targetCommit); },
        [this](const background::Outcome<LostCommits> &outcome) {
            m_computing = false;
            setProperty("busy", false);
            if (outcome.ok())
                showLost(*outcome.value);
            else
                showError(outcome.failure.message);
            Q_EMIT computed();
        });
}

ResetBranchDialog::~ResetBranchDialog()
{
    delete ui;
}

ResetBranchDialog::LostCommits ResetBranchDialog::computeLostCommits(const QString &repoPath, const QString &branch,
                                                                     const QString &target)
{
    const std::shared_ptr<Repository> sharedRepo = repositories::shared(repoPath);
    const Repository &repo = *sharedRepo;
    LostCommits lost;
    const QString fullRef = QStringLiteral("refs/heads/") + branch;
    const GitRefs refs = repo.listRepoRefs();
    QStringList keepHeads{target};
    for (const GitRefInfo &ref : refs.branches) {
        if (ref.ref == fullRef)
            lost.oldHead = ref.targetCommit.value_or(QString());
        else if (ref.targetCommit)
            keepHeads.append(*ref.targetCommit);
    }
    for (const GitRefInfo &ref : refs.tags)
        if (ref.targetCommit)
            keepHeads.append(*ref.targetCommit);
    if (lost.oldHead.isEmpty())
        return lost;
    // Whatever another ref (or the target) still reaches stays; the rest is left behind.
    QSet<QString> kept;
    keepHeads.removeDuplicates();
    for (const QString &head : std::as_const(keepHeads))
        for (const GitCommitInfo &commit : repo.listRepoCommits(head))
            kept.insert(commit.commitId);
    for (const GitCommitInfo &commit : repo.listRepoCommits(lost.oldHead)) {
        if (kept.contains(commit.commitId))
            continue;
        lost.ids.append(commit.commitId);
        lost.titles.append(commit.title);
    }
    return lost;
}

void ResetBranchDialog::showLost(const LostCommits &lost)
{
    m_lost = lost;
    if (lost.oldHead == m_target) {
        ui->lostLabel->setText(tr("Branch <b>%1</b> is already at this commit; there is nothing to reset.")
                                   .arg(m_branch.toHtmlEscaped()));
        return;
    }
    const int count = int(lost.ids.size());
    if (count == 0) {
        ui->lostLabel->setText(tr("No commit becomes unreachable: every commit of the old head (%1) stays reachable "
                                  "from the target or from another branch or tag.")
                                   .arg(QStringLiteral("<tt>%1</tt>").arg(RefsModel::shortId(lost.oldHead))));
    } else {
        ui->lostLabel->setText(
            count == 1 ? tr("<b>1 commit will become unreachable</b>: no branch or tag will lead to it any more, and "
                            "the next garbage collection deletes it and the files only it holds.")
                       : tr("<b>%1 commits will become unreachable</b>: no branch or tag will lead to them any more, "
                            "and the next garbage collection deletes them and the files only they hold.")
                             .arg(count));
        for (int i = 0; i < count && i < kTitlesShown; ++i)
            ui->lostList->addItem(QStringLiteral("%1  %2").arg(RefsModel::shortId(lost.ids.at(i)), lost.titles.at(i)));
        if (count > kTitlesShown)
            ui->lostList->addItem(tr("… and %n more", nullptr, count - kTitlesShown));
        ui->lostList->show();
    }
    resetButton()->setEnabled(!m_busy);
}

void ResetBranchDialog::showError(const QString &message)
{
    ui->errorLabel->setText(message);
    ui->errorLabel->setVisible(!message.isEmpty());
}

void ResetBranchDialog::setBusy(bool busy)
{
    m_busy = busy;
    setProperty("busy", busy);
    resetButton()->setEnabled(!busy && !m_computing && m_lost.oldHead != m_target);
}

void ResetBranchDialog::accept()
{
    if (!resetButton()->isEnabled())
        return;
    Q_EMIT resetRequested();
}

void ResetBranchDialog::finish()
{
    QDialog::accept();
}

QLabel *ResetBranchDialog::lostLabel() const { return ui->lostLabel; }
QPushButton *ResetBranchDialog::resetButton() const { return ui->buttonBox->button(QDialogButtonBox::Ok); }

} // namespace hubvault::app
