// The Attach Bucket dialog (see AttachBucketDialog.h).
#include "pages/AttachBucketDialog.h"

#include <hubvault/LocalRepository.h>
#include "async/BackgroundCall.h"
#include "pages/ObjectStorageSection.h"
#include "shell/OpenRepositories.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace hubvault::app {

namespace {

constexpr int kMinCacheMiB = 64; // the core refuses less: a few of the largest chunks must fit
constexpr int kDefaultCacheMiB = 2048;

} // namespace

AttachBucketDialog::AttachBucketDialog(const QString &repoPath, QWidget *parent) : QDialog(parent), m_repoPath(repoPath)
{
    setObjectName(QStringLiteral("attachBucketDialog"));
    setWindowTitle(tr("Attach Bucket"));
    auto *layout = new QVBoxLayout(this);
    auto *about = new QLabel(tr("New packs will be written to the bucket, and packs that are not on this disk are read "
                                "from it. The packs here stay where they are until you offload them. Use one prefix per "
                                "repository: garbage collection deletes every pack object under the prefix that this "
                                "repository does not use."));
    about->setWordWrap(true);
    layout->addWidget(about);

    auto *form = new QFormLayout;
    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("s3://BUCKET/PREFIX"));
    form->addRow(tr("&Bucket:"), m_url);
    m_endpoint = new QLineEdit;
    m_endpoint->setObjectName(QStringLiteral("endpointEdit"));
    m_endpoint->setPlaceholderText(QStringLiteral("https://s3.eu-west-1.amazonaws.com"));
    form->addRow(tr("&Endpoint:"), m_endpoint);
    m_region = new QLineEdit;
    m_region->setObjectName(QStringLiteral("regionEdit"));
    m_region->setPlaceholderText(QStringLiteral("us-east-1"));
    form->addRow(tr("&Region:"), m_region);
    m_profile = new QLineEdit;
    m_profile->setObjectName(QStringLiteral("profileEdit"));
    m_profile->setPlaceholderText(tr("optional"));
    m_profile->setToolTip(tr("A profile of ~/.aws/credentials, used instead of the AWS_* variables"));
    form->addRow(tr("&Profile:"), m_profile);
    m_cacheLimit = new QSpinBox;
    m_cacheLimit->setObjectName(QStringLiteral("cacheLimitBox"));
    m_cacheLimit->setRange(kMinCacheMiB, 1 << 22);
    m_cacheLimit->setSingleStep(256);
    m_cacheLimit->setValue(kDefaultCacheMiB);
    m_cacheLimit->setSuffix(tr(" MiB"));
    m_cacheLimit->setToolTip(tr("Disk space for chunks read from the bucket and kept here to be read again"));
    form->addRow(tr("&Chunk cache:"), m_cacheLimit);
    layout->addLayout(form);

    // Secrets stay out of the app (and out of the repository): the same places the AWS tools read.
    auto *credentials = new QLabel(tr("Credentials are not entered here: they come from the environment variables "
                                      "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) that HubVault "
                                      "was started with, or from the profile in ~/.aws/credentials. They are never "
                                      "stored in the repository."));
    credentials->setObjectName(QStringLiteral("credentialsNote"));
    credentials->setWordWrap(true);
    credentials->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(credentials);

    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);

    m_buttons = new QDialogButtonBox;
    m_attach = m_buttons->addButton(tr("&Attach"), QDialogButtonBox::AcceptRole);
    m_attach->setObjectName(QStringLiteral("attachButton"));
    m_buttons->addButton(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(m_attach, &QPushButton::clicked, this, &AttachBucketDialog::startAttach);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AttachBucketDialog::reject);
    layout->addWidget(m_buttons);

    for (QLineEdit *edit : {m_url, m_endpoint, m_region, m_profile})
        connect(edit, &QLineEdit::textChanged, this, [this] {
            m_showingFailure = false;
            validate();
        });
    resize(560, sizeHint().height());
    m_url->setFocus();
    validate();
}

RemoteStorageOptions AttachBucketDialog::options() const
{
    RemoteStorageOptions options;
    options.url = m_url->text().trimmed();
    while (options.url.endsWith(QLatin1Char('/')) && options.url.size() > 5)
        options.url.chop(1);
    options.endpoint = m_endpoint->text().trimmed();
    options.region = m_region->text().trimmed();
    options.profile = m_profile->text().trimmed();
    options.cacheLimit = qint64(m_cacheLimit->value()) << 20;
    return options;
}

QString AttachBucketDialog::validationMessage() const
{
    // The core checks the same again; checking here says it while typing, in the dialog's words.
    const RemoteStorageOptions o = options();
    if (o.url.isEmpty())
        return tr("Enter the bucket as s3://BUCKET/PREFIX.");
    if (!o.url.startsWith(QLatin1String("s3://")))
        return tr("The bucket must be written s3://BUCKET/PREFIX (the prefix is optional).");
    const QString bucket = o.url.mid(5).section(QLatin1Char('/'), 0, 0);
    static const QRegularExpression bucketName(QStringLiteral("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"));
    if (!bucketName.match(bucket).hasMatch())
        return tr("“%1” is not a valid bucket name: 3 to 63 lower-case letters, digits, dots and hyphens, starting and "
                  "ending with a letter or digit.")
            .arg(bucket);
    if (o.endpoint.isEmpty())
        return tr("Enter the endpoint, the address of the S3 API: http(s)://HOST[:PORT].");
    const QUrl endpoint(o.endpoint);
    if (!endpoint.isValid() || (endpoint.scheme() != QLatin1String("http") && endpoint.scheme() != QLatin1String("https"))
        || endpoint.host().isEmpty())
        return tr("The endpoint must be an http:// or https:// URL with a host, such as https://s3.eu-west-1.amazonaws.com.");
    if (o.region.contains(QLatin1Char(' ')))
        return tr("The region is one word, such as eu-west-1.");
    return {};
}

void AttachBucketDialog::validate()
{
    if (m_showingFailure)
        return;
    const QString problem = validationMessage();
    m_message->setText(problem);
    m_attach->setEnabled(!m_busy && problem.isEmpty());
}

void AttachBucketDialog::startAttach()
{
    if (m_busy || !validationMessage().isEmpty())
        return;
    setBusy(true);
    m_message->setText(tr("Checking the credentials and the bucket…"));
    background::run(
        this,
        [repoPath = m_repoPath, options = options()] {
            return ObjectStorageSection::localRepository(repoPath)->attachStorage(options);
        },
        [this](const background::Outcome<PackStorageStatus> &outcome) {
            setBusy(false);
            if (outcome.ok()) {
                m_status = *outcome.value;
                Q_EMIT attached();
                accept();
                return;
            }
            // Kept open with the reason, so a typo is fixed in place; the core wrote nothing.
            m_showingFailure = true;
            m_message->setText(tr("Not attached: %1").arg(ObjectStorageSection::failureText(outcome.failure)));
            m_attach->setEnabled(true);
        });
}

void AttachBucketDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *w : std::initializer_list<QWidget *>{m_url, m_endpoint, m_region, m_profile, m_cacheLimit})
        w->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!busy);
    m_attach->setEnabled(!busy && validationMessage().isEmpty());
}

void AttachBucketDialog::reject()
{
    // Attaching cannot be interrupted (the core has no cancel for it); it is a few requests.
    if (m_busy)
        return;
    QDialog::reject();
}

} // namespace hubvault::app
