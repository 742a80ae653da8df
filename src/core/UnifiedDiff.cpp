#include <hubvault/UnifiedDiff.h>

#include <QHash>

#include <algorithm>
#include <tuple>
#include <utility>

namespace hubvault {

namespace {

// Python slice a[start:stop] on a sequence of length len, as a half-open index
// range. Only negative context sizes ever produce negative or crossed bounds,
// but the port keeps Python's wrap-around so even those match the original.
std::pair<int, int> pySlice(int len, int start, int stop)
{
    auto norm = [len](int index) {
        if (index < 0) {
            index += len;
            if (index < 0)
                index = 0;
        }
        return std::min(index, len);
    };
    const int s = norm(start);
    const int e = norm(stop);
    return {s, std::max(s, e)};
}

bool isPythonLineBreak(char16_t c)
{
    switch (c) {
    case u'\n':
    case u'\r':
    case 0x0b:
    case 0x0c:
    case 0x1c:
    case 0x1d:
    case 0x1e:
    case 0x85:
    case 0x2028:
    case 0x2029:
        return true;
    default:
        return false;
    }
}

} // namespace

// ---------------------------------------------------------------------------
// SequenceMatcher

namespace {

// Scratch rows for find_longest_match's j2len dictionaries. Kept per thread and
// reset through the touched-index lists, so repeated calls on big inputs do
// not pay O(len(b)) each.
struct J2LenScratch {
    std::vector<int> prev;
    std::vector<int> cur;
    std::vector<int> prevTouched;
    std::vector<int> curTouched;

    void ensureSize(size_t size)
    {
        if (prev.size() < size) {
            prev.assign(size, 0);
            cur.assign(size, 0);
        }
    }
};

thread_local J2LenScratch t_scratch;

} // namespace

SequenceMatcher::SequenceMatcher(const QStringList &a, const QStringList &b)
{
    QHash<QString, int> ids;
    ids.reserve(a.size() + b.size());
    auto intern = [&ids](const QString &line) {
        auto it = ids.constFind(line);
        if (it != ids.constEnd())
            return it.value();
        const int id = int(ids.size());
        ids.insert(line, id);
        return id;
    };
    m_b.reserve(size_t(b.size()));
    for (const QString &line : b)
        m_b.push_back(intern(line));
    m_a.reserve(size_t(a.size()));
    for (const QString &line : a)
        m_a.push_back(intern(line));

    // __chain_b: b2j maps each line to its ascending positions in b.
    m_b2j.resize(size_t(ids.size()));
    for (int j = 0; j < int(m_b.size()); ++j)
        m_b2j[size_t(m_b[size_t(j)])].push_back(j);

    // autojunk: in a b of 200+ lines, a line occurring more than 1% + 1 times is
    // "popular" and dropped from b2j (it can still extend a match, see below).
    const int n = int(m_b.size());
    if (n >= 200) {
        const size_t ntest = size_t(n / 100 + 1);
        for (auto &positions : m_b2j) {
            if (positions.size() > ntest)
                positions.clear();
        }
    }
}

SequenceMatcher::Match SequenceMatcher::findLongestMatch(int alo, int ahi, int blo, int bhi) const
{
    int besti = alo;
    int bestj = blo;
    int bestsize = 0;

    // Row i of the DP: len at index j+1 = length of the match ending at
    // a[i], b[j]; index 0 stands for "j == -1" and always holds 0.
    J2LenScratch &s = t_scratch;
    s.ensureSize(m_b.size() + 1);
    s.prevTouched.clear();
    for (int i = alo; i < ahi; ++i) {
        s.curTouched.clear();
        for (int j : m_b2j[size_t(m_a[size_t(i)])]) {
            if (j < blo)
                continue;
            if (j >= bhi)
                break;
            const int k = s.prev[size_t(j)] + 1;
            s.cur[size_t(j) + 1] = k;
            s.curTouched.push_back(j + 1);
            // Strictly greater: the earliest (i, then j) longest match wins,
            // which is what makes the output identical to Python's.
            if (k > bestsize) {
                besti = i - k + 1;
                bestj = j - k + 1;
                bestsize = k;
            }
        }
        for (int index : s.prevTouched)
            s.prev[size_t(index)] = 0;
        std::swap(s.prev, s.cur);
        std::swap(s.prevTouched, s.curTouched);
    }
    for (int index : s.prevTouched)
        s.prev[size_t(index)] = 0;
    s.prevTouched.clear();

    // Extend across equal lines b2j did not index (the popular ones). There
    // is no isjunk, so bjunk is empty and Python's junk-extension loops never
    // fire.
    while (besti > alo && bestj > blo && m_a[size_t(besti - 1)] == m_b[size_t(bestj - 1)]) {
        --besti;
        --bestj;
        ++bestsize;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi
           && m_a[size_t(besti + bestsize)] == m_b[size_t(bestj + bestsize)]) {
        ++bestsize;
    }
    return {besti, bestj, bestsize};
}

const std::vector<SequenceMatcher::Match> &SequenceMatcher::matchingBlocks()
{
    if (m_haveBlocks)
        return m_matchingBlocks;

    const int la = int(m_a.size());
    const int lb = int(m_b.size());
    struct Range {
        int alo, ahi, blo, bhi;
    };
    std::vector<Range> queue{{0, la, 0, lb}};
    std::vector<Match> blocks;
    while (!queue.empty()) {
        const Range r = queue.back();
        queue.pop_back();
        const Match m = findLongestMatch(r.alo, r.ahi, r.blo, r.bhi);
        if (m.size) {
            blocks.push_back(m);
            if (r.alo < m.a && r.blo < m.b)
                queue.push_back({r.alo, m.a, r.blo, m.b});
            if (m.a + m.size < r.ahi && m.b + m.size < r.bhi)
                queue.push_back({m.a + m.size, r.ahi, m.b + m.size, r.bhi});
        }
    }
    std::sort(blocks.begin(), blocks.end(), [](const Match &x, const Match &y) {
        return std::tie(x.a, x.b, x.size) < std::tie(y.a, y.b, y.size);
    });

    // Collapse adjacent blocks, as Python does since 2.5.
    int i1 = 0, j1 = 0, k1 = 0;
    for (const Match &m : blocks) {
        if (i1 + k1 == m.a && j1 + k1 == m.b) {
            k1 += m.size;
        } else {
            if (k1)
                m_matchingBlocks.push_back({i1, j1, k1});
            i1 = m.a;
            j1 = m.b;
            k1 = m.size;
        }
    }
    if (k1)
        m_matchingBlocks.push_back({i1, j1, k1});
    m_matchingBlocks.push_back({la, lb, 0});
    m_haveBlocks = true;
    return m_matchingBlocks;
}

const std::vector<SequenceMatcher::Opcode> &SequenceMatcher::opcodes()
{
    if (m_haveOpcodes)
        return m_opcodes;
    int i = 0, j = 0;
    for (const Match &m : matchingBlocks()) {
        if (i < m.a && j < m.b)
            m_opcodes.push_back({Tag::Replace, i, m.a, j, m.b});
        else if (i < m.a)
            m_opcodes.push_back({Tag::Delete, i, m.a, j, m.b});
        else if (j < m.b)
            m_opcodes.push_back({Tag::Insert, i, m.a, j, m.b});
        i = m.a + m.size;
        j = m.b + m.size;
        if (m.size)
            m_opcodes.push_back({Tag::Equal, m.a, i, m.b, j});
    }
    m_haveOpcodes = true;
    return m_opcodes;
}

std::vector<std::vector<SequenceMatcher::Opcode>> SequenceMatcher::groupedOpcodes(int n)
{
    // Python's integers do not overflow; bounding n keeps the index arithmetic
    // below in int range. Any n beyond the sequence lengths behaves the same,
    // so only absurd negative contexts (< -2^28) could differ from Python.
    n = std::clamp(n, -(1 << 28), 1 << 28);
    std::vector<Opcode> codes = opcodes();
    if (codes.empty())
        codes.push_back({Tag::Equal, 0, 1, 0, 1});
    // Trim unchanged runs at both ends down to n lines of context.
    if (codes.front().tag == Tag::Equal) {
        Opcode &c = codes.front();
        c.i1 = std::max(c.i1, c.i2 - n);
        c.j1 = std::max(c.j1, c.j2 - n);
    }
    if (codes.back().tag == Tag::Equal) {
        Opcode &c = codes.back();
        c.i2 = std::min(c.i2, c.i1 + n);
        c.j2 = std::min(c.j2, c.j1 + n);
    }

    const int nn = n + n;
    std::vector<std::vector<Opcode>> groups;
    std::vector<Opcode> group;
    for (Opcode c : codes) {
        // A long unchanged run closes the current hunk and opens the next.
        if (c.tag == Tag::Equal && c.i2 - c.i1 > nn) {
            group.push_back({Tag::Equal, c.i1, std::min(c.i2, c.i1 + n), c.j1,
                             std::min(c.j2, c.j1 + n)});
            groups.push_back(std::move(group));
            group.clear();
            c.i1 = std::max(c.i1, c.i2 - n);
            c.j1 = std::max(c.j1, c.j2 - n);
        }
        group.push_back(c);
    }
    if (!group.empty() && !(group.size() == 1 && group.front().tag == Tag::Equal))
        groups.push_back(std::move(group));
    return groups;
}

QString SequenceMatcher::tagName(Tag tag)
{
    switch (tag) {
    case Tag::Equal:
        return QStringLiteral("equal");
    case Tag::Replace:
        return QStringLiteral("replace");
    case Tag::Delete:
        return QStringLiteral("delete");
    case Tag::Insert:
        return QStringLiteral("insert");
    }
    return QString();
}

// ---------------------------------------------------------------------------
// UnifiedDiff

QStringList UnifiedDiff::splitLines(const QString &text)
{
    QStringList lines;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        qsizetype j = i;
        while (j < n && !isPythonLineBreak(text.at(j).unicode()))
            ++j;
        lines.append(text.mid(i, j - i));
        if (j < n) {
            if (text.at(j) == u'\r' && j + 1 < n && text.at(j + 1) == u'\n')
                j += 2;
            else
                j += 1;
        }
        i = j;
    }
    return lines;
}

QString UnifiedDiff::formatRangeUnified(int start, int stop)
{
    qint64 beginning = qint64(start) + 1;
    const qint64 length = qint64(stop) - start;
    if (length == 1)
        return QString::number(beginning);
    if (length == 0)
        beginning -= 1;
    return QStringLiteral("%1,%2").arg(beginning).arg(length);
}

QStringList UnifiedDiff::unifiedDiffLines(const QStringList &a, const QStringList &b,
                                          const QString &fromFile, const QString &toFile,
                                          int contextLines)
{
    QStringList out;
    SequenceMatcher matcher(a, b);
    const auto groups = matcher.groupedOpcodes(contextLines);
    for (const auto &group : groups) {
        if (out.isEmpty()) {
            out.append(QStringLiteral("--- ") + fromFile);
            out.append(QStringLiteral("+++ ") + toFile);
        }
        const auto &first = group.front();
        const auto &last = group.back();
        out.append(QStringLiteral("@@ -%1 +%2 @@")
                       .arg(formatRangeUnified(first.i1, last.i2),
                            formatRangeUnified(first.j1, last.j2)));
        for (const auto &op : group) {
            const auto [as, ae] = pySlice(int(a.size()), op.i1, op.i2);
            if (op.tag == SequenceMatcher::Tag::Equal) {
                for (int k = as; k < ae; ++k)
                    out.append(QLatin1Char(' ') + a.at(k));
                continue;
            }
            if (op.tag == SequenceMatcher::Tag::Replace || op.tag == SequenceMatcher::Tag::Delete) {
                for (int k = as; k < ae; ++k)
                    out.append(QLatin1Char('-') + a.at(k));
            }
            if (op.tag == SequenceMatcher::Tag::Replace || op.tag == SequenceMatcher::Tag::Insert) {
                const auto [bs, be] = pySlice(int(b.size()), op.j1, op.j2);
                for (int k = bs; k < be; ++k)
                    out.append(QLatin1Char('+') + b.at(k));
            }
        }
    }
    return out;
}

QString UnifiedDiff::render(const QString &path, ChangeKind changeType,
                            const QString &oldText, const QString &newText,
                            const QString &oldOid, const QString &newOid, int contextLines)
{
    const bool added = changeType == ChangeKind::Added;
    const bool deleted = changeType == ChangeKind::Deleted;

    QStringList lines;
    lines.append(QStringLiteral("diff --git a/%1 b/%1").arg(path));
    // The original keys the index line on "both sides exist", i.e. neither
    // added nor deleted; its three change types make that "modified".
    if (!added && !deleted)
        lines.append(QStringLiteral("index %1..%2 100644").arg(oldOid.left(12), newOid.left(12)));
    else if (added)
        lines.append(QStringLiteral("new file mode 100644"));
    else
        lines.append(QStringLiteral("deleted file mode 100644"));

    const QString fromFile = added ? QStringLiteral("/dev/null") : QStringLiteral("a/") + path;
    const QString toFile = deleted ? QStringLiteral("/dev/null") : QStringLiteral("b/") + path;
    lines += unifiedDiffLines(splitLines(oldText), splitLines(newText), fromFile, toFile,
                              contextLines);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace hubvault
