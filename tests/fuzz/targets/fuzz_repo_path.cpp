// Fuzz target: repository paths and ref names (RepoPath, docs/format.md §11.1, §8.1). What
// validation accepts never escapes the repository, is never absolute or reserved, and
// normalizes to itself; whatever it refuses is refused with the core's error.
#include "FuzzSupport.h"
#include <hubvault/Errors.h>
#include <hubvault/RepoPath.h>

#include <QDir>

using namespace hubvault;

namespace {

[[noreturn]] void fail(const char *why, const QString &input, const QString &output)
{
    std::fprintf(stderr, "%s: input %s -> %s\n", why, input.toUtf8().toHex().constData(), output.toUtf8().constData());
    std::abort();
}

void checkAccepted(const QString &input, const QString &out, bool optional)
{
    if (out.isEmpty()) {
        if (!optional)
            fail("empty normalized path", input, out);
        return;
    }
    if (out.startsWith(QLatin1Char('/')) || out.contains(QLatin1Char('\\')) || out.contains(QChar(0)))
        fail("absolute or unnormalized path accepted", input, out);
    if (out.size() >= 2 && out.at(1) == QLatin1Char(':') && out.at(0).isLetter() && out.at(0).unicode() < 128)
        fail("drive path accepted", input, out);
    for (const QString &segment : out.split(QLatin1Char('/'))) {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
            fail("empty, . or .. segment accepted", input, out);
    }
    // Joined to a root the way the readers and exporters do, it stays below the root.
    const QString joined = QDir::cleanPath(QStringLiteral("/root/") + out);
    if (!joined.startsWith(QLatin1String("/root/")))
        fail("accepted path escapes the root", input, out);
    QString again;
    try {
        again = RepoPath::normalize(out);
    } catch (const HubVaultError &) {
        fail("normalized path is refused on a second pass", input, out);
    }
    if (again != out)
        fail("normalization is not idempotent", input, out);
}

void checkOne(const QString &input)
{
    try {
        checkAccepted(input, RepoPath::normalize(input), false);
    } catch (const UnsupportedPathError &) {
    }
    try {
        checkAccepted(input, RepoPath::normalizeOptional(input), true);
    } catch (const UnsupportedPathError &) {
    }
    try {
        const QString ref = RepoPath::normalizeRefName(input);
        checkAccepted(input, ref, false);
        if (RepoPath::normalizeRefName(ref) != ref)
            fail("ref name normalization is not idempotent", input, ref);
    } catch (const HubVaultValidationError &) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    checkOne(QString::fromUtf8(bytes));
    // Raw UTF-16 too: lone surrogates and NULs that UTF-8 decoding would replace.
    checkOne(QString(reinterpret_cast<const QChar *>(data), qsizetype(size / 2)));
    return 0;
}
