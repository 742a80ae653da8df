#pragma once
// The export workflow: "Export…" in the Repository menu (the revision shown), on a commit
// of the graph, on a folder or file of the Files tree and on a ref; each opens an
// ExportDialog filled in accordingly.

#include <QObject>
#include <QPointer>
#include <QString>

class QAction;
class QMenu;

namespace hubvault::app {

class ExportDialog;
class MainWindow;

class ExportWorkflow : public QObject {
    Q_OBJECT
public:
    explicit ExportWorkflow(MainWindow *window);

    /** Opens the export dialog (window-modal, non-blocking) for `revision` ("" = shown one). */
    ExportDialog *openDialog(const QString &revision, const QString &pathInRepo = {});
    ExportDialog *dialog() const;
    QAction *exportAction() const { return m_export; }

private:
    void updateActions();

    MainWindow *m_window;
    QAction *m_export;
    QPointer<ExportDialog> m_dialog;
};

} // namespace hubvault::app
