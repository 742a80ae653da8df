// One shared Repository per location (see OpenRepositories.h).
#include "shell/OpenRepositories.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <mutex>

namespace hubvault::app::repositories {

std::shared_ptr<Repository> shared(const QString &location)
{
    static std::mutex mutex;
    static QHash<QString, std::weak_ptr<Repository>> open;
    const QString key = isRemoteLocation(location)
        ? location
        : QDir::cleanPath(QFileInfo(location.isEmpty() ? QStringLiteral(".") : location).absoluteFilePath());
    std::lock_guard lock(mutex);
    if (auto existing = open.value(key).lock())
        return existing;
    // Opening under the lock: two jobs asking at once get one object, not two.
    std::shared_ptr<Repository> repo = openRepository(key);
    open.insert(key, repo);
    return repo;
}

} // namespace hubvault::app::repositories
