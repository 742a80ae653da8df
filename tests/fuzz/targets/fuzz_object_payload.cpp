// Fuzz target: decoding of stored object payloads (ObjectModel, docs/format.md §3.2-§3.5).
// The first byte picks commit, tree, file or blob; the rest is the payload text kept in
// SQLite. Parsing either throws a HubVaultError or yields values every reader can use.
#include "FuzzSupport.h"
#include "ObjectCodec.h"
#include "ObjectModel.h"
#include <hubvault/Errors.h>

using namespace hubvault;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hubvault::fuzz::Input in(data, size);
    const uint8_t selector = in.take<uint8_t>();
    const QByteArray payload = in.rest();
    const ObjectType type = ObjectType(selector % 4);
    // Half of the inputs carry their true id, so the id-checked paths run too.
    const QString id = (selector & 4) ? ObjectCodec::objectId(type, payload)
                                      : QStringLiteral("sha256:") + QString(64, QLatin1Char('0'));
    try {
        switch (type) {
        case ObjectType::Commit: {
            const CommitPayload c = CommitPayload::parse(payload, id);
            (void)ObjectCodec::parseTimestamp(c.createdAt);
            (void)ObjectCodec::splitMessage(c.message);
            (void)ObjectCodec::gitCommitOid(c.treeId, c.parents, ObjectCodec::parseTimestamp(c.createdAt), c.message);
            break;
        }
        case ObjectType::Tree: {
            const TreePayload t = TreePayload::parse(payload, id);
            QList<GitTreeEntry> git;
            for (const TreeEntry &e : t.entries) {
                if (!t.find(e.name))
                    std::abort(); // every listed entry must be found by name
                git.append({e.name, e.isTree(), QString(40, QLatin1Char('0'))});
            }
            (void)ObjectCodec::gitTreeOid(git);
            break;
        }
        case ObjectType::File: {
            const FilePayload f = FilePayload::parse(payload, id);
            for (const ChunkRef &c : f.chunks)
                (void)(c.logicalOffset + c.logicalSize);
            if (f.isChunked())
                (void)ObjectCodec::lfsPointer(f.sha256, f.logicalSize);
            break;
        }
        case ObjectType::Blob:
            (void)BlobPayload::parse(payload, id);
            break;
        }
    } catch (const HubVaultError &) {
    }
    return 0;
}
