// More damage to a repository's truth that verification must report (docs/format.md §10.5),
// beyond tst_corruption: dangling refs and parents, reflog rows whose checksum no longer
// matches (§8.3), tree entries naming missing objects, chunk_visible rows naming missing
// packs, truncated .data files. Full verify reports all of them; quick verify exactly
// those that touch content reachable from a ref. Reads of damaged content fail with
// IntegrityError, everything else still reads, and gc refuses to run on a damaged
// repository without touching it.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "HistoryTestSupport.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
namespace ht = hubvault::htest;
using ht::TestRepo;

namespace {

bool anyStartsWith(const QStringList &list, const QString &prefix)
{
    return std::any_of(list.cbegin(), list.cend(), [&](const QString &s) { return s.startsWith(prefix); });
}

QString joined(const VerifyReport &r) { return (r.errors + r.warnings).join(QLatin1Char('\n')); }


const QByteArray kGuide = "# Guide\n\nRead me first.\n";
const QByteArray kNotes = "notes v2\n";

} // namespace

class TestCorruptionMore : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_counter = 0;

    /** A repository whose every object is known: history on main, a tag, garbage. */
    TestRepo generated()
    {
        TestRepo r;
        r.path = m_tmp.path() + QStringLiteral("/gen-%1").arg(++m_counter);
        CreateRepoOptions o;
        o.largeFileThreshold = 1000;
        r.repo = std::make_unique<LocalRepository>(LocalRepository::create(r.path, o, r.clock.env()));
        r.commit({}, {{QStringLiteral("docs/guide.md"), kGuide}, {QStringLiteral("notes.txt"), "notes v1\n"},
                      {QStringLiteral("old.txt"), "only in history\n"}, {QStringLiteral("model.bin"), ht::detBytes(QStringLiteral("model"), 2500)}},
                 QStringLiteral("first"));
        r.tag(QStringLiteral("v1"));
        r.commit({}, {{QStringLiteral("notes.txt"), kNotes}}, QStringLiteral("second"), {QStringLiteral("old.txt")});
        // Garbage: a deleted branch with its own whole and chunked files.
        r.branch(QStringLiteral("gone"));
        r.commit(QStringLiteral("gone"), {{QStringLiteral("garbage.txt"), "garbage\n"}, {QStringLiteral("garbage.bin"), ht::detBytes(QStringLiteral("garbage"), 3000)}},
                 QStringLiteral("dead end"));
        r.clock.tick();
        r->deleteBranch(QStringLiteral("gone"));
        return r;
    }

    TestRepo fixture(const QString &name)
    {
        TestRepo r;
        const QString dir = m_tmp.path() + QStringLiteral("/fx-%1").arg(++m_counter);
        QDir().mkpath(dir);
        r.path = hubvault::test::copyFixture(name, dir);
        r.repo = std::make_unique<LocalRepository>(LocalRepository::open(r.path));
        return r;
    }

    /** Damage happens behind the repository's back: look at it through a fresh handle. */
    static void reopen(TestRepo &r) { r.repo = std::make_unique<LocalRepository>(LocalRepository::open(r.path, r.clock.env())); }

    static QString fileObjectOf(const QString &repo, const QByteArray &content)
    {
        return ht::sqlOne(repo, QStringLiteral("SELECT object_id FROM objects_files WHERE payload_json LIKE '%\"sha256\":\"%1\"%'")
                                    .arg(ht::sha256Hex(content)));
    }

    static QString blobObjectOf(const QString &repo, const QByteArray &content)
    {
        const QString fileId = fileObjectOf(repo, content);
        const QJsonObject payload = QJsonDocument::fromJson(
            ht::sqlOne(repo, QStringLiteral("SELECT payload_json FROM objects_files WHERE object_id = %1").arg(ht::sqlQuote(fileId))).toUtf8()).object();
        return payload.value(QLatin1String("content_object_id")).toString();
    }

    static QString dataPathOf(const QString &repo, const QString &blobId)
    {
        const QString d = blobId.mid(7);
        return repo + QStringLiteral("/objects/blobs/sha256/%1/%2.data").arg(d.left(2), d.mid(2));
    }

    /** gc must refuse a repository full verify finds damaged, and change nothing. */
    static void expectGcRefused(TestRepo &r)
    {
        const auto digest = hubvault::test::treeDigest(r.path);
        for (bool dry : {true, false}) {
            try {
                r->gc(dry);
                QFAIL("gc ran on a damaged repository");
            } catch (const VerificationError &e) {
                QVERIFY(e.message().contains(QLatin1String("verification failed")));
            }
        }
        QCOMPARE(hubvault::test::treeDigest(r.path), digest);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void pristineRepositoriesVerify()
    {
        for (const QString &name : {QStringLiteral("a-small-files-paths"), QStringLiteral("b-chunked-large"), QStringLiteral("c-branches-merges"),
                                    QStringLiteral("d-squash-gc")}) {
            TestRepo r = fixture(name);
            const VerifyReport full = r->fullVerify();
            QVERIFY2(full.ok && full.warnings.isEmpty(), qPrintable(name + QLatin1Char('\n') + joined(full)));
        }
        TestRepo g = generated();
        const VerifyReport full = g->fullVerify();
        QVERIFY2(full.ok && full.warnings.isEmpty(), qPrintable(joined(full)));
    }

    // --- refs ----------------------------------------------------------------------------------

    void danglingRef_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("fullName");
        QTest::newRow("branch") << QStringLiteral("branch") << QStringLiteral("topic") << QStringLiteral("refs/heads/topic");
        QTest::newRow("tag") << QStringLiteral("tag") << QStringLiteral("v1.0") << QStringLiteral("refs/tags/v1.0");
        QTest::newRow("default branch") << QStringLiteral("branch") << QStringLiteral("main") << QStringLiteral("refs/heads/main");
    }

    void danglingRef()
    {
        QFETCH(QString, kind);
        QFETCH(QString, name);
        QFETCH(QString, fullName);
        TestRepo r = fixture(QStringLiteral("c-branches-merges"));
        const QString missing = QStringLiteral("sha256:") + QString(64, QLatin1Char('e'));
        QCOMPARE(ht::sqlExec(r.path, {QStringLiteral("UPDATE refs SET commit_id = %1 WHERE ref_kind = %2 AND ref_name = %3")
                                          .arg(ht::sqlQuote(missing), ht::sqlQuote(kind), ht::sqlQuote(name))}),
                 QString());
        reopen(r);
        for (const VerifyReport &report : {r->fullVerify(), r->quickVerify()}) {
            QVERIFY(!report.ok);
            QVERIFY2(anyStartsWith(report.errors, fullName + QStringLiteral(": ")), qPrintable(joined(report)));
            QVERIFY2(report.errors.size() == 1, qPrintable(joined(report))); // only that ref
            QVERIFY(report.checkedRefs.contains(fullName));
        }
        EXPECT_INTEGRITY_ERROR(r->listRepoCommits(fullName));
        EXPECT_INTEGRITY_ERROR(r->listRepoFiles(fullName));
        EXPECT_INTEGRITY_ERROR(r->readBytes(QStringLiteral("shared.txt"), fullName));
        // Other refs still work.
        const QString other = name == QLatin1String("topic") ? QStringLiteral("refs/heads/main") : QStringLiteral("refs/heads/topic");
        QVERIFY(!r->listRepoCommits(other).isEmpty());
        QVERIFY(!r->readBytes(QStringLiteral("shared.txt"), other).isEmpty());
        expectGcRefused(r);
    }

    void danglingParent()
    {
        TestRepo r = generated();
        // The bootstrap commit, an ancestor of every ref, disappears.
        const QList<GitCommitInfo> history = r->listRepoCommits();
        const QString root = r.obj(history.last().commitId);
        QCOMPARE(ht::sqlExec(r.path, {QStringLiteral("DELETE FROM objects_commits WHERE object_id = %1").arg(ht::sqlQuote(root))}), QString());
        reopen(r);
        for (const VerifyReport &report : {r->fullVerify(), r->quickVerify()}) {
            QVERIFY(!report.ok);
            QVERIFY2(anyStartsWith(report.errors, QStringLiteral("refs/heads/main: ")), qPrintable(joined(report)));
            QVERIFY2(anyStartsWith(report.errors, QStringLiteral("refs/tags/v1: ")), qPrintable(joined(report)));
            QVERIFY(std::any_of(report.errors.cbegin(), report.errors.cend(), [&](const QString &e) { return e.contains(root); }));
        }
        EXPECT_INTEGRITY_ERROR(r->listRepoCommits());
        // The head's own tree is intact.
        QCOMPARE(r->readBytes(QStringLiteral("notes.txt")), kNotes);
        expectGcRefused(r);
    }

    // --- reflog ------------------------------------------------------------------------------

    void reflogChecksumMismatch_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("assignment");
        QTest::newRow("message") << QStringLiteral("branch") << QStringLiteral("main") << QStringLiteral("message = 'tampered'");
        QTest::newRow("checksum") << QStringLiteral("branch") << QStringLiteral("main")
                                  << (QStringLiteral("checksum = 'sha256:") + QString(64, QLatin1Char('1')) + QLatin1Char('\''));
        QTest::newRow("old head") << QStringLiteral("branch") << QStringLiteral("main") << QStringLiteral("old_head = new_head");
        QTest::newRow("new head") << QStringLiteral("branch") << QStringLiteral("topic") << QStringLiteral("new_head = NULL");
        QTest::newRow("deleted branch") << QStringLiteral("branch") << QStringLiteral("feature-ff") << QStringLiteral("message = 'delete  branch'");
        QTest::newRow("tag") << QStringLiteral("tag") << QStringLiteral("v1.0") << QStringLiteral("message = 'release 1.1'");
        QTest::newRow("deleted tag") << QStringLiteral("tag") << QStringLiteral("tmp") << QStringLiteral("old_head = 'sha256:x'");
    }

    void reflogChecksumMismatch()
    {
        QFETCH(QString, kind);
        QFETCH(QString, name);
        QFETCH(QString, assignment);
        TestRepo r = fixture(QStringLiteral("c-branches-merges"));
        const QString where = QStringLiteral("ref_kind = %1 AND ref_name = %2").arg(ht::sqlQuote(kind), ht::sqlQuote(name));
        // The oldest row of the ref that the assignment really changes.
        const QString seq = ht::sqlOne(r.path, QStringLiteral("SELECT MIN(seq) FROM reflog WHERE %1 AND NOT (old_head IS new_head)").arg(where));
        QVERIFY(!seq.isEmpty());
        QCOMPARE(ht::sqlExec(r.path, {QStringLiteral("UPDATE reflog SET %1 WHERE seq = %2").arg(assignment, seq)}), QString());
        reopen(r);
        const QString full = (kind == QLatin1String("tag") ? QStringLiteral("refs/tags/") : QStringLiteral("refs/heads/")) + name;

        const VerifyReport fullReport = r->fullVerify();
        QVERIFY(!fullReport.ok);
        QCOMPARE(fullReport.errors, QStringList{QStringLiteral("reflog %1 seq %2: checksum mismatch").arg(full, seq)});
        // Quick verify covers reachable content only (docs/format.md §10.5), not the reflog.
        QVERIFY2(r->quickVerify().ok, qPrintable(joined(r->quickVerify())));
        // Refs, content and the listing itself are unaffected.
        QVERIFY(!r->readBytes(QStringLiteral("shared.txt")).isEmpty());
        QVERIFY(!r->listRepoReflog(full).isEmpty());
        expectGcRefused(r);
    }

    void reflogChecksumsOfFreshWrites()
    {
        // Every kind of reflog row our writers produce passes the check.
        TestRepo r = generated();
        r.merge(QStringLiteral("v1"));
        r.branch(QStringLiteral("x"), QStringLiteral("v1"));
        r.commit(QStringLiteral("x"), {{QStringLiteral("x.txt"), "x"}}, QString::fromUtf8("quote \" backslash \\ tab \t ctrl \x01 \xc3\xa9"));
        r.merge(QStringLiteral("x"), {}, QStringLiteral("Merge x\n\nwith body"));
        r.clock.tick();
        r->resetRef(QStringLiteral("x"), QStringLiteral("main"));
        r->createTag(QStringLiteral("msg"), QString::fromUtf8("line one\nline two \xe2\x80\xa8 \x7f \xf0\x9f\x98\x80"));
        r->deleteTag(QStringLiteral("msg"));
        r->squashHistory(QStringLiteral("main"));
        const VerifyReport report = r->fullVerify();
        QVERIFY2(report.ok, qPrintable(joined(report)));
        for (const auto &row : ht::sqlRows(r.path, QStringLiteral("SELECT old_head, new_head, message, checksum FROM reflog")))
            QCOMPARE(row.value(3).toString(), ht::reflogChecksum(row.value(0).toString(), row.value(1).toString(), row.value(2).toString()));
    }

    // --- trees, files, blobs ---------------------------------------------------------------

    void treeEntryToMissingObject_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QByteArray>("content"); ///< whose file (or its blob) goes missing
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("atHead"); ///< the head has this version
        QTest::addColumn<bool>("atTag");  ///< tag v1 has this version
        QTest::newRow("file object at head and tag") << QStringLiteral("objects_files") << kGuide << QStringLiteral("docs/guide.md") << true << true;
        QTest::newRow("blob object at head only") << QStringLiteral("objects_blobs") << kNotes << QStringLiteral("notes.txt") << true << false;
        QTest::newRow("file object in history") << QStringLiteral("objects_files") << QByteArray("only in history\n")
                                                << QStringLiteral("old.txt") << false << true;
    }

    void treeEntryToMissingObject()
    {
        QFETCH(QString, table);
        QFETCH(QByteArray, content);
        QFETCH(QString, path);
        QFETCH(bool, atHead);
        QFETCH(bool, atTag);
        TestRepo r = generated();
        const QString id = table == QLatin1String("objects_blobs") ? blobObjectOf(r.path, content) : fileObjectOf(r.path, content);
        QVERIFY(id.startsWith(QLatin1String("sha256:")));
        QCOMPARE(ht::sqlExec(r.path, {QStringLiteral("DELETE FROM %1 WHERE object_id = %2").arg(table, ht::sqlQuote(id))}), QString());
        reopen(r);
        for (const VerifyReport &report : {r->fullVerify(), r->quickVerify()}) {
            QVERIFY(!report.ok);
            // main's closure includes the tagged commit, so main always reports.
            QVERIFY2(anyStartsWith(report.errors, QStringLiteral("refs/heads/main: ")), qPrintable(joined(report)));
            QCOMPARE(anyStartsWith(report.errors, QStringLiteral("refs/tags/v1: ")), atTag);
            QVERIFY2(std::any_of(report.errors.cbegin(), report.errors.cend(), [&](const QString &e) { return e.contains(id); }),
                     qPrintable(joined(report)));
        }
        if (atHead)
            EXPECT_INTEGRITY_ERROR(r->readBytes(path));
        else
            QVERIFY(!r->listRepoFiles().contains(path));
        if (atTag)
            EXPECT_INTEGRITY_ERROR(r->readBytes(path, QStringLiteral("v1")));
        QCOMPARE(r->readBytes(QStringLiteral("model.bin")), ht::detBytes(QStringLiteral("model"), 2500));
        expectGcRefused(r);
    }

    void treePayloadNamesUnknownFile()
    {
        TestRepo r = generated();
        const QString fileId = fileObjectOf(r.path, kGuide);
        const QString bogus = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
        // The "docs" tree holds guide.md's entry; point it somewhere that does not exist.
        const QString treeId = ht::sqlOne(r.path, QStringLiteral("SELECT object_id FROM objects_trees WHERE payload_json LIKE '%%1%'").arg(fileId));
        QVERIFY(treeId.startsWith(QLatin1String("sha256:")));
        QCOMPARE(ht::sqlExec(r.path, {QStringLiteral("UPDATE objects_trees SET payload_json = replace(payload_json, %1, %2) WHERE object_id = %3")
                                          .arg(ht::sqlQuote(fileId), ht::sqlQuote(bogus), ht::sqlQuote(treeId))}),
                 QString());
        reopen(r);
        const VerifyReport full = r->fullVerify();
        QVERIFY(!full.ok);
        QVERIFY2(full.errors.contains(QStringLiteral("tree %1: object id mismatch").arg(treeId)), qPrintable(joined(full)));
        QVERIFY2(anyStartsWith(full.errors, QStringLiteral("refs/heads/main: ")), qPrintable(joined(full)));
        const VerifyReport quick = r->quickVerify();
        QVERIFY(!quick.ok);
        QVERIFY2(anyStartsWith(quick.errors, QStringLiteral("refs/heads/main: ")), qPrintable(joined(quick)));
        QVERIFY(!quick.errors.contains(QStringLiteral("tree %1: object id mismatch").arg(treeId))); // full only
        EXPECT_INTEGRITY_ERROR(r->readBytes(QStringLiteral("docs/guide.md")));
        QCOMPARE(r->readBytes(QStringLiteral("notes.txt")), kNotes);
        expectGcRefused(r);
    }

    void missingSubtree()
    {
        TestRepo r = generated();
        const QString fileId = fileObjectOf(r.path, kGuide);
        const QString treeId = ht::sqlOne(r.path, QStringLiteral("SELECT object_id FROM objects_trees WHERE payload_json LIKE '%%1%'").arg(fileId));
        QCOMPARE(ht::sqlExec(r.path, {QStringLiteral("DELETE FROM objects_trees WHERE object_id = %1").arg(ht::sqlQuote(treeId))}), QString());
        reopen(r);
        for (const VerifyReport &report : {r->fullVerify(), r->quickVerify()}) {
            QVERIFY(!report.ok);
            QVERIFY2(anyStartsWith(report.errors, QStringLiteral("refs/heads/main: ")), qPrintable(joined(report)));
        }
        EXPECT_INTEGRITY_ERROR(r->readBytes(QStringLiteral("docs/guide.md")));
        EXPECT_INTEGRITY_ERROR(r->listRepoFiles());
        expectGcRefused(r);
    }

    // --- chunk index -------------------------------------------------------------------------

    void chunkRowToMissingPack_data()
    {
        QTest::addColumn<bool>("reachable");
        QTest::addColumn<bool>("deleteFile"); ///< the pack file is gone (else the row names an unknown pack)
        QTest::newRow("reachable chunk, pack deleted") << true << true;
        QTest::newRow("reachable chunk, unknown pack id") << true << false;
        QTest::newRow("garbage chunk, pack deleted") << false << true;
        QTest::newRow("garbage chunk, unknown pack id") << false << false;
    }

    void chunkRowToMissingPack()
    {
        QFETCH(bool, reachable);
        QFETCH(bool, deleteFile);
        TestRepo r = generated();
        const QByteArray content = reachable ? ht::detBytes(QStringLiteral("model"), 2500) : ht::detBytes(QStringLiteral("garbage"), 3000);
        const QString chunkId = QStringLiteral("sha256:") + ht::sha256Hex(content); // one chunk: the whole file
        const QString packId = ht::sqlOne(r.path, QStringLiteral("SELECT pack_id FROM chunk_visible WHERE chunk_id = %1").arg(ht::sqlQuote(chunkId)));
        QVERIFY(!packId.isEmpty());
        QCOMPARE(ht::sqlOne(r.path, QStringLiteral("SELECT COUNT(*) FROM chunk_visible WHERE pack_id = %1").arg(ht::sqlQuote(packId))),
                 QStringLiteral("1"));
        if (deleteFile)
            QVERIFY(QFile::remove(r.path + QStringLiteral("/chunks/packs/") + packId + QStringLiteral(".pack")));
        else
            QCOMPARE(ht::sqlExec(r.path, {QStringLiteral("UPDATE chunk_visible SET pack_id = 'no-such-pack' WHERE chunk_id = %1").arg(ht::sqlQuote(chunkId))}),
                     QString());
        reopen(r);

        const VerifyReport full = r->fullVerify();
        QVERIFY(!full.ok);
        QVERIFY2(anyStartsWith(full.errors, QStringLiteral("chunk storage: ")), qPrintable(joined(full)));
        QCOMPARE(anyStartsWith(full.errors, QStringLiteral("refs/heads/main: ")), reachable);
        const VerifyReport quick = r->quickVerify();
        QCOMPARE(quick.ok, !reachable);
        if (reachable) {
            QVERIFY2(anyStartsWith(quick.errors, QStringLiteral("refs/heads/main: ")), qPrintable(joined(quick)));
            QVERIFY(anyStartsWith(quick.errors, QStringLiteral("refs/tags/v1: ")));
            EXPECT_INTEGRITY_ERROR(r->readBytes(QStringLiteral("model.bin")));
            EXPECT_INTEGRITY_ERROR(r->readRange(QStringLiteral("model.bin"), 10, 10));
        } else {
            QCOMPARE(r->readBytes(QStringLiteral("model.bin")), ht::detBytes(QStringLiteral("model"), 2500));
        }
        QCOMPARE(r->readBytes(QStringLiteral("notes.txt")), kNotes);
        // gc verifies fully first, so even damage to garbage blocks it (docs/format.md §10.4 step 1).
        expectGcRefused(r);
    }

    // --- .data files --------------------------------------------------------------------------

    void truncatedBlobData_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("where"); ///< head, history or garbage
        QTest::addColumn<qint64>("size");
        QTest::newRow("head, half") << kGuide << QStringLiteral("docs/guide.md") << QStringLiteral("head") << qint64(kGuide.size() / 2);
        QTest::newRow("head, one byte short") << kGuide << QStringLiteral("docs/guide.md") << QStringLiteral("head") << qint64(kGuide.size() - 1);
        QTest::newRow("head, empty") << kGuide << QStringLiteral("docs/guide.md") << QStringLiteral("head") << qint64(0);
        QTest::newRow("history only") << QByteArray("only in history\n") << QStringLiteral("old.txt") << QStringLiteral("history") << qint64(4);
        QTest::newRow("garbage") << QByteArray("garbage\n") << QStringLiteral("garbage.txt") << QStringLiteral("garbage") << qint64(3);
    }

    void truncatedBlobData()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, path);
        QFETCH(QString, where);
        QFETCH(qint64, size);
        TestRepo r = generated();
        const QString data = dataPathOf(r.path, blobObjectOf(r.path, content));
        QCOMPARE(QFileInfo(data).size(), qint64(content.size()));
        QVERIFY(QFile::resize(data, size));
        reopen(r);

        const VerifyReport full = r->fullVerify();
        const VerifyReport quick = r->quickVerify();
        if (where == QLatin1String("garbage")) {
            // Nothing reachable is damaged: neither verify looks at unreachable blob bytes
            // (docs/format.md §10.5), and gc simply drops the damaged garbage.
            QVERIFY2(full.ok, qPrintable(joined(full)));
            QVERIFY(quick.ok);
            r.clock.tick();
            r->gc();
            QVERIFY(!QFileInfo::exists(data));
            QVERIFY(r->fullVerify().ok);
            return;
        }
        for (const VerifyReport &report : {full, quick}) {
            QVERIFY(!report.ok);
            QVERIFY2(anyStartsWith(report.errors, QStringLiteral("refs/tags/v1: ")), qPrintable(joined(report)));
            QCOMPARE(anyStartsWith(report.errors, QStringLiteral("refs/heads/main: ")), true); // history is part of the closure
        }
        const QString revision = where == QLatin1String("head") ? QString() : QStringLiteral("v1");
        EXPECT_INTEGRITY_ERROR(r->readBytes(path, revision));
        EXPECT_INTEGRITY_ERROR(r->readRange(path, 0, 1, revision));
        EXPECT_INTEGRITY_ERROR(r->openFile(path, revision));
        QCOMPARE(r->readBytes(QStringLiteral("model.bin")), ht::detBytes(QStringLiteral("model"), 2500));
        if (where == QLatin1String("history"))
            QCOMPARE(r->readBytes(QStringLiteral("docs/guide.md")), kGuide);
        expectGcRefused(r);
    }
};

QTEST_GUILESS_MAIN(TestCorruptionMore)
#include "tst_corruption_more.moc"
