// The process-wide record of verified byte ranges (see VerifiedRanges.h).
#include "VerifiedRanges.h"

#include <cstring>

namespace hubvault {

VerifiedRanges &VerifiedRanges::instance()
{
    static VerifiedRanges record;
    return record;
}

VerifiedRanges::VerifiedRanges(size_t capacity) : m_generationSize(qMax<size_t>(1, capacity / 2)) {}

size_t VerifiedRanges::KeyHash::operator()(const Key &key) const
{
    // The digest is already uniformly distributed; mix in where the bytes live.
    size_t h;
    std::memcpy(&h, key.digest.data(), sizeof h);
    auto mix = [&h](quint64 v) { h ^= size_t(v) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
    mix(key.file.inode);
    mix(quint64(key.offset));
    mix(quint64(key.length));
    return h;
}

bool VerifiedRanges::contains(const FileIdentity &file, qint64 offset, qint64 length, const Digest &digest)
{
    const Key key{file, offset, length, digest};
    std::lock_guard lock(m_mutex);
    if (m_current.count(key))
        return true;
    if (!m_previous.count(key))
        return false;
    m_previous.erase(key);
    if (m_current.size() >= m_generationSize) {
        m_previous = std::move(m_current);
        m_current.clear();
    }
    m_current.insert(key);
    return true;
}

void VerifiedRanges::insert(const FileIdentity &file, qint64 offset, qint64 length, const Digest &digest)
{
    const Key key{file, offset, length, digest};
    std::lock_guard lock(m_mutex);
    if (m_current.count(key))
        return;
    if (m_current.size() >= m_generationSize) {
        m_previous = std::move(m_current);
        m_current.clear();
    }
    m_current.insert(key);
}

void VerifiedRanges::clear()
{
    std::lock_guard lock(m_mutex);
    m_current.clear();
    m_previous.clear();
}

size_t VerifiedRanges::size()
{
    std::lock_guard lock(m_mutex);
    return m_current.size() + m_previous.size();
}

bool VerifiedRanges::parseDigest(QByteArrayView text, Digest *out)
{
    if (text.startsWith("sha256:"))
        text = text.sliced(7);
    if (text.size() != 64)
        return false;
    // Lowercase hex only, as every id and checksum of the format is written.
    static const auto table = [] {
        std::array<signed char, 256> t;
        t.fill(-1);
        for (int c = '0'; c <= '9'; ++c)
            t[size_t(c)] = static_cast<signed char>(c - '0');
        for (int c = 'a'; c <= 'f'; ++c)
            t[size_t(c)] = static_cast<signed char>(c - 'a' + 10);
        return t;
    }();
    const auto *hex = reinterpret_cast<const unsigned char *>(text.data());
    int bad = 0;
    for (size_t i = 0; i < 32; ++i) {
        const int hi = table[hex[2 * i]], lo = table[hex[2 * i + 1]];
        bad |= hi | lo; // negative when either is not a hex digit
        (*out)[i] = static_cast<unsigned char>(hi << 4 | lo);
    }
    return bad >= 0;
}

bool VerifiedRanges::parseDigest(const QString &text, Digest *out)
{
    return parseDigest(QByteArrayView(text.toLatin1()), out);
}

} // namespace hubvault
