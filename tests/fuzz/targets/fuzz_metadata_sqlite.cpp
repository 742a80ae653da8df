// Fuzz target: the SQLite metadata as a whole. An input is either a whole metadata.sqlite3
// (it starts with SQLite's magic: raw page damage) or a list of row edits applied to a
// fixture's database (table, row, column, new value: damage a hostile copier would make).
// The damaged database goes into a fresh copy of the fixture, which is then opened,
// listed, read and verified. Each step either works or throws a HubVaultError, within
// the memory limit, and nothing outside the copy changes.
#include "FuzzSupport.h"
#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>

#include <QFile>
#include <sqlite3.h>

using namespace hubvault;

namespace {

const char *const kTables[] = {"refs", "reflog", "repo_meta", "schema_info", "txn_log", "chunk_visible",
                               "objects_commits", "objects_trees", "objects_files", "objects_blobs"};
const char *const kFixtures[] = {"a-small-files-paths", "b-chunked-large", "c-branches-merges", "d-squash-gc"};

/** Applies the row edits of `in`; each is table, row, column, value kind and value. */
void applyEdits(const QString &dbPath, hubvault::fuzz::Input &in)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(dbPath.toUtf8().constData(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return;
    }
    for (int edit = 0; edit < 8 && in.remaining() >= 4; ++edit) {
        const char *table = kTables[in.take<uint8_t>() % std::size(kTables)];
        const int row = in.take<uint8_t>();
        const int column = in.take<uint8_t>() % 12;
        const uint8_t kind = in.take<uint8_t>();
        const QByteArray value = in.takeBytes(in.take<uint8_t>());
        // The column by position, through pragma table_info, so any column can be hit.
        sqlite3_stmt *info = nullptr;
        QByteArray columnName;
        sqlite3_prepare_v2(db, QByteArray("SELECT name FROM pragma_table_info('") + table + "') LIMIT 1 OFFSET " +
                               QByteArray::number(column % 8), -1, &info, nullptr);
        if (info && sqlite3_step(info) == SQLITE_ROW)
            columnName = reinterpret_cast<const char *>(sqlite3_column_text(info, 0));
        sqlite3_finalize(info);
        if (columnName.isEmpty())
            continue;
        const QByteArray where = QByteArray(" WHERE rowid = (SELECT rowid FROM ") + table + " LIMIT 1 OFFSET " +
                                 QByteArray::number(row % 64) + ")";
        QByteArray sql;
        switch (kind % 4) {
        case 0: sql = QByteArray("UPDATE ") + table + " SET \"" + columnName + "\" = ?1" + where; break;
        case 1: sql = QByteArray("DELETE FROM ") + table + where; break;
        case 2: sql = QByteArray("INSERT OR REPLACE INTO ") + table + " SELECT * FROM " + table + where; break;
        default: sql = QByteArray("UPDATE ") + table + " SET \"" + columnName + "\" = CAST(?1 AS INTEGER)" + where; break;
        }
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql.constData(), -1, &stmt, nullptr) == SQLITE_OK) {
            if (kind & 4)
                sqlite3_bind_blob(stmt, 1, value.constData(), int(value.size()), SQLITE_TRANSIENT);
            else
                sqlite3_bind_text(stmt, 1, value.constData(), int(value.size()), SQLITE_TRANSIENT);
            sqlite3_step(stmt);
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
}

const char *fixtureForSize(size_t size)
{
    for (const char *name : kFixtures) {
        std::error_code ec;
        if (std::filesystem::file_size(hubvault::fuzz::fixturesDir() / name / "metadata.sqlite3", ec) == size)
            return name;
    }
    return kFixtures[(size / 4096) % std::size(kFixtures)];
}

void exercise(const QString &path)
{
    LocalRepository repo = LocalRepository::open(path);
    const GitRefs refs = repo.listRepoRefs();
    (void)repo.repoInfo();
    QStringList revisions;
    for (const auto &b : refs.branches)
        revisions.append(b.name);
    for (const auto &t : refs.tags)
        revisions.append(t.name);
    revisions = revisions.mid(0, 4);
    for (const QString &rev : revisions) {
        try {
            (void)repo.listRepoCommits(rev, 64);
            (void)repo.listRepoReflog(QStringLiteral("refs/heads/") + rev, 64);
            const QList<RepoEntry> entries = repo.listRepoTree({}, true, rev);
            int read = 0;
            for (const RepoEntry &e : entries) {
                if (!e.isFolder && read++ < 16)
                    (void)repo.readRange(e.path(), 0, 4096, rev);
            }
        } catch (const HubVaultError &) {
        }
    }
    (void)repo.quickVerify();
    (void)repo.fullVerify();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    hubvault::fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QByteArray kMagic("SQLite format 3", 16);
    const QByteArray whole(reinterpret_cast<const char *>(data), qsizetype(size));
    const bool raw = whole.startsWith(kMagic);
    hubvault::fuzz::Input in(data, size);
    // A whole file goes with the fixture whose database has its size (mutations mostly keep
    // it); row edits name their fixture in the first byte.
    const char *fixture = raw ? fixtureForSize(size) : kFixtures[in.take<uint8_t>() % 4];
    const QString path = hubvault::fuzz::freshCopy(fixture);
    const QString dbPath = path + QStringLiteral("/metadata.sqlite3");
    if (raw) {
        QFile f(dbPath);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(whole) != whole.size())
            std::abort();
    } else {
        applyEdits(dbPath, in);
    }
    try {
        exercise(path);
    } catch (const HubVaultError &) {
    }
    hubvault::fuzz::checkSentinel();
    return 0;
}
