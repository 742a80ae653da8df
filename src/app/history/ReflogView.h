#pragma once
// A ref's reflog in its own view (the main window docks it): read on a worker whenever the
// ref changes; activating an entry asks to show the commit it moved the ref to.

#include <QString>
#include <QWidget>

class QLabel;
class QTreeView;

namespace hubvault::app {

class ReflogModel;

class ReflogView : public QWidget {
    Q_OBJECT
public:
    explicit ReflogView(QWidget *parent = nullptr);

    void setRepository(const QString &repoPath);
    /** Loads the reflog of `fullRef` (e.g. refs/heads/main); "" clears the view. */
    void showRef(const QString &fullRef);
    /** Reads the current ref's reflog again. */
    void reload();

    QString refName() const { return m_ref; }
    bool isLoading() const { return m_loading; }
    ReflogModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    /** The message shown instead of entries ("" when entries are shown). */
    QString statusText() const;

Q_SIGNALS:
    /** The reflog of `fullRef` is shown (or its error is). */
    void loaded(const QString &fullRef);
    /** The user activated an entry: show `commitId`. */
    void commitActivated(const QString &commitId);

private:
    void setStatus(const QString &text);

    ReflogModel *m_model;
    QLabel *m_heading;
    QLabel *m_status;
    QTreeView *m_view;
    QString m_repoPath;
    QString m_ref;
    quint64 m_serial = 0;
    bool m_loading = false;
};

} // namespace hubvault::app
