#include "diff/BinaryDiffView.h"
#include "shell/Formatting.h"

#include "diff/BinaryDiffStrip.h"
#include "diff/DiffLoader.h"
#include "files/FileTreeModel.h"

#include <QLabel>
#include <QVBoxLayout>

namespace hubvault::app {

namespace {

QString sizeOrNone(qint64 size)
{
    return size < 0 ? BinaryDiffView::tr("(none)")
                    : BinaryDiffView::tr("%1 (%2 bytes)").arg(formatBytes(size)).arg(size);
}

QString storageOf(const std::optional<FileStorageInfo> &file)
{
    if (!file)
        return QString();
    return file->storageKind == StorageKind::Chunked
               ? BinaryDiffView::tr("%n chunk(s)", nullptr, int(file->chunks.size()))
               : BinaryDiffView::tr("one blob");
}

} // namespace

BinaryDiffView::BinaryDiffView(QWidget *parent) : QWidget(parent)
{
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_facts = new QLabel(this);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setTextFormat(Qt::RichText);
    m_chunks = new QLabel(this);
    m_chunks->setWordWrap(true);
    m_strip = new BinaryDiffStrip(this);
    m_legend = new QLabel(this);
    m_legend->setText(tr("The strip is the new version from its first to its last byte; highlighted regions are "
                         "stored pieces the old version does not have."));
    m_legend->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_facts);
    layout->addSpacing(8);
    layout->addWidget(m_chunks);
    layout->addWidget(m_strip);
    layout->addWidget(m_legend);
    layout->addStretch(1);
}

void BinaryDiffView::setDiff(const FileDiff &diff)
{
    const BinaryDiff &b = diff.binary;
    m_note->setText(diff.note);
    m_note->setVisible(!diff.note.isEmpty());
    const QString row = QStringLiteral("<tr><td>%1</td><td>%2</td><td><tt>%3</tt></td><td>%4</td></tr>");
    const QString old = row.arg(tr("Before:"), sizeOrNone(b.oldSize()), diff.entry.oldSha256, storageOf(b.oldFile));
    const QString now = row.arg(tr("After:"), sizeOrNone(b.newSize()), diff.entry.newSha256, storageOf(b.newFile));
    m_facts->setText(QStringLiteral("<table cellspacing=4>") + old + now + QStringLiteral("</table>"));
    m_chunks->setText(tr("Stored pieces: %1 shared (%2), %3 new (%4), %5 removed (%6).")
                          .arg(b.sharedChunks)
                          .arg(formatBytes(b.sharedBytes))
                          .arg(b.newChunks)
                          .arg(formatBytes(b.newBytes))
                          .arg(b.removedChunks)
                          .arg(formatBytes(b.removedBytes)));
    m_strip->setDiff(b);
    m_strip->setVisible(b.newFile.has_value());
    m_legend->setVisible(b.newFile.has_value());
}

} // namespace hubvault::app
