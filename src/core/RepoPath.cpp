#include <hubvault/RepoPath.h>

#include <hubvault/Errors.h>

#include <QRegularExpression>
#include <QStringList>

namespace hubvault {

namespace {

bool isReservedWindowsName(const QString &strippedSegment)
{
    const QString stem = strippedSegment.section(QLatin1Char('.'), 0, 0).toUpper();
    static const QStringList fixed = {QStringLiteral("CON"), QStringLiteral("PRN"), QStringLiteral("AUX"),
                                      QStringLiteral("NUL")};
    if (fixed.contains(stem))
        return true;
    if (stem.size() == 4 && (stem.startsWith(QLatin1String("COM")) || stem.startsWith(QLatin1String("LPT"))))
        return stem.at(3) >= QLatin1Char('1') && stem.at(3) <= QLatin1Char('9');
    return false;
}

QString stripTrailingDotsAndSpaces(const QString &segment)
{
    qsizetype end = segment.size();
    while (end > 0 && (segment.at(end - 1) == QLatin1Char('.') || segment.at(end - 1) == QLatin1Char(' ')))
        --end;
    return segment.left(end);
}

[[noreturn]] void reject(const QString &what, const QString &problem)
{
    throw UnsupportedPathError(QStringLiteral("%1 %2").arg(what, problem));
}

} // namespace

QString RepoPath::normalizeOptional(const QString &path, const QString &what)
{
    QString p = path;
    p.replace(QLatin1Char('\\'), QLatin1Char('/'));
    const QStringList parts = p.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    bool onlyDots = !p.startsWith(QLatin1Char('/'));
    for (const QString &part : parts)
        onlyDots = onlyDots && part == QLatin1String(".");
    if (onlyDots)
        return QString();
    return normalize(path, what);
}

QString RepoPath::normalize(const QString &path, const QString &what)
{
    QString p = path;
    p.replace(QLatin1Char('\\'), QLatin1Char('/'));
    if (p.isEmpty())
        reject(what, QStringLiteral("must not be empty"));
    if (p.startsWith(QLatin1Char('/')))
        reject(what, QStringLiteral("must be relative to the repository root, not absolute: %1").arg(path));
    if (p.size() >= 2 && p.at(1) == QLatin1Char(':') && p.at(0).isLetter() && p.at(0).unicode() < 128)
        reject(what, QStringLiteral("must not start with a drive letter: %1").arg(path));

    QStringList kept;
    for (const QString &segment : p.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (segment == QLatin1String("."))
            continue;
        if (segment == QLatin1String(".."))
            reject(what, QStringLiteral("contains an illegal path segment"));
        for (const QChar c : segment) {
            if (c.unicode() == 0 || QStringLiteral("<>:\"|?*").contains(c))
                reject(what, QStringLiteral("contains an illegal character in segment: %1").arg(segment));
        }
        const QString stripped = stripTrailingDotsAndSpaces(segment);
        if (stripped.isEmpty())
            reject(what, QStringLiteral("contains a segment made only of dots or spaces"));
        if (isReservedWindowsName(stripped))
            reject(what, QStringLiteral("contains a reserved Windows device name: %1").arg(segment));
        kept.append(segment);
    }
    if (kept.isEmpty())
        reject(what, QStringLiteral("does not name anything inside the repository"));
    return kept.join(QLatin1Char('/'));
}

QString RepoPath::normalizeRefName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._/-]*$"));
    if (!pattern.match(name).hasMatch())
        throw HubVaultValidationError(
            QStringLiteral("invalid ref name '%1': use letters, digits, '.', '_', '/' and '-', starting with a letter or digit")
                .arg(name));
    try {
        return normalize(name, QStringLiteral("ref name"));
    } catch (const UnsupportedPathError &e) {
        throw HubVaultValidationError(QStringLiteral("invalid ref name '%1': %2").arg(name, e.message()));
    }
}

} // namespace hubvault
