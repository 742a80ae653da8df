// The commit details view: Git and internal ids, the root tree, and the storage figures
// that arrive second (copies, renames, stored bytes after deduplication), on a real
// repository built here.

#include <hubvault/LocalRepository.h>
#include "AppTestSupport.h"
#include "history/CommitChangesModel.h"
#include "history/CommitDetailsView.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace hubvault;
using hubvault::test::titledCommit;
using hubvault::app::CommitChangesModel;
using hubvault::app::CommitDetailsView;

namespace {

constexpr int kTimeoutMs = 30000;


int rowOf(const CommitChangesModel &model, const QString &path)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(CommitChangesModel::PathRole).toString() == path)
            return row;
    }
    return -1;
}

} // namespace

class TestCommitDetails : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("repo"));
        LocalRepository repo = LocalRepository::create(m_path);
        m_first = repo.createCommit({CommitOperation::addBytes(QStringLiteral("weights.bin"), QByteArray(50000, 'w')),
                                     CommitOperation::addBytes(QStringLiteral("notes.txt"), "hello\n")},
                                    titledCommit(QStringLiteral("Add weights"))).oid;
        m_copy = repo.uploadBytes(QByteArray(50000, 'w'), QStringLiteral("backup/weights.bin")).oid;
        m_rename = repo.createCommit({CommitOperation::remove(QStringLiteral("notes.txt")),
                                      CommitOperation::addBytes(QStringLiteral("docs/notes.txt"), "hello\n")},
                                     titledCommit(QStringLiteral("Move notes"))).oid;
    }

    void showsIdsAndStoredBytes()
    {
        CommitDetailsView view;
        view.setRepository(m_path);
        view.show();
        view.showCommit(m_first);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), kTimeoutMs);
        QVERIFY(view.storage().has_value());
        QCOMPARE(view.node().commitId, m_first);
        QVERIFY(view.node().objectId.startsWith(QLatin1String("sha256:")));
        const QString text = view.summaryView()->toPlainText();
        QVERIFY2(text.contains(view.node().objectId), qPrintable(text));
        QVERIFY(text.contains(view.node().treeId));
        QVERIFY(text.contains(QStringLiteral("after deduplication")));
        QVERIFY(view.storage()->addedStoredBytes > 0);
        const CommitChangesModel *model = view.changesModel();
        const int row = rowOf(*model, QStringLiteral("weights.bin"));
        QVERIFY(row >= 0);
        QVERIFY(model->index(row, 0).data(CommitChangesModel::StoredBytesRole).toLongLong() > 0);
        QCOMPARE(model->index(row, 0).data(CommitChangesModel::ChangeTypeRole).toString(), QStringLiteral("added"));
    }

    void showsCopiesAndRenames()
    {
        CommitDetailsView view;
        view.setRepository(m_path);
        view.showCommit(m_copy);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), kTimeoutMs);
        const CommitChangesModel *model = view.changesModel();
        int row = rowOf(*model, QStringLiteral("backup/weights.bin"));
        QVERIFY(row >= 0);
        QCOMPARE(model->index(row, 0).data(CommitChangesModel::ChangeTypeRole).toString(), QStringLiteral("copied"));
        QCOMPARE(model->index(row, 0).data(CommitChangesModel::CopiedFromRole).toString(), QStringLiteral("weights.bin"));
        QCOMPARE(model->index(row, 0).data(CommitChangesModel::StoredBytesRole).toLongLong(), 0);
        QCOMPARE(model->index(row, CommitChangesModel::ChangeColumn).data().toString(), QStringLiteral("Copied from weights.bin"));
        QCOMPARE(view.storage()->addedStoredBytes, 0);
        QVERIFY(view.summaryView()->toPlainText().contains(QStringLiteral("1 copied")));

        view.showCommit(m_rename);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading() && view.commitId() == m_rename, kTimeoutMs);
        row = rowOf(*model, QStringLiteral("docs/notes.txt"));
        QVERIFY(row >= 0);
        QCOMPARE(model->index(row, 0).data(CommitChangesModel::ChangeTypeRole).toString(), QStringLiteral("renamed"));
        QCOMPARE(model->index(row, 0).data(CommitChangesModel::CopiedFromRole).toString(), QStringLiteral("notes.txt"));
    }

    void unknownCommitShowsAnError()
    {
        CommitDetailsView view;
        view.setRepository(m_path);
        view.showCommit(QStringLiteral("0123456789abcdef0123456789abcdef01234567"));
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), kTimeoutMs);
        QVERIFY(view.summaryView()->toPlainText().contains(QStringLiteral("Cannot read commit")));
        QVERIFY(!view.storage());
        QCOMPARE(view.changesModel()->rowCount(), 0);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    QString m_first, m_copy, m_rename;
};

QTEST_MAIN(TestCommitDetails)
#include "tst_commit_details.moc"
