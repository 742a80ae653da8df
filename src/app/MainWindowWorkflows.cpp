// The workflows that change a repository (issue 7). Each is a controller that owns its
// actions, dialogs and worker jobs and hooks itself into the window's menus and panels;
// the window itself only creates them here, one line each.

#include "MainWindow.h"

#include <QWidget>

namespace hubvault::app {

void MainWindow::setUpWorkflows()
{
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
