// The write routes of the API (SERVER.md §3, routes 19-30, and the upload protocol of §4).
#include "HttpProblem.h"
#include "Router.h"
#include "UploadProtocol.h"

#include <hubvault/ModelJson.h>
#include <hubvault/Repository.h>

#include <httplib.h>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <memory>

namespace hubvault::server {
namespace {

/** Field access of a route's JSON body with the original's messages ("<label>.<field> …"). */
class Fields {
public:
    Fields(const QJsonValue &body, QString label, bool required = true) : m_label(std::move(label))
    {
        if (body.isUndefined() && required)
            throw HttpProblem::invalidField({QStringLiteral("body")}, QStringLiteral("field required"),
                                            QStringLiteral("value_error.missing"));
        if (!body.isUndefined() && !body.isNull() && !body.isObject())
            throw HubVaultValidationError(
                (m_label.isEmpty() ? QStringLiteral("Request body") : m_label + QStringLiteral(" request body"))
                + QStringLiteral(" must be a JSON object."));
        m_object = body.toObject();
    }

    QString string(const char *field) const
    {
        const std::optional<QString> value = optionalString(field);
        if (!value)
            throw HubVaultValidationError(name(field) + QStringLiteral(" must be a string."));
        return *value;
    }
    std::optional<QString> optionalString(const char *field) const
    {
        const QJsonValue value = m_object.value(QLatin1String(field));
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        if (!value.isString())
            throw HubVaultValidationError(name(field) + QStringLiteral(" must be a string."));
        return value.toString();
    }
    bool boolean(const char *field, bool fallback) const
    {
        const QJsonValue value = m_object.value(QLatin1String(field));
        if (value.isUndefined() || value.isNull())
            return fallback;
        if (!value.isBool())
            throw HubVaultValidationError(name(field) + QStringLiteral(" must be a boolean."));
        return value.toBool();
    }

private:
    QString name(const char *field) const
    {
        return m_label.isEmpty() ? QString::fromLatin1(field) : m_label + QLatin1Char('.') + QString::fromLatin1(field);
    }
    QString m_label;
    QJsonObject m_object;
};

QJsonObject commitInfoJson(const CommitInfo &info)
{
    QJsonObject json = ModelJson::toJson(info);
    json.insert(QStringLiteral("commit_description"), info.commitDescription); // never null on the wire
    json.insert(QStringLiteral("_url"), info.commitUrl);
    return json;
}

QJsonObject ok()
{
    return {{QStringLiteral("ok"), true}};
}

void gc(Exchange &ex, RouteContext &ctx)
{
    const Fields body(ex.body, QString(), false);
    ex.sendJson(ModelJson::toJson(ctx.repository.gc(body.boolean("dry_run", false), body.boolean("prune_cache", true))));
}

void squash(Exchange &ex, RouteContext &ctx)
{
    const Fields body(ex.body, QString());
    const QString ref = body.string("ref_name");
    SquashOptions options;
    options.rootRevision = body.optionalString("root_revision").value_or(QString());
    options.commitMessage = body.optionalString("commit_message");
    options.commitDescription = body.optionalString("commit_description");
    options.runGc = body.boolean("run_gc", true);
    options.pruneCache = body.boolean("prune_cache", false);
    ex.sendJson(ModelJson::toJson(ctx.repository.squashHistory(ref, options)));
}

void createBranch(Exchange &ex, RouteContext &ctx)
{
    const Fields body(ex.body, QStringLiteral("create_branch"));
    const QString branch = body.string("branch");
    ctx.repository.createBranch(branch, body.optionalString("revision").value_or(QString()), body.boolean("exist_ok", false));
    ex.sendJson(ok());
}

void deleteBranch(Exchange &ex, RouteContext &ctx)
{
    ctx.repository.deleteBranch(ex.pathArgs.value(0));
    ex.sendJson(ok());
}

void createTag(Exchange &ex, RouteContext &ctx)
{
    const Fields body(ex.body, QStringLiteral("create_tag"));
    const QString tag = body.string("tag");
    ctx.repository.createTag(tag, body.optionalString("tag_message").value_or(QString()),
                             body.optionalString("revision").value_or(QString()), body.boolean("exist_ok", false));
    ex.sendJson(ok());
}

void deleteTag(Exchange &ex, RouteContext &ctx)
{
    ctx.repository.deleteTag(ex.pathArgs.value(0));
    ex.sendJson(ok());
}

void merge(Exchange &ex, RouteContext &ctx)
{
    const Fields body(ex.body, QStringLiteral("merge"));
    const QString source = body.string("source_revision");
    MergeOptions options;
    options.targetRevision = body.optionalString("target_revision").value_or(QString());
    options.parentCommit = body.optionalString("parent_commit").value_or(QString());
    options.commitMessage = body.optionalString("commit_message");
    options.commitDescription = body.optionalString("commit_description");
    const MergeResult result = ctx.repository.merge(source, options);
    QJsonObject json = ModelJson::toJson(result);
    if (result.commit)
        json.insert(QStringLiteral("commit"), commitInfoJson(*result.commit));
    ex.sendJson(json);
}

void resetRef(Exchange &ex, RouteContext &ctx)
{
    const Fields body(ex.body, QStringLiteral("reset_ref"));
    const QString ref = body.string("ref_name");
    const QString to = body.string("to_revision");
    ex.sendJson(commitInfoJson(ctx.repository.resetRef(ref, to)));
}

CommitOptions deleteOptions(const Fields &body)
{
    CommitOptions options;
    options.revision = body.optionalString("revision").value_or(QString());
    options.commitMessage = body.optionalString("commit_message").value_or(QString());
    options.commitDescription = body.optionalString("commit_description");
    options.parentCommit = body.optionalString("parent_commit").value_or(QString());
    return options;
}

void deleteFile(Exchange &ex, RouteContext &ctx)
{
    const Fields body(ex.body, QStringLiteral("delete_file"));
    const QString path = body.string("path_in_repo");
    ex.sendJson(commitInfoJson(ctx.repository.deleteFile(path, deleteOptions(body))));
}

void deleteFolder(Exchange &ex, RouteContext &ctx)
{
    const Fields body(ex.body, QStringLiteral("delete_folder"));
    const QString path = body.string("path_in_repo");
    ex.sendJson(commitInfoJson(ctx.repository.deleteFolder(path, deleteOptions(body))));
}

upload::Limits uploadLimits(const ServeOptions &options)
{
    upload::Limits limits;
    limits.maxFileSize = options.maxFileSize;
    return limits;
}

void commitPlan(Exchange &ex, RouteContext &ctx)
{
    if (ex.body.isUndefined())
        throw HttpProblem::invalidField({QStringLiteral("body")}, QStringLiteral("field required"),
                                        QStringLiteral("value_error.missing"));
    const QJsonObject plan = upload::plan(ctx.repository, ex.body, uploadLimits(ctx.options));
    ctx.issuedPlans.remember(plan);
    ex.sendJson(plan);
}

QJsonValue manifestJson(const QByteArray &text)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        throw HubVaultValidationError(QStringLiteral("Request body must contain valid JSON: %1.").arg(error.errorString()));
    return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
}

/**
 * Receives a multipart commit: the `manifest` text field in memory (bounded), each file
 * part streamed into its own temporary file, never the whole body in memory.
 */
class PartReceiver {
public:
    PartReceiver(qint64 manifestLimit, qint64 partLimit) : m_manifestLimit(manifestLimit), m_partLimit(partLimit)
    {
        if (!m_dir.isValid())
            throw HubVaultError(QStringLiteral("cannot create a temporary folder for the upload"));
    }

    bool header(const httplib::MultipartFormData &part)
    {
        finishPart();
        m_name = QString::fromStdString(part.name);
        m_isFile = !part.filename.empty();
        m_manifestIsFile = m_manifestIsFile || (m_isFile && m_name == QLatin1String("manifest"));
        if (m_isFile && m_name != QLatin1String("manifest") && !m_parts.contains(m_name)) {
            m_file = std::make_unique<QFile>(m_dir.filePath(QString::number(m_parts.size())));
            if (!m_file->open(QIODevice::WriteOnly))
                throw HubVaultError(QStringLiteral("cannot store the uploaded part %1: %2").arg(m_name, m_file->errorString()));
            m_parts.insert(m_name, m_file->fileName());
        }
        return true;
    }

    bool data(const char *bytes, size_t length)
    {
        if (m_file) {
            // No part may be larger than the largest file the server accepts.
            if (m_partLimit > 0 && m_file->size() + qint64(length) > m_partLimit)
                throw HttpProblem::payloadTooLarge(m_partLimit);
            return m_file->write(bytes, qint64(length)) == qint64(length);
        }
        if (!m_isFile && m_name == QLatin1String("manifest")) {
            if (m_manifest.size() + qint64(length) > m_manifestLimit)
                throw HttpProblem::payloadTooLarge(m_manifestLimit);
            m_manifest.append(bytes, qsizetype(length));
        }
        return true; // other text fields are ignored, as by the original
    }

    void finishPart()
    {
        if (m_file) {
            m_file->close();
            m_file.reset();
        }
    }

    QJsonValue manifest() const
    {
        if (m_manifestIsFile || m_manifest.isNull())
            throw HubVaultValidationError(QStringLiteral("multipart form field 'manifest' must contain JSON text."));
        return manifestJson(m_manifest);
    }
    const QHash<QString, QString> &parts() const { return m_parts; }

private:
    qint64 m_manifestLimit;
    qint64 m_partLimit;
    QTemporaryDir m_dir;
    QString m_name;
    bool m_isFile = false;
    bool m_manifestIsFile = false;
    QByteArray m_manifest;
    std::unique_ptr<QFile> m_file;
    QHash<QString, QString> m_parts;
};

void commit(Exchange &ex, RouteContext &ctx)
{
    const bool multipart = ex.header("Content-Type").trimmed().toLower().startsWith("multipart/form-data");
    if (!multipart) {
        const QJsonValue request = manifestJson(ex.readBody(ctx.options.maxJsonBody));
        ex.sendJson(commitInfoJson(upload::apply(ctx.repository, request, {}, ctx.issuedPlans, {}, uploadLimits(ctx.options))));
        return;
    }
    PartReceiver receiver(ctx.options.maxJsonBody, ctx.options.maxFileSize);
    const bool complete = (*ex.reader())([&](const httplib::MultipartFormData &part) { return receiver.header(part); },
                                         [&](const char *data, size_t length) { return receiver.data(data, length); });
    receiver.finishPart();
    if (!complete)
        throw HubVaultValidationError(QStringLiteral("The multipart request body is incomplete or malformed."));
    ex.sendJson(commitInfoJson(
        upload::apply(ctx.repository, receiver.manifest(), receiver.parts(), ctx.issuedPlans, {}, uploadLimits(ctx.options))));
}

} // namespace

void addWriteRoutes(Router &router)
{
    router.add("POST", "/api/v1/maintenance/gc", true, Body::Json, gc);
    router.add("POST", "/api/v1/maintenance/squash-history", true, Body::Json, squash);
    router.add("POST", "/api/v1/write/commit-plan", true, Body::Json, commitPlan);
    router.add("POST", "/api/v1/write/commit", true, Body::Stream, commit);
    router.add("POST", "/api/v1/write/branches", true, Body::Json, createBranch);
    router.add("DELETE", "/api/v1/write/branches/{branch:path}", true, Body::None, deleteBranch);
    router.add("POST", "/api/v1/write/tags", true, Body::Json, createTag);
    router.add("DELETE", "/api/v1/write/tags/{tag:path}", true, Body::None, deleteTag);
    router.add("POST", "/api/v1/write/merge", true, Body::Json, merge);
    router.add("POST", "/api/v1/write/reset-ref", true, Body::Json, resetRef);
    router.add("POST", "/api/v1/write/delete-file", true, Body::Json, deleteFile);
    router.add("POST", "/api/v1/write/delete-folder", true, Body::Json, deleteFolder);
}

} // namespace hubvault::server
