#pragma once
// Asks for the name of a new branch or tag at a commit (and a tag's message). The name is
// checked as it is typed with the core's own rule (RepoPath::normalizeRefName), so the
// message shown is the core's; a name already taken is refused before the core is asked.
// Accepting does not close the dialog: RefWorkflow creates the ref on a worker and calls
// finish() on success or showError() with the core's message.

#include <QDialog>
#include <QString>
#include <QStringList>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Ui {
class CreateRefDialog;
}

namespace hubvault::app {

class CreateRefDialog : public QDialog {
    Q_OBJECT
public:
    enum class Kind { Branch, Tag };

    CreateRefDialog(Kind kind, const QString &commitId, const QString &commitTitle, const QStringList &takenNames,
                    QWidget *parent = nullptr);
    ~CreateRefDialog() override;

    Kind kind() const { return m_kind; }
    QString commitId() const { return m_commitId; }
    QString name() const;
    QString tagMessage() const;
    /** The core's validation message for the current name ("" when valid). */
    QString validationError() const { return m_error; }

    void showError(const QString &message);
    void setBusy(bool busy);
    /** Closes the dialog as accepted (after the ref was created). */
    void finish();

    QLineEdit *nameEdit() const;
    QLabel *validationLabel() const;
    QPushButton *createButton() const;

Q_SIGNALS:
    void createRequested();

public Q_SLOTS:
    void accept() override;

private:
    void validate();

    Ui::CreateRefDialog *ui;
    Kind m_kind;
    QString m_commitId;
    QStringList m_taken;
    QString m_error;
    bool m_busy = false;
};

} // namespace hubvault::app
