#include "maintenance/ExportWorkflow.h"

#include "maintenance/ExportDialog.h"
#include "files/FilesPanel.h"
#include "history/HistoryPanel.h"
#include "shell/MainWindow.h"
#include "refs/RefsModel.h"

#include <QAction>
#include <QMenu>

namespace hubvault::app {

ExportWorkflow::ExportWorkflow(MainWindow *window) : QObject(window), m_window(window)
{
    setObjectName(QStringLiteral("exportWorkflow"));
    m_export = new QAction(tr("E&xport…"), this);
    m_export->setObjectName(QStringLiteral("actionExport"));
    m_export->setStatusTip(tr("Write the revision shown to a folder or an archive"));
    window->repositoryMenu()->addAction(m_export);
    connect(m_export, &QAction::triggered, this, [this] { openDialog({}); });
    connect(window, &MainWindow::repositoryOpened, this, &ExportWorkflow::updateActions);

    connect(window->historyPanel(), &HistoryPanel::contextMenuAboutToShow, this,
            [this](QMenu *menu, const QStringList &commitIds) {
                if (commitIds.size() != 1)
                    return;
                const QString commit = commitIds.constFirst();
                menu->addAction(tr("E&xport This Commit…"), this, [this, commit] { openDialog(commit); });
            });
    connect(window->filesPanel(), &FilesPanel::contextMenuAboutToShow, this,
            [this](QMenu *menu, const QString &path, bool isFolder) {
                const QString label = path.isEmpty() ? tr("E&xport Everything…")
                                      : isFolder     ? tr("E&xport This Folder…")
                                                     : tr("E&xport This File…");
                menu->addAction(label, this,
                                [this, path] { openDialog(m_window->filesPanel()->revision(), path); });
            });
    connect(window, &MainWindow::refsContextMenuAboutToShow, this, [this](QMenu *menu, const QString &fullRef) {
        const QString name = fullRef.section(QLatin1Char('/'), 2);
        menu->addAction(tr("E&xport %1…").arg(name), this, [this, name] { openDialog(name); });
    });

    updateActions();
}

void ExportWorkflow::updateActions()
{
    m_export->setEnabled(!m_window->repositoryPath().isEmpty());
}

ExportDialog *ExportWorkflow::dialog() const
{
    return m_dialog;
}

ExportDialog *ExportWorkflow::openDialog(const QString &revision, const QString &pathInRepo)
{
    if (m_window->repositoryPath().isEmpty())
        return nullptr;
    if (m_dialog && m_dialog->isBusy()) {
        m_dialog->raise();
        return m_dialog;
    }
    if (m_dialog)
        m_dialog->close();
    QStringList refs;
    for (const GitRefInfo &ref : m_window->refsModel()->branches())
        refs.append(ref.name);
    for (const GitRefInfo &ref : m_window->refsModel()->tags())
        refs.append(ref.name);
    QString shown = revision.isEmpty() ? m_window->currentRevision() : revision;
    if (shown.isEmpty())
        shown = m_window->refsModel()->defaultBranch();
    for (const QLatin1String prefix : {QLatin1String("refs/heads/"), QLatin1String("refs/tags/")})
        if (shown.startsWith(prefix))
            shown = shown.mid(prefix.size());
    auto *dialog = new ExportDialog(m_window->repositoryPath(), shown, pathInRepo, refs, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    dialog->open();
    return dialog;
}

} // namespace hubvault::app
