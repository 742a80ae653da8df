#include "refs/CreateRefDialog.h"

#include <hubvault/Errors.h>
#include <hubvault/RepoPath.h>
#include "refs/RefsModel.h"
#include "ui_CreateRefDialog.h"

#include <QPushButton>

namespace hubvault::app {

CreateRefDialog::CreateRefDialog(Kind kind, const QString &commitId, const QString &commitTitle,
                                 const QStringList &takenNames, QWidget *parent)
    : QDialog(parent), ui(new Ui::CreateRefDialog), m_kind(kind), m_commitId(commitId), m_taken(takenNames)
{
    ui->setupUi(this);
    const bool isTag = kind == Kind::Tag;
    setObjectName(isTag ? QStringLiteral("createTagDialog") : QStringLiteral("createBranchDialog"));
    setWindowTitle(isTag ? tr("Create Tag") : tr("Create Branch"));
    const QString commit = QStringLiteral("<tt>%1</tt>").arg(RefsModel::shortId(commitId));
    const QString at = commitTitle.isEmpty() ? commit
                                             : tr("%1 “%2”").arg(commit, commitTitle.toHtmlEscaped());
    ui->targetLabel->setText(isTag ? tr("New tag at commit %1.").arg(at) : tr("New branch starting at commit %1.").arg(at));
    ui->messageLabel->setVisible(isTag);
    ui->messageEdit->setVisible(isTag);
    ui->nameEdit->setPlaceholderText(isTag ? tr("e.g. v1.0 or release/2024-06") : tr("e.g. experiment/lora-r16"));
    createButton()->setText(isTag ? tr("Create &Tag") : tr("Create &Branch"));
    ui->validationLabel->setStyleSheet(QStringLiteral("color: #b3261e;"));
    connect(ui->nameEdit, &QLineEdit::textChanged, this, &CreateRefDialog::validate);
    connect(ui->buttonBox, &QDialogButtonBox::accepted, this, &CreateRefDialog::accept);
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &CreateRefDialog::reject);
    validate();
    resize(width(), sizeHint().height());
}

CreateRefDialog::~CreateRefDialog()
{
    delete ui;
}

QString CreateRefDialog::name() const
{
    return ui->nameEdit->text().trimmed();
}

QString CreateRefDialog::tagMessage() const
{
    return ui->messageEdit->text().trimmed();
}

void CreateRefDialog::validate()
{
    const QString name = this->name();
    m_error.clear();
    if (!name.isEmpty()) {
        try {
            const QString normalized = RepoPath::normalizeRefName(name);
            if (m_taken.contains(normalized))
                m_error = m_kind == Kind::Tag ? tr("A tag named “%1” already exists.").arg(normalized)
                                              : tr("A branch named “%1” already exists.").arg(normalized);
        } catch (const HubVaultError &e) {
            m_error = e.message();
        }
    }
    showError(m_error);
    createButton()->setEnabled(!m_busy && !name.isEmpty() && m_error.isEmpty());
}

void CreateRefDialog::showError(const QString &message)
{
    ui->validationLabel->setText(message);
    ui->validationLabel->setVisible(!message.isEmpty());
}

void CreateRefDialog::setBusy(bool busy)
{
    m_busy = busy;
    ui->nameEdit->setEnabled(!busy);
    ui->messageEdit->setEnabled(!busy);
    setProperty("busy", busy);
    createButton()->setEnabled(!busy && !name().isEmpty() && m_error.isEmpty());
}

void CreateRefDialog::accept()
{
    if (!createButton()->isEnabled())
        return;
    Q_EMIT createRequested();
}

void CreateRefDialog::finish()
{
    QDialog::accept();
}

QLineEdit *CreateRefDialog::nameEdit() const { return ui->nameEdit; }
QLabel *CreateRefDialog::validationLabel() const { return ui->validationLabel; }
QPushButton *CreateRefDialog::createButton() const { return ui->buttonBox->button(QDialogButtonBox::Ok); }

} // namespace hubvault::app
