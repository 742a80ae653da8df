// Fuzz target: the server's JSON bodies and the two-step write protocol without HTTP
// (UploadProtocol, SERVER.md §4): a body parsed as the server parses it, planned as a
// commit manifest on a fixture copy, the plan encoded as wire JSON and, when planning
// worked, applied (with no uploaded parts) on a fresh copy. Tokens are checked too. Every
// failure must be a HubVaultError or an HttpProblem, which the server turns into an answer.
#include "Auth.h"
#include "ErrorEnvelope.h"
#include "Exchange.h"
#include "FuzzSupport.h"
#include "HttpProblem.h"
#include "UploadProtocol.h"
#include "WireJson.h"
#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>

#include <memory>

using namespace hubvault;
using namespace hubvault::server;

namespace {

LocalRepository &planningRepository()
{
    static std::unique_ptr<LocalRepository> repo =
        std::make_unique<LocalRepository>(LocalRepository::open(hubvault::fuzz::freshCopy("c-branches-merges", "repo-plan")));
    return *repo;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    hubvault::fuzz::initQt();
    (void)planningRepository();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // Tokens: the first line, as each of the three places a token may come from.
    const QByteArray firstLine = bytes.left(bytes.indexOf('\n'));
    const TokenSet tokens({QStringLiteral("ro-token")}, {QStringLiteral("rw-token"), QStringLiteral(" rw-token ")});
    (void)tokens.check(extractToken({firstLine, std::nullopt, std::nullopt}, true));
    (void)tokens.check(extractToken({std::nullopt, firstLine, std::nullopt}, false));
    (void)tokens.check(extractToken({std::nullopt, std::nullopt, firstLine}, true));

    QJsonValue manifest;
    try {
        manifest = Exchange::parseJson(bytes);
    } catch (const HttpProblem &problem) {
        (void)wirejson::encode(envelope(problem));
        return 0;
    }
    (void)wirejson::encode(manifest);
    QJsonObject plan;
    try {
        plan = upload::plan(planningRepository(), manifest);
    } catch (const HubVaultError &error) {
        (void)wirejson::encode(envelope(error));
        return 0;
    }
    (void)wirejson::encode(plan);
    QJsonObject request = manifest.toObject();
    request.insert(QStringLiteral("parent_commit"), plan.value(QStringLiteral("base_head")));
    request.insert(QStringLiteral("upload_plan"), plan);
    upload::IssuedPlans issued;
    issued.remember(plan);
    try {
        LocalRepository target = LocalRepository::open(hubvault::fuzz::freshCopy("c-branches-merges", "repo-apply"));
        (void)upload::apply(target, request, {}, issued);
    } catch (const HubVaultError &error) {
        (void)wirejson::encode(envelope(error));
    } catch (const HttpProblem &problem) {
        (void)wirejson::encode(envelope(problem));
    }
    hubvault::fuzz::checkSentinel();
    return 0;
}
