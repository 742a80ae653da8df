// The Storage page's object storage section (see ObjectStorageSection.h).
#include "pages/ObjectStorageSection.h"

#include <hubvault/LocalRepository.h>
#include "async/Job.h"
#include "pages/AttachBucketDialog.h"
#include "pages/FigureRow.h"
#include "shell/Formatting.h"
#include "shell/OpenRepositories.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace hubvault::app {

namespace {

constexpr int kProgressSteps = 1000; // QProgressBar counts in int; byte totals pass 2 GiB

} // namespace

ObjectStorageFigures::Place ObjectStorageFigures::place(PackPlace where) const
{
    Place out;
    for (const PackStatus &pack : status.packs) {
        if (pack.place == where) {
            ++out.count;
            out.size += pack.size;
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------

ObjectStorageSection::ObjectStorageSection(QWidget *parent)
    : QGroupBox(tr("Object storage"), parent),
      m_summary(new QLabel),
      m_details(new QWidget),
      m_form(new QFormLayout(m_details)),
      m_hint(new QLabel),
      m_status(new QLabel),
      m_progress(new QProgressBar),
      m_buttonRow(new QWidget),
      m_attach(new QPushButton(tr("&Attach Bucket…"))),
      m_offload(new QPushButton(tr("&Offload"))),
      m_fetch(new QPushButton(tr("F&etch"))),
      m_detach(new QPushButton(tr("&Detach…"))),
      m_refresh(new QPushButton(tr("Refre&sh"))),
      m_cancel(new QPushButton(tr("&Cancel"))),
      m_job(new Job(this, Job::Measure::Bytes))
{
    setObjectName(QStringLiteral("objectStorageSection"));
    auto *layout = new QVBoxLayout(this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    m_form->setContentsMargins(0, 0, 0, 0);
    addRow(m_form, QStringLiteral("bucket"), tr("Bucket:"));
    addRow(m_form, QStringLiteral("endpoint"), tr("Endpoint:"), tr("The address of the bucket's S3 API"));
    addRow(m_form, QStringLiteral("region"), tr("Region:"), tr("The region requests are signed for"));
    addRow(m_form, QStringLiteral("profile"), tr("Credentials:"),
           tr("Where the keys come from; they are never stored in the repository"));
    addRow(m_form, QStringLiteral("local"), tr("Only on this disk:"), tr("Packs in chunks/packs/ that the bucket does not hold"));
    addRow(m_form, QStringLiteral("remote"), tr("Only in the bucket:"), tr("Packs read from the bucket when needed"));
    addRow(m_form, QStringLiteral("both"), tr("In both:"),
           tr("Packs on this disk and in the bucket; Offload removes the local copies"));
    addRow(m_form, QStringLiteral("missing"), tr("Missing:"),
           tr("Packs the repository names that are neither here nor in the bucket: reading their files fails"));
    addRow(m_form, QStringLiteral("cache"), tr("Chunk cache:"),
           tr("Chunks read from the bucket and kept in cache/chunks/ to be read again, of its limit"));
    addRow(m_form, QStringLiteral("unreferenced"), tr("Unreferenced in the bucket:"),
           tr("Pack objects under the prefix that no file uses, and multipart uploads that never finished"));
    layout->addWidget(m_details);

    m_hint->setObjectName(QStringLiteral("hintLabel"));
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);

    auto *buttons = new QHBoxLayout(m_buttonRow);
    buttons->setContentsMargins(0, 0, 0, 0);
    m_attach->setObjectName(QStringLiteral("attachBucketButton"));
    m_attach->setToolTip(tr("Keep new packs in an S3-compatible bucket (AWS S3, Ceph RGW, OpenStack Swift, MinIO)"));
    m_offload->setObjectName(QStringLiteral("offloadButton"));
    m_offload->setToolTip(tr("Upload the packs on this disk, check each copy in the bucket, then delete the local one"));
    m_fetch->setObjectName(QStringLiteral("fetchButton"));
    m_fetch->setToolTip(tr("Download every pack that is only in the bucket, so the repository is whole on this disk"));
    m_detach->setObjectName(QStringLiteral("detachButton"));
    m_detach->setToolTip(tr("Fetch every pack, then stop using the bucket (its objects are kept)"));
    m_refresh->setObjectName(QStringLiteral("refreshButton"));
    m_refresh->setToolTip(tr("Read the status again, including the bucket's listing"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    for (QPushButton *b : {m_attach, m_offload, m_fetch, m_detach, m_refresh, m_cancel})
        buttons->addWidget(b);
    buttons->addStretch(1);
    layout->addWidget(m_buttonRow);

    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, kProgressSteps);
    layout->addWidget(m_progress);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    m_status->hide();

    connect(m_attach, &QPushButton::clicked, this, &ObjectStorageSection::openAttachDialog);
    connect(m_offload, &QPushButton::clicked, this, &ObjectStorageSection::startOffload);
    connect(m_fetch, &QPushButton::clicked, this, &ObjectStorageSection::startFetch);
    connect(m_detach, &QPushButton::clicked, this, &ObjectStorageSection::confirmDetach);
    connect(m_refresh, &QPushButton::clicked, this, &ObjectStorageSection::reload);
    connect(m_cancel, &QPushButton::clicked, this, &ObjectStorageSection::cancel);
    connect(m_job, &Job::progressChanged, this, [this](qint64 done, qint64 total, const QString &) {
        if (total <= 0)
            return;
        m_progress->setValue(int(double(done) / double(total) * kProgressSteps));
        const QString text = m_running == Operation::Offload ? tr("Uploading %1 of %2…") : tr("Downloading %1 of %2…");
        m_progress->setFormat(text.arg(formatBytes(done), formatBytes(total)));
    });
    connect(m_job, &Job::ended, this, &ObjectStorageSection::finish);
    apply({});
}

void ObjectStorageSection::addRow(QFormLayout *form, const QString &key, const QString &caption, const QString &toolTip)
{
    QLabel *value = addFigureRow(form, caption, toolTip);
    value->setObjectName(key + QStringLiteral("Value"));
    m_values.insert(key, value);
}

void ObjectStorageSection::setRow(const QString &key, const QString &text, bool shown)
{
    QLabel *value = m_values.value(key);
    value->setText(text);
    m_form->setRowVisible(value, shown);
}

QString ObjectStorageSection::figureText(const QString &key) const
{
    const QLabel *label = m_values.value(key);
    return label ? label->text() : QString();
}

bool ObjectStorageSection::isFigureShown(const QString &key) const
{
    const QLabel *label = m_values.value(key);
    return label && label->isVisibleTo(this);
}

QString ObjectStorageSection::summaryText() const
{
    return m_summary->text();
}

QString ObjectStorageSection::statusText() const
{
    return m_status->text();
}

bool ObjectStorageSection::isBusy() const
{
    return m_job->isRunning();
}

void ObjectStorageSection::showStatus(const QString &text)
{
    // Empty labels still take a row's spacing; the section stays compact beside the figures.
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void ObjectStorageSection::setRepository(const QString &repoPath)
{
    if (repoPath != m_repoPath)
        showStatus({});
    m_repoPath = repoPath;
    reload();
}

std::shared_ptr<LocalRepository> ObjectStorageSection::localRepository(const QString &repoPath)
{
    // The app opens repositories through the core's factory; a server's is a RemoteRepository.
    auto local = std::dynamic_pointer_cast<LocalRepository>(repositories::shared(repoPath));
    if (!local)
        throw HubVaultValidationError(
            tr("Pack storage is managed where the repository lives; use “hubvault storage” on the server's machine."));
    return local;
}

ObjectStorageFigures ObjectStorageSection::load(const QString &repoPath, const TaskControl &task)
{
    ObjectStorageFigures f;
    f.repoPath = repoPath;
    const std::shared_ptr<Repository> repo = repositories::shared(repoPath);
    auto *local = dynamic_cast<LocalRepository *>(repo.get());
    if (!local) {
        f.remote = true;
        return f;
    }
    f.status = local->packStorageStatus(task);
    return f;
}

void ObjectStorageSection::reload()
{
    // Not loadLatest(): a bucket out of reach is said here, in the section, rather than in a
    // message box each time the page reloads; the page's own figures still load.
    const TaskControl task = m_load.next();
    const quint64 serial = m_load.serial();
    if (m_repoPath.isEmpty()) {
        m_loading = false;
        apply({});
        Q_EMIT loaded();
        return;
    }
    m_loading = true;
    updateButtons();
    background::run(
        this, [repoPath = m_repoPath, task] { return load(repoPath, task); },
        [this, serial, repoPath = m_repoPath](const background::Outcome<ObjectStorageFigures> &outcome) {
            if (!m_load.isLatest(serial))
                return;
            m_loading = false;
            if (outcome.ok()) {
                apply(*outcome.value);
            } else {
                ObjectStorageFigures unknown;
                unknown.repoPath = repoPath;
                apply(unknown, failureText(outcome.failure));
            }
            Q_EMIT loaded();
        });
}

void ObjectStorageSection::apply(const ObjectStorageFigures &f, const QString &loadError)
{
    m_figures = f;
    const PackStorageStatus &s = f.status;
    const bool none = f.repoPath.isEmpty() || f.remote || !loadError.isEmpty();
    m_details->setVisible(!none);
    m_buttonRow->setVisible(!f.remote);
    m_hint->clear();
    m_hint->hide();
    if (f.repoPath.isEmpty()) {
        m_summary->setText(tr("No repository open."));
    } else if (f.remote) {
        m_summary->setText(tr("This repository is served from %1. Its pack storage is managed on the server's machine, "
                              "where “hubvault storage” attaches a bucket, offloads and fetches packs.")
                               .arg(f.repoPath));
    } else if (!loadError.isEmpty()) {
        m_summary->setText(tr("Cannot read where the packs are: %1").arg(loadError));
    } else if (!s.attached) {
        m_summary->setText(tr("No bucket attached: every pack is on this disk, in chunks/packs/. Attach an S3-compatible "
                              "bucket to keep packs there instead."));
    } else {
        m_summary->setText(tr("Packs are kept in a bucket: new packs are written there, and packs not on this disk are "
                              "read from it."));
    }
    if (none) {
        updateButtons();
        return;
    }

    auto packs = [](const ObjectStorageFigures::Place &p) {
        return tr("%n pack(s), %1", nullptr, p.count).arg(formatBytes(p.size));
    };
    const auto local = f.place(PackPlace::Local);
    const auto remote = f.place(PackPlace::Remote);
    const auto both = f.place(PackPlace::LocalAndRemote);
    const auto missing = f.place(PackPlace::Missing);
    setRow(QStringLiteral("bucket"), s.url, s.attached);
    setRow(QStringLiteral("endpoint"), s.endpoint, s.attached);
    setRow(QStringLiteral("region"), s.region, s.attached);
    setRow(QStringLiteral("profile"),
           s.profile.isEmpty() ? tr("AWS_* variables, else ~/.aws/credentials")
                               : tr("profile “%1” of ~/.aws/credentials").arg(s.profile),
           s.attached);
    setRow(QStringLiteral("local"), packs(local));
    setRow(QStringLiteral("remote"), packs(remote), s.attached);
    setRow(QStringLiteral("both"), packs(both), s.attached);
    setRow(QStringLiteral("missing"), packs(missing), missing.count > 0);
    setRow(QStringLiteral("cache"), tr("%1 of %2").arg(formatBytes(s.cacheSize), formatBytes(s.cacheLimit)), s.attached);
    const bool leftovers = s.unreferencedObjectCount > 0 || s.pendingUploadCount > 0;
    setRow(QStringLiteral("unreferenced"),
           tr("%n object(s), %1", nullptr, s.unreferencedObjectCount).arg(formatBytes(s.unreferencedObjectSize)) + QStringLiteral("; ")
               + tr("%n unfinished upload(s)", nullptr, s.pendingUploadCount),
           s.attached && leftovers);

    QStringList hints;
    if (missing.count > 0)
        hints << tr("%n pack(s) are neither on this disk nor in the bucket: files stored in them cannot be read. "
                    "Run Repository › Full Verify to see which.",
                    nullptr, missing.count);
    if (s.attached && leftovers)
        hints << tr("Garbage collection (Repository › Garbage Collection…) removes the unreferenced objects and aborts "
                    "the unfinished uploads.");
    m_hint->setText(hints.join(QLatin1Char('\n')));
    m_hint->setVisible(!hints.isEmpty());
    updateButtons();
}

void ObjectStorageSection::updateButtons()
{
    const bool running = m_job->isRunning();
    const bool ready = !m_repoPath.isEmpty() && !m_figures.remote && m_figures.repoPath == m_repoPath && !m_loading
                       && !running && m_details->isVisibleTo(this);
    const bool attached = m_figures.status.attached;
    const bool canOffload = m_figures.place(PackPlace::Local).count + m_figures.place(PackPlace::LocalAndRemote).count > 0;
    m_attach->setEnabled(ready && !attached);
    m_offload->setEnabled(ready && attached && canOffload);
    m_fetch->setEnabled(ready && attached && m_figures.place(PackPlace::Remote).count > 0);
    m_detach->setEnabled(ready && attached);
    m_refresh->setEnabled(!m_repoPath.isEmpty() && !m_figures.remote && !running);
    m_cancel->setVisible(running);
    m_progress->setVisible(running);
}

AttachBucketDialog *ObjectStorageSection::openAttachDialog()
{
    if (!m_attach->isEnabled())
        return nullptr;
    auto *dialog = new AttachBucketDialog(m_repoPath, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AttachBucketDialog::attached, this, [this, dialog] {
        showStatus(tr("Attached %1: new packs go there; Offload moves the packs on this disk.").arg(dialog->status().url));
        reload();
        Q_EMIT storageChanged();
    });
    dialog->open();
    return dialog;
}

void ObjectStorageSection::startOffload()
{
    start(Operation::Offload);
}

void ObjectStorageSection::startFetch()
{
    start(Operation::Fetch);
}

void ObjectStorageSection::startDetach()
{
    start(Operation::Detach);
}

QMessageBox *ObjectStorageSection::confirmDetach()
{
    if (!m_detach->isEnabled() || m_confirm)
        return m_confirm;
    const auto remote = m_figures.place(PackPlace::Remote);
    m_confirm = new QMessageBox(
        QMessageBox::Question, tr("Detach Bucket"),
        tr("Detach %1?\n\nEvery pack that is only in the bucket is downloaded first (%2), so the repository is whole on "
           "this disk again; new packs are then written here. The bucket's objects are not deleted.")
            .arg(m_figures.status.url, formatBytes(remote.size)),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    m_confirm->setObjectName(QStringLiteral("confirmDetachBox"));
    m_confirm->button(QMessageBox::Yes)->setText(tr("&Detach"));
    m_confirm->setDefaultButton(QMessageBox::Cancel);
    m_confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirm, &QMessageBox::finished, this, [this](int result) {
        if (result == QMessageBox::Yes)
            startDetach();
    });
    m_confirm->open();
    return m_confirm;
}

void ObjectStorageSection::start(Operation operation)
{
    const bool enabled = operation == Operation::Offload ? m_offload->isEnabled()
                         : operation == Operation::Fetch ? m_fetch->isEnabled()
                                                         : m_detach->isEnabled();
    if (!enabled || m_job->isRunning())
        return;
    m_running = operation;
    m_report = std::make_shared<PackTransferReport>();
    m_progress->setValue(0);
    m_progress->setFormat(operation == Operation::Offload ? tr("Uploading…") : tr("Downloading…"));
    showStatus(operation == Operation::Offload ? tr("Offloading packs to %1…").arg(m_figures.status.url)
                      : operation == Operation::Fetch ? tr("Fetching packs from %1…").arg(m_figures.status.url)
                                                      : tr("Detaching %1…").arg(m_figures.status.url));
    m_job->start([repoPath = m_repoPath, operation, report = m_report](const TaskControl &task) {
        const std::shared_ptr<LocalRepository> repo = localRepository(repoPath);
        if (operation == Operation::Offload)
            *report = repo->offloadPacks(task);
        else if (operation == Operation::Fetch)
            *report = repo->fetchPacks(task);
        else
            *report = repo->detachStorage(task);
    });
    updateButtons();
}

void ObjectStorageSection::cancel()
{
    if (!m_job->isRunning())
        return;
    showStatus(tr("Cancelling…"));
    m_job->cancel();
}

void ObjectStorageSection::finish()
{
    const Operation operation = m_running;
    m_running = Operation::None;
    const PackTransferReport &r = *m_report;
    switch (m_job->state()) {
    case Job::State::Succeeded:
        if (operation == Operation::Offload)
            showStatus(tr("Uploaded %n pack(s) (%1), %2 already in the bucket; freed %3 on this disk.", nullptr,
                                 r.movedCount)
                                  .arg(formatBytes(r.movedSize))
                                  .arg(r.keptCount)
                                  .arg(formatBytes(r.freedLocalSize)));
        else if (operation == Operation::Fetch)
            showStatus(tr("Downloaded %n pack(s) (%1), %2 already on this disk: the repository is whole here "
                                 "again.",
                                 nullptr, r.movedCount)
                                  .arg(formatBytes(r.movedSize))
                                  .arg(r.keptCount));
        else
            showStatus(tr("Detached after downloading %n pack(s) (%1): new packs are written to this disk again. "
                                 "The bucket's objects are kept; delete them with the store's own tools when you no "
                                 "longer need them.",
                                 nullptr, r.movedCount)
                                  .arg(formatBytes(r.movedSize)));
        break;
    case Job::State::Cancelled:
        // Each pack moves whole or not at all, so a cancelled run leaves every file readable.
        if (operation == Operation::Offload)
            showStatus(tr("Offload cancelled: the packs already offloaded are in the bucket, the others are still "
                                 "on this disk. An unfinished upload may remain until garbage collection."));
        else if (operation == Operation::Fetch)
            showStatus(tr("Fetch cancelled: the packs already downloaded are on this disk, the others are still "
                                 "read from the bucket."));
        else
            showStatus(tr("Detach cancelled: the bucket is still attached; the packs already downloaded are on "
                                 "this disk."));
        break;
    default: {
        const QString title = operation == Operation::Offload ? tr("Cannot Offload Packs")
                              : operation == Operation::Fetch ? tr("Cannot Fetch Packs")
                                                              : tr("Cannot Detach Bucket");
        showStatus(title);
        Q_EMIT errorOccurred(title, failureText(m_job->failure()));
        break;
    }
    }
    updateButtons();
    reload();
    Q_EMIT storageChanged();
}

QString ObjectStorageSection::failureText(const background::Failure &failure)
{
    QString meaning;
    switch (failure.errorKind.value_or(ErrorKind::HubVault)) {
    case ErrorKind::Authentication:
        meaning = tr("The object store refused the credentials. HubVault reads them from the variables "
                     "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY it was started with, or from ~/.aws/credentials.");
        break;
    case ErrorKind::RemoteTransport:
        meaning = tr("The object store could not be reached: check the endpoint and the network. No pack was deleted "
                     "from this disk without a checked copy in the bucket.");
        break;
    case ErrorKind::RemoteProtocol:
        meaning = tr("The object store answered something HubVault does not understand: is the endpoint an S3 API?");
        break;
    case ErrorKind::Integrity:
    case ErrorKind::EntryNotFound:
        meaning = tr("A pack is damaged or missing. Repository › Full Verify lists the files it affects.");
        break;
    default:
        break; // the core's message says it all (validation, a full disk, ...)
    }
    return meaning.isEmpty() ? failure.message : meaning + QStringLiteral("\n\n") + failure.message;
}

} // namespace hubvault::app
