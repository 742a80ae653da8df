#pragma once
// Opens diff dialogs: "Compare with Parent" on one commit and "Compare Selected" on two
// commits of the graph's context menu, compare() for other parts of the window (the
// commit details' changed files). Each dialog is non-modal and deletes itself
// when closed; the workflow only creates them.

#include "diff/DiffDialog.h"

#include <QObject>
#include <QPointer>
#include <optional>

class QAction;
class QMenu;

namespace hubvault::app {

class MainWindow;

class DiffWorkflow : public QObject {
    Q_OBJECT
public:
    explicit DiffWorkflow(MainWindow *window);

    /** The dialog opened last (nullptr once it was closed). */
    DiffDialog *lastDialog() const { return m_last; }
    /** A new non-modal dialog over the window, not yet comparing or shown. */
    DiffDialog *openDialog();

public Q_SLOTS:
    /**
     * Opens a diff dialog of `oldRevision` ("" = the empty tree) against `newRevision`,
     * with `path` selected when it differs.
     */
    DiffDialog *compare(const QString &oldRevision, const QString &newRevision, const QString &path = {});
    /** Opens a diff dialog of `revision` against its first parent. */
    DiffDialog *compareWithParent(const QString &revision, const QString &path = {});

private:
    void addContextActions(QMenu *menu, const QStringList &commitIds);

    MainWindow *m_window;
    QPointer<DiffDialog> m_last;
};

} // namespace hubvault::app
