#pragma once
// Server tokens in the desktop's secret store (the Secret Service of GNOME Keyring or
// KeePassXC, or KWallet, through QtKeychain), keyed by server URL, so that a remote
// repository reopens from File › Recent without asking again. Never in settings: where no
// secret store runs, saving fails with a reason and the token lives in memory only.
// Every call is asynchronous (the store may be a D-Bus round trip or an unlock prompt);
// the reply comes on `context`'s thread, and not at all once `context` is gone.

#include <QObject>
#include <QString>
#include <functional>
#include <optional>

namespace hubvault::app::tokenstore {

/** `stored` false with the store's reason when no secret store took the token. */
void save(const QString &url, const QString &token, QObject *context,
          std::function<void(bool stored, const QString &reason)> done = {});
/** The stored token, or nothing when there is none or no secret store answers. */
void load(const QString &url, QObject *context, std::function<void(std::optional<QString> token)> done);
/** Forgets the stored token, if any. */
void forget(const QString &url, QObject *context = nullptr, std::function<void()> done = {});

} // namespace hubvault::app::tokenstore
