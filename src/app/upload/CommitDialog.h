#pragma once
// The commit dialog: title, description, target branch and destination folder for the
// changes of the upload queue, the queue itself with per-file progress, an overall
// progress bar, and an explanation when the branch head moved since the queue was built.
// The dialog only shows and asks; UploadWorkflow runs the commit and answers.

#include <QDialog>
#include <QString>
#include <QStringList>

class QAbstractButton;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace Ui {
class CommitDialog;
}

namespace hubvault::app {

class UploadQueue;

class CommitDialog : public QDialog {
    Q_OBJECT
public:
    explicit CommitDialog(UploadQueue *queue, QWidget *parent = nullptr);
    ~CommitDialog() override;

    /** Fills the branch combo and selects `current` (the first branch when absent). */
    void setBranches(const QStringList &branches, const QString &current);
    QString branch() const;
    QString title() const;
    QString description() const;
    /** The destination folder as typed, normalized ("" = root). */
    QString destination() const;

    /** Shows why publishing on the expected head is no longer possible (rich text). */
    void showHeadMoved(const QString &explanation);
    void clearHeadMoved();
    bool isHeadMovedShown() const;
    void showFailure(const QString &message);
    void setPublishing(bool publishing);
    bool isPublishing() const { return m_publishing; }
    void setProgress(qint64 done, qint64 total);

    QLineEdit *titleEdit() const;
    QLineEdit *destinationEdit() const;
    QPushButton *publishButton() const;
    QPushButton *cancelButton() const;
    QPushButton *useNewHeadButton() const;
    QLabel *headMovedLabel() const;
    QLabel *errorLabel() const;
    QProgressBar *progressBar() const;

Q_SIGNALS:
    void publishRequested();
    /** Cancel while publishing: the commit should stop and roll back. */
    void cancelPublishRequested();
    void branchChanged(const QString &branch);
    /** The user accepts the moved head as the new parent. */
    void useNewHeadRequested();

public Q_SLOTS:
    void reject() override;

private:
    void updateSummary();
    /** Shows the queue's destination, until the user types one of their own. */
    void showQueueDestination();
    void updateButtons();
    void onDestinationEdited(const QString &text);
    void onButtonClicked(QAbstractButton *button);

    Ui::CommitDialog *ui;
    UploadQueue *m_queue;
    bool m_publishing = false;
    bool m_destinationValid = true;
    bool m_destinationEdited = false;
};

} // namespace hubvault::app
