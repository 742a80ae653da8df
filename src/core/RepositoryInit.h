#pragma once
// create_repo (docs/format.md §1.4): an empty directory becomes a repository with the
// skeleton, FORMAT marker, schema, settings and a default branch; the bootstrap commit
// is written afterwards like any other commit.

#include <hubvault/Repository.h>

namespace hubvault {

class RepositoryContext;

class RepositoryInit {
public:
    /**
     * Lays out a new repository at `context.root` (whose settings are taken from
     * `options`). Returns false when a repository already exists there.
     */
    static bool initialize(RepositoryContext &context, const CreateRepoOptions &options);
    /**
     * Checks an existing repository at `context.root` (§1.3: marker, database, schema
     * version, repo_meta), recovers what a crashed writer left (§6.4, §6.5) and loads
     * its settings into `context`. Throws RepositoryNotFoundError, HubVaultError for an
     * unsupported format or schema, IntegrityError for a damaged database.
     */
    static void load(RepositoryContext &context);
    /** Creates any missing skeleton directory and the legacy MANIFEST (§1.2). */
    static void ensureLayout(const RepositoryContext &context);
};

} // namespace hubvault
