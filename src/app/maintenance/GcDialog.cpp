#include "maintenance/GcDialog.h"
#include "shell/Formatting.h"

#include <hubvault/Repository.h>
#include "async/JobDialogFooter.h"
#include "async/Job.h"
#include "shell/OpenRepositories.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hubvault::app {

GcDialog::GcDialog(const QString &repoPath, QWidget *parent)
    : QDialog(parent), m_repoPath(repoPath), m_job(new Job(this))
{
    setObjectName(QStringLiteral("gcDialog"));
    setWindowTitle(tr("Garbage Collection"));
    auto *layout = new QVBoxLayout(this);
    auto *about = new QLabel(tr("Deletes stored objects and chunks that no branch or tag reaches any more (for "
                                "example after a squash, a reset or a deleted branch), packs what remains, and "
                                "removes temporary files. Reachable history is never touched."));
    about->setWordWrap(true);
    layout->addWidget(about);
    m_pruneCache = new QCheckBox(tr("Also empty the cache of downloaded file views"));
    m_pruneCache->setObjectName(QStringLiteral("pruneCacheCheck"));
    m_pruneCache->setChecked(true);
    layout->addWidget(m_pruneCache);
    m_reportView = new QTreeWidget;
    m_reportView->setObjectName(QStringLiteral("reportView"));
    m_reportView->setRootIsDecorated(false);
    m_reportView->setHeaderLabels({tr("What"), tr("Would free")});
    m_reportView->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    layout->addWidget(m_reportView, 1);
    m_progress = JobDialogFooter::addProgressBar(layout);
    m_status = JobDialogFooter::addStatusLabel(layout);

    m_run = JobDialogFooter::addButtons(layout, this, tr("&Run GC"), QDialogButtonBox::AcceptRole,
                                        QStringLiteral("runButton"), &m_close);
    connect(m_run, &QPushButton::clicked, this, &GcDialog::startCollection);
    connect(m_pruneCache, &QCheckBox::toggled, this, [this] {
        if (!m_result)
            startPreview();
    });

    connect(m_job, &Job::progressChanged, this, [this](qint64 done, qint64 total, const QString &phase) {
        if (phase == QLatin1String("repack") && total > 0) {
            m_progress->setRange(0, int(total));
            m_progress->setValue(int(done));
            m_progress->setFormat(tr("Repacking %v of %m objects"));
        }
    });
    connect(m_job, &Job::succeeded, this, [this] {
        setRunning(false);
        showReport(*m_pending);
        if (!m_dryRun)
            Q_EMIT collected();
    });
    connect(m_job, &Job::cancelled, this, [this] {
        setRunning(false);
        m_status->setText(m_dryRun ? tr("Cancelled.")
                                   : tr("Cancelled: the collection stopped at a safe point; what it had not removed yet "
                                        "is still there. Run it again to finish."));
        if (!m_dryRun)
            Q_EMIT collected();
    });
    connect(m_job, &Job::failed, this, [this](const QString &, const QString &message) {
        setRunning(false);
        m_status->setText(tr("<b>Garbage collection failed:</b> %1").arg(message.toHtmlEscaped()));
        if (!m_dryRun)
            Q_EMIT collected();
    });
    resize(560, 440);
    setRunning(false);
}

bool GcDialog::isBusy() const
{
    return m_job->isRunning();
}

void GcDialog::startPreview()
{
    start(true);
}

void GcDialog::startCollection()
{
    if (!m_preview || m_result)
        return;
    start(false);
}

void GcDialog::start(bool dryRun)
{
    if (m_job->isRunning())
        return;
    m_dryRun = dryRun;
    if (dryRun)
        m_preview.reset();
    m_pending = std::make_shared<GcReport>();
    setRunning(true);
    m_status->setText(dryRun ? tr("Working out what can be freed…") : tr("Collecting garbage…"));
    m_job->start([repo = m_repoPath, dryRun, prune = m_pruneCache->isChecked(), result = m_pending](const TaskControl &task) {
        *result = repositories::shared(repo)->gc(dryRun, prune, task);
    });
}

void GcDialog::showReport(const GcReport &report)
{
    (report.dryRun ? m_preview : m_result) = report;
    m_reportView->clear();
    m_reportView->setHeaderLabels({tr("What"), report.dryRun ? tr("Would free") : tr("Freed")});
    const QList<QPair<QString, qint64>> rows{
        {tr("Unreachable objects"), report.reclaimedObjectSize},
        {tr("Unreachable chunks"), report.reclaimedChunkSize},
        {tr("Cache of file views"), report.reclaimedCacheSize},
        {tr("Temporary files"), report.reclaimedTemporarySize},
    };
    for (const auto &[label, bytes] : rows)
        new QTreeWidgetItem(m_reportView, {label, formatBytes(bytes)});
    auto *total = new QTreeWidgetItem(m_reportView, {tr("Total"), formatBytes(report.reclaimedSize)});
    QFont bold = total->font(0);
    bold.setBold(true);
    total->setFont(0, bold);
    total->setFont(1, bold);
    new QTreeWidgetItem(m_reportView, {report.dryRun ? tr("Files to remove") : tr("Files removed"),
                                       QString::number(report.removedFileCount)});
    for (const QString &note : report.notes) {
        auto *item = new QTreeWidgetItem(m_reportView, {note});
        item->setFirstColumnSpanned(true);
        item->setToolTip(0, note);
    }
    m_reportView->resizeColumnToContents(1);
    if (report.dryRun)
        m_status->setText(report.reclaimedSize > 0
                              ? tr("Running garbage collection will free <b>%1</b> (checked %n ref(s)).", nullptr,
                                   int(report.checkedRefs.size()))
                                    .arg(formatBytes(report.reclaimedSize))
                              : tr("Nothing to free: all stored data is still reachable."));
    else
        m_status->setText(tr("<b>Done:</b> freed %1 and removed %n file(s).", nullptr, int(report.removedFileCount))
                              .arg(formatBytes(report.reclaimedSize)));
    setRunning(false);
}

void GcDialog::setRunning(bool running)
{
    m_run->setEnabled(!running && m_preview && !m_result);
    m_pruneCache->setEnabled(!running && !m_result);
    m_close->setText(running ? tr("&Cancel") : tr("&Close"));
    m_progress->setVisible(running);
    if (running) {
        m_progress->setRange(0, 0);
    } else {
        m_progress->setRange(0, 1);
        m_progress->setValue(m_result ? 1 : 0);
        m_progress->setFormat(QString());
    }
}

void GcDialog::reject()
{
    if (JobDialogFooter::cancelRunningJob(m_job, m_status, tr("Cancelling…")))
        return;
    QDialog::reject();
}

} // namespace hubvault::app
