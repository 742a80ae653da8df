#pragma once
// Repository › Share on Network…: the action, its dialog, and the share's lifetime (it
// ends when another repository is opened or the window closes).

#include <QObject>
#include <QPointer>

class QAction;

namespace hubvault::app {

class MainWindow;
class NetworkShare;
class ShareDialog;

class ShareWorkflow : public QObject {
    Q_OBJECT
public:
    explicit ShareWorkflow(MainWindow *window);

    ShareDialog *openDialog();
    NetworkShare *share() const { return m_share; }
    QAction *shareAction() const { return m_action; }

private:
    void onRepositoryOpened();

    MainWindow *m_window;
    NetworkShare *m_share;
    QAction *m_action;
    QPointer<ShareDialog> m_dialog;
    QString m_sharedLocation;
};

} // namespace hubvault::app
