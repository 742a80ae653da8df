#pragma once
// Line diffs rendered exactly like hubvault 0.0.2 renders commit-detail diffs
// (CommitChangeInfo.unified_diff), which is Python's difflib.unified_diff.
//
// The original builds the text as
//     "\n".join(git_header + list(difflib.unified_diff(
//         old_text.splitlines(), new_text.splitlines(),
//         fromfile, tofile, n=context_lines, lineterm=""))) + "\n"
// so lines are compared without their terminators, a missing final newline is
// invisible (no "\ No newline at end of file" marker), and a change that only
// touches line terminators yields the git header and nothing else.

#include <hubvault/Models.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace hubvault {

/**
 * Port of Python 3.11 difflib.SequenceMatcher for sequences of lines, with
 * isjunk=None and autojunk=True (the defaults unified_diff uses). Opcodes and
 * groups are identical to Python's for any input, including the "popular
 * line" heuristic that kicks in once the second sequence has 200+ lines.
 */
class SequenceMatcher {
public:
    enum class Tag { Equal, Replace, Delete, Insert };

    /** One opcode: a[i1:i2] relates to b[j1:j2] as `tag` says. */
    struct Opcode {
        Tag tag;
        int i1, i2, j1, j2;
        bool operator==(const Opcode &) const = default;
    };

    /** A maximal run a[a:a+size] == b[b:b+size]. */
    struct Match {
        int a, b, size;
        bool operator==(const Match &) const = default;
    };

    SequenceMatcher(const QStringList &a, const QStringList &b);

    /** find_longest_match(alo, ahi, blo, bhi). */
    Match findLongestMatch(int alo, int ahi, int blo, int bhi) const;
    /** get_matching_blocks(), ending with the (len(a), len(b), 0) sentinel. */
    const std::vector<Match> &matchingBlocks();
    /** get_opcodes(). */
    const std::vector<Opcode> &opcodes();
    /**
     * get_grouped_opcodes(n). Any n is accepted; negative values behave as in
     * Python, slice arithmetic included, however odd the result. n is bounded
     * to +-2^28 first, which only matters for absurd negative values.
     */
    std::vector<std::vector<Opcode>> groupedOpcodes(int n = 3);

    static QString tagName(Tag tag);

private:
    // Lines are interned to dense ids so comparisons are integer compares.
    std::vector<int> m_a;
    std::vector<int> m_b;
    // b2j with popular ids already purged; index = line id.
    std::vector<std::vector<int>> m_b2j;
    std::vector<Match> m_matchingBlocks;
    std::vector<Opcode> m_opcodes;
    bool m_haveBlocks = false;
    bool m_haveOpcodes = false;
};

/** Renders one commit change the way hubvault 0.0.2 does. */
struct UnifiedDiff {
    /**
     * Git-style diff text for one changed path: the "diff --git" header, the
     * mode/index line, then difflib's "---"/"+++"/"@@" output when there is at
     * least one hunk. Always ends with "\n".
     *
     * changeType: "added" (old side is /dev/null, "new file mode 100644"),
     * "deleted" (new side is /dev/null, "deleted file mode 100644") or
     * "modified" ("index <old[:12]>..<new[:12]> 100644"). oldOid/newOid are
     * only read for "modified".
     */
    static QString render(const QString &path, ChangeKind changeType,
                          const QString &oldText, const QString &newText,
                          const QString &oldOid, const QString &newOid,
                          int contextLines = 3);

    /**
     * difflib.unified_diff(a, b, fromFile, toFile, n=contextLines,
     * lineterm="") as a list of lines (no terminators). Empty when a == b.
     */
    static QStringList unifiedDiffLines(const QStringList &a, const QStringList &b,
                                        const QString &fromFile, const QString &toFile,
                                        int contextLines = 3);

    /**
     * Python's str.splitlines() without keepends: breaks on \n, \r, \r\n, \v,
     * \f, \x1c, \x1d, \x1e, \x85, U+2028 and U+2029; a trailing break does not
     * start another line; "" gives no lines.
     */
    static QStringList splitLines(const QString &text);

    /** difflib._format_range_unified(start, stop), as used in "@@" lines. */
    static QString formatRangeUnified(int start, int stop);
};

} // namespace hubvault
