#pragma once
// Helpers shared by the desktop app's widget suites (tests/app): opening a repository in a
// MainWindow and waiting for it, dropping local files on a widget, commit options with a
// title, and sizes as the app formats them.

#include <hubvault/CommitOperation.h>
#include "shell/MainWindow.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QLocale>
#include <QMimeData>
#include <QPoint>
#include <QSignalSpy>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace hubvault::test {

/** Opens `repo` in `window`; true once the window reports it opened within `timeoutMs`. */
inline bool openRepositoryIn(app::MainWindow &window, const QString &repo, int timeoutMs)
{
    QSignalSpy opened(&window, &app::MainWindow::repositoryOpened);
    window.openRepository(repo);
    return opened.wait(timeoutMs);
}

/** Drags local `paths` over `target` at `pos` and drops them; returns whether the drop was accepted. */
inline bool dropPaths(QWidget *target, const QPoint &pos, const QStringList &paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls.append(QUrl::fromLocalFile(path));
    mime.setUrls(urls);
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &move);
    QDropEvent dropEvent(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropEvent);
    return dropEvent.isAccepted();
}

/** Commit options with just a title. */
inline CommitOptions titledCommit(const QString &title)
{
    CommitOptions options;
    options.commitMessage = title;
    return options;
}

/** A size as the overview and storage pages show it. */
inline QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

} // namespace hubvault::test
