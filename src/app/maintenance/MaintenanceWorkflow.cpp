#include "maintenance/MaintenanceWorkflow.h"

#include "maintenance/GcDialog.h"
#include "shell/MainWindow.h"
#include "refs/RefsModel.h"
#include "maintenance/SquashDialog.h"
#include "maintenance/VerifyDialog.h"

#include <QAction>
#include <QMenu>

namespace hubvault::app {

MaintenanceWorkflow::MaintenanceWorkflow(MainWindow *window) : QObject(window), m_window(window)
{
    setObjectName(QStringLiteral("maintenanceWorkflow"));
    m_quickVerify = new QAction(tr("Quick &Verify"), this);
    m_quickVerify->setObjectName(QStringLiteral("actionQuickVerify"));
    m_quickVerify->setStatusTip(tr("Check that refs, commits, trees and file records are consistent"));
    m_fullVerify = new QAction(tr("&Full Verify"), this);
    m_fullVerify->setObjectName(QStringLiteral("actionFullVerify"));
    m_fullVerify->setStatusTip(tr("Also re-read every stored byte and compare it with its hash"));
    m_gc = new QAction(tr("&Garbage Collection…"), this);
    m_gc->setObjectName(QStringLiteral("actionGc"));
    m_gc->setStatusTip(tr("See what unreachable data can be deleted, then delete it"));
    m_squash = new QAction(tr("Squas&h History…"), this);
    m_squash->setObjectName(QStringLiteral("actionSquash"));
    m_squash->setStatusTip(tr("Drop the old history of a branch"));
    QMenu *menu = window->repositoryMenu();
    menu->addSeparator();
    menu->addAction(m_quickVerify);
    menu->addAction(m_fullVerify);
    menu->addAction(m_gc);
    menu->addAction(m_squash);
    connect(m_quickVerify, &QAction::triggered, this, [this] { openVerify(false); });
    connect(m_fullVerify, &QAction::triggered, this, [this] { openVerify(true); });
    connect(m_gc, &QAction::triggered, this, [this] { openGc(); });
    connect(m_squash, &QAction::triggered, this, [this] { openSquash(); });
    connect(window, &MainWindow::repositoryOpened, this, &MaintenanceWorkflow::updateActions);

    updateActions();
}

void MaintenanceWorkflow::updateActions()
{
    const bool open = !m_window->repositoryPath().isEmpty();
    for (QAction *action : {m_quickVerify, m_fullVerify, m_gc, m_squash})
        action->setEnabled(open);
}

bool MaintenanceWorkflow::replaceDialog()
{
    if (m_dialog && m_dialog->property("busy").toBool()) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return false;
    }
    if (m_dialog)
        m_dialog->close();
    return !m_window->repositoryPath().isEmpty();
}

VerifyDialog *MaintenanceWorkflow::openVerify(bool full)
{
    if (!replaceDialog())
        return nullptr;
    auto *dialog = new VerifyDialog(m_window->repositoryPath(), full ? VerifyDialog::Depth::Full : VerifyDialog::Depth::Quick,
                                    m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    dialog->open();
    dialog->start();
    return dialog;
}

GcDialog *MaintenanceWorkflow::openGc()
{
    if (!replaceDialog())
        return nullptr;
    auto *dialog = new GcDialog(m_window->repositoryPath(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &GcDialog::collected, m_window, &MainWindow::reload);
    m_dialog = dialog;
    dialog->open();
    dialog->startPreview();
    return dialog;
}

SquashDialog *MaintenanceWorkflow::openSquash(const QString &branch)
{
    if (!replaceDialog())
        return nullptr;
    QStringList branches;
    for (const GitRefInfo &ref : m_window->refsModel()->branches())
        if (ref.targetCommit)
            branches.append(ref.name);
    QString initial = branch;
    if (initial.isEmpty()) {
        const QString shown = m_window->currentRevision().startsWith(QLatin1String("refs/heads/"))
            ? m_window->currentRevision().mid(11)
            : m_window->currentRevision();
        initial = branches.contains(shown) ? shown : m_window->refsModel()->defaultBranch();
    }
    auto *dialog = new SquashDialog(m_window->repositoryPath(), branches, initial, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SquashDialog::squashed, m_window, &MainWindow::reload);
    m_dialog = dialog;
    dialog->open();
    return dialog;
}

} // namespace hubvault::app
