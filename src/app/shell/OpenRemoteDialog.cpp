// The Open Remote Repository dialog (see OpenRemoteDialog.h).
#include "shell/OpenRemoteDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace hubvault::app {

OpenRemoteDialog::OpenRemoteDialog(QWidget *parent, const QString &url) : QDialog(parent)
{
    setObjectName(QStringLiteral("openRemoteDialog"));
    setWindowTitle(tr("Open Remote Repository"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);
    m_url = new QLineEdit(url, this);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("http://host:9472"));
    form->addRow(tr("&URL:"), m_url);
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Token:"), m_token);
    m_remember = new QCheckBox(tr("&Remember the token in the desktop's keyring"), this);
    m_remember->setObjectName(QStringLiteral("rememberToken"));
    m_remember->setChecked(true);
    form->addRow(QString(), m_remember);
    auto *note = new QLabel(tr("The server's read-only or read-write token. Remembered, it is kept in the desktop's secret "
                               "store (GNOME Keyring, KWallet), never in HubVault's settings; otherwise only until "
                               "HubVault quits."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    connect(m_url, &QLineEdit::textChanged, this, &OpenRemoteDialog::validate);
    connect(m_token, &QLineEdit::textChanged, this, &OpenRemoteDialog::validate);
    (url.isEmpty() ? m_url : m_token)->setFocus();
    validate();
}

QString OpenRemoteDialog::url() const
{
    QString text = m_url->text().trimmed();
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

QString OpenRemoteDialog::token() const
{
    return m_token->text().trimmed();
}

bool OpenRemoteDialog::rememberToken() const
{
    return m_remember->isChecked();
}

void OpenRemoteDialog::validate()
{
    const QUrl parsed(url());
    const bool ok = (parsed.scheme() == QLatin1String("http") || parsed.scheme() == QLatin1String("https"))
                    && !parsed.host().isEmpty() && !token().isEmpty();
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(ok);
}

} // namespace hubvault::app
