#include <hubvault/FnMatch.h>

#include <QHash>

#include <string>

namespace hubvault {

namespace {

using U32 = std::u32string;

// str.replace for one code point.
U32 escaped(const U32 &text, char32_t what)
{
    U32 out;
    out.reserve(text.size());
    for (char32_t c : text) {
        if (c == what)
            out.push_back(U'\\');
        out.push_back(c);
    }
    return out;
}

// The body of the regex character set fnmatch.translate emits for the text
// between '[' and ']' (pat[i:j]), before the '!' -> '^' rewrite. Building the
// same escaped string and then reading it the way Python's re does keeps every
// corner of translate's range handling identical instead of re-deriving it.
U32 translateSetBody(const U32 &pat, size_t i, size_t j)
{
    const U32 stuff = pat.substr(i, j - i);
    U32 body;
    if (stuff.find(U'-') == U32::npos) {
        body = escaped(stuff, U'\\');
    } else {
        auto find = [&pat](size_t from, size_t to) -> size_t {
            for (size_t q = from; q < to; ++q) {
                if (pat[q] == U'-')
                    return q;
            }
            return U32::npos;
        };
        std::vector<U32> chunks;
        size_t k = pat[i] == U'!' ? i + 2 : i + 1;
        while (true) {
            k = find(k, j);
            if (k == U32::npos)
                break;
            chunks.push_back(pat.substr(i, k - i));
            i = k + 1;
            k = k + 3;
        }
        const U32 chunk = pat.substr(i, j - i);
        if (!chunk.empty())
            chunks.push_back(chunk);
        else
            chunks.back().push_back(U'-');
        // Drop reversed ranges (invalid in a regex) by fusing their chunks.
        for (size_t r = chunks.size() - 1; r >= 1; --r) {
            if (!chunks[r - 1].empty() && !chunks[r].empty()
                && chunks[r - 1].back() > chunks[r].front()) {
                chunks[r - 1] = chunks[r - 1].substr(0, chunks[r - 1].size() - 1) + chunks[r].substr(1);
                chunks.erase(chunks.begin() + std::ptrdiff_t(r));
            }
        }
        for (size_t r = 0; r < chunks.size(); ++r) {
            if (r)
                body.push_back(U'-');
            body += escaped(escaped(chunks[r], U'\\'), U'-');
        }
    }
    // Set operations (&&, ~~, ||) are escaped; a backslash before punctuation
    // is a plain literal to re, so this only matters for faithfulness.
    U32 out;
    for (char32_t c : body) {
        if (c == U'&' || c == U'~' || c == U'|')
            out.push_back(U'\\');
        out.push_back(c);
    }
    return out;
}

} // namespace

bool FnMatch::CharClass::contains(char32_t c) const
{
    bool hit = false;
    for (const auto &[lo, hi] : ranges) {
        if (lo <= c && c <= hi) {
            hit = true;
            break;
        }
    }
    return hit != negated;
}

FnMatch::FnMatch(const QString &pattern)
    : m_pattern(pattern)
{
    U32 pat;
    for (uint cp : pattern.toUcs4())
        pat.push_back(char32_t(cp));

    const size_t n = pat.size();
    size_t i = 0;
    while (i < n) {
        const char32_t c = pat[i];
        ++i;
        if (c == U'*') {
            if (m_tokens.empty() || m_tokens.back().kind != Kind::Star)
                m_tokens.push_back({Kind::Star});
        } else if (c == U'?') {
            m_tokens.push_back({Kind::AnyChar});
        } else if (c == U'[') {
            size_t j = i;
            if (j < n && pat[j] == U'!')
                ++j;
            if (j < n && pat[j] == U']')
                ++j;
            while (j < n && pat[j] != U']')
                ++j;
            if (j >= n) {
                // No closing bracket: the '[' is literal and scanning resumes
                // right after it.
                m_tokens.push_back({Kind::Literal, U'['});
                continue;
            }
            U32 stuff = translateSetBody(pat, i, j);
            i = j + 1;
            if (stuff.empty()) {
                m_tokens.push_back({Kind::Never});
                continue;
            }
            if (stuff == U"!") {
                m_tokens.push_back({Kind::AnyChar});
                continue;
            }

            // Read "[<stuff>]" the way re's set parser does.
            CharClass cls;
            size_t pos = 0;
            if (stuff[0] == U'!') {
                cls.negated = true;
                pos = 1;
            }
            // translate escapes a leading '^' or '[', i.e. keeps them literal;
            // reading them as plain characters here is equivalent.
            auto next = [&stuff, &pos]() {
                char32_t ch = stuff[pos++];
                if (ch == U'\\' && pos < stuff.size())
                    ch = stuff[pos++];
                return ch;
            };
            while (pos < stuff.size()) {
                const char32_t lo = next();
                if (pos < stuff.size() && stuff[pos] == U'-') {
                    ++pos;
                    if (pos >= stuff.size()) {
                        // "x-]": the '-' is literal.
                        cls.ranges.push_back({lo, lo});
                        cls.ranges.push_back({U'-', U'-'});
                        break;
                    }
                    const char32_t hi = next();
                    // translate never leaves a reversed range; Python would
                    // raise, an empty range is the harmless equivalent.
                    if (lo <= hi)
                        cls.ranges.push_back({lo, hi});
                } else {
                    cls.ranges.push_back({lo, lo});
                }
            }
            m_classes.push_back(std::move(cls));
            m_tokens.push_back({Kind::Class, 0, int(m_classes.size()) - 1});
        } else {
            m_tokens.push_back({Kind::Literal, c});
        }
    }
}

bool FnMatch::tokenMatches(const Token &token, char32_t c) const
{
    switch (token.kind) {
    case Kind::Literal:
        return token.ch == c;
    case Kind::AnyChar:
        return true; // translate's regex is DOTALL: '?' also matches '\n'
    case Kind::Class:
        return m_classes[size_t(token.classIndex)].contains(c);
    case Kind::Star:
    case Kind::Never:
        return false;
    }
    return false;
}

bool FnMatch::matchesCodePoints(const QList<uint> &name) const
{
    // Every token but '*' consumes exactly one code point, so the classic
    // "resume after the last star" backtracking is exact, and it equals the
    // regex's ".*" / atomic "(?>.*?fixed)" reading of stars.
    const size_t tokenCount = m_tokens.size();
    const size_t len = size_t(name.size());
    size_t t = 0;
    size_t s = 0;
    size_t starToken = size_t(-1);
    size_t starPos = 0;
    while (s < len) {
        if (t < tokenCount && m_tokens[t].kind == Kind::Star) {
            starToken = t++;
            starPos = s;
        } else if (t < tokenCount && tokenMatches(m_tokens[t], char32_t(name[qsizetype(s)]))) {
            ++t;
            ++s;
        } else if (starToken != size_t(-1)) {
            t = starToken + 1;
            s = ++starPos;
        } else {
            return false;
        }
    }
    while (t < tokenCount && m_tokens[t].kind == Kind::Star)
        ++t;
    return t == tokenCount;
}

bool FnMatch::matches(const QString &name) const
{
    return matchesCodePoints(name.toUcs4());
}

namespace {

// Python keeps an lru_cache of compiled patterns; a per-thread map does the
// same job without locking. Cleared wholesale when it grows past a bound so
// callers with unbounded pattern sets cannot grow it forever.
constexpr qsizetype kCacheLimit = 1024;

} // namespace

const FnMatch &FnMatch::compiled(const QString &pattern)
{
    thread_local QHash<QString, FnMatch> cache;
    auto it = cache.constFind(pattern);
    if (it == cache.constEnd()) {
        if (cache.size() >= kCacheLimit)
            cache.clear();
        it = cache.insert(pattern, FnMatch(pattern));
    }
    return *it;
}

bool FnMatch::match(const QString &name, const QString &pattern)
{
    return compiled(pattern).matches(name);
}

bool FnMatch::matchAny(const QString &name, const QStringList &patterns)
{
    if (patterns.isEmpty())
        return false;
    const QList<uint> codePoints = name.toUcs4();
    for (const QString &pattern : patterns) {
        // The reference is used before the next lookup can clear the cache.
        if (compiled(pattern).matchesCodePoints(codePoints))
            return true;
    }
    return false;
}

} // namespace hubvault
