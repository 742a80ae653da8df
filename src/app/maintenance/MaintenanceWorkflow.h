#pragma once
// Maintenance in the Repository menu: quick and full verify, garbage collection (dry run
// first) and squash history, each a dialog running the core call on a worker. After a gc
// or squash the window reads the repository again.

#include <QObject>
#include <QPointer>

class QAction;

namespace hubvault::app {

class GcDialog;
class MainWindow;
class SquashDialog;
class VerifyDialog;

class MaintenanceWorkflow : public QObject {
    Q_OBJECT
public:
    explicit MaintenanceWorkflow(MainWindow *window);

    VerifyDialog *openVerify(bool full);
    GcDialog *openGc();
    SquashDialog *openSquash(const QString &branch = {});

    QAction *quickVerifyAction() const { return m_quickVerify; }
    QAction *fullVerifyAction() const { return m_fullVerify; }
    QAction *gcAction() const { return m_gc; }
    QAction *squashAction() const { return m_squash; }

private:
    /** Closes the previous maintenance dialog unless it is still working; false then. */
    bool replaceDialog();
    void updateActions();

    MainWindow *m_window;
    QAction *m_quickVerify;
    QAction *m_fullVerify;
    QAction *m_gc;
    QAction *m_squash;
    QPointer<QWidget> m_dialog;
};

} // namespace hubvault::app
