// One shared Repository per directory (see OpenRepositories.h).
#include "OpenRepositories.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <mutex>

namespace hubvault::app::repositories {

std::shared_ptr<Repository> shared(const QString &path)
{
    static std::mutex mutex;
    static QHash<QString, std::weak_ptr<Repository>> open;
    const QString key = QDir::cleanPath(QFileInfo(path.isEmpty() ? QStringLiteral(".") : path).absoluteFilePath());
    std::lock_guard lock(mutex);
    if (auto existing = open.value(key).lock())
        return existing;
    // Opening under the lock: two jobs asking at once get one object, not two.
    auto repo = std::make_shared<Repository>(Repository::open(key));
    open.insert(key, repo);
    return repo;
}

} // namespace hubvault::app::repositories
