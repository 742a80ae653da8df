// Share on Network in the window (see ShareWorkflow.h).
#include "share/ShareWorkflow.h"

#include "share/NetworkShare.h"
#include "share/ShareDialog.h"
#include "shell/MainWindow.h"

#include <QAction>
#include <QMenu>

namespace hubvault::app {

ShareWorkflow::ShareWorkflow(MainWindow *window) : QObject(window), m_window(window), m_share(new NetworkShare(this))
{
    setObjectName(QStringLiteral("shareWorkflow"));
    m_action = new QAction(tr("Share on &Network…"), this);
    m_action->setObjectName(QStringLiteral("actionShare"));
    m_action->setStatusTip(tr("Serve this repository over HTTP to other machines, with tokens"));
    window->repositoryMenu()->addSeparator();
    window->repositoryMenu()->addAction(m_action);
    connect(m_action, &QAction::triggered, this, &ShareWorkflow::openDialog);
    connect(window, &MainWindow::repositoryOpened, this, &ShareWorkflow::onRepositoryOpened);
    m_action->setEnabled(!window->repositoryPath().isEmpty());
}

ShareDialog *ShareWorkflow::openDialog()
{
    if (m_window->repositoryPath().isEmpty())
        return nullptr;
    if (!m_dialog) {
        m_sharedLocation = m_window->repositoryPath();
        m_dialog = new ShareDialog(m_share, m_sharedLocation, m_window);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_dialog->show();
    m_dialog->raise();
    return m_dialog;
}

void ShareWorkflow::onRepositoryOpened()
{
    m_action->setEnabled(!m_window->repositoryPath().isEmpty());
    // A share serves the repository it was started for, never the next one opened.
    if (m_window->repositoryPath() != m_sharedLocation) {
        m_share->stop();
        if (m_dialog)
            m_dialog->close();
    }
}

} // namespace hubvault::app
