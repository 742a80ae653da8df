// hubvault-diff-demo DIR: writes the diff dialog's demo repository (DiffDemoData.h) to DIR,
// for the docs' screenshots (hubvault-gui DIR --screenshot ... --dialog diff-text).

#include "DiffDemoData.h"

#include <QGuiApplication>
#include <QTextStream>

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv); // QPainter on QImage needs fonts and a platform
    if (argc != 2) {
        QTextStream(stderr) << "usage: hubvault-diff-demo DIR\n";
        return 2;
    }
    try {
        const QStringList ids = hubvault::test::diffdemo::create(QString::fromLocal8Bit(argv[1]));
        QTextStream(stdout) << ids.join(QLatin1Char('\n')) << Qt::endl;
    } catch (const hubvault::HubVaultError &e) {
        QTextStream(stderr) << e.message() << Qt::endl;
        return 1;
    }
    return 0;
}
