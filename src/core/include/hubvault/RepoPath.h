#pragma once
// Validation and normalization of repository paths and ref names (docs/format.md §11.1, §8.1).
// Everything a caller passes as a path inside the repository goes through here before it
// reaches storage, so `..`, absolute paths and reserved names never touch the disk.

#include <QString>

namespace hubvault {

class RepoPath {
public:
    /**
     * Returns the normalized form of a repository path (`a//b` -> `a/b`, `./a` -> `a`).
     * Throws UnsupportedPathError naming `what` for empty, absolute, drive-letter,
     * `..`, reserved or otherwise illegal paths.
     */
    static QString normalize(const QString &path, const QString &what = QStringLiteral("path_in_repo"));

    /** Like normalize() but an empty string (the repository root) is allowed. */
    static QString normalizeOptional(const QString &path, const QString &what = QStringLiteral("path_in_repo"));

    /** Validates and normalizes a branch or tag name; throws HubVaultValidationError. */
    static QString normalizeRefName(const QString &name);
};

} // namespace hubvault
