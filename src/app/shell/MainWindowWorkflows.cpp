// The workflows that change a repository (issue 7). Each is a controller that owns its
// actions, dialogs and worker jobs and hooks itself into the window's menus and panels;
// the window itself only creates them here, one line each.

#include "diff/DiffWorkflow.h"
#include "maintenance/ExportWorkflow.h"
#include "shell/MainWindow.h"
#include "maintenance/MaintenanceWorkflow.h"
#include "merge/MergeWorkflow.h"
#include "refs/RefWorkflow.h"
#include "share/ShareWorkflow.h"
#include "upload/UploadWorkflow.h"

namespace hubvault::app {

void MainWindow::setUpWorkflows()
{
    new DiffWorkflow(this);
    new UploadWorkflow(this);
    new RefWorkflow(this);
    new MergeWorkflow(this);
    new ExportWorkflow(this);
    new MaintenanceWorkflow(this);
    new ShareWorkflow(this);
}

} // namespace hubvault::app
