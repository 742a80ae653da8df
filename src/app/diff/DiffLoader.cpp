#include "diff/DiffLoader.h"
#include "shell/Formatting.h"

#include <hubvault/Repository.h>
#include "files/FileTreeModel.h"
#include "shell/OpenRepositories.h"
#include "preview/PreviewBuilder.h"

#include <QCryptographicHash>
#include <QHash>
#include <QIODevice>
#include <QSet>
#include <algorithm>
#include <memory>

namespace hubvault::app {

namespace {

QHash<QString, RepoFile> filesOf(const QList<RepoEntry> &entries)
{
    QHash<QString, RepoFile> out;
    for (const RepoEntry &e : entries) {
        if (!e.isFolder)
            out.insert(e.file.path, e.file);
    }
    return out;
}

/** The files of both sides that can differ: the commit's own changes, or both whole trees. */
std::pair<QHash<QString, RepoFile>, QHash<QString, RepoFile>> candidateFiles(const Repository &repo,
                                                                            const QString &oldCommit,
                                                                            const QString &newCommit,
                                                                            bool oldIsFirstParent)
{
    if (oldIsFirstParent) {
        // Only subtrees that differ are read: cheap for a commit touching a few files.
        const QStringList paths = repo.changedPaths(newCommit);
        return {oldCommit.isEmpty() ? QHash<QString, RepoFile>() : filesOf(repo.getPathsInfo(paths, oldCommit)),
                filesOf(repo.getPathsInfo(paths, newCommit))};
    }
    return {oldCommit.isEmpty() ? QHash<QString, RepoFile>() : filesOf(repo.listRepoTree({}, true, oldCommit)),
            filesOf(repo.listRepoTree({}, true, newCommit))};
}

bool sameContent(const RepoFile &a, const RepoFile &b)
{
    return a.oid == b.oid && a.sha256 == b.sha256 && a.size == b.size;
}

QImage decodeImage(const QByteArray &bytes, QSize *originalSize)
{
    QImage image = QImage::fromData(bytes);
    *originalSize = image.size();
    const int limit = DiffLoader::kMaxImageDimension;
    if (image.width() > limit || image.height() > limit)
        image = image.scaled(limit, limit, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return image;
}

/** The parsed header of one side; an invalid header (with its error) when it cannot be read. */
SafetensorsHeader readHeader(const Repository &repo, const QString &path, const QString &commit, qint64 size)
{
    if (size < 8)
        return SafetensorsHeader::parse(size > 0 ? repo.readRange(path, 0, size, commit) : QByteArray(), size);
    QByteArray head = repo.readRange(path, 0, 8, commit);
    const quint64 length = SafetensorsHeader::headerLength(head).value_or(0);
    if (length <= quint64(DiffLoader::kHeaderLimit) && qint64(length) + 8 <= size)
        head += repo.readRange(path, 8, qint64(length), commit);
    return SafetensorsHeader::parse(head, size);
}

/** Hashes byte ranges of one side through a stream opened once, in bounded blocks. */
class RangeReader {
public:
    RangeReader(const Repository &repo, QString path, QString commit, const TaskControl &task)
        : m_repo(repo), m_path(std::move(path)), m_commit(std::move(commit)), m_task(task)
    {
    }

    QByteArray hash(qint64 offset, qint64 length)
    {
        if (!m_device)
            m_device = m_repo.openFile(m_path, m_commit);
        QCryptographicHash digest(QCryptographicHash::Sha256);
        if (!m_device->seek(offset))
            return digest.result(); // past the end: the header warned about it already
        qint64 left = length;
        while (left > 0) {
            m_task.checkCancelled();
            const QByteArray block = m_device->read(std::min(left, DiffLoader::kHashBlock));
            if (block.isEmpty())
                break; // data past the end of the file; the header parser reports it
            digest.addData(block);
            left -= block.size();
        }
        return digest.result();
    }

private:
    const Repository &m_repo;
    QString m_path;
    QString m_commit;
    const TaskControl &m_task;
    std::unique_ptr<QIODevice> m_device;
};

bool loadText(const Repository &repo, const QString &oldCommit, const QString &newCommit, FileDiff &out)
{
    const DiffFileEntry &e = out.entry;
    if (std::max(e.oldSize, e.newSize) > DiffLoader::kTextLimit) {
        out.note = DiffLoader::tr("Text files larger than %1 are compared as binary.")
                       .arg(formatBytes(DiffLoader::kTextLimit));
        return false;
    }
    const QByteArray a = e.hasOld() ? repo.readBytes(e.path, oldCommit) : QByteArray();
    const QByteArray b = e.hasNew() ? repo.readBytes(e.path, newCommit) : QByteArray();
    if (!PreviewBuilder::looksLikeText(a, false) || !PreviewBuilder::looksLikeText(b, false))
        return false;
    out.text = TextDiff::compute(PreviewBuilder::decodeText(a, false), PreviewBuilder::decodeText(b, false));
    out.kind = DiffViewKind::Text;
    return true;
}

bool loadImages(const Repository &repo, const QString &oldCommit, const QString &newCommit, FileDiff &out)
{
    const DiffFileEntry &e = out.entry;
    if (std::max(e.oldSize, e.newSize) > DiffLoader::kImageLimit) {
        out.note = DiffLoader::tr("Images larger than %1 are not decoded.")
                       .arg(formatBytes(DiffLoader::kImageLimit));
        return false;
    }
    if (e.hasOld())
        out.oldImage = decodeImage(repo.readBytes(e.path, oldCommit), &out.oldImageSize);
    if (e.hasNew())
        out.newImage = decodeImage(repo.readBytes(e.path, newCommit), &out.newImageSize);
    if ((e.hasOld() && out.oldImage.isNull()) || (e.hasNew() && out.newImage.isNull())) {
        out.note = DiffLoader::tr("The image could not be decoded.");
        return false;
    }
    out.kind = DiffViewKind::Image;
    return true;
}

bool loadTensors(const Repository &repo, const QString &oldCommit, const QString &newCommit, FileDiff &out,
                 const TaskControl &task)
{
    const DiffFileEntry &e = out.entry;
    if (e.hasOld())
        out.oldHeader = readHeader(repo, e.path, oldCommit, e.oldSize);
    if (e.hasNew())
        out.newHeader = readHeader(repo, e.path, newCommit, e.newSize);
    for (const SafetensorsHeader *header : {&out.oldHeader, &out.newHeader}) {
        if (!header->isValid()) {
            out.note = DiffLoader::tr("Not a readable .safetensors file: %1").arg(header->error());
            return false;
        }
    }
    RangeReader oldReader(repo, e.path, oldCommit, task);
    RangeReader newReader(repo, e.path, newCommit, task);
    out.tensors = SafetensorsDiff::compare(out.oldHeader, out.newHeader,
                                           [&](SafetensorsDiff::Side side, qint64 offset, qint64 length) {
                                               RangeReader &reader = side == SafetensorsDiff::Side::Old ? oldReader
                                                                                                         : newReader;
                                               return reader.hash(offset, length);
                                           });
    out.kind = DiffViewKind::Safetensors;
    return true;
}

void loadBinary(const Repository &repo, const QString &oldCommit, const QString &newCommit, FileDiff &out)
{
    const DiffFileEntry &e = out.entry;
    std::optional<FileStorageInfo> before, after;
    if (e.hasOld())
        before = repo.fileStorage(e.path, oldCommit);
    if (e.hasNew())
        after = repo.fileStorage(e.path, newCommit);
    out.binary = BinaryDiff::compare(before, after);
    out.kind = DiffViewKind::Binary;
}

} // namespace

DiffViewKind DiffLoader::kindForName(const QString &path)
{
    switch (PreviewBuilder::kindForName(path)) {
    case PreviewKind::Image:
        return DiffViewKind::Image;
    case PreviewKind::Safetensors:
        return DiffViewKind::Safetensors;
    default:
        return DiffViewKind::Text;
    }
}

QString DiffLoader::changeName(DiffChange change)
{
    switch (change) {
    case DiffChange::Added:
        return tr("added");
    case DiffChange::Modified:
        return tr("modified");
    case DiffChange::Deleted:
        return tr("deleted");
    }
    return {};
}

DiffComparison DiffLoader::listChanges(const DiffRequest &request)
{
    const std::shared_ptr<Repository> sharedRepo = repositories::shared(request.repoPath);
    const Repository &repo = *sharedRepo;
    const CommitGraphNode node = repo.readCommitGraph({request.newRevision}).constFirst();
    DiffComparison out;
    out.newCommit = node.commitId;
    if (request.oldIsParent)
        out.oldCommit = node.parentCommitIds.value(0);
    else if (!request.oldRevision.isEmpty())
        out.oldCommit = repo.readCommitGraph({request.oldRevision}).constFirst().commitId;
    const bool firstParent = node.parentCommitIds.value(0) == out.oldCommit;
    const auto [before, after] = candidateFiles(repo, out.oldCommit, out.newCommit, firstParent);

    QSet<QString> paths;
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        paths.insert(it.key());
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        paths.insert(it.key());
    for (const QString &path : paths) {
        const auto was = before.constFind(path);
        const auto is = after.constFind(path);
        const bool hadIt = was != before.cend(), hasIt = is != after.cend();
        if (hadIt && hasIt && sameContent(*was, *is))
            continue;
        DiffFileEntry entry;
        entry.path = path;
        entry.change = !hadIt ? DiffChange::Added : !hasIt ? DiffChange::Deleted : DiffChange::Modified;
        if (hadIt)
            entry.oldSize = was->size, entry.oldSha256 = was->sha256;
        if (hasIt)
            entry.newSize = is->size, entry.newSha256 = is->sha256;
        out.files.append(entry);
    }
    std::sort(out.files.begin(), out.files.end(),
              [](const DiffFileEntry &a, const DiffFileEntry &b) { return a.path < b.path; });
    return out;
}

FileDiff DiffLoader::loadFile(const QString &repoPath, const QString &oldCommit, const QString &newCommit,
                              const DiffFileEntry &entry, const TaskControl &task)
{
    const std::shared_ptr<Repository> sharedRepo = repositories::shared(repoPath);
    const Repository &repo = *sharedRepo;
    FileDiff out;
    out.entry = entry;
    bool done = false;
    switch (kindForName(entry.path)) {
    case DiffViewKind::Image:
        done = loadImages(repo, oldCommit, newCommit, out);
        break;
    case DiffViewKind::Safetensors:
        done = loadTensors(repo, oldCommit, newCommit, out, task);
        break;
    default:
        done = loadText(repo, oldCommit, newCommit, out);
        break;
    }
    if (!done)
        loadBinary(repo, oldCommit, newCommit, out);
    return out;
}

} // namespace hubvault::app
