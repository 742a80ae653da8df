#pragma once
// The upload queue as a dock: every staged add and delete with its repository path, size,
// progress, speed and state, and buttons to publish the queue (the commit dialog), remove
// selected entries or clear the finished ones.

#include <QDockWidget>

class QPushButton;
class QTreeView;

namespace hubvault::app {

class UploadQueue;

class UploadQueueDock : public QDockWidget {
    Q_OBJECT
public:
    explicit UploadQueueDock(UploadQueue *queue, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    QPushButton *commitButton() const { return m_commit; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *clearFinishedButton() const { return m_clearFinished; }

    /** Columns, widths and the progress-bar delegate shared by every view of a queue. */
    static void setUpQueueView(QTreeView *view);

Q_SIGNALS:
    /** The user wants to publish the queue. */
    void commitRequested();

private:
    void updateButtons();
    void removeSelected();

    UploadQueue *m_queue;
    QTreeView *m_view;
    QPushButton *m_commit;
    QPushButton *m_remove;
    QPushButton *m_clearFinished;
};

} // namespace hubvault::app
