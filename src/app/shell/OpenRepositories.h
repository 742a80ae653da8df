#pragma once
// The app's open repositories: one Repository object per repository directory, shared by
// every job of the windows that show it, so its SQLite connections, parsed objects and
// verified ranges stay warm from one task to the next instead of being rebuilt per task.
// A window keeps its repository open by holding the pointer (RepositorySnapshot); jobs
// ask for it by path from any thread. Repository objects are safe to use from many
// threads at once (docs/architecture.md); writes serialise on the repository's lock.

#include <hubvault/Repository.h>

#include <QString>
#include <memory>

namespace hubvault::app::repositories {

/**
 * The open repository at `location` (the same object for the same directory or URL
 * while anybody holds it), opening it when nobody does. Throws like openRepository().
 */
std::shared_ptr<Repository> shared(const QString &location);

/**
 * The token to open the server at `location` with (File › Open Remote Repository…). Kept
 * in memory for this process only: never written to settings.
 */
void setToken(const QString &location, const QString &token);
bool hasToken(const QString &location);

} // namespace hubvault::app::repositories
