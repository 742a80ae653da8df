// hubvault-bench: measures the core on large files, small files, history and listings
// against plain-filesystem baselines. Every workload unit runs in a child process (this
// program re-executed with --workload NAME) so peak RSS is per workload.

#include "DataGen.h"
#include "Profile.h"
#include "Report.h"
#include "Rss.h"
#include "Workloads.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QStorageInfo>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>
#include <stdexcept>

using namespace bench;

namespace {

void say(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
    std::fflush(stderr);
}

QString cpuModel()
{
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (!cpuinfo.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : cpuinfo.readAll().split('\n')) {
        if (line.startsWith("model name"))
            return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
    }
    return {};
}

bool writeJsonFile(const QString &path, const QJsonObject &json)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return out.write(QJsonDocument(json).toJson(QJsonDocument::Indented)) > 0;
}

/** Child mode: run one unit, saving its rows to `resultPath` after each one. */
int runChild(const Profile &profile, const QString &unitName, const QString &root, const QString &resultPath,
             const QStringList &only)
{
    const QList<Unit> all = units(profile);
    const auto it = std::find_if(all.cbegin(), all.cend(), [&](const Unit &u) { return u.name == unitName; });
    if (it == all.cend()) {
        say(QStringLiteral("unknown workload unit: %1").arg(unitName));
        return 2;
    }
    QList<Row> rows;
    auto save = [&] { writeJsonFile(resultPath, QJsonObject{{QStringLiteral("rows"), Report::toJson(rows)}}); };
    UnitContext ctx;
    ctx.profile = profile;
    ctx.root = root;
    ctx.dir = root + QLatin1Char('/') + unitName;
    ctx.only = only;
    ctx.emitRow = [&](const Row &row) {
        rows.append(row);
        save();
    };
    QDir(ctx.dir).removeRecursively();
    QDir().mkpath(ctx.dir);
    QDir().mkpath(ctx.dataDir());
    DataGen::settle(ctx.dir);
    if (!Rss::resetPeak())
        say(QStringLiteral("    note: cannot reset VmHWM through /proc/self/clear_refs; peak RSS includes setup"));
    int rc = 0;
    try {
        it->run(ctx);
    } catch (const std::exception &e) {
        // A setup step failed: every selected row not reported yet is an error.
        const QString why = QStringLiteral("setup failed: ") + QString::fromLocal8Bit(e.what());
        say(QStringLiteral("    ") + why);
        for (const QString &name : it->rows) {
            const bool done = std::any_of(rows.cbegin(), rows.cend(), [&](const Row &r) { return r.workload == name; });
            if (!done && ctx.wants(name))
                rows.append(Row::error(name, unitName, why));
        }
        save();
        rc = 1;
    }
    QDir(ctx.dir).removeRecursively();
    return rc;
}

struct Options {
    Profile profile;
    QStringList overrides;
    QString workdir;
    QString jsonPath;
    QStringList only;
    bool markdown = false;
};

/** Parent mode: one child per selected unit, then the table and the JSON file. */
int runParent(const Options &options)
{
    const Profile &profile = options.profile;
    const QList<Unit> all = units(profile);

    QStringList known;
    for (const Unit &u : all)
        known << u.name << u.rows;
    for (const QString &name : options.only) {
        if (!known.contains(name)) {
            say(QStringLiteral("unknown workload '%1'; choose from: %2").arg(name, known.join(QStringLiteral(", "))));
            return 2;
        }
    }

    const QString base = options.workdir.isEmpty() ? QDir::tempPath() : options.workdir;
    if (!QDir().mkpath(base)) {
        say(QStringLiteral("cannot create work directory %1").arg(base));
        return 2;
    }
    QTemporaryDir run(QDir(base).absoluteFilePath(QStringLiteral("hubvault-bench-XXXXXX")));
    if (!run.isValid()) {
        say(QStringLiteral("cannot create a temporary directory under %1: %2").arg(base, run.errorString()));
        return 2;
    }
    const qint64 available = QStorageInfo(run.path()).bytesAvailable();
    // Largest moment: data + repository + one view + one baseline copy of the big file.
    const qint64 needed = 4 * qMax(profile.largeBytes, profile.reuploadBytes) + 64 * kMiB;
    if (available > 0 && available < needed)
        say(QStringLiteral("warning: %1 free under %2, this profile may need about %3")
                .arg(formatBytes(available), base, formatBytes(needed)));
    say(QStringLiteral("hubvault-bench: profile %1, work directory %2").arg(profile.name, run.path()));

    QElapsedTimer total;
    total.start();
    QList<Row> rows;
    auto selected = [&](const Unit &u) {
        QStringList names;
        for (const QString &r : u.rows) {
            if (options.only.isEmpty() || options.only.contains(u.name) || options.only.contains(r))
                names.append(r);
        }
        return names;
    };
    int index = 0, count = 0;
    for (const Unit &u : all)
        count += !selected(u).isEmpty();
    bool failed = false;
    for (const Unit &unit : all) {
        const QStringList names = selected(unit);
        if (names.isEmpty())
            continue;
        ++index;
        if (!unit.available) {
            say(QStringLiteral("[%1/%2] %3: %4").arg(index).arg(count).arg(unit.name, unit.unavailableReason));
            for (const QString &name : names)
                rows.append(Row::notAvailable(name, unit.name, unit.unavailableReason));
            continue;
        }
        say(QStringLiteral("[%1/%2] %3: %4").arg(index).arg(count).arg(unit.name, unit.description));
        const QString resultPath = run.filePath(unit.name + QStringLiteral(".result.json"));
        QStringList args{QStringLiteral("--workload"), unit.name, QStringLiteral("--profile"), profile.name,
                         QStringLiteral("--root"), run.path(), QStringLiteral("--result"), resultPath,
                         QStringLiteral("--only"), names.join(QLatin1Char(','))};
        for (const QString &o : options.overrides)
            args << QStringLiteral("--set") << o;
        QElapsedTimer unitTimer;
        unitTimer.start();
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(QCoreApplication::applicationFilePath(), args);
        child.waitForFinished(-1);
        if (unit.cleanup)
            unit.cleanup(run.filePath(unit.name));
        QList<Row> got;
        QFile result(resultPath);
        if (result.open(QIODevice::ReadOnly))
            got = Report::fromJson(QJsonDocument::fromJson(result.readAll()).object().value(QLatin1String("rows")).toArray());
        const bool crashed = child.exitStatus() != QProcess::NormalExit;
        for (const QString &name : names) {
            const auto found = std::find_if(got.cbegin(), got.cend(), [&](const Row &r) { return r.workload == name; });
            if (found != got.cend())
                rows.append(*found);
            else
                rows.append(Row::error(name, unit.name,
                                       crashed ? QStringLiteral("child process crashed (%1)").arg(child.errorString())
                                               : QStringLiteral("child exited with code %1 without this row").arg(child.exitCode())));
            failed = failed || rows.last().status == QLatin1String("error");
        }
        say(QStringLiteral("    (%1 s for the unit)").arg(double(unitTimer.elapsed()) / 1000.0, 0, 'f', 1));
    }
    const double seconds = double(total.elapsed()) / 1000.0;
    say(QStringLiteral("done in %1 s").arg(seconds, 0, 'f', 1));

    QTextStream out(stdout);
    out << "hubvault-bench " << HUBVAULT_VERSION << ", profile " << profile.name << ", "
        << QThread::idealThreadCount() << " CPUs (" << cpuModel() << "), " << QSysInfo::kernelType() << ' '
        << QSysInfo::kernelVersion() << ", " << QDateTime::currentDateTime().toString(Qt::ISODate) << "\n\n";
    Report::printTable(out, rows);
    if (options.markdown) {
        out << '\n';
        Report::printMarkdown(out, rows);
    }
    out << "total " << QString::number(seconds, 'f', 1) << " s\n";
    out.flush();

    const QJsonObject json{
        {QStringLiteral("tool"), QStringLiteral("hubvault-bench")},
        {QStringLiteral("version"), QStringLiteral(HUBVAULT_VERSION)},
        {QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("profile"), profile.toJson()},
        {QStringLiteral("machine"), QJsonObject{{QStringLiteral("cpus"), QThread::idealThreadCount()},
                                                {QStringLiteral("cpu_model"), cpuModel()},
                                                {QStringLiteral("kernel"), QSysInfo::kernelType() + QLatin1Char(' ') + QSysInfo::kernelVersion()},
                                                {QStringLiteral("filesystem"), QString::fromUtf8(QStorageInfo(run.path()).fileSystemType())}}},
        {QStringLiteral("total_seconds"), seconds},
        {QStringLiteral("ratio_definition"), QStringLiteral("our throughput / baseline throughput")},
        {QStringLiteral("vs_limit_definition"),
         QStringLiteral("limit seconds / our seconds; the limit is the hashing and scanning the work needs, measured in the same run")},
        {QStringLiteral("rows"), Report::toJson(rows)}};
    if (!writeJsonFile(options.jsonPath, json)) {
        say(QStringLiteral("cannot write %1").arg(options.jsonPath));
        return 1;
    }
    say(QStringLiteral("results written to %1").arg(QFileInfo(options.jsonPath).absoluteFilePath()));
    return failed ? 1 : 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hubvault-bench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HUBVAULT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Benchmarks the hubvault core against plain-filesystem baselines and prints a table.\n"
        "Each workload unit runs in its own child process so peak RSS is per workload."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profileOpt(QStringLiteral("profile"), QStringLiteral("quick (< 1 min), standard or pressure."),
                                        QStringLiteral("name"), QStringLiteral("quick"));
    const QCommandLineOption workdirOpt(QStringLiteral("workdir"),
                                        QStringLiteral("Directory for a temporary run directory (default: the system temp dir). "
                                                       "Everything the run writes there is deleted at the end."),
                                        QStringLiteral("dir"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Where to write the JSON results."),
                                     QStringLiteral("file"), QStringLiteral("bench-results.json"));
    const QCommandLineOption onlyOpt(QStringLiteral("only"), QStringLiteral("Comma-separated units or rows to run (see --list)."),
                                     QStringLiteral("a,b"));
    const QCommandLineOption setOpt(QStringLiteral("set"), QStringLiteral("Override a profile size, e.g. large_mib=64 (repeatable; see --list)."),
                                    QStringLiteral("key=value"));
    const QCommandLineOption listOpt(QStringLiteral("list"), QStringLiteral("List units, rows and --set keys, then exit."));
    const QCommandLineOption markdownOpt(QStringLiteral("markdown"), QStringLiteral("Also print the table as Markdown."));
    QCommandLineOption workloadOpt(QStringLiteral("workload"), QStringLiteral("Internal: run one unit as a child."), QStringLiteral("unit"));
    QCommandLineOption rootOpt(QStringLiteral("root"), QStringLiteral("Internal: run directory of a child."), QStringLiteral("dir"));
    QCommandLineOption resultOpt(QStringLiteral("result"), QStringLiteral("Internal: result file of a child."), QStringLiteral("file"));
    for (QCommandLineOption *o : {&workloadOpt, &rootOpt, &resultOpt})
        o->setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({profileOpt, workdirOpt, jsonOpt, onlyOpt, setOpt, listOpt, markdownOpt, workloadOpt, rootOpt, resultOpt});
    parser.process(app);

    Options options;
    try {
        options.profile = Profile::named(parser.value(profileOpt));
        options.overrides = parser.values(setOpt);
        options.profile.apply(options.overrides);
    } catch (const std::invalid_argument &e) {
        say(QString::fromLocal8Bit(e.what()));
        return 2;
    }
    for (const QString &value : parser.values(onlyOpt))
        for (const QString &name : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            options.only.append(name.trimmed());

    if (parser.isSet(listOpt)) {
        QTextStream out(stdout);
        for (const Unit &u : units(options.profile)) {
            out << u.name << " - " << u.description << (u.available ? QString() : QStringLiteral(" [") + u.unavailableReason + QLatin1Char(']')) << '\n';
            for (const QString &r : u.rows)
                out << "    " << r << '\n';
        }
        out << "\n--set keys:\n";
        for (const QString &k : Profile::keys())
            out << "    " << k << '\n';
        return 0;
    }

    if (parser.isSet(workloadOpt)) {
        if (!parser.isSet(rootOpt) || !parser.isSet(resultOpt)) {
            say(QStringLiteral("--workload needs --root and --result"));
            return 2;
        }
        return runChild(options.profile, parser.value(workloadOpt), parser.value(rootOpt), parser.value(resultOpt), options.only);
    }

    options.workdir = parser.value(workdirOpt);
    options.jsonPath = parser.value(jsonOpt);
    options.markdown = parser.isSet(markdownOpt);
    return runParent(options);
}
