#include "maintenance/VerifyDialog.h"
#include "shell/Formatting.h"

#include <hubvault/Repository.h>
#include "async/JobDialogFooter.h"
#include "async/Job.h"
#include "shell/OpenRepositories.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hubvault::app {

VerifyDialog::VerifyDialog(const QString &repoPath, Depth depth, QWidget *parent)
    : QDialog(parent), m_repoPath(repoPath), m_depth(depth), m_job(new Job(this))
{
    setObjectName(QStringLiteral("verifyDialog"));
    setWindowTitle(depth == Depth::Full ? tr("Full Verify") : tr("Quick Verify"));
    auto *layout = new QVBoxLayout(this);
    auto *about = new QLabel(depth == Depth::Full
                                 ? tr("Checks every ref, commit, tree and file record, and re-reads every stored "
                                      "object and chunk to compare it with its hash. This reads the whole repository.")
                                 : tr("Checks that every ref, commit, tree and file record is present and consistent, "
                                      "without re-reading stored contents. Use Full Verify to check the bytes too."));
    about->setWordWrap(true);
    layout->addWidget(about);
    m_progress = JobDialogFooter::addProgressBar(layout);
    m_status = JobDialogFooter::addStatusLabel(layout);
    m_reportView = new QTreeWidget;
    m_reportView->setObjectName(QStringLiteral("reportView"));
    m_reportView->setHeaderHidden(true);
    m_reportView->setWordWrap(true);
    layout->addWidget(m_reportView, 1);

    m_again = JobDialogFooter::addButtons(layout, this, tr("Verify &Again"), QDialogButtonBox::ActionRole,
                                          QStringLiteral("againButton"), &m_close);
    connect(m_again, &QPushButton::clicked, this, &VerifyDialog::start);

    connect(m_job, &Job::progressChanged, this, [this](qint64 done) {
        m_progress->setFormat(tr("%1 checked").arg(formatBytes(done)));
    });
    connect(m_job, &Job::succeeded, this, [this] { showReport(*m_pending); });
    connect(m_job, &Job::cancelled, this, [this] {
        setRunning(false);
        m_status->setText(tr("Cancelled before the end: nothing can be said about the repository yet."));
    });
    connect(m_job, &Job::failed, this, [this](const QString &, const QString &message) {
        setRunning(false);
        m_status->setText(tr("<b>Could not verify:</b> %1").arg(message.toHtmlEscaped()));
    });
    resize(620, 460);
}

bool VerifyDialog::isBusy() const
{
    return m_job->isRunning();
}

void VerifyDialog::start()
{
    if (m_job->isRunning())
        return;
    m_report.reset();
    m_reportView->clear();
    m_pending = std::make_shared<VerifyReport>();
    setRunning(true);
    m_status->setText(tr("Verifying…"));
    m_job->start([repo = m_repoPath, full = m_depth == Depth::Full, result = m_pending](const TaskControl &task) {
        const std::shared_ptr<Repository> sharedR = repositories::shared(repo);
        const Repository &r = *sharedR;
        *result = full ? r.fullVerify(task) : r.quickVerify(task);
    });
}

void VerifyDialog::showReport(const VerifyReport &report)
{
    setRunning(false);
    m_report = report;
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    if (report.ok && report.warnings.isEmpty())
        m_status->setText(tr("<b>OK:</b> no problems found in %n ref(s).", nullptr, int(report.checkedRefs.size())));
    else if (report.ok)
        m_status->setText(tr("<b>OK with %n warning(s)</b> (see below).", nullptr, int(report.warnings.size())));
    else
        m_status->setText(tr("<b>Problems found:</b> %n error(s); see below. Errors mean stored data is missing or "
                             "damaged; restore the repository from a backup copy.", nullptr, int(report.errors.size())));
    auto addGroup = [this](const QString &title, const QStringList &lines, QStyle::StandardPixmap icon, bool expand) {
        if (lines.isEmpty())
            return;
        auto *group = new QTreeWidgetItem(m_reportView, {title.arg(lines.size())});
        group->setIcon(0, style()->standardIcon(icon));
        for (const QString &line : lines)
            new QTreeWidgetItem(group, {line});
        group->setExpanded(expand);
    };
    addGroup(tr("Errors (%1)"), report.errors, QStyle::SP_MessageBoxCritical, true);
    addGroup(tr("Warnings (%1)"), report.warnings, QStyle::SP_MessageBoxWarning, true);
    addGroup(tr("Checked refs (%1)"), report.checkedRefs, QStyle::SP_DialogApplyButton, report.errors.isEmpty());
}

void VerifyDialog::setRunning(bool running)
{
    m_again->setEnabled(!running);
    m_close->setText(running ? tr("&Cancel") : tr("&Close"));
    if (running) {
        m_progress->setRange(0, 0); // the core does not know the total in advance
        m_progress->setFormat(QString());
    } else if (!m_report) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
    }
}

void VerifyDialog::reject()
{
    if (JobDialogFooter::cancelRunningJob(m_job, m_status, tr("Cancelling…")))
        return;
    QDialog::reject();
}

} // namespace hubvault::app
