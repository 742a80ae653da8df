#include "Recovery.h"

#include <hubvault/Errors.h>
#include "MetadataStore.h"
#include "RepositoryContext.h"

#include <QDir>
#include <QFile>

namespace hubvault {

bool Recovery::hasHotJournal(const RepositoryContext &context)
{
    // SQLite treats a journal as hot only when its header is not zeroed; a zeroed one is
    // harmless residue and must not make every read take the exclusive lock.
    const QString journal = context.databasePath() + QStringLiteral("-journal");
    const FileStat st = context.env->stat(journal, true);
    if (!st.isFile || st.size == 0)
        return false;
    std::unique_ptr<QFile> file;
    try {
        file = context.env->openForRead(journal);
    } catch (const HubVaultError &) {
        return true; // cannot tell: let a read-write open decide
    }
    const QByteArray head = file->read(1);
    return !head.isEmpty() && head.at(0) != '\0';
}

namespace {

bool hasPendingTransactions(const RepositoryContext &context)
{
    MetadataStore probe(context.databasePath(), MetadataStore::Mode::ReadOnly);
    return probe.txnLogCount() > 0;
}

void removeTransactionDirectories(const RepositoryContext &context)
{
    const QString txn = context.path(QStringLiteral("txn"));
    for (const DirEntry &entry : context.env->listDirectory(txn)) {
        if (entry.stat.isDir)
            context.env->removeTree(txn + QLatin1Char('/') + entry.name);
    }
    if (context.env->stat(txn, true).isDir)
        context.env->fsyncDirectory(txn);
}

} // namespace

void Recovery::recoverIfNeeded(const RepositoryContext &context)
{
    if (!hasHotJournal(context) && !hasPendingTransactions(context))
        return;
    context.env->makeDirectories(context.path(QStringLiteral("locks")));
    const FileLock lock = context.env->lock(context.lockPath(), true);
    // Opening read-write makes SQLite roll a hot journal back before anything else.
    MetadataStore store(context.databasePath(), MetadataStore::Mode::ReadWrite);
    store.beginWrite();
    if (store.txnLogCount() > 0) {
        removeTransactionDirectories(context);
        store.clearTxnLog();
    }
    store.commit();
}

} // namespace hubvault
