// The public enums and their wire names: every value has the original's name, names
// parse back to the same value, unknown text parses to nothing, and error kinds print as
// the original's class names (a taken ref name is a ConflictError there).
#include <hubvault/Errors.h>
#include <hubvault/Models.h>
#include <hubvault/LocalRepository.h>
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;

class PublicEnumsTest : public QObject {
    Q_OBJECT

private:
    template <typename E>
    static void roundTrips(const QList<E> &values, const QStringList &names, std::optional<E> (*parse)(QStringView))
    {
        QCOMPARE(values.size(), names.size());
        for (qsizetype i = 0; i < values.size(); ++i) {
            QCOMPARE(wireName(values.at(i)), names.at(i));
            QVERIFY(parse(names.at(i)) == values.at(i));
        }
        QVERIFY(!parse(QStringLiteral("Merged")).has_value()); // names are exact
        QVERIFY(!parse(QString()).has_value());
    }

private Q_SLOTS:
    void namesAreTheOriginals()
    {
        roundTrips<ChangeKind>({ChangeKind::Added, ChangeKind::Modified, ChangeKind::Deleted, ChangeKind::Copied,
                                ChangeKind::Renamed},
                               {QStringLiteral("added"), QStringLiteral("modified"), QStringLiteral("deleted"),
                                QStringLiteral("copied"), QStringLiteral("renamed")},
                               &changeKindFromString);
        roundTrips<MergeStatus>({MergeStatus::Merged, MergeStatus::FastForward, MergeStatus::AlreadyUpToDate,
                                 MergeStatus::Conflict},
                                {QStringLiteral("merged"), QStringLiteral("fast-forward"),
                                 QStringLiteral("already-up-to-date"), QStringLiteral("conflict")},
                                &mergeStatusFromString);
        roundTrips<ReclaimStrategy>({ReclaimStrategy::Keep, ReclaimStrategy::Gc, ReclaimStrategy::PruneCache,
                                     ReclaimStrategy::ManualReview},
                                    {QStringLiteral("keep"), QStringLiteral("gc"), QStringLiteral("prune-cache"),
                                     QStringLiteral("manual-review")},
                                    &reclaimStrategyFromString);
        roundTrips<StorageKind>({StorageKind::Blob, StorageKind::Chunked},
                                {QStringLiteral("blob"), QStringLiteral("chunked")}, &storageKindFromString);
    }

    void errorKindsPrintAsTheOriginalsClasses()
    {
        QCOMPARE(EntryNotFoundError(QStringLiteral("x")).kind(), QStringLiteral("EntryNotFoundError"));
        QCOMPARE(UnsupportedPathError(QStringLiteral("x")).errorKind(), ErrorKind::UnsupportedPath);
        QCOMPARE(UnsupportedPathError(QStringLiteral("x")).kind(), QStringLiteral("UnsupportedPathError"));
        QCOMPARE(CancelledError(QStringLiteral("x")).kind(), QStringLiteral("CancelledError"));
        QCOMPARE(HubVaultValidationError(QStringLiteral("x")).kind(), QStringLiteral("HubVaultValidationError"));
        QCOMPARE(HubVaultRemoteAuthError(QStringLiteral("x")).kind(), QStringLiteral("HubVaultRemoteAuthError"));
        QCOMPARE(HubVaultRemoteAuthError(QStringLiteral("x")).errorKind(), ErrorKind::Authentication);
        QCOMPARE(HubVaultRemoteTransportError(QStringLiteral("x")).kind(), QStringLiteral("HubVaultRemoteTransportError"));
        QCOMPARE(HubVaultRemoteProtocolError(QStringLiteral("x")).kind(), QStringLiteral("HubVaultRemoteProtocolError"));
    }

    void aTakenRefNameIsAConflictByKindAndByName()
    {
        QTemporaryDir dir;
        LocalRepository repo = LocalRepository::create(dir.filePath(QStringLiteral("repo")));
        repo.uploadBytes(QByteArrayLiteral("x"), QStringLiteral("x.txt"));
        repo.createBranch(QStringLiteral("dev"));
        try {
            repo.createBranch(QStringLiteral("dev"));
            QFAIL("a second branch of the same name was created");
        } catch (const ConflictError &e) {
            QCOMPARE(e.errorKind(), ErrorKind::RefAlreadyExists);
            QCOMPARE(e.kind(), QStringLiteral("ConflictError"));
        }
        repo.createTag(QStringLiteral("v1"));
        try {
            repo.createTag(QStringLiteral("v1"));
            QFAIL("a second tag of the same name was created");
        } catch (const ConflictError &e) {
            QCOMPARE(e.errorKind(), ErrorKind::RefAlreadyExists);
        }
    }
};

QTEST_GUILESS_MAIN(PublicEnumsTest)
#include "tst_public_enums.moc"
