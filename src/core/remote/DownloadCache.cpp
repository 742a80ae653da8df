// The remote client's download cache (see DownloadCache.h).
#include "DownloadCache.h"
#include "Hash.h"

#include <hubvault/Errors.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace hubvault::remote::cache {

namespace {

/** Forwards writes to the file being saved and hashes them on the way. */
class HashingSink : public QIODevice {
public:
    explicit HashingSink(QSaveFile &file) : m_file(file), m_hash(Hash::Algorithm::Sha256) { open(WriteOnly | Unbuffered); }
    QByteArray hexDigest() { return m_hash.hexResult(); }
    qint64 written() const { return m_written; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        const qint64 n = m_file.write(data, size);
        if (n != size) {
            setErrorString(m_file.errorString());
            return -1;
        }
        m_hash.add(QByteArrayView(data, size));
        m_written += size;
        return size;
    }

private:
    QSaveFile &m_file;
    Hash m_hash;
    qint64 m_written = 0;
};

} // namespace

QString root(const QString &configured)
{
    if (!configured.isEmpty())
        return configured;
    const QString env = qEnvironmentVariable("HUBVAULT_REMOTE_CACHE_DIR");
    if (!env.isEmpty())
        return env;
    const QString xdg = qEnvironmentVariable("XDG_CACHE_HOME");
    const QString base = xdg.isEmpty() ? QDir::homePath() + QStringLiteral("/.cache") : xdg;
    return base + QStringLiteral("/hubvault/remote");
}

QString endpointKey(const QString &baseUrl)
{
    QString url = baseUrl;
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return QString::fromLatin1(QCryptographicHash::hash(url.toUtf8(), QCryptographicHash::Sha256).toHex().left(16));
}

QString safeName(const QString &name)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    QString out = name;
    out.replace(unsafe, QStringLiteral("_"));
    while (!out.isEmpty() && (out.front() == QLatin1Char('.') || out.front() == QLatin1Char('_')))
        out.remove(0, 1);
    while (!out.isEmpty() && (out.back() == QLatin1Char('.') || out.back() == QLatin1Char('_')))
        out.chop(1);
    return out.isEmpty() ? QStringLiteral("default") : out;
}

bool isFresh(const QString &path, qint64 size, const QString &sha256)
{
    const QFileInfo info(path);
    if (!info.isFile() || info.size() != size)
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return QString::fromLatin1(Hash::sha256Hex(file)) == sha256;
}

void download(const HttpSession &session, HttpRequest request, const QString &target, qint64 size,
              const QString &sha256)
{
    if (!QDir().mkpath(QFileInfo(target).absolutePath()))
        throw HubVaultError(QStringLiteral("cannot create the folder of %1").arg(target));
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly))
        throw HubVaultError(QStringLiteral("cannot write %1: %2").arg(target, file.errorString()));
    HashingSink sink(file);
    request.sink = &sink;
    session.send(request);
    if (sink.written() != size || QString::fromLatin1(sink.hexDigest()) != sha256) {
        file.cancelWriting();
        throw IntegrityError(QStringLiteral("downloaded %1 does not match its recorded size and sha256").arg(target));
    }
    if (!file.commit())
        throw HubVaultError(QStringLiteral("cannot write %1: %2").arg(target, file.errorString()));
}

} // namespace hubvault::remote::cache
