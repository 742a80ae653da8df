#pragma once
// The remote client's download cache (SERVER.md §6 "Download cache"): where files and
// snapshots of a server land, whether a cached copy is still good, and a verified download
// that only ever shows complete files under their final name.

#include "HttpSession.h"

#include <QString>

namespace hubvault::remote {

namespace cache {

/** The cache root: `configured`, else $HUBVAULT_REMOTE_CACHE_DIR, else the XDG cache. */
QString root(const QString &configured);
/** First 16 hex of SHA-256 of the base URL: one folder per server. */
QString endpointKey(const QString &baseUrl);
/** A name safe as one folder name: runs of other characters than [A-Za-z0-9._-] become '_'. */
QString safeName(const QString &name);
/** True when `path` is a file of `size` bytes whose SHA-256 is `sha256` (hex). */
bool isFresh(const QString &path, qint64 size, const QString &sha256);

/**
 * GETs `request` into `target`: written to a temporary name beside it, checked against
 * `size` and `sha256`, then renamed into place (IntegrityError when it does not match).
 */
void download(const HttpSession &session, HttpRequest request, const QString &target, qint64 size,
              const QString &sha256);

} // namespace cache

} // namespace hubvault::remote
