#include "diff/DiffWorkflow.h"

#include "diff/DiffDialog.h"
#include "history/HistoryPanel.h"
#include "shell/MainWindow.h"

#include <QAction>
#include <QMenu>

namespace hubvault::app {

DiffWorkflow::DiffWorkflow(MainWindow *window) : QObject(window), m_window(window)
{
    connect(window->historyPanel(), &HistoryPanel::contextMenuAboutToShow, this, &DiffWorkflow::addContextActions);
    connect(window->historyPanel(), &HistoryPanel::fileDiffRequested, this,
            [this](const QString &commitId, const QString &path) { compareWithParent(commitId, path); });
}

void DiffWorkflow::addContextActions(QMenu *menu, const QStringList &commitIds)
{
    if (commitIds.isEmpty())
        return;
    menu->addSeparator();
    if (commitIds.size() == 1) {
        QAction *action = menu->addAction(tr("Compare with Parent"));
        action->setObjectName(QStringLiteral("compareWithParentAction"));
        const QString commit = commitIds.constFirst();
        connect(action, &QAction::triggered, this, [this, commit] { compareWithParent(commit); });
    } else if (commitIds.size() == 2) {
        QAction *action = menu->addAction(tr("Compare Selected"));
        action->setObjectName(QStringLiteral("compareSelectedAction"));
        // The graph lists newer commits first: the lower row is the older side.
        const QStringList selected = m_window->historyPanel()->selectedCommits();
        QString older = commitIds.at(1), newer = commitIds.at(0);
        if (selected.size() == 2 && selected.contains(older) && selected.contains(newer))
            older = selected.at(1), newer = selected.at(0);
        connect(action, &QAction::triggered, this, [this, older, newer] { compare(older, newer); });
    }
}

DiffDialog *DiffWorkflow::openDialog()
{
    auto *dialog = new DiffDialog(m_window->repositoryPath(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_last = dialog;
    return dialog;
}

DiffDialog *DiffWorkflow::compare(const QString &oldRevision, const QString &newRevision, const QString &path)
{
    DiffDialog *dialog = openDialog();
    dialog->compare(oldRevision, newRevision, path);
    dialog->show();
    return dialog;
}

DiffDialog *DiffWorkflow::compareWithParent(const QString &revision, const QString &path)
{
    DiffDialog *dialog = openDialog();
    dialog->compareWithParent(revision, path);
    dialog->show();
    return dialog;
}


} // namespace hubvault::app
