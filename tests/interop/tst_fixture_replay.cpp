// Replays the recorded operations of the hubvault 0.0.2 fixtures through our write path
// with the clock frozen at each recorded time, then compares every commit id and the
// SQLite tables with what the original wrote (pack file names excepted: they embed a
// random part of the transaction id).

#include <hubvault/ModelJson.h>
#include <hubvault/LocalRepository.h>
#include "CanonicalJson.h"
#include "Env.h"
#include "Hash.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

using namespace hubvault;

namespace {

/** det_bytes(label, n) of the fixture generator: concat(sha256(f"{label}:{i}")) cut to n. */
QByteArray detBytes(const char *label, qint64 n)
{
    QByteArray out;
    for (qint64 i = 0; out.size() < n; ++i)
        out += QCryptographicHash::hash(QByteArray(label) + ':' + QByteArray::number(i), QCryptographicHash::Sha256);
    out.truncate(n);
    return out;
}

/** sha256 -> bytes of every file of every recorded commit, read from the fixture itself. */
QHash<QString, QByteArray> contentBySha(const QString &fixtureCopy, const QJsonObject &manifest)
{
    QHash<QString, QByteArray> out;
    const LocalRepository repo = LocalRepository::open(fixtureCopy);
    const QJsonObject commits = manifest.value(QLatin1String("commits")).toObject();
    for (auto it = commits.begin(); it != commits.end(); ++it) {
        for (const QJsonValue &v : it.value().toObject().value(QLatin1String("files")).toArray()) {
            const QString sha = v.toObject().value(QLatin1String("sha256")).toString();
            if (!out.contains(sha))
                out.insert(sha, repo.readBytes(v.toObject().value(QLatin1String("path")).toString(), it.key()));
        }
    }
    // Contents that gc removed from fixture d, regenerated with the generator's recipe.
    for (const QByteArray &bytes : {QByteArray("a v1\n"), QByteArray("b v1\n"), detBytes("d/big1-v1", 8192),
                                    detBytes("d/big1-v2", 8192), detBytes("d/stable", 6000), detBytes("d/big2", 5000)})
        out.insert(QString::fromLatin1(Hash::sha256Hex(bytes)), bytes);
    // Files of commits that no ref reaches any more but that are still stored.
    for (const QJsonValue &v : manifest.value(QLatin1String("ops")).toArray()) {
        const QJsonObject op = v.toObject();
        const QJsonObject args = op.value(QLatin1String("args")).toObject();
        const QString oid = op.value(QLatin1String("result")).toObject().value(QLatin1String("oid")).toString();
        const QJsonObject file = args.value(QLatin1String("path_or_fileobj")).toObject();
        const QString sha = file.value(QLatin1String("sha256")).toString();
        if (!sha.isEmpty() && !out.contains(sha) && !oid.isEmpty()) {
            try {
                out.insert(sha, repo.readBytes(args.value(QLatin1String("path_in_repo")).toString(), oid));
            } catch (const HubVaultError &) {
            }
        }
    }
    return out;
}

/** Rows of a table as JSON objects, sorted, minus the columns to ignore. */
QJsonArray tableRows(QSqlDatabase &db, const QString &table, const QStringList &ignore = {})
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT * FROM %1").arg(table));
    QList<QByteArray> rows;
    while (q.next()) {
        QJsonObject row;
        const QSqlRecord rec = q.record();
        for (int i = 0; i < rec.count(); ++i) {
            if (ignore.contains(rec.fieldName(i)))
                continue;
            const QVariant v = q.value(i);
            row.insert(rec.fieldName(i), v.isNull() ? QJsonValue(QJsonValue::Null)
                                        : v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int
                                            ? QJsonValue(v.toLongLong())
                                            : QJsonValue(v.toString()));
        }
        rows.append(CanonicalJson::serialize(row));
    }
    std::sort(rows.begin(), rows.end());
    QJsonArray out;
    for (const QByteArray &r : rows)
        out.append(QJsonDocument::fromJson(r).object());
    return out;
}

QJsonArray manifestRows(const QJsonObject &manifest, const QString &table, const QStringList &ignore = {})
{
    QList<QByteArray> rows;
    for (const QJsonValue &v : manifest.value(QLatin1String("sqlite")).toObject().value(table).toArray()) {
        QJsonObject row = v.toObject();
        for (const QString &col : ignore)
            row.remove(col);
        rows.append(CanonicalJson::serialize(row));
    }
    std::sort(rows.begin(), rows.end());
    QJsonArray out;
    for (const QByteArray &r : rows)
        out.append(QJsonDocument::fromJson(r).object());
    return out;
}

QString show(const QJsonValue &v)
{
    return QString::fromUtf8(CanonicalJson::serializeSpaced(v));
}

/** Replaces the replay root by "<REPO>" in every string of a JSON value. */
QJsonObject replaceRoot(const QJsonObject &object, const QString &root)
{
    const QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return QJsonDocument::fromJson(QString::fromUtf8(text).replace(root, QStringLiteral("<REPO>")).toUtf8()).object();
}

#define COMPARE_JSON(actual, expected)                                                                          \
    do {                                                                                                        \
        const QJsonValue a_ = (actual), e_ = (expected);                                                        \
        if (a_ != e_)                                                                                           \
            QFAIL(qPrintable(QStringLiteral("JSON differs\n actual:   %1\n expected: %2").arg(show(a_), show(e_)))); \
    } while (0)

/**
 * A storage overview with the metadata database's size taken from `expected`. Our writes
 * do not rewrite tree rows a commit left unchanged (the original re-inserts every tree),
 * so after the same operations metadata.sqlite3 may hold a different number of pages;
 * every other figure must match exactly. The difference must be whole 4096-byte pages.
 */
QJsonValue withExpectedDatabaseSize(const QJsonObject &actual, const QJsonObject &expected)
{
    auto metadataSize = [](const QJsonObject &overview) {
        for (const QJsonValue &v : overview.value(QLatin1String("sections")).toArray()) {
            if (v.toObject().value(QLatin1String("name")).toString() == QLatin1String("repo.metadata"))
                return v.toObject().value(QLatin1String("total_size")).toInteger();
        }
        return qint64(-1);
    };
    const qint64 delta = metadataSize(actual) - metadataSize(expected);
    if (delta % 4096 != 0)
        return actual; // not a page difference: let the comparison show it
    QJsonObject out = actual;
    for (const char *key : {"total_size", "reachable_size"})
        out.insert(QLatin1String(key), actual.value(QLatin1String(key)).toInteger() - delta);
    QJsonArray sections;
    for (const QJsonValue &v : actual.value(QLatin1String("sections")).toArray()) {
        QJsonObject section = v.toObject();
        if (section.value(QLatin1String("name")).toString() == QLatin1String("repo.metadata"))
            section.insert(QStringLiteral("total_size"), section.value(QLatin1String("total_size")).toInteger() - delta);
        sections.append(section);
    }
    out.insert(QStringLiteral("sections"), sections);
    return out;
}

#define COMPARE_OVERVIEW(actual, expected)                                                                      \
    do {                                                                                                        \
        const QJsonObject e_o = QJsonValue(expected).toObject();                                                \
        COMPARE_JSON(withExpectedDatabaseSize(ModelJson::toJson(actual), e_o), e_o);                            \
    } while (0)

} // namespace

class TestFixtureReplay : public QObject {
    Q_OBJECT

    static void checkBeforeSquash(const Repository &repo, const QJsonObject &manifest)
    {
        const QJsonObject before = manifest.value(QLatin1String("before_squash")).toObject();
        COMPARE_OVERVIEW(repo.storageOverview(), before.value(QLatin1String("storage_overview")));
        COMPARE_JSON(ModelJson::toJson(repo.listRepoRefs()), before.value(QLatin1String("refs")));
        QJsonArray history;
        for (const GitCommitInfo &c : repo.listRepoCommits()) {
            QJsonObject o = ModelJson::toJson(c);
            o.insert(QStringLiteral("formatted_title"), QJsonValue(QJsonValue::Null));
            o.insert(QStringLiteral("formatted_message"), QJsonValue(QJsonValue::Null));
            history.append(o);
        }
        COMPARE_JSON(history, before.value(QLatin1String("history")));
    }

private Q_SLOTS:
    void replay_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<bool>("complete"); // every op of the fixture is a supported write
        QTest::newRow("a-small-files-paths") << QStringLiteral("a-small-files-paths") << true;
        QTest::newRow("b-chunked-large") << QStringLiteral("b-chunked-large") << true;
        QTest::newRow("c-branches-merges") << QStringLiteral("c-branches-merges") << true;
        QTest::newRow("d-squash-gc") << QStringLiteral("d-squash-gc") << true;
    }

    void replay()
    {
        QFETCH(QString, fixture);
        QFETCH(bool, complete);
        QTemporaryDir tmp;
        const QJsonObject manifest = test::fixtureManifest(fixture);
        const QString source = test::copyFixture(fixture, tmp.path() + QStringLiteral("/src"));
        const QHash<QString, QByteArray> content = contentBySha(source, manifest);
        auto env = std::make_shared<FrozenClockEnv>(QDateTime());
        const QString root = tmp.path() + QStringLiteral("/replay");
        std::optional<LocalRepository> repo;
        int replayed = 0;
        bool beforeSquashChecked = false;

        for (const QJsonValue &v : manifest.value(QLatin1String("ops")).toArray()) {
            const QJsonObject op = v.toObject();
            const QString call = op.value(QLatin1String("call")).toString();
            const QJsonObject args = op.value(QLatin1String("args")).toObject();
            const QJsonObject result = op.value(QLatin1String("result")).toObject();
            env->setNow(QDateTime::fromString(op.value(QLatin1String("clock_utc")).toString(), Qt::ISODate));
            auto bytesOf = [&](const QJsonObject &spec) {
                const QString sha = spec.value(QLatin1String("sha256")).toString();
                [&] { QVERIFY2(content.contains(sha), qPrintable(sha)); }();
                return content.value(sha);
            };
            auto options = [&]() {
                CommitOptions o;
                o.commitMessage = args.value(QLatin1String("commit_message")).toString();
                if (args.contains(QLatin1String("commit_description")))
                    o.commitDescription = args.value(QLatin1String("commit_description")).toString();
                o.revision = args.value(QLatin1String("revision")).toString();
                return o;
            };
            const QString positional = args.value(QLatin1String("positional")).toArray().at(0).toString();
            CommitInfo info;
            if (call == QLatin1String("create_repo")) {
                CreateRepoOptions o;
                if (args.contains(QLatin1String("large_file_threshold")))
                    o.largeFileThreshold = args.value(QLatin1String("large_file_threshold")).toInteger();
                repo.emplace(LocalRepository::create(root, o, env));
                QCOMPARE(repo->repoInfo().head.value_or(QString()), result.value(QLatin1String("head")).toString());
                ++replayed;
                continue;
            } else if (call == QLatin1String("create_commit")) {
                QList<CommitOperation> ops;
                for (const QJsonValue &o : args.value(QLatin1String("operations")).toArray()) {
                    const QJsonObject spec = o.toObject();
                    const QString kind = spec.value(QLatin1String("op")).toString();
                    const QString path = spec.value(QLatin1String("path_in_repo")).toString();
                    if (kind == QLatin1String("add"))
                        ops.append(CommitOperation::addBytes(path, bytesOf(spec)));
                    else if (kind == QLatin1String("delete"))
                        ops.append(CommitOperation::remove(path, spec.value(QLatin1String("is_folder")).toBool()));
                    else
                        ops.append(CommitOperation::copy(spec.value(QLatin1String("src_path_in_repo")).toString(), path,
                                                         spec.value(QLatin1String("src_revision")).toString()));
                }
                info = repo->createCommit(ops, options());
            } else if (call == QLatin1String("upload_file")) {
                info = repo->uploadBytes(bytesOf(args.value(QLatin1String("path_or_fileobj")).toObject()),
                                         args.value(QLatin1String("path_in_repo")).toString(), options());
            } else if (call == QLatin1String("delete_file")) {
                info = repo->deleteFile(positional, options());
            } else if (call == QLatin1String("delete_folder")) {
                info = repo->deleteFolder(positional, options());
            } else if (call == QLatin1String("upload_folder")) {
                // The generator's folder: the files the commit received, plus a log file
                // that the ignore pattern must keep out.
                const QString folder = tmp.path() + QStringLiteral("/upload");
                const QString prefix = args.value(QLatin1String("path_in_repo")).toString();
                const LocalRepository source = LocalRepository::open(test::fixturePath(fixture));
                const QString commitId = result.value(QLatin1String("oid")).toString();
                for (const QJsonValue &f : manifest.value(QLatin1String("commits")).toObject().value(commitId).toObject()
                                               .value(QLatin1String("files")).toArray()) {
                    const QString path = f.toObject().value(QLatin1String("path")).toString();
                    if (!path.startsWith(prefix + QLatin1Char('/')))
                        continue;
                    const QString local = folder + QLatin1Char('/') + path.mid(prefix.size() + 1);
                    QDir().mkpath(QFileInfo(local).absolutePath());
                    QFile out(local);
                    QVERIFY(out.open(QIODevice::WriteOnly));
                    out.write(content.value(f.toObject().value(QLatin1String("sha256")).toString()));
                }
                QFile log(folder + QStringLiteral("/debug.log"));
                QVERIFY(log.open(QIODevice::WriteOnly));
                log.write("must be ignored\n");
                log.close();
                UploadFolderOptions o;
                o.folderPath = folder;
                o.pathInRepo = prefix;
                o.commit = options();
                QStringList ignore;
                for (const QJsonValue &p : args.value(QLatin1String("ignore_patterns")).toArray())
                    ignore.append(p.toString());
                if (!ignore.isEmpty())
                    o.ignorePatterns = ignore;
                info = repo->uploadFolder(o);
            } else if (call == QLatin1String("create_branch")) {
                repo->createBranch(args.value(QLatin1String("branch")).toString(), args.value(QLatin1String("revision")).toString());
                ++replayed;
                continue;
            } else if (call == QLatin1String("delete_branch")) {
                repo->deleteBranch(args.value(QLatin1String("branch")).toString());
                ++replayed;
                continue;
            } else if (call == QLatin1String("create_tag")) {
                repo->createTag(args.value(QLatin1String("tag")).toString(), args.value(QLatin1String("tag_message")).toString(),
                                args.value(QLatin1String("revision")).toString());
                ++replayed;
                continue;
            } else if (call == QLatin1String("delete_tag")) {
                repo->deleteTag(args.value(QLatin1String("tag")).toString());
                ++replayed;
                continue;
            } else if (call == QLatin1String("merge")) {
                MergeOptions o;
                o.targetRevision = args.value(QLatin1String("target_revision")).toString();
                if (args.contains(QLatin1String("commit_message")))
                    o.commitMessage = args.value(QLatin1String("commit_message")).toString();
                if (args.contains(QLatin1String("commit_description")))
                    o.commitDescription = args.value(QLatin1String("commit_description")).toString();
                const MergeResult preview = repo->previewMerge(positional, o);
                QCOMPARE(wireName(preview.status), result.value(QLatin1String("status")).toString());
                QCOMPARE(preview.conflicts.size(), result.value(QLatin1String("conflicts")).toArray().size());
                QJsonObject actual = ModelJson::toJson(repo->merge(positional, o));
                QJsonObject expected = result;
                if (expected.value(QLatin1String("commit")).isObject()) {
                    QJsonObject c = expected.value(QLatin1String("commit")).toObject();
                    c.remove(QStringLiteral("__str__"));
                    expected.insert(QStringLiteral("commit"), c);
                }
                COMPARE_JSON(replaceRoot(actual, root), expected);
                ++replayed;
                continue;
            } else if (call == QLatin1String("reset_ref")) {
                info = repo->resetRef(positional, args.value(QLatin1String("to_revision")).toString());
            } else if (call == QLatin1String("hf_hub_download")) {
                // The generator recorded "before_squash" right after the last commit.
                if (manifest.contains(QLatin1String("before_squash")) && !beforeSquashChecked) {
                    checkBeforeSquash(*repo, manifest);
                    beforeSquashChecked = true;
                }
                const QString path = repo->hfHubDownload(positional);
                QCOMPARE(QString(path).replace(root, QStringLiteral("<REPO>")), op.value(QLatin1String("result")).toString());
                ++replayed;
                continue;
            } else if (call == QLatin1String("squash_history")) {
                if (manifest.contains(QLatin1String("before_squash")) && !beforeSquashChecked) {
                    checkBeforeSquash(*repo, manifest);
                    beforeSquashChecked = true;
                }
                SquashOptions o;
                o.rootRevision = args.value(QLatin1String("root_revision")).toString();
                if (args.contains(QLatin1String("commit_message")))
                    o.commitMessage = args.value(QLatin1String("commit_message")).toString();
                o.runGc = args.value(QLatin1String("run_gc")).toBool(true);
                COMPARE_JSON(ModelJson::toJson(repo->squashHistory(positional, o)), op.value(QLatin1String("result")));
                if (manifest.contains(QLatin1String("after_squash_storage_overview")))
                    COMPARE_OVERVIEW(repo->storageOverview(), manifest.value(QLatin1String("after_squash_storage_overview")));
                ++replayed;
                continue;
            } else if (call == QLatin1String("gc")) {
                const bool dryRun = args.value(QLatin1String("dry_run")).toBool(false);
                COMPARE_JSON(ModelJson::toJson(repo->gc(dryRun, args.value(QLatin1String("prune_cache")).toBool(true))),
                             op.value(QLatin1String("result")));
                if (!dryRun && manifest.contains(QLatin1String("after_gc_storage_overview")))
                    COMPARE_OVERVIEW(repo->storageOverview(), manifest.value(QLatin1String("after_gc_storage_overview")));
                ++replayed;
                continue;
            } else {
                QVERIFY2(!complete, qPrintable(QStringLiteral("unsupported op ") + call));
                break;
            }
            QCOMPARE(info.oid, result.value(QLatin1String("oid")).toString());
            QCOMPARE(info.commitMessage, result.value(QLatin1String("commit_message")).toString());
            QCOMPARE(info.commitDescription, result.value(QLatin1String("commit_description")).toString());
            QCOMPARE(QString(info.url).replace(root, QStringLiteral("<REPO>")), result.value(QLatin1String("__str__")).toString());
            ++replayed;
        }
        QVERIFY(replayed >= 2);
        QVERIFY(repo->fullVerify().ok);
        COMPARE_OVERVIEW(repo->storageOverview(), manifest.value(QLatin1String("storage_overview")));
        if (!complete)
            return;

        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("replay-") + fixture);
        db.setDatabaseName(root + QStringLiteral("/metadata.sqlite3"));
        QVERIFY(db.open());
        {
            for (const QString &table : {QStringLiteral("objects_commits"), QStringLiteral("objects_trees"),
                                         QStringLiteral("objects_files"), QStringLiteral("objects_blobs"),
                                         QStringLiteral("refs"), QStringLiteral("reflog"), QStringLiteral("repo_meta"),
                                         QStringLiteral("schema_info"), QStringLiteral("txn_log")}) {
                const QJsonArray actual = tableRows(db, table), expected = manifestRows(manifest, table);
                if (actual != expected)
                    QFAIL(qPrintable(QStringLiteral("%1 differs\n actual:   %2\n expected: %3").arg(table, show(actual), show(expected))));
            }
            const QStringList packName{QStringLiteral("pack_id")};
            QCOMPARE(tableRows(db, QStringLiteral("chunk_visible"), packName), manifestRows(manifest, QStringLiteral("chunk_visible"), packName));
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY sql"));
            QJsonArray schema;
            while (q.next())
                schema.append(q.value(0).toString());
            QCOMPARE(schema, manifest.value(QLatin1String("sqlite")).toObject().value(QLatin1String("schema_sql")).toArray());
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("replay-") + fixture);

        // Same pack contents: the set of pack sizes matches the original's files.
        QMap<qint64, int> ours, theirs;
        for (const QFileInfo &f : QDir(root + QStringLiteral("/chunks/packs")).entryInfoList(QDir::Files))
            ours[f.size()]++;
        for (const QJsonValue &v : manifest.value(QLatin1String("disk_listing")).toObject().value(QLatin1String("files")).toArray()) {
            if (v.toObject().value(QLatin1String("path")).toString().startsWith(QLatin1String("chunks/packs/")))
                theirs[v.toObject().value(QLatin1String("size")).toInteger()]++;
        }
        QCOMPARE(ours, theirs);
        QVERIFY(QDir(root + QStringLiteral("/txn")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFixtureReplay)
#include "tst_fixture_replay.moc"
