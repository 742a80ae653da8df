#include "merge/MergePreview.h"

#include <hubvault/Repository.h>
#include <hubvault/UnifiedDiff.h>

#include <QCoreApplication>
#include <QHash>
#include <QStringDecoder>
#include "shell/OpenRepositories.h"

namespace hubvault::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hubvault::app::MergePreview", text);
}

/** path → file identity at `revision` (folders and missing paths are left out). */
QHash<QString, MergeSide> sidesAt(const Repository &repo, const QStringList &paths, const std::optional<QString> &revision)
{
    QHash<QString, MergeSide> out;
    if (!revision || paths.isEmpty())
        return out;
    for (const RepoEntry &entry : repo.getPathsInfo(paths, *revision)) {
        if (entry.isFolder)
            continue;
        out.insert(entry.file.path, MergeSide{true, entry.file.size, entry.file.sha256, entry.file.oid});
    }
    return out;
}

/** The file as text, or nullopt when it is binary (NUL bytes or not UTF-8). */
std::optional<QString> asText(const QByteArray &bytes)
{
    if (bytes.contains('\0'))
        return std::nullopt;
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

/** The side's diff against the base, or a note saying why there is none. */
QString sideDiff(const Repository &repo, const QString &path, const MergeSide &base, const std::optional<QString> &baseRev,
                 const MergeSide &side, const std::optional<QString> &sideRev)
{
    if (!base.present && !side.present)
        return tr("Absent on both the base and this side.");
    if (base.present && side.present && base.oid == side.oid)
        return tr("Unchanged from the base.");
    if ((base.present && base.size >= kMergeDiffMaxBytes) || (side.present && side.size >= kMergeDiffMaxBytes))
        return tr("Binary or too large to compare here (over 1 MiB).");
    const QByteArray oldBytes = base.present ? repo.readBytes(path, *baseRev) : QByteArray();
    const QByteArray newBytes = side.present ? repo.readBytes(path, *sideRev) : QByteArray();
    const std::optional<QString> oldText = asText(oldBytes), newText = asText(newBytes);
    if (!oldText || !newText)
        return tr("Binary content: no line diff.");
    const ChangeKind change = !base.present ? ChangeKind::Added : !side.present ? ChangeKind::Deleted : ChangeKind::Modified;
    return UnifiedDiff::render(path, change, *oldText, *newText, base.oid, side.oid);
}

} // namespace

QString defaultMergeMessage(const QString &source, const QString &target)
{
    // Not translated: this is the text the core writes into the commit.
    return QStringLiteral("Merge %1 into %2").arg(source, target);
}

MergePreview computeMergePreview(const QString &repoPath, const QString &source, const QString &target)
{
    const std::shared_ptr<Repository> sharedRepo = repositories::shared(repoPath);
    const Repository &repo = *sharedRepo;
    MergePreview preview;
    MergeOptions options;
    options.targetRevision = target;
    preview.result = repo.previewMerge(source, options);
    preview.defaultMessage = defaultMergeMessage(source, preview.result.targetRevision);
    if (preview.result.conflicts.isEmpty())
        return preview;

    QStringList paths;
    for (const MergeConflict &conflict : std::as_const(preview.result.conflicts))
        paths.append(conflict.path);
    const MergeResult &r = preview.result;
    const QHash<QString, MergeSide> base = sidesAt(repo, paths, r.baseCommit);
    const QHash<QString, MergeSide> targetSides = sidesAt(repo, paths, r.targetHeadBefore);
    const QHash<QString, MergeSide> sourceSides = sidesAt(repo, paths, r.sourceHead);
    for (const MergeConflict &conflict : std::as_const(preview.result.conflicts)) {
        MergeConflictDetail detail;
        detail.conflict = conflict;
        detail.base = base.value(conflict.path);
        detail.target = targetSides.value(conflict.path);
        detail.source = sourceSides.value(conflict.path);
        if (conflict.relatedPath) {
            // A structural conflict (file/directory, case-fold): the merged paths clash, no
            // content differs, so there is nothing to diff.
            detail.targetDiff = detail.sourceDiff =
                tr("%1 clashes with %2: %3").arg(conflict.path, *conflict.relatedPath, conflict.message);
        } else {
            detail.targetDiff = sideDiff(repo, conflict.path, detail.base, r.baseCommit, detail.target, r.targetHeadBefore);
            detail.sourceDiff = sideDiff(repo, conflict.path, detail.base, r.baseCommit, detail.source, r.sourceHead);
        }
        preview.conflicts.append(detail);
    }
    return preview;
}

} // namespace hubvault::app
