// The recorded exchanges of SERVER.md Appendix A replayed, in their order, against a real
// `hubvault serve --mode api --token-ro rotok --token-rw rwtok` over a copy of fixture
// c-branches-merges: the same statuses, headers and JSON (bytes, where the recording
// shows them whole; fields and key order where it trimmed them or they depend on time).
#include "ServerProcess.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
using namespace hubvault::test;

namespace {

QJsonValue json(const httplib::Result &result)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body(result), &error);
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

/** The keys of a JSON object in the order the bytes carry them. */
QStringList keyOrder(const QByteArray &object)
{
    // Top-level keys only: walk the bytes, tracking nesting and strings.
    QStringList keys;
    int depth = 0;
    bool inString = false, escaped = false, expectKey = false;
    QByteArray current;
    for (const char c : object) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"') {
                inString = false;
                if (expectKey && depth == 1)
                    keys.append(QString::fromUtf8(current));
                expectKey = false;
            } else
                current.append(c);
            continue;
        }
        if (c == '"') {
            inString = true;
            current.clear();
        } else if (c == '{' || c == '[') {
            ++depth;
            expectKey = c == '{' && depth == 1;
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == ',' && depth == 1) {
            expectKey = true;
        }
    }
    return keys;
}

} // namespace

class ServerAppendixTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_repo;
    ServerProcess m_server;

    QByteArray repoJson() const { return m_repo.toUtf8(); }
    QString fileUri() const { return QUrl::fromLocalFile(QFileInfo(m_repo).canonicalFilePath()).toString(QUrl::FullyEncoded); }

private Q_SLOTS:
    void initTestCase()
    {
        m_repo = copyFixture(QStringLiteral("c-branches-merges"), m_dir.path());
        QVERIFY(!m_repo.isEmpty());
        QVERIFY2(m_server.start(m_repo), m_server.serverStderr().constData());
    }

    void authentication()
    {
        auto noToken = m_server.get("/api/v1/meta/whoami", {});
        QCOMPARE(status(noToken), 401);
        QCOMPARE(body(noToken), QByteArray("{\"error\":{\"type\":\"HTTPException\",\"message\":\"Missing authentication token.\"}}"));
        auto queryToken = m_server.get("/api/v1/meta/whoami?token=rwtok", {});
        QCOMPARE(status(queryToken), 200);
        QCOMPARE(body(queryToken), QByteArray("{\"access\":\"rw\",\"can_write\":true}"));
        auto readOnlyWrite = m_server.post("/api/v1/write/branches", "{\"branch\":\"x\"}", ServerProcess::readHeaders());
        QCOMPARE(status(readOnlyWrite), 403);
        QCOMPARE(body(readOnlyWrite),
                 QByteArray("{\"error\":{\"type\":\"HTTPException\",\"message\":\"Write access is required for this operation.\"}}"));
    }

    void serviceAndRepo()
    {
        auto service = m_server.get("/api/v1/meta/service");
        QCOMPARE(status(service), 200);
        QCOMPARE(service->get_header_value("Content-Type"), std::string("application/json"));
        QCOMPARE(body(service), "{\"service\":\"hubvault\",\"version\":\"0.0.2\",\"mode\":\"api\",\"ui_enabled\":false,\"repo\":{\"path\":\""
                                    + repoJson()
                                    + "\",\"default_branch\":\"main\",\"head\":\"985170faa07fc3fb592787523de31d31e6d299fa\"},\"auth\":{\"access\":\"ro\",\"can_write\":false}}");
        auto missing = m_server.get("/api/v1/repo?revision=nosuch");
        QCOMPARE(status(missing), 404);
        QCOMPARE(body(missing), QByteArray("{\"error\":{\"type\":\"RevisionNotFoundError\",\"message\":\"revision not found: nosuch\"}}"));
        auto files = m_server.get("/api/v1/content/files");
        QCOMPARE(body(files), QByteArray("[\"both-added.txt\",\"conflict.txt\",\"ff.txt\",\"keep.txt\",\"main-only.txt\",\"shared.txt\",\"topic/one.txt\",\"topic/two.txt\"]"));
    }

    void pathsInfo()
    {
        auto info = m_server.post("/api/v1/content/paths-info", "[\"keep.txt\",\"topic\",\"missing.txt\"]", ServerProcess::readHeaders());
        QCOMPARE(status(info), 200);
        const QByteArray keep =
            "{\"entry_type\":\"file\",\"path\":\"keep.txt\",\"size\":5,\"blob_id\":\"2fa992c0b8b5c6acd2bdd4fa31de29d29799bdd5\",\"lfs\":null,"
            "\"last_commit\":{\"oid\":\"0b00005b75fb9c9ee965a3f31aba191e4d1dbcde\",\"title\":\"Base commit\",\"date\":\"2024-03-01T00:01:00+00:00\"},"
            "\"security\":null,\"oid\":\"2fa992c0b8b5c6acd2bdd4fa31de29d29799bdd5\",\"sha256\":\"f660a7996deacfbc7560e4240054a8ad82eb02fe25a95064257e07084bcacb85\","
            "\"etag\":\"2fa992c0b8b5c6acd2bdd4fa31de29d29799bdd5\"}";
        QVERIFY2(body(info).startsWith("[" + keep + ",{\"entry_type\":\"folder\",\"path\":\"topic\",\"tree_id\":\"3bd26c52d2f4d02c14e9ebc45dab3b8a21388e05\",\"last_commit\":{\"oid\":\"7745d2cd"),
                 body(info).constData());
        QCOMPARE(json(info).toArray().size(), 2); // the missing path is omitted
    }

    void blobs()
    {
        auto missing = m_server.get("/api/v1/content/blob/nosuch.txt");
        QCOMPARE(status(missing), 404);
        QCOMPARE(body(missing), QByteArray("{\"error\":{\"type\":\"EntryNotFoundError\",\"message\":\"path not found: nosuch.txt\"}}"));
        auto keep = m_server.get("/api/v1/content/blob/keep.txt");
        QCOMPARE(status(keep), 200);
        QCOMPARE(body(keep), QByteArray("keep\n"));
        QCOMPARE(keep->get_header_value("Content-Type"), std::string("text/plain; charset=utf-8"));
        QCOMPARE(keep->get_header_value("Content-Length"), std::string("5"));
        auto range = m_server.get("/api/v1/content/blob/shared.txt/range?start=3&length=5");
        QCOMPARE(status(range), 200);
        QCOMPARE(body(range), QByteArray("red v"));
        QCOMPARE(range->get_header_value("Content-Type"), std::string("application/octet-stream"));
        auto download = m_server.get("/api/v1/content/download/topic/two.txt");
        QCOMPARE(status(download), 200);
        QCOMPARE(download->get_header_value("x-hubvault-repo-path"), std::string("topic/two.txt"));
        QCOMPARE(download->get_header_value("content-disposition"), std::string("attachment; filename=\"two.txt\""));
        QCOMPARE(download->get_header_value("etag"), std::string("be9f7ad517ec4d5fc37f241f1954cee274e1b31c"));
        QCOMPARE(download->get_header_value("content-length"), std::string("10"));
        QCOMPARE(download->get_header_value("content-type"), std::string("text/plain; charset=utf-8"));
    }

    void snapshotPlan()
    {
        auto plan = m_server.post("/api/v1/content/snapshot-plan?revision=topic",
                                  "{\"allow_patterns\":[\"topic/\",\"*.txt\"],\"ignore_patterns\":\"shared*\"}", ServerProcess::readHeaders());
        QCOMPARE(status(plan), 200);
        const QJsonObject object = json(plan).toObject();
        QCOMPARE(keyOrder(body(plan)), QStringList({"revision", "resolved_revision", "head", "allow_patterns", "ignore_patterns", "files"}));
        QCOMPARE(object.value("revision").toString(), QStringLiteral("topic"));
        QVERIFY(object.value("resolved_revision").toString().startsWith(QLatin1String("7745d2cd")));
        QCOMPARE(object.value("ignore_patterns").toArray(), QJsonArray({"shared*"}));
        const QJsonArray files = object.value("files").toArray();
        QCOMPARE(files.size(), 7);
        QCOMPARE(files.first().toObject().value("path").toString(), QStringLiteral("conflict.txt"));
        QCOMPARE(files.first().toObject().value("download_url").toString(),
                 QStringLiteral("/api/v1/content/download/conflict.txt?revision=7745d2cdf7188f38c44addf8d43619c559886a99"));
    }

    void history()
    {
        auto commits = m_server.get("/api/v1/history/commits?revision=release/v1&formatted=true");
        QCOMPARE(status(commits), 200);
        QVERIFY(body(commits).startsWith(
            "[{\"commit_id\":\"50c3b4f51c1cc9ca79c0abfb683f16a89535b1f7\",\"authors\":[],\"created_at\":\"2024-03-01T00:04:00+00:00\",\"title\":\"Feature for fast-forward\",\"message\":\"\",\"formatted_title\":\"Feature for fast-forward\",\"formatted_message\":\"\"}"));
        auto detail = m_server.get("/api/v1/history/commits/1c8cbcb365c6715a8792e5f705fcd74b41cbbf1f");
        QCOMPARE(status(detail), 200);
        const QJsonObject object = json(detail).toObject();
        QCOMPARE(keyOrder(body(detail)), QStringList({"commit", "parent_commit_ids", "compare_parent_commit_id", "changes"}));
        QCOMPARE(object.value("parent_commit_ids").toArray().size(), 2);
        const QJsonObject change = object.value("changes").toArray().first().toObject();
        QCOMPARE(change.value("path").toString(), QStringLiteral("shared.txt"));
        QCOMPARE(change.value("unified_diff").toString(),
                 QStringLiteral("diff --git a/shared.txt b/shared.txt\nindex 7fd4cb3060e3..6af7e65c68c3 100644\n--- a/shared.txt\n"
                                "+++ b/shared.txt\n@@ -1 +1 @@\n-shared v1\n+shared v2 from topic\n"));
        auto slashed = m_server.get("/api/v1/history/commits/release%2Fv1");
        QCOMPARE(status(slashed), 404);
    }

    void maintenanceReads()
    {
        auto verify = m_server.post("/api/v1/maintenance/quick-verify", {}, ServerProcess::readHeaders());
        QCOMPARE(status(verify), 200);
        QVERIFY(body(verify).startsWith("{\"ok\":true,\"checked_refs\":[\"refs/heads/conflict-side\","));
        auto summary = m_server.get("/api/v1/maintenance/storage-summary");
        QCOMPARE(status(summary), 200);
        QCOMPARE(body(summary), QByteArray("{\"total_size\":143646,\"total_file_count\":20,\"metadata_size\":143377,\"metadata_file_count\":3,\"branch_count\":5,\"tag_count\":2}"));
    }

    void refs()
    {
        auto created = m_server.post("/api/v1/write/branches", "{\"branch\":\"feature/http\",\"revision\":\"topic\",\"exist_ok\":false}");
        QCOMPARE(status(created), 200);
        QCOMPARE(body(created), QByteArray("{\"ok\":true}"));
        auto again = m_server.post("/api/v1/write/branches", "{\"branch\":\"feature/http\",\"revision\":\"topic\",\"exist_ok\":false}");
        QCOMPARE(status(again), 409);
        QCOMPARE(body(again), QByteArray("{\"error\":{\"type\":\"ConflictError\",\"message\":\"branch already exists: feature/http\"}}"));
        // The recording deleted a tag made before it started.
        QCOMPARE(status(m_server.post("/api/v1/write/tags", "{\"tag\":\"tmp-tag\"}")), 200);
        auto deletedTag = m_server.del("/api/v1/write/tags/tmp-tag");
        QCOMPARE(status(deletedTag), 200);
        auto mainBranch = m_server.del("/api/v1/write/branches/main");
        QCOMPARE(status(mainBranch), 409);
        QVERIFY(body(mainBranch).contains("default branch cannot be deleted"));
        auto tag = m_server.post("/api/v1/write/tags", "{\"tag\":\"v2.0\",\"tag_message\":\"second release\",\"revision\":\"main\"}");
        QCOMPARE(status(tag), 200);
        auto reflog = m_server.get("/api/v1/history/reflog/v2.0");
        QCOMPARE(status(reflog), 200);
        const QJsonArray entries = json(reflog).toArray();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(keyOrder(body(reflog).mid(1)), QStringList({"timestamp", "ref_name", "old_head", "new_head", "message", "checksum"}));
        QCOMPARE(entries.first().toObject().value("ref_name").toString(), QStringLiteral("refs/tags/v2.0"));
        QVERIFY(entries.first().toObject().value("old_head").isNull());
        QCOMPARE(entries.first().toObject().value("new_head").toString(), QStringLiteral("985170faa07fc3fb592787523de31d31e6d299fa"));
        QCOMPARE(entries.first().toObject().value("message").toString(), QStringLiteral("second release"));
    }

    void deleteFileAndMerge()
    {
        auto deleted = m_server.post("/api/v1/write/delete-file", "{\"path_in_repo\":\"topic/two.txt\",\"revision\":\"feature/http\"}");
        QCOMPARE(status(deleted), 200);
        const QJsonObject info = json(deleted).toObject();
        const QString oid = info.value("oid").toString();
        QCOMPARE(keyOrder(body(deleted)), QStringList({"commit_url", "commit_message", "commit_description", "oid", "pr_url", "repo_url",
                                                      "pr_revision", "pr_num", "_url"}));
        QCOMPARE(info.value("commit_url").toString(), fileUri() + QStringLiteral("#commit=") + oid);
        QCOMPARE(info.value("commit_message").toString(), QStringLiteral("Delete topic/two.txt with hubvault"));
        QCOMPARE(info.value("commit_description").toString(), QString());
        QVERIFY(info.value("commit_description").isString());
        QCOMPARE(info.value("repo_url").toString(), fileUri());
        QCOMPARE(info.value("_url").toString(), info.value("commit_url").toString());

        auto conflict = m_server.post("/api/v1/write/merge", "{\"source_revision\":\"conflict-side\"}");
        QCOMPARE(status(conflict), 200);
        const QJsonObject result = json(conflict).toObject();
        QCOMPARE(result.value("status").toString(), QStringLiteral("conflict"));
        QVERIFY(result.value("commit").isNull());
        QCOMPARE(result.value("head_after").toString(), QStringLiteral("985170faa07fc3fb592787523de31d31e6d299fa"));
        const QJsonObject first = result.value("conflicts").toArray().first().toObject();
        QCOMPARE(first.value("path").toString(), QStringLiteral("both-added.txt"));
        QCOMPARE(first.value("conflict_type").toString(), QStringLiteral("add/add"));
        QCOMPARE(first.value("message").toString(), QStringLiteral("Both sides added both-added.txt differently."));

        auto merged = m_server.post("/api/v1/write/merge",
                                    "{\"source_revision\":\"feature/http\",\"target_revision\":\"main\",\"commit_message\":\"Merge feature/http over HTTP\"}");
        QCOMPARE(status(merged), 200);
        const QJsonObject done = json(merged).toObject();
        QCOMPARE(done.value("status").toString(), QStringLiteral("merged"));
        QCOMPARE(done.value("created_commit").toBool(), true);
        QCOMPARE(done.value("commit").toObject().value("commit_message").toString(), QStringLiteral("Merge feature/http over HTTP"));
    }

    void gcDryRun()
    {
        auto gc = m_server.post("/api/v1/maintenance/gc", "{\"dry_run\":true}");
        QCOMPARE(status(gc), 200);
        const QJsonObject report = json(gc).toObject();
        QCOMPARE(report.value("dry_run").toBool(), true);
        QVERIFY(report.value("notes").toArray().contains(QStringLiteral("dry-run: no files were modified")));
    }

    void uploadProtocol()
    {
        const QByteArray hello = "hello over http\n"; // 16 bytes, as in the recording
        const QByteArray sha = QCryptographicHash::hash(hello, QCryptographicHash::Sha256).toHex();
        const QByteArray manifest =
            "{\"revision\":\"main\",\"parent_commit\":null,\"commit_message\":\"HTTP write\",\"commit_description\":\"curl test\",\"operations\":["
            "{\"type\":\"add\",\"path_in_repo\":\"http/hello.txt\",\"size\":16,\"sha256\":\"" + sha + "\",\"chunks\":[]},"
            "{\"type\":\"add\",\"path_in_repo\":\"http/keep-copy.txt\",\"size\":5,\"sha256\":\"f660a7996deacfbc7560e4240054a8ad82eb02fe25a95064257e07084bcacb85\",\"chunks\":[]},"
            "{\"type\":\"copy\",\"src_path_in_repo\":\"ff.txt\",\"path_in_repo\":\"http/ff-copy.txt\",\"src_revision\":null},"
            "{\"type\":\"delete\",\"path_in_repo\":\"main-only.txt\",\"is_folder\":false}]}";
        auto plan = m_server.post("/api/v1/write/commit-plan", manifest);
        QCOMPARE(status(plan), 200);
        const QJsonObject planned = json(plan).toObject();
        QCOMPARE(keyOrder(body(plan)), QStringList({"revision", "base_head", "operations", "statistics"}));
        const QJsonArray ops = planned.value("operations").toArray();
        QCOMPARE(ops.at(0).toObject().value("strategy").toString(), QStringLiteral("upload-full"));
        QCOMPARE(ops.at(0).toObject().value("field_name").toString(), QStringLiteral("upload_file_0"));
        QCOMPARE(ops.at(1).toObject().value("strategy").toString(), QStringLiteral("copy"));
        QCOMPARE(ops.at(1).toObject().value("source_path_in_repo").toString(), QStringLiteral("keep.txt"));
        QCOMPARE(ops.at(2).toObject().value("strategy").toString(), QStringLiteral("passthrough"));
        QCOMPARE(ops.at(3).toObject().value("strategy").toString(), QStringLiteral("passthrough"));
        QCOMPARE(planned.value("statistics").toObject().value("planned_upload_bytes").toInt(), 16);

        QJsonObject request = QJsonDocument::fromJson(manifest).object();
        request.insert("upload_plan", planned);
        const QByteArray requestText = QJsonDocument(request).toJson(QJsonDocument::Compact);
        httplib::MultipartFormDataItems withoutFile = {{"manifest", requestText.toStdString(), "", ""}};
        auto missingPart = m_server.client().Post("/api/v1/write/commit", ServerProcess::writeHeaders(), withoutFile);
        QCOMPARE(status(missingPart), 400);
        QVERIFY(body(missingPart).contains("Missing uploaded file payload: upload_file_0."));

        httplib::MultipartFormDataItems items = {{"manifest", requestText.toStdString(), "", ""},
                                                 {"upload_file_0", hello.toStdString(), "upload_file_0", "application/octet-stream"}};
        auto committed = m_server.client().Post("/api/v1/write/commit", ServerProcess::writeHeaders(), items);
        QCOMPARE(status(committed), 200);
        QCOMPARE(json(committed).toObject().value("commit_message").toString(), QStringLiteral("HTTP write"));
        QCOMPARE(json(committed).toObject().value("commit_description").toString(), QStringLiteral("curl test"));
        QCOMPARE(body(m_server.get("/api/v1/content/blob/http/hello.txt")), hello);
        QCOMPARE(body(m_server.get("/api/v1/content/blob/http/keep-copy.txt")), QByteArray("keep\n"));
        QCOMPARE(status(m_server.get("/api/v1/content/blob/main-only.txt")), 404);

        auto replayed = m_server.client().Post("/api/v1/write/commit", ServerProcess::writeHeaders(), items);
        QCOMPARE(status(replayed), 409);
        QVERIFY(body(replayed).contains("expected head does not match current branch head"));
    }

    void cleanupTestCase()
    {
        QCOMPARE(m_server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(ServerAppendixTest)
#include "tst_server_appendix.moc"
