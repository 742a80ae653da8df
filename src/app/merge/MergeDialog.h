#pragma once
// Merge: pick a source (branch, tag or commit id) and a target branch; a preview computed
// on a worker says what would happen (fast-forward, merge commit, already up to date, or
// conflicts, each listed with both sides' identities and a diff of each side against the
// base). The merge commit's message and description are editable; "Merge" runs
// Repository::merge on a worker, pinned to the previewed target head so a branch that
// moved meanwhile is refused rather than merged unseen.

#include "merge/MergePreview.h"

#include <QDialog>
#include <QString>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTimer;
class QTreeWidget;

namespace hubvault::app {

class MergeDialog : public QDialog {
    Q_OBJECT
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
public:
    /** `branches` and `tags` are short names offered in the pickers. */
    MergeDialog(const QString &repoPath, const QStringList &branches, const QStringList &tags, QWidget *parent = nullptr);

    /** Sets the pickers and starts a new preview. */
    void setSource(const QString &source);
    void setTarget(const QString &branch);

    bool isBusy() const;
    /** The last preview shown (nullopt before the first one or after a failure). */
    const std::optional<MergePreview> &preview() const { return m_preview; }

    QComboBox *sourceCombo() const { return m_source; }
    QComboBox *targetCombo() const { return m_target; }
    QLabel *statusLabel() const { return m_status; }
    QTreeWidget *conflictsView() const { return m_conflicts; }
    QPlainTextEdit *targetDiffView() const { return m_targetDiff; }
    QPlainTextEdit *sourceDiffView() const { return m_sourceDiff; }
    QLineEdit *messageEdit() const { return m_message; }
    QPlainTextEdit *descriptionEdit() const { return m_description; }
    QPushButton *mergeButton() const { return m_mergeButton; }

Q_SIGNALS:
    void busyChanged(bool busy);
    /** The merge was done; the repository changed. */
    void merged(const hubvault::MergeResult &result);
    void errorOccurred(const QString &title, const QString &message);

protected:
    /** Ignored while merging: the merge cannot be stopped half-way, and its result must be seen. */
    void reject() override;

private:
    QWidget *buildPickers();
    QWidget *buildConflicts();
    QWidget *buildMessage();
    void schedulePreview();
    void startPreview();
    void showPreview(const MergePreview &preview);
    void showConflict();
    void updateDefaultMessage();
    void updateButtons();
    void runMerge();
    void setBusyState(bool previewing, bool merging);

    QString m_repoPath;
    QComboBox *m_source;
    QComboBox *m_target;
    QLabel *m_status;
    QLabel *m_explanation;
    QTreeWidget *m_conflicts;
    QPlainTextEdit *m_targetDiff;
    QPlainTextEdit *m_sourceDiff;
    QLineEdit *m_message;
    QPlainTextEdit *m_description;
    QPushButton *m_mergeButton;
    QTimer *m_previewDelay;
    std::optional<MergePreview> m_preview;
    QString m_autoMessage;
    int m_previewGeneration = 0;
    bool m_previewing = false;
    bool m_merging = false;
};

} // namespace hubvault::app
