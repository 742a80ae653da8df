// The workflows that change a repository (issue 7). Each is a controller that owns its
// actions, dialogs and worker jobs and hooks itself into the window's menus and panels;
// the window itself only creates them here, one line each.

#include "DiffWorkflow.h"
#include "ExportWorkflow.h"
#include "MainWindow.h"
#include "MaintenanceWorkflow.h"
#include "MergeWorkflow.h"
#include "RefWorkflow.h"
#include "UploadWorkflow.h"

#include <QWidget>

namespace hubvault::app {

void MainWindow::setUpWorkflows()
{
    new DiffWorkflow(this);
    new UploadWorkflow(this);
    new RefWorkflow(this);
    new MergeWorkflow(this);
    new ExportWorkflow(this);
    new MaintenanceWorkflow(this);
}

void MainWindow::registerScreenshotDialog(const QString &name, std::function<QWidget *()> factory)
{
    m_screenshotDialogs.insert(name, std::move(factory));
}

QWidget *MainWindow::openScreenshotDialog(const QString &name)
{
    const auto it = m_screenshotDialogs.constFind(name);
    return it == m_screenshotDialogs.constEnd() ? nullptr : (*it)();
}

} // namespace hubvault::app
