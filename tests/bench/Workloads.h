#pragma once
// The workloads. A unit is one child process: it builds its setup (repository, data)
// once and measures one or more rows on it, resetting the peak-RSS mark before each.
// `--only` selects rows or whole units; a unit runs when any of its rows is selected.

#include "Profile.h"
#include "Report.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace bench {

/** What a unit's child process knows. */
struct UnitContext {
    Profile profile;
    QString root;       ///< run directory; shared data lives in root/data
    QString dir;        ///< this unit's scratch directory (removed when the unit ends)
    QStringList only;   ///< selected row names; empty = every row
    /** Called with each finished row (the child saves it at once). */
    std::function<void(const Row &)> emitRow;

    bool wants(const QString &row) const { return only.isEmpty() || only.contains(row); }
    QString dataDir() const { return root + QStringLiteral("/data"); }
};

struct Unit {
    QString name;
    QString description;
    QStringList rows;            ///< row names, in output order
    bool available = true;       ///< false: every row is reported n/a without a child
    QString unavailableReason;
    std::function<void(UnitContext &)> run;
    /**
     * Run by the parent after the unit's child has exited, however it ended, with the
     * unit's scratch directory (root/<name>): stops what the child started (the S3 unit's
     * object store) when the child could not.
     */
    std::function<void(const QString &unitDir)> cleanup;
};

/** Every unit, in run order. Row names are rebuilt from the profile (sweep rows). */
QList<Unit> units(const Profile &profile);

} // namespace bench
