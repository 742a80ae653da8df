#pragma once
// Export: writes a revision, or a folder or file of it, to a local folder or a .zip, .tar,
// .tar.gz or .tar.zst archive through the core's SnapshotExporter, on a worker with
// progress and Cancel. The core never writes outside the chosen target and leaves nothing
// half-written on cancel or failure, so Cancel is always safe.

#include <hubvault/SnapshotExporter.h>

#include <QDialog>
#include <QString>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace hubvault::app {

class Job;

class ExportDialog : public QDialog {
    Q_OBJECT
    Q_PROPERTY(bool busy READ isBusy)
public:
    /** `revisions` are offered in the revision picker (branches and tags). */
    ExportDialog(const QString &repoPath, const QString &revision, const QString &pathInRepo,
                 const QStringList &revisions, QWidget *parent = nullptr);

    /** Starts the export with the current fields (what the Export button does). */
    void startExport();
    bool isBusy() const;
    /** The last finished export. */
    const std::optional<ExportReport> &report() const { return m_report; }
    /** A target next to the user's home: "<repo>-<revision>[-<folder>]" plus the format's extension. */
    static QString suggestedTarget(const QString &repoPath, const QString &revision, const QString &pathInRepo,
                                   ExportFormat format);
    /** `target` with its archive extension replaced by the one of `format`. */
    static QString withExtension(const QString &target, ExportFormat format);

    QComboBox *revisionCombo() const { return m_revision; }
    QLineEdit *pathEdit() const { return m_path; }
    QComboBox *formatCombo() const { return m_format; }
    QLineEdit *targetEdit() const { return m_target; }
    QCheckBox *forceCheck() const { return m_force; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *exportButton() const { return m_exportButton; }
    /** "Cancel" while exporting (stops the export), "Close" otherwise. */
    QPushButton *closeButton() const { return m_closeButton; }
    Job *job() const { return m_job; }

Q_SIGNALS:
    void exported(const hubvault::ExportReport &report);

protected:
    void reject() override;

private:
    void browse();
    void onFormatChanged();
    void onProgress(qint64 done, qint64 total);
    void onSucceeded();
    void onCancelled();
    void onFailed(const QString &message);
    void setRunning(bool running);

    QString m_repoPath;
    QComboBox *m_revision;
    QLineEdit *m_path;
    QComboBox *m_format;
    QLineEdit *m_target;
    QCheckBox *m_force;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_exportButton;
    QPushButton *m_closeButton;
    Job *m_job;
    std::optional<ExportReport> m_report;
    std::shared_ptr<ExportReport> m_pending;
};

} // namespace hubvault::app
