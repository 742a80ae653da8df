#include "Hash.h"

#include <openssl/evp.h>
#include <stdexcept>

namespace hubvault {

struct Hash::Ctx {
    EVP_MD_CTX *md = nullptr;
    ~Ctx() { EVP_MD_CTX_free(md); }
};

namespace {

/**
 * The digest implementations, fetched once: EVP_sha256() makes every EVP_DigestInit_ex
 * look the algorithm up again under a lock, which costs as much as hashing a small file.
 */
const EVP_MD *fetched(Hash::Algorithm algorithm)
{
    static EVP_MD *const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    static EVP_MD *const sha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
    static EVP_MD *const md5 = EVP_MD_fetch(nullptr, "MD5", nullptr);
    switch (algorithm) {
    case Hash::Algorithm::Sha256:
        return sha256 ? sha256 : EVP_sha256();
    case Hash::Algorithm::Sha1:
        return sha1 ? sha1 : EVP_sha1();
    case Hash::Algorithm::Md5:
        return md5 ? md5 : EVP_md5();
    }
    return EVP_sha256();
}

} // namespace

Hash::Hash(Algorithm algorithm) : m_ctx(std::make_unique<Ctx>())
{
    m_ctx->md = EVP_MD_CTX_new();
    const EVP_MD *type = fetched(algorithm);
    if (!m_ctx->md || EVP_DigestInit_ex(m_ctx->md, type, nullptr) != 1)
        throw std::runtime_error("OpenSSL digest initialisation failed");
}

Hash::~Hash() = default;

void Hash::add(QByteArrayView data)
{
    if (!data.isEmpty())
        EVP_DigestUpdate(m_ctx->md, data.data(), size_t(data.size()));
}

QByteArray Hash::result()
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx->md, out, &len);
    return QByteArray(reinterpret_cast<const char *>(out), int(len));
}

QByteArray Hash::sha256Hex(QByteArrayView data)
{
    Hash h(Algorithm::Sha256);
    h.add(data);
    return h.hexResult();
}

QByteArray Hash::sha256Hex(QIODevice &device)
{
    Hash h(Algorithm::Sha256);
    while (!device.atEnd()) {
        const QByteArray block = device.read(1 << 20);
        if (block.isEmpty())
            break;
        h.add(block);
    }
    return h.hexResult();
}

QByteArray Hash::sha1Hex(QByteArrayView data)
{
    Hash h(Algorithm::Sha1);
    h.add(data);
    return h.hexResult();
}

QString Hash::prefixedSha256(QByteArrayView data)
{
    return QStringLiteral("sha256:") + QString::fromLatin1(sha256Hex(data));
}

} // namespace hubvault
