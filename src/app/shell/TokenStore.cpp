// Tokens in the desktop's secret store through QtKeychain (see TokenStore.h).
#include "shell/TokenStore.h"

#include <qt6keychain/keychain.h>

namespace hubvault::app::tokenstore {
namespace {

/** One service name for every HubVault entry, so that the keyring groups them. */
const QString kService = QStringLiteral("HubVault");

template <typename JobType>
JobType *newJob(const QString &url)
{
    auto *job = new JobType(kService);
    job->setAutoDelete(true);
    // Plain-text fallback files would be exactly the settings the token must stay out of.
    job->setInsecureFallback(false);
    job->setKey(url);
    return job;
}

} // namespace

void save(const QString &url, const QString &token, QObject *context, std::function<void(bool, const QString &)> done)
{
    auto *job = newJob<QKeychain::WritePasswordJob>(url);
    job->setTextData(token);
    QObject::connect(job, &QKeychain::Job::finished, context ? context : job, [done = std::move(done)](QKeychain::Job *finished) {
        if (done)
            done(finished->error() == QKeychain::NoError, finished->errorString());
    });
    job->start();
}

void load(const QString &url, QObject *context, std::function<void(std::optional<QString>)> done)
{
    auto *job = newJob<QKeychain::ReadPasswordJob>(url);
    QObject::connect(job, &QKeychain::Job::finished, context ? context : job, [done = std::move(done)](QKeychain::Job *finished) {
        const auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
        if (read->error() == QKeychain::NoError && !read->textData().isEmpty())
            done(read->textData());
        else
            done(std::nullopt);
    });
    job->start();
}

void forget(const QString &url, QObject *context, std::function<void()> done)
{
    auto *job = newJob<QKeychain::DeletePasswordJob>(url);
    QObject::connect(job, &QKeychain::Job::finished, context ? context : job, [done = std::move(done)](QKeychain::Job *) {
        if (done)
            done();
    });
    job->start();
}

} // namespace hubvault::app::tokenstore
