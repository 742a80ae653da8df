#include "Profile.h"

#include <QJsonArray>
#include <stdexcept>

namespace bench {

Profile Profile::named(const QString &name)
{
    Profile p;
    p.name = name;
    if (name == QLatin1String("quick")) {
        // The whole run stays under a minute on a 2-core machine.
        p.largeBytes = 256 * kMiB;
        p.rangeReads = 200;
        p.smallFiles = 1000;
        p.commits = 300;
        p.treeCommits = 20;
        p.reuploadBytes = 256 * kMiB;
        p.sweepFileSizes = {1 * kMiB, 4 * kMiB, 16 * kMiB, 40 * kMiB};
        p.sweepThresholds = {1 * kMiB, 16 * kMiB, 1 * kGiB};
        p.mergeFiles = 500;
        p.scaleFiles = {1000, 10000};
        p.scaleCommits = {300, 5000};
        p.s3Bytes = 256 * kMiB;
    } else if (name == QLatin1String("standard")) {
        p.largeBytes = 2 * kGiB;
        p.rangeReads = 1000;
        p.smallFiles = 10000;
        p.commits = 5000;
        p.treeCommits = 50;
        p.reuploadBytes = 1 * kGiB;
        p.sweepFileSizes = {1 * kMiB, 4 * kMiB, 16 * kMiB, 64 * kMiB, 256 * kMiB};
        p.sweepThresholds = {1 * kMiB, 4 * kMiB, 16 * kMiB, 64 * kMiB, 4 * kGiB};
        p.mergeFiles = 5000;
        p.scaleFiles = {1000, 10000, 100000};
        p.scaleCommits = {300, 5000, 50000};
        p.s3Bytes = 1 * kGiB;
    } else if (name == QLatin1String("pressure")) {
        p.largeBytes = 8 * kGiB;
        p.rangeReads = 2000;
        p.smallFiles = 50000;
        p.commits = 20000;
        p.treeCommits = 100;
        p.reuploadBytes = 4 * kGiB;
        p.sweepFileSizes = {1 * kMiB, 16 * kMiB, 256 * kMiB, 1 * kGiB};
        p.sweepThresholds = {1 * kMiB, 16 * kMiB, 256 * kMiB, 16 * kGiB};
        p.mergeFiles = 20000;
        p.scaleFiles = {1000, 10000, 100000};
        p.scaleCommits = {300, 5000, 50000};
        p.s3Bytes = 4 * kGiB;
    } else {
        throw std::invalid_argument("unknown profile '" + name.toStdString() + "' (quick, standard or pressure)");
    }
    return p;
}

QStringList Profile::keys()
{
    return {QStringLiteral("large_mib       size of the large file in MiB"),
            QStringLiteral("range_reads     number of random readRange calls"),
            QStringLiteral("range_kib       bytes per readRange call, in KiB"),
            QStringLiteral("small_files     files in the small-file tree"),
            QStringLiteral("small_max       largest small file in bytes"),
            QStringLiteral("commits         commits of the deep history"),
            QStringLiteral("tree_commits    commits on the small-file tree before listing it"),
            QStringLiteral("reupload_mib    size of the edited re-upload in MiB"),
            QStringLiteral("merge_files     paths changed per side of the heavy merge"),
            QStringLiteral("scale_files     scale unit: repository sizes in files, comma-separated (e.g. 1000,10000)"),
            QStringLiteral("scale_commits   scale unit: history lengths in commits, comma-separated (e.g. 300,5000)"),
            QStringLiteral("s3_mib          s3 unit: size of the file moved to and from the bucket in MiB")};
}

void Profile::apply(const QStringList &overrides)
{
    for (const QString &item : overrides) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const QString key = eq > 0 ? item.left(eq) : item;
        const QString text = eq > 0 ? item.mid(eq + 1) : QString();
        auto bad = [&item](const char *expected) {
            return std::invalid_argument("bad --set '" + item.toStdString() + "' (expected " + expected + ")");
        };
        if (key == QLatin1String("scale_files") || key == QLatin1String("scale_commits")) {
            // A list: positive integers, comma-separated, in the order the rows run.
            QList<int> values;
            for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                bool ok = false;
                const int v = part.trimmed().toInt(&ok);
                if (!ok || v <= 0)
                    throw bad("key=comma-separated positive integers");
                if (!values.contains(v))
                    values.append(v);
            }
            if (values.isEmpty())
                throw bad("key=comma-separated positive integers");
            (key == QLatin1String("scale_files") ? scaleFiles : scaleCommits) = values;
            continue;
        }
        bool ok = false;
        const qint64 value = eq > 0 ? text.toLongLong(&ok) : 0;
        if (!ok || value < 0)
            throw bad("key=non-negative integer");
        if (key == QLatin1String("large_mib"))
            largeBytes = value * kMiB;
        else if (key == QLatin1String("range_reads"))
            rangeReads = int(value);
        else if (key == QLatin1String("range_kib"))
            rangeLength = value * 1024;
        else if (key == QLatin1String("small_files"))
            smallFiles = int(value);
        else if (key == QLatin1String("small_max"))
            smallMaxBytes = int(qMax<qint64>(value, smallMinBytes));
        else if (key == QLatin1String("commits"))
            commits = int(value);
        else if (key == QLatin1String("tree_commits"))
            treeCommits = int(value);
        else if (key == QLatin1String("reupload_mib"))
            reuploadBytes = value * kMiB;
        else if (key == QLatin1String("merge_files"))
            mergeFiles = int(value);
        else if (key == QLatin1String("s3_mib"))
            s3Bytes = value * kMiB;
        else
            throw std::invalid_argument("unknown --set key '" + key.toStdString() + "'");
    }
    if (largeBytes < rangeLength)
        throw std::invalid_argument("large_mib must be at least one range read");
    if (s3Bytes < rangeLength)
        throw std::invalid_argument("s3_mib must be at least one range read");
}

QJsonObject Profile::toJson() const
{
    auto list = [](const auto &values) {
        QJsonArray out;
        for (qint64 v : values)
            out.append(v);
        return out;
    };
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("large_bytes"), largeBytes},
                       {QStringLiteral("range_reads"), rangeReads},
                       {QStringLiteral("range_length"), rangeLength},
                       {QStringLiteral("small_files"), smallFiles},
                       {QStringLiteral("small_min_bytes"), smallMinBytes},
                       {QStringLiteral("small_max_bytes"), smallMaxBytes},
                       {QStringLiteral("commits"), commits},
                       {QStringLiteral("tree_commits"), treeCommits},
                       {QStringLiteral("reupload_bytes"), reuploadBytes},
                       {QStringLiteral("sweep_file_sizes"), list(sweepFileSizes)},
                       {QStringLiteral("sweep_thresholds"), list(sweepThresholds)},
                       {QStringLiteral("merge_files"), mergeFiles},
                       {QStringLiteral("scale_files"), list(scaleFiles)},
                       {QStringLiteral("scale_commits"), list(scaleCommits)},
                       {QStringLiteral("s3_bytes"), s3Bytes}};
}

QString formatBytes(qint64 bytes)
{
    if (bytes >= kGiB && bytes % (kGiB / 4) == 0)
        return QStringLiteral("%1 GiB").arg(double(bytes) / double(kGiB));
    if (bytes >= kGiB)
        return QStringLiteral("%1 GiB").arg(double(bytes) / double(kGiB), 0, 'f', 2);
    if (bytes >= kMiB && bytes % kMiB == 0)
        return QStringLiteral("%1 MiB").arg(bytes / kMiB);
    if (bytes >= kMiB)
        return QStringLiteral("%1 MiB").arg(double(bytes) / double(kMiB), 0, 'f', 1);
    if (bytes >= 1024)
        return QStringLiteral("%1 KiB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    return QStringLiteral("%1 B").arg(bytes);
}

} // namespace bench
