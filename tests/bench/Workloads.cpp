#include "Workloads.h"

#include "Baseline.h"
#include "S3Workloads.h"
#include "WorkloadKit.h"
#include "DataGen.h"
#include "Rss.h"

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "VerifiedRanges.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <malloc.h>
#include <mutex>
#include <optional>
#include <sys/resource.h>
#include <stdexcept>
#include <thread>
#include <vector>

using hubvault::CommitOptions;
using hubvault::CreateRepoOptions;
using hubvault::LocalRepository;
using hubvault::Repository;
using hubvault::UploadFolderOptions;

namespace bench {

namespace {

const QString kLargePath = QStringLiteral("models/large.bin");
constexpr int kBlobRangeReads = 20;
constexpr int kReaders = 8;        ///< threads of many-readers
constexpr int kScaleReads = 1000;  ///< readBytes calls of each scale-read row
constexpr int kScaleCommits = 10;  ///< one-file commits of each scale-commit row
constexpr int kScalePerDir = 100;  ///< files per folder of the scale repositories

/**
 * Forgets every byte range the process has verified, so the next read is a first read
 * that must hash what it returns (untimed wherever it is called).
 */
void forgetVerified()
{
    hubvault::VerifiedRanges::instance().clear();
}

/**
 * A line for the note of the next measured row (the unit's hash limits), so each unit
 * states its machine limits once. Each unit is its own process.
 */
QString g_pendingNote;

// ---------------------------------------------------------------------------------------
// Measuring

/** User + system CPU seconds of this process so far. */
double cpuSeconds()
{
    struct rusage usage {};
    if (::getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    auto seconds = [](const timeval &tv) { return double(tv.tv_sec) + double(tv.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/**
 * With HUBVAULT_BENCH_PERF_CTL=<fifo>, sampling of `perf record --control fifo:<fifo>
 * -D -1` is switched on only while a measured operation runs (docs/benchmarks.md).
 */
void perfControl(const char *command)
{
    static const QByteArray fifo = qgetenv("HUBVAULT_BENCH_PERF_CTL");
    if (fifo.isEmpty())
        return;
    QFile ctl(QFile::decodeName(fifo));
    if (ctl.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        ctl.write(QByteArray(command) + '\n');
}

/**
 * Times `body`. `warmup`, when given, runs untimed just before it: rows of repeated reads
 * measure a warm process, and malloc_trim() has just handed the heap back, so the first
 * call would otherwise pay a page fault for every page it allocates (in a VM, more than
 * the read itself).
 */
template <typename F, typename W = void (*)()>
Measured measure(F &&body, W &&warmup = [] {})
{
    DataGen::settle();
    ::malloc_trim(0); // hand freed heap back so the mark starts from live memory only
    warmup();
    const bool reset = Rss::resetPeak();
    QElapsedTimer timer;
    perfControl("enable");
    const double cpuBefore = cpuSeconds();
    timer.start();
    body();
    Measured m;
    m.seconds = double(timer.nsecsElapsed()) / 1e9;
    m.cpuSeconds = cpuBefore < 0 ? -1 : cpuSeconds() - cpuBefore;
    perfControl("disable");
    m.peakRssMiB = reset ? Rss::peakMiB() : -1;
    return m;
}

void say(const QString &text)
{
    std::fprintf(stderr, "    %s\n", qPrintable(text));
    std::fflush(stderr);
}

Row row(qint64 amount, bool bytes, const Measured &m, const QString &baselineName = {}, double baselineSeconds = -1,
        const QString &note = {})
{
    Row r;
    r.amount = amount;
    r.bytes = bytes;
    r.seconds = m.seconds;
    r.cpuSeconds = m.cpuSeconds;
    r.peakRssMiB = m.peakRssMiB;
    r.baselineName = baselineName;
    r.baselineSeconds = baselineSeconds;
    r.note = note;
    return r;
}

Row withLimit(Row r, const QString &name, double seconds)
{
    r.limitName = name;
    r.limitSeconds = seconds;
    return r;
}

/** The hash limits of one file, measured in this run (Baseline, after settle()). */
struct HashLimits {
    qint64 bytes = 0;
    int cores = 1;
    double sha1core = -1; ///< one SHA-256 stream over the file, one thread
    double shaAll = -1;   ///< independent 4 MiB blocks on every core
    double scan = -1;     ///< FastCDC boundary scan alone
    qint64 chunks = 0;    ///< chunks the scan found

    /** Upload: scan + chunk ids + whole-file SHA-256, spread over the cores. */
    double upload() const { return std::max({scan, sha1core, (2 * sha1core + scan) / cores}); }
    /** Chunk ids + the whole-file SHA-256 (one sequential stream), spread over the cores. */
    double twoPasses() const { return std::max(sha1core, 2 * sha1core / cores); }
    /**
     * A verified copy when the copy costs CPU too: hashing and a copy that takes `copy`
     * seconds on one core, spread over the cores. The "slower of" limit assumes the copy
     * is free, which it is not on a machine with few cores.
     */
    double hashAndCopy(double copy) const { return std::max({shaAll, copy, (sha1core + copy) / cores}); }
    QString hashAndCopyNote(double copy, double ours) const
    {
        const double l = hashAndCopy(copy);
        return QStringLiteral("; hashing and copying share %1 cores: max(hash all cores, cp, (sha1core + cp) / cores) = %2 s, "
                              "%3x of that")
            .arg(cores)
            .arg(l, 0, 'f', 3)
            .arg(l / ours, 0, 'f', 2);
    }

    QString text(const QString &what) const
    {
        auto gbs = [this](double s) { return QString::number(double(bytes) / 1e9 / s, 'f', 2) + QStringLiteral(" GB/s"); };
        return QStringLiteral("limits measured on %1 (%2): SHA-256 %3 on one core, %4 on all %5 cores; FastCDC scan %6 (%7 chunks)")
            .arg(what, formatBytes(bytes), gbs(sha1core), gbs(shaAll))
            .arg(cores)
            .arg(gbs(scan))
            .arg(chunks);
    }
};

HashLimits measureLimits(const QString &path, const QString &what)
{
    say(QStringLiteral("measuring hash limits on %1").arg(what));
    HashLimits l;
    l.bytes = QFileInfo(path).size();
    l.cores = Baseline::cores();
    l.sha1core = Baseline::sha256OneCore(path);
    l.shaAll = Baseline::sha256AllCores(path);
    l.scan = Baseline::cdcScan(path, &l.chunks);
    g_pendingNote = l.text(what);
    say(QStringLiteral("    ") + g_pendingNote);
    return l;
}

/** "12.3 µs per read" */
QString perItem(const Measured &m, qint64 items, const QString &what)
{
    const double us = items > 0 ? m.seconds / double(items) * 1e6 : 0.0;
    return QStringLiteral("%1 µs per %2").arg(us, 0, 'f', us >= 100 ? 0 : 1).arg(what);
}

QString describe(const Row &r)
{
    QString text = QStringLiteral("%1: %2 s (cpu %3 s)").arg(r.workload, -24).arg(r.seconds, 0, 'f', 3).arg(r.cpuSeconds, 0, 'f', 3);
    if (r.throughput() >= 0)
        text += QStringLiteral(", %1 %2").arg(r.throughput(), 0, 'f', 1).arg(r.bytes ? QStringLiteral("MiB/s") : QStringLiteral("items/s"));
    if (r.peakRssMiB >= 0)
        text += QStringLiteral(", peak RSS %1 MiB").arg(r.peakRssMiB, 0, 'f', 1);
    if (r.ratio() >= 0)
        text += QStringLiteral(" | %1 %2 s, ratio %3").arg(r.baselineName).arg(r.baselineSeconds, 0, 'f', 3).arg(r.ratio(), 0, 'f', 2);
    if (r.vsLimit() >= 0)
        text += QStringLiteral(" | %1 %2 s, vs limit %3").arg(r.limitName).arg(r.limitSeconds, 0, 'f', 3).arg(r.vsLimit(), 0, 'f', 2);
    return text;
}

/**
 * Runs one selected row; an exception becomes an error row and the unit goes on with the
 * next row (setup failures outside rowStep end the whole unit instead).
 */
template <typename F>
void rowStep(UnitContext &ctx, const QString &unit, const QString &name, F &&body)
{
    if (!ctx.wants(name))
        return;
    Row r;
    try {
        r = body();
        r.workload = name;
        r.unit = unit;
        if (!g_pendingNote.isEmpty() && r.measured()) {
            r.note = r.note.isEmpty() ? g_pendingNote : r.note + QStringLiteral("; ") + g_pendingNote;
            g_pendingNote.clear();
        }
        say(describe(r));
    } catch (const hubvault::HubVaultError &e) {
        r = Row::error(name, unit, e.kind() + QStringLiteral(": ") + e.message());
        say(name + QStringLiteral(": ERROR ") + r.note);
    } catch (const std::exception &e) {
        r = Row::error(name, unit, QString::fromLocal8Bit(e.what()));
        say(name + QStringLiteral(": ERROR ") + r.note);
    }
    ctx.emitRow(r);
}

void require(bool condition, const QString &what)
{
    if (!condition)
        throw std::runtime_error(("check failed: " + what).toStdString());
}


QString compactBytes(qint64 bytes)
{
    return formatBytes(bytes).remove(QLatin1Char(' '));
}

LocalRepository createRepo(const QString &path, qint64 threshold = 0)
{
    CreateRepoOptions options;
    if (threshold > 0)
        options.largeFileThreshold = threshold;
    return LocalRepository::create(path, options);
}

QString largeData(const UnitContext &ctx, qint64 size)
{
    // Same seed for every size: a shorter file is a prefix of a longer one.
    return DataGen::ensureRandomFile(ctx.dataDir() + QStringLiteral("/large-%1.bin").arg(size), size, 1);
}

SmallTree smallData(const UnitContext &ctx)
{
    const Profile &p = ctx.profile;
    return DataGen::ensureSmallTree(ctx.dataDir() + QStringLiteral("/small-%1").arg(p.smallFiles), p.smallFiles,
                                    p.filesPerDir, p.smallMinBytes, p.smallMaxBytes);
}

// ---------------------------------------------------------------------------------------
// large: one big file, then every way of reading it back

void runLarge(UnitContext &ctx)
{
    const QString unit = QStringLiteral("large");
    const qint64 size = ctx.profile.largeBytes;
    say(QStringLiteral("preparing %1 of random data").arg(formatBytes(size)));
    const QString data = largeData(ctx, size);
    const QString base = ctx.dir + QStringLiteral("/baseline");
    const QString repoDir = ctx.dir + QStringLiteral("/repo");
    LocalRepository repo = createRepo(repoDir);
    std::optional<HashLimits> limitsCache;
    auto limits = [&]() -> const HashLimits & {
        if (!limitsCache)
            limitsCache = measureLimits(data, QStringLiteral("the large file"));
        return *limitsCache;
    };
    const QString hashAllCores = QStringLiteral("hash all cores");
    // A cold read can be no faster than hashing on every core, nor than cp: the slower of
    // the two is the limit.
    const QString hashOrCp = QStringLiteral("slower of hash all cores, cp");

    // The upload is the setup of every other row, so it always runs.
    const Measured upload = measure([&] { repo.uploadFile(data, kLargePath); });
    rowStep(ctx, unit, QStringLiteral("large-upload"), [&] {
        const double b = Baseline::writeFsync(data, base + QStringLiteral("/copy.bin"));
        removePath(base + QStringLiteral("/copy.bin"));
        const qint64 packs = DataGen::treeFiles(repoDir + QStringLiteral("/chunks/packs"));
        return withLimit(row(size, true, upload, QStringLiteral("write+fsync"), b,
                             QStringLiteral("stored %1 in %2 pack file(s); repository now %3; limit = max(scan, sha1core, "
                                            "(2 sha1core + scan) / cores)")
                                 .arg(formatBytes(DataGen::treeBytes(repoDir + QStringLiteral("/chunks/packs"))))
                                 .arg(packs)
                                 .arg(formatBytes(DataGen::treeBytes(repoDir)))),
                         QStringLiteral("hash+scan all cores"), limits().upload());
    });

    // The same random offsets for the first and the repeated range reads.
    const qint64 length = ctx.profile.rangeLength;
    QList<qint64> offsets;
    {
        XorShift rng(42);
        for (int i = 0; i < ctx.profile.rangeReads; ++i)
            offsets.append(rng.between(0, size - length));
    }
    auto checkRangeContent = [&] {
        QFile source(data);
        if (!source.open(QIODevice::ReadOnly))
            throw std::runtime_error(("cannot open " + data).toStdString());
        for (int i = 0; i < qMin<int>(3, offsets.size()); ++i) {
            source.seek(offsets.at(i));
            require(source.read(length) == repo.readRange(kLargePath, offsets.at(i), length),
                    QStringLiteral("readRange content differs from the uploaded file"));
        }
    };

    rowStep(ctx, unit, QStringLiteral("range-read-first"), [&] {
        qint64 got = 0;
        double inCalls = 0;
        Measured m = measure([&] {
            QElapsedTimer call;
            for (qint64 offset : offsets) {
                forgetVerified(); // not timed: only the calls are
                call.start();
                got += repo.readRange(kLargePath, offset, length).size();
                inCalls += double(call.nsecsElapsed()) / 1e9;
            }
        });
        m.seconds = inCalls;
        require(got == length * offsets.size(), QStringLiteral("readRange returned short reads"));
        checkRangeContent();
        // What each call must verify at least: the chunks its range overlaps, each one
        // SHA-256ed as its own stream (the same chunk again in a later call).
        const hubvault::FileStorageInfo layout = repo.fileStorage(kLargePath);
        QList<Baseline::ByteRange> ranges;
        qint64 hashed = 0;
        for (qint64 offset : offsets) {
            for (const hubvault::FileChunkInfo &chunk : layout.chunks) {
                if (chunk.offset < offset + length && chunk.offset + chunk.logicalSize > offset) {
                    ranges.append({chunk.offset, chunk.logicalSize});
                    hashed += chunk.logicalSize;
                }
            }
        }
        require(!ranges.isEmpty(), QStringLiteral("fileStorage listed no chunks for the large file"));
        const double limit = Baseline::sha256OneCore(data, ranges);
        return withLimit(row(got, true, m, QStringLiteral("pread same offsets"), Baseline::randomReads(data, offsets, length),
                             QStringLiteral("%1 first random reads of %2: VerifiedRanges cleared before each call, only the "
                                            "calls timed; the limit SHA-256es the chunks each call overlaps (%3 chunks, "
                                            "%4 in all, %5 per call) on one core")
                                 .arg(offsets.size())
                                 .arg(formatBytes(length))
                                 .arg(ranges.size())
                                 .arg(formatBytes(hashed))
                                 .arg(formatBytes(hashed / qMax<qsizetype>(1, offsets.size())))),
                         QStringLiteral("SHA-256 chunks, 1 core"), limit);
    });

    rowStep(ctx, unit, QStringLiteral("range-read"), [&] {
        // range-read-first cleared the record before each call, so only its last chunks are
        // still verified: one untimed pass makes every read below a repeated one.
        for (qint64 offset : offsets)
            repo.readRange(kLargePath, offset, length);
        qint64 got = 0;
        const Measured m = measure(
            [&] {
                for (qint64 offset : offsets)
                    got += repo.readRange(kLargePath, offset, length).size();
            },
            [&] { repo.readRange(kLargePath, offsets.value(0), length); });
        require(got == length * offsets.size(), QStringLiteral("readRange returned short reads"));
        checkRangeContent();
        const double b = Baseline::randomReads(data, offsets, length);
        return row(got, true, m, QStringLiteral("pread same offsets"), b,
                   QStringLiteral("repeated reads (verified data): the same %1 random reads of %2 as range-read-first, "
                                  "VerifiedRanges not cleared")
                       .arg(offsets.size())
                       .arg(formatBytes(length)));
    });

    bool streamed = false;
    auto streamOnce = [&] {
        qint64 got = 0;
        const Measured m = measure([&] {
            auto device = repo.openFile(kLargePath);
            QByteArray block(1 << 20, Qt::Uninitialized);
            for (qint64 n; (n = device->read(block.data(), block.size())) > 0;)
                got += n;
        });
        require(got == size, QStringLiteral("openFile stream returned %1 of %2 bytes").arg(got).arg(size));
        streamed = true;
        return m;
    };
    rowStep(ctx, unit, QStringLiteral("stream-read"), [&] {
        forgetVerified();
        const Measured m = streamOnce();
        return withLimit(row(size, true, m, QStringLiteral("sequential read"), Baseline::sequentialRead(data),
                             QStringLiteral("openFile + 1 MiB reads to the end, first read (VerifiedRanges cleared)")),
                         hashAllCores, limits().shaAll);
    });
    rowStep(ctx, unit, QStringLiteral("stream-read-warm"), [&] {
        if (!streamed) {
            say(QStringLiteral("stream-read did not run: streaming the file once (untimed) so this read is repeated"));
            streamOnce();
        }
        const Measured m = streamOnce();
        return row(size, true, m, QStringLiteral("sequential read"), Baseline::sequentialRead(data),
                   QStringLiteral("the same stream again, VerifiedRanges not cleared (repeated read)"));
    });

    QString cachedView;
    auto cpBaseline = [&] {
        const double b = Baseline::cp(data, base + QStringLiteral("/cp.bin"));
        removePath(base + QStringLiteral("/cp.bin"));
        return b;
    };
    // Copies into a caller's local_dir are durable (docs/format.md §9.1, as in the original):
    // their baseline is write+fsync, and a repeated call hashes the existing copy once.
    auto writeFsyncBaseline = [&] {
        const double b = Baseline::writeFsync(data, base + QStringLiteral("/copy.bin"));
        removePath(base + QStringLiteral("/copy.bin"));
        return b;
    };
    auto downloadRow = [&](const QString &localDir, bool cold, const QString &note) {
        if (cold)
            forgetVerified();
        QString path;
        const Measured m = measure([&] { path = repo.hfHubDownload(kLargePath, {}, localDir); });
        require(QFileInfo(path).size() == size, QStringLiteral("downloaded view has the wrong size"));
        cachedView = path;
        if (localDir.isEmpty()) {
            const double cp = cpBaseline();
            if (!cold)
                return row(size, true, m, QStringLiteral("cp"), cp, note);
            return withLimit(row(size, true, m, QStringLiteral("cp"), cp, note + limits().hashAndCopyNote(cp, m.seconds)),
                             hashOrCp, std::max(limits().shaAll, cp));
        }
        const double durable = writeFsyncBaseline();
        Row r = row(size, true, m, QStringLiteral("write+fsync"), durable, note);
        return cold ? withLimit(r, QStringLiteral("slower of hash all cores, write+fsync"),
                                std::max(limits().shaAll, durable))
                    : withLimit(r, QStringLiteral("SHA-256 of the copy, 1 core"), limits().sha1core);
    };
    rowStep(ctx, unit, QStringLiteral("download-cold"), [&] {
        return downloadRow({}, true, QStringLiteral("hfHubDownload into the repository's cache (first call, VerifiedRanges cleared)"));
    });
    rowStep(ctx, unit, QStringLiteral("download-warm"),
            [&] { return downloadRow({}, false, QStringLiteral("second call: the existing view is reused")); });
    removePath(repoDir + QStringLiteral("/cache/files")); // disposable views; frees disk for big profiles
    removePath(repoDir + QStringLiteral("/cache/views"));
    const QString local = ctx.dir + QStringLiteral("/local");
    rowStep(ctx, unit, QStringLiteral("download-localdir-cold"), [&] {
        return downloadRow(local, true, QStringLiteral("hfHubDownload with local_dir (first call, VerifiedRanges cleared)"));
    });
    rowStep(ctx, unit, QStringLiteral("download-localdir-warm"),
            [&] { return downloadRow(local, false, QStringLiteral("second call into the same local_dir: the copy is hashed to see it is unchanged")); });
    removePath(local);

    rowStep(ctx, unit, QStringLiteral("snapshot-download-large"), [&] {
        forgetVerified();
        QString path;
        const Measured m = measure([&] { path = repo.snapshotDownload({}); });
        require(QFileInfo(path + QLatin1Char('/') + kLargePath).size() == size,
                QStringLiteral("the snapshot does not hold the large file at its size"));
        const qint64 files = DataGen::treeFiles(path);
        removePath(path);
        removePath(repoDir + QStringLiteral("/cache/snapshots"));
        removePath(repoDir + QStringLiteral("/cache/views"));
        const double cp = cpBaseline();
        return withLimit(row(size, true, m, QStringLiteral("cp"), cp,
                             QStringLiteral("snapshotDownload({}) of the repository holding the large file (%1 file(s)), "
                                            "first call, VerifiedRanges cleared")
                                         .arg(files)
                                     + limits().hashAndCopyNote(cp, m.seconds)),
                         hashOrCp, std::max(limits().shaAll, cp));
    });

    rowStep(ctx, unit, QStringLiteral("full-verify"), [&] {
        forgetVerified(); // a full verify must not trust it anyway
        hubvault::VerifyReport report;
        const Measured m = measure([&] { report = repo.fullVerify(); });
        require(report.ok, QStringLiteral("fullVerify failed: ") + report.errors.join(QStringLiteral("; ")));
        return withLimit(row(size, true, m, QStringLiteral("sequential read"), Baseline::sequentialRead(data),
                             QStringLiteral("fullVerify of a repository holding the large file (VerifiedRanges cleared); "
                                            "limit = max(sha1core, 2 sha1core / cores): chunk ids + the whole-file SHA-256")),
                         QStringLiteral("2 SHA-256 passes"), limits().twoPasses());
    });
}

// ---------------------------------------------------------------------------------------
// reupload: a lightly edited copy of a big file, deduplicated against the first upload

void runReupload(UnitContext &ctx)
{
    const QString unit = QStringLiteral("reupload");
    const qint64 size = ctx.profile.reuploadBytes;
    say(QStringLiteral("preparing %1 of random data and an edited copy").arg(formatBytes(size)));
    const QString original = largeData(ctx, size);
    const QString edited = ctx.dir + QStringLiteral("/edited.bin");
    DataGen::writeEditedCopy(original, edited, size);
    const QString repoDir = ctx.dir + QStringLiteral("/repo");
    LocalRepository repo = createRepo(repoDir);
    repo.uploadFile(original, kLargePath);
    const qint64 before = DataGen::treeBytes(repoDir);

    rowStep(ctx, unit, QStringLiteral("reupload-edited"), [&] {
        const Measured m = measure([&] { repo.uploadFile(edited, kLargePath); });
        const qint64 grown = DataGen::treeBytes(repoDir) - before;
        require(repo.readRange(kLargePath, size / 3, 13) == QByteArrayLiteral("hubvault-edit"),
                QStringLiteral("the edited file did not land"));
        const QString copy = ctx.dir + QStringLiteral("/baseline/copy.bin");
        const double b = Baseline::writeFsync(edited, copy);
        removePath(copy);
        const HashLimits limits = measureLimits(edited, QStringLiteral("the edited file"));
        return withLimit(row(size + 13, true, m, QStringLiteral("write+fsync"), b,
                             QStringLiteral("13 bytes inserted at 1/3, 64 flipped at 2/3; repository grew by %1 (%2% of the "
                                            "file); limit = max(scan, sha1core, (2 sha1core + scan) / cores)")
                                 .arg(formatBytes(grown))
                                 .arg(100.0 * double(grown) / double(size), 0, 'f', 1)),
                         QStringLiteral("hash+scan all cores"), limits.upload());
    });
}

// ---------------------------------------------------------------------------------------
// sweep: the same files uploaded under several large_file_threshold values

void runSweep(UnitContext &ctx)
{
    const QString unit = QStringLiteral("sweep");
    const Profile &p = ctx.profile;
    const QString files = ctx.dataDir() + QStringLiteral("/sweep-files");
    QStringList rels;
    qint64 total = 0;
    if (!QFileInfo::exists(files + QStringLiteral(".done")))
        QDir(files).removeRecursively();
    for (int i = 0; i < p.sweepFileSizes.size(); ++i) {
        const qint64 size = p.sweepFileSizes.at(i);
        rels.append(QStringLiteral("f%1-%2.bin").arg(i).arg(compactBytes(size)));
        total += size;
        if (!QFileInfo::exists(files + QStringLiteral(".done")))
            DataGen::writeRandomFile(files + QLatin1Char('/') + rels.last(), size, 100 + uint64_t(i));
    }
    QFile(files + QStringLiteral(".done")).open(QIODevice::WriteOnly);
    say(QStringLiteral("sweep files: %1").arg(rels.join(QStringLiteral(", "))));
    const QString base = ctx.dir + QStringLiteral("/baseline");
    double baseline = -1;

    for (qint64 threshold : p.sweepThresholds) {
        rowStep(ctx, unit, QStringLiteral("sweep-") + compactBytes(threshold), [&] {
            if (baseline < 0) {
                baseline = Baseline::writeFsyncFiles(files, rels, base);
                removePath(base);
            }
            const QString repoDir = ctx.dir + QStringLiteral("/repo-") + compactBytes(threshold);
            LocalRepository repo = createRepo(repoDir, threshold);
            UploadFolderOptions options;
            options.folderPath = files;
            const Measured m = measure([&] { repo.uploadFolder(options); });
            int chunked = 0;
            for (const hubvault::RepoEntry &e : repo.listRepoTree({}, true))
                chunked += !e.isFolder && e.file.lfs.has_value();
            const qint64 stored = DataGen::treeBytes(repoDir);
            removePath(repoDir);
            return row(total, true, m, QStringLiteral("write+fsync"), baseline,
                       QStringLiteral("threshold %1: %2 of %3 files chunked, the rest whole blobs; repository %4")
                           .arg(formatBytes(threshold))
                           .arg(chunked)
                           .arg(rels.size())
                           .arg(formatBytes(stored)));
        });
    }

    // Range reads inside a whole-blob file (the largest sweep file, stored below a
    // threshold above its size): what readRange costs when the file is not chunked,
    // first (nothing verified) and repeated.
    const qint64 blobSize = p.sweepFileSizes.isEmpty() ? 0 : *std::max_element(p.sweepFileSizes.cbegin(), p.sweepFileSizes.cend());
    const QString blobSource = blobSize > 0 ? files + QLatin1Char('/') + rels.at(int(p.sweepFileSizes.indexOf(blobSize))) : QString();
    const qint64 blobLength = qMin(p.rangeLength, blobSize);
    const QString blobRepoDir = ctx.dir + QStringLiteral("/repo-blob");
    const QString blobPath = QStringLiteral("blob.bin");
    std::optional<LocalRepository> blobRepoCache;
    auto blobRepo = [&]() -> Repository & {
        if (!blobRepoCache) {
            require(blobSize > 0, QStringLiteral("no sweep files"));
            blobRepoCache.emplace(createRepo(blobRepoDir, blobSize + 1));
            blobRepoCache->uploadFile(blobSource, blobPath);
            require(!blobRepoCache->fileStorage(blobPath).chunks.isEmpty()
                        && blobRepoCache->fileStorage(blobPath).storageKind == hubvault::StorageKind::Blob,
                    QStringLiteral("the blob file was not stored as a whole blob"));
        }
        return *blobRepoCache;
    };
    QList<qint64> blobOffsets;
    {
        XorShift rng(7);
        for (int i = 0; i < kBlobRangeReads && blobSize > 0; ++i)
            blobOffsets.append(rng.between(0, blobSize - blobLength));
    }
    bool blobVerified = false;
    const QString blobWhat = QStringLiteral("%1 random reads of %2 inside a %3 whole-blob file")
                                 .arg(blobOffsets.size())
                                 .arg(formatBytes(blobLength), formatBytes(blobSize));

    rowStep(ctx, unit, QStringLiteral("range-read-blob-first"), [&] {
        Repository &repo = blobRepo();
        qint64 got = 0;
        double inCalls = 0;
        Measured m = measure([&] {
            QElapsedTimer call;
            for (qint64 offset : blobOffsets) {
                forgetVerified(); // not timed: only the calls are
                call.start();
                got += repo.readRange(blobPath, offset, blobLength).size();
                inCalls += double(call.nsecsElapsed()) / 1e9;
            }
        });
        m.seconds = inCalls;
        blobVerified = true;
        require(got == blobLength * blobOffsets.size(), QStringLiteral("readRange returned short reads"));
        measureLimits(blobSource, QStringLiteral("the whole-blob file"));
        // A whole blob is verified whole: one SHA-256 of the file per call.
        const QList<Baseline::ByteRange> wholeBlobPerCall(blobOffsets.size(), Baseline::ByteRange{0, blobSize});
        const double limit = Baseline::sha256OneCore(blobSource, wholeBlobPerCall);
        return withLimit(row(got, true, m, QStringLiteral("pread same offsets"),
                             Baseline::randomReads(blobSource, blobOffsets, blobLength),
                             blobWhat + QStringLiteral(", first reads: VerifiedRanges cleared before each call, only the "
                                                       "calls timed; the limit SHA-256es the whole blob once per call")),
                         QStringLiteral("SHA-256 blob per call"), limit);
    });

    rowStep(ctx, unit, QStringLiteral("range-read-blob"), [&] {
        Repository &repo = blobRepo();
        if (!blobVerified) {
            say(QStringLiteral("range-read-blob-first did not run: reading the offsets once (untimed) so these reads are repeated"));
            for (qint64 offset : blobOffsets)
                repo.readRange(blobPath, offset, blobLength);
            blobVerified = true;
        }
        qint64 got = 0;
        const Measured m = measure(
            [&] {
                for (qint64 offset : blobOffsets)
                    got += repo.readRange(blobPath, offset, blobLength).size();
            },
            [&] { repo.readRange(blobPath, blobOffsets.value(0), blobLength); });
        require(got == blobLength * blobOffsets.size(), QStringLiteral("readRange returned short reads"));
        QFile source(blobSource);
        require(source.open(QIODevice::ReadOnly) && source.seek(blobOffsets.value(0)), QStringLiteral("cannot read ") + blobSource);
        require(source.read(blobLength) == repo.readRange(blobPath, blobOffsets.value(0), blobLength),
                QStringLiteral("readRange content differs from the uploaded file"));
        return row(got, true, m, QStringLiteral("pread same offsets"), Baseline::randomReads(blobSource, blobOffsets, blobLength),
                   QStringLiteral("repeated reads (verified data): the same ") + blobWhat
                       + QStringLiteral(" as range-read-blob-first, VerifiedRanges not cleared"));
    });
    blobRepoCache.reset();
    removePath(blobRepoDir);
}

// ---------------------------------------------------------------------------------------
// small: the small-file tree uploaded as a folder, read back, committed on and listed

void runSmall(UnitContext &ctx)
{
    const QString unit = QStringLiteral("small");
    const Profile &p = ctx.profile;
    say(QStringLiteral("preparing %1 small files").arg(p.smallFiles));
    const SmallTree tree = smallData(ctx);
    const QString base = ctx.dir + QStringLiteral("/baseline");
    LocalRepository repo = createRepo(ctx.dir + QStringLiteral("/repo"));

    UploadFolderOptions options;
    options.folderPath = tree.root;
    const Measured upload = measure([&] { repo.uploadFolder(options); });
    rowStep(ctx, unit, QStringLiteral("folder-upload"), [&] {
        const double b = Baseline::writeFsyncFiles(tree.root, tree.relPaths, base + QStringLiteral("/folder"));
        removePath(base + QStringLiteral("/folder"));
        return row(tree.relPaths.size(), false, upload, QStringLiteral("write+fsync each"), b,
                   QStringLiteral("uploadFolder of %1 files, %2 in total").arg(tree.relPaths.size()).arg(formatBytes(tree.totalBytes)));
    });

    bool smallRead = false;
    auto readAll = [&] {
        qint64 got = 0;
        const Measured m = measure([&] {
            for (const QString &rel : tree.relPaths)
                got += repo.readBytes(rel).size();
        });
        require(got == tree.totalBytes, QStringLiteral("readBytes returned %1 of %2 bytes").arg(got).arg(tree.totalBytes));
        smallRead = true;
        return m;
    };
    rowStep(ctx, unit, QStringLiteral("small-read-all"), [&] {
        forgetVerified();
        const Measured m = readAll();
        return row(tree.relPaths.size(), false, m, QStringLiteral("read each file"), Baseline::readFiles(tree.root, tree.relPaths),
                   QStringLiteral("readBytes of every file, %1 in total, first reads (VerifiedRanges cleared)")
                       .arg(formatBytes(tree.totalBytes)));
    });
    rowStep(ctx, unit, QStringLiteral("small-read-all-warm"), [&] {
        if (!smallRead) {
            say(QStringLiteral("small-read-all did not run: reading every file once (untimed) so these reads are repeated"));
            readAll();
        }
        const Measured m = readAll();
        return row(tree.relPaths.size(), false, m, QStringLiteral("read each file"), Baseline::readFiles(tree.root, tree.relPaths),
                   QStringLiteral("the same reads again, VerifiedRanges not cleared (repeated reads)"));
    });

    rowStep(ctx, unit, QStringLiteral("many-readers"), [&] {
        // kReaders threads share the one Repository object; thread t starts at file
        // t * files / kReaders so they do not read the same file at the same moment.
        const qsizetype n = tree.relPaths.size();
        std::atomic<qint64> calls{0}, got{0};
        std::mutex errorMutex;
        QString error;
        const Measured m = measure([&] {
            std::vector<std::thread> pool;
            for (int t = 0; t < kReaders; ++t) {
                pool.emplace_back([&, t] {
                    try {
                        const qsizetype start = n * t / kReaders;
                        for (qsizetype k = 0; k < n; ++k) {
                            got += repo.readBytes(tree.relPaths.at((start + k) % n)).size();
                            ++calls;
                        }
                    } catch (const hubvault::HubVaultError &e) {
                        const std::lock_guard lock(errorMutex);
                        error = QStringLiteral("thread %1: %2: %3").arg(t).arg(e.kind(), e.message());
                    } catch (const std::exception &e) {
                        const std::lock_guard lock(errorMutex);
                        error = QStringLiteral("thread %1: %2").arg(t).arg(QString::fromLocal8Bit(e.what()));
                    }
                });
            }
            for (std::thread &thread : pool)
                thread.join();
        });
        require(error.isEmpty(), error);
        require(calls.load() == kReaders * n && got.load() == kReaders * tree.totalBytes,
                QStringLiteral("the readers got %1 of %2 bytes").arg(got.load()).arg(kReaders * tree.totalBytes));
        return row(calls.load(), false, m, QStringLiteral("%1 threads read each file").arg(kReaders),
                   Baseline::readFilesConcurrently(tree.root, tree.relPaths, kReaders),
                   QStringLiteral("%1 threads share one Repository, each readBytes-ing all %2 files (staggered starts); "
                                  "VerifiedRanges not cleared after small-read-all-warm")
                       .arg(kReaders)
                       .arg(n));
    });

    // Commits that each change one file of the big tree; they also give the recursive
    // listing below some history to search for each entry's last commit.
    const int commits = p.treeCommits;
    const Measured treeCommits = measure([&] {
        for (int i = 0; i < commits && !tree.relPaths.isEmpty(); ++i) {
            CommitOptions o;
            o.commitMessage = QStringLiteral("edit %1").arg(i);
            repo.uploadBytes(QStringLiteral("edit %1\n").arg(i).toUtf8(), tree.relPaths.at(int((qint64(i) * 7919) % tree.relPaths.size())), o);
        }
    });
    rowStep(ctx, unit, QStringLiteral("tree-commits"), [&] {
        const double b = Baseline::smallWritesFsync(base + QStringLiteral("/tc"), commits, 64);
        removePath(base + QStringLiteral("/tc"));
        return row(commits, false, treeCommits, QStringLiteral("write+fsync small file"), b,
                   QStringLiteral("one-file commits on a tree of %1 files").arg(tree.relPaths.size()));
    });

    rowStep(ctx, unit, QStringLiteral("tree-list-recursive"), [&] {
        QList<hubvault::RepoEntry> entries;
        const Measured m = measure([&] { entries = repo.listRepoTree({}, true); });
        qint64 walked = 0;
        const double b = Baseline::walkTree(tree.root, &walked);
        require(entries.size() == walked, QStringLiteral("listRepoTree gave %1 entries, the folder has %2").arg(entries.size()).arg(walked));
        return row(entries.size(), false, m, QStringLiteral("recursive dir walk+stat"), b,
                   QStringLiteral("listRepoTree(recursive) with last commits, %1 files + folders, %2 commits of history")
                       .arg(entries.size()).arg(commits + 2));
    });

    rowStep(ctx, unit, QStringLiteral("list-files"), [&] {
        QStringList files;
        const Measured m = measure([&] { files = repo.listRepoFiles(); });
        require(files.size() == tree.relPaths.size(), QStringLiteral("listRepoFiles count differs"));
        return row(files.size(), false, m, QStringLiteral("recursive dir walk+stat"), Baseline::walkTree(tree.root));
    });

    rowStep(ctx, unit, QStringLiteral("snapshot-download"), [&] {
        QString path;
        const Measured m = measure([&] { path = repo.snapshotDownload({}); });
        require(DataGen::treeFiles(path) == tree.relPaths.size(), QStringLiteral("snapshot has the wrong file count"));
        const double b = Baseline::cp(tree.root, base + QStringLiteral("/snap"), true);
        removePath(base + QStringLiteral("/snap"));
        return row(tree.relPaths.size(), false, m, QStringLiteral("cp -r"), b,
                   QStringLiteral("snapshotDownload into the cache (first call), %1").arg(formatBytes(tree.totalBytes)));
    });
}

// ---------------------------------------------------------------------------------------
// history: many small commits, then the whole log

void runHistory(UnitContext &ctx)
{
    const QString unit = QStringLiteral("history");
    const int commits = ctx.profile.commits;
    const QString base = ctx.dir + QStringLiteral("/baseline");
    LocalRepository repo = createRepo(ctx.dir + QStringLiteral("/repo"));
    say(QStringLiteral("making %1 commits").arg(commits));
    const Measured made = measure([&] {
        for (int i = 0; i < commits; ++i) {
            CommitOptions o;
            o.commitMessage = QStringLiteral("bench commit %1").arg(i);
            repo.uploadBytes(QStringLiteral("commit %1\n").arg(i).toUtf8(),
                             QStringLiteral("notes/n%1.txt").arg(i % 16, 2, 10, QLatin1Char('0')), o);
        }
    });
    const double writes = Baseline::smallWritesFsync(base + QStringLiteral("/hist"), commits, 16);
    rowStep(ctx, unit, QStringLiteral("small-commits"), [&] {
        return row(commits, false, made, QStringLiteral("write+fsync small file"), writes,
                   QStringLiteral("uploadBytes of a small file, one commit each"));
    });

    rowStep(ctx, unit, QStringLiteral("history-list"), [&] {
        QList<hubvault::GitCommitInfo> log;
        const Measured m = measure([&] { log = repo.listRepoCommits(); });
        require(log.size() == commits + 1, QStringLiteral("listRepoCommits gave %1 commits, expected %2").arg(log.size()).arg(commits + 1));
        QStringList rels;
        for (int i = 0; i < commits; ++i)
            rels.append(QStringLiteral("w%1.txt").arg(i));
        return row(log.size(), false, m, QStringLiteral("read one small file per commit"),
                   Baseline::readFiles(base + QStringLiteral("/hist"), rels),
                   QStringLiteral("listRepoCommits on a branch with %1 commits").arg(log.size()));
    });
}

// ---------------------------------------------------------------------------------------
// merge and squash

void runMerge(UnitContext &ctx)
{
    const QString unit = QStringLiteral("merge");
    const int n = qMax(1, ctx.profile.mergeFiles);
    LocalRepository repo = LocalRepository::create(ctx.dir + QStringLiteral("/repo"));
    auto commitAll = [&](int from, int to, const QString &tag, const QString &branch) {
        QList<hubvault::CommitOperation> ops;
        for (int i = from; i < to; ++i)
            ops.append(hubvault::CommitOperation::addBytes(QStringLiteral("m/d%1/f%2.txt").arg(i / 100).arg(i),
                                                           QStringLiteral("%1 %2\n").arg(tag).arg(i).toUtf8()));
        CommitOptions o;
        o.commitMessage = tag;
        o.revision = branch;
        repo.createCommit(ops, o);
    };
    commitAll(0, 2 * n, QStringLiteral("base"), {});
    repo.createBranch(QStringLiteral("feature"));
    commitAll(0, n, QStringLiteral("feature"), QStringLiteral("feature"));
    commitAll(n, 2 * n, QStringLiteral("main"), {});
    rowStep(ctx, unit, QStringLiteral("merge-heavy"), [&] {
        hubvault::MergeStatus status = hubvault::MergeStatus::Conflict;
        const Measured m = measure([&] { status = repo.merge(QStringLiteral("feature")).status; });
        require(status == hubvault::MergeStatus::Merged, QStringLiteral("merge ended as '%1'").arg(hubvault::wireName(status)));
        return row(2 * n, false, m, {}, -1, QStringLiteral("three-way merge, %1 paths changed on each side, no conflicts").arg(n));
    });
}

void runSquash(UnitContext &ctx)
{
    const QString unit = QStringLiteral("squash");
    const int commits = ctx.profile.commits;
    LocalRepository repo = LocalRepository::create(ctx.dir + QStringLiteral("/repo"));
    for (int i = 0; i < commits; ++i) {
        CommitOptions o;
        o.commitMessage = QStringLiteral("bench commit %1").arg(i);
        repo.uploadBytes(QStringLiteral("commit %1\n").arg(i).toUtf8(), QStringLiteral("notes/n%1.txt").arg(i % 16), o);
    }
    rowStep(ctx, unit, QStringLiteral("squash-history"), [&] {
        qint64 rewritten = -1;
        const Measured m = measure([&] { rewritten = repo.squashHistory(QStringLiteral("main")).rewrittenCommitCount; });
        return row(commits + 1, false, m, {}, -1,
                   QStringLiteral("squashHistory of main over %1 commits with its default options (%2 rewritten)")
                       .arg(commits + 1).arg(rewritten));
    });
}

// ---------------------------------------------------------------------------------------
// scale: per-item cost against repository size (files) and history length (commits)

QString scaleFilePath(int i)
{
    return QStringLiteral("d%1/f%2.txt").arg(i / kScalePerDir, 4, 10, QLatin1Char('0')).arg(i, 6, 10, QLatin1Char('0'));
}

QByteArray scaleFileContent(int i, int files)
{
    return QStringLiteral("scale file %1 of %2\n").arg(i).arg(files).toUtf8();
}

QString scaleRowName(const char *kind, int n)
{
    return QStringLiteral("scale-%1-%2").arg(QLatin1String(kind)).arg(n);
}

void runScaleFiles(UnitContext &ctx, int files)
{
    const QString unit = QStringLiteral("scale");
    const QString readName = scaleRowName("read", files), commitName = scaleRowName("commit", files),
                  listName = scaleRowName("list", files);
    if (!ctx.wants(readName) && !ctx.wants(commitName) && !ctx.wants(listName))
        return;
    const QString repoDir = ctx.dir + QStringLiteral("/files-%1").arg(files);
    say(QStringLiteral("scale: one commit of %1 files").arg(files));
    QElapsedTimer setup;
    setup.start();
    LocalRepository repo = createRepo(repoDir);
    {
        QList<hubvault::CommitOperation> ops;
        ops.reserve(files);
        for (int i = 0; i < files; ++i)
            ops.append(hubvault::CommitOperation::addBytes(scaleFilePath(i), scaleFileContent(i, files)));
        CommitOptions o;
        o.commitMessage = QStringLiteral("%1 files").arg(files);
        repo.createCommit(ops, o);
    }
    say(QStringLiteral("    (setup %1 s)").arg(double(setup.elapsed()) / 1000.0, 0, 'f', 1));
    const int folders = (files + kScalePerDir - 1) / kScalePerDir;

    rowStep(ctx, unit, readName, [&] {
        const int reads = qMin(kScaleReads, files);
        QList<int> picks;
        for (int k = 0; k < reads; ++k)
            picks.append(int(qint64(k) * files / reads));
        qint64 got = 0, expected = 0;
        for (int i : picks)
            expected += scaleFileContent(i, files).size();
        forgetVerified();
        const Measured m = measure([&] {
            for (int i : picks)
                got += repo.readBytes(scaleFilePath(i)).size();
        });
        require(got == expected, QStringLiteral("readBytes returned %1 of %2 bytes").arg(got).arg(expected));
        require(repo.readBytes(scaleFilePath(picks.last())) == scaleFileContent(picks.last(), files),
                QStringLiteral("readBytes content differs"));
        return row(reads, false, m, {}, -1,
                   perItem(m, reads, QStringLiteral("read"))
                       + QStringLiteral(": readBytes of %1 evenly spaced files in a repository of %2 files (%3 folders), "
                                        "first reads")
                             .arg(reads)
                             .arg(files)
                             .arg(folders));
    });

    rowStep(ctx, unit, commitName, [&] {
        const Measured m = measure([&] {
            for (int k = 0; k < kScaleCommits; ++k) {
                CommitOptions o;
                o.commitMessage = QStringLiteral("edit %1").arg(k);
                const int i = int(qint64(k) * files / kScaleCommits);
                repo.uploadBytes(QStringLiteral("edited %1\n").arg(k).toUtf8(), scaleFilePath(i), o);
            }
        });
        require(repo.readBytes(scaleFilePath(0)) == QByteArrayLiteral("edited 0\n"), QStringLiteral("the edit did not land"));
        const QString base = ctx.dir + QStringLiteral("/baseline-commit");
        const double b = Baseline::smallWritesFsync(base, kScaleCommits, 64);
        removePath(base);
        return row(kScaleCommits, false, m, QStringLiteral("write+fsync small file"), b,
                   perItem(m, kScaleCommits, QStringLiteral("commit"))
                       + QStringLiteral(": one-file commits (uploadBytes changing an existing file) on a tree of %1 files")
                             .arg(files));
    });

    rowStep(ctx, unit, listName, [&] {
        QList<hubvault::RepoEntry> entries;
        const Measured m = measure([&] { entries = repo.listRepoTree({}, true); });
        require(entries.size() == files + folders,
                QStringLiteral("listRepoTree gave %1 entries, expected %2").arg(entries.size()).arg(files + folders));
        const qint64 history = repo.countCommits();
        return row(entries.size(), false, m, {}, -1,
                   perItem(m, entries.size(), QStringLiteral("entry"))
                       + QStringLiteral(": listRepoTree({}, recursive) with last commits, %1 files + %2 folders, %3 commits "
                                        "of history")
                             .arg(files)
                             .arg(folders)
                             .arg(history));
    });
    removePath(repoDir);
}

void runScaleCommits(UnitContext &ctx, int commits)
{
    const QString unit = QStringLiteral("scale");
    const QString logName = scaleRowName("log", commits);
    if (!ctx.wants(logName))
        return;
    const QString repoDir = ctx.dir + QStringLiteral("/commits-%1").arg(commits);
    say(QStringLiteral("scale: making %1 one-file commits").arg(commits));
    QElapsedTimer setup;
    setup.start();
    LocalRepository repo = createRepo(repoDir);
    for (int i = 0; i < commits; ++i) {
        CommitOptions o;
        o.commitMessage = QStringLiteral("scale commit %1").arg(i);
        repo.uploadBytes(QStringLiteral("commit %1\n").arg(i).toUtf8(),
                         QStringLiteral("notes/n%1.txt").arg(i % 16, 2, 10, QLatin1Char('0')), o);
        if ((i + 1) % 1000 == 0 && i + 1 < commits)
            say(QStringLiteral("    %1 of %2 commits (%3 s)").arg(i + 1).arg(commits).arg(double(setup.elapsed()) / 1000.0, 0, 'f', 1));
    }
    say(QStringLiteral("    (setup %1 s)").arg(double(setup.elapsed()) / 1000.0, 0, 'f', 1));

    rowStep(ctx, unit, logName, [&] {
        QList<hubvault::GitCommitInfo> log;
        const Measured m = measure([&] { log = repo.listRepoCommits(); });
        require(log.size() == commits + 1,
                QStringLiteral("listRepoCommits gave %1 commits, expected %2").arg(log.size()).arg(commits + 1));
        return row(log.size(), false, m, {}, -1,
                   perItem(m, log.size(), QStringLiteral("commit"))
                       + QStringLiteral(": listRepoCommits on a branch with %1 commits").arg(log.size()));
    });
    removePath(repoDir);
}

void runScale(UnitContext &ctx)
{
    for (int files : ctx.profile.scaleFiles)
        runScaleFiles(ctx, files);
    for (int commits : ctx.profile.scaleCommits)
        runScaleCommits(ctx, commits);
}

} // namespace

QList<Unit> units(const Profile &profile)
{
    QStringList sweepRows;
    for (qint64 t : profile.sweepThresholds)
        sweepRows.append(QStringLiteral("sweep-") + compactBytes(t));
    sweepRows.append(QStringLiteral("range-read-blob-first"));
    sweepRows.append(QStringLiteral("range-read-blob"));
    QStringList scaleRows;
    for (int n : profile.scaleFiles)
        scaleRows << scaleRowName("read", n) << scaleRowName("commit", n) << scaleRowName("list", n);
    for (int c : profile.scaleCommits)
        scaleRows << scaleRowName("log", c);
    QList<Unit> out;
    out.append(Unit{QStringLiteral("large"),
                    QStringLiteral("one large random file: upload, first and repeated range reads, stream, downloads, snapshot, verify"),
                    {QStringLiteral("large-upload"), QStringLiteral("range-read-first"), QStringLiteral("range-read"),
                     QStringLiteral("stream-read"), QStringLiteral("stream-read-warm"), QStringLiteral("download-cold"),
                     QStringLiteral("download-warm"), QStringLiteral("download-localdir-cold"),
                     QStringLiteral("download-localdir-warm"), QStringLiteral("snapshot-download-large"),
                     QStringLiteral("full-verify")},
                    true, {}, runLarge, {}});
    out.append(Unit{QStringLiteral("reupload"), QStringLiteral("re-upload of a lightly edited large file (dedup)"),
                    {QStringLiteral("reupload-edited")}, true, {}, runReupload, {}});
    out.append(Unit{QStringLiteral("sweep"),
                    QStringLiteral("the same files under several large_file_threshold values; first and repeated range reads in a whole blob"),
                    sweepRows, true, {}, runSweep, {}});
    out.append(Unit{QStringLiteral("small"),
                    QStringLiteral("small-file tree: folder upload, first and repeated read-all, 8 readers, commits, listings, snapshot"),
                    {QStringLiteral("folder-upload"), QStringLiteral("small-read-all"), QStringLiteral("small-read-all-warm"),
                     QStringLiteral("many-readers"), QStringLiteral("tree-commits"), QStringLiteral("tree-list-recursive"),
                     QStringLiteral("list-files"), QStringLiteral("snapshot-download")},
                    true, {}, runSmall, {}});
    out.append(Unit{QStringLiteral("history"), QStringLiteral("deep history: many small commits, then listRepoCommits"),
                    {QStringLiteral("small-commits"), QStringLiteral("history-list")}, true, {}, runHistory, {}});
    out.append(Unit{QStringLiteral("merge"), QStringLiteral("heavy three-way merge"), {QStringLiteral("merge-heavy")},
                    true, {}, runMerge, {}});
    out.append(Unit{QStringLiteral("squash"), QStringLiteral("squash a deep history"), {QStringLiteral("squash-history")},
                    true, {}, runSquash, {}});
    out.append(Unit{QStringLiteral("scale"),
                    QStringLiteral("per-item cost against repository size: reads, commits and listing at N files; log at C commits"),
                    scaleRows, true, {}, runScale, {}});
    out.append(s3Unit(profile));
    return out;
}

Measured measureCall(const std::function<void()> &body)
{
    return measure(body);
}

Row makeRow(qint64 amount, bool bytes, const Measured &m, const QString &baselineName, double baselineSeconds,
            const QString &note)
{
    return row(amount, bytes, m, baselineName, baselineSeconds, note);
}

void runRow(UnitContext &ctx, const QString &unit, const QString &name, const std::function<Row()> &body)
{
    rowStep(ctx, unit, name, body);
}

void progress(const QString &text)
{
    say(text);
}

void forgetVerifiedRanges()
{
    forgetVerified();
}

void removePath(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir() && !info.isSymLink())
        QDir(path).removeRecursively();
    else
        QFile::remove(path);
}

void check(bool condition, const QString &what)
{
    require(condition, what);
}

} // namespace bench
