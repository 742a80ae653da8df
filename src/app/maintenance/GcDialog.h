#pragma once
// Garbage collection: first a dry run (Repository::gc with dryRun) shows what would be
// freed, by category; "Run GC" then does the real collection on a worker with progress
// and Cancel, and shows what it freed. Only unreachable data is removed (docs/format.md §10.4).

#include <hubvault/Models.h>

#include <QDialog>
#include <optional>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace hubvault::app {

class Job;

class GcDialog : public QDialog {
    Q_OBJECT
    Q_PROPERTY(bool busy READ isBusy)
public:
    explicit GcDialog(const QString &repoPath, QWidget *parent = nullptr);

    /** Computes the dry run (again); the dialog opens with one. */
    void startPreview();
    /** Runs the real collection (what "Run GC" does); needs a finished preview. */
    void startCollection();
    bool isBusy() const;

    const std::optional<GcReport> &preview() const { return m_preview; }
    const std::optional<GcReport> &result() const { return m_result; }

    QCheckBox *pruneCacheCheck() const { return m_pruneCache; }
    QTreeWidget *reportView() const { return m_reportView; }
    QLabel *statusLabel() const { return m_status; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *closeButton() const { return m_close; }
    Job *job() const { return m_job; }

Q_SIGNALS:
    /** The real collection finished (or stopped part-way): the repository may have changed. */
    void collected();

protected:
    void reject() override;

private:
    void start(bool dryRun);
    void showReport(const GcReport &report);
    void setRunning(bool running);

    QString m_repoPath;
    QCheckBox *m_pruneCache;
    QTreeWidget *m_reportView;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_run;
    QPushButton *m_close;
    Job *m_job;
    std::optional<GcReport> m_preview;
    std::optional<GcReport> m_result;
    std::shared_ptr<GcReport> m_pending;
    bool m_dryRun = true;
};

} // namespace hubvault::app
