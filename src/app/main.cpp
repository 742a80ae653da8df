// hubvault-gui: the desktop repository browser.
//   hubvault-gui [REPOSITORY] [--screenshot FILE]
// With --screenshot the window is rendered once its data has loaded, saved as PNG, and
// the program exits; it then needs no display (the offscreen platform is chosen unless
// QT_QPA_PLATFORM says otherwise) and leaves the user's settings alone.

#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>
#include <QTimer>
#include <cstring>

using hubvault::app::MainWindow;

namespace {

// Five minutes covers listing a very large repository; a screenshot run must never hang CI.
constexpr int kScreenshotTimeoutMs = 5 * 60 * 1000;

bool wantsScreenshot(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--screenshot") == 0 || std::strncmp(argv[i], "--screenshot=", 13) == 0)
            return true;
    }
    return false;
}

void saveScreenshot(MainWindow &window, const QString &file)
{
    QTextStream err(stderr);
    if (!window.grab().save(file, "PNG")) {
        err << QCoreApplication::translate("main", "hubvault-gui: cannot write %1").arg(file) << Qt::endl;
        QCoreApplication::exit(1);
        return;
    }
    QCoreApplication::exit(0);
}

} // namespace

int main(int argc, char *argv[])
{
    // The platform is fixed when QApplication is constructed, so this must look at argv
    // before the real parser runs.
    const bool screenshot = wantsScreenshot(argc, argv);
    if (screenshot && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("HubVault"));
    QApplication::setApplicationName(QStringLiteral("hubvault-gui"));
    QApplication::setApplicationDisplayName(QStringLiteral("HubVault"));
    QApplication::setApplicationVersion(QStringLiteral(HUBVAULT_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hubvault.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Browse HubVault repositories: branches, tags and files."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("repository"),
                                 QCoreApplication::translate("main", "Repository directory to open."),
                                 QStringLiteral("[repository]"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save a PNG of the window once loaded to <file>, then exit."),
        QStringLiteral("file"));
    parser.addOption(screenshotOption);
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        parser.showHelp(2);
    const QString repository = positional.value(0);
    const QString screenshotFile = parser.value(screenshotOption);

    MainWindow window(screenshot ? MainWindow::Persistence::NoSettings : MainWindow::Persistence::UseSettings);
    if (screenshot)
        window.resize(1100, 640); // a fixed size, so screenshots compare between runs
    window.show();

    if (screenshot) {
        if (repository.isEmpty()) {
            QTimer::singleShot(0, &window, [&] { saveScreenshot(window, screenshotFile); });
        } else {
            // Queued, so the models' changes are laid out before the window is grabbed.
            QObject::connect(&window, &MainWindow::repositoryOpened, &window,
                             [&] { saveScreenshot(window, screenshotFile); }, Qt::QueuedConnection);
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
