#pragma once
// How `hubvault serve` runs (SERVER.md §1 plus our bounds).

#include <QString>
#include <QStringList>

namespace hubvault::server {

enum class ServeMode { Api, Frontend };

struct ServeOptions {
    QString repoPath;         ///< the repository root as given (echoed in responses)
    QString host = QStringLiteral("127.0.0.1");
    int port = 9472;          ///< 0 = any free port (tests)
    ServeMode mode = ServeMode::Frontend;
    QStringList readOnlyTokens;
    QStringList readWriteTokens;
    int threads = 0;          ///< request workers (one per open connection); 0 = max(128, 16 x cores)
    qint64 maxJsonBody = 64LL << 20; ///< JSON bodies (manifests included)
    int readTimeoutSeconds = 30;     ///< idle time allowed while reading a request
    int writeTimeoutSeconds = 30;    ///< idle time allowed while a client reads a response
    int keepAliveSeconds = 5;
    /** Request line and headers must arrive within this; bodies and responses get it as grace. */
    int headerTimeoutSeconds = 20;
    /** After the grace, bodies and responses must average this many bytes per second. */
    qint64 minTransferRate = 1024;
    qint64 maxFileSize = 0;   ///< largest file an upload may create; 0 = what the disk holds
    QString accessLogPath;    ///< empty = stderr; "-" = none
};

} // namespace hubvault::server
