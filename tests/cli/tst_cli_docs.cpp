// Help, the generated man page and shell completions: `hubvault help <command>`, the
// committed copies in docs/ and packaging/completions/ are current, the build tree has
// them, the bash completion completes, and `cmake --install` puts everything in place.

#include "CliTest.h"

#include <QStandardPaths>
#include <QTemporaryDir>

using namespace hubvault::test;

namespace {

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/** The long options listed by `hubvault <command> --help`. */
QStringList longOptions(const QString &command)
{
    QStringList out;
    const QRegularExpression option(QStringLiteral("^  (?:-\\S, )?(--[a-z-]+)"));
    for (const QString &line : runCli({command, QStringLiteral("--help")}).out.split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch m = option.match(line);
        if (m.hasMatch())
            out << m.captured(1);
    }
    return out;
}

} // namespace

class TestCliDocs : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_repo;

    /** What the bash completion offers for the command line `words` (last word = current). */
    QStringList complete(const QStringList &words)
    {
        QString script = QStringLiteral("source '%1'\nCOMP_WORDS=(").arg(sourceDir() + QStringLiteral("/packaging/completions/hubvault.bash"));
        for (const QString &word : words)
            script += QLatin1Char('\'') + word + QStringLiteral("' ");
        script += QStringLiteral(")\nCOMP_CWORD=%1\n_hubvault\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n").arg(words.size() - 1);
        QProcess bash;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PATH"), QFileInfo(cliPath()).absolutePath() + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
        bash.setProcessEnvironment(env);
        bash.setWorkingDirectory(m_tmp.path());
        bash.start(QStringLiteral("bash"), {QStringLiteral("--norc"), QStringLiteral("-c"), script});
        bash.waitForFinished(30000);
        QStringList out = QString::fromUtf8(bash.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        out.sort();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), qPrintable(cliPath()));
        m_repo = copyFixture(QStringLiteral("c-branches-merges"), m_tmp.path());
        QVERIFY(!m_repo.isEmpty());
    }

    void helpCommand()
    {
        const QStringList names = commandNames();
        QVERIFY(names.size() >= 17);
        for (const QString &name : names) {
            const CliResult viaHelp = runCli({QStringLiteral("help"), name});
            VERIFY_OK(viaHelp);
            const CliResult viaOption = runCli({name, QStringLiteral("--help")});
            VERIFY_OK(viaOption);
            QCOMPARE(viaHelp.out, viaOption.out);
            QVERIFY2(viaHelp.out.startsWith(QStringLiteral("usage: hubvault [-C PATH] ") + name), qPrintable(viaHelp.out));
            QVERIFY2(viaHelp.out.contains(QLatin1String("\nexample")), qPrintable(name));
            // Every example is a command line of this command.
            const QString examples = viaHelp.out.section(QStringLiteral("\nexample"), 1);
            QVERIFY2(examples.contains(QStringLiteral(" ") + name + QLatin1Char(' ')) || examples.contains(QStringLiteral(" ") + name + QLatin1Char('\n')),
                     qPrintable(examples));
        }
        const CliResult all = runCli({QStringLiteral("help")});
        VERIFY_OK(all);
        QCOMPARE(all.out, runCli({QStringLiteral("--help")}).out);
        QVERIFY(all.out.contains(QLatin1String("'hubvault help <command>'")));
        VERIFY_USAGE_ERROR(runCli({QStringLiteral("help"), QStringLiteral("bogus")}), QStringLiteral("hubvault: unknown command 'bogus'"));
        VERIFY_USAGE_ERROR(runCli({QStringLiteral("help"), QStringLiteral("log"), QStringLiteral("x")}),
                           QStringLiteral("hubvault: unexpected argument 'x'"));
    }

    void manPage()
    {
        const CliResult r = runCli({QStringLiteral("--man")});
        VERIFY_OK(r);
        QVERIFY(r.out.contains(QLatin1String("\n.TH HUBVAULT 1 ")));
        for (const QString &name : commandNames()) {
            QVERIFY2(r.out.contains(QStringLiteral("\n.SS \"hubvault ") + QString(name).replace(QLatin1Char('-'), QLatin1String("\\-"))),
                     qPrintable(name));
            for (QString option : longOptions(name))
                QVERIFY2(r.out.contains(option.replace(QLatin1Char('-'), QLatin1String("\\-"))), qPrintable(name + QLatin1Char(' ') + option));
        }
        // The copy committed in docs/ and the one the build generated are current.
        QCOMPARE(readText(sourceDir() + QStringLiteral("/docs/hubvault.1")), r.out);
        QCOMPARE(readText(QStringLiteral(HUBVAULT_BINARY_DIR) + QStringLiteral("/docs/hubvault.1")), r.out);
        QCOMPARE(readText(QStringLiteral(HUBVAULT_BINARY_DIR) + QStringLiteral("/docs/hv.1")), QStringLiteral(".so man1/hubvault.1\n"));

        // groff finds nothing to warn about.
        QProcess groff;
        groff.start(QStringLiteral("groff"), {QStringLiteral("-man"), QStringLiteral("-ww"), QStringLiteral("-z"),
                                              sourceDir() + QStringLiteral("/docs/hubvault.1")});
        if (!groff.waitForStarted(10000))
            QSKIP("groff is not installed");
        groff.waitForFinished(30000);
        QCOMPARE(groff.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(groff.readAllStandardError()), QString());
    }

    void completionFilesAreCurrent()
    {
        const CliResult bash = runCli({QStringLiteral("--completion"), QStringLiteral("bash")});
        VERIFY_OK(bash);
        const CliResult zsh = runCli({QStringLiteral("--completion"), QStringLiteral("zsh")});
        VERIFY_OK(zsh);
        QVERIFY(bash.out.contains(QLatin1String("complete -F _hubvault hubvault hv")));
        QVERIFY(zsh.out.startsWith(QLatin1String("#compdef hubvault hv\n")));
        QCOMPARE(readText(sourceDir() + QStringLiteral("/packaging/completions/hubvault.bash")), bash.out);
        QCOMPARE(readText(sourceDir() + QStringLiteral("/packaging/completions/_hubvault")), zsh.out);
        QCOMPARE(readText(QStringLiteral(HUBVAULT_BINARY_DIR) + QStringLiteral("/completions/hubvault.bash")), bash.out);
        QCOMPARE(readText(QStringLiteral(HUBVAULT_BINARY_DIR) + QStringLiteral("/completions/_hubvault")), zsh.out);
        for (const QString &name : commandNames())
            for (const QString &option : longOptions(name)) {
                QVERIFY2(bash.out.contains(option), qPrintable(name + QLatin1Char(' ') + option));
                QVERIFY2(zsh.out.contains(option), qPrintable(name + QLatin1Char(' ') + option));
            }
        VERIFY_USAGE_ERROR(runCli({QStringLiteral("--completion"), QStringLiteral("fish")}),
                           QStringLiteral("hubvault: option '--completion' expects 'bash' or 'zsh'"));

        QProcess check;
        check.start(QStringLiteral("bash"), {QStringLiteral("-n"), sourceDir() + QStringLiteral("/packaging/completions/hubvault.bash")});
        QVERIFY(check.waitForFinished(30000));
        QCOMPARE(check.exitCode(), 0);
        check.start(QStringLiteral("zsh"), {QStringLiteral("-n"), sourceDir() + QStringLiteral("/packaging/completions/_hubvault")});
        if (check.waitForStarted(10000)) {
            QVERIFY(check.waitForFinished(30000));
            QCOMPARE(check.exitCode(), 0);
        }
    }

    void bashCompletes()
    {
        const QString repo = m_repo;
        QCOMPARE(complete({QStringLiteral("hubvault"), QStringLiteral("lo")}), QStringList{QStringLiteral("log")});
        QCOMPARE(complete({QStringLiteral("hv"), QStringLiteral("s")}),
                 (QStringList{QStringLiteral("serve"), QStringLiteral("snapshot"), QStringLiteral("squash"), QStringLiteral("status"), QStringLiteral("storage")}));
        QCOMPARE(complete({QStringLiteral("hubvault"), QStringLiteral("log"), QStringLiteral("--o")}), QStringList{QStringLiteral("--oneline")});
        QCOMPARE(complete({QStringLiteral("hubvault"), QStringLiteral("help"), QStringLiteral("ex")}), QStringList{QStringLiteral("export")});
        // Revisions come from the repository named with -C.
        const QStringList branches{QStringLiteral("conflict-side"), QStringLiteral("main"), QStringLiteral("release/v1"),
                                   QStringLiteral("scratch"), QStringLiteral("topic")};
        QCOMPARE(complete({QStringLiteral("hubvault"), QStringLiteral("-C"), repo, QStringLiteral("merge"), QStringLiteral("--target"), QString()}),
                 branches);
        QCOMPARE(complete({QStringLiteral("hubvault"), QStringLiteral("-C"), repo, QStringLiteral("log"), QStringLiteral("v")}),
                 (QStringList{QStringLiteral("v0-initial"), QStringLiteral("v1.0")}));
        QCOMPARE(complete({QStringLiteral("hubvault"), QStringLiteral("-C"), repo, QStringLiteral("ls-tree"), QStringLiteral("-r"),
                           QStringLiteral("re")}),
                 QStringList{QStringLiteral("release/v1")});
        QCOMPARE(complete({QStringLiteral("hubvault"), QStringLiteral("-C"), repo, QStringLiteral("tag"), QStringLiteral("-d"), QStringLiteral("v1")}),
                 QStringList{QStringLiteral("v1.0")});
        // Local paths for --add (after '=') and export targets.
        QVERIFY(writeFile(m_tmp.path() + QStringLiteral("/weights-1.bin"), "w"));
        QCOMPARE(complete({QStringLiteral("hubvault"), QStringLiteral("commit"), QStringLiteral("--add"), QStringLiteral("w.bin"),
                           QStringLiteral("="), QStringLiteral("weights")}),
                 QStringList{QStringLiteral("weights-1.bin")});
        QCOMPARE(complete({QStringLiteral("hubvault"), QStringLiteral("-C"), repo, QStringLiteral("export"), QStringLiteral("weig")}),
                 QStringList{QStringLiteral("weights-1.bin")});
        // A positional after an option with a value: the second positional of branch.
        QCOMPARE(complete({QStringLiteral("hubvault"), QStringLiteral("-C"), repo, QStringLiteral("branch"), QStringLiteral("new"),
                           QStringLiteral("sc")}),
                 QStringList{QStringLiteral("scratch")});
    }

    // zsh completes through a real interactive zsh driven over a pseudo-terminal (zpty).
    void zshCompletes()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("zsh")).isEmpty())
            QSKIP("zsh is not installed");
        const QString fpath = m_tmp.path() + QStringLiteral("/zsh-functions");
        QVERIFY(QDir().mkpath(fpath));
        QFile::remove(fpath + QStringLiteral("/_hubvault"));
        QVERIFY(QFile::copy(sourceDir() + QStringLiteral("/packaging/completions/_hubvault"), fpath + QStringLiteral("/_hubvault")));
        QVERIFY(writeFile(m_tmp.path() + QStringLiteral("/model-a.bin"), "a"));
        // Each case: the line typed before TAB, and what must then appear on the terminal.
        const QList<std::pair<QString, QString>> cases{
            {QStringLiteral("hubvault lo"), QStringLiteral("hubvault log ")},
            {QStringLiteral("hubvault help exp"), QStringLiteral("hubvault help export ")},
            {QStringLiteral("hubvault log --onel"), QStringLiteral("--oneline ")},
            {QStringLiteral("hubvault -C %1 merge --target rel").arg(m_repo), QStringLiteral("--target release/v1 ")},
            {QStringLiteral("hubvault -C %1 log v1").arg(m_repo), QStringLiteral("log v1.0 ")},
            {QStringLiteral("hubvault commit --add x=model-"), QStringLiteral("--add x=model-a.bin ")},
        };
        QString script = QStringLiteral(
            "zmodload zsh/zpty\n"
            "setopt extended_glob\n"
            "zpty z 'zsh -f -i'\n"
            "zpty -w z 'PS1=\"> \"; fpath=(%1 $fpath); autoload -U compinit; compinit -u -D; PATH=%2:$PATH'\n"
            "expect() {\n"
            "  local out= chunk deadline=$(( SECONDS + 10 ))\n"
            "  while (( SECONDS < deadline )); do\n"
            "    zpty -r -t z chunk && out+=$chunk\n"
            "    [[ ${out//$'\\e'\\[[0-9;?]#[A-Za-z]/} == *\"$1\"* ]] && { print -r -- \"ok: $1\"; return }\n"
            "  done\n"
            "  print -r -- \"missing: $1 in ${(q)out}\"\n"
            "}\n"
            "sleep 0.5\n")
                             .arg(fpath, QFileInfo(cliPath()).absolutePath());
        for (const auto &[line, expected] : cases)
            script += QStringLiteral("zpty -w -n z %1$'\\t'\nexpect %2\nzpty -w z $'\\C-u'\n")
                          .arg(QStringLiteral("'") + line + QStringLiteral("'"), QStringLiteral("'") + expected + QStringLiteral("'"));
        script += QStringLiteral("zpty -d z\n");
        QProcess zsh;
        zsh.setWorkingDirectory(m_tmp.path());
        zsh.start(QStringLiteral("zsh"), {QStringLiteral("-f"), QStringLiteral("-c"), script});
        QVERIFY(zsh.waitForFinished(120000));
        const QStringList lines = QString::fromUtf8(zsh.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), cases.size());
        for (const QString &line : lines)
            QVERIFY2(line.startsWith(QLatin1String("ok: ")), qPrintable(line));
    }

    // `cmake --install` of the CLI puts the binary, hv, the man pages and completions in place.
    void install()
    {
        const QString prefix = m_tmp.path() + QStringLiteral("/prefix");
        QProcess cmake;
        cmake.start(QStringLiteral(HUBVAULT_CMAKE_COMMAND),
                    {QStringLiteral("-DCMAKE_INSTALL_PREFIX=") + prefix,
                     QStringLiteral("-P"), QStringLiteral(HUBVAULT_BINARY_DIR) + QStringLiteral("/src/cli/cmake_install.cmake")});
        QVERIFY(cmake.waitForFinished(120000));
        QVERIFY2(cmake.exitCode() == 0, cmake.readAllStandardError().constData());
        for (const char *file : {"bin/hubvault", "share/man/man1/hubvault.1", "share/man/man1/hv.1",
                                 "share/bash-completion/completions/hubvault", "share/bash-completion/completions/hv",
                                 "share/zsh/site-functions/_hubvault"})
            QVERIFY2(QFileInfo(prefix + QLatin1Char('/') + QLatin1String(file)).isFile(), file);
        QCOMPARE(QFileInfo(prefix + QStringLiteral("/bin/hv")).symLinkTarget(), prefix + QStringLiteral("/bin/hubvault"));
        QCOMPARE(readText(prefix + QStringLiteral("/share/man/man1/hubvault.1")), readText(sourceDir() + QStringLiteral("/docs/hubvault.1")));
        const CliResult r = runProgram(prefix + QStringLiteral("/bin/hv"), {QStringLiteral("--version")});
        VERIFY_OK(r);
    }
};

QTEST_GUILESS_MAIN(TestCliDocs)
#include "tst_cli_docs.moc"
