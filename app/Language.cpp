// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/Language.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace {
QTranslator* translator = nullptr;
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
    if (translator) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
        translator = nullptr;
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
    current = wanted;
    return current;
}
