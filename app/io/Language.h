// The language of the user interface: chosen from the system locale or the settings, and the
// translators that show it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

// The languages the application speaks, as locale names ("en", "zh_CN").
QStringList availableLanguages();

// The language in use (set by installLanguage), "en" before.
QString uiLanguage();

// Installs the translation for language ("" or "system": from the system locale; a language
// without a translation falls back to English). Returns the language in use.
QString installLanguage(const QString& language);
