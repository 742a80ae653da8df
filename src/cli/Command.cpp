#include "Command.h"

namespace hubvault::cli {

void CommandRegistry::add(Command command)
{
    if (command.json) {
        OptionSpec json = jsonOption();
        json.help = QStringLiteral("print one JSON document instead of text (schema: docs/schemas/%1.json)").arg(command.name);
        command.options.append(json);
    }
    if (command.progress)
        command.options.append(quietOption());
    command.options.append(helpOption());
    m_commands.append(std::move(command));
}

const Command *CommandRegistry::find(const QString &name) const
{
    for (const Command &command : m_commands)
        if (command.name == name)
            return &command;
    return nullptr;
}

Repository &CommandContext::repository()
{
    if (!m_repository)
        m_repository = openRepository(location, token);
    return *m_repository;
}

OptionSpec helpOption()
{
    return {QLatin1Char('h'), QStringLiteral("help"), {}, QStringLiteral("show this help and exit")};
}

OptionSpec jsonOption()
{
    return {QChar(), QStringLiteral("json"), {},
            QStringLiteral("print one JSON document instead of text")};
}

OptionSpec quietOption()
{
    return {QLatin1Char('q'), QStringLiteral("quiet"), {}, QStringLiteral("do not draw the progress bar on stderr")};
}

QString optionLabel(const OptionSpec &spec)
{
    QString label;
    if (!spec.shortName.isNull())
        label = QStringLiteral("-") + spec.shortName;
    if (!spec.longName.isEmpty()) {
        if (!label.isEmpty())
            label += QStringLiteral(", ");
        label += QStringLiteral("--") + spec.longName;
    } else if (!label.isEmpty()) {
        label.prepend(QStringLiteral("    ")); // keeps long names aligned when mixed
    }
    if (spec.takesValue())
        label += QLatin1Char(' ') + spec.valueName;
    return label;
}

QString commandHelp(const Command &command)
{
    QString text = QStringLiteral("usage: hubvault [-C PATH] %1").arg(command.name);
    if (!command.synopsis.isEmpty())
        text += QLatin1Char(' ') + command.synopsis;
    text += QStringLiteral("\n\n") + command.description + QStringLiteral("\n\noptions:\n");

    qsizetype width = 0;
    for (const OptionSpec &spec : command.options)
        width = qMax(width, optionLabel(spec).size());
    for (const OptionSpec &spec : command.options) {
        QString help = spec.help;
        if (spec.repeatable)
            help += QStringLiteral(" (repeatable)");
        text += QStringLiteral("  %1  %2\n").arg(optionLabel(spec).leftJustified(width), help);
    }
    if (!command.examples.isEmpty()) {
        text += command.examples.size() == 1 ? QStringLiteral("\nexample:\n") : QStringLiteral("\nexamples:\n");
        for (const QString &example : command.examples)
            text += QStringLiteral("  ") + example + QLatin1Char('\n');
    }
    return text;
}

QString globalHelp(const CommandRegistry &registry)
{
    QString text = QStringLiteral(
        "usage: hubvault [-C PATH] <command> [<args>]\n"
        "       hubvault -v | --version\n"
        "       hubvault -h | --help | help <command>\n"
        "\n"
        "HubVault: a local, git-like versioned store for ML artifacts (also installed as 'hv').\n"
        "\n"
        "global options:\n"
        "  -C PATH        use the repository at PATH (default: the current directory),\n"
        "                 or the server at a URL (http://HOST:PORT, see 'hubvault serve')\n"
        "  --token TOKEN  the server's access token (default: $HUBVAULT_TOKEN)\n"
        "  -v, --version  print the version and exit\n"
        "  -h, --help     show this help and exit\n"
        "\n"
        "commands:\n");
    qsizetype width = 0;
    for (const Command &command : registry.commands())
        width = qMax(width, command.name.size());
    for (const Command &command : registry.commands())
        text += QStringLiteral("  %1  %2\n").arg(command.name.leftJustified(width), command.summary);
    text += QStringLiteral(
        "\n"
        "Run 'hubvault help <command>' or 'hubvault <command> --help' for the options of one command.\n"
        "\n"
        "examples:\n"
        "  hubvault init my-repo\n"
        "  hubvault -C my-repo commit -m \"Add weights\" --add model.bin=./out/model.bin\n"
        "  hubvault -C my-repo log --oneline -n 5\n");
    return text;
}

} // namespace hubvault::cli
