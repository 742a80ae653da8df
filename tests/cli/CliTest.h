#pragma once
// Helpers shared by the process-level CLI suites (tst_cli_write, tst_cli_json,
// tst_cli_export, tst_cli_docs, tst_cli_errors): running the real `hubvault` binary,
// checking its one-line error reports, digests of a repository's truth, and a small
// JSON Schema validator for the --json outputs.

#include "TestSupport.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <csignal>
#include <functional>

namespace hubvault::test {

struct CliResult {
    int exitCode = -1;
    bool crashed = false;
    QString out;
    QString err;
};

inline QString cliPath() { return QStringLiteral(HUBVAULT_CLI_PATH); }
inline QString sourceDir() { return QStringLiteral(HUBVAULT_SOURCE_DIR); }

/** Extra environment for one run (e.g. HUBVAULT_PROGRESS). */
using CliEnv = QList<std::pair<QString, QString>>;

/**
 * Runs `program` with `args` in `workDir`, with a non-English locale and a non-UTC zone
 * (catches output formatted with the user's settings). `onStarted` may act on the running
 * process (e.g. interrupt it).
 */
inline CliResult runProgram(const QString &program, const QStringList &args, const QString &workDir = {},
                            const CliEnv &extraEnv = {}, const std::function<void(QProcess &)> &onStarted = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TZ"), QStringLiteral("Asia/Tokyo"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("de_DE.UTF-8"));
    env.remove(QStringLiteral("HUBVAULT_DEBUG"));
    env.remove(QStringLiteral("HUBVAULT_PROGRESS"));
    for (const auto &[key, value] : extraEnv)
        env.insert(key, value);
    process.setProcessEnvironment(env);
    if (!workDir.isEmpty())
        process.setWorkingDirectory(workDir);
    process.start(program, args);
    CliResult r;
    if (!process.waitForStarted(30000)) {
        r.err = QStringLiteral("failed to start ") + program;
        return r;
    }
    process.closeWriteChannel();
    if (onStarted)
        onStarted(process);
    if (!process.waitForFinished(600000)) {
        process.kill();
        process.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.crashed = process.exitStatus() != QProcess::NormalExit;
    r.exitCode = process.exitCode();
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

inline CliResult runCli(const QStringList &args, const QString &workDir = {}, const CliEnv &env = {})
{
    return runProgram(cliPath(), args, workDir, env);
}

/** Runs the CLI under a file-size limit of `kib` KiB (writes beyond it fail, as on a full disk). */
inline CliResult runCliWithFileLimit(qint64 kib, const QStringList &args, const QString &workDir = {})
{
    QStringList shellArgs{QStringLiteral("-c"), QStringLiteral("ulimit -f %1 && exec \"$0\" \"$@\"").arg(kib), cliPath()};
    shellArgs += args;
    return runProgram(QStringLiteral("/bin/sh"), shellArgs, workDir);
}

inline QByteArray sha256Of(const QByteArray &data) { return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex(); }

/** The repository's truth (docs/format.md §1.1): everything but disposable views, locks, txn. */
inline QMap<QString, QByteArray> truthDigest(const QString &repo)
{
    QMap<QString, QByteArray> digest = treeDigest(repo);
    for (auto it = digest.begin(); it != digest.end();) {
        const QString &path = it.key();
        const bool truth = path == QLatin1String("FORMAT") || path.startsWith(QLatin1String("metadata.sqlite3"))
                           || path.startsWith(QLatin1String("objects/")) || path.startsWith(QLatin1String("chunks/packs/"));
        it = truth ? std::next(it) : digest.erase(it);
    }
    return digest;
}

/** Every entry below `dir` (files and folders, hidden ones too), relative, sorted. */
inline QStringList listTree(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QDir(dir).relativeFilePath(it.next());
    out.sort();
    return out;
}

/** The command names listed by `hubvault --help`. */
inline QStringList commandNames()
{
    const CliResult r = runCli({QStringLiteral("--help")});
    QStringList names;
    bool inCommands = false;
    for (const QString &line : r.out.split(QLatin1Char('\n'))) {
        if (line == QLatin1String("commands:")) {
            inCommands = true;
            continue;
        }
        if (inCommands && line.isEmpty())
            break;
        if (inCommands)
            names << line.trimmed().section(QLatin1Char(' '), 0, 0);
    }
    return names;
}

inline QString onlyLine(const CliResult &r)
{
    if (!r.out.endsWith(QLatin1Char('\n')) || r.out.count(QLatin1Char('\n')) != 1)
        return {};
    return r.out.chopped(1);
}

// ---- a JSON Schema validator for the subset docs/schemas/*.json use -----------------------
// Keywords: type (name or list), enum, pattern, required, properties,
// additionalProperties (false), items, anyOf, $ref to "#/$defs/<name>". Everything else is
// ignored, so a schema using more would silently pass: the schemaKeywords test guards that.

class JsonSchema {
public:
    static QStringList supportedKeywords()
    {
        return {QStringLiteral("$schema"), QStringLiteral("title"), QStringLiteral("description"), QStringLiteral("type"),
                QStringLiteral("enum"), QStringLiteral("pattern"), QStringLiteral("required"), QStringLiteral("properties"),
                QStringLiteral("additionalProperties"), QStringLiteral("items"), QStringLiteral("anyOf"), QStringLiteral("$ref"),
                QStringLiteral("$defs")};
    }

    explicit JsonSchema(QJsonObject root) : m_root(std::move(root)) {}

    static JsonSchema load(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return JsonSchema({});
        return JsonSchema(QJsonDocument::fromJson(file.readAll()).object());
    }

    bool isValid() const { return !m_root.isEmpty(); }
    const QJsonObject &root() const { return m_root; }

    /** Problems of `value` against the schema, each "<json path>: <problem>"; empty = valid. */
    QStringList validate(const QJsonValue &value) const
    {
        QStringList errors;
        check(m_root, value, QStringLiteral("$"), errors);
        return errors;
    }

private:
    static QString typeOf(const QJsonValue &v)
    {
        switch (v.type()) {
        case QJsonValue::Null: return QStringLiteral("null");
        case QJsonValue::Bool: return QStringLiteral("boolean");
        case QJsonValue::Double: {
            const double d = v.toDouble();
            return d == double(qint64(d)) ? QStringLiteral("integer") : QStringLiteral("number");
        }
        case QJsonValue::String: return QStringLiteral("string");
        case QJsonValue::Array: return QStringLiteral("array");
        case QJsonValue::Object: return QStringLiteral("object");
        case QJsonValue::Undefined: break;
        }
        return QStringLiteral("undefined");
    }

    void check(const QJsonObject &schema, const QJsonValue &value, const QString &where, QStringList &errors) const
    {
        if (schema.contains(QLatin1String("$ref"))) {
            const QString ref = schema.value(QLatin1String("$ref")).toString();
            const QString prefix = QStringLiteral("#/$defs/");
            const QJsonObject target = ref.startsWith(prefix)
                ? m_root.value(QLatin1String("$defs")).toObject().value(ref.mid(prefix.size())).toObject()
                : QJsonObject();
            if (target.isEmpty()) {
                errors << where + QStringLiteral(": unresolvable $ref ") + ref;
                return;
            }
            check(target, value, where, errors);
        }
        if (schema.contains(QLatin1String("anyOf"))) {
            bool any = false;
            for (const QJsonValue &option : schema.value(QLatin1String("anyOf")).toArray()) {
                QStringList sub;
                check(option.toObject(), value, where, sub);
                any = any || sub.isEmpty();
            }
            if (!any)
                errors << where + QStringLiteral(": matches none of anyOf");
        }
        const QString actual = typeOf(value);
        if (schema.contains(QLatin1String("type"))) {
            const QJsonValue type = schema.value(QLatin1String("type"));
            QStringList allowed;
            if (type.isArray())
                for (const QJsonValue &t : type.toArray())
                    allowed << t.toString();
            else
                allowed << type.toString();
            const bool ok = allowed.contains(actual) || (actual == QLatin1String("integer") && allowed.contains(QLatin1String("number")));
            if (!ok) {
                errors << QStringLiteral("%1: is %2, expected %3").arg(where, actual, allowed.join(QLatin1Char('|')));
                return;
            }
        }
        if (schema.contains(QLatin1String("enum")) && !schema.value(QLatin1String("enum")).toArray().contains(value))
            errors << QStringLiteral("%1: %2 is not one of the allowed values").arg(where, QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)));
        if (schema.contains(QLatin1String("pattern")) && value.isString()
            && !QRegularExpression(schema.value(QLatin1String("pattern")).toString()).match(value.toString()).hasMatch())
            errors << QStringLiteral("%1: '%2' does not match %3").arg(where, value.toString(), schema.value(QLatin1String("pattern")).toString());
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
            for (const QJsonValue &name : schema.value(QLatin1String("required")).toArray())
                if (!object.contains(name.toString()))
                    errors << QStringLiteral("%1: missing required property '%2'").arg(where, name.toString());
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (properties.contains(it.key()))
                    check(properties.value(it.key()).toObject(), it.value(), where + QLatin1Char('.') + it.key(), errors);
                else if (schema.value(QLatin1String("additionalProperties")) == QJsonValue(false))
                    errors << QStringLiteral("%1: unexpected property '%2'").arg(where, it.key());
            }
        }
        if (value.isArray() && schema.contains(QLatin1String("items"))) {
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                check(schema.value(QLatin1String("items")).toObject(), array.at(i), QStringLiteral("%1[%2]").arg(where).arg(i), errors);
        }
    }

    QJsonObject m_root;
};

} // namespace hubvault::test

// Failure reports: exit 1, nothing on stdout, exactly one line "hubvault: <Kind>: ..." on stderr.
#define VERIFY_ONE_LINE_ERROR(result, kind)                                                      \
    do {                                                                                         \
        const ::hubvault::test::CliResult &r_ = (result);                                        \
        QVERIFY2(!r_.crashed, qPrintable(r_.err));                                               \
        QCOMPARE(r_.exitCode, 1);                                                                \
        QCOMPARE(r_.out, QString());                                                             \
        QVERIFY2(r_.err.endsWith(QLatin1Char('\n')) && r_.err.count(QLatin1Char('\n')) == 1,     \
                 qPrintable(r_.err));                                                            \
        QVERIFY2(r_.err.startsWith(QStringLiteral("hubvault: ") + QStringLiteral(kind) + QStringLiteral(": ")), \
                 qPrintable(r_.err));                                                            \
    } while (false)

// Usage errors: exit 2, the problem on one line and a pointer to --help on the next.
#define VERIFY_USAGE_ERROR(result, firstLine)                                                    \
    do {                                                                                         \
        const ::hubvault::test::CliResult &r_ = (result);                                        \
        QVERIFY2(!r_.crashed, qPrintable(r_.err));                                               \
        QCOMPARE(r_.exitCode, 2);                                                                \
        QCOMPARE(r_.out, QString());                                                             \
        const QStringList lines_ = r_.err.split(QLatin1Char('\n'));                              \
        QCOMPARE(lines_.size(), 3);                                                              \
        QCOMPARE(lines_.at(0), QString(firstLine));                                              \
        QVERIFY2(lines_.at(1).startsWith(QLatin1String("Try 'hubvault"))                        \
                     && lines_.at(1).endsWith(QLatin1String(" --help'.")), qPrintable(r_.err)); \
        QCOMPARE(lines_.at(2), QString());                                                       \
    } while (false)

#define VERIFY_OK(result)                                                                        \
    do {                                                                                         \
        const ::hubvault::test::CliResult &r_ = (result);                                        \
        QVERIFY2(!r_.crashed && r_.exitCode == 0, qPrintable(r_.err + r_.out));                  \
        QCOMPARE(r_.err, QString());                                                             \
    } while (false)
