#pragma once
// Identifiers of stored objects (docs/format.md §3): internal sha256 object ids over canonical
// JSON containers, and the public Git-compatible SHA-1 ids of blobs, trees and commits.
// Pure functions, no I/O, so the spec's worked examples are unit-tested directly.

#include "ObjectModel.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace hubvault {

/** One entry of a Git tree: name, whether it is a tree, and the child's 40-hex Git OID. */
struct GitTreeEntry {
    QString name;
    bool isTree = false;
    QString gitOid;
};

class ObjectCodec {
public:
    /** "sha256:<hex>" of CJSON(container) for a payload already in canonical JSON. */
    static QString objectId(ObjectType type, const QByteArray &payloadCjson);

    /** `git hash-object` of `content`. */
    static QString gitBlobOid(QByteArrayView content);
    /** Header "blob <size>\0" that starts a Git blob hash, for streaming. */
    static QByteArray gitBlobHeader(qint64 size);
    /** Git tree OID; entries are sorted in Git order (trees compare as "name/"). */
    static QString gitTreeOid(QList<GitTreeEntry> entries);
    /** Git commit OID for HubVault's fixed author line and `createdAt` (UTC seconds). */
    static QString gitCommitOid(const QString &treeGitOid, const QStringList &parentGitOids,
                                const QDateTime &createdAt, const QString &message);

    /** The Git LFS pointer text of a chunked file (docs/format.md §4.2). */
    static QByteArray lfsPointer(const QString &sha256Hex, qint64 size);

    /** Reflog checksum: sha256 of CJSON([old_head, new_head, message]) (docs/format.md §8.3). */
    static QString reflogChecksum(const QString &oldHead, const QString &newHead, const QString &message);

    /** Splits a commit message into (title, description) as the original does (§3.5). */
    static QPair<QString, QString> splitMessage(const QString &message);

    /** Parses "YYYY-MM-DDTHH:MM:SSZ" as UTC; invalid input gives an invalid QDateTime. */
    static QDateTime parseTimestamp(const QString &text);
    static QString formatTimestamp(const QDateTime &utc);
};

} // namespace hubvault
