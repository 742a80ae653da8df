#pragma once
// Shell-style path patterns with the exact semantics of Python 3.11's
// fnmatch.fnmatchcase, which hubvault 0.0.2 uses for allow/ignore patterns
// (docs/format.md 9.2; fnmatch.fnmatch is fnmatchcase on POSIX).
//
//   *       any run of characters, '/' and newlines included
//   ?       exactly one character (one Unicode code point, not one UTF-16 unit)
//   [seq]   one character from seq; a-z style ranges; ']' first is literal
//   [!seq]  one character not in seq
//   a '[' without a closing ']' is a literal '['; there is no escaping.
// Quirks of fnmatch.translate are kept on purpose: a reversed range such as
// [z-a] is dropped (so "[z-a]" never matches and "[!z-a]" matches anything),
// and a '-' right after a range or at either end of the set is literal.
// Matching is case-sensitive.

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace hubvault {

/** A compiled fnmatch pattern; also offers one-shot static helpers. */
class FnMatch {
public:
    explicit FnMatch(const QString &pattern);

    /** fnmatchcase(name, pattern()) */
    bool matches(const QString &name) const;
    const QString &pattern() const { return m_pattern; }

    /** fnmatchcase(name, pattern); compiled patterns are cached per thread. */
    static bool match(const QString &name, const QString &pattern);
    /** True when any of the patterns matches; false for an empty list. */
    static bool matchAny(const QString &name, const QStringList &patterns);

private:
    enum class Kind { Literal, AnyChar, Star, Class, Never };
    struct Token {
        Kind kind;
        char32_t ch = 0;     // Literal
        int classIndex = -1; // Class
    };
    struct CharClass {
        bool negated = false;
        std::vector<std::pair<char32_t, char32_t>> ranges; // inclusive; singles are [c, c]
        bool contains(char32_t c) const;
    };

    static const FnMatch &compiled(const QString &pattern);
    bool matchesCodePoints(const QList<uint> &name) const;
    bool tokenMatches(const Token &token, char32_t c) const;

    QString m_pattern;
    std::vector<Token> m_tokens;
    std::vector<CharClass> m_classes;
};

} // namespace hubvault
