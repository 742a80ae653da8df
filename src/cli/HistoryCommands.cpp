// Commands that read the commit history: log.

#include <hubvault/ModelJson.h>
#include "Command.h"
#include "Output.h"

#include <QJsonArray>

#include <QLocale>
#include <limits>

namespace hubvault::cli {

namespace {

/** The original's "%a %b %d %H:%M:%S %Y +0000": English names whatever the user's locale. */
QString formatDate(const QDateTime &when)
{
    return QLocale::c().toString(when.toUTC(), QStringLiteral("ddd MMM dd HH:mm:ss yyyy")) + QStringLiteral(" +0000");
}

/** Python's str.splitlines() for the separators commit text can realistically contain. */
QStringList bodyLines(QString message)
{
    message.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    message.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    QStringList lines = message.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast(); // a trailing newline ends the last line, it does not start another
    return lines;
}

int runLog(CommandContext &context, const ParsedArgs &args)
{
    int limit = std::numeric_limits<int>::max();
    if (args.isSet(QStringLiteral("max-count")))
        limit = parseCount(args.value(QStringLiteral("max-count")), QStringLiteral("--max-count"));
    const bool oneline = args.isSet(QStringLiteral("oneline"));
    const QString revision = args.positionals.value(0);

    const Repository &repo = context.repository();
    // The walk stops at the limit: `log -n 1` on a long history reads one commit.
    const QList<GitCommitInfo> commits = repo.listRepoCommits(revision, limit);
    if (context.json) {
        QJsonArray list;
        for (const GitCommitInfo &commit : commits) {
            if (list.size() >= limit)
                break;
            list.append(ModelJson::toJson(commit));
        }
        out::json(QJsonObject{{QStringLiteral("revision"), revision.isEmpty() ? repo.defaultBranch() : revision},
                              {QStringLiteral("commits"), list}});
        return ExitOk;
    }
    int shown = 0;
    for (const GitCommitInfo &commit : commits) {
        if (shown >= limit)
            break;
        if (oneline) {
            out::line(commit.commitId.left(7) + QLatin1Char(' ') + commit.title);
        } else {
            if (shown > 0)
                out::line();
            out::line(QStringLiteral("commit ") + commit.commitId);
            out::line(QStringLiteral("Author: ")
                      + (commit.authors.isEmpty() ? QStringLiteral("Unknown") : commit.authors.join(QStringLiteral(", "))));
            out::line(QStringLiteral("Date:   ") + formatDate(commit.createdAt));
            out::line();
            out::line(QStringLiteral("    ") + commit.title);
            for (const QString &line : bodyLines(commit.message))
                out::line(QStringLiteral("    ") + line);
        }
        ++shown;
    }
    return ExitOk;
}

} // namespace

void registerHistoryCommands(CommandRegistry &registry)
{
    Command log;
    log.name = QStringLiteral("log");
    log.summary = QStringLiteral("show the commit history, newest first");
    log.synopsis = QStringLiteral("[--oneline] [-n N] [REVISION]");
    log.description = QStringLiteral(
        "Show the commits reachable from REVISION (a branch, tag or 40-hex commit id;\n"
        "default: the default branch), newest first.");
    log.examples = {QStringLiteral("hubvault -C my-repo log"),
                    QStringLiteral("hubvault -C my-repo log --oneline -n 2 main")};
    log.options = {
        {QChar(), QStringLiteral("oneline"), {}, QStringLiteral("one line per commit: abbreviated id and title")},
        {QLatin1Char('n'), QStringLiteral("max-count"), QStringLiteral("N"), QStringLiteral("show at most N commits")},
    };
    log.maxPositionals = 1;
    log.positionalNames = {QStringLiteral("REVISION")};
    log.positionalKinds = {ValueKind::Revision};
    log.json = true;
    log.run = runLog;
    registry.add(std::move(log));
}

} // namespace hubvault::cli
