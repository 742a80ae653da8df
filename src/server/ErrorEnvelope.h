#pragma once
// The original's JSON error envelope (SERVER.md §5): {"error":{"type","message"}}, with
// the status that each error class maps to.

#include <hubvault/Errors.h>

#include <QJsonObject>

namespace hubvault::server {

struct HttpProblem;

int statusOf(ErrorKind kind);
QJsonObject envelope(const HubVaultError &error);
/** Framework errors also keep FastAPI's `detail` member, so clients of either shape read them. */
QJsonObject envelope(const HttpProblem &problem);

} // namespace hubvault::server
