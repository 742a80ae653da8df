#include "RepositoryLoader.h"

#include "Errors.h"
#include "Repository.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <exception>

namespace hubvault::app {

namespace {

const QString kHeadsPrefix = QStringLiteral("refs/heads/");

/** A value or the error that prevented it; exceptions never cross the thread boundary. */
template <typename T>
struct Outcome {
    std::optional<T> value;
    QString kind;
    QString message;
};

// QFuture would rethrow only QException subclasses and turn anything else into an
// opaque QUnhandledException, losing the core's message, so every error is caught here.
template <typename T, typename Work>
Outcome<T> runCaught(Work work)
{
    Outcome<T> out;
    try {
        out.value = work();
    } catch (const HubVaultError &e) {
        out.kind = e.kind();
        out.message = e.message();
    } catch (const std::exception &e) {
        out.kind = QStringLiteral("std::exception");
        out.message = QString::fromLocal8Bit(e.what());
    } catch (...) {
        out.kind = QStringLiteral("unknown");
        out.message = QCoreApplication::translate("RepositoryLoader", "An unknown error occurred.");
    }
    return out;
}

TreeSnapshot readTreeOf(const Repository &repo, const QString &repoPath, const QString &revision)
{
    TreeSnapshot tree;
    tree.repoPath = repoPath;
    tree.revision = revision;
    tree.commitId = repo.resolveRevision(revision);
    if (!tree.commitId)
        return tree; // a branch without commits lists nothing (FORMAT.md §8.2)
    const QList<RepoEntry> entries = repo.listRepoTree({}, /*recursive=*/true, revision);
    for (const RepoEntry &entry : entries) {
        if (!entry.isFolder)
            tree.files.append(entry.file);
    }
    // A recursive listing walks folder by folder; the file list reads like
    // list_repo_files, which sorts whole paths ("a.txt" before "a/b.txt").
    std::sort(tree.files.begin(), tree.files.end(),
              [](const RepoFile &a, const RepoFile &b) { return a.path < b.path; });
    return tree;
}

} // namespace

RepositoryLoader::RepositoryLoader(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<TreeSnapshot>();
    qRegisterMetaType<RepositorySnapshot>();
    qRegisterMetaType<LoadError>();
}

// Running jobs only capture plain values, never `this`, so they may outlive the loader;
// their watchers are children and go with it, which drops the late results.
RepositoryLoader::~RepositoryLoader() = default;

RepositorySnapshot RepositoryLoader::readRepository(const QString &path)
{
    const Repository repo = Repository::open(path);
    RepositorySnapshot snapshot;
    snapshot.path = repo.path();
    snapshot.defaultBranch = repo.defaultBranch();
    snapshot.refs = repo.listRepoRefs();
    const bool hasDefault = std::any_of(snapshot.refs.branches.cbegin(), snapshot.refs.branches.cend(),
                                        [&](const GitRefInfo &b) { return b.name == snapshot.defaultBranch; });
    if (hasDefault) {
        snapshot.tree = readTreeOf(repo, snapshot.path, kHeadsPrefix + snapshot.defaultBranch);
    } else {
        snapshot.tree.repoPath = snapshot.path;
    }
    return snapshot;
}

TreeSnapshot RepositoryLoader::readTree(const QString &repoPath, const QString &revision)
{
    const Repository repo = Repository::open(repoPath);
    return readTreeOf(repo, repoPath, revision);
}

void RepositoryLoader::openRepository(const QString &path)
{
    ++m_treeSerial; // a pending tree belongs to the repository being replaced
    LoadError failure;
    failure.stage = LoadError::Stage::Open;
    failure.path = path;
    start<RepositorySnapshot>(
        &m_openSerial, failure, [path] { return readRepository(path); },
        [this](const RepositorySnapshot &s) { Q_EMIT repositoryLoaded(s); });
}

void RepositoryLoader::loadTree(const QString &repoPath, const QString &revision)
{
    LoadError failure;
    failure.stage = LoadError::Stage::Tree;
    failure.path = repoPath;
    failure.revision = revision;
    start<TreeSnapshot>(
        &m_treeSerial, failure,
        [repoPath, revision] { return readTree(repoPath, revision); },
        [this](const TreeSnapshot &t) { Q_EMIT treeLoaded(t); });
}

template <typename T, typename Work, typename Deliver>
void RepositoryLoader::start(quint64 *currentSerial, LoadError failure, Work work, Deliver deliver)
{
    const quint64 serial = ++*currentSerial;
    auto *watcher = new QFutureWatcher<Outcome<T>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, serial, currentSerial, failure, deliver]() mutable {
                watcher->deleteLater();
                setRunning(-1);
                if (serial != *currentSerial)
                    return; // superseded by a newer request
                const Outcome<T> outcome = watcher->result();
                if (outcome.value) {
                    deliver(*outcome.value);
                } else {
                    failure.kind = outcome.kind;
                    failure.message = outcome.message;
                    Q_EMIT loadFailed(failure);
                }
            });
    setRunning(+1);
    watcher->setFuture(QtConcurrent::run([work] { return runCaught<T>(work); }));
}

void RepositoryLoader::setRunning(int delta)
{
    const bool wasBusy = isBusy();
    m_running += delta;
    if (wasBusy != isBusy())
        Q_EMIT busyChanged(isBusy());
}

} // namespace hubvault::app
