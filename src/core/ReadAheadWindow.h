#pragma once
// Internal: how far ahead file reads of one repository object prefetch metadata. Like a
// kernel's file read-ahead: reads that walk a folder in order widen the window, a read
// elsewhere closes it, so random reads on a large tree fetch nothing they will not use.

#include <QString>
#include <mutex>

namespace hubvault {

class ReadAheadWindow {
public:
    /** Entries to prefetch from `entryIndex` of folder tree `folderTreeId` onwards (0 = none). */
    qsizetype onMiss(const QString &folderTreeId, qsizetype entryIndex);
    /** Where the prefetch that onMiss allowed stopped: a miss there continues the sequence. */
    void prefetchedUpTo(const QString &folderTreeId, qsizetype endIndex);

    static constexpr qsizetype kFirstWindow = 8;
    static constexpr qsizetype kMaxWindow = 64;

private:
    std::mutex m_mutex;
    QString m_folder;
    qsizetype m_next = -1;  ///< the entry a sequential reader misses next
    qsizetype m_window = 0; ///< the last window granted
};

} // namespace hubvault
