#include "shell/AppResources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initHubVaultResources()
{
    Q_INIT_RESOURCE(hubvault);
}

namespace hubvault::app {

void ensureResources()
{
    static const bool initialized = (initHubVaultResources(), true);
    Q_UNUSED(initialized);
}

} // namespace hubvault::app
