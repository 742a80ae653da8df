#pragma once
// Repository › Share on Network…: choose who may reach the repository and whether they may
// write, start or stop sharing, and copy the URL and tokens to hand to colleagues.

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace hubvault::app {

class NetworkShare;

class ShareDialog : public QDialog {
    Q_OBJECT
public:
    ShareDialog(NetworkShare *share, QString location, QWidget *parent = nullptr);

    QPushButton *toggleButton() const { return m_toggle; }
    QSpinBox *portBox() const { return m_port; }
    QCheckBox *writesBox() const { return m_writes; }
    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *readTokenEdit() const { return m_readToken; }
    QLineEdit *writeTokenEdit() const { return m_writeToken; }

private:
    void toggle();
    void showState();

    NetworkShare *m_share;
    QString m_location;
    QComboBox *m_reach;
    QSpinBox *m_port;
    QCheckBox *m_writes;
    QPushButton *m_toggle;
    QLabel *m_status;
    QLineEdit *m_url;
    QLineEdit *m_readToken;
    QLineEdit *m_writeToken;
    QLabel *m_hint;
};

} // namespace hubvault::app
