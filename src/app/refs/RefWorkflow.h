#pragma once
// Branches and tags (issue 7, item 2): "Create Branch Here…", "Create Tag Here…" and
// "Reset Branch to This Commit…" in the graph's context menu; delete, create-from and
// reset on the refs panel; the same in the Repository menu. Every change runs on a
// worker through Repository::createBranch/createTag/deleteBranch/deleteTag/resetRef and
// the window reloads afterwards. Renaming is not offered: hubvault 0.0.2 has no rename
// (API.md lists none), and a delete plus create would lose the branch's reflog.

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

class QAction;
class QMenu;

namespace hubvault::app {

class CreateRefDialog;
class MainWindow;
class ResetBranchDialog;

class RefWorkflow : public QObject {
    Q_OBJECT
public:
    explicit RefWorkflow(MainWindow *window);

    /** Opens the create-branch or create-tag dialog at `commitId` (non-modal); returns it. */
    CreateRefDialog *openCreateBranch(const QString &commitId);
    CreateRefDialog *openCreateTag(const QString &commitId);
    /** Opens the reset confirmation for `branch` (short name) to `commitId`; returns it. */
    ResetBranchDialog *openResetBranch(const QString &branch, const QString &commitId);
    /** Asks for confirmation, then deletes `fullRef` (refs/heads/x or refs/tags/x). */
    void confirmDelete(const QString &fullRef);
    /** Deletes without asking (after the confirmation); the core refuses the default branch. */
    void deleteRef(const QString &fullRef);
    /** The branch the ref actions act on: the shown one, else the default branch. */
    QString currentBranch() const;
    /** The commit "here" means outside a context menu: the graph's, else the shown revision's. */
    QString currentCommit() const;

    QAction *createBranchAction() const { return m_createBranch; }
    QAction *createTagAction() const { return m_createTag; }
    QAction *deleteRefAction() const { return m_deleteRef; }
    QAction *resetBranchAction() const { return m_resetBranch; }

Q_SIGNALS:
    /** A ref was created, deleted or moved (before the window reloads). */
    void refsChanged();

private:
    void onHistoryMenu(QMenu *menu, const QStringList &commitIds);
    void onRefsMenu(QMenu *menu, const QString &fullRef);
    CreateRefDialog *openCreateRef(bool isTag, const QString &commitId);
    void create(CreateRefDialog *dialog);
    void reset(ResetBranchDialog *dialog);
    void updateActions();
    QString commitTitle(const QString &commitId) const;
    QString selectedRef() const;

    MainWindow *m_window;
    QAction *m_createBranch;
    QAction *m_createTag;
    QAction *m_deleteRef;
    QAction *m_resetBranch;
};

} // namespace hubvault::app
