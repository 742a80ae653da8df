#include "Command.h"

namespace hubvault::cli {

void CommandRegistry::add(Command command)
{
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

OptionSpec helpOption()
{
    return {QLatin1Char('h'), QStringLiteral("help"), {}, QStringLiteral("show this help and exit")};
}

namespace {

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

} // namespace

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

} // namespace hubvault::cli
