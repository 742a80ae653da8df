// Detached views: file views and snapshot directories (see ViewCache.h).
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
    History history(m_session);
    const auto commitId = history.resolve(options.revision, true);
    const SnapshotView view = snapshotView(options, commitId ? m_session.commitGitOid(*commitId) : QString());
    const FlatSnapshot selected = commitId ? selectFiles(*commitId, view) : FlatSnapshot();
    const ViewRecord previous = readRecord(view.metaPath);
    if (isReusable(view, previous))
        return view.root;
    dropUnselected(view, previous, selected);
    const QJsonArray files = writeFiles(view, previous, selected);
    writeRecord(view, files);
    return view.root;
}

ViewCache::SnapshotView ViewCache::snapshotView(const SnapshotOptions &options, const QString &commitOid) const
{
    const RepositoryContext &context = m_session.context();
    SnapshotView view;
    view.commitOid = commitOid;
    view.hasAllowList = options.allowPatterns.has_value();
    view.allow = normalizePatterns(options.allowPatterns);
    view.ignore = normalizePatterns(options.ignorePatterns);
    view.key = snapshotViewKey(commitOid, view.allow, view.ignore);
    view.requested = options.revision.isEmpty() ? context.defaultBranch : options.revision;
    view.external = !options.localDir.isEmpty();
    view.root = view.external ? requireOutsideRepo(options.localDir) : context.path(QStringLiteral("cache/snapshots/") + view.key);
    view.targetPath = view.external ? view.root : QStringLiteral("cache/snapshots/") + view.key;
    view.metaPath = view.external ? view.root + QStringLiteral("/.cache/hubvault/snapshot.json")
                                  : context.path(QStringLiteral("cache/views/snapshots/") + view.key + QStringLiteral(".json"));
    return view;
}

FlatSnapshot ViewCache::selectFiles(const QString &commitId, const SnapshotView &view)
{
    // Keep a path if allowed (or no allow list) and not ignored.
    FlatSnapshot selected;
    for (const auto &entry : TreeWalker(m_session).flatten(m_session.commit(commitId).treeId)) {
        const bool allowed = !view.hasAllowList || FnMatch::matchAny(entry.first, view.allow);
        if (allowed && !FnMatch::matchAny(entry.first, view.ignore))
            selected.push_back(entry);
    }
    return selected;
}

ViewCache::ViewRecord ViewCache::readRecord(const QString &metaPath) const
{
    const Env &env = *m_session.context().env;
    ViewRecord record;
    if (env.stat(metaPath, true).isFile) {
        try {
            record.meta = CanonicalJson::parseObject(env.readFile(metaPath), metaPath);
        } catch (const HubVaultError &) {
            // An unreadable record only costs a rebuild.
        }
    }
    for (const QJsonValue &v : record.meta.value(QLatin1String("files")).toArray())
        record.files.insert(v.toObject().value(QLatin1String("path")).toString(), v.toObject());
    return record;
}

bool ViewCache::untouched(const SnapshotView &view, const QString &path, const QJsonObject &recorded) const
{
    const FileStat st = m_session.context().env->stat(view.root + QLatin1Char('/') + path);
    return st.isFile && st.size == recorded.value(QLatin1String("size")).toInteger()
        && st.mtimeNs == recorded.value(QLatin1String("view_mtime_ns")).toInteger();
}

bool ViewCache::isReusable(const SnapshotView &view, const ViewRecord &previous) const
{
    const QJsonObject &meta = previous.meta;
    return m_session.context().env->stat(view.root, true).isDir && !meta.isEmpty()
        && meta.value(QLatin1String("revision")).toString() == view.requested
        && meta.value(QLatin1String("commit_id")).toString() == view.commitOid
        && meta.value(QLatin1String("allow_patterns")).toArray() == toJsonArray(view.allow)
        && meta.value(QLatin1String("ignore_patterns")).toArray() == toJsonArray(view.ignore)
        && std::all_of(previous.files.cbegin(), previous.files.cend(), [&](const QJsonObject &f) {
               return untouched(view, f.value(QLatin1String("path")).toString(), f);
           });
}

void ViewCache::dropUnselected(const SnapshotView &view, const ViewRecord &previous, const FlatSnapshot &selected)
{
    // Files of the previous view that are no longer selected go, with emptied folders.
    const Env &env = *m_session.context().env;
    QSet<QString> selectedPaths;
    for (const auto &entry : selected)
        selectedPaths.insert(entry.first);
    for (auto it = previous.files.cbegin(); it != previous.files.cend(); ++it) {
        if (selectedPaths.contains(it.key()))
            continue;
        QString relative;
        try {
            relative = RepoPath::normalize(it.key());
        } catch (const HubVaultError &) {
            continue; // never follow a hostile path from a metadata file
        }
        // Never delete through a directory that was replaced by a link to elsewhere.
        const QString file = view.root + QLatin1Char('/') + relative;
        if (!isInside(env.realPath(QFileInfo(file).absolutePath()), env.realPath(view.root)))
            continue;
        env.removeFile(file);
        QString dir = QFileInfo(file).absolutePath();
        while (dir != view.root && env.removeEmptyDirectory(dir))
            dir = QFileInfo(dir).absolutePath();
    }
}

QJsonArray ViewCache::writeFiles(const SnapshotView &view, const ViewRecord &previous, const FlatSnapshot &selected)
{
    const Env &env = *m_session.context().env;
    qint64 total = 0, done = 0;
    for (const auto &entry : selected)
        total += m_session.file(entry.second).logicalSize;
    QJsonArray files;
    for (const auto &[path, fileId] : selected) {
        m_task.checkCancelled();
        const FilePayload &file = m_session.file(fileId);
        const QString target = view.root + QLatin1Char('/') + path;
        if (!isInside(env.realPath(target), env.realPath(view.root)))
            throw HubVaultValidationError(QStringLiteral("snapshot target %1 would escape %2 through a symlink").arg(path, view.root));
        // A file still as this view wrote it, or already holding the right bytes, stays.
        const QJsonObject recorded = previous.files.value(path);
        const bool keep = !recorded.isEmpty() && recorded.value(QLatin1String("sha256")).toString() == file.sha256
            && recorded.value(QLatin1String("oid")).toString() == file.oid
            && recorded.value(QLatin1String("size")).toInteger() == file.logicalSize && untouched(view, path, recorded);
        if (!keep && !alreadyHolds(target, file.logicalSize, file.sha256))
            materialize(fileId, target, view.external, done, total);
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
    env.makeDirectories(view.root);
    return files;
}

void ViewCache::writeRecord(const SnapshotView &view, const QJsonArray &files)
{
    const Env &env = *m_session.context().env;
    QJsonObject meta;
    meta.insert(QStringLiteral("allow_patterns"), toJsonArray(view.allow));
    meta.insert(QStringLiteral("commit_id"), view.commitOid.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(view.commitOid));
    meta.insert(QStringLiteral("created_at"), ObjectCodec::formatTimestamp(env.nowUtc()));
    meta.insert(QStringLiteral("files"), files);
    meta.insert(QStringLiteral("ignore_patterns"), toJsonArray(view.ignore));
    meta.insert(QStringLiteral("revision"), view.requested);
    meta.insert(QStringLiteral("target_path"), view.targetPath);
    meta.insert(QStringLiteral("view_key"), view.key);
    env.makeDirectories(QFileInfo(view.metaPath).absolutePath());
    env.writeFileAtomic(view.metaPath, CanonicalJson::serialize(meta), view.external);
}

} // namespace hubvault
