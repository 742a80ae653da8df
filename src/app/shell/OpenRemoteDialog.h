#pragma once
// File › Open Remote Repository…: the URL of a `hubvault serve` and the token to use.

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;

namespace hubvault::app {

class OpenRemoteDialog : public QDialog {
    Q_OBJECT
public:
    explicit OpenRemoteDialog(QWidget *parent = nullptr, const QString &url = {});

    /** The URL without a trailing "/". */
    QString url() const;
    QString token() const;
    /** Keep the token in the desktop's secret store (TokenStore). */
    bool rememberToken() const;
    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *tokenEdit() const { return m_token; }

private:
    void validate();

    QLineEdit *m_url;
    QLineEdit *m_token;
    QCheckBox *m_remember;
    QDialogButtonBox *m_buttons;
};

} // namespace hubvault::app
