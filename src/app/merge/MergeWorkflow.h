#pragma once
// The merge workflow: "Merge…" in the Repository menu, "Merge into…" on refs and commits,
// and the MergeDialog it opens. After a merge the window reads the repository again.

#include <QObject>
#include <QPointer>
#include <QString>

class QAction;
class QMenu;

namespace hubvault::app {

class MainWindow;
class MergeDialog;

class MergeWorkflow : public QObject {
    Q_OBJECT
public:
    explicit MergeWorkflow(MainWindow *window);

    /** Opens the merge dialog (window-modal, non-blocking) with these picks ("" = none). */
    MergeDialog *openDialog(const QString &source, const QString &target = {});
    MergeDialog *dialog() const;
    QAction *mergeAction() const { return m_merge; }

private:
    void onRefsMenu(QMenu *menu, const QString &fullRef);
    void onHistoryMenu(QMenu *menu, const QStringList &commitIds);
    /** The branch shown now, else the default branch. */
    QString currentBranch() const;
    void updateActions();

    MainWindow *m_window;
    QAction *m_merge;
    QPointer<MergeDialog> m_dialog;
};

} // namespace hubvault::app
