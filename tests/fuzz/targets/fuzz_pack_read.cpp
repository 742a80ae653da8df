// Fuzz target: pack reading (docs/format.md §5.5). An input sets the offset, stored size,
// logical size and compression of a chunk's chunk_visible row and replaces the bytes of
// the pack holding it; the chunk and every file are then read and verified. Reads give
// the right bytes or a HubVaultError, never a crash, an over-read or a huge allocation.
#include "FuzzSupport.h"
#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>

#include <QFile>
#include <QIODevice>
#include <sqlite3.h>

using namespace hubvault;

namespace {

const char kChunk[] = "sha256:3d0e79e703ec8165c69d1747aa7a10c36be41ab4ca43dcaa1f84a2684f85e3db";
const char kPack[] = "chunks/packs/20240201T000100Z-00000006-000002.pack";

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    hubvault::fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hubvault::fuzz::Input in(data, size);
    const qint64 offset = in.take<int64_t>();
    const qint64 storedSize = in.take<int64_t>();
    const qint64 logicalSize = in.take<int64_t>();
    const uint8_t flags = in.take<uint8_t>();
    const QByteArray pack = in.rest();
    const QString path = hubvault::fuzz::freshCopy("b-chunked-large");
    {
        QFile f(path + QLatin1Char('/') + QLatin1String(kPack));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(pack) != pack.size())
            std::abort();
    }
    sqlite3 *db = nullptr;
    sqlite3_open((path + QStringLiteral("/metadata.sqlite3")).toUtf8().constData(), &db);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "UPDATE chunk_visible SET offset = ?1, stored_size = ?2, logical_size = ?3, compression = ?4 "
                           "WHERE chunk_id = ?5", -1, &stmt, nullptr);
    sqlite3_bind_int64(stmt, 1, offset);
    sqlite3_bind_int64(stmt, 2, storedSize);
    sqlite3_bind_int64(stmt, 3, logicalSize);
    static const char *const compressions[] = {"none", "zstd", "gzip", ""};
    sqlite3_bind_text(stmt, 4, compressions[flags % 4], -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, kChunk, -1, SQLITE_STATIC);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    sqlite3_close(db);

    try {
        LocalRepository repo = LocalRepository::open(path);
        try {
            (void)repo.readChunk(QString::fromLatin1(kChunk));
        } catch (const HubVaultError &) {
        }
        for (const RepoEntry &e : repo.listRepoTree({}, true)) {
            if (e.isFolder)
                continue;
            try {
                (void)repo.readRange(e.path(), (flags & 4) ? 60000 : 0, 8192);
                std::unique_ptr<QIODevice> dev = repo.openFile(e.path());
                char buffer[4096];
                if (dev && dev->seek((flags & 8) ? 65530 : 0))
                    (void)dev->read(buffer, sizeof buffer);
            } catch (const HubVaultError &) {
            }
        }
        if (flags & 16)
            (void)repo.fullVerify();
    } catch (const HubVaultError &) {
    }
    hubvault::fuzz::checkSentinel();
    return 0;
}
