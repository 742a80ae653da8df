#include "Report.h"

#include "Profile.h"

#include <QStringList>
#include <algorithm>

namespace bench {

namespace {

constexpr double kMiBf = 1024.0 * 1024.0;

QString rate(double value, bool bytes)
{
    if (value < 0)
        return QStringLiteral("-");
    const QString unit = bytes ? QStringLiteral(" MiB/s") : QStringLiteral(" items/s");
    if (value >= 1000)
        return QString::number(value, 'f', 0) + unit;
    if (value >= 10)
        return QString::number(value, 'f', 1) + unit;
    return QString::number(value, 'f', 2) + unit;
}

QString secs(double s)
{
    if (s < 0)
        return QStringLiteral("-");
    if (s < 0.01)
        return QString::number(s * 1000.0, 'f', 2) + QStringLiteral(" ms");
    return QString::number(s, 'f', s < 10 ? 3 : 1);
}

QString amountText(const Row &row)
{
    if (!row.measured() && row.amount <= 0)
        return QStringLiteral("-");
    return row.bytes ? formatBytes(row.amount) : QStringLiteral("%1 items").arg(row.amount);
}

QString ratioText(double r)
{
    if (r < 0)
        return QStringLiteral("-");
    return QString::number(r, 'f', r >= 100 ? 0 : (r >= 10 ? 1 : 2)) + QLatin1Char('x');
}

/** Status text of a row that has no measurement (n/a reason or error). */
QString statusText(const Row &row)
{
    return row.status == QLatin1String("n/a") ? row.note : QStringLiteral("ERROR: ") + row.note;
}

QStringList cells(const Row &row)
{
    if (!row.measured())
        return {row.workload, amountText(row), statusText(row)};
    return {row.workload,
            amountText(row),
            secs(row.seconds),
            secs(row.cpuSeconds),
            rate(row.throughput(), row.bytes),
            row.peakRssMiB < 0 ? QStringLiteral("-") : QString::number(row.peakRssMiB, 'f', 1),
            row.baselineName.isEmpty() ? QStringLiteral("-") : row.baselineName,
            secs(row.baselineSeconds),
            rate(row.baselineThroughput(), row.bytes),
            ratioText(row.ratio()),
            row.limitName.isEmpty() ? QStringLiteral("-") : row.limitName,
            secs(row.limitName.isEmpty() ? -1 : row.limitSeconds),
            ratioText(row.vsLimit())};
}

const QStringList kHeader = {QStringLiteral("workload"),   QStringLiteral("amount"),       QStringLiteral("seconds"),
                             QStringLiteral("cpu s"),      QStringLiteral("throughput"),   QStringLiteral("peak RSS MiB"),
                             QStringLiteral("baseline"),   QStringLiteral("base s"),       QStringLiteral("base throughput"),
                             QStringLiteral("ratio"),      QStringLiteral("limit"),        QStringLiteral("limit s"),
                             QStringLiteral("vs limit")};
// Right-align the numeric columns.
const QList<bool> kRight = {false, true, true, true, true, true, false, true, true, true, false, true, true};

} // namespace

double Row::throughput() const
{
    if (!measured() || seconds <= 0)
        return -1;
    return (bytes ? double(amount) / kMiBf : double(amount)) / seconds;
}

double Row::baselineThroughput() const
{
    if (!measured() || baselineSeconds <= 0)
        return -1;
    return (bytes ? double(amount) / kMiBf : double(amount)) / baselineSeconds;
}

double Row::ratio() const
{
    if (!measured() || baselineSeconds <= 0 || seconds <= 0)
        return -1;
    return baselineSeconds / seconds;
}

double Row::limitThroughput() const
{
    if (!measured() || limitName.isEmpty() || limitSeconds <= 0)
        return -1;
    return (bytes ? double(amount) / kMiBf : double(amount)) / limitSeconds;
}

double Row::vsLimit() const
{
    if (!measured() || limitName.isEmpty() || limitSeconds <= 0 || seconds <= 0)
        return -1;
    return limitSeconds / seconds;
}

QJsonObject Row::toJson() const
{
    QJsonObject o{{QStringLiteral("workload"), workload},
                  {QStringLiteral("unit"), unit},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("note"), note},
                  {QStringLiteral("amount"), amount},
                  {QStringLiteral("amount_unit"), bytes ? QStringLiteral("bytes") : QStringLiteral("items")},
                  {QStringLiteral("seconds"), seconds},
                  {QStringLiteral("cpu_seconds"), cpuSeconds},
                  {QStringLiteral("throughput"), throughput()},
                  {QStringLiteral("throughput_unit"), bytes ? QStringLiteral("MiB/s") : QStringLiteral("items/s")},
                  {QStringLiteral("peak_rss_mib"), peakRssMiB},
                  {QStringLiteral("ratio"), ratio()}};
    if (!baselineName.isEmpty())
        o.insert(QStringLiteral("baseline"), QJsonObject{{QStringLiteral("name"), baselineName},
                                                        {QStringLiteral("seconds"), baselineSeconds},
                                                        {QStringLiteral("throughput"), baselineThroughput()}});
    o.insert(QStringLiteral("vs_limit"), vsLimit());
    if (!limitName.isEmpty())
        o.insert(QStringLiteral("limit"), QJsonObject{{QStringLiteral("name"), limitName},
                                                     {QStringLiteral("seconds"), limitSeconds},
                                                     {QStringLiteral("throughput"), limitThroughput()}});
    return o;
}

Row Row::fromJson(const QJsonObject &o)
{
    Row row;
    row.workload = o.value(QLatin1String("workload")).toString();
    row.unit = o.value(QLatin1String("unit")).toString();
    row.status = o.value(QLatin1String("status")).toString();
    row.note = o.value(QLatin1String("note")).toString();
    row.amount = o.value(QLatin1String("amount")).toInteger();
    row.bytes = o.value(QLatin1String("amount_unit")).toString() != QLatin1String("items");
    row.seconds = o.value(QLatin1String("seconds")).toDouble(-1);
    row.cpuSeconds = o.value(QLatin1String("cpu_seconds")).toDouble(-1);
    row.peakRssMiB = o.value(QLatin1String("peak_rss_mib")).toDouble(-1);
    const QJsonObject base = o.value(QLatin1String("baseline")).toObject();
    row.baselineName = base.value(QLatin1String("name")).toString();
    row.baselineSeconds = base.value(QLatin1String("seconds")).toDouble(-1);
    const QJsonObject limit = o.value(QLatin1String("limit")).toObject();
    row.limitName = limit.value(QLatin1String("name")).toString();
    row.limitSeconds = limit.value(QLatin1String("seconds")).toDouble(-1);
    return row;
}

Row Row::notAvailable(const QString &workload, const QString &unit, const QString &why)
{
    Row row;
    row.workload = workload;
    row.unit = unit;
    row.status = QStringLiteral("n/a");
    row.note = why;
    return row;
}

Row Row::error(const QString &workload, const QString &unit, const QString &why)
{
    Row row = notAvailable(workload, unit, why);
    row.status = QStringLiteral("error");
    return row;
}

namespace Report {

void printTable(QTextStream &out, const QList<Row> &rows)
{
    QList<QStringList> table{kHeader};
    for (const Row &row : rows)
        table.append(cells(row));
    // A short line (a row without measurement) only sizes the columns it fills, except
    // its last cell, which spills over the rest of the line.
    QList<int> widths(kHeader.size(), 0);
    for (const QStringList &line : std::as_const(table)) {
        const int sized = line.size() == kHeader.size() ? int(line.size()) : int(line.size()) - 1;
        for (int c = 0; c < sized; ++c)
            widths[c] = std::max(widths[c], int(line.at(c).size()));
    }
    auto emitLine = [&](const QStringList &line) {
        QString text;
        for (int c = 0; c < line.size(); ++c) {
            if (c)
                text += QStringLiteral("  ");
            if (line.size() != kHeader.size() && c == line.size() - 1)
                text += line.at(c);
            else
                text += kRight.at(c) ? line.at(c).rightJustified(widths[c]) : line.at(c).leftJustified(widths[c]);
        }
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        out << text << '\n';
    };
    emitLine(table.first());
    int total = -2;
    for (int w : widths)
        total += w + 2;
    out << QString(total, QLatin1Char('-')) << '\n';
    for (int i = 1; i < table.size(); ++i)
        emitLine(table.at(i));
    bool header = false;
    for (const Row &row : rows) {
        if (row.note.isEmpty() || !row.measured())
            continue;
        if (!header) {
            out << "\nnotes:\n";
            header = true;
        }
        out << "  " << row.workload << ": " << row.note << '\n';
    }
    out << "\nratio = our throughput / baseline throughput (= baseline seconds / our seconds); "
           "above 1 means faster than the plain-filesystem baseline.\n"
           "vs limit = limit seconds / our seconds: how close we get to the machine's limit for this work "
           "(hashing and scanning the bytes it must, measured in the same run); 1 = at the limit.\n";
    out.flush();
}

void printMarkdown(QTextStream &out, const QList<Row> &rows)
{
    out << "| " << kHeader.join(QStringLiteral(" | ")) << " |\n|";
    for (int c = 0; c < kHeader.size(); ++c)
        out << (kRight.at(c) ? "---:|" : "---|");
    out << '\n';
    for (const Row &row : rows) {
        QStringList line = cells(row);
        while (line.size() < kHeader.size())
            line.append(QStringLiteral("-"));
        out << "| " << line.join(QStringLiteral(" | ")) << " |\n";
    }
    out.flush();
}

QJsonArray toJson(const QList<Row> &rows)
{
    QJsonArray out;
    for (const Row &row : rows)
        out.append(row.toJson());
    return out;
}

QList<Row> fromJson(const QJsonArray &rows)
{
    QList<Row> out;
    for (const QJsonValue &v : rows)
        out.append(Row::fromJson(v.toObject()));
    return out;
}

} // namespace Report

} // namespace bench
