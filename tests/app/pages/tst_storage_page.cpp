// The storage page on copies of the hubvault 0.0.2 fixtures: its figures, table and chart
// equal the core's storage overview (and the overview the original recorded), the dedup
// ratio is computed from the default branch's files and the stored content sections, and
// reloading after gc shows the new overview.

#include <hubvault/LocalRepository.h>
#include "AppTestSupport.h"
#include "shell/Formatting.h"
#include "pages/StorageChart.h"
#include "pages/StoragePage.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
using namespace hubvault::app;
using namespace hubvault::test;

namespace {

constexpr int kTimeoutMs = 60000;

bool loadPage(StoragePage &page, const QString &repoPath)
{
    QSignalSpy loaded(&page, &StoragePage::loaded);
    page.setRepository(repoPath);
    return loaded.wait(kTimeoutMs);
}

void compareWithCore(const StoragePage &page, const StorageOverview &core)
{
    const StorageOverview &shown = page.figures().overview;
    QCOMPARE(shown.totalSize, core.totalSize);
    QCOMPARE(shown.reachableSize, core.reachableSize);
    QCOMPARE(shown.historicalRetainedSize, core.historicalRetainedSize);
    QCOMPARE(shown.reclaimableGcSize, core.reclaimableGcSize);
    QCOMPARE(shown.reclaimableCacheSize, core.reclaimableCacheSize);
    QCOMPARE(shown.reclaimableTemporarySize, core.reclaimableTemporarySize);
    QCOMPARE(shown.recommendations, core.recommendations);
    QCOMPARE(page.figureText(QStringLiteral("total")), formatBytes(core.totalSize));
    QCOMPARE(page.figureText(QStringLiteral("reachable")), formatBytes(core.reachableSize));
    QCOMPARE(page.figureText(QStringLiteral("historical")), formatBytes(core.historicalRetainedSize));
    QCOMPARE(page.figureText(QStringLiteral("gc")), formatBytes(core.reclaimableGcSize));
    QCOMPARE(page.figureText(QStringLiteral("cache")), formatBytes(core.reclaimableCacheSize));
    QCOMPARE(page.figureText(QStringLiteral("temporary")), formatBytes(core.reclaimableTemporarySize));
    QCOMPARE(page.figureText(QStringLiteral("reclaimable")),
             formatBytes(core.reclaimableGcSize + core.reclaimableCacheSize + core.reclaimableTemporarySize));

    const StorageSectionsModel *model = page.sectionsModel();
    QCOMPARE(model->rowCount(), int(core.sections.size()));
    QCOMPARE(model->columnCount(), int(StorageSectionsModel::ColumnCount));
    for (int row = 0; row < core.sections.size(); ++row) {
        const StorageSectionInfo &s = core.sections.at(row);
        auto raw = [&](int column) { return model->index(row, column).data(StorageSectionsModel::RawValueRole); };
        QCOMPARE(raw(StorageSectionsModel::NameColumn).toString(), s.name);
        QCOMPARE(raw(StorageSectionsModel::PathColumn).toString(), s.path);
        QCOMPARE(raw(StorageSectionsModel::SizeColumn).toLongLong(), s.totalSize);
        QCOMPARE(raw(StorageSectionsModel::FilesColumn).toLongLong(), s.fileCount);
        QCOMPARE(raw(StorageSectionsModel::ReclaimableColumn).toLongLong(), s.reclaimableSize);
        QCOMPARE(raw(StorageSectionsModel::StrategyColumn).toString(), wireName(s.reclaimStrategy));
        QCOMPARE(raw(StorageSectionsModel::NotesColumn).toString(), s.notes);
        QCOMPARE(model->index(row, StorageSectionsModel::SizeColumn).data().toString(), formatBytes(s.totalSize));
        QCOMPARE(model->index(row, StorageSectionsModel::ReclaimableColumn).data().toString(), formatBytes(s.reclaimableSize));
    }
    QCOMPARE(page.chart()->sections().size(), core.sections.size());
    for (const QString &r : core.recommendations)
        QVERIFY2(page.recommendationsText().contains(r.toHtmlEscaped()), qPrintable(page.recommendationsText()));
}

} // namespace

class TestStoragePage : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void emptyPage()
    {
        StoragePage page;
        QCOMPARE(page.sectionsModel()->rowCount(), 0);
        QCOMPARE(page.figureText(QStringLiteral("total")), QStringLiteral("–"));
        QCOMPARE(StoragePage::formatRatio(0), QStringLiteral("n/a"));
        QCOMPARE(StoragePage::formatRatio(2.5), QStringLiteral("2.50×"));
    }

    void squashGcFixtureMatchesCoreAndManifest()
    {
        const QString repoPath = copyFixture(QStringLiteral("d-squash-gc"), m_tmp.path());
        QVERIFY(!repoPath.isEmpty());
        StoragePage page;
        page.resize(900, 700);
        page.show();
        QVERIFY(loadPage(page, repoPath));
        QVERIFY(!page.isLoading());
        const StorageOverview core = LocalRepository::open(repoPath).storageOverview();
        compareWithCore(page, core);

        // ... which is what hubvault 0.0.2 recorded for this repository.
        const QJsonObject m = fixtureManifest(QStringLiteral("d-squash-gc"));
        const QJsonObject recorded = m.value(QStringLiteral("storage_overview")).toObject();
        QCOMPARE(page.figures().overview.totalSize, recorded.value(QStringLiteral("total_size")).toInteger());
        QCOMPARE(page.figures().overview.reachableSize, recorded.value(QStringLiteral("reachable_size")).toInteger());
        QCOMPARE(page.figures().overview.historicalRetainedSize,
                 recorded.value(QStringLiteral("historical_retained_size")).toInteger());
        const QJsonArray sections = recorded.value(QStringLiteral("sections")).toArray();
        QCOMPARE(page.sectionsModel()->rowCount(), int(sections.size()));
        qint64 blobData = 0, packs = 0;
        for (int row = 0; row < sections.size(); ++row) {
            const QJsonObject s = sections.at(row).toObject();
            QCOMPARE(page.sectionsModel()->index(row, 0).data().toString(), s.value(QStringLiteral("name")).toString());
            QCOMPARE(page.sectionsModel()->index(row, StorageSectionsModel::SizeColumn).data(StorageSectionsModel::RawValueRole).toLongLong(),
                     s.value(QStringLiteral("total_size")).toInteger());
            if (s.value(QStringLiteral("name")).toString() == QLatin1String("objects.blobs.data"))
                blobData = s.value(QStringLiteral("total_size")).toInteger();
            if (s.value(QStringLiteral("name")).toString() == QLatin1String("chunks.packs"))
                packs = s.value(QStringLiteral("total_size")).toInteger();
        }

        // Dedup ratio: files at the head of main (recorded listing) over stored content.
        qint64 logical = 0, files = 0;
        for (const QJsonValue &v : m.value(QStringLiteral("list_repo_tree")).toObject().value(QStringLiteral("main :: None :: recursive=True")).toArray()) {
            if (v.toObject().contains(QStringLiteral("size"))) {
                logical += v.toObject().value(QStringLiteral("size")).toInteger();
                ++files;
            }
        }
        const StorageFigures &f = page.figures();
        QCOMPARE(f.defaultBranch, QStringLiteral("main"));
        QVERIFY(f.hasHead);
        QCOMPARE(f.liveFiles, files);
        QCOMPARE(f.logicalBytes, logical);
        QCOMPARE(f.storedBlobBytes, blobData);
        QCOMPARE(f.storedPackBytes, packs);
        QCOMPARE(f.storedContentBytes, blobData + packs);
        QCOMPARE(f.dedupRatio(), double(logical) / double(blobData + packs));
        QCOMPARE(page.figureText(QStringLiteral("dedup")), StoragePage::formatRatio(double(logical) / double(blobData + packs)));

        // The chart: the biggest section has the longest bar, empty sections none, tiny ones stay visible.
        const StorageChart *chart = page.chart();
        int biggest = 0;
        for (int i = 0; i < chart->sections().size(); ++i) {
            if (chart->sections().at(i).totalSize > chart->sections().at(biggest).totalSize)
                biggest = i;
        }
        for (int i = 0; i < chart->sections().size(); ++i) {
            const qint64 size = chart->sections().at(i).totalSize;
            QVERIFY(chart->barRect(i).width() <= chart->barRect(biggest).width());
            if (size == 0)
                QCOMPARE(chart->barRect(i).width(), 0);
            else
                QVERIFY(chart->barRect(i).width() >= 2);
        }
        QVERIFY(!page.grab().isNull());
    }

    void reclaimableFixture()
    {
        const QString repoPath = copyFixture(QStringLiteral("c-branches-merges"), m_tmp.path());
        StoragePage page;
        QVERIFY(loadPage(page, repoPath));
        LocalRepository repo = LocalRepository::open(repoPath);
        const StorageOverview before = repo.storageOverview();
        QVERIFY(before.reclaimableGcSize > 0);
        compareWithCore(page, before);

        // After gc the page shows the new overview once reloaded.
        repo.gc();
        QSignalSpy loaded(&page, &StoragePage::loaded);
        page.reload();
        QVERIFY(loaded.wait(kTimeoutMs));
        const StorageOverview after = repo.storageOverview();
        QCOMPARE(after.reclaimableGcSize, 0);
        compareWithCore(page, after);
    }

    void notARepository()
    {
        StoragePage page;
        QSignalSpy errors(&page, &StoragePage::errorOccurred);
        QVERIFY(loadPage(page, m_tmp.path() + QStringLiteral("/missing")));
        QCOMPARE(errors.count(), 1);
        QCOMPARE(page.sectionsModel()->rowCount(), 0);
    }
};

QTEST_MAIN(TestStoragePage)
#include "tst_storage_page.moc"
