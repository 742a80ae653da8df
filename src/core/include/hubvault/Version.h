#pragma once
// Who and what this build is: HubVault's own version (project() in the top-level
// CMakeLists.txt, the only place it is set), its authors, the hubvault release and
// repository format it reads and writes, and the versions of the libraries it runs with.
// The CLI, the desktop app and the packages all print it from here, so they never differ.

#include <QString>

namespace hubvault {

/** HubVault's own version, e.g. "0.1.0". */
QString version();

/** The authors, as --version and the About dialog name them. */
QString authors();

/** The hubvault (Python) release whose repositories and HTTP API this implementation shares. */
QString compatibleHubvaultVersion();

/** The repository format version written and accepted (repo_meta `format_version`, docs/format.md §2.3). */
int repositoryFormatVersion();

/**
 * Qt, SQLite, OpenSSL and libarchive as loaded at run time (not as compiled against), one
 * "name version" per entry, comma-separated: what a bug report needs after a library update.
 */
QString runtimeLibraryVersions();

/**
 * The --version text of `program`. Scripts written for hubvault 0.0.2 look for the words
 * "hubvault" and "version" in it, so the first line keeps both; our own version comes
 * first and the compatible hubvault version is said separately.
 */
QString versionText(const QString &program);

} // namespace hubvault
