#include "maintenance/ExportDialog.h"
#include "shell/Formatting.h"

#include <hubvault/Repository.h>
#include "async/JobDialogFooter.h"
#include "async/Job.h"
#include "shell/OpenRepositories.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace hubvault::app {

namespace {

constexpr ExportFormat kFormats[] = {ExportFormat::Zip, ExportFormat::TarZst, ExportFormat::TarGz, ExportFormat::Tar,
                                     ExportFormat::Folder};

QString formatLabel(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Folder: return ExportDialog::tr("Folder");
    case ExportFormat::Zip: return ExportDialog::tr("ZIP archive (.zip)");
    case ExportFormat::Tar: return ExportDialog::tr("Tar archive (.tar)");
    case ExportFormat::TarGz: return ExportDialog::tr("Gzip-compressed tar (.tar.gz)");
    case ExportFormat::TarZst: return ExportDialog::tr("Zstandard-compressed tar (.tar.zst)");
    }
    return {};
}

QString extensionOf(ExportFormat format)
{
    return format == ExportFormat::Folder ? QString() : QLatin1Char('.') + SnapshotExporter::formatName(format);
}

/** The part of a name that is safe in a file name: no slashes or odd characters. */
QString fileNamePart(const QString &text)
{
    QString out = text;
    out.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
    return out;
}

} // namespace

ExportDialog::ExportDialog(const QString &repoPath, const QString &revision, const QString &pathInRepo,
                           const QStringList &revisions, QWidget *parent)
    : QDialog(parent), m_repoPath(repoPath), m_job(new Job(this))
{
    setWindowTitle(tr("Export"));
    setObjectName(QStringLiteral("exportDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    m_revision = new QComboBox;
    m_revision->setObjectName(QStringLiteral("revisionCombo"));
    m_revision->setEditable(true);
    m_revision->setInsertPolicy(QComboBox::NoInsert);
    m_revision->addItems(revisions);
    m_revision->setEditText(revision);
    m_revision->setToolTip(tr("A branch, a tag or a commit id"));
    form->addRow(tr("&Revision:"), m_revision);

    m_path = new QLineEdit(pathInRepo);
    m_path->setObjectName(QStringLiteral("pathEdit"));
    m_path->setPlaceholderText(tr("Everything"));
    m_path->setToolTip(tr("A folder (its content is exported) or a file of the revision; empty for everything"));
    form->addRow(tr("&Path in repository:"), m_path);

    m_format = new QComboBox;
    m_format->setObjectName(QStringLiteral("formatCombo"));
    for (ExportFormat format : kFormats)
        m_format->addItem(formatLabel(format), int(format));
    form->addRow(tr("&Format:"), m_format);

    auto *targetRow = new QHBoxLayout;
    m_target = new QLineEdit(suggestedTarget(repoPath, revision, pathInRepo, kFormats[0]));
    m_target->setObjectName(QStringLiteral("targetEdit"));
    auto *browse = new QPushButton(tr("&Browse…"));
    browse->setObjectName(QStringLiteral("browseButton"));
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(browse);
    auto *targetLabel = new QLabel(tr("&Save to:"));
    targetLabel->setBuddy(m_target);
    form->addRow(targetLabel, targetRow);

    m_force = new QCheckBox(tr("Replace an existing archive, or write into a folder that is not empty"));
    m_force->setObjectName(QStringLiteral("forceCheck"));
    form->addRow(QString(), m_force);

    auto *note = new QLabel(tr("The export is written aside and only put in place once complete: cancelling or a "
                               "failure leaves the target as it was."));
    note->setWordWrap(true);
    note->setEnabled(false);
    layout->addWidget(note);
    m_progress = JobDialogFooter::addProgressBar(layout);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setFormat(QString());
    m_status = JobDialogFooter::addStatusLabel(layout);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addStretch(1);

    m_exportButton = JobDialogFooter::addButtons(layout, this, tr("&Export"), QDialogButtonBox::AcceptRole,
                                                 QStringLiteral("exportButton"), &m_closeButton);
    m_exportButton->setDefault(true);

    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::onFormatChanged);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_target, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_exportButton->setEnabled(!m_job->isRunning() && !text.trimmed().isEmpty()); });
    connect(m_job, &Job::progressChanged, this, [this](qint64 done, qint64 total) { onProgress(done, total); });
    connect(m_job, &Job::succeeded, this, &ExportDialog::onSucceeded);
    connect(m_job, &Job::cancelled, this, &ExportDialog::onCancelled);
    connect(m_job, &Job::failed, this, [this](const QString &, const QString &message) { onFailed(message); });
    resize(640, minimumSizeHint().height());
}

QString ExportDialog::suggestedTarget(const QString &repoPath, const QString &revision, const QString &pathInRepo,
                                      ExportFormat format)
{
    static const QRegularExpression commitId(QStringLiteral("^[0-9a-f]{40}$"));
    QString name = QFileInfo(repoPath).fileName();
    if (!revision.isEmpty())
        name += QLatin1Char('-') + fileNamePart(commitId.match(revision).hasMatch() ? revision.left(7) : revision);
    if (!pathInRepo.isEmpty())
        name += QLatin1Char('-') + fileNamePart(pathInRepo.section(QLatin1Char('/'), -1));
    return QDir::homePath() + QLatin1Char('/') + name + extensionOf(format);
}

QString ExportDialog::withExtension(const QString &target, ExportFormat format)
{
    QString base = target;
    for (const QString &ext : {QStringLiteral(".tar.gz"), QStringLiteral(".tar.zst"), QStringLiteral(".tgz"),
                               QStringLiteral(".tzst"), QStringLiteral(".zip"), QStringLiteral(".tar")}) {
        if (base.endsWith(ext, Qt::CaseInsensitive)) {
            base.chop(ext.size());
            break;
        }
    }
    return base + extensionOf(format);
}

bool ExportDialog::isBusy() const
{
    return m_job->isRunning();
}

void ExportDialog::onFormatChanged()
{
    m_target->setText(withExtension(m_target->text(), ExportFormat(m_format->currentData().toInt())));
}

void ExportDialog::browse()
{
    const auto format = ExportFormat(m_format->currentData().toInt());
    QString chosen;
    if (format == ExportFormat::Folder) {
        // The export becomes a new folder; the user picks where it goes.
        const QString parent = QFileDialog::getExistingDirectory(this, tr("Export Into"), QFileInfo(m_target->text()).absolutePath());
        if (!parent.isEmpty())
            chosen = parent + QLatin1Char('/') + QFileInfo(m_target->text()).fileName();
    } else {
        chosen = QFileDialog::getSaveFileName(this, tr("Export To"), m_target->text(), formatLabel(format) + QStringLiteral(" (*%1)").arg(extensionOf(format)),
                                              nullptr, QFileDialog::DontConfirmOverwrite);
    }
    if (!chosen.isEmpty())
        m_target->setText(withExtension(chosen, format));
}

void ExportDialog::startExport()
{
    if (m_job->isRunning() || m_target->text().trimmed().isEmpty())
        return;
    ExportOptions options;
    options.revision = m_revision->currentText().trimmed();
    options.pathInRepo = m_path->text().trimmed();
    while (options.pathInRepo.endsWith(QLatin1Char('/')))
        options.pathInRepo.chop(1);
    options.target = QDir::cleanPath(QDir::fromNativeSeparators(m_target->text().trimmed()));
    options.format = ExportFormat(m_format->currentData().toInt());
    options.force = m_force->isChecked();
    options.forceHint = tr("tick “%1”").arg(m_force->text());
    m_report.reset();
    m_pending = std::make_shared<ExportReport>();
    setRunning(true);
    m_status->setText(tr("Exporting…"));
    m_job->start([repo = m_repoPath, options, result = m_pending](const TaskControl &task) {
        *result = SnapshotExporter(options).run(*repositories::shared(repo), task);
    });
}

void ExportDialog::onProgress(qint64 done, qint64 total)
{
    if (total <= 0)
        return;
    m_progress->setValue(int(done * 1000 / total));
    m_progress->setFormat(tr("%1 of %2").arg(formatBytes(done), formatBytes(total)));
}

void ExportDialog::onSucceeded()
{
    setRunning(false);
    m_report = *m_pending;
    m_progress->setValue(1000);
    m_progress->setFormat(tr("Done"));
    m_status->setText(tr("Exported %n file(s) (%1) of %2 (%3) to %4", nullptr, int(m_report->fileCount))
                          .arg(formatBytes(m_report->totalSize), m_report->revision.toHtmlEscaped(), m_report->commit.left(7),
                               QDir::toNativeSeparators(m_report->target).toHtmlEscaped()));
    Q_EMIT exported(*m_report);
}

void ExportDialog::onCancelled()
{
    setRunning(false);
    m_progress->setValue(0);
    m_progress->setFormat(QString());
    m_status->setText(tr("Cancelled: the target was left as it was."));
}

void ExportDialog::onFailed(const QString &message)
{
    setRunning(false);
    m_progress->setValue(0);
    m_progress->setFormat(QString());
    m_status->setText(tr("<b>The export failed:</b> %1").arg(message.toHtmlEscaped()));
}

void ExportDialog::setRunning(bool running)
{
    m_exportButton->setEnabled(!running && !m_target->text().trimmed().isEmpty());
    m_closeButton->setText(running ? tr("&Cancel") : tr("&Close"));
    for (QWidget *field : {static_cast<QWidget *>(m_revision), static_cast<QWidget *>(m_path),
                           static_cast<QWidget *>(m_format), static_cast<QWidget *>(m_target), static_cast<QWidget *>(m_force)})
        field->setEnabled(!running);
    if (running) {
        m_progress->setValue(0);
        m_progress->setFormat(tr("Preparing…"));
    }
}

void ExportDialog::reject()
{
    // Cancel while exporting stops the export and keeps the dialog to say so.
    if (JobDialogFooter::cancelRunningJob(m_job, m_status, tr("Cancelling…")))
        return;
    QDialog::reject();
}

} // namespace hubvault::app
