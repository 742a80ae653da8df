// The read routes of the API (SERVER.md §3, routes 1-18).
#include "HttpProblem.h"
#include "Router.h"
#include "WireJson.h"

#include <hubvault/FnMatch.h>
#include <hubvault/ModelJson.h>
#include <hubvault/Repository.h>

#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>
#include <QMimeDatabase>
#include <QUrl>

namespace hubvault::server {
namespace {

QString modeName(ServeMode mode)
{
    return mode == ServeMode::Frontend ? QStringLiteral("frontend") : QStringLiteral("api");
}

QJsonValue optionalString(const std::optional<QString> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonObject authJson(Access access)
{
    return {{QStringLiteral("access"), accessName(access)}, {QStringLiteral("can_write"), access == Access::ReadWrite}};
}

void service(Exchange &ex, RouteContext &ctx)
{
    const QString branch = ctx.repository.defaultBranch();
    const QJsonObject repo{{QStringLiteral("path"), ctx.options.repoPath},
                           {QStringLiteral("default_branch"), branch},
                           {QStringLiteral("head"), optionalString(ctx.repository.resolveRevision(branch))}};
    // "version" is the protocol's: clients of hubvault 0.0.2 read it.
    ex.sendJson(QJsonObject{{QStringLiteral("service"), QStringLiteral("hubvault")},
                            {QStringLiteral("version"), QStringLiteral("0.0.2")},
                            {QStringLiteral("mode"), modeName(ctx.options.mode)},
                            {QStringLiteral("ui_enabled"), ctx.options.mode == ServeMode::Frontend},
                            {QStringLiteral("repo"), repo},
                            {QStringLiteral("auth"), authJson(ex.access)}});
}

void repoInfo(Exchange &ex, RouteContext &ctx)
{
    QJsonObject info = ModelJson::toJson(ctx.repository.repoInfo(ex.revision()));
    info.insert(QStringLiteral("repo_path"), ctx.options.repoPath); // as configured, not resolved
    ex.sendJson(info);
}

void refs(Exchange &ex, RouteContext &ctx)
{
    const bool pullRequests = ex.boolQuery("include_pull_requests", false);
    QJsonObject refs = ModelJson::toJson(ctx.repository.listRepoRefs());
    refs.insert(QStringLiteral("pull_requests"), pullRequests ? QJsonValue(QJsonArray()) : QJsonValue(QJsonValue::Null));
    ex.sendJson(refs);
}

/** Entries with the `entry_type` member the wire has and the library's JSON lacks. */
QJsonArray entriesJson(const QList<RepoEntry> &entries)
{
    QJsonArray out;
    for (const RepoEntry &entry : entries) {
        QJsonObject json = ModelJson::toJson(entry);
        json.insert(QStringLiteral("entry_type"), entry.isFolder ? QStringLiteral("folder") : QStringLiteral("file"));
        out.append(json);
    }
    return out;
}

QStringList requestedPaths(const QJsonValue &body)
{
    if (body.isUndefined())
        throw HttpProblem::invalidField({QStringLiteral("body")}, QStringLiteral("field required"),
                                        QStringLiteral("value_error.missing"));
    QJsonValue paths = body;
    if (body.isObject()) {
        if (!body.toObject().contains(QStringLiteral("paths")))
            paths = QJsonValue::Undefined;
        else
            paths = body.toObject().value(QStringLiteral("paths"));
    }
    if (paths.isString())
        return {paths.toString()};
    if (!paths.isArray())
        throw HubVaultValidationError(
            QStringLiteral("Request body must be a path string, a path array, or an object with a 'paths' field."));
    QStringList out;
    for (const QJsonValue &item : paths.toArray()) {
        if (!item.isString())
            throw HubVaultValidationError(QStringLiteral("paths items must be strings."));
        out.append(item.toString());
    }
    return out;
}

void pathsInfo(Exchange &ex, RouteContext &ctx)
{
    ex.sendJson(entriesJson(ctx.repository.getPathsInfo(requestedPaths(ex.body), ex.revision())));
}

void tree(Exchange &ex, RouteContext &ctx)
{
    const bool recursive = ex.boolQuery("recursive", false);
    const QString path = ex.query("path_in_repo").value_or(QString());
    ex.sendJson(entriesJson(ctx.repository.listRepoTree(path, recursive, ex.revision())));
}

void files(Exchange &ex, RouteContext &ctx)
{
    ex.sendJson(QJsonArray::fromStringList(ctx.repository.listRepoFiles(ex.revision())));
}

QByteArray contentTypeOf(const QString &path)
{
    // Python's mimetypes by extension: text gets a charset, unknown is octet-stream.
    static const QMimeDatabase database;
    const QMimeType type = database.mimeTypeForFile(path, QMimeDatabase::MatchExtension);
    QByteArray name = type.isValid() && !type.isDefault() ? type.name().toLatin1() : QByteArrayLiteral("application/octet-stream");
    if (name.startsWith("text/"))
        name += "; charset=utf-8";
    return name;
}

void range(Exchange &ex, RouteContext &ctx)
{
    const qint64 start = ex.intQuery("start");
    const qint64 length = ex.intQuery("length");
    if (start < 0 || length < 0)
        throw HubVaultValidationError(QStringLiteral("start and length must be >= 0"));
    std::shared_ptr<QIODevice> file = ctx.repository.openFile(ex.pathArgs.value(0), ex.revision());
    const qint64 size = file->size();
    const qint64 end = start >= size ? start : std::min(size, start + length);
    ex.sendStream(std::move(file), start, end - start, QByteArrayLiteral("application/octet-stream"));
}

/** The one byte range of a Range header; nullopt when absent or not a single byte range. */
struct ByteRange {
    qint64 first = 0;
    qint64 last = 0; ///< inclusive
    bool satisfiable = true;
};

std::optional<ByteRange> byteRange(const QByteArray &header, qint64 size)
{
    const QByteArray value = header.trimmed();
    if (!value.startsWith("bytes=") || value.contains(','))
        return std::nullopt; // several ranges: RFC 9110 lets a server send the whole body
    const QByteArray spec = value.mid(6).trimmed();
    const int dash = spec.indexOf('-');
    if (dash < 0)
        return std::nullopt;
    bool okFirst = false, okLast = false;
    const QByteArray a = spec.left(dash).trimmed(), b = spec.mid(dash + 1).trimmed();
    ByteRange range;
    if (a.isEmpty()) { // suffix: the last N bytes
        const qint64 suffix = b.toLongLong(&okLast);
        if (!okLast || suffix < 0)
            return std::nullopt;
        range.first = std::max<qint64>(0, size - suffix);
        range.last = size - 1;
        range.satisfiable = suffix > 0 && size > 0;
        return range;
    }
    range.first = a.toLongLong(&okFirst);
    range.last = b.isEmpty() ? size - 1 : b.toLongLong(&okLast);
    if (!okFirst || (!b.isEmpty() && !okLast) || range.first < 0 || range.last < range.first)
        return std::nullopt;
    range.last = std::min(range.last, size - 1);
    range.satisfiable = range.first < size;
    return range;
}

/** A whole file, or the part a Range header asks for (206, or 416 when outside it). */
void sendFile(Exchange &ex, std::shared_ptr<QIODevice> file, const QString &path)
{
    const qint64 size = file->size();
    const QByteArray type = contentTypeOf(path);
    ex.setHeader("Accept-Ranges", "bytes");
    const std::optional<ByteRange> range = ex.hasHeader("Range") ? byteRange(ex.header("Range"), size) : std::nullopt;
    if (!range) {
        ex.sendStream(std::move(file), 0, size, type);
        return;
    }
    if (!range->satisfiable) {
        ex.setHeader("Content-Range", "bytes */" + QByteArray::number(size));
        ex.sendBytes({}, type, 416);
        return;
    }
    ex.setHeader("Content-Range", "bytes " + QByteArray::number(range->first) + '-' + QByteArray::number(range->last)
                                      + '/' + QByteArray::number(size));
    ex.sendStream(std::move(file), range->first, range->last - range->first + 1, type, 206);
}

void blob(Exchange &ex, RouteContext &ctx)
{
    const QString path = ex.pathArgs.value(0);
    sendFile(ex, ctx.repository.openFile(path, ex.revision()), path);
}

/** RFC 6266 with RFC 5987's filename* for names that are not plain ASCII. */
QByteArray contentDisposition(const QString &name)
{
    bool ascii = true;
    for (const QChar c : name)
        ascii = ascii && c.unicode() >= 0x20 && c.unicode() < 0x7f && c != QLatin1Char('"') && c != QLatin1Char('\\');
    if (ascii)
        return "attachment; filename=\"" + name.toLatin1() + '"';
    QByteArray fallback;
    for (const QChar c : name)
        fallback += c.unicode() >= 0x20 && c.unicode() < 0x7f && c != QLatin1Char('"') && c != QLatin1Char('\\')
                        ? char(c.unicode())
                        : '_';
    return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + QUrl::toPercentEncoding(name);
}

void download(Exchange &ex, RouteContext &ctx)
{
    const QString path = ex.pathArgs.value(0);
    std::shared_ptr<QIODevice> file = ctx.repository.openFile(path, ex.revision());
    const QList<RepoEntry> entries = ctx.repository.getPathsInfo({path}, ex.revision());
    const QString etag = entries.isEmpty() || entries.first().isFolder ? QString() : entries.first().file.etag;
    // The original sends the decoded path and fails on names a header cannot carry; those
    // are percent-encoded here.
    const bool plain = std::all_of(path.cbegin(), path.cend(), [](QChar c) { return c.unicode() > 0x20 && c.unicode() < 0x7f; });
    ex.setHeader("x-hubvault-repo-path", plain ? path.toLatin1() : QUrl::toPercentEncoding(path, "/"));
    ex.setHeader("content-disposition", contentDisposition(path.section(QLatin1Char('/'), -1)));
    ex.setHeader("etag", etag.toLatin1());
    sendFile(ex, std::move(file), path);
}

/** A pattern field of snapshot-plan: a string, a list of strings or null. */
QStringList patternList(const QJsonObject &body, const QString &field)
{
    const QJsonValue value = body.value(field);
    if (value.isUndefined() || value.isNull())
        return {};
    if (value.isString())
        return {value.toString()};
    QStringList out;
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            if (!item.isString())
                break;
            out.append(item.toString());
        }
        if (out.size() == value.toArray().size())
            return out;
    }
    throw HubVaultValidationError(QStringLiteral("%1 must be a string or a list of strings.").arg(field));
}

QStringList normalisedPatterns(QStringList patterns)
{
    for (QString &pattern : patterns) {
        if (pattern.endsWith(QLatin1Char('/')))
            pattern += QLatin1Char('*');
    }
    return patterns;
}

void snapshotPlan(Exchange &ex, RouteContext &ctx)
{
    if (!ex.body.isUndefined() && !ex.body.isNull() && !ex.body.isObject())
        throw HubVaultValidationError(QStringLiteral("Request body must be a JSON object."));
    const QJsonObject body = ex.body.toObject();
    const QStringList allow = patternList(body, QStringLiteral("allow_patterns"));
    const QStringList ignore = patternList(body, QStringLiteral("ignore_patterns"));
    const QString revision = ex.revision().isEmpty() ? ctx.repository.defaultBranch() : ex.revision();
    const std::optional<QString> head = ctx.repository.resolveRevision(revision);
    QHash<QString, RepoFile> byPath;
    if (head) {
        for (const RepoEntry &entry : ctx.repository.listRepoTree(QString(), true, *head, false)) {
            if (!entry.isFolder)
                byPath.insert(entry.file.path, entry.file);
        }
    }
    const QStringList allowNormalised = normalisedPatterns(allow), ignoreNormalised = normalisedPatterns(ignore);
    QJsonArray files;
    for (const QString &path : head ? ctx.repository.listRepoFiles(*head) : QStringList()) {
        if ((!allowNormalised.isEmpty() && !FnMatch::matchAny(path, allowNormalised))
            || FnMatch::matchAny(path, ignoreNormalised))
            continue;
        const RepoFile file = byPath.value(path);
        files.append(QJsonObject{{QStringLiteral("path"), path},
                                 {QStringLiteral("size"), file.size},
                                 {QStringLiteral("blob_id"), file.blobId},
                                 {QStringLiteral("oid"), file.oid},
                                 {QStringLiteral("sha256"), file.sha256},
                                 {QStringLiteral("etag"), file.etag},
                                 {QStringLiteral("download_url"),
                                  QStringLiteral("/api/v1/content/download/") + QString::fromLatin1(QUrl::toPercentEncoding(path, "/"))
                                      + QStringLiteral("?revision=") + QString::fromLatin1(QUrl::toPercentEncoding(*head))}});
    }
    ex.sendJson(QJsonObject{{QStringLiteral("revision"), revision},
                            {QStringLiteral("resolved_revision"), head.value_or(revision)},
                            {QStringLiteral("head"), optionalString(head)},
                            {QStringLiteral("allow_patterns"), QJsonArray::fromStringList(allow)},
                            {QStringLiteral("ignore_patterns"), QJsonArray::fromStringList(ignore)},
                            {QStringLiteral("files"), files}});
}

QString htmlEscaped(const QString &text)
{
    // Python's html.escape(text, quote=True).
    QString out = text.toHtmlEscaped();
    out.replace(QLatin1Char('\''), QStringLiteral("&#x27;"));
    return out;
}

QJsonObject commitJson(const GitCommitInfo &commit, bool formatted)
{
    QJsonObject json = ModelJson::toJson(commit);
    json.insert(QStringLiteral("formatted_title"), formatted ? QJsonValue(htmlEscaped(commit.title)) : QJsonValue());
    json.insert(QStringLiteral("formatted_message"), formatted ? QJsonValue(htmlEscaped(commit.message)) : QJsonValue());
    return json;
}

void commits(Exchange &ex, RouteContext &ctx)
{
    const bool formatted = ex.boolQuery("formatted", false);
    QJsonArray out;
    for (const GitCommitInfo &commit : ctx.repository.listRepoCommits(ex.revision()))
        out.append(commitJson(commit, formatted));
    ex.sendJson(out);
}

void commitDetail(Exchange &ex, RouteContext &ctx)
{
    const bool formatted = ex.boolQuery("formatted", false);
    const CommitDetailInfo detail = ctx.repository.getCommitDetail(ex.pathArgs.value(0));
    QJsonObject json = ModelJson::toJson(detail);
    json.insert(QStringLiteral("commit"), commitJson(detail.commit, formatted));
    ex.sendJson(json);
}

void reflog(Exchange &ex, RouteContext &ctx)
{
    const std::optional<qint64> limit = ex.optionalIntQuery("limit");
    if (limit && *limit < 0) // the original fails with a 500 here
        throw HubVaultValidationError(QStringLiteral("limit must be >= 0"));
    const QString refName = ex.pathArgs.value(0);
    if (limit) {
        ex.sendJson(ModelJson::toJsonArray(ctx.repository.listRepoReflog(refName, int(std::min<qint64>(*limit, INT_MAX)))));
        return;
    }
    // A whole reflog may hold millions of entries (a hostile repository any number): it is
    // streamed an entry at a time, as the same JSON array. An unknown ref still gets its
    // 404 before anything is sent.
    ctx.repository.listRepoReflog(refName, 1);
    Repository &repository = ctx.repository;
    ex.sendChunked(QByteArrayLiteral("application/json"), [&repository, refName](const Exchange::Writer &write) {
        bool first = true;
        bool open = write(QByteArrayLiteral("["));
        repository.visitRepoReflog(refName, [&](const ReflogEntry &entry) {
            open = open && write((first ? QByteArray() : QByteArrayLiteral(",")) + wirejson::encode(ModelJson::toJson(entry)));
            first = false;
            return open;
        });
        if (open)
            write(QByteArrayLiteral("]"));
    });
}

void quickVerify(Exchange &ex, RouteContext &ctx)
{
    ex.sendJson(ModelJson::toJson(ctx.repository.quickVerify()));
}

void fullVerify(Exchange &ex, RouteContext &ctx)
{
    ex.sendJson(ModelJson::toJson(ctx.repository.fullVerify()));
}

void storageOverview(Exchange &ex, RouteContext &ctx)
{
    ex.sendJson(ModelJson::toJson(ctx.repository.storageOverview()));
}

void storageSummary(Exchange &ex, RouteContext &ctx)
{
    ex.sendJson(ModelJson::toJson(ctx.repository.storageSummary()));
}

void whoami(Exchange &ex, RouteContext &)
{
    ex.sendJson(authJson(ex.access));
}

} // namespace

void addReadRoutes(Router &router)
{
    router.add("GET", "/api/v1/meta/service", false, Body::None, service);
    router.add("GET", "/api/v1/meta/whoami", false, Body::None, whoami);
    router.add("GET", "/api/v1/repo", false, Body::None, repoInfo);
    router.add("GET", "/api/v1/refs", false, Body::None, refs);
    router.add("POST", "/api/v1/content/paths-info", false, Body::Json, pathsInfo);
    router.add("GET", "/api/v1/content/tree", false, Body::None, tree);
    router.add("GET", "/api/v1/content/files", false, Body::None, files);
    router.add("GET", "/api/v1/content/blob/{path:path}/range", false, Body::None, range);
    router.add("GET", "/api/v1/content/blob/{path:path}", false, Body::None, blob);
    router.add("GET", "/api/v1/content/download/{path:path}", false, Body::None, download);
    router.add("POST", "/api/v1/content/snapshot-plan", false, Body::Json, snapshotPlan);
    router.add("GET", "/api/v1/history/commits", false, Body::None, commits);
    router.add("GET", "/api/v1/history/commits/{commit_id}", false, Body::None, commitDetail);
    router.add("GET", "/api/v1/history/reflog/{ref_name:path}", false, Body::None, reflog);
    router.add("POST", "/api/v1/maintenance/quick-verify", false, Body::None, quickVerify);
    router.add("POST", "/api/v1/maintenance/full-verify", false, Body::None, fullVerify);
    router.add("GET", "/api/v1/maintenance/storage-summary", false, Body::None, storageSummary);
    router.add("GET", "/api/v1/maintenance/storage-overview", false, Body::None, storageOverview);
}

} // namespace hubvault::server
