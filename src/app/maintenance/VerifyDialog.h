#pragma once
// Verify: runs Repository::quickVerify (refs, commits, trees and file records) or
// fullVerify (also re-hashes every stored byte) on a worker with progress and Cancel, and
// lists the result: OK, or its errors and warnings, and the refs it checked.

#include <hubvault/Models.h>

#include <QDialog>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace hubvault::app {

class Job;

class VerifyDialog : public QDialog {
    Q_OBJECT
    Q_PROPERTY(bool busy READ isBusy)
public:
    enum class Depth { Quick, Full };
    VerifyDialog(const QString &repoPath, Depth depth, QWidget *parent = nullptr);

    /** Starts (again); the dialog shows progress, then the report. */
    void start();
    bool isBusy() const;
    const std::optional<VerifyReport> &report() const { return m_report; }

    QLabel *statusLabel() const { return m_status; }
    QTreeWidget *reportView() const { return m_reportView; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *againButton() const { return m_again; }
    /** "Cancel" while verifying, "Close" otherwise. */
    QPushButton *closeButton() const { return m_close; }
    Job *job() const { return m_job; }

protected:
    void reject() override;

private:
    void showReport(const VerifyReport &report);
    void setRunning(bool running);

    QString m_repoPath;
    Depth m_depth;
    QLabel *m_status;
    QProgressBar *m_progress;
    QTreeWidget *m_reportView;
    QPushButton *m_again;
    QPushButton *m_close;
    Job *m_job;
    std::optional<VerifyReport> m_report;
    std::shared_ptr<VerifyReport> m_pending;
};

} // namespace hubvault::app
