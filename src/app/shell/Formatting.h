#pragma once
// How the app writes sizes: one function, so every page, dialog and report agrees.

#include <QString>

namespace hubvault::app {

/** "1.5 MiB" style (IEC units, one decimal, in the user's locale). */
QString formatBytes(qint64 bytes);

} // namespace hubvault::app
