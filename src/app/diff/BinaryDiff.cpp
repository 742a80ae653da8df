#include "diff/BinaryDiff.h"

#include <QSet>

namespace hubvault::app {

namespace {

QSet<QString> chunkIds(const std::optional<FileStorageInfo> &file)
{
    QSet<QString> out;
    if (file) {
        for (const FileChunkInfo &c : file->chunks)
            out.insert(c.chunkId);
    }
    return out;
}

void appendRegion(QList<BinaryDiff::Region> &regions, const FileChunkInfo &chunk, bool isNew)
{
    if (!regions.isEmpty() && regions.last().isNew == isNew
        && regions.last().offset + regions.last().length == chunk.offset) {
        regions.last().length += chunk.logicalSize;
        return;
    }
    regions.append({chunk.offset, chunk.logicalSize, isNew});
}

} // namespace

BinaryDiff BinaryDiff::compare(const std::optional<FileStorageInfo> &oldFile,
                               const std::optional<FileStorageInfo> &newFile)
{
    BinaryDiff out;
    out.oldFile = oldFile;
    out.newFile = newFile;
    const QSet<QString> oldIds = chunkIds(oldFile);
    const QSet<QString> newIds = chunkIds(newFile);
    if (newFile) {
        for (const FileChunkInfo &c : newFile->chunks) {
            const bool shared = oldIds.contains(c.chunkId);
            (shared ? out.sharedChunks : out.newChunks) += 1;
            (shared ? out.sharedBytes : out.newBytes) += c.logicalSize;
            appendRegion(out.regions, c, !shared);
        }
    }
    if (oldFile) {
        for (const FileChunkInfo &c : oldFile->chunks) {
            if (!newIds.contains(c.chunkId)) {
                ++out.removedChunks;
                out.removedBytes += c.logicalSize;
            }
        }
    }
    return out;
}

} // namespace hubvault::app
