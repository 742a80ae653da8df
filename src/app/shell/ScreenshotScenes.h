#pragma once
// The dialogs `hubvault-gui --screenshot FILE --dialog NAME` shows, each staged with sample
// input so that the documentation's screenshots show something worth seeing. They open
// through the workflows' public calls: the workflows know nothing of screenshots.

#include <QStringList>

class QWidget;

namespace hubvault::app {

class MainWindow;

namespace screenshots {

/** Every name `--dialog` accepts, sorted. */
QStringList dialogNames();

/**
 * Opens the named dialog over `window` (whose repository is open) and returns the widget
 * to capture, or nullptr for an unknown name. The widget's "busy" property is true while
 * its sample input is still being prepared.
 */
QWidget *openDialog(MainWindow &window, const QString &name);

} // namespace screenshots
} // namespace hubvault::app
