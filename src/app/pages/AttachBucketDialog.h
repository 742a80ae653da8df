#pragma once
// Storage › Attach Bucket…: the S3 bucket, endpoint, region, profile and cache limit of a
// local repository's pack storage, checked as they are typed and then by the core on a
// worker; the dialog closes only once the bucket is attached, and shows why not otherwise.

#include <hubvault/PackStorage.h>

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace hubvault::app {

class AttachBucketDialog : public QDialog {
    Q_OBJECT
    Q_PROPERTY(bool busy READ isBusy)
public:
    explicit AttachBucketDialog(const QString &repoPath, QWidget *parent = nullptr);

    /** What the fields say, trimmed (the cache limit in bytes). */
    RemoteStorageOptions options() const;
    /** Why the fields cannot be attached as they are; empty when they can. */
    QString validationMessage() const;
    /** Asks the core to attach (what the Attach button does); ignored while invalid or busy. */
    void startAttach();
    bool isBusy() const { return m_busy; }
    /** The status the core returned, after attached(). */
    const PackStorageStatus &status() const { return m_status; }

    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *endpointEdit() const { return m_endpoint; }
    QLineEdit *regionEdit() const { return m_region; }
    QLineEdit *profileEdit() const { return m_profile; }
    QSpinBox *cacheLimitBox() const { return m_cacheLimit; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *attachButton() const { return m_attach; }

Q_SIGNALS:
    /** The bucket is attached (the dialog is accepted right after). */
    void attached();

protected:
    void reject() override;

private:
    void validate();
    void setBusy(bool busy);

    QString m_repoPath;
    QLineEdit *m_url;
    QLineEdit *m_endpoint;
    QLineEdit *m_region;
    QLineEdit *m_profile;
    QSpinBox *m_cacheLimit;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QPushButton *m_attach;
    PackStorageStatus m_status;
    bool m_busy = false;
    bool m_showingFailure = false;
};

} // namespace hubvault::app
