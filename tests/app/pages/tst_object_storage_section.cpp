// The Storage page's object storage section on real repositories and a real OpenStack Swift
// (the CTest fixture "swift"): the status of an unattached repository, attaching through the
// dialog (and the refusals, which write nothing), offload with progress, fetch, detach after
// its confirmation, a detach that fails with a message for the user, cancelled offloads that
// leave every file readable, and a repository opened from a server.

#include <hubvault/LocalRepository.h>
#include "AppTestSupport.h"
#include "SwiftFixture.h"
#include "TestSupport.h"
#include "async/Job.h"
#include "pages/AttachBucketDialog.h"
#include "pages/ObjectStorageSection.h"
#include "pages/StoragePage.h"
#include "share/NetworkShare.h"
#include "shell/Formatting.h"
#include "shell/OpenRepositories.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hubvault;
using namespace hubvault::app;
using namespace hubvault::test;

namespace {

constexpr int kTimeoutMs = 300000;
constexpr qint64 kMiB = qint64(1) << 20;

struct TestRepo {
    QString path;
    QMap<QString, QByteArray> digests; ///< path in repo -> SHA-256 of what was committed
};

QByteArray randomBytes(qint64 size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(data.data()), size / 4);
    return data;
}

/** A repository with `files` (name, size), one commit each, so that each chunked file gets packs of its own. */
TestRepo makeRepo(const QString &path, const QList<QPair<QString, qint64>> &files)
{
    TestRepo out{path, {}};
    LocalRepository repo = LocalRepository::create(path);
    for (const auto &[name, size] : files) {
        const QByteArray data = randomBytes(size);
        repo.createCommit({CommitOperation::addBytes(name, data)}, titledCommit(QStringLiteral("add ") + name));
        out.digests.insert(name, QCryptographicHash::hash(data, QCryptographicHash::Sha256));
    }
    return out;
}

/** Every file reads back identical, through the app's shared repository and a freshly opened one. */
bool readsBack(const TestRepo &repo, QString *why)
{
    const std::shared_ptr<Repository> shared = repositories::shared(repo.path);
    const LocalRepository fresh = LocalRepository::open(repo.path);
    for (auto it = repo.digests.cbegin(); it != repo.digests.cend(); ++it) {
        for (const Repository *r : {static_cast<const Repository *>(shared.get()), static_cast<const Repository *>(&fresh)}) {
            try {
                if (QCryptographicHash::hash(r->readBytes(it.key()), QCryptographicHash::Sha256) != it.value()) {
                    *why = it.key() + QStringLiteral(" reads back different bytes");
                    return false;
                }
            } catch (const HubVaultError &e) {
                *why = it.key() + QStringLiteral(": ") + e.message();
                return false;
            }
        }
    }
    return true;
}

int localPackFiles(const QString &repo)
{
    return int(QDir(repo + QStringLiteral("/chunks/packs")).entryList({QStringLiteral("*.pack")}, QDir::Files).size());
}

bool fileExists(const QString &repo, const char *name)
{
    return QFileInfo::exists(repo + QLatin1Char('/') + QLatin1String(name));
}

/** Runs `action` and waits for the section's next status. */
template <typename Action>
bool reloadAfter(ObjectStorageSection *section, Action action)
{
    QSignalSpy loaded(section, &ObjectStorageSection::loaded);
    action();
    return loaded.wait(kTimeoutMs);
}

/** Clicks `button` and waits until its operation ended and the status was read again. */
bool runOperation(ObjectStorageSection *section, QPushButton *button)
{
    QSignalSpy ended(section->job(), &Job::ended);
    QSignalSpy loaded(section, &ObjectStorageSection::loaded);
    if (!button->isEnabled())
        return false;
    button->click();
    if (!section->isBusy() || !section->cancelButton()->isVisibleTo(section) || !section->progressBar()->isVisibleTo(section))
        return false;
    return (!ended.isEmpty() || ended.wait(kTimeoutMs)) && loaded.wait(kTimeoutMs);
}

QString packsText(int count, qint64 size)
{
    return ObjectStorageSection::tr("%n pack(s), %1", nullptr, count).arg(formatBytes(size));
}

} // namespace

class TestObjectStorageSection : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_endpoint;

    /** Attaches `repo` to a new bucket through the section's dialog; the bucket URL. */
    QString attachThroughDialog(ObjectStorageSection *section)
    {
        const QString url = QStringLiteral("s3://%1/models/a").arg(::test::newBucket(QStringLiteral("app")));
        section->attachButton()->click();
        auto *dialog = section->findChild<AttachBucketDialog *>();
        if (!dialog)
            return {};
        dialog->urlEdit()->setText(url);
        dialog->endpointEdit()->setText(m_endpoint);
        dialog->regionEdit()->setText(QStringLiteral("us-east-1"));
        QSignalSpy attached(dialog, &AttachBucketDialog::attached);
        QSignalSpy loaded(section, &ObjectStorageSection::loaded);
        dialog->attachButton()->click();
        if (!attached.wait(kTimeoutMs) || !loaded.wait(kTimeoutMs))
            return {};
        return url;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_endpoint = ::test::loadSwiftEnv();
        if (m_endpoint.isEmpty())
            QFAIL("The Swift fixture is not running (ctest starts it as swift_start; by hand: "
                  "tests/support/swift/swift-fixture.sh start DIR and HUBVAULT_SWIFT_ENV=DIR/env)");
    }

    void unattachedStatus()
    {
        const TestRepo repo = makeRepo(m_tmp.filePath(QStringLiteral("unattached")),
                                       {{QStringLiteral("weights.bin"), 40 * kMiB}, {QStringLiteral("README.md"), 300}});
        ObjectStorageSection section;
        section.show();
        QVERIFY(reloadAfter(&section, [&] { section.setRepository(repo.path); }));
        const PackStorageStatus core = LocalRepository::open(repo.path).packStorageStatus();
        const PackStorageStatus &shown = section.figures().status;
        QVERIFY(!shown.attached);
        QVERIFY(!core.packs.isEmpty());
        QCOMPARE(shown.packs.size(), core.packs.size());
        QCOMPARE(shown.localSize, core.localSize);
        for (const PackStatus &pack : shown.packs)
            QCOMPARE(int(pack.place), int(PackPlace::Local));
        QVERIFY2(section.summaryText().contains(QLatin1String("No bucket attached")), qPrintable(section.summaryText()));
        QCOMPARE(section.figureText(QStringLiteral("local")), packsText(int(core.packs.size()), core.localSize));
        QVERIFY(section.isFigureShown(QStringLiteral("local")));
        for (const char *key : {"bucket", "endpoint", "region", "remote", "both", "missing", "cache", "unreferenced"})
            QVERIFY2(!section.isFigureShown(QLatin1String(key)), key);
        QVERIFY(section.attachButton()->isEnabled());
        QVERIFY(!section.offloadButton()->isEnabled());
        QVERIFY(!section.fetchButton()->isEnabled());
        QVERIFY(!section.detachButton()->isEnabled());
        QVERIFY(!section.cancelButton()->isVisibleTo(&section));
    }

    void attachRefusalsWriteNothing()
    {
        const TestRepo repo = makeRepo(m_tmp.filePath(QStringLiteral("refusals")), {{QStringLiteral("weights.bin"), 20 * kMiB}});
        ObjectStorageSection section;
        section.show();
        QVERIFY(reloadAfter(&section, [&] { section.setRepository(repo.path); }));
        auto before = hubvault::test::treeDigest(repo.path);
        section.attachButton()->click();
        QPointer<AttachBucketDialog> dialog = section.findChild<AttachBucketDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("credentialsNote"))->text().contains(QLatin1String("AWS_ACCESS_KEY_ID")));

        // Checked while typing: the Attach button waits for a well-formed bucket and endpoint.
        QVERIFY(!dialog->attachButton()->isEnabled());
        dialog->urlEdit()->setText(QStringLiteral("http://example.org/bucket"));
        QVERIFY2(dialog->messageLabel()->text().contains(QLatin1String("s3://BUCKET/PREFIX")), qPrintable(dialog->messageLabel()->text()));
        QVERIFY(!dialog->attachButton()->isEnabled());
        dialog->urlEdit()->setText(QStringLiteral("s3://My_Bucket/x"));
        QVERIFY2(dialog->messageLabel()->text().contains(QLatin1String("not a valid bucket name")), qPrintable(dialog->messageLabel()->text()));
        dialog->urlEdit()->setText(QStringLiteral("s3://hubvault-no-such-bucket-%1/x").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')));
        QVERIFY(!dialog->attachButton()->isEnabled()); // no endpoint yet
        dialog->endpointEdit()->setText(QStringLiteral("ftp://127.0.0.1"));
        QVERIFY2(dialog->messageLabel()->text().contains(QLatin1String("http://")), qPrintable(dialog->messageLabel()->text()));
        dialog->endpointEdit()->setText(m_endpoint);
        QCOMPARE(dialog->messageLabel()->text(), QString());
        QVERIFY(dialog->attachButton()->isEnabled());

        // Checked by the core: a bucket that does not exist; the dialog stays open and says so.
        dialog->attachButton()->click();
        QVERIFY(dialog->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), kTimeoutMs);
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY2(dialog->messageLabel()->text().contains(QLatin1String("does not exist")), qPrintable(dialog->messageLabel()->text()));

        // Wrong credentials: refused, with where the app reads them from.
        const QString bucket = ::test::newBucket(QStringLiteral("app"));
        const QByteArray secret = qgetenv("AWS_SECRET_ACCESS_KEY");
        qputenv("AWS_SECRET_ACCESS_KEY", "not-the-secret");
        dialog->urlEdit()->setText(QStringLiteral("s3://%1/x").arg(bucket));
        dialog->attachButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), kTimeoutMs);
        qputenv("AWS_SECRET_ACCESS_KEY", secret);
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY2(dialog->messageLabel()->text().contains(QLatin1String("refused the credentials")), qPrintable(dialog->messageLabel()->text()));

        dialog->findChild<QPushButton *>(QStringLiteral("cancelButton"))->click();
        QTRY_VERIFY(!dialog);
        QVERIFY(!fileExists(repo.path, "remote-storage.json"));
        auto after = hubvault::test::treeDigest(repo.path);
        for (auto *state : {&before, &after})
            for (auto it = state->begin(); it != state->end();)
                it = it.key().startsWith(QLatin1String("locks/")) ? state->erase(it) : std::next(it);
        QCOMPARE(after.keys(), before.keys());
        QVERIFY(reloadAfter(&section, [&] { section.reload(); }));
        QVERIFY(!section.figures().status.attached);
    }

    void attachOffloadFetchDetach()
    {
        const TestRepo repo = makeRepo(m_tmp.filePath(QStringLiteral("flow")),
                                       {{QStringLiteral("weights.bin"), 40 * kMiB}, {QStringLiteral("config.json"), 700}});
        StoragePage page;
        page.resize(1000, 900);
        page.show();
        ObjectStorageSection *section = page.objectStorage();
        QSignalSpy pageErrors(&page, &StoragePage::errorOccurred);
        QVERIFY(reloadAfter(section, [&] { page.setRepository(repo.path); }));
        QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading(), kTimeoutMs);
        QVERIFY(page.figures().storedPackBytes > 0);
        const int packCount = int(section->figures().status.packs.size());
        const qint64 packBytes = section->figures().status.localSize;
        QVERIFY(packCount > 0);
        QCOMPARE(localPackFiles(repo.path), packCount);

        // Attach through the dialog.
        const QString url = attachThroughDialog(section);
        QVERIFY(!url.isEmpty());
        QVERIFY(fileExists(repo.path, "remote-storage.json"));
        const PackStorageStatus &attached = section->figures().status;
        QVERIFY(attached.attached);
        QCOMPARE(attached.url, url);
        QCOMPARE(section->figureText(QStringLiteral("bucket")), url);
        QCOMPARE(section->figureText(QStringLiteral("endpoint")), attached.endpoint);
        QCOMPARE(section->figureText(QStringLiteral("region")), QStringLiteral("us-east-1"));
        QCOMPARE(section->figureText(QStringLiteral("cache")),
                 QStringLiteral("%1 of %2").arg(formatBytes(attached.cacheSize), formatBytes(qint64(2048) * kMiB)));
        QVERIFY(section->isFigureShown(QStringLiteral("remote")));
        QVERIFY(!section->attachButton()->isEnabled());
        QVERIFY(section->offloadButton()->isEnabled());
        QVERIFY(!section->fetchButton()->isEnabled());
        QVERIFY(section->detachButton()->isEnabled());

        // Offload, with progress: every pack goes to the bucket, chunks/packs/ empties.
        QSignalSpy progress(section->job(), &Job::progressChanged);
        QVERIFY(runOperation(section, section->offloadButton()));
        QCOMPARE(section->job()->state(), Job::State::Succeeded);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), packBytes);
        QCOMPARE(progress.last().at(1).toLongLong(), packBytes);
        QCOMPARE(section->progressBar()->value(), section->progressBar()->maximum());
        QVERIFY(!section->cancelButton()->isVisibleTo(section));
        QVERIFY2(section->statusText().contains(QLatin1String("Uploaded")), qPrintable(section->statusText()));
        QCOMPARE(localPackFiles(repo.path), 0);
        {
            const PackStorageStatus &s = section->figures().status;
            QCOMPARE(s.localSize, 0);
            QCOMPARE(s.remoteSize, packBytes);
            for (const PackStatus &pack : s.packs)
                QCOMPARE(int(pack.place), int(PackPlace::Remote));
            QCOMPARE(section->figureText(QStringLiteral("remote")), packsText(packCount, packBytes));
            QCOMPARE(section->figureText(QStringLiteral("local")), packsText(0, 0));
        }
        QVERIFY(!section->offloadButton()->isEnabled());
        QVERIFY(section->fetchButton()->isEnabled());
        // The page read its disk figures again: no pack bytes on this disk now.
        QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading() && page.figures().storedPackBytes == 0, kTimeoutMs);
        // An independent client sees the objects.
        int code = -1;
        const QByteArray listing = ::test::aws({QStringLiteral("s3"), QStringLiteral("ls"), QStringLiteral("--recursive"),
                                              url + QStringLiteral("/packs/")},
                                             &code);
        QCOMPARE(code, 0);
        QCOMPARE(int(listing.count(".pack")), packCount);
        QString why;
        QVERIFY2(readsBack(repo, &why), qPrintable(why));

        // Fetch: the packs are on both sides.
        QVERIFY(runOperation(section, section->fetchButton()));
        QCOMPARE(section->job()->state(), Job::State::Succeeded);
        QVERIFY2(section->statusText().contains(QLatin1String("Downloaded")), qPrintable(section->statusText()));
        QCOMPARE(localPackFiles(repo.path), packCount);
        for (const PackStatus &pack : section->figures().status.packs)
            QCOMPARE(int(pack.place), int(PackPlace::LocalAndRemote));
        QCOMPARE(section->figureText(QStringLiteral("both")), packsText(packCount, packBytes));
        QVERIFY(!section->fetchButton()->isEnabled());
        QVERIFY(section->offloadButton()->isEnabled()); // removes the local copies

        // An unreferenced object in the bucket: shown, with the hint that gc removes it.
        const QString packId = section->figures().status.packs.first().packId;
        const QString stray = packId.left(packId.size() - 1) + (packId.endsWith(QLatin1Char('0')) ? QLatin1Char('1') : QLatin1Char('0'));
        ::test::aws({QStringLiteral("s3"), QStringLiteral("cp"), repo.path + QStringLiteral("/chunks/packs/") + packId + QStringLiteral(".pack"),
                   url + QStringLiteral("/packs/") + stray + QStringLiteral(".pack")},
                  &code);
        QCOMPARE(code, 0);
        QVERIFY(reloadAfter(section, [&] { section->refreshButton()->click(); }));
        QCOMPARE(section->figures().status.unreferencedObjectCount, 1);
        QVERIFY(section->isFigureShown(QStringLiteral("unreferenced")));
        QVERIFY2(section->figureText(QStringLiteral("unreferenced")).startsWith(QLatin1String("1 object")),
                 qPrintable(section->figureText(QStringLiteral("unreferenced"))));
        QVERIFY2(section->findChild<QLabel *>(QStringLiteral("hintLabel"))->text().contains(QLatin1String("Garbage collection")),
                 qPrintable(section->findChild<QLabel *>(QStringLiteral("hintLabel"))->text()));

        // Offload again, then Detach: asked first; Cancel keeps the bucket.
        QVERIFY(runOperation(section, section->offloadButton()));
        QCOMPARE(localPackFiles(repo.path), 0);
        section->detachButton()->click();
        QPointer<QMessageBox> confirm = section->findChild<QMessageBox *>(QStringLiteral("confirmDetachBox"));
        QVERIFY(confirm);
        QVERIFY(confirm->text().contains(url));
        confirm->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!confirm);
        QVERIFY(!section->isBusy());
        QVERIFY(fileExists(repo.path, "remote-storage.json"));

        QSignalSpy ended(section->job(), &Job::ended);
        QSignalSpy loaded(section, &ObjectStorageSection::loaded);
        section->detachButton()->click();
        confirm = section->findChild<QMessageBox *>(QStringLiteral("confirmDetachBox"));
        QVERIFY(confirm);
        confirm->button(QMessageBox::Yes)->click();
        QVERIFY(section->isBusy());
        QVERIFY(ended.wait(kTimeoutMs));
        QCOMPARE(section->job()->state(), Job::State::Succeeded);
        QVERIFY(loaded.wait(kTimeoutMs));
        QVERIFY2(section->statusText().contains(QLatin1String("Detached")), qPrintable(section->statusText()));
        QVERIFY(!fileExists(repo.path, "remote-storage.json"));
        QVERIFY(!section->figures().status.attached);
        QCOMPARE(localPackFiles(repo.path), packCount);
        QCOMPARE(section->figureText(QStringLiteral("local")), packsText(packCount, packBytes));
        QVERIFY(section->attachButton()->isEnabled());
        QVERIFY(readsBack(repo, &why));
        QVERIFY(LocalRepository::open(repo.path).fullVerify().ok);
        QVERIFY2(pageErrors.isEmpty(), pageErrors.isEmpty() ? "" : qPrintable(pageErrors.first().value(1).toString()));
    }

    void failedDetachIsReported()
    {
        const TestRepo repo = makeRepo(m_tmp.filePath(QStringLiteral("failure")), {{QStringLiteral("weights.bin"), 20 * kMiB}});
        StoragePage page;
        page.show();
        ObjectStorageSection *section = page.objectStorage();
        QVERIFY(reloadAfter(section, [&] { page.setRepository(repo.path); }));
        const QString url = attachThroughDialog(section);
        QVERIFY(!url.isEmpty());
        QVERIFY(runOperation(section, section->offloadButton()));
        // Deleted behind the repository's back: Detach (a fetch first) fails, and the page reports it for a message box.
        int code = -1;
        ::test::aws({QStringLiteral("s3"), QStringLiteral("rm"), QStringLiteral("--recursive"), url + QStringLiteral("/packs/")}, &code);
        QCOMPARE(code, 0);
        QVERIFY(reloadAfter(section, [&] { section->reload(); }));
        QVERIFY(section->isFigureShown(QStringLiteral("missing")));
        QVERIFY2(section->findChild<QLabel *>(QStringLiteral("hintLabel"))->text().contains(QLatin1String("Full Verify")),
                 qPrintable(section->findChild<QLabel *>(QStringLiteral("hintLabel"))->text()));
        // Fetch needs packs that are only in the bucket; with none there, it stays off.
        QVERIFY(!section->fetchButton()->isEnabled());
        QSignalSpy errors(&page, &StoragePage::errorOccurred);
        QSignalSpy ended(section->job(), &Job::ended);
        section->detachButton()->click();
        QMessageBox *confirm = section->findChild<QMessageBox *>(QStringLiteral("confirmDetachBox"));
        QVERIFY(confirm);
        confirm->button(QMessageBox::Yes)->click();
        QVERIFY(ended.wait(kTimeoutMs));
        QCOMPARE(section->job()->state(), Job::State::Failed);
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, kTimeoutMs);
        QCOMPARE(errors.first().at(0).toString(), ObjectStorageSection::tr("Cannot Detach Bucket"));
        const QString message = errors.first().at(1).toString();
        QVERIFY2(message.contains(QLatin1String("Full Verify")) && message.contains(QLatin1String("missing")), qPrintable(message));
        QVERIFY(fileExists(repo.path, "remote-storage.json")); // still attached: nothing was half-done
    }

    void cancelledOffloadLeavesEveryFileReadable()
    {
        const TestRepo repo = makeRepo(m_tmp.filePath(QStringLiteral("cancel")),
                                       {{QStringLiteral("a.bin"), 24 * kMiB}, {QStringLiteral("b.bin"), 24 * kMiB},
                                        {QStringLiteral("c.bin"), 24 * kMiB}, {QStringLiteral("d.txt"), 100}});
        ObjectStorageSection section;
        section.show();
        QVERIFY(reloadAfter(&section, [&] { section.setRepository(repo.path); }));
        QVERIFY(!attachThroughDialog(&section).isEmpty());
        const int packCount = int(section.figures().status.packs.size());
        QVERIFY(packCount >= 3);

        // Cancelled at once: the first check stops it before any pack moved.
        {
            QSignalSpy ended(section.job(), &Job::ended);
            QSignalSpy loaded(&section, &ObjectStorageSection::loaded);
            section.offloadButton()->click();
            QVERIFY(section.isBusy());
            section.cancelButton()->click();
            QVERIFY(ended.wait(kTimeoutMs));
            QCOMPARE(section.job()->state(), Job::State::Cancelled);
            QVERIFY(loaded.wait(kTimeoutMs));
            QVERIFY2(section.statusText().contains(QLatin1String("cancelled")), qPrintable(section.statusText()));
            QCOMPARE(localPackFiles(repo.path), packCount);
            QString why;
            QVERIFY2(readsBack(repo, &why), qPrintable(why));
        }
        // Cancelled part-way, once bytes moved (or finished first: the race is the store's).
        {
            QSignalSpy ended(section.job(), &Job::ended);
            QSignalSpy loaded(&section, &ObjectStorageSection::loaded);
            QSignalSpy progress(section.job(), &Job::progressChanged);
            const qint64 localBytes = section.figures().status.localSize;
            section.offloadButton()->click();
            QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty()
                                         || std::any_of(progress.cbegin(), progress.cend(),
                                                        [](const QList<QVariant> &p) { return p.at(0).toLongLong() > 0; }),
                                     kTimeoutMs);
            section.cancelButton()->click();
            QVERIFY(!ended.isEmpty() || ended.wait(kTimeoutMs));
            qInfo() << "the offload ended" << section.job()->state() << "after" << section.job()->done() << "of"
                    << section.job()->total() << "bytes";
            QVERIFY(section.job()->state() == Job::State::Cancelled || section.job()->state() == Job::State::Succeeded);
            // One bar for the whole offload: bytes of all packs, never going back.
            qint64 previous = 0;
            for (const QList<QVariant> &p : std::as_const(progress)) {
                QCOMPARE(p.at(1).toLongLong(), localBytes);
                QVERIFY(p.at(0).toLongLong() >= previous);
                previous = p.at(0).toLongLong();
            }
            QVERIFY(loaded.wait(kTimeoutMs));
            for (const PackStatus &pack : section.figures().status.packs)
                QVERIFY(pack.place != PackPlace::Missing);
            QString why;
            QVERIFY2(readsBack(repo, &why), qPrintable(why));
            QVERIFY(LocalRepository::open(repo.path).quickVerify().ok);
        }
        // What is left is offloaded by the next run.
        QVERIFY(runOperation(&section, section.offloadButton()));
        QCOMPARE(section.job()->state(), Job::State::Succeeded);
        QCOMPARE(localPackFiles(repo.path), 0);
        QString why;
        QVERIFY2(readsBack(repo, &why), qPrintable(why));
    }

    void remoteRepositoryIsManagedOnTheServer()
    {
        const TestRepo repo = makeRepo(m_tmp.filePath(QStringLiteral("served")), {{QStringLiteral("README.md"), 100}});
        NetworkShare share;
        NetworkShare::Settings settings;
        settings.port = 0;
        share.start(repo.path, settings);
        repositories::setToken(share.url(), share.readToken());
        ObjectStorageSection section;
        section.show();
        QVERIFY(reloadAfter(&section, [&] { section.setRepository(share.url()); }));
        QVERIFY(section.figures().remote);
        QVERIFY2(section.summaryText().contains(QLatin1String("server's machine")), qPrintable(section.summaryText()));
        QVERIFY(!section.attachButton()->isVisibleTo(&section));
        QVERIFY(!section.offloadButton()->isVisibleTo(&section));
        QVERIFY(!section.isFigureShown(QStringLiteral("local")));
        QVERIFY(!section.openAttachDialog());
        share.stop();
    }
};

QTEST_MAIN(TestObjectStorageSection)
#include "tst_object_storage_section.moc"
