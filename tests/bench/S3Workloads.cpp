// The s3 unit (see S3Workloads.h): upload, offload, cold downloads, range reads and full
// verify of one random file through an S3 bucket of a Swift on 127.0.0.1, each beside the
// same run's `aws s3 cp` of the same bytes through the same store.
#include "S3Workloads.h"

#include "DataGen.h"
#include "WorkloadKit.h"

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QStandardPaths>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <sys/resource.h>
#include <unistd.h>

using hubvault::LocalRepository;

namespace bench {

namespace {

const QString kUnit = QStringLiteral("s3");
const QString kPath = QStringLiteral("models/large.bin");
/** Debian's awscli. Not the `aws` found on PATH, which may be a pyenv shim or another version. */
const QString kAws = QStringLiteral("/usr/bin/aws");
const QString kFixture = QStringLiteral(HUBVAULT_SWIFT_FIXTURE);
/** Random 1 MiB reads of the range rows: each first read fetches whole chunks (about 4 MiB). */
constexpr int kMaxRangeReads = 100;

const QStringList &rowNames()
{
    static const QStringList names{QStringLiteral("s3-upload"),          QStringLiteral("s3-offload"),
                                   QStringLiteral("s3-download-cold"),   QStringLiteral("s3-download-localdir-cold"),
                                   QStringLiteral("s3-snapshot-cold"),   QStringLiteral("s3-range-read-first"),
                                   QStringLiteral("s3-range-read"),      QStringLiteral("s3-full-verify")};
    return names;
}

/** Why the unit cannot run here, or empty. */
QString unavailableReason()
{
    QStringList missing;
    for (const char *tool : {"swift-proxy-server", "swift-account-server", "swift-container-server", "swift-object-server",
                             "swift-ring-builder", "memcached"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            missing << QString::fromLatin1(tool);
    }
    if (!QFileInfo(kAws).isExecutable())
        missing << kAws;
    if (!QFileInfo(kFixture).isFile())
        missing << kFixture;
    if (missing.isEmpty())
        return {};
    return QStringLiteral("skipped: %1 missing (install the Debian packages swift-proxy, swift-account, swift-container, "
                          "swift-object, memcached and awscli; packaging/debian-packages.txt)")
        .arg(missing.join(QStringLiteral(", ")));
}

/** Runs the fixture script; its exit code (-1 when it did not finish), output in `output`. */
int runFixture(const QString &command, const QString &dir, QByteArray *output = nullptr)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("bash"), {kFixture, command, dir});
    if (!process.waitForFinished(300000)) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    if (output)
        *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

/** CPU seconds (user + system) of the given processes and all their descendants. */
double processTreeCpu(const QList<qint64> &roots)
{
    static const double ticks = double(::sysconf(_SC_CLK_TCK));
    QHash<qint64, qint64> parentOf;
    QHash<qint64, double> cpuOf;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        it.next();
        bool ok = false;
        const qint64 pid = it.fileName().toLongLong(&ok);
        if (!ok)
            continue;
        QFile stat(it.filePath() + QStringLiteral("/stat"));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        const qsizetype close = text.lastIndexOf(')'); // the command name may hold spaces
        if (close < 0)
            continue;
        // After ")": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
        const QList<QByteArray> fields = text.mid(close + 2).split(' ');
        if (fields.size() < 13)
            continue;
        parentOf.insert(pid, fields.at(1).toLongLong());
        cpuOf.insert(pid, double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / ticks);
    }
    QSet<qint64> tree(roots.cbegin(), roots.cend());
    for (bool grew = true; grew;) {
        grew = false;
        for (auto p = parentOf.cbegin(); p != parentOf.cend(); ++p) {
            if (!tree.contains(p.key()) && tree.contains(p.value())) {
                tree.insert(p.key());
                grew = true;
            }
        }
    }
    double total = 0;
    for (qint64 pid : tree)
        total += cpuOf.value(pid);
    return total;
}

/** The single-node Swift of this unit: started in the constructor, stopped in the destructor. */
class Swift {
public:
    explicit Swift(const QString &dir) : m_dir(dir)
    {
        QDir().mkpath(dir);
        progress(QStringLiteral("starting Swift under %1").arg(dir));
        QElapsedTimer timer;
        timer.start();
        QByteArray output;
        const int code = runFixture(QStringLiteral("start"), dir, &output);
        m_started = true; // stop() also cleans up after a start that failed half-way
        if (code == 2)
            throw std::runtime_error("the Swift packages are missing: " + output.trimmed().toStdString());
        if (code != 0)
            throw std::runtime_error(QStringLiteral("swift-fixture.sh start failed (exit %1): %2")
                                         .arg(code)
                                         .arg(QString::fromLocal8Bit(output.trimmed().right(2000)))
                                         .toStdString());
        QFile env(dir + QStringLiteral("/env"));
        if (!env.open(QIODevice::ReadOnly))
            throw std::runtime_error("swift-fixture.sh wrote no env file");
        for (const QByteArray &line : env.readAll().split('\n')) {
            const qsizetype equals = line.indexOf('=');
            if (equals > 0)
                qputenv(line.left(equals).constData(), line.mid(equals + 1));
        }
        // awscli's defaults (10 threads, 8 MiB parts), whatever ~/.aws/config of this user says.
        qputenv("AWS_CONFIG_FILE", QFile::encodeName(dir + QStringLiteral("/no-aws-config")));
        qputenv("AWS_SHARED_CREDENTIALS_FILE", QFile::encodeName(dir + QStringLiteral("/no-aws-credentials")));
        qputenv("AWS_PAGER", "");
        m_endpoint = qEnvironmentVariable("HUBVAULT_S3_ENDPOINT");
        if (m_endpoint.isEmpty())
            throw std::runtime_error("the Swift env file names no HUBVAULT_S3_ENDPOINT");
        QFile pids(dir + QStringLiteral("/pids"));
        if (pids.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : pids.readAll().split('\n'))
                if (!line.trimmed().isEmpty())
                    m_pids.append(line.trimmed().toLongLong());
        }
        // The proxy: DIR/proxy.pid where the fixture writes one, else the last line of DIR/pids.
        QFile proxyPid(dir + QStringLiteral("/proxy.pid"));
        if (proxyPid.open(QIODevice::ReadOnly))
            m_proxy = proxyPid.readAll().trimmed().toLongLong();
        if (m_proxy <= 0 && !m_pids.isEmpty())
            m_proxy = m_pids.last();
        m_pids.removeAll(m_proxy);
        progress(QStringLiteral("Swift answers at %1 (%2 s to start)").arg(m_endpoint).arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1));
    }
    ~Swift()
    {
        if (m_started && runFixture(QStringLiteral("stop"), m_dir) != 0)
            progress(QStringLiteral("warning: swift-fixture.sh stop %1 failed").arg(m_dir));
    }
    Swift(const Swift &) = delete;
    Swift &operator=(const Swift &) = delete;

    const QString &endpoint() const { return m_endpoint; }
    /** CPU seconds so far of the proxy (and its worker), and of the other servers and memcached. */
    double proxyCpu() const { return m_proxy <= 0 ? -1 : processTreeCpu({m_proxy}); }
    double storeCpu() const { return m_pids.isEmpty() ? -1 : processTreeCpu(m_pids); }

private:
    QString m_dir;
    QString m_endpoint;
    QList<qint64> m_pids; ///< memcached, account, container, object servers
    qint64 m_proxy = 0;
    bool m_started = false;
};

/** Where the CPU of a transfer went: ours, the Swift proxy's, the rest of Swift's. */
struct CpuSplit {
    double wall = 0;
    double proxy = 0;
    double store = 0;
    double client = -1; ///< the aws process's own CPU; -1 for ours (the row's cpu s)

    QString text(const QString &who) const
    {
        return QStringLiteral("%1: %2Swift proxy %3 s CPU (%4 % of one core), object/account/container/memcached %5 s")
            .arg(who, client >= 0 ? QStringLiteral("client %1 s CPU, ").arg(client, 0, 'f', 2) : QString())
            .arg(proxy, 0, 'f', 2)
            .arg(wall > 0 ? 100.0 * proxy / wall : 0.0, 0, 'f', 0)
            .arg(store, 0, 'f', 2);
    }
};

/** User + system CPU seconds of this process's waited-for children so far. */
double childrenCpu()
{
    struct rusage usage {};
    if (::getrusage(RUSAGE_CHILDREN, &usage) != 0)
        return 0;
    auto seconds = [](const timeval &tv) { return double(tv.tv_sec) + double(tv.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

class CpuWatch {
public:
    explicit CpuWatch(const Swift &swift) : m_swift(swift), m_proxy(swift.proxyCpu()), m_store(swift.storeCpu()) {}
    CpuSplit done(double wall) const { return CpuSplit{wall, m_swift.proxyCpu() - m_proxy, m_swift.storeCpu() - m_store}; }

private:
    const Swift &m_swift;
    double m_proxy;
    double m_store;
};

/** `aws --endpoint-url EP s3 cp --only-show-errors ARGS...`, timed (spawn and Python start included). */
double awsCp(const Swift &swift, const QString &from, const QString &to, CpuSplit *cpu = nullptr)
{
    DataGen::settle();
    QProcess process;
    process.setStandardOutputFile(QProcess::nullDevice());
    const CpuWatch watch(swift);
    const double clientBefore = childrenCpu();
    QElapsedTimer timer;
    timer.start();
    process.start(kAws, {QStringLiteral("--endpoint-url"), swift.endpoint(), QStringLiteral("s3"), QStringLiteral("cp"),
                         QStringLiteral("--only-show-errors"), from, to});
    process.waitForFinished(-1);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (cpu) {
        *cpu = watch.done(seconds);
        cpu->client = childrenCpu() - clientBefore;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        throw std::runtime_error(QStringLiteral("aws s3 cp %1 %2 failed: %3")
                                     .arg(from, to, QString::fromLocal8Bit(process.readAllStandardError().trimmed()))
                                     .toStdString());
    return seconds;
}

/** What `aws` costs before it moves a byte: Python start, configuration, one small request. */
double awsStartup(const Swift &swift, const QString &bucket)
{
    QProcess process;
    process.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    process.start(kAws, {QStringLiteral("--endpoint-url"), swift.endpoint(), QStringLiteral("s3"), QStringLiteral("ls"),
                         QStringLiteral("s3://%1/nothing-here/").arg(bucket)});
    process.waitForFinished(-1);
    return double(timer.nsecsElapsed()) / 1e9;
}

void makeBucket(const Swift &swift, const QString &bucket)
{
    QProcess process;
    process.start(kAws, {QStringLiteral("--endpoint-url"), swift.endpoint(), QStringLiteral("s3"), QStringLiteral("mb"),
                         QStringLiteral("s3://") + bucket});
    process.waitForFinished(-1);
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        throw std::runtime_error(QStringLiteral("aws s3 mb s3://%1 failed: %2")
                                     .arg(bucket, QString::fromLocal8Bit(process.readAllStandardError().trimmed()))
                                     .toStdString());
}

/** True when both files hold the same bytes. */
bool sameFile(const QString &a, const QString &b)
{
    QFile fa(a), fb(b);
    if (!fa.open(QIODevice::ReadOnly) || !fb.open(QIODevice::ReadOnly) || fa.size() != fb.size())
        return false;
    constexpr qint64 kBlock = 4 << 20;
    while (!fa.atEnd()) {
        if (fa.read(kBlock) != fb.read(kBlock))
            return false;
    }
    return true;
}

/** The repository's disposable copies of remote bytes: chunk cache, views, snapshots. */
void clearCache(const QString &repoDir)
{
    for (const char *sub : {"cache/chunks", "cache/files", "cache/views", "cache/snapshots"})
        removePath(repoDir + QLatin1Char('/') + QString::fromLatin1(sub));
}

QString mibs(qint64 bytes, double seconds)
{
    return QStringLiteral("%1 MiB/s").arg(double(bytes) / double(kMiB) / seconds, 0, 'f', 1);
}

void runS3(UnitContext &ctx)
{
    const qint64 size = ctx.profile.s3Bytes;
    progress(QStringLiteral("preparing %1 of random data").arg(formatBytes(size)));
    // The large unit's file of the same size, when it made one (same name, same seed).
    const QString data = DataGen::ensureRandomFile(ctx.dataDir() + QStringLiteral("/large-%1.bin").arg(size), size, 1);

    Swift swift(ctx.dir + QStringLiteral("/swift"));
    const QString bucket = QStringLiteral("hubvault-bench-%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    makeBucket(swift, bucket);
    const double startup = awsStartup(swift, bucket);
    progress(QStringLiteral("bucket s3://%1; aws startup + one request (aws s3 ls): %2 s").arg(bucket).arg(startup, 0, 'f', 2));
    const QString awsObject = QStringLiteral("s3://%1/aws/large.bin").arg(bucket);
    const QString awsCopy = ctx.dir + QStringLiteral("/aws-download.bin");

    // "ratio 0.80x with aws's startup; 0.95x without it"
    auto awsNote = [&](double ours, double aws, const CpuSplit &ourCpu, const CpuSplit &awsCpu) {
        return QStringLiteral("aws startup + one request %1 s; without it aws takes %2 s, ratio %3x; %4; %5")
            .arg(startup, 0, 'f', 2)
            .arg(aws - startup, 0, 'f', 3)
            .arg(aws > startup ? (aws - startup) / ours : 0.0, 0, 'f', 2)
            .arg(ourCpu.text(QStringLiteral("ours")), awsCpu.text(QStringLiteral("aws")));
    };
    auto awsDownload = [&](CpuSplit *cpu) {
        removePath(awsCopy);
        const double seconds = awsCp(swift, awsObject, awsCopy, cpu);
        check(QFileInfo(awsCopy).size() == size, QStringLiteral("aws s3 cp downloaded the wrong size"));
        removePath(awsCopy);
        return seconds;
    };

    hubvault::RemoteStorageOptions remote;
    remote.endpoint = swift.endpoint();

    // ---- upload: one commit of the file into a repository attached to the bucket. It is
    // the setup of every read row, so it always runs.
    const QString repoDir = ctx.dir + QStringLiteral("/repo");
    std::optional<LocalRepository> repo(LocalRepository::create(repoDir));
    remote.url = QStringLiteral("s3://%1/up").arg(bucket);
    repo->attachStorage(remote);
    const CpuWatch uploadWatch(swift);
    const Measured upload = measureCall([&] { repo->uploadFile(data, kPath); });
    const CpuSplit uploadCpu = uploadWatch.done(upload.seconds);
    const hubvault::PackStorageStatus uploaded = repo->packStorageStatus();
    check(uploaded.localSize == 0 && uploaded.remoteSize > 0, QStringLiteral("the upload left packs on the local disk"));
    const hubvault::FileStorageInfo layout = repo->fileStorage(kPath);
    check(!layout.chunks.isEmpty(), QStringLiteral("fileStorage lists no chunks"));
    const QString chunking = QStringLiteral("%1 chunks of %2 on average in %3 pack object(s), %4 in the bucket")
                                 .arg(layout.chunks.size())
                                 .arg(formatBytes(size / layout.chunks.size()))
                                 .arg(uploaded.packs.size())
                                 .arg(formatBytes(uploaded.remoteSize));

    runRow(ctx, kUnit, QStringLiteral("s3-upload"), [&] {
        CpuSplit awsCpu;
        const double aws = awsCp(swift, data, awsObject, &awsCpu);
        // The same commit without a bucket: how much of the upload is chunking, hashing and
        // writing the pack before the first byte goes out.
        const QString localDir = ctx.dir + QStringLiteral("/repo-local");
        LocalRepository local = LocalRepository::create(localDir);
        const Measured localCommit = measureCall([&] { local.uploadFile(data, kPath); });
        removePath(localDir);
        return makeRow(size, true, upload, QStringLiteral("aws s3 cp upload"), aws,
                       QStringLiteral("uploadFile (one commit) into a repository attached to the bucket: chunk, hash and stage "
                                      "the pack on disk, each 16 MiB part PUT as soon as it is staged (4 at a time), then "
                                      "the object's size checked; %1; the same commit into a repository without a bucket takes %2 s (cpu %3 s); "
                                      "aws: multipart, 8 MiB parts, 10 threads; %4")
                           .arg(chunking)
                           .arg(localCommit.seconds, 0, 'f', 3)
                           .arg(localCommit.cpuSeconds, 0, 'f', 3)
                           .arg(awsNote(upload.seconds, aws, uploadCpu, awsCpu)));
    });
    if (!ctx.wants(QStringLiteral("s3-upload"))) {
        // The read rows download the aws copy as their baseline.
        awsCp(swift, data, awsObject);
    }

    runRow(ctx, kUnit, QStringLiteral("s3-offload"), [&] {
        const QString offDir = ctx.dir + QStringLiteral("/repo-offload");
        LocalRepository local = LocalRepository::create(offDir);
        local.uploadFile(data, kPath);
        hubvault::RemoteStorageOptions options = remote;
        options.url = QStringLiteral("s3://%1/offload").arg(bucket);
        local.attachStorage(options);
        hubvault::PackTransferReport report;
        const CpuWatch watch(swift);
        const Measured m = measureCall([&] { report = local.offloadPacks(); });
        const CpuSplit ours = watch.done(m.seconds);
        check(report.movedSize > 0 && report.freedLocalSize > 0, QStringLiteral("offloadPacks moved nothing"));
        CpuSplit awsCpu;
        const double aws = awsCp(swift, data, QStringLiteral("s3://%1/aws/offload.bin").arg(bucket), &awsCpu);
        removePath(offDir);
        return makeRow(size, true, m, QStringLiteral("aws s3 cp upload"), aws,
                       QStringLiteral("offloadPacks of a local repository holding the file: PUT %1 pack(s), %2 (multipart, "
                                      "16 MiB parts, 4 at a time), check each object, delete the local copy; %3")
                           .arg(report.movedCount)
                           .arg(formatBytes(report.movedSize))
                           .arg(awsNote(m.seconds, aws, ours, awsCpu)));
    });

    // A cold start for every read row: a newly opened repository (new connections, new
    // cache object), no cached chunks or views, nothing verified in this process.
    auto reopenCold = [&] {
        repo.reset();
        clearCache(repoDir);
        forgetVerifiedRanges();
        repo.emplace(LocalRepository::open(repoDir));
    };
    const QString fetching = QStringLiteral("one ranged GET per chunk (%1), up to 8 at a time ahead of the verifying tasks")
                                 .arg(chunking);

    auto downloadRow = [&](const QString &what, const std::function<QString()> &body) {
        reopenCold();
        QString path;
        const CpuWatch watch(swift);
        const Measured m = measureCall([&] { path = body(); });
        const CpuSplit ours = watch.done(m.seconds);
        check(sameFile(path, data), QStringLiteral("the downloaded file differs from the uploaded one"));
        CpuSplit awsCpu;
        const double aws = awsDownload(&awsCpu);
        return makeRow(size, true, m, QStringLiteral("aws s3 cp download"), aws,
                       QStringLiteral("%1, cold (no cached chunks, nothing verified): %2; aws: 8 MiB ranged GETs, 10 threads, "
                                      "no hashing, no fsync; %3")
                           .arg(what, fetching, awsNote(m.seconds, aws, ours, awsCpu)));
    };
    runRow(ctx, kUnit, QStringLiteral("s3-download-cold"), [&] {
        return downloadRow(QStringLiteral("hfHubDownload into the repository's cache"), [&] { return repo->hfHubDownload(kPath); });
    });
    runRow(ctx, kUnit, QStringLiteral("s3-download-localdir-cold"), [&] {
        const QString local = ctx.dir + QStringLiteral("/local");
        removePath(local);
        Row r = downloadRow(QStringLiteral("hfHubDownload into a new local_dir (a durable copy: written and fsynced)"),
                            [&] { return repo->hfHubDownload(kPath, {}, local); });
        removePath(local);
        return r;
    });
    runRow(ctx, kUnit, QStringLiteral("s3-snapshot-cold"), [&] {
        return downloadRow(QStringLiteral("snapshotDownload({}) of the repository (the one file)"), [&] {
            return repo->snapshotDownload({}) + QLatin1Char('/') + kPath;
        });
    });
    clearCache(repoDir);

    // ---- random 1 MiB reads
    const qint64 length = qMin(ctx.profile.rangeLength, size);
    QList<qint64> offsets;
    {
        XorShift rng(42);
        for (int i = 0; i < qMin(ctx.profile.rangeReads, kMaxRangeReads); ++i)
            offsets.append(rng.between(0, size - length));
    }
    // The chunks each call overlaps: what it must fetch when none is cached.
    auto overlapped = [&](qint64 offset) {
        QList<const hubvault::FileChunkInfo *> out;
        for (const hubvault::FileChunkInfo &chunk : layout.chunks)
            if (chunk.offset < offset + length && chunk.offset + chunk.logicalSize > offset)
                out.append(&chunk);
        return out;
    };
    auto checkRanges = [&] {
        QFile source(data);
        check(source.open(QIODevice::ReadOnly), QStringLiteral("cannot open the data file"));
        for (int i = 0; i < qMin<int>(3, offsets.size()); ++i) {
            source.seek(offsets.at(i));
            check(source.read(length) == repo->readRange(kPath, offsets.at(i), length),
                  QStringLiteral("readRange content differs from the uploaded file"));
        }
    };
    runRow(ctx, kUnit, QStringLiteral("s3-range-read-first"), [&] {
        reopenCold();
        qint64 got = 0, requests = 0, fetched = 0;
        for (qint64 offset : offsets)
            for (const hubvault::FileChunkInfo *chunk : overlapped(offset)) {
                ++requests;
                fetched += chunk->storedSize;
            }
        double inCalls = 0;
        const CpuWatch watch(swift);
        Measured m = measureCall([&] {
            QElapsedTimer call;
            for (qint64 offset : offsets) {
                removePath(repoDir + QStringLiteral("/cache/chunks")); // not timed: only the calls are
                forgetVerifiedRanges();
                call.start();
                got += repo->readRange(kPath, offset, length).size();
                inCalls += double(call.nsecsElapsed()) / 1e9;
            }
        });
        const CpuSplit ours = watch.done(m.seconds);
        m.seconds = inCalls;
        check(got == length * offsets.size(), QStringLiteral("readRange returned short reads"));
        checkRanges();
        return makeRow(got, true, m, {}, -1,
                       QStringLiteral("%1 random readRange calls of %2, chunk cache and VerifiedRanges cleared before each "
                                      "call, only the calls timed: %3 ms per call; %4 GETs of whole chunks (%5 per call), "
                                      "%6 fetched for %7 returned (%8x), %9 of chunk bytes; %10")
                           .arg(offsets.size())
                           .arg(formatBytes(length))
                           .arg(inCalls / offsets.size() * 1e3, 0, 'f', 1)
                           .arg(requests)
                           .arg(double(requests) / offsets.size(), 0, 'f', 2)
                           .arg(formatBytes(fetched), formatBytes(got))
                           .arg(double(fetched) / double(got), 0, 'f', 1)
                           .arg(mibs(fetched, inCalls), ours.text(QStringLiteral("ours"))));
    });
    runRow(ctx, kUnit, QStringLiteral("s3-range-read"), [&] {
        reopenCold();
        QSet<QString> chunks;
        qint64 fetched = 0;
        for (qint64 offset : offsets)
            for (const hubvault::FileChunkInfo *chunk : overlapped(offset))
                if (!chunks.contains(chunk->chunkId)) {
                    chunks.insert(chunk->chunkId);
                    fetched += chunk->storedSize;
                }
        qint64 got = 0;
        const CpuWatch watch(swift);
        const Measured m = measureCall([&] {
            for (qint64 offset : offsets)
                got += repo->readRange(kPath, offset, length).size();
        });
        const CpuSplit ours = watch.done(m.seconds);
        check(got == length * offsets.size(), QStringLiteral("readRange returned short reads"));
        checkRanges();
        return makeRow(got, true, m, {}, -1,
                       QStringLiteral("the same %1 calls from a cold start, the cache kept between calls: %2 ms per call; "
                                      "%3 GETs (each chunk once), %4 fetched, %5 of chunk bytes; %6")
                           .arg(offsets.size())
                           .arg(m.seconds / offsets.size() * 1e3, 0, 'f', 1)
                           .arg(chunks.size())
                           .arg(formatBytes(fetched), mibs(fetched, m.seconds), ours.text(QStringLiteral("ours"))));
    });

    runRow(ctx, kUnit, QStringLiteral("s3-full-verify"), [&] {
        reopenCold();
        hubvault::VerifyReport report;
        const CpuWatch watch(swift);
        const Measured m = measureCall([&] { report = repo->fullVerify(); });
        const CpuSplit ours = watch.done(m.seconds);
        check(report.ok, QStringLiteral("fullVerify failed: ") + report.errors.join(QStringLiteral("; ")));
        CpuSplit awsCpu;
        const double aws = awsDownload(&awsCpu);
        return makeRow(size, true, m, QStringLiteral("aws s3 cp download"), aws,
                       QStringLiteral("fullVerify of the attached repository: hashes the bucket's bytes (%1), no cache; "
                                      "aws downloads the same bytes to a file; %2")
                           .arg(chunking, awsNote(m.seconds, aws, ours, awsCpu)));
    });
    repo.reset();
}

} // namespace

Unit s3Unit(const Profile &)
{
    const QString why = unavailableReason();
    Unit unit{kUnit,
              QStringLiteral("packs in an S3 bucket of a Swift on 127.0.0.1: upload, offload, cold downloads, range reads, "
                             "full verify, beside aws s3 cp"),
              rowNames(),
              why.isEmpty(),
              why,
              runS3,
              {}};
    unit.cleanup = [](const QString &unitDir) {
        // The child stops Swift itself; this is for a child that crashed or was killed.
        const QString dir = unitDir + QStringLiteral("/swift");
        if (QFileInfo::exists(dir + QStringLiteral("/pids"))) {
            std::fprintf(stderr, "    stopping the Swift the s3 unit left running\n");
            runFixture(QStringLiteral("stop"), dir);
        }
    };
    return unit;
}

} // namespace bench
