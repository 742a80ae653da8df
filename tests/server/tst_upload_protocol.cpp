// The commit-plan / commit protocol (SERVER.md §4) on real repositories, without HTTP:
// the plan of Appendix A, uploads of whole files and of changed chunks (also of chunks the
// head no longer uses), and every refusal of §4.3 leaving the repository as it was.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "FastCdcChunker.h"
#include "TestSupport.h"
#include "UploadProtocol.h"
#include "WireJson.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <limits>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace hubvault;
namespace upload = hubvault::server::upload;

namespace {

const QString kMergesFixture = QStringLiteral("c-branches-merges");
const QByteArray kHello = QByteArrayLiteral("hello over http\n"); // 16 bytes, as in Appendix A
const QString kKeepSha = QStringLiteral("f660a7996deacfbc7560e4240054a8ad82eb02fe25a95064257e07084bcacb85");
constexpr qint64 kBigSize = 3 << 20;

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

/** The client's chunk list (SERVER.md §4.1): FastCDC 1/4/16 MiB, chunk_id = checksum. */
QJsonArray clientChunks(const QByteArray &data)
{
    QJsonArray out;
    if (data.size() < (1 << 20))
        return out;
    const auto *bytes = reinterpret_cast<const uint8_t *>(data.constData());
    for (qint64 offset = 0; offset < data.size();) {
        const qint64 length = FastCdcChunker::nextCut(bytes + offset, data.size() - offset);
        const QString id = QStringLiteral("sha256:") + sha256Hex(data.mid(offset, length));
        out.append(QJsonObject{{QStringLiteral("chunk_id"), id},
                               {QStringLiteral("checksum"), id},
                               {QStringLiteral("logical_offset"), offset},
                               {QStringLiteral("logical_size"), length},
                               {QStringLiteral("stored_size"), length},
                               {QStringLiteral("compression"), QStringLiteral("none")}});
        offset += length;
    }
    return out;
}

QJsonObject addOp(const QString &path, const QByteArray &data)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("add")},
                       {QStringLiteral("path_in_repo"), path},
                       {QStringLiteral("size"), qint64(data.size())},
                       {QStringLiteral("sha256"), sha256Hex(data)},
                       {QStringLiteral("chunks"), clientChunks(data)}};
}

QJsonObject deleteOp(const QString &path)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("delete")},
                       {QStringLiteral("path_in_repo"), path},
                       {QStringLiteral("is_folder"), false}};
}

QJsonObject copyOp(const QString &from, const QString &to)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("copy")},
                       {QStringLiteral("src_path_in_repo"), from},
                       {QStringLiteral("path_in_repo"), to},
                       {QStringLiteral("src_revision"), QJsonValue::Null}};
}

QJsonObject manifestOf(const QJsonArray &operations, const QJsonValue &revision = QStringLiteral("main"),
                       const QString &message = QStringLiteral("HTTP write"))
{
    return QJsonObject{{QStringLiteral("revision"), revision},
                       {QStringLiteral("parent_commit"), QJsonValue::Null},
                       {QStringLiteral("commit_message"), message},
                       {QStringLiteral("commit_description"), QStringLiteral("curl test")},
                       {QStringLiteral("operations"), operations}};
}

/** The apply body as the Python client sends it: parent_commit = base_head when unset. */
QJsonObject applyRequest(QJsonObject manifest, const QJsonObject &plan)
{
    if (manifest.value(QStringLiteral("parent_commit")).isNull())
        manifest.insert(QStringLiteral("parent_commit"), plan.value(QStringLiteral("base_head")));
    manifest.insert(QStringLiteral("upload_plan"), plan);
    return manifest;
}

QJsonObject planOp(const QJsonObject &plan, int index)
{
    return plan.value(QStringLiteral("operations")).toArray().at(index).toObject();
}

QJsonObject statisticsOf(const QJsonObject &plan)
{
    return plan.value(QStringLiteral("statistics")).toObject();
}

QJsonObject replacedOp(QJsonObject plan, int index, const QString &key, const QJsonValue &value)
{
    QJsonArray operations = plan.value(QStringLiteral("operations")).toArray();
    QJsonObject op = operations.at(index).toObject();
    op.insert(key, value);
    operations.replace(index, op);
    plan.insert(QStringLiteral("operations"), operations);
    return plan;
}

QString headOf(const Repository &repo, const QString &branch = QStringLiteral("main"))
{
    return repo.resolveRevision(branch).value_or(QString());
}

/** "<kind>: <message>" of what `call` throws, "no error" when it returns. */
template <typename F>
QString failureOf(F &&call)
{
    try {
        call();
    } catch (const HubVaultError &e) {
        return QStringLiteral("%1: %2").arg(e.kind(), e.message());
    }
    return QStringLiteral("no error");
}

/**
 * 3 MiB whose FastCDC chunks are 0:2043638 and 2043638:1102090, so that its last 100 bytes
 * lie in a chunk of their own (most 3 MiB inputs are a single chunk).
 */
QByteArray bigContent()
{
    return test::detBytes(QStringLiteral("upload-protocol-big-11"), kBigSize);
}

QByteArray withChangedTail(QByteArray data)
{
    for (qint64 i = data.size() - 100; i < data.size(); ++i)
        data[i] = char(data[i] ^ 0x5a);
    return data;
}

} // namespace

class TstUploadProtocol : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_uploadTemp; ///< the system temporary directory of the test (rebuilt files land there)
    int m_serial = 0;

    /** A fresh writable copy of the c-branches-merges fixture. */
    LocalRepository mergesCopy()
    {
        const QString parent = m_tmp.path() + QStringLiteral("/repo-%1").arg(++m_serial);
        QDir().mkpath(parent);
        const QString root = test::copyFixture(kMergesFixture, parent);
        if (root.isEmpty())
            qFatal("cannot copy the fixture");
        return LocalRepository::open(root);
    }

    /** A new repository storing files of 64 KiB and more chunked. */
    LocalRepository chunkingRepo()
    {
        CreateRepoOptions options;
        options.largeFileThreshold = 65536;
        return LocalRepository::create(m_tmp.path() + QStringLiteral("/new-%1").arg(++m_serial), options);
    }

    /** Writes one uploaded part into a file of its own. */
    QString part(const QByteArray &data)
    {
        const QString path = m_tmp.path() + QStringLiteral("/part-%1").arg(++m_serial);
        if (!test::writeFile(path, data))
            qFatal("cannot write a part file");
        return path;
    }

    /** Plans `manifest`, remembering the plan as the server does before sending it. */
    static QJsonObject issuedPlan(const Repository &repo, const QJsonObject &manifest, upload::IssuedPlans &issued)
    {
        const QJsonObject plan = upload::plan(repo, manifest);
        issued.remember(plan);
        return plan;
    }

    /** Uploads `data` at `path` of main through plan + apply, as upload-full. */
    void uploadWhole(LocalRepository &repo, const QString &path, const QByteArray &data,
                     const QString &branch = QStringLiteral("main"))
    {
        upload::IssuedPlans issued;
        const QJsonObject manifest = manifestOf({addOp(path, data)}, branch);
        const QJsonObject plan = issuedPlan(repo, manifest, issued);
        QCOMPARE(planOp(plan, 0).value(QStringLiteral("strategy")).toString(), QStringLiteral("upload-full"));
        upload::apply(repo, applyRequest(manifest, plan), {{QStringLiteral("upload_file_0"), part(data)}}, issued);
    }

    /**
     * Runs `call`, expects `expected` ("<kind>: <message>") and checks that not a byte of
     * the repository changed and that no rebuilt file was left behind.
     */
    template <typename F>
    void expectRefusal(const LocalRepository &repo, F &&call, const QString &expected)
    {
        const auto before = test::treeDigest(repo.path());
        const QString head = headOf(repo);
        QCOMPARE(failureOf(call), expected);
        QCOMPARE(headOf(repo), head);
        QCOMPARE(test::treeDigest(repo.path()), before);
        QCOMPARE(QDir(m_uploadTemp).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

private Q_SLOTS:
    void initTestCase();

    void appendixAPlan();
    void appendixAApply();
    void planWritesNothing();
    void copySourceIsFirstInTreeOrder();
    void identicalContentIsCopiedWithoutParts();

    void chunkUploadSendsOnlyTheChangedChunk();
    void chunkReuseAfterTheFileWasDeleted();
    void chunkReuseFromAnotherBranch();
    void chunkFailures();
    void plannedChunkRemovedByGc();
    void uploadLimits();

    void manifestValidation_data();
    void manifestValidation();
    void targetBranchRules();
    void tooManyOperationsRefusedQuickly();

    void missingUploadPlan();
    void missingPart();
    void wrongPartSize();
    void wrongPartChecksum();
    void staleBaseHead();
    void revisionMismatch();
    void misalignedOperations();
    void planNotIssued();
    void escapingPathRefusedAtApply();
    void emptyOperations();

    void issuedPlansMatchTheirWireForm();
    void issuedPlansAreBounded();
    void issuedPlansAcrossThreads();
};

void TstUploadProtocol::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    // Rebuilt files go to the system temporary directory: point it at one the test watches.
    m_uploadTemp = m_tmp.path() + QStringLiteral("/system-tmp");
    QVERIFY(QDir().mkpath(m_uploadTemp));
    qputenv("TMPDIR", m_uploadTemp.toLocal8Bit());
    QCOMPARE(QDir::tempPath(), QDir(m_uploadTemp).canonicalPath());
}

// ---------------------------------------------------------------------------------------
// Plans

void TstUploadProtocol::appendixAPlan()
{
    LocalRepository repo = mergesCopy();
    const QString head = headOf(repo);
    QCOMPARE(head, QStringLiteral("985170faa07fc3fb592787523de31d31e6d299fa"));
    QJsonObject keepCopy = addOp(QStringLiteral("http/keep-copy.txt"), QByteArrayLiteral("keep\n"));
    QCOMPARE(keepCopy.value(QStringLiteral("sha256")).toString(), kKeepSha);
    // The client may send the prefixed form.
    keepCopy.insert(QStringLiteral("sha256"), QStringLiteral("sha256:") + kKeepSha);
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("http/hello.txt"), kHello), keepCopy,
                                             copyOp(QStringLiteral("ff.txt"), QStringLiteral("http/ff-copy.txt")),
                                             deleteOp(QStringLiteral("main-only.txt"))});
    const QJsonObject plan = upload::plan(repo, manifest);

    QCOMPARE(plan.value(QStringLiteral("revision")).toString(), QStringLiteral("main"));
    QCOMPARE(plan.value(QStringLiteral("base_head")).toString(), head);
    QCOMPARE(plan.value(QStringLiteral("operations")).toArray().size(), 4);
    // Exact wire text: the key sets are those WireJson orders (Appendix A).
    QCOMPARE(server::wirejson::encode(planOp(plan, 0)),
             QByteArrayLiteral("{\"index\":0,\"type\":\"add\",\"path_in_repo\":\"http/hello.txt\",\"strategy\":\"upload-full\","
                               "\"field_name\":\"upload_file_0\",\"source_path_in_repo\":null,\"source_revision\":null,"
                               "\"missing_chunks\":[],\"reused_chunk_count\":0,\"missing_chunk_count\":0}"));
    QCOMPARE(server::wirejson::encode(planOp(plan, 1)),
             QByteArrayLiteral("{\"index\":1,\"type\":\"add\",\"path_in_repo\":\"http/keep-copy.txt\",\"strategy\":\"copy\","
                               "\"field_name\":null,\"source_path_in_repo\":\"keep.txt\",\"source_revision\":\"")
                 + head.toLatin1()
                 + QByteArrayLiteral("\",\"missing_chunks\":[],\"reused_chunk_count\":0,\"missing_chunk_count\":0}"));
    QCOMPARE(server::wirejson::encode(planOp(plan, 2)),
             QByteArrayLiteral("{\"index\":2,\"type\":\"copy\",\"path_in_repo\":\"http/ff-copy.txt\",\"strategy\":\"passthrough\","
                               "\"field_name\":null,\"source_path_in_repo\":null,\"source_revision\":null,"
                               "\"missing_chunks\":[],\"reused_chunk_count\":0,\"missing_chunk_count\":0}"));
    QCOMPARE(planOp(plan, 3).value(QStringLiteral("type")).toString(), QStringLiteral("delete"));
    QCOMPARE(planOp(plan, 3).value(QStringLiteral("strategy")).toString(), QStringLiteral("passthrough"));
    QCOMPARE(planOp(plan, 3).value(QStringLiteral("path_in_repo")).toString(), QStringLiteral("main-only.txt"));
    QCOMPARE(server::wirejson::encode(statisticsOf(plan)),
             QByteArrayLiteral("{\"copy_file_count\":1,\"full_upload_file_count\":1,\"chunk_fast_upload_file_count\":0,"
                               "\"reused_chunk_count\":0,\"missing_chunk_count\":0,\"planned_upload_bytes\":16}"));
    QVERIFY(server::wirejson::encode(plan).startsWith(QByteArrayLiteral("{\"revision\":\"main\",\"base_head\":\"")));
}

void TstUploadProtocol::appendixAApply()
{
    LocalRepository repo = mergesCopy();
    const QString head = headOf(repo);
    const qint64 commitsBefore = repo.countCommits();
    const QByteArray ff = repo.readBytes(QStringLiteral("ff.txt"));
    upload::IssuedPlans issued;
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("http/hello.txt"), kHello),
                                             addOp(QStringLiteral("http/keep-copy.txt"), QByteArrayLiteral("keep\n")),
                                             copyOp(QStringLiteral("ff.txt"), QStringLiteral("http/ff-copy.txt")),
                                             deleteOp(QStringLiteral("main-only.txt"))});
    const QJsonObject plan = issuedPlan(repo, manifest, issued);
    const QJsonObject request = applyRequest(manifest, plan);
    const QHash<QString, QString> parts{{QStringLiteral("upload_file_0"), part(kHello)}};

    const CommitInfo info = upload::apply(repo, request, parts, issued);
    QCOMPARE(info.commitMessage, QStringLiteral("HTTP write"));
    QCOMPARE(info.commitDescription, QStringLiteral("curl test"));
    QCOMPARE(headOf(repo), info.oid);
    QCOMPARE(repo.countCommits(), commitsBefore + 1);
    QCOMPARE(repo.listRepoCommits(QStringLiteral("main"), 2).at(1).commitId, head);
    QCOMPARE(repo.readBytes(QStringLiteral("http/hello.txt")), kHello);
    QCOMPARE(repo.readBytes(QStringLiteral("http/keep-copy.txt")), QByteArrayLiteral("keep\n"));
    QCOMPARE(repo.readBytes(QStringLiteral("http/ff-copy.txt")), ff);
    QVERIFY(!repo.listRepoFiles().contains(QStringLiteral("main-only.txt")));
    QCOMPARE(QDir(m_uploadTemp).entryList(QDir::Files | QDir::Hidden), QStringList());

    // Replayed: the head moved (Appendix A).
    expectRefusal(repo, [&] { upload::apply(repo, request, parts, issued); },
                  QStringLiteral("ConflictError: expected head does not match current branch head"));
}

void TstUploadProtocol::planWritesNothing()
{
    LocalRepository repo = mergesCopy();
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("x.bin"), kHello), deleteOp(QStringLiteral("keep.txt"))});
    expectRefusal(repo, [&] { upload::plan(repo, manifest); }, QStringLiteral("no error"));
}

void TstUploadProtocol::copySourceIsFirstInTreeOrder()
{
    // Tree entries are in code-point order of their names, so the folder "a" comes before
    // "a.bin" and its file is met first depth-first, although "a.bin" sorts first as a path.
    LocalRepository repo = chunkingRepo();
    const QByteArray same = QByteArrayLiteral("same content\n");
    repo.createCommit({CommitOperation::addBytes(QStringLiteral("a.bin"), same),
                       CommitOperation::addBytes(QStringLiteral("a/x.bin"), same)},
                      CommitOptions{QStringLiteral("two copies"), std::nullopt, {}, {}});
    QCOMPARE(repo.listRepoFiles(), QStringList({QStringLiteral("a.bin"), QStringLiteral("a/x.bin")}));
    const QJsonObject plan = upload::plan(repo, manifestOf({addOp(QStringLiteral("b.bin"), same)}));
    QCOMPARE(planOp(plan, 0).value(QStringLiteral("strategy")).toString(), QStringLiteral("copy"));
    QCOMPARE(planOp(plan, 0).value(QStringLiteral("source_path_in_repo")).toString(), QStringLiteral("a/x.bin"));
}

void TstUploadProtocol::identicalContentIsCopiedWithoutParts()
{
    LocalRepository repo = chunkingRepo();
    const QByteArray big = bigContent();
    uploadWhole(repo, QStringLiteral("data/big.bin"), big);
    upload::IssuedPlans issued;
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("data/big-copy.bin"), big)});
    const QJsonObject plan = issuedPlan(repo, manifest, issued);
    QCOMPARE(planOp(plan, 0).value(QStringLiteral("strategy")).toString(), QStringLiteral("copy"));
    QCOMPARE(planOp(plan, 0).value(QStringLiteral("source_path_in_repo")).toString(), QStringLiteral("data/big.bin"));
    QCOMPARE(statisticsOf(plan).value(QStringLiteral("planned_upload_bytes")).toInteger(), 0);
    upload::apply(repo, applyRequest(manifest, plan), {}, issued);
    QCOMPARE(repo.fileStorage(QStringLiteral("data/big-copy.bin")).sha256, sha256Hex(big));
}

// ---------------------------------------------------------------------------------------
// Chunk uploads

void TstUploadProtocol::chunkUploadSendsOnlyTheChangedChunk()
{
    LocalRepository repo = chunkingRepo();
    const QByteArray big = bigContent();
    const QJsonArray chunks = clientChunks(big);
    QVERIFY2(chunks.size() >= 2, "the content must have a chunk of its own at its end");

    // First upload: nothing stored yet, so the whole file (Appendix B.2).
    uploadWhole(repo, QStringLiteral("data/big.bin"), big);
    const FileStorageInfo stored = repo.fileStorage(QStringLiteral("data/big.bin"));
    QCOMPARE(stored.storageKind, StorageKind::Chunked);
    QCOMPARE(stored.chunks.size(), chunks.size());
    for (int k = 0; k < chunks.size(); ++k)
        QCOMPARE(stored.chunks.at(k).chunkId, chunks.at(k).toObject().value(QStringLiteral("chunk_id")).toString());

    // The tail changed: only the last chunk travels (Appendix B.3).
    const QByteArray changed = withChangedTail(big);
    const QJsonArray changedChunks = clientChunks(changed);
    QCOMPARE(changedChunks.size(), chunks.size());
    const int last = changedChunks.size() - 1;
    const QJsonObject lastChunk = changedChunks.at(last).toObject();
    upload::IssuedPlans issued;
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("data/big.bin"), changed)});
    const QJsonObject plan = issuedPlan(repo, manifest, issued);
    const QJsonObject op = planOp(plan, 0);
    QCOMPARE(op.value(QStringLiteral("strategy")).toString(), QStringLiteral("chunk-upload"));
    QCOMPARE(op.value(QStringLiteral("field_name")), QJsonValue(QJsonValue::Null));
    const QString field = QStringLiteral("upload_chunk_0_%1").arg(last);
    QCOMPARE(op.value(QStringLiteral("missing_chunks")).toArray(),
             QJsonArray({QJsonObject{{QStringLiteral("chunk_id"), lastChunk.value(QStringLiteral("chunk_id"))},
                                     {QStringLiteral("chunk_index"), last},
                                     {QStringLiteral("field_name"), field},
                                     {QStringLiteral("logical_size"), lastChunk.value(QStringLiteral("logical_size"))}}}));
    QCOMPARE(op.value(QStringLiteral("reused_chunk_count")).toInteger(), last);
    QCOMPARE(op.value(QStringLiteral("missing_chunk_count")).toInteger(), 1);
    const QJsonObject statistics = statisticsOf(plan);
    QCOMPARE(statistics.value(QStringLiteral("chunk_fast_upload_file_count")).toInteger(), 1);
    QCOMPARE(statistics.value(QStringLiteral("full_upload_file_count")).toInteger(), 0);
    QCOMPARE(statistics.value(QStringLiteral("planned_upload_bytes")).toInteger(),
             lastChunk.value(QStringLiteral("logical_size")).toInteger());

    const qint64 offset = lastChunk.value(QStringLiteral("logical_offset")).toInteger();
    upload::apply(repo, applyRequest(manifest, plan), {{field, part(changed.mid(offset))}}, issued);
    QCOMPARE(repo.readBytes(QStringLiteral("data/big.bin")), changed);
    QCOMPARE(repo.fileStorage(QStringLiteral("data/big.bin")).sha256, sha256Hex(changed));
    QCOMPARE(QDir(m_uploadTemp).entryList(QDir::Files | QDir::Hidden), QStringList());
}

void TstUploadProtocol::chunkReuseAfterTheFileWasDeleted()
{
    // The original plans upload-full here (§8): the head no longer uses the chunks.
    LocalRepository repo = chunkingRepo();
    const QByteArray big = bigContent();
    uploadWhole(repo, QStringLiteral("data/big.bin"), big);
    repo.deleteFile(QStringLiteral("data/big.bin"));
    QVERIFY(repo.listRepoFiles().isEmpty());

    const QByteArray changed = withChangedTail(big);
    const QJsonArray chunks = clientChunks(changed);
    const int last = chunks.size() - 1;
    upload::IssuedPlans issued;
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("data/again.bin"), changed)});
    const QJsonObject plan = issuedPlan(repo, manifest, issued);
    QCOMPARE(planOp(plan, 0).value(QStringLiteral("strategy")).toString(), QStringLiteral("chunk-upload"));
    QCOMPARE(planOp(plan, 0).value(QStringLiteral("missing_chunk_count")).toInteger(), 1);
    const qint64 offset = chunks.at(last).toObject().value(QStringLiteral("logical_offset")).toInteger();
    upload::apply(repo, applyRequest(manifest, plan),
                  {{QStringLiteral("upload_chunk_0_%1").arg(last), part(changed.mid(offset))}}, issued);
    QCOMPARE(repo.readBytes(QStringLiteral("data/again.bin")), changed);
}

void TstUploadProtocol::chunkReuseFromAnotherBranch()
{
    LocalRepository repo = chunkingRepo();
    repo.createBranch(QStringLiteral("side"));
    const QByteArray big = bigContent();
    uploadWhole(repo, QStringLiteral("data/big.bin"), big, QStringLiteral("side"));
    QVERIFY(repo.listRepoFiles().isEmpty());

    // Unchanged content on main: no copy (main does not hold it), every chunk reused.
    upload::IssuedPlans issued;
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("data/big.bin"), big)});
    const QJsonObject plan = issuedPlan(repo, manifest, issued);
    QCOMPARE(planOp(plan, 0).value(QStringLiteral("strategy")).toString(), QStringLiteral("chunk-upload"));
    QCOMPARE(planOp(plan, 0).value(QStringLiteral("missing_chunks")).toArray(), QJsonArray());
    QCOMPARE(statisticsOf(plan).value(QStringLiteral("planned_upload_bytes")).toInteger(), 0);
    upload::apply(repo, applyRequest(manifest, plan), {}, issued);
    QCOMPARE(repo.readBytes(QStringLiteral("data/big.bin")), big);
}

void TstUploadProtocol::chunkFailures()
{
    LocalRepository repo = chunkingRepo();
    const QByteArray big = bigContent();
    uploadWhole(repo, QStringLiteral("data/big.bin"), big);
    const QByteArray changed = withChangedTail(big);
    const QJsonArray chunks = clientChunks(changed);
    const int last = chunks.size() - 1;
    const qint64 offset = chunks.at(last).toObject().value(QStringLiteral("logical_offset")).toInteger();
    const QString field = QStringLiteral("upload_chunk_0_%1").arg(last);
    const QByteArray tail = changed.mid(offset);

    upload::IssuedPlans issued;
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("data/big.bin"), changed)});
    const QJsonObject plan = issuedPlan(repo, manifest, issued);
    const QJsonObject request = applyRequest(manifest, plan);
    expectRefusal(repo, [&] { upload::apply(repo, request, {}, issued); },
                  QStringLiteral("HubVaultValidationError: Missing uploaded chunk payload: %1.").arg(field));
    expectRefusal(repo, [&] { upload::apply(repo, request, {{field, part(tail.chopped(1))}}, issued); },
                  QStringLiteral("HubVaultValidationError: Chunk payload size does not match the manifest."));
    QByteArray wrong = tail;
    wrong[0] = char(wrong[0] ^ 1);
    expectRefusal(repo, [&] { upload::apply(repo, request, {{field, part(wrong)}}, issued); },
                  QStringLiteral("HubVaultValidationError: Chunk payload checksum does not match the manifest."));

    // Chunks that are right but do not make the file the manifest names.
    QJsonObject lying = addOp(QStringLiteral("data/big.bin"), changed);
    lying.insert(QStringLiteral("sha256"), sha256Hex("not the content"));
    const QJsonObject lyingManifest = manifestOf({lying});
    const QJsonObject lyingPlan = issuedPlan(repo, lyingManifest, issued);
    QCOMPARE(planOp(lyingPlan, 0).value(QStringLiteral("strategy")).toString(), QStringLiteral("chunk-upload"));
    expectRefusal(repo, [&] { upload::apply(repo, applyRequest(lyingManifest, lyingPlan), {{field, part(tail)}}, issued); },
                  QStringLiteral("HubVaultValidationError: Reconstructed file checksum does not match the manifest."));
    QJsonObject shortSize = addOp(QStringLiteral("data/big.bin"), changed);
    shortSize.insert(QStringLiteral("size"), qint64(changed.size() - 1));
    const QJsonObject shortManifest = manifestOf({shortSize});
    // A chunk list that does not tile the declared size is refused when it is planned.
    expectRefusal(repo, [&] { upload::plan(repo, shortManifest); },
                  QStringLiteral("HubVaultValidationError: operations[0].chunks add up to %1 bytes, not the file's size %2.")
                      .arg(changed.size())
                      .arg(changed.size() - 1));
    QJsonObject gap = addOp(QStringLiteral("data/big.bin"), changed);
    QJsonArray gapChunks = chunks;
    QJsonObject second = gapChunks.at(1).toObject();
    second.insert(QStringLiteral("logical_offset"), second.value(QStringLiteral("logical_offset")).toInteger() + 1);
    gapChunks.replace(1, second);
    gap.insert(QStringLiteral("chunks"), gapChunks);
    expectRefusal(repo, [&] { upload::plan(repo, manifestOf({gap})); },
                  QStringLiteral("HubVaultValidationError: operations[0].chunks[1].logical_offset must be %1, where the previous chunk ends.")
                      .arg(chunks.at(0).toObject().value(QStringLiteral("logical_size")).toInteger()));

    // A descriptor whose checksum disagrees with its id names no bytes at all.
    QJsonObject mismatched = addOp(QStringLiteral("data/big.bin"), changed);
    QJsonArray mismatchedChunks = chunks;
    QJsonObject first = mismatchedChunks.at(0).toObject();
    first.insert(QStringLiteral("checksum"), QStringLiteral("sha256:") + sha256Hex("other"));
    mismatchedChunks.replace(0, first);
    mismatched.insert(QStringLiteral("chunks"), mismatchedChunks);
    const QJsonObject mismatchedManifest = manifestOf({mismatched});
    const QJsonObject mismatchedPlan = issuedPlan(repo, mismatchedManifest, issued);
    expectRefusal(repo,
                  [&] { upload::apply(repo, applyRequest(mismatchedManifest, mismatchedPlan), {{field, part(tail)}}, issued); },
                  QStringLiteral("HubVaultValidationError: Chunk payload checksum does not match the manifest."));
}

void TstUploadProtocol::plannedChunkRemovedByGc()
{
    LocalRepository repo = chunkingRepo();
    repo.createBranch(QStringLiteral("side"));
    const QByteArray big = bigContent();
    uploadWhole(repo, QStringLiteral("data/big.bin"), big, QStringLiteral("side"));
    upload::IssuedPlans issued;
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("data/big.bin"), big)});
    const QJsonObject plan = issuedPlan(repo, manifest, issued);
    QCOMPARE(planOp(plan, 0).value(QStringLiteral("strategy")).toString(), QStringLiteral("chunk-upload"));

    // The only branch using the chunks goes, and gc takes them with it.
    repo.deleteBranch(QStringLiteral("side"));
    repo.gc();
    const QString firstChunk = clientChunks(big).at(0).toObject().value(QStringLiteral("chunk_id")).toString();
    QCOMPARE(repo.storedChunks({firstChunk}), QStringList());
    expectRefusal(repo, [&] { upload::apply(repo, applyRequest(manifest, plan), {}, issued); },
                  QStringLiteral("ConflictError: planned chunk is no longer available; please re-plan the upload"));
}

// ---------------------------------------------------------------------------------------
// Manifest validation and target rules (plan and apply share them)

void TstUploadProtocol::uploadLimits()
{
    LocalRepository repo = chunkingRepo();
    const QByteArray big = bigContent();
    uploadWhole(repo, QStringLiteral("data/big.bin"), big);
    const QByteArray changed = withChangedTail(big);
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("data/big.bin"), changed)});

    upload::Limits smaller;
    smaller.maxFileSize = changed.size() - 1;
    expectRefusal(repo, [&] { upload::plan(repo, manifest, smaller); },
                  QStringLiteral("HubVaultValidationError: data/big.bin is %1 bytes; this server accepts files up to %2 bytes.")
                      .arg(changed.size())
                      .arg(changed.size() - 1));

    // A rebuild that cannot fit in the temporary directory is refused before a byte is
    // staged: here every byte is held in reserve.
    upload::IssuedPlans issued;
    const QJsonObject plan = issuedPlan(repo, manifest, issued);
    QCOMPARE(planOp(plan, 0).value(QStringLiteral("strategy")).toString(), QStringLiteral("chunk-upload"));
    const QJsonObject lastChunk = clientChunks(changed).last().toObject();
    const qint64 offset = lastChunk.value(QStringLiteral("logical_offset")).toInteger();
    const QHash<QString, QString> parts{
        {planOp(plan, 0).value(QStringLiteral("missing_chunks")).toArray().at(0).toObject().value(QStringLiteral("field_name")).toString(),
         part(changed.mid(offset))}};
    upload::Limits noRoom;
    noRoom.reserveBytes = std::numeric_limits<qint64>::max() / 2;
    expectRefusal(repo, [&] { upload::apply(repo, applyRequest(manifest, plan), parts, issued, {}, noRoom); },
                  QStringLiteral("HubVaultValidationError: Rebuilding the uploaded files needs %1 bytes of temporary space; "
                                 "the server has 0 bytes free.")
                      .arg(changed.size()));
    // With room, the same request lands.
    upload::apply(repo, applyRequest(manifest, plan), parts, issued);
    QCOMPARE(repo.readBytes(QStringLiteral("data/big.bin")), changed);
}

void TstUploadProtocol::manifestValidation_data()
{
    QTest::addColumn<QJsonValue>("body");
    QTest::addColumn<QString>("expected");
    const QJsonObject good = manifestOf({addOp(QStringLiteral("a.txt"), kHello)});
    auto with = [&](const QString &key, const QJsonValue &value) {
        QJsonObject body = good;
        body.insert(key, value);
        return QJsonValue(body);
    };
    auto withOp = [&](const QString &key, const QJsonValue &value) {
        QJsonObject op = addOp(QStringLiteral("a.txt"), kHello);
        op.insert(key, value);
        return with(QStringLiteral("operations"), QJsonArray{op});
    };
    const QString v = QStringLiteral("HubVaultValidationError: ");
    QTest::newRow("not an object") << QJsonValue(QJsonArray()) << v + QStringLiteral("Request body must be a JSON object.");
    QTest::newRow("operations missing") << with(QStringLiteral("operations"), QJsonValue::Undefined)
                                        << v + QStringLiteral("operations must be a JSON array.");
    QTest::newRow("operations an object") << with(QStringLiteral("operations"), QJsonObject())
                                          << v + QStringLiteral("operations must be a JSON array.");
    QTest::newRow("commit_message missing") << with(QStringLiteral("commit_message"), QJsonValue::Null)
                                            << v + QStringLiteral("commit_message must be a string.");
    QTest::newRow("commit_message a number") << with(QStringLiteral("commit_message"), 3)
                                             << v + QStringLiteral("commit_message must be a string.");
    QTest::newRow("revision a number") << with(QStringLiteral("revision"), 1) << v + QStringLiteral("revision must be a string.");
    QTest::newRow("parent_commit a bool") << with(QStringLiteral("parent_commit"), true)
                                          << v + QStringLiteral("parent_commit must be a string.");
    QTest::newRow("description an array") << with(QStringLiteral("commit_description"), QJsonArray())
                                          << v + QStringLiteral("commit_description must be a string.");
    QTest::newRow("operation not an object") << with(QStringLiteral("operations"), QJsonArray{QStringLiteral("add")})
                                             << v + QStringLiteral("operations[0] must be a JSON object.");
    QTest::newRow("rename") << withOp(QStringLiteral("type"), QStringLiteral("rename"))
                            << v + QStringLiteral("Unsupported write operation type: rename.");
    QTest::newRow("type missing") << withOp(QStringLiteral("type"), QJsonValue::Null) << v + QStringLiteral("type must be a string.");
    QTest::newRow("negative size") << withOp(QStringLiteral("size"), -1)
                                   << v + QStringLiteral("size must be a non-negative integer.");
    QTest::newRow("fractional size") << withOp(QStringLiteral("size"), 1.5)
                                     << v + QStringLiteral("size must be a non-negative integer.");
    QTest::newRow("size a string") << withOp(QStringLiteral("size"), QStringLiteral("16"))
                                   << v + QStringLiteral("size must be a non-negative integer.");
    QTest::newRow("size a bool") << withOp(QStringLiteral("size"), true)
                                 << v + QStringLiteral("size must be a non-negative integer.");
    QTest::newRow("sha256 missing") << withOp(QStringLiteral("sha256"), QJsonValue::Null)
                                    << v + QStringLiteral("sha256 must be a string.");
    QTest::newRow("path missing") << withOp(QStringLiteral("path_in_repo"), QJsonValue::Null)
                                  << v + QStringLiteral("path_in_repo must be a string.");
    QTest::newRow("chunks an object") << withOp(QStringLiteral("chunks"), QJsonObject{{QStringLiteral("x"), 1}})
                                      << v + QStringLiteral("operations[0].chunks must be a JSON array.");
    QJsonObject chunk = clientChunks(bigContent()).at(0).toObject();
    QTest::newRow("chunk not an object") << withOp(QStringLiteral("chunks"), QJsonArray{chunk, 7})
                                         << v + QStringLiteral("operations[0].chunks[1] must be a JSON object.");
    chunk.insert(QStringLiteral("logical_size"), -4);
    QTest::newRow("chunk size negative") << withOp(QStringLiteral("chunks"), QJsonArray{chunk})
                                         << v + QStringLiteral("logical_size must be a non-negative integer.");
    chunk = clientChunks(bigContent()).at(0).toObject();
    chunk.insert(QStringLiteral("compression"), QJsonValue::Null);
    QTest::newRow("chunk compression missing") << withOp(QStringLiteral("chunks"), QJsonArray{chunk})
                                               << v + QStringLiteral("compression must be a string.");
    QJsonObject del = deleteOp(QStringLiteral("keep.txt"));
    del.insert(QStringLiteral("is_folder"), QStringLiteral("no"));
    QTest::newRow("is_folder a string") << with(QStringLiteral("operations"), QJsonArray{del})
                                        << v + QStringLiteral("is_folder must be a boolean.");
    QJsonObject copy = copyOp(QStringLiteral("keep.txt"), QStringLiteral("k2.txt"));
    copy.insert(QStringLiteral("src_revision"), 5);
    QTest::newRow("src_revision a number") << with(QStringLiteral("operations"), QJsonArray{copy})
                                           << v + QStringLiteral("src_revision must be a string.");
    QTest::newRow("upload_plan not an object") << with(QStringLiteral("upload_plan"), QJsonArray())
                                               << v + QStringLiteral("upload_plan must be a JSON object.");
    QTest::newRow("upload_plan revision missing")
        << with(QStringLiteral("upload_plan"), QJsonObject{{QStringLiteral("operations"), QJsonArray()}})
        << v + QStringLiteral("upload_plan.revision must be a string.");
    QTest::newRow("upload_plan operations missing")
        << with(QStringLiteral("upload_plan"), QJsonObject{{QStringLiteral("revision"), QStringLiteral("main")}})
        << v + QStringLiteral("upload_plan.operations must be a JSON array.");
}

void TstUploadProtocol::manifestValidation()
{
    QFETCH(QJsonValue, body);
    QFETCH(QString, expected);
    LocalRepository repo = mergesCopy();
    upload::IssuedPlans issued;
    expectRefusal(repo, [&] { upload::plan(repo, body); }, expected);
    expectRefusal(repo, [&] { upload::apply(repo, body, {}, issued); }, expected);
}

void TstUploadProtocol::targetBranchRules()
{
    LocalRepository repo = mergesCopy();
    const QJsonArray ops{deleteOp(QStringLiteral("keep.txt"))};
    auto planFor = [&](const QJsonValue &revision) { return failureOf([&] { upload::plan(repo, manifestOf(ops, revision)); }); };
    const QString notABranch = QStringLiteral("UnsupportedPathError: merge target must be a branch ref");
    QCOMPARE(planFor(QStringLiteral("refs/tags/v1.0")), notABranch);
    QCOMPARE(planFor(QStringLiteral("sha256:") + QString(64, QLatin1Char('0'))), notABranch);
    QCOMPARE(planFor(headOf(repo)), notABranch);
    QCOMPARE(planFor(QStringLiteral("v1.0")), QStringLiteral("RevisionNotFoundError: branch not found: v1.0"));
    QCOMPARE(planFor(QStringLiteral("nosuch")), QStringLiteral("RevisionNotFoundError: branch not found: nosuch"));
    QCOMPARE(planFor(QStringLiteral("refs/heads/nosuch")), QStringLiteral("RevisionNotFoundError: branch not found: nosuch"));

    // refs/heads/ is dropped, null means the default branch.
    QCOMPARE(upload::plan(repo, manifestOf(ops, QStringLiteral("refs/heads/topic"))).value(QStringLiteral("revision")).toString(),
             QStringLiteral("topic"));
    const QJsonObject plan = upload::plan(repo, manifestOf(ops, QJsonValue::Null));
    QCOMPARE(plan.value(QStringLiteral("revision")).toString(), QStringLiteral("main"));
    QCOMPARE(plan.value(QStringLiteral("base_head")).toString(), headOf(repo));

    // parent_commit: any revision naming the head; another commit conflicts; unknown is 404.
    QJsonObject manifest = manifestOf(ops, QStringLiteral("topic"));
    manifest.insert(QStringLiteral("parent_commit"), QStringLiteral("topic"));
    QCOMPARE(upload::plan(repo, manifest).value(QStringLiteral("base_head")).toString(), headOf(repo, QStringLiteral("topic")));
    manifest.insert(QStringLiteral("parent_commit"), headOf(repo));
    QCOMPARE(failureOf([&] { upload::plan(repo, manifest); }),
             QStringLiteral("ConflictError: expected head does not match current branch head"));
    manifest.insert(QStringLiteral("parent_commit"), QStringLiteral("nosuch"));
    QCOMPARE(failureOf([&] { upload::plan(repo, manifest); }), QStringLiteral("RevisionNotFoundError: revision not found: nosuch"));
}

void TstUploadProtocol::tooManyOperationsRefusedQuickly()
{
    LocalRepository repo = mergesCopy();
    QJsonArray ops;
    const QJsonObject op = deleteOp(QStringLiteral("keep.txt"));
    for (int i = 0; i < 1000000; ++i)
        ops.append(op);
    const QJsonObject manifest = manifestOf(ops);
    upload::IssuedPlans issued;
    QElapsedTimer timer;
    timer.start();
    const QString expected = QStringLiteral("HubVaultValidationError: operations must not hold more than %1 operations.")
                                 .arg(upload::kMaxOperations);
    expectRefusal(repo, [&] { upload::plan(repo, manifest); }, expected);
    expectRefusal(repo, [&] { upload::apply(repo, manifest, {}, issued); }, expected);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));

    // Exactly the bound is still planned.
    QJsonArray atBound;
    for (int i = 0; i < upload::kMaxOperations; ++i)
        atBound.append(op);
    QCOMPARE(upload::plan(repo, manifestOf(atBound)).value(QStringLiteral("operations")).toArray().size(),
             upload::kMaxOperations);
}

// ---------------------------------------------------------------------------------------
// Apply: the checks of §4.3, in order, each writing nothing

void TstUploadProtocol::missingUploadPlan()
{
    LocalRepository repo = mergesCopy();
    upload::IssuedPlans issued;
    expectRefusal(repo, [&] { upload::apply(repo, manifestOf({deleteOp(QStringLiteral("keep.txt"))}), {}, issued); },
                  QStringLiteral("HubVaultValidationError: upload_plan is required when applying a write manifest."));
}

void TstUploadProtocol::missingPart()
{
    LocalRepository repo = mergesCopy();
    upload::IssuedPlans issued;
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("http/hello.txt"), kHello)});
    const QJsonObject request = applyRequest(manifest, issuedPlan(repo, manifest, issued));
    expectRefusal(repo, [&] { upload::apply(repo, request, {}, issued); },
                  QStringLiteral("HubVaultValidationError: Missing uploaded file payload: upload_file_0."));
    // A part under another name, or whose file is gone, is no part.
    expectRefusal(repo, [&] { upload::apply(repo, request, {{QStringLiteral("upload_file_1"), part(kHello)}}, issued); },
                  QStringLiteral("HubVaultValidationError: Missing uploaded file payload: upload_file_0."));
    expectRefusal(repo,
                  [&] { upload::apply(repo, request, {{QStringLiteral("upload_file_0"), m_tmp.path() + QStringLiteral("/gone")}}, issued); },
                  QStringLiteral("HubVaultValidationError: Missing uploaded file payload: upload_file_0."));
}

void TstUploadProtocol::wrongPartSize()
{
    LocalRepository repo = mergesCopy();
    upload::IssuedPlans issued;
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("http/hello.txt"), kHello)});
    const QJsonObject request = applyRequest(manifest, issuedPlan(repo, manifest, issued));
    expectRefusal(repo, [&] { upload::apply(repo, request, {{QStringLiteral("upload_file_0"), part(kHello.chopped(1))}}, issued); },
                  QStringLiteral("HubVaultValidationError: Uploaded file payload size does not match the manifest."));
}

void TstUploadProtocol::wrongPartChecksum()
{
    LocalRepository repo = mergesCopy();
    upload::IssuedPlans issued;
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("http/hello.txt"), kHello)});
    const QJsonObject request = applyRequest(manifest, issuedPlan(repo, manifest, issued));
    expectRefusal(repo,
                  [&] { upload::apply(repo, request, {{QStringLiteral("upload_file_0"), part(QByteArrayLiteral("HELLO OVER HTTP\n"))}}, issued); },
                  QStringLiteral("HubVaultValidationError: Uploaded file payload checksum does not match the manifest."));
}

void TstUploadProtocol::staleBaseHead()
{
    LocalRepository repo = mergesCopy();
    upload::IssuedPlans issued;
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("http/hello.txt"), kHello)});
    const QJsonObject plan = issuedPlan(repo, manifest, issued);
    repo.uploadBytes(QByteArrayLiteral("meanwhile\n"), QStringLiteral("meanwhile.txt"));
    const QHash<QString, QString> parts{{QStringLiteral("upload_file_0"), part(kHello)}};

    // The Python client's request: parent_commit = base_head.
    expectRefusal(repo, [&] { upload::apply(repo, applyRequest(manifest, plan), parts, issued); },
                  QStringLiteral("ConflictError: expected head does not match current branch head"));
    // No parent_commit at all: base_head stands in for it.
    QJsonObject request = applyRequest(manifest, plan);
    request.insert(QStringLiteral("parent_commit"), QJsonValue::Null);
    expectRefusal(repo, [&] { upload::apply(repo, request, parts, issued); },
                  QStringLiteral("ConflictError: expected head does not match current branch head"));
    // parent_commit names the new head, the plan the old one.
    request.insert(QStringLiteral("parent_commit"), headOf(repo));
    expectRefusal(repo, [&] { upload::apply(repo, request, parts, issued); },
                  QStringLiteral("ConflictError: branch head changed after upload planning; please re-plan the upload"));
}

void TstUploadProtocol::revisionMismatch()
{
    LocalRepository repo = mergesCopy();
    upload::IssuedPlans issued;
    const QJsonObject manifest = manifestOf({deleteOp(QStringLiteral("topic/one.txt"))}, QStringLiteral("topic"));
    QJsonObject plan = issuedPlan(repo, manifest, issued);
    plan.insert(QStringLiteral("revision"), QStringLiteral("main"));
    expectRefusal(repo, [&] { upload::apply(repo, applyRequest(manifest, plan), {}, issued); },
                  QStringLiteral("HubVaultValidationError: upload_plan.revision does not match the selected target branch."));
}

void TstUploadProtocol::misalignedOperations()
{
    LocalRepository repo = mergesCopy();
    upload::IssuedPlans issued;
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("http/hello.txt"), kHello), deleteOp(QStringLiteral("keep.txt"))});
    const QJsonObject plan = issuedPlan(repo, manifest, issued);
    const QHash<QString, QString> parts{{QStringLiteral("upload_file_0"), part(kHello)}};
    const QString v = QStringLiteral("HubVaultValidationError: ");

    QJsonObject fewer = manifest;
    fewer.insert(QStringLiteral("operations"), QJsonArray{manifest.value(QStringLiteral("operations")).toArray().at(0)});
    expectRefusal(repo, [&] { upload::apply(repo, applyRequest(fewer, plan), parts, issued); },
                  v + QStringLiteral("upload_plan.operations must align with operations."));
    expectRefusal(repo, [&] { upload::apply(repo, applyRequest(manifest, replacedOp(plan, 1, QStringLiteral("index"), 7)), parts, issued); },
                  v + QStringLiteral("upload_plan.operations[1].index is out of sync."));
    expectRefusal(repo,
                  [&] { upload::apply(repo, applyRequest(manifest, replacedOp(plan, 1, QStringLiteral("type"), QStringLiteral("copy"))), parts, issued); },
                  v + QStringLiteral("upload_plan.operations[1].type is out of sync."));
    expectRefusal(repo,
                  [&] {
                      upload::apply(repo, applyRequest(manifest, replacedOp(plan, 0, QStringLiteral("path_in_repo"), QStringLiteral("other.txt"))),
                                    parts, issued);
                  },
                  v + QStringLiteral("upload_plan.operations[0].path_in_repo is out of sync."));
}

void TstUploadProtocol::planNotIssued()
{
    LocalRepository repo = mergesCopy();
    upload::IssuedPlans issued;
    const QString notIssued = QStringLiteral("ConflictError: upload plan was not issued by this server; please re-plan the upload");
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("http/hello.txt"), kHello)});
    const QHash<QString, QString> parts{{QStringLiteral("upload_file_0"), part(kHello)}};

    // A plan computed but never handed out (a restarted server knows none).
    const QJsonObject plan = upload::plan(repo, manifest);
    expectRefusal(repo, [&] { upload::apply(repo, applyRequest(manifest, plan), parts, issued); }, notIssued);

    // An issued plan edited by the client: a copy from any path the client likes.
    issued.remember(plan);
    QJsonObject forged = replacedOp(plan, 0, QStringLiteral("strategy"), QStringLiteral("copy"));
    forged = replacedOp(forged, 0, QStringLiteral("source_path_in_repo"), QStringLiteral("keep.txt"));
    forged = replacedOp(forged, 0, QStringLiteral("source_revision"), headOf(repo));
    forged = replacedOp(forged, 0, QStringLiteral("field_name"), QJsonValue::Null);
    expectRefusal(repo, [&] { upload::apply(repo, applyRequest(manifest, forged), {}, issued); }, notIssued);
    QJsonObject changedStatistics = plan;
    changedStatistics.insert(QStringLiteral("statistics"), QJsonObject());
    expectRefusal(repo, [&] { upload::apply(repo, applyRequest(manifest, changedStatistics), parts, issued); }, notIssued);

    // The plan as issued goes through.
    upload::apply(repo, applyRequest(manifest, plan), parts, issued);
    QCOMPARE(repo.readBytes(QStringLiteral("http/hello.txt")), kHello);
}

void TstUploadProtocol::escapingPathRefusedAtApply()
{
    LocalRepository repo = mergesCopy();
    upload::IssuedPlans issued;
    const QJsonObject manifest = manifestOf({addOp(QStringLiteral("../escape.txt"), kHello)});
    const QJsonObject plan = issuedPlan(repo, manifest, issued); // the plan does not look at paths (Appendix B.8)
    QCOMPARE(planOp(plan, 0).value(QStringLiteral("strategy")).toString(), QStringLiteral("upload-full"));
    const QString message = failureOf([&] {
        upload::apply(repo, applyRequest(manifest, plan), {{QStringLiteral("upload_file_0"), part(kHello)}}, issued);
    });
    QVERIFY2(message.startsWith(QLatin1String("UnsupportedPathError: ")), qPrintable(message));
    expectRefusal(repo, [&] { upload::apply(repo, applyRequest(manifest, plan), {{QStringLiteral("upload_file_0"), part(kHello)}}, issued); },
                  message);
    QVERIFY(!QFileInfo::exists(QFileInfo(repo.path()).dir().filePath(QStringLiteral("escape.txt"))));
}

void TstUploadProtocol::emptyOperations()
{
    LocalRepository repo = mergesCopy();
    upload::IssuedPlans issued;
    const QJsonObject manifest = manifestOf({});
    const QJsonObject plan = issuedPlan(repo, manifest, issued);
    QCOMPARE(plan.value(QStringLiteral("operations")).toArray(), QJsonArray());
    QCOMPARE(server::wirejson::encode(statisticsOf(plan)),
             QByteArrayLiteral("{\"copy_file_count\":0,\"full_upload_file_count\":0,\"chunk_fast_upload_file_count\":0,"
                               "\"reused_chunk_count\":0,\"missing_chunk_count\":0,\"planned_upload_bytes\":0}"));
    expectRefusal(repo, [&] { upload::apply(repo, applyRequest(manifest, plan), {}, issued); },
                  QStringLiteral("ConflictError: operations must not be empty"));
}

// ---------------------------------------------------------------------------------------
// IssuedPlans

void TstUploadProtocol::issuedPlansMatchTheirWireForm()
{
    LocalRepository repo = mergesCopy();
    const QJsonObject plan = upload::plan(repo, manifestOf({addOp(QStringLiteral("http/hello.txt"), kHello)}));
    upload::IssuedPlans issued;
    QVERIFY(!issued.contains(plan));
    issued.remember(plan);
    QVERIFY(issued.contains(plan));
    // What the client echoes is the wire text parsed again: the same plan.
    const QJsonObject echoed = QJsonDocument::fromJson(server::wirejson::encode(plan)).object();
    QVERIFY(issued.contains(echoed));
    QVERIFY(!issued.contains(replacedOp(plan, 0, QStringLiteral("field_name"), QStringLiteral("upload_file_9"))));
    QJsonObject extra = plan;
    extra.insert(QStringLiteral("note"), QStringLiteral("x"));
    QVERIFY(!issued.contains(extra));
}

void TstUploadProtocol::issuedPlansAreBounded()
{
    upload::IssuedPlans issued;
    auto planNumbered = [](int i) { return QJsonObject{{QStringLiteral("revision"), QStringLiteral("p%1").arg(i)}}; };
    for (int i = 0; i <= 10000; ++i)
        issued.remember(planNumbered(i));
    QVERIFY(!issued.contains(planNumbered(0)));
    QVERIFY(issued.contains(planNumbered(1)));
    QVERIFY(issued.contains(planNumbered(10000)));
    // Issued again, a plan starts over: it outlives the plans issued in between.
    issued.remember(planNumbered(1));
    for (int i = 10001; i <= 10001 + 5000; ++i)
        issued.remember(planNumbered(i));
    QVERIFY(!issued.contains(planNumbered(2)));
    QVERIFY(issued.contains(planNumbered(1)));
}

void TstUploadProtocol::issuedPlansAcrossThreads()
{
    upload::IssuedPlans issued;
    std::atomic<int> missing{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 2000; ++i) {
                const QJsonObject plan{{QStringLiteral("revision"), QStringLiteral("t%1-%2").arg(t).arg(i)}};
                issued.remember(plan);
                if (!issued.contains(plan))
                    ++missing;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(missing.load(), 0);
    QVERIFY(issued.contains(QJsonObject{{QStringLiteral("revision"), QStringLiteral("t3-1999")}}));
}

QTEST_GUILESS_MAIN(TstUploadProtocol)
#include "tst_upload_protocol.moc"
