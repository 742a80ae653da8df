// Fuzz target: canonical JSON (docs/format.md §2.5). Any text that parses must encode to a
// canonical form that parses back to the same canonical form, so ids computed from it are
// stable (both the compact and the legacy spaced dialect).
#include "CanonicalJson.h"
#include "FuzzSupport.h"
#include "ObjectCodec.h"
#include <hubvault/Errors.h>

#include <QJsonDocument>

using namespace hubvault;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    QJsonObject parsed;
    try {
        parsed = CanonicalJson::parseObject(text, QStringLiteral("input"));
    } catch (const HubVaultError &) {
        return 0;
    }
    const QByteArray once = CanonicalJson::serialize(parsed);
    const QByteArray twice = CanonicalJson::serialize(CanonicalJson::parseObject(once, QStringLiteral("canonical text")));
    if (once != twice) {
        std::fprintf(stderr, "canonical JSON is not stable:\n%s\n%s\n", once.constData(), twice.constData());
        std::abort();
    }
    if (ObjectCodec::objectId(ObjectType::Tree, once) != ObjectCodec::objectId(ObjectType::Tree, twice))
        std::abort();
    const QByteArray spaced = CanonicalJson::serializeSpaced(parsed);
    if (CanonicalJson::serialize(CanonicalJson::parseObject(spaced, QStringLiteral("spaced text"))) != once) {
        std::fprintf(stderr, "spaced and compact canonical JSON differ:\n%s\n%s\n", once.constData(), spaced.constData());
        std::abort();
    }
    return 0;
}
