// hubvault-crash-helper: a separate process for tst_crash_recovery. It opens a
// repository with an Env whose faultPoint() can "kill" the process on the spot
// (_exit(9): no destructors, no rollback, no cleanup, exactly like SIGKILL), then writes.
//
//   hubvault-crash-helper trace <repo>               standard commit; prints every fault
//                                                    point as "<step> <occurrence>"
//   hubvault-crash-helper crash <repo> <step> [<n>]  standard commit; _exit(9) at the n-th
//                                                    (default 1st) occurrence of <step>;
//                                                    exit 3 if it never comes
//   hubvault-crash-helper after <repo>               standard commit, then _exit(9)
//   hubvault-crash-helper loop <repo> <worker> <count> [cas]
//                                                    <count> commits adding
//                                                    worker-<w>/file-<i>.txt; with "cas",
//                                                    each passes the head it read as
//                                                    parent_commit and retries on conflict
//   hubvault-crash-helper create <repo> <threshold> <step> [<n>]
//                                                    create_repo, _exit(9) at the fault
//
// Exit codes: 0 done, 9 simulated crash, 3 fault point not reached, 1 error, 2 usage.

#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>
#include "Env.h"
#include "WriteTestSupport.h"

#include <QCoreApplication>
#include <QHash>

#include <cstdio>
#include <unistd.h>

using namespace hubvault;

namespace {

class CrashEnv : public Env {
public:
    QByteArray target;
    int occurrence = 1;
    bool trace = false;
    bool armed = false;

    void faultPoint(const char *step) const override
    {
        if (!armed)
            return;
        const int n = ++m_seen[QByteArray(step)];
        if (trace) {
            std::printf("%s %d\n", step, n);
            std::fflush(stdout);
        }
        if (!target.isEmpty() && target == step && n == occurrence)
            ::_exit(9);
    }

private:
    mutable QHash<QByteArray, int> m_seen;
};

CommitOptions message(const QString &text)
{
    CommitOptions options;
    options.commitMessage = text;
    return options;
}

int usage()
{
    std::fprintf(stderr, "usage: hubvault-crash-helper trace|crash|after|loop|create <repo> ...\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return usage();
    const QString mode = args.at(1);
    const QString root = args.at(2);
    auto env = std::make_shared<CrashEnv>();
    try {
        if (mode == QLatin1String("create")) {
            if (args.size() < 5)
                return usage();
            CreateRepoOptions options;
            options.largeFileThreshold = args.at(3).toLongLong();
            env->target = args.at(4).toUtf8();
            env->occurrence = args.size() > 5 ? args.at(5).toInt() : 1;
            env->trace = env->target == "-";
            env->armed = true;
            LocalRepository::create(root, options, env);
            return env->trace ? 0 : 3;
        }
        LocalRepository repo = LocalRepository::open(root, env);
        if (mode == QLatin1String("trace") || mode == QLatin1String("crash") || mode == QLatin1String("after")) {
            if (mode == QLatin1String("crash")) {
                if (args.size() < 4)
                    return usage();
                env->target = args.at(3).toUtf8();
                env->occurrence = args.size() > 4 ? args.at(4).toInt() : 1;
            }
            env->trace = mode == QLatin1String("trace");
            env->armed = true;
            repo.createCommit(hubvault::test::crashScenarioOperations(), message(QStringLiteral("crash commit")));
            if (mode == QLatin1String("after"))
                ::_exit(9); // the SQLite COMMIT is done; die before anything else runs
            return mode == QLatin1String("crash") ? 3 : 0;
        }
        if (mode == QLatin1String("loop")) {
            if (args.size() < 5)
                return usage();
            const QString worker = args.at(3);
            const int count = args.at(4).toInt();
            const bool cas = args.size() > 5 && args.at(5) == QLatin1String("cas");
            int conflicts = 0;
            for (int i = 0; i < count; ++i) {
                const QString path = QStringLiteral("worker-%1/file-%2.txt").arg(worker).arg(i);
                const QByteArray content = QStringLiteral("worker %1 commit %2\n").arg(worker).arg(i).toUtf8();
                CommitOptions options = message(QStringLiteral("worker %1 commit %2").arg(worker).arg(i));
                for (;;) {
                    if (cas)
                        options.parentCommit = repo.resolveRevision({}).value_or(QString());
                    try {
                        repo.createCommit({CommitOperation::addBytes(path, content)}, options);
                        break;
                    } catch (const ConflictError &) {
                        if (!cas)
                            throw;
                        ++conflicts;
                    }
                }
            }
            std::printf("conflicts %d\n", conflicts);
            return 0;
        }
        return usage();
    } catch (const HubVaultError &e) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(e.kind()), qPrintable(e.message()));
        return 1;
    }
}
