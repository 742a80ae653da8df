#include "upload/CommitDialog.h"
#include "shell/Formatting.h"

#include <hubvault/Errors.h>
#include <hubvault/RepoPath.h>
#include "files/FileTreeModel.h"
#include "upload/UploadQueue.h"
#include "upload/UploadQueueDock.h"
#include "ui_CommitDialog.h"

#include <QHeaderView>
#include <QPushButton>

namespace hubvault::app {

CommitDialog::CommitDialog(UploadQueue *queue, QWidget *parent)
    : QDialog(parent), ui(new Ui::CommitDialog), m_queue(queue)
{
    ui->setupUi(this);
    setObjectName(QStringLiteral("commitDialog"));
    ui->changesView->setModel(queue);
    UploadQueueDock::setUpQueueView(ui->changesView);
    ui->headMovedFrame->hide();
    ui->errorLabel->hide();
    ui->errorLabel->setStyleSheet(QStringLiteral("color: #b3261e;"));
    publishButton()->setText(tr("&Publish"));
    publishButton()->setDefault(true);
    showQueueDestination();

    connect(ui->titleEdit, &QLineEdit::textChanged, this, &CommitDialog::updateButtons);
    connect(ui->destinationEdit, &QLineEdit::textEdited, this, &CommitDialog::onDestinationEdited);
    connect(ui->branchCombo, &QComboBox::currentTextChanged, this, [this](const QString &branch) {
        clearHeadMoved();
        Q_EMIT branchChanged(branch);
    });
    connect(ui->useNewHeadButton, &QPushButton::clicked, this, &CommitDialog::useNewHeadRequested);
    connect(ui->buttonBox, &QDialogButtonBox::clicked, this, &CommitDialog::onButtonClicked);
    connect(queue, &UploadQueue::pendingChanged, this, [this] {
        if (!m_destinationEdited)
            showQueueDestination();
        updateSummary();
        updateButtons();
    });
    connect(queue, &UploadQueue::dataChanged, this, &CommitDialog::updateSummary);
    updateSummary();
    updateButtons();
}

CommitDialog::~CommitDialog()
{
    delete ui;
}

void CommitDialog::setBranches(const QStringList &branches, const QString &current)
{
    const QSignalBlocker block(ui->branchCombo);
    ui->branchCombo->clear();
    ui->branchCombo->addItems(branches);
    ui->branchCombo->setCurrentIndex(std::max<int>(0, int(branches.indexOf(current))));
}

QString CommitDialog::branch() const
{
    return ui->branchCombo->currentText();
}

QString CommitDialog::title() const
{
    return ui->titleEdit->text().trimmed();
}

QString CommitDialog::description() const
{
    return ui->descriptionEdit->toPlainText().trimmed();
}

QString CommitDialog::destination() const
{
    QString folder = ui->destinationEdit->text().trimmed();
    while (folder.startsWith(QLatin1Char('/')))
        folder.remove(0, 1);
    while (folder.endsWith(QLatin1Char('/')))
        folder.chop(1);
    return folder;
}

void CommitDialog::showQueueDestination()
{
    bool mixed = false;
    ui->destinationEdit->setText(m_queue->commonDestination(&mixed));
    ui->destinationEdit->setPlaceholderText(mixed ? tr("Several folders (as staged); type one to move all files there")
                                                  : tr("Repository root"));
}

void CommitDialog::onDestinationEdited(const QString &)
{
    m_destinationEdited = true;
    // The core's own path rules decide, so the dialog never accepts what the commit refuses.
    const QString folder = destination();
    try {
        const QString normalized = RepoPath::normalizeOptional(folder, tr("destination folder"));
        m_destinationValid = true;
        ui->errorLabel->hide();
        m_queue->setDestination(normalized);
    } catch (const HubVaultError &e) {
        m_destinationValid = false;
        showFailure(e.message());
    }
    updateButtons();
}

void CommitDialog::showHeadMoved(const QString &explanation)
{
    ui->headMovedLabel->setText(explanation);
    ui->headMovedFrame->show();
    updateButtons();
}

void CommitDialog::clearHeadMoved()
{
    ui->headMovedFrame->hide();
    ui->headMovedLabel->clear();
    updateButtons();
}

bool CommitDialog::isHeadMovedShown() const
{
    return !ui->headMovedFrame->isHidden();
}

void CommitDialog::showFailure(const QString &message)
{
    ui->errorLabel->setText(message);
    ui->errorLabel->setVisible(!message.isEmpty());
}

void CommitDialog::setPublishing(bool publishing)
{
    m_publishing = publishing;
    for (QWidget *w : {static_cast<QWidget *>(ui->titleEdit), static_cast<QWidget *>(ui->descriptionEdit),
                       static_cast<QWidget *>(ui->branchCombo), static_cast<QWidget *>(ui->destinationEdit)})
        w->setEnabled(!publishing);
    if (publishing) {
        showFailure({});
        setProgress(0, m_queue->totalBytes(m_queue->pendingRows()));
    }
    updateButtons();
}

void CommitDialog::setProgress(qint64 done, qint64 total)
{
    // QProgressBar takes ints: show per mille, label in bytes.
    ui->overallProgress->setRange(0, 1000);
    ui->overallProgress->setValue(total > 0 ? int(done * 1000 / total) : 0);
    ui->progressLabel->setText(tr("%1 of %2").arg(formatBytes(done), formatBytes(total)));
}

void CommitDialog::updateSummary()
{
    int adds = 0, deletes = 0;
    const QList<int> rows = m_queue->pendingRows();
    for (int row : rows)
        (m_queue->change(row).kind == StagedChange::Kind::Add ? adds : deletes)++;
    const QString size = formatBytes(m_queue->totalBytes(rows));
    const QString addText = adds == 1 ? tr("1 file to add (%1)").arg(size) : tr("%1 files to add (%2)").arg(adds).arg(size);
    const QString deleteText = deletes == 1 ? tr("1 path to delete") : tr("%1 paths to delete").arg(deletes);
    ui->summaryLabel->setText(adds && deletes ? tr("%1, %2.").arg(addText, deleteText)
                              : adds          ? addText + QLatin1Char('.')
                              : deletes       ? deleteText + QLatin1Char('.')
                                              : tr("Nothing to publish: drop files on the window or mark files for deletion."));
}

void CommitDialog::updateButtons()
{
    publishButton()->setEnabled(!m_publishing && !title().isEmpty() && m_queue->hasPending() && m_destinationValid
                                && !isHeadMovedShown() && ui->branchCombo->count() > 0);
    ui->useNewHeadButton->setEnabled(!m_publishing);
    cancelButton()->setText(m_publishing ? tr("&Stop") : tr("Cancel"));
    cancelButton()->setToolTip(m_publishing ? tr("Stop publishing; nothing is committed") : QString());
}

void CommitDialog::onButtonClicked(QAbstractButton *button)
{
    if (button == publishButton())
        Q_EMIT publishRequested();
    else if (button == cancelButton())
        reject();
}

void CommitDialog::reject()
{
    // Closing while the commit runs stops it; the dialog stays until the rollback is done.
    if (m_publishing) {
        Q_EMIT cancelPublishRequested();
        return;
    }
    QDialog::reject();
}

QLineEdit *CommitDialog::titleEdit() const { return ui->titleEdit; }
QLineEdit *CommitDialog::destinationEdit() const { return ui->destinationEdit; }
QPushButton *CommitDialog::publishButton() const { return ui->buttonBox->button(QDialogButtonBox::Ok); }
QPushButton *CommitDialog::cancelButton() const { return ui->buttonBox->button(QDialogButtonBox::Cancel); }
QPushButton *CommitDialog::useNewHeadButton() const { return ui->useNewHeadButton; }
QLabel *CommitDialog::headMovedLabel() const { return ui->headMovedLabel; }
QLabel *CommitDialog::errorLabel() const { return ui->errorLabel; }
QProgressBar *CommitDialog::progressBar() const { return ui->overallProgress; }

} // namespace hubvault::app
