#pragma once
// The lower part every dialog that runs one Job shares (export, verify, gc,
// squash): a progress bar, a rich-text status line, a button box with the dialog's action
// and Close (which reads Cancel while the job runs), and reject() cancelling a running job
// first. Texts are translated by the dialogs and passed in, so they stay in their contexts.

#include <QDialogButtonBox>
#include <QString>

class QBoxLayout;
class QDialog;
class QLabel;
class QProgressBar;
class QPushButton;

namespace hubvault::app {

class Job;

class JobDialogFooter {
public:
    /** Adds the progress bar (object name "progressBar") to `layout`. */
    static QProgressBar *addProgressBar(QBoxLayout *layout);
    /** Adds the word-wrapped rich-text status line (object name "statusLabel") to `layout`. */
    static QLabel *addStatusLabel(QBoxLayout *layout);
    /**
     * Adds a button box to `layout`: the action `actionText` with `role`, named `actionName`,
     * then Close (named "closeButton", stored in `*close`) that calls `dialog`'s reject().
     * Returns the action button.
     */
    static QPushButton *addButtons(QBoxLayout *layout, QDialog *dialog, const QString &actionText,
                                   QDialogButtonBox::ButtonRole role, const QString &actionName, QPushButton **close);
    /**
     * What reject() does first: a running `job` is asked to stop and `status` shows
     * `cancellingText`; true when it did so (the dialog then stays open to report the end).
     */
    static bool cancelRunningJob(Job *job, QLabel *status, const QString &cancellingText);
};

} // namespace hubvault::app
