// The diff dialog on a generated repository (DiffDemoData.h: a text file, an image, a
// .safetensors file and a chunked binary changed, a file deleted and one added), driven
// through its widgets: the file list, the text views (side by side and unified, with
// intra-line highlights), the image modes (side by side, swipe, onion skin; checked on
// the painted pixels), the tensor table, the stored-chunk comparison, and the ways in:
// the graph's context menu, the compare() slot and the screenshot factories.

#include "diff/BinaryDiffStrip.h"
#include "diff/BinaryDiffView.h"
#include "history/CommitDetailsView.h"
#include "history/CommitGraphModel.h"
#include "DiffDemoData.h"
#include "diff/DiffDialog.h"
#include "diff/DiffImageView.h"
#include "diff/DiffSafetensorsView.h"
#include "diff/DiffTextView.h"
#include "diff/DiffWorkflow.h"
#include "history/HistoryPanel.h"
#include "shell/MainWindow.h"
#include "shell/ScreenshotScenes.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QContextMenuEvent>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSlider>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTimer>
#include <QTreeView>

using namespace hubvault;
using namespace hubvault::app;

namespace {

constexpr int kTimeoutMs = 60000;

/** Clicks the row of `path` in the dialog's file list. */
void clickPath(DiffDialog &dialog, const QString &path)
{
    QStandardItemModel *model = dialog.fileModel();
    const QModelIndexList hits = model->match(model->index(0, 0), DiffDialog::PathRole, path, 1, Qt::MatchExactly);
    QVERIFY2(!hits.isEmpty(), qPrintable(path));
    dialog.fileView()->scrollTo(hits.first());
    const QRect rect = dialog.fileView()->visualRect(hits.first());
    QTest::mouseClick(dialog.fileView()->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), kTimeoutMs);
    QCOMPARE(dialog.currentPath(), path);
}

/** The line blocks of a document: text and TextDiff::LineKind (-1 for headers and fillers). */
QList<std::pair<QString, int>> blocks(const QPlainTextEdit *edit)
{
    QList<std::pair<QString, int>> out;
    for (QTextBlock b = edit->document()->begin(); b.isValid(); b = b.next()) {
        const QVariant kind = b.blockFormat().property(DiffTextView::LineKindProperty);
        out.append({b.text(), kind.isValid() ? kind.toInt() : -1});
    }
    return out;
}

/** The intra-line highlighted pieces of a document. */
QStringList highlighted(const QPlainTextEdit *edit)
{
    QStringList out;
    for (QTextBlock b = edit->document()->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().boolProperty(DiffTextView::ChangedTextProperty))
                out.append(it.fragment().text());
        }
    }
    return out;
}

int findBlock(const QList<std::pair<QString, int>> &list, const QString &text, TextDiff::LineKind kind)
{
    for (int i = 0; i < list.size(); ++i) {
        if (list[i].first.contains(text) && list[i].second == int(kind))
            return i;
    }
    return -1;
}

/** The colour painted at image pixel `at` of the view's old (or new) image. */
QColor paintedAt(ImageCompareView *view, QPoint at, bool oldSide = true)
{
    const QImage shot = view->grab().toImage();
    const QRect r = oldSide ? view->oldImageRect() : view->newImageRect();
    const double scale = double(r.width()) / 320.0;
    return shot.pixelColor(r.left() + int(at.x() * scale), r.top() + int(at.y() * scale));
}

bool near(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) < 12 && std::abs(a.green() - b.green()) < 12 && std::abs(a.blue() - b.blue()) < 12;
}

} // namespace

class TestDiffDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void listsChangedFilesWithKindsAndSizes();
    void textShowsSideBySideAndUnifiedWithIntraLineHighlights();
    void deletedAndAddedTextFiles();
    void imageSwitchesBetweenSideBySideSwipeAndOnionSkin();
    void safetensorsComparedTensorByTensor();
    void binaryShowsSharedAndNewChunks();
    void emptyOldRevisionIsTheEmptyTree();
    void largeOrBinaryTextFallsBackToTheBinaryView();
    void unknownRevisionShowsTheError();
    void compareSelectedFromTheGraphContextMenu();
    void compareWithParentFromTheGraphContextMenu();
    void compareSlotSelectsThePath();
    void activatingAChangedFileOpensItsDiff();
    void screenshotDialogsPreselectTheirKind();

private:
    /** A dialog comparing the last commit with its parent, shown and settled. */
    void openLastCommit();
    /** A main window on the repository with its history loaded. */
    void openWindow();

    QTemporaryDir m_dir;
    QString m_repo;
    QStringList m_commits;
    std::unique_ptr<DiffDialog> m_dialog;
    std::unique_ptr<MainWindow> m_window;
};

void TestDiffDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_repo = m_dir.filePath(QStringLiteral("repo"));
    m_commits = test::diffdemo::create(m_repo);
    QCOMPARE(m_commits.size(), 3);
}

void TestDiffDialog::init()
{
    m_dialog.reset();
    m_window.reset();
}

void TestDiffDialog::cleanup()
{
    m_dialog.reset();
    m_window.reset();
}

void TestDiffDialog::openLastCommit()
{
    m_dialog = std::make_unique<DiffDialog>(m_repo);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    m_dialog->compareWithParent(m_commits[2]);
    QVERIFY(m_dialog->isBusy());
    QVERIFY(m_dialog->property("busy").toBool());
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isBusy(), kTimeoutMs);
    QVERIFY(!m_dialog->property("busy").toBool());
}

void TestDiffDialog::listsChangedFilesWithKindsAndSizes()
{
    openLastCommit();
    QCOMPARE(m_dialog->comparison().oldCommit, m_commits[1]);
    QCOMPARE(m_dialog->comparison().newCommit, m_commits[2]);
    QStandardItemModel *model = m_dialog->fileModel();
    QStringList rows;
    for (int r = 0; r < model->rowCount(); ++r)
        rows.append(model->item(r, DiffDialog::PathColumn)->text() + QLatin1Char(':')
                    + model->item(r, DiffDialog::ChangeColumn)->text());
    QCOMPARE(rows, (QStringList{"config/train.yaml:modified", "data/blob.bin:modified", "images/sample.png:modified",
                                "model.safetensors:modified", "notes/changelog.md:added", "notes/old.txt:deleted"}));
    // README.md changed in the commit before: not listed. Sizes: empty for a missing side.
    QCOMPARE(model->item(5, DiffDialog::NewSizeColumn)->text(), QString());
    QVERIFY(!model->item(5, DiffDialog::OldSizeColumn)->text().isEmpty());
    QCOMPARE(model->item(1, DiffDialog::NewSizeColumn)->text(), QStringLiteral("12.0 MiB"));
    // The first file is selected and compared on its own.
    QCOMPARE(m_dialog->currentPath(), QStringLiteral("config/train.yaml"));
    QCOMPARE(m_dialog->currentPage(), DiffDialog::Page::Text);
}

void TestDiffDialog::textShowsSideBySideAndUnifiedWithIntraLineHighlights()
{
    openLastCommit();
    clickPath(*m_dialog, QStringLiteral("config/train.yaml"));
    DiffTextView *view = m_dialog->textView();
    QVERIFY(view->isVisible());
    QCOMPARE(view->mode(), DiffTextView::Mode::SideBySide);
    QVERIFY(view->leftView()->isVisible());
    QVERIFY(!view->unifiedView()->isVisible());
    QCOMPARE(m_dialog->currentDiff()->text.addedLines(), 3);
    QCOMPARE(m_dialog->currentDiff()->text.removedLines(), 2);

    const auto left = blocks(view->leftView());
    const auto right = blocks(view->rightView());
    QCOMPARE(left.size(), right.size()); // rows line up
    const int removed = findBlock(left, QStringLiteral("learning_rate: 0.0001"), TextDiff::LineKind::Removed);
    QVERIFY(removed >= 0);
    QVERIFY(right[removed].first.contains(QStringLiteral("learning_rate: 0.0005")));
    QCOMPARE(right[removed].second, int(TextDiff::LineKind::Added));
    // The added min_lr line has an empty filler row on the left.
    const int added = findBlock(right, QStringLiteral("min_lr"), TextDiff::LineKind::Added);
    QVERIFY(added >= 0);
    QCOMPARE(left[added].second, -1);
    QCOMPARE(left[added].first, QString());
    // Only the changed numbers are highlighted inside the lines.
    QCOMPARE(highlighted(view->leftView()), (QStringList{"0001", "10000"}));
    QCOMPARE(highlighted(view->rightView()), (QStringList{"0005", "20000"}));
    QVERIFY(view->summaryLabel()->text().contains(QStringLiteral("+3")));

    QTest::mouseClick(view->unifiedButton(), Qt::LeftButton);
    QCOMPARE(view->mode(), DiffTextView::Mode::Unified);
    QVERIFY(view->unifiedView()->isVisible());
    QVERIFY(!view->leftView()->isVisible());
    const auto unified = blocks(view->unifiedView());
    QVERIFY(unified.first().first.startsWith(QStringLiteral("@@ -6,")));
    const int u = findBlock(unified, QStringLiteral("learning_rate: 0.0001"), TextDiff::LineKind::Removed);
    QVERIFY(u >= 0);
    QVERIFY(unified[u + 1].first.contains(QStringLiteral("learning_rate: 0.0005")));
    QVERIFY(findBlock(unified, QStringLiteral("min_lr"), TextDiff::LineKind::Added) >= 0);
    QCOMPARE(highlighted(view->unifiedView()), (QStringList{"0001", "0005", "10000", "20000"}));

    QTest::mouseClick(view->sideBySideButton(), Qt::LeftButton);
    QCOMPARE(view->mode(), DiffTextView::Mode::SideBySide);
    QVERIFY(view->leftView()->isVisible());
}

void TestDiffDialog::deletedAndAddedTextFiles()
{
    openLastCommit();
    clickPath(*m_dialog, QStringLiteral("notes/old.txt"));
    QCOMPARE(m_dialog->currentPage(), DiffDialog::Page::Text);
    QCOMPARE(m_dialog->currentDiff()->text.removedLines(), 1);
    QCOMPARE(m_dialog->currentDiff()->text.addedLines(), 0);
    const auto right = blocks(m_dialog->textView()->rightView());
    QCOMPARE(right.last().second, -1); // filler opposite the removed line

    clickPath(*m_dialog, QStringLiteral("notes/changelog.md"));
    QCOMPARE(m_dialog->currentDiff()->text.addedLines(), 3);
    QCOMPARE(m_dialog->currentDiff()->text.hunks().first().header(), QStringLiteral("@@ -0,0 +1,3 @@"));
}

void TestDiffDialog::imageSwitchesBetweenSideBySideSwipeAndOnionSkin()
{
    openLastCommit();
    clickPath(*m_dialog, QStringLiteral("images/sample.png"));
    QCOMPARE(m_dialog->currentPage(), DiffDialog::Page::Image);
    DiffImageView *page = m_dialog->imageView();
    ImageCompareView *view = page->compareView();
    QCOMPARE(view->oldImage().size(), QSize(320, 200));
    QCOMPARE(view->newImage().size(), QSize(320, 200));
    QVERIFY(page->captionLabel()->text().contains(QStringLiteral("320 × 200")));
    QCOMPARE(view->mode(), ImageCompareView::Mode::SideBySide);
    QVERIFY(!page->slider()->isVisible());

    // Image point (100, 100): inside the old image's blue circle, background in the new one.
    const QColor blue(60, 110, 200), background(235, 240, 250);
    QVERIFY(near(paintedAt(view, {100, 100}, true), blue));
    QVERIFY(near(paintedAt(view, {100, 100}, false), background));

    QTest::mouseClick(page->swipeButton(), Qt::LeftButton);
    QCOMPARE(view->mode(), ImageCompareView::Mode::Swipe);
    QVERIFY(page->slider()->isVisible());
    QCOMPARE(view->oldImageRect(), view->newImageRect()); // one canvas, both images aligned
    page->slider()->setValue(100);
    QCOMPARE(view->swipePosition(), 1.0);
    QVERIFY(near(paintedAt(view, {100, 100}), blue)); // all old
    page->slider()->setValue(0);
    QVERIFY(near(paintedAt(view, {100, 100}), background)); // all new
    // Dragging on the image moves the divider, and the slider follows.
    const QRect r = view->oldImageRect();
    QTest::mouseClick(view, Qt::LeftButton, {}, QPoint(r.left() + r.width() * 3 / 4, r.center().y()));
    QVERIFY(std::abs(view->swipePosition() - 0.75) < 0.02);
    QVERIFY(std::abs(page->slider()->value() - 75) <= 2);

    QTest::mouseClick(page->onionSkinButton(), Qt::LeftButton);
    QCOMPARE(view->mode(), ImageCompareView::Mode::OnionSkin);
    page->slider()->setValue(0);
    QCOMPARE(view->opacity(), 0.0);
    QVERIFY(near(paintedAt(view, {100, 100}), blue));
    page->slider()->setValue(100);
    QVERIFY(near(paintedAt(view, {100, 100}), background));
    page->slider()->setValue(50);
    const QColor mixed = paintedAt(view, {100, 100});
    QVERIFY(!near(mixed, blue) && !near(mixed, background));

    QTest::mouseClick(page->sideBySideButton(), Qt::LeftButton);
    QCOMPARE(view->mode(), ImageCompareView::Mode::SideBySide);
    QVERIFY(view->oldImageRect().right() < view->newImageRect().left());
}

void TestDiffDialog::safetensorsComparedTensorByTensor()
{
    openLastCommit();
    clickPath(*m_dialog, QStringLiteral("model.safetensors"));
    QCOMPARE(m_dialog->currentPage(), DiffDialog::Page::Safetensors);
    DiffSafetensorsView *view = m_dialog->safetensorsView();
    QStandardItemModel *model = view->model();
    QMap<QString, QString> changes;
    for (int r = 0; r < model->rowCount(); ++r)
        changes.insert(model->item(r, DiffSafetensorsView::NameColumn)->text(),
                       model->item(r, DiffSafetensorsView::ChangeColumn)->text());
    const QMap<QString, QString> expected{{"layer.0.attn.weight", "bytes changed"},
                                          {"layer.0.mlp.weight", "shape changed"},
                                          {"lm_head.weight", "dtype changed"},
                                          {"layer.0.norm.scale", "added"},
                                          {"layer.0.norm.weight", "removed"}};
    QCOMPARE(changes, expected);
    QVERIFY(view->summaryLabel()->text().contains(QStringLiteral("2 unchanged")));
    QVERIFY(view->metadataLabel()->text().contains(QStringLiteral("epoch: 1 → 3")));

    QTest::mouseClick(view->showUnchangedBox(), Qt::LeftButton);
    QVERIFY(view->showUnchangedBox()->isChecked());
    QCOMPARE(model->rowCount(), 7);
    QCOMPARE(m_dialog->currentDiff()->tensors.count(SafetensorsDiff::Change::Unchanged), 2);
}

void TestDiffDialog::binaryShowsSharedAndNewChunks()
{
    openLastCommit();
    clickPath(*m_dialog, QStringLiteral("data/blob.bin"));
    QCOMPARE(m_dialog->currentPage(), DiffDialog::Page::Binary);
    const BinaryDiff &b = m_dialog->currentDiff()->binary;
    QCOMPARE(b.newFile->storageKind, StorageKind::Chunked);
    QVERIFY(b.sharedChunks >= 1);
    QVERIFY(b.newChunks >= 1);
    QVERIFY(b.removedChunks >= 1);
    QCOMPARE(b.sharedBytes + b.newBytes, qint64(12 << 20));
    // The rewritten 4 KiB at 6 MiB lies in a new region of the strip.
    const QList<BinaryDiff::Region> regions = m_dialog->binaryView()->strip()->regions();
    const auto hit = std::find_if(regions.cbegin(), regions.cend(), [](const BinaryDiff::Region &r) {
        return r.offset <= (6 << 20) && (6 << 20) < r.offset + r.length;
    });
    QVERIFY(hit != regions.cend());
    QVERIFY(hit->isNew);
    QVERIFY(m_dialog->binaryView()->strip()->isVisible());
    const QString facts = m_dialog->binaryView()->factsLabel()->text();
    QVERIFY(facts.contains(m_dialog->currentDiff()->entry.oldSha256));
    QVERIFY(facts.contains(m_dialog->currentDiff()->entry.newSha256));
    QVERIFY(m_dialog->binaryView()->chunksLabel()->text().contains(
        QStringLiteral("%1 shared").arg(b.sharedChunks)));
}

void TestDiffDialog::emptyOldRevisionIsTheEmptyTree()
{
    m_dialog = std::make_unique<DiffDialog>(m_repo);
    m_dialog->show();
    m_dialog->compare(QString(), m_commits[0], QStringLiteral("README.md"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isBusy(), kTimeoutMs);
    QCOMPARE(m_dialog->comparison().oldCommit, QString());
    QCOMPARE(m_dialog->fileModel()->rowCount(), 6);
    for (const DiffFileEntry &e : m_dialog->comparison().files)
        QCOMPARE(e.change, DiffChange::Added);
    QCOMPARE(m_dialog->currentPath(), QStringLiteral("README.md"));
    QCOMPARE(m_dialog->currentDiff()->text.addedLines(), 3);
}

void TestDiffDialog::largeOrBinaryTextFallsBackToTheBinaryView()
{
    const QString path = m_dir.filePath(QStringLiteral("bounded"));
    LocalRepository repo = LocalRepository::create(path);
    QByteArray big;
    while (big.size() <= DiffLoader::kTextLimit)
        big += "a line of text that repeats\n";
    CommitOptions options;
    options.commitMessage = QStringLiteral("one");
    repo.createCommit({CommitOperation::addBytes(QStringLiteral("big.txt"), big),
                       CommitOperation::addBytes(QStringLiteral("odd.txt"), QByteArray("\xff\xfe\0binary", 9))},
                      options);
    options.commitMessage = QStringLiteral("two");
    const QString head = repo.createCommit({CommitOperation::addBytes(QStringLiteral("big.txt"), big + "more\n"),
                                            CommitOperation::addBytes(QStringLiteral("odd.txt"), QByteArray("\xff\0", 2))},
                                           options).oid;
    m_dialog = std::make_unique<DiffDialog>(path);
    m_dialog->show();
    m_dialog->compareWithParent(head);
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isBusy(), kTimeoutMs);
    QCOMPARE(m_dialog->currentPath(), QStringLiteral("big.txt"));
    QCOMPARE(m_dialog->currentPage(), DiffDialog::Page::Binary);
    QVERIFY(m_dialog->binaryView()->noteLabel()->text().contains(QStringLiteral("larger than")));
    clickPath(*m_dialog, QStringLiteral("odd.txt"));
    QCOMPARE(m_dialog->currentPage(), DiffDialog::Page::Binary);
    QCOMPARE(m_dialog->currentDiff()->binary.newSize(), 2);
    QCOMPARE(m_dialog->currentDiff()->binary.sharedChunks, 0);
    QCOMPARE(m_dialog->currentDiff()->binary.newChunks, 1);
    QCOMPARE(m_dialog->currentDiff()->binary.removedChunks, 1);
}

void TestDiffDialog::unknownRevisionShowsTheError()
{
    m_dialog = std::make_unique<DiffDialog>(m_repo);
    m_dialog->show();
    m_dialog->compare(m_commits[0], QStringLiteral("no-such-branch"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isBusy(), kTimeoutMs);
    QCOMPARE(m_dialog->currentPage(), DiffDialog::Page::Message);
    QVERIFY(m_dialog->messageLabel()->text().contains(QStringLiteral("could not be compared")));
    QCOMPARE(m_dialog->fileModel()->rowCount(), 0);
}

void TestDiffDialog::openWindow()
{
    m_window = std::make_unique<MainWindow>(MainWindow::Persistence::NoSettings);
    m_window->resize(1200, 800);
    m_window->show();
    m_window->openRepository(m_repo);
    m_window->setCurrentTab(MainWindow::Tab::History);
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->repositoryPath().isEmpty() && !m_window->isBusy(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->historyPanel()->model()->rowCount() >= 3, kTimeoutMs);
}

/** Opens the graph's context menu on `clicked` and triggers the action named `actionName`. */
static void triggerGraphAction(HistoryPanel *panel, const QModelIndex &clicked, const QString &actionName)
{
    bool triggered = false;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        poll.stop();
        if (auto *action = menu->findChild<QAction *>(actionName)) {
            action->trigger();
            triggered = true;
        }
        menu->close();
    });
    poll.start(20);
    QWidget *viewport = panel->graphView()->viewport();
    const QPoint pos = panel->graphView()->visualRect(clicked).center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, viewport->mapToGlobal(pos));
    QApplication::sendEvent(viewport, &event);
    QVERIFY2(triggered, qPrintable(actionName));
}

static QModelIndex rowOf(HistoryPanel *panel, const QString &commit)
{
    CommitGraphModel *model = panel->model();
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex index = model->index(r, 0);
        if (index.data(CommitGraphModel::CommitIdRole).toString() == commit)
            return index;
    }
    return {};
}

void TestDiffDialog::compareSelectedFromTheGraphContextMenu()
{
    openWindow();
    HistoryPanel *panel = m_window->historyPanel();
    const QModelIndex first = rowOf(panel, m_commits[0]);
    const QModelIndex last = rowOf(panel, m_commits[2]);
    QVERIFY(first.isValid() && last.isValid());
    QItemSelectionModel *selection = panel->graphView()->selectionModel();
    selection->select(first, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    selection->select(last, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    // Right-click the older commit: the dialog still compares older → newer.
    triggerGraphAction(panel, first, QStringLiteral("compareSelectedAction"));
    auto *workflow = m_window->findChild<DiffWorkflow *>();
    QVERIFY(workflow && workflow->lastDialog());
    DiffDialog *dialog = workflow->lastDialog();
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), kTimeoutMs);
    QCOMPARE(dialog->comparison().oldCommit, m_commits[0]);
    QCOMPARE(dialog->comparison().newCommit, m_commits[2]);
    QCOMPARE(dialog->fileModel()->rowCount(), 7); // the six of the last commit and README.md
    dialog->close();
}

void TestDiffDialog::compareWithParentFromTheGraphContextMenu()
{
    openWindow();
    HistoryPanel *panel = m_window->historyPanel();
    const QModelIndex middle = rowOf(panel, m_commits[1]);
    panel->graphView()->selectionModel()->select(middle, QItemSelectionModel::ClearAndSelect
                                                             | QItemSelectionModel::Rows);
    triggerGraphAction(panel, middle, QStringLiteral("compareWithParentAction"));
    DiffDialog *dialog = m_window->findChild<DiffWorkflow *>()->lastDialog();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), kTimeoutMs);
    QCOMPARE(dialog->comparison().oldCommit, m_commits[0]);
    QCOMPARE(dialog->fileModel()->rowCount(), 1);
    QCOMPARE(dialog->currentPath(), QStringLiteral("README.md"));
    QCOMPARE(highlighted(dialog->textView()->rightView()), QStringList{"dialog"});
    dialog->close();
}

void TestDiffDialog::compareSlotSelectsThePath()
{
    openWindow();
    auto *workflow = m_window->findChild<DiffWorkflow *>();
    DiffDialog *dialog = workflow->compare(m_commits[0], m_commits[2], QStringLiteral("images/sample.png"));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), kTimeoutMs);
    QCOMPARE(dialog->currentPath(), QStringLiteral("images/sample.png"));
    QCOMPARE(dialog->currentPage(), DiffDialog::Page::Image);
    dialog->close();
}

void TestDiffDialog::activatingAChangedFileOpensItsDiff()
{
    openWindow();
    HistoryPanel *panel = m_window->historyPanel();
    panel->selectCommit(m_commits[1]);
    CommitDetailsView *details = panel->details();
    QTRY_VERIFY_WITH_TIMEOUT(details->commitId() == m_commits[1] && !details->isLoading(), kTimeoutMs);
    QAbstractItemModel *changes = details->changesView()->model();
    QCOMPARE(changes->rowCount(), 1);
    const QModelIndex row = changes->index(0, 0);
    // Enter on the row is what a double-click does too: QAbstractItemView::activated.
    details->changesView()->setCurrentIndex(row);
    Q_EMIT details->changesView()->activated(row);
    DiffDialog *dialog = m_window->findChild<DiffWorkflow *>()->lastDialog();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), kTimeoutMs);
    QCOMPARE(dialog->comparison().oldCommit, m_commits[0]);
    QCOMPARE(dialog->currentPath(), QStringLiteral("README.md"));
    dialog->close();
}

void TestDiffDialog::screenshotDialogsPreselectTheirKind()
{
    openWindow();
    const QMap<QString, QString> expected{{"diff-text", "config/train.yaml"},
                                          {"diff-image", "images/sample.png"},
                                          {"diff-safetensors", "model.safetensors"}};
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        QVERIFY(screenshots::dialogNames().contains(it.key()));
        auto *dialog = qobject_cast<DiffDialog *>(screenshots::openDialog(*m_window, it.key()));
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("busy").toBool(), kTimeoutMs);
        QCOMPARE(dialog->currentPath(), it.value());
        QVERIFY(dialog->currentPage() != DiffDialog::Page::Message);
        dialog->close();
    }
}

QTEST_MAIN(TestDiffDialog)
#include "tst_diff_dialog.moc"
