// How the app writes sizes (see Formatting.h).
#include "shell/Formatting.h"

#include <QLocale>

namespace hubvault::app {

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

} // namespace hubvault::app
