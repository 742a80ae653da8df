#include "History.h"

#include <hubvault/Errors.h>
#include <hubvault/UnifiedDiff.h>
#include "ContentReader.h"
#include "ObjectCodec.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "TreeDiff.h"

#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

namespace hubvault {

namespace {

bool isGitOid(const QString &text)
{
    static const QRegularExpression hex40(QStringLiteral("^[0-9a-f]{40}$"));
    return hex40.match(text).hasMatch();
}

QString fullRefName(const QString &kind, const QString &name)
{
    return (kind == QLatin1String("tag") ? QStringLiteral("refs/tags/") : QStringLiteral("refs/heads/")) + name;
}

} // namespace

std::optional<QString> History::resolve(const QString &revisionIn, bool allowEmpty)
{
    const QString revision = revisionIn.isEmpty() ? m_session.context().defaultBranch : revisionIn;
    auto fromRef = [&](const QString &kind, const QString &name) -> std::optional<std::optional<QString>> {
        const auto row = m_session.ref(kind, name);
        if (!row)
            return std::nullopt;
        if (row->commitId.isEmpty()) {
            if (!allowEmpty)
                throw RevisionNotFoundError(QStringLiteral("revision has no commits yet: %1").arg(revision));
            return std::optional<QString>();
        }
        return std::optional<QString>(row->commitId);
    };
    if (revision.startsWith(QLatin1String("sha256:"))) {
        if (m_session.hasCommit(revision))
            return revision;
    } else if (revision.startsWith(QLatin1String("refs/heads/"))) {
        if (auto r = fromRef(QStringLiteral("branch"), revision.mid(11)))
            return *r;
    } else if (revision.startsWith(QLatin1String("refs/tags/"))) {
        if (auto r = fromRef(QStringLiteral("tag"), revision.mid(10)))
            return *r;
    } else {
        if (auto r = fromRef(QStringLiteral("branch"), revision))
            return *r;
        if (auto r = fromRef(QStringLiteral("tag"), revision))
            return *r;
        if (isGitOid(revision)) {
            // Ids this repository object has handed out resolve without any scan.
            const QString known = m_session.context().objects->commitForGitOid(revision);
            if (!known.isEmpty() && m_session.hasCommit(known))
                return known;
            // SQLite finds the payloads that mention the id without parsing every commit;
            // each candidate is confirmed. Old payloads without a stored git_oid need the
            // full scan, which only runs when the quick one found nothing.
            for (const QString &id : m_session.store().commitsMentioning(revision)) {
                if (m_session.commitGitOid(id) == revision)
                    return id;
            }
            for (const QString &id : m_session.store().objectIds(ObjectType::Commit)) {
                if (m_session.commit(id).gitOid.isEmpty() && m_session.commitGitOid(id) == revision)
                    return id;
            }
        }
    }
    throw RevisionNotFoundError(QStringLiteral("revision not found: %1").arg(revision));
}

void History::requireParent(const QString &parentCommit, const QString &head, const QString &branch)
{
    if (parentCommit.isEmpty())
        return;
    const auto parent = resolve(parentCommit, false);
    if (!parent || *parent != head)
        throw ConflictError(QStringLiteral("parent_commit %1 is not the head of %2; fetch the latest state and retry")
                                .arg(parentCommit, branch));
}

QString History::resolveCommit(const QString &revision)
{
    return *resolve(revision, false);
}

QStringList History::ancestry(const QString &head, int limit)
{
    if (limit < 0) {
        // A whole history: one scan of the commits table beats a lookup per commit.
        const auto graph = m_session.commitGraph();
        const int start = graph->find(ObjectType::Commit, head);
        if (start >= 0) {
            QStringList out;
            for (int index : graph->ancestry(start))
                out.append(graph->id(ObjectType::Commit, index));
            return out;
        }
    }
    QStringList order;
    QSet<QString> seen;
    QList<QString> stack{head};
    while (!stack.isEmpty() && (limit < 0 || order.size() < limit)) {
        const QString id = stack.takeLast();
        if (seen.contains(id))
            continue;
        seen.insert(id);
        order.append(id);
        const QStringList parents = recentCommit(id).parents;
        for (auto it = parents.crbegin(); it != parents.crend(); ++it) {
            if (!seen.contains(*it))
                stack.append(*it);
        }
    }
    return order;
}

qsizetype History::countAncestry(const QString &head)
{
    const auto graph = m_session.commitGraph();
    const int start = graph->find(ObjectType::Commit, head);
    return start >= 0 ? graph->ancestry(start).size() : ancestry(head).size();
}

GitCommitInfo History::commitInfo(const QString &commitId)
{
    const CommitPayload &c = m_session.commit(commitId);
    GitCommitInfo info;
    info.commitId = m_session.commitGitOid(commitId);
    info.createdAt = ObjectCodec::parseTimestamp(c.createdAt);
    if (c.title.isEmpty() && c.description.isEmpty()) {
        const auto [title, description] = ObjectCodec::splitMessage(c.message);
        info.title = title;
        info.message = description;
    } else {
        info.title = c.title;
        info.message = c.description;
    }
    return info;
}

CommitGraphNode History::graphNode(const QString &commitId)
{
    const CommitPayload &c = m_session.commit(commitId);
    const GitCommitInfo info = commitInfo(commitId);
    CommitGraphNode node;
    node.objectId = commitId;
    node.commitId = info.commitId;
    node.parentObjectIds = c.parents;
    for (const QString &parent : c.parents)
        node.parentCommitIds.append(m_session.commitGitOid(parent));
    node.treeObjectId = c.treeId;
    node.treeId = m_session.treeGitOid(c.treeId);
    node.createdAt = info.createdAt;
    node.title = info.title;
    node.message = info.message;
    return node;
}

const CommitPayload &History::recentCommit(const QString &commitId)
{
    // A long walk visits each commit about twice (as a commit, then as a parent), close
    // together; keeping all of them would hold the whole history in memory.
    constexpr size_t kMaxCommits = 4096;
    if (auto it = m_recentCommits.find(commitId); it != m_recentCommits.end())
        return *it->second;
    if (m_recentCommits.size() >= kMaxCommits)
        m_recentCommits.clear();
    return *m_recentCommits.emplace(commitId, m_session.commitOnce(commitId)).first->second;
}

QHash<QString, LastCommitInfo> History::lastCommits(const QString &head, const QList<PathEntry> &entries)
{
    // Entries are grouped by folder: a commit whose folder tree equals a parent's cannot
    // have introduced anything in it, which skips almost every (commit, entry) pair. The
    // walk takes parents and root trees from the commit graph, so only the trees on the
    // entries' paths are ever read.
    QHash<QString, QList<PathEntry>> pending;
    for (const PathEntry &e : entries)
        pending[e.path.section(QLatin1Char('/'), 0, -2)].append(e);
    QHash<QString, LastCommitInfo> out;
    const auto graph = m_session.commitGraph();
    const int start = graph->find(ObjectType::Commit, head);
    if (start < 0)
        throw IntegrityError(QStringLiteral("commit object %1 is missing from the metadata database; run full verification").arg(head));
    auto entryAt = [&](const QString &treeId, const QString &path) { return m_walker.lookupBounded(treeId, path); };
    for (int commit : graph->ancestry(start)) {
        if (pending.isEmpty())
            break;
        const QString tree = graph->commitTree(commit);
        QStringList parentTrees;
        for (int parent : graph->parents(commit))
            parentTrees.append(graph->commitTree(parent));
        for (auto group = pending.begin(); group != pending.end();) {
            const auto folder = entryAt(tree, group.key());
            bool unchanged = false;
            for (const QString &parent : std::as_const(parentTrees))
                unchanged = unchanged || entryAt(parent, group.key()) == folder;
            if (unchanged || !folder) {
                ++group;
                continue;
            }
            QList<PathEntry> &targets = group.value();
            for (auto it = targets.begin(); it != targets.end();) {
                bool introduced = entryAt(tree, it->path) == std::optional<PathEntry>(*it);
                for (const QString &parent : std::as_const(parentTrees))
                    introduced = introduced && entryAt(parent, it->path) != std::optional<PathEntry>(*it);
                if (!introduced) {
                    ++it;
                    continue;
                }
                const GitCommitInfo info = commitInfo(graph->id(ObjectType::Commit, commit));
                out.insert(it->path, LastCommitInfo{info.commitId, info.title, info.createdAt});
                it = targets.erase(it);
            }
            group = targets.isEmpty() ? pending.erase(group) : std::next(group);
        }
    }
    return out;
}

CommitFileVersionInfo History::fileVersion(const QString &path, const QString &fileId)
{
    const FilePayload &f = m_session.file(fileId);
    return CommitFileVersionInfo{path, f.logicalSize, f.oid, f.oid, f.sha256};
}

CommitChangeInfo History::change(const QString &path, const QString &oldFileId, const QString &newFileId,
                                 int contextLines, qint64 maxTextSize)
{
    CommitChangeInfo c;
    c.path = path;
    c.changeType = oldFileId.isEmpty() ? ChangeKind::Added : (newFileId.isEmpty() ? ChangeKind::Deleted : ChangeKind::Modified);
    if (!oldFileId.isEmpty())
        c.oldFile = fileVersion(path, oldFileId);
    if (!newFileId.isEmpty())
        c.newFile = fileVersion(path, newFileId);

    // Text diffs for files small enough to read (chunked ones too), valid UTF-8 without
    // NUL; everything else is reported as binary with no diff, as the original does.
    ContentReader reader(m_session);
    auto textOf = [&](const QString &fileId, QString *text) {
        if (fileId.isEmpty())
            return true;
        const FilePayload &f = m_session.file(fileId);
        if (f.logicalSize > maxTextSize)
            return false;
        const QByteArray bytes = reader.readAll(f);
        if (bytes.contains('\0'))
            return false;
        // Python's decode("utf-8") keeps a leading byte-order mark; so must we.
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
        *text = decoder.decode(bytes);
        return !decoder.hasError();
    };
    QString oldText, newText;
    c.isBinary = !(textOf(oldFileId, &oldText) && textOf(newFileId, &newText));
    if (!c.isBinary) {
        c.unifiedDiff = UnifiedDiff::render(path, c.changeType, oldText, newText, c.oldFile ? c.oldFile->oid : QString(),
                                            c.newFile ? c.newFile->oid : QString(), contextLines);
    }
    return c;
}

CommitDetailInfo History::detail(const QString &commitId, int contextLines, qint64 maxTextSize)
{
    const CommitPayload commit = m_session.commit(commitId);
    CommitDetailInfo out;
    out.commit = commitInfo(commitId);
    for (const QString &parent : commit.parents)
        out.parentCommitIds.append(m_session.commitGitOid(parent));
    QString parentTree;
    if (!commit.parents.isEmpty()) {
        out.compareParentCommitId = out.parentCommitIds.first();
        parentTree = m_session.commit(commit.parents.first()).treeId;
    }
    for (const FileDifference &d : TreeDiff(m_session).compare(parentTree, commit.treeId))
        out.changes.append(change(d.path, d.oldFileId, d.newFileId, contextLines, maxTextSize));
    return out;
}

GitRefs History::refs()
{
    GitRefs out;
    for (const RefRow &row : m_session.refs()) {
        GitRefInfo info{row.name, fullRefName(row.kind, row.name), std::nullopt};
        if (!row.commitId.isEmpty())
            info.targetCommit = m_session.commitGitOid(row.commitId);
        (row.kind == QLatin1String("tag") ? out.tags : out.branches).append(info);
    }
    return out;
}

QPair<QString, QString> History::reflogRef(const QString &refName)
{
    if (refName.startsWith(QLatin1String("refs/heads/")))
        return {QStringLiteral("branch"), refName.mid(11)};
    if (refName.startsWith(QLatin1String("refs/tags/")))
        return {QStringLiteral("tag"), refName.mid(10)};
    auto known = [&](const QString &kind) {
        return m_session.ref(kind, refName).has_value() || !m_session.store().reflog(kind, refName, 1).isEmpty();
    };
    if (known(QStringLiteral("branch")))
        return {QStringLiteral("branch"), refName};
    if (known(QStringLiteral("tag")))
        return {QStringLiteral("tag"), refName};
    throw RevisionNotFoundError(QStringLiteral("ref not found: %1").arg(refName));
}

ReflogEntry History::reflogEntry(const QString &kind, const QString &name, const ReflogRow &row)
{
    // Heads of commits that gc removed stay unresolvable; the entry is kept with them
    // empty instead of failing the whole listing (the original raises here).
    auto gitOid = [&](const QString &objectId) -> std::optional<QString> {
        if (objectId.isEmpty() || !m_session.hasCommit(objectId))
            return std::nullopt;
        return m_session.commitGitOid(objectId);
    };
    return ReflogEntry{ObjectCodec::parseTimestamp(row.timestamp), fullRefName(kind, name), gitOid(row.oldHead),
                       gitOid(row.newHead), row.message, row.checksum};
}

QList<ReflogEntry> History::reflog(const QString &refName, std::optional<int> limit)
{
    if (limit && *limit < 0)
        throw HubVaultValidationError(QStringLiteral("reflog limit must not be negative"));
    const auto [kind, name] = reflogRef(refName);
    QList<ReflogEntry> out;
    for (const ReflogRow &row : m_session.store().reflog(kind, name, limit.value_or(-1)))
        out.append(reflogEntry(kind, name, row));
    return out;
}

void History::visitReflog(const QString &refName, const std::function<bool(const ReflogEntry &)> &visit)
{
    // Plain variables, not a structured binding: clang 14 (the fuzz build) cannot capture those.
    const QPair<QString, QString> ref = reflogRef(refName);
    const QString &kind = ref.first, &name = ref.second;
    m_session.store().forEachReflogRowNewestFirst(kind, name, [&](const ReflogRow &row) {
        return visit(reflogEntry(kind, name, row));
    });
}

} // namespace hubvault
