#pragma once
// The browser UI's files (src/web, compiled in as the Qt resource prefix /web) as
// `hubvault serve --mode frontend` answers them: content type, ETag, and the SPA fallback.

#include <QByteArray>
#include <QString>

namespace hubvault::server {

/** One file of the browser UI, ready to send. */
struct FrontendAsset {
    QByteArray body;
    QByteArray contentType;
    /** Quoted strong validator of `body`, for If-None-Match. */
    QByteArray etag;
};

/**
 * The asset a non-API GET of `urlPath` answers: the file of that name when the UI has
 * one, else index.html (the app routes by URL, SERVER.md §7). Paths never leave the
 * asset set: `..` segments do not resolve.
 */
const FrontendAsset &frontendAsset(const QString &urlPath);

} // namespace hubvault::server
