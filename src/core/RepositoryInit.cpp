#include "RepositoryInit.h"

#include <hubvault/Errors.h>
#include <hubvault/RepoPath.h>
#include "CanonicalJson.h"
#include "MetadataStore.h"
#include "ObjectCodec.h"
#include "RepoSession.h"
#include "Recovery.h"
#include "RepositoryContext.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>

namespace hubvault {

namespace {

const char *const kSkeleton[] = {
    "refs/heads",       "refs/tags",          "logs/refs/heads",        "logs/refs/tags",
    "objects/commits/sha256", "objects/trees/sha256", "objects/files/sha256", "objects/blobs/sha256",
    "txn",              "locks",              "cache/views/files",      "cache/views/snapshots",
    "cache/files",      "cache/snapshots",    "quarantine/objects",     "quarantine/packs",
    "quarantine/manifests", "chunks/packs",   "chunks/index/L0",        "chunks/index/L1",
    "chunks/index/L2"};

const QByteArray kManifest(R"({"format_version":1,"levels":{"L0":[],"L1":[],"L2":[]}})");

bool isRepository(const Env &env, const QString &root)
{
    return env.stat(root + QStringLiteral("/FORMAT"), true).isFile
        && (env.stat(root + QStringLiteral("/metadata.sqlite3"), true).isFile
            || env.stat(root + QStringLiteral("/repo.json"), true).isFile);
}

/** Only locks/ holding at most repo.lock may already be there. */
void requireEmpty(const Env &env, const QString &root)
{
    for (const DirEntry &entry : env.listDirectory(root)) {
        if (entry.name == QLatin1String("locks") && entry.stat.isDir) {
            const QList<DirEntry> inside = env.listDirectory(root + QStringLiteral("/locks"));
            if (inside.isEmpty() || (inside.size() == 1 && inside.first().name == QLatin1String("repo.lock")))
                continue;
        }
        throw HubVaultValidationError(
            QStringLiteral("cannot create a repository in %1: the directory is not empty (found %2); use an empty or new directory")
                .arg(root, entry.name));
    }
}

const QByteArray kFormatMarker("hubvault-repo/v1\n");
const QStringList kRequiredMetaKeys = {QStringLiteral("default_branch"), QStringLiteral("file_mode"),
                                       QStringLiteral("format_version"), QStringLiteral("large_file_threshold"),
                                       QStringLiteral("metadata"),       QStringLiteral("object_hash")};

QJsonValue parseJsonValue(const QString &text)
{
    // Wrap so scalars parse with QJsonDocument, which only accepts arrays and objects.
    const QJsonDocument doc = QJsonDocument::fromJson(("[" + text + "]").toUtf8());
    return doc.isArray() ? doc.array().at(0) : QJsonValue(QJsonValue::Undefined);
}

void checkLayout(const Env &env, const QString &root)
{
    const FileStat dir = env.stat(root, true);
    if (!dir.exists)
        throw RepositoryNotFoundError(QStringLiteral("repository not found: %1 does not exist").arg(root));
    if (!dir.isDir)
        throw RepositoryNotFoundError(QStringLiteral("repository not found: %1 is not a directory").arg(root));
    const bool hasFormat = env.stat(root + QStringLiteral("/FORMAT"), true).isFile;
    const bool hasDb = env.stat(root + QStringLiteral("/metadata.sqlite3"), true).isFile;
    if (!hasFormat || !hasDb) {
        if (hasFormat && env.stat(root + QStringLiteral("/repo.json"), true).isFile)
            throw HubVaultError(QStringLiteral("%1 uses the legacy pre-SQLite layout; open it once with hubvault 0.0.2 "
                                               "to migrate it, then retry")
                                    .arg(root));
        throw RepositoryNotFoundError(
            QStringLiteral("repository not found: %1 has no %2").arg(root, hasFormat ? QStringLiteral("metadata.sqlite3") : QStringLiteral("FORMAT marker")));
    }
    if (env.readFile(root + QStringLiteral("/FORMAT")) != kFormatMarker)
        throw HubVaultError(QStringLiteral("unsupported repository format in %1/FORMAT (expected hubvault-repo/v1); "
                                           "this repository was written by an incompatible version")
                                .arg(root));
}

void loadSettings(RepositoryContext &context)
{
    RepoSession session(context);
    MetadataStore &store = session.store();
    const QStringList tables = store.tableNames();
    for (const char *table : {"schema_info", "repo_meta", "refs", "reflog", "txn_log", "chunk_visible",
                              "objects_commits", "objects_trees", "objects_files", "objects_blobs"}) {
        if (!tables.contains(QLatin1String(table)))
            throw IntegrityError(QStringLiteral("sqlite metadata store is incomplete: table %1 is missing").arg(QLatin1String(table)));
    }
    const QString schema = store.schemaVersion();
    if (schema != QLatin1String("1"))
        throw HubVaultError(QStringLiteral("unsupported metadata schema version '%1' (this build reads version 1)").arg(schema));
    const auto meta = store.repoMeta();
    for (const QString &key : kRequiredMetaKeys) {
        if (!meta.contains(key))
            throw IntegrityError(QStringLiteral("sqlite metadata store is incomplete: repo_meta key %1 is missing").arg(key));
    }
    const QJsonValue branch = parseJsonValue(meta.value(QStringLiteral("default_branch")));
    const QJsonValue threshold = parseJsonValue(meta.value(QStringLiteral("large_file_threshold")));
    const QJsonValue version = parseJsonValue(meta.value(QStringLiteral("format_version")));
    if (!branch.isString() || branch.toString().isEmpty() || !threshold.isDouble() || threshold.toInteger() <= 0)
        throw IntegrityError(QStringLiteral("sqlite metadata store is damaged: repo_meta values are invalid"));
    if (version.toInteger() != 1)
        throw HubVaultError(QStringLiteral("unsupported format version %1 (this build reads version 1)")
                                .arg(meta.value(QStringLiteral("format_version"))));
    context.defaultBranch = branch.toString();
    context.largeFileThreshold = threshold.toInteger();
    context.formatVersion = 1;
}

/**
 * Refuses a repository whose own folders (or database) are symbolic links, anywhere from
 * the top folders down to the blob fan-out folders: writes, gc and view caches would
 * otherwise create and delete files wherever the links point (issue 16, hostile
 * repositories; a copied or unpacked repository is untrusted input).
 */
void checkNoLinks(const Env &env, const QString &root)
{
    auto refuse = [&](const QString &relative) {
        throw IntegrityError(QStringLiteral("%1/%2 is a symbolic link; a repository's own folders and files must not "
                                            "lead outside it (replace the link with the folder it points to)")
                                 .arg(root, relative));
    };
    QSet<QString> checked;
    auto check = [&](const QString &relative) {
        if (!checked.contains(relative) && env.stat(root + QLatin1Char('/') + relative, false).isSymlink)
            refuse(relative);
        checked.insert(relative);
    };
    check(QStringLiteral("metadata.sqlite3"));
    check(QStringLiteral("FORMAT"));
    for (const char *dir : kSkeleton) {
        const QStringList parts = QString::fromLatin1(dir).split(QLatin1Char('/'));
        for (qsizetype i = 1; i <= parts.size(); ++i)
            check(parts.mid(0, i).join(QLatin1Char('/')));
    }
    // Blob data lives in 256 fan-out folders (docs/format.md §3.2); a link there would take
    // new blobs outside. Probed by name (cheap lstat calls) rather than by a listing.
    for (int i = 0; i < 256; ++i)
        check(QStringLiteral("objects/blobs/sha256/%1").arg(i, 2, 16, QLatin1Char('0')));
}

} // namespace

void RepositoryInit::load(RepositoryContext &context)
{
    checkLayout(*context.env, context.root);
    checkNoLinks(*context.env, context.root);
    Recovery::recoverIfNeeded(context);
    loadSettings(context);
}

void RepositoryInit::ensureLayout(const RepositoryContext &context)
{
    for (const char *dir : kSkeleton)
        context.env->makeDirectories(context.path(QLatin1String(dir)));
    const QString manifest = context.path(QStringLiteral("chunks/index/MANIFEST"));
    if (!context.env->stat(manifest, true).exists)
        context.env->writeFileAtomic(manifest, kManifest, true);
}

bool RepositoryInit::initialize(RepositoryContext &context, const CreateRepoOptions &options)
{
    const Env &env = *context.env;
    context.defaultBranch = RepoPath::normalizeRefName(options.defaultBranch);
    if (options.largeFileThreshold <= 0)
        throw HubVaultValidationError(QStringLiteral("large_file_threshold must be a positive number of bytes"));
    context.largeFileThreshold = options.largeFileThreshold;

    const FileStat rootStat = env.stat(context.root, true);
    if (rootStat.exists && !rootStat.isDir)
        throw HubVaultValidationError(QStringLiteral("cannot create a repository at %1: it is a file").arg(context.root));
    if (!rootStat.exists) {
        env.makeDirectories(context.root);
        env.fsyncDirectory(QFileInfo(context.root).absolutePath());
    }
    // Refuse a foreign non-empty directory before creating anything in it; the check is
    // repeated under the lock, where it is authoritative.
    if (!isRepository(env, context.root))
        requireEmpty(env, context.root);
    env.makeDirectories(context.path(QStringLiteral("locks")));
    env.fsyncDirectory(context.root);
    const FileLock lock = env.lock(context.lockPath(), true);
    if (isRepository(env, context.root))
        return false;
    requireEmpty(env, context.root);

    ensureLayout(context);
    env.writeFileAtomic(context.path(QStringLiteral("FORMAT")), QByteArray("hubvault-repo/v1\n"), true);
    MetadataStore store(context.databasePath(), MetadataStore::Mode::ReadWrite);
    store.configureForWriting();
    store.beginWrite();
    store.createSchema();
    store.commit();
    store.beginWrite();
    const QString now = ObjectCodec::formatTimestamp(env.nowUtc());
    auto json = [](const QJsonValue &v) { return QString::fromUtf8(CanonicalJson::serialize(v)); };
    store.putRepoMeta(QStringLiteral("format_version"), json(1));
    store.putRepoMeta(QStringLiteral("default_branch"), json(context.defaultBranch));
    store.putRepoMeta(QStringLiteral("object_hash"), json(QStringLiteral("sha256")));
    store.putRepoMeta(QStringLiteral("file_mode"), json(QStringLiteral("whole-blob-first")));
    store.putRepoMeta(QStringLiteral("large_file_threshold"), json(options.largeFileThreshold));
    store.putRepoMeta(QStringLiteral("metadata"), json(QJsonObject()));
    store.putRef(QStringLiteral("branch"), context.defaultBranch, QString(), now);
    store.commit();
    return true;
}

} // namespace hubvault
