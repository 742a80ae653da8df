// Writes the seed corpus of every fuzz target into <out>/<target>/ from the hubvault 0.0.2
// fixtures (object payloads, databases, packs, paths and commit ids of their manifests)
// plus a few hand-made inputs per reader, so no binary seed needs to live in git.
#include "FuzzSupport.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>
#include <sqlite3.h>

namespace {

QString g_out;
const QStringList kFixtures = {QStringLiteral("a-small-files-paths"), QStringLiteral("b-chunked-large"),
                               QStringLiteral("c-branches-merges"), QStringLiteral("d-squash-gc")};

void seed(const char *target, const QByteArray &bytes)
{
    const QString dir = g_out + QLatin1Char('/') + QLatin1String(target);
    QDir().mkpath(dir);
    QFile f(dir + QLatin1Char('/') + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex()));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        std::exit(1);
}

QString fixture(const QString &name) { return QString::fromStdString(hubvault::fuzz::fixturesDir().string()) + QLatin1Char('/') + name; }

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray le64(qint64 v)
{
    QByteArray out(8, '\0');
    qToLittleEndian(v, out.data());
    return out;
}

QByteArray le32(quint32 v)
{
    QByteArray out(4, '\0');
    qToLittleEndian(v, out.data());
    return out;
}

/** (type index, payload) of every stored object of a fixture. */
QList<QPair<int, QByteArray>> objects(const QString &name)
{
    QList<QPair<int, QByteArray>> out;
    sqlite3 *db = nullptr;
    sqlite3_open_v2(fixture(name + QStringLiteral("/metadata.sqlite3")).toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    const char *const tables[] = {"objects_commits", "objects_trees", "objects_files", "objects_blobs"};
    for (int t = 0; t < 4; ++t) {
        sqlite3_stmt *stmt = nullptr;
        sqlite3_prepare_v2(db, (QByteArray("SELECT payload_json FROM ") + tables[t] + " LIMIT 40").constData(), -1, &stmt, nullptr);
        while (stmt && sqlite3_step(stmt) == SQLITE_ROW)
            out.append({t, QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)), sqlite3_column_bytes(stmt, 0))});
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return out;
}

QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                   const QByteArray &contentType = "application/json", const QByteArray &token = "rw")
{
    QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n";
    if (!body.isEmpty() || method != "GET")
        r += "Content-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_seeds OUTPUT_DIR\n");
        return 2;
    }
    g_out = QString::fromLocal8Bit(argv[1]);

    QStringList paths, commitIds;
    for (const QString &name : kFixtures) {
        for (const auto &[type, payload] : objects(name)) {
            seed("canonical_json", payload);
            seed("object_payload", char(type | 4) + payload);
            seed("object_payload", char(type) + payload);
        }
        seed("metadata_sqlite", readAll(fixture(name + QStringLiteral("/metadata.sqlite3"))));
        const QJsonObject manifest = QJsonDocument::fromJson(readAll(fixture(name + QStringLiteral(".manifest.json")))).object();
        const QJsonObject commits = manifest.value(QStringLiteral("commits")).toObject();
        for (auto it = commits.begin(); it != commits.end(); ++it) {
            commitIds.append(it.key());
            for (const QJsonValue &f : it.value().toObject().value(QStringLiteral("files")).toArray())
                paths.append(f.toObject().value(QStringLiteral("path")).toString());
        }
    }
    paths.removeDuplicates();

    // Row edits: fixture, then (table, row, column, kind, length, value) records.
    seed("metadata_sqlite", QByteArray("\x00\x00\x00\x00\x05\x04main", 10));
    seed("metadata_sqlite", QByteArray("\x02\x01\x00\x02\x00\x0f../../../etc/x", 21));
    seed("metadata_sqlite", QByteArray("\x01\x05\x00\x03\x03\x08\x00\x00\x00\x00\x00\x00\x00\x40", 14));
    seed("metadata_sqlite", QByteArray("\x02\x04\x00\x01\x01\x00", 6));

    // Packs: the fixture's one-chunk pack with its true row, then a few hostile rows.
    const QByteArray pack = readAll(fixture(QStringLiteral("b-chunked-large/chunks/packs/20240201T000100Z-00000006-000002.pack")));
    seed("pack_read", le64(17) + le64(65536) + le64(65536) + char(0) + pack);
    seed("pack_read", le64(17) + le64(65536) + le64(65536) + char(16) + pack);
    seed("pack_read", le64(17) + le64(qint64(1) << 62) + le64(qint64(1) << 62) + char(4) + pack);
    seed("pack_read", le64(-1) + le64(65536) + le64(65536) + char(8) + pack.left(100));

    // FastCDC: lengths around the min/avg/max sizes, a few split points, pack bytes as pattern.
    const QByteArray pattern = pack.mid(17, 4096);
    for (quint32 length : {quint32(1u << 20), quint32(5u << 20), quint32(17u << 20), quint32(40u << 20)})
        seed("fastcdc", le32(length) + char(3) + le32(1 << 20) + le32(3 << 20) + le32(length / 2) + pattern);
    seed("fastcdc", le32(20u << 20) + char(0) + QByteArray(1, 'a'));

    for (const QString &p : paths.mid(0, 200))
        seed("repo_path", p.toUtf8());
    for (const char *p : {"../x", "/etc/x", "a/../../x", "C:\\x", "c:x", "a\\..\\..\\x", "./a//b/", "CON", "aux.txt", "a/ .. /b", "a\nb"})
        seed("repo_path", p);
    seed("repo_path", QByteArray("a\0b", 3));

    // Previews: a small safetensors file, a PNG, CSV/TSV, JSON, Markdown and fixture bytes.
    const QByteArray header = R"({"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"b":{"dtype":"F16","shape":[3],"data_offsets":[16,22]}})";
    QByteArray st(8, '\0');
    qToLittleEndian(quint64(header.size()), st.data());
    st += header + QByteArray(22, '\x01');
    seed("preview", char(0) + st);
    seed("preview", char(0) + st + st);
    QImage image(7, 5, QImage::Format_ARGB32);
    image.fill(Qt::red);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    seed("preview", char(1) + png);
    image.save(&buffer, "BMP");
    seed("preview", char(1) + buffer.data().mid(png.size()));
    seed("preview", char(2) + QByteArray("a,b,c\n1,\"x,\"\"y\"\"\",3\n\"multi\nline\",5,6\n"));
    seed("preview", char(7) + QByteArray("a\tb\n1\t2\n"));
    seed("preview", char(3) + QByteArray(R"({"b":[1,2.50,{"c":null}],"a":"\u00e9"})"));
    seed("preview", char(4) + QByteArray("# Title\n\n* item\n\n```\ncode\n```\n"));
    seed("preview", char(5) + QByteArray("plain text\xe2\x82", 13));
    seed("preview", char(6) + pack.left(600));

    // CLI arguments and revisions (NUL-separated).
    // '|' stands for the NUL that separates arguments.
    for (const char *args : {"log|-n|3|main", "ls-tree|-r|main", "branch|-v", "download|-o|out|a.txt",
                             "export|--format|zip|out.zip", "verify|--full|--json", "gc|--dry-run", "log|-n5|dev",
                             "log|main~1", "log|main^2", "log|--|-n", "squash|-sb|main"})
        seed("cli_revision", QByteArray(args).replace('|', '\0'));
    for (const QString &id : commitIds.mid(0, 20)) {
        seed("cli_revision", QByteArray("log\0", 4) + id.toUtf8());
        seed("cli_revision", QByteArray("log\0", 4) + id.toUtf8().left(12));
    }

    // Upload manifests (the body of POST /write/commit-plan).
    const QByteArray manifestJson = R"({"revision":"main","parent_commit":null,"commit_message":"m","commit_description":"d","operations":[{"type":"add","path_in_repo":"new.txt","size":5,"sha256":"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824","chunks":[]},{"type":"delete","path_in_repo":"README.md","is_folder":false},{"type":"copy","src_path_in_repo":"README.md","path_in_repo":"copy.md","src_revision":null}]})";
    seed("upload_manifest", manifestJson);
    seed("upload_manifest", "rw-token\n" + manifestJson);
    seed("upload_manifest", R"({"revision":"main","operations":[{"type":"add","path_in_repo":"../x","size":1,"sha256":"00","chunks":[{"offset":0,"length":1,"sha256":"00"}]}]})");

    // Raw HTTP requests.
    seed("server_http", request("GET", "/api/v1/repo"));
    seed("server_http", request("GET", "/api/v1/content/tree?revision=main&recursive=true&path_in_repo="));
    seed("server_http", request("GET", "/api/v1/content/blob/README.md/range?start=0&length=10", {}, {}, "ro"));
    seed("server_http", request("GET", "/api/v1/content/download/README.md?revision=main"));
    seed("server_http", request("GET", "/api/v1/history/commits?revision=main&limit=3"));
    seed("server_http", request("GET", "/api/v1/history/reflog/refs/heads/main"));
    seed("server_http", request("POST", "/api/v1/content/paths-info", R"({"paths":["README.md","x/../y"],"revision":"main"})"));
    seed("server_http", request("POST", "/api/v1/write/commit-plan", manifestJson));
    seed("server_http", request("POST", "/api/v1/write/branches", R"({"branch":"fuzz","revision":"main","exist_ok":true})"));
    seed("server_http", request("DELETE", "/api/v1/write/tags/v1", {}, "application/json"));
    const QByteArray multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"manifest\"\r\n\r\n" + manifestJson +
                                 "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"upload_file_0\"; filename=\"new.txt\"\r\n"
                                 "Content-Type: application/octet-stream\r\n\r\nhello\r\n--XyZ--\r\n";
    seed("server_http", request("POST", "/api/v1/write/commit", multipart, "multipart/form-data; boundary=XyZ"));
    seed("server_http", QByteArray("GET /api/v1/repo HTTP/1.1\r\nHost: x\r\nX-HubVault-Token: ro\r\nRange: bytes=0-1,5-\r\n\r\n"));
    return 0;
}
