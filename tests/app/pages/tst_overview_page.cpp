// The overview page on copies of the hubvault 0.0.2 fixtures: commit, branch, tag and file
// counts, logical and stored size as recorded by the original and reported by the core,
// and the root README rendered from Markdown.

#include <hubvault/LocalRepository.h>
#include "AppTestSupport.h"
#include "shell/Formatting.h"
#include "pages/OverviewPage.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>

using namespace hubvault;
using namespace hubvault::app;
using namespace hubvault::test;

namespace {

constexpr int kTimeoutMs = 60000;

bool waitLoaded(OverviewPage &page)
{
    QSignalSpy loaded(&page, &OverviewPage::loaded);
    return loaded.wait(kTimeoutMs);
}

} // namespace

class TestOverviewPage : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void smallFixture()
    {
        const QString repoPath = copyFixture(QStringLiteral("a-small-files-paths"), m_tmp.path());
        const QJsonObject m = fixtureManifest(QStringLiteral("a-small-files-paths"));
        OverviewPage page;
        page.resize(900, 600);
        page.show();
        page.setRepository(repoPath);
        QVERIFY(page.isLoading());
        QVERIFY(waitLoaded(page));
        const OverviewFigures &f = page.figures();
        const QString head = m.value(QStringLiteral("repo_info")).toObject().value(QStringLiteral("head")).toString();
        const QJsonArray headFiles = m.value(QStringLiteral("commits")).toObject().value(head).toObject().value(QStringLiteral("files")).toArray();
        qint64 logical = 0;
        for (const QJsonValue &v : headFiles)
            logical += v.toObject().value(QStringLiteral("size")).toInteger();

        QCOMPARE(f.headCommit, head);
        QCOMPARE(f.commits, m.value(QStringLiteral("histories")).toObject().value(QStringLiteral("refs/heads/main")).toArray().size());
        QCOMPARE(f.branches, 1);
        QCOMPARE(f.tags, 0);
        QCOMPARE(f.files, m.value(QStringLiteral("list_repo_files_default_branch")).toArray().size());
        QCOMPARE(f.logicalSize, logical);
        const QJsonObject storage = m.value(QStringLiteral("storage_overview")).toObject();
        QCOMPARE(f.storedSize, storage.value(QStringLiteral("total_size")).toInteger());
        QCOMPARE(f.reachableSize, storage.value(QStringLiteral("reachable_size")).toInteger());

        QCOMPARE(page.figureText(QStringLiteral("commits")), QLocale().toString(f.commits));
        QCOMPARE(page.figureText(QStringLiteral("files")), QLocale().toString(f.files));
        QCOMPARE(page.figureText(QStringLiteral("logical")), formatBytes(logical));
        QVERIFY(page.figureText(QStringLiteral("stored")).startsWith(formatBytes(f.storedSize)));

        // The README, rendered.
        QCOMPARE(f.readmePath, QStringLiteral("README.md"));
        const QByteArray readme = LocalRepository::open(repoPath).readBytes(QStringLiteral("README.md"));
        QCOMPARE(f.readmeText.toUtf8(), readme);
        QTextDocument expected;
        expected.setMarkdown(QString::fromUtf8(readme));
        QCOMPARE(page.readmeView()->toPlainText(), expected.toPlainText());
        QVERIFY(!page.readmeView()->toPlainText().isEmpty());
        QVERIFY(!page.grab().isNull());
    }

    void branchesAndRevisions()
    {
        const QString repoPath = copyFixture(QStringLiteral("c-branches-merges"), m_tmp.path());
        const QJsonObject m = fixtureManifest(QStringLiteral("c-branches-merges"));
        OverviewPage page;
        page.setRepository(repoPath);
        QVERIFY(waitLoaded(page));
        QCOMPARE(page.figures().branches, 5);
        QCOMPARE(page.figures().tags, 2);
        QCOMPARE(page.figures().commits,
                 m.value(QStringLiteral("histories")).toObject().value(QStringLiteral("refs/heads/main")).toArray().size());

        page.showRevision(QStringLiteral("refs/heads/topic"));
        QVERIFY(waitLoaded(page));
        QCOMPARE(page.figures().revision, QStringLiteral("refs/heads/topic"));
        QCOMPARE(page.figures().commits,
                 m.value(QStringLiteral("histories")).toObject().value(QStringLiteral("refs/heads/topic")).toArray().size());

        // The tag at the initial commit: no files and no README.
        page.showRevision(QStringLiteral("v0-initial"));
        QVERIFY(waitLoaded(page));
        QCOMPARE(page.figures().files, 0);
        QCOMPARE(page.figures().logicalSize, 0);
        QVERIFY(page.figures().readmePath.isEmpty());
        QVERIFY(page.readmeView()->toPlainText().isEmpty());
        QCOMPARE(page.figures().commits,
                 m.value(QStringLiteral("histories")).toObject().value(QStringLiteral("refs/tags/v0-initial")).toArray().size());
    }

    void blockingLoadEqualsCore()
    {
        const QString repoPath = copyFixture(QStringLiteral("b-chunked-large"), m_tmp.path());
        const OverviewFigures f = OverviewPage::load(repoPath, {});
        const LocalRepository repo = LocalRepository::open(repoPath);
        QCOMPARE(f.commits, repo.listRepoCommits().size());
        QCOMPARE(f.files, repo.listRepoFiles().size());
        QCOMPARE(f.readmePath, QStringLiteral("readme.txt")); // plain text README
        QCOMPARE(f.readmeText.toUtf8(), repo.readBytes(QStringLiteral("readme.txt")));
    }

    void errorsAreReported()
    {
        OverviewPage page;
        QSignalSpy errors(&page, &OverviewPage::errorOccurred);
        page.setRepository(m_tmp.path() + QStringLiteral("/missing"));
        QVERIFY(waitLoaded(page));
        QCOMPARE(errors.count(), 1);
    }
};

QTEST_MAIN(TestOverviewPage)
#include "tst_overview_page.moc"
