#include "ArgParser.h"

#include "Output.h"

#include <limits>

namespace hubvault::cli {

QString OptionSpec::display() const
{
    return longName.isEmpty() ? QStringLiteral("-") + shortName : QStringLiteral("--") + longName;
}

QString ParsedArgs::value(const QString &key) const
{
    const QStringList list = m_values.value(key);
    return list.isEmpty() ? QString() : list.last();
}

namespace {

const OptionSpec *findLong(const QList<OptionSpec> &specs, const QString &name)
{
    for (const OptionSpec &spec : specs)
        if (!spec.longName.isEmpty() && spec.longName == name)
            return &spec;
    return nullptr;
}

const OptionSpec *findShort(const QList<OptionSpec> &specs, QChar name)
{
    for (const OptionSpec &spec : specs)
        if (!spec.shortName.isNull() && spec.shortName == name)
            return &spec;
    return nullptr;
}

} // namespace

ParsedArgs parseArguments(const QStringList &args, const QList<OptionSpec> &specs)
{
    ParsedArgs parsed;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == QLatin1String("--")) {
            parsed.positionals += args.mid(i + 1);
            break;
        }
        if (arg.startsWith(QLatin1String("--"))) {
            const qsizetype eq = arg.indexOf(QLatin1Char('='));
            const QString name = arg.mid(2, eq < 0 ? -1 : eq - 2);
            const OptionSpec *spec = findLong(specs, name);
            if (!spec)
                throw UsageError(QStringLiteral("unknown option '--%1'").arg(name));
            if (!spec->takesValue()) {
                if (eq >= 0)
                    throw UsageError(QStringLiteral("option '--%1' does not take a value").arg(name));
                parsed.add(spec->key(), QString());
            } else if (eq >= 0) {
                parsed.add(spec->key(), arg.mid(eq + 1));
            } else if (i + 1 < args.size()) {
                parsed.add(spec->key(), args.at(++i));
            } else {
                throw UsageError(QStringLiteral("option '--%1' requires a value").arg(name));
            }
            continue;
        }
        // A lone "-" conventionally names stdin/stdout, so it stays a positional.
        if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1) {
            for (qsizetype j = 1; j < arg.size(); ++j) {
                const QChar c = arg.at(j);
                const OptionSpec *spec = findShort(specs, c);
                if (!spec)
                    throw UsageError(QStringLiteral("unknown option '-%1'").arg(c));
                if (!spec->takesValue()) {
                    parsed.add(spec->key(), QString());
                    continue;
                }
                if (j + 1 < arg.size())
                    parsed.add(spec->key(), arg.mid(j + 1));
                else if (i + 1 < args.size())
                    parsed.add(spec->key(), args.at(++i));
                else
                    throw UsageError(QStringLiteral("option '-%1' requires a value").arg(c));
                break;
            }
            continue;
        }
        parsed.positionals.append(arg);
    }
    return parsed;
}

int parseCount(const QString &value, const QString &optionDisplay)
{
    bool ok = false;
    const int n = value.trimmed().toInt(&ok);
    if (!ok || n < 0)
        throw UsageError(QStringLiteral("invalid value '%1' for '%2': expected a non-negative integer")
                             .arg(value, optionDisplay));
    return n;
}

qint64 parseByteSize(const QString &value, const QString &optionDisplay)
{
    QString digits = value.trimmed();
    qint64 unit = 1;
    if (!digits.isEmpty()) {
        const QChar suffix = digits.back().toUpper();
        const QString units = QStringLiteral("KMGT");
        const qsizetype power = units.indexOf(suffix);
        if (power >= 0) {
            unit = qint64(1) << (10 * (power + 1));
            digits.chop(1);
        }
    }
    bool ok = false;
    const qint64 n = digits.toLongLong(&ok);
    if (!ok || n <= 0 || n > std::numeric_limits<qint64>::max() / unit)
        throw UsageError(QStringLiteral("invalid value '%1' for '%2': expected a positive number of bytes "
                                        "(optionally with a K, M, G or T suffix)")
                             .arg(value, optionDisplay));
    return n * unit;
}

} // namespace hubvault::cli
