#pragma once
// upload_folder's file selection: every regular file below a local folder (symlinks are
// not followed), matched with allow / ignore patterns on its folder-relative path the
// way the original matches them, in a stable sorted order.

#include <hubvault/CommitOperation.h>

#include <QList>
#include <QStringList>
#include <optional>

namespace hubvault {

class FolderUpload {
public:
    /** Add operations for `folder`'s files, placed under `prefix` in the repository. */
    static QList<CommitOperation> operations(const QString &folder, const QString &prefix,
                                             const std::optional<QStringList> &allow,
                                             const std::optional<QStringList> &ignore);
};

} // namespace hubvault
