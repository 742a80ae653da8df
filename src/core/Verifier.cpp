#include "Verifier.h"

#include <hubvault/Errors.h>
#include "CanonicalJson.h"
#include "ContentReader.h"
#include "Hash.h"
#include "ObjectCodec.h"
#include "RepoSession.h"
#include "RepositoryContext.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

namespace hubvault {

namespace {

/** Names of the regular *.json files in `dir`, sorted (views' metadata). */
QStringList jsonFilesIn(const Env &env, const QString &dir)
{
    QStringList out;
    for (const DirEntry &entry : env.listDirectory(dir)) {
        if (entry.stat.isFile && entry.name.endsWith(QLatin1String(".json")))
            out.append(entry.name);
    }
    return out;
}

QString fullRef(const RefRow &row)
{
    return (row.kind == QLatin1String("tag") ? QStringLiteral("refs/tags/") : QStringLiteral("refs/heads/")) + row.name;
}

} // namespace

VerifyReport Verifier::run()
{
    VerifyReport report;
    const auto meta = m_session.store().repoMeta();
    if (meta.value(QStringLiteral("format_version")).trimmed() != QLatin1String("1"))
        report.errors.append(QStringLiteral("unsupported format version"));

    QList<RefRow> refs = m_session.refs();
    // Quick verify lists branches, then tags; full verify all full names sorted together.
    std::stable_sort(refs.begin(), refs.end(), [&](const RefRow &a, const RefRow &b) {
        if (m_depth == Depth::Full)
            return fullRef(a).toUtf8() < fullRef(b).toUtf8();
        if (a.kind != b.kind)
            return a.kind == QLatin1String("branch");
        return a.name.toUtf8() < b.name.toUtf8();
    });
    for (const RefRow &row : refs) {
        report.checkedRefs.append(fullRef(row));
        if (!row.commitId.isEmpty())
            verifyRefClosure(fullRef(row), row.commitId, report);
    }
    if (m_depth == Depth::Full) {
        verifyObjectIds(report);
        verifyChunkIndex(report);
        // Beyond the original: every reflog row (deleted refs included) still carries the
        // checksum of its heads and message (docs/format.md §8.3).
        // The rows are streamed and the mismatches reported up to a bound per ref, so a
        // reflog of any length is checked in constant memory (tests/cli/tst_cli_hostile).
        constexpr qint64 kMaxReportedMismatches = 100;
        for (const auto &[kind, name] : m_session.store().reflogRefs()) {
            const QString ref = (kind == QLatin1String("tag") ? QStringLiteral("refs/tags/") : QStringLiteral("refs/heads/")) + name;
            qint64 mismatches = 0, rowsSeen = 0;
            m_session.store().forEachReflogRow(kind, name, [&](const ReflogRow &row) {
                if ((++rowsSeen & 0xffff) == 0)
                    m_task.checkCancelled();
                if (ObjectCodec::reflogChecksum(row.oldHead, row.newHead, row.message) == row.checksum)
                    return;
                if (++mismatches <= kMaxReportedMismatches)
                    report.errors.append(QStringLiteral("reflog %1 seq %2: checksum mismatch").arg(ref).arg(row.seq));
            });
            if (mismatches > kMaxReportedMismatches)
                report.errors.append(QStringLiteral("reflog %1: %2 more rows with a checksum mismatch")
                                         .arg(ref).arg(mismatches - kMaxReportedMismatches));
        }
    }
    checkViews(report);
    checkLeftovers(report);
    report.ok = report.errors.isEmpty();
    return report;
}

void Verifier::verifyRefClosure(const QString &refName, const QString &commitId, VerifyReport &report)
{
    // Every distinct problem in the closure is reported once per ref, so a user sees all
    // the damage at once rather than one file per run.
    QSet<QString> seen;
    QList<QString> stack{commitId};
    QSet<QString> reported;
    while (!stack.isEmpty()) {
        m_task.checkCancelled();
        const QString id = stack.takeLast();
        if (seen.contains(id))
            continue;
        seen.insert(id);
        QString problem;
        try {
            const CommitPayload &commit = m_session.commit(id);
            for (const QString &parent : commit.parents)
                stack.append(parent);
            problem = checkCommit(id);
        } catch (const CancelledError &) {
            throw;
        } catch (const HubVaultRemoteError &) {
            throw; // an unreachable store or refused keys are not damage: verify cannot tell
        } catch (const HubVaultError &e) {
            problem = e.message();
        }
        if (!problem.isEmpty() && !reported.contains(problem)) {
            reported.insert(problem);
            report.errors.append(refName + QStringLiteral(": ") + problem);
        }
    }
}

QString Verifier::checkCommit(const QString &commitId)
{
    const CommitPayload &commit = m_session.commit(commitId);
    return checkTree(commit.treeId);
}

QString Verifier::checkTree(const QString &treeId, int depth)
{
    if (m_treesDone.contains(treeId))
        return QString();
    QString first;
    try {
        checkTreeDepth(depth, treeId);
        const TreePayload tree = m_session.tree(treeId);
        for (const TreeEntry &e : tree.entries) {
            const QString problem = e.isTree() ? checkTree(e.objectId, depth + 1) : checkFile(e.objectId);
            if (!problem.isEmpty() && first.isEmpty())
                first = problem;
        }
    } catch (const CancelledError &) {
        throw;
    } catch (const HubVaultRemoteError &) {
        throw;
    } catch (const HubVaultError &e) {
        first = e.message();
    }
    if (first.isEmpty())
        m_treesDone.insert(treeId);
    return first;
}

QString Verifier::checkFile(const QString &fileId)
{
    if (auto it = m_fileProblems.constFind(fileId); it != m_fileProblems.constEnd())
        return *it;
    QString problem;
    try {
        m_content.check(m_session.file(fileId));
    } catch (const CancelledError &) {
        throw;
    } catch (const HubVaultRemoteError &) {
        throw;
    } catch (const HubVaultError &e) {
        problem = e.message();
    }
    m_fileProblems.insert(fileId, problem);
    return problem;
}

void Verifier::verifyObjectIds(VerifyReport &report)
{
    for (ObjectType type : {ObjectType::Commit, ObjectType::Tree, ObjectType::File, ObjectType::Blob}) {
        for (const auto &[id, payload] : m_session.store().allPayloads(type)) {
            m_task.checkCancelled();
            const QString label = objectTypeName(type) + QLatin1Char(' ') + id;
            QJsonObject json;
            try {
                json = CanonicalJson::parseObject(payload, label);
            } catch (const HubVaultError &) {
                report.errors.append(label + QStringLiteral(": payload is not valid JSON"));
                continue;
            }
            if (ObjectCodec::objectId(type, CanonicalJson::serialize(json)) != id) {
                report.errors.append(label + QStringLiteral(": object id mismatch"));
                continue;
            }
            // Beyond the original: the public Git ids must also match a recomputation.
            try {
                if (type == ObjectType::Tree) {
                    const TreePayload tree = TreePayload::parse(payload, id);
                    QList<GitTreeEntry> entries;
                    for (const TreeEntry &e : tree.entries)
                        entries.append({e.name, e.isTree(), e.isTree() ? m_session.treeGitOid(e.objectId)
                                                                       : m_session.file(e.objectId).oid});
                    if (!tree.gitOid.isEmpty() && ObjectCodec::gitTreeOid(entries) != tree.gitOid)
                        report.errors.append(label + QStringLiteral(": git oid mismatch"));
                } else if (type == ObjectType::Commit) {
                    const CommitPayload commit = CommitPayload::parse(payload, id);
                    QStringList parents;
                    for (const QString &p : commit.parents)
                        parents.append(m_session.commitGitOid(p));
                    const QString expected = ObjectCodec::gitCommitOid(m_session.treeGitOid(commit.treeId), parents,
                                                                       ObjectCodec::parseTimestamp(commit.createdAt),
                                                                       commit.message);
                    if (!commit.gitOid.isEmpty() && expected != commit.gitOid)
                        report.errors.append(label + QStringLiteral(": git oid mismatch"));
                }
            } catch (const HubVaultError &e) {
                report.errors.append(label + QStringLiteral(": ") + e.message());
            }
        }
    }
}

void Verifier::verifyChunkIndex(VerifyReport &report)
{
    // Rows are checked in chunk-id order and the first problem ends the pass, as in the
    // original; runs of readable rows are read and hashed in parallel meanwhile.
    QList<ChunkLocation> batch;
    auto flush = [&] {
        const QString problem = m_content.checkChunks(batch);
        batch.clear();
        if (problem.isEmpty())
            return false;
        report.errors.append(QStringLiteral("chunk storage: ") + problem);
        return true;
    };
    for (const ChunkRow &row : m_session.store().allChunks()) {
        QString problem;
        if (row.compression != QLatin1String("none"))
            problem = QStringLiteral("chunk %1 uses unsupported compression '%2'").arg(row.chunkId, row.compression);
        else if (row.checksum != row.chunkId)
            problem = QStringLiteral("chunk %1 checksum differs from its id").arg(row.chunkId);
        if (problem.isEmpty()) {
            ChunkLocation location;
            location.ref.chunkId = row.chunkId;
            location.ref.checksum = row.checksum;
            location.ref.logicalSize = row.logicalSize;
            location.ref.storedSize = row.storedSize;
            location.packId = row.packId;
            location.packs = m_session.context().packs();
            location.offset = row.offset;
            batch.append(location);
            continue;
        }
        if (!flush())
            report.errors.append(QStringLiteral("chunk storage: ") + problem);
        return;
    }
    flush();
}

void Verifier::checkViews(VerifyReport &report)
{
    const RepositoryContext &context = m_session.context();
    const Env &env = *context.env;
    auto matches = [&](const QString &path, qint64 size, qint64 mtimeNs, const QString &sha256) {
        const FileStat st = env.stat(path);
        if (!st.isFile)
            return false;
        if (m_depth == Depth::Full && st.size == size && st.mtimeNs == mtimeNs)
            return true;
        QFile file(path);
        return st.size == size && file.open(QIODevice::ReadOnly) && QString::fromLatin1(Hash::sha256Hex(file)) == sha256;
    };
    const QString filesDir = context.path(QStringLiteral("cache/views/files"));
    for (const QString &name : jsonFilesIn(env, filesDir)) {
        try {
            const QJsonObject meta = CanonicalJson::parseObject(env.readFile(filesDir + QLatin1Char('/') + name), name);
            const QString target = context.path(meta.value(QLatin1String("target_path")).toString());
            if (env.stat(target).exists
                && !matches(target, meta.value(QLatin1String("size")).toInteger(),
                            meta.value(QLatin1String("view_mtime_ns")).toInteger(),
                            meta.value(QLatin1String("sha256")).toString()))
                report.warnings.append(QStringLiteral("stale file view: ") + name);
        } catch (const HubVaultError &e) {
            report.warnings.append(QStringLiteral("failed to inspect file view %1: %2").arg(name, e.message()));
        }
    }
    const QString snapsDir = context.path(QStringLiteral("cache/views/snapshots"));
    for (const QString &name : jsonFilesIn(env, snapsDir)) {
        try {
            const QJsonObject meta = CanonicalJson::parseObject(env.readFile(snapsDir + QLatin1Char('/') + name), name);
            const QString root = context.path(meta.value(QLatin1String("target_path")).toString());
            for (const QJsonValue &v : meta.value(QLatin1String("files")).toArray()) {
                const QJsonObject f = v.toObject();
                if (!matches(root + QLatin1Char('/') + f.value(QLatin1String("path")).toString(),
                             f.value(QLatin1String("size")).toInteger(), f.value(QLatin1String("view_mtime_ns")).toInteger(),
                             f.value(QLatin1String("sha256")).toString())) {
                    report.warnings.append(QStringLiteral("stale snapshot view: ") + name);
                    break;
                }
            }
        } catch (const HubVaultError &e) {
            report.warnings.append(QStringLiteral("failed to inspect snapshot view %1: %2").arg(name, e.message()));
        }
    }
}

void Verifier::checkLeftovers(VerifyReport &report)
{
    const RepositoryContext &context = m_session.context();
    const Env &env = *context.env;
    for (const DirEntry &entry : env.listDirectory(context.path(QStringLiteral("txn")))) {
        report.warnings.append(entry.stat.isDir ? QStringLiteral("pending transaction directory: ") + entry.name
                                                : QStringLiteral("unexpected txn entry: ") + entry.name);
    }
    for (const DirEntry &entry : env.listDirectory(context.path(QStringLiteral("locks")))) {
        if (entry.name == QLatin1String("repo.lock") && entry.stat.isFile)
            continue;
        report.warnings.append(QStringLiteral("unexpected lock artifact: ") + entry.name);
    }
}

} // namespace hubvault
