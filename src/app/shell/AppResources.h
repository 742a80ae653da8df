#pragma once
// The app's icons (resources/hubvault.qrc) live in the static library hubvault_app. A
// resource object in a static library is dropped by the linker unless something refers
// to it, so every user of an icon calls ensureResources() first (it runs once).

namespace hubvault::app {

void ensureResources();

} // namespace hubvault::app
