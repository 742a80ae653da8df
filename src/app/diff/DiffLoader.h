#pragma once
// The blocking reads of the diff dialog, run on worker threads: which files differ
// between two revisions, and the comparison of one file (text hunks, decoded images,
// tensor changes or stored-chunk changes), all as plain values the views only display.
// Every read is bounded: text up to kTextLimit, images up to kImageLimit, .safetensors
// headers up to kHeaderLimit and tensor bytes hashed in blocks of kHashBlock.

#include <hubvault/Progress.h>
#include "diff/BinaryDiff.h"
#include "diff/SafetensorsDiff.h"
#include "preview/SafetensorsHeader.h"
#include "diff/TextDiff.h"

#include <QCoreApplication>
#include <QImage>
#include <QList>
#include <QMetaType>
#include <QString>

namespace hubvault::app {

enum class DiffChange { Added, Modified, Deleted };
enum class DiffViewKind { Text, Image, Safetensors, Binary };

/** One file that differs between the two revisions; sizes are -1 on a missing side. */
struct DiffFileEntry {
    QString path;
    DiffChange change = DiffChange::Modified;
    qint64 oldSize = -1;
    qint64 newSize = -1;
    QString oldSha256;
    QString newSha256;
    bool hasOld() const { return change != DiffChange::Added; }
    bool hasNew() const { return change != DiffChange::Deleted; }
};

/** What to compare. An empty old revision stands for the empty tree (a root's parent). */
struct DiffRequest {
    QString repoPath;
    QString oldRevision;
    QString newRevision;
    bool oldIsParent = false; ///< compare newRevision with its first parent (oldRevision ignored)
};

/** The files that differ, with both revisions resolved to commit ids. */
struct DiffComparison {
    QString oldCommit; ///< "" = the empty tree
    QString newCommit;
    QList<DiffFileEntry> files; ///< sorted by path
};

/** The comparison of one file, ready to display. */
struct FileDiff {
    DiffFileEntry entry;
    DiffViewKind kind = DiffViewKind::Binary;
    TextDiff text;
    QImage oldImage; ///< null on a missing side; scaled down to kMaxImageDimension
    QImage newImage;
    QSize oldImageSize; ///< original sizes in pixels
    QSize newImageSize;
    SafetensorsHeader oldHeader;
    SafetensorsHeader newHeader;
    SafetensorsDiff tensors;
    BinaryDiff binary;
    QString note; ///< why the view differs from what the name suggests
};

class DiffLoader {
    Q_DECLARE_TR_FUNCTIONS(DiffLoader)
public:
    static constexpr qint64 kTextLimit = 2 << 20;     ///< larger files show the binary view
    static constexpr qint64 kImageLimit = 32 << 20;   ///< larger images are not decoded
    static constexpr qint64 kHeaderLimit = 16 << 20;  ///< larger .safetensors headers are not read
    static constexpr qint64 kHashBlock = 1 << 20;     ///< tensor bytes are hashed in blocks of this
    static constexpr int kMaxImageDimension = 2048;

    /** The view a file's name asks for (the loaded bytes may still fall back to Binary). */
    static DiffViewKind kindForName(const QString &path);
    /** Blocking: resolves the revisions and lists the files that differ. Throws core errors. */
    static DiffComparison listChanges(const DiffRequest &request);
    /** Blocking: compares one file of two resolved commits. Throws core errors (CancelledError). */
    static FileDiff loadFile(const QString &repoPath, const QString &oldCommit, const QString &newCommit,
                             const DiffFileEntry &entry, const TaskControl &task = {});
    static QString changeName(DiffChange change);
};

} // namespace hubvault::app

Q_DECLARE_METATYPE(hubvault::app::DiffComparison)
Q_DECLARE_METATYPE(hubvault::app::FileDiff)
