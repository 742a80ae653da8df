#pragma once
// Confirms "Reset Branch to This Commit": says which commits become unreachable (those
// reachable only from the branch's old head, not from the target nor from any other
// branch or tag), computed on a worker with the public API; the count and the first
// titles are shown before anything changes. Accepting emits resetRequested(); RefWorkflow
// resets on a worker and calls finish() or showError().

#include <QDialog>
#include <QString>
#include <QStringList>

class QLabel;
class QPushButton;

namespace Ui {
class ResetBranchDialog;
}

namespace hubvault::app {

class ResetBranchDialog : public QDialog {
    Q_OBJECT
public:
    /** What a reset of one branch would leave behind. */
    struct LostCommits {
        QString oldHead;     ///< the branch head now ("" for an empty branch)
        QStringList ids;     ///< newest first
        QStringList titles;  ///< same order as ids
    };
    static constexpr int kTitlesShown = 8;

    ResetBranchDialog(const QString &repoPath, const QString &branch, const QString &targetCommit,
                      const QString &targetTitle, QWidget *parent = nullptr);
    ~ResetBranchDialog() override;

    QString branch() const { return m_branch; }
    QString targetCommit() const { return m_target; }
    bool isComputing() const { return m_computing; }
    const LostCommits &lostCommits() const { return m_lost; }

    /** Commits reachable from `branch` but from neither `target` nor any other ref; blocking. */
    static LostCommits computeLostCommits(const QString &repoPath, const QString &branch, const QString &target);

    void showError(const QString &message);
    void setBusy(bool busy);
    void finish();

    QLabel *lostLabel() const;
    QPushButton *resetButton() const;

Q_SIGNALS:
    void resetRequested();
    /** The unreachable commits were computed (or failed: see the error label). */
    void computed();

public Q_SLOTS:
    void accept() override;

private:
    void showLost(const LostCommits &lost);

    Ui::ResetBranchDialog *ui;
    QString m_branch;
    QString m_target;
    LostCommits m_lost;
    bool m_computing = true;
    bool m_busy = false;
};

} // namespace hubvault::app
