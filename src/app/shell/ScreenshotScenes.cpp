// Staging of the screenshot dialogs: which dialog, which sample input, when it is ready.

#include "shell/ScreenshotScenes.h"
#include "async/BackgroundCall.h"
#include "upload/CommitDialog.h"
#include "history/CommitGraphModel.h"
#include "refs/CreateRefDialog.h"
#include "diff/DiffWorkflow.h"
#include "maintenance/ExportDialog.h"
#include "maintenance/GcDialog.h"
#include "merge/MergeDialog.h"
#include "refs/ResetBranchDialog.h"
#include "maintenance/SquashDialog.h"
#include "maintenance/VerifyDialog.h"
#include "maintenance/ExportWorkflow.h"
#include "files/FileTreeModel.h"
#include "files/FilesPanel.h"
#include "history/HistoryPanel.h"
#include "shell/MainWindow.h"
#include "maintenance/MaintenanceWorkflow.h"
#include "merge/MergeWorkflow.h"
#include "refs/RefWorkflow.h"
#include "refs/RefsModel.h"
#include "upload/UploadQueueDock.h"
#include "upload/UploadWorkflow.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QTemporaryDir>
#include <algorithm>
#include <functional>
#include <map>
#include <memory>

namespace hubvault::app::screenshots {
namespace {

using Scene = std::function<QWidget *(MainWindow &)>;

template <typename Workflow>
Workflow *workflow(MainWindow &window)
{
    return window.findChild<Workflow *>();
}

QWidget *diff(MainWindow &window, DiffViewKind kind)
{
    DiffDialog *dialog = workflow<DiffWorkflow>(window)->openDialog();
    dialog->setPreferredKind(kind);
    dialog->compareWithParent(window.currentRevision());
    dialog->show();
    return dialog;
}

QWidget *createBranch(MainWindow &window)
{
    RefWorkflow *refs = workflow<RefWorkflow>(window);
    CreateRefDialog *dialog = refs->openCreateBranch(refs->currentCommit());
    if (dialog)
        dialog->nameEdit()->setText(QStringLiteral("experiment/lora-r16"));
    return dialog;
}

QWidget *resetBranch(MainWindow &window)
{
    // An older commit of the graph, so the dialog has something to say.
    RefWorkflow *refs = workflow<RefWorkflow>(window);
    const CommitGraphModel *graph = window.historyPanel()->model();
    const int row = std::min(3, graph->rowCount() - 1);
    const QString commit = row >= 0 ? graph->index(row, 0).data(CommitGraphModel::CommitIdRole).toString() : QString();
    return refs->openResetBranch(refs->currentBranch(), commit);
}

QWidget *merge(MainWindow &window)
{
    // A conflicting merge shows the most; fixture c has one (conflict-side into main).
    QStringList branches;
    for (const GitRefInfo &ref : window.refsModel()->branches())
        branches.append(ref.name);
    const QString source = branches.contains(QStringLiteral("conflict-side")) ? QStringLiteral("conflict-side")
                           : branches.size() > 1                              ? branches.constLast()
                                                                              : QString();
    return workflow<MergeWorkflow>(window)->openDialog(source, window.refsModel()->defaultBranch());
}

/** Writes a few checkpoint-like files (sizes as in a real run, bytes not) under `root`. */
void writeSampleFiles(const QString &root)
{
    const QList<QPair<QString, qint64>> samples = {{QStringLiteral("run-2/model-00001-of-00002.safetensors"), 9 << 20},
                                                   {QStringLiteral("run-2/model-00002-of-00002.safetensors"), 5 << 20},
                                                   {QStringLiteral("run-2/config.json"), 812},
                                                   {QStringLiteral("run-2/README.md"), 2304}};
    for (const auto &[name, size] : samples) {
        const QString path = root + QLatin1Char('/') + name;
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            continue;
        const QByteArray block(int(std::min<qint64>(size, 1 << 20)), char(0x5a));
        for (qint64 written = 0; written < size; written += block.size())
            file.write(block.constData(), std::min<qint64>(block.size(), size - written));
    }
}

/** Stages one existing file of the shown folder for deletion: how deletes look. */
void stageOneDelete(MainWindow &window, UploadWorkflow *upload)
{
    FileTreeModel *files = window.filesPanel()->model();
    for (int row = 0; row < files->rowCount(); ++row) {
        const FileTreeEntry entry = files->entry(files->index(row, 0));
        if (!entry.isFolder) {
            upload->stageDelete(entry.path, false);
            return;
        }
    }
}

/** The commit dialog or the upload queue, with sample files queued as a user's drop. */
QWidget *upload(MainWindow &window, bool showDock)
{
    UploadWorkflow *upload = workflow<UploadWorkflow>(window);
    QWidget *shown = nullptr;
    if (showDock) {
        UploadQueueDock *dock = upload->dock();
        dock->setFloating(true);
        dock->resize(820, 280);
        dock->show();
        shown = dock;
    } else {
        CommitDialog *dialog = upload->openCommitDialog();
        dialog->titleEdit()->setText(QCoreApplication::translate("ScreenshotScenes", "Add fine-tuned checkpoint"));
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("descriptionEdit"))
            ->setPlainText(QCoreApplication::translate("ScreenshotScenes", "Run 2 of the LoRA sweep, learning rate 2e-4, 3 epochs."));
        shown = dialog;
    }
    shown->setProperty("busy", true);
    // The sample folder lives as long as the captured widget.
    auto samples = std::make_shared<QTemporaryDir>();
    QObject::connect(shown, &QObject::destroyed, [samples] {});
    QPointer<QWidget> guard(shown);
    MainWindow *windowPtr = &window;
    auto staged = std::make_shared<QMetaObject::Connection>();
    *staged = QObject::connect(upload, &UploadWorkflow::staged, shown, [windowPtr, upload, guard, staged] {
        QObject::disconnect(*staged);
        stageOneDelete(*windowPtr, upload);
        if (guard)
            guard->setProperty("busy", false);
    });
    const QString root = samples->path();
    background::run(
        shown, [root] { writeSampleFiles(root); return true; },
        [upload, root](const background::Outcome<bool> &) {
            upload->stageLocalPaths({root + QStringLiteral("/run-2")}, QStringLiteral("checkpoints"));
        });
    return shown;
}

const std::map<QString, Scene> &scenes()
{
    static const std::map<QString, Scene> all = {
        {QStringLiteral("commit"), [](MainWindow &w) { return upload(w, false); }},
        {QStringLiteral("create-branch"), createBranch},
        {QStringLiteral("diff-image"), [](MainWindow &w) { return diff(w, DiffViewKind::Image); }},
        {QStringLiteral("diff-safetensors"), [](MainWindow &w) { return diff(w, DiffViewKind::Safetensors); }},
        {QStringLiteral("diff-text"), [](MainWindow &w) { return diff(w, DiffViewKind::Text); }},
        {QStringLiteral("export"), [](MainWindow &w) -> QWidget * { return workflow<ExportWorkflow>(w)->openDialog({}); }},
        {QStringLiteral("gc"), [](MainWindow &w) -> QWidget * { return workflow<MaintenanceWorkflow>(w)->openGc(); }},
        {QStringLiteral("merge"), merge},
        {QStringLiteral("reset-branch"), resetBranch},
        {QStringLiteral("squash"), [](MainWindow &w) -> QWidget * { return workflow<MaintenanceWorkflow>(w)->openSquash(); }},
        {QStringLiteral("upload-queue"), [](MainWindow &w) { return upload(w, true); }},
        {QStringLiteral("verify"),
         [](MainWindow &w) -> QWidget * { return workflow<MaintenanceWorkflow>(w)->openVerify(false); }},
    };
    return all;
}

} // namespace

QStringList dialogNames()
{
    QStringList names;
    for (const auto &entry : scenes())
        names.append(entry.first);
    return names;
}

QWidget *openDialog(MainWindow &window, const QString &name)
{
    const auto it = scenes().find(name);
    return it == scenes().end() ? nullptr : it->second(window);
}

} // namespace hubvault::app::screenshots
