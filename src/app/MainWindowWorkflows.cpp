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

} // namespace hubvault::app
