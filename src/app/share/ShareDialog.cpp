// The Share on Network dialog (see ShareDialog.h).
#include "share/ShareDialog.h"

#include "share/NetworkShare.h"

#include <hubvault/Errors.h>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace hubvault::app {

ShareDialog::ShareDialog(NetworkShare *share, QString location, QWidget *parent)
    : QDialog(parent), m_share(share), m_location(std::move(location))
{
    setObjectName(QStringLiteral("shareDialog"));
    setWindowTitle(tr("Share on Network"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    m_reach = new QComboBox(this);
    m_reach->setObjectName(QStringLiteral("reachBox"));
    m_reach->addItem(tr("This computer only"));
    m_reach->addItem(tr("Other computers on the network"));
    form->addRow(tr("&Reachable from:"), m_reach);
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("portBox"));
    m_port->setRange(0, 65535);
    m_port->setValue(9472);
    m_port->setSpecialValueText(tr("any free port"));
    form->addRow(tr("&Port:"), m_port);
    m_writes = new QCheckBox(tr("Allow &uploads, branches, merges and maintenance (a read-write token)"), this);
    m_writes->setObjectName(QStringLiteral("writesBox"));
    form->addRow(QString(), m_writes);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto *details = new QFormLayout;
    layout->addLayout(details);
    auto field = [this, details](const QString &name, const QString &label) {
        auto *row = new QHBoxLayout;
        auto *edit = new QLineEdit(this);
        edit->setObjectName(name);
        edit->setReadOnly(true);
        auto *copy = new QToolButton(this);
        copy->setText(tr("Copy"));
        copy->setToolTip(tr("Copy to the clipboard"));
        connect(copy, &QToolButton::clicked, this, [edit] { QApplication::clipboard()->setText(edit->text()); });
        row->addWidget(edit);
        row->addWidget(copy);
        details->addRow(label, row);
        return edit;
    };
    m_url = field(QStringLiteral("urlEdit"), tr("URL:"));
    m_readToken = field(QStringLiteral("readTokenEdit"), tr("Read-only token:"));
    m_writeToken = field(QStringLiteral("writeTokenEdit"), tr("Read-write token:"));
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("hintLabel"));
    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_hint);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_toggle = buttons->addButton(tr("&Start Sharing"), QDialogButtonBox::ActionRole);
    m_toggle->setObjectName(QStringLiteral("toggleButton"));
    connect(m_toggle, &QPushButton::clicked, this, &ShareDialog::toggle);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_share, &NetworkShare::runningChanged, this, &ShareDialog::showState);
    showState();
}

void ShareDialog::toggle()
{
    if (m_share->isRunning()) {
        m_share->stop();
        return;
    }
    NetworkShare::Settings settings;
    settings.otherComputers = m_reach->currentIndex() == 1;
    settings.port = m_port->value();
    settings.allowWrites = m_writes->isChecked();
    try {
        m_share->start(m_location, settings);
    } catch (const HubVaultError &error) {
        m_status->setText(tr("Cannot share: %1").arg(error.message()));
    }
}

void ShareDialog::showState()
{
    const bool running = m_share->isRunning();
    for (QWidget *setting : {static_cast<QWidget *>(m_reach), static_cast<QWidget *>(m_port), static_cast<QWidget *>(m_writes)})
        setting->setEnabled(!running);
    m_toggle->setText(running ? tr("&Stop Sharing") : tr("&Start Sharing"));
    m_url->setText(m_share->url());
    m_readToken->setText(running ? m_share->readToken() : QString());
    m_writeToken->setText(running ? m_share->writeToken() : QString());
    m_writeToken->setEnabled(running && !m_share->writeToken().isEmpty());
    m_status->setText(running ? tr("Sharing. Anyone with the URL and a token can reach this repository until you stop "
                                   "sharing or close the window.")
                              : tr("Not shared. Starting generates new tokens."));
    const QString token = m_share->writeToken().isEmpty() ? m_share->readToken() : m_share->writeToken();
    m_hint->setText(running ? tr("From another machine: hubvault -C %1 --token %2 log").arg(m_share->url(), token) : QString());
}

} // namespace hubvault::app
