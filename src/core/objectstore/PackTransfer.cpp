// Moving packs between this disk and the bucket (see PackTransfer.h).
#include "objectstore/PackTransfer.h"

#include <hubvault/Errors.h>
#include "ContentReader.h"
#include "Hash.h"
#include "RandomAccessFile.h"
#include "RepoSession.h"
#include "RepositoryContext.h"
#include "StoredRange.h"
#include "objectstore/PackStorage.h"

#include <QDir>

namespace hubvault::objectstore {

namespace {

const QByteArray kPackMagic("hubvault-pack/v1\n");

ChunkLocation locationOf(const ChunkRow &row, const std::shared_ptr<const PackStorage> &packs)
{
    ChunkLocation location;
    location.ref.chunkId = row.chunkId;
    location.ref.checksum = row.checksum;
    location.ref.compression = row.compression;
    location.ref.logicalSize = row.logicalSize;
    location.ref.storedSize = row.storedSize;
    location.packId = row.packId;
    location.offset = row.offset;
    location.packs = packs;
    return location;
}

QString checksumHex(const QString &checksum)
{
    return checksum.startsWith(QLatin1String("sha256:")) ? checksum.mid(7) : checksum;
}

} // namespace

PackTransfer::PackTransfer(RepoSession &session, const TaskControl &task)
    : m_session(session), m_task(task), m_packs(*session.context().packs())
{
}

QMap<QString, QList<ChunkRow>> PackTransfer::referencedPacks()
{
    QMap<QString, QList<ChunkRow>> out;
    for (const ChunkRow &row : m_session.store().allChunks())
        out[row.packId].append(row);
    return out;
}

S3PackStore &PackTransfer::requireRemote() const
{
    const auto remote = m_packs.remote();
    if (!remote)
        throw HubVaultValidationError(QStringLiteral("No bucket is attached to this repository; attach one first."));
    return *remote;
}

PackStorageStatus PackTransfer::attach(const RemoteStorageOptions &options)
{
    const StorageAttachment attachment = StorageAttachment::fromOptions(options);
    const S3PackStore store(attachment.connect());
    const QList<StoredPack> objects = store.list(); // the bucket exists and the keys are good
    const QMap<QString, QList<ChunkRow>> referenced = referencedPacks();
    const auto current = m_packs.attachment();
    const bool same = current && current->location.url() == attachment.location.url()
        && current->location.endpoint == attachment.location.endpoint;
    if (current && !same) {
        int onlyThere = 0;
        for (auto it = referenced.cbegin(); it != referenced.cend(); ++it)
            onlyThere += m_packs.local().size(it.key()) ? 0 : 1;
        if (onlyThere > 0)
            throw HubVaultValidationError(QStringLiteral("%1 pack(s) of this repository are only in %2; fetch them before attaching another bucket.")
                                              .arg(onlyThere).arg(current->location.url()));
    }
    if (!same) {
        // gc deletes every pack object under the prefix that the repository does not name.
        int foreign = 0;
        for (const StoredPack &object : objects)
            foreign += referenced.contains(object.packId) ? 0 : 1;
        if (foreign > 0)
            throw HubVaultValidationError(QStringLiteral("%1 already holds %2 pack(s) this repository does not use (another repository's?); attach an empty prefix.")
                                              .arg(attachment.location.url()).arg(foreign));
    }
    const RepositoryContext &context = m_session.context();
    attachment.save(*context.env, context.root);
    return status();
}

PackTransferReport PackTransfer::detach()
{
    const PackTransferReport report = fetch();
    const RepositoryContext &context = m_session.context();
    StorageAttachment::remove(*context.env, context.root);
    // Cached chunks are copies of bytes now in chunks/packs/: nothing reads them any more.
    context.env->removeTree(context.path(QStringLiteral("cache/chunks")));
    return report;
}

PackStorageStatus PackTransfer::status()
{
    PackStorageStatus out;
    QHash<QString, qint64> local, remote;
    for (const StoredPack &pack : m_packs.local().list())
        local.insert(pack.packId, pack.size);
    if (const auto attachment = m_packs.attachment()) {
        out.attached = true;
        out.url = attachment->location.url();
        out.endpoint = attachment->location.endpoint;
        out.region = attachment->location.region;
        out.profile = attachment->profile;
        out.cacheLimit = attachment->cacheLimit;
        out.cacheSize = m_packs.cache()->size();
        S3PackStore &store = requireRemote();
        for (const StoredPack &pack : store.list())
            remote.insert(pack.packId, pack.size);
        out.pendingUploadCount = int(store.pendingUploads().size());
    }
    const QMap<QString, QList<ChunkRow>> referenced = referencedPacks();
    for (auto it = referenced.cbegin(); it != referenced.cend(); ++it) {
        PackStatus pack;
        pack.packId = it.key();
        for (const ChunkRow &row : it.value())
            pack.liveSize += row.storedSize;
        const bool here = local.contains(pack.packId), there = remote.contains(pack.packId);
        pack.place = here && there ? PackPlace::LocalAndRemote : here ? PackPlace::Local : there ? PackPlace::Remote : PackPlace::Missing;
        pack.size = here ? local.value(pack.packId) : remote.value(pack.packId);
        out.localSize += here ? local.value(pack.packId) : 0;
        out.remoteSize += there ? remote.value(pack.packId) : 0;
        out.packs.append(pack);
    }
    for (auto it = remote.cbegin(); it != remote.cend(); ++it) {
        if (!referenced.contains(it.key())) {
            ++out.unreferencedObjectCount;
            out.unreferencedObjectSize += it.value();
        }
    }
    return out;
}

PackTransferReport PackTransfer::offload()
{
    S3PackStore &store = requireRemote();
    PackTransferReport report;
    const QMap<QString, QList<ChunkRow>> referenced = referencedPacks();
    qint64 done = 0, total = 0;
    for (auto it = referenced.cbegin(); it != referenced.cend(); ++it)
        total += m_packs.local().size(it.key()).value_or(0);
    for (auto it = referenced.cbegin(); it != referenced.cend(); ++it) {
        const QString &packId = it.key();
        const auto localSize = m_packs.local().size(packId);
        if (!localSize)
            continue; // in the bucket already, or missing (verify reports that)
        m_task.checkCancelled();
        m_task.report(done, total, QStringLiteral("offload"));
        const auto remoteSize = store.size(packId);
        if (remoteSize == localSize) {
            // Put there earlier: its bytes are checked before the only local copy goes.
            checkRemote(packId, it.value());
            ++report.keptCount;
        } else {
            // Never upload damage: the local chunks are hashed first (page cache warm for the upload).
            checkLocal(it.value());
            // One scale for the whole offload: this pack's bytes on top of the packs before it.
            const TaskControl upload{[&](qint64 bytes, qint64, const QString &) { m_task.report(done + bytes, total, QStringLiteral("offload")); },
                                     m_task.cancel};
            store.put(packId, m_packs.local().path(packId), upload);
            ++report.movedCount;
            report.movedSize += *localSize;
        }
        m_session.context().env->faultPoint("offload:before-delete");
        m_packs.local().remove(packId);
        report.freedLocalSize += *localSize;
        done += *localSize;
    }
    m_session.context().env->fsyncDirectory(m_session.context().path(QStringLiteral("chunks/packs")));
    m_task.report(total, total, QStringLiteral("offload"));
    return report;
}

PackTransferReport PackTransfer::fetch()
{
    PackTransferReport report;
    const QMap<QString, QList<ChunkRow>> referenced = referencedPacks();
    const RepositoryContext &context = m_session.context();
    const Env &env = *context.env;
    // Staged in txn/, where files are crash residue at rest; an earlier fetch that died
    // left its folder there, which this one (under the same exclusive lock) removes.
    const QString txn = context.path(QStringLiteral("txn"));
    for (const DirEntry &entry : env.listDirectory(txn))
        if (entry.stat.isDir && entry.name.startsWith(QLatin1String("fetch-")))
            env.removeTree(txn + QLatin1Char('/') + entry.name);
    QMap<QString, qint64> wanted;
    for (auto it = referenced.cbegin(); it != referenced.cend(); ++it) {
        if (m_packs.local().size(it.key()))
            ++report.keptCount;
        else
            wanted.insert(it.key(), 0);
    }
    if (wanted.isEmpty())
        return report;
    S3PackStore &store = requireRemote();
    qint64 total = 0;
    for (auto it = wanted.begin(); it != wanted.end(); ++it) {
        const auto size = store.size(it.key());
        if (!size)
            throw IntegrityError(QStringLiteral("pack object is missing: %1").arg(store.describe(it.key())));
        it.value() = *size;
        total += *size;
    }
    const QString staging = context.path(QStringLiteral("txn/fetch-") + env.randomHex(8));
    env.makeDirectories(staging);
    qint64 done = 0;
    try {
        for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
            const QString staged = staging + QLatin1Char('/') + it.key() + QStringLiteral(".pack");
            TaskControl part{[&](qint64 bytes, qint64, const QString &) { m_task.report(done + bytes, total, QStringLiteral("fetch")); },
                             m_task.cancel};
            store.get(it.key(), it.value(), staged, part);
            checkFile(staged, store.describe(it.key()), referenced.value(it.key()));
            m_packs.local().put(it.key(), staged);
            ++report.movedCount;
            report.movedSize += it.value();
            done += it.value();
        }
    } catch (...) {
        env.removeTree(staging);
        throw;
    }
    env.removeTree(staging);
    return report;
}

void PackTransfer::checkLocal(const QList<ChunkRow> &rows)
{
    VerifiedRanges thisCheck(1 << 16);
    const auto packs = m_session.context().packs();
    for (const ChunkRow &row : rows) {
        m_task.checkCancelled();
        StoredRange::chunk(locationOf(row, packs), thisCheck).verify();
    }
}

void PackTransfer::checkRemote(const QString &packId, const QList<ChunkRow> &rows)
{
    S3PackStore &store = requireRemote();
    for (const ChunkRow &row : rows) {
        m_task.checkCancelled();
        const QByteArray bytes = store.read(packId, row.offset, row.storedSize);
        if (QString::fromLatin1(Hash::sha256Hex(bytes)) != checksumHex(row.checksum))
            throw IntegrityError(QStringLiteral("chunk %1 in %2 does not match its checksum; the local pack is kept")
                                     .arg(row.chunkId, store.describe(packId)));
    }
}

void PackTransfer::checkFile(const QString &path, const QString &label, const QList<ChunkRow> &rows) const
{
    const auto file = m_session.context().env->openRandomAccess(path);
    if (file->readAt(0, kPackMagic.size()) != kPackMagic)
        throw IntegrityError(QStringLiteral("%1 does not start with the hubvault-pack/v1 magic").arg(label));
    for (const ChunkRow &row : rows) {
        const QByteArray bytes = file->readAt(row.offset, row.storedSize);
        if (bytes.size() != row.storedSize || QString::fromLatin1(Hash::sha256Hex(bytes)) != checksumHex(row.checksum))
            throw IntegrityError(QStringLiteral("chunk %1 in %2 does not match its checksum; nothing was fetched").arg(row.chunkId, label));
    }
}

} // namespace hubvault::objectstore
