// Token extraction and constant-time comparison (see Auth.h).
#include "Auth.h"

#include <openssl/crypto.h>

namespace hubvault::server {

QString accessName(Access access)
{
    return access == Access::ReadWrite ? QStringLiteral("rw") : QStringLiteral("ro");
}

TokenSet::TokenSet(const QStringList &readOnly, const QStringList &readWrite)
{
    auto add = [this](const QString &raw, Access access) {
        const QByteArray value = raw.trimmed().toUtf8();
        if (value.isEmpty())
            return;
        for (Token &token : m_tokens) {
            if (token.value == value) {
                if (access == Access::ReadWrite)
                    token.access = access;
                return;
            }
        }
        m_tokens.append({value, access});
    };
    for (const QString &token : readOnly)
        add(token, Access::ReadOnly);
    for (const QString &token : readWrite)
        add(token, Access::ReadWrite);
}

Access TokenSet::check(const QByteArray &token) const
{
    // Every known token is compared, whatever matched, so the time taken says nothing
    // about which token or which prefix was right.
    Access found = Access::None;
    for (const Token &known : m_tokens) {
        const bool sameLength = known.value.size() == token.size();
        const QByteArray &other = sameLength ? token : known.value;
        const bool equal = CRYPTO_memcmp(known.value.constData(), other.constData(), size_t(known.value.size())) == 0;
        if (sameLength && equal)
            found = known.access;
    }
    return found;
}

QByteArray extractToken(const TokenSources &sources, bool writeRoute)
{
    if (sources.hubvaultHeader && !sources.hubvaultHeader->isEmpty())
        return sources.hubvaultHeader->trimmed(); // whitespace only: no token, no fallback
    if (sources.authorization) {
        const QByteArray value = sources.authorization->trimmed();
        const int space = value.indexOf(' ');
        if (space > 0 && value.left(space).toLower() == "bearer") {
            const QByteArray token = value.mid(space + 1).trimmed();
            if (!token.isEmpty())
                return token;
        }
    }
    if (!writeRoute && sources.queryToken)
        return sources.queryToken->trimmed();
    return {};
}

} // namespace hubvault::server
