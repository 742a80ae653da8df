#pragma once
// Squash history: pick a branch and the commit to keep history from (its first-parent
// lineage is listed, loaded on a worker); that commit becomes the branch's new root, its
// message and description editable, and everything older becomes unreachable from the
// branch (and, with garbage collection, is deleted). Runs Repository::squashHistory on a
// worker with progress and Cancel, then shows the rewritten and dropped counts.

#include <hubvault/Options.h>
#include <hubvault/Models.h>

#include <QDialog>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace hubvault::app {

class Job;

class SquashDialog : public QDialog {
    Q_OBJECT
    Q_PROPERTY(bool busy READ isBusy)
public:
    /** At most this many commits of the lineage are listed. */
    static constexpr int kMaxListed = 1000;

    SquashDialog(const QString &repoPath, const QStringList &branches, const QString &branch, QWidget *parent = nullptr);

    void setBranch(const QString &branch);
    /** Selects the commit to keep history from (a git id in the list); false if not listed. */
    bool selectRoot(const QString &commitId);
    /** Runs the squash (what the Squash button does). */
    void startSquash();
    bool isBusy() const;
    const std::optional<SquashReport> &report() const { return m_report; }
    /** The listed first-parent lineage, newest first. */
    const QList<CommitGraphNode> &lineage() const { return m_lineage; }

    QComboBox *branchCombo() const { return m_branch; }
    QTreeWidget *commitsView() const { return m_commits; }
    QLineEdit *messageEdit() const { return m_message; }
    QPlainTextEdit *descriptionEdit() const { return m_description; }
    QCheckBox *runGcCheck() const { return m_runGc; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *squashButton() const { return m_squash; }
    QPushButton *closeButton() const { return m_close; }
    Job *job() const { return m_job; }

Q_SIGNALS:
    /** The squash ran (or stopped part-way): the repository may have changed. */
    void squashed();

protected:
    void reject() override;

private:
    void loadLineage();
    void showLineage(const QList<CommitGraphNode> &lineage);
    void onRootChanged();
    void showReport(const SquashReport &report);
    void setRunning(bool running);

    QString m_repoPath;
    QComboBox *m_branch;
    QTreeWidget *m_commits;
    QLabel *m_summary;
    QLineEdit *m_message;
    QPlainTextEdit *m_description;
    QCheckBox *m_runGc;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_squash;
    QPushButton *m_close;
    Job *m_job;
    QList<CommitGraphNode> m_lineage;
    std::optional<SquashReport> m_report;
    std::shared_ptr<SquashReport> m_pending;
    int m_loadGeneration = 0;
    bool m_loading = false;
};

/** The first-parent lineage of `branch`, newest first, at most `limit` commits. Blocking. */
QList<CommitGraphNode> loadFirstParentLineage(const QString &repoPath, const QString &branch, int limit);

} // namespace hubvault::app
