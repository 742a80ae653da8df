#pragma once
// The wire models of SERVER.md §3.2 parsed into the core's model structs, and the JSON
// text of request bodies with their fields in the order the Python client sends them.
// A model that does not have the shape the protocol says throws HubVaultRemoteProtocolError.

#include <hubvault/Models.h>

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <optional>
#include <utility>

namespace hubvault::remote {

namespace wire {

RepoInfo repoInfo(const QJsonValue &value);
RepoEntry entry(const QJsonValue &value);
QList<RepoEntry> entries(const QJsonValue &value);
QStringList strings(const QJsonValue &value, const char *what);
GitCommitInfo commit(const QJsonValue &value);
QList<GitCommitInfo> commits(const QJsonValue &value);
CommitDetailInfo commitDetail(const QJsonValue &value);
GitRefs refs(const QJsonValue &value);
QList<ReflogEntry> reflog(const QJsonValue &value);
CommitInfo commitInfo(const QJsonValue &value);
MergeResult mergeResult(const QJsonValue &value);
GcReport gcReport(const QJsonValue &value);
SquashReport squashReport(const QJsonValue &value);
StorageOverview storageOverview(const QJsonValue &value);
StorageSummary storageSummary(const QJsonValue &value);
VerifyReport verifyReport(const QJsonValue &value);

/** The object of `value`; throws HubVaultRemoteProtocolError "<what> must be a JSON object." */
QJsonObject object(const QJsonValue &value, const char *what);
/** A string member, "" for null; throws when it is something else. */
QString string(const QJsonObject &object, const char *key);
std::optional<QString> optString(const QJsonObject &object, const char *key);
qint64 integer(const QJsonObject &object, const char *key);
bool boolean(const QJsonObject &object, const char *key);

} // namespace wire

/** JSON text built in order (QJsonObject would sort the keys). Separators as Python's json.dumps. */
namespace text {

using Field = std::pair<const char *, QByteArray>;
QByteArray object(std::initializer_list<Field> fields);
QByteArray object(const QList<Field> &fields);
QByteArray array(const QList<QByteArray> &items);
QByteArray string(const QString &value);
/** The string, or null when it is empty. */
QByteArray stringOrNull(const QString &value);
QByteArray stringOrNull(const std::optional<QString> &value);
QByteArray stringArray(const QStringList &values);
QByteArray boolean(bool value);
QByteArray integer(qint64 value);
inline QByteArray null() { return QByteArrayLiteral("null"); }

} // namespace text

} // namespace hubvault::remote
