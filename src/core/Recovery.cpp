#include "Recovery.h"

#include "Errors.h"
#include "MetadataStore.h"
#include "RepositoryContext.h"

#include <QDir>

namespace hubvault {

namespace {

bool hasHotJournal(const RepositoryContext &context)
{
    const FileStat st = context.env->stat(context.databasePath() + QStringLiteral("-journal"), true);
    return st.isFile && st.size > 0;
}

bool hasPendingTransactions(const RepositoryContext &context)
{
    MetadataStore probe(context.databasePath(), MetadataStore::Mode::ReadOnly);
    return probe.txnLogCount() > 0;
}

void removeTransactionDirectories(const RepositoryContext &context)
{
    const QString txn = context.path(QStringLiteral("txn"));
    for (const QString &name : QDir(txn).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden))
        context.env->removeTree(txn + QLatin1Char('/') + name);
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
