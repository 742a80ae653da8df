#pragma once
// The path of the current folder as a row of buttons: root › models › v2. Clicking a
// segment asks to go to that folder.

#include <QString>
#include <QWidget>

class QHBoxLayout;

namespace hubvault::app {

class BreadcrumbBar : public QWidget {
    Q_OBJECT
public:
    explicit BreadcrumbBar(QWidget *parent = nullptr);

    /** Shows `folderPath` ("" = root) below a root segment labelled `rootLabel`. */
    void setPath(const QString &folderPath, const QString &rootLabel);
    QString path() const { return m_path; }
    /** Labels of the segments, root first (for tests and accessibility). */
    QStringList segments() const;

Q_SIGNALS:
    /** A segment was clicked: go to `folderPath` ("" = root). */
    void pathActivated(const QString &folderPath);

private:
    void rebuild();

    QHBoxLayout *m_layout;
    QString m_path;
    QString m_rootLabel;
};

} // namespace hubvault::app
