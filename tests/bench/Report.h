#pragma once
// One result row per measured operation, the aligned table printed to stdout and the
// JSON file. Rows travel from a child process to the parent as JSON too.

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTextStream>

namespace bench {

struct Row {
    QString workload;      ///< row name, e.g. "large-upload"
    QString unit;          ///< the child process (setup group) that measured it
    QString status = QStringLiteral("ok"); ///< ok, n/a, error
    QString note;
    qint64 amount = 0;     ///< bytes or items processed
    bool bytes = true;     ///< amount counts bytes (MiB/s) or items (items/s)
    double seconds = -1;
    double cpuSeconds = -1; ///< user + system CPU time of the measuring process
    double peakRssMiB = -1;
    QString baselineName;  ///< what the baseline did, empty when there is none
    double baselineSeconds = -1;
    /// Second comparison: the machine's limit for this work (e.g. hashing every byte it
    /// must verify), measured in the same run; empty name when there is none.
    QString limitName;
    double limitSeconds = -1;

    bool measured() const { return status == QLatin1String("ok") && seconds >= 0; }
    /** MiB/s or items/s; -1 when not measured. */
    double throughput() const;
    double baselineThroughput() const;
    /** ours / baseline throughput (= baseline seconds / our seconds); -1 without both. */
    double ratio() const;
    double limitThroughput() const;
    /** limit seconds / our seconds (1 = as fast as the limit allows); -1 without both. */
    double vsLimit() const;

    QJsonObject toJson() const;
    static Row fromJson(const QJsonObject &json);
    static Row notAvailable(const QString &workload, const QString &unit, const QString &why);
    static Row error(const QString &workload, const QString &unit, const QString &why);
};

namespace Report {

/** The aligned table, then one line per row note. */
void printTable(QTextStream &out, const QList<Row> &rows);
/** The same as a GitHub-flavoured Markdown table (for docs/benchmarks.md). */
void printMarkdown(QTextStream &out, const QList<Row> &rows);
QJsonArray toJson(const QList<Row> &rows);
QList<Row> fromJson(const QJsonArray &rows);

} // namespace Report

} // namespace bench
