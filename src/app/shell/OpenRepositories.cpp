// One shared Repository per location (see OpenRepositories.h).
#include "shell/OpenRepositories.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <mutex>

namespace hubvault::app::repositories {

namespace {

std::mutex &tokenMutex()
{
    static std::mutex mutex;
    return mutex;
}

QHash<QString, QString> &tokens()
{
    static QHash<QString, QString> byLocation;
    return byLocation;
}

QString tokenFor(const QString &location)
{
    std::lock_guard lock(tokenMutex());
    return tokens().value(location);
}

} // namespace

void setToken(const QString &location, const QString &token)
{
    std::lock_guard lock(tokenMutex());
    tokens().insert(location, token);
}

bool hasToken(const QString &location)
{
    std::lock_guard lock(tokenMutex());
    return tokens().contains(location);
}

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
    std::shared_ptr<Repository> repo = openRepository(key, isRemoteLocation(key) ? tokenFor(key) : QString());
    open.insert(key, repo);
    return repo;
}

} // namespace hubvault::app::repositories
