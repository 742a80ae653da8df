#include "refs/RefWorkflow.h"

#include <hubvault/Repository.h>
#include "async/BackgroundCall.h"
#include "history/CommitGraphModel.h"
#include "refs/CreateRefDialog.h"
#include "history/HistoryPanel.h"
#include "shell/MainWindow.h"
#include "shell/OpenRepositories.h"
#include "refs/RefsModel.h"
#include "refs/ResetBranchDialog.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

namespace hubvault::app {

namespace {
const QString kHeadsPrefix = QStringLiteral("refs/heads/");
const QString kTagsPrefix = QStringLiteral("refs/tags/");

/** A name shown in a menu: '&' is no mnemonic there. */
QString menuName(QString name)
{
    return name.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

QAction *addNamedAction(QMenu *menu, const QString &objectName, const QString &text)
{
    QAction *action = menu->addAction(text);
    action->setObjectName(objectName);
    return action;
}
} // namespace

RefWorkflow::RefWorkflow(MainWindow *window) : QObject(window), m_window(window)
{
    setObjectName(QStringLiteral("refWorkflow"));
    m_createBranch = new QAction(tr("New &Branch…"), this);
    m_createBranch->setStatusTip(tr("Create a branch at the selected commit"));
    m_createTag = new QAction(tr("New &Tag…"), this);
    m_createTag->setStatusTip(tr("Tag the selected commit"));
    m_resetBranch = new QAction(tr("&Reset Current Branch to Selected Commit…"), this);
    m_deleteRef = new QAction(tr("&Delete Branch or Tag…"), this);
    m_deleteRef->setStatusTip(tr("Delete the branch or tag selected in the refs panel"));
    QMenu *menu = window->repositoryMenu();
    menu->addAction(m_createBranch);
    menu->addAction(m_createTag);
    menu->addAction(m_resetBranch);
    menu->addAction(m_deleteRef);

    connect(m_createBranch, &QAction::triggered, this, [this] { openCreateBranch(currentCommit()); });
    connect(m_createTag, &QAction::triggered, this, [this] { openCreateTag(currentCommit()); });
    connect(m_resetBranch, &QAction::triggered, this, [this] { openResetBranch(currentBranch(), currentCommit()); });
    connect(m_deleteRef, &QAction::triggered, this, [this] { confirmDelete(selectedRef()); });
    connect(window->historyPanel(), &HistoryPanel::contextMenuAboutToShow, this, &RefWorkflow::onHistoryMenu);
    connect(window, &MainWindow::refsContextMenuAboutToShow, this, &RefWorkflow::onRefsMenu);
    connect(window, &MainWindow::repositoryOpened, this, &RefWorkflow::updateActions);
    connect(window, &MainWindow::revisionShown, this, &RefWorkflow::updateActions);
    connect(window->historyPanel(), &HistoryPanel::commitSelected, this, &RefWorkflow::updateActions);

    updateActions();
}

void RefWorkflow::updateActions()
{
    const bool open = !m_window->repositoryPath().isEmpty();
    const bool hasCommit = open && !currentCommit().isEmpty();
    m_createBranch->setEnabled(hasCommit);
    m_createTag->setEnabled(hasCommit);
    m_resetBranch->setEnabled(hasCommit && !currentBranch().isEmpty());
    m_deleteRef->setEnabled(open && !selectedRef().isEmpty());
}

QString RefWorkflow::currentBranch() const
{
    const QString revision = m_window->currentRevision();
    if (revision.startsWith(kHeadsPrefix))
        return revision.mid(kHeadsPrefix.size());
    return m_window->refsModel()->defaultBranch();
}

QString RefWorkflow::currentCommit() const
{
    const QString selected = m_window->historyPanel()->currentCommit();
    if (!selected.isEmpty())
        return selected;
    const QString revision = m_window->currentRevision();
    if (revision.startsWith(QLatin1String("refs/")))
        return m_window->refsModel()->indexOfRef(revision).data(RefsModel::CommitIdRole).toString();
    return revision;
}

QString RefWorkflow::selectedRef() const
{
    const QString revision = m_window->currentRevision();
    return revision.startsWith(kHeadsPrefix) || revision.startsWith(kTagsPrefix) ? revision : QString();
}

QString RefWorkflow::commitTitle(const QString &commitId) const
{
    const CommitGraphModel *graph = m_window->historyPanel()->model();
    const int row = graph->rowOfCommit(commitId);
    return row < 0 ? QString() : graph->index(row, 0).data(CommitGraphModel::TitleRole).toString();
}

void RefWorkflow::onHistoryMenu(QMenu *menu, const QStringList &commitIds)
{
    if (commitIds.isEmpty() || m_window->repositoryPath().isEmpty())
        return;
    const QString commit = commitIds.first();
    menu->addSeparator();
    connect(addNamedAction(menu, QStringLiteral("createBranchHere"), tr("Create Bra&nch Here…")), &QAction::triggered,
            this, [this, commit] { openCreateBranch(commit); });
    connect(addNamedAction(menu, QStringLiteral("createTagHere"), tr("Create &Tag Here…")), &QAction::triggered, this,
            [this, commit] { openCreateTag(commit); });
    const QString branch = currentBranch();
    if (!branch.isEmpty()) {
        connect(addNamedAction(menu, QStringLiteral("resetBranchHere"),
                               tr("&Reset Branch “%1” to This Commit…").arg(menuName(branch))),
                &QAction::triggered, this, [this, branch, commit] { openResetBranch(branch, commit); });
    }
}

void RefWorkflow::onRefsMenu(QMenu *menu, const QString &fullRef)
{
    const bool isBranch = fullRef.startsWith(kHeadsPrefix);
    const QString name = fullRef.mid(isBranch ? kHeadsPrefix.size() : kTagsPrefix.size());
    const QString commit = m_window->refsModel()->indexOfRef(fullRef).data(RefsModel::CommitIdRole).toString();
    menu->addSeparator();
    if (!commit.isEmpty()) {
        connect(addNamedAction(menu, QStringLiteral("createBranchFromRef"), tr("Create Branch from “%1”…").arg(menuName(name))),
                &QAction::triggered, this, [this, commit] { openCreateBranch(commit); });
        if (isBranch)
            connect(addNamedAction(menu, QStringLiteral("createTagAtRef"), tr("Create Tag at “%1”…").arg(menuName(name))),
                    &QAction::triggered, this, [this, commit] { openCreateTag(commit); });
    }
    const QString selected = m_window->historyPanel()->currentCommit();
    if (isBranch && !selected.isEmpty() && selected != commit) {
        connect(addNamedAction(menu, QStringLiteral("resetRefToSelected"),
                               tr("Reset “%1” to Selected Commit %2…").arg(menuName(name), RefsModel::shortId(selected))),
                &QAction::triggered, this, [this, name, selected] { openResetBranch(name, selected); });
    }
    QAction *remove = addNamedAction(menu, QStringLiteral("deleteRef"),
                                     isBranch ? tr("&Delete Branch “%1”…").arg(menuName(name))
                                              : tr("&Delete Tag “%1”…").arg(menuName(name)));
    if (isBranch && name == m_window->refsModel()->defaultBranch()) {
        remove->setEnabled(false);
        remove->setToolTip(tr("The default branch cannot be deleted."));
        menu->setToolTipsVisible(true);
    }
    connect(remove, &QAction::triggered, this, [this, fullRef] { confirmDelete(fullRef); });
}

CreateRefDialog *RefWorkflow::openCreateBranch(const QString &commitId)
{
    return openCreateRef(false, commitId);
}

CreateRefDialog *RefWorkflow::openCreateTag(const QString &commitId)
{
    return openCreateRef(true, commitId);
}

CreateRefDialog *RefWorkflow::openCreateRef(bool isTag, const QString &commitId)
{
    if (commitId.isEmpty() || m_window->repositoryPath().isEmpty())
        return nullptr;
    QStringList taken;
    for (const GitRefInfo &ref : isTag ? m_window->refsModel()->tags() : m_window->refsModel()->branches())
        taken.append(ref.name);
    auto *dialog = new CreateRefDialog(isTag ? CreateRefDialog::Kind::Tag : CreateRefDialog::Kind::Branch, commitId,
                                       commitTitle(commitId), taken, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateRefDialog::createRequested, this, [this, dialog] { create(dialog); });
    dialog->show();
    return dialog;
}

void RefWorkflow::create(CreateRefDialog *dialog)
{
    dialog->setBusy(true);
    const bool isTag = dialog->kind() == CreateRefDialog::Kind::Tag;
    const QString name = dialog->name();
    QPointer<CreateRefDialog> guard(dialog);
    background::run(
        this,
        [repoPath = m_window->repositoryPath(), isTag, name, message = dialog->tagMessage(), commit = dialog->commitId()] {
            const std::shared_ptr<Repository> sharedRepo = repositories::shared(repoPath);
            Repository &repo = *sharedRepo;
            if (isTag)
                repo.createTag(name, message, commit);
            else
                repo.createBranch(name, commit);
            return true;
        },
        [this, guard, isTag, name](const background::Outcome<bool> &outcome) {
            if (guard)
                guard->setBusy(false);
            if (!outcome.ok()) {
                if (guard)
                    guard->showError(outcome.failure.message);
                else
                    m_window->showError(isTag ? tr("Cannot Create Tag") : tr("Cannot Create Branch"), outcome.failure.message);
                return;
            }
            if (guard)
                guard->finish();
            m_window->statusBar()->showMessage(isTag ? tr("Created tag %1.").arg(name) : tr("Created branch %1.").arg(name), 6000);
            Q_EMIT refsChanged();
            m_window->reload();
        });
}

ResetBranchDialog *RefWorkflow::openResetBranch(const QString &branch, const QString &commitId)
{
    if (branch.isEmpty() || commitId.isEmpty() || m_window->repositoryPath().isEmpty())
        return nullptr;
    auto *dialog = new ResetBranchDialog(m_window->repositoryPath(), branch, commitId, commitTitle(commitId), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ResetBranchDialog::resetRequested, this, [this, dialog] { reset(dialog); });
    dialog->show();
    return dialog;
}

void RefWorkflow::reset(ResetBranchDialog *dialog)
{
    dialog->setBusy(true);
    QPointer<ResetBranchDialog> guard(dialog);
    const QString branch = dialog->branch();
    background::run(
        this,
        [repoPath = m_window->repositoryPath(), branch, target = dialog->targetCommit()] {
            const std::shared_ptr<Repository> sharedRepo = repositories::shared(repoPath);
            Repository &repo = *sharedRepo;
            return repo.resetRef(branch, target).oid;
        },
        [this, guard, branch](const background::Outcome<QString> &outcome) {
            if (guard)
                guard->setBusy(false);
            if (!outcome.ok()) {
                if (guard)
                    guard->showError(outcome.failure.message);
                else
                    m_window->showError(tr("Cannot Reset Branch"), outcome.failure.message);
                return;
            }
            if (guard)
                guard->finish();
            m_window->statusBar()->showMessage(
                tr("Branch %1 now points at %2.").arg(branch, RefsModel::shortId(*outcome.value)), 6000);
            Q_EMIT refsChanged();
            m_window->reload();
        });
}

void RefWorkflow::confirmDelete(const QString &fullRef)
{
    if (fullRef.isEmpty())
        return;
    const bool isBranch = fullRef.startsWith(kHeadsPrefix);
    const QString name = fullRef.mid(isBranch ? kHeadsPrefix.size() : kTagsPrefix.size());
    const QString commit = m_window->refsModel()->indexOfRef(fullRef).data(RefsModel::CommitIdRole).toString();
    auto *box = new QMessageBox(
        QMessageBox::Question, isBranch ? tr("Delete Branch") : tr("Delete Tag"),
        (isBranch ? tr("Delete branch “%1”?").arg(name) : tr("Delete tag “%1”?").arg(name)), QMessageBox::Cancel,
        m_window);
    box->setObjectName(QStringLiteral("confirmDeleteRefBox"));
    box->setInformativeText(
        commit.isEmpty() ? tr("It has no commits.")
                         : tr("It points at %1. Commits that no other branch or tag reaches become unreachable and "
                              "are removed by the next garbage collection; the reflog keeps a record.")
                               .arg(RefsModel::shortId(commit)));
    QPushButton *remove = box->addButton(isBranch ? tr("Delete Branch") : tr("Delete Tag"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDeleteRefButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, remove, fullRef](QAbstractButton *button) {
        if (button == remove)
            deleteRef(fullRef);
    });
    box->open();
}

void RefWorkflow::deleteRef(const QString &fullRef)
{
    const bool isBranch = fullRef.startsWith(kHeadsPrefix);
    const QString name = fullRef.mid(isBranch ? kHeadsPrefix.size() : kTagsPrefix.size());
    background::run(
        this,
        [repoPath = m_window->repositoryPath(), isBranch, name] {
            const std::shared_ptr<Repository> sharedRepo = repositories::shared(repoPath);
            Repository &repo = *sharedRepo;
            if (isBranch)
                repo.deleteBranch(name);
            else
                repo.deleteTag(name);
            return true;
        },
        [this, isBranch, name](const background::Outcome<bool> &outcome) {
            if (!outcome.ok()) {
                m_window->showError(isBranch ? tr("Cannot Delete Branch") : tr("Cannot Delete Tag"), outcome.failure.message);
                return;
            }
            m_window->statusBar()->showMessage(isBranch ? tr("Deleted branch %1.").arg(name) : tr("Deleted tag %1.").arg(name),
                                               6000);
            Q_EMIT refsChanged();
            m_window->reload();
        });
}

} // namespace hubvault::app
