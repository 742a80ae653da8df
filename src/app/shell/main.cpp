// hubvault-gui: the desktop repository browser.
//   hubvault-gui [REPOSITORY] [--tab overview|history|files|storage] [--screenshot FILE [--dialog NAME]]
// With --screenshot the window is rendered once everything it shows has loaded, saved as
// PNG, and the program exits; it then needs no display (the offscreen platform is chosen
// unless QT_QPA_PLATFORM says otherwise) and leaves the user's settings alone.

#include "shell/AppResources.h"
#include "shell/AppTranslations.h"
#include "shell/MainWindow.h"
#include "shell/ScreenshotScenes.h"

#include <hubvault/Version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>
#include <QTimer>
#include <cstring>
#include <optional>

using hubvault::app::MainWindow;
namespace screenshots = hubvault::app::screenshots;

namespace {

// Five minutes covers listing a very large repository; a screenshot run must never hang CI.
constexpr int kScreenshotTimeoutMs = 5 * 60 * 1000;
// The window counts as loaded once it was idle at this many polls in a row: one idle
// moment is not enough, as finished work starts more (a ref selection, then its details).
constexpr int kIdlePollMs = 50;
constexpr int kIdleChecks = 3;

bool wantsScreenshot(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--screenshot") == 0 || std::strncmp(argv[i], "--screenshot=", 13) == 0)
            return true;
    }
    return false;
}

bool wantsVersion(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "-v") == 0 || std::strcmp(argv[i], "--version") == 0)
            return true;
    }
    return false;
}

void saveScreenshot(MainWindow &window, const QString &file)
{
    QCoreApplication::processEvents(); // pending layouts and repaints of the last results
    QTextStream err(stderr);
    if (!window.grab().save(file, "PNG")) {
        err << QCoreApplication::translate("main", "hubvault-gui: cannot write %1").arg(file) << Qt::endl;
        QCoreApplication::exit(1);
        return;
    }
    QCoreApplication::exit(0);
}

/** Opens `name`, waits until it is idle (its "busy" property false), and saves it. */
void screenshotDialog(MainWindow &window, const QString &name, const QString &file)
{
    QWidget *dialog = screenshots::openDialog(window, name);
    auto *idle = new QTimer(dialog);
    idle->setInterval(kIdlePollMs);
    QObject::connect(idle, &QTimer::timeout, dialog, [dialog, idle, file, quiet = 0]() mutable {
        quiet = dialog->property("busy").toBool() ? 0 : quiet + 1;
        if (quiet < kIdleChecks)
            return;
        idle->stop();
        QCoreApplication::processEvents();
        if (!dialog->grab().save(file, "PNG")) {
            QTextStream(stderr) << QCoreApplication::translate("main", "hubvault-gui: cannot write %1").arg(file)
                                << Qt::endl;
            QCoreApplication::exit(1);
            return;
        }
        QCoreApplication::exit(0);
    });
    idle->start();
}

} // namespace

int main(int argc, char *argv[])
{
    // Answered before QApplication exists, so that it works without a display (on a
    // server, in a bug report written over ssh).
    if (wantsVersion(argc, argv)) {
        QTextStream(stdout) << hubvault::versionText(QStringLiteral("hubvault-gui"));
        return 0;
    }
    // The platform is fixed when QApplication is constructed, so this must look at argv
    // before the real parser runs.
    const bool screenshot = wantsScreenshot(argc, argv);
    if (screenshot && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("HubVault"));
    QApplication::setApplicationName(QStringLiteral("hubvault-gui"));
    QApplication::setApplicationDisplayName(QStringLiteral("HubVault"));
    QApplication::setApplicationVersion(hubvault::version());
    // Wayland compositors match the window to hubvault-gui.desktop (its icon, its name) by this.
    QGuiApplication::setDesktopFileName(QStringLiteral("hubvault-gui"));
    hubvault::app::ensureResources();
    hubvault::app::installTranslations();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hubvault.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Browse HubVault repositories: history, branches, tags, files and storage."));
    parser.addHelpOption();
    // Listed for --help; wantsVersion() has answered it already.
    parser.addOption(QCommandLineOption({QStringLiteral("v"), QStringLiteral("version")},
                                        QCoreApplication::translate("main", "Displays version information.")));
    parser.addPositionalArgument(QStringLiteral("repository"),
                                 QCoreApplication::translate("main", "Repository directory to open."),
                                 QStringLiteral("[repository]"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save a PNG of the window once loaded to <file>, then exit."),
        QStringLiteral("file"));
    parser.addOption(screenshotOption);
    const QCommandLineOption tabOption(
        QStringLiteral("tab"),
        QCoreApplication::translate("main", "Start on tab <name>: overview, history, files or storage."),
        QStringLiteral("name"));
    parser.addOption(tabOption);
    const QCommandLineOption dialogOption(
        QStringLiteral("dialog"),
        QCoreApplication::translate("main", "With --screenshot: open dialog <name> once loaded and save it instead "
                                            "of the window (\"list\" prints the names)."),
        QStringLiteral("name"));
    parser.addOption(dialogOption);
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        parser.showHelp(2);
    const QString repository = positional.value(0);
    const QString screenshotFile = parser.value(screenshotOption);
    std::optional<MainWindow::Tab> tab;
    if (parser.isSet(tabOption)) {
        tab = MainWindow::tabFromName(parser.value(tabOption));
        if (!tab) {
            QTextStream(stderr) << QCoreApplication::translate(
                                       "main", "hubvault-gui: unknown tab “%1”; use overview, history, files or storage")
                                       .arg(parser.value(tabOption))
                                << Qt::endl;
            return 2;
        }
    }

    MainWindow window(screenshot ? MainWindow::Persistence::NoSettings : MainWindow::Persistence::UseSettings);
    if (screenshot)
        window.resize(1200, 760); // a fixed size, so screenshots compare between runs
    if (tab)
        window.setCurrentTab(*tab);
    window.show();

    const QString dialogName = parser.value(dialogOption);
    if (dialogName == QLatin1String("list")) {
        QTextStream(stdout) << screenshots::dialogNames().join(QLatin1Char('\n')) << Qt::endl;
        return 0;
    }
    if (!dialogName.isEmpty() && !screenshots::dialogNames().contains(dialogName)) {
        QTextStream(stderr) << QCoreApplication::translate("main", "hubvault-gui: unknown dialog “%1”; --dialog list "
                                                                   "prints the names")
                                   .arg(dialogName)
                            << Qt::endl;
        return 2;
    }

    if (screenshot) {
        if (repository.isEmpty()) {
            QTimer::singleShot(0, &window, [&] { saveScreenshot(window, screenshotFile); });
        } else {
            // Once opened, wait until every page, the graph and the selected commit's
            // details have arrived, then grab.
            auto *idle = new QTimer(&window);
            idle->setInterval(kIdlePollMs);
            QObject::connect(idle, &QTimer::timeout, &window,
                             [&window, idle, screenshotFile, dialogName, quiet = 0]() mutable {
                quiet = window.isBusy() ? 0 : quiet + 1;
                if (quiet < kIdleChecks)
                    return;
                idle->stop();
                if (dialogName.isEmpty())
                    saveScreenshot(window, screenshotFile);
                else
                    screenshotDialog(window, dialogName, screenshotFile);
            });
            QObject::connect(&window, &MainWindow::repositoryOpened, idle, qOverload<>(&QTimer::start));
            QObject::connect(&window, &MainWindow::errorReported, &window,
                             [](const QString &, const QString &message) {
                                 QTextStream(stderr) << "hubvault-gui: " << message << Qt::endl;
                                 QCoreApplication::exit(1);
                             });
        }
        QTimer::singleShot(kScreenshotTimeoutMs, &window, [] {
            QTextStream(stderr) << QCoreApplication::translate("main", "hubvault-gui: timed out loading")
                                << Qt::endl;
            QCoreApplication::exit(3);
        });
    }

    if (!repository.isEmpty())
        window.openRepository(repository);
    return app.exec();
}
