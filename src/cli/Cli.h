#pragma once

#include <QStringList>

namespace hubvault::cli {

/** Runs the CLI with `arguments` (program name excluded); returns the exit code. */
int run(const QStringList &arguments);

} // namespace hubvault::cli
