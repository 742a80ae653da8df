// Matching requests to routes (see Router.h).
#include "Router.h"

namespace hubvault::server {
namespace {

/** `{name:path}` takes any characters including "/", `{name}` one path segment. */
QRegularExpression compile(const QString &pattern)
{
    QString regex = QStringLiteral("^");
    qsizetype at = 0;
    while (at < pattern.size()) {
        const qsizetype open = pattern.indexOf(QLatin1Char('{'), at);
        if (open < 0) {
            regex += QRegularExpression::escape(pattern.mid(at));
            break;
        }
        const qsizetype close = pattern.indexOf(QLatin1Char('}'), open);
        regex += QRegularExpression::escape(pattern.mid(at, open - at));
        regex += pattern.mid(open, close - open).endsWith(QLatin1String(":path")) ? QStringLiteral("(.+)")
                                                                                  : QStringLiteral("([^/]+)");
        at = close + 1;
    }
    regex += QLatin1Char('$');
    return QRegularExpression(regex, QRegularExpression::DotMatchesEverythingOption);
}

} // namespace

void Router::add(const char *method, const char *pattern, bool write, Body body,
                 std::function<void(Exchange &, RouteContext &)> handler)
{
    Route route;
    route.method = method;
    route.pattern = QString::fromLatin1(pattern);
    route.write = write;
    route.body = body;
    route.handler = std::move(handler);
    route.regex = compile(route.pattern);
    m_routes.append(std::move(route));
}

const Route *Router::match(const QByteArray &method, const QString &path, QStringList &args, QStringList &allowed) const
{
    for (const Route &route : m_routes) {
        const QRegularExpressionMatch found = route.regex.match(path);
        if (!found.hasMatch())
            continue;
        if (route.method != method) {
            if (!allowed.contains(QString::fromLatin1(route.method)))
                allowed.append(QString::fromLatin1(route.method));
            continue;
        }
        args = found.capturedTexts().mid(1);
        return &route;
    }
    return nullptr;
}

} // namespace hubvault::server
