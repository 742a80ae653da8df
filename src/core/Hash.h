#pragma once
// Streaming SHA-256 / SHA-1 over OpenSSL EVP (uses SHA-NI where the CPU has it).

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>
#include <QString>
#include <memory>

namespace hubvault {

/** Incremental digest. `Sha256` for content and object ids, `Sha1` for Git ids, `Md5` for S3's Content-MD5. */
class Hash {
public:
    enum class Algorithm { Sha256, Sha1, Md5 };
    explicit Hash(Algorithm algorithm);
    ~Hash();
    Hash(const Hash &) = delete;
    Hash &operator=(const Hash &) = delete;

    void add(QByteArrayView data);
    /** Raw digest bytes; the object cannot be reused afterwards. */
    QByteArray result();
    QByteArray hexResult() { return result().toHex(); }

    static QByteArray sha256Hex(QByteArrayView data);
    /** SHA-256 hex of everything left in `device`, read in bounded blocks. */
    static QByteArray sha256Hex(QIODevice &device);
    static QByteArray sha1Hex(QByteArrayView data);
    /** "sha256:" + hex, the form of object ids, chunk ids and checksums. */
    static QString prefixedSha256(QByteArrayView data);

private:
    struct Ctx;
    std::unique_ptr<Ctx> m_ctx;
};

} // namespace hubvault
