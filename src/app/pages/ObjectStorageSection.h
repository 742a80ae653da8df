#pragma once
// The Storage page's "Object storage" section: where a local repository's packs are (this
// disk, an attached S3 bucket, both), and Attach, Offload, Fetch and Detach, each on a
// worker with progress and Cancel. A repository opened from a server shows only that its
// packs are managed on the server's machine.

#include <hubvault/PackStorage.h>
#include "async/BackgroundCall.h"
#include "async/LatestLoad.h"

#include <QGroupBox>
#include <QHash>
#include <QPointer>
#include <memory>

class QFormLayout;
class QLabel;
class QMessageBox;
class QProgressBar;
class QPushButton;

namespace hubvault {
class LocalRepository;
}

namespace hubvault::app {

class AttachBucketDialog;
class Job;

/** What the section shows, read by ObjectStorageSection::load(). */
struct ObjectStorageFigures {
    QString repoPath;
    bool remote = false; ///< the repository is served by another machine (not a LocalRepository)
    PackStorageStatus status;

    struct Place {
        int count = 0;
        qint64 size = 0;
    };
    Place place(PackPlace where) const;
};

class ObjectStorageSection : public QGroupBox {
    Q_OBJECT
public:
    enum class Operation { None, Offload, Fetch, Detach };
    Q_ENUM(Operation)

    explicit ObjectStorageSection(QWidget *parent = nullptr);

    void setRepository(const QString &repoPath);
    /** Reads the status again; a running operation is left alone. */
    void reload();

    bool isLoading() const { return m_loading; }
    bool isBusy() const;
    const ObjectStorageFigures &figures() const { return m_figures; }
    /** Text of a status row: "bucket", "endpoint", "region", "profile", "local", "remote", "both", "missing", "cache", "unreferenced". */
    QString figureText(const QString &key) const;
    /** Whether the row `key` is shown. */
    bool isFigureShown(const QString &key) const;
    QString summaryText() const;
    QString statusText() const;

    /** Opens the Attach Bucket dialog (window-modal, deleted on close). */
    AttachBucketDialog *openAttachDialog();
    /** Start the operation (what the buttons do; Detach asks first, see confirmDetach()). */
    void startOffload();
    void startFetch();
    void startDetach();
    /** Asks whether to detach (window-modal); Yes starts it. */
    QMessageBox *confirmDetach();
    void cancel();

    QPushButton *attachButton() const { return m_attach; }
    QPushButton *offloadButton() const { return m_offload; }
    QPushButton *fetchButton() const { return m_fetch; }
    QPushButton *detachButton() const { return m_detach; }
    QPushButton *refreshButton() const { return m_refresh; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    Job *job() const { return m_job; }

    /** The blocking read, public so tests can compare with it. Throws core errors. */
    static ObjectStorageFigures load(const QString &repoPath, const TaskControl &task = {});
    /** The repository at `repoPath` as a LocalRepository; throws HubVaultValidationError for a remote one. */
    static std::shared_ptr<LocalRepository> localRepository(const QString &repoPath);
    /** A failure of the core said for this section: what it means for the packs, then the core's words. */
    static QString failureText(const background::Failure &failure);

Q_SIGNALS:
    void loaded();
    /** Packs moved or the attachment changed: the page's disk figures are out of date. */
    void storageChanged();
    void errorOccurred(const QString &title, const QString &message);

private:
    void apply(const ObjectStorageFigures &figures, const QString &loadError = {});
    void start(Operation operation);
    void finish();
    void updateButtons();
    void showStatus(const QString &text);
    void addRow(QFormLayout *form, const QString &key, const QString &caption, const QString &toolTip = {});
    void setRow(const QString &key, const QString &text, bool shown = true);

    QLabel *m_summary;
    QWidget *m_details;
    QFormLayout *m_form;
    QHash<QString, QLabel *> m_values;
    QLabel *m_hint;
    QLabel *m_status;
    QProgressBar *m_progress;
    QWidget *m_buttonRow;
    QPushButton *m_attach;
    QPushButton *m_offload;
    QPushButton *m_fetch;
    QPushButton *m_detach;
    QPushButton *m_refresh;
    QPushButton *m_cancel;
    Job *m_job;
    Operation m_running = Operation::None;
    std::shared_ptr<PackTransferReport> m_report;
    QPointer<QMessageBox> m_confirm;
    ObjectStorageFigures m_figures;
    QString m_repoPath;
    LatestLoad m_load;
    bool m_loading = false;
};

} // namespace hubvault::app
