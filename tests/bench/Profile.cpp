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
            QStringLiteral("merge_files     paths changed per side of the heavy merge")};
}

void Profile::apply(const QStringList &overrides)
{
    for (const QString &item : overrides) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        bool ok = false;
        const qint64 value = eq > 0 ? item.mid(eq + 1).toLongLong(&ok) : 0;
        if (!ok || value < 0)
            throw std::invalid_argument("bad --set '" + item.toStdString() + "' (expected key=non-negative integer)");
        const QString key = item.left(eq);
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
        else
            throw std::invalid_argument("unknown --set key '" + key.toStdString() + "'");
    }
    if (largeBytes < rangeLength)
        throw std::invalid_argument("large_mib must be at least one range read");
}

QJsonObject Profile::toJson() const
{
    auto list = [](const QList<qint64> &values) {
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
                       {QStringLiteral("merge_files"), mergeFiles}};
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
