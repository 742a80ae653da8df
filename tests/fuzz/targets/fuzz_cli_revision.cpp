// Fuzz target: CLI argument parsing and revision expressions. The input is a NUL-separated
// argument list: the first names a command of the real command table, the rest are parsed
// with its option specs (getopt_long style) and the count and size parsers; every argument
// is then resolved as a revision, and listed as one, on a copy of a fixture with branches,
// tags and merges. Parsing throws UsageError or succeeds; resolution throws a core error
// or names a commit that exists.
#include "ArgParser.h"
#include "Command.h"
#include "FuzzSupport.h"
#include "Output.h"
#include <hubvault/Errors.h>
#include <hubvault/LocalRepository.h>

#include <memory>

using namespace hubvault;
using namespace hubvault::cli;

namespace {

const CommandRegistry &registry()
{
    static const CommandRegistry r = [] {
        CommandRegistry reg;
        registerRepoCommands(reg);
        registerRefCommands(reg);
        registerHistoryCommands(reg);
        registerContentCommands(reg);
        registerExportCommands(reg);
        registerMaintenanceCommands(reg);
        registerServeCommand(reg);
        registerHelpCommand(reg);
        return reg;
    }();
    return r;
}

LocalRepository &repository()
{
    static std::unique_ptr<LocalRepository> repo = [] {
        return std::make_unique<LocalRepository>(LocalRepository::open(hubvault::fuzz::freshCopy("c-branches-merges")));
    }();
    return *repo;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    hubvault::fuzz::initQt();
    (void)registry();
    (void)repository();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QStringList args;
    for (const QByteArray &part : bytes.split('\0'))
        args.append(QString::fromUtf8(part));
    const QList<Command> &commands = registry().commands();
    const Command *command = registry().find(args.value(0));
    if (!command && !commands.isEmpty())
        command = &commands.at(int(size % size_t(commands.size())));
    try {
        const ParsedArgs parsed = parseArguments(args.mid(1), command->options);
        for (const OptionSpec &spec : command->options) {
            if (spec.takesValue() && parsed.isSet(spec.key()))
                (void)parsed.value(spec.key());
        }
    } catch (const UsageError &) {
    }
    for (const QString &arg : args.mid(0, 8)) {
        try {
            const int count = parseCount(arg, QStringLiteral("-n"));
            if (count < 0)
                std::abort();
        } catch (const UsageError &) {
        }
        try {
            if (parseByteSize(arg, QStringLiteral("--size")) <= 0)
                std::abort();
        } catch (const UsageError &) {
        }
        try {
            const std::optional<QString> commit = repository().resolveRevision(arg);
            if (commit)
                (void)repository().listRepoCommits(*commit, 2);
            (void)repository().listRepoCommits(arg, 4);
        } catch (const HubVaultError &) {
        }
    }
    return 0;
}
