// hubvault-graph-bench: how fast the History tab shows a long history.
//
//   hubvault-graph-bench [--commits N] [--files N] [--repo DIR] [--window] [--full] [--batch N]
//
// Generates (or reuses, when DIR already holds one) a repository with N commits (default
// 100,000) on a main line with a short side branch merged every 50 commits, after a first
// commit of --files tiny files (default 10,000). Then it opens the real HistoryPanel
// offscreen and reports the time from "open" (reading the refs, as the main window does)
// to the first painted graph, and the process's memory. With --window it opens the whole
// MainWindow on its History tab instead (every page loading at once, as in the app). With
// --full it also loads the whole history through the model's lazy fetching, as scrolling
// to the end would.
// Not a CTest test: generating 100,000 commits takes minutes.

#include <hubvault/LocalRepository.h>
#include "history/CommitGraphModel.h"
#include "history/HistoryPanel.h"
#include "shell/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTreeView>
#include <cstdio>
#include <memory>

using hubvault::CommitOperation;
using hubvault::CommitOptions;
using hubvault::GitRefs;
using hubvault::MergeOptions;
using hubvault::LocalRepository;
using hubvault::Repository;
using hubvault::app::CommitGraphModel;
using hubvault::app::HistoryPanel;
using hubvault::app::MainWindow;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

/** Resident and peak resident memory of this process, in MiB. */
QString memory()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return QStringLiteral("n/a");
    qint64 rss = 0, hwm = 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            rss = line.mid(6).trimmed().split(' ').first().toLongLong();
        else if (line.startsWith("VmHWM:"))
            hwm = line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return QStringLiteral("rss %1 MiB, peak %2 MiB").arg(rss / 1024.0, 0, 'f', 1).arg(hwm / 1024.0, 0, 'f', 1);
}

void generate(const QString &path, int commits, int files)
{
    QElapsedTimer timer;
    timer.start();
    LocalRepository repo = LocalRepository::create(path);
    int made = 1; // create_repo's initial commit
    if (files > 0) {
        QList<CommitOperation> adds;
        for (int i = 0; i < files; ++i)
            adds.append(CommitOperation::addBytes(QStringLiteral("data/%1/file-%2.txt").arg(i % 100).arg(i),
                                                  QByteArray::number(i)));
        CommitOptions options;
        options.commitMessage = QStringLiteral("Add %1 files").arg(files);
        repo.createCommit(adds, options);
        ++made;
    }
    int i = 0;
    while (made < commits) {
        if (i % 50 == 49 && commits - made >= 4) {
            // A short side branch: two commits, merged back.
            const QString branch = QStringLiteral("side-%1").arg(i);
            repo.createBranch(branch);
            for (int j = 0; j < 2; ++j) {
                CommitOptions options;
                options.commitMessage = QStringLiteral("Side work %1.%2").arg(i).arg(j);
                options.revision = branch;
                repo.uploadBytes(QByteArray::number(i * 7 + j), QStringLiteral("side/%1.txt").arg(j), options);
            }
            CommitOptions onMain;
            onMain.commitMessage = QStringLiteral("Main work %1").arg(i);
            repo.uploadBytes(QByteArray::number(i), QStringLiteral("main.txt"), onMain);
            MergeOptions merge;
            merge.commitMessage = QStringLiteral("Merge %1").arg(branch);
            repo.merge(branch, merge);
            repo.deleteBranch(branch);
            made += 4;
        } else {
            CommitOptions options;
            options.commitMessage = QStringLiteral("Update %1").arg(i);
            repo.uploadBytes(QByteArray::number(i), QStringLiteral("counter/%1.txt").arg(i % 16), options);
            ++made;
        }
        ++i;
        if (made % 5000 < 4 || made >= commits)
            out() << "  generated " << made << " commits, " << timer.elapsed() / 1000 << " s" << Qt::endl;
    }
    out() << "generated " << made << " commits in " << timer.elapsed() / 1000.0 << " s" << Qt::endl;
}

/** Notes the first paint of the graph that shows rows. */
class PaintWatch : public QObject {
public:
    PaintWatch(QWidget *viewport, CommitGraphModel *model) : m_model(model) { viewport->installEventFilter(this); }
    bool painted() const { return m_painted; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_model->rowCount() > 0)
            m_painted = true;
        return QObject::eventFilter(watched, event);
    }

private:
    CommitGraphModel *m_model;
    bool m_painted = false;
};

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Time to the first painted commit graph of a long history."));
    parser.addHelpOption();
    const QCommandLineOption commitsOption(QStringLiteral("commits"), QStringLiteral("Commits to generate."),
                                           QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption filesOption(QStringLiteral("files"), QStringLiteral("Files in the first commit."),
                                         QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption repoOption(QStringLiteral("repo"),
                                        QStringLiteral("Repository to use; generated there when missing."),
                                        QStringLiteral("dir"));
    const QCommandLineOption fullOption(QStringLiteral("full"), QStringLiteral("Also load the whole history."));
    const QCommandLineOption windowOption(QStringLiteral("window"),
                                          QStringLiteral("Measure the whole main window, not the history panel alone."));
    const QCommandLineOption batchOption(QStringLiteral("batch"), QStringLiteral("Commits per lazy batch."),
                                         QStringLiteral("n"), QString::number(CommitGraphModel::kDefaultBatchSize));
    parser.addOptions({commitsOption, filesOption, repoOption, fullOption, windowOption, batchOption});
    parser.process(app);

    QTemporaryDir tmp;
    QString path = parser.value(repoOption);
    if (path.isEmpty())
        path = tmp.filePath(QStringLiteral("repo"));
    if (!QFileInfo::exists(path + QStringLiteral("/metadata.sqlite3"))) {
        out() << "generating " << path << Qt::endl;
        try {
            generate(path, parser.value(commitsOption).toInt(), parser.value(filesOption).toInt());
        } catch (const hubvault::HubVaultError &e) {
            out() << "generation failed: " << e.message() << Qt::endl;
            return 1;
        }
    }
    out() << "before opening: " << memory() << Qt::endl;

    std::unique_ptr<MainWindow> window;
    std::unique_ptr<HistoryPanel> alone;
    HistoryPanel *panel = nullptr;
    if (parser.isSet(windowOption)) {
        window = std::make_unique<MainWindow>(MainWindow::Persistence::NoSettings);
        window->resize(1200, 760);
        window->setCurrentTab(MainWindow::Tab::History);
        panel = window->historyPanel();
    } else {
        alone = std::make_unique<HistoryPanel>();
        alone->resize(1200, 700);
        panel = alone.get();
    }
    panel->model()->setBatchSize(parser.value(batchOption).toInt());
    PaintWatch watch(panel->graphView()->viewport(), panel->model());
    if (window)
        window->show();
    else
        panel->show();
    QCoreApplication::processEvents();

    QElapsedTimer timer;
    timer.start();
    if (window) {
        QObject::connect(window.get(), &MainWindow::repositoryOpened, window.get(), [&timer] {
            out() << "repository opened (refs shown) after " << timer.elapsed() << " ms" << Qt::endl;
        });
        QObject::connect(panel->model(), &QAbstractItemModel::rowsInserted, panel, [&timer, model = panel->model()] {
            if (model->rowCount() <= model->batchSize())
                out() << "first rows in the model after " << timer.elapsed() << " ms" << Qt::endl;
        });
        window->openRepository(path);
    } else {
        GitRefs refs;
        QString defaultBranch;
        {
            const LocalRepository repo = LocalRepository::open(path);
            refs = repo.listRepoRefs();
            defaultBranch = repo.defaultBranch();
        }
        out() << "refs read in " << timer.elapsed() << " ms" << Qt::endl;
        panel->setRepository(path, refs, defaultBranch);
    }
    while (!watch.painted() && timer.elapsed() < 600000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    const qint64 firstPaintMs = timer.elapsed();
    out() << "first painted graph after " << firstPaintMs << " ms (" << panel->model()->rowCount()
          << " rows shown; goal < 300 ms)" << Qt::endl;
    out() << "after first paint: " << memory() << Qt::endl;

    if (window) {
        // Every page (overview, files with last commits, storage, reflog) finishing too.
        QElapsedTimer settle;
        settle.start();
        int quiet = 0;
        while (quiet < 3 && settle.elapsed() < 600000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            QThread::msleep(50);
            quiet = window->isBusy() ? 0 : quiet + 1;
        }
        out() << "every page loaded after " << timer.elapsed() << " ms" << Qt::endl;
        out() << "after every page: " << memory() << Qt::endl;
    }

    if (parser.isSet(fullOption)) {
        QElapsedTimer full;
        full.start();
        CommitGraphModel *model = panel->model();
        model->setFetchLimit(-1); // as if scrolled all the way down
        while (true) {
            while (model->isLoading())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
            if (!model->canFetchMore({}))
                break;
            model->fetchMore({});
        }
        out() << "whole history (" << model->loadedCount() << " commits, " << model->maxLaneCount()
              << " lanes) loaded in " << full.elapsed() / 1000.0 << " s" << Qt::endl;
        out() << "after full load: " << memory() << Qt::endl;
    }
    return 0;
}
