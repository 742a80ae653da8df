// FileTreeModel on copies of the hubvault 0.0.2 fixtures: the root and folders are listed
// lazily (nothing below the root until fetchMore), rows and roles match the listings the
// original recorded in each fixture's manifest, revisions can be switched, stale results
// are dropped, and a view expanding a folder fetches it. QAbstractItemModelTester checks
// the model's consistency throughout.

#include <hubvault/LocalRepository.h>
#include "files/FileTreeModel.h"
#include "shell/Formatting.h"
#include "files/FilesPanel.h"
#include "files/BreadcrumbBar.h"
#include "preview/PreviewPane.h"
#include "SqlTestSupport.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <QTreeView>
#include <functional>

using hubvault::app::FileTreeModel;
using hubvault::app::formatBytes;
using hubvault::app::FilesPanel;
using namespace hubvault::test;

namespace {

constexpr int kTimeoutMs = 30000;

QJsonArray recordedTree(const QString &fixture, const QString &key)
{
    return fixtureManifest(fixture).value(QStringLiteral("list_repo_tree")).toObject().value(key).toArray();
}

/** Waits until `folder` of `model` is listed; false when it failed or timed out. */
bool waitLoaded(FileTreeModel &model, const QString &folder)
{
    if (!folder.isEmpty() && !model.indexForPath(folder).isValid())
        return false;
    auto state = [&] { return model.loadState(model.indexForPath(folder)); };
    // Loaded means listed; the last commits arrive from a second job, after which the
    // model is idle.
    (void)QTest::qWaitFor([&] { return (state() == FileTreeModel::LoadState::Loaded && !model.isLoading())
                                       || state() == FileTreeModel::LoadState::Failed; },
                    kTimeoutMs);
    return state() == FileTreeModel::LoadState::Loaded;
}

QStringList childPaths(const FileTreeModel &model, const QModelIndex &parent)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(parent); ++row)
        out.append(model.index(row, 0, parent).data(FileTreeModel::PathRole).toString());
    return out;
}

/** Compares the children of `folder` with a recorded non-recursive listing. */
void compareWithRecorded(const FileTreeModel &model, const QString &folder, const QJsonArray &recorded)
{
    const QModelIndex parent = model.indexForPath(folder);
    QCOMPARE(model.rowCount(parent), int(recorded.size()));
    QStringList expectedFolders, expectedFiles;
    for (const QJsonValue &v : recorded) {
        const QJsonObject e = v.toObject();
        const QString path = e.value(QStringLiteral("path")).toString();
        const bool isFile = e.contains(QStringLiteral("size"));
        (isFile ? expectedFiles : expectedFolders).append(path);
        const QModelIndex index = model.indexForPath(path);
        QVERIFY2(index.isValid(), qPrintable(path));
        QCOMPARE(index.parent(), parent);
        QCOMPARE(index.data(FileTreeModel::IsFolderRole).toBool(), !isFile);
        QCOMPARE(index.data(FileTreeModel::NameRole).toString(), path.mid(path.lastIndexOf('/') + 1));
        QCOMPARE(index.data(Qt::DisplayRole).toString(), path.mid(path.lastIndexOf('/') + 1));
        const QJsonObject last = e.value(QStringLiteral("last_commit")).toObject();
        QCOMPARE(index.data(FileTreeModel::LastCommitIdRole).toString(), last.value(QStringLiteral("oid")).toString());
        QCOMPARE(index.data(FileTreeModel::LastCommitTitleRole).toString(), last.value(QStringLiteral("title")).toString());
        QCOMPARE(index.data(FileTreeModel::LastCommitDateRole).toDateTime().toSecsSinceEpoch(),
                 QDateTime::fromString(last.value(QStringLiteral("date")).toString(), Qt::ISODate).toSecsSinceEpoch());
        const QString lastColumn = index.siblingAtColumn(FileTreeModel::LastCommitColumn).data().toString();
        QVERIFY2(lastColumn.startsWith(last.value(QStringLiteral("title")).toString()), qPrintable(lastColumn));
        if (isFile) {
            QCOMPARE(index.data(FileTreeModel::SizeRole).toLongLong(), e.value(QStringLiteral("size")).toInteger());
            QCOMPARE(index.data(FileTreeModel::Sha256Role).toString(), e.value(QStringLiteral("sha256")).toString());
            QCOMPARE(index.data(FileTreeModel::OidRole).toString(), e.value(QStringLiteral("oid")).toString());
            const bool chunked = e.value(QStringLiteral("lfs")).isObject();
            QCOMPARE(index.data(FileTreeModel::IsChunkedRole).toBool(), chunked);
            QCOMPARE(index.siblingAtColumn(FileTreeModel::StorageColumn).data().toString(),
                     chunked ? QStringLiteral("chunked") : QStringLiteral("whole"));
            QCOMPARE(index.siblingAtColumn(FileTreeModel::Sha256Column).data().toString(),
                     e.value(QStringLiteral("sha256")).toString().left(12));
            QCOMPARE(index.siblingAtColumn(FileTreeModel::SizeColumn).data().toString(),
                     formatBytes(e.value(QStringLiteral("size")).toInteger()));
            QVERIFY(!model.hasChildren(index));
            QVERIFY(!model.canFetchMore(index));
        } else {
            QCOMPARE(index.data(FileTreeModel::OidRole).toString(), e.value(QStringLiteral("tree_id")).toString());
            QVERIFY(index.siblingAtColumn(FileTreeModel::SizeColumn).data().toString().isEmpty());
        }
    }
    // Folders first, then files, each in the repository's (git tree) order.
    QCOMPARE(childPaths(model, parent), expectedFolders + expectedFiles);
}

} // namespace

class TestFileTreeModel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_small, m_chunked, m_branches;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_small = copyFixture(QStringLiteral("a-small-files-paths"), m_tmp.path());
        m_chunked = copyFixture(QStringLiteral("b-chunked-large"), m_tmp.path());
        m_branches = copyFixture(QStringLiteral("c-branches-merges"), m_tmp.path());
        QVERIFY(!m_small.isEmpty() && !m_chunked.isEmpty() && !m_branches.isEmpty());
    }

    void emptyModel()
    {
        FileTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(FileTreeModel::ColumnCount));
        QVERIFY(!model.canFetchMore({}));
        QVERIFY(!model.isLoading());
        QCOMPARE(model.headerData(FileTreeModel::NameColumn, Qt::Horizontal).toString(), QStringLiteral("Name"));
        QCOMPARE(model.headerData(FileTreeModel::StorageColumn, Qt::Horizontal).toString(), QStringLiteral("Storage"));
        QCOMPARE(model.headerData(FileTreeModel::LastCommitColumn, Qt::Horizontal).toString(), QStringLiteral("Last commit"));
    }

    void rootMatchesRecordedListing()
    {
        FileTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &FileTreeModel::folderLoaded);
        model.setRepository(m_small);
        QVERIFY(model.isLoading()); // the root is listed on a worker, not here
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(waitLoaded(model, {}));
        QCOMPARE(loaded.first().first().toString(), QString());
        QTRY_VERIFY(!model.isLoading());
        // The root is listed once (the tester may expand subfolders once last commits change rows).
        const auto rootLoads = std::count_if(loaded.cbegin(), loaded.cend(),
                                             [](const QList<QVariant> &args) { return args.first().toString().isEmpty(); });
        QCOMPARE(rootLoads, 1);
        compareWithRecorded(model, {}, recordedTree(QStringLiteral("a-small-files-paths"), QStringLiteral("main :: None :: recursive=False")));
    }

    void damagedHistoryLeavesTheListingAndSaysWhy()
    {
        // The head lists fine, but finding last commits walks into a damaged parent.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("repo"));
        {
            hubvault::LocalRepository repo = hubvault::LocalRepository::create(path);
            repo.uploadBytes("a\n", QStringLiteral("a.txt"));
            const hubvault::CommitInfo head = repo.uploadBytes("b\n", QStringLiteral("b.txt"));
            const QString parent = repo.readCommitGraph({head.oid}).first().parentObjectIds.first();
            QCOMPARE(hubvault::test::sqlExecStatements(
                         path, {QStringLiteral("UPDATE objects_commits SET payload_json = '{\"broken\": true}' "
                                               "WHERE object_id = '%1'").arg(parent)}),
                     QString());
        }
        FilesPanel panel;
        QSignalSpy failed(panel.model(), &FileTreeModel::lastCommitsFailed);
        panel.setRepository(path);
        QVERIFY(failed.wait(kTimeoutMs));
        QCOMPARE(failed.first().first().toString(), QString());
        QCOMPARE(panel.model()->rowCount(), 2); // both files are listed
        QVERIFY(panel.model()->indexForPath(QStringLiteral("b.txt")).data(FileTreeModel::LastCommitIdRole).toString().isEmpty());
        QVERIFY2(panel.statusLabel()->text().contains(QStringLiteral("unavailable")), qPrintable(panel.statusLabel()->text()));
    }

    void foldersLoadLazily()
    {
        // No QAbstractItemModelTester here: it fetches every folder it can.
        FileTreeModel model;
        model.setRepository(m_small, QStringLiteral("main"));
        QVERIFY(waitLoaded(model, {}));

        const QModelIndex docs = model.indexForPath(QStringLiteral("docs"));
        QVERIFY(docs.isValid());
        QCOMPARE(model.loadState(docs), FileTreeModel::LoadState::NotLoaded);
        QVERIFY(model.hasChildren(docs)); // an expand arrow before anything is listed
        QCOMPARE(model.rowCount(docs), 0);
        QVERIFY(model.canFetchMore(docs));
        QVERIFY(!model.indexForPath(QStringLiteral("docs/guide.md")).isValid());

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.fetchMore(docs);
        QCOMPARE(model.loadState(docs), FileTreeModel::LoadState::Loading);
        QVERIFY(!model.canFetchMore(docs));
        QVERIFY(waitLoaded(model, QStringLiteral("docs")));
        QCOMPARE(inserted.count(), 1);
        compareWithRecorded(model, QStringLiteral("docs"),
                            recordedTree(QStringLiteral("a-small-files-paths"), QStringLiteral("main :: docs :: recursive=False")));

        // Nested folder and a folder with a non-ASCII name.
        const QModelIndex api = model.indexForPath(QStringLiteral("docs/api"));
        model.fetchMore(api);
        QVERIFY(waitLoaded(model, QStringLiteral("docs/api")));
        QCOMPARE(childPaths(model, api), QStringList{QStringLiteral("docs/api/index.md")});
        QCOMPARE(model.indexForPath(QStringLiteral("docs/api/index.md")).parent().parent(), docs);

        const QString japanese = QStringLiteral("日本語");
        model.fetchMore(model.indexForPath(japanese));
        QVERIFY(waitLoaded(model, japanese));
        compareWithRecorded(model, japanese,
                            recordedTree(QStringLiteral("a-small-files-paths"), QStringLiteral("main :: 日本語 :: recursive=False")));

        // Only what was asked for was listed.
        QCOMPARE(model.loadState(model.indexForPath(QStringLiteral("deep"))), FileTreeModel::LoadState::NotLoaded);
        QCOMPARE(model.loadState(model.indexForPath(QStringLiteral("with space"))), FileTreeModel::LoadState::NotLoaded);
    }

    void wholeTreeUnderModelTester()
    {
        // The tester fetches every folder; in the end the model holds the full recursive listing.
        FileTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRepository(m_small);
        QVERIFY(waitLoaded(model, {}));
        QStringList files;
        const bool settled = QTest::qWaitFor([&] {
            if (model.isLoading())
                return false;
            bool more = false;
            files.clear();
            std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
                if (model.canFetchMore(parent)) {
                    model.fetchMore(parent);
                    more = true;
                }
                for (int row = 0; row < model.rowCount(parent); ++row) {
                    const QModelIndex child = model.index(row, 0, parent);
                    if (child.data(FileTreeModel::IsFolderRole).toBool())
                        walk(child);
                    else
                        files.append(child.data(FileTreeModel::PathRole).toString());
                }
            };
            walk({});
            return !more && !model.isLoading();
        }, kTimeoutMs);
        QVERIFY(settled);
        files.sort();
        QStringList expected;
        for (const QJsonValue &v : fixtureManifest(QStringLiteral("a-small-files-paths")).value(QStringLiteral("list_repo_files_default_branch")).toArray())
            expected.append(v.toString());
        expected.sort();
        QCOMPARE(files, expected);
    }

    void chunkedStorageKind()
    {
        FileTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRepository(m_chunked);
        QVERIFY(waitLoaded(model, {}));
        model.fetchMore(model.indexForPath(QStringLiteral("models")));
        QVERIFY(waitLoaded(model, QStringLiteral("models")));
        compareWithRecorded(model, QStringLiteral("models"),
                            recordedTree(QStringLiteral("b-chunked-large"), QStringLiteral("main :: models :: recursive=False")));
        model.fetchMore(model.indexForPath(QStringLiteral("small")));
        QVERIFY(waitLoaded(model, QStringLiteral("small")));
        QVERIFY(model.indexForPath(QStringLiteral("small/at-threshold.bin")).data(FileTreeModel::IsChunkedRole).toBool());
        QVERIFY(!model.indexForPath(QStringLiteral("small/below-threshold.bin")).data(FileTreeModel::IsChunkedRole).toBool());
        const QString tip = model.indexForPath(QStringLiteral("models/big.bin"), FileTreeModel::StorageColumn)
                                .data(Qt::ToolTipRole)
                                .toString();
        QVERIFY2(tip.contains(QStringLiteral("chunks")), qPrintable(tip));
    }

    void revisionsAndStaleResults()
    {
        FileTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRepository(m_branches);
        QVERIFY(waitLoaded(model, {}));
        compareWithRecorded(model, {}, recordedTree(QStringLiteral("c-branches-merges"), QStringLiteral("main :: None :: recursive=False")));

        // The tag at the empty initial commit lists nothing; its root has no children.
        model.setRevision(QStringLiteral("v0-initial"));
        QCOMPARE(model.revision(), QStringLiteral("v0-initial"));
        QVERIFY(waitLoaded(model, {}));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.hasChildren());

        // Switch twice without waiting: only the last revision's listing may land.
        QSignalSpy loaded(&model, &FileTreeModel::folderLoaded);
        model.setRevision(QStringLiteral("refs/heads/main"));
        model.setRevision(QStringLiteral("conflict-side"));
        QVERIFY(waitLoaded(model, {}));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), kTimeoutMs);
        int rootLoads = 0;
        for (const QList<QVariant> &args : std::as_const(loaded))
            rootLoads += args.first().toString().isEmpty() ? 1 : 0;
        QCOMPARE(rootLoads, 1);
        QJsonArray rootEntries;
        for (const QJsonValue &v : recordedTree(QStringLiteral("c-branches-merges"), QStringLiteral("conflict-side :: None :: recursive=True"))) {
            if (!v.toObject().value(QStringLiteral("path")).toString().contains('/'))
                rootEntries.append(v);
        }
        compareWithRecorded(model, {}, rootEntries);
    }

    void unknownRevisionFails()
    {
        FileTreeModel model;
        QSignalSpy failed(&model, &FileTreeModel::folderLoadFailed);
        model.setRepository(m_small, QStringLiteral("no-such-branch"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
        QCOMPARE(failed.first().first().toString(), QString());
        QVERIFY(!failed.first().at(1).toString().isEmpty());
        QCOMPARE(model.loadState({}), FileTreeModel::LoadState::Failed);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore({})); // no retry loop from a view
    }

    void notARepositoryFails()
    {
        FileTreeModel model;
        QSignalSpy failed(&model, &FileTreeModel::folderLoadFailed);
        model.setRepository(m_tmp.path() + QStringLiteral("/nowhere"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
    }

    void readFolderIsTheBlockingListing()
    {
        const QList<hubvault::app::FileTreeEntry> entries =
            FileTreeModel::readFolder(m_small, {}, QStringLiteral("docs"));
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).path, QStringLiteral("docs/api"));
        QVERIFY(entries.at(0).isFolder);
        QCOMPARE(entries.at(1).name, QStringLiteral("guide.md"));
    }

    void viewExpansionFetches()
    {
        FileTreeModel model;
        QTreeView view;
        view.setModel(&model);
        view.resize(600, 400);
        view.show();
        model.setRepository(m_small);
        QVERIFY(waitLoaded(model, {}));
        const QModelIndex src = model.indexForPath(QStringLiteral("src"));
        view.expand(src);
        QVERIFY(waitLoaded(model, QStringLiteral("src")));
        QCOMPARE(childPaths(model, src), (QStringList{QStringLiteral("src/main.py"), QStringLiteral("src/main_copy.py")}));
        QVERIFY(view.isExpanded(src));
    }

    // The panel around the model: breadcrumb, selecting nested paths, copy actions,
    // keeping the selection across revisions.
    void panelSelectsAndCopies()
    {
        FilesPanel panel;
        panel.resize(1000, 600);
        panel.show();
        panel.setRepository(m_small);
        panel.selectPath(QStringLiteral("docs/api/index.md")); // lists root, docs, docs/api on the way
        QTRY_COMPARE_WITH_TIMEOUT(panel.currentPath(), QStringLiteral("docs/api/index.md"), kTimeoutMs);
        QCOMPARE(panel.currentFolder(), QStringLiteral("docs/api"));
        QCOMPARE(panel.breadcrumb()->segments(),
                 (QStringList{QStringLiteral("a-small-files-paths"), QStringLiteral("docs"), QStringLiteral("api")}));
        QTRY_COMPARE_WITH_TIMEOUT(panel.previewPane()->currentKind(), hubvault::app::PreviewKind::Markdown, kTimeoutMs);

        panel.treeView()->setFocus();
        panel.copyPathAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("docs/api/index.md"));
        panel.copyIdAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 panel.model()->indexForPath(QStringLiteral("docs/api/index.md")).data(FileTreeModel::OidRole).toString());
        panel.copySha256Action()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 panel.model()->indexForPath(QStringLiteral("docs/api/index.md")).data(FileTreeModel::Sha256Role).toString());
        QCOMPARE(panel.copyPathAction()->shortcut(), QKeySequence(QKeySequence::Copy));
        QCOMPARE(panel.copyIdAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
        QCOMPARE(panel.downloadAction()->shortcut(), QKeySequence(QKeySequence::Save));

        // Keyboard: Ctrl+Shift+C on the focused tree copies the id.
        QGuiApplication::clipboard()->clear();
        QApplication::setActiveWindow(&panel);
        panel.treeView()->setFocus();
        QTest::keyClick(panel.treeView(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 panel.model()->indexForPath(QStringLiteral("docs/api/index.md")).data(FileTreeModel::OidRole).toString());

        // Ctrl+C copies the whole path, not just the name the tree shows.
        QGuiApplication::clipboard()->clear();
        QTest::keyClick(panel.treeView(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("docs/api/index.md"));

        // Parent folder, then the breadcrumb's root.
        panel.parentFolderAction()->trigger();
        QCOMPARE(panel.currentPath(), QStringLiteral("docs/api"));
        QCOMPARE(panel.breadcrumb()->path(), QStringLiteral("docs/api"));
        Q_EMIT panel.breadcrumb()->pathActivated(QString());
        QCOMPARE(panel.currentPath(), QString());
        QCOMPARE(panel.breadcrumb()->segments(), QStringList{QStringLiteral("a-small-files-paths")});

        // A breadcrumb segment selects and expands its folder, listing it first if needed.
        Q_EMIT panel.breadcrumb()->pathActivated(QStringLiteral("bundle/cfg"));
        QTRY_COMPARE_WITH_TIMEOUT(panel.currentPath(), QStringLiteral("bundle/cfg"), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(panel.treeView()->isExpanded(panel.model()->indexForPath(QStringLiteral("bundle/cfg"))), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(panel.model()->indexForPath(QStringLiteral("bundle/cfg/config.json")).isValid(), kTimeoutMs);

        // The same file is selected again in another revision.
        panel.selectPath(QStringLiteral("README.md"));
        QTRY_COMPARE_WITH_TIMEOUT(panel.currentPath(), QStringLiteral("README.md"), kTimeoutMs);
        panel.showRevision(QStringLiteral("refs/heads/main"));
        QTRY_COMPARE_WITH_TIMEOUT(panel.currentPath(), QStringLiteral("README.md"), kTimeoutMs);
        QCOMPARE(panel.model()->revision(), QStringLiteral("refs/heads/main"));
    }

    void panelReportsListingErrors()
    {
        FilesPanel panel;
        QSignalSpy errors(&panel, &FilesPanel::errorOccurred);
        panel.setRepository(m_small);
        panel.showRevision(QStringLiteral("no-such-branch"));
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, kTimeoutMs);
        QVERIFY(errors.first().at(1).toString().contains(QStringLiteral("no-such-branch")));
    }
};

QTEST_MAIN(TestFileTreeModel)
#include "tst_file_tree_model.moc"
