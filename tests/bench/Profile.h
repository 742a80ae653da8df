#pragma once
// Workload sizes of one bench run. Three named profiles (quick / standard / pressure)
// plus `--set key=value` overrides, so a child process rebuilt from the same command
// line arguments sees exactly the parent's numbers.

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace bench {

constexpr qint64 kMiB = 1024 * 1024;
constexpr qint64 kGiB = 1024 * kMiB;

struct Profile {
    QString name;
    qint64 largeBytes = 0;        ///< large file of random bytes (upload, reads, downloads)
    int rangeReads = 0;           ///< random readRange calls over the large file
    qint64 rangeLength = kMiB;    ///< bytes per readRange call
    int smallFiles = 0;           ///< files of the small-file tree (folder upload, reads, listing)
    int smallMinBytes = 256;      ///< small file sizes are uniform in [min, max]
    int smallMaxBytes = 16384;
    int filesPerDir = 100;        ///< small tree layout: gNN/dNNN/fNNNNN.bin, this many per dNNN
    int commits = 0;              ///< deep history: one small commit each
    int treeCommits = 0;          ///< commits touching one file of the big tree (and before listing it)
    qint64 reuploadBytes = 0;     ///< size of the file re-uploaded after a light edit
    QList<qint64> sweepFileSizes; ///< files uploaded once per threshold
    QList<qint64> sweepThresholds;///< large_file_threshold values; one above every size = whole blobs
    int mergeFiles = 0;           ///< paths changed on each side of the heavy merge
    QList<int> scaleFiles;        ///< scale unit: repository sizes (files in one commit)
    QList<int> scaleCommits;      ///< scale unit: history lengths (one-file commits)
    qint64 s3Bytes = 0;           ///< s3 unit: the random file moved to and from the bucket

    /** quick, standard or pressure; throws std::invalid_argument otherwise. */
    static Profile named(const QString &name);
    /**
     * Applies `key=value` overrides (see keys()); list keys take comma-separated values
     * (`scale_files=1000,20000`). Throws std::invalid_argument.
     */
    void apply(const QStringList &overrides);
    /** Accepted override keys with a one-line description each. */
    static QStringList keys();
    QJsonObject toJson() const;
};

/** "256 MiB", "1.5 GiB", "812 B" */
QString formatBytes(qint64 bytes);

} // namespace bench
