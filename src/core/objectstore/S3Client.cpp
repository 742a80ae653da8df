// S3 requests over libcurl with AWS Signature V4 (see S3Client.h).
#include "objectstore/S3Client.h"

#include <hubvault/Errors.h>
#include "Hash.h"

#include <QRegularExpression>
#include <QThread>
#include <QUrl>
#include <QXmlStreamReader>
#include <atomic>
#include <cstring>
#include <curl/curl.h>
#include <functional>
#include <mutex>
#include <vector>

namespace hubvault::objectstore {
namespace {

constexpr int kAttempts = 4;
constexpr int kBackoffMs[kAttempts - 1] = {200, 800, 2000};
/** Error bodies are short XML documents; anything longer is not read into memory. */
constexpr qsizetype kMaxErrorBody = 64 << 10;

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

QString trimmedSlashes(QString text)
{
    while (text.startsWith(QLatin1Char('/')))
        text.remove(0, 1);
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

/** One request: what to send, and where the answer's body goes. */
struct Request {
    QByteArray method = "GET";
    QString name;     ///< object name below the prefix; empty with `bucketLevel`
    bool bucketLevel = false;
    QList<QPair<QString, QString>> query; ///< sorted by name, as signing wants
    QList<QByteArray> headers;
    const QByteArray *body = nullptr;
    bool idempotent = true;
    /** Streams a successful answer's body; false stops the transfer. Unset: kept in Response::body. */
    std::function<bool(const char *, size_t)> sink;
};

struct Response {
    long status = 0;
    QByteArray body;
    QByteArray etag;
    qint64 contentLength = -1;
};

/** What an S3 error document says: <Error><Code>..</Code><Message>..</Message></Error>. */
struct S3ErrorText {
    QString code;
    QString message;
};

S3ErrorText errorText(const QByteArray &body)
{
    S3ErrorText text;
    QXmlStreamReader xml(body);
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("Error"))
            continue;
        if (xml.name() == QLatin1String("Code"))
            text.code = xml.readElementText();
        else if (xml.name() == QLatin1String("Message"))
            text.message = xml.readElementText();
        else
            xml.skipCurrentElement();
    }
    return text;
}

bool retryable(long status)
{
    return status == 500 || status == 502 || status == 503 || status == 504 || status == 429;
}

QString encodedSegment(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, "/~"));
}

} // namespace

// ---------------------------------------------------------------------------------------

S3Location S3Location::parse(const QString &url, const QString &endpoint, const QString &region)
{
    if (!url.startsWith(QLatin1String("s3://")))
        throw HubVaultValidationError(QStringLiteral("%1 is not an s3://BUCKET/PREFIX location.").arg(url));
    const QString rest = url.mid(5);
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    S3Location location;
    location.bucket = slash < 0 ? rest : rest.left(slash);
    location.prefix = slash < 0 ? QString() : trimmedSlashes(rest.mid(slash + 1));
    location.endpoint = endpoint;
    while (location.endpoint.endsWith(QLatin1Char('/')))
        location.endpoint.chop(1);
    if (!region.isEmpty())
        location.region = region;
    // S3's bucket naming rules, so that a typo fails here and not as a signature error.
    static const QRegularExpression bucketName(QStringLiteral("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"));
    if (!bucketName.match(location.bucket).hasMatch())
        throw HubVaultValidationError(
            QStringLiteral("\"%1\" is not a valid bucket name (3 to 63 lower-case letters, digits, dots and hyphens).")
                .arg(location.bucket));
    const QUrl parsed(location.endpoint);
    if ((parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https")) || parsed.host().isEmpty())
        throw HubVaultValidationError(QStringLiteral("The endpoint must be an http:// or https:// URL, not \"%1\".").arg(endpoint));
    return location;
}

QString S3Location::url() const
{
    return prefix.isEmpty() ? QStringLiteral("s3://%1").arg(bucket) : QStringLiteral("s3://%1/%2").arg(bucket, prefix);
}

// ---------------------------------------------------------------------------------------

struct S3Client::Impl {
    S3Location location;
    S3Credentials credentials;
    QByteArray sigv4;
    mutable std::mutex poolMutex;
    mutable std::vector<CURL *> idle; ///< handles with their connections kept alive
    mutable std::atomic<qint64> requests{0};

    ~Impl()
    {
        for (CURL *handle : idle)
            curl_easy_cleanup(handle);
    }

    CURL *take() const
    {
        {
            std::lock_guard lock(poolMutex);
            if (!idle.empty()) {
                CURL *handle = idle.back();
                idle.pop_back();
                curl_easy_reset(handle);
                return handle;
            }
        }
        return curl_easy_init();
    }

    void give(CURL *handle) const
    {
        std::lock_guard lock(poolMutex);
        idle.push_back(handle);
    }

    QString key(const QString &name) const { return location.prefix.isEmpty() ? name : location.prefix + QLatin1Char('/') + name; }

    QByteArray urlOf(const Request &request) const
    {
        QString url = location.endpoint + QLatin1Char('/') + location.bucket;
        if (!request.bucketLevel)
            url += QLatin1Char('/') + encodedSegment(key(request.name));
        if (!request.query.isEmpty()) {
            QStringList parts;
            for (const auto &[name, value] : request.query)
                parts.append(QString::fromLatin1(QUrl::toPercentEncoding(name)) + QLatin1Char('=')
                             + QString::fromLatin1(QUrl::toPercentEncoding(value)));
            url += QLatin1Char('?') + parts.join(QLatin1Char('&'));
        }
        return url.toUtf8();
    }

    /** One attempt; false with `failure` set when the transfer itself failed. */
    bool attempt(const Request &request, Response &response, QString &failure) const;
    Response perform(const Request &request) const;
    [[noreturn]] void fail(const Request &request, const Response &response) const;
};

namespace {

struct Transfer {
    const Request *request;
    Response *response;
    qsizetype uploaded = 0;
};

size_t onBody(char *data, size_t size, size_t count, void *context)
{
    auto *transfer = static_cast<Transfer *>(context);
    const size_t length = size * count;
    Response &response = *transfer->response;
    if (response.status / 100 == 2 && transfer->request->sink)
        return transfer->request->sink(data, length) ? length : 0;
    if (response.body.size() + qsizetype(length) <= kMaxErrorBody || (response.status / 100 == 2 && !transfer->request->sink))
        response.body.append(data, qsizetype(length));
    return length;
}

size_t onHeader(char *data, size_t size, size_t count, void *context)
{
    auto *transfer = static_cast<Transfer *>(context);
    const size_t length = size * count;
    const QByteArray line = QByteArray(data, qsizetype(length)).trimmed();
    if (line.startsWith("HTTP/")) {
        // A new status line (after a 100 Continue, or a redirect): start over.
        transfer->response->status = line.split(' ').value(1).toLong();
        transfer->response->body.clear();
        return length;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0) {
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "etag")
            transfer->response->etag = QByteArray(value).replace('"', "");
        else if (name == "content-length")
            transfer->response->contentLength = value.toLongLong();
    }
    return length;
}

size_t onUpload(char *buffer, size_t size, size_t count, void *context)
{
    auto *transfer = static_cast<Transfer *>(context);
    const QByteArray &body = *transfer->request->body;
    const size_t take = std::min(size * count, size_t(body.size() - transfer->uploaded));
    std::memcpy(buffer, body.constData() + transfer->uploaded, take);
    transfer->uploaded += qsizetype(take);
    return take;
}

} // namespace

bool S3Client::Impl::attempt(const Request &request, Response &response, QString &failure) const
{
    ++requests;
    CURL *handle = take();
    if (!handle)
        throw HubVaultError(QStringLiteral("cannot start an S3 request (libcurl)"));
    Transfer transfer{&request, &response};
    const QByteArray url = urlOf(request);
    const QByteArray user = credentials.accessKeyId.toUtf8();
    const QByteArray password = credentials.secretAccessKey.toUtf8();
    curl_slist *headers = nullptr;
    // Signing a hash of the payload would read every uploaded byte once more; the
    // transport's checksums and our own hashes of every pack cover the bytes instead.
    headers = curl_slist_append(headers, "x-amz-content-sha256: UNSIGNED-PAYLOAD");
    if (!credentials.sessionToken.isEmpty())
        headers = curl_slist_append(headers, ("x-amz-security-token: " + credentials.sessionToken.toUtf8()).constData());
    for (const QByteArray &header : request.headers)
        headers = curl_slist_append(headers, header.constData());

    curl_easy_setopt(handle, CURLOPT_URL, url.constData());
    curl_easy_setopt(handle, CURLOPT_AWS_SIGV4, sigv4.constData());
    curl_easy_setopt(handle, CURLOPT_USERNAME, user.constData());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, password.constData());
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 30L);
    // A stalled transfer (under 1 KiB/s for a minute) fails and is retried; a slow one is not.
    curl_easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, 1024L);
    curl_easy_setopt(handle, CURLOPT_LOW_SPEED_TIME, 60L);
    if (request.method == "HEAD") {
        curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
    } else if (request.method == "PUT") {
        curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(handle, CURLOPT_READFUNCTION, onUpload);
        curl_easy_setopt(handle, CURLOPT_READDATA, &transfer);
        curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.body ? request.body->size() : 0));
    } else if (request.method == "POST") {
        curl_easy_setopt(handle, CURLOPT_POST, 1L);
        curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body ? request.body->constData() : "");
        curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body ? request.body->size() : 0));
    } else if (request.method != "GET") {
        curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.constData());
    }
    const CURLcode code = curl_easy_perform(handle);
    curl_slist_free_all(headers);
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response.status);
    give(handle);
    if (code == CURLE_OK)
        return true;
    failure = QString::fromUtf8(curl_easy_strerror(code));
    return false;
}

Response S3Client::Impl::perform(const Request &request) const
{
    const int attempts = request.idempotent ? kAttempts : 1;
    for (int i = 0;; ++i) {
        Response response;
        QString failure;
        const bool transferred = attempt(request, response, failure);
        const bool again = i + 1 < attempts && (!transferred || retryable(response.status));
        if (!again) {
            if (!transferred)
                throw HubVaultRemoteTransportError(
                    QStringLiteral("S3 request to %1 failed: %2; check the endpoint and that the object store runs there").arg(location.endpoint, failure));
            return response;
        }
        QThread::msleep(kBackoffMs[i]);
    }
}

void S3Client::Impl::fail(const Request &request, const Response &response) const
{
    const S3ErrorText text = errorText(response.body);
    const QString what = request.bucketLevel ? location.url() : location.url() + QLatin1Char('/') + request.name;
    const QString detail = text.code.isEmpty() ? QStringLiteral("HTTP %1").arg(response.status)
                                               : QStringLiteral("%1: %2").arg(text.code, text.message);
    if (response.status == 401 || response.status == 403)
        throw HubVaultRemoteAuthError(QStringLiteral("The object store refused the credentials for %1 (%2); check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or the ~/.aws/credentials profile").arg(what, detail));
    if (text.code == QLatin1String("NoSuchBucket"))
        throw HubVaultValidationError(QStringLiteral("The bucket \"%1\" does not exist at %2.").arg(location.bucket, location.endpoint));
    if (response.status == 404)
        throw EntryNotFoundError(QStringLiteral("%1 is not in the object store (%2).").arg(what, detail));
    throw HubVaultRemoteProtocolError(
        QStringLiteral("The object store answered %1 to %2 %3 (%4).").arg(response.status).arg(QString::fromLatin1(request.method), what, detail));
}

/** The store checks what it received against this and refuses damaged bodies (BadDigest). */
static QByteArray contentMd5(const QByteArray &bytes)
{
    Hash md5(Hash::Algorithm::Md5); // OpenSSL's: Qt 6.4's own MD5 is several times slower
    md5.add(bytes);
    return "Content-MD5: " + md5.result().toBase64();
}

// ---------------------------------------------------------------------------------------

S3Client::S3Client(S3Location location, S3Credentials credentials) : d(std::make_unique<Impl>())
{
    initCurlOnce();
    d->location = std::move(location);
    d->credentials = std::move(credentials);
    d->sigv4 = QStringLiteral("aws:amz:%1:s3").arg(d->location.region).toUtf8();
}

S3Client::~S3Client() = default;

const S3Location &S3Client::location() const { return d->location; }

qint64 S3Client::requestCount() const { return d->requests.load(); }

std::optional<S3Object> S3Client::describe(const QString &name) const
{
    Request request;
    request.method = "HEAD";
    request.name = name;
    const Response response = d->perform(request);
    if (response.status == 404)
        return std::nullopt;
    if (response.status != 200)
        d->fail(request, response);
    return S3Object{name, response.contentLength, QString::fromLatin1(response.etag)};
}

QByteArray S3Client::read(const QString &name, qint64 offset, qint64 length) const
{
    QByteArray bytes;
    bytes.reserve(qsizetype(length));
    struct Into : QIODevice {
        QByteArray &target;
        explicit Into(QByteArray &t) : target(t) { open(WriteOnly); }
        qint64 readData(char *, qint64) override { return -1; }
        qint64 writeData(const char *data, qint64 size) override
        {
            target.append(data, qsizetype(size));
            return size;
        }
    } into(bytes);
    readTo(name, offset, length, into);
    return bytes;
}

void S3Client::readTo(const QString &name, qint64 offset, qint64 length, QIODevice &out, const TaskControl &task) const
{
    qint64 received = 0;
    // A connection that breaks mid-range resumes from the byte it stopped at.
    for (int attempt = 0; received < length; ++attempt) {
        task.checkCancelled();
        Request request;
        request.name = name;
        request.headers.append(QStringLiteral("Range: bytes=%1-%2").arg(offset + received).arg(offset + length - 1).toLatin1());
        bool writeFailed = false;
        request.sink = [&](const char *data, size_t size) {
            if (task.cancel.isCancelled())
                return false;
            const qint64 take = std::min<qint64>(qint64(size), length - received);
            if (out.write(data, take) != take) {
                writeFailed = true;
                return false;
            }
            received += take;
            task.report(received, length, QStringLiteral("read"));
            return true;
        };
        Response response;
        QString failure;
        const bool transferred = d->attempt(request, response, failure);
        task.checkCancelled();
        if (writeFailed)
            throw HubVaultError(QStringLiteral("cannot write what was read from %1: %2").arg(name, out.errorString()));
        // 416: the object ends before the range starts (it is shorter than what was written).
        if (transferred && response.status == 416)
            throw IntegrityError(QStringLiteral("%1/%2 ends before byte %3 (%4 bytes from offset %5 were asked for).")
                                     .arg(d->location.url(), name)
                                     .arg(offset + received)
                                     .arg(length)
                                     .arg(offset));
        if (transferred && response.status != 206 && response.status != 200 && !retryable(response.status))
            d->fail(request, response);
        if (transferred && (response.status == 206 || response.status == 200) && received < length)
            throw IntegrityError(QStringLiteral("%1/%2 ended after %3 of %4 bytes from offset %5.")
                                     .arg(d->location.url(), name)
                                     .arg(received)
                                     .arg(length)
                                     .arg(offset));
        if (received >= length)
            break;
        if (attempt + 1 >= kAttempts)
            throw HubVaultRemoteTransportError(QStringLiteral("S3 request to %1 failed: %2; check the endpoint and that the object store runs there")
                                                   .arg(d->location.endpoint, failure.isEmpty() ? QStringLiteral("HTTP %1").arg(response.status) : failure));
        QThread::msleep(kBackoffMs[attempt]);
    }
}

void S3Client::write(const QString &name, const QByteArray &bytes) const
{
    Request request;
    request.method = "PUT";
    request.name = name;
    request.body = &bytes;
    request.headers.append(contentMd5(bytes));
    const Response response = d->perform(request);
    if (response.status != 200)
        d->fail(request, response);
}

QString S3Client::beginUpload(const QString &name) const
{
    Request request;
    request.method = "POST";
    request.name = name;
    request.query = {{QStringLiteral("uploads"), QString()}};
    // A retried start could leave a second, unused upload; gc aborts those (pendingUploads).
    const Response response = d->perform(request);
    if (response.status != 200)
        d->fail(request, response);
    QXmlStreamReader xml(response.body);
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("UploadId"))
            return xml.readElementText();
    }
    throw HubVaultRemoteProtocolError(QStringLiteral("The object store started an upload of %1 without an upload id.").arg(name));
}

QString S3Client::writePart(const QString &name, const QString &uploadId, int partNumber, const QByteArray &bytes) const
{
    Request request;
    request.method = "PUT";
    request.name = name;
    request.query = {{QStringLiteral("partNumber"), QString::number(partNumber)}, {QStringLiteral("uploadId"), uploadId}};
    request.body = &bytes;
    request.headers.append(contentMd5(bytes));
    const Response response = d->perform(request);
    if (response.status != 200)
        d->fail(request, response);
    if (response.etag.isEmpty())
        throw HubVaultRemoteProtocolError(QStringLiteral("The object store took part %1 of %2 without an ETag.").arg(partNumber).arg(name));
    return QString::fromLatin1(response.etag);
}

void S3Client::finishUpload(const QString &name, const QString &uploadId, const QStringList &partEtags) const
{
    QByteArray body = "<CompleteMultipartUpload>";
    for (int i = 0; i < partEtags.size(); ++i)
        body += "<Part><PartNumber>" + QByteArray::number(i + 1) + "</PartNumber><ETag>\"" + partEtags.at(i).toLatin1()
                + "\"</ETag></Part>";
    body += "</CompleteMultipartUpload>";
    Request request;
    request.method = "POST";
    request.name = name;
    request.query = {{QStringLiteral("uploadId"), uploadId}};
    request.headers.append("Content-Type: application/xml");
    request.body = &body;
    const Response response = d->perform(request);
    // S3 may report a failed completion inside a 200 answer.
    if (response.status != 200 || response.body.contains("<Error>"))
        d->fail(request, response);
}

void S3Client::abortUpload(const QString &name, const QString &uploadId) const
{
    Request request;
    request.method = "DELETE";
    request.name = name;
    request.query = {{QStringLiteral("uploadId"), uploadId}};
    const Response response = d->perform(request);
    if (response.status != 204 && response.status != 200 && response.status != 404)
        d->fail(request, response);
}

QList<S3Upload> S3Client::pendingUploads() const
{
    QList<S3Upload> uploads;
    const QString keyPrefix = d->location.prefix.isEmpty() ? QString() : d->location.prefix + QLatin1Char('/');
    QString keyMarker, uploadIdMarker;
    for (bool more = true; more;) {
        Request request;
        request.bucketLevel = true;
        request.query = {{QStringLiteral("key-marker"), keyMarker}, {QStringLiteral("prefix"), keyPrefix},
                         {QStringLiteral("upload-id-marker"), uploadIdMarker}, {QStringLiteral("uploads"), QString()}};
        const Response response = d->perform(request);
        if (response.status != 200)
            d->fail(request, response);
        more = false;
        QXmlStreamReader xml(response.body);
        S3Upload current;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                if (xml.name() == QLatin1String("Key"))
                    current.name = xml.readElementText().mid(keyPrefix.size());
                else if (xml.name() == QLatin1String("UploadId"))
                    current.uploadId = xml.readElementText();
                else if (xml.name() == QLatin1String("IsTruncated"))
                    more = xml.readElementText() == QLatin1String("true");
                else if (xml.name() == QLatin1String("NextKeyMarker"))
                    keyMarker = xml.readElementText();
                else if (xml.name() == QLatin1String("NextUploadIdMarker"))
                    uploadIdMarker = xml.readElementText();
            } else if (xml.isEndElement() && xml.name() == QLatin1String("Upload")) {
                uploads.append(current);
                current = {};
            }
        }
    }
    return uploads;
}

QList<S3Object> S3Client::list(const QString &namePrefix) const
{
    QList<S3Object> objects;
    const QString keyPrefix = d->location.prefix.isEmpty() ? QString() : d->location.prefix + QLatin1Char('/');
    QString token;
    for (bool more = true; more;) {
        Request request;
        request.bucketLevel = true;
        request.query = {{QStringLiteral("list-type"), QStringLiteral("2")}, {QStringLiteral("prefix"), keyPrefix + namePrefix}};
        if (!token.isEmpty())
            request.query.prepend({QStringLiteral("continuation-token"), token});
        const Response response = d->perform(request);
        if (response.status != 200)
            d->fail(request, response);
        more = false;
        token.clear();
        QXmlStreamReader xml(response.body);
        S3Object current;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                if (xml.name() == QLatin1String("Key"))
                    current.name = xml.readElementText().mid(keyPrefix.size());
                else if (xml.name() == QLatin1String("Size"))
                    current.size = xml.readElementText().toLongLong();
                else if (xml.name() == QLatin1String("ETag"))
                    current.etag = xml.readElementText().remove(QLatin1Char('"'));
                else if (xml.name() == QLatin1String("IsTruncated"))
                    more = xml.readElementText() == QLatin1String("true");
                else if (xml.name() == QLatin1String("NextContinuationToken"))
                    token = xml.readElementText();
            } else if (xml.isEndElement() && xml.name() == QLatin1String("Contents")) {
                objects.append(current);
                current = {};
            }
        }
        more = more && !token.isEmpty();
    }
    return objects;
}

void S3Client::remove(const QString &name) const
{
    Request request;
    request.method = "DELETE";
    request.name = name;
    const Response response = d->perform(request);
    if (response.status != 204 && response.status != 200 && response.status != 404)
        d->fail(request, response);
}

void S3Client::createBucket() const
{
    Request request;
    request.method = "PUT";
    request.bucketLevel = true;
    const QByteArray empty;
    request.body = &empty;
    const Response response = d->perform(request);
    if (response.status == 200)
        return;
    if (errorText(response.body).code == QLatin1String("BucketAlreadyOwnedByYou"))
        return;
    d->fail(request, response);
}

} // namespace hubvault::objectstore
