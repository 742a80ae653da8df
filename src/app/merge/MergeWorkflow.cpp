#include "merge/MergeWorkflow.h"

#include "shell/MainWindow.h"
#include "history/HistoryPanel.h"
#include "merge/MergeDialog.h"
#include "refs/RefsModel.h"

#include <QAction>
#include <QMenu>

namespace hubvault::app {

namespace {

QStringList namesOf(const QList<GitRefInfo> &refs)
{
    QStringList out;
    for (const GitRefInfo &ref : refs)
        out.append(ref.name);
    return out;
}

QString shortRefName(const QString &fullRef)
{
    for (const QLatin1String prefix : {QLatin1String("refs/heads/"), QLatin1String("refs/tags/")})
        if (fullRef.startsWith(prefix))
            return fullRef.mid(prefix.size());
    return fullRef;
}

} // namespace

MergeWorkflow::MergeWorkflow(MainWindow *window) : QObject(window), m_window(window)
{
    setObjectName(QStringLiteral("mergeWorkflow"));
    m_merge = new QAction(tr("&Merge…"), this);
    m_merge->setObjectName(QStringLiteral("actionMerge"));
    m_merge->setStatusTip(tr("Merge a branch, tag or commit into a branch"));
    window->repositoryMenu()->addAction(m_merge);
    connect(m_merge, &QAction::triggered, this, [this] { openDialog({}, currentBranch()); });
    connect(window, &MainWindow::refsContextMenuAboutToShow, this, &MergeWorkflow::onRefsMenu);
    connect(window->historyPanel(), &HistoryPanel::contextMenuAboutToShow, this, &MergeWorkflow::onHistoryMenu);
    connect(window, &MainWindow::repositoryOpened, this, &MergeWorkflow::updateActions);

    updateActions();
}

void MergeWorkflow::updateActions()
{
    m_merge->setEnabled(!m_window->repositoryPath().isEmpty() && !m_window->refsModel()->branches().isEmpty());
}

QString MergeWorkflow::currentBranch() const
{
    const QString revision = shortRefName(m_window->currentRevision());
    const QStringList branches = namesOf(m_window->refsModel()->branches());
    return branches.contains(revision) ? revision : m_window->refsModel()->defaultBranch();
}

MergeDialog *MergeWorkflow::dialog() const
{
    return m_dialog;
}

MergeDialog *MergeWorkflow::openDialog(const QString &source, const QString &target)
{
    if (m_window->repositoryPath().isEmpty())
        return nullptr;
    if (m_dialog)
        m_dialog->close();
    auto *dialog = new MergeDialog(m_window->repositoryPath(), namesOf(m_window->refsModel()->branches()),
                                   namesOf(m_window->refsModel()->tags()), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTarget(target.isEmpty() ? currentBranch() : target);
    dialog->setSource(source);
    connect(dialog, &MergeDialog::errorOccurred, m_window, &MainWindow::showError);
    connect(dialog, &MergeDialog::merged, m_window, [this] { m_window->reload(); });
    m_dialog = dialog;
    dialog->open();
    return dialog;
}

void MergeWorkflow::onRefsMenu(QMenu *menu, const QString &fullRef)
{
    const QString name = shortRefName(fullRef);
    menu->addSeparator();
    menu->addAction(tr("&Merge %1 into…").arg(name), this,
                    [this, name] { openDialog(name, currentBranch() == name ? QString() : currentBranch()); });
    if (fullRef.startsWith(QLatin1String("refs/heads/")))
        menu->addAction(tr("Merge &into %1…").arg(name), this, [this, name] { openDialog({}, name); });
}

void MergeWorkflow::onHistoryMenu(QMenu *menu, const QStringList &commitIds)
{
    if (commitIds.size() != 1)
        return;
    const QString commit = commitIds.constFirst();
    menu->addSeparator();
    menu->addAction(tr("&Merge This Commit into…"), this,
                    [this, commit] { openDialog(commit, currentBranch()); });
}

} // namespace hubvault::app
