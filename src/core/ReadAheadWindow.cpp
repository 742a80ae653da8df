// Sequential-read detection for metadata prefetch (see ReadAheadWindow.h).

#include "ReadAheadWindow.h"

#include <algorithm>

namespace hubvault {

qsizetype ReadAheadWindow::onMiss(const QString &folderTreeId, qsizetype entryIndex)
{
    const std::lock_guard lock(m_mutex);
    const bool sequential = folderTreeId == m_folder && entryIndex == m_next;
    m_folder = folderTreeId;
    m_next = entryIndex + 1;
    m_window = sequential ? std::clamp(m_window * 2, kFirstWindow, kMaxWindow) : 0;
    return m_window;
}

void ReadAheadWindow::prefetchedUpTo(const QString &folderTreeId, qsizetype endIndex)
{
    const std::lock_guard lock(m_mutex);
    if (folderTreeId == m_folder)
        m_next = endIndex;
}

} // namespace hubvault
