#include "async/JobDialogFooter.h"

#include "async/Job.h"

#include <QBoxLayout>
#include <QDialog>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace hubvault::app {

QProgressBar *JobDialogFooter::addProgressBar(QBoxLayout *layout)
{
    auto *progress = new QProgressBar;
    progress->setObjectName(QStringLiteral("progressBar"));
    layout->addWidget(progress);
    return progress;
}

QLabel *JobDialogFooter::addStatusLabel(QBoxLayout *layout)
{
    auto *status = new QLabel;
    status->setObjectName(QStringLiteral("statusLabel"));
    status->setWordWrap(true);
    status->setTextFormat(Qt::RichText);
    layout->addWidget(status);
    return status;
}

QPushButton *JobDialogFooter::addButtons(QBoxLayout *layout, QDialog *dialog, const QString &actionText,
                                         QDialogButtonBox::ButtonRole role, const QString &actionName, QPushButton **close)
{
    auto *buttons = new QDialogButtonBox;
    QPushButton *action = buttons->addButton(actionText, role);
    action->setObjectName(actionName);
    *close = buttons->addButton(QDialogButtonBox::Close);
    (*close)->setObjectName(QStringLiteral("closeButton"));
    layout->addWidget(buttons);
    QObject::connect(*close, &QPushButton::clicked, dialog, &QDialog::reject);
    return action;
}

bool JobDialogFooter::cancelRunningJob(Job *job, QLabel *status, const QString &cancellingText)
{
    if (!job->isRunning())
        return false;
    status->setText(cancellingText);
    job->cancel();
    return true;
}

} // namespace hubvault::app
