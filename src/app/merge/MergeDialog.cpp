#include "merge/MergeDialog.h"
#include "shell/Formatting.h"

#include <hubvault/Repository.h>
#include "async/BackgroundCall.h"
#include "shell/OpenRepositories.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QSyntaxHighlighter>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hubvault::app {

namespace {

constexpr int kPreviewDelayMs = 250;

/** Colours the added and removed lines of a unified diff. */
class DiffHighlighter : public QSyntaxHighlighter {
public:
    using QSyntaxHighlighter::QSyntaxHighlighter;

protected:
    void highlightBlock(const QString &text) override
    {
        QColor colour;
        if (text.startsWith(QLatin1String("+++")) || text.startsWith(QLatin1String("---"))
            || text.startsWith(QLatin1String("diff ")) || text.startsWith(QLatin1String("index ")))
            colour = QColor(0x6a, 0x73, 0x7d);
        else if (text.startsWith(QLatin1Char('+')))
            colour = QColor(0x1a, 0x7f, 0x37);
        else if (text.startsWith(QLatin1Char('-')))
            colour = QColor(0xcf, 0x22, 0x2e);
        else if (text.startsWith(QLatin1String("@@")))
            colour = QColor(0x82, 0x50, 0xdf);
        if (colour.isValid())
            setFormat(0, int(text.size()), colour);
    }
};

QPlainTextEdit *makeDiffView(const QString &name)
{
    auto *view = new QPlainTextEdit;
    view->setObjectName(name);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new DiffHighlighter(view->document());
    return view;
}

QString describeSide(const MergeSide &side)
{
    if (!side.present)
        return MergeDialog::tr("absent");
    return MergeDialog::tr("%1 · %2").arg(formatBytes(side.size), side.sha256.left(12));
}

QString sideToolTip(const MergeSide &side)
{
    if (!side.present)
        return MergeDialog::tr("The file does not exist on this side.");
    return MergeDialog::tr("Size: %1 bytes\nsha256: %2\nGit blob: %3").arg(side.size).arg(side.sha256, side.oid);
}

} // namespace

MergeDialog::MergeDialog(const QString &repoPath, const QStringList &branches, const QStringList &tags, QWidget *parent)
    : QDialog(parent), m_repoPath(repoPath), m_previewDelay(new QTimer(this))
{
    setWindowTitle(tr("Merge"));
    setObjectName(QStringLiteral("mergeDialog"));
    m_previewDelay->setSingleShot(true);
    m_previewDelay->setInterval(kPreviewDelayMs);
    connect(m_previewDelay, &QTimer::timeout, this, &MergeDialog::startPreview);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildPickers());
    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(buildConflicts());
    splitter->addWidget(buildMessage());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_mergeButton = buttons->addButton(tr("&Merge"), QDialogButtonBox::AcceptRole);
    m_mergeButton->setObjectName(QStringLiteral("mergeButton"));
    connect(m_mergeButton, &QPushButton::clicked, this, &MergeDialog::runMerge);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    m_source->addItems(branches);
    m_source->addItems(tags);
    m_target->addItems(branches);
    m_source->setCurrentIndex(-1);
    m_source->setEditText(QString());
    connect(m_source, &QComboBox::currentTextChanged, this, &MergeDialog::schedulePreview);
    connect(m_target, &QComboBox::currentTextChanged, this, &MergeDialog::schedulePreview);
    resize(900, 680);
    updateButtons();
}

QWidget *MergeDialog::buildPickers()
{
    auto *box = new QWidget;
    auto *form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    m_source = new QComboBox;
    m_source->setObjectName(QStringLiteral("sourceCombo"));
    m_source->setEditable(true);
    m_source->setInsertPolicy(QComboBox::NoInsert);
    m_source->setToolTip(tr("A branch, a tag or a commit id"));
    m_target = new QComboBox;
    m_target->setObjectName(QStringLiteral("targetCombo"));
    form->addRow(tr("Merge &from:"), m_source);
    form->addRow(tr("&Into branch:"), m_target);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_explanation = new QLabel;
    m_explanation->setObjectName(QStringLiteral("explanationLabel"));
    m_explanation->setWordWrap(true);
    m_explanation->setVisible(false);
    auto *outer = new QWidget;
    auto *column = new QVBoxLayout(outer);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(box);
    column->addWidget(m_status);
    column->addWidget(m_explanation);
    return outer;
}

QWidget *MergeDialog::buildConflicts()
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_conflicts = new QTreeWidget;
    m_conflicts->setObjectName(QStringLiteral("conflictsView"));
    m_conflicts->setRootIsDecorated(false);
    m_conflicts->setHeaderLabels({tr("Path"), tr("Conflict"), tr("Base"), tr("Target"), tr("Source")});
    m_conflicts->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    connect(m_conflicts, &QTreeWidget::currentItemChanged, this, &MergeDialog::showConflict);
    auto *tabs = new QTabWidget;
    m_targetDiff = makeDiffView(QStringLiteral("targetDiffView"));
    m_sourceDiff = makeDiffView(QStringLiteral("sourceDiffView"));
    tabs->addTab(m_targetDiff, tr("Target against base"));
    tabs->addTab(m_sourceDiff, tr("Source against base"));
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_conflicts);
    split->addWidget(tabs);
    layout->addWidget(split);
    return box;
}

QWidget *MergeDialog::buildMessage()
{
    auto *box = new QWidget;
    auto *form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    m_message = new QLineEdit;
    m_message->setObjectName(QStringLiteral("messageEdit"));
    m_description = new QPlainTextEdit;
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setPlaceholderText(tr("Optional description of the merge commit"));
    m_description->setTabChangesFocus(true);
    form->addRow(tr("Commit &message:"), m_message);
    form->addRow(tr("&Description:"), m_description);
    connect(m_message, &QLineEdit::textChanged, this, &MergeDialog::updateButtons);
    return box;
}

void MergeDialog::setSource(const QString &source)
{
    m_source->setEditText(source);
    schedulePreview();
}

void MergeDialog::setTarget(const QString &branch)
{
    const int index = m_target->findText(branch);
    if (index >= 0)
        m_target->setCurrentIndex(index);
    schedulePreview();
}

bool MergeDialog::isBusy() const
{
    return m_previewing || m_merging || m_previewDelay->isActive();
}

void MergeDialog::schedulePreview()
{
    // The source is typed, so the preview waits for a pause instead of running per key.
    ++m_previewGeneration;
    m_preview.reset();
    updateDefaultMessage();
    setBusyState(false, m_merging);
    m_previewDelay->start();
    updateButtons();
}

void MergeDialog::startPreview()
{
    const QString source = m_source->currentText().trimmed();
    const QString target = m_target->currentText();
    m_conflicts->clear();
    m_targetDiff->clear();
    m_sourceDiff->clear();
    m_explanation->setVisible(false);
    if (source.isEmpty() || target.isEmpty()) {
        m_status->setText(tr("Choose what to merge and the branch to merge it into."));
        setBusyState(false, m_merging);
        updateButtons();
        return;
    }
    m_status->setText(tr("Computing what the merge would do…"));
    setBusyState(true, m_merging);
    const int generation = m_previewGeneration;
    background::run(
        this, [repo = m_repoPath, source, target] { return computeMergePreview(repo, source, target); },
        [this, generation](const background::Outcome<MergePreview> &outcome) {
            if (generation != m_previewGeneration)
                return; // the pickers changed meanwhile; a newer preview is coming
            setBusyState(false, m_merging);
            if (outcome.ok()) {
                showPreview(*outcome.value);
            } else {
                m_status->setText(tr("<b>Cannot merge:</b> %1").arg(outcome.failure.message.toHtmlEscaped()));
                updateButtons();
            }
        });
}

void MergeDialog::showPreview(const MergePreview &preview)
{
    m_preview = preview;
    const MergeResult &r = preview.result;
    const QString source = r.sourceRevision.toHtmlEscaped(), target = r.targetRevision.toHtmlEscaped();
    if (r.status == MergeStatus::FastForward) {
        m_status->setText(tr("<b>Fast-forward:</b> %1 only adds commits on top of %2, so %2 moves to %3; no merge "
                             "commit is created.")
                              .arg(source, target, r.sourceHead.value_or(QString()).left(12)));
    } else if (r.status == MergeStatus::Merged) {
        m_status->setText(tr("<b>Merge commit:</b> both branches have new commits; a commit with two parents joins "
                             "%1 into %2 (base %3).")
                              .arg(source, target, r.baseCommit.value_or(QString()).left(12)));
    } else if (r.status == MergeStatus::AlreadyUpToDate) {
        m_status->setText(tr("<b>Already up to date:</b> %2 already contains %1; there is nothing to merge.").arg(source, target));
    } else {
        m_status->setText(tr("<b>Conflicts:</b> %n path(s) changed differently on both sides.", nullptr,
                             int(preview.conflicts.size())));
        m_explanation->setText(tr("HubVault merges whole files and cannot combine two different versions of one, so "
                                  "this merge cannot be done. Make both sides agree on the paths listed (for example "
                                  "commit the version you want on %1), then merge again.")
                                   .arg(r.targetRevision));
        m_explanation->setVisible(true);
    }
    for (const MergeConflictDetail &detail : preview.conflicts) {
        auto *item = new QTreeWidgetItem(m_conflicts, {detail.conflict.path, detail.conflict.conflictType,
                                                        describeSide(detail.base), describeSide(detail.target),
                                                        describeSide(detail.source)});
        item->setToolTip(0, detail.conflict.message);
        item->setToolTip(1, detail.conflict.message);
        item->setToolTip(2, sideToolTip(detail.base));
        item->setToolTip(3, sideToolTip(detail.target));
        item->setToolTip(4, sideToolTip(detail.source));
    }
    for (int column = 1; column < m_conflicts->columnCount(); ++column)
        m_conflicts->resizeColumnToContents(column);
    if (m_conflicts->topLevelItemCount() > 0)
        m_conflicts->setCurrentItem(m_conflicts->topLevelItem(0));
    updateDefaultMessage();
    updateButtons();
}

void MergeDialog::showConflict()
{
    const int row = m_conflicts->indexOfTopLevelItem(m_conflicts->currentItem());
    if (!m_preview || row < 0 || row >= m_preview->conflicts.size()) {
        m_targetDiff->clear();
        m_sourceDiff->clear();
        return;
    }
    m_targetDiff->setPlainText(m_preview->conflicts.at(row).targetDiff);
    m_sourceDiff->setPlainText(m_preview->conflicts.at(row).sourceDiff);
}

void MergeDialog::updateDefaultMessage()
{
    // The default follows the pickers until the user edits it.
    const QString fresh = defaultMergeMessage(m_source->currentText().trimmed(), m_target->currentText());
    if (m_message->text() == m_autoMessage || m_message->text().isEmpty()) {
        m_message->setText(fresh);
    }
    m_autoMessage = fresh;
}

void MergeDialog::updateButtons()
{
    const bool createsCommit = m_preview && m_preview->result.status == MergeStatus::Merged;
    const bool canMerge = m_preview && !m_merging && !m_previewing
        && (m_preview->result.status == MergeStatus::FastForward || createsCommit)
        && (!createsCommit || !m_message->text().trimmed().isEmpty());
    m_mergeButton->setEnabled(canMerge);
    if (m_preview && m_preview->result.status == MergeStatus::Conflict)
        m_mergeButton->setToolTip(tr("The merge has conflicts; resolve them first (see above)."));
    else if (m_preview && m_preview->result.status == MergeStatus::AlreadyUpToDate)
        m_mergeButton->setToolTip(tr("Nothing to merge."));
    else
        m_mergeButton->setToolTip(QString());
    // Only a merge commit has a message to edit (a fast-forward writes no commit).
    const bool editable = (!m_preview || createsCommit) && !m_merging;
    m_message->setEnabled(editable);
    m_description->setEnabled(editable);
    m_source->setEnabled(!m_merging);
    m_target->setEnabled(!m_merging);
}

void MergeDialog::runMerge()
{
    if (!m_mergeButton->isEnabled() || !m_preview)
        return;
    const MergeResult &previewed = m_preview->result;
    MergeOptions options;
    options.targetRevision = previewed.targetRevision;
    // Pinned to the head the preview saw: if the branch moved since, the core refuses.
    options.parentCommit = previewed.targetHeadBefore.value_or(QString());
    const QString message = m_message->text().trimmed();
    const QString description = m_description->toPlainText().trimmed();
    if (previewed.status == MergeStatus::Merged) {
        if (message != m_preview->defaultMessage || !description.isEmpty())
            options.commitMessage = message;
        if (!description.isEmpty())
            options.commitDescription = description;
    }
    const QString source = previewed.sourceRevision;
    m_status->setText(tr("Merging…"));
    setBusyState(false, true);
    updateButtons();
    background::run(
        this, [repo = m_repoPath, source, options] { return repositories::shared(repo)->merge(source, options); },
        [this](const background::Outcome<MergeResult> &outcome) {
            setBusyState(false, false);
            if (!outcome.ok()) {
                m_status->setText(tr("<b>The merge failed:</b> %1").arg(outcome.failure.message.toHtmlEscaped()));
                updateButtons();
                Q_EMIT errorOccurred(tr("Merge Failed"), outcome.failure.message);
                return;
            }
            Q_EMIT merged(*outcome.value);
            accept();
        });
}

void MergeDialog::reject()
{
    if (!m_merging)
        QDialog::reject();
}

void MergeDialog::setBusyState(bool previewing, bool merging)
{
    const bool before = isBusy();
    m_previewing = previewing;
    m_merging = merging;
    if (isBusy() != before)
        Q_EMIT busyChanged(isBusy());
}

} // namespace hubvault::app
