#pragma once
// The app's user interface language: the translation of the system locale (or the one
// given), compiled from translations/*.ts into :/i18n, plus Qt's own strings (standard
// buttons, dialogs) when the system has them installed.

#include <QLocale>

namespace hubvault::app {

/**
 * Installs the translators for `locale` on the application. Returns whether a HubVault
 * translation was found for it; English, the source language, needs none.
 */
bool installTranslations(const QLocale &locale = QLocale());

} // namespace hubvault::app
