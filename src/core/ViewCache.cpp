#include "ViewCache.h"

#include <hubvault/Errors.h>
#include <hubvault/FnMatch.h>
#include <hubvault/RepoPath.h>
#include "CanonicalJson.h"
#include "ContentReader.h"
#include "Env.h"
#include "Hash.h"
#include "History.h"
#include "ObjectCodec.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "TreeWalker.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace hubvault {

namespace {

QStringList normalizePatterns(const std::optional<QStringList> &patterns)
{
    QStringList out;
    if (!patterns)
        return out;
    for (QString p : *patterns) {
        if (p.endsWith(QLatin1Char('/')))
            p += QLatin1Char('*');
        out.append(p);
    }
    return out;
}

QJsonArray toJsonArray(const QStringList &list)
{
    QJsonArray out;
    for (const QString &s : list)
        out.append(s);
    return out;
}

bool isInside(const QString &path, const QString &root)
{
    return path == root || path.startsWith(root + QLatin1Char('/'));
}

} // namespace

QString ViewCache::fileViewKey(const QString &commitGitOid, const QString &path)
{
    return QString::fromLatin1(Hash::sha256Hex((commitGitOid + QLatin1Char(':') + path).toUtf8()));
}

QString ViewCache::snapshotViewKey(const QString &commitGitOid, const QStringList &allow, const QStringList &ignore)
{
    QJsonObject key;
    key.insert(QStringLiteral("allow_patterns"), toJsonArray(allow));
    key.insert(QStringLiteral("commit_id"), commitGitOid.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(commitGitOid));
    key.insert(QStringLiteral("ignore_patterns"), toJsonArray(ignore));
    return QString::fromLatin1(Hash::sha256Hex(CanonicalJson::serialize(key)));
}

QString ViewCache::requireOutsideRepo(const QString &localDir) const
{
    const Env &env = *m_session.context().env;
    const QString real = env.realPath(localDir);
    if (isInside(real, env.realPath(m_session.context().root)))
        throw HubVaultValidationError(
            QStringLiteral("local_dir %1 lies inside the repository; choose a directory outside it").arg(localDir));
    return real;
}

bool ViewCache::alreadyHolds(const QString &target, qint64 size, const QString &sha256) const
{
    const Env &env = *m_session.context().env;
    const FileStat st = env.stat(target);
    return st.isFile && st.size == size && QString::fromLatin1(Hash::sha256Hex(*env.openForRead(target))) == sha256;
}

void ViewCache::materialize(const QString &fileId, const QString &target, bool durable, qint64 doneBefore,
                            qint64 total)
{
    const Env &env = *m_session.context().env;
    const FilePayload &file = m_session.file(fileId);
    const FileStat existing = env.stat(target);
    if (existing.exists && (existing.isDir || existing.isSymlink))
        env.removeTree(target); // never write through a symlink someone placed there
    env.makeDirectories(QFileInfo(target).absolutePath());
    // Temp name + rename, so a reader never sees a half-written view. Managed cache views
    // are disposable and skip fsync, as in the original (docs/format.md §6.5, §9); copies into
    // a caller's local_dir are durable.
    const QString temp = target + QStringLiteral(".tmp.") + env.randomHex(8);
    try {
        auto out = env.createFile(temp);
        ContentReader(m_session).copyToFile(file, *out, m_task, doneBefore, total);
        if (durable)
            env.syncFile(*out);
        out->close();
        env.renameFile(temp, target);
        if (durable)
            env.fsyncDirectory(QFileInfo(target).absolutePath());
    } catch (...) {
        env.removeFile(temp);
        throw;
    }
}

QString ViewCache::downloadFile(const QString &filename, const QString &revision, const QString &localDir)
{
    const RepositoryContext &context = m_session.context();
    const Env &env = *context.env;
    const QString path = RepoPath::normalize(filename, QStringLiteral("filename"));
    History history(m_session);
    const QString commitId = history.resolveCommit(revision);
    const QString commitOid = m_session.commitGitOid(commitId);
    const auto entry = TreeWalker(m_session).lookup(m_session.commit(commitId).treeId, path);
    if (!entry || entry->isTree)
        throw EntryNotFoundError(QStringLiteral("path not found: %1").arg(path));
    const FilePayload &file = m_session.file(entry->objectId);

    if (!localDir.isEmpty()) {
        const QString root = requireOutsideRepo(localDir);
        const QString target = root + QLatin1Char('/') + path;
        if (!isInside(env.realPath(target), root))
            throw HubVaultValidationError(QStringLiteral("target %1 would escape local_dir through a symlink").arg(target));
        if (!alreadyHolds(target, file.logicalSize, file.sha256))
            materialize(entry->objectId, target, true);
        return target;
    }

    const QString requested = revision.isEmpty() ? context.defaultBranch : revision;
    const QString key = fileViewKey(commitOid, path);
    const QString targetRel = QStringLiteral("cache/files/") + key + QLatin1Char('/') + path;
    const QString target = context.path(targetRel);
    const QString metaPath = context.path(QStringLiteral("cache/views/files/") + key + QStringLiteral(".json"));
    if (!isInside(env.realPath(target), env.realPath(context.path(QStringLiteral("cache")))))
        throw HubVaultValidationError(QStringLiteral("view %1 would escape the cache through a symlink").arg(targetRel));

    // Reuse only when every recorded fact still holds and the file is untouched.
    if (env.stat(metaPath, true).isFile) {
        try {
            const QJsonObject meta = CanonicalJson::parseObject(env.readFile(metaPath), metaPath);
            const FileStat st = env.stat(target);
            if (meta.value(QLatin1String("revision")).toString() == requested
                && meta.value(QLatin1String("commit_id")).toString() == commitOid
                && meta.value(QLatin1String("path_in_repo")).toString() == path
                && meta.value(QLatin1String("sha256")).toString() == file.sha256
                && meta.value(QLatin1String("size")).toInteger() == file.logicalSize
                && meta.value(QLatin1String("target_path")).toString() == targetRel && st.isFile
                && st.size == file.logicalSize && st.mtimeNs == meta.value(QLatin1String("view_mtime_ns")).toInteger())
                return target;
        } catch (const HubVaultError &) {
            // unreadable metadata: rebuild the view below
        }
    }
    if (!alreadyHolds(target, file.logicalSize, file.sha256))
        materialize(entry->objectId, target, false);
    QJsonObject meta;
    meta.insert(QStringLiteral("commit_id"), commitOid);
    meta.insert(QStringLiteral("created_at"), ObjectCodec::formatTimestamp(env.nowUtc()));
    meta.insert(QStringLiteral("oid"), file.oid);
    meta.insert(QStringLiteral("path_in_repo"), path);
    meta.insert(QStringLiteral("revision"), requested);
    meta.insert(QStringLiteral("sha256"), file.sha256);
    meta.insert(QStringLiteral("size"), file.logicalSize);
    meta.insert(QStringLiteral("target_path"), targetRel);
    meta.insert(QStringLiteral("view_key"), key);
    meta.insert(QStringLiteral("view_mtime_ns"), env.stat(target).mtimeNs);
    env.makeDirectories(QFileInfo(metaPath).absolutePath());
    env.writeFileAtomic(metaPath, CanonicalJson::serialize(meta), false);
    return target;
}

QString ViewCache::downloadSnapshot(const SnapshotOptions &options)
{
    const RepositoryContext &context = m_session.context();
    const Env &env = *context.env;
    History history(m_session);
    const auto commitId = history.resolve(options.revision, true);
    const QString commitOid = commitId ? m_session.commitGitOid(*commitId) : QString();
    const QStringList allow = normalizePatterns(options.allowPatterns);
    const QStringList ignore = normalizePatterns(options.ignorePatterns);
    const QString key = snapshotViewKey(commitOid, allow, ignore);
    const QString requested = options.revision.isEmpty() ? context.defaultBranch : options.revision;

    const bool external = !options.localDir.isEmpty();
    const QString root = external ? requireOutsideRepo(options.localDir) : context.path(QStringLiteral("cache/snapshots/") + key);
    const QString targetPath = external ? root : QStringLiteral("cache/snapshots/") + key;
    const QString metaPath = external ? root + QStringLiteral("/.cache/hubvault/snapshot.json")
                                      : context.path(QStringLiteral("cache/views/snapshots/") + key + QStringLiteral(".json"));

    // Select files: keep a path if allowed (or no allow list) and not ignored.
    FlatSnapshot selected;
    if (commitId) {
        for (const auto &entry : TreeWalker(m_session).flatten(m_session.commit(*commitId).treeId)) {
            const bool allowed = !options.allowPatterns || FnMatch::matchAny(entry.first, allow);
            if (allowed && !FnMatch::matchAny(entry.first, ignore))
                selected.push_back(entry);
        }
    }

    QJsonObject previous;
    if (env.stat(metaPath, true).isFile) {
        try {
            previous = CanonicalJson::parseObject(env.readFile(metaPath), metaPath);
        } catch (const HubVaultError &) {
        }
    }
    QHash<QString, QJsonObject> previousFiles;
    for (const QJsonValue &v : previous.value(QLatin1String("files")).toArray())
        previousFiles.insert(v.toObject().value(QLatin1String("path")).toString(), v.toObject());
    auto untouched = [&](const QString &path, const QJsonObject &recorded) {
        const FileStat st = env.stat(root + QLatin1Char('/') + path);
        return st.isFile && st.size == recorded.value(QLatin1String("size")).toInteger()
            && st.mtimeNs == recorded.value(QLatin1String("view_mtime_ns")).toInteger();
    };

    const bool reusable = env.stat(root, true).isDir && !previous.isEmpty()
        && previous.value(QLatin1String("revision")).toString() == requested
        && previous.value(QLatin1String("commit_id")).toString() == commitOid
        && previous.value(QLatin1String("allow_patterns")).toArray() == toJsonArray(allow)
        && previous.value(QLatin1String("ignore_patterns")).toArray() == toJsonArray(ignore)
        && std::all_of(previousFiles.cbegin(), previousFiles.cend(), [&](const QJsonObject &f) {
               return untouched(f.value(QLatin1String("path")).toString(), f);
           });
    if (reusable)
        return root;

    // Drop files that are no longer selected, pruning emptied directories.
    QSet<QString> selectedPaths;
    for (const auto &entry : selected)
        selectedPaths.insert(entry.first);
    for (auto it = previousFiles.cbegin(); it != previousFiles.cend(); ++it) {
        if (selectedPaths.contains(it.key()))
            continue;
        QString relative;
        try {
            relative = RepoPath::normalize(it.key());
        } catch (const HubVaultError &) {
            continue; // never follow a hostile path from a metadata file
        }
        // Never delete through a directory that was replaced by a link to elsewhere.
        if (!isInside(env.realPath(QFileInfo(root + QLatin1Char('/') + relative).absolutePath()), env.realPath(root)))
            continue;
        env.removeFile(root + QLatin1Char('/') + relative);
        QDir dir = QFileInfo(root + QLatin1Char('/') + relative).absoluteDir();
        while (dir.absolutePath() != root && dir.isEmpty() && dir.rmdir(dir.absolutePath()))
            dir.cdUp();
    }

    qint64 total = 0, done = 0;
    for (const auto &entry : selected)
        total += m_session.file(entry.second).logicalSize;
    QJsonArray files;
    for (const auto &[path, fileId] : selected) {
        m_task.checkCancelled();
        const FilePayload &file = m_session.file(fileId);
        const QString target = root + QLatin1Char('/') + path;
        if (!isInside(env.realPath(target), env.realPath(root)))
            throw HubVaultValidationError(QStringLiteral("snapshot target %1 would escape %2 through a symlink").arg(path, root));
        const QJsonObject recorded = previousFiles.value(path);
        const bool keep = !recorded.isEmpty() && recorded.value(QLatin1String("sha256")).toString() == file.sha256
            && recorded.value(QLatin1String("oid")).toString() == file.oid
            && recorded.value(QLatin1String("size")).toInteger() == file.logicalSize && untouched(path, recorded);
        if (!keep && !alreadyHolds(target, file.logicalSize, file.sha256))
            materialize(fileId, target, external, done, total);
        done += file.logicalSize;
        m_task.report(done, total, QStringLiteral("snapshot"));
        QJsonObject f;
        f.insert(QStringLiteral("oid"), file.oid);
        f.insert(QStringLiteral("path"), path);
        f.insert(QStringLiteral("sha256"), file.sha256);
        f.insert(QStringLiteral("size"), file.logicalSize);
        f.insert(QStringLiteral("view_mtime_ns"), env.stat(target).mtimeNs);
        files.append(f);
    }
    env.makeDirectories(root);

    QJsonObject meta;
    meta.insert(QStringLiteral("allow_patterns"), toJsonArray(allow));
    meta.insert(QStringLiteral("commit_id"), commitOid.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(commitOid));
    meta.insert(QStringLiteral("created_at"), ObjectCodec::formatTimestamp(env.nowUtc()));
    meta.insert(QStringLiteral("files"), files);
    meta.insert(QStringLiteral("ignore_patterns"), toJsonArray(ignore));
    meta.insert(QStringLiteral("revision"), requested);
    meta.insert(QStringLiteral("target_path"), targetPath);
    meta.insert(QStringLiteral("view_key"), key);
    env.makeDirectories(QFileInfo(metaPath).absolutePath());
    env.writeFileAtomic(metaPath, CanonicalJson::serialize(meta), external);
    return root;
}

} // namespace hubvault
