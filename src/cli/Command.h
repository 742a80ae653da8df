#pragma once
// The command table. Each command family lives in its own *Commands.cpp and registers
// its commands here; the dispatcher (Cli.cpp), the help text, the man page and the shell
// completions (DocGen.cpp) are all generated from this one table, so they cannot drift.

#include <hubvault/Progress.h>
#include <hubvault/Repository.h>
#include "ArgParser.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace hubvault::cli {

class CommandRegistry;

/** What a command gets besides its own arguments. */
struct CommandContext {
    CommandContext(QString location, TaskControl task, bool json, const CommandRegistry *registry)
        : location(std::move(location)), task(std::move(task)), json(json), registry(registry) {}

    QString location;  ///< from -C: an absolute path (the current directory by default) or a URL
    QString token;     ///< from --token: the server's bearer token (empty = $HUBVAULT_TOKEN)
    TaskControl task;  ///< progress bar + Ctrl-C cancellation
    bool json = false; ///< --json was given: print one JSON document instead of text
    const CommandRegistry *registry = nullptr;

    /**
     * The repository at `location`, opened on first use and kept for the command (throws
     * RepositoryNotFoundError etc.).
     */
    Repository &repository();

private:
    std::shared_ptr<Repository> m_repository;
};

struct Command {
    QString name;
    QString summary;      ///< one line for `hubvault --help`
    QString synopsis;     ///< what follows "usage: hubvault <name> "
    QString description;  ///< paragraph for `hubvault <name> --help`
    QStringList examples; ///< full command lines
    QList<OptionSpec> options;
    int minPositionals = 0;
    int maxPositionals = 0;
    QStringList positionalNames;            ///< for "missing argument" messages, in order
    QList<ValueKind> positionalKinds;       ///< for shell completion, in order
    bool json = false;     ///< the registry adds --json (schema docs/schemas/<name>.json)
    bool progress = false; ///< the registry adds -q/--quiet (the command draws progress)
    std::function<int(CommandContext &, const ParsedArgs &)> run;
};

class CommandRegistry {
public:
    void add(Command command);
    const Command *find(const QString &name) const;
    const QList<Command> &commands() const { return m_commands; }

private:
    QList<Command> m_commands;
};

/** Usage text of one command (for `hubvault <name> --help` and `hubvault help <name>`). */
QString commandHelp(const Command &command);
/** Text of `hubvault --help`. */
QString globalHelp(const CommandRegistry &registry);
/** How an option is shown in help and man pages: "-r, --revision REV". */
QString optionLabel(const OptionSpec &spec);

/** The options every command, or every command of a kind, accepts. */
OptionSpec helpOption();
OptionSpec jsonOption();
OptionSpec quietOption();

// One per command family.
void registerRepoCommands(CommandRegistry &registry);        // init, status, commit, reset
void registerRefCommands(CommandRegistry &registry);         // branch, tag, merge
void registerHistoryCommands(CommandRegistry &registry);     // log
void registerContentCommands(CommandRegistry &registry);     // ls-tree, download, snapshot
void registerServeCommand(CommandRegistry &registry);        // serve
void registerExportCommands(CommandRegistry &registry);      // export
void registerMaintenanceCommands(CommandRegistry &registry); // verify, gc, squash
void registerStorageCommands(CommandRegistry &registry);     // storage
void registerHelpCommand(CommandRegistry &registry);         // help

// Generated documentation (DocGen.cpp).
QString manPage(const CommandRegistry &registry);
QString bashCompletion(const CommandRegistry &registry);
QString zshCompletion(const CommandRegistry &registry);

} // namespace hubvault::cli
