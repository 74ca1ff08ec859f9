// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/io/Language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace {
// Texts of Qt's own that its Chinese catalogue (qt6-translations-l10n 6.4) lacks: the file
// dialogs' Type column says "Folder" for every folder, from this context (the catalogue has
// "Folder" only under Qt 5's QFileDialog). Listed here for lupdate: our catalogue, installed
// beside Qt's, answers Qt's lookup of them.
struct QtText {
    const char* source;
    const char* comment;
};
[[maybe_unused]] const QtText qtTextsMissingFromQtsCatalogue[] = {
    QT_TRANSLATE_NOOP3("QAbstractFileIconProvider", "Folder", "All other platforms"),
    QT_TRANSLATE_NOOP3("QAbstractFileIconProvider", "Drive", ""),
    QT_TRANSLATE_NOOP3("QAbstractFileIconProvider", "Unknown", ""),
};

QTranslator* translator = nullptr;
QTranslator* qtTranslator = nullptr; // Qt's own texts: standard buttons and dialogs
QString current = QStringLiteral("en");
} // namespace

QStringList availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString uiLanguage()
{
    return current;
}

QString installLanguage(const QString& language)
{
    QString wanted = language;
    if (wanted.isEmpty() || wanted == QLatin1String("system"))
        wanted = QLocale::system().name().startsWith(QLatin1String("zh")) ? QStringLiteral("zh_CN")
                                                                          : QStringLiteral("en");
    for (QTranslator** installed : {&translator, &qtTranslator})
        if (*installed) {
            QCoreApplication::removeTranslator(*installed);
            delete *installed;
            *installed = nullptr;
        }
    current = QStringLiteral("en");
    if (wanted == QLatin1String("en") || !availableLanguages().contains(wanted))
        return current;
    auto* loaded = new QTranslator;
    if (!loaded->load(QStringLiteral(":/i18n/sampling-explorer_%1.qm").arg(wanted))) {
        delete loaded;
        return current;
    }
    QCoreApplication::installTranslator(loaded);
    translator = loaded;
    auto* qt = new QTranslator;
    if (qt->load(QStringLiteral("qtbase_%1").arg(wanted), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        qtTranslator = qt;
    } else {
        delete qt; // Qt's translations are not installed: its standard buttons stay in English
    }
    current = wanted;
    return current;
}
