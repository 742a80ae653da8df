// Child process of tst_history_crash: performs one history/maintenance operation on a
// repository and dies on request. Usage:
//
//   hubvault-history-crash-helper <op> <repo> [--root OID] [--fault STEP --nth N] [--trace] [--ready]
//
//   op       commit | merge | reset | squash | gc | spill
//   --fault  _exit(9) at the N-th (default 1st) occurrence of fault point STEP
//   --trace  print "FP <step>" for every fault point reached
//   --ready  print "READY" once the repository is open, right before the operation
//
// The clock is frozen (2024-06-01T00:00:00Z) so every run of an operation produces the
// same commits; the parent computes the "new" state from one undisturbed run. "spill"
// does not use the core: it opens metadata.sqlite3 itself, writes inside a transaction
// with a tiny page cache until SQLite spills pages into the database file, and dies,
// leaving a hot rollback journal (docs/format.md §6.5).
//
// Exit codes: 0 done ("DONE <microseconds>"), 9 died at the fault point, 3 the operation
// failed (HubVaultError on stderr), 2 usage.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "Env.h"
#include "HistoryTestSupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace hubvault;

namespace {

void say(const QByteArray &line)
{
    const QByteArray out = line + '\n';
    ssize_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, out.constData() + done, size_t(out.size() - done));
        if (n <= 0)
            break;
        done += n;
    }
}

class CrashEnv : public FrozenClockEnv {
public:
    CrashEnv(QByteArray step, int nth, bool trace)
        : FrozenClockEnv(QDateTime(QDate(2024, 6, 1), QTime(0, 0, 0), Qt::UTC)), m_step(std::move(step)), m_nth(nth), m_trace(trace)
    {
    }
    void faultPoint(const char *step) const override
    {
        if (m_trace)
            say(QByteArray("FP ") + step);
        if (!m_step.isEmpty() && m_step == step && ++m_seen == m_nth)
            ::_exit(9);
    }

private:
    QByteArray m_step;
    int m_nth;
    bool m_trace;
    mutable int m_seen = 0;
};

int spill(const QString &repo)
{
    // Hold the writer lock like a real writer would (released by the kernel on death).
    const int lockFd = ::open(QFile::encodeName(repo + QStringLiteral("/locks/repo.lock")).constData(), O_RDWR | O_CREAT | O_APPEND, 0644);
    if (lockFd < 0 || ::flock(lockFd, LOCK_EX) != 0)
        return 3;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("spill"));
    db.setDatabaseName(repo + QStringLiteral("/metadata.sqlite3"));
    if (!db.open())
        return 3;
    QSqlQuery q(db);
    for (const char *sql : {"PRAGMA journal_mode=DELETE", "PRAGMA synchronous=FULL", "PRAGMA cache_size=4", "PRAGMA cache_spill=ON",
                            "BEGIN IMMEDIATE", "UPDATE refs SET commit_id = NULL", "DELETE FROM objects_files",
                            "UPDATE objects_commits SET payload_json = '{}'"}) {
        if (!q.exec(QLatin1String(sql))) {
            std::fprintf(stderr, "%s: %s\n", sql, qPrintable(q.lastError().text()));
            return 3;
        }
    }
    q.prepare(QStringLiteral("INSERT INTO reflog (ref_kind, ref_name, timestamp, old_head, new_head, message, checksum) "
                             "VALUES ('branch', 'main', '2024-06-01T00:00:00Z', NULL, NULL, ?, 'sha256:x')"));
    for (int i = 0; i < 600; ++i) {
        q.bindValue(0, QString(1500, QLatin1Char('a' + i % 26)));
        if (!q.exec())
            return 3;
    }
    say("SPILLED");
    ::_exit(9); // no COMMIT, no ROLLBACK, no close: the journal stays hot
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: %s <op> <repo> [--root OID] [--fault STEP --nth N] [--trace] [--ready]\n", argv[0]);
        return 2;
    }
    const QString op = args.at(1), repoPath = args.at(2);
    QString root;
    QByteArray step;
    int nth = 1;
    bool trace = false, ready = false;
    for (int i = 3; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--root") && i + 1 < args.size())
            root = args.at(++i);
        else if (a == QLatin1String("--fault") && i + 1 < args.size())
            step = args.at(++i).toUtf8();
        else if (a == QLatin1String("--nth") && i + 1 < args.size())
            nth = args.at(++i).toInt();
        else if (a == QLatin1String("--trace"))
            trace = true;
        else if (a == QLatin1String("--ready"))
            ready = true;
        else {
            std::fprintf(stderr, "unknown argument %s\n", qPrintable(a));
            return 2;
        }
    }
    if (op == QLatin1String("spill"))
        return spill(repoPath);

    try {
        auto env = std::make_shared<CrashEnv>(step, nth, trace);
        LocalRepository repo = LocalRepository::open(repoPath, env);
        if (ready)
            say("READY");
        QElapsedTimer timer;
        timer.start();
        if (op == QLatin1String("commit")) {
            CommitOptions o;
            o.commitMessage = QStringLiteral("crash commit");
            repo.createCommit({CommitOperation::addBytes(QStringLiteral("new.bin"), htest::detBytes(QStringLiteral("crash-new"), 4000)),
                               CommitOperation::addBytes(QStringLiteral("new.txt"), "new"),
                               CommitOperation::addBytes(QStringLiteral("a.txt"), "a after crash commit"),
                               CommitOperation::remove(QStringLiteral("dir/b.txt"), false)},
                              o);
        } else if (op == QLatin1String("merge")) {
            const MergeResult r = repo.merge(QStringLiteral("feature"));
            if (r.status != MergeStatus::Merged) {
                std::fprintf(stderr, "merge status %s\n", qPrintable(wireName(r.status)));
                return 3;
            }
        } else if (op == QLatin1String("reset")) {
            repo.resetRef(QStringLiteral("main"), QStringLiteral("v1"));
        } else if (op == QLatin1String("squash")) {
            SquashOptions o;
            o.rootRevision = root;
            o.runGc = true;
            o.pruneCache = true;
            repo.squashHistory(QStringLiteral("main"), o);
        } else if (op == QLatin1String("gc")) {
            repo.gc(false, true);
        } else {
            std::fprintf(stderr, "unknown operation %s\n", qPrintable(op));
            return 2;
        }
        say("DONE " + QByteArray::number(timer.nsecsElapsed() / 1000));
        return 0;
    } catch (const HubVaultError &e) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(e.kind()), qPrintable(e.message()));
        return 3;
    }
}
