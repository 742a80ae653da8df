#include "shell/RepositoryLoader.h"

#include <hubvault/Repository.h>
#include "async/BackgroundCall.h"
#include "shell/OpenRepositories.h"

namespace hubvault::app {

RepositoryLoader::RepositoryLoader(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<RepositorySnapshot>();
    qRegisterMetaType<LoadError>();
}

// Running jobs only capture plain values, never `this`, so they may outlive the loader;
// their watchers are children and go with it, which drops the late results.
RepositoryLoader::~RepositoryLoader() = default;

RepositorySnapshot RepositoryLoader::readRepository(const QString &path)
{
    RepositorySnapshot snapshot;
    snapshot.repository = repositories::shared(path);
    const Repository &repo = *snapshot.repository;
    snapshot.path = repo.location();
    snapshot.defaultBranch = repo.defaultBranch();
    snapshot.refs = repo.listRepoRefs();
    return snapshot;
}

void RepositoryLoader::openRepository(const QString &path)
{
    start(LoadError::Stage::Open, path, {});
}

void RepositoryLoader::createRepository(const QString &path, const QString &defaultBranch)
{
    start(LoadError::Stage::Create, path, defaultBranch);
}

void RepositoryLoader::start(LoadError::Stage stage, const QString &path, const QString &defaultBranch)
{
    const quint64 serial = ++m_serial;
    setRunning(+1);
    background::run(
        this,
        [stage, path, defaultBranch] {
            if (stage == LoadError::Stage::Create) {
                CreateRepoOptions options;
                if (!defaultBranch.isEmpty())
                    options.defaultBranch = defaultBranch;
                hubvault::createRepository(path, options);
            }
            return readRepository(path);
        },
        [this, serial, stage, path](const background::Outcome<RepositorySnapshot> &outcome) {
            setRunning(-1);
            if (serial != m_serial)
                return; // superseded by a newer request
            if (outcome.ok()) {
                Q_EMIT repositoryLoaded(*outcome.value);
                return;
            }
            LoadError error;
            error.stage = stage;
            error.path = path;
            error.kind = outcome.failure.kind;
            error.message = outcome.failure.message;
            Q_EMIT loadFailed(error);
        });
}

void RepositoryLoader::setRunning(int delta)
{
    const bool wasBusy = isBusy();
    m_running += delta;
    if (wasBusy != isBusy())
        Q_EMIT busyChanged(isBusy());
}

} // namespace hubvault::app
