#pragma once
// getopt_long-style parsing of one command's arguments. QCommandLineParser is not used
// because it cannot express what scripts written for the original expect: options mixed
// with positionals, `-n2` next to `-n 2`, bundled flags (`-sb`) and `--` ending options.

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace hubvault::cli {

/** What a value (option value or positional) is, for shell completion. */
enum class ValueKind {
    None,     ///< free text: no completion
    File,     ///< a local file or folder
    Dir,      ///< a local folder
    Revision, ///< a branch, tag or commit id of the repository
    Branch,   ///< a branch of the repository
    Tag,      ///< a tag of the repository
    Command,  ///< a hubvault command name
};

struct OptionSpec {
    QChar shortName;   ///< null when the option has only a long form
    QString longName;  ///< empty when the option has only a short form
    QString valueName; ///< non-empty iff the option takes a value
    QString help;
    bool repeatable = false; ///< only affects the help text; every option may repeat
    ValueKind completion = ValueKind::None;

    bool takesValue() const { return !valueName.isEmpty(); }
    /** Key under which ParsedArgs stores the option: the long name, else the short one. */
    QString key() const { return longName.isEmpty() ? QString(shortName) : longName; }
    /** How the option is written in messages: `--long` or `-s`. */
    QString display() const;
};

class ParsedArgs {
public:
    QStringList positionals;

    bool isSet(const QString &key) const { return m_values.contains(key); }
    /** Last value given (later options override earlier ones, as with getopt). */
    QString value(const QString &key) const;
    QStringList values(const QString &key) const { return m_values.value(key); }
    void add(const QString &key, const QString &value) { m_values[key].append(value); }

private:
    QHash<QString, QStringList> m_values;
};

/** Parses `args` (without the command name); throws UsageError for malformed input. */
ParsedArgs parseArguments(const QStringList &args, const QList<OptionSpec> &specs);

/** A non-negative integer option value, or a UsageError naming the option. */
int parseCount(const QString &value, const QString &optionDisplay);

/** A positive byte count (plain digits, or with a K/M/G/T suffix meaning KiB..TiB). */
qint64 parseByteSize(const QString &value, const QString &optionDisplay);

} // namespace hubvault::cli
