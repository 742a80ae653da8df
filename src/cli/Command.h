#pragma once
// The command table. Each command family lives in its own *Commands.cpp and registers
// its commands here; the dispatcher (Cli.cpp) only knows this interface, so new families
// (init/commit/branch/..., serve) slot in with one register call.

#include "ArgParser.h"
#include "Progress.h"
#include "Repository.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace hubvault::cli {

/** What a command gets besides its own arguments. */
struct CommandContext {
    QString repoPath;  ///< from -C, absolute; the current directory by default
    TaskControl task;  ///< progress line + Ctrl-C cancellation

    /** Opens the repository at repoPath (throws RepositoryNotFoundError etc.). */
    Repository openRepository() const { return Repository::open(repoPath); }
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
    QStringList positionalNames; ///< for "missing argument" messages, in order
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

/** Usage text of one command (for `hubvault <name> --help`). */
QString commandHelp(const Command &command);

/** The option every command accepts. */
OptionSpec helpOption();

// One per command family.
void registerRepoCommands(CommandRegistry &registry);        // status
void registerHistoryCommands(CommandRegistry &registry);     // log
void registerContentCommands(CommandRegistry &registry);     // ls-tree, download, snapshot
void registerMaintenanceCommands(CommandRegistry &registry); // verify

} // namespace hubvault::cli
