#pragma once
// The route table of the API (SERVER.md §3): method, path pattern, whether the route
// writes (and so needs a read-write token), whether it takes a JSON body (parsed before
// authentication, as the original does), and the handler.

#include "Exchange.h"
#include "ServeOptions.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <functional>

namespace hubvault {
class Repository;
}

namespace hubvault::server {

namespace upload {
class IssuedPlans;
}

/** What every handler may use besides its request. */
struct RouteContext {
    Repository &repository;
    const ServeOptions &options;
    upload::IssuedPlans &issuedPlans;
};

enum class Body { None, Json, Stream };

struct Route {
    QByteArray method;
    QString pattern; ///< "/api/v1/content/blob/{path:path}/range"; also the access log's name
    bool write = false;
    Body body = Body::None;
    std::function<void(Exchange &, RouteContext &)> handler;
    QRegularExpression regex;
};

class Router {
public:
    void add(const char *method, const char *pattern, bool write, Body body,
             std::function<void(Exchange &, RouteContext &)> handler);
    /**
     * The first route whose pattern and method match, with its path arguments; nullptr
     * when none does, with `allowed` listing the methods of routes whose pattern matched.
     */
    const Route *match(const QByteArray &method, const QString &path, QStringList &args, QStringList &allowed) const;

private:
    QList<Route> m_routes;
};

void addReadRoutes(Router &router);
void addWriteRoutes(Router &router);

} // namespace hubvault::server
