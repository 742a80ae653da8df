#include "Rss.h"

#include <QFile>
#include <QList>
#include <QByteArray>

namespace bench {

namespace {

double statusFieldMiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (!line.startsWith(prefix))
            continue;
        // "VmHWM:\t  123456 kB"
        const QByteArray value = line.mid(prefix.size()).trimmed();
        const qsizetype space = value.indexOf(' ');
        bool ok = false;
        const double kib = value.left(space < 0 ? value.size() : space).toDouble(&ok);
        return ok ? kib / 1024.0 : -1;
    }
    return -1;
}

} // namespace

namespace Rss {

double peakMiB()
{
    return statusFieldMiB("VmHWM");
}

double currentMiB()
{
    return statusFieldMiB("VmRSS");
}

bool resetPeak()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (!clear.open(QIODevice::WriteOnly))
        return false;
    return clear.write("5", 1) == 1 && clear.flush();
}

} // namespace Rss

} // namespace bench
