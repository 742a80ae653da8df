#pragma once
// Token authentication (SERVER.md §2): which token a request carries and what it grants.
// Tokens are compared in constant time and never logged.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace hubvault::server {

enum class Access { None, ReadOnly, ReadWrite };

/** "ro" / "rw", as the wire says it. */
QString accessName(Access access);

class TokenSet {
public:
    /** Trims, drops blanks and duplicates; a token given as both is read-write. */
    TokenSet(const QStringList &readOnly, const QStringList &readWrite);
    bool isEmpty() const { return m_tokens.isEmpty(); }
    /** What `token` grants; Access::None for an unknown token. */
    Access check(const QByteArray &token) const;

private:
    struct Token {
        QByteArray value;
        Access access;
    };
    QList<Token> m_tokens;
};

/** The headers and query a token may come from (already extracted from the request). */
struct TokenSources {
    std::optional<QByteArray> hubvaultHeader; ///< X-HubVault-Token, when present
    std::optional<QByteArray> authorization;  ///< Authorization, when present
    std::optional<QByteArray> queryToken;     ///< ?token=, when present
};

/** The token of a request by the original's precedence; empty when there is none. */
QByteArray extractToken(const TokenSources &sources, bool writeRoute);

} // namespace hubvault::server
