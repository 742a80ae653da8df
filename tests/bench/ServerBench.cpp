// hubvault-server-bench: load on a real `hubvault serve` (not part of ctest): 64 clients
// doing small reads, 8 concurrent downloads of a large file and 4 concurrent uploads, each
// beside the same run's local-API figures as a ratio, with the server's peak RSS.
// See docs/benchmarks.md ("Server").
#include <hubvault/LocalRepository.h>

#include <httplib.h>
#include <openssl/evp.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextStream>
#include <atomic>
#include <thread>

using namespace hubvault;

namespace {

constexpr int kSmallFiles = 1000;
constexpr int kSmallSize = 4096;
const httplib::Headers kRead = {{"X-HubVault-Token", "ro"}};
const httplib::Headers kWrite = {{"Authorization", "Bearer rw"}};

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QString smallPath(int i)
{
    return QStringLiteral("small/%1/f%2.bin").arg(i % 10).arg(i);
}

/** Runs `work(thread)` on `threads` threads and returns the wall seconds. */
double timed(int threads, const std::function<void(int)> &work)
{
    QElapsedTimer timer;
    timer.start();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(work, t);
    for (std::thread &thread : pool)
        thread.join();
    return timer.nsecsElapsed() / 1e9;
}

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

double peakRssMiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

void row(const QString &name, const QString &amount, double ours, double local, const QString &unit)
{
    out() << QStringLiteral("| %1 | %2 | %3 %5 | %4 %5 | %6x |")
                 .arg(name, amount)
                 .arg(ours, 0, 'f', 1)
                 .arg(local, 0, 'f', 1)
                 .arg(unit)
                 .arg(local > 0 ? ours / local : 0.0, 0, 'f', 2)
          << Qt::endl;
}

/** Seconds for `clients` concurrent downloads of `path` from a plain in-process file server. */
double loopbackFloor(const QString &path, int clients, qint64 size, std::atomic<int> &errors)
{
    httplib::Server plain;
    plain.set_tcp_nodelay(true);
    plain.Get("/file", [&path, size](const httplib::Request &, httplib::Response &res) {
        auto file = std::make_shared<QFile>(path);
        file->open(QIODevice::ReadOnly);
        res.set_content_provider(size_t(size), "application/octet-stream", [file](size_t offset, size_t length, httplib::DataSink &sink) {
            file->seek(qint64(offset));
            const QByteArray block = file->read(std::min<qint64>(qint64(length), 1 << 20));
            return !block.isEmpty() && sink.write(block.constData(), size_t(block.size()));
        });
    });
    const int port = plain.bind_to_any_port("127.0.0.1");
    std::thread serving([&plain] { plain.listen_after_bind(); });
    const double seconds = timed(clients, [&](int) {
        httplib::Client client("127.0.0.1", port);
        client.set_read_timeout(600, 0);
        qint64 received = 0;
        auto res = client.Get("/file", [&](const char *, size_t length) {
            received += qint64(length);
            return true;
        });
        if (!res || received != size)
            ++errors;
    });
    plain.stop();
    serving.join();
    return seconds;
}

/** Plans and commits one file through the two-step protocol, streaming it from disk. */
bool upload(httplib::Client &client, const QString &localPath, const QString &pathInRepo, const QString &branch)
{
    QFile file(localPath);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    // OpenSSL, as the Python client's hashlib (QCryptographicHash is several times slower).
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    EVP_DigestInit_ex(context, EVP_sha256(), nullptr);
    QByteArray block(1 << 20, Qt::Uninitialized);
    for (qint64 n; (n = file.read(block.data(), block.size())) > 0;)
        EVP_DigestUpdate(context, block.constData(), size_t(n));
    unsigned char digest[32];
    EVP_DigestFinal_ex(context, digest, nullptr);
    EVP_MD_CTX_free(context);
    const QByteArray sha256 = QByteArray(reinterpret_cast<const char *>(digest), 32).toHex();
    QJsonObject manifest{{"revision", branch},
                         {"parent_commit", QJsonValue()},
                         {"commit_message", "bench upload " + pathInRepo},
                         {"commit_description", QJsonValue()},
                         {"operations", QJsonArray{QJsonObject{{"type", "add"},
                                                               {"path_in_repo", pathInRepo},
                                                               {"size", file.size()},
                                                               {"sha256", QString::fromLatin1(sha256)},
                                                               {"chunks", QJsonArray()}}}}};
    // A client whose branch moved meanwhile plans again (409), as the Python client's users must.
    for (int attempt = 0; attempt < 20; ++attempt) {
        auto plan = client.Post("/api/v1/write/commit-plan", kWrite, QJsonDocument(manifest).toJson().toStdString(),
                                "application/json");
        if (!plan || plan->status != 200)
            return false;
        QJsonObject request = manifest;
        const QJsonObject planned = QJsonDocument::fromJson(QByteArray::fromStdString(plan->body)).object();
        request.insert("upload_plan", planned);
        request.insert("parent_commit", planned.value("base_head"));
        auto source = std::make_shared<QFile>(localPath);
        if (!source->open(QIODevice::ReadOnly))
            return false;
        httplib::MultipartFormDataItems items = {
            {"manifest", QJsonDocument(request).toJson(QJsonDocument::Compact).toStdString(), "", ""}};
        httplib::MultipartFormDataProviderItems parts = {
            {"upload_file_0",
             [source](size_t offset, httplib::DataSink &sink) {
                 source->seek(qint64(offset));
                 const QByteArray block = source->read(1 << 20);
                 if (block.isEmpty()) {
                     sink.done();
                     return true;
                 }
                 return sink.write(block.constData(), size_t(block.size()));
             },
             "upload_file_0", "application/octet-stream"}};
        auto committed = client.Post("/api/v1/write/commit", kWrite, items, parts);
        if (committed && committed->status == 200)
            return true;
        if (!committed || committed->status != 409)
            return false;
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Load on hubvault serve beside the local API."));
    parser.addHelpOption();
    const QCommandLineOption largeOption(QStringLiteral("large-mib"), QStringLiteral("Size of the downloaded file (default 1024)."),
                                         QStringLiteral("n"), QStringLiteral("1024"));
    const QCommandLineOption uploadOption(QStringLiteral("upload-mib"), QStringLiteral("Size of each uploaded file (default 64)."),
                                          QStringLiteral("n"), QStringLiteral("64"));
    const QCommandLineOption readsOption(QStringLiteral("reads"), QStringLiteral("Small reads per client (default 500)."),
                                         QStringLiteral("n"), QStringLiteral("500"));
    const QCommandLineOption workOption(QStringLiteral("workdir"), QStringLiteral("Where the temporary repository goes."),
                                        QStringLiteral("dir"));
    parser.addOptions({largeOption, uploadOption, readsOption, workOption});
    parser.process(app);
    const qint64 largeSize = parser.value(largeOption).toLongLong() << 20;
    const qint64 uploadSize = parser.value(uploadOption).toLongLong() << 20;
    const int readsPerClient = parser.value(readsOption).toInt();

    QTemporaryDir work(parser.isSet(workOption) ? parser.value(workOption) + QStringLiteral("/hv-server-bench-XXXXXX")
                                                : QString());
    const QString repoPath = work.filePath(QStringLiteral("repo"));
    {
        LocalRepository repo = LocalRepository::create(repoPath);
        QList<CommitOperation> ops;
        QList<QByteArray> keep;
        for (int i = 0; i < kSmallFiles; ++i) {
            keep.append(randomBytes(kSmallSize, quint32(i)));
            ops.append(CommitOperation::addBytes(smallPath(i), keep.last()));
        }
        CommitOptions options;
        options.commitMessage = QStringLiteral("small files");
        repo.createCommit(ops, options);
        QFile large(work.filePath(QStringLiteral("large.bin")));
        large.open(QIODevice::WriteOnly);
        for (qint64 written = 0; written < largeSize; written += 64 << 20)
            large.write(randomBytes(std::min<qint64>(64 << 20, largeSize - written), quint32(written >> 20)));
        large.close();
        repo.uploadFile(large.fileName(), QStringLiteral("large.bin"));
        for (int i = 0; i < 4; ++i) {
            QFile upload(work.filePath(QStringLiteral("upload-%1.bin").arg(i)));
            upload.open(QIODevice::WriteOnly);
            upload.write(randomBytes(uploadSize, quint32(1000 + i)));
        }
    }

    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const int port = probe.serverPort();
    probe.close();
    QProcess server;
    server.setReadChannel(QProcess::StandardError);
    server.start(QStringLiteral(HUBVAULT_CLI_PATH),
                 {QStringLiteral("serve"), QStringLiteral("--port"), QString::number(port), QStringLiteral("--mode"), QStringLiteral("api"),
                  QStringLiteral("--token-ro"), QStringLiteral("ro"), QStringLiteral("--token-rw"), QStringLiteral("rw"),
                  QStringLiteral("--access-log"), QStringLiteral("-"), repoPath});
    QByteArray started;
    while (!started.contains("serving ") && server.waitForReadyRead(10000))
        started += server.readAllStandardError();
    if (!started.contains("serving ")) {
        out() << "the server did not start: " << started << Qt::endl;
        return 1;
    }

    std::atomic<int> errors{0};
    out() << "| workload | amount | remote | local | ratio |\n|---|---|---:|---:|---:|" << Qt::endl;

    // 64 clients, each with its own kept-alive connection, reading small files.
    const int clients = 64;
    const double remoteReads = timed(clients, [&](int t) {
        httplib::Client client("127.0.0.1", port);
        client.set_tcp_nodelay(true);
        client.set_keep_alive(true); // as httpx and browsers do
        for (int i = 0; i < readsPerClient; ++i) {
            const QString path = smallPath((t * 7919 + i) % kSmallFiles);
            auto res = client.Get(("/api/v1/content/blob/" + path).toStdString(), kRead);
            if (!res || res->status != 200 || res->body.size() != size_t(kSmallSize)) {
                if (errors++ < 3)
                    out() << "small read failed: " << (res ? QString::number(res->status) : QString::fromStdString(httplib::to_string(res.error()))) << Qt::endl;
            }
        }
    });
    const LocalRepository local = LocalRepository::open(repoPath);
    const double localReads = timed(clients, [&](int t) {
        for (int i = 0; i < readsPerClient; ++i) {
            if (local.readBytes(smallPath((t * 7919 + i) % kSmallFiles)).size() != kSmallSize)
                ++errors;
        }
    });
    const double reads = double(clients) * readsPerClient;
    row(QStringLiteral("small reads, 64 clients"), QStringLiteral("%1 x 4 KiB").arg(reads), reads / remoteReads, reads / localReads,
        QStringLiteral("req/s"));

    // 8 concurrent downloads of the large file, streamed and discarded.
    const int downloads = 8;
    const double remoteDownload = timed(downloads, [&](int) {
        httplib::Client client("127.0.0.1", port);
        client.set_read_timeout(600, 0);
        qint64 received = 0;
        auto res = client.Get("/api/v1/content/download/large.bin", kRead, [&](const char *, size_t length) {
            received += qint64(length);
            return true;
        });
        if (!res || res->status != 200 || received != largeSize)
            ++errors;
    });
    const double localDownload = timed(downloads, [&](int) {
        std::unique_ptr<QIODevice> file = local.openFile(QStringLiteral("large.bin"));
        qint64 received = 0;
        QByteArray block(1 << 20, Qt::Uninitialized);
        for (qint64 n; (n = file->read(block.data(), block.size())) > 0;)
            received += n;
        if (received != largeSize)
            ++errors;
    });
    const double mib = double(downloads) * double(largeSize) / (1 << 20);
    row(QStringLiteral("downloads, 8 clients"), QStringLiteral("%1 x %2 MiB").arg(downloads).arg(largeSize >> 20), mib / remoteDownload,
        mib / localDownload, QStringLiteral("MiB/s"));
    // The transport's floor: the same library serving the same bytes from a plain file
    // over loopback, with no repository behind it.
    const double plainDownload = loopbackFloor(work.filePath(QStringLiteral("large.bin")), downloads, largeSize, errors);
    out() << QStringLiteral("| downloads vs plain HTTP file server | | %1 MiB/s | %2 MiB/s (plain) | %3x |")
                 .arg(mib / remoteDownload, 0, 'f', 1)
                 .arg(mib / plainDownload, 0, 'f', 1)
                 .arg(plainDownload / remoteDownload, 0, 'f', 2)
          << Qt::endl;

    // 4 concurrent uploads, one branch each (one branch would measure retries after 409s):
    // every commit must land.
    LocalRepository writer = LocalRepository::open(repoPath);
    for (int t = 0; t < 4; ++t) {
        writer.createBranch(QStringLiteral("remote-%1").arg(t));
        writer.createBranch(QStringLiteral("local-%1").arg(t));
    }
    qint64 commitsBefore = 0;
    for (int t = 0; t < 4; ++t)
        commitsBefore += local.countCommits(QStringLiteral("remote-%1").arg(t)) + local.countCommits(QStringLiteral("local-%1").arg(t));
    const double remoteUpload = timed(4, [&](int t) {
        httplib::Client client("127.0.0.1", port);
        client.set_read_timeout(600, 0);
        client.set_write_timeout(600, 0);
        if (!upload(client, work.filePath(QStringLiteral("upload-%1.bin").arg(t)), QStringLiteral("uploads/remote-%1.bin").arg(t),
                    QStringLiteral("remote-%1").arg(t)))
            ++errors;
    });
    const double localUpload = timed(4, [&](int t) {
        CommitOptions options;
        options.revision = QStringLiteral("local-%1").arg(t);
        writer.uploadFile(work.filePath(QStringLiteral("upload-%1.bin").arg(t)), QStringLiteral("uploads/local-%1.bin").arg(t), options);
    });
    const double uploaded = 4.0 * double(uploadSize) / (1 << 20);
    row(QStringLiteral("uploads, 4 clients"), QStringLiteral("4 x %1 MiB").arg(uploadSize >> 20), uploaded / remoteUpload,
        uploaded / localUpload, QStringLiteral("MiB/s"));
    qint64 landed = -commitsBefore;
    for (int t = 0; t < 4; ++t)
        landed += local.countCommits(QStringLiteral("remote-%1").arg(t)) + local.countCommits(QStringLiteral("local-%1").arg(t));

    const double rss = peakRssMiB(server.processId());
    server.terminate();
    server.waitForFinished(30000);
    out() << Qt::endl
          << "errors: " << errors.load() << ", commits landed: " << landed << " of 8, server peak RSS: " << rss << " MiB" << Qt::endl;
    return errors.load() == 0 && landed == 8 ? 0 : 1;
}
