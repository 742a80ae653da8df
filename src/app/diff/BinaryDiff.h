#pragma once
// A pure comparison of how two versions of a file are stored: which stored pieces
// (chunks of a chunked file, or the whole blob) the new version shares with the old one
// and which are new. Built from Repository::fileStorage() of each side; no I/O here.

#include <hubvault/Models.h>

#include <QList>
#include <QString>
#include <optional>

namespace hubvault::app {

class BinaryDiff {
public:
    /** A run of the new file, [offset, offset + length), made of new or of shared pieces. */
    struct Region {
        qint64 offset = 0;
        qint64 length = 0;
        bool isNew = false;
    };

    /** Compares the storage of the old and new version; nullopt for a missing side. */
    static BinaryDiff compare(const std::optional<FileStorageInfo> &oldFile,
                              const std::optional<FileStorageInfo> &newFile);

    std::optional<FileStorageInfo> oldFile;
    std::optional<FileStorageInfo> newFile;
    int sharedChunks = 0;  ///< pieces of the new file the old one has too
    int newChunks = 0;     ///< pieces of the new file the old one lacks
    int removedChunks = 0; ///< pieces of the old file the new one lacks
    qint64 sharedBytes = 0;  ///< logical bytes of the shared pieces (of the new file)
    qint64 newBytes = 0;     ///< logical bytes of the new pieces
    qint64 removedBytes = 0; ///< logical bytes of the removed pieces (of the old file)
    QList<Region> regions;   ///< the new file in order, adjacent pieces of one kind merged

    qint64 oldSize() const { return oldFile ? oldFile->size : -1; }
    qint64 newSize() const { return newFile ? newFile->size : -1; }
};

} // namespace hubvault::app
